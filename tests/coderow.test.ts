import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ExcelJS from "exceljs";
import type { CellValue } from "../src/core/grid";
import { type ColumnRule, isCodeRow, parseCodeRow, parseColumnCode } from "../src/core/coderow";
import { FIXTURE_FILES, fixturePath } from "./helpers/fixtures";

const FORM01_CODE_ROW: CellValue[] = ["A", "B", "C", "D", "1=2+3+4+5", "2", "3", "4", "5", "6=7+8+9+10", "7", "8", "9", "10", "11", "12", "13=6/1", "14", "15", "E"];

const sum = (...terms: string[]): ColumnRule => ({ kind: "sum", terms });

describe("parseColumnCode", () => {
  const cases: [CellValue, string, ColumnRule | null][] = [
    ["A", "A", null],
    ["E", "E", null],
    ["1", "1", null],
    [2, "2", null],
    ["(1)", "1", null],
    ["(A)", "A", null],
    ["1=2+3+4+5", "1", sum("2", "3", "4", "5")],
    ["6=7+8+9+10", "6", sum("7", "8", "9", "10")],
    ["1=(2+3+4)", "1", sum("2", "3", "4")],
    ["4 = 5 + 6", "4", sum("5", "6")],
    ["1\u00a0=\u20032 + 3", "1", sum("2", "3")],
    ["(1)=(2)+(3)", "1", sum("2", "3")],
    ["1＝2＋3", "1", sum("2", "3")],
    ["13=6/1", "13", { kind: "ratio", numerator: "6", denominator: "1" }],
    ["13 = 6 : 1", "13", { kind: "ratio", numerator: "6", denominator: "1" }],
    ["(13)=(6)/(1)x100%", "13", { kind: "ratio", numerator: "6", denominator: "1" }],
    ["13=(6/1)*100", "13", { kind: "ratio", numerator: "6", denominator: "1" }],
    // A difference is a code whose rule we do not check; the id still keys the column.
    ["5=3\u20134", "5", null],
  ];
  it.each(cases)("%j → id %s", (cell, id, rule) => {
    const code = parseColumnCode(cell);
    expect(code).toEqual({ id, rule, raw: String(cell) });
  });

  it.each([null, "", "  ", "abc", "Tổng số", "01", "0", 0, -1, 1.5, 2024, "=1+2", "12=", "1==2", "1=abc", true, "AB", "a"])(
    "%j is not a code",
    (cell) => {
      expect(parseColumnCode(cell)).toBeNull();
    },
  );
});

describe("isCodeRow / parseCodeRow", () => {
  it("accepts form 01's code row and parses each cell", () => {
    expect(isCodeRow(FORM01_CODE_ROW)).toBe(true);
    const { codes, score } = parseCodeRow(FORM01_CODE_ROW);
    expect(score).toBe(1);
    expect(codes.map((c) => c?.id)).toEqual(["A", "B", "C", "D", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "E"]);
    expect(codes[16]?.rule).toEqual({ kind: "ratio", numerator: "6", denominator: "1" });
  });

  it("accepts code rows of other shapes", () => {
    expect(isCodeRow([1, 2, 3, 4, 5])).toBe(true);
    expect(isCodeRow(["A", "B", "1", "2=3+4", "3", "4"])).toBe(true);
    expect(isCodeRow(["(1)", "(2)", "(3)", "(4)"])).toBe(true);
    expect(isCodeRow([null, "A", "B", null, "1=2+3", "2", "3"])).toBe(true);
    // A deleted column leaves a gap.
    expect(isCodeRow(["A", "B", "1=2+3+5", "2", "3", "5", "6"])).toBe(true);
    // Numbering that continues the letter codes: A, B, C then 4, 5, 6.
    expect(isCodeRow(["A", "B", "C", "4", "5", "6"])).toBe(true);
  });

  it("rejects data, header and sparse rows", () => {
    expect(isCodeRow(["I", "ĐÀO TẠO", "01", "Người", 186, 46, 37, 55, 48, 178, 37, 41, 52, 48, 81, 103, 0.957, 396.7, 411.4, null])).toBe(false);
    expect(isCodeRow(["-", "Thạc sĩ", "04", "Người", 2, 0, 0, 0, 2, 4, 0, 2, 0, 2, 4, 0, 2, 5, 7.6])).toBe(false);
    expect(isCodeRow(["TT", "Chương trình đào tạo, bồi dưỡng", "Mã số", "Đơn vị tính", "Kế hoạch năm"])).toBe(false);
    expect(isCodeRow(["A", "B", "C", "D", "E"])).toBe(false);
    expect(isCodeRow(["1", "2"])).toBe(false);
    expect(isCodeRow([])).toBe(false);
    expect(isCodeRow(["1", "5", "3", "2", "4"])).toBe(false);
    expect(parseCodeRow(["1", "2"]).score).toBe(0);
  });

  it("scores a code row above data rows", () => {
    const data = parseCodeRow(["1", "Đào tạo", "02", "Người", 75, 18, 16, 18, 23, 77, 17, 16, 17, 27, 53, 41]);
    expect(parseCodeRow(FORM01_CODE_ROW).score).toBeGreaterThan(data.score);
  });

  it("finds exactly the code row (row 10) in every fixture workbook", async () => {
    expect(FIXTURE_FILES).toHaveLength(6);
    for (const file of FIXTURE_FILES) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(fixturePath(file));
      const codeRows: number[] = [];
      for (const sheet of workbook.worksheets) {
        sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
          const values: CellValue[] = [];
          for (let c = 1; c <= row.cellCount; c++) values.push(plainValue(row.getCell(c).value));
          if (isCodeRow(values)) codeRows.push(rowNumber);
        });
      }
      expect(codeRows, file).toEqual([10]);
    }
  });
});

describe("properties", () => {
  const termsArb = fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 12 });
  const spaceArb = fc.constantFrom("", " ", "  ", "\u00a0", "\u2009", "\t");

  it("a sum rule parses to the same terms however it is spaced and bracketed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        termsArb,
        fc.boolean(),
        fc.boolean(),
        fc.array(spaceArb, { minLength: 40, maxLength: 40 }),
        (id, terms, outerParens, termParens, spaces) => {
          let k = 0;
          const sp = () => spaces[k++ % spaces.length];
          const term = (t: number) => (termParens ? `(${t})` : String(t));
          const rhs = terms.map(term).join(`${sp()}+${sp()}`);
          const text = `${sp()}${termParens ? `(${id})` : id}${sp()}=${sp()}${outerParens ? `(${rhs})` : rhs}${sp()}`;
          expect(parseColumnCode(text)).toEqual({ id: String(id), rule: { kind: "sum", terms: terms.map(String) }, raw: text });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a ratio rule parses however it is spaced", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), spaceArb, fc.constantFrom("/", ":", "÷"), fc.constantFrom("", "x100", "*100%", "%"), (id, n, d, s, slash, tail) => {
        const text = `${id}${s}=${s}${n}${s}${slash}${s}${d}${tail}`;
        expect(parseColumnCode(text)?.rule).toEqual({ kind: "ratio", numerator: String(n), denominator: String(d) });
      }),
      { numRuns: 500 },
    );
  });

  it("rows of data numbers are not code rows", () => {
    const dataCell = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 20, max: 1_000_000 }) },
      { weight: 1, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, "-", "Người", "Lượt người", 0) },
    );
    fc.assert(
      fc.property(fc.array(dataCell, { minLength: 0, maxLength: 30 }), (row) => {
        expect(isCodeRow(row)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("rows of small shuffled counts in a data row are not code rows", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 8, maxLength: 20 }), (numbers) => {
        fc.pre(!numbers.every((n, i) => i === 0 || n > numbers[i - 1]));
        const row: CellValue[] = ["-", "Tiến sĩ", "03", "Người", ...numbers];
        const codesInOrder = numbers.filter((n) => n > 0);
        const increasing = codesInOrder.filter((n, i) => i > 0 && n - codesInOrder[i - 1] >= 1 && n - codesInOrder[i - 1] <= 5).length;
        fc.pre(increasing < 0.8 * (codesInOrder.length - 1));
        expect(isCodeRow(row)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary cells", () => {
    const cell = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.double(), fc.boolean(), fc.constant(null), fc.stringMatching(/^[0-9()=+/ :x%A-E-]{0,15}$/));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 25 }), (row) => {
        const { codes, score } = parseCodeRow(row);
        expect(codes).toHaveLength(row.length);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        isCodeRow(row);
      }),
      { numRuns: 2000 },
    );
  });
});

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.getTime();
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return plainValue((value.result ?? null) as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  return null;
}
