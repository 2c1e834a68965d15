/** Shared by the office-addin-mock tests: Excel's view of a sheet, and a sync counter. */
import { type Sheet, address } from "../../src/core/grid";

/** What Excel's Range API reports for the used range of a sheet. */
export function usedRangeOf(sheet: Sheet) {
  let top = Infinity, left = Infinity, bottom = 0, right = 0;
  sheet.rows.forEach((cells, r) =>
    cells?.forEach((cell, c) => {
      if (!cell || (cell.value === null && !cell.formula && !cell.error)) return;
      top = Math.min(top, r + 1); left = Math.min(left, c + 1);
      bottom = Math.max(bottom, r + 1); right = Math.max(right, c + 1);
    }),
  );
  const grid = <T,>(fn: (r: number, c: number) => T) =>
    Array.from({ length: bottom - top + 1 }, (_, i) => Array.from({ length: right - left + 1 }, (_, j) => fn(top + i, left + j)));
  const at = (r: number, c: number) => sheet.rows[r - 1]?.[c - 1];
  return {
    rowIndex: top - 1,
    columnIndex: left - 1,
    values: grid((r, c) => at(r, c)?.error ?? at(r, c)?.value ?? ""),
    formulas: grid((r, c) => (at(r, c)?.formula ? `=${at(r, c)!.formula}` : (at(r, c)?.error ?? at(r, c)?.value ?? ""))),
    numberFormat: grid((r, c) => at(r, c)?.numFmt ?? "General"),
    valueTypes: grid((r, c) => {
      const cell = at(r, c);
      if (cell?.error) return "Error";
      const v = cell?.value;
      return v === null || v === undefined ? "Empty" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
    }),
    fonts: grid((r, c) => at(r, c)?.font ?? "Calibri"),
    /** What getCellProperties gives for font name, bold and indent. */
    cellFormats: grid((r, c) => ({ font: { name: at(r, c)?.font ?? "Calibri", bold: at(r, c)?.bold ?? false }, indentLevel: at(r, c)?.indent ?? 0 })),
    /** What getColumnProperties gives: widths in points (Excel's default 8.43 characters is 48 pt). */
    columnFormats: Array.from({ length: right - left + 1 }, (_, j) => ({ format: { columnWidth: (sheet.columnWidths?.[left + j] ?? 8.43) * 5.25 } })),
  };
}

/** Office's document settings as Excel keeps them: a map of copies, saved (here in memory) by saveAsync; `saved` counts the saves. */
export function documentSettings() {
  const values = new Map<string, unknown>();
  const saved: number[] = [];
  return {
    saved,
    get: (n: string) => structuredClone(values.get(n) ?? null),
    set: (n: string, v: unknown) => void values.set(n, structuredClone(v)),
    remove: (n: string) => void values.delete(n),
    saveAsync: (cb?: (r: { status: string }) => void) => {
      saved.push(values.size);
      cb?.({ status: "succeeded" });
    },
  };
}

export function countSyncs(context: { sync: () => Promise<void> }): { count: number } {
  const counter = { count: 0 };
  const original = context.sync.bind(context);
  context.sync = async () => {
    counter.count++;
    await original();
  };
  return counter;
}

/** Makes a mocked worksheet answer for `sheet`: its used range, fonts, bold, indent, widths and merged areas. */
export function attachUsedRange(ws: any, sheet: Sheet): void {
  const used = usedRangeOf(sheet);
  ws.addMock("used");
  // Excel names merged areas with the sheet: "'Biểu 10'!A8:A10, 'Biểu 10'!B8:B10".
  const merged = sheet.merges.map((m) => `'${sheet.name.replace(/'/g, "''")}'!${address(m.top, m.left)}:${address(m.bottom, m.right)}`).join(", ");
  ws.used.populate({ ...used, fonts: undefined, cellFormats: undefined, columnFormats: undefined, merged: { address: merged } });
  ws.getUsedRange = () => ws.used;
  ws.used.getCellProperties = () => ({ value: used.cellFormats.map((line) => line.map((format) => ({ format }))) });
  ws.used.getColumnProperties = () => ({ value: used.columnFormats });
  ws.used.getMergedAreasOrNullObject = () => {
    ws.used.merged.isNullObject = merged === "";
    return ws.used.merged;
  };
}
