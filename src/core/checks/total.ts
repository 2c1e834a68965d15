/** The form has no grand total: people (training) and person-times (fostering) never add. */
import { type Finding, finding } from "../findings";
import { address } from "../grid";
import { isGrandTotalLabel } from "../catalogue";
import { type CheckContext, rowKey } from "./context";

export function isMixedTotalRow(ctx: CheckContext, index: number): boolean {
  return ctx.layout.form === "01/ĐTBD" && ctx.matched[index] === null && isGrandTotalLabel(ctx.rows[index].label || ctx.rows[index].tt);
}

export function totalMixedUnits(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  ctx.rows.forEach((row, index) => {
    if (!isMixedTotalRow(ctx, index)) return;
    const labelCell = address(row.excelRow, ctx.layout.byCode.get("B")?.col ?? 1);
    out.push(
      finding(
        "total.mixed-units",
        {
          vi: `Dòng ${row.excelRow} ("${row.label}") cộng chung người (đào tạo) và lượt người (bồi dưỡng). Biểu không có dòng tổng chung; dòng này không được cộng vào tổng hợp.`,
          en: `Row ${row.excelRow} ("${row.label}") adds people (training) and person-times (fostering). The form has no grand total; this row is not consolidated.`,
        },
        { sheet: ctx.sheet, cell: labelCell, row: rowKey(ctx, index) },
      ),
    );
  });
  return out;
}
