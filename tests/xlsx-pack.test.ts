/**
 * The CLI packs its report with Node's zlib (src/cli/xlsx-pack.ts) instead of exceljs's
 * JSZip: every part must be the same XML, and the archive must open in exceljs and in
 * LibreOffice with the same cells as the one exceljs packs.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { nativeZipPacker } from "../src/cli/xlsx-pack";
import { writeConsolidatedReport } from "../src/io/report";
import { sampleConsolidation } from "./helpers/consolidation";
import { SKIP_WITHOUT_SOFFICE, convertToCsv } from "./helpers/libreoffice";

/** Parts by name, with what differs from one write to the next (time stamps, data-bar ids) blanked. */
function parts(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (name.endsWith("/")) continue; // JSZip lists folders; no reader needs them
    const text = new TextDecoder().decode(data)
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, "TIME")
      .replace(/\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}/g, "{ID}");
    out.set(name, text);
  }
  return out;
}

describe("native zip packer", () => {
  it("writes the same parts as exceljs's own writer, deflated", async () => {
    const result = sampleConsolidation();
    const jszip = await writeConsolidatedReport(result);
    const native = await writeConsolidatedReport(result, { pack: nativeZipPacker });
    expect(parts(native)).toEqual(parts(jszip));
    expect(native.length).toBeLessThan(jszip.length * 1.1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(native as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"]);
  });

  it("leaves exceljs's writer as it was (the next default write still uses JSZip)", async () => {
    const result = sampleConsolidation();
    await writeConsolidatedReport(result, { pack: nativeZipPacker });
    // Without charts exceljs's writer zips the package itself (with charts its parts are re-zipped after the edit).
    const after = await writeConsolidatedReport(result, { charts: false });
    expect(Object.keys(unzipSync(after))).toContain("xl/"); // JSZip's folder entries
  });

  it.skipIf(SKIP_WITHOUT_SOFFICE)("opens in LibreOffice with the same cells as exceljs's archive", async () => {
    const result = sampleConsolidation();
    const [a, b] = await Promise.all([
      convertToCsv(await writeConsolidatedReport(result, { pack: nativeZipPacker }), { recalc: false }),
      convertToCsv(await writeConsolidatedReport(result), { recalc: false }),
    ]);
    expect([...a.keys()]).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"]);
    for (const name of b.keys()) expect(a.get(name)!.rows, name).toEqual(b.get(name)!.rows);
  }, 180_000); // two LibreOffice conversions; a loaded 2-core machine takes minutes, a hang takes forever
});
