/**
 * What the task pane asks of the domain and of the file layer. Everything that needs exceljs
 * is imported lazily, so that the pane's first render loads no workbook library.
 */
import { consolidate } from "../core/consolidate";
import type { FixOffer } from "../core/fix";
import type { FormDefinition } from "../core/form/definition";
import type { LearnResult } from "../core/form/learn";
import type { Lang } from "../core/i18n";
import type { Agency, ConsolidationResult, ValidationResult } from "../core/model";
import { workbookValidationOptions } from "../core/validate";

export interface CheckedFile {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  result: ValidationResult;
  /** The safe fixes the findings allow (a corrected copy is downloaded; the file itself is kept). */
  fixes: FixOffer[];
}

export async function checkFile(name: string, bytes: Uint8Array, learned: readonly FormDefinition[] = []): Promise<CheckedFile> {
  const { inspectWorkbook, sha256Hex } = await import(/* webpackChunkName: "workbook" */ "../io/inspect.js");
  const report = await inspectWorkbook(name, bytes, sha256Hex, workbookValidationOptions(learned));
  return { name, bytes, sha256: report.sha256, result: report.result, fixes: await fileFixOffers(bytes, report.result) };
}

/** The grid is read again only for a file with something to fix. */
async function fileFixOffers(bytes: Uint8Array, result: ValidationResult): Promise<FixOffer[]> {
  const { FIX_KIND_OF_CODE, fixOffers } = await import(/* webpackChunkName: "workbook" */ "../core/fix.js");
  if (!result.findings.some((f) => FIX_KIND_OF_CODE[f.code])) return [];
  // A corrected copy is written into the file's own .xlsx package; an .xls or .ods has none.
  const { sheetJsNeeds } = await import(/* webpackChunkName: "workbook" */ "../io/format.js");
  if (sheetJsNeeds(bytes).sheetJs) return [];
  const { readWorkbook } = await import(/* webpackChunkName: "workbook" */ "../io/read.js");
  const { grid } = await readWorkbook(bytes);
  return grid ? fixOffers(grid, result.findings) : [];
}

export interface FixedFile {
  /** "<name>-da-sua.xlsx" */
  name: string;
  bytes: Uint8Array;
  /** Cells written. */
  cells: number;
}

/** A corrected copy of the file for one fix offer; the file's own bytes are left as they are. */
export async function fixFile(file: CheckedFile, offer: FixOffer): Promise<FixedFile> {
  const { findingsOfOffer, planFixes } = await import(/* webpackChunkName: "workbook" */ "../core/fix.js");
  const { readWorkbook } = await import(/* webpackChunkName: "workbook" */ "../io/read.js");
  const { applyEditsToWorkbook, fixedFileName } = await import(/* webpackChunkName: "workbook" */ "../io/fix-workbook.js");
  const { grid } = await readWorkbook(file.bytes);
  const edits = grid ? planFixes(grid, findingsOfOffer(file.result.findings, offer), [offer.kind]) : [];
  if (edits.length === 0) return { name: file.name, bytes: file.bytes, cells: 0 };
  return { name: fixedFileName(file.name), bytes: await applyEditsToWorkbook(file.bytes, edits), cells: edits.length };
}

export interface ConsolidateOptions {
  year: number | null;
  includeInvalid: boolean;
  /** The agencies expected to file; null: the files chosen are all there is. */
  roster: Agency[] | null;
  /** The report's language. */
  lang: Lang;
}

export interface Consolidation {
  result: ConsolidationResult;
  report: Uint8Array;
}

export async function consolidateFiles(files: CheckedFile[], options: ConsolidateOptions): Promise<Consolidation> {
  const { writeConsolidatedReport } = await import(/* webpackChunkName: "workbook" */ "../io/report.js");
  const result = consolidate(
    files.map((f) => ({ file: f.name, sha256: f.sha256, result: f.result })),
    { year: options.year ?? undefined, includeInvalid: options.includeInvalid, roster: options.roster ?? undefined },
  );
  return { result, report: await writeConsolidatedReport(result, { lang: options.lang }) };
}

export interface TemplateRequest {
  year: number;
  agencyName?: string;
  agencyCode?: string;
  /** A learned form; form 01/ĐTBD when absent. */
  definition?: FormDefinition;
}

/** A blank form 01/ĐTBD, or a blank copy of a learned form in its own layout. */
export async function blankForm(request: TemplateRequest): Promise<Uint8Array> {
  if (request.definition) {
    const { writeFormTemplate } = await import(/* webpackChunkName: "workbook" */ "../io/form-sheet.js");
    return writeFormTemplate(request.definition, { year: request.year, agencyName: request.agencyName ?? null });
  }
  const { writeTemplate } = await import(/* webpackChunkName: "workbook" */ "../io/template.js");
  return writeTemplate({ year: request.year, agencyName: request.agencyName, agencyCode: request.agencyCode });
}

/** What learning gives the pane: learn.ts's own result, from a file or from the active sheet. */
export type Learned = LearnResult;

/** Learns a form from a template file (its first sheet that holds a table), as `dtbd form learn` does. */
export async function learnFromFile(bytes: Uint8Array): Promise<Learned> {
  const { readWorkbook } = await import(/* webpackChunkName: "workbook" */ "../io/read.js");
  const { learnWorkbook } = await import(/* webpackChunkName: "workbook" */ "../core/form/learn-workbook.js");
  const read = await readWorkbook(bytes);
  if (!read.grid) {
    const why = read.findings[0]?.message ?? { vi: "Không đọc được tệp.", en: "The file cannot be read." };
    return { ok: false, notes: [{ level: "missing", vi: why.vi, en: why.en }] };
  }
  return learnWorkbook(read.grid);
}

/** A feedback file to send back to an agency: its own workbook annotated, or a workbook of its own. */
export interface FeedbackDownload {
  name: string;
  bytes: Uint8Array;
}

/**
 * The feedback for one checked file. After a consolidation that holds the file, its status
 * is the consolidation's (included, or excluded and why); before, what a consolidation would do.
 */
export async function feedbackForFile(file: CheckedFile, consolidation: ConsolidationResult | null, lang: Lang): Promise<FeedbackDownload> {
  const { sourceFeedback, feedbackFromValidation, feedbackFileName } = await import(/* webpackChunkName: "workbook" */ "../core/feedback.js");
  const { writeFeedbackWorkbook } = await import(/* webpackChunkName: "workbook" */ "../io/feedback.js");
  const source = consolidation?.sources.find((s) => s.file === file.name && s.sha256 === file.sha256);
  const subject = consolidation && source ? sourceFeedback(consolidation, source) : feedbackFromValidation([{ file: file.name, result: file.result }])[0];
  const workbook = writeFeedbackWorkbook(file.bytes, subject, { lang });
  return { name: feedbackFileName(file.name, workbook.extension), bytes: workbook.bytes };
}

/**
 * Every agency's feedback after a consolidation, with tong-hop-phan-hoi.csv, in one .zip:
 * a workbook for each file with findings, a line for each agency (the roster's missing ones too).
 */
export async function allFeedback(files: readonly CheckedFile[], consolidation: ConsolidationResult, lang: Lang): Promise<{ bytes: Uint8Array; workbooks: number }> {
  const { feedbackFromConsolidation } = await import(/* webpackChunkName: "workbook" */ "../core/feedback.js");
  const { feedbackFiles, zipFiles } = await import(/* webpackChunkName: "workbook" */ "../io/feedback.js");
  const subjects = feedbackFromConsolidation(consolidation);
  // A province sends hundreds of files: each source finds its bytes by name and hash in one look-up.
  const byFile = new Map(files.map((f) => [`${f.name}\u0000${f.sha256}`, f.bytes]));
  const bytesOf = (index: number): Uint8Array | null => {
    const source = consolidation.sources[index];
    return (source && byFile.get(`${source.file}\u0000${source.sha256}`)) ?? null;
  };
  const written = [...feedbackFiles(subjects, bytesOf, { lang })];
  return { bytes: zipFiles(written), workbooks: written.filter((f) => f.kind === "workbook").length };
}

/** A roster file (.csv with "," or ";", or a workbook) read as the CLI's --roster reads it. */
export async function readRosterFile(name: string, bytes: Uint8Array): Promise<Agency[]> {
  const { rosterFromBytes } = await import(/* webpackChunkName: "workbook" */ "../io/roster.js");
  return rosterFromBytes(name, bytes);
}

/** The sample workbooks bundled with the build (samples/index.json lists them). */
export async function sampleFiles(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const index = await fetch("samples/index.json");
  if (!index.ok) return [];
  const { files } = (await index.json()) as { files: string[] };
  return Promise.all(
    files.map(async (name) => {
      const res = await fetch(`samples/${encodeURIComponent(name)}`);
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      return { name, bytes: new Uint8Array(await res.arrayBuffer()) };
    }),
  );
}
