/**
 * Finds a form's table wherever it starts: by its column-code row first, by its header
 * labels second. Agencies insert rows, add columns and move the header block, so no
 * absolute position is trusted.
 */
import type { CellValue } from "./grid";
import { type ColumnCode, type ColumnRule, isCodeRow, parseCodeRow } from "./coderow";
import { FORM01_COLUMNS, type FormColumn } from "./form01";
import type { SheetView } from "./sheet-view";
import { matchKey } from "./text/normalize";

export interface LocatedColumn {
  col: number;
  code: string;
  rule: ColumnRule | null;
  group: string;
  label: string;
  /** Sheet-relative kind; "number" for any numeric column of a generic form. */
  kind: FormColumn["kind"] | "number" | "text";
}

export interface TableLayout {
  form: "01/ĐTBD" | "generic";
  headerTop: number;
  codeRow: number | null;
  firstBodyRow: number;
  lastBodyRow: number;
  columns: LocatedColumn[];
  byCode: Map<string, LocatedColumn>;
  /** Form 01 columns that could not be found. */
  missing: FormColumn[];
}

/** How far down a sheet the header may start: forms carry at most a few dozen header lines. */
const HEADER_SCAN_ROWS = 200;
/** A run of blank rows this long ends a table that has no footer. */
const BLANK_RUN_END = 30;
/** How far right a table's header may reach: Excel 97-2003's 256 columns, far wider than any
 * form. A stray value in column XFD must not make every header scan 16,384 cells wide. */
const TABLE_SCAN_COLUMNS = 256;

function scanWidth(view: SheetView, row: number): number {
  return Math.min(view.colCount(row), TABLE_SCAN_COLUMNS);
}

const FOOTER_PATTERNS = [/\bngay\b.*\bthang\b.*\bnam\b/, /^nguoi lap( bieu)?$/, /^thu truong( don vi)?$/, /^nguoi lap bieu\b/, /^thu truong don vi\b/];

function rowValues(view: SheetView, row: number): CellValue[] {
  const width = scanWidth(view, row);
  const out: CellValue[] = [];
  for (let c = 1; c <= width; c++) {
    const cell = view.cell(row, c);
    out.push(typeof cell?.value === "string" ? view.ownText(row, c) : (cell?.value ?? null));
  }
  return out;
}

// The label scan asks about every header cell against every form column: the columns' keys
// are computed once, and the cell's key once per run of questions about the same text.
const columnKeys = new Map<FormColumn, { group: string | null; labels: string[] }>();
let lastText = "";
let lastKey = "";

function labelMatches(text: string, column: FormColumn, which: "label" | "group"): boolean {
  if (text !== lastText) {
    lastText = text;
    lastKey = matchKey(text);
  }
  const key = lastKey;
  if (!key) return false;
  let keys = columnKeys.get(column);
  if (!keys) {
    keys = { group: column.group === null ? null : matchKey(column.group), labels: [column.label, ...(column.variants ?? [])].map(matchKey) };
    columnKeys.set(column, keys);
  }
  if (which === "group") return keys.group !== null && key === keys.group;
  return keys.labels.includes(key);
}

function sameCode(found: ColumnCode, column: FormColumn): boolean {
  const expected = parseCodeRow([column.codeText]).codes[0];
  if (!expected || expected.id !== found.id) return false;
  return JSON.stringify(expected.rule) === JSON.stringify(found.rule) || found.rule === null;
}

function headerLabels(view: SheetView, headerTop: number, lastHeaderRow: number, col: number): { group: string; label: string } {
  const top = view.text(headerTop, col);
  const bottom = lastHeaderRow > headerTop ? view.text(lastHeaderRow, col) : top;
  return { group: top, label: bottom || top };
}

/** The first row of the header block above a code row: the nearest run of labelled rows. */
function findHeaderTop(view: SheetView, codeRow: number): number {
  let top = codeRow;
  for (let r = codeRow - 1; r >= Math.max(1, codeRow - 4); r--) {
    const width = scanWidth(view, r);
    let labelled = 0;
    for (let c = 1; c <= width; c++) if (view.text(r, c)) labelled++;
    if (labelled < 2) break;
    top = r;
  }
  return top;
}

function mapForm01Columns(view: SheetView, headerTop: number, lastHeaderRow: number, codes: (ColumnCode | null)[]): {
  columns: LocatedColumn[];
  missing: FormColumn[];
  byCodeMatches: number;
  byLabelMatches: number;
} {
  const width = Math.max(codes.length, scanWidth(view, headerTop), scanWidth(view, lastHeaderRow));
  const taken = new Set<number>();
  const columns: LocatedColumn[] = [];
  const missing: FormColumn[] = [];
  let byCodeMatches = 0;
  let byLabelMatches = 0;
  for (const column of FORM01_COLUMNS) {
    let col = 0;
    for (let c = 1; c <= width && !col; c++) {
      const code = codes[c - 1];
      if (!taken.has(c) && code && sameCode(code, column)) col = c;
    }
    if (col) byCodeMatches++;
    else {
      for (let c = 1; c <= width && !col; c++) {
        if (taken.has(c)) continue;
        const { group, label } = headerLabels(view, headerTop, lastHeaderRow, c);
        const groupOk = column.group === null || labelMatches(group, column, "group");
        if (groupOk && (labelMatches(label, column, "label") || (column.group === null && labelMatches(group, column, "label"))))
          col = c;
      }
      if (col) byLabelMatches++;
    }
    if (!col) {
      missing.push(column);
      continue;
    }
    taken.add(col);
    const { group, label } = headerLabels(view, headerTop, lastHeaderRow, col);
    const rule = parseCodeRow([column.codeText]).codes[0]?.rule ?? null;
    columns.push({ col, code: column.code, rule, group, label, kind: column.kind });
  }
  return { columns, missing, byCodeMatches, byLabelMatches };
}

function mapGenericColumns(view: SheetView, headerTop: number, codeRow: number, codes: (ColumnCode | null)[]): LocatedColumn[] {
  const columns: LocatedColumn[] = [];
  codes.forEach((code, i) => {
    if (!code) return;
    const col = i + 1;
    const { group, label } = headerLabels(view, headerTop, codeRow - 1, col);
    const numeric = /^\d+$/.test(code.id);
    columns.push({ col, code: code.id, rule: code.rule, group, label, kind: numeric ? "number" : "text" });
  });
  return columns;
}

function isFooterRow(view: SheetView, row: number): boolean {
  const width = Math.min(view.colCount(row), 40);
  for (let c = 1; c <= width; c++) {
    // Only text can be a footer line; numbers are most of a body row and never match.
    if (typeof view.cell(row, c)?.value !== "string") continue;
    const key = matchKey(view.ownText(row, c));
    if (key && FOOTER_PATTERNS.some((p) => p.test(key))) return true;
  }
  return false;
}

function rowHasContent(view: SheetView, row: number, columns: LocatedColumn[]): boolean {
  for (const column of columns) {
    const cell = view.cell(row, column.col);
    if (!cell) continue;
    if (cell.formula || cell.error) return true;
    if (typeof cell.value === "number" || typeof cell.value === "boolean") return true;
    if (typeof cell.value === "string" && view.ownText(row, column.col) !== "") return true;
  }
  return false;
}

/** A number or formula in a numeric column: a body row, never a footer line. */
function rowHasNumber(view: SheetView, row: number, numericColumns: LocatedColumn[]): boolean {
  for (const column of numericColumns) {
    const cell = view.cell(row, column.col);
    if (cell && (typeof cell.value === "number" || cell.formula)) return true;
  }
  return false;
}

function findBodyEnd(view: SheetView, firstBodyRow: number, columns: LocatedColumn[]): number {
  let last = firstBodyRow - 1;
  let blankRun = 0;
  const numericColumns = columns.filter((c) => c.kind === "headcount" || c.kind === "money" || c.kind === "number");
  for (let r = firstBodyRow; r <= view.rowCount; r++) {
    if (rowHasNumber(view, r, numericColumns)) {
      last = r;
      blankRun = 0;
      continue;
    }
    if (isFooterRow(view, r)) break;
    if (rowHasContent(view, r, columns)) {
      last = r;
      blankRun = 0;
    } else if (++blankRun >= BLANK_RUN_END) break;
  }
  return last;
}

function finishLayout(
  view: SheetView,
  form: TableLayout["form"],
  headerTop: number,
  codeRow: number | null,
  firstBodyRow: number,
  columns: LocatedColumn[],
  missing: FormColumn[],
): TableLayout {
  const lastBodyRow = findBodyEnd(view, firstBodyRow, columns);
  return {
    form,
    headerTop,
    codeRow,
    firstBodyRow,
    lastBodyRow,
    columns,
    byCode: new Map(columns.map((c) => [c.code, c])),
    missing,
  };
}

/** Minimum columns matched for a table to count as form 01/ĐTBD rather than a generic form. */
const FORM01_MIN_MATCHED = 12;

function locateByCodeRow(view: SheetView, limit: number): TableLayout | null {
  for (let r = 1; r <= limit; r++) {
    const values = rowValues(view, r);
    if (!isCodeRow(values)) continue;
    const { codes } = parseCodeRow(values);
    const headerTop = findHeaderTop(view, r);
    const lastHeaderRow = Math.max(headerTop, r - 1);
    const form01 = mapForm01Columns(view, headerTop, lastHeaderRow, codes);
    if (form01.byCodeMatches + form01.byLabelMatches >= FORM01_MIN_MATCHED && form01.byCodeMatches >= 6)
      return finishLayout(view, "01/ĐTBD", headerTop, r, r + 1, form01.columns, form01.missing);
    const generic = mapGenericColumns(view, headerTop, r, codes);
    if (generic.some((c) => c.kind === "number")) return finishLayout(view, "generic", headerTop, r, r + 1, generic, []);
  }
  return null;
}

/** Without a code row: the form's header labels (TT, Mã số, Kế hoạch năm, Thực hiện …). */
function locateByLabels(view: SheetView, limit: number): TableLayout | null {
  for (let r = 1; r <= limit; r++) {
    const width = scanWidth(view, r);
    let hits = 0;
    for (let c = 1; c <= width; c++) {
      const text = view.text(r, c);
      if (text && FORM01_COLUMNS.some((col) => labelMatches(text, col, "label") || labelMatches(text, col, "group"))) hits++;
    }
    if (hits < 4) continue;
    const next = r + 1;
    const twoLevel = [...Array(scanWidth(view, next)).keys()].some((i) => matchKey(view.ownText(next, i + 1)) === "tong so");
    const lastHeaderRow = twoLevel ? next : r;
    const form01 = mapForm01Columns(view, r, lastHeaderRow, []);
    if (form01.byLabelMatches < FORM01_MIN_MATCHED) continue;
    let firstBodyRow = lastHeaderRow + 1;
    if (isCodeRow(rowValues(view, firstBodyRow))) firstBodyRow++;
    return finishLayout(view, "01/ĐTBD", r, null, firstBodyRow, form01.columns, form01.missing);
  }
  return null;
}

export interface LocateOptions {
  /** How far down the header may start. */
  headerScanRows?: number;
  /** Also try the header labels when there is no code row (the costly part on a long list). */
  byLabels?: boolean;
}

/** A quick look for another copy of the form: its code row near the top (~0.07 ms for a 200-row list, against ~1 ms). */
export const QUICK_LOOK: LocateOptions = { headerScanRows: 40, byLabels: false };

export function locateTable(view: SheetView, options: LocateOptions = {}): TableLayout | null {
  const limit = Math.min(view.rowCount, options.headerScanRows ?? HEADER_SCAN_ROWS);
  const byCode = locateByCodeRow(view, limit);
  if (byCode?.form === "01/ĐTBD" || options.byLabels === false) return byCode;
  return locateByLabels(view, limit) ?? byCode;
}
