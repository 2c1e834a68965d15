/**
 * The lean reader on hand-written package XML: the corners real writers use (namespace
 * prefixes, rows without `r`, phonetic runs, default fonts, UTF-16 parts, shared formulas
 * whose master comes late) and the formula shifting and entity decoding it relies on.
 */
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { columnLetter as colName, getCell, type Sheet } from "../src/core/grid.js";
import { readWorkbook } from "../src/io/read.js";
import { readWorkbookWithExceljs } from "../src/io/read-exceljs.js";
import { shiftFormula } from "../src/io/read-formula.js";
import { decodeCellText, decodeXml } from "../src/io/read-xml.js";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface SheetSpec {
  name: string;
  xml?: string;
  state?: string;
  type?: "worksheet" | "chartsheet";
}

interface BookSpec {
  sheets: SheetSpec[];
  styles?: string;
  sharedStrings?: string;
  workbookPath?: string;
  /** Raw bytes for a part instead of the sheet's text (e.g. UTF-16). */
  raw?: Record<string, Uint8Array>;
}

function xlsx(spec: BookSpec): Uint8Array {
  const wbPath = spec.workbookPath ?? "xl/workbook.xml";
  const dir = wbPath.slice(0, wbPath.lastIndexOf("/") + 1);
  const relsPath = `${dir}_rels/${wbPath.slice(dir.length)}.rels`;
  const parts: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "_rels/.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/${wbPath}"/></Relationships>`,
    ),
  };
  const rels: string[] = [];
  const sheets: string[] = [];
  spec.sheets.forEach((s, i) => {
    const kind = s.type ?? "worksheet";
    const target = `${kind}s/sheet${i + 1}.xml`;
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/${kind}" Target="${target}"/>`);
    sheets.push(`<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`);
    if (s.xml !== undefined) parts[dir + target] = strToU8(s.xml);
  });
  if (spec.styles) {
    rels.push(`<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`);
    parts[dir + "styles.xml"] = strToU8(spec.styles);
  }
  if (spec.sharedStrings) {
    rels.push(`<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
    parts[dir + "sharedStrings.xml"] = strToU8(spec.sharedStrings);
  }
  parts[wbPath] = strToU8(`<workbook ${NS}><sheets>${sheets.join("")}</sheets></workbook>`);
  parts[relsPath] = strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
  Object.assign(parts, spec.raw ?? {});
  return zipSync(parts);
}

const sheetXml = (rows: string, tail = "") => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData>${tail}</worksheet>`;

async function readSheets(bytes: Uint8Array, opts?: { maxRowsPerSheet?: number }): Promise<Sheet[]> {
  const r = await readWorkbook(bytes, opts);
  expect(r.findings).toEqual([]);
  return r.grid!.sheets;
}

describe("shiftFormula", () => {
  it.each([
    ["A1+B1", 1, 0, "A2+B2"],
    ["SUM(F11:I11)", 3, 0, "SUM(F14:I14)"],
    ["$A1*B$1+$C$1", 2, 2, "$A3*D$1+$C$1"],
    ["SUM(A:A)+SUM(1:1)", 1, 1, "SUM(B:B)+SUM(2:2)"],
    ["SUM($A:B)", 0, 1, "SUM($A:C)"],
    ['IF(A1>0,"A1 ok","B2")', 1, 0, 'IF(A2>0,"A1 ok","B2")'],
    ["'Kế hoạch 2024'!B5*2", 1, 0, "'Kế hoạch 2024'!B6*2"],
    ["Sheet1!A1+'It''s'!A1", 0, 1, "Sheet1!B1+'It''s'!B1"],
    ["LOG10(A1)+ATAN2(B1,C1)", 1, 0, "LOG10(A2)+ATAN2(B2,C2)"],
    ["Tbl1[Cột]+A1", 1, 0, "Tbl1[Cột]+A2"],
    ["A1-1.5E+3", 4, 0, "A5-1.5E+3"],
    ["#REF!+A1", 1, 0, "#REF!+A2"],
    ["A1", -1, 0, "#REF!"],
    ["XFD1+A1", 0, 1, "#REF!+B1"],
    ["ROUND(Q11*100,1)", 0, 0, "ROUND(Q11*100,1)"],
  ])("%s moved by (%i, %i) → %s", (formula, dRow, dCol, expected) => {
    expect(shiftFormula(formula, dRow, dCol)).toBe(expected);
  });
});

describe("XML text decoding", () => {
  it("decodes the five entities and character references, leaves unknown ones", () => {
    expect(decodeXml("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;")).toBe("a & b <c> \"d\" 'e'");
    expect(decodeXml("L&#7840;NG S&#416;N &#x110;")).toBe("LẠNG SƠN Đ");
    expect(decodeXml("&#128512;")).toBe("😀");
    expect(decodeXml("&lol9; &amp")).toBe("&lol9; &amp");
    expect(decodeXml("a\r\nb\rc")).toBe("a\nb\nc");
  });

  it("cell text also decodes OOXML _xHHHH_ escapes", () => {
    expect(decodeCellText("dòng 1_x000D_\ndòng 2")).toBe("dòng 1\r\ndòng 2");
    expect(decodeCellText("_x005F_x000D_")).toBe("_x000D_");
  });
});

describe("lean reader on hand-written packages", () => {
  const styles = `<styleSheet ${NS}>
<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.0&quot; người&quot;"/><numFmt numFmtId="165" formatCode="General"/></numFmts>
<fonts count="3"><font><sz val="12"/><name val=".VnTime"/></font><font><b/><name val="Times New Roman"/></font><font><sz val="11"/></font></fonts>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="1"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="9" fontId="1" xfId="0"/><xf numFmtId="10" fontId="1" xfId="0"/><xf numFmtId="164" fontId="1" xfId="0"><alignment wrapText="1" indent="2"/></xf><xf numFmtId="165" fontId="2" xfId="0"/><xf numFmtId="14" fontId="1"/></cellXfs>
<dxfs count="1"><dxf><font><name val="Arial"/></font></dxf></dxfs></styleSheet>`;

  it("number formats (built-in percent, custom, General), fonts, bold and indent, default font from xf 0", async () => {
    const rows =
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"><v>0.5</v></c><c r="C1" s="2"><v>0.957</v></c><c r="D1" s="3"><v>1234.5</v></c><c r="E1" s="4"><v>7</v></c><c r="F1" s="5"><v>45306</v></c><c r="G1" s="0"><v>2</v></c></row>';
    const bytes = xlsx({ sheets: [{ name: "S", xml: sheetXml(rows) }], styles });
    const [s] = await readSheets(bytes);
    expect(getCell(s, 1, 1)).toEqual({ value: 1, font: ".VnTime" });
    expect(getCell(s, 1, 2)).toEqual({ value: 0.5, numFmt: "0%", font: "Times New Roman", bold: true });
    expect(getCell(s, 1, 3)).toEqual({ value: 0.957, numFmt: "0.00%", font: "Times New Roman", bold: true });
    expect(getCell(s, 1, 4)).toEqual({ value: 1234.5, numFmt: '#,##0.0" người"', font: "Times New Roman", bold: true, indent: 2 });
    expect(getCell(s, 1, 5)).toEqual({ value: 7 }); // General and a font without a name
    expect(getCell(s, 1, 6)).toEqual({ value: 45306, numFmt: "mm-dd-yy", font: "Times New Roman", bold: true });
    expect(getCell(s, 1, 7)).toEqual({ value: 2, font: ".VnTime" });
    // exceljs leaves xf 0 unstyled; the reference reader fills it in the same way
    const ref = await readWorkbookWithExceljs(bytes);
    expect(getCell(ref.grid!.sheets[0], 1, 1)?.font).toBe(".VnTime");
    expect(getCell(ref.grid!.sheets[0], 1, 4)?.numFmt).toBe('#,##0.0" người"');
  });

  it("shared strings: rich-text runs joined, phonetic runs dropped, first run's font used", async () => {
    const sst = `<sst ${NS} count="4" uniqueCount="4">
<si><t xml:space="preserve"> Đào tạo </t></si>
<si><r><rPr><b/><rFont val=".VnTimeH"/></rPr><t>§µo </t></r><r><rPr><rFont val="Arial"/></rPr><t>t¹o</t></r></si>
<si><r><t>Bồi </t></r><r><rPr><rFont val=".VnTime"/></rPr><t>dưỡng</t></r><rPh sb="0" eb="2"><t>ボイ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>dòng 1_x000D_
dòng 2</t><rPh sb="0" eb="1"><t>x</t></rPh></si>
</sst>`;
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="1"><v>1</v></c><c r="C1" t="s" s="1"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>';
    const bytes = xlsx({ sheets: [{ name: "S", xml: sheetXml(rows) }], styles, sharedStrings: sst });
    const [s] = await readSheets(bytes);
    expect(getCell(s, 1, 1)).toEqual({ value: " Đào tạo ", font: ".VnTime" });
    expect(getCell(s, 1, 2)).toEqual({ value: "§µo t¹o", numFmt: "0%", font: ".VnTimeH", bold: true });
    expect(getCell(s, 1, 3)).toEqual({ value: "Bồi dưỡng", numFmt: "0%", font: "Times New Roman", bold: true });
    expect(getCell(s, 1, 4)?.value).toBe("dòng 1\r\ndòng 2");
  });

  it("every cell type; formulas with and without cached values; shared formula whose master comes later", async () => {
    const rows =
      '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="str"><f>IF(A2,"","x")</f><v></v></c><c r="D2"><f>SUM(A1:A9)</f><v/></c>' +
      '<c r="E2" t="d"><v>2024-01-15T00:00:00</v></c><c r="F2" t="inlineStr"><is><t>a&amp;b</t></is></c><c r="G2" t="e"><f>A2/0</f><v>#DIV/0!</v></c><c r="H2" t="n"><v>-1.5E-3</v></c></row>' +
      '<row r="3"><c r="B3"><f t="shared" si="7"/><v>4</v></c><c r="C3"><f t="shared" ref="B3:C4" si="7">$A3+A$1*2</f><v>5</v></c></row>' +
      '<row r="4"><c r="B4"><f t="shared" si="7"/></c><c r="C4"><f t="shared" si="7"/><v>6</v></c></row>' +
      '<row r="5"><c r="A5"><f t="array" ref="A5:A6">TRANSPOSE(B3:C3)</f><v>4</v></c></row>';
    const [s] = await readSheets(xlsx({ sheets: [{ name: "S", xml: sheetXml(rows) }] }));
    expect(getCell(s, 2, 1)).toEqual({ value: true });
    expect(getCell(s, 2, 2)).toEqual({ value: null, error: "#N/A" });
    expect(getCell(s, 2, 3)).toEqual({ value: "", formula: 'IF(A2,"","x")' });
    expect(getCell(s, 2, 4)).toEqual({ value: null, formula: "SUM(A1:A9)", noCachedValue: true });
    expect(getCell(s, 2, 5)?.value).toBeCloseTo(45306, 9);
    expect(getCell(s, 2, 6)).toEqual({ value: "a&b" });
    expect(getCell(s, 2, 7)).toEqual({ value: null, formula: "A2/0", error: "#DIV/0!" });
    expect(getCell(s, 2, 8)).toEqual({ value: -0.0015 });
    expect(getCell(s, 3, 3)).toEqual({ value: 5, formula: "$A3+A$1*2" });
    expect(getCell(s, 3, 2)).toEqual({ value: 4, formula: "$A3+#REF!*2" }); // one column left of A$1 is off the sheet
    expect(getCell(s, 4, 2)).toEqual({ value: null, formula: "$A4+#REF!*2", noCachedValue: true });
    expect(getCell(s, 4, 3)).toEqual({ value: 6, formula: "$A4+A$1*2" });
    expect(getCell(s, 5, 1)).toEqual({ value: 4, formula: "TRANSPOSE(B3:C3)" });
  });

  it("rows and cells without r attributes, values left under merges dropped", async () => {
    const rows =
      "<row><c t=\"inlineStr\"><is><t>Tiêu đề</t></is></c><c t=\"inlineStr\"><is><t>cũ</t></is></c><c><v>3</v></c></row>" +
      '<row><c r="B2"><v>1</v></c><c><v>2</v></c></row><row r="5"><c><v>9</v></c></row>';
    const [s] = await readSheets(xlsx({ sheets: [{ name: "S", xml: sheetXml(rows, '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>') }] }));
    expect(getCell(s, 1, 1)?.value).toBe("Tiêu đề");
    expect(getCell(s, 1, 2)).toBeUndefined();
    expect(getCell(s, 1, 3)?.value).toBe(3);
    expect([getCell(s, 2, 2)?.value, getCell(s, 2, 3)?.value, getCell(s, 5, 1)?.value]).toEqual([1, 2, 9]);
    expect(s.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
  });

  it("prefixed SpreadsheetML (x:) as written by some .NET generators", async () => {
    const X = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const bytes = zipSync({
      "_rels/.rels": strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      "xl/workbook.xml": strToU8(`<x:workbook ${X}><x:sheets><x:sheet name="Biểu" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
      "xl/sharedStrings.xml": strToU8(`<x:sst ${X}><x:si><x:t>Mã số</x:t></x:si></x:sst>`),
      "xl/worksheets/sheet1.xml": strToU8(
        `<x:worksheet ${X}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="C1:D1"/></x:mergeCells></x:worksheet>`,
      ),
    });
    const [s] = await readSheets(bytes);
    expect(s.name).toBe("Biểu");
    expect(getCell(s, 1, 1)?.value).toBe("Mã số");
    expect(getCell(s, 1, 2)).toEqual({ value: 2, formula: "1+1" });
    expect(s.merges).toEqual([{ top: 1, left: 3, bottom: 1, right: 4 }]);
  });

  it("a UTF-16 worksheet part, a workbook part at a non-default path", async () => {
    const xml = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Đơn vị</t></is></c></row>');
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) utf16[2 + i * 2] = xml.charCodeAt(i) & 0xff, (utf16[3 + i * 2] = xml.charCodeAt(i) >> 8);
    const bytes = xlsx({ sheets: [{ name: "S" }], workbookPath: "book/main.xml", raw: { "book/worksheets/sheet1.xml": utf16 } });
    const [s] = await readSheets(bytes);
    expect(getCell(s, 1, 1)?.value).toBe("Đơn vị");
  });

  it("hidden, very hidden, chart and missing sheets are all listed, in order", async () => {
    const one = sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>');
    const sheets = await readSheets(
      xlsx({
        sheets: [
          { name: "Biểu", xml: one },
          { name: "Ẩn", xml: one, state: "hidden" },
          { name: "Rất ẩn", xml: one, state: "veryHidden" },
          { name: "Biểu đồ", type: "chartsheet" },
          { name: "Mất" },
        ],
      }),
    );
    expect(sheets.map((s) => [s.name, !!s.hidden, s.rows.length])).toEqual([
      ["Biểu", false, 1],
      ["Ẩn", true, 1],
      ["Rất ẩn", true, 1],
      ["Biểu đồ", false, 0],
      ["Mất", false, 0],
    ]);
  });

  it("a row and a merge list longer than one decoded slice (1 MiB) are read whole", async () => {
    const cells = Array.from({ length: 16000 }, (_, i) => `<c r="${colName(i + 1)}2" t="inlineStr"><is><t>ô số ${i + 1} ${"x".repeat(60)}</t></is></c>`).join("");
    const merges = Array.from({ length: 30000 }, (_, i) => `<mergeCell ref="A${i * 2 + 3}:B${i * 2 + 3}"/>`).join("");
    const xml = sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2">${cells}</row><row r="3"><c r="A3"><v>3</v></c></row>`, `<mergeCells count="30000">${merges}</mergeCells>`);
    expect(xml.length).toBeGreaterThan(2 * 1024 * 1024);
    const [s] = await readSheets(xlsx({ sheets: [{ name: "S", xml }] }), { maxRowsPerSheet: Infinity });
    expect(s.rows[1]?.filter(Boolean)).toHaveLength(16000);
    expect(getCell(s, 2, 16000)?.value).toBe(`ô số 16000 ${"x".repeat(60)}`);
    expect(getCell(s, 3, 1)?.value).toBe(3);
    expect(s.merges).toHaveLength(30000);
    expect(s.merges[29999]).toEqual({ top: 60001, left: 1, bottom: 60001, right: 2 });
  });

  it("maxRowsPerSheet: rows past the cap are dropped and marked, empty styled rows past it are not", async () => {
    let rows = "";
    for (let r = 1; r <= 50; r++) rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    const styledOnly = Array.from({ length: 20 }, (_, i) => `<row r="${100 + i}" s="1" customFormat="1"><c r="A${100 + i}" s="1"/></row>`).join("");
    const merges = '<mergeCells count="2"><mergeCell ref="B1:C1"/><mergeCell ref="B40:C40"/></mergeCells>';
    const book = xlsx({ sheets: [{ name: "Dài", xml: sheetXml(rows, merges) }, { name: "Định dạng", xml: sheetXml(rows.slice(0, rows.indexOf('<row r="31"')) + styledOnly) }] });
    const [long, styled] = await readSheets(book, { maxRowsPerSheet: 30 });
    expect(long.truncatedAtRow).toBe(31);
    expect(long.rows.length).toBe(30);
    expect(getCell(long, 30, 1)?.value).toBe(30);
    expect(long.merges).toEqual([{ top: 1, left: 2, bottom: 1, right: 3 }]); // B40:C40 starts below the rows kept
    expect(styled.truncatedAtRow).toBeUndefined();
    const [all] = await readSheets(book);
    expect(all.rows.length).toBe(50);
    expect(all.merges).toHaveLength(2);
    expect(all.truncatedAtRow).toBeUndefined();
  });
});
