/** `dtbd consolidate DIR_OR_FILE… --out REPORT.xlsx [--year] [--roster] [--include-invalid]` */
import path from "node:path";
import { consolidate, exclusionCause } from "../core/consolidate";
import { severityCount } from "../core/finding-catalogue";
import { type Lang, findingToJson, hasErrors } from "../core/findings";
import type { ConsolidationResult, SourceRecord } from "../core/model";
import { formatNumberIn, formatPercentIn } from "../core/number";
import { feedbackFromConsolidation } from "../core/feedback";
import { type FeedbackJson, assertFeedbackDirAllowed, feedbackLine, writeFeedback } from "./feedback";
import { type SkippedDirectory, expandInputs, inputNoteLines, inputsJson } from "./files";
import { inspectFiles } from "./inspect-files";
import { tableJson, totalsJson } from "./json";
import { headlineColumns, tableOf, topRows } from "../core/form/table";
import type { CommonOptions } from "./main";
import { formsOrRefuse } from "./definitions";
import { t } from "./messages";
import { bold, dim, paintSeverity, terminalSafe } from "./output";
import { progressBar } from "./progress";
import { readRoster } from "./roster";
import { PreviousRefused, type PreviousYear, compareWithPrevious } from "../core/previous";
import { loadPreviousYear } from "./previous";
import { previousJson, previousLines } from "./previous-output";
import { OutputRefused, assertOutputAllowed, writeAtomically } from "./write-output";

/** Included files listed one by one in the terminal summary before it lists only those with warnings. */
export const INCLUDED_LISTED = 40;

export interface ConsolidateOptions extends CommonOptions {
  out: string;
  year?: number;
  roster?: string;
  includeInvalid: boolean;
  /** Directory for the agencies' feedback workbooks and the summary CSV. */
  feedback?: string;
  /** Last year's consolidated report (or form of the same kind) to compare with. */
  previous?: string;
}

export async function runConsolidate(inputs: string[], opts: ConsolidateOptions): Promise<number> {
  const lang = opts.lang;
  const list = await expandInputs(inputs);
  if (list.missing.length > 0) {
    process.stderr.write(t(lang, "notFound", { paths: list.missing.join(", ") }) + "\n");
    return 2;
  }
  try {
    // The roster and last year's report are inputs too: writing the report over them would destroy them.
    const others = [...(opts.roster ? [opts.roster] : []), ...(opts.previous ? [opts.previous] : [])];
    assertOutputAllowed(opts.out, [...list.files, ...others], list.directories, lang);
    if (opts.feedback) assertFeedbackDirAllowed(opts.feedback, list.files, list.directories, [opts.out, ...others], lang);
  } catch (error) {
    if (error instanceof OutputRefused) {
      process.stderr.write(`dtbd: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let roster;
  if (opts.roster) {
    try {
      roster = await readRoster(opts.roster);
    } catch (error) {
      process.stderr.write(`dtbd: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const definitions = await formsOrRefuse(opts.forms, lang);
  if (!definitions) return 2;
  // Last year's file is read first: a file that cannot serve stops the command before the batch is read.
  let previous: PreviousYear | undefined;
  if (opts.previous) {
    try {
      previous = await loadPreviousYear(opts.previous, definitions);
    } catch (error) {
      return refusedPrevious(error, lang);
    }
  }
  const progress = progressBar(list.files.length, lang);
  // The report writer (exceljs, ~0.12 s to load) is loaded half-way through the inspection,
  // while the pool's other lanes keep inspecting, rather than after it, when they would idle.
  let writer: Promise<[typeof import("../io/report.js"), typeof import("./xlsx-pack.js")]> | undefined;
  const loadWriter = () => (writer ??= Promise.all([import("../io/report.js"), import("./xlsx-pack.js")]));
  const reports = await inspectFiles(list.files, (done, total) => {
    progress(done, total);
    if (done * 2 >= total) void loadWriter();
  }, definitions);
  progress.stop();
  let result = consolidate(reports, { year: opts.year, roster, includeInvalid: opts.includeInvalid });
  if (previous) {
    try {
      result = compareWithPrevious(result, previous);
    } catch (error) {
      return refusedPrevious(error, lang);
    }
  }
  const [{ writeConsolidatedReport }, { nativeZipPacker }] = await loadWriter();
  const bytes = await writeConsolidatedReport(result, { lang, pack: nativeZipPacker });
  try {
    await writeAtomically(opts.out, bytes);
  } catch (error) {
    process.stderr.write(t(lang, "cannotWrite", { out: opts.out, reason: (error as Error).message }) + "\n");
    return 2;
  }
  let feedback: FeedbackJson | undefined;
  if (opts.feedback) {
    try {
      const subjects = feedbackFromConsolidation(result);
      feedback = await writeFeedback(opts.feedback, subjects, subjects.map((_, i) => list.files[i] ?? null), lang);
    } catch (error) {
      process.stderr.write(t(lang, "cannotWriteFeedback", { dir: opts.feedback, reason: (error as Error).message }) + "\n");
      return 2;
    }
  }
  if (opts.json) {
    // the inputs' fields replace consolidationJson's `ignored` in place (same key order)
    const json = { ...consolidationJson(result, opts.out, list.ignored, lang), ...inputsJson(list), ...(feedback ? { feedback } : {}) };
    process.stdout.write(JSON.stringify(json, null, 2) + "\n");
  } else if (!opts.quiet) {
    process.stdout.write(terminalSafe(summary(result, opts.out, list.ignored, lang, opts.color, list.skippedDirectories)));
    if (feedback) process.stdout.write(terminalSafe(feedbackLine(feedback, lang) + "\n"));
  }
  const anyError = result.sources.some((s) => hasErrors(s.findings));
  return anyError ? 1 : 0;
}

/** A last-year file that cannot serve: said on stderr, exit 2, nothing written. */
function refusedPrevious(error: unknown, lang: Lang): number {
  if (!(error instanceof PreviousRefused)) throw error;
  process.stderr.write(`dtbd: ${error.text[lang]}\n`);
  return 2;
}

export function consolidationJson(result: ConsolidationResult, out: string, ignored: string[], lang: Lang) {
  return {
    form: result.form,
    year: result.year,
    out,
    included: result.included,
    excluded: result.excluded,
    expected: result.expected,
    missing: result.missing,
    sources: result.sources.map((s) => ({
      file: s.file,
      sha256: s.sha256,
      agency: s.agency,
      year: s.year,
      included: s.included,
      reason: s.reason,
      findings: s.findings.map((f) => findingToJson(f, lang)),
    })),
    totals: totalsJson(result.totals),
    table: tableJson(tableOf(result)),
    findings: result.findings.map((f) => findingToJson(f, lang)),
    ignored: ignored.map((f) => path.basename(f)),
    ...(result.previous ? { previous: previousJson(result.previous, lang) } : {}),
  };
}

function rateText(rate: number | null, lang: Lang): string {
  return rate === null ? "–" : formatPercentIn(lang, rate);
}

/** Form 01's two groups with plan, actual and rate; any other form's top rows with its total columns. */
function totalLines(result: ConsolidationResult, lang: Lang): string[] {
  const t01 = result.totals["01"];
  const t14 = result.totals["14"];
  if (result.form === "01/ĐTBD" && t01 && t14) {
    const figures = (total: { plan: number; actual: number; rate: number | null }) => ({
      plan: formatNumberIn(lang, total.plan),
      actual: formatNumberIn(lang, total.actual),
      rate: rateText(total.rate, lang),
    });
    return [t(lang, "trainingTotals", figures(t01)), t(lang, "fosteringTotals", figures(t14))];
  }
  const definition = result.definition;
  if (!definition) return [t(lang, "noFileConsolidated")];
  const codes = headlineColumns(definition).slice(0, 6);
  const header = new Map(definition.columns.map((c) => [c.code, c.header[c.header.length - 1] ?? c.code]));
  return topRows(definition).map((row) => {
    const values = result.rows[row.key] ?? {};
    const cells = codes.map((code) => t(lang, "columnTotal", { code, header: header.get(code) ?? code, value: formatNumberIn(lang, values[code] ?? 0) }));
    return `  ${row.tt ? row.tt + " " : ""}${row.label}: ${cells.join(", ")}`;
  });
}

export function summary(result: ConsolidationResult, out: string, ignored: string[], lang: Lang, color: boolean, skipped: SkippedDirectory[] = []): string {
  const lines: string[] = [];
  const of = result.expected ?? result.sources.length;
  const which = result.form && result.form !== "01/ĐTBD" ? t(lang, "ofForm", { form: result.form }) : "";
  lines.push(bold(t(lang, "consolidationHeading", { which, year: result.year ?? "?", included: result.included, of }), color));
  lines.push("");
  lines.push(bold(t(lang, "includedFiles"), color));
  const warningsOf = (s: SourceRecord) => s.findings.filter((f) => f.severity === "warning").length;
  const included = result.sources.filter((s) => s.included);
  // A province sends hundreds of files: past a screenful, the ones with warnings are listed
  // and the rest counted (the report's Nguồn sheet and --json list every one).
  const listed = included.length <= INCLUDED_LISTED ? included : included.filter((s) => warningsOf(s) > 0).slice(0, INCLUDED_LISTED);
  for (const s of listed) {
    const warnings = warningsOf(s);
    lines.push(`  ${paintSeverity("info", "✓", color)} ${s.file}  ${dim(`${s.agency?.name ?? "?"} · ${s.agency?.code ?? "?"}${warnings ? ` · ${severityCount(lang, "warning", warnings)}` : ""}`, color)}`);
  }
  const unlisted = included.filter((s) => !listed.includes(s));
  if (unlisted.length > 0) {
    const withWarnings = unlisted.filter((s) => warningsOf(s) > 0).length;
    const where = t(lang, "everyFileWhere");
    const text =
      listed.length === 0
        ? t(lang, "unlistedNoWarnings", { n: unlisted.length, where })
        : t(lang, "unlistedMore", { n: unlisted.length, warned: withWarnings, where });
    lines.push(dim(text, color));
  }
  const excluded = result.sources.filter((s) => !s.included);
  if (excluded.length > 0) {
    lines.push("");
    lines.push(bold(t(lang, "excludedFiles"), color));
    for (const s of excluded) {
      const why = exclusionCause(s);
      lines.push(`  ${paintSeverity("error", "✗", color)} ${s.file}  ${dim(s.reason ?? "", color)}`);
      const moreErrors = s.findings.filter((f) => f.severity === "error" && f !== why).length;
      const more = moreErrors > 0 ? t(lang, "moreErrors", { n: moreErrors }) : "";
      if (why) lines.push(`      ${why.message[lang]}${why.cell ? ` (${why.sheet}!${why.cell})` : ""}${more}`);
    }
  }
  if (result.missing.length > 0) {
    lines.push("");
    lines.push(bold(t(lang, "missingAgencies"), color));
    for (const a of result.missing) lines.push(`  ${paintSeverity("warning", "?", color)} ${a.name ?? ""} ${dim(a.code ?? "", color)}`);
  }
  for (const note of inputNoteLines({ ignored, skippedDirectories: skipped }, lang, color)) lines.push("", note);
  lines.push("");
  lines.push(bold(t(lang, "provinceTotals"), color));
  lines.push(...totalLines(result, lang));
  if (result.previous) lines.push("", ...previousLines(result, lang, color));
  lines.push("");
  lines.push(t(lang, "reportWritten", { out }));
  return lines.join("\n") + "\n";
}
