/** Reads and validates many files, in order, reporting progress. Every file yields a report. */
import type { FileReport } from "../io/inspect";
import type { FormDefinition } from "../core/form/definition";
import { displayNames } from "./files";
import { inspectOne } from "./inspect-one";
import { PoolUnavailable, defaultPoolSize, inspectFilesInPool } from "./pool";

export { inspectOne };

/** Below this many files, starting threads costs more than it saves. */
export const POOL_MIN_FILES = 8;

/** Reports in input order, each named as the output shows it (see displayNames). */
export async function inspectFiles(
  files: string[],
  onProgress?: (done: number, total: number) => void,
  definitions: FormDefinition[] = [],
): Promise<FileReport[]> {
  const reports = await inspectEach(files, onProgress, definitions);
  const names = displayNames(files);
  reports.forEach((report, i) => (report.file = names[i]));
  return reports;
}

async function inspectEach(files: string[], onProgress: ((done: number, total: number) => void) | undefined, definitions: FormDefinition[]): Promise<FileReport[]> {
  const inspect = (file: string) => inspectOne(file, definitions);
  if (files.length >= POOL_MIN_FILES && defaultPoolSize() > 1) {
    try {
      return await inspectFilesInPool(files, { onProgress, inline: inspect, definitions });
    } catch (error) {
      if (!(error instanceof PoolUnavailable)) throw error;
    }
  }
  const reports: FileReport[] = [];
  for (const file of files) {
    reports.push(await inspect(file));
    onProgress?.(reports.length, files.length);
    // inspectOne does no I/O wait: let timers (the progress bar's redraw) run between files
    await new Promise((resolve) => setImmediate(resolve));
  }
  return reports;
}
