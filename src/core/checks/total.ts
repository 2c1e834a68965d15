/** A form whose groups count different things (people, person-times) has no grand total. */
import { type Finding, finding } from "../findings";
import { isGrandTotalLabel } from "../catalogue";
import type { FormDefinition } from "../form/definition";
import { matchKey } from "../text/normalize";
import { type CheckContext, rowKey } from "./context";
import { labelCell } from "./row";

const mixedUnits = new WeakMap<FormDefinition, boolean>();

/** The definition's top-level rows count in more than one unit (form 01: Người and Lượt người). */
function topRowsMixUnits(definition: FormDefinition): boolean {
  let known = mixedUnits.get(definition);
  if (known === undefined) {
    const units = new Set(definition.rows.filter((r) => r.parent === null && r.unit).map((r) => matchKey(r.unit!)));
    known = units.size > 1;
    mixedUnits.set(definition, known);
  }
  return known;
}

export function isMixedTotalRow(ctx: CheckContext, index: number): boolean {
  return ctx.matched[index] === null && topRowsMixUnits(ctx.definition) && isGrandTotalLabel(ctx.rows[index].label || ctx.rows[index].tt);
}

export function totalMixedUnits(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  ctx.rows.forEach((row, index) => {
    if (!isMixedTotalRow(ctx, index)) return;
    out.push(
      finding(
        "total.mixed-units",
        {
          vi: `Dòng ${row.excelRow} ("${row.label}") cộng chung người (đào tạo) và lượt người (bồi dưỡng). Biểu không có dòng tổng chung; dòng này không được cộng vào tổng hợp.`,
          en: `Row ${row.excelRow} ("${row.label}") adds people (training) and person-times (fostering). The form has no grand total; this row is not consolidated.`,
        },
        { sheet: ctx.sheet, cell: labelCell(ctx, row.excelRow), row: rowKey(ctx, index) },
      ),
    );
  });
  return out;
}
