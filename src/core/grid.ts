/**
 * A plain, serialisable picture of a workbook: what every adapter (exceljs, Office.js, the
 * lean XML reader) produces and what every check consumes. Rows and columns are 1-based,
 * as in Excel, so that addresses in findings need no translation.
 */

export type CellValue = string | number | boolean | null;

export interface Cell {
  /** The stored value; for a formula, its cached result (null when none was stored). */
  value: CellValue;
  /** Formula text without the leading "=", when the cell holds a formula. */
  formula?: string;
  /** Excel error literal ("#REF!", "#DIV/0!", …) when the value is an error. */
  error?: string;
  /** True when the cell has a formula but the file carries no cached result. */
  noCachedValue?: boolean;
  numFmt?: string;
  font?: string;
  /** Bold text: a parent row in forms that show their tree by type weight. */
  bold?: boolean;
  /** Indent level of the cell's alignment: a child row in forms that show their tree by indentation. */
  indent?: number;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  /** rows[r - 1][c - 1]; rows and cells may be missing (sparse). */
  rows: (Array<Cell | undefined> | undefined)[];
  merges: CellRange[];
  hidden?: boolean;
  /** Column widths by column number (Excel's character units), where the file sets them. */
  columnWidths?: Record<number, number>;
  /** Set by readers that stopped early on a huge sheet; the rows kept are the first ones. */
  truncatedAtRow?: number;
}

export interface WorkbookGrid {
  sheets: Sheet[];
}

export function getCell(sheet: Sheet, row: number, col: number): Cell | undefined {
  return sheet.rows[row - 1]?.[col - 1];
}

export function setCell(sheet: Sheet, row: number, col: number, cell: Cell): void {
  let cells = sheet.rows[row - 1];
  if (!cells) {
    cells = [];
    sheet.rows[row - 1] = cells;
  }
  cells[col - 1] = cell;
}

export function rowCount(sheet: Sheet): number {
  return sheet.rows.length;
}

export function colCount(sheet: Sheet): number {
  let max = 0;
  for (const cells of sheet.rows) if (cells && cells.length > max) max = cells.length;
  return max;
}

export function columnLetter(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

export function parseAddress(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a1.trim());
  if (!m) return null;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

export function parseRange(ref: string): CellRange | null {
  const [a, b] = ref.split(":");
  const start = parseAddress(a);
  const end = b === undefined ? start : parseAddress(b);
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/** The merge whose area contains the cell, if any. */
export function mergeAt(sheet: Sheet, row: number, col: number): CellRange | undefined {
  return sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** The value shown at a cell, looking through merges to the merge's top-left cell. */
export function displayedCell(sheet: Sheet, row: number, col: number): Cell | undefined {
  const own = getCell(sheet, row, col);
  if (own && (own.value !== null || own.formula)) return own;
  const m = mergeAt(sheet, row, col);
  return m ? getCell(sheet, m.top, m.left) : own;
}

/** Build a sheet from a 2-D array of values: for tests, custom functions and the task pane. */
export function sheetFromValues(name: string, values: CellValue[][], fonts?: (string | undefined)[][]): Sheet {
  const sheet: Sheet = { name, rows: [], merges: [] };
  values.forEach((line, r) =>
    line.forEach((value, c) => {
      const font = fonts?.[r]?.[c];
      if (value === null || value === undefined || value === "") {
        if (font) setCell(sheet, r + 1, c + 1, { value: null, font });
        return;
      }
      setCell(sheet, r + 1, c + 1, font ? { value, font } : { value });
    }),
  );
  return sheet;
}
