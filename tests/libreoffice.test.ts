/**
 * LibreOffice opens what DTBD writes and recalculates it: its numbers must equal the
 * cached results DTBD wrote and the sums the core computes.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FORM01_COLUMNS, FORM01_LAYOUT, FORM01_ROWS } from "../src/core/form01";
import { periodReview } from "../src/core/period";
import { inspectWorkbook } from "../src/io/inspect";
import { writePeriodReview } from "../src/io/period-report";
import { writeConsolidatedReport } from "../src/io/report";
import { addForm01Sheet, computeForm01, writeTemplate } from "../src/io/template";
import { sampleConsolidation } from "./helpers/consolidation";
import { type CsvSheet, SKIP_WITHOUT_SOFFICE, convertToCsv, parseCsv } from "./helpers/libreoffice";

const NUMERIC = FORM01_COLUMNS.map((c, i) => ({ ...c, col: i + 1 })).filter((c) => ["headcount", "money", "rate"].includes(c.kind));
const rowOf = (code: string): number => FORM01_LAYOUT.firstBodyRow + FORM01_ROWS.findIndex((r) => r.code === code);

const VALUES = {
  "03": { "2": 5, "3": 1, "7": 4, "8": 2, "11": 3, "12": 1, "14": 10.5, "15": 9.25 },
  "05": { "3": 40, "4": 12, "8": 45, "9": 10, "11": 30, "14": 80.4 },
  "12": { "5": 7, "10": 9, "11": 4 },
  "16": { "2": 3, "7": 2 },
  "21": { "3": 30, "8": 25, "14": 12.3, "15": 11.1 },
  "31": { "2": 2, "7": 2 },
  "40": { "5": 1, "10": 3 },
};

/** Every numeric cell of form 01 in LibreOffice's export equals `expected` (blank = 0). */
function expectFormEquals(sheet: CsvSheet, expected: Record<string, Record<string, number | string>>): number {
  let compared = 0;
  for (const row of FORM01_ROWS) {
    for (const col of NUMERIC) {
      const want = expected[row.code][col.code];
      const got = sheet.number(rowOf(row.code), col.col);
      const where = `${row.code}/${col.code}`;
      if (want === "") expect(got, where).toBeNull();
      else expect(got ?? 0, where).toBeCloseTo(Number(want), 9);
      compared++;
    }
  }
  return compared;
}

// Each check converts with LibreOffice; on a loaded 2-core machine that can take minutes.
describe.skipIf(SKIP_WITHOUT_SOFFICE)("LibreOffice as a second client", { timeout: 180_000 }, () => {
  it("the helper really recalculates: a wrong cached result is replaced, and kept without recalculation", async () => {
    const wb = new ExcelJS.Workbook();
    const { worksheet } = addForm01Sheet(wb, "01-DTBD", { year: 2024, agencyName: "Sở Tài chính", values: VALUES });
    const r = rowOf("03");
    worksheet.getCell(`E${r}`).value = { formula: `SUM(F${r}:I${r})`, result: 12345 } as ExcelJS.CellFormulaValue;
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const [recalculated, cached] = await Promise.all([convertToCsv(bytes), convertToCsv(bytes, { recalc: false })]);
    expect(recalculated.get("01-DTBD")!.number(r, 5)).toBe(6);
    expect(cached.get("01-DTBD")!.number(r, 5)).toBe(12345);
  });

  it("recalculates a filled template to the writer's cached results and the core's sums", async () => {
    const bytes = await writeTemplate({ year: 2024, agencyName: "Sở Tài chính", agencyCode: "000.00.12.H39", values: VALUES });
    const [recalculated, cached] = await Promise.all([convertToCsv(bytes), convertToCsv(bytes, { recalc: false })]);
    const lo = recalculated.get("01-DTBD")!;
    const compared = expectFormEquals(lo, computeForm01(VALUES));
    expect(compared).toBe(FORM01_ROWS.length * NUMERIC.length);
    // What a program that never recalculates shows is the same as what LibreOffice computes.
    expect(cached.get("01-DTBD")!.rows).toEqual(lo.rows);

    const core = (await inspectWorkbook("sotc.xlsx", bytes)).result;
    for (const parent of FORM01_ROWS.filter((r) => r.children.length > 0)) {
      const r = rowOf(parent.code);
      expect(lo.number(r, 5)).toBe(core.totals[parent.code].plan);
      expect(lo.number(r, 10)).toBe(core.totals[parent.code].actual);
      const rate = core.totals[parent.code].rate;
      if (rate === null) expect(lo.number(r, 17)).toBeNull();
      else expect(lo.number(r, 17)).toBeCloseTo(rate, 12);
    }
    expect(lo.number(rowOf("01"), 5)).toBe(65);
    expect(lo.text(rowOf("03"), 3)).toBe("03");
  });

  it("shows a blank template with blank leaves, zero totals and no division error", async () => {
    const lo = (await convertToCsv(await writeTemplate({ year: 2024, agencyName: "Sở Nội vụ" }))).get("01-DTBD")!;
    for (const row of FORM01_ROWS) {
      const r = rowOf(row.code);
      expect(lo.text(r, 5)).toBe("0");
      expect(lo.text(r, 17)).toBe("");
      if (row.children.length === 0) expect(lo.text(r, 6)).toBe("");
    }
    const all = lo.rows.flat().join(",");
    expect(all).not.toMatch(/#DIV\/0!|#VALUE!|#NAME\?|Err:/);
    expect(lo.text(4, 1)).toBe("KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2024");
  });

  it("recalculates the consolidated report to the consolidation's numbers", async () => {
    const result = sampleConsolidation();
    const bytes = await writeConsolidatedReport(result);
    const [sheets, cached] = await Promise.all([convertToCsv(bytes), convertToCsv(bytes, { recalc: false })]);
    expect([...sheets.keys()]).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"]);
    for (const name of sheets.keys()) expect(cached.get(name)!.rows, name).toEqual(sheets.get(name)!.rows);

    const summary = sheets.get("Tổng hợp")!;
    const expected: Record<string, Record<string, number | string>> = {};
    for (const row of FORM01_ROWS) {
      expected[row.code] = { ...result.rows[row.code] };
      const t = result.totals[row.code];
      expected[row.code]["13"] = t.rate === null ? "" : t.rate;
    }
    expectFormEquals(summary, expected);
    expect(summary.text(7, 1)).toBe("Số đơn vị tổng hợp: 2/4");

    const byAgency = sheets.get("Theo đơn vị")!;
    const totalRow = byAgency.rows.findIndex((r) => r[0] === "Tổng cộng (các đơn vị đã tổng hợp)") + 1;
    expect(totalRow).toBeGreaterThan(6);
    expect(byAgency.number(totalRow, 5)).toBe(result.totals["01"].plan);
    expect(byAgency.number(totalRow, 6)).toBe(result.totals["01"].actual);
    expect(byAgency.number(totalRow, 7)).toBeCloseTo(result.totals["01"].rate!, 12);
    expect(byAgency.number(totalRow, 8)).toBe(result.totals["14"].plan);
    expect(byAgency.number(totalRow, 9)).toBe(result.totals["14"].actual);
    expect(byAgency.number(totalRow, 10)).toBeCloseTo(result.totals["14"].rate!, 12);
    expect(byAgency.number(totalRow, 11)).toBeCloseTo(result.rows["01"]["14"] + result.rows["14"]["14"], 9);
    // Text that looks like a formula is shown as typed, not evaluated.
    expect(byAgency.rows.some((r) => r[2] === '=HYPERLINK("http://evil.example","Sở Ngoại vụ")')).toBe(true);
    expect(byAgency.rows.some((r) => r[3] === "+so-ngoai-vu.xlsx")).toBe(true);
    expect(sheets.get("Nguồn")!.rows.some((r) => r[5] === "c".repeat(64))).toBe(true);
  });

  it("recalculates the period review: sums, rates, averages and changes", async () => {
    const reports = await Promise.all(
      ([[2021, 3000], [2022, 3200], [2023, 3314]] as const).map(async ([year, actual]) =>
        inspectWorkbook(`${year}.xlsx`, await writeTemplate({ year, agencyName: "UBND tỉnh Lạng Sơn", values: { "05": { "3": 3000, "8": actual } } })),
      ),
    );
    const target = await inspectWorkbook(
      "plan.xlsx",
      await writeTemplate({ period: { from: 2021, to: 2025 }, agencyName: "UBND tỉnh Lạng Sơn", values: { "05": { "3": 3386 } } }),
    );
    const review = periodReview(reports, target, { baseline: { "01": 2354 } });
    const bytes = await writePeriodReview(review);
    const [lo, cached] = await Promise.all([convertToCsv(bytes), convertToCsv(bytes, { recalc: false })]);
    const sheet = lo.get("Sơ kết giai đoạn")!;
    expect(cached.get("Sơ kết giai đoạn")!.rows).toEqual(sheet.rows);
    const header = sheet.rows[4];
    const col = (name: string): number => header.indexOf(name) + 1;
    const r = sheet.rows.findIndex((row) => row[2] === "01") + 1;
    expect(sheet.number(r, col("Tổng thực hiện"))).toBe(9514);
    expect(Math.round(sheet.number(r, col("Tỷ lệ so với chỉ tiêu (%)"))! * 100)).toBe(281);
    expect(Math.round(sheet.number(r, col("Bình quân mỗi năm"))!)).toBe(3171);
    expect(Math.round(sheet.number(r, col("Tăng (+) / giảm (-)"))!)).toBe(817);
  });
});

describe("CSV parsing of the helper", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parseCsv('a,"b,c","say ""hi""",\n"two\nlines",x\n')).toEqual([
      ["a", "b,c", 'say "hi"', ""],
      ["two\nlines", "x"],
    ]);
  });
});
