/** The report of a file that could not be inspected: still listed, still identified by its hash. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type FileReport, emptyValidation, unexpectedFailure } from "../io/inspect";

/** The same digest as inspect.ts's webcrypto one, without the thread-pool round trip. */
export function sha256Sync(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Synchronous on purpose: the pool settles a file the moment its thread is found dead, so no
 * other path (a later "no thread answered" sweep) can race an answer still being prepared.
 * `bytes` when the caller has them; otherwise the file is read again for its hash.
 */
export function failedReport(file: string, error: unknown, bytes?: Uint8Array): FileReport {
  let sha256 = "";
  try {
    sha256 = sha256Sync(bytes ?? readFileSync(file));
  } catch {
    // unreadable from here too: the finding says why
  }
  return { file: path.basename(file), sha256, result: emptyValidation([unexpectedFailure(error)]) };
}
