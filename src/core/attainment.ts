/**
 * Attainment (thực hiện ÷ kế hoạch) and its status, as docs/form-01.md defines them. Rates
 * are always recomputed from plan and actual, never summed or averaged.
 */
import { messages } from "./i18n";

/** actual ÷ plan; no rate when the plan is 0 or blank (never a division error). */
export function rateOf(actual: number, plan: number): number | null {
  return plan > 0 ? actual / plan : null;
}

export type AttainmentStatus = "over" | "met" | "under" | "unplanned";

/** The statuses' names (DTBD.STATUS answers the Vietnamese ones in every language, so that formulas compare them as text). */
export const statusLabel = messages({
  over: { vi: "Vượt kế hoạch", en: "Over plan" },
  met: { vi: "Đạt", en: "Met" },
  under: { vi: "Chưa đạt", en: "Below plan" },
  unplanned: { vi: "Ngoài kế hoạch", en: "Outside the plan" },
} satisfies Record<AttainmentStatus, unknown>);

export const STATUS_LABEL = statusLabel.table;

/** Over, met or under the plan; actual without a plan is outside it; nothing at all has no status. */
export function attainmentStatus(actual: number, plan: number): AttainmentStatus | null {
  const rate = rateOf(actual, plan);
  if (rate === null) return actual > 0 ? "unplanned" : null;
  if (rate > 1) return "over";
  if (rate === 1) return "met";
  return "under";
}
