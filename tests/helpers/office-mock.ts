/** Shared by the office-addin-mock tests: Excel's view of a sheet, and a sync counter. */
import type { Sheet } from "../../src/core/grid";

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

/** Makes a mocked worksheet answer for `sheet`: its used range, fonts and (no) merged areas. */
export function attachUsedRange(ws: any, sheet: Sheet): void {
  const used = usedRangeOf(sheet);
  ws.addMock("used");
  ws.used.populate({ ...used, fonts: undefined, merged: { address: "" } });
  ws.getUsedRange = () => ws.used;
  ws.used.getCellProperties = () => ({ value: used.fonts.map((line) => line.map((name) => ({ format: { font: { name } } }))) });
  ws.used.getMergedAreasOrNullObject = () => {
    ws.used.merged.isNullObject = true;
    return ws.used.merged;
  };
}
