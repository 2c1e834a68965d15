/**
 * Findings: the one vocabulary shared by the CLI's JSON, the task pane, the report's
 * `Kiểm tra` sheet and the DTBD.CHECK function. Codes and severities are the published ones (docs/findings.md), kept
 * in the finding catalogue (finding-catalogue.ts) with their titles and explanations.
 */
import { FINDING_CATALOGUE, type FindingCode, type Severity } from "./finding-catalogue";
import type { Lang, Message } from "./i18n";
import { formatEnglish } from "./number";

export type { FindingCode, Severity } from "./finding-catalogue";
export type { Lang, Message } from "./i18n";

/** code → severity, from the catalogue (docs/findings.md). */
export const FINDING_SEVERITY = Object.fromEntries(
  Object.entries(FINDING_CATALOGUE).map(([code, entry]) => [code, entry.severity]),
) as { readonly [C in FindingCode]: (typeof FINDING_CATALOGUE)[C]["severity"] };

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

/** The JSON shape (docs/cli.md): one message, in the chosen language. */
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
