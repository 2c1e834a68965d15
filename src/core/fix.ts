/**
 * The safe fixes the task pane offers (numbers stored as text, legacy text to Unicode, a
 * recomputed rate column), planned as plain cell edits. Pure: the Office.js and exceljs
 * adapters write the edits; applyEdits plays them on a grid so that a fix can be checked
 * by validating again. Only cells a finding points at (or, for the rate, the one column a
 * finding points at) are ever edited, and text is never written as a formula.
 */
import type { Finding, FindingCode } from "./findings";
import { type Cell, type Sheet, type WorkbookGrid, address, getCell, parseAddress, setCell } from "./grid";
import { parseCellNumber } from "./number";
import { convertCellText } from "./text/legacy";
import { type LocatedForm, locateForms } from "./validate";

export type FixKind = "text-number" | "legacy-text" | "rate";

export const FIX_KINDS: readonly FixKind[] = ["text-number", "legacy-text", "rate"];

export interface CellEdit {
  sheet: string;
  /** A1 address on `sheet`. */
  cell: string;
  /** The new value; with `formula`, the formula's result where it could be computed. */
  value?: number | string;
  /** Formula text without the leading "=". */
  formula?: string;
  font?: string;
  numFmt?: string;
}

/** Which fix answers a finding code (a formula error is fixed only in a rate column). */
export const FIX_KIND_OF_CODE: Partial<Record<FindingCode, FixKind>> = {
  "cell.text-number": "text-number",
  "text.legacy-encoding": "legacy-text",
  "rate.mismatch": "rate",
  "cell.formula-error": "rate",
};

/** Legacy text converted to Unicode needs a Unicode font: .VnTime would draw it as gibberish. */
export const UNICODE_FONT = "Times New Roman";
export const PERCENT_FORMAT = "0.0%";
/** A number written into a cell formatted as Text ("@") would be stored as text again. */
const GENERAL_FORMAT = "General";

const RATE_CODES = new Set<FindingCode>(["rate.mismatch", "cell.formula-error"]);

function sheetByName(grid: WorkbookGrid): Map<string, Sheet> {
  return new Map(grid.sheets.map((s) => [s.name, s]));
}

function cellAt(sheet: Sheet, a1: string): Cell | undefined {
  const at = parseAddress(a1);
  return at ? getCell(sheet, at.row, at.col) : undefined;
}

function textNumberEdits(sheets: Map<string, Sheet>, findings: readonly Finding[]): CellEdit[] {
  const edits: CellEdit[] = [];
  for (const f of findings) {
    if (f.code !== "cell.text-number" || !f.sheet || !f.cell) continue;
    const sheet = sheets.get(f.sheet);
    const cell = sheet && cellAt(sheet, f.cell);
    // A formula that returns text is the author's choice; overwriting it with its value is not safe.
    if (!cell || cell.formula || typeof cell.value !== "string") continue;
    const parsed = parseCellNumber(cell.value);
    if (parsed.kind !== "number" || !parsed.fromText) continue;
    const edit: CellEdit = { sheet: f.sheet, cell: f.cell, value: parsed.value };
    if (parsed.percent) edit.numFmt = PERCENT_FORMAT;
    else if (cell.numFmt === "@") edit.numFmt = GENERAL_FORMAT;
    edits.push(edit);
  }
  return edits;
}

/**
 * Every legacy-encoded text cell of the sheets a text.legacy-encoding finding names, not only
 * the cells the checks happened to read (the footer, notes and titles are converted too).
 */
function legacyTextEdits(sheets: Map<string, Sheet>, findings: readonly Finding[]): CellEdit[] {
  const names = new Set(findings.filter((f) => f.code === "text.legacy-encoding" && f.sheet).map((f) => f.sheet!));
  const edits: CellEdit[] = [];
  for (const name of names) {
    const sheet = sheets.get(name);
    if (!sheet) continue;
    sheet.rows.forEach((cells, r) =>
      cells?.forEach((cell, c) => {
        if (!cell || cell.formula || typeof cell.value !== "string") return;
        const converted = convertCellText(cell.value, cell.font);
        if (!converted.encoding) return;
        edits.push({ sheet: name, cell: address(r + 1, c + 1), value: converted.text, font: UNICODE_FONT });
      }),
    );
  }
  return edits;
}

/** The rate columns (code-row rule "13=6/1") that a rate.mismatch or a formula error points at. */
function rateEdits(grid: WorkbookGrid, findings: readonly Finding[]): CellEdit[] {
  const flagged = findings.filter((f) => RATE_CODES.has(f.code) && f.sheet && f.column);
  if (flagged.length === 0) return [];
  const edits: CellEdit[] = [];
  for (const form of locateForms(grid)) {
    for (const column of form.layout.columns) {
      if (column.rule?.kind !== "ratio") continue;
      if (!flagged.some((f) => f.sheet === form.sheet && f.column === column.code)) continue;
      edits.push(...rateColumnEdits(form, column.col, column.rule.numerator, column.rule.denominator));
    }
  }
  return edits;
}

function rateColumnEdits(form: LocatedForm, col: number, numerator: string, denominator: string): CellEdit[] {
  const actualColumn = form.layout.byCode.get(numerator);
  const planColumn = form.layout.byCode.get(denominator);
  if (!actualColumn || !planColumn) return [];
  return form.rows.map((row) => {
    const actual = address(row.excelRow, actualColumn.col);
    const plan = address(row.excelRow, planColumn.col);
    // The template's own formula: blank rather than #DIV/0! where nothing was planned.
    const edit: CellEdit = {
      sheet: form.sheet,
      cell: address(row.excelRow, col),
      formula: `IF(${plan}>0,${actual}/${plan},"")`,
      numFmt: PERCENT_FORMAT,
    };
    const planValue = row.cells.get(denominator)?.value;
    const actualValue = row.cells.get(numerator)?.value;
    if (planValue !== null && planValue !== undefined && actualValue !== null && actualValue !== undefined) {
      edit.value = planValue > 0 ? actualValue / planValue : "";
    }
    return edit;
  });
}

/**
 * The edits that fix the given findings, for the chosen kinds of fix. One edit per cell: a
 * cell both stored as text and in a recomputed rate column gets the rate formula.
 */
export function planFixes(grid: WorkbookGrid, findings: readonly Finding[], kinds: readonly FixKind[] = FIX_KINDS): CellEdit[] {
  const sheets = sheetByName(grid);
  const planned: CellEdit[] = [];
  if (kinds.includes("text-number")) planned.push(...textNumberEdits(sheets, findings));
  if (kinds.includes("legacy-text")) planned.push(...legacyTextEdits(sheets, findings));
  if (kinds.includes("rate")) planned.push(...rateEdits(grid, findings));
  const byCell = new Map<string, CellEdit>();
  for (const edit of planned) {
    const key = `${edit.sheet}\u0000${edit.cell}`;
    byCell.delete(key);
    byCell.set(key, edit);
  }
  return [...byCell.values()];
}

/** A fix the pane can offer on one group of findings (one code on one sheet). */
export interface FixOffer {
  sheet: string | null;
  code: FindingCode;
  kind: FixKind;
  /** How many cells the fix edits. */
  cells: number;
}

/** The fixes available for the findings, one per fixable finding code and sheet. */
export function fixOffers(grid: WorkbookGrid, findings: readonly Finding[]): FixOffer[] {
  const groups = new Map<string, { sheet: string | null; code: FindingCode; kind: FixKind; findings: Finding[] }>();
  for (const f of findings) {
    const kind = FIX_KIND_OF_CODE[f.code];
    if (!kind) continue;
    const key = `${f.sheet ?? ""}\u0000${f.code}`;
    const group = groups.get(key) ?? { sheet: f.sheet, code: f.code, kind, findings: [] };
    group.findings.push(f);
    groups.set(key, group);
  }
  const offers: FixOffer[] = [];
  for (const group of groups.values()) {
    const cells = planFixes(grid, group.findings, [group.kind]).length;
    if (cells > 0) offers.push({ sheet: group.sheet, code: group.code, kind: group.kind, cells });
  }
  return offers;
}

/** The findings a fix offer answers. */
export function findingsOfOffer(findings: readonly Finding[], offer: Pick<FixOffer, "sheet" | "code">): Finding[] {
  return findings.filter((f) => f.code === offer.code && f.sheet === offer.sheet);
}

/** A copy of the grid with the edits made, as Excel would hold them after writing; the input is left as it was. */
export function applyEdits(grid: WorkbookGrid, edits: readonly CellEdit[]): WorkbookGrid {
  const copies = new Map<string, Sheet>();
  const sheets = grid.sheets.map((sheet) => {
    const copy: Sheet = { ...sheet, rows: sheet.rows.map((cells) => (cells ? [...cells] : cells)), merges: [...sheet.merges] };
    copies.set(sheet.name, copy);
    return copy;
  });
  for (const edit of edits) {
    const sheet = copies.get(edit.sheet);
    const at = parseAddress(edit.cell);
    if (!sheet || !at) continue;
    const cell: Cell = { ...(getCell(sheet, at.row, at.col) ?? { value: null }) };
    if (edit.formula !== undefined) {
      cell.formula = edit.formula;
      delete cell.error;
      cell.value = edit.value ?? null;
      if (edit.value === undefined) cell.noCachedValue = true;
      else delete cell.noCachedValue;
    } else if (edit.value !== undefined) {
      cell.value = edit.value;
      delete cell.formula;
      delete cell.error;
      delete cell.noCachedValue;
    }
    if (edit.font !== undefined) cell.font = edit.font;
    if (edit.numFmt !== undefined) {
      if (edit.numFmt === GENERAL_FORMAT) delete cell.numFmt;
      else cell.numFmt = edit.numFmt;
    }
    setCell(sheet, at.row, at.col, cell);
  }
  return { sheets };
}
