/**
 * trend.*: an agency's figure against the same figure in last year's report. Not errors: a
 * jump or a fall may be real (a new programme, an agency merged into another), but a
 * consolidator asks the agency before signing, because a typo (an extra zero, a figure in
 * the wrong row) looks exactly like this. Consolidation-level: they compare two years of one
 * agency, not the cells of one file.
 */
import { AGENCY_FIGURE_NAME, AGENCY_FIGURE_SOURCE, type AgencyFigure } from "./agency-figures";
import { type Finding, finding } from "./findings";
import type { Agency } from "./model";
import { formatEnglish, formatVietnamese } from "./number";

/** More than this many times last year's figure is a jump. */
export const TREND_JUMP_FACTOR = 3;
/** From 0 to more than this (or from more than this to 0) is a jump (a drop). */
export const TREND_FROM_ZERO = 50;

export interface TrendSubject {
  agency: Agency | null;
  /** The agency's form sheet, where the figure is. */
  sheet: string | null;
  figure: AgencyFigure;
  previousYear: number;
  year: number;
  previous: number;
  current: number;
}

function agencyName(agency: Agency | null): string {
  return [agency?.name, agency?.code].filter(Boolean).join(" – ") || "?";
}

function where(s: TrendSubject) {
  const source = AGENCY_FIGURE_SOURCE[s.figure];
  return { sheet: s.sheet, row: source.row, column: source.column, expected: s.previous, actual: s.current };
}

/** trend.jump: more than 3× last year, or from 0 to more than 50. */
export function trendJump(s: TrendSubject): Finding | null {
  const fromZero = s.previous === 0 && s.current > TREND_FROM_ZERO;
  const times = s.previous > 0 && s.current > TREND_JUMP_FACTOR * s.previous;
  if (!fromZero && !times) return null;
  const name = AGENCY_FIGURE_NAME[s.figure];
  const vi = formatVietnamese;
  const en = (n: number) => formatEnglish(n);
  return finding(
    "trend.jump",
    fromZero
      ? {
          vi: `${agencyName(s.agency)}: ${name.vi} năm ${s.year} là ${vi(s.current)}, năm ${s.previousYear} là 0. Hãy hỏi lại đơn vị trước khi ký báo cáo.`,
          en: `${agencyName(s.agency)}: ${name.en} is ${en(s.current)} in ${s.year}, 0 in ${s.previousYear}. Ask the agency before signing the report.`,
        }
      : {
          vi: `${agencyName(s.agency)}: ${name.vi} năm ${s.year} là ${vi(s.current)}, gấp hơn ${TREND_JUMP_FACTOR} lần năm ${s.previousYear} (${vi(s.previous)}). Hãy hỏi lại đơn vị trước khi ký báo cáo.`,
          en: `${agencyName(s.agency)}: ${name.en} is ${en(s.current)} in ${s.year}, more than ${TREND_JUMP_FACTOR} times ${s.previousYear}'s ${en(s.previous)}. Ask the agency before signing the report.`,
        },
    where(s),
  );
}

/** trend.drop: 0 this year where last year had more than 50. */
export function trendDrop(s: TrendSubject): Finding | null {
  if (!(s.current === 0 && s.previous > TREND_FROM_ZERO)) return null;
  const name = AGENCY_FIGURE_NAME[s.figure];
  return finding(
    "trend.drop",
    {
      vi: `${agencyName(s.agency)}: ${name.vi} năm ${s.year} là 0, năm ${s.previousYear} là ${formatVietnamese(s.previous)}. Hãy hỏi lại đơn vị trước khi ký báo cáo.`,
      en: `${agencyName(s.agency)}: ${name.en} is 0 in ${s.year}, ${formatEnglish(s.previous)} in ${s.previousYear}. Ask the agency before signing the report.`,
    },
    where(s),
  );
}
