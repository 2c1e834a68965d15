/**
 * The lean reader against the exceljs reference, cell for cell, on the fixtures and on
 * workbooks written here by exceljs, LibreOffice and openpyxl. (How much faster it reads is
 * the benchmark's to measure: npm run bench.)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { address, getCell, type Cell, type Sheet, type WorkbookGrid } from "../src/core/grid.js";
import { readWorkbook } from "../src/io/read.js";
import { readWorkbookWithExceljs } from "../src/io/read-exceljs.js";
import { FIXTURE_FILES, TRUTH, fixtureBytes } from "./helpers/fixtures";
import { requireSoffice } from "./helpers/libreoffice";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "dtbd-read-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function comparable(cell: Cell | undefined) {
  if (!cell) return undefined;
  return {
    value: typeof cell.value === "number" ? Number(cell.value.toPrecision(12)) : cell.value,
    formula: cell.formula,
    error: cell.error,
    noCachedValue: !!cell.noCachedValue,
    numFmt: cell.numFmt,
    font: cell.font,
  };
}

const mergeKey = (s: Sheet) => s.merges.map((m) => `${address(m.top, m.left)}:${address(m.bottom, m.right)}`).sort();

/** Every difference between two grids, as readable lines ([] when equal). */
function differences(lean: WorkbookGrid, ref: WorkbookGrid): string[] {
  const out: string[] = [];
  const names = (g: WorkbookGrid) => g.sheets.map((s) => `${s.name}${s.hidden ? " (hidden)" : ""}`);
  if (names(lean).join("|") !== names(ref).join("|")) out.push(`sheets ${names(lean)} vs ${names(ref)}`);
  lean.sheets.forEach((a, i) => {
    const b = ref.sheets[i];
    if (!b) return;
    if (mergeKey(a).join() !== mergeKey(b).join()) out.push(`${a.name} merges ${mergeKey(a)} vs ${mergeKey(b)}`);
    const rows = Math.max(a.rows.length, b.rows.length);
    for (let r = 1; r <= rows; r++) {
      const cols = Math.max(a.rows[r - 1]?.length ?? 0, b.rows[r - 1]?.length ?? 0);
      for (let c = 1; c <= cols; c++) {
        const x = JSON.stringify(comparable(getCell(a, r, c)));
        const y = JSON.stringify(comparable(getCell(b, r, c)));
        if (x !== y) out.push(`${a.name}!${address(r, c)} lean ${x} vs exceljs ${y}`);
      }
    }
  });
  return out;
}

async function bothReaders(bytes: Uint8Array) {
  const lean = await readWorkbook(bytes);
  const ref = await readWorkbookWithExceljs(bytes);
  expect(lean.findings).toEqual([]);
  expect(ref.findings).toEqual([]);
  return { lean: lean.grid!, ref: ref.grid! };
}

const countCells = (g: WorkbookGrid) =>
  g.sheets.reduce((n, s) => n + s.rows.reduce((m, row) => m + (row?.filter(Boolean).length ?? 0), 0), 0);

describe("fixtures: lean reader = exceljs reader", () => {
  it.each(FIXTURE_FILES)("%s", async (name) => {
    const { lean, ref } = await bothReaders(fixtureBytes(name));
    expect(differences(lean, ref)).toEqual([]);
    // Every text cell, the 14 number columns of the 40 rows, and the rate where there is a plan.
    const truth = TRUTH[name];
    const rates = Object.values(truth.totals).filter((t) => t.plan > 0).length;
    expect(countCells(lean)).toBe(Object.keys(truth.texts).length + 14 * 40 + rates);
  });

  it("openpyxl-clean.xlsx: title merged A4:T4, attainment rate formatted 0.0%", async () => {
    const { grid } = await readWorkbook(fixtureBytes("openpyxl-clean.xlsx"));
    const sheet = grid!.sheets[0];
    expect(sheet.name).toBe("01-DTBD");
    expect(sheet.merges).toContainEqual({ top: 4, left: 1, bottom: 4, right: 20 });
    expect(getCell(sheet, 4, 1)?.value).toBe(TRUTH["openpyxl-clean.xlsx"].texts.A4);
    expect(getCell(sheet, 11, 17)).toMatchObject({ value: TRUTH["openpyxl-clean.xlsx"].rows["01"]["13"], numFmt: "0.0%" });
    expect(getCell(sheet, 5, 9)?.value).toBe("000.00.31.H39");
  });

  it("tcvn3-vntime.xlsx: legacy fonts are kept per cell", async () => {
    const { grid } = await readWorkbook(fixtureBytes("tcvn3-vntime.xlsx"));
    const sheet = grid!.sheets[0];
    expect(getCell(sheet, 11, 2)).toEqual({ value: "®µo t¹o", font: ".VnTimeH" });
    expect(getCell(sheet, 11, 4)).toEqual({ value: "Ng\u00adêi", font: ".VnTime" });
    expect(getCell(sheet, 11, 5)).toMatchObject({ value: TRUTH["tcvn3-vntime.xlsx"].totals["01"].plan, font: "Calibri" });
  });

  it("vni-times.xlsx and libreoffice-clean.xlsx: fonts and shared strings", async () => {
    const vni = (await readWorkbook(fixtureBytes("vni-times.xlsx"))).grid!.sheets[0];
    expect(getCell(vni, 11, 2)).toEqual({ value: "ÑAØO TAÏO", font: "VNI-Times" });
    const lo = (await readWorkbook(fixtureBytes("libreoffice-clean.xlsx"))).grid!.sheets[0];
    expect(getCell(lo, 5, 9)?.value).toBe("000.00.32.H39");
    expect(getCell(lo, 11, 2)?.value).toBe("ĐÀO TẠO");
  });
});

describe("workbooks written by exceljs", () => {
  /** The same content through the document writer (shared strings) or the streaming writer (inline strings). */
  async function build(streaming: boolean): Promise<Uint8Array> {
    const file = join(tmp, `exceljs-${streaming}.xlsx`);
    const wb = streaming
      ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true })
      : new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Biểu 01");
    ws.getCell("A1").value = "Kế hoạch đào tạo";
    ws.mergeCells("A1:D1");
    ws.getCell("A2").value = 5;
    ws.getCell("B2").value = 7;
    ws.getCell("A3").value = 6;
    ws.getCell("A4").value = 8;
    ws.getCell("C2").value = { formula: "A2+B2", result: 12 };
    ws.getCell("D2").value = { formula: "SUM(A2:C2)" } as ExcelJS.CellFormulaValue;
    ws.getCell("E2").value = { formula: "A2*2+$B$2", result: 17, shareType: "shared", ref: "E2:E4" } as unknown as ExcelJS.CellSharedFormulaValue;
    ws.getCell("E3").value = { sharedFormula: "E2", result: 19 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("E4").value = { sharedFormula: "E2" } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("F2").value = { richText: [{ text: "§µo ", font: { name: ".VnTime" } }, { text: "t¹o", font: { bold: true, name: ".VnTime" } }] };
    ws.getCell("G2").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    ws.getCell("G3").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    ws.getCell("H2").value = 0.957;
    ws.getCell("H2").numFmt = "0.0%";
    ws.getCell("H3").value = 0.25;
    ws.getCell("H3").numFmt = "0%";
    ws.getCell("H4").value = 1234.5;
    ws.getCell("H4").numFmt = "#,##0.00";
    ws.getCell("I2").value = true;
    ws.getCell("I3").value = false;
    ws.getCell("J2").value = new Date(Date.UTC(2024, 0, 15));
    ws.getCell("K2").value = 'a & b < c > "d" \'e\'';
    ws.getCell("K3").value = "dòng 1\ndòng 2";
    ws.getCell("K4").value = { formula: 'IF(A2>1,"lớn","nhỏ")', result: "lớn" };
    ws.getCell("L2").value = "Times";
    ws.getCell("L2").font = { name: "Times New Roman", size: 13 };
    const hidden = wb.addWorksheet("Ẩn", { state: "hidden" });
    hidden.getCell("B2").value = "bí mật";
    const empty = wb.addWorksheet("Trống");
    if (wb instanceof ExcelJS.stream.xlsx.WorkbookWriter) {
      for (const sheet of [ws, hidden, empty]) (sheet as unknown as { commit(): void }).commit();
      await wb.commit();
      const bytes = readFileSync(file);
      expect(strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"])).toMatch(/t="inlineStr"/);
      return bytes;
    }
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it.each([false, true])("streaming writer=%s: same grid as exceljs, every feature read", async (streaming) => {
    const { lean, ref } = await bothReaders(await build(streaming));
    expect(differences(lean, ref)).toEqual([]);
    const [form, hidden, empty] = lean.sheets;
    expect(lean.sheets.map((s) => s.name)).toEqual(["Biểu 01", "Ẩn", "Trống"]);
    expect([form.hidden, hidden.hidden, empty.hidden]).toEqual([undefined, true, undefined]);
    expect(empty.rows).toEqual([]);
    expect(form.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 4 }]);
    const at = (a: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a)!;
      return getCell(form, Number(m[2]), m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0));
    };
    expect(at("C2")).toMatchObject({ value: 12, formula: "A2+B2" });
    expect(at("C2")?.noCachedValue).toBeUndefined();
    expect(at("D2")).toMatchObject({ value: null, formula: "SUM(A2:C2)", noCachedValue: true });
    expect(at("E2")).toMatchObject({ value: 17, formula: "A2*2+$B$2" });
    expect(at("E3")).toMatchObject({ value: 19, formula: "A3*2+$B$2" });
    expect(at("E4")).toMatchObject({ value: null, formula: "A4*2+$B$2", noCachedValue: true });
    expect(at("F2")).toMatchObject({ value: "§µo t¹o", font: ".VnTime" });
    expect(at("G2")).toMatchObject({ value: null, error: "#REF!" });
    expect(at("G3")).toMatchObject({ value: null, error: "#DIV/0!", formula: "1/0" });
    expect(at("H2")?.numFmt).toBe("0.0%");
    expect(at("H3")?.numFmt).toBe("0%");
    expect(at("H4")?.numFmt).toBe("#,##0.00");
    expect([at("I2")?.value, at("I3")?.value]).toEqual([true, false]);
    expect(at("J2")?.value).toBeCloseTo(45306, 6); // 2024-01-15 as an Excel serial date
    expect(at("K2")?.value).toBe('a & b < c > "d" \'e\'');
    expect(at("K3")?.value).toBe("dòng 1\ndòng 2");
    expect(at("K4")).toMatchObject({ value: "lớn", formula: 'IF(A2>1,"lớn","nhỏ")' });
    expect(at("L2")?.font).toBe("Times New Roman");
    expect(getCell(hidden, 2, 2)?.value).toBe("bí mật");
  });
});

describe("workbooks written by LibreOffice", () => {
  it("formulas with cached results, errors, percent format, legacy font, merged title, hidden sheet", async () => {
    const soffice = requireSoffice();
    const fods = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls><style:font-face style:name=".VnTime" svg:font-family=".VnTime"/></office:font-face-decls>
<office:automatic-styles>
<number:percentage-style style:name="N1"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell"><style:text-properties style:font-name=".VnTime"/></style:style>
<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="Biểu">
<table:table-row><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="1" office:value-type="string"><text:p>KẾ HOẠCH &amp; KẾT QUẢ</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="5"/><table:table-cell office:value-type="float" office:value="7"/><table:table-cell table:formula="of:=[.A2]+[.B2]" office:value-type="float" office:value="12"/><table:table-cell table:formula="of:=[.A2]/0" office:value-type="float" office:value="0"/></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="6"/><table:table-cell office:value-type="float" office:value="8"/><table:table-cell table:formula="of:=[.A3]+[.B3]" office:value-type="float" office:value="14"/><table:table-cell table:style-name="ce1" office:value-type="percentage" office:value="0.957"/></table:table-row>
<table:table-row><table:table-cell table:style-name="ce2" office:value-type="string"><text:p>§µo t¹o</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Người</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="Ẩn" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document>`;
    const src = join(tmp, "lo.fods");
    writeFileSync(src, fods);
    execFileSync(soffice, [`-env:UserInstallation=file://${join(tmp, "lo-profile")}`, "--headless", "--convert-to", "xlsx", "--outdir", tmp, src], {
      stdio: "ignore",
      timeout: 90_000,
    });
    const { lean, ref } = await bothReaders(readFileSync(join(tmp, "lo.xlsx")));
    expect(differences(lean, ref)).toEqual([]);
    const [form, hidden] = lean.sheets;
    expect(form.name).toBe("Biểu");
    expect(hidden).toMatchObject({ name: "Ẩn", hidden: true });
    expect(form.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 3 }]);
    expect(getCell(form, 1, 1)?.value).toBe("KẾ HOẠCH & KẾT QUẢ");
    expect(getCell(form, 2, 3)).toMatchObject({ value: 12, formula: "A2+B2" });
    expect(getCell(form, 3, 3)).toMatchObject({ value: 14, formula: "A3+B3" });
    expect(getCell(form, 2, 4)).toMatchObject({ error: "#DIV/0!", formula: "A2/0" });
    expect(getCell(form, 3, 4)).toMatchObject({ value: 0.957, numFmt: "0.0%" });
    expect(getCell(form, 4, 1)).toMatchObject({ value: "§µo t¹o", font: ".VnTime" });
  });
});

describe("workbooks written by openpyxl", () => {
  it("formulas without cached values are marked noCachedValue", async () => {
    const out = join(tmp, "openpyxl.xlsx");
    const script = `
import sys, openpyxl
from openpyxl.styles import Font
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Biểu 01"
ws["A1"] = "KẾ HOẠCH"
ws.merge_cells("A1:D1")
ws["A2"] = 5
ws["B2"] = 7
ws["C2"] = "=A2+B2"
ws["D2"] = '=IF(C2>10,"lớn","nhỏ")'
ws["E2"] = 0.957
ws["E2"].number_format = "0.0%"
ws["F2"] = "§µo t¹o"
ws["F2"].font = Font(name=".VnTimeH", bold=True)
ws["G2"] = "=SUM(A2:A9)/0"
hidden = wb.create_sheet("Ẩn")
hidden.sheet_state = "hidden"
hidden["A1"] = 1
wb.save(sys.argv[1])
`;
    execFileSync("/usr/bin/python3", ["-c", script, out], { timeout: 60_000 });
    const { lean, ref } = await bothReaders(readFileSync(out));
    expect(differences(lean, ref)).toEqual([]);
    const form = lean.sheets[0];
    expect(lean.sheets[1]).toMatchObject({ name: "Ẩn", hidden: true });
    expect(form.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 4 }]);
    expect(getCell(form, 2, 3)).toMatchObject({ value: null, formula: "A2+B2", noCachedValue: true });
    expect(getCell(form, 2, 4)).toMatchObject({ value: null, formula: 'IF(C2>10,"lớn","nhỏ")', noCachedValue: true });
    expect(getCell(form, 2, 7)).toMatchObject({ formula: "SUM(A2:A9)/0", noCachedValue: true });
    expect(getCell(form, 2, 5)).toMatchObject({ value: 0.957, numFmt: "0.0%" });
    expect(getCell(form, 2, 6)).toMatchObject({ value: "§µo t¹o", font: ".VnTimeH" });
  });
});
