/**
 * Native Excel charts for the workbooks DTBD writes. exceljs has no chart writer, so the
 * DrawingML parts (ECMA-376 part 1, §21.2 charts and §20.5 spreadsheet drawings) are written
 * here and added to the package exceljs renders (xlsx-package.ts). Every series refers to
 * the sheet's own cells (c:f) and carries their values (c:strCache, c:numCache), so a reader
 * that does not recalculate still draws the numbers the cells show.
 */
import type ExcelJS from "exceljs";
import { columnLetter } from "../core/grid";
import { CONTENT_TYPE, RELATIONSHIP_TYPE, type PackageEdit, type XlsxParts, addContentType, addRelationship, attachDrawing, escapeXml, freePartName, relativeTarget, worksheetPart } from "./xlsx-package";

/** A cell of a sheet, 1-based as in Excel. */
export interface ChartCell {
  row: number;
  col: number;
}

export interface ChartSeries {
  /** The cell holding the series' name, and its text. */
  name: { cell: ChartCell; text: string };
  /** Category labels: the cells and their texts, one per point. */
  categories: { cells: ChartCell[]; texts: string[] };
  /** Values: the cells and their numbers (null where the cell is blank or not a number). */
  values: { cells: ChartCell[]; numbers: (number | null)[] };
  /** Fill colour, RRGGBB. */
  color: string;
  /** Colours of single points (by index), e.g. an excluded agency in grey. */
  pointColors?: ReadonlyMap<number, string>;
}

export interface BarChart {
  title: string;
  /** "bar": horizontal bars, categories top to bottom in sheet order; "column": vertical, left to right. */
  direction: "bar" | "column";
  series: ChartSeries[];
  /** Number format of the value axis (and of the data labels unless labelFormat is given). */
  valueFormat: string;
  dataLabels: boolean;
  /** Number format of the data labels, e.g. one that leaves zeros unlabelled. */
  labelFormat?: string;
  legend: boolean;
  /** Space between clusters, percent of a bar's width. */
  gapWidth?: number;
  /** Font size of the category labels, points. */
  categoryFontSize?: number;
}

/**
 * Where a chart sits: from the top-left corner of cell `from` to the top-left corner of cell
 * `to` (1-based), so that its size follows the columns and rows it covers.
 */
export interface ChartAnchor {
  from: ChartCell;
  to: ChartCell;
  /** False for a chart shown on screen only (fPrintsWithSheet="0"); printed by default. */
  printed?: boolean;
}

export interface SheetChart {
  /** The sheet the chart is drawn on; its series refer to this sheet's cells. */
  sheet: string;
  anchor: ChartAnchor;
  chart: BarChart;
}

export const CHART_FONT = "Times New Roman";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A sheet name in a formula: always quoted (spaces, Vietnamese letters), apostrophes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * The reference of a list of cells, as Excel writes a series' c:f: runs of adjacent cells in
 * one column or one row become ranges, and several areas are a parenthesised union:
 * `('Tổng hợp'!$B$12,'Tổng hợp'!$B$19:$B$22)`.
 */
export function rangeFormula(sheet: string, cells: readonly ChartCell[]): string {
  const q = quoteSheetName(sheet);
  const abs = (c: ChartCell): string => `$${columnLetter(c.col)}$${c.row}`;
  const areas: string[] = [];
  let i = 0;
  while (i < cells.length) {
    let j = i;
    const down = cells[i + 1] && cells[i + 1].col === cells[i].col && cells[i + 1].row === cells[i].row + 1;
    const across = cells[i + 1] && cells[i + 1].row === cells[i].row && cells[i + 1].col === cells[i].col + 1;
    while (
      j + 1 < cells.length &&
      ((down && cells[j + 1].col === cells[j].col && cells[j + 1].row === cells[j].row + 1) ||
        (across && cells[j + 1].row === cells[j].row && cells[j + 1].col === cells[j].col + 1))
    )
      j++;
    areas.push(j === i ? `${q}!${abs(cells[i])}` : `${q}!${abs(cells[i])}:${abs(cells[j])}`);
    i = j + 1;
  }
  return areas.length === 1 ? areas[0] : `(${areas.join(",")})`;
}

/** A number as the cache holds it: shortest round-trip text, no exponent surprises for integers. */
function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e12) / 1e12);
}

function solidFill(color: string): string {
  return `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;
}

function line(color: string | null, widthEmu = 9525): string {
  return color === null ? "<a:ln><a:noFill/></a:ln>" : `<a:ln w="${widthEmu}">${solidFill(color)}</a:ln>`;
}

/** Text properties: size in points, the report's font so that Vietnamese letters render as in the cells. */
function textProps(size: number, opts: { bold?: boolean; color?: string } = {}): string {
  const b = opts.bold ? ' b="1"' : ' b="0"';
  const fill = opts.color ? solidFill(opts.color) : "";
  return (
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size * 100}"${b}>${fill}` +
    `<a:latin typeface="${CHART_FONT}"/><a:cs typeface="${CHART_FONT}"/></a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`
  );
}

function titleXml(text: string): string {
  const rPr = `sz="1200" b="1"`;
  const font = `<a:latin typeface="${CHART_FONT}"/><a:cs typeface="${CHART_FONT}"/>`;
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr ${rPr}>${font}</a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="vi-VN" ${rPr}>${font}</a:rPr><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`
  );
}

function strCache(texts: readonly string[]): string {
  const pts = texts.map((t, i) => `<c:pt idx="${i}"><c:v>${escapeXml(t)}</c:v></c:pt>`).join("");
  return `<c:strCache><c:ptCount val="${texts.length}"/>${pts}</c:strCache>`;
}

function numCache(numbers: readonly (number | null)[], format: string): string {
  let pts = "";
  numbers.forEach((n, i) => {
    if (n !== null && Number.isFinite(n)) pts += `<c:pt idx="${i}"><c:v>${numberText(n)}</c:v></c:pt>`;
  });
  return `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${numbers.length}"/>${pts}</c:numCache>`;
}

function dataLabelsXml(format: string): string {
  return (
    `<c:dLbls><c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/><c:spPr><a:noFill/>${line(null)}</c:spPr>${textProps(8)}` +
    `<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    `<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
  );
}

function seriesXml(sheet: string, s: ChartSeries, index: number, chart: BarChart): string {
  if (s.categories.cells.length !== s.values.cells.length) throw new Error(`chart series ${s.name.text}: ${s.categories.cells.length} categories, ${s.values.cells.length} values`);
  const points = [...(s.pointColors ?? new Map<number, string>())]
    .sort((a, b) => a[0] - b[0])
    .map(([idx, color]) => `<c:dPt><c:idx val="${idx}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${solidFill(color)}</c:spPr></c:dPt>`)
    .join("");
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
    `<c:tx><c:strRef><c:f>${escapeXml(rangeFormula(sheet, [s.name.cell]))}</c:f>${strCache([s.name.text])}</c:strRef></c:tx>` +
    `<c:spPr>${solidFill(s.color)}${line(null)}</c:spPr><c:invertIfNegative val="0"/>${points}` +
    (chart.dataLabels ? dataLabelsXml(chart.labelFormat ?? chart.valueFormat) : "") +
    `<c:cat><c:strRef><c:f>${escapeXml(rangeFormula(sheet, s.categories.cells))}</c:f>${strCache(s.categories.texts)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(rangeFormula(sheet, s.values.cells))}</c:f>${numCache(s.values.numbers, chart.valueFormat)}</c:numRef></c:val>` +
    `</c:ser>`
  );
}

const CATEGORY_AXIS_ID = 50010;
const VALUE_AXIS_ID = 50020;

/** chartN.xml: a clustered bar or column chart (CT_ChartSpace, elements in the schema's order). */
export function barChartXml(sheet: string, chart: BarChart): string {
  const horizontal = chart.direction === "bar";
  const axisLine = line("BFBFBF");
  // Horizontal bars list categories top-down in sheet order (orientation maxMin); the value
  // axis then crosses at the last category, which is at the bottom.
  const catAx =
    `<c:catAx><c:axId val="${CATEGORY_AXIS_ID}"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:noFill/>${axisLine}</c:spPr>` +
    `${textProps(chart.categoryFontSize ?? 9)}<c:crossAx val="${VALUE_AXIS_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="${VALUE_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines><c:spPr>${line("D9D9D9")}</c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${escapeXml(chart.valueFormat)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:spPr><a:noFill/>${line(null)}</c:spPr>${textProps(9)}<c:crossAx val="${CATEGORY_AXIS_ID}"/>` +
    `<c:crosses val="${horizontal ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  const legend = chart.legend ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProps(9)}</c:legend>` : "";
  return (
    XML_DECL +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:date1904 val="0"/><c:lang val="vi-VN"/><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(chart.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${chart.direction === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    chart.series.map((s, i) => seriesXml(sheet, s, i, chart)).join("") +
    `<c:gapWidth val="${chart.gapWidth ?? 80}"/><c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/></c:barChart>` +
    catAx +
    valAx +
    `<c:spPr><a:noFill/>${line(null)}</c:spPr></c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${solidFill("FFFFFF")}${line("BFBFBF")}</c:spPr>${textProps(9)}` +
    `</c:chartSpace>`
  );
}

function markerXml(tag: "from" | "to", cell: ChartCell): string {
  return `<xdr:${tag}><xdr:col>${cell.col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${cell.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
}

/** drawingN.xml: one graphic frame per chart, anchored to cells; moved, not resized, with them. */
export function drawingXml(frames: { anchor: ChartAnchor; relId: string; title: string }[]): string {
  const anchors = frames.map(({ anchor, relId, title }, i) => {
    if (anchor.to.col <= anchor.from.col || anchor.to.row <= anchor.from.row) throw new Error(`chart "${title}": empty anchor`);
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${markerXml("from", anchor.from)}${markerXml("to", anchor.to)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${escapeXml(title)}"/>` +
      `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${relId}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData${anchor.printed === false ? ' fPrintsWithSheet="0"' : ""}/></xdr:twoCellAnchor>`
    );
  });
  return `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors.join("")}</xdr:wsDr>`;
}

/**
 * The package edit that adds `charts`: per sheet one drawing part holding its charts, each
 * chart a part of its own, with the relationships (sheet → drawing → chart), the sheet's
 * `<drawing>` element and the content types.
 */
export function chartsEdit(charts: readonly SheetChart[]): PackageEdit {
  return (parts: XlsxParts) => {
    const bySheet = new Map<string, SheetChart[]>();
    for (const c of charts) bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c]);
    for (const [sheet, list] of bySheet) {
      const sheetPart = worksheetPart(parts, sheet);
      const drawingPart = freePartName(parts, "xl/drawings/drawing");
      parts.set(drawingPart, ""); // reserve the name before the charts take theirs
      const frames = list.map((c) => {
        const chartPart = freePartName(parts, "xl/charts/chart");
        parts.set(chartPart, barChartXml(c.sheet, c.chart));
        addContentType(parts, chartPart, CONTENT_TYPE.chart);
        const relId = addRelationship(parts, drawingPart, RELATIONSHIP_TYPE.chart, relativeTarget(drawingPart, chartPart));
        return { anchor: c.anchor, relId, title: c.chart.title };
      });
      parts.set(drawingPart, drawingXml(frames));
      addContentType(parts, drawingPart, CONTENT_TYPE.drawing);
      attachDrawing(parts, sheetPart, drawingPart);
    }
  };
}

/**
 * The value a cell shows: a formula's cached result, else its value. (exceljs's `value` of a
 * formula cell leaves out a result of 0 or ""; `result` keeps it, as the file does.)
 */
function shownValue(ws: ExcelJS.Worksheet, at: ChartCell): ExcelJS.CellValue {
  const cell = ws.getCell(at.row, at.col);
  const v = cell.value;
  return v !== null && typeof v === "object" && "formula" in v ? (cell.result as ExcelJS.CellValue) : v;
}

/** What a cell holds, as a chart reads it: its number (a formula's cached result), else null. */
export function cellNumber(ws: ExcelJS.Worksheet, cell: ChartCell): number | null {
  const v = shownValue(ws, cell);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** What a cell holds, as a chart's label shows it. */
export function cellText(ws: ExcelJS.Worksheet, cell: ChartCell): string {
  const v = shownValue(ws, cell);
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  return String(v);
}

/** A series read from the sheet: the caches are the very values written to its cells. */
export function seriesFromSheet(
  ws: ExcelJS.Worksheet,
  spec: { name: ChartCell; categories: ChartCell[]; values: ChartCell[]; color: string; pointColors?: ReadonlyMap<number, string> },
): ChartSeries {
  return {
    name: { cell: spec.name, text: cellText(ws, spec.name) },
    categories: { cells: spec.categories, texts: spec.categories.map((c) => cellText(ws, c)) },
    values: { cells: spec.values, numbers: spec.values.map((c) => cellNumber(ws, c)) },
    color: spec.color,
    pointColors: spec.pointColors,
  };
}
