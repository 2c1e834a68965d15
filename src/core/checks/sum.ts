/** Sum rules: a column rule of the code row (1=2+3+4+5), and a parent row against its children. */
import { type Finding, finding } from "../findings";
import { type CheckContext, shown, nearlyEqual, rowKey } from "./context";
import { isMixedTotalRow } from "./total";

export function sumColumns(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const rules = ctx.layout.columns.filter((c) => c.rule?.kind === "sum");
  ctx.rows.forEach((row, index) => {
    if (isMixedTotalRow(ctx, index)) return;
    for (const column of rules) {
      if (column.rule?.kind !== "sum") continue;
      const total = row.cells.get(column.code);
      const terms = column.rule.terms.map((t) => row.cells.get(t));
      if (!total || total.value === null || terms.some((t) => !t || t.value === null)) continue;
      const expected = terms.reduce((s, t) => s + (t!.value ?? 0), 0);
      if (nearlyEqual(expected, total.value)) continue;
      const termList = column.rule.terms.join("+");
      out.push(
        finding(
          "sum.columns",
          {
            vi: `Ô ${total.address}: cột ${column.code} (${columnName(column)}) khác tổng các cột ${termList}: ${shown(total.value)} ≠ ${shown(expected)}.`,
            en: `Cell ${total.address}: column ${column.code} (${columnName(column)}) differs from the sum of columns ${termList}: ${total.value} ≠ ${expected}.`,
          },
          { sheet: ctx.sheet, cell: total.address, row: rowKey(ctx, index), column: column.code, expected, actual: total.value },
        ),
      );
    }
  });
  return out;
}

/** Index → indices of the rows that add up to it, from the definition's row tree. */
export function sumChildren(ctx: CheckContext): Map<number, number[]> {
  const children = new Map<number, number[]>();
  ctx.links.forEach((link, index) => {
    if (link.parent === null || link.relation !== "sum") return;
    const list = children.get(link.parent) ?? [];
    list.push(index);
    children.set(link.parent, list);
  });
  return children;
}

export function sumRows(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const columns = ctx.layout.columns.filter((c) => c.kind === "number" && c.rule?.kind !== "ratio");
  for (const [parentIndex, kids] of sumChildren(ctx)) {
    const parent = ctx.rows[parentIndex];
    for (const column of columns) {
      const total = parent.cells.get(column.code);
      if (!total || total.value === null) continue;
      const expected = childrenSum(ctx, kids, column.code);
      if (expected === null || nearlyEqual(expected, total.value)) continue;
      const childKeys = kids.map((k) => rowKey(ctx, k)).join("+");
      out.push(
        finding(
          "sum.rows",
          {
            vi: `Ô ${total.address}: dòng ${rowKey(ctx, parentIndex)} khác tổng các dòng con (${childKeys}) ở cột ${column.code}: ${shown(total.value)} ≠ ${shown(expected)}.`,
            en: `Cell ${total.address}: row ${rowKey(ctx, parentIndex)} differs from the sum of its child rows (${childKeys}) in column ${column.code}: ${total.value} ≠ ${expected}.`,
          },
          { sheet: ctx.sheet, cell: total.address, row: rowKey(ctx, parentIndex), column: column.code, expected, actual: total.value },
        ),
      );
    }
  }
  return out;
}

/**
 * The children's sum in one column (a missing cell counts as 0), or null when a child's value
 * cannot be read: that cell has its own finding, and the sum would only repeat it. A plain
 * loop: this runs for every parent row and column of every form.
 */
function childrenSum(ctx: CheckContext, kids: number[], code: string): number | null {
  let sum = 0;
  for (const k of kids) {
    const cell = ctx.rows[k].cells.get(code);
    if (!cell) continue;
    if (cell.value === null) return null;
    sum += cell.value;
  }
  return sum;
}

function columnName(column: { group: string; label: string }): string {
  return column.group && column.group !== column.label ? `${column.group} – ${column.label}` : column.label || column.group;
}
