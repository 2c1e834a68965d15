/**
 * Feedback to each agency: what the consolidator sends back. One subject per input file (and
 * one per roster agency that sent nothing), with its status, the finding that decided it and
 * every finding; from it, the text of the `Phản hồi` sheet, the notes on the form's cells, and
 * the summary CSV. Pure: the workbook surgery that carries it is src/io/feedback.ts.
 */
import { exclusionCause, rootError } from "./consolidate";
import { FINDING_CATALOGUE, SEVERITIES, severityCount, severityName } from "./finding-catalogue";
import type { Finding, Severity } from "./findings";
import { type Lang, type Message, messages } from "./i18n";
import type { Agency, ConsolidationResult, SourceRecord, ValidationResult } from "./model";

/**
 * included / excluded / missing: after a consolidation (đã cộng / bị loại / chưa nộp);
 * valid / invalid: after a validation, what a consolidation would do with the file.
 */
export type FeedbackStatus = "included" | "excluded" | "missing" | "valid" | "invalid";

export interface FeedbackSubject {
  /** The input as the output names it (see the CLI's displayNames); null for a missing agency. */
  file: string | null;
  agency: Agency | null;
  year: number | null;
  period: { from: number; to: number } | null;
  /** The year being consolidated, when there is one. */
  consolidationYear: number | null;
  status: FeedbackStatus;
  /** The finding that excluded the file (or would), when there is one. */
  reason: Finding | null;
  findings: Finding[];
}

/** One input of a consolidation: included, or excluded and why. */
export function sourceFeedback(result: ConsolidationResult, s: SourceRecord): FeedbackSubject {
  return {
    file: s.file,
    agency: s.agency,
    year: s.result?.year ?? s.year,
    period: s.result?.period ?? null,
    consolidationYear: result.year,
    status: s.included ? "included" : "excluded",
    reason: exclusionCause(s) ?? null,
    findings: s.findings,
  };
}

/** Every input of a consolidation, in input order, then every roster agency that sent nothing. */
export function feedbackFromConsolidation(result: ConsolidationResult): FeedbackSubject[] {
  const subjects = result.sources.map((s) => sourceFeedback(result, s));
  for (const agency of result.missing) {
    const missing = result.findings.find((f) => f.code === "consolidate.missing-agency" && f.row === agency.code && f.message.vi.includes(agency.name ?? ""));
    subjects.push({
      file: null,
      agency,
      year: null,
      period: null,
      consolidationYear: result.year,
      status: "missing",
      reason: missing ?? null,
      findings: missing ? [missing] : [],
    });
  }
  return subjects;
}

/** Validated files: the status says what a consolidation would do (errors exclude a file). */
export function feedbackFromValidation(reports: readonly { file: string; result: ValidationResult }[]): FeedbackSubject[] {
  return reports.map(({ file, result }) => {
    const reason = rootError(result.findings) ?? null;
    return {
      file,
      agency: result.agency,
      year: result.year,
      period: result.period,
      consolidationYear: null,
      status: reason ? "invalid" : "valid",
      reason,
      findings: result.findings,
    };
  });
}

/** A subject whose file gets an annotated copy: it has findings. */
export function needsFeedback(subject: FeedbackSubject): boolean {
  return subject.file !== null && subject.findings.length > 0;
}

/** "so-y-te.xlsx" → "so-y-te-phan-hoi.xlsx"; "huyen-a/bao-cao.xlsx" → "huyen-a-bao-cao-phan-hoi.xlsx". */
export function feedbackFileName(file: string, extension = ".xlsx"): string {
  const base = file
    .replace(/\.(xlsx|xlsm|xls|ods)$/i, "")
    .split(/[\\/]+/)
    .filter((part) => part && part !== "." && part !== "..")
    .join("-");
  return `${base || "tep"}-phan-hoi${extension}`;
}

/** `name`, or "name (2).ext", "name (3).ext"… when taken (compared without case, as file systems do); marks it taken. */
export function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

// ---------------------------------------------------------------------------------------
// What to do, per finding code

/** A code the catalogue does not know (none today): its message says the rest. */
const GENERIC_ADVICE: Message = {
  vi: "Xem nội dung phát hiện và sửa ở ô được chỉ.",
  en: "Read the finding and correct the cell it points to.",
};

/** What the agency does about a finding: the catalogue's how-to-fix. */
export function adviceFor(code: string): Message {
  return (FINDING_CATALOGUE as Record<string, { fix: Message }>)[code]?.fix ?? GENERIC_ADVICE;
}

const t = messages({
  period: { vi: "Giai đoạn {from} - {to}", en: "Period {from}-{to}" },
  notFound: { vi: "(không tìm thấy)", en: "(not found)" },
  ofYear: { vi: " năm {year}", en: " {year}" },
  includedWarnings: {
    vi: " Có {n} cảnh báo: số liệu vẫn được cộng, đề nghị xem lại và sửa ở lần gửi sau.",
    en: " {n} warning(s): the figures are counted; please review them and correct them next time.",
  },
  included: { vi: "Đã cộng vào báo cáo tổng hợp{ofYear}.{warnings}", en: "Included in the{ofYear} consolidated report.{warnings}" },
  excluded: {
    vi: "Bị loại khỏi báo cáo tổng hợp{ofYear}{why} Đề nghị sửa theo các phát hiện dưới đây và gửi lại tệp.",
    en: "Excluded from the{ofYear} consolidated report{why} Please correct the findings below and send the file again.",
  },
  missing: { vi: "Chưa nộp: chưa có tệp của đơn vị cho báo cáo tổng hợp{ofYear}.", en: "Not filed: no file from the agency for the{ofYear} consolidated report." },
  validWarnings: { vi: " Có {n} cảnh báo nên xem lại.", en: " {n} warning(s) to review." },
  valid: { vi: "Đạt: không có lỗi, tệp sẽ được cộng khi tổng hợp.{warnings}", en: "Passes: no errors, the file would be included in a consolidation.{warnings}" },
  invalidBecause: { vi: " vì: {why}", en: " because: {why}" },
  invalid: {
    vi: "Chưa đạt: tệp sẽ bị loại khi tổng hợp{why} Đề nghị sửa theo các phát hiện dưới đây và gửi lại tệp.",
    en: "Fails: the file would be excluded from a consolidation{why} Please correct the findings below and send the file again.",
  },
  statusIncluded: { vi: "đã cộng", en: "included" },
  statusExcluded: { vi: "bị loại", en: "excluded" },
  statusMissing: { vi: "chưa nộp", en: "missing" },
  statusValid: { vi: "sẽ được cộng", en: "would be included" },
  statusInvalid: { vi: "sẽ bị loại", en: "would be excluded" },
  agency: { vi: "Đơn vị", en: "Agency" },
  reportYear: { vi: "Năm báo cáo", en: "Report year" },
  file: { vi: "Tệp", en: "File" },
  status: { vi: "Kết quả", en: "Status" },
  findings: { vi: "Số phát hiện", en: "Findings" },
  noteAnnotated: {
    vi: "Trang này do DTBD thêm vào tệp của đơn vị. Các ô có phát hiện được tô màu (đỏ: lỗi, vàng: cảnh báo, xanh: lưu ý) và có ghi chú; bấm vào địa chỉ ô để đến ô đó.",
    en: "DTBD added this sheet to the agency's workbook. Cells with findings are shaded (red: error, yellow: warning, blue: note) and carry a note; click a cell address to go to it.",
  },
  noteNotData: {
    vi: "Màu tô, ghi chú và trang này không phải số liệu: sửa số liệu trong biểu rồi gửi lại tệp (có thể xóa trang này trước khi gửi).",
    en: "The shading, the notes and this sheet are not data: correct the figures in the form and send the file again (this sheet may be deleted first).",
  },
  noteOwnWorkbook: {
    vi: "Không ghi được phản hồi vào chính tệp của đơn vị vì DTBD không mở được tệp đó như một sổ tính .xlsx; phản hồi được ghi thành sổ tính riêng này.",
    en: "The feedback could not be written into the agency's own file, because DTBD could not open it as an .xlsx workbook; it is written as this workbook of its own.",
  },
  title: { vi: "PHẢN HỒI KẾT QUẢ KIỂM TRA BIỂU 01/ĐTBD", en: "FEEDBACK ON THE CHECK OF FORM 01/ĐTBD" },
  colTt: { vi: "TT", en: "No." },
  colCell: { vi: "Ô", en: "Cell" },
  colSeverity: { vi: "Mức độ", en: "Severity" },
  colCode: { vi: "Mã phát hiện", en: "Code" },
  colMessage: { vi: "Nội dung", en: "What is wrong" },
  colAdvice: { vi: "Cách sửa", en: "What to do" },
  csvAgencyCode: { vi: "Mã định danh", en: "Agency code" },
  csvAgencyName: { vi: "Tên đơn vị", en: "Agency name" },
  csvFile: { vi: "Tệp đã nộp", en: "File" },
  csvYear: { vi: "Năm", en: "Year" },
  csvStatus: { vi: "Trạng thái", en: "Status" },
  csvErrors: { vi: "Số lỗi", en: "Errors" },
  csvWarnings: { vi: "Số cảnh báo", en: "Warnings" },
  csvReasonCode: { vi: "Mã lý do", en: "Reason code" },
  csvReason: { vi: "Lý do", en: "Reason" },
  csvFeedbackFile: { vi: "Tệp phản hồi", en: "Feedback file" },
});

// ---------------------------------------------------------------------------------------
// The `Phản hồi` sheet and the notes, as text

/** The sheet's name, as the documented output names it (also when the messages are in English). */
export const FEEDBACK_SHEET_NAME = "Phản hồi";

export interface FeedbackRow {
  severity: Severity;
  /** "Lỗi", "Cảnh báo", "Lưu ý" in the sheet's language. */
  severityName: string;
  code: string;
  sheet: string | null;
  cell: string | null;
  message: string;
  advice: string;
}

export interface FeedbackSheetText {
  title: string;
  /** Label, value: agency, year, file, status, counts. */
  facts: [string, string][];
  /** What the sheet and the marks are (and are not). */
  notes: string[];
  /** Column headings of the findings table: TT, cell, severity, code, what is wrong, what to do. */
  headings: string[];
  rows: FeedbackRow[];
}

export function countSeverities(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function agencyText(agency: Agency | null): string {
  return [agency?.name, agency?.code].filter(Boolean).join(" – ");
}

function yearText(subject: FeedbackSubject, lang: Lang): string {
  if (subject.period) return t(lang, "period", { from: subject.period.from, to: subject.period.to });
  return subject.year === null ? t(lang, "notFound") : String(subject.year);
}

/** The status in a sentence: included, or excluded and why; for validate, what would happen. */
export function statusSentence(subject: FeedbackSubject, lang: Lang): string {
  const year = subject.consolidationYear;
  const ofYear = year === null ? "" : t(lang, "ofYear", { year });
  const why = subject.reason ? subject.reason.message[lang] : "";
  const warnings = countSeverities(subject.findings).warning;
  switch (subject.status) {
    case "included":
      return t(lang, "included", { ofYear, warnings: warnings ? t(lang, "includedWarnings", { n: warnings }) : "" });
    case "excluded":
      return t(lang, "excluded", { ofYear, why: why ? `: ${why}` : "." });
    case "missing":
      return t(lang, "missing", { ofYear });
    case "valid":
      return t(lang, "valid", { warnings: warnings ? t(lang, "validWarnings", { n: warnings }) : "" });
    case "invalid":
      return t(lang, "invalid", { why: why ? t(lang, "invalidBecause", { why }) : "." });
  }
}

const STATUS_WORD = {
  included: "statusIncluded",
  excluded: "statusExcluded",
  missing: "statusMissing",
  valid: "statusValid",
  invalid: "statusInvalid",
} as const satisfies Record<FeedbackStatus, string>;

/** The short status of the CSV: đã cộng / bị loại / chưa nộp (sẽ được cộng / sẽ bị loại after validate). */
export function statusWord(status: FeedbackStatus, lang: Lang): string {
  return t(lang, STATUS_WORD[status]);
}

function countsText(findings: readonly Finding[], lang: Lang): string {
  const c = countSeverities(findings);
  return SEVERITIES.map((severity) => severityCount(lang, severity, c[severity])).join(", ");
}

/**
 * The text of the `Phản hồi` sheet. `annotated`: the agency's own workbook carries the sheet
 * (cells are marked and linked); otherwise the feedback is a workbook of its own.
 */
export function feedbackSheetText(subject: FeedbackSubject, lang: Lang, annotated: boolean): FeedbackSheetText {
  const facts: [string, string][] = [
    [t(lang, "agency"), agencyText(subject.agency) || t(lang, "notFound")],
    [t(lang, "reportYear"), yearText(subject, lang)],
    [t(lang, "file"), subject.file ?? ""],
    [t(lang, "status"), statusSentence(subject, lang)],
    [t(lang, "findings"), countsText(subject.findings, lang)],
  ];
  return {
    title: t(lang, "title"),
    facts,
    notes: annotated ? [t(lang, "noteAnnotated"), t(lang, "noteNotData")] : [t(lang, "noteOwnWorkbook")],
    headings: (["colTt", "colCell", "colSeverity", "colCode", "colMessage", "colAdvice"] as const).map((id) => t(lang, id)),
    rows: subject.findings.map((f) => ({
      severity: f.severity,
      severityName: severityName(lang, f.severity),
      code: f.code,
      sheet: f.sheet,
      cell: f.cell,
      message: f.message[lang],
      advice: adviceFor(f.code)[lang],
    })),
  };
}

export interface CellNote {
  sheet: string;
  cell: string;
  /** The most severe of the cell's findings: decides the mark's colour. */
  severity: Severity;
  text: string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One note per cell that has findings, in the order the findings come; its text lists them all. */
export function cellNotes(findings: readonly Finding[], lang: Lang): CellNote[] {
  const byCell = new Map<string, { sheet: string; cell: string; findings: Finding[] }>();
  for (const f of findings) {
    if (!f.sheet || !f.cell || !/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(f.cell)) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    const entry = byCell.get(key) ?? { sheet: f.sheet, cell: f.cell, findings: [] };
    entry.findings.push(f);
    byCell.set(key, entry);
  }
  return [...byCell.values()].map(({ sheet, cell, findings: own }) => ({
    sheet,
    cell,
    severity: own.reduce<Severity>((worst, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst] ? f.severity : worst), "info"),
    text: ["DTBD:", ...own.map((f) => `${severityName(lang, f.severity)} (${f.code}): ${f.message[lang]}\n→ ${adviceFor(f.code)[lang]}`)].join("\n"),
  }));
}

// ---------------------------------------------------------------------------------------
// The summary CSV

/**
 * A field that Excel would read as a formula when the CSV is opened (=, +, -, @, tab, CR at
 * the start: "CSV injection") gets a leading apostrophe, so that it shows as the text it is;
 * control characters show as U+FFFD, as in the workbooks.
 */
function csvField(value: string | number): string {
  let text = String(value).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, "\uFFFD");
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface SummaryLine {
  subject: FeedbackSubject;
  /** The file to send back (its name in the feedback directory), or null. */
  feedbackFile: string | null;
}

/**
 * `tong-hop-phan-hoi.csv`: one line per input (and per roster agency that sent nothing), with
 * its status, counts, reason and the file to send back. Starts with a byte-order mark so that
 * Excel reads it as UTF-8; lines end with CRLF (RFC 4180). The headings of the agency columns
 * are the roster's, so the file can serve as a roster again.
 */
export function summaryCsv(lines: readonly SummaryLine[], lang: Lang): string {
  const headings = (
    ["csvAgencyCode", "csvAgencyName", "csvFile", "csvYear", "csvStatus", "csvErrors", "csvWarnings", "csvReasonCode", "csvReason", "csvFeedbackFile"] as const
  ).map((id) => t(lang, id));
  const rows = lines.map(({ subject, feedbackFile }) => {
    const counts = countSeverities(subject.findings);
    const year = subject.period ? `${subject.period.from}-${subject.period.to}` : (subject.year ?? "");
    return [
      subject.agency?.code ?? "",
      subject.agency?.name ?? "",
      subject.file ?? "",
      year,
      statusWord(subject.status, lang),
      counts.error,
      counts.warning,
      subject.reason?.code ?? "",
      subject.reason?.message[lang] ?? "",
      feedbackFile ?? "",
    ];
  });
  return "\uFEFF" + [headings, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
