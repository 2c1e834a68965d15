/**
 * The core entry points the functions use. Interim: src/core/index.ts (attainment,
 * attainmentStatus, codeForLabel) is being written; until it lands these map to the core's
 * existing rateOf and rowForLabel.
 */
import { rowForLabel } from "../core/catalogue";
import { rateOf } from "../core/validate";

export const attainment = rateOf;

export function codeForLabel(label: string): string | null {
  return rowForLabel(label)?.code ?? null;
}

/** FORM-01-DTBD.md, "Attainment": over, met, under; actual without plan is outside the plan. */
export function attainmentStatus(actual: number, plan: number): string | null {
  const rate = rateOf(actual, plan);
  if (rate === null) return actual > 0 ? "Ngoài kế hoạch" : null;
  if (rate > 1) return "Vượt kế hoạch";
  if (rate === 1) return "Đạt";
  return "Chưa đạt";
}
