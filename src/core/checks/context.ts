/** What every check receives: one located table, its body and its header. */
import type { BodyCell, BodyRow } from "../body";
import type { FormDefinition, FormRowDef } from "../form/definition";
import type { HeaderInfo } from "../header";
import type { TableLayout } from "../locate";
import type { SheetView } from "../sheet-view";
import { formatVietnamese } from "../number";
import { ttLevel } from "../hierarchy";

export interface RowLink {
  parent: number | null;
  relation: "sum" | "subset" | null;
}

export interface CheckContext {
  sheet: string;
  view: SheetView;
  layout: TableLayout;
  /** The form the table was read as: its columns' arithmetic, its rows and their tree. */
  definition: FormDefinition;
  header: HeaderInfo;
  rows: BodyRow[];
  /** The definition's row each body row matched (index-aligned with rows), null for none. */
  matched: (FormRowDef | null)[];
  /** The first body row for each of the definition's row keys. */
  byKey: Map<string, BodyRow>;
  /** Each row's parent and how it counts towards it, from the definition (index-aligned with rows). */
  links: RowLink[];
  /** "Chia ra:" and "Trong đó:" rows without data of their own: structure, not rows of the form. */
  structural: boolean[];
}

/** The key a finding's `row` field carries: the Mã số, else the TT number, else the label (a "-" names no row). */
export function rowKey(ctx: CheckContext, index: number): string | null {
  const row = ctx.rows[index];
  const numbered = row.tt && ttLevel(row.tt) !== null && ttLevel(row.tt)! < 4 ? row.tt : "";
  return ctx.matched[index]?.code ?? (row.codeText || numbered || row.label || row.tt || null);
}

export function numericCells(row: BodyRow): BodyCell[] {
  return [...row.cells.values()];
}

/** Tolerance for comparing sums: money has one decimal, floating point adds dust. */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A number for messages, without floating-point dust: 0.1 + 0.2 shows as "0,3". */
export function shown(n: number): string {
  return formatVietnamese(Number(n.toPrecision(12)));
}
