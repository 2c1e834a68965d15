/**
 * bytes → WorkbookGrid. The zip guard looks at the file first; the lean reader then reads
 * what the checks need. Nothing here throws: every problem is one `file.unreadable` finding.
 *
 * The exceljs reference reader lives in read-exceljs.ts, so that reading never loads exceljs.
 */
import type { WorkbookGrid } from "../core/grid.js";
import type { Finding } from "../core/findings.js";
import { readWorkbookLean, type LeanReadOptions } from "./lean-reader.js";
import { findingFromError, type UnreadableKind } from "./read-problems.js";
import { openZip } from "./zip-guard.js";

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

/** Synchronous core of readWorkbook, for loops that read many small files. Never throws. */
export function readWorkbookSync(bytes: Uint8Array, opts: ReadOptions = {}): ReadResult {
  try {
    return { grid: readWorkbookLean(openZip(bytes), opts), findings: [] };
  } catch (error) {
    return failed(error);
  }
}

/** Read a workbook's bytes into a grid. Never throws: problems come back as findings. */
export async function readWorkbook(bytes: Uint8Array, opts: ReadOptions = {}): Promise<ReadResult> {
  return readWorkbookSync(bytes, opts);
}
