/**
 * Attainment (thực hiện ÷ kế hoạch) and its status, as FORM-01-DTBD.md defines them. Rates
 * are always recomputed from plan and actual, never summed or averaged.
 */
import type { Lang } from "./findings";

/** actual ÷ plan; no rate when the plan is 0 or blank (never a division error). */
export function rateOf(actual: number, plan: number): number | null {
  return plan > 0 ? actual / plan : null;
}

export type AttainmentStatus = "over" | "met" | "under" | "unplanned";

export const STATUS_LABEL: Record<AttainmentStatus, Record<Lang, string>> = {
  over: { vi: "Vượt kế hoạch", en: "Above plan" },
  met: { vi: "Đạt", en: "Met" },
  under: { vi: "Chưa đạt", en: "Below plan" },
  unplanned: { vi: "Ngoài kế hoạch", en: "Outside the plan" },
};

/** Over, met or under the plan; actual without a plan is outside it; nothing at all has no status. */
export function attainmentStatus(actual: number, plan: number): AttainmentStatus | null {
  const rate = rateOf(actual, plan);
  if (rate === null) return actual > 0 ? "unplanned" : null;
  if (rate > 1) return "over";
  if (rate === 1) return "met";
  return "under";
}
