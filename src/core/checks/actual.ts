/** Actual without a plan: reported as "ngoài kế hoạch" (outside the plan), never as a division error. */
import { type Finding, finding } from "../findings";
import { formatVietnamese } from "../number";
import { type CheckContext, rowKey } from "./context";

export function actualUnplanned(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const column of ctx.layout.columns) {
    if (column.rule?.kind !== "ratio") continue;
    const { numerator, denominator } = column.rule;
    ctx.rows.forEach((row, index) => {
      const actual = row.cells.get(numerator);
      const plan = row.cells.get(denominator)?.value;
      if (!actual || actual.value === null || actual.value <= 0 || plan === null || (plan ?? 0) > 0) return;
      out.push(
        finding(
          "actual.unplanned",
          {
            vi: `Dòng ${rowKey(ctx, index)}: thực hiện ${formatVietnamese(actual.value)} nhưng không có kế hoạch (ngoài kế hoạch).`,
            en: `Row ${rowKey(ctx, index)}: actual ${actual.value} with no plan (outside the plan).`,
          },
          { sheet: ctx.sheet, cell: actual.address, row: rowKey(ctx, index), column: numerator, actual: actual.value },
        ),
      );
    });
  }
  return out;
}
