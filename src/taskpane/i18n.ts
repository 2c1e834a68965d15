/**
 * The task pane's texts (Vietnamese first, English on the switch) and the pane's language.
 * Finding titles, severities and attainment statuses come from core (the finding catalogue,
 * attainment.ts), so that the pane, the CLI and the report name them alike.
 */
import { type Lang, messages } from "../core/i18n";

export type { Lang } from "../core/i18n";

export const t = messages({
  title: { vi: "DTBD – Kế hoạch đào tạo, bồi dưỡng", en: "DTBD – Training plan forms" },
  switchTo: { vi: "EN", en: "VI" },
  modeExcel: { vi: "trong Excel", en: "in Excel" },
  modeBrowser: { vi: "trên trình duyệt", en: "in the browser" },
  tabCheck: { vi: "Kiểm tra", en: "Check" },
  tabRates: { vi: "Tỷ lệ", en: "Rates" },
  tabConsolidate: { vi: "Tổng hợp", en: "Consolidate" },
  tabTemplate: { vi: "Mẫu", en: "Form" },
  checkSheet: { vi: "Kiểm tra trang tính hiện hành", en: "Check the active sheet" },
  clearMarks: { vi: "Xóa đánh dấu", en: "Remove highlights" },
  chooseFiles: { vi: "Chọn tệp biểu 01/ĐTBD…", en: "Choose form 01/ĐTBD files…" },
  filesHint: { vi: "Các tệp chỉ được đọc trên máy này, không gửi đi đâu.", en: "Files are read on this computer only and sent nowhere." },
  useSamples: { vi: "Dùng dữ liệu mẫu", en: "Use sample data" },
  noSamples: { vi: "Không có dữ liệu mẫu kèm theo.", en: "No sample data is bundled." },
  reading: { vi: "Đang đọc {n} tệp…", en: "Reading {n} file(s)…" },
  readingProgress: { vi: "Đang đọc tệp {done}/{n}: {name}…", en: "Reading file {done} of {n}: {name}…" },
  checked: { vi: "Đã kiểm tra {n} tệp.", en: "Checked {n} file(s)." },
  renamedNamesakes: { vi: "Tệp trùng tên với một tệp đã có nhưng khác nội dung được giữ cả hai, với tên mới: {names}.", en: "A file with the name of a listed file but other content is kept beside it, renamed: {names}." },
  sheetChecked: { vi: "Đã kiểm tra trang “{sheet}”: {n} phát hiện, đã đánh dấu trên trang tính.", en: "Checked sheet “{sheet}”: {n} finding(s), highlighted on the sheet." },
  marksCleared: { vi: "Đã xóa đánh dấu.", en: "Highlights removed." },
  noFindings: { vi: "Không phát hiện sai sót.", en: "No problems found." },
  onSheet: { vi: "trang tính {sheet}", en: "sheet {sheet}" },
  wholeFile: { vi: "cả tệp", en: "whole file" },
  findingCount: { vi: "{n} phát hiện", en: "{n} finding(s)" },
  showMore: { vi: "Xem thêm {n}", en: "Show {n} more" },
  selectCell: { vi: "Chọn ô {ref} trong Excel", en: "Select cell {ref} in Excel" },
  fixCell: { vi: "Sửa {n} ô", en: "Fix {n} cell" },
  fixCells: { vi: "Sửa {n} ô", en: "Fix {n} cells" },
  fixHintSheet: { vi: "Sửa {n} ô trên trang tính này (chỉ các ô đó), rồi kiểm tra lại.", en: "Fix {n} cell(s) on this sheet (those only), then check it again." },
  fixHintFile: { vi: "Tải về bản đã sửa {n} ô ({name}) rồi kiểm tra lại bản đó; tệp gốc giữ nguyên.", en: "Download a copy with {n} cell(s) fixed ({name}) and check that copy; the original file is left as it is." },
  sheetFixed: { vi: "Đã sửa {n} ô trên trang “{sheet}” và kiểm tra lại.", en: "Fixed {n} cell(s) on sheet “{sheet}” and checked it again." },
  fileFixed: { vi: "Đã sửa {n} ô, tải về tệp “{name}” và kiểm tra lại tệp đó.", en: "Fixed {n} cell(s), downloaded “{name}” and checked it." },
  nothingToFix: { vi: "Không còn ô nào cần sửa.", en: "Nothing left to fix." },
  agency: { vi: "Đơn vị", en: "Agency" },
  code: { vi: "Mã định danh", en: "Identifier" },
  year: { vi: "Năm", en: "Year" },
  form: { vi: "Biểu", en: "Form" },
  unknown: { vi: "chưa rõ", en: "unknown" },
  remove: { vi: "Bỏ", en: "Remove" },
  removeAll: { vi: "Bỏ tất cả tệp", en: "Remove all files" },
  ratesEmpty: { vi: "Chưa có số liệu. Hãy kiểm tra một tệp hoặc tổng hợp trước.", en: "No figures yet. Check a file or consolidate first." },
  ratesOf: { vi: "Tỷ lệ thực hiện: {name}", en: "Attainment: {name}" },
  colCode: { vi: "Mã số", en: "Code" },
  colLabel: { vi: "Chương trình", en: "Programme" },
  colPlan: { vi: "Kế hoạch", en: "Plan" },
  colActual: { vi: "Thực hiện", en: "Actual" },
  colRate: { vi: "Tỷ lệ", en: "Rate" },
  colStatus: { vi: "Tình trạng", en: "Status" },
  consolidateHint: { vi: "Tổng hợp các tệp đã chọn ở thẻ Kiểm tra thành báo cáo của tỉnh.", en: "Consolidate the files chosen on the Check tab into the provincial report." },
  consolidateYear: { vi: "Năm tổng hợp", en: "Year" },
  includeInvalid: { vi: "Tính cả tệp có lỗi", en: "Include files with errors" },
  runConsolidate: { vi: "Tổng hợp", en: "Consolidate" },
  needFiles: { vi: "Chưa có tệp nào. Hãy chọn tệp ở thẻ Kiểm tra.", en: "No files yet. Choose files on the Check tab." },
  consolidated: { vi: "Đã tổng hợp {included} đơn vị; {excluded} tệp bị loại.", en: "Consolidated {included} agencies; {excluded} file(s) excluded." },
  excludedBecause: { vi: "Bị loại: {reason}", en: "Excluded: {reason}" },
  downloadReport: { vi: "Tải báo cáo tổng hợp (.xlsx)", en: "Download the report (.xlsx)" },
  writeReport: { vi: "Ghi báo cáo vào sổ làm việc", en: "Write the report into this workbook" },
  reportWritten: { vi: "Đã ghi 4 trang báo cáo và biểu đồ vào sổ làm việc.", en: "Wrote the 4 report sheets and the chart into the workbook." },
  templateHint: { vi: "Tạo biểu 01/ĐTBD trống để gửi cho đơn vị.", en: "Create a blank form 01/ĐTBD to send to an agency." },
  agencyName: { vi: "Tên đơn vị", en: "Agency name" },
  agencyCode: { vi: "Mã định danh (NNN.NN.NN.HNN)", en: "Identifier (NNN.NN.NN.HNN)" },
  downloadTemplate: { vi: "Tải biểu trống (.xlsx)", en: "Download a blank form (.xlsx)" },
  insertTemplate: { vi: "Chèn biểu trống vào sổ làm việc", en: "Insert a blank form into this workbook" },
  templateInserted: { vi: "Đã chèn biểu trống.", en: "Blank form inserted." },
  yearInvalid: { vi: "Năm không hợp lệ (ví dụ 2024).", en: "Invalid year (e.g. 2024)." },
  failed: { vi: "Không thực hiện được: {reason}", en: "Could not complete: {reason}" },
  helpTitle: { vi: "Hướng dẫn", en: "Help" },
  help: { vi: "Kiểm tra: chọn tệp hoặc kiểm tra trang tính đang mở. Tỷ lệ: tỷ lệ thực hiện theo Mã số. Tổng hợp: gộp các đơn vị thành báo cáo của tỉnh. Mẫu: biểu trống. Hàm trong ô: =DTBD.TYLE(thực_hiện; kế_hoạch), =DTBD.KIEMTRA(A1:T60)…", en: "Check: choose files or check the open sheet. Rates: attainment per Mã số. Consolidate: merge agencies into the provincial report. Form: a blank form. Cell functions: =DTBD.ATTAINMENT(actual, plan), =DTBD.CHECK(A1:T60)…" },
  howToFix: { vi: "Cách sửa:", en: "How to fix:" },
  filesChosen: { vi: "{n} tệp đã chọn", en: "{n} file(s) chosen" },
  filesClean: { vi: "{n} tệp không có sai sót", en: "{n} without findings" },
  filesWithWarnings: { vi: "{n} tệp chỉ có cảnh báo hoặc lưu ý", en: "{n} with warnings or notes only" },
  filesWithErrors: { vi: "{n} tệp có lỗi", en: "{n} with errors" },
  fileList: { vi: "Danh sách {n} tệp", en: "List of the {n} files" },
  includedList: { vi: "{n} tệp đã tổng hợp", en: "{n} file(s) consolidated" },
  excludedList: { vi: "{n} tệp bị loại", en: "{n} file(s) excluded" },
  chartHeading: { vi: "Kế hoạch và thực hiện theo nhóm chương trình", en: "Plan and actual by programme group" },
  chartTitle: { vi: "{group} ({unit}): kế hoạch và thực hiện", en: "{group} ({unit}): plan and actual" },
  chartRow: {
    vi: "{label}: kế hoạch {plan}, thực hiện {actual}{rate}.",
    en: "{label}: plan {plan}, actual {actual}{rate}.",
  },
  chartRate: { vi: ", đạt {rate}", en: ", {rate} of plan" },
  chartNoData: { vi: "Nhóm này chưa có số liệu.", en: "No figures in this group yet." },
  groupTraining: { vi: "ĐÀO TẠO", en: "Training" },
  groupFostering: { vi: "BỒI DƯỠNG", en: "Fostering" },
  unitPeople: { vi: "người", en: "people" },
  unitPersonTimes: { vi: "lượt người", en: "person-times" },
});

let current: Lang = "vi";

/** The pane's language (Excel's display language at start, then the switch). */
export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}
