/** `dtbd period REPORT.xlsx… --target PLAN.xlsx [--baseline MÃ_SỐ=N …] [--years N] --out REVIEW.xlsx` */
import { findingToJson } from "../core/findings";
import { type PeriodReview, periodReview } from "../core/period";
import { formatPercentVietnamese, formatVietnamese } from "../core/number";
import { expandInputs, inputNoteLines, inputsJson } from "./files";
import { inspectFiles, inspectOne } from "./inspect-files";
import type { CommonOptions } from "./main";
import { formsOrRefuse } from "./definitions";
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
    process.stderr.write(`dtbd: ${opts.lang === "vi" ? "không tìm thấy" : "not found"}: ${list.missing.join(", ")}\n`);
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
    process.stderr.write(`dtbd: ${opts.lang === "vi" ? "không ghi được" : "cannot write"} ${opts.out}: ${(error as Error).message}\n`);
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

export function periodJson(review: PeriodReview, out: string, lang: "vi" | "en") {
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

function periodSummary(review: PeriodReview, out: string, lang: "vi" | "en", color: boolean): string {
  const vi = lang === "vi";
  const lines = [bold(vi ? `Sơ kết giai đoạn ${review.period ? `${review.period.from} - ${review.period.to}` : "?"} (${review.years} năm: ${review.reportYears.join(", ")})` : `Period review ${review.period ? `${review.period.from}-${review.period.to}` : "?"} (${review.years} years: ${review.reportYears.join(", ")})`, color)];
  // Form 01's two groups; for another form, its top-level rows.
  const shown = review.rows.filter((row) => row.top).slice(0, 8);
  for (const r of shown) {
    const code = r.code;
    const unit = code === "01" ? (vi ? "người" : "people") : code === "14" ? (vi ? "lượt người" : "person-times") : (r.unit ?? "");
    const rate = r.rate === null ? "–" : formatPercentVietnamese(r.rate);
    let line = `  ${r.label}: ${formatVietnamese(r.actualSum)} ${unit}, ${vi ? "đạt" : "rate"} ${rate}; ${vi ? "trung bình" : "average"} ${formatVietnamese(Math.round(r.perYear))}/${vi ? "năm" : "year"}`;
    if (r.change !== null && r.baseline !== null)
      line += vi
        ? `, ${r.change >= 0 ? "cao hơn" : "thấp hơn"} ${formatVietnamese(Math.abs(Math.round(r.change)))} so với ${formatVietnamese(r.baseline)}/năm giai đoạn trước`
        : `, ${Math.round(r.change) >= 0 ? "+" : ""}${Math.round(r.change)} against ${r.baseline}/year before`;
    lines.push(line);
  }
  for (const f of review.findings) lines.push(`  ! ${f.message[lang]}`);
  lines.push((vi ? "Đã ghi: " : "Written: ") + out);
  return lines.join("\n") + "\n";
}
