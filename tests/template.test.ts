import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { FORM01_COLUMNS, FORM01_LAYOUT, FORM01_ROWS } from "../src/core/form01";
import { inspectWorkbook } from "../src/io/inspect";
import { TEMPLATE_SHEET_NAME, parseColumnRule, placeFromManagingBody, writeTemplate } from "../src/io/template";
import { form01Rows } from "./helpers/form01-oracle";

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(TEMPLATE_SHEET_NAME);
  if (!ws) throw new Error("sheet missing");
  return ws;
}

const FIRST = FORM01_LAYOUT.firstBodyRow;
const rowOf = (code: string): number => FIRST + FORM01_ROWS.findIndex((r) => r.code === code);
const colOf = (code: string): number => FORM01_COLUMNS.findIndex((c) => c.code === code) + 1;
const letter = (code: string): string => String.fromCharCode(64 + colOf(code));

/** Rows a sum formula such as "F12+F19" or "SUM(F13:F18)+F25" refers to, in one column. */
function referencedRows(formula: string, col: string): number[] {
  const rows: number[] = [];
  const re = new RegExp(`${col}(\\d+)(?::${col}(\\d+))?`, "g");
  for (const m of formula.matchAll(re)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let r = from; r <= to; r++) rows.push(r);
  }
  return rows.sort((a, b) => a - b);
}

function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value as ExcelJS.CellFormulaValue | null;
  return v && typeof v === "object" && "formula" in v ? v.formula : undefined;
}

/** The cached result (exceljs drops a 0 result from `value` but keeps it in `result`). */
function resultOf(cell: ExcelJS.Cell): unknown {
  return formulaOf(cell) !== undefined ? cell.result : cell.value;
}

const leafCols = FORM01_COLUMNS.filter((c) => ["headcount", "money"].includes(c.kind) && !c.codeText.includes("="));
const parents = FORM01_ROWS.filter((r) => r.children.length > 0);
const leaves = FORM01_ROWS.filter((r) => r.children.length === 0);

describe("form 01/ĐTBD template", () => {
  it("writes the header block of the specification", async () => {
    const ws = await load(
      await writeTemplate({ year: 2024, agencyName: "Sở Tài chính", agencyCode: "000.00.12.H39" }),
    );
    expect(ws.getCell("A1").value).toBe("UBND TỈNH LẠNG SƠN");
    expect(ws.getCell("A2").value).toBe("SỞ TÀI CHÍNH");
    expect(ws.getCell("H1").value).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(ws.getCell("H2").value).toBe("Độc lập - Tự do - Hạnh phúc");
    expect(ws.getCell("R1").value).toBe("Biểu số: 01/ĐTBD");
    expect(ws.getCell("A4").value).toBe(
      "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2024",
    );
    expect(ws.getCell("A5").value).toBe("Đơn vị báo cáo: Sở Tài chính");
    expect(ws.getCell("H5").value).toBe("Mã định danh:");
    expect(ws.getCell("I5").value).toBe("000.00.12.H39");
    expect(ws.getCell("A6").value).toBe("Đơn vị tính: Đào tạo: người; Bồi dưỡng: lượt người; Kinh phí: triệu đồng");
    expect(ws.model.merges).toContain("A4:T4");
    expect(ws.getCell("A4").font.bold).toBe(true);
  });

  it("names the period in the title of a period plan", async () => {
    const ws = await load(await writeTemplate({ period: { from: 2021, to: 2025 }, agencyName: "Sở Nội vụ" }));
    expect(ws.getCell("A4").value).toBe(
      "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC GIAI ĐOẠN 2021 - 2025",
    );
  });

  it("writes the two-level column header, its merges and the code row", async () => {
    const ws = await load(await writeTemplate({ year: 2024 }));
    const merges = ws.model.merges;
    for (const m of ["A8:A9", "B8:B9", "C8:C9", "D8:D9", "E8:I8", "J8:P8", "Q8:Q9", "R8:S8", "T8:T9"]) {
      expect(merges).toContain(m);
    }
    expect(ws.getCell("E8").value).toBe("Kế hoạch năm");
    expect(ws.getCell("J8").value).toBe("Thực hiện");
    expect(ws.getCell("R8").value).toBe("Kinh phí (triệu đồng)");
    expect(ws.getCell("Q8").value).toBe("Tỷ lệ thực hiện (%)");
    expect(ws.getCell("P9").value).toBe("Trong đó: Người dân tộc thiểu số");
    FORM01_COLUMNS.forEach((col, i) => {
      expect(ws.getCell(FORM01_LAYOUT.codeRow, i + 1).value).toBe(col.codeText);
      if (col.group) expect(ws.getCell(FORM01_LAYOUT.headerRow2, i + 1).value).toBe(col.label);
      expect(ws.getColumn(i + 1).width ?? ws.properties.defaultColWidth).toBe(col.width);
      const header = ws.getCell(FORM01_LAYOUT.headerRow1, i + 1);
      expect(header.alignment.wrapText).toBe(true);
      expect(header.border.top?.style).toBe("thin");
    });
    expect(ws.getCell("E10").value).toBe("1=2+3+4+5");
    expect(ws.getCell("Q10").value).toBe("13=6/1");
  });

  it("lists every catalogue row with TT, label, Mã số as text and unit", async () => {
    const ws = await load(await writeTemplate({ year: 2024 }));
    for (const row of FORM01_ROWS) {
      const r = rowOf(row.code);
      expect(ws.getCell(r, 1).value).toBe(row.tt);
      expect(ws.getCell(r, 2).value).toBe(row.label);
      expect(ws.getCell(r, 3).value).toBe(row.code);
      expect(ws.getCell(r, 3).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(r, 4).value).toBe(row.unit);
      expect(Boolean(ws.getCell(r, 2).font.bold)).toBe(row.children.length > 0 || ["01", "14"].includes(row.code));
      expect(ws.getCell(r, 2).font.name).toBe("Times New Roman");
    }
    expect(ws.getCell("C11").value).toBe("01");
    expect(ws.getCell(rowOf("40"), 3).value).toBe("40");
    expect(ws.getCell(rowOf("40") + 1, 3).value).toBeNull();
  });

  it("uses row total formulas, parent sums of exactly the child rows and a division-safe rate", async () => {
    const ws = await load(await writeTemplate({ year: 2024 }));
    for (const row of FORM01_ROWS) {
      const r = rowOf(row.code);
      expect(formulaOf(ws.getCell(`${letter("1")}${r}`))).toBe(`SUM(F${r}:I${r})`);
      expect(formulaOf(ws.getCell(`${letter("6")}${r}`))).toBe(`SUM(K${r}:N${r})`);
      expect(formulaOf(ws.getCell(`${letter("13")}${r}`))).toBe(`IF(E${r}>0,J${r}/E${r},"")`);
    }
    for (const parent of parents) {
      const r = rowOf(parent.code);
      const childRows = parent.children.map(rowOf).sort((a, b) => a - b);
      for (const col of leafCols) {
        const f = formulaOf(ws.getCell(`${letter(col.code)}${r}`));
        expect(f, `${parent.code}/${col.code}`).toBeDefined();
        expect(referencedRows(f!, letter(col.code))).toEqual(childRows);
      }
    }
    expect(formulaOf(ws.getCell("F11"))).toBe("F12+F19");
    expect(formulaOf(ws.getCell("F12"))).toBe("SUM(F13:F18)");
  });

  it("leaves leaf cells blank in a blank template, with cached zero totals", async () => {
    const ws = await load(await writeTemplate({ year: 2024 }));
    for (const leaf of leaves) {
      for (const col of leafCols) expect(ws.getCell(`${letter(col.code)}${rowOf(leaf.code)}`).value).toBeNull();
      expect(resultOf(ws.getCell(`E${rowOf(leaf.code)}`))).toBe(0);
    }
    expect(resultOf(ws.getCell("F11"))).toBe(0);
    // exceljs reads an empty cached string back as "no result"; what matters is no #DIV/0!.
    expect(resultOf(ws.getCell("Q11")) ?? "").toBe("");
  });

  it("writes entered values and caches every formula's result", async () => {
    const values = {
      "03": { "2": 5, "3": 1, "7": 4, "8": 2, "11": 3, "14": 10.5, "15": 9.25 },
      "10": { "4": 2, "9": 1 },
      "16": { "2": 3, "7": 4, "14": 1.2 },
      "29": { "5": 10, "10": 8 },
    };
    const ws = await load(await writeTemplate({ year: 2024, agencyName: "Sở Y tế", values }));
    expect(ws.getCell("F13").value).toBe(5);
    expect(ws.getCell("R13").value).toBe(10.5);
    expect(resultOf(ws.getCell("E13"))).toBe(6);
    expect(resultOf(ws.getCell("J13"))).toBe(6);
    expect(resultOf(ws.getCell("Q13"))).toBe(1);
    expect(resultOf(ws.getCell(`E${rowOf("01")}`))).toBe(8);
    expect(resultOf(ws.getCell(`J${rowOf("01")}`))).toBe(7);
    expect(resultOf(ws.getCell(`Q${rowOf("01")}`))).toBeCloseTo(7 / 8, 12);
    expect(resultOf(ws.getCell(`R${rowOf("01")}`))).toBe(10.5);
    expect(resultOf(ws.getCell(`E${rowOf("14")}`))).toBe(13);
    expect(resultOf(ws.getCell(`J${rowOf("14")}`))).toBe(12);
    expect(resultOf(ws.getCell(`E${rowOf("28")}`))).toBe(10);
    expect(resultOf(ws.getCell(`R${rowOf("14")}`))).toBe(1.2);
    // Every cached result agrees with the form's sums worked out by hand (helpers/form01-oracle.ts).
    const byHand = form01Rows(values);
    let formulas = 0;
    for (const row of FORM01_ROWS) {
      for (const col of FORM01_COLUMNS.filter((c) => ["headcount", "money", "rate"].includes(c.kind))) {
        const cell = ws.getCell(`${letter(col.code)}${rowOf(row.code)}`);
        if (!formulaOf(cell)) continue;
        formulas++;
        const where = `${row.code}/${col.code}`;
        if (col.code === "13" && byHand[row.code]["1"] === 0) expect(resultOf(cell) ?? "", where).toBe("");
        else expect(resultOf(cell), where).toBeCloseTo(byHand[row.code][col.code], 12);
      }
    }
    // 1, 6 and 13 on all 40 rows, and the 12 typed columns on the 7 parent rows.
    expect(formulas).toBe(40 * 3 + 7 * 12);
  });

  it("applies number formats per column kind", async () => {
    const ws = await load(await writeTemplate({ year: 2024 }));
    for (const r of [rowOf("01"), rowOf("03"), rowOf("40")]) {
      expect(ws.getCell(`E${r}`).numFmt).toBe("#,##0");
      expect(ws.getCell(`P${r}`).numFmt).toBe("#,##0");
      expect(ws.getCell(`Q${r}`).numFmt).toBe("0.0%");
      expect(ws.getCell(`R${r}`).numFmt).toBe("#,##0.0");
      expect(ws.getCell(`S${r}`).numFmt).toBe("#,##0.0");
    }
  });

  it("limits the unit list validation to the body rows", async () => {
    const ws = await load(await writeTemplate({ year: 2024 }));
    const last = rowOf("40");
    for (const r of [FIRST, rowOf("20"), last]) {
      const dv = ws.getCell(`D${r}`).dataValidation;
      expect(dv?.type).toBe("list");
      expect(dv?.formulae).toEqual(['"Người,Lượt người"']);
    }
    expect(ws.getCell(`D${FIRST - 1}`).dataValidation).toBeUndefined();
    expect(ws.getCell(`D${last + 1}`).dataValidation).toBeUndefined();
    expect(ws.getCell(`E${FIRST}`).dataValidation).toBeUndefined();
  });

  it("freezes panes below the code row and right of column D, and prints A4 landscape", async () => {
    const ws = await load(await writeTemplate({ year: 2024 }));
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    expect(view.state).toBe("frozen");
    expect(view.xSplit).toBe(4);
    expect(view.ySplit).toBe(FORM01_LAYOUT.codeRow);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe("8:10");
  });

  it("ends with the signature footer", async () => {
    const ws = await load(await writeTemplate({ year: 2024 }));
    const texts: string[] = [];
    ws.eachRow((row, r) => {
      if (r > rowOf("40")) row.eachCell((c) => texts.push(String(c.value)));
    });
    expect(texts).toContain("Lạng Sơn, ngày … tháng … năm …");
    expect(texts).toContain("NGƯỜI LẬP BIỂU");
    expect(texts).toContain("THỦ TRƯỞNG ĐƠN VỊ");
    // The row right after the body stays empty so readers see where the table ends.
    expect(ws.getRow(rowOf("40") + 1).cellCount).toBe(0);
  });

  it("keeps input text that looks like a formula as text", async () => {
    const bytes = await writeTemplate({
      year: 2024,
      agencyName: '=HYPERLINK("http://evil.example","x")',
      agencyCode: "+1+2",
      managingBody: "@SUM(1)",
      place: "-2+3",
    });
    const ws = await load(bytes);
    expect(ws.getCell("A2").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("A2").value).toBe('=HYPERLINK("HTTP://EVIL.EXAMPLE","X")');
    expect(ws.getCell("A5").value).toBe('Đơn vị báo cáo: =HYPERLINK("http://evil.example","x")');
    expect(ws.getCell("I5").value).toBe("+1+2");
    expect(ws.getCell("I5").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("A1").value).toBe("@SUM(1)");
    const xml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    const formulas = [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
    expect(formulas.length).toBeGreaterThan(100);
    for (const f of formulas) expect(f).toMatch(/^(SUM|IF|[A-T]\d)/);
    expect(formulas.join(" ")).not.toMatch(/HYPERLINK|http/i);
  });
});

describe("template read back by the core", () => {
  it("a blank template with agency and year gives zero findings", async () => {
    const report = await inspectWorkbook(
      "mau.xlsx",
      await writeTemplate({ year: 2024, agencyName: "Sở Tài chính", agencyCode: "000.00.12.H39" }),
    );
    expect(report.result.findings).toEqual([]);
    expect(report.result.form).toBe("01/ĐTBD");
    expect(report.result.year).toBe(2024);
    expect(report.result.agency).toEqual({ code: "000.00.12.H39", name: "Sở Tài chính" });
    expect(report.result.totals["01"]).toEqual({ plan: 0, actual: 0, rate: null });
  });

  it("a period plan reads back as a period plan with zero findings", async () => {
    const report = await inspectWorkbook(
      "ke-hoach.xlsx",
      await writeTemplate({ period: { from: 2021, to: 2025 }, agencyName: "Sở Nội vụ", agencyCode: "000.00.13.H39" }),
    );
    expect(report.result.period).toEqual({ from: 2021, to: 2025 });
    expect(report.result.findings).toEqual([]);
  });

  it("a filled template gives zero findings and the rows and totals summed by hand", async () => {
    const values = {
      "03": { "2": 5, "3": 1, "7": 4, "8": 2, "11": 3, "12": 1, "14": 10.5, "15": 9.25 },
      "12": { "5": 7, "10": 9, "11": 4 },
      "21": { "3": 30, "8": 25, "14": 12.3, "15": 11.1 },
      "31": { "2": 2, "7": 2 },
    };
    const report = await inspectWorkbook("sotc.xlsx", await writeTemplate({ year: 2025, agencyName: "Sở Tài chính", agencyCode: "000.00.12.H39", values }));
    expect(report.result.findings).toEqual([]);
    const byHand = form01Rows(values);
    for (const row of FORM01_ROWS) {
      for (const [col, value] of Object.entries(byHand[row.code])) expect(report.result.rows[row.code][col], `${row.code}/${col}`).toBeCloseTo(value, 9);
    }
    expect(report.result.totals["01"].plan).toBe(13);
    expect(report.result.totals["01"].actual).toBe(15);
    expect(report.result.totals["14"].plan).toBe(32);
  });
});

describe("template helpers", () => {
  it("parses the code row's rules", () => {
    expect(parseColumnRule("1=2+3+4+5")).toEqual({ target: "1", op: "sum", operands: ["2", "3", "4", "5"] });
    expect(parseColumnRule("6=(7+8+9+10)")).toEqual({ target: "6", op: "sum", operands: ["7", "8", "9", "10"] });
    expect(parseColumnRule("13=6/1")).toEqual({ target: "13", op: "ratio", operands: ["6", "1"] });
    expect(parseColumnRule("14")).toBeNull();
    expect(parseColumnRule("E")).toBeNull();
  });

  it("derives the footer's place from the managing body", () => {
    expect(placeFromManagingBody("UBND TỈNH LẠNG SƠN")).toBe("Lạng Sơn");
    expect(placeFromManagingBody("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG")).toBe("Cao Bằng");
    expect(placeFromManagingBody("BỘ NỘI VỤ")).toBeNull();
  });
});
