/** `dtbd validate FILE…` */
import { severityCount } from "../core/finding-catalogue";
import { hasErrors, type Lang } from "../core/findings";
import type { FileReport } from "../io/inspect";
import { inspectFiles } from "./inspect-files";
import { progressBar } from "./progress";
import { type InputList, expandInputs, inputNoteLines, inputsJson } from "./files";
import { fileJson } from "./json";
import { bold, countBySeverity, dim, findingLines, paintSeverity, terminalSafe } from "./output";
import type { CommonOptions } from "./main";
import { feedbackFromValidation } from "../core/feedback";
import { type FeedbackJson, assertFeedbackDirAllowed, feedbackLine, writeFeedback } from "./feedback";
import { OutputRefused } from "./write-output";
import { formsOrRefuse } from "./definitions";
import { t } from "./messages";

export interface ValidateOptions extends CommonOptions {
  /** Directory for the agencies' feedback workbooks and the summary CSV. */
  feedback?: string;
}

export async function runValidate(inputs: string[], opts: ValidateOptions): Promise<number> {
  const lang: Lang = opts.lang;
  const list = await expandInputs(inputs);
  if (list.missing.length > 0) {
    process.stderr.write(t(lang, "notFound", { paths: list.missing.join(", ") }) + "\n");
    return 2;
  }
  if (opts.feedback) {
    try {
      assertFeedbackDirAllowed(opts.feedback, list.files, list.directories, [], lang);
    } catch (error) {
      if (!(error instanceof OutputRefused)) throw error;
      process.stderr.write(`dtbd: ${error.message}\n`);
      return 2;
    }
  }
  const definitions = await formsOrRefuse(opts.forms, lang);
  if (!definitions) return 2;
  const progress = progressBar(list.files.length, lang);
  const reports = await inspectFiles(list.files, progress, definitions);
  progress.stop();
  const anyError = reports.some((r) => hasErrors(r.result.findings));
  let feedback: FeedbackJson | undefined;
  if (opts.feedback) {
    try {
      feedback = await writeFeedback(opts.feedback, feedbackFromValidation(reports), list.files, lang);
    } catch (error) {
      process.stderr.write(t(lang, "cannotWriteFeedback", { dir: opts.feedback, reason: (error as Error).message }) + "\n");
      return 2;
    }
  }
  if (opts.json) {
    const out = {
      files: reports.map((r) => fileJson(r, lang)),
      ...inputsJson(list),
      ...(feedback ? { feedback } : {}),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  } else if (!opts.quiet) {
    printReports(reports, list, lang, opts.color);
    if (feedback) process.stdout.write(terminalSafe(feedbackLine(feedback, lang) + "\n"));
  }
  return anyError ? 1 : 0;
}

function printReports(reports: FileReport[], list: InputList, lang: Lang, color: boolean): void {
  const out: string[] = [];
  for (const report of reports) {
    const r = report.result;
    const counts = countBySeverity(r.findings);
    const status = counts.error > 0 ? paintSeverity("error", t(lang, "invalid"), color) : paintSeverity("info", "OK", color);
    const who = [r.agency?.name, r.agency?.code].filter(Boolean).join(" · ") || "?";
    const when = r.period ? `${r.period.from}–${r.period.to}` : (r.year ?? "?");
    out.push(`${bold(report.file, color)}  ${status}  ${dim(`${r.form ?? "?"} · ${who} · ${when}`, color)}`);
    out.push(dim(`  ${(["error", "warning", "info"] as const).map((s) => severityCount(lang, s, counts[s])).join(", ")}`, color));
    out.push(...findingLines(r.findings, lang, color));
    out.push("");
  }
  out.push(...inputNoteLines(list, lang, color, (file) => file));
  process.stdout.write(terminalSafe(out.join("\n") + "\n"));
}
