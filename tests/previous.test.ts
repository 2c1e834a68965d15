/**
 * `dtbd consolidate … --previous LAST_YEAR.xlsx`: last year's report made by consolidating a
 * hand-made batch of 2023, this year's batch of 2024, both written by the project's template
 * writer and read back from files. Every expected number is stated by hand below from the
 * batches' figures; the report's cells are read back with exceljs, LibreOffice recalculates
 * them, and the trend.* findings must be exactly where the figures put them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { FORM01_COLUMNS, FORM01_ROWS } from "../src/core/form01";
import { readAgencySheet } from "../src/core/previous";
import { inspectWorkbook } from "../src/io/inspect";
import { readWorkbook } from "../src/io/read";
import { type Form01Values, writeTemplate } from "../src/io/template";
import { runCli } from "./helpers/cli";
import { SOFFICE, convertToCsv } from "./helpers/libreoffice";
import { chartSeries, packageParts, sheetCells, sheetCharts } from "./helpers/ooxml";
import { runPython } from "./helpers/openpyxl";

/** Training: plan and actual (row 05, Đại học, công chức: columns 3 and 8); fostering the same on row 25. */
interface Figures {
  t: [number, number];
  f: [number, number];
}

function leaves({ t, f }: Figures): Form01Values {
  return { "05": { "3": t[0], "8": t[1] }, "25": { "3": f[0], "8": f[1] } };
}

interface AgencyFile {
  file: string;
  name: string;
  code: string;
  year: number;
  figures: Figures;
}

// 2023: Văn hóa's file says 2022, so it is excluded from the 2023 report.
const BATCH_2023: AgencyFile[] = [
  { file: "so-tai-chinh.xlsx", name: "Sở Tài chính", code: "000.00.12.H39", year: 2023, figures: { t: [10, 10], f: [100, 100] } },
  { file: "so-y-te.xlsx", name: "Sở Y tế", code: "000.00.40.H39", year: 2023, figures: { t: [10, 10], f: [80, 80] } },
  { file: "so-noi-vu.xlsx", name: "Sở Nội vụ", code: "000.00.13.H39", year: 2023, figures: { t: [0, 0], f: [0, 0] } },
  { file: "so-tu-phap.xlsx", name: "Sở Tư pháp", code: "000.00.14.H39", year: 2023, figures: { t: [50, 50], f: [60, 51] } },
  { file: "so-xay-dung.xlsx", name: "Sở Xây dựng", code: "000.00.17.H39", year: 2023, figures: { t: [20, 20], f: [200, 200] } },
  { file: "thanh-tra-tinh.xlsx", name: "Thanh tra tỉnh", code: "000.00.23.H39", year: 2023, figures: { t: [7, 7], f: [70, 70] } },
  { file: "so-cong-thuong.xlsx", name: "Sở Công Thương", code: "000.00.18.H39", year: 2023, figures: { t: [10, 10], f: [0, 0] } },
  { file: "so-van-hoa.xlsx", name: "Sở Văn hóa, Thể thao và Du lịch", code: "000.00.21.H39", year: 2022, figures: { t: [10, 10], f: [0, 0] } },
];

// 2024: Xây dựng has a new code and its name in other capitals (matched by name); Ngoại vụ is
// new; Thanh tra sent nothing; Công Thương's file says 2023, so it is excluded this year.
const BATCH_2024: AgencyFile[] = [
  { file: "so-tai-chinh.xlsx", name: "Sở Tài chính", code: "000.00.12.H39", year: 2024, figures: { t: [20, 31], f: [100, 100] } },
  { file: "so-y-te.xlsx", name: "Sở Y tế", code: "000.00.40.H39", year: 2024, figures: { t: [10, 30], f: [80, 80] } },
  { file: "so-noi-vu.xlsx", name: "Sở Nội vụ", code: "000.00.13.H39", year: 2024, figures: { t: [50, 50], f: [40, 51] } },
  { file: "so-tu-phap.xlsx", name: "Sở Tư pháp", code: "000.00.14.H39", year: 2024, figures: { t: [50, 0], f: [60, 0] } },
  { file: "so-xay-dung.xlsx", name: "Sở Xây Dựng", code: "000.00.99.H39", year: 2024, figures: { t: [20, 21], f: [200, 0] } },
  { file: "so-ngoai-vu.xlsx", name: "Sở Ngoại vụ", code: "000.00.22.H39", year: 2024, figures: { t: [5, 5], f: [0, 0] } },
  { file: "so-cong-thuong.xlsx", name: "Sở Công Thương", code: "000.00.18.H39", year: 2023, figures: { t: [10, 100], f: [0, 0] } },
  { file: "so-van-hoa.xlsx", name: "Sở Văn hóa, Thể thao và Du lịch", code: "000.00.21.H39", year: 2024, figures: { t: [10, 100], f: [0, 0] } },
];

/**
 * The oracle, by hand. 2023 counted Tài chính, Y tế, Nội vụ, Tư pháp, Xây dựng, Thanh tra and
 * Công Thương: row 05 actual 10+10+0+50+20+7+10 = 107, row 25 100+80+0+51+200+70+0 = 501.
 * 2024 counts Tài chính, Y tế, Nội vụ, Tư pháp, Xây dựng, Ngoại vụ and Văn hóa: row 05
 * 31+30+50+0+21+5+100 = 237, row 25 100+80+51+0+0+0+0 = 231. Row 01 and 02 add up row 05
 * alone, row 14 row 25 alone.
 */
const ROWS: Record<string, [number, number]> = { "01": [107, 237], "02": [107, 237], "05": [107, 237], "14": [501, 231], "25": [501, 231], "03": [0, 0], "40": [0, 0] };

/** Per agency of this year's Theo đơn vị: last year's training actual, change, fostering actual, change (null: blank). */
const AGENCY_LINES: Record<string, [number | null, number | null, number | null, number | null]> = {
  "000.00.12.H39": [10, 21, 100, 0],
  "000.00.40.H39": [10, 20, 80, 0],
  "000.00.13.H39": [0, 50, 0, 51],
  "000.00.14.H39": [50, -50, 51, -51],
  "000.00.99.H39": [20, 1, 200, -200], // by name: last year's Sở Xây dựng, 000.00.17.H39
  "000.00.22.H39": [null, null, null, null], // new this year
  "000.00.18.H39": [10, 90, 0, 0], // excluded this year (its figures shown, not counted)
  "000.00.21.H39": [null, null, null, null], // last year's line was excluded: no figures to compare
};

/**
 * Where the trend findings must be, and nowhere else: Tài chính's training actual 10 → 31
 * (more than 3×), Nội vụ's fostering actual 0 → 51, Tư pháp's 51 → 0, Xây dựng's 200 → 0.
 * Near misses that must stay silent: Y tế 10 → 30 (3× exactly), Nội vụ's training 0 → 50 and
 * plans 0 → 50 and 0 → 40, Tư pháp's training 50 → 0; Công Thương 10 → 100 (excluded this
 * year) and Văn hóa 10 → 100 (excluded last year).
 */
const TRENDS = [
  { file: "so-noi-vu.xlsx", code: "trend.jump", row: "14", column: "6", expected: 0, actual: 51 },
  { file: "so-tai-chinh.xlsx", code: "trend.jump", row: "01", column: "6", expected: 10, actual: 31 },
  { file: "so-tu-phap.xlsx", code: "trend.drop", row: "14", column: "6", expected: 51, actual: 0 },
  { file: "so-xay-dung.xlsx", code: "trend.drop", row: "14", column: "6", expected: 200, actual: 0 },
];

async function writeBatch(dir: string, batch: AgencyFile[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const a of batch) writeFileSync(path.join(dir, a.file), await writeTemplate({ year: a.year, agencyName: a.name, agencyCode: a.code, values: leaves(a.figures) }));
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

const formulaOf = (cell: ExcelJS.Cell): string | null => {
  const v = cell.value as ExcelJS.CellFormulaValue | null;
  return v && typeof v === "object" && "formula" in v ? v.formula : null;
};
const shown = (cell: ExcelJS.Cell): unknown => (formulaOf(cell) !== null ? cell.result : cell.value);

/** The Excel row of a Mã số on a form sheet, found by its Mã số cell (column C). */
function rowOfCode(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value === code) return r;
  throw new Error(`no row ${code}`);
}

/** The Excel row of an agency on Theo đơn vị, found by its code (column B). */
function rowOfAgency(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === code) return r;
  throw new Error(`no agency ${code}`);
}

interface ConsolidateJson {
  included: number;
  sources: { file: string; included: boolean; findings: { code: string; severity: string; row: string | null; column: string | null; expected?: number; actual?: number; message: string; sheet: string | null }[] }[];
  previous?: {
    year: number;
    file: string;
    kind: string;
    column: string;
    rows: Record<string, { previous: number; current: number; change: number }>;
    agencies: { file: string | null; agency: { code: string | null; name: string | null }; matchedBy: string | null; included: boolean; previous: { code: string | null; included: boolean } | null; figures: Record<string, { previous: number | null; current: number | null; change: number | null }> }[] | null;
    unmatched: { code: string | null; name: string | null }[];
    note: string | null;
  };
}

describe("consolidate --previous against last year's report", () => {
  const root = mkdtempSync(path.join(tmpdir(), "dtbd-previous-"));
  const dir2023 = path.join(root, "2023");
  const dir2024 = path.join(root, "2024");
  const report2023 = path.join(root, "bao-cao-2023.xlsx");
  const report2024 = path.join(root, "bao-cao-2024.xlsx");
  const plain2024 = path.join(root, "bao-cao-2024-khong-so-sanh.xlsx");
  let json: ConsolidateJson;
  let stdout: string;
  let wb: ExcelJS.Workbook;
  let bytes: Uint8Array;

  beforeAll(async () => {
    await writeBatch(dir2023, BATCH_2023);
    await writeBatch(dir2024, BATCH_2024);
    // Exit 1 each year: one file is of the wrong year (an error finding), and is excluded.
    const last = await runCli(["consolidate", dir2023, "--out", report2023, "--quiet"]);
    expect(last.code).toBe(1);
    const run = await runCli(["consolidate", dir2024, "--out", report2024, "--previous", report2023, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    json = JSON.parse(run.stdout) as ConsolidateJson;
    stdout = (await runCli(["consolidate", dir2024, "--out", path.join(root, "terminal.xlsx"), "--previous", report2023])).stdout;
    expect((await runCli(["consolidate", dir2024, "--out", plain2024, "--quiet"])).code).toBe(1);
    bytes = new Uint8Array(readFileSync(report2024));
    wb = await load(bytes);
  }, 120_000);

  it("adds a block 'Năm trước (2023)' right of the form: last year's actual, the change and the ratio per row, read back at their cells", () => {
    const ws = wb.getWorksheet("Tổng hợp")!;
    expect(FORM01_COLUMNS).toHaveLength(20); // the form ends at T: the block is U, V, W
    expect(ws.getCell("U8").value).toBe("Năm trước (2023)");
    expect(ws.getCell("U9").value).toBe("Thực hiện năm 2023");
    expect(ws.getCell("V9").value).toBe("Tăng (+), giảm (-) so với năm 2023");
    expect(ws.getCell("W9").value).toBe("So với năm 2023 (%)");
    // No code in the code row: the block is not a column of the form.
    for (const a of ["U10", "V10", "W10"]) expect(ws.getCell(a).value, a).toBeNull();
    for (const [code, [before, now]] of Object.entries(ROWS)) {
      const r = rowOfCode(ws, code);
      expect(shown(ws.getCell(`J${r}`)), `J${r}`).toBe(now);
      expect(ws.getCell(`U${r}`).value, `U${r}`).toBe(before);
      expect(formulaOf(ws.getCell(`U${r}`))).toBeNull();
      expect(formulaOf(ws.getCell(`V${r}`))).toBe(`J${r}-U${r}`);
      expect(ws.getCell(`V${r}`).result, `V${r}`).toBe(now - before);
      expect(formulaOf(ws.getCell(`W${r}`))).toBe(`IF(U${r}>0,J${r}/U${r},"")`);
      // exceljs reads back the cached empty string of a blank ratio as no result.
      expect(ws.getCell(`W${r}`).result ?? "", `W${r}`).toBe(before > 0 ? now / before : "");
    }
    expect(ws.getCell(`V${rowOfCode(ws, "01")}`).result).toBe(130);
    expect(ws.getCell(`V${rowOfCode(ws, "14")}`).result).toBe(-270);
  });

  it("leaves every cell of the form where the template puts it: A1:T of the report equal those without --previous", async () => {
    const plain = await load(new Uint8Array(readFileSync(plain2024)));
    const a = wb.getWorksheet("Tổng hợp")!;
    const b = plain.getWorksheet("Tổng hợp")!;
    expect(a.rowCount).toBe(b.rowCount);
    let compared = 0;
    for (let r = 1; r <= b.rowCount; r++)
      for (let c = 1; c <= 20; c++) {
        expect(JSON.stringify(a.getCell(r, c).value), `${a.getCell(r, c).address}`).toBe(JSON.stringify(b.getCell(r, c).value));
        compared++;
      }
    expect(compared).toBe(b.rowCount * 20);
    // The other sheets' own columns too: Theo đơn vị A–M, and Kiểm tra apart from the trend lines.
    const ta = wb.getWorksheet("Theo đơn vị")!;
    const tb = plain.getWorksheet("Theo đơn vị")!;
    for (let r = 1; r <= tb.rowCount; r++)
      for (let c = 1; c <= 13; c++) expect(JSON.stringify(ta.getCell(r, c).value), ta.getCell(r, c).address).toBe(JSON.stringify(tb.getCell(r, c).value));
  });

  it("adds each agency's training and fostering actuals of 2023 and the changes to Theo đơn vị, matched by code, else by name", () => {
    const ws = wb.getWorksheet("Theo đơn vị")!;
    expect(ws.getCell("N4").value).toBe("So với năm 2023");
    expect(["N5", "O5", "P5", "Q5"].map((a) => ws.getCell(a).value)).toEqual([
      "Đào tạo: thực hiện năm 2023",
      "Đào tạo: tăng (+), giảm (-) so với năm 2023",
      "Bồi dưỡng: thực hiện năm 2023",
      "Bồi dưỡng: tăng (+), giảm (-) so với năm 2023",
    ]);
    for (const [code, [tPrev, tChange, fPrev, fChange]] of Object.entries(AGENCY_LINES)) {
      const r = rowOfAgency(ws, code);
      expect(ws.getCell(`N${r}`).value, `${code} N`).toBe(tPrev);
      expect(ws.getCell(`P${r}`).value, `${code} P`).toBe(fPrev);
      if (tChange === null) expect(ws.getCell(`O${r}`).value, `${code} O`).toBeNull();
      else {
        expect(formulaOf(ws.getCell(`O${r}`))).toBe(`F${r}-N${r}`);
        expect(ws.getCell(`O${r}`).result, `${code} O`).toBe(tChange);
      }
      if (fChange === null) expect(ws.getCell(`Q${r}`).value, `${code} Q`).toBeNull();
      else {
        expect(formulaOf(ws.getCell(`Q${r}`))).toBe(`I${r}-P${r}`);
        expect(ws.getCell(`Q${r}`).result, `${code} Q`).toBe(fChange);
      }
    }
  });

  it("gives trend.jump and trend.drop exactly where the figures put them, as info, on the agency's source", () => {
    const trends = json.sources.flatMap((s) =>
      s.findings.filter((f) => f.code.startsWith("trend.")).map((f) => ({ file: s.file, code: f.code, row: f.row, column: f.column, expected: f.expected, actual: f.actual, severity: f.severity, sheet: f.sheet })),
    );
    expect(trends.map(({ severity, sheet, ...t }) => (expect(severity).toBe("info"), expect(sheet).toBe("01-DTBD"), t))).toEqual(TRENDS);
    // Info findings do not exclude anyone: 7 files counted, as without --previous.
    expect(json.included).toBe(7);
  });

  it("names the agency, the figure, last year's and this year's values, Vietnamese first", async () => {
    const message = (file: string) => json.sources.find((s) => s.file === file)!.findings.find((f) => f.code.startsWith("trend."))!.message;
    expect(message("so-tai-chinh.xlsx")).toBe(
      "Sở Tài chính – 000.00.12.H39: đào tạo – thực hiện (Mã số 01, cột 6, người) năm 2024 là 31, gấp hơn 3 lần năm 2023 (10). Hãy hỏi lại đơn vị trước khi ký báo cáo.",
    );
    expect(message("so-noi-vu.xlsx")).toBe(
      "Sở Nội vụ – 000.00.13.H39: bồi dưỡng – thực hiện (Mã số 14, cột 6, lượt người) năm 2024 là 51, năm 2023 là 0. Hãy hỏi lại đơn vị trước khi ký báo cáo.",
    );
    expect(message("so-tu-phap.xlsx")).toBe(
      "Sở Tư pháp – 000.00.14.H39: bồi dưỡng – thực hiện (Mã số 14, cột 6, lượt người) năm 2024 là 0, năm 2023 là 51. Hãy hỏi lại đơn vị trước khi ký báo cáo.",
    );
    const en = JSON.parse((await runCli(["consolidate", dir2024, "--out", path.join(root, "en.xlsx"), "--previous", report2023, "--json", "--lang", "en"])).stdout) as ConsolidateJson;
    expect(en.sources.find((s) => s.file === "so-xay-dung.xlsx")!.findings.find((f) => f.code === "trend.drop")!.message).toBe(
      "Sở Xây Dựng – 000.00.99.H39: fostering – actual (row 14, column 6, person-times) is 0 in 2024, 200 in 2023. Ask the agency before signing the report.",
    );
  });

  it("lists the trend findings in the report's Kiểm tra sheet, with the agency's file", () => {
    const ws = wb.getWorksheet("Kiểm tra")!;
    const lines: string[] = [];
    ws.eachRow((row, r) => {
      const code = row.getCell(9).value;
      if (r > 3 && typeof code === "string" && code.startsWith("trend.")) lines.push(`${row.getCell(2).value} ${code} ${row.getCell(7).value}/${row.getCell(8).value} ${row.getCell(10).value}`);
    });
    expect(lines.sort()).toEqual([
      "so-noi-vu.xlsx trend.jump 14/6 Lưu ý",
      "so-tai-chinh.xlsx trend.jump 01/6 Lưu ý",
      "so-tu-phap.xlsx trend.drop 14/6 Lưu ý",
      "so-xay-dung.xlsx trend.drop 14/6 Lưu ý",
    ]);
  });

  it("gives the figures used in the JSON's previous member: year, file, per row and per agency", () => {
    const p = json.previous!;
    expect(p.year).toBe(2023);
    expect(p.file).toBe("bao-cao-2023.xlsx");
    expect(p.kind).toBe("report");
    expect(p.column).toBe("6");
    expect(p.note).toBeNull();
    for (const [code, [before, now]] of Object.entries(ROWS)) expect(p.rows[code], code).toEqual({ previous: before, current: now, change: now - before });
    expect(Object.keys(p.rows)).toHaveLength(FORM01_ROWS.length);
    const byCode = new Map(p.agencies!.map((a) => [a.agency.code, a]));
    expect(byCode.get("000.00.12.H39")).toMatchObject({ matchedBy: "code", included: true, previous: { code: "000.00.12.H39", included: true } });
    expect(byCode.get("000.00.12.H39")!.figures.trainingActual).toEqual({ previous: 10, current: 31, change: 21 });
    expect(byCode.get("000.00.12.H39")!.figures.trainingPlan).toEqual({ previous: 10, current: 20, change: 10 });
    expect(byCode.get("000.00.99.H39")).toMatchObject({ matchedBy: "name", previous: { code: "000.00.17.H39", included: true } });
    expect(byCode.get("000.00.22.H39")).toMatchObject({ matchedBy: null, previous: null });
    expect(byCode.get("000.00.21.H39")).toMatchObject({ matchedBy: "code", included: true, previous: { included: false } });
    expect(byCode.get("000.00.21.H39")!.figures.trainingActual).toEqual({ previous: null, current: 100, change: null });
    expect(p.unmatched).toEqual([{ code: "000.00.23.H39", name: "Thanh tra tỉnh" }]);
  });

  it("says in the terminal how the two years compare and how many trend findings to look at", () => {
    expect(stdout).toContain("So với năm 2023 (bao-cao-2023.xlsx):");
    expect(stdout).toContain("  Đào tạo (người): thực hiện 237, năm trước 107, +130 (221,5%)");
    expect(stdout).toContain("  Bồi dưỡng (lượt người): thực hiện 231, năm trước 501, -270 (46,1%)");
    expect(stdout).toContain("2 tăng đột biến (trend.jump), 2 giảm về 0 (trend.drop)");
    expect(stdout).toContain("1 đơn vị có trong báo cáo năm 2023 nhưng không có tệp năm nay: Thanh tra tỉnh.");
  });

  it("keeps the report's charts, drawn from the same cells, the Theo đơn vị chart moved right of the new block", () => {
    const parts = packageParts(bytes);
    const plain = packageParts(new Uint8Array(readFileSync(plain2024)));
    for (const sheet of ["Tổng hợp", "Theo đơn vị"]) {
      const now = sheetCharts(parts, sheet);
      const before = sheetCharts(plain, sheet);
      expect(now.length, sheet).toBe(before.length);
      expect(now.length, sheet).toBeGreaterThan(0);
      now.forEach((c, i) => expect(chartSeries(c.chart).map((s) => [s.nameRef, s.categoryRef, s.valueRef])).toEqual(chartSeries(before[i].chart).map((s) => [s.nameRef, s.categoryRef, s.valueRef])));
    }
    // Without --previous the chart starts at column O (0-based 14); with it, right of Q: S (0-based 18).
    expect(sheetCharts(plain, "Theo đơn vị")[0].from.col).toBe(14);
    expect(sheetCharts(parts, "Theo đơn vị")[0].from.col).toBe(18);
    expect(sheetCharts(parts, "Tổng hợp").map((c) => c.from)).toEqual(sheetCharts(plain, "Tổng hợp").map((c) => c.from));
    // The cells the charts read are those of the report without the block.
    const cells = sheetCells(parts, "Tổng hợp");
    const plainCells = sheetCells(plain, "Tổng hợp");
    for (const [ref, v] of plainCells) expect(cells.get(ref), ref).toEqual(v);
  });

  it("still reads as form 01/ĐTBD with the same findings, rows and agency as the report without the block", async () => {
    const a = await inspectWorkbook("with.xlsx", bytes);
    const b = await inspectWorkbook("without.xlsx", new Uint8Array(readFileSync(plain2024)));
    expect(a.result.form).toBe("01/ĐTBD");
    expect(a.result.findings).toEqual(b.result.findings);
    expect(a.result.rows).toEqual(b.result.rows);
    expect(a.result.agency).toEqual(b.result.agency);
    expect(a.result.year).toBe(2024);
  });

  it("reads next year's previous from this report's own columns, not from the block beside them", async () => {
    const grid = (await readWorkbook(bytes)).grid!;
    const byAgency = readAgencySheet(grid.sheets.find((s) => s.name === "Theo đơn vị")!)!;
    const taiChinh = byAgency.agencies.find((a) => a.code === "000.00.12.H39")!;
    expect(taiChinh.figures).toEqual({ trainingPlan: 20, trainingActual: 31, fosteringPlan: 100, fosteringActual: 100, budgetPlan: 0, budgetActual: 0 });
    expect(taiChinh.included).toBe(true);
    expect(byAgency.agencies.find((a) => a.code === "000.00.18.H39")!.included).toBe(false);
    // 8 files; no agency missing (no roster).
    expect(byAgency.agencies).toHaveLength(8);
  });

  it("reads a report written with English messages the same way (headers in either language)", async () => {
    const en2023 = path.join(root, "report-2023-en.xlsx");
    expect((await runCli(["consolidate", dir2023, "--out", en2023, "--quiet", "--lang", "en"])).code).toBe(1);
    const run = JSON.parse((await runCli(["consolidate", dir2024, "--out", path.join(root, "from-en.xlsx"), "--previous", en2023, "--json"])).stdout) as ConsolidateJson;
    expect(run.previous!.kind).toBe("report");
    expect(run.previous!.agencies!.map((a) => [a.agency.code, a.figures.trainingActual ?? null])).toEqual(json.previous!.agencies!.map((a) => [a.agency.code, a.figures.trainingActual ?? null]));
    const trends = (j: ConsolidateJson) => j.sources.flatMap((s) => s.findings.filter((f) => f.code.startsWith("trend.")).map((f) => `${s.file} ${f.code} ${f.row}/${f.column}`));
    expect(trends(run)).toEqual(trends(json));
  });

  describe.skipIf(!SOFFICE)("recalculated by LibreOffice", () => {
    it("shows the same previous-year numbers and changes", async () => {
      const sheets = await convertToCsv(bytes, { recalc: true });
      const summary = sheets.get("Tổng hợp")!;
      const ws = wb.getWorksheet("Tổng hợp")!;
      for (const [code, [before, now]] of Object.entries(ROWS)) {
        const r = rowOfCode(ws, code);
        expect(summary.number(r, 10), `J${r}`).toBe(now);
        expect(summary.number(r, 21), `U${r}`).toBe(before);
        expect(summary.number(r, 22), `V${r}`).toBe(now - before);
        if (before > 0) expect(summary.number(r, 23)!, `W${r}`).toBeCloseTo(now / before, 3);
        else expect(summary.text(r, 23), `W${r}`).toBe("");
      }
      const byAgency = sheets.get("Theo đơn vị")!;
      const ta = wb.getWorksheet("Theo đơn vị")!;
      for (const [code, line] of Object.entries(AGENCY_LINES)) {
        const r = rowOfAgency(ta, code);
        expect([14, 15, 16, 17].map((c) => byAgency.number(r, c)), code).toEqual(line);
      }
    }, 120_000);
  });
});

describe("consolidate --previous with a form alone, and refusals", () => {
  const root = mkdtempSync(path.join(tmpdir(), "dtbd-previous-form-"));
  const dir2024 = path.join(root, "2024");

  beforeAll(async () => {
    await writeBatch(dir2024, BATCH_2024);
  });

  it("compares per row only with last year's provincial form filled by hand, and says so", async () => {
    // The province's 2023 form, typed by hand: training actual 107 on row 05, fostering 501 on row 25.
    const form = path.join(root, "bieu-tinh-2023.xlsx");
    writeFileSync(form, await writeTemplate({ year: 2023, agencyName: "UBND tỉnh Lạng Sơn", values: { "05": { "3": 120, "8": 107 }, "25": { "3": 480, "8": 501 } } }));
    const out = path.join(root, "r.xlsx");
    const run = await runCli(["consolidate", dir2024, "--out", out, "--previous", form, "--json"]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as ConsolidateJson;
    expect(json.previous!.kind).toBe("form");
    expect(json.previous!.agencies).toBeNull();
    expect(json.previous!.note).toMatch(/^Tệp năm trước là một biểu, không phải báo cáo tổng hợp .*chỉ so sánh theo dòng, không so sánh theo đơn vị/);
    for (const [code, [before, now]] of Object.entries(ROWS)) expect(json.previous!.rows[code], code).toEqual({ previous: before, current: now, change: now - before });
    expect(json.sources.flatMap((s) => s.findings.filter((f) => f.code.startsWith("trend.")))).toEqual([]);
    const wb = await load(new Uint8Array(readFileSync(out)));
    const ws = wb.getWorksheet("Tổng hợp")!;
    expect(ws.getCell(`U${rowOfCode(ws, "01")}`).value).toBe(107);
    expect(wb.getWorksheet("Theo đơn vị")!.getCell("N4").value).toBe(
      "So với năm 2023 (tệp năm trước là một biểu, không phải báo cáo tổng hợp: chỉ so sánh theo dòng, không theo đơn vị)",
    );
    const terminal = await runCli(["consolidate", dir2024, "--out", path.join(root, "r2.xlsx"), "--previous", form]);
    expect(terminal.stdout).toContain("chỉ so sánh theo dòng, không so sánh theo đơn vị và không có phát hiện trend.*");
  });

  it("refuses, with exit 2 and nothing written, a later year, the same year, a file with no form, a period plan and a file that is not there", async () => {
    const later = path.join(root, "bao-cao-2025.xlsx");
    writeFileSync(later, await writeTemplate({ year: 2025, agencyName: "UBND tỉnh Lạng Sơn" }));
    const same = path.join(root, "bao-cao-2024.xlsx");
    writeFileSync(same, await writeTemplate({ year: 2024, agencyName: "UBND tỉnh Lạng Sơn" }));
    const text = path.join(root, "ghi-chu.xlsx");
    writeFileSync(text, "không phải bảng tính");
    const plan = path.join(root, "ke-hoach-2021-2025.xlsx");
    writeFileSync(plan, await writeTemplate({ period: { from: 2021, to: 2025 }, agencyName: "UBND tỉnh Lạng Sơn" }));
    const cases: [string, RegExp][] = [
      [later, /^dtbd: Tệp năm trước "bao-cao-2025\.xlsx": là báo cáo năm 2025, không phải một năm trước năm 2024 đang tổng hợp\.\n$/],
      [same, /^dtbd: Tệp năm trước "bao-cao-2024\.xlsx": là báo cáo năm 2024, không phải một năm trước năm 2024 đang tổng hợp\.\n$/],
      [text, /^dtbd: Tệp năm trước "ghi-chu\.xlsx": không đọc được biểu nào trong tệp \(.+\)\. Hãy chỉ báo cáo tổng hợp năm trước do DTBD ghi, hoặc biểu cùng loại của năm trước\.\n$/],
      [plan, /^dtbd: Tệp năm trước "ke-hoach-2021-2025\.xlsx": là kế hoạch giai đoạn 2021 - 2025, không phải báo cáo của một năm\.\n$/],
      [path.join(root, "khong-co.xlsx"), /^dtbd: Không mở được tệp năm trước "khong-co\.xlsx" \(.+\)\.\n$/],
    ];
    for (const [file, message] of cases) {
      const out = path.join(root, `out-${path.basename(file)}`);
      const run = await runCli(["consolidate", dir2024, "--out", out, "--previous", file]);
      expect(run.code, file).toBe(2);
      expect(run.stderr, file).toMatch(message);
      expect(run.stdout, file).toBe("");
      expect(existsSync(out), file).toBe(false);
    }
    const en = await runCli(["consolidate", dir2024, "--out", path.join(root, "en.xlsx"), "--previous", later, "--lang", "en"]);
    expect(en.stderr).toBe(`dtbd: Last year's file "bao-cao-2025.xlsx": reports 2025, not a year before 2024, the year being consolidated.\n`);
  });

  it("refuses to write the report over last year's", async () => {
    const last = path.join(root, "last.xlsx");
    writeFileSync(last, await writeTemplate({ year: 2023, agencyName: "UBND tỉnh Lạng Sơn" }));
    const before = readFileSync(last);
    const run = await runCli(["consolidate", dir2024, "--out", last, "--previous", last]);
    expect(run.code).toBe(2);
    expect(readFileSync(last).equals(before)).toBe(true);
  });
});

const GENERIC = path.join(__dirname, "fixtures", "generic");
const manifest = JSON.parse(readFileSync(path.join(GENERIC, "manifest.json"), "utf8")) as {
  forms: {
    id: string;
    template: { file: string };
    rows: { excelRow: number; label: string }[];
    filled: { file: string; year: number; values: Record<string, { value: number }> }[];
    consolidated: { files: string[]; values: Record<string, number> };
  }[];
};

describe("consolidate --previous with another form (learned, --form)", () => {
  // Form kh-tinh pairs plan 1 (D) with actual 4 (G): its rows are compared on column 4.
  const form = manifest.forms.find((f) => f.id === "kh-tinh")!;
  const root = mkdtempSync(path.join(tmpdir(), "dtbd-previous-generic-"));

  it("compares per row on the form's actual column, beside its own table, and says the per-agency comparison is form 01's", async () => {
    const formJson = path.join(root, "kh-tinh.json");
    expect((await runCli(["form", "learn", path.join(GENERIC, form.template.file), "--out", formJson, "--quiet"])).code).toBe(0);
    // Last year: Sở Xây dựng's copy (the generator's figures) with its title saying 2023, re-saved by openpyxl.
    const last = form.filled.find((f) => f.file.endsWith("so-xay-dung.xlsx"))!;
    const previous = path.join(root, "kh-tinh-2023.xlsx");
    runPython(
      "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb.worksheets[0]\nws['A4'].value = ws['A4'].value.replace('NĂM 2024', 'NĂM 2023')\nwb.save(sys.argv[2])",
      path.join(GENERIC, last.file),
      previous,
    );
    const out = path.join(root, "r.xlsx");
    const files = form.consolidated.files.map((f) => path.join(GENERIC, f));
    const run = await runCli(["consolidate", ...files, "--form", formJson, "--out", out, "--previous", previous, "--json"]);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as ConsolidateJson & { table: { rows: { key: string }[] } };
    const p = json.previous!;
    expect(p.year).toBe(2023);
    expect(p.column).toBe("4");
    expect(p.agencies).toBeNull();
    expect(p.note).toBe("So sánh theo đơn vị và phát hiện trend.* chỉ có cho biểu 01/ĐTBD: biểu này được so sánh theo dòng.");
    const ws = (await load(new Uint8Array(readFileSync(out)))).getWorksheet("Tổng hợp")!;
    // The table ends at K; the block is L, M, N, headed in the table's header rows, nothing in its code row (9).
    expect(ws.getCell("L7").value).toBe("Năm trước (2023)");
    expect(ws.getCell("L8").value).toBe("Cột 4 năm 2023");
    for (const a of ["L9", "M9", "N9"]) expect(ws.getCell(a).value, a).toBeNull();
    form.rows.forEach(({ excelRow }, i) => {
      const before = last.values[`G${excelRow}`]?.value ?? 0;
      const now = form.consolidated.values[`G${excelRow}`] ?? 0;
      expect(p.rows[json.table.rows[i].key], `row ${excelRow}`).toEqual({ previous: before, current: now, change: now - before });
      expect(shown(ws.getCell(`G${excelRow}`)), `G${excelRow}`).toBe(now);
      expect(ws.getCell(`L${excelRow}`).value, `L${excelRow}`).toBe(before);
      expect(formulaOf(ws.getCell(`M${excelRow}`))).toBe(`G${excelRow}-L${excelRow}`);
      expect(ws.getCell(`M${excelRow}`).result, `M${excelRow}`).toBe(now - before);
      expect(ws.getCell(`N${excelRow}`).result ?? "", `N${excelRow}`).toBe(before > 0 ? now / before : "");
    });
    // The sums of three agencies against one agency's figures: 139 trained against 53 on row 10.
    expect(ws.getCell("L10").value).toBe(53);
    expect(ws.getCell("M10").result).toBe(86);
    expect(json.sources.flatMap((s) => s.findings.filter((f) => f.code.startsWith("trend.")))).toEqual([]);
  });
});
