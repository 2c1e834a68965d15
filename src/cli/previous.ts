/** Last year's file for `consolidate --previous` and `template --from`: read, validated, kept with its grid. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { FormDefinition } from "../core/form/definition";
import type { Message } from "../core/findings";
import type { WorkbookGrid } from "../core/grid";
import type { ValidationResult } from "../core/model";
import { PreviousRefused, type PreviousYear, readPreviousYear } from "../core/previous";
import { emptyValidation, validateGrid, validationOptions } from "../core/validate";
import { readWorkbook } from "../io/read";
import { sha256Sync } from "./failed-report";

export interface LastYearFile {
  file: string;
  sha256: string;
  grid: WorkbookGrid | null;
  result: ValidationResult;
}

/** Reads the file; a file that cannot be opened gives an empty result with its finding. */
export async function readLastYearFile(file: string, definitions: readonly FormDefinition[]): Promise<LastYearFile> {
  const name = path.basename(file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new PreviousRefused(cannotOpen(name, (error as Error).message));
  }
  const sha256 = sha256Sync(bytes);
  const read = await readWorkbook(bytes);
  if (!read.grid) return { file: name, sha256, grid: null, result: emptyValidation(read.findings) };
  return { file: name, sha256, grid: read.grid, result: validateGrid(read.grid, validationOptions(definitions)) };
}

function cannotOpen(file: string, detail: string): Message {
  return { vi: `Không mở được tệp năm trước "${file}" (${detail}).`, en: `Cannot open last year's file "${file}" (${detail}).` };
}

/** Last year's file as a comparison base; throws PreviousRefused saying why it cannot be. */
export async function loadPreviousYear(file: string, definitions: readonly FormDefinition[]): Promise<PreviousYear> {
  const read = await readLastYearFile(file, definitions);
  return readPreviousYear(read.file, read.sha256, read.grid, read.result);
}
