/**
 * Hostile and odd workbooks built byte by byte for the security tests, and a measure of what
 * reading one costs (time and peak memory).
 */
import { strToU8, zipSync } from "fflate";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface RawSheet {
  name: string;
  /** The whole worksheet part, or just the inside of <sheetData> (wrapped for you). */
  xml?: string;
  rows?: string;
  /** Inside of <mergeCells>, when `rows` is used. */
  merges?: string;
}

/** A minimal but valid .xlsx package holding the given worksheet XML, zipped with fflate. */
export function rawWorkbook(sheets: RawSheet[], extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const sheetXml = (s: RawSheet) =>
    s.xml ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>${s.rows ?? ""}</sheetData>${s.merges ? `<mergeCells>${s.merges}</mergeCells>` : ""}</worksheet>`;
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join("")}</Relationships>`,
  );
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s))));
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return zipSync(files, { level: 6 });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** One row of inline-string or number cells: `row(3, { A: "TT", C: 5 })`. */
export function row(r: number, cells: Record<string, string | number>): string {
  const body = Object.entries(cells)
    .map(([col, v]) =>
      typeof v === "number" ? `<c r="${col}${r}"><v>${v}</v></c>` : `<c r="${col}${r}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`,
    )
    .join("");
  return `<row r="${r}">${body}</row>`;
}

export interface Cost<T> {
  value: T;
  ms: number;
  /** Growth of the process's peak resident memory while `run` ran, in MiB (0 when below an earlier peak). */
  peakGrowthMiB: number;
}

/** Runs `run` and reports its wall time and how far it pushed the process's peak memory. */
export async function measure<T>(run: () => Promise<T> | T): Promise<Cost<T>> {
  const peakBefore = process.resourceUsage().maxRSS;
  const start = performance.now();
  const value = await run();
  const ms = performance.now() - start;
  const peakGrowthMiB = (process.resourceUsage().maxRSS - peakBefore) / 1024;
  return { value, ms, peakGrowthMiB };
}
