/** Reading a roster file (CSV with comma or semicolon, or XLSX) into agencies. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { sheetFromValues } from "../core/grid";
import type { Agency } from "../core/model";
import { rosterFromSheet } from "../core/roster";
import { readWorkbook } from "../io/read";

export async function readRoster(file: string): Promise<Agency[]> {
  const bytes = await fs.readFile(file);
  if (path.extname(file).toLowerCase() === ".csv") {
    const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
    const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
    const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
    const roster = rosterFromSheet(sheetFromValues("roster", records));
    if (!roster) throw new Error(`${file}: thiếu cột "Mã định danh" và "Tên đơn vị" / no "Mã định danh" and "Tên đơn vị" columns`);
    return roster;
  }
  const read = await readWorkbook(new Uint8Array(bytes));
  for (const sheet of read.grid?.sheets ?? []) {
    const roster = rosterFromSheet(sheet);
    if (roster) return roster;
  }
  throw new Error(`${file}: không tìm thấy danh sách đơn vị (cột "Mã định danh", "Tên đơn vị") / no roster found`);
}
