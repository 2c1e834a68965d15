import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { FORM01_COLUMNS, FORM01_LAYOUT, FORM01_ROWS } from "../src/core/form01";
import { inspectWorkbook } from "../src/io/inspect";
import { REPORT_SHEETS, writeConsolidatedReport } from "../src/io/report";
import { LEAVES_A, LEAVES_B, addLeaves, sampleConsolidation } from "./helpers/consolidation";
import { FORM01_SUMS } from "./helpers/form01-oracle";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const formulaOf = (cell: ExcelJS.Cell): string | undefined => {
  const v = cell.value as ExcelJS.CellFormulaValue | null;
  return v && typeof v === "object" && "formula" in v ? v.formula : undefined;
};
const resultOf = (cell: ExcelJS.Cell): unknown => (formulaOf(cell) !== undefined ? cell.result : cell.value);

const rowOf = (code: string): number => FORM01_LAYOUT.firstBodyRow + FORM01_ROWS.findIndex((r) => r.code === code);
const letter = (code: string): string => String.fromCharCode(64 + FORM01_COLUMNS.findIndex((c) => c.code === code) + 1);

/** Rows a sum formula such as "F12+F19" or "SUM(F13:F18)+F25" refers to, in one column. */
function referencedRows(formula: string, col: string): number[] {
  const rows: number[] = [];
  for (const m of formula.matchAll(new RegExp(`${col}(\\d+)(?::${col}(\\d+))?`, "g"))) {
    for (let r = Number(m[1]); r <= Number(m[2] ?? m[1]); r++) rows.push(r);
  }
  return rows.sort((a, b) => a - b);
}

/** Row index (1-based) of the first row whose column `col` equals `text`. */
function findRow(ws: ExcelJS.Worksheet, col: number, text: string): number {
  let found = -1;
  ws.eachRow((row, r) => {
    if (found < 0 && row.getCell(col).value === text) found = r;
  });
  return found;
}

describe("consolidated report", () => {
  it("has the four sheets in order", async () => {
    const wb = await load(await writeConsolidatedReport(sampleConsolidation(), {}));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"]);
    expect(Object.values(REPORT_SHEETS)).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"]);
  });

  it("Tổng hợp is form 01 for the province: leaf sums as values, parents, totals and rates as formulas", async () => {
    const result = sampleConsolidation();
    const ws = sheet(await load(await writeConsolidatedReport(result)), "Tổng hợp");
    expect(ws.getCell("A2").value).toBe("UBND TỈNH LẠNG SƠN");
    expect(ws.getCell("A4").value).toMatch(/NĂM 2024$/);
    expect(ws.getCell("A5").value).toBe("Đơn vị báo cáo: UBND TỈNH LẠNG SƠN");
    expect(ws.getCell("A7").value).toBe("Số đơn vị tổng hợp: 2/4");
    const sums = addLeaves(LEAVES_A, LEAVES_B);
    for (const row of FORM01_ROWS) {
      const r = rowOf(row.code);
      for (const col of FORM01_COLUMNS.filter((c) => c.kind === "headcount" || c.kind === "money")) {
        const cell = ws.getCell(`${letter(col.code)}${r}`);
        const expected = result.rows[row.code][col.code] ?? 0;
        if (row.children.length === 0 && !col.codeText.includes("=")) {
          expect(formulaOf(cell), `${row.code}/${col.code}`).toBeUndefined();
          expect(cell.value ?? 0).toBe(sums[row.code]?.[col.code] ?? 0);
        } else {
          // A rule column sums its row's parts; a parent row sums the rows under it (the form's hierarchy, by hand).
          const formula = formulaOf(cell);
          const where = `${row.code}/${col.code}`;
          if (col.code === "1") expect(formula, where).toBe(`SUM(F${r}:I${r})`);
          else if (col.code === "6") expect(formula, where).toBe(`SUM(K${r}:N${r})`);
          else expect(referencedRows(formula ?? "", letter(col.code)), where).toEqual(FORM01_SUMS[row.code].map(rowOf));
          expect(resultOf(cell)).toBeCloseTo(expected, 9);
        }
      }
      const rate = ws.getCell(`${letter("13")}${r}`);
      expect(formulaOf(rate)).toBe(`IF(E${r}>0,J${r}/E${r},"")`);
      const t = result.totals[row.code];
      if (t.rate === null) expect(resultOf(rate) ?? "").toBe("");
      else expect(resultOf(rate)).toBeCloseTo(t.rate, 12);
    }
    // The excluded agency's 999 never reaches the province's sum.
    expect(ws.getCell(`G${rowOf("05")}`).value).toBe(10);
  });

  it("Tổng hợp reads back through the core with the consolidation's totals and no findings", async () => {
    const result = sampleConsolidation();
    const report = await inspectWorkbook("bao-cao.xlsx", await writeConsolidatedReport(result));
    expect(report.result.sheet).toBe("Tổng hợp");
    expect(report.result.year).toBe(2024);
    expect(report.result.findings).toEqual([]);
    for (const code of Object.keys(result.totals)) {
      expect(report.result.totals[code].plan).toBe(result.totals[code].plan);
      expect(report.result.totals[code].actual).toBe(result.totals[code].actual);
    }
  });

  it("Theo đơn vị lists every source and missing agency with plan, actual, rate and status", async () => {
    const result = sampleConsolidation();
    const ws = sheet(await load(await writeConsolidatedReport(result)), "Theo đơn vị");
    expect(ws.getCell("A1").value).toBe("KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG THEO ĐƠN VỊ NĂM 2024");
    expect(ws.getCell("E4").value).toBe("Đào tạo (người) (Mã số 01)");
    expect(ws.getCell("H4").value).toBe("Bồi dưỡng (lượt người) (Mã số 14)");
    expect(ws.getCell("K4").value).toBe("Kinh phí (triệu đồng) (Mã số 01+14)");
    expect(ws.getCell("G5").value).toBe("Tỷ lệ (%)");

    const ra = findRow(ws, 2, "000.00.12.H39");
    expect(ra).toBe(6);
    const a = result.sources[0].result!.rows;
    expect(ws.getCell(ra, 3).value).toBe("Sở Tài chính");
    expect(ws.getCell(ra, 4).value).toBe("so-tai-chinh.xlsx");
    expect(ws.getCell(ra, 5).value).toBe(a["01"]["1"]);
    expect(ws.getCell(ra, 6).value).toBe(a["01"]["6"]);
    expect(formulaOf(ws.getCell(ra, 7))).toBe(`IF(E${ra}>0,F${ra}/E${ra},"")`);
    expect(resultOf(ws.getCell(ra, 7))).toBeCloseTo(a["01"]["6"] / a["01"]["1"], 12);
    expect(ws.getCell(ra, 8).value).toBe(a["14"]["1"]);
    expect(ws.getCell(ra, 9).value).toBe(a["14"]["6"]);
    expect(resultOf(ws.getCell(ra, 10))).toBeCloseTo(a["14"]["6"] / a["14"]["1"], 12);
    expect(ws.getCell(ra, 11).value).toBeCloseTo(a["01"]["14"] + a["14"]["14"], 9);
    expect(ws.getCell(ra, 12).value).toBeCloseTo(a["01"]["15"] + a["14"]["15"], 9);
    expect(ws.getCell(ra, 13).value).toBe("Đã tổng hợp");

    // Input text that looks like a formula stays text.
    const rb = findRow(ws, 2, "000.00.31.H39");
    expect(ws.getCell(rb, 3).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(rb, 3).value).toBe('=HYPERLINK("http://evil.example","Sở Ngoại vụ")');
    expect(ws.getCell(rb, 4).value).toBe("+so-ngoai-vu.xlsx");

    const rc = findRow(ws, 2, "000.00.40.H39");
    expect(ws.getCell(rc, 13).value).toBe("Loại: sai năm báo cáo");
    expect(ws.getCell(rc, 5).value).toBe(999);
    const rd = findRow(ws, 4, "ghi-chu.docx");
    expect(ws.getCell(rd, 13).value).toBe("Loại: không đọc được tệp");
    expect(ws.getCell(rd, 5).value).toBeNull();
    const rm = findRow(ws, 2, "000.00.50.H39");
    expect(ws.getCell(rm, 3).value).toBe("Sở Xây dựng");
    expect(ws.getCell(rm, 13).value).toBe("Thiếu (không có tệp)");

    // Total row: only consolidated agencies, equal to the province's form; rates recomputed.
    const rt = findRow(ws, 1, "Tổng cộng (các đơn vị đã tổng hợp)");
    expect(rt).toBe(rm + 1);
    expect(formulaOf(ws.getCell(rt, 5))).toBe(`SUMIF($M$6:$M$${rm},"Đã tổng hợp",E6:E${rm})`);
    expect(resultOf(ws.getCell(rt, 5))).toBe(result.totals["01"].plan);
    expect(resultOf(ws.getCell(rt, 6))).toBe(result.totals["01"].actual);
    expect(resultOf(ws.getCell(rt, 8))).toBe(result.totals["14"].plan);
    expect(resultOf(ws.getCell(rt, 9))).toBe(result.totals["14"].actual);
    expect(formulaOf(ws.getCell(rt, 7))).toBe(`IF(E${rt}>0,F${rt}/E${rt},"")`);
    expect(resultOf(ws.getCell(rt, 7))).toBeCloseTo(result.totals["01"].rate!, 12);
    expect(resultOf(ws.getCell(rt, 10))).toBeCloseTo(result.totals["14"].rate!, 12);
    expect(resultOf(ws.getCell(rt, 11))).toBeCloseTo(result.rows["01"]["14"] + result.rows["14"]["14"], 9);

    expect(ws.getCell(ra, 7).numFmt).toBe("0.0%");
    expect(ws.getCell(ra, 5).numFmt).toBe("#,##0");
    expect(ws.getCell(ra, 11).numFmt).toBe("#,##0.0");
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    expect([view.state, view.ySplit, view.xSplit]).toEqual(["frozen", 5, 3]);
    expect(ws.autoFilter).toBe(`A5:M${rm}`);
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe("4:5");
  });

  it("marks under-attainment with conditional formatting on both rate columns", async () => {
    const bytes = await writeConsolidatedReport(sampleConsolidation());
    const files = unzipSync(bytes);
    const xml = strFromU8(files["xl/worksheets/sheet2.xml"]);
    const blocks = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)">(.*?)<\/conditionalFormatting>/g)];
    const refs = blocks.map((m) => m[1]);
    expect(refs).toEqual(expect.arrayContaining([expect.stringMatching(/^G6:G\d+$/), expect.stringMatching(/^J6:J\d+$/)]));
    for (const [, , body] of blocks) {
      expect(body).toContain('type="dataBar"');
      expect(body).toMatch(/type="expression".*<formula>AND\(ISNUMBER\([GJ]6\),[GJ]6&lt;1\)<\/formula>/);
    }
  });

  it("Kiểm tra lists every finding of every source and of the consolidation", async () => {
    const result = sampleConsolidation();
    const ws = sheet(await load(await writeConsolidatedReport(result)), "Kiểm tra");
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(["TT", "Tệp", "Mã định danh", "Tên đơn vị", "Trang tính", "Ô", "Mã số", "Cột", "Mã lỗi", "Mức độ", "Nội dung"]);
    const expectedCount = result.sources.reduce((n, s) => n + s.findings.length, 0) + result.findings.length;
    const rows: unknown[][] = [];
    ws.eachRow((row, r) => {
      if (r > 3) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(expectedCount);
    const sum = rows.find((r) => r[8] === "sum.columns")!;
    expect(sum.slice(1, 11)).toEqual([
      "+so-ngoai-vu.xlsx",
      "000.00.31.H39",
      '=HYPERLINK("http://evil.example","Sở Ngoại vụ")',
      "01-DTBD",
      "E15",
      "05",
      "1",
      "sum.columns",
      "Lỗi",
      "Tổng số kế hoạch (cột 1) khác tổng các cột 2+3+4+5: 49 ≠ 42",
    ]);
    const roster = rows.find((r) => r[8] === "consolidate.missing-agency")!;
    expect(roster[1]).toBe("(tổng hợp)");
    // The roster finding's agency shows as the agency, not as a Mã số.
    expect(roster.slice(2, 7)).toEqual(["000.00.50.H39", "Sở Xây dựng", undefined, undefined, undefined]);
    expect(roster[9]).toBe("Cảnh báo");
    expect(rows.find((r) => r[8] === "file.unreadable")![1]).toBe("ghi-chu.docx");
    expect(ws.autoFilter).toBe(`A3:K${3 + expectedCount}`);
  });

  it("Nguồn has one row per input file with SHA-256, inclusion and reason", async () => {
    const result = sampleConsolidation();
    const ws = sheet(await load(await writeConsolidatedReport(result)), "Nguồn");
    const rows: unknown[][] = [];
    ws.eachRow((row, r) => {
      if (r > 3) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(result.sources.length);
    expect(rows[0]).toEqual([1, "so-tai-chinh.xlsx", "000.00.12.H39", "Sở Tài chính", 2024, "a".repeat(64), "Có"]);
    expect(rows[2].slice(1, 8)).toEqual([
      "so-y-te-2023.xlsx",
      "000.00.40.H39",
      "Sở Y tế",
      2023,
      "c".repeat(64),
      "Không",
      "sai năm báo cáo: Năm báo cáo của tệp là 2023, khác năm tổng hợp 2024.",
    ]);
    expect(rows[3][6]).toBe("Không");
    expect(rows[3][7]).toBe("không đọc được tệp: Tệp không phải là bảng tính Excel (.xlsx).");
  });

  it("speaks English on request, leaving the official form in Vietnamese", async () => {
    const wb = await load(await writeConsolidatedReport(sampleConsolidation(), { lang: "en" }));
    expect(sheet(wb, "Tổng hợp").getCell("A7").value).toBe("Số đơn vị tổng hợp: 2/4");
    const byAgency = sheet(wb, "Theo đơn vị");
    expect(byAgency.getCell("M6").value).toBe("Consolidated");
    expect(byAgency.getCell("E4").value).toBe("Training (people) (row 01)");
    const checks = sheet(wb, "Kiểm tra");
    let msg: unknown;
    checks.eachRow((row) => {
      if (row.getCell(9).value === "sum.columns") msg = row.getCell(11).value;
    });
    expect(msg).toBe("Plan total (column 1) differs from columns 2+3+4+5: 49 ≠ 42");
    expect(sheet(wb, "Nguồn").getCell("G4").value).toBe("Yes");
  });

  it("never turns input text into a formula anywhere in the workbook", async () => {
    const files = unzipSync(await writeConsolidatedReport(sampleConsolidation()));
    for (const [name, data] of Object.entries(files)) {
      if (!name.startsWith("xl/worksheets/sheet")) continue;
      const formulas = [...strFromU8(data).matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
      for (const f of formulas) expect(f, name).toMatch(/^(SUM|SUMIF|IF|[A-T]\d)/);
      expect(formulas.join(" ")).not.toMatch(/HYPERLINK|evil/);
    }
  });

  it("copes with an empty consolidation", async () => {
    const wb = await load(
      await writeConsolidatedReport({
        form: null,
        definition: null,
        year: null,
        province: "UBND TỈNH LẠNG SƠN",
        included: 0,
        excluded: 0,
        expected: null,
        missing: [],
        sources: [],
        rows: {},
        totals: {},
        findings: [],
      }),
    );
    expect(sheet(wb, "Tổng hợp").getCell("A7").value).toBe("Số đơn vị tổng hợp: 0/0");
    expect(sheet(wb, "Tổng hợp").getCell("A4").value).toMatch(/NĂM …$/);
    expect(sheet(wb, "Kiểm tra").getCell("A4").value).toBe("Không có phát hiện nào.");
    expect(sheet(wb, "Theo đơn vị").getCell("A7").value).toBe("Tổng cộng (các đơn vị đã tổng hợp)");
  });
});
