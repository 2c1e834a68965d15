/**
 * One workbook file, start to finish: hash, read (with the safety guard), validate. Used by
 * the CLI, the worker pool and the task pane alike, so every path reports the same way.
 */
import { type Finding, compareFindings, finding } from "../core/findings";
import type { ValidationResult } from "../core/model";
import { type ValidateOptions, emptyValidation, validateGrid } from "../core/validate";

export { emptyValidation };
import { readWorkbook } from "./read";

export interface FileReport {
  file: string;
  sha256: string;
  result: ValidationResult;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function inspectWorkbook(
  file: string,
  bytes: Uint8Array,
  hash: (bytes: Uint8Array) => string | Promise<string> = sha256Hex,
  options: ValidateOptions = {},
): Promise<FileReport> {
  const sha256 = await hash(bytes);
  try {
    const read = await readWorkbook(bytes);
    if (!read.grid) return { file, sha256, result: emptyValidation(read.findings) };
    const result = validateGrid(read.grid, options);
    result.findings = [...read.findings, ...result.findings].sort(compareFindings);
    return { file, sha256, result };
  } catch (error) {
    return { file, sha256, result: emptyValidation([unexpectedFailure(error)]) };
  }
}

/** Whatever goes wrong inside, the file is still accounted for, with the reason. */
export function unexpectedFailure(error: unknown): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return finding("file.unreadable", {
    vi: `Không đọc được tệp do lỗi bất ngờ (${detail}). Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi thử lại; nếu vẫn lỗi, gửi tệp cho bộ phận hỗ trợ.`,
    en: `The file could not be read because of an unexpected error (${detail}). Open it in Excel, save it as .xlsx and try again; if it still fails, send the file to support.`,
  });
}
