/**
 * What the task pane asks of the domain and of the file layer. Everything that needs exceljs
 * is imported lazily, so that the pane's first render loads no workbook library.
 */
import { consolidate } from "../core/consolidate";
import type { FixOffer } from "../core/fix";
import type { Lang } from "../core/i18n";
import type { ConsolidationResult, ValidationResult } from "../core/model";

export interface CheckedFile {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  result: ValidationResult;
  /** The safe fixes the findings allow (a corrected copy is downloaded; the file itself is kept). */
  fixes: FixOffer[];
}

export async function checkFile(name: string, bytes: Uint8Array): Promise<CheckedFile> {
  const { inspectWorkbook } = await import(/* webpackChunkName: "workbook" */ "../io/inspect.js");
  const report = await inspectWorkbook(name, bytes);
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
    { year: options.year ?? undefined, includeInvalid: options.includeInvalid },
  );
  return { result, report: await writeConsolidatedReport(result, { lang: options.lang }) };
}

export interface TemplateRequest {
  year: number;
  agencyName?: string;
  agencyCode?: string;
}

export async function blankForm(request: TemplateRequest): Promise<Uint8Array> {
  const { writeTemplate } = await import(/* webpackChunkName: "workbook" */ "../io/template.js");
  return writeTemplate({ year: request.year, agencyName: request.agencyName, agencyCode: request.agencyCode });
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
