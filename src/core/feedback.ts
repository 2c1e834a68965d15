/**
 * Feedback to each agency: what the consolidator sends back. One subject per input file (and
 * one per roster agency that sent nothing), with its status, the finding that decided it and
 * every finding; from it, the text of the `Phản hồi` sheet, the notes on the form's cells, and
 * the summary CSV. Pure: the workbook surgery that carries it is src/io/feedback.ts.
 */
import { rootError } from "./consolidate";
import { type Finding, type Lang, type Message, SEVERITY_NAME, type Severity } from "./findings";
import type { Agency, ConsolidationResult, ValidationResult } from "./model";

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

/** Every input of a consolidation, in input order, then every roster agency that sent nothing. */
export function feedbackFromConsolidation(result: ConsolidationResult): FeedbackSubject[] {
  const subjects: FeedbackSubject[] = result.sources.map((s) => ({
    file: s.file,
    agency: s.agency,
    year: s.result?.year ?? s.year,
    period: s.result?.period ?? null,
    consolidationYear: result.year,
    status: s.included ? "included" : "excluded",
    reason: s.included ? null : (s.findings.find((f) => f.code === s.reason) ?? rootError(s.findings) ?? null),
    findings: s.findings,
  }));
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

/**
 * One line of advice per finding code, for the agency that has to correct its file. A code
 * without advice here (a newer one) falls back to GENERIC_ADVICE: its message says the rest.
 */
const ADVICE: Record<string, Message> = {
  "file.unreadable": {
    vi: "Mở tệp bằng Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi gửi lại tệp đó.",
    en: "Open the file in Excel, use Save As → Excel Workbook (*.xlsx), and send that file again.",
  },
  "form.not-found": {
    vi: "Nhập số liệu vào đúng mẫu biểu 01/ĐTBD (giữ nguyên tiêu đề cột và dòng mã cột A, B, C, D, 1, 2, …) rồi gửi lại.",
    en: "Enter the figures in the official form 01/ĐTBD (keep its column headers and its code row A, B, C, D, 1, 2, …) and send it again.",
  },
  "form.multiple": {
    vi: "Chỉ để một biểu 01/ĐTBD trong tệp: xóa hoặc tách các trang biểu khác thành tệp riêng.",
    en: "Keep one form 01/ĐTBD in the file: delete the other form sheets or save them as files of their own.",
  },
  "header.agency-missing": {
    vi: "Ghi tên đơn vị báo cáo và mã định danh ở phần đầu biểu.",
    en: "Write the reporting agency's name and identifier code in the form's header.",
  },
  "header.year-missing": {
    vi: "Ghi năm báo cáo ở tiêu đề biểu (ví dụ: NĂM 2024).",
    en: "Write the report year in the form's title (e.g. NĂM 2024).",
  },
  "header.agency-code-invalid": {
    vi: "Sửa mã định danh theo dạng NNN.NN.NN.HNN (ví dụ 000.00.12.H39).",
    en: "Correct the identifier code to the shape NNN.NN.NN.HNN (e.g. 000.00.12.H39).",
  },
  "column.missing": {
    vi: "Khôi phục cột bị thiếu theo mẫu biểu (không xóa hay gộp các cột của mẫu).",
    en: "Restore the missing column from the official form (do not delete or merge the form's columns).",
  },
  "row.missing": {
    vi: "Thêm lại dòng của mẫu biểu; để trống hoặc ghi 0 nếu không có số liệu.",
    en: "Put the form's row back; leave it blank or write 0 when there is nothing to report.",
  },
  "row.unknown": {
    vi: "Đưa số liệu vào đúng dòng có Mã số của mẫu biểu, hoặc xóa dòng không thuộc mẫu.",
    en: "Move the figures to the form's row with its Mã số, or delete the row that is not part of the form.",
  },
  "row.duplicate": {
    vi: "Gộp các dòng trùng thành một dòng và xóa dòng thừa.",
    en: "Merge the duplicate rows into one and delete the extra row.",
  },
  "cell.not-number": {
    vi: "Chỉ nhập số vào ô (không kèm chữ hay đơn vị); để trống nếu không có.",
    en: "Enter only a number in the cell (no words or units); leave it blank when there is none.",
  },
  "cell.text-number": {
    vi: "Nhập lại ô dưới dạng số (không phải văn bản). Giá trị này vẫn được tính, nhưng nên sửa.",
    en: "Re-enter the cell as a number (not text). Its value is still counted, but it should be corrected.",
  },
  "cell.negative": { vi: "Số liệu không được âm: nhập lại số đúng.", en: "Figures cannot be negative: enter the right number." },
  "cell.not-integer": { vi: "Số người phải là số nguyên: nhập lại số đúng.", en: "Headcounts are whole numbers: enter the right number." },
  "cell.formula-error": {
    vi: "Sửa công thức của ô (tham chiếu bị mất hoặc sai) hoặc nhập số trực tiếp.",
    en: "Fix the cell's formula (a lost or wrong reference) or type the number in.",
  },
  "cell.formula-no-value": {
    vi: "Mở tệp bằng Excel để công thức được tính, lưu lại rồi gửi lại.",
    en: "Open the file in Excel so that the formulas are calculated, save it and send it again.",
  },
  "sum.columns": {
    vi: "Sửa cột tổng hoặc các cột thành phần cho khớp với dòng mã cột (ví dụ 1 = 2+3+4+5).",
    en: "Correct the total column or its parts so that they agree with the code row (e.g. 1 = 2+3+4+5).",
  },
  "sum.rows": {
    vi: "Sửa dòng tổng hoặc các dòng con để dòng tổng bằng tổng các dòng con.",
    en: "Correct the total row or its child rows so that the total equals the sum of its children.",
  },
  "subset.exceeds": {
    vi: "Số “Trong đó” không được lớn hơn tổng chứa nó: kiểm tra và nhập lại.",
    en: "An “of which” figure cannot exceed the total it belongs to: check and re-enter it.",
  },
  "rate.mismatch": {
    vi: "Tính lại tỷ lệ = thực hiện ÷ kế hoạch (nên dùng công thức).",
    en: "Recompute the rate = actual ÷ plan (preferably with a formula).",
  },
  "rate.outlier": {
    vi: "Kiểm tra lại số kế hoạch và số thực hiện (tỷ lệ trên 300%).",
    en: "Check the plan and actual figures again (a rate above 300%).",
  },
  "actual.unplanned": {
    vi: "Có thực hiện nhưng không có kế hoạch: kiểm tra lại, bổ sung kế hoạch nếu bị thiếu.",
    en: "Actual with no plan: check it, and add the plan if it was left out.",
  },
  "unit.mismatch": { vi: "Ghi đơn vị tính của dòng theo mẫu biểu.", en: "Write the row's unit as the form gives it." },
  "total.mixed-units": {
    vi: "Không cộng người với lượt người: bỏ dòng tổng cộng chung.",
    en: "People and person-times do not add up: remove the grand total row.",
  },
  "text.legacy-encoding": {
    vi: "Chuyển văn bản sang Unicode (phông Times New Roman). Tệp vẫn đọc được, nhưng nên chuyển.",
    en: "Convert the text to Unicode (Times New Roman). The file is still read, but it should be converted.",
  },
  "consolidate.year-mismatch": {
    vi: "Kiểm tra năm báo cáo và gửi đúng biểu của năm đang tổng hợp.",
    en: "Check the report year and send the form of the year being consolidated.",
  },
  "consolidate.duplicate-agency": {
    vi: "Báo cho cơ quan tổng hợp tệp nào là tệp đúng của đơn vị; các tệp còn lại sẽ được bỏ.",
    en: "Tell the consolidating office which file is the agency's right one; the others will be dropped.",
  },
  "consolidate.identical-file": {
    vi: "Tệp đã được nhận (trùng nội dung với tệp khác); không cần gửi lại.",
    en: "The file was received already (same content as another file); nothing to send again.",
  },
  "consolidate.missing-agency": { vi: "Gửi biểu 01/ĐTBD của đơn vị.", en: "Send the agency's form 01/ĐTBD." },
  "consolidate.not-in-roster": {
    vi: "Kiểm tra tên và mã định danh của đơn vị ở phần đầu biểu.",
    en: "Check the agency's name and identifier code in the form's header.",
  },
  "trend.jump": {
    vi: "Kiểm tra lại số liệu so với năm trước; nếu đúng, ghi lý do vào cột Ghi chú.",
    en: "Check the figure against last year's; if it is right, give the reason in the Ghi chú (note) column.",
  },
  "trend.drop": {
    vi: "Kiểm tra lại số liệu so với năm trước; nếu đúng, ghi lý do vào cột Ghi chú.",
    en: "Check the figure against last year's; if it is right, give the reason in the Ghi chú (note) column.",
  },
};

const GENERIC_ADVICE: Message = {
  vi: "Xem nội dung phát hiện và sửa ở ô được chỉ.",
  en: "Read the finding and correct the cell it points to.",
};

export function adviceFor(code: string): Message {
  return ADVICE[code] ?? GENERIC_ADVICE;
}

// ---------------------------------------------------------------------------------------
// The `Phản hồi` sheet and the notes, as text

/** The sheet's name, as CONTRACT.md gives it (also when the messages are in English). */
export const FEEDBACK_SHEET_NAME = "Phản hồi";

export interface FeedbackRow {
  severity: Severity;
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
  if (subject.period) return lang === "vi" ? `Giai đoạn ${subject.period.from} - ${subject.period.to}` : `Period ${subject.period.from}-${subject.period.to}`;
  return subject.year === null ? (lang === "vi" ? "(không tìm thấy)" : "(not found)") : String(subject.year);
}

/** The status in a sentence: included, or excluded and why; for validate, what would happen. */
export function statusSentence(subject: FeedbackSubject, lang: Lang): string {
  const vi = lang === "vi";
  const year = subject.consolidationYear;
  const ofYear = year === null ? "" : vi ? ` năm ${year}` : ` ${year}`;
  const why = subject.reason ? subject.reason.message[lang] : "";
  const warnings = countSeverities(subject.findings).warning;
  switch (subject.status) {
    case "included":
      return vi
        ? `Đã cộng vào báo cáo tổng hợp${ofYear}.${warnings ? ` Có ${warnings} cảnh báo: số liệu vẫn được cộng, đề nghị xem lại và sửa ở lần gửi sau.` : ""}`
        : `Included in the${ofYear} consolidated report.${warnings ? ` ${warnings} warning(s): the figures are counted; please review them and correct them next time.` : ""}`;
    case "excluded":
      return vi
        ? `Bị loại khỏi báo cáo tổng hợp${ofYear}${why ? `: ${why}` : "."} Đề nghị sửa theo các phát hiện dưới đây và gửi lại tệp.`
        : `Excluded from the${ofYear} consolidated report${why ? `: ${why}` : "."} Please correct the findings below and send the file again.`;
    case "missing":
      return vi ? `Chưa nộp: chưa có tệp của đơn vị cho báo cáo tổng hợp${ofYear}.` : `Not filed: no file from the agency for the${ofYear} consolidated report.`;
    case "valid":
      return vi
        ? `Đạt: không có lỗi, tệp sẽ được cộng khi tổng hợp.${warnings ? ` Có ${warnings} cảnh báo nên xem lại.` : ""}`
        : `Passes: no errors, the file would be included in a consolidation.${warnings ? ` ${warnings} warning(s) to review.` : ""}`;
    case "invalid":
      return vi
        ? `Chưa đạt: tệp sẽ bị loại khi tổng hợp${why ? ` vì: ${why}` : "."} Đề nghị sửa theo các phát hiện dưới đây và gửi lại tệp.`
        : `Fails: the file would be excluded from a consolidation${why ? ` because: ${why}` : "."} Please correct the findings below and send the file again.`;
  }
}

/** The short status of the CSV: đã cộng / bị loại / chưa nộp (sẽ được cộng / sẽ bị loại after validate). */
export function statusWord(status: FeedbackStatus, lang: Lang): string {
  const words: Record<FeedbackStatus, Message> = {
    included: { vi: "đã cộng", en: "included" },
    excluded: { vi: "bị loại", en: "excluded" },
    missing: { vi: "chưa nộp", en: "missing" },
    valid: { vi: "sẽ được cộng", en: "would be included" },
    invalid: { vi: "sẽ bị loại", en: "would be excluded" },
  };
  return words[status][lang];
}

function countsText(findings: readonly Finding[], lang: Lang): string {
  const c = countSeverities(findings);
  return lang === "vi" ? `${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} thông tin` : `${c.error} errors, ${c.warning} warnings, ${c.info} info`;
}

/**
 * The text of the `Phản hồi` sheet. `annotated`: the agency's own workbook carries the sheet
 * (cells are marked and linked); otherwise the feedback is a workbook of its own.
 */
export function feedbackSheetText(subject: FeedbackSubject, lang: Lang, annotated: boolean): FeedbackSheetText {
  const vi = lang === "vi";
  const facts: [string, string][] = [
    [vi ? "Đơn vị" : "Agency", agencyText(subject.agency) || (vi ? "(không tìm thấy)" : "(not found)")],
    [vi ? "Năm báo cáo" : "Report year", yearText(subject, lang)],
    [vi ? "Tệp" : "File", subject.file ?? ""],
    [vi ? "Kết quả" : "Status", statusSentence(subject, lang)],
    [vi ? "Số phát hiện" : "Findings", countsText(subject.findings, lang)],
  ];
  const notes = annotated
    ? [
        vi
          ? "Trang này do DTBD thêm vào tệp của đơn vị. Các ô có phát hiện được tô màu (đỏ: lỗi, vàng: cảnh báo, xanh: thông tin) và có ghi chú; bấm vào địa chỉ ô để đến ô đó."
          : "DTBD added this sheet to the agency's workbook. Cells with findings are shaded (red: error, yellow: warning, blue: info) and carry a note; click a cell address to go to it.",
        vi
          ? "Màu tô, ghi chú và trang này không phải số liệu: sửa số liệu trong biểu rồi gửi lại tệp (có thể xóa trang này trước khi gửi)."
          : "The shading, the notes and this sheet are not data: correct the figures in the form and send the file again (this sheet may be deleted first).",
      ]
    : [
        vi
          ? "Không ghi được phản hồi vào chính tệp của đơn vị vì DTBD không mở được tệp đó như một sổ tính .xlsx; phản hồi được ghi thành sổ tính riêng này."
          : "The feedback could not be written into the agency's own file, because DTBD could not open it as an .xlsx workbook; it is written as this workbook of its own.",
      ];
  return {
    title: vi ? "PHẢN HỒI KẾT QUẢ KIỂM TRA BIỂU 01/ĐTBD" : "FEEDBACK ON THE CHECK OF FORM 01/ĐTBD",
    facts,
    notes,
    headings: vi ? ["TT", "Ô", "Mức độ", "Mã phát hiện", "Nội dung", "Cách sửa"] : ["No.", "Cell", "Severity", "Code", "What is wrong", "What to do"],
    rows: subject.findings.map((f) => ({
      severity: f.severity,
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
    text: ["DTBD:", ...own.map((f) => `${SEVERITY_NAME[f.severity][lang]} (${f.code}): ${f.message[lang]}\n→ ${adviceFor(f.code)[lang]}`)].join("\n"),
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
  const vi = lang === "vi";
  const headings = vi
    ? ["Mã định danh", "Tên đơn vị", "Tệp đã nộp", "Năm", "Trạng thái", "Số lỗi", "Số cảnh báo", "Mã lý do", "Lý do", "Tệp phản hồi"]
    : ["Agency code", "Agency name", "File", "Year", "Status", "Errors", "Warnings", "Reason code", "Reason", "Feedback file"];
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
