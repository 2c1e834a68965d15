/** Messages shown by the custom functions in an error's tooltip, in the user's language. */
import { type Lang, messages } from "../core/i18n";

export const t = messages({
  planMissing: {
    vi: "Kế hoạch bằng 0 hoặc để trống: không tính được tỷ lệ.",
    en: "The plan is 0 or blank: no rate can be computed.",
  },
  notNumber: {
    vi: "Giá trị không phải là số.",
    en: "The value is not a number.",
  },
  yearsInvalid: {
    vi: "Số năm phải là số dương.",
    en: "The number of years must be positive.",
  },
  baselineZero: {
    vi: "Kỳ gốc bằng 0 hoặc để trống: không tính được tỷ số.",
    en: "The baseline is 0 or blank: no ratio can be computed.",
  },
  sizeMismatch: {
    vi: "Hai vùng không cùng kích thước.",
    en: "The two ranges differ in size.",
  },
  labelUnknown: {
    vi: "Không nhận ra tên chương trình đào tạo, bồi dưỡng này.",
    en: "This programme label matches no row of form 01/ĐTBD.",
  },
  checkHeader: {
    vi: "Ô|Mã lỗi|Nội dung",
    en: "Cell|Code|Message",
  },
  unexpected: {
    vi: "Lỗi không lường trước khi tính hàm",
    en: "Unexpected error while computing the function",
  },
});

export type FunctionMessage = keyof typeof t.table;

/** Office's display language when the host tells us, otherwise Vietnamese (the users' language). */
export function userLanguage(): Lang {
  let display: string | undefined;
  try {
    display = typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined;
  } catch {
    display = undefined;
  }
  if (!display) return "vi";
  return display.toLowerCase().startsWith("vi") ? "vi" : "en";
}
