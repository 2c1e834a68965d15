/** `consolidate --previous`: the `previous` member of the JSON and the lines of the terminal summary. */
import type { Lang } from "../core/i18n";
import { FORM01_GROUPS, FORM_ID } from "../core/form01";
import { topRows } from "../core/form/table";
import type { ConsolidationResult } from "../core/model";
import { formatNumberIn, formatPercentVietnamese } from "../core/number";
import type { Change, PreviousComparison } from "../core/previous";
import { bold, dim } from "./output";
import { round6 } from "./json";
import { t } from "./messages";

function changeJson(c: Change) {
  const r = (n: number | null) => (n === null ? null : round6(n));
  return { previous: r(c.previous), current: r(c.current), change: r(c.change) };
}

/**
 * The JSON's `previous` (docs/cli.md): last year's file and year; per row (by Mã số) last year's actual,
 * this year's and the change; per agency of this year's `Theo đơn vị` the same for every
 * figure either year has, and how last year's line was found; null when compared per row only.
 */
export function previousJson(p: PreviousComparison, lang: Lang) {
  const rows: Record<string, ReturnType<typeof changeJson>> = {};
  for (const row of p.rows) rows[row.key] = changeJson(row.actual);
  return {
    year: p.year,
    file: p.file,
    sha256: p.sha256,
    kind: p.kind,
    column: p.column,
    rows,
    agencies:
      p.agencies?.map((a) => ({
        file: a.file,
        agency: a.agency,
        included: a.included,
        matchedBy: a.matchedBy,
        previous: a.previous,
        figures: Object.fromEntries(Object.entries(a.figures).map(([k, c]) => [k, changeJson(c)])),
      })) ?? null,
    unmatched: p.unmatched,
    note: noteOf(p, lang),
  };
}

/** Why the comparison is per row only, or null when it is per agency too. */
function noteOf(p: PreviousComparison, lang: Lang): string | null {
  if (p.form !== FORM_ID) return t(lang, "previousOtherForm");
  return p.kind === "form" ? t(lang, "previousPerRowOnly") : null;
}

function signed(n: number, lang: Lang): string {
  const text = formatNumberIn(lang, Math.abs(n));
  return n > 0 ? `+${text}` : n < 0 ? `-${text}` : "0";
}

/** The terminal's lines: the two groups against last year, the trend findings counted, what was not compared. */
export function previousLines(result: ConsolidationResult, lang: Lang, color: boolean): string[] {
  const p = result.previous!;
  const lines = [bold(t(lang, "previousHeading", { year: p.year, file: p.file }), color)];
  const byKey = new Map(p.rows.map((r) => [r.key, r.actual]));
  // Form 01's two groups; another form's top rows, by its own labels.
  const shown =
    p.form === FORM_ID
      ? FORM01_GROUPS.map((g, i) => ({ key: g.code, label: t(lang, i === 0 ? "previousGroupTraining" : "previousGroupFostering") }))
      : result.definition
        ? topRows(result.definition).map((r) => ({ key: r.key, label: t(lang, "previousRowColumn", { label: `${r.tt ? r.tt + " " : ""}${r.label}`, column: p.column ?? "" }) }))
        : [];
  for (const { key, label } of shown) {
    const c = byKey.get(key);
    if (!c || c.previous === null || c.current === null) continue;
    // The English ratio as the figures' own digits ("93.7%"), the Vietnamese one with its comma.
    const ratio = c.previous > 0 ? ` (${lang === "vi" ? formatPercentVietnamese(c.current / c.previous) : `${Math.round((c.current / c.previous) * 1000) / 10}%`})` : "";
    lines.push(t(lang, "previousLine", { label, current: formatNumberIn(lang, c.current), previous: formatNumberIn(lang, c.previous), change: signed(c.change!, lang), ratio }));
  }
  const note = noteOf(p, lang);
  if (note) lines.push(dim(`  ${note}`, color));
  else {
    const trends = result.sources.flatMap((s) => s.findings.filter((f) => f.code === "trend.jump" || f.code === "trend.drop"));
    const jumps = trends.filter((f) => f.code === "trend.jump").length;
    const drops = trends.length - jumps;
    lines.push(t(lang, "previousTrends", { jumps, drops, where: trends.length ? t(lang, "previousTrendsWhere") : "." }));
    const unmatchedLines = (p.agencies ?? []).filter((a) => a.file !== null && a.matchedBy === null).length;
    if (unmatchedLines > 0) lines.push(dim(t(lang, "previousNotInLastYear", { n: unmatchedLines, year: p.year }), color));
    if (p.unmatched.length > 0)
      lines.push(
        dim(t(lang, "previousNoFileThisYear", { n: p.unmatched.length, year: p.year, names: p.unmatched.map((a) => a.name ?? a.code).join(", ") }), color),
      );
  }
  return lines;
}
