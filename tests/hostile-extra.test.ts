/**
 * Hostile and odd workbooks that tests/hostile.test.ts does not cover: files shaped to make
 * the reader or the checks do quadratic or exponential work (far-right cells, thousands of
 * sheets, hundreds of thousands of merges, formulas summing each other), DTDs outside the
 * worksheets, relationships pointing out of the package, and a real form dressed the way
 * agencies dress it (hundreds of styles, merged header, hidden rows and columns). Each must
 * finish without hanging, in bounded memory (measured in a fresh process: measureInChild),
 * with a clear finding or a correct result.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { getCell, setCell } from "../src/core/grid";
import { validateGrid } from "../src/core/validate";
import { inspectWorkbook } from "../src/io/inspect";
import { readWorkbook } from "../src/io/read";
import { form01Rows } from "./helpers/form01-oracle";
import { filledForm, filledValues } from "./helpers/forms";
import { HANG_MS, type ReadOp, measureInChild, rawWorkbook, row, timed } from "./helpers/hostile-files";

const tmp = mkdtempSync(join(tmpdir(), "dtbd-hostile-extra-"));
let written = 0;
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Peak memory growth of reading the bytes once more in a fresh process (as a file, as the CLI reads). */
async function peakInChild(bytes: Uint8Array, op: ReadOp): Promise<number> {
  const file = join(tmp, `${++written}.xlsx`);
  writeFileSync(file, bytes);
  return (await measureInChild(file, op)).peakGrowthMiB;
}

async function inspect(bytes: Uint8Array) {
  return timed(() => inspectWorkbook("hostile.xlsx", bytes));
}

describe("a real form dressed as agencies dress it", () => {
  it("300+ styles, merges across the header block, hidden rows and columns: validates with the right totals", async () => {
    const values = filledValues(21);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await filledForm(values)) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    // 320 distinct cell formats: a fill colour and a font size per cell in the body and beside it.
    let n = 0;
    for (let r = 9; r <= 48 && n < 320; r++)
      for (let c = 1; c <= 24 && n < 320; c++, n++) {
        const cell = ws.getCell(r, c);
        // A fresh style object: exceljs shares one between the cells it loaded with the same format.
        cell.style = {
          ...cell.style,
          fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${(0x100000 + n * 2749).toString(16).slice(-6).toUpperCase()}` } },
          font: { name: "Times New Roman", size: 8 + (n % 9), bold: n % 2 === 0, italic: n % 3 === 0 },
        };
      }
    ws.mergeCells("A1:F1");
    ws.mergeCells("A2:F2");
    ws.mergeCells("H1:P1");
    ws.mergeCells("H2:P2");
    ws.getRow(12).hidden = true;
    ws.getRow(20).hidden = true;
    ws.getColumn(4).hidden = true;
    ws.getColumn(20).hidden = true;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const xfCount = Number(/<cellXfs count="(\d+)"/.exec(strFromU8(unzipSync(bytes)["xl/styles.xml"]))?.[1]);
    expect(xfCount).toBeGreaterThan(300);

    const cost = await inspect(bytes);
    const result = cost.value.result;
    expect(cost.ms).toBeLessThan(HANG_MS);
    expect(result.form).toBe("01/ĐTBD");
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    // The leaf values summed by hand (helpers/form01-oracle.ts).
    const expected = form01Rows(values);
    expect(Object.keys(result.totals).sort()).toEqual(Object.keys(expected).sort());
    for (const code of Object.keys(expected)) {
      expect(result.totals[code].plan, code).toBe(expected[code]["1"]);
      expect(result.totals[code].actual, code).toBe(expected[code]["6"]);
    }
  });
});

describe("shapes that make naive readers and checks slow", () => {
  it("a value in column XFD on every row of an extra sheet: the form is still found", async () => {
    const form = await readWorkbook(await filledForm(filledValues(3)));
    const extra = { name: "Ghi chú", rows: [], merges: [] };
    for (let r = 1; r <= 5000; r++) setCell(extra, r, 16384, { value: `ghi chú ${r}` });
    const cost = await timed(() => validateGrid({ sheets: [extra, ...form.grid!.sheets] }));
    expect(cost.ms).toBeLessThan(HANG_MS);
    expect(cost.value.form).toBe("01/ĐTBD");
  });

  it("a form-less sheet with a value in column XFD in its first 200 rows is rejected without hanging (took 60 s)", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i + 1, { XFD: `x${i}` })).join("");
    const cost = await inspect(rawWorkbook([{ name: "Rộng", rows }]));
    expect(cost.ms).toBeLessThan(HANG_MS);
    expect(cost.value.result.findings.map((f) => f.code)).toEqual(["form.not-found"]);
  });

  it("cells addressed beyond Excel's last column (AAAAAA5) are dropped, not allocated", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c r="AAAAAA${i + 1}"><v>1</v></c><c r="ZZZZZZ${i + 1}"><v>2</v></c></row>`).join("");
    const bytes = rawWorkbook([{ name: "Xa", rows }]);
    const cost = await timed(() => readWorkbook(bytes));
    expect(cost.ms).toBeLessThan(HANG_MS);
    expect(await peakInChild(bytes, "read")).toBeLessThan(100);
    expect(cost.value.grid!.sheets[0].rows.every((r) => !r || r.length <= 16384)).toBe(true);
  });

  it("2,000 sheets with a value in column IV of every row (2 MB zipped; ran out of memory): bounded", async () => {
    const sheetRows = Array.from({ length: 200 }, (_, i) => row(i + 1, { IV: 1 })).join("");
    const bytes = rawWorkbook(Array.from({ length: 2000 }, (_, i) => ({ name: `S${i + 1}`, rows: sheetRows })));
    expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
    const cost = await inspect(bytes);
    expect(cost.ms).toBeLessThan(HANG_MS);
    expect(await peakInChild(bytes, "inspect")).toBeLessThan(600);
    expect(cost.value.result.findings.map((f) => f.code)).toEqual(["form.not-found"]);
  });

  it("200,000 merged ranges (800 KB zipped; took 30 s): the header scan stays fast", async () => {
    const rows = Array.from({ length: 250 }, (_, i) => row(i + 1, { IV: 1 })).join("");
    const merges = Array.from({ length: 200_000 }, (_, i) => `<mergeCell ref="A${1000 + i}:B${1000 + i}"/>`).join("");
    const cost = await inspect(rawWorkbook([{ name: "Gộp", rows, merges }]));
    expect(cost.ms).toBeLessThan(HANG_MS);
    expect(cost.value.result.findings.map((f) => f.code)).toEqual(["form.not-found"]);
  });

  it("formulas without results that sum each other (a cycle; hung validation) finish with findings", async () => {
    const grid = (await readWorkbook(await filledForm(filledValues(5)))).grid!;
    const sheet = grid.sheets[0];
    for (let r = 11; r <= 14; r++) for (let c = 5; c <= 8; c++) setCell(sheet, r, c, { value: null, formula: "SUM(E11:H14)", noCachedValue: true });
    const cost = await timed(() => validateGrid(grid));
    expect(cost.ms).toBeLessThan(HANG_MS);
    expect(cost.value.form).toBe("01/ĐTBD");
    expect(cost.value.findings.some((f) => f.code === "cell.formula-no-value")).toBe(true);
  });

  it("row numbers that are negative, fractional, zero or absurd do not break the grid", async () => {
    const rows = ['<row r="-5"><c r="A1"><v>1</v></c></row>', '<row r="0.5"><c r="B1"><v>2</v></c></row>', '<row r="0"><c r="C1"><v>3</v></c></row>', '<row r="abc"><c r="D1"><v>4</v></c></row>', '<row r="99999999999"><c r="E1"><v>5</v></c></row>'].join("");
    const read = await readWorkbook(rawWorkbook([{ name: "Lạ", rows }]));
    const sheet = read.grid!.sheets[0];
    expect(Object.keys(sheet.rows).every((k) => /^\d+$/.test(k))).toBe(true);
    expect(getCell(sheet, 1, 1)?.value).toBe(1);
    expect(sheet.truncatedAtRow).toBe(99999999999);
    expect(validateGrid(read.grid!).findings.map((f) => f.code)).toEqual(["form.not-found"]);
  });
});

describe("package tricks outside the worksheets", () => {
  const SHEET = [{ name: "Biểu", rows: row(1, { A: "x" }) }];
  const doctype = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';

  it("a DTD in the workbook part, the styles or the relationships is refused as unsafe XML", async () => {
    const cases: Record<string, string> = {
      "xl/styles.xml": `${doctype}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/></cellXfs></styleSheet>`,
      "xl/sharedStrings.xml": `${doctype}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>`,
    };
    for (const [part, text] of Object.entries(cases)) {
      const cost = await timed(() => readWorkbook(rawWorkbook(SHEET, { [part]: text })));
      expect(cost.value.problem, part).toBe("unsafe-xml");
      expect(cost.value.findings[0].message.en).toContain(part);
    }
    const wb = rawWorkbook(SHEET);
    for (const part of ["xl/workbook.xml", "_rels/.rels", "xl/_rels/workbook.xml.rels"]) {
      const files = unzipSync(wb);
      files[part] = strToU8(strFromU8(files[part]).replace(/^<\?xml[^>]*\?>/, doctype));
      const read = await readWorkbook(zipSync(files));
      expect(read.problem, part).toBe("unsafe-xml");
      expect(read.findings).toHaveLength(1);
      expect(read.findings[0].code).toBe("file.unreadable");
    }
  });

  it("relationships that point out of the package or to the network read nothing from outside", async () => {
    for (const target of ["../../../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "http://evil.example/x.xml"]) {
      const files = unzipSync(rawWorkbook([{ name: "Biểu", rows: row(1, { A: "x" }) }]));
      files["xl/_rels/workbook.xml.rels"] = strToU8(
        strFromU8(files["xl/_rels/workbook.xml.rels"]).replace('Target="worksheets/sheet1.xml"', `Target="${target}"`),
      );
      const read = await readWorkbook(zipSync(files));
      expect(read.grid, target).not.toBeNull();
      expect(read.grid!.sheets[0].rows, target).toEqual([]);
    }
  });

  it("the workbook part is binary garbage: one clear finding", async () => {
    const files = unzipSync(rawWorkbook([{ name: "Biểu", rows: row(1, { A: "x" }) }]));
    files["xl/workbook.xml"] = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const report = (await inspect(zipSync(files))).value;
    expect(report.result.findings).toHaveLength(1);
    expect(report.result.findings[0].code).toBe("file.unreadable");
    expect(report.result.findings[0].message.en).toMatch(/damaged or incomplete.*\(the workbook lists no sheets\)$/);
  });

  it("one worksheet part listed as 3,000 sheets: reading stays bounded", async () => {
    const files = unzipSync(rawWorkbook([{ name: "A", rows: Array.from({ length: 300 }, (_, i) => row(i + 1, { A: i, B: "chữ", IV: 1 })).join("") }]));
    const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    files["xl/workbook.xml"] = strToU8(`<workbook ${NS}><sheets>${Array.from({ length: 3000 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId1"/>`).join("")}</sheets></workbook>`);
    const bytes = zipSync(files);
    const cost = await inspect(bytes);
    expect(cost.ms).toBeLessThan(HANG_MS);
    expect(await peakInChild(bytes, "inspect")).toBeLessThan(600);
    expect(cost.value.result.findings.map((f) => f.code)).toEqual(["form.not-found"]);
    expect(cost.value.result.findings[0].message.en).toContain("in 3000 sheet(s)");
  });
});
