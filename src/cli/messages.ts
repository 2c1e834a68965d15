/** What the dtbd command says, in Vietnamese and English (`--lang`). */
import { messages } from "../core/i18n";

export const t = messages({
  notFound: { vi: "dtbd: không tìm thấy: {paths}", en: "dtbd: not found: {paths}" },
  cannotWrite: { vi: "dtbd: không ghi được {out}: {reason}", en: "dtbd: cannot write {out}: {reason}" },
  outputIsInput: {
    vi: "Tệp kết quả {out} trùng với một tệp đầu vào; hãy chọn tên khác.",
    en: "The output {out} is one of the inputs; choose another name.",
  },
  outputInScannedDir: {
    vi: "Tệp kết quả {out} nằm trong thư mục đang được đọc ({dir}); hãy ghi ra thư mục khác.",
    en: "The output {out} lies inside a directory being read ({dir}); write it elsewhere.",
  },
  progress: { vi: "Đọc tệp", en: "Reading" },

  // inputs besides the workbooks
  ignored: { vi: "Bỏ qua (không phải bảng tính): {files}", en: "Ignored (not workbooks): {files}" },
  archives: {
    vi: "Tệp nén không được đọc: {files}. Hãy giải nén các bảng tính trong đó vào thư mục rồi chạy lại.",
    en: "Archives are not read: {files}. Unpack the workbooks in them into the directory and run again.",
  },
  skippedDirectory: { vi: "{name} ({n} bảng tính)", en: "{name} ({n} workbooks)" },
  skippedDirectoryOne: { vi: "{name} ({n} bảng tính)", en: "{name} ({n} workbook)" },
  skippedDirectories: {
    vi: "Không đọc thư mục con (chỉ đọc các tệp nằm ngay trong thư mục đã chỉ): {named}. Cần tổng hợp cả các tệp đó thì ghi thêm thư mục vào lệnh.",
    en: "Subdirectories not read (only the files directly inside the given directory are): {named}. To include their files, add those directories to the command.",
  },

  // validate
  invalid: { vi: "KHÔNG HỢP LỆ", en: "INVALID" },
  moreOfCode: {
    vi: "  … và {n} phát hiện {code} khác (xem đầy đủ với --json)",
    en: "  … and {n} more {code} (see all with --json)",
  },

  // consolidate
  consolidationHeading: {
    vi: "Tổng hợp{which} năm {year}: {included}/{of} đơn vị",
    en: "Consolidation{which} {year}: {included}/{of} agencies",
  },
  ofForm: { vi: " biểu {form}", en: " of form {form}" },
  noFileConsolidated: { vi: "  (không có tệp nào được tổng hợp)", en: "  (no file consolidated)" },
  columnTotal: { vi: "cột {code} ({header}) {value}", en: "column {code} ({header}) {value}" },
  includedFiles: { vi: "Tệp đã tổng hợp:", en: "Included files:" },
  everyFileWhere: {
    vi: "danh sách đầy đủ ở trang “Nguồn” của báo cáo, hoặc dùng --json",
    en: "the report's “Nguồn” sheet lists every file, as does --json",
  },
  unlistedNoWarnings: {
    vi: "  {n} tệp, không tệp nào có cảnh báo ({where}).",
    en: "  {n} files, none with warnings ({where}).",
  },
  unlistedMore: {
    vi: "  … và {n} tệp khác, trong đó {warned} tệp có cảnh báo ({where}).",
    en: "  … and {n} more, {warned} of them with warnings ({where}).",
  },
  excludedFiles: { vi: "Tệp bị loại:", en: "Excluded files:" },
  moreErrors: { vi: " (+{n} lỗi khác)", en: " (+{n} more errors)" },
  missingAgencies: { vi: "Đơn vị chưa nộp:", en: "Missing agencies:" },
  provinceTotals: { vi: "Kết quả toàn tỉnh:", en: "Province totals:" },
  trainingTotals: {
    vi: "  Đào tạo (người):          kế hoạch {plan}, thực hiện {actual}, đạt {rate}",
    en: "  Training (people):          plan {plan}, actual {actual}, rate {rate}",
  },
  fosteringTotals: {
    vi: "  Bồi dưỡng (lượt người):   kế hoạch {plan}, thực hiện {actual}, đạt {rate}",
    en: "  Fostering (person-times):   plan {plan}, actual {actual}, rate {rate}",
  },
  reportWritten: { vi: "Đã ghi báo cáo: {out}", en: "Report written: {out}" },

  // --feedback
  cannotWriteFeedback: { vi: "dtbd: không ghi được phản hồi vào {dir}: {reason}", en: "dtbd: cannot write the feedback into {dir}: {reason}" },
  feedbackDirHoldsInputs: {
    vi: "Thư mục phản hồi {dir} là thư mục chứa tệp đầu vào: các bản phản hồi sẽ bị đọc lẫn vào lần tổng hợp sau. Hãy chọn thư mục khác.",
    en: "The feedback directory {dir} holds input files: the feedback copies would be read as inputs by the next consolidation. Choose another directory.",
  },
  feedbackNameTaken: {
    vi: "Tệp {file} trùng tên với một tệp phản hồi sẽ ghi vào {dir}; hãy chọn thư mục phản hồi khác.",
    en: "The file {file} has the name of a feedback file to be written into {dir}; choose another feedback directory.",
  },
  feedbackWritten: { vi: "Đã ghi phản hồi cho {n} tệp{own} và {summary} vào {dir}", en: "Feedback written for {n} files{own}, and {summary}, into {dir}" },
  feedbackWrittenOne: { vi: "Đã ghi phản hồi cho {n} tệp{own} và {summary} vào {dir}", en: "Feedback written for {n} file{own}, and {summary}, into {dir}" },
  feedbackOwnWorkbooks: {
    vi: " ({n} tệp không mở được nên phản hồi là sổ tính riêng)",
    en: " ({n} could not be opened, so their feedback is a workbook of its own)",
  },

  // --form and dtbd form
  definitionTooLarge: {
    vi: "{file}: tệp định nghĩa quá lớn ({size} byte; tối đa {max}).",
    en: "{file}: definition file too large ({size} bytes; at most {max}).",
  },
  cannotRead: { vi: "{file}: không đọc được ({reason})", en: "{file}: cannot read ({reason})" },
  definitionIdTaken: { vi: "{file}: đã có một biểu khác mang mã \"{id}\".", en: "{file}: another form already has the id \"{id}\"." },
  oneFormForTemplate: { vi: "dtbd: mẫu trống chỉ theo một biểu (--form một lần)", en: "dtbd: a blank form follows one form (--form once)" },
  outputIsTemplate: {
    vi: "tệp kết quả {out} trùng với mẫu; hãy chọn tên khác.",
    en: "the output {out} is the template itself; choose another name.",
  },
  nothingLearned: { vi: "{file}: không học được biểu", en: "{file}: no form could be learned" },
  learnedInvalid: { vi: "định nghĩa học được không hợp lệ: {reason}", en: "the learned definition is invalid: {reason}" },
  cannotWriteOut: { vi: "không ghi được {out}: {reason}", en: "cannot write {out}: {reason}" },
  definitionWritten: { vi: "Đã ghi định nghĩa biểu: {out}", en: "Form definition written: {out}" },

  // template --from
  fromNotWithPeriod: { vi: "dtbd: --from cho biểu năm, không dùng với --period", en: "dtbd: --from makes a yearly form; it does not go with --period" },
  yearNotAfter: {
    vi: "dtbd: --year {year} không sau năm {fromYear} của tệp năm trước",
    en: "dtbd: --year {year} is not after {fromYear}, the year of last year's file",
  },

  // consolidate --previous
  previousOtherForm: {
    vi: "So sánh theo đơn vị và phát hiện trend.* chỉ có cho biểu 01/ĐTBD: biểu này được so sánh theo dòng.",
    en: "The comparison per agency and the trend.* findings are made for form 01/ĐTBD only: this form is compared per row.",
  },
  previousPerRowOnly: {
    vi: "Tệp năm trước là một biểu, không phải báo cáo tổng hợp (không có trang “Theo đơn vị”): chỉ so sánh theo dòng, không so sánh theo đơn vị và không có phát hiện trend.*.",
    en: "Last year's file is a form, not a consolidated report (no “Theo đơn vị” sheet): compared per row only, not per agency, and no trend.* findings.",
  },
  previousHeading: { vi: "So với năm {year} ({file}):", en: "Against {year} ({file}):" },
  previousGroupTraining: { vi: "Đào tạo (người)", en: "Training" },
  previousGroupFostering: { vi: "Bồi dưỡng (lượt người)", en: "Fostering" },
  previousRowColumn: { vi: "{label} (cột {column})", en: "{label} (column {column})" },
  previousLine: {
    vi: "  {label}: thực hiện {current}, năm trước {previous}, {change}{ratio}",
    en: "  {label}: actual {current}, last year {previous}, {change}{ratio}",
  },
  previousTrends: {
    vi: "  Biến động cần hỏi lại đơn vị: {jumps} tăng đột biến (trend.jump), {drops} giảm về 0 (trend.drop){where}",
    en: "  Changes to ask the agencies about: {jumps} sharp rises (trend.jump), {drops} falls to 0 (trend.drop){where}",
  },
  previousTrendsWhere: { vi: " — xem trang “Kiểm tra” của báo cáo.", en: " — see the report's “Kiểm tra” sheet." },
  previousNotInLastYear: {
    vi: "  {n} đơn vị năm nay không có trong báo cáo năm {year}.",
    en: "  {n} of this year's agencies are not in the {year} report.",
  },
  previousNoFileThisYear: {
    vi: "  {n} đơn vị có trong báo cáo năm {year} nhưng không có tệp năm nay: {names}.",
    en: "  {n} agencies of the {year} report have no file this year: {names}.",
  },

  // template
  templateWritten: { vi: "Đã ghi mẫu biểu: {out}", en: "Blank form written: {out}" },
  templateFrom: {
    vi: "Mẫu biểu năm {year} của {agency} (từ tệp năm {fromYear}: {file}); số thực hiện năm {fromYear} chỉ để tham khảo (ghi chú ở ô kế hoạch, cột xám bên phải), không phải số liệu của biểu.",
    en: "Form for {year} of {agency} (from the {fromYear} file: {file}); the {fromYear} actuals are a reference only (notes on the plan cells, a grey column on the right), not data of the form.",
  },

  // period
  periodHeading: {
    vi: "Sơ kết giai đoạn {period} ({years} năm: {list})",
    en: "Period review {period} ({years} years: {list})",
  },
  periodRange: { vi: "{from} - {to}", en: "{from}-{to}" },
  people: { vi: "người", en: "people" },
  personTimes: { vi: "lượt người", en: "person-times" },
  periodRow: {
    vi: "  {label}: {actual} {unit}, đạt {rate}; trung bình {perYear}/năm",
    en: "  {label}: {actual} {unit}, rate {rate}; average {perYear}/year",
  },
  periodHigher: {
    vi: ", cao hơn {change} so với {baseline}/năm giai đoạn trước",
    en: ", +{change} against {baseline}/year before",
  },
  periodLower: {
    vi: ", thấp hơn {change} so với {baseline}/năm giai đoạn trước",
    en: ", -{change} against {baseline}/year before",
  },
  written: { vi: "Đã ghi: {out}", en: "Written: {out}" },
});
