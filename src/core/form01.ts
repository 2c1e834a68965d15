/**
 * Form 01/ĐTBD as data: the single source for the reader, the checks, the template and
 * the consolidated report. Nothing else in the code base hard-codes its rows or columns.
 */

export type Unit = "Người" | "Lượt người";

export interface FormRow {
  /** Mã số: stable two-digit row code. */
  code: string;
  tt: string;
  label: string;
  unit: Unit;
  /** Row codes whose sum this row is (empty for a leaf). */
  children: string[];
  /** Further spellings seen in agencies' files, matched diacritic-insensitively. */
  variants?: string[];
}

export interface FormColumn {
  /** Code from the code row: "A".."E" for descriptive columns, "1".."15" for numbers. */
  code: string;
  /** The code row text, e.g. "1=2+3+4+5". */
  codeText: string;
  group: string | null;
  label: string;
  kind: "tt" | "label" | "rowCode" | "unit" | "headcount" | "rate" | "money" | "note";
  variants?: string[];
  width: number;
}

export const FORM_ID = "01/ĐTBD";

export const MANAGING_BODY = "UBND TỈNH LẠNG SƠN";

export const TITLE_PREFIX = "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC";

export const UNITS_LINE = "Đơn vị tính: Đào tạo: người; Bồi dưỡng: lượt người; Kinh phí: triệu đồng";

const PLAN = "Kế hoạch năm";
const ACTUAL = "Thực hiện";
const BUDGET = "Kinh phí (triệu đồng)";

export const FORM01_COLUMNS: readonly FormColumn[] = [
  { code: "A", codeText: "A", group: null, label: "TT", kind: "tt", variants: ["STT", "Số TT", "Thứ tự"], width: 6 },
  {
    code: "B",
    codeText: "B",
    group: null,
    label: "Chương trình đào tạo, bồi dưỡng",
    kind: "label",
    variants: ["Nội dung", "Chương trình", "Nội dung đào tạo, bồi dưỡng", "Chỉ tiêu"],
    width: 46,
  },
  { code: "C", codeText: "C", group: null, label: "Mã số", kind: "rowCode", variants: ["Mã"], width: 7 },
  { code: "D", codeText: "D", group: null, label: "Đơn vị tính", kind: "unit", variants: ["ĐVT"], width: 11 },
  { code: "1", codeText: "1=2+3+4+5", group: PLAN, label: "Tổng số", kind: "headcount", width: 10 },
  { code: "2", codeText: "2", group: PLAN, label: "Cán bộ", kind: "headcount", width: 9 },
  { code: "3", codeText: "3", group: PLAN, label: "Công chức", kind: "headcount", width: 9 },
  { code: "4", codeText: "4", group: PLAN, label: "Viên chức", kind: "headcount", width: 9 },
  { code: "5", codeText: "5", group: PLAN, label: "Cán bộ, công chức cấp xã", kind: "headcount", width: 10 },
  { code: "6", codeText: "6=7+8+9+10", group: ACTUAL, label: "Tổng số", kind: "headcount", width: 10 },
  { code: "7", codeText: "7", group: ACTUAL, label: "Cán bộ", kind: "headcount", width: 9 },
  { code: "8", codeText: "8", group: ACTUAL, label: "Công chức", kind: "headcount", width: 9 },
  { code: "9", codeText: "9", group: ACTUAL, label: "Viên chức", kind: "headcount", width: 9 },
  { code: "10", codeText: "10", group: ACTUAL, label: "Cán bộ, công chức cấp xã", kind: "headcount", width: 10 },
  { code: "11", codeText: "11", group: ACTUAL, label: "Trong đó: Nữ", kind: "headcount", width: 9 },
  {
    code: "12",
    codeText: "12",
    group: ACTUAL,
    label: "Trong đó: Người dân tộc thiểu số",
    kind: "headcount",
    variants: ["Trong đó: DTTS", "Dân tộc thiểu số"],
    width: 10,
  },
  { code: "13", codeText: "13=6/1", group: null, label: "Tỷ lệ thực hiện (%)", kind: "rate", variants: ["Tỷ lệ (%)", "Tỷ lệ"], width: 10 },
  { code: "14", codeText: "14", group: BUDGET, label: "Kế hoạch", kind: "money", width: 11 },
  { code: "15", codeText: "15", group: BUDGET, label: "Thực hiện", kind: "money", width: 11 },
  { code: "E", codeText: "E", group: null, label: "Ghi chú", kind: "note", width: 16 },
];

/** Column codes of the plan total and actual total: the pair that attainment divides. */
export const PLAN_TOTAL = "1";
export const ACTUAL_TOTAL = "6";
export const RATE_COLUMN = "13";

const NG: Unit = "Người";
const LN: Unit = "Lượt người";

function range(from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(String(i).padStart(2, "0"));
  return out;
}

export const FORM01_ROWS: readonly FormRow[] = [
  { code: "01", tt: "I", label: "ĐÀO TẠO", unit: NG, children: ["02", "09"] },
  { code: "02", tt: "1", label: "Đào tạo trình độ chuyên môn", unit: NG, children: range(3, 8), variants: ["Đào tạo chuyên môn"] },
  { code: "03", tt: "-", label: "Tiến sĩ", unit: NG, children: [], variants: ["Tiến sỹ"] },
  { code: "04", tt: "-", label: "Thạc sĩ", unit: NG, children: [], variants: ["Thạc sỹ"] },
  { code: "05", tt: "-", label: "Đại học", unit: NG, children: [] },
  { code: "06", tt: "-", label: "Cao đẳng", unit: NG, children: [] },
  { code: "07", tt: "-", label: "Trung cấp", unit: NG, children: [] },
  { code: "08", tt: "-", label: "Sơ cấp", unit: NG, children: [] },
  { code: "09", tt: "2", label: "Đào tạo lý luận chính trị", unit: NG, children: range(10, 13), variants: ["Đào tạo LLCT"] },
  { code: "10", tt: "-", label: "Cao cấp lý luận chính trị", unit: NG, children: [], variants: ["Cao cấp LLCT"] },
  {
    code: "11",
    tt: "-",
    label: "Hoàn chỉnh chương trình cao cấp lý luận chính trị",
    unit: NG,
    children: [],
    variants: ["Hoàn chỉnh cao cấp LLCT", "Hoàn chỉnh chương trình cao cấp LLCT"],
  },
  { code: "12", tt: "-", label: "Trung cấp lý luận chính trị", unit: NG, children: [], variants: ["Trung cấp LLCT"] },
  { code: "13", tt: "-", label: "Sơ cấp lý luận chính trị", unit: NG, children: [], variants: ["Sơ cấp LLCT"] },
  {
    code: "14",
    tt: "II",
    label: "BỒI DƯỠNG",
    unit: LN,
    children: ["15", "19", "23", "24", "25", "26", "27", "28", ...range(33, 40)],
  },
  { code: "15", tt: "1", label: "Bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, quản lý", unit: LN, children: range(16, 18) },
  { code: "16", tt: "-", label: "Cấp sở và tương đương", unit: LN, children: [] },
  { code: "17", tt: "-", label: "Cấp huyện và tương đương", unit: LN, children: [] },
  { code: "18", tt: "-", label: "Cấp phòng và tương đương", unit: LN, children: [] },
  { code: "19", tt: "2", label: "Bồi dưỡng theo tiêu chuẩn ngạch công chức", unit: LN, children: range(20, 22) },
  { code: "20", tt: "-", label: "Chuyên viên cao cấp và tương đương", unit: LN, children: [], variants: ["CV cao cấp và tương đương"] },
  { code: "21", tt: "-", label: "Chuyên viên chính và tương đương", unit: LN, children: [], variants: ["CV chính và tương đương"] },
  { code: "22", tt: "-", label: "Chuyên viên và tương đương", unit: LN, children: [], variants: ["CV và tương đương"] },
  { code: "23", tt: "3", label: "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp viên chức", unit: LN, children: [] },
  { code: "24", tt: "4", label: "Bồi dưỡng theo yêu cầu vị trí việc làm, kỹ năng chuyên ngành", unit: LN, children: [] },
  {
    code: "25",
    tt: "5",
    label: "Bồi dưỡng cập nhật kiến thức, kỹ năng hành chính, đạo đức công vụ, văn hóa công sở",
    unit: LN,
    children: [],
  },
  { code: "26", tt: "6", label: "Bồi dưỡng cán bộ dự nguồn Ban Chấp hành Đảng bộ tỉnh", unit: LN, children: [] },
  { code: "27", tt: "7", label: "Bồi dưỡng bí thư, phó bí thư cấp ủy cấp huyện", unit: LN, children: [] },
  {
    code: "28",
    tt: "8",
    label: "Bồi dưỡng kiến thức quốc phòng và an ninh",
    unit: LN,
    children: range(29, 32),
    variants: ["Bồi dưỡng kiến thức QP-AN", "Bồi dưỡng kiến thức QPAN", "Bồi dưỡng kiến thức QP và AN"],
  },
  { code: "29", tt: "-", label: "Đối tượng 1", unit: LN, children: [], variants: ["ĐT 1", "ĐT1"] },
  { code: "30", tt: "-", label: "Đối tượng 2", unit: LN, children: [], variants: ["ĐT 2", "ĐT2"] },
  { code: "31", tt: "-", label: "Đối tượng 3", unit: LN, children: [], variants: ["ĐT 3", "ĐT3"] },
  { code: "32", tt: "-", label: "Đối tượng 4", unit: LN, children: [], variants: ["ĐT 4", "ĐT4"] },
  { code: "33", tt: "9", label: "Nghiệp vụ công tác Đảng, đoàn thể", unit: LN, children: [] },
  {
    code: "34",
    tt: "10",
    label: "Bồi dưỡng đối tượng kết nạp Đảng, lý luận chính trị cho đảng viên mới",
    unit: LN,
    children: [],
  },
  { code: "35", tt: "11", label: "Ngoại ngữ", unit: LN, children: [], variants: ["Ngoại ngữ (tiếng Anh)", "Tiếng Anh"] },
  { code: "36", tt: "12", label: "Tiếng dân tộc thiểu số", unit: LN, children: [] },
  { code: "37", tt: "13", label: "Tin học, chuyển đổi số", unit: LN, children: [], variants: ["Tin học"] },
  { code: "38", tt: "14", label: "Đại biểu Hội đồng nhân dân các cấp", unit: LN, children: [], variants: ["Đại biểu HĐND các cấp"] },
  { code: "39", tt: "15", label: "Bồi dưỡng ngắn hạn ở nước ngoài", unit: LN, children: [], variants: ["Bồi dưỡng ngắn hạn tại nước ngoài"] },
  { code: "40", tt: "16", label: "Bồi dưỡng khác", unit: LN, children: [] },
];

/** Top-level groups: training counts people, fostering counts person-times; never added. */
export const FORM01_GROUPS = [
  { code: "01", label: "ĐÀO TẠO", labelEn: "Training", unit: NG },
  { code: "14", label: "BỒI DƯỠNG", labelEn: "Fostering", unit: LN },
] as const;

export const FORM01_ROW_BY_CODE: ReadonlyMap<string, FormRow> = new Map(FORM01_ROWS.map((r) => [r.code, r]));

export const FORM01_COLUMN_BY_CODE: ReadonlyMap<string, FormColumn> = new Map(FORM01_COLUMNS.map((c) => [c.code, c]));

/** The parent's code for each child row. */
export const FORM01_PARENT: ReadonlyMap<string, string> = new Map(
  FORM01_ROWS.flatMap((r) => r.children.map((child) => [child, r.code] as const)),
);

/** Layout of the generated form (1-based rows), shared by the template and report writers. */
export const FORM01_LAYOUT = {
  headerRow1: 8,
  headerRow2: 9,
  codeRow: 10,
  firstBodyRow: 11,
} as const;
