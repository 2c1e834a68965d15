/** Attainment typed on the form (13=6/1) against actual ÷ plan. */
import { type Finding, finding, formatPercentEn } from "../findings";
import { formatPercentVietnamese } from "../number";
import type { BodyRow } from "../body";
import type { LocatedColumn } from "../locate";
import { type CheckContext, rowKey } from "./context";

/** 0.05 percentage points: a typed rate rounded to one decimal of a percent still agrees. */
export const RATE_TOLERANCE = 0.0005;
export const RATE_OUTLIER = 3;

function ratioColumns(ctx: CheckContext): LocatedColumn[] {
  return ctx.layout.columns.filter((c) => c.rule?.kind === "ratio");
}

function computedRate(row: BodyRow, column: LocatedColumn): number | null {
  if (column.rule?.kind !== "ratio") return null;
  const actual = row.cells.get(column.rule.numerator)?.value;
  const plan = row.cells.get(column.rule.denominator)?.value;
  if (actual === null || actual === undefined || plan === null || plan === undefined || plan <= 0) return null;
  return actual / plan;
}

/** A rate may be typed as a ratio (0.957 shown as 95,7%) or as percent units (95.7). */
function typedAsRatio(value: number, numFmt: string | undefined, percentText: boolean, expected: number | null): number {
  if (percentText || (numFmt && numFmt.includes("%"))) return value;
  if (expected !== null && Math.abs(value / 100 - expected) <= RATE_TOLERANCE && Math.abs(value - expected) > RATE_TOLERANCE) return value / 100;
  return value;
}

export function rateMismatch(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const column of ratioColumns(ctx)) {
    ctx.rows.forEach((row, index) => {
      const cell = row.cells.get(column.code);
      if (!cell || cell.value === null || cell.reading.kind === "blank") return;
      const expected = computedRate(row, column);
      const percentText = cell.reading.kind === "number" && cell.reading.percent;
      const typed = typedAsRatio(cell.value, cell.cell?.numFmt, percentText, expected);
      const ok = expected === null ? typed === 0 : Math.abs(typed - expected) <= RATE_TOLERANCE;
      if (ok) return;
      out.push(
        finding(
          "rate.mismatch",
          expected === null
            ? {
                vi: `Ô ${cell.address}: ghi tỷ lệ ${formatPercentVietnamese(typed)} nhưng kế hoạch bằng 0 nên không có tỷ lệ. Hãy để trống ô này.`,
                en: `Cell ${cell.address}: a rate of ${formatPercentEn(typed)} is typed but the plan is 0, so there is no rate. Leave the cell blank.`,
              }
            : {
                vi: `Ô ${cell.address}: tỷ lệ ghi ${formatPercentVietnamese(typed)} khác thực hiện ÷ kế hoạch = ${formatPercentVietnamese(expected)}.`,
                en: `Cell ${cell.address}: the typed rate ${formatPercentEn(typed)} differs from actual ÷ plan = ${formatPercentEn(expected)}.`,
              },
          { sheet: ctx.sheet, cell: cell.address, row: rowKey(ctx, index), column: column.code, expected, actual: typed },
        ),
      );
    });
  }
  return out;
}

export function rateOutlier(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const column of ratioColumns(ctx)) {
    ctx.rows.forEach((row, index) => {
      const rate = computedRate(row, column);
      if (rate === null || rate <= RATE_OUTLIER) return;
      const cell = row.cells.get(column.code);
      const address = cell?.address ?? null;
      out.push(
        finding(
          "rate.outlier",
          {
            vi: `Dòng ${rowKey(ctx, index)}: tỷ lệ thực hiện ${formatPercentVietnamese(rate)} (trên 300%). Hãy kiểm tra lại kế hoạch và thực hiện.`,
            en: `Row ${rowKey(ctx, index)}: attainment ${formatPercentEn(rate)} (above 300%). Check the plan and the actual.`,
          },
          { sheet: ctx.sheet, cell: address, row: rowKey(ctx, index), column: column.code, actual: rate },
        ),
      );
    });
  }
  return out;
}
