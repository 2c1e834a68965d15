import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { periodReview } from "../src/core/period";
import { inspectWorkbook } from "../src/io/inspect";
import { PERIOD_SHEETS, writePeriodReview } from "../src/io/period-report";
import { writeTemplate } from "../src/io/template";

/** The source article's acceptance figures, spread over three real annual workbooks. */
const TRAINED = { 2021: 3000, 2022: 3200, 2023: 3314 }; // 9.514 people
const FOSTERED = { 2021: 56000, 2022: 57000, 2023: 56181 }; // 169.181 person-times

async function annual(year: 2021 | 2022 | 2023) {
  const bytes = await writeTemplate({
    year,
    agencyName: "UBND tỉnh Lạng Sơn",
    agencyCode: "000.00.00.H39",
    values: { "05": { "3": 3000, "8": TRAINED[year] }, "25": { "3": 60000, "8": FOSTERED[year] } },
  });
  return inspectWorkbook(`bao-cao-${year}.xlsx`, bytes);
}

async function review() {
  const target = await inspectWorkbook(
    "ke-hoach-2021-2025.xlsx",
    await writeTemplate({
      period: { from: 2021, to: 2025 },
      agencyName: "UBND tỉnh Lạng Sơn",
      agencyCode: "000.00.00.H39",
      values: { "05": { "3": 3386 }, "25": { "3": 180556 } },
    }),
  );
  const reports = await Promise.all([annual(2021), annual(2022), annual(2023)]);
  return periodReview(reports, target, { baseline: { "01": 2354, "14": 40604 } });
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function rowByCode(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(3).value === code) found = row;
  });
  if (!found) throw new Error(`no row ${code}`);
  return found;
}

const header = (ws: ExcelJS.Worksheet): string[] => (ws.getRow(5).values as string[]).slice(1);
const res = (c: ExcelJS.Cell): unknown => (c.formula ? c.result : c.value);

describe("period review workbook", () => {
  it("reproduces the article's figures with live formulas", async () => {
    const r = await review();
    const wb = await load(await writePeriodReview(r));
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(PERIOD_SHEETS));
    const ws = wb.getWorksheet(PERIOD_SHEETS.review)!;
    expect(r.period).toEqual({ from: 2021, to: 2025 });
    expect(ws.getCell("A1").value).toBe("SƠ KẾT THỰC HIỆN ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC GIAI ĐOẠN 2021 - 2025");
    expect(ws.getCell("D3").value).toBe(3);
    const h = header(ws);
    expect(h.slice(4, 7)).toEqual(["Thực hiện năm 2021", "Thực hiện năm 2022", "Thực hiện năm 2023"]);
    const col = (name: string): number => h.indexOf(name) + 1;

    const training = rowByCode(ws, "01");
    expect(training.getCell(col("Tổng thực hiện")).formula).toBe(`SUM(E${training.number}:G${training.number})`);
    expect(res(training.getCell(col("Tổng thực hiện")))).toBe(9514);
    expect(training.getCell(col("Chỉ tiêu giai đoạn")).value).toBe(3386);
    expect(Math.round((res(training.getCell(col("Tỷ lệ so với chỉ tiêu (%)"))) as number) * 100)).toBe(281);
    expect(Math.round(res(training.getCell(col("Bình quân mỗi năm"))) as number)).toBe(3171);
    expect(training.getCell(col("Bình quân năm giai đoạn trước")).value).toBe(2354);
    expect(Math.round(res(training.getCell(col("Tăng (+) / giảm (-)"))) as number)).toBe(817);
    expect(training.getCell(col("Tăng (+) / giảm (-)")).formula).toMatch(/^IF\(ISNUMBER\(/);

    const fostering = rowByCode(ws, "14");
    expect(res(fostering.getCell(col("Tổng thực hiện")))).toBe(169181);
    expect(Math.round((res(fostering.getCell(col("Tỷ lệ so với chỉ tiêu (%)"))) as number) * 1000)).toBe(937);
    expect(Math.round(res(fostering.getCell(col("Bình quân mỗi năm"))) as number)).toBe(56394);
    expect(Math.round(res(fostering.getCell(col("Tăng (+) / giảm (-)"))) as number)).toBe(15790);
    expect(fostering.getCell(col("Tỷ lệ so với chỉ tiêu (%)")).numFmt).toBe("0.0%");

    // A row with no baseline has no change, not an error.
    const leaf = rowByCode(ws, "03");
    expect(res(leaf.getCell(col("Tăng (+) / giảm (-)"))) ?? "").toBe("");
  });

  it("lists the files used and the findings, in English on request", async () => {
    const r = await review();
    const wb = await load(await writePeriodReview(r, { lang: "en" }));
    const files = wb.getWorksheet(PERIOD_SHEETS.files)!;
    const rows: unknown[][] = [];
    files.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([1, "ke-hoach-2021-2025.xlsx", undefined, "Period plan", "Yes"]);
    expect(rows.slice(1)).toEqual([
      [2, "bao-cao-2021.xlsx", 2021, "Annual report", "Yes"],
      [3, "bao-cao-2022.xlsx", 2022, "Annual report", "Yes"],
      [4, "bao-cao-2023.xlsx", 2023, "Annual report", "Yes"],
    ]);
    expect(header(wb.getWorksheet(PERIOD_SHEETS.review)!)).toContain("Average per year");
    expect(wb.getWorksheet(PERIOD_SHEETS.findings)!.getCell("A2").value).toBe(r.findings.length ? 1 : "No findings.");
  });
});
