/**
 * Findings: the one vocabulary shared by the CLI's JSON, the task pane, the report's
 * `Kiểm tra` sheet and the DTBD.CHECK function. Codes and severities are CONTRACT.md's.
 */
import { formatEnglish } from "./number";

export type Severity = "error" | "warning" | "info";
export type Lang = "vi" | "en";

export const FINDING_SEVERITY = {
  "file.unreadable": "error",
  "form.not-found": "error",
  // Added to CONTRACT's list: another sheet of the workbook is a form 01/ĐTBD too, not read.
  "form.multiple": "warning",
  "header.agency-missing": "error",
  "header.year-missing": "error",
  "header.agency-code-invalid": "warning",
  "column.missing": "error",
  "row.missing": "warning",
  "row.unknown": "warning",
  "row.duplicate": "error",
  "cell.not-number": "error",
  "cell.text-number": "warning",
  "cell.negative": "error",
  "cell.not-integer": "error",
  "cell.formula-error": "error",
  "cell.formula-no-value": "warning",
  "sum.columns": "error",
  "sum.rows": "error",
  "subset.exceeds": "error",
  "rate.mismatch": "warning",
  "rate.outlier": "info",
  "actual.unplanned": "info",
  "unit.mismatch": "warning",
  "total.mixed-units": "warning",
  "text.legacy-encoding": "warning",
  "consolidate.year-mismatch": "error",
  "consolidate.duplicate-agency": "error",
  "consolidate.identical-file": "info",
  "consolidate.missing-agency": "warning",
  "consolidate.not-in-roster": "warning",
  // An agency's figure against last year's report (consolidate --previous).
  "trend.jump": "info",
  "trend.drop": "info",
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof FINDING_SEVERITY;

export interface Message {
  vi: string;
  en: string;
}

/** Severity names shown to people (reports, terminal, pane). */
export const SEVERITY_NAME: Record<Severity, Message> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Thông tin", en: "Info" },
};

export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  row: string | null;
  column: string | null;
  expected?: number | string | null;
  actual?: number | string | null;
  message: Message;
}

export interface FindingInput {
  sheet?: string | null;
  cell?: string | null;
  row?: string | null;
  column?: string | null;
  expected?: number | string | null;
  actual?: number | string | null;
}

export function finding(code: FindingCode, message: Message, where: FindingInput = {}): Finding {
  const f: Finding = {
    code,
    severity: FINDING_SEVERITY[code],
    sheet: where.sheet ?? null,
    cell: where.cell ?? null,
    row: where.row ?? null,
    column: where.column ?? null,
    message: { vi: message.vi.normalize("NFC"), en: message.en },
  };
  if (where.expected !== undefined) f.expected = where.expected;
  if (where.actual !== undefined) f.actual = where.actual;
  return f;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.sheet ?? "").localeCompare(b.sheet ?? "") ||
    cellOrder(a.cell) - cellOrder(b.cell) ||
    a.code.localeCompare(b.code)
  );
}

function cellOrder(cell: string | null): number {
  if (!cell) return -1;
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return 0;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return Number(m[2]) * 20000 + col;
}

/** The JSON shape of CONTRACT.md: one message, in the chosen language. */
export interface FindingJson extends Omit<Finding, "message"> {
  message: string;
}

export function findingToJson(f: Finding, lang: Lang): FindingJson {
  return { ...f, message: f.message[lang] };
}

export function formatNumberEn(n: number, maxDecimals = 2): string {
  return formatEnglish(n, maxDecimals);
}

export function formatPercentEn(ratio: number): string {
  return formatNumberEn(Math.round(ratio * 1000) / 10, 1) + "%";
}
