/** `dtbd period REPORT.xlsx… --target PLAN.xlsx [--baseline MÃ_SỐ=N …] [--years N] --out REVIEW.xlsx` */
import { findingToJson } from "../core/findings";
import { type PeriodReview, periodReview } from "../core/period";
import type { Lang } from "../core/i18n";
import { formatPercentVietnamese, formatVietnamese } from "../core/number";
import { expandInputs, inputNoteLines, inputsJson } from "./files";
import { inspectFiles, inspectOne } from "./inspect-files";
import type { CommonOptions } from "./main";
import { formsOrRefuse } from "./definitions";
import { t } from "./messages";
import { bold, terminalSafe } from "./output";
import { OutputRefused, assertOutputAllowed, writeAtomically } from "./write-output";

export interface PeriodCliOptions extends CommonOptions {
  out: string;
  target: string;
  baseline: Record<string, number>;
  years?: number;
}

export async function runPeriod(inputs: string[], opts: PeriodCliOptions): Promise<number> {
  const list = await expandInputs(inputs);
  if (list.missing.length > 0) {
    process.stderr.write(t(opts.lang, "notFound", { paths: list.missing.join(", ") }) + "\n");
    return 2;
  }
  try {
    assertOutputAllowed(opts.out, [...list.files, opts.target], list.directories, opts.lang);
  } catch (error) {
    if (error instanceof OutputRefused) {
      process.stderr.write(`dtbd: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const definitions = await formsOrRefuse(opts.forms, opts.lang);
  if (!definitions) return 2;
  const reports = await inspectFiles(list.files, undefined, definitions);
  const target = await inspectOne(opts.target, definitions);
  const review = periodReview(reports, target, { years: opts.years, baseline: opts.baseline });
  const { writePeriodReview } = await import("../io/period-report.js");
  const bytes = await writePeriodReview(review, { lang: opts.lang });
  try {
    await writeAtomically(opts.out, bytes);
  } catch (error) {
    process.stderr.write(t(opts.lang, "cannotWrite", { out: opts.out, reason: (error as Error).message }) + "\n");
    return 2;
  }
  if (opts.json) {
    const json = { ...periodJson(review, opts.out, opts.lang), ...inputsJson(list) };
    process.stdout.write(JSON.stringify(json, null, 2) + "\n");
  } else if (!opts.quiet) {
    const notes = inputNoteLines(list, opts.lang, opts.color).map((line) => line + "\n");
    process.stdout.write(terminalSafe(periodSummary(review, opts.out, opts.lang, opts.color) + notes.join("")));
  }
  return review.findings.some((f) => f.severity === "error") ? 1 : 0;
}

export function periodJson(review: PeriodReview, out: string, lang: Lang) {
  const rows: Record<string, unknown> = {};
  for (const r of review.rows) {
    rows[r.code] = {
      actual: r.actualSum,
      target: r.target,
      rate: r.rate === null ? null : Math.round(r.rate * 10000) / 10000,
      perYear: Math.round(r.perYear * 100) / 100,
      baseline: r.baseline,
      change: r.change === null ? null : Math.round(r.change * 100) / 100,
      changeRatio: r.changeRatio === null ? null : Math.round(r.changeRatio * 10000) / 10000,
      byYear: r.byYear,
    };
  }
  return { out, period: review.period, years: review.years, reportYears: review.reportYears, files: review.files, rows, findings: review.findings.map((f) => findingToJson(f, lang)) };
}

function periodSummary(review: PeriodReview, out: string, lang: Lang, color: boolean): string {
  const period = review.period ? t(lang, "periodRange", { from: review.period.from, to: review.period.to }) : "?";
  const lines = [bold(t(lang, "periodHeading", { period, years: review.years, list: review.reportYears.join(", ") }), color)];
  // Vietnamese figures are grouped ("2.354"); the English line keeps plain digits.
  const figure = (n: number) => (lang === "vi" ? formatVietnamese(n) : String(n));
  // Form 01's two groups; for another form, its top-level rows.
  const shown = review.rows.filter((row) => row.top).slice(0, 8);
  for (const r of shown) {
    const code = r.code;
    const unit = code === "01" ? t(lang, "people") : code === "14" ? t(lang, "personTimes") : (r.unit ?? "");
    const rate = r.rate === null ? "–" : formatPercentVietnamese(r.rate);
    let line = t(lang, "periodRow", { label: r.label, actual: formatVietnamese(r.actualSum), unit, rate, perYear: formatVietnamese(Math.round(r.perYear)) });
    if (r.change !== null && r.baseline !== null) {
      const change = Math.round(r.change);
      line += t(lang, change >= 0 ? "periodHigher" : "periodLower", { change: figure(Math.abs(change)), baseline: figure(r.baseline) });
    }
    lines.push(line);
  }
  for (const f of review.findings) lines.push(`  ! ${f.message[lang]}`);
  lines.push(t(lang, "written", { out }));
  return lines.join("\n") + "\n";
}
