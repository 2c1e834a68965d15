/**
 * Reading the active worksheet into the core grid through Office.js, in one round trip:
 * every property the checks need is queued first and fetched by a single context.sync().
 */
import { type Cell, type CellRange, type Sheet, parseRange, setCell } from "../core/grid";

interface QueuedRead {
  worksheet: Excel.Worksheet;
  used: Excel.Range;
  properties: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  columns: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
  merges: Excel.RangeAreas;
}

function queueSheetRead(worksheet: Excel.Worksheet): QueuedRead {
  worksheet.load("name");
  // Values only: formatting that reaches row 1,048,576 must not make the read huge.
  const used = worksheet.getUsedRange(true);
  used.load(["rowIndex", "columnIndex", "values", "formulas", "numberFormat", "valueTypes"]);
  // Font name (legacy encodings), bold and indent (a form's row tree), column widths (a learned
  // form's blank copy keeps them): all in the same request as the values.
  const properties = used.getCellProperties({ format: { font: { name: true, bold: true }, indentLevel: true } });
  const columns = used.getColumnProperties({ format: { columnWidth: true } });
  const merges = used.getMergedAreasOrNullObject();
  merges.load("address");
  return { worksheet, used, properties, columns, merges };
}

/** Strip the sheet prefix from "Sheet1!A1:B2" or "'Tổng hợp'!A1". */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang >= 0 ? address.slice(bang + 1) : address;
}

function parseMerges(addresses: string): CellRange[] {
  return addresses
    .split(",")
    .map((a) => parseRange(localAddress(a.trim()).replace(/\$/g, "")))
    .filter((r): r is CellRange => r !== null && (r.bottom > r.top || r.right > r.left));
}

/** Excel gives column widths in points; the grid keeps character units (a digit of 11 pt Calibri is 7 px, 5.25 pt). */
const POINTS_PER_CHARACTER = 5.25;

function toCell(value: unknown, formula: unknown, numFmt: unknown, valueType: unknown, format: Excel.CellPropertiesFormat | undefined): Cell | null {
  const cell: Cell = { value: null };
  if (valueType === "Error") cell.error = String(value);
  else if (typeof value === "number" || typeof value === "boolean") cell.value = value;
  else if (typeof value === "string" && value !== "") cell.value = value;
  if (typeof formula === "string" && formula.startsWith("=")) cell.formula = formula.slice(1);
  if (typeof numFmt === "string" && numFmt !== "General" && numFmt !== "") cell.numFmt = numFmt;
  if (format?.font?.name) cell.font = format.font.name;
  if (format?.font?.bold) cell.bold = true;
  if (format?.indentLevel) cell.indent = format.indentLevel;
  const empty = cell.value === null && !cell.error && !cell.formula;
  return empty ? null : cell;
}

function buildSheet(read: QueuedRead): Sheet {
  const { used } = read;
  const sheet: Sheet = { name: read.worksheet.name, rows: [], merges: [] };
  const props = read.properties.value;
  used.values.forEach((line, r) =>
    line.forEach((value, c) => {
      const cell = toCell(
        value,
        used.formulas[r]?.[c],
        used.numberFormat[r]?.[c],
        used.valueTypes[r]?.[c],
        props[r]?.[c]?.format,
      );
      if (cell) setCell(sheet, used.rowIndex + r + 1, used.columnIndex + c + 1, cell);
    }),
  );
  if (!read.merges.isNullObject) sheet.merges = parseMerges(read.merges.address);
  const widths: Record<number, number> = {};
  read.columns.value.forEach((column, c) => {
    const points = column?.format?.columnWidth;
    if (typeof points === "number" && points > 0) widths[used.columnIndex + c + 1] = Math.round((points / POINTS_PER_CHARACTER) * 100) / 100;
  });
  if (Object.keys(widths).length) sheet.columnWidths = widths;
  return sheet;
}

/** A worksheet by name as a core Sheet, in one round trip. */
export async function readSheet(context: Excel.RequestContext, name: string): Promise<Sheet> {
  const read = queueSheetRead(context.workbook.worksheets.getItem(name));
  await context.sync();
  return buildSheet(read);
}

/** The active worksheet as a core Sheet: values, formulas, number formats, fonts, merges. */
export async function readActiveSheet(context: Excel.RequestContext): Promise<Sheet> {
  const read = queueSheetRead(context.workbook.worksheets.getActiveWorksheet());
  await context.sync();
  return buildSheet(read);
}
