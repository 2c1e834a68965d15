/**
 * Why a workbook could not be read, as one `file.unreadable` finding whose message says
 * which problem it is and what the sender should do about it.
 */
import { finding, type Finding, type Message } from "../core/findings.js";

export type UnreadableKind =
  | "empty"
  | "text-file"
  | "not-zip"
  | "encrypted"
  | "legacy-xls"
  | "corrupt"
  | "not-workbook"
  | "unsupported"
  | "too-large"
  | "zip-bomb"
  | "unsafe-xml"
  | "read-error";

/** Thrown inside the reader; readWorkbook turns it into a finding and never rethrows. */
export class UnreadableError extends Error {
  constructor(
    readonly kind: UnreadableKind,
    /** Specific detail for the message (English, technical: entry name, sizes…). */
    readonly detail: Message = { vi: "", en: "" },
  ) {
    super(`${kind}${detail.en ? ": " + detail.en : ""}`);
    this.name = "UnreadableError";
  }
}

const RESEND = {
  vi: "Hãy xin đơn vị gửi lại tệp (mở bằng Excel và lưu lại thành .xlsx).",
  en: "Ask the agency to send the file again (open it in Excel and save it as .xlsx).",
};

const MESSAGES: Record<UnreadableKind, Message> = {
  empty: {
    vi: "Tệp rỗng (0 byte), không có nội dung. Hãy kiểm tra lại tệp đính kèm hoặc xin đơn vị gửi lại.",
    en: "The file is empty (0 bytes). Check the attachment or ask the agency to send it again.",
  },
  "text-file": {
    vi: "Tệp là văn bản thuần, không phải sổ tính Excel (.xlsx) dù có đuôi như vậy. Hãy mở tệp bằng Excel rồi chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx).",
    en: "The file is plain text, not an Excel workbook (.xlsx), whatever its name says. Open it in Excel and use Save As → Excel Workbook (*.xlsx).",
  },
  "not-zip": {
    vi: "Tệp không phải sổ tính Excel .xlsx (không nhận ra định dạng). Hãy mở tệp bằng Excel rồi chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx).",
    en: "The file is not an Excel .xlsx workbook (unknown format). Open it in Excel and use Save As → Excel Workbook (*.xlsx).",
  },
  encrypted: {
    vi: "Sổ tính được đặt mật khẩu (mã hóa) nên không đọc được. Hãy gỡ mật khẩu trong Excel: Tệp → Thông tin → Bảo vệ Sổ làm việc → Mã hóa bằng Mật khẩu, xóa mật khẩu, rồi lưu lại.",
    en: "The workbook is password-protected (encrypted) and cannot be read. Remove the password in Excel: File → Info → Protect Workbook → Encrypt with Password, clear it, then save.",
  },
  "legacy-xls": {
    vi: "Tệp ở định dạng Excel quá cũ (trước Excel 97) nên không đọc được. Hãy mở tệp bằng Excel rồi chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx).",
    en: "The file is in an Excel format older than Excel 97 and cannot be read. Open it in Excel and use Save As → Excel Workbook (*.xlsx).",
  },
  corrupt: {
    vi: "Tệp sổ tính bị hỏng hoặc không đầy đủ (có thể do tải về hoặc đính kèm bị lỗi). " + RESEND.vi,
    en: "The workbook file is damaged or incomplete (perhaps a failed download or attachment). " + RESEND.en,
  },
  "not-workbook": {
    vi: "Tệp là tài liệu văn phòng nhưng không phải sổ tính Excel. Hãy gửi đúng tệp Excel (.xlsx) của biểu mẫu.",
    en: "The file is an office document but not an Excel workbook. Send the form's Excel file (.xlsx).",
  },
  unsupported: {
    vi: "Tệp dùng tính năng nén/mã hóa không được hỗ trợ. " + RESEND.vi,
    en: "The file uses an unsupported compression or encryption feature. " + RESEND.en,
  },
  "too-large": {
    vi: "Tệp quá lớn để mở an toàn. Hãy xóa các trang tính, hình ảnh không cần thiết (chỉ giữ biểu mẫu) rồi lưu lại và gửi lại.",
    en: "The file is too large to open safely. Delete the sheets and pictures that are not needed (keep the form), save and send it again.",
  },
  "zip-bomb": {
    vi: "Tệp có dấu hiệu bất thường của tệp độc hại dạng 'bom nén' (kích thước giải nén vượt xa kích thước tệp hoặc sai với kích thước khai báo); đã dừng đọc để bảo vệ máy. " + RESEND.vi,
    en: "The file looks like a malicious 'zip bomb' (it inflates far beyond its size or beyond its declared sizes); reading was stopped to protect this computer. " + RESEND.en,
  },
  "unsafe-xml": {
    vi: "Tệp chứa khai báo DOCTYPE/ENTITY trong XML — Excel không bao giờ tạo ra điều này, có thể là tệp độc hại; đã từ chối đọc. " + RESEND.vi,
    en: "The file contains an XML DOCTYPE/ENTITY declaration — Excel never writes one, so the file may be malicious; it was refused. " + RESEND.en,
  },
  "read-error": {
    vi: "Không đọc được tệp do lỗi không lường trước. " + RESEND.vi,
    en: "The file could not be read because of an unexpected error. " + RESEND.en,
  },
};

export function unreadableMessage(kind: UnreadableKind, detail?: Message): Message {
  const base = MESSAGES[kind];
  if (!detail || (!detail.vi && !detail.en)) return base;
  return {
    vi: `${base.vi} (${detail.vi || detail.en})`,
    en: `${base.en} (${detail.en || detail.vi})`,
  };
}

export function unreadableFinding(kind: UnreadableKind, detail?: Message): Finding {
  return finding("file.unreadable", unreadableMessage(kind, detail));
}

/** Any thrown value → the finding; unknown errors become "read-error" with their message. */
export function findingFromError(error: unknown): { kind: UnreadableKind; finding: Finding } {
  if (error instanceof UnreadableError) return { kind: error.kind, finding: unreadableFinding(error.kind, error.detail) };
  const text = error instanceof Error ? error.message : String(error);
  return { kind: "read-error", finding: unreadableFinding("read-error", { vi: text, en: text }) };
}
