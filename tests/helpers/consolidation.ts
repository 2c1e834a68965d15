/**
 * A hand-built ConsolidationResult for the writer tests: the numbers are summed from leaf
 * values the way the form defines them (form01-oracle.ts), so parent rows and totals are
 * consistent without the writer's own computation.
 */
import { finding } from "../../src/core/findings";
import type { ColumnValues, ConsolidationResult, SourceRecord, ValidationResult } from "../../src/core/model";
import type { Form01Values } from "../../src/io/template";
import { form01Rows } from "./form01-oracle";

/** Every row's numbers (parents and totals included), as a reader would report them (no rate without a plan). */
export function rowsFromLeaves(leaves: Form01Values): Record<string, ColumnValues> {
  const rows: Record<string, ColumnValues> = {};
  for (const [code, cols] of Object.entries(form01Rows(leaves))) {
    rows[code] = { ...cols };
    if (cols["1"] === 0) delete rows[code]["13"];
  }
  return rows;
}

export function totalsOf(rows: Record<string, ColumnValues>): ValidationResult["totals"] {
  const totals: ValidationResult["totals"] = {};
  for (const [code, cols] of Object.entries(rows)) {
    const plan = cols["1"] ?? 0;
    const actual = cols["6"] ?? 0;
    totals[code] = { plan, actual, rate: plan > 0 ? actual / plan : null };
  }
  return totals;
}

function validation(agency: { code: string; name: string }, year: number, leaves: Form01Values): ValidationResult {
  const rows = rowsFromLeaves(leaves);
  return { form: "01/ĐTBD", agency, managingBody: "UBND TỈNH LẠNG SƠN", year, period: null, sheet: "01-DTBD", rows, totals: totalsOf(rows), unknownRows: [], findings: [], definition: null };
}

export const LEAVES_A: Form01Values = {
  "03": { "2": 2, "3": 3, "7": 2, "8": 2, "11": 1, "14": 120.5, "15": 98.25 },
  "05": { "3": 10, "4": 5, "8": 12, "9": 6, "11": 9, "12": 2, "14": 40, "15": 44.5 },
  "10": { "2": 1, "7": 1 },
  "16": { "2": 4, "7": 5, "14": 12, "15": 12 },
  "25": { "3": 100, "4": 40, "8": 90, "9": 30, "11": 70, "14": 30.1, "15": 29.9 },
  "29": { "5": 12, "10": 10 },
};

export const LEAVES_B: Form01Values = {
  "04": { "3": 4, "8": 5, "11": 3, "14": 80 },
  "12": { "5": 6, "10": 6, "12": 4, "15": 15 },
  "21": { "3": 20, "8": 18, "14": 8.4, "15": 7.7 },
  "37": { "4": 50, "9": 61, "11": 40 },
};

export const LEAVES_EXCLUDED: Form01Values = {
  "05": { "3": 999, "8": 999 },
};

/** Sum of leaf values over several agencies, key by key. */
export function addLeaves(...all: Form01Values[]): Form01Values {
  const out: Form01Values = {};
  for (const leaves of all) {
    for (const [row, cols] of Object.entries(leaves)) {
      out[row] ??= {};
      for (const [col, v] of Object.entries(cols)) out[row][col] = (out[row][col] ?? 0) + v;
    }
  }
  return out;
}

export function sampleConsolidation(): ConsolidationResult {
  const a = { code: "000.00.12.H39", name: "Sở Tài chính" };
  const b = { code: "000.00.31.H39", name: "=HYPERLINK(\"http://evil.example\",\"Sở Ngoại vụ\")" };
  const c = { code: "000.00.40.H39", name: "Sở Y tế" };
  const yearMismatch = finding(
    "consolidate.year-mismatch",
    { vi: "Năm báo cáo của tệp là 2023, khác năm tổng hợp 2024.", en: "The file reports 2023, not 2024." },
    { sheet: "01-DTBD", cell: "A4" },
  );
  const sumError = finding(
    "sum.columns",
    { vi: "Tổng số kế hoạch (cột 1) khác tổng các cột 2+3+4+5: 49 ≠ 42", en: "Plan total (column 1) differs from columns 2+3+4+5: 49 ≠ 42" },
    { sheet: "01-DTBD", cell: "E15", row: "05", column: "1", expected: 42, actual: 49 },
  );
  const unreadable = finding("file.unreadable", { vi: "Tệp không phải là bảng tính Excel (.xlsx).", en: "Not an Excel workbook (.xlsx)." });
  const sources: SourceRecord[] = [
    { file: "so-tai-chinh.xlsx", sha256: "a".repeat(64), agency: a, year: 2024, included: true, reason: null, findings: [], result: validation(a, 2024, LEAVES_A) },
    { file: "+so-ngoai-vu.xlsx", sha256: "b".repeat(64), agency: b, year: 2024, included: true, reason: null, findings: [sumError], result: validation(b, 2024, LEAVES_B) },
    {
      file: "so-y-te-2023.xlsx",
      sha256: "c".repeat(64),
      agency: c,
      year: 2023,
      included: false,
      reason: "consolidate.year-mismatch",
      findings: [yearMismatch],
      result: validation(c, 2023, LEAVES_EXCLUDED),
    },
    { file: "ghi-chu.docx", sha256: "d".repeat(64), agency: null, year: null, included: false, reason: "file.unreadable", findings: [unreadable], result: null },
  ];
  const rows = rowsFromLeaves(addLeaves(LEAVES_A, LEAVES_B));
  const missing = [{ code: "000.00.50.H39", name: "Sở Xây dựng" }];
  return {
    form: "01/ĐTBD",
    definition: null,
    year: 2024,
    province: "UBND TỈNH LẠNG SƠN",
    included: 2,
    excluded: 2,
    expected: 4,
    missing,
    sources,
    rows,
    totals: totalsOf(rows),
    findings: [
      finding(
        "consolidate.missing-agency",
        { vi: "Đơn vị Sở Xây dựng (000.00.50.H39) có trong danh sách nhưng không có tệp.", en: "Sở Xây dựng (000.00.50.H39) is on the roster but sent no file." },
        { row: "000.00.50.H39" },
      ),
    ],
  };
}
