/** Reads and validates many files, in order, reporting progress. Every file yields a report. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type FileReport, inspectWorkbook } from "../io/inspect";
import { failedReport, sha256Sync } from "./failed-report";
import { displayNames } from "./files";
import { PoolUnavailable, defaultPoolSize, inspectFilesInPool } from "./pool";

/** Below this many files, starting threads costs more than it saves. */
export const POOL_MIN_FILES = 8;

/** Reports in input order, each named as the output shows it (see displayNames). */
export async function inspectFiles(files: string[], onProgress?: (done: number, total: number) => void): Promise<FileReport[]> {
  const reports = await inspectEach(files, onProgress);
  const names = displayNames(files);
  reports.forEach((report, i) => (report.file = names[i]));
  return reports;
}

async function inspectEach(files: string[], onProgress?: (done: number, total: number) => void): Promise<FileReport[]> {
  if (files.length >= POOL_MIN_FILES && defaultPoolSize() > 1) {
    try {
      return await inspectFilesInPool(files, { onProgress, inline: inspectOne });
    } catch (error) {
      if (!(error instanceof PoolUnavailable)) throw error;
    }
  }
  const reports: FileReport[] = [];
  for (const file of files) {
    reports.push(await inspectOne(file));
    onProgress?.(reports.length, files.length);
    // inspectOne does no I/O wait: let timers (the progress bar's redraw) run between files
    await new Promise((resolve) => setImmediate(resolve));
  }
  return reports;
}

export async function inspectOne(file: string): Promise<FileReport> {
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: fs.promises.readFile costs ~0.3 ms of CPU per small file in
    // thread-pool round trips, readFileSync ~0.015 ms; nothing else waits on this thread.
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    return failedReport(file, error);
  }
  try {
    return await inspectWorkbook(path.basename(file), bytes, sha256Sync);
  } catch (error) {
    return failedReport(file, error, bytes);
  }
}
