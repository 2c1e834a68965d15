/**
 * Finds a form's table wherever it starts: by its column-code row first, by its header
 * labels second, for each definition DTBD knows, and keeps the one that fits. Agencies insert
 * rows, add columns and move the header block, so no absolute position is trusted: columns
 * are found by their code, then by their header; the definition says which column is which.
 */
import type { CellValue } from "./grid";
import { type ColumnCode, type ColumnRule, isCodeRow, parseCodeRow } from "./coderow";
import type { ColumnKind, FormColumnDef, FormDefinition } from "./form/definition";
import { isNumericKind } from "./form/definition";
import { namesAnotherForm } from "./form/recognise";
import type { SheetView } from "./sheet-view";
import { matchKey } from "./text/normalize";

export interface LocatedColumn {
  col: number;
  code: string;
  /** The arithmetic the definition states for this column (a sum of parts, or a ratio). */
  rule: ColumnRule | null;
  /** Header texts found in the file: the top one and the bottom one. */
  group: string;
  label: string;
  kind: ColumnKind;
  /** Whole numbers only (people, person-times). */
  integer: boolean;
}

export interface TableLayout {
  definition: FormDefinition;
  /** The definition's id: "01/ĐTBD", "10-btctw" … */
  form: string;
  headerTop: number;
  codeRow: number | null;
  firstBodyRow: number;
  lastBodyRow: number;
  columns: LocatedColumn[];
  byCode: Map<string, LocatedColumn>;
  /** Columns of the definition that could not be found. */
  missing: FormColumnDef[];
}

/** How far down a sheet the header may start: forms carry at most a few dozen header lines. */
const HEADER_SCAN_ROWS = 200;
/** A run of blank rows this long ends a table that has no footer. */
const BLANK_RUN_END = 30;
/** How far right a table's header may reach: Excel 97-2003's 256 columns, far wider than any
 * form. A stray value in column XFD must not make every header scan 16,384 cells wide. */
const TABLE_SCAN_COLUMNS = 256;
/** Header rows above a code row: three-level headers and a spare line. */
const MAX_HEADER_ROWS = 5;

export function scanWidth(view: SheetView, row: number): number {
  return Math.min(view.colCount(row), TABLE_SCAN_COLUMNS);
}

const FOOTER_PATTERNS = [/\bngay\b.*\bthang\b.*\bnam\b/, /^nguoi lap( bieu)?$/, /^thu truong( don vi)?$/, /^nguoi lap bieu\b/, /^thu truong don vi\b/];

export function rowValues(view: SheetView, row: number): CellValue[] {
  const width = scanWidth(view, row);
  const out: CellValue[] = [];
  for (let c = 1; c <= width; c++) {
    const cell = view.cell(row, c);
    out.push(typeof cell?.value === "string" ? view.ownText(row, c) : (cell?.value ?? null));
  }
  return out;
}

// The label scan asks about every header cell against every definition column: the columns'
// keys are computed once, and the cell's key once per run of questions about the same text.
const columnKeys = new WeakMap<FormColumnDef, { group: string | null; labels: string[] }>();
let lastText = "";
let lastKey = "";

function keysOf(column: FormColumnDef): { group: string | null; labels: string[] } {
  let keys = columnKeys.get(column);
  if (!keys) {
    const header = column.header.filter((h) => h !== "");
    const label = header[header.length - 1] ?? "";
    keys = {
      group: header.length > 1 ? matchKey(header[0]) : null,
      labels: [label, ...(column.variants ?? [])].map(matchKey).filter((k) => k !== ""),
    };
    columnKeys.set(column, keys);
  }
  return keys;
}

function labelMatches(text: string, column: FormColumnDef, which: "label" | "group"): boolean {
  if (text !== lastText) {
    lastText = text;
    lastKey = matchKey(text);
  }
  const key = lastKey;
  if (!key) return false;
  const keys = keysOf(column);
  if (which === "group") return keys.group !== null && key === keys.group;
  return keys.labels.includes(key);
}

/** The rule a definition states for a column: the sum it totals, or the ratio it shows. */
export function ruleOf(definition: FormDefinition, code: string): ColumnRule | null {
  for (const r of definition.relations) {
    if (r.kind === "sum" && r.total === code) return { kind: "sum", terms: r.parts };
    if (r.kind === "ratio" && r.result === code) return { kind: "ratio", numerator: r.numerator, denominator: r.denominator };
  }
  return null;
}

function sameRule(a: ColumnRule | null, b: ColumnRule | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === "sum" && b.kind === "sum") return a.terms.length === b.terms.length && a.terms.every((t, i) => t === b.terms[i]);
  if (a.kind === "ratio" && b.kind === "ratio") return a.numerator === b.numerator && a.denominator === b.denominator;
  return false;
}

/** The file's code for a column agrees with the definition: same id, and the same rule or none. */
function sameCode(found: ColumnCode, column: FormColumnDef, rule: ColumnRule | null): boolean {
  return found.id === column.code && (found.rule === null || sameRule(found.rule, rule));
}

export function headerLabels(view: SheetView, headerTop: number, lastHeaderRow: number, col: number): { group: string; label: string } {
  const top = view.text(headerTop, col);
  const bottom = lastHeaderRow > headerTop ? view.text(lastHeaderRow, col) : top;
  return { group: top, label: bottom || top };
}

/**
 * The first row of the header block above a code row: the nearest run of rows whose labels
 * (through merges) span a good part of the table's width. A line such as "Đơn vị báo cáo: …"
 * beside "Đvt: người" has two labels but spans little, and is not a header row.
 */
export function findHeaderTop(view: SheetView, codeRow: number): number {
  let top = codeRow;
  const width = Math.max(1, scanWidth(view, codeRow));
  for (let r = codeRow - 1; r >= Math.max(1, codeRow - MAX_HEADER_ROWS); r--) {
    let labelled = 0;
    let spanned = 0;
    for (let c = 1; c <= width; c++) {
      if (view.ownText(r, c)) labelled++;
      if (view.text(r, c)) spanned++;
    }
    if (labelled < 2 || spanned < HEADER_SPAN * width) break;
    top = r;
  }
  return top;
}

/** Share of the table's columns a header row's labels must span. */
const HEADER_SPAN = 0.3;

interface ColumnMapping {
  columns: LocatedColumn[];
  missing: FormColumnDef[];
  byCodeMatches: number;
  byLabelMatches: number;
}

function mapColumns(view: SheetView, definition: FormDefinition, headerTop: number, lastHeaderRow: number, codes: (ColumnCode | null)[]): ColumnMapping {
  const width = Math.max(codes.length, scanWidth(view, headerTop), scanWidth(view, lastHeaderRow));
  const taken = new Set<number>();
  const columns: LocatedColumn[] = [];
  const missing: FormColumnDef[] = [];
  let byCodeMatches = 0;
  let byLabelMatches = 0;
  for (const column of definition.columns) {
    const rule = ruleOf(definition, column.code);
    let col = 0;
    for (let c = 1; c <= width && !col; c++) {
      const code = codes[c - 1];
      if (!taken.has(c) && code && sameCode(code, column, rule)) col = c;
    }
    if (col) byCodeMatches++;
    else {
      const grouped = keysOf(column).group !== null;
      for (let c = 1; c <= width && !col; c++) {
        if (taken.has(c)) continue;
        const { group, label } = headerLabels(view, headerTop, lastHeaderRow, c);
        const groupOk = !grouped || labelMatches(group, column, "group");
        if (groupOk && (labelMatches(label, column, "label") || (!grouped && labelMatches(group, column, "label")))) col = c;
      }
      if (col) byLabelMatches++;
    }
    if (!col) {
      missing.push(column);
      continue;
    }
    taken.add(col);
    const { group, label } = headerLabels(view, headerTop, lastHeaderRow, col);
    columns.push({ col, code: column.code, rule, group, label, kind: column.kind, integer: column.integer === true });
  }
  return { columns, missing, byCodeMatches, byLabelMatches };
}

/**
 * Enough of the definition's columns are there: three in five in all, and (with a code row)
 * three in ten by their code. A table that shares a few headers with a form is not that form.
 */
function fits(definition: FormDefinition, mapping: ColumnMapping, byCodeRow: boolean): boolean {
  const n = definition.columns.length;
  const numeric = definition.columns.filter((c) => isNumericKind(c.kind)).length;
  const numericFound = mapping.columns.filter((c) => isNumericKind(c.kind)).length;
  if (numericFound === 0 || numericFound < Math.min(numeric, 2)) return false;
  const matched = mapping.byCodeMatches + mapping.byLabelMatches;
  if (byCodeRow) return matched >= Math.ceil(0.6 * n) && mapping.byCodeMatches >= Math.ceil(0.3 * n);
  return mapping.byLabelMatches >= Math.ceil(0.6 * n);
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

export function findBodyEnd(view: SheetView, firstBodyRow: number, columns: LocatedColumn[]): number {
  let last = firstBodyRow - 1;
  let blankRun = 0;
  const numericColumns = columns.filter((c) => isNumericKind(c.kind));
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

export function finishLayout(
  view: SheetView,
  definition: FormDefinition,
  headerTop: number,
  codeRow: number | null,
  firstBodyRow: number,
  columns: LocatedColumn[],
  missing: FormColumnDef[],
): TableLayout {
  const lastBodyRow = findBodyEnd(view, firstBodyRow, columns);
  return {
    definition,
    form: definition.id,
    headerTop,
    codeRow,
    firstBodyRow,
    lastBodyRow,
    columns,
    byCode: new Map(columns.map((c) => [c.code, c])),
    missing,
  };
}

/** Rows that read as a column-code row, top down. */
export function codeRows(view: SheetView, limit: number): { row: number; codes: (ColumnCode | null)[] }[] {
  const out: { row: number; codes: (ColumnCode | null)[] }[] = [];
  for (let r = 1; r <= limit; r++) {
    const values = rowValues(view, r);
    if (isCodeRow(values)) out.push({ row: r, codes: parseCodeRow(values).codes });
  }
  return out;
}

function locateByCodeRow(view: SheetView, definition: FormDefinition, candidates: { row: number; codes: (ColumnCode | null)[] }[]): TableLayout | null {
  for (const { row, codes } of candidates) {
    const headerTop = findHeaderTop(view, row);
    const lastHeaderRow = Math.max(headerTop, row - 1);
    const mapping = mapColumns(view, definition, headerTop, lastHeaderRow, codes);
    if (fits(definition, mapping, true)) return finishLayout(view, definition, headerTop, row, row + 1, mapping.columns, mapping.missing);
  }
  return null;
}

function headerDepth(definition: FormDefinition): number {
  let depth = 1;
  for (const c of definition.columns) depth = Math.max(depth, c.header.filter((h) => h !== "").length);
  return Math.min(depth, MAX_HEADER_ROWS);
}

/** Without a code row: the definition's header labels (for form 01: TT, Mã số, Kế hoạch năm, Thực hiện …). */
function locateByLabels(view: SheetView, definition: FormDefinition, limit: number): TableLayout | null {
  const depth = headerDepth(definition);
  const needed = Math.min(4, definition.columns.length);
  for (let r = 1; r <= limit; r++) {
    const width = scanWidth(view, r);
    let hits = 0;
    for (let c = 1; c <= width; c++) {
      const text = view.text(r, c);
      if (text && definition.columns.some((col) => labelMatches(text, col, "label") || labelMatches(text, col, "group"))) hits++;
    }
    if (hits < needed) continue;
    // The header's bottom row: one with a "Tổng số"-like sub-header within the definition's depth.
    let lastHeaderRow = r;
    for (let d = 1; d < depth; d++) {
      const next = r + d;
      const sub = [...Array(scanWidth(view, next)).keys()].some((i) => {
        const text = view.ownText(next, i + 1);
        return text !== "" && definition.columns.some((col) => col.header.length > 1 && labelMatches(text, col, "label"));
      });
      if (sub) lastHeaderRow = next;
    }
    const mapping = mapColumns(view, definition, r, lastHeaderRow, []);
    if (!fits(definition, mapping, false)) continue;
    let firstBodyRow = lastHeaderRow + 1;
    if (isCodeRow(rowValues(view, firstBodyRow))) firstBodyRow++;
    return finishLayout(view, definition, r, null, firstBodyRow, mapping.columns, mapping.missing);
  }
  return null;
}

export interface LocateOptions {
  /** How far down the header may start. */
  headerScanRows?: number;
  /** Also try the header labels when there is no code row (the costly part on a long list). */
  byLabels?: boolean;
}

/** A quick look for another copy of a form: its code row near the top (~0.07 ms for a 200-row list, against ~1 ms). */
export const QUICK_LOOK: LocateOptions = { headerScanRows: 40, byLabels: false };

export function scanLimit(view: SheetView, options: LocateOptions = {}): number {
  return Math.min(view.rowCount, options.headerScanRows ?? HEADER_SCAN_ROWS);
}

/**
 * The table of the first definition that fits the sheet, by code row, then by labels. The
 * definitions come in order of preference (a user's first, then the built-in ones).
 */
export function locateTable(view: SheetView, definitions: readonly FormDefinition[], options: LocateOptions = {}): TableLayout | null {
  const limit = scanLimit(view, options);
  const candidates = codeRows(view, limit);
  // A table that fits a definition's columns but names another form number is not that form.
  const recognised = (layout: TableLayout | null) => (layout && !namesAnotherForm(view, layout.headerTop, layout.definition) ? layout : null);
  if (candidates.length > 0) {
    for (const definition of definitions) {
      const layout = recognised(locateByCodeRow(view, definition, candidates));
      if (layout) return layout;
    }
  }
  if (options.byLabels === false) return null;
  for (const definition of definitions) {
    const layout = recognised(locateByLabels(view, definition, limit));
    if (layout) return layout;
  }
  return null;
}
