/**
 * Form 01/ĐTBD worked out by hand from the form's own definition, for the expected values of
 * tests on generated forms: the rows (TT, Mã số, label), which rows each parent sums, and the
 * column rules 1 = 2+3+4+5, 6 = 7+8+9+10, 13 = 6/1. Written out here, not taken from
 * src/core/form01.ts or computeForm01, so that the code under test is not its own oracle.
 */

/** The form's body: TT, Mã số, label. */
export const FORM01_BODY: [string, string, string][] = [
  ["I", "01", "ĐÀO TẠO"],
  ["1", "02", "Đào tạo trình độ chuyên môn"],
  ["-", "03", "Tiến sĩ"],
  ["-", "04", "Thạc sĩ"],
  ["-", "05", "Đại học"],
  ["-", "06", "Cao đẳng"],
  ["-", "07", "Trung cấp"],
  ["-", "08", "Sơ cấp"],
  ["2", "09", "Đào tạo lý luận chính trị"],
  ["-", "10", "Cao cấp lý luận chính trị"],
  ["-", "11", "Hoàn chỉnh chương trình cao cấp lý luận chính trị"],
  ["-", "12", "Trung cấp lý luận chính trị"],
  ["-", "13", "Sơ cấp lý luận chính trị"],
  ["II", "14", "BỒI DƯỠNG"],
  ["1", "15", "Bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, quản lý"],
  ["-", "16", "Cấp sở và tương đương"],
  ["-", "17", "Cấp huyện và tương đương"],
  ["-", "18", "Cấp phòng và tương đương"],
  ["2", "19", "Bồi dưỡng theo tiêu chuẩn ngạch công chức"],
  ["-", "20", "Chuyên viên cao cấp và tương đương"],
  ["-", "21", "Chuyên viên chính và tương đương"],
  ["-", "22", "Chuyên viên và tương đương"],
  ["3", "23", "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp viên chức"],
  ["4", "24", "Bồi dưỡng theo yêu cầu vị trí việc làm, kỹ năng chuyên ngành"],
  ["5", "25", "Bồi dưỡng cập nhật kiến thức, kỹ năng hành chính, đạo đức công vụ, văn hóa công sở"],
  ["6", "26", "Bồi dưỡng cán bộ dự nguồn Ban Chấp hành Đảng bộ tỉnh"],
  ["7", "27", "Bồi dưỡng bí thư, phó bí thư cấp ủy cấp huyện"],
  ["8", "28", "Bồi dưỡng kiến thức quốc phòng và an ninh"],
  ["-", "29", "Đối tượng 1"],
  ["-", "30", "Đối tượng 2"],
  ["-", "31", "Đối tượng 3"],
  ["-", "32", "Đối tượng 4"],
  ["9", "33", "Nghiệp vụ công tác Đảng, đoàn thể"],
  ["10", "34", "Bồi dưỡng đối tượng kết nạp Đảng, lý luận chính trị cho đảng viên mới"],
  ["11", "35", "Ngoại ngữ"],
  ["12", "36", "Tiếng dân tộc thiểu số"],
  ["13", "37", "Tin học, chuyển đổi số"],
  ["14", "38", "Đại biểu Hội đồng nhân dân các cấp"],
  ["15", "39", "Bồi dưỡng ngắn hạn ở nước ngoài"],
  ["16", "40", "Bồi dưỡng khác"],
];

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => String(from + k).padStart(2, "0"));

/** Parent Mã số → the rows it sums (the form's "children (sum rule)"). */
export const FORM01_SUMS: Record<string, string[]> = {
  "01": ["02", "09"],
  "02": range(3, 8),
  "09": range(10, 13),
  "14": ["15", "19", "23", "24", "25", "26", "27", "28", ...range(33, 40)],
  "15": range(16, 18),
  "19": range(20, 22),
  "28": range(29, 32),
};

export const FORM01_CODES = FORM01_BODY.map(([, code]) => code);

/** Columns typed on a leaf row; 1, 6 and 13 follow from them. */
const TYPED = ["2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "14", "15"];

/** Every row's numbers from the leaf rows' typed values: parents summed, 1 and 6 added up, 13 = 6/1 (0 without a plan). */
export function form01Rows(leaves: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  const rows: Record<string, Record<string, number>> = {};
  const visit = (code: string): Record<string, number> => {
    if (rows[code]) return rows[code];
    const kids = FORM01_SUMS[code];
    const row: Record<string, number> = {};
    for (const col of TYPED) row[col] = kids ? kids.reduce((sum, kid) => sum + visit(kid)[col], 0) : (leaves[code]?.[col] ?? 0);
    row["1"] = row["2"] + row["3"] + row["4"] + row["5"];
    row["6"] = row["7"] + row["8"] + row["9"] + row["10"];
    row["13"] = row["1"] > 0 ? row["6"] / row["1"] : 0;
    return (rows[code] = row);
  };
  for (const code of FORM01_CODES) visit(code);
  return rows;
}

/** Plan and actual of every Mã số, summed over several agencies' leaf values. */
export function form01Totals(...agencies: Record<string, Record<string, number>>[]): Record<string, { plan: number; actual: number }> {
  const out: Record<string, { plan: number; actual: number }> = {};
  for (const leaves of agencies) {
    const rows = form01Rows(leaves);
    for (const code of FORM01_CODES) {
      out[code] ??= { plan: 0, actual: 0 };
      out[code].plan += rows[code]["1"];
      out[code].actual += rows[code]["6"];
    }
  }
  return out;
}
