/** "Trong đó" (of which) values are parts of a total, never added, and never larger than it. */
import { type Finding, finding } from "../findings";
import type { LocatedColumn, TableLayout } from "../locate";
import { type CheckContext, shown, rowKey } from "./context";

/** Subset column → the total column it belongs to, as the definition states them. */
export function subsetColumnPairs(layout: TableLayout): [LocatedColumn, LocatedColumn][] {
  const pairs: [LocatedColumn, LocatedColumn][] = [];
  for (const relation of layout.definition.relations) {
    if (relation.kind !== "subset") continue;
    const part = layout.byCode.get(relation.part);
    const total = layout.byCode.get(relation.total);
    if (part && total) pairs.push([part, total]);
  }
  return pairs;
}

function exceeds(ctx: CheckContext, index: number, partCode: string, part: number, total: number, address: string, what: { vi: string; en: string }): Finding {
  return finding(
    "subset.exceeds",
    {
      vi: `Ô ${address}: giá trị "trong đó" (${shown(part)}) lớn hơn ${what.vi} (${shown(total)}).`,
      en: `Cell ${address}: the "of which" value (${part}) is larger than ${what.en} (${total}).`,
    },
    { sheet: ctx.sheet, cell: address, row: rowKey(ctx, index), column: partCode, expected: total, actual: part },
  );
}

export function subsetExceeds(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const pairs = subsetColumnPairs(ctx.layout);
  ctx.rows.forEach((row, index) => {
    for (const [partColumn, totalColumn] of pairs) {
      const part = row.cells.get(partColumn.code);
      const total = row.cells.get(totalColumn.code);
      if (!part || !total || part.value === null || total.value === null || part.value <= total.value) continue;
      out.push(
        exceeds(ctx, index, partColumn.code, part.value, total.value, part.address, {
          vi: `cột tổng ${totalColumn.code} của nó`,
          en: `its total column ${totalColumn.code}`,
        }),
      );
    }
  });
  ctx.links.forEach((link, index) => {
    if (link.relation !== "subset" || link.parent === null) return;
    const parent = ctx.rows[link.parent];
    for (const [code, cell] of ctx.rows[index].cells) {
      const total = parent.cells.get(code);
      if (cell.column.rule?.kind === "ratio" || !total || cell.value === null || total.value === null || cell.value <= total.value) continue;
      out.push(
        exceeds(ctx, index, code, cell.value, total.value, cell.address, {
          vi: `dòng tổng ${rowKey(ctx, link.parent)} của nó`,
          en: `its total row ${rowKey(ctx, link.parent)}`,
        }),
      );
    }
  });
  return out;
}
