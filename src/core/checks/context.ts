/** What every check receives: one located table, its body and its header. */
import type { BodyCell, BodyRow } from "../body";
import type { FormRow } from "../form01";
import type { HeaderInfo } from "../header";
import type { TableLayout } from "../locate";
import type { SheetView } from "../sheet-view";
import { formatVietnamese } from "../number";

export interface RowLink {
  parent: number | null;
  relation: "sum" | "subset" | null;
}

export interface CheckContext {
  sheet: string;
  view: SheetView;
  layout: TableLayout;
  header: HeaderInfo;
  rows: BodyRow[];
  /** Form 01 only: the catalogue row each body row matched (index-aligned with rows). */
  matched: (FormRow | null)[];
  /** Form 01 only: the first body row for each Mã số. */
  byCode: Map<string, BodyRow>;
  /** Generic forms: each row's parent from the TT column (index-aligned with rows). */
  links: RowLink[];
}

/** The key a finding's `row` field carries: the Mã số, else the TT, else the label. */
export function rowKey(ctx: CheckContext, index: number): string | null {
  const row = ctx.rows[index];
  return ctx.matched[index]?.code ?? (row.codeText || row.tt || row.label || null);
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
