/**
 * The package edits behind the charts, on hand-written parts: where <drawing> goes in a
 * worksheet, how relationships are numbered and targeted, and how a list of cells becomes a
 * chart formula (read back by the tests' own reference parser).
 */
import { describe, expect, it } from "vitest";
import { rangeFormula } from "../src/io/charts";
import { type XlsxParts, addContentType, addRelationship, attachDrawing, escapeXml, relativeTarget, worksheetPart } from "../src/io/xlsx-package";
import { childNames, parseReference, parseXml, relationships } from "./helpers/ooxml";

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbookParts(sheetXml: string, sheetRels?: string): XlsxParts {
  const parts: XlsxParts = new Map([
    ["[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'],
    ["xl/workbook.xml", `<workbook ${MAIN}><sheets><sheet name="Tổng hợp &amp; Co" sheetId="1" r:id="rId7"/><sheet name="Khác" sheetId="2" r:id="rId8"/></sheets></workbook>`],
    [
      "xl/_rels/workbook.xml.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="t" Target="worksheets/sheet9.xml"/><Relationship Id="rId8" Type="t" Target="/xl/worksheets/other.xml"/></Relationships>',
    ],
    ["xl/worksheets/sheet9.xml", sheetXml],
  ]);
  if (sheetRels) parts.set("xl/worksheets/_rels/sheet9.xml.rels", sheetRels);
  return parts;
}

describe("xlsx package edits", () => {
  it("finds a sheet's part through the workbook's relationships, names decoded, targets relative or absolute", () => {
    const parts = workbookParts(`<worksheet ${MAIN}><sheetData/></worksheet>`);
    expect(worksheetPart(parts, "Tổng hợp & Co")).toBe("xl/worksheets/sheet9.xml");
    expect(worksheetPart(parts, "Khác")).toBe("xl/worksheets/other.xml");
    expect(() => worksheetPart(parts, "Nguồn")).toThrow(/no sheet named Nguồn/);
  });

  it("puts <drawing> after the page setup and breaks, before legacyDrawing and the sheet's own extLst, not a nested one", () => {
    const sheet =
      `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` +
      `<conditionalFormatting sqref="A1"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF0000FF"/></dataBar>` +
      `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"><id>x</id></ext></extLst></cfRule></conditionalFormatting>` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9"/>` +
      `<rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"/></rowBreaks>` +
      `<legacyDrawing r:id="rId1"/><extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"/></extLst></worksheet>`;
    const parts = workbookParts(sheet, '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="vml" Target="../drawings/vmlDrawing1.vml"/></Relationships>');
    attachDrawing(parts, "xl/worksheets/sheet9.xml", "xl/drawings/drawing3.xml");
    const doc = parseXml(parts.get("xl/worksheets/sheet9.xml") as string);
    expect(childNames(doc.documentElement!)).toEqual(["sheetData", "conditionalFormatting", "pageMargins", "pageSetup", "rowBreaks", "drawing", "legacyDrawing", "extLst"]);
    const drawing = doc.getElementsByTagName("drawing")[0];
    const rels = relationships(new Map([...parts].map(([k, v]) => [k, String(v)])), "xl/worksheets/sheet9.xml");
    // The existing relationship keeps rId1; the drawing's is new and points to ../drawings/.
    expect(rels.map((r) => [r.id, r.part])).toEqual([
      ["rId1", "xl/drawings/vmlDrawing1.vml"],
      ["rId2", "xl/drawings/drawing3.xml"],
    ]);
    expect(drawing.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id")).toBe("rId2");
    expect(() => attachDrawing(parts, "xl/worksheets/sheet9.xml", "xl/drawings/drawing4.xml")).toThrow(/already has a drawing/);
  });

  it("puts <drawing> last in a sheet that ends with its print setup, creating its relationships part", () => {
    const parts = workbookParts(`<worksheet ${MAIN}><sheetData/><pageSetup paperSize="9"/></worksheet>`);
    attachDrawing(parts, "xl/worksheets/sheet9.xml", "xl/drawings/drawing1.xml");
    expect(childNames(parseXml(parts.get("xl/worksheets/sheet9.xml") as string).documentElement!)).toEqual(["sheetData", "pageSetup", "drawing"]);
    expect(parts.get("xl/worksheets/_rels/sheet9.xml.rels")).toContain('Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"');
  });

  it("numbers relationship ids past those taken, and declares content types", () => {
    const parts: XlsxParts = new Map([
      ["[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>'],
      ["xl/drawings/_rels/drawing1.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="x" Target="a"/></Relationships>'],
    ]);
    expect(addRelationship(parts, "xl/drawings/drawing1.xml", "chart", "../charts/chart1.xml")).toBe("rId3");
    expect(addRelationship(parts, "xl/drawings/drawing1.xml", "chart", "../charts/chart2.xml")).toBe("rId4");
    addContentType(parts, "xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    expect(parts.get("[Content_Types].xml")).toBe(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    );
  });

  it("targets parts relative to the part that refers to them", () => {
    expect(relativeTarget("xl/worksheets/sheet1.xml", "xl/drawings/drawing1.xml")).toBe("../drawings/drawing1.xml");
    expect(relativeTarget("xl/drawings/drawing1.xml", "xl/charts/chart2.xml")).toBe("../charts/chart2.xml");
    expect(relativeTarget("xl/workbook.xml", "xl/worksheets/sheet1.xml")).toBe("worksheets/sheet1.xml");
  });

  it("escapes text and drops what XML cannot hold", () => {
    expect(escapeXml('a & b < c > "d"')).toBe("a &amp; b &lt; c &gt; &quot;d&quot;");
    expect(escapeXml("x\u0001y\uFFFFz\uD800 😀")).toBe("xyz 😀");
  });
});

describe("chart formulas", () => {
  const cells = (list: [number, number][]) => list.map(([row, col]) => ({ row, col }));

  it("quotes every sheet name, doubling apostrophes, and joins adjacent cells into ranges", () => {
    expect(rangeFormula("Tổng hợp", cells([[12, 2]]))).toBe("'Tổng hợp'!$B$12");
    expect(rangeFormula("Sheet1", cells([[1, 1], [2, 1], [3, 1]]))).toBe("'Sheet1'!$A$1:$A$3");
    expect(rangeFormula("Sơ kết giai đoạn", cells([[6, 5], [6, 6], [6, 7], [6, 8], [6, 9]]))).toBe("'Sơ kết giai đoạn'!$E$6:$I$6");
    expect(rangeFormula("Bà Triệu's", cells([[1, 27]]))).toBe("'Bà Triệu''s'!$AA$1");
    expect(rangeFormula("Tổng hợp", cells([[12, 5], [19, 5], [25, 5], [26, 5], [27, 5]]))).toBe("('Tổng hợp'!$E$12,'Tổng hợp'!$E$19,'Tổng hợp'!$E$25:$E$27)");
  });

  it("names exactly the cells it was given, in order (read back by an independent parser)", () => {
    const list = cells([[25, 2], [29, 2], [33, 2], [34, 2], [35, 2], [43, 2], [44, 2], [7, 3], [7, 4]]);
    const ref = parseReference(rangeFormula("Theo đơn vị", list));
    expect(ref.sheet).toBe("Theo đơn vị");
    expect(ref.cells).toEqual(["B25", "B29", "B33", "B34", "B35", "B43", "B44", "C7", "D7"]);
    expect(parseReference(rangeFormula("O'Brien", cells([[1, 1]])))).toEqual({ sheet: "O'Brien", cells: ["A1"] });
  });
});
