/**
 * An agency's line in `Theo đơn vị` (form 01/ĐTBD): training and fostering plan and actual
 * (Mã số 01 and 14, columns 1 and 6) and the budget over both groups. The report writes these
 * figures; the comparison with last year reads them back from last year's report.
 */
import type { Message } from "./findings";
import { ACTUAL_TOTAL, FORM01_COLUMNS, FORM01_GROUPS, PLAN_TOTAL } from "./form01";
import type { ColumnValues } from "./model";

export interface AgencyFigures {
  trainingPlan: number;
  trainingActual: number;
  fosteringPlan: number;
  fosteringActual: number;
  budgetPlan: number;
  budgetActual: number;
}

export type AgencyFigure = keyof AgencyFigures;

/** In the sheet's order. */
export const AGENCY_FIGURES: readonly AgencyFigure[] = ["trainingPlan", "trainingActual", "fosteringPlan", "fosteringActual", "budgetPlan", "budgetActual"];

const [TRAINING, FOSTERING] = FORM01_GROUPS;
const MONEY_COLUMNS = FORM01_COLUMNS.filter((c) => c.kind === "money").map((c) => c.code);

/** Where each figure comes from in the form: the Mã số (null: both groups) and the column code. */
export const AGENCY_FIGURE_SOURCE: Record<AgencyFigure, { row: string | null; column: string }> = {
  trainingPlan: { row: TRAINING.code, column: PLAN_TOTAL },
  trainingActual: { row: TRAINING.code, column: ACTUAL_TOTAL },
  fosteringPlan: { row: FOSTERING.code, column: PLAN_TOTAL },
  fosteringActual: { row: FOSTERING.code, column: ACTUAL_TOTAL },
  budgetPlan: { row: null, column: MONEY_COLUMNS[0] },
  budgetActual: { row: null, column: MONEY_COLUMNS[1] },
};

/** The figure's name in messages: "đào tạo – thực hiện (Mã số 01, cột 6)". */
export const AGENCY_FIGURE_NAME: Record<AgencyFigure, Message> = {
  trainingPlan: { vi: "đào tạo – kế hoạch (Mã số 01, cột 1, người)", en: "training – plan (row 01, column 1, people)" },
  trainingActual: { vi: "đào tạo – thực hiện (Mã số 01, cột 6, người)", en: "training – actual (row 01, column 6, people)" },
  fosteringPlan: { vi: "bồi dưỡng – kế hoạch (Mã số 14, cột 1, lượt người)", en: "fostering – plan (row 14, column 1, person-times)" },
  fosteringActual: { vi: "bồi dưỡng – thực hiện (Mã số 14, cột 6, lượt người)", en: "fostering – actual (row 14, column 6, person-times)" },
  budgetPlan: { vi: "kinh phí – kế hoạch (cột 14, triệu đồng)", en: "budget – plan (column 14, million VND)" },
  budgetActual: { vi: "kinh phí – thực hiện (cột 15, triệu đồng)", en: "budget – actual (column 15, million VND)" },
};

/** Rounds away binary noise (0.1 + 0.2), as the writers do for cached results. */
function clean(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

export function agencyFigures(rows: Record<string, ColumnValues> | undefined): AgencyFigures | null {
  if (!rows) return null;
  const v = (row: string, col: string): number => Number(rows[row]?.[col] ?? 0) || 0;
  // Budget is money, so adding it across the two groups is meaningful (unlike headcounts).
  const money = (col: string): number => clean(FORM01_GROUPS.reduce((s, g) => s + v(g.code, col), 0));
  return {
    trainingPlan: v(TRAINING.code, PLAN_TOTAL),
    trainingActual: v(TRAINING.code, ACTUAL_TOTAL),
    fosteringPlan: v(FOSTERING.code, PLAN_TOTAL),
    fosteringActual: v(FOSTERING.code, ACTUAL_TOTAL),
    budgetPlan: money(MONEY_COLUMNS[0]),
    budgetActual: money(MONEY_COLUMNS[1]),
  };
}
