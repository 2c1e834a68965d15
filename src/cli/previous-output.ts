/** `consolidate --previous`: the `previous` member of the JSON and the lines of the terminal summary. */
import type { Lang } from "../core/findings";
import { FORM01_GROUPS, FORM_ID } from "../core/form01";
import { topRows } from "../core/form/table";
import type { ConsolidationResult } from "../core/model";
import { formatPercentVietnamese, formatVietnamese } from "../core/number";
import type { Change, PreviousComparison } from "../core/previous";
import { bold, dim } from "./output";
import { round6 } from "./json";

function changeJson(c: Change) {
  const r = (n: number | null) => (n === null ? null : round6(n));
  return { previous: r(c.previous), current: r(c.current), change: r(c.change) };
}

const OTHER_FORM = {
  vi: "So sánh theo đơn vị và phát hiện trend.* chỉ có cho biểu 01/ĐTBD: biểu này được so sánh theo dòng.",
  en: "The comparison per agency and the trend.* findings are made for form 01/ĐTBD only: this form is compared per row.",
};

const PER_ROW_ONLY = {
  vi: "Tệp năm trước là một biểu, không phải báo cáo tổng hợp (không có trang “Theo đơn vị”): chỉ so sánh theo dòng, không so sánh theo đơn vị và không có phát hiện trend.*.",
  en: "Last year's file is a form, not a consolidated report (no “Theo đơn vị” sheet): compared per row only, not per agency, and no trend.* findings.",
};

/**
 * CONTRACT's `previous`: last year's file and year; per row (by Mã số) last year's actual,
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
  if (p.form !== FORM_ID) return OTHER_FORM[lang];
  return p.kind === "form" ? PER_ROW_ONLY[lang] : null;
}

function signed(n: number, lang: Lang): string {
  const text = lang === "vi" ? formatVietnamese(Math.abs(n)) : Math.abs(n).toLocaleString("en-US");
  return n > 0 ? `+${text}` : n < 0 ? `-${text}` : "0";
}

/** The terminal's lines: the two groups against last year, the trend findings counted, what was not compared. */
export function previousLines(result: ConsolidationResult, lang: Lang, color: boolean): string[] {
  const p = result.previous!;
  const vi = lang === "vi";
  const lines = [bold(vi ? `So với năm ${p.year} (${p.file}):` : `Against ${p.year} (${p.file}):`, color)];
  const byKey = new Map(p.rows.map((r) => [r.key, r.actual]));
  // Form 01's two groups; another form's top rows, by its own labels.
  const shown =
    p.form === FORM_ID
      ? FORM01_GROUPS.map((g) => ({ key: g.code, label: vi ? `${g.label.charAt(0)}${g.label.slice(1).toLocaleLowerCase("vi")} (${g.unit.toLocaleLowerCase("vi")})` : g.labelEn }))
      : result.definition
        ? topRows(result.definition).map((r) => ({ key: r.key, label: `${r.tt ? r.tt + " " : ""}${r.label} (${vi ? "cột" : "column"} ${p.column})` }))
        : [];
  for (const { key, label } of shown) {
    const c = byKey.get(key);
    if (!c || c.previous === null || c.current === null) continue;
    const num = (n: number) => (vi ? formatVietnamese(n) : n.toLocaleString("en-US"));
    const ratio = c.previous > 0 ? ` (${vi ? formatPercentVietnamese(c.current / c.previous) : `${Math.round((c.current / c.previous) * 1000) / 10}%`})` : "";
    lines.push(`  ${label}: ${vi ? "thực hiện" : "actual"} ${num(c.current)}, ${vi ? "năm trước" : "last year"} ${num(c.previous)}, ${signed(c.change!, lang)}${ratio}`);
  }
  const note = noteOf(p, lang);
  if (note) lines.push(dim(`  ${note}`, color));
  else {
    const trends = result.sources.flatMap((s) => s.findings.filter((f) => f.code === "trend.jump" || f.code === "trend.drop"));
    const jumps = trends.filter((f) => f.code === "trend.jump").length;
    const drops = trends.length - jumps;
    lines.push(
      vi
        ? `  Biến động cần hỏi lại đơn vị: ${jumps} tăng đột biến (trend.jump), ${drops} giảm về 0 (trend.drop)${trends.length ? " — xem trang “Kiểm tra” của báo cáo." : "."}`
        : `  Changes to ask the agencies about: ${jumps} sharp rises (trend.jump), ${drops} falls to 0 (trend.drop)${trends.length ? " — see the report's “Kiểm tra” sheet." : "."}`,
    );
    const unmatchedLines = (p.agencies ?? []).filter((a) => a.file !== null && a.matchedBy === null).length;
    if (unmatchedLines > 0) lines.push(dim(vi ? `  ${unmatchedLines} đơn vị năm nay không có trong báo cáo năm ${p.year}.` : `  ${unmatchedLines} of this year's agencies are not in the ${p.year} report.`, color));
    if (p.unmatched.length > 0)
      lines.push(
        dim(
          vi
            ? `  ${p.unmatched.length} đơn vị có trong báo cáo năm ${p.year} nhưng không có tệp năm nay: ${p.unmatched.map((a) => a.name ?? a.code).join(", ")}.`
            : `  ${p.unmatched.length} agencies of the ${p.year} report have no file this year: ${p.unmatched.map((a) => a.name ?? a.code).join(", ")}.`,
          color,
        ),
      );
  }
  return lines;
}
