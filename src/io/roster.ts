/**
 * A roster file's bytes (CSV with comma or semicolon, or a workbook) into agencies: the CLI's
 * --roster and the pane's "Danh sách đơn vị" read it alike.
 */
import { parse } from "csv-parse/sync";
import { sheetFromValues } from "../core/grid";
import type { Agency } from "../core/model";
import { rosterFromSheet } from "../core/roster";
import { readWorkbook } from "./read";

export async function rosterFromBytes(name: string, bytes: Uint8Array): Promise<Agency[]> {
  if (/\.csv$/i.test(name)) {
    const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
    const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
    // Excel on a Vietnamese Windows saves CSV with ";" (the list separator), elsewhere ",".
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
    const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
    const roster = rosterFromSheet(sheetFromValues("roster", records));
    if (!roster) throw new Error(`${name}: thiếu cột "Mã định danh" và "Tên đơn vị" / no "Mã định danh" and "Tên đơn vị" columns`);
    return roster;
  }
  const read = await readWorkbook(bytes);
  for (const sheet of read.grid?.sheets ?? []) {
    const roster = rosterFromSheet(sheet);
    if (roster) return roster;
  }
  throw new Error(`${name}: không tìm thấy danh sách đơn vị (cột "Mã định danh", "Tên đơn vị") / no roster found`);
}
