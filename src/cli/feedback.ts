/**
 * `--feedback DIR` of validate and consolidate: for every input with findings, the agency's
 * workbook annotated (src/io/feedback.ts) as `<name>-phan-hoi.xlsx`, and the summary
 * `tong-hop-phan-hoi.csv`, written into DIR. The inputs are read again, never written.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { type FeedbackSubject, type SummaryLine, feedbackFileName, needsFeedback, summaryCsv, uniqueName } from "../core/feedback";
import type { Lang } from "../core/findings";
import { writeFeedbackWorkbook } from "../io/feedback";
import { OutputRefused, writeAtomically } from "./write-output";

export const SUMMARY_CSV = "tong-hop-phan-hoi.csv";

export interface FeedbackJson {
  dir: string;
  /** The summary CSV's path. */
  summary: string;
  files: { source: string; file: string; annotated: boolean; notes: number }[];
}

/**
 * Refuse a feedback directory that holds inputs: the copies carry the agencies' data, and the
 * next `consolidate DIR` would read them as second files of the same agencies. Also refuse a
 * summary that would land on an input, the roster or the report.
 */
export function assertFeedbackDirAllowed(dir: string, inputs: string[], scannedDirs: string[], others: string[], lang: Lang): void {
  const target = path.resolve(dir);
  const inputDirs = new Set([...scannedDirs.map((d) => path.resolve(d)), ...inputs.map((f) => path.dirname(path.resolve(f)))]);
  if (inputDirs.has(target))
    throw new OutputRefused(
      lang === "vi"
        ? `Thư mục phản hồi ${dir} là thư mục chứa tệp đầu vào: các bản phản hồi sẽ bị đọc lẫn vào lần tổng hợp sau. Hãy chọn thư mục khác.`
        : `The feedback directory ${dir} holds input files: the feedback copies would be read as inputs by the next consolidation. Choose another directory.`,
    );
  const summary = path.join(target, SUMMARY_CSV);
  const feedbackName = /-phan-hoi( \(\d+\))?\.xls[xm]$/i;
  for (const file of [...inputs, ...others]) {
    const resolved = path.resolve(file);
    if (resolved === summary || (path.dirname(resolved) === target && feedbackName.test(resolved)))
      throw new OutputRefused(
        lang === "vi"
          ? `Tệp ${file} trùng tên với một tệp phản hồi sẽ ghi vào ${dir}; hãy chọn thư mục phản hồi khác.`
          : `The file ${file} has the name of a feedback file to be written into ${dir}; choose another feedback directory.`,
      );
  }
}

const nodeDeflateRaw = (data: Uint8Array) => deflateRawSync(data, { level: 1 });

/**
 * Writes the feedback for `subjects` (one per input, in input order, then the missing
 * agencies); `sources[i]` is the path of subject i's input (null for a missing agency).
 */
export async function writeFeedback(dir: string, subjects: FeedbackSubject[], sources: (string | null)[], lang: Lang): Promise<FeedbackJson> {
  const written: FeedbackJson["files"] = [];
  const lines: SummaryLine[] = [];
  const taken = new Set<string>([SUMMARY_CSV.toLowerCase()]);
  for (let i = 0; i < subjects.length; i++) {
    const subject = subjects[i];
    const source = sources[i];
    if (!needsFeedback(subject) || source === null) {
      lines.push({ subject, feedbackFile: null });
      continue;
    }
    let original: Uint8Array | null = null;
    try {
      original = new Uint8Array(readFileSync(source));
    } catch {
      // gone or unreadable since it was checked: the feedback is written on its own
    }
    const workbook = writeFeedbackWorkbook(original, subject, { lang, deflateRaw: nodeDeflateRaw });
    const name = uniqueName(feedbackFileName(subject.file!, workbook.extension), taken);
    const file = path.join(dir, name);
    await writeAtomically(file, workbook.bytes);
    written.push({ source: subject.file!, file, annotated: workbook.annotated, notes: workbook.notes });
    lines.push({ subject, feedbackFile: name });
  }
  const summary = path.join(dir, SUMMARY_CSV);
  await writeAtomically(summary, new TextEncoder().encode(summaryCsv(lines, lang)));
  return { dir, summary, files: written };
}

/** The terminal's line about the feedback written. */
export function feedbackLine(json: FeedbackJson, lang: Lang): string {
  const own = json.files.filter((f) => !f.annotated).length;
  const n = json.files.length;
  return lang === "vi"
    ? `Đã ghi phản hồi cho ${n} tệp${own ? ` (${own} tệp không mở được nên phản hồi là sổ tính riêng)` : ""} và ${SUMMARY_CSV} vào ${json.dir}`
    : `Feedback written for ${n} file${n === 1 ? "" : "s"}${own ? ` (${own} could not be opened, so their feedback is a workbook of its own)` : ""}, and ${SUMMARY_CSV}, into ${json.dir}`;
}
