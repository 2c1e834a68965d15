/**
 * The finding catalogue: for every finding code, its severity, its title, what it means, how
 * to put it right, what a consolidator asks the agency to do, and, for the codes that can
 * keep a file out of the consolidation, the rank that decides which one is named as the
 * reason. The CLI, the report writers, the task pane, the custom functions and
 * docs/findings.md (scripts/findings-doc.ts) all read this one table. Codes and severities
 * are a promise to users' scripts: add to them, never change them.
 *
 * Each check still writes its own message for each finding (the cell, the figures, the row);
 * `meaning` here is what every finding of the code has in common.
 */
import { type Lang, type Message, messages } from "./i18n";

export type Severity = "error" | "warning" | "info";

export interface CatalogueEntry {
  readonly severity: Severity;
  readonly title: Message;
  /** What the finding means, for every instance of it. */
  readonly meaning: Message;
  /** What the agency that fills the form does about it (the pane's how-to-fix, the feedback's "Cách sửa"). */
  readonly fix: Message;
  /** What the consolidator asks of the agency, or does. */
  readonly ask: Message;
  /**
   * Present when the finding can keep a file out of the consolidation. Of several, the lowest
   * rank is named as the file's reason; `reason` is the short text of the report's status
   * column (absent: "có lỗi số liệu (code)").
   */
  readonly exclusion?: { readonly rank: number; readonly reason?: Message };
}

export const FINDING_CATALOGUE = {
  "file.unreadable": {
    severity: "error",
    title: { vi: "Tệp không đọc được", en: "File cannot be read" },
    meaning: {
      vi: "DTBD không mở được tệp: tệp hỏng hoặc không đầy đủ, bị đặt mật khẩu, không phải sổ tính, hoặc quá lớn để mở an toàn. Nội dung phát hiện nói rõ là trường hợp nào.",
      en: "DTBD cannot open the file: it is corrupt or incomplete, password-protected, not a workbook, or too large to open safely. The finding's message says which.",
    },
    fix: {
      vi: "Mở tệp bằng Excel, gỡ mật khẩu nếu có, chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi kiểm tra lại.",
      en: "Open the file in Excel, remove any password, Save As → Excel Workbook (*.xlsx), and check it again.",
    },
    ask: {
      vi: "Đề nghị đơn vị gửi lại tệp .xlsx mở được bằng Excel, không đặt mật khẩu.",
      en: "Ask the agency to send the file again as an .xlsx that opens in Excel, without a password.",
    },
    exclusion: { rank: 1, reason: { vi: "không đọc được tệp", en: "file cannot be read" } },
  },
  "form.not-found": {
    severity: "error",
    title: { vi: "Không tìm thấy biểu", en: "Form not found" },
    meaning: {
      vi: "Không trang tính nào có bảng của biểu 01/ĐTBD (các tiêu đề cột và dòng mã cột) hay của biểu nạp bằng --form, cũng không có bảng nào có dòng mã cột để kiểm tra chung. Khi tổng hợp: tệp là một biểu khác với biểu đang tổng hợp.",
      en: "No sheet holds the table of form 01/ĐTBD (its column headings and code row) or of a form given with --form, nor any table with a code row to check generically. In a consolidation: the file is another form than the one being consolidated.",
    },
    fix: {
      vi: "Nhập số liệu vào đúng biểu tạo từ mẫu (thẻ Mẫu của ngăn DTBD, hoặc lệnh dtbd template), giữ nguyên các tiêu đề cột và dòng mã cột (A, B, C, D, 1=2+3+4+5 …).",
      en: "Enter the figures in the right form made from the template (the Form tab of the DTBD pane, or dtbd template), keeping the column headings and the code row (A, B, C, D, 1=2+3+4+5 …).",
    },
    ask: {
      vi: "Đề nghị đơn vị nộp đúng biểu theo mẫu, không thay đổi cấu trúc bảng; với một biểu khác 01/ĐTBD, học mẫu của biểu đó (dtbd form learn) rồi kiểm tra với --form.",
      en: "Ask the agency to file the form made from the template, without changing the table's layout; for a form other than 01/ĐTBD, learn its template (dtbd form learn) and check with --form.",
    },
    exclusion: { rank: 2, reason: { vi: "không phải biểu đang tổng hợp", en: "not the form being consolidated" } },
  },
  "form.multiple": {
    severity: "warning",
    title: { vi: "Tệp có thêm biểu 01/ĐTBD không được đọc", en: "Another form 01/ĐTBD in the file, not read" },
    meaning: {
      vi: "Nhiều trang tính của tệp là biểu 01/ĐTBD. Mỗi tệp chỉ đọc một biểu; trang còn lại được nêu tên nhưng không được đọc, số liệu của nó không vào tổng hợp.",
      en: "Several sheets of the file are a form 01/ĐTBD. One form is read per file; the other sheet is named but not read, and its figures are not consolidated.",
    },
    fix: {
      vi: "Để biểu cần nộp ở trang đầu tiên, hoặc tách mỗi biểu thành một tệp riêng.",
      en: "Put the form to submit on the first sheet, or save each form as a file of its own.",
    },
    ask: {
      vi: "Hỏi đơn vị trang nào là số liệu chính thức; nếu không phải trang đã đọc, đề nghị gửi lại tệp chỉ có biểu đó.",
      en: "Ask the agency which sheet holds the official figures; if not the one read, ask for a file with that form only.",
    },
  },
  "header.agency-missing": {
    severity: "error",
    title: { vi: "Thiếu tên đơn vị", en: "Agency name missing" },
    meaning: {
      vi: "Phần đầu biểu không ghi tên hay mã định danh của đơn vị báo cáo, nên không biết số liệu là của đơn vị nào.",
      en: "The form's header gives neither the name nor the identifier of the reporting agency, so it is unknown whose figures these are.",
    },
    fix: {
      vi: "Ghi “Đơn vị báo cáo: <tên đơn vị>” (ô A5 của mẫu) và mã định danh ở ô bên phải nhãn “Mã định danh:”.",
      en: "Write “Đơn vị báo cáo: <agency name>” (cell A5 of the template) and the identifier in the cell right of the label “Mã định danh:”.",
    },
    ask: {
      vi: "Đề nghị đơn vị ghi tên và mã định danh vào phần đầu biểu rồi gửi lại.",
      en: "Ask the agency to put its name and identifier in the form's header and send it again.",
    },
    exclusion: { rank: 6, reason: { vi: "thiếu tên hoặc mã đơn vị", en: "agency name or code missing" } },
  },
  "header.year-missing": {
    severity: "error",
    title: { vi: "Thiếu năm báo cáo", en: "Report year missing" },
    meaning: {
      vi: "Không tìm thấy năm báo cáo (ở cuối tiêu đề biểu, hoặc ở ô có nhãn “Năm:”), nên không biết tệp thuộc năm nào.",
      en: "No report year is found (at the end of the form's title, or in a cell labelled “Năm:”), so it is unknown which year the file reports.",
    },
    fix: {
      vi: "Ghi năm ở cuối tiêu đề biểu, ví dụ “… CÔNG CHỨC, VIÊN CHỨC NĂM 2024”.",
      en: "Write the year at the end of the form's title, e.g. “… CÔNG CHỨC, VIÊN CHỨC NĂM 2024”.",
    },
    ask: {
      vi: "Đề nghị đơn vị ghi năm báo cáo vào tiêu đề biểu rồi gửi lại.",
      en: "Ask the agency to put the report year in the form's title and send it again.",
    },
    exclusion: { rank: 7, reason: { vi: "thiếu năm báo cáo", en: "report year missing" } },
  },
  "header.agency-code-invalid": {
    severity: "warning",
    title: { vi: "Mã định danh đơn vị không hợp lệ", en: "Invalid agency identifier" },
    meaning: {
      vi: "Mã định danh của đơn vị không đúng dạng NNN.NN.NN.HNN (QĐ 20/2020/QĐ-TTg). Mã định danh là khóa nhận ra đơn vị khi tổng hợp và khi đối chiếu danh sách đơn vị.",
      en: "The agency's identifier is not in the NNN.NN.NN.HNN shape (Decision 20/2020/QĐ-TTg). The identifier is the agency's key in consolidation and against the roster.",
    },
    fix: {
      vi: "Ghi đúng mã định danh điện tử của đơn vị, ví dụ 000.00.12.H39.",
      en: "Write the agency's electronic identifier exactly, e.g. 000.00.12.H39.",
    },
    ask: {
      vi: "Đề nghị đơn vị kiểm tra và ghi đúng mã định danh điện tử.",
      en: "Ask the agency to check its electronic identifier and write it exactly.",
    },
  },
  "column.missing": {
    severity: "error",
    title: { vi: "Thiếu cột", en: "Missing column" },
    meaning: {
      vi: "Bảng thiếu một cột của biểu (tìm theo mã cột ở dòng mã cột, rồi theo tiêu đề), nên không đọc được số liệu của cột đó.",
      en: "The table lacks a column of the form (looked up by its code in the code row, then by its heading), so that column's figures cannot be read.",
    },
    fix: {
      vi: "Thêm lại cột với đúng tiêu đề và mã cột, hoặc chép số liệu sang biểu mới tạo từ mẫu.",
      en: "Add the column back with its heading and code, or copy the figures into a new form made from the template.",
    },
    ask: {
      vi: "Đề nghị đơn vị dùng đúng mẫu biểu, đủ các cột, rồi gửi lại.",
      en: "Ask the agency to use the template with all its columns and send the file again.",
    },
    exclusion: { rank: 8 },
  },
  "row.missing": {
    severity: "warning",
    title: { vi: "Thiếu dòng", en: "Missing row" },
    meaning: {
      vi: "Một dòng của biểu (theo Mã số) không có trong bảng; dòng đó được tính bằng 0.",
      en: "A row of the form (by its Mã số) is not in the table; it counts as zero.",
    },
    fix: {
      vi: "Bổ sung dòng với đúng Mã số và tên chương trình (chép từ mẫu); để trống nếu không có số liệu.",
      en: "Add the row with its Mã số and programme name (copied from the template); leave it blank when there are no figures.",
    },
    ask: {
      vi: "Nếu đơn vị có số liệu cho dòng đó, đề nghị bổ sung; nếu không, không cần làm gì.",
      en: "If the agency has figures for that row, ask for them; otherwise nothing is needed.",
    },
  },
  "row.unknown": {
    severity: "warning",
    title: { vi: "Dòng không có trong biểu", en: "Row not on the form" },
    meaning: {
      vi: "Một dòng có số liệu không khớp dòng nào của biểu, theo Mã số hay theo tên. Số liệu của dòng được ghi trong phát hiện nhưng không được cộng vào tổng hợp.",
      en: "A row with figures matches no row of the form, by Mã số or by name. Its figures are recorded in the finding but not added to the consolidation.",
    },
    fix: {
      vi: "Ghi đúng Mã số (cột C) cho dòng đó, hoặc chuyển số liệu vào dòng đúng của biểu.",
      en: "Give the row its Mã số (column C), or move its figures to the right row of the form.",
    },
    ask: {
      vi: "Hỏi đơn vị số liệu đó thuộc dòng (Mã số) nào và đề nghị sửa lại.",
      en: "Ask the agency which row (Mã số) those figures belong to, and to correct the form.",
    },
  },
  "row.duplicate": {
    severity: "error",
    title: { vi: "Dòng trùng lặp", en: "Duplicate row" },
    meaning: {
      vi: "Hai dòng có cùng Mã số (hoặc cùng tên chương trình), nên không biết dòng nào đúng.",
      en: "Two rows have the same Mã số (or the same programme name), so it is unknown which is right.",
    },
    fix: { vi: "Xóa dòng thừa hoặc gộp số liệu vào một dòng.", en: "Delete the extra row or merge the figures into one row." },
    ask: {
      vi: "Đề nghị đơn vị gộp hoặc xóa dòng trùng rồi gửi lại.",
      en: "Ask the agency to merge or delete the duplicate row and send the file again.",
    },
    exclusion: { rank: 9 },
  },
  "cell.not-number": {
    severity: "error",
    title: { vi: "Ô không phải là số", en: "Not a number" },
    meaning: {
      vi: "Ô ở cột số liệu chứa chữ không đọc được thành số, hoặc cách viết có thể hiểu thành hai số khác nhau (như “1.234,5.6”).",
      en: "A cell of a figure column holds text that is not a number, or a number that reads two ways (such as “1.234,5.6”).",
    },
    fix: {
      vi: "Nhập lại ô bằng số: để trống hoặc ghi “-” nếu bằng 0, phần thập phân dùng dấu phẩy.",
      en: "Enter the cell again as a number: blank or “-” for zero, a decimal comma for decimals.",
    },
    ask: {
      vi: "Đề nghị đơn vị nhập lại ô đó bằng số rồi gửi lại.",
      en: "Ask the agency to enter that cell as a number and send the file again.",
    },
    exclusion: { rank: 10 },
  },
  "cell.text-number": {
    severity: "warning",
    title: { vi: "Số lưu dạng văn bản", en: "Numbers stored as text" },
    meaning: {
      vi: "Ô chứa số được lưu dạng văn bản (ví dụ “1.234”, “12,5”). DTBD đã đọc và dùng giá trị của nó, nhưng hàm SUM của Excel bỏ qua ô đó.",
      en: "A cell holds a number stored as text (e.g. “1.234”, “12,5”). DTBD reads and uses its value, but Excel's SUM skips the cell.",
    },
    fix: {
      vi: "Chuyển các ô đó thành số: nút “Sửa” trong ngăn DTBD (sửa ngay trên trang tính trong Excel, hoặc tải về bản đã sửa).",
      en: "Turn the cells into numbers: the “Fix” button of the DTBD pane (on the sheet in Excel, or as a downloaded corrected copy).",
    },
    ask: {
      vi: "Không ảnh hưởng số tổng hợp; nên đề nghị đơn vị chuyển các ô đó thành số để công thức trong tệp tính đúng.",
      en: "The consolidation is not affected; ask the agency to turn those cells into numbers so that the file's own formulas add up.",
    },
  },
  "cell.negative": {
    severity: "error",
    title: { vi: "Số âm", en: "Negative number" },
    meaning: {
      vi: "Ô có số âm. Số người, lượt người và kinh phí không thể âm.",
      en: "A cell holds a negative number. People, person-times and budgets cannot be negative.",
    },
    fix: { vi: "Nhập lại số đúng, không âm.", en: "Enter the right figure, not negative." },
    ask: {
      vi: "Đề nghị đơn vị kiểm tra và nhập lại số đúng.",
      en: "Ask the agency to check the figure and enter the right one.",
    },
    exclusion: { rank: 11 },
  },
  "cell.not-integer": {
    severity: "error",
    title: { vi: "Số lẻ ở cột số người", en: "Fraction in a headcount column" },
    meaning: {
      vi: "Ô ở cột đếm người hoặc lượt người có số lẻ. Số người, lượt người phải là số nguyên.",
      en: "A cell of a headcount column holds a fraction. People and person-times are whole numbers.",
    },
    fix: {
      vi: "Nhập số nguyên; kiểm tra có nhầm dấu phẩy thập phân với dấu chấm phân cách hàng nghìn không.",
      en: "Enter a whole number; check that a thousands separator was not taken for a decimal one.",
    },
    ask: {
      vi: "Đề nghị đơn vị kiểm tra và nhập lại số nguyên.",
      en: "Ask the agency to check the figure and enter a whole number.",
    },
    exclusion: { rank: 12 },
  },
  "cell.formula-error": {
    severity: "error",
    title: { vi: "Công thức báo lỗi", en: "Formula shows an error" },
    meaning: {
      vi: "Công thức trong ô cho kết quả lỗi (#REF!, #DIV/0!, #VALUE!, #N/A, #NAME? …), nên ô không có giá trị.",
      en: "The cell's formula results in an error (#REF!, #DIV/0!, #VALUE!, #N/A, #NAME? …), so the cell has no value.",
    },
    fix: {
      vi: "Sửa công thức (lỗi thường do đã xóa dòng, cột mà công thức tham chiếu) hoặc nhập số trực tiếp.",
      en: "Correct the formula (often a row or column it refers to was deleted) or type the figure in.",
    },
    ask: {
      vi: "Đề nghị đơn vị sửa công thức hoặc nhập số rồi gửi lại.",
      en: "Ask the agency to correct the formula or type the figure, and send the file again.",
    },
    exclusion: { rank: 13 },
  },
  "cell.formula-no-value": {
    severity: "warning",
    title: { vi: "Công thức chưa có giá trị", en: "Formula without a stored value" },
    meaning: {
      vi: "Ô có công thức nhưng tệp không lưu kết quả (tệp được lưu bằng chương trình không tính toán). Công thức cộng đơn giản thì DTBD tự tính; công thức khác thì ô được coi là trống.",
      en: "The cell has a formula but the file stores no result (it was saved by a program that does not calculate). DTBD computes a plain sum itself; any other formula counts as blank.",
    },
    fix: {
      vi: "Mở tệp bằng Excel (hoặc LibreOffice) và lưu lại, để công thức được tính và lưu kết quả.",
      en: "Open the file in Excel (or LibreOffice) and save it, so that the formulas are calculated and their results stored.",
    },
    ask: {
      vi: "Đề nghị đơn vị mở và lưu lại tệp bằng Excel rồi gửi lại.",
      en: "Ask the agency to open and save the file in Excel and send it again.",
    },
  },
  "sum.columns": {
    severity: "error",
    title: { vi: "Cột tổng khác tổng các cột thành phần", en: "Total column differs from its parts" },
    meaning: {
      vi: "Trên một dòng, cột tổng khác tổng các cột thành phần theo dòng mã cột (ví dụ 1=2+3+4+5: tổng số kế hoạch bằng cán bộ + công chức + viên chức + cán bộ, công chức cấp xã).",
      en: "On a row, a total column differs from the sum of its parts as the code row states them (e.g. 1=2+3+4+5: the plan total equals the four groups of staff).",
    },
    fix: {
      vi: "Sửa số ở cột tổng hoặc ở các cột thành phần cho khớp; nên dùng công thức =SUM cho cột tổng.",
      en: "Correct the total or its parts so that they agree; a =SUM formula in the total column keeps them so.",
    },
    ask: {
      vi: "Đề nghị đơn vị đối chiếu, sửa số liệu của dòng đó rồi gửi lại.",
      en: "Ask the agency to reconcile the figures of that row and send the file again.",
    },
    exclusion: { rank: 14 },
  },
  "sum.rows": {
    severity: "error",
    title: { vi: "Dòng tổng khác tổng các dòng con", en: "Parent row differs from its child rows" },
    meaning: {
      vi: "Một dòng tổng (ví dụ Mã số 01 ĐÀO TẠO = 02 + 09) khác tổng các dòng con của nó ở một cột.",
      en: "A parent row (e.g. Mã số 01 ĐÀO TẠO = 02 + 09) differs from the sum of its child rows in a column.",
    },
    fix: {
      vi: "Sửa số ở dòng tổng hoặc ở các dòng con cho khớp; nên dùng công thức cộng các dòng con.",
      en: "Correct the parent row or its children so that they agree; a formula adding the child rows keeps them so.",
    },
    ask: {
      vi: "Đề nghị đơn vị đối chiếu, sửa số liệu của nhóm dòng đó rồi gửi lại.",
      en: "Ask the agency to reconcile that group of rows and send the file again.",
    },
    exclusion: { rank: 15 },
  },
  "subset.exceeds": {
    severity: "error",
    title: { vi: "Số “trong đó” lớn hơn tổng", en: "“Of which” larger than its total" },
    meaning: {
      vi: "Giá trị “trong đó” (nữ, người dân tộc thiểu số) lớn hơn tổng số thực hiện mà nó là một phần.",
      en: "An “of which” value (women, ethnic minorities) is larger than the actual total it is part of.",
    },
    fix: {
      vi: "Sửa số “trong đó” hoặc tổng số: phần không thể lớn hơn tổng.",
      en: "Correct the “of which” value or the total: a part cannot exceed its total.",
    },
    ask: {
      vi: "Đề nghị đơn vị kiểm tra số nữ, người dân tộc thiểu số của dòng đó rồi gửi lại.",
      en: "Ask the agency to check the women and ethnic-minority figures of that row and send the file again.",
    },
    exclusion: { rank: 16 },
  },
  "rate.mismatch": {
    severity: "warning",
    title: { vi: "Tỷ lệ ghi khác thực hiện ÷ kế hoạch", en: "Typed rate differs from actual ÷ plan" },
    meaning: {
      vi: "Tỷ lệ ghi ở cột 13 khác thực hiện ÷ kế hoạch quá 0,05 điểm phần trăm, hoặc có tỷ lệ khi kế hoạch bằng 0. Khi tổng hợp, tỷ lệ luôn được tính lại từ số liệu.",
      en: "The rate in column 13 differs from actual ÷ plan by more than 0.05 percentage points, or a rate is given where the plan is 0. The consolidation always recomputes rates from the figures.",
    },
    fix: {
      vi: "Dùng công thức thực hiện ÷ kế hoạch (ví dụ =J11/E11, hoặc =DTBD.TYLE(J11; E11)) định dạng phần trăm; để trống khi kế hoạch bằng 0.",
      en: "Use a formula actual ÷ plan (e.g. =J11/E11, or =DTBD.ATTAINMENT(J11, E11)) formatted as a percentage; leave it blank where the plan is 0.",
    },
    ask: {
      vi: "Không ảnh hưởng số tổng hợp; nên đề nghị đơn vị sửa công thức tỷ lệ trong biểu.",
      en: "The consolidation is not affected; ask the agency to correct the rate formula in its form.",
    },
  },
  "rate.outlier": {
    severity: "info",
    title: { vi: "Tỷ lệ trên 300%", en: "Rate above 300%" },
    meaning: {
      vi: "Tỷ lệ thực hiện của một dòng trên 300% kế hoạch. Có thể đúng, nhưng thường do nhập nhầm kế hoạch hoặc thực hiện.",
      en: "A row's attainment is above 300% of its plan. It may be right, but is often a mistyped plan or actual.",
    },
    fix: {
      vi: "Kiểm tra lại số kế hoạch và thực hiện của dòng; nếu đúng thì không cần sửa.",
      en: "Check the row's plan and actual; if they are right, nothing needs fixing.",
    },
    ask: { vi: "Đề nghị đơn vị xác nhận số liệu của dòng đó.", en: "Ask the agency to confirm that row's figures." },
  },
  "actual.unplanned": {
    severity: "info",
    title: { vi: "Thực hiện ngoài kế hoạch", en: "Actual without a plan" },
    meaning: {
      vi: "Dòng có số thực hiện nhưng không có kế hoạch (ngoài kế hoạch), nên không có tỷ lệ.",
      en: "A row has an actual but no plan (outside the plan), so it has no rate.",
    },
    fix: {
      vi: "Nếu đã có kế hoạch, bổ sung số kế hoạch; nếu thực sự ngoài kế hoạch thì không cần sửa.",
      en: "If there was a plan, add its figure; if the training was truly unplanned, nothing needs fixing.",
    },
    ask: {
      vi: "Đề nghị đơn vị xác nhận đây là hoạt động ngoài kế hoạch.",
      en: "Ask the agency to confirm that the training was outside the plan.",
    },
  },
  "unit.mismatch": {
    severity: "warning",
    title: { vi: "Đơn vị tính không đúng", en: "Unit differs from the form's" },
    meaning: {
      vi: "Đơn vị tính của dòng khác đơn vị của biểu: đào tạo tính bằng “Người”, bồi dưỡng tính bằng “Lượt người”.",
      en: "The row's unit differs from the form's: training counts “Người” (people), fostering “Lượt người” (person-times).",
    },
    fix: {
      vi: "Sửa cột Đơn vị tính theo biểu, và kiểm tra số liệu đã đếm đúng đơn vị chưa.",
      en: "Correct the unit column to the form's unit, and check that the figures count that unit.",
    },
    ask: {
      vi: "Hỏi đơn vị số liệu của dòng đếm theo người hay lượt người, và đề nghị sửa đơn vị tính.",
      en: "Ask the agency whether the row counts people or person-times, and to correct the unit.",
    },
  },
  "total.mixed-units": {
    severity: "warning",
    title: { vi: "Dòng tổng cộng lẫn người và lượt người", en: "Total adds people and person-times" },
    meaning: {
      vi: "Bảng có dòng tổng cộng chung đào tạo (người) và bồi dưỡng (lượt người). Hai nhóm không cộng được với nhau: biểu không có dòng tổng chung, và dòng đó không được cộng vào tổng hợp.",
      en: "The table has a total adding training (people) and fostering (person-times). The two never add up: the form has no grand total, and that row is not consolidated.",
    },
    fix: { vi: "Xóa dòng tổng cộng chung.", en: "Delete the grand-total row." },
    ask: {
      vi: "Không ảnh hưởng số tổng hợp; nên đề nghị đơn vị bỏ dòng tổng chung ở các kỳ sau.",
      en: "The consolidation is not affected; ask the agency to leave the grand total out next time.",
    },
  },
  "text.legacy-encoding": {
    severity: "warning",
    title: { vi: "Chữ dùng bảng mã cũ (TCVN3, VNI)", en: "Legacy encoding (TCVN3, VNI)" },
    meaning: {
      vi: "Chữ trong tệp được gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI. DTBD đã đọc chuyển sang Unicode, nhưng trên máy không có phông chữ cũ, chữ hiện sai.",
      en: "The file's text is typed in a legacy encoding, TCVN3 (ABC) or VNI. DTBD reads it converted to Unicode, but on a computer without the old fonts the text shows garbled.",
    },
    fix: {
      vi: "Chuyển cả tệp sang Unicode: nút “Sửa” trong ngăn DTBD, hoặc công cụ chuyển mã của Unikey.",
      en: "Convert the whole file to Unicode: the “Fix” button of the DTBD pane, or Unikey's converter.",
    },
    ask: {
      vi: "Không ảnh hưởng số tổng hợp; nên đề nghị đơn vị dùng phông chữ Unicode (như Times New Roman).",
      en: "The consolidation is not affected; ask the agency to use a Unicode font (such as Times New Roman).",
    },
  },
  "consolidate.year-mismatch": {
    severity: "error",
    title: { vi: "Sai năm tổng hợp", en: "Wrong year" },
    meaning: {
      vi: "Năm báo cáo (hoặc giai đoạn) của tệp khác năm đang tổng hợp, nên tệp không được tổng hợp.",
      en: "The file's report year (or period) is not the year being consolidated, so it is not consolidated.",
    },
    fix: {
      vi: "Kiểm tra năm báo cáo ở tiêu đề biểu và gửi đúng biểu của năm đang tổng hợp.",
      en: "Check the report year in the form's title and send the form of the year being consolidated.",
    },
    ask: {
      vi: "Đề nghị đơn vị gửi báo cáo của đúng năm đang tổng hợp (nếu tệp đúng năm mà ghi nhầm năm, đề nghị sửa năm ở tiêu đề); bỏ tệp năm khác khỏi thư mục tổng hợp.",
      en: "Ask the agency for its report of the year being consolidated (if the file is of that year but says another, ask for the title's year to be corrected); take a file of another year out of the folder.",
    },
    exclusion: { rank: 4, reason: { vi: "sai năm báo cáo", en: "wrong report year" } },
  },
  "consolidate.duplicate-agency": {
    severity: "error",
    title: { vi: "Đơn vị có nhiều tệp khác nhau", en: "Several different files for one agency" },
    meaning: {
      vi: "Hai tệp trở lên, khác nội dung, cùng là của một đơn vị (cùng mã định danh, hoặc cùng tên khi không có mã). Không tệp nào được cộng, vì không biết tệp nào đúng.",
      en: "Two or more files with different content belong to one agency (same identifier, or same name when there is none). None is added, since it is unknown which is right.",
    },
    fix: {
      vi: "Báo cho cơ quan tổng hợp tệp nào là tệp đúng của đơn vị; các tệp còn lại sẽ được bỏ.",
      en: "Tell the consolidating office which file is the agency's right one; the others will be dropped.",
    },
    ask: {
      vi: "Hỏi đơn vị tệp nào là bản chính thức, bỏ các tệp còn lại khỏi thư mục tổng hợp và chạy lại; nếu là hai đơn vị ghi trùng mã định danh, đề nghị đơn vị ghi sai sửa lại mã.",
      en: "Ask the agency which file is the official one, take the others out of the folder and run again; if two agencies wrote the same identifier, ask the one in error to correct it.",
    },
    exclusion: { rank: 5, reason: { vi: "trùng đơn vị với tệp khác", en: "same agency as another file" } },
  },
  "consolidate.identical-file": {
    severity: "info",
    title: { vi: "Tệp giống hệt tệp khác", en: "Identical to another file" },
    meaning: {
      vi: "Tệp giống hệt một tệp khác đã đọc (cùng SHA-256), ví dụ do gửi hai lần; chỉ tính một lần.",
      en: "The file is identical to another one read (same SHA-256), e.g. sent twice; it is counted once.",
    },
    fix: {
      vi: "Tệp đã được nhận (trùng nội dung với tệp khác); không cần gửi lại.",
      en: "The file was received already (same content as another file); nothing to send again.",
    },
    ask: {
      vi: "Không cần yêu cầu gì; có thể xóa bản trùng khỏi thư mục tổng hợp.",
      en: "Nothing to ask; the copy may be removed from the folder.",
    },
    exclusion: {
      rank: 3,
      reason: { vi: "trùng nội dung với tệp khác (đã tính một lần)", en: "same content as another file (counted once)" },
    },
  },
  "consolidate.missing-agency": {
    severity: "warning",
    title: { vi: "Đơn vị chưa nộp", en: "Agency has not filed" },
    meaning: {
      vi: "Đơn vị có trong danh sách đơn vị phải nộp (--roster) nhưng không có tệp nào của đơn vị trong các tệp tổng hợp.",
      en: "The agency is on the roster of agencies that must file (--roster), but none of the files is theirs.",
    },
    fix: { vi: "Gửi biểu 01/ĐTBD của đơn vị.", en: "Send the agency's form 01/ĐTBD." },
    ask: {
      vi: "Đề nghị đơn vị nộp báo cáo; khi có tệp, thêm vào thư mục tổng hợp rồi chạy lại.",
      en: "Ask the agency to file its report; when it comes, add it to the folder and run again.",
    },
  },
  "consolidate.not-in-roster": {
    severity: "warning",
    title: { vi: "Đơn vị không có trong danh sách", en: "Agency not on the roster" },
    meaning: {
      vi: "Đơn vị của tệp không có trong danh sách đơn vị phải nộp (theo mã định danh hoặc tên). Tệp vẫn được tổng hợp.",
      en: "The file's agency is not on the roster (by identifier or name). The file is still consolidated.",
    },
    fix: {
      vi: "Kiểm tra tên và mã định danh của đơn vị ở phần đầu biểu.",
      en: "Check the agency's name and identifier in the form's header.",
    },
    ask: {
      vi: "Đề nghị đơn vị kiểm tra mã định danh ghi trong biểu; nếu mã đúng, bổ sung đơn vị vào danh sách đơn vị.",
      en: "Ask the agency to check the identifier written in its form; if it is right, add the agency to the roster.",
    },
  },
  "trend.jump": {
    severity: "info",
    title: { vi: "Tăng đột biến so với năm trước", en: "Sharp rise against last year" },
    meaning: {
      vi: "Số thực hiện của một dòng của đơn vị tăng hơn 3 lần so với năm trước, hoặc từ 0 lên trên 50. Có thể đúng, nhưng nên kiểm tra.",
      en: "An agency's actual on a row is more than 3 times last year's, or rose from 0 to over 50. It may be right, but is worth a check.",
    },
    fix: {
      vi: "Kiểm tra lại số liệu so với năm trước; nếu đúng, ghi lý do vào cột Ghi chú.",
      en: "Check the figure against last year's; if it is right, give the reason in the Ghi chú (note) column.",
    },
    ask: { vi: "Đề nghị đơn vị xác nhận số liệu của dòng đó.", en: "Ask the agency to confirm that row's figures." },
  },
  "trend.drop": {
    severity: "info",
    title: { vi: "Giảm về 0 so với năm trước", en: "Down to 0 from last year" },
    meaning: {
      vi: "Số thực hiện của một dòng của đơn vị bằng 0, trong khi năm trước trên 50. Có thể đúng, nhưng thường do bỏ sót số liệu.",
      en: "An agency's actual on a row is 0 where last year it was over 50. It may be right, but is often a row left out.",
    },
    fix: {
      vi: "Kiểm tra lại số liệu so với năm trước (dòng có bị bỏ sót không); nếu đúng, ghi lý do vào cột Ghi chú.",
      en: "Check the figure against last year's (was the row left out?); if it is right, give the reason in the Ghi chú (note) column.",
    },
    ask: { vi: "Đề nghị đơn vị xác nhận số liệu của dòng đó.", en: "Ask the agency to confirm that row's figures." },
  },
} as const satisfies Record<string, CatalogueEntry>;

export type FindingCode = keyof typeof FINDING_CATALOGUE;

/** Every code, in the catalogue's order: the form's own order (file, header, columns, rows, cells, sums…), then consolidation. */
export const FINDING_CODES = Object.keys(FINDING_CATALOGUE) as FindingCode[];

export type CatalogueField = "title" | "meaning" | "fix" | "ask";

/** A text of the catalogue in one language. */
export function catalogueText(lang: Lang, code: FindingCode, field: CatalogueField): string {
  return (FINDING_CATALOGUE[code] as CatalogueEntry)[field][lang];
}

export function findingTitle(lang: Lang, code: FindingCode): string {
  return catalogueText(lang, code, "title");
}

const severityText = messages({
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  // "Lưu ý" (a note to look at), not "Thông tin": these findings ask for a second look, and
  // the word counts naturally ("2 lưu ý").
  info: { vi: "Lưu ý", en: "Note" },
  errorHeading: { vi: "Lỗi", en: "Errors" },
  warningHeading: { vi: "Cảnh báo", en: "Warnings" },
  infoHeading: { vi: "Lưu ý", en: "Notes" },
  errorCount: { vi: "{n} lỗi", en: "{n} errors" },
  warningCount: { vi: "{n} cảnh báo", en: "{n} warnings" },
  infoCount: { vi: "{n} lưu ý", en: "{n} notes" },
  errorCountOne: { vi: "{n} lỗi", en: "{n} error" },
  warningCountOne: { vi: "{n} cảnh báo", en: "{n} warning" },
  infoCountOne: { vi: "{n} lưu ý", en: "{n} note" },
});

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** "Lỗi", "Cảnh báo", "Lưu ý": the severity of one finding (report column, terminal label). */
export function severityName(lang: Lang, severity: Severity): string {
  return severityText(lang, severity);
}

/** The heading over a group of findings of one severity ("Warnings" in English). */
export function severityHeading(lang: Lang, severity: Severity): string {
  return severityText(lang, `${severity}Heading`);
}

/** "3 lỗi", "1 warning", "2 notes"; `n` as the caller formats it. */
export function severityCount(lang: Lang, severity: Severity, n: number, shown: string = String(n)): string {
  return n === 1 ? severityText(lang, `${severity}CountOne`, { n: shown }) : severityText(lang, `${severity}Count`, { n: shown });
}

/** The rank of a code as the reason of an exclusion (lower explains first); null when it never excludes. */
export function exclusionRank(code: string): number | null {
  const entry = (FINDING_CATALOGUE as Record<string, CatalogueEntry>)[code];
  return entry?.exclusion?.rank ?? null;
}

const exclusionText = messages({
  dataErrors: { vi: "có lỗi số liệu ({code})", en: "data errors ({code})" },
});

/** The short reason of an excluded file, as the report's status column gives it. */
export function exclusionReason(lang: Lang, code: string | null): string {
  if (!code) return "";
  const entry = (FINDING_CATALOGUE as Record<string, CatalogueEntry>)[code];
  if (!entry) return code;
  return entry.exclusion?.reason?.[lang] ?? exclusionText(lang, "dataErrors", { code });
}
