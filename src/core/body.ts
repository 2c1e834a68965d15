/**
 * Reads the table body into rows of parsed cells. Every numeric cell keeps how it was
 * read (number, text number, dash, formula without a result, error …) so that each cell
 * rule can report it, and so that sums use exactly the value the rules accepted.
 */
import { type Cell, address } from "./grid";
import { evaluatePlainFormula } from "./formula";
import { type ParsedNumber, parseCellNumber } from "./number";
import type { LocatedColumn, TableLayout } from "./locate";
import type { SheetView } from "./sheet-view";
import { isNumericKind } from "./form/definition";

export type CellReading =
  | ParsedNumber
  | { kind: "formula-error"; error: string }
  | { kind: "formula-no-value"; computed: number | null };

export interface BodyCell {
  column: LocatedColumn;
  address: string;
  cell: Cell | undefined;
  reading: CellReading;
  /** The value the checks and sums use; null when the cell cannot be read as a number, or only ambiguously. */
  value: number | null;
}

export interface BodyRow {
  excelRow: number;
  tt: string;
  label: string;
  /** Text of the Mã số cell as typed. */
  codeText: string;
  unit: string;
  /** Numeric cells by column code. */
  cells: Map<string, BodyCell>;
}

export function isNumericColumn(column: LocatedColumn): boolean {
  return isNumericKind(column.kind);
}

function valueOf(reading: CellReading): number | null {
  switch (reading.kind) {
    case "blank":
    case "dash":
      return 0;
    case "number":
      return reading.value;
    case "formula-no-value":
      return reading.computed;
    default:
      return null;
  }
}

function readCell(view: SheetView, row: number, column: LocatedColumn, depth: number): CellReading {
  const cell = view.cell(row, column.col);
  if (!cell) return { kind: "blank" };
  if (cell.error) return { kind: "formula-error", error: cell.error };
  if (cell.formula && cell.noCachedValue) {
    const result = evaluatePlainFormula(cell.formula, (r, c) => numberAt(view, r, c, depth + 1));
    return { kind: "formula-no-value", computed: "value" in result ? result.value : null };
  }
  if (typeof cell.value === "string") {
    const parsed = parseCellNumber(cell.value);
    if (parsed.kind === "invalid" && /^#[A-Z0-9/]+[!?]?$/.test(cell.value.trim())) return { kind: "formula-error", error: cell.value.trim() };
    return parsed;
  }
  return parseCellNumber(cell.value);
}

/** Formulas without results may refer to other such formulas; the depth bound stops long chains. */
const MAX_FORMULA_DEPTH = 8;

/**
 * Each referenced cell is worked out once per sheet: sixteen formulas summing each other
 * (E11:H14 = SUM(E11:H14), no cached results) otherwise cost 16^8 evaluations. A cell met
 * again while it is being worked out (a cycle) reads as null.
 */
const referencedValues = new WeakMap<SheetView, Map<number, number | null>>();

function numberAt(view: SheetView, row: number, col: number, depth: number): number | null {
  if (depth > MAX_FORMULA_DEPTH) return null;
  let known = referencedValues.get(view);
  if (!known) referencedValues.set(view, (known = new Map()));
  const key = row * 16384 + col;
  if (known.has(key)) return known.get(key) ?? null;
  known.set(key, null);
  const pseudo: LocatedColumn = { col, code: "", rule: null, group: "", label: "", kind: "number", integer: false };
  const value = valueOf(readCell(view, row, pseudo, depth));
  known.set(key, value);
  return value;
}

export function readBody(view: SheetView, layout: TableLayout): BodyRow[] {
  const colOf = (kind: LocatedColumn["kind"]) => layout.columns.find((c) => c.kind === kind)?.col;
  const ttCol = colOf("tt");
  const labelCol = colOf("label");
  const codeCol = colOf("code");
  const unitCol = colOf("unit");
  const numericColumns = layout.columns.filter(isNumericColumn);
  const rows: BodyRow[] = [];
  for (let r = layout.firstBodyRow; r <= layout.lastBodyRow; r++) {
    const cells = new Map<string, BodyCell>();
    let hasNumber = false;
    for (const column of numericColumns) {
      const reading = readCell(view, r, column, 0);
      if (reading.kind !== "blank") hasNumber = true;
      cells.set(column.code, { column, address: address(r, column.col), cell: view.cell(r, column.col), reading, value: valueOf(reading) });
    }
    const tt = ttCol ? view.ownText(r, ttCol) : "";
    const label = labelCol ? view.ownText(r, labelCol) : "";
    const codeText = codeCol ? view.ownText(r, codeCol) : "";
    const unit = unitCol ? view.ownText(r, unitCol) : "";
    if (!tt && !label && !codeText && !hasNumber) continue;
    rows.push({ excelRow: r, tt, label, codeText, unit, cells });
  }
  return rows;
}
