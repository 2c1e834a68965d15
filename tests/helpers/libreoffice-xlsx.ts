/**
 * A workbook opened in LibreOffice, every formula recalculated, and saved again as .xlsx: what
 * an agency's copy looks like after someone types figures into it and a spreadsheet program
 * saves it (totals and rates recomputed and stored).
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { SOFFICE } from "./libreoffice";

const run = promisify(execFile);

export async function recalculatedXlsx(bytes: Uint8Array): Promise<Uint8Array> {
  if (!SOFFICE) throw new Error("LibreOffice (soffice) is not installed");
  const dir = mkdtempSync(join(tmpdir(), "lo-xlsx-"));
  try {
    const user = join(dir, "profile", "user");
    mkdirSync(user, { recursive: true });
    // OOXMLRecalcMode 0: always recalculate on load (LibreOffice's default keeps cached results).
    writeFileSync(
      join(user, "registrymodifications.xcu"),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
    const input = join(dir, "in", "book.xlsx");
    mkdirSync(join(dir, "in"));
    writeFileSync(input, bytes);
    const out = join(dir, "out");
    await run(
      SOFFICE,
      ["--headless", "--norestore", "--nolockcheck", `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, input],
      { timeout: 120_000 },
    );
    return new Uint8Array(readFileSync(join(out, "book.xlsx")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
