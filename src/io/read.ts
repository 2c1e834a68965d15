/**
 * bytes → WorkbookGrid. The file's kind is told by its bytes (format.ts): Office Open XML goes
 * through the zip guard and the lean reader; Excel 97-2003 / 5.0-95 (.xls) and OpenDocument
 * (.ods) through SheetJS, behind the same limits (read-sheetjs.ts). Nothing here throws:
 * every problem is one `file.unreadable` finding.
 *
 * The exceljs reference reader lives in read-exceljs.ts, so that reading never loads exceljs.
 */
import type { WorkbookGrid } from "../core/grid.js";
import type { Finding } from "../core/findings.js";
import { detectFormat, sheetJsNeeds } from "./format.js";
import { readWorkbookLean, type LeanReadOptions } from "./lean-reader.js";
import { findingFromError, UnreadableError, type UnreadableKind } from "./read-problems.js";
import { readWithSheetJs } from "./read-sheetjs.js";
import { loadSheetJs, sheetJsSync } from "./sheetjs.js";

export { DEFAULT_MAX_ROWS_PER_SHEET } from "./lean-reader.js";
export type { UnreadableKind } from "./read-problems.js";

export type ReadOptions = LeanReadOptions;

export interface ReadResult {
  grid: WorkbookGrid | null;
  findings: Finding[];
  /** Which problem made the file unreadable (also said in the finding's message). */
  problem?: UnreadableKind;
}

export function failed(error: unknown): ReadResult {
  const { kind, finding } = findingFromError(error);
  return { grid: null, findings: [finding], problem: kind };
}

/**
 * Synchronous core of readWorkbook, for loops that read many files. Never throws. In the task
 * pane SheetJS arrives asynchronously: there, .xls and .ods are read by readWorkbook.
 */
export function readWorkbookSync(bytes: Uint8Array, opts: ReadOptions = {}): ReadResult {
  try {
    const format = detectFormat(bytes);
    if (format.kind === "ooxml") return { grid: readWorkbookLean(format.zip, opts), findings: [] };
    const sheetJs = sheetJsSync();
    if (!sheetJs) throw new UnreadableError("read-error", { vi: "bộ đọc .xls/.ods chưa được nạp", en: "the .xls/.ods reader is not loaded" });
    return { grid: readWithSheetJs(sheetJs, bytes, format, opts), findings: [] };
  } catch (error) {
    return failed(error);
  }
}

/** Read a workbook's bytes into a grid. Never throws: problems come back as findings. */
export async function readWorkbook(bytes: Uint8Array, opts: ReadOptions = {}): Promise<ReadResult> {
  const needs = sheetJsNeeds(bytes);
  if (needs.sheetJs) {
    try {
      await loadSheetJs({ codepages: needs.codepages });
    } catch (error) {
      return failed(error);
    }
  }
  return readWorkbookSync(bytes, opts);
}
