/**
 * Layout helpers shared by the exceljs writers (template, consolidated report, period
 * review), so that every sheet DTBD writes looks and prints the same way.
 */
import { columnLetter } from "../core/grid";
import type ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import type { PackageEdit, XlsxParts } from "./xlsx-package";

/** Official forms are typed in Times New Roman; Unicode fonts avoid the TCVN3/VNI trap. */
export const FONT_NAME = "Times New Roman";
export const FONT_SIZE = 11;

export const NUM_FMT = {
  headcount: "#,##0",
  rate: "0.0%",
  money: "#,##0.0",
  integer: "0",
} as const;

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };

export const THIN_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
export const CODE_ROW_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
export const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
/** Light red used for under-attainment and for error findings. */
export const ALERT_FILL_ARGB = "FFFFC7CE";
export const WARN_FILL_ARGB = "FFFFEB9C";

export function font(opts: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size: FONT_SIZE, ...opts };
}

/**
 * Writes input-derived text (agency names, file names, messages) so that it can never
 * become a formula, whatever its first character: exceljs stores a plain string as a
 * shared string, and Excel shows it verbatim.
 */
export function setText(cell: ExcelJS.Cell, text: string | null | undefined): void {
  cell.value = text === null || text === undefined || text === "" ? null : xmlSafeCellText(String(text));
}

/** Excel's limit on the characters of one cell. */
const MAX_CELL_TEXT = 32_767;
/** Characters XML 1.0 forbids (exceljs drops the C0 controls but not these): lone surrogates, U+FFFE, U+FFFF. */
const NOT_XML_CHARS = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

/**
 * Input text made safe for a cell: a hostile file can carry U+FFFF (as &#xFFFF; or _xFFFF_),
 * which exceljs would write into the shared strings, leaving a report Excel must repair.
 */
export function xmlSafeCellText(text: string): string {
  const clean = text.replace(NOT_XML_CHARS, "\uFFFD");
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT - 1) + "…" : clean;
}

/** A header cell of a table: bold, centred, wrapped, bordered, shaded. */
export function styleHeaderCell(cell: ExcelJS.Cell, fill: ExcelJS.Fill = HEADER_FILL): void {
  cell.font = font({ bold: true });
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  cell.border = THIN_BORDER;
  cell.fill = fill;
}

/** A header row of labels: one styled header cell each, from column 1. */
export function writeHeaderRow(ws: ExcelJS.Worksheet, row: number, labels: string[]): void {
  labels.forEach((label, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = label;
    styleHeaderCell(cell);
  });
}

export function styleBodyCell(
  cell: ExcelJS.Cell,
  opts: { bold?: boolean; italic?: boolean; numFmt?: string; align?: ExcelJS.Alignment["horizontal"]; wrap?: boolean; color?: string } = {},
): void {
  const fontKey = `${opts.bold ?? false}|${opts.italic ?? false}|${opts.color ?? ""}`;
  let bodyFont = BODY_FONTS.get(fontKey);
  if (!bodyFont) {
    bodyFont = font({ bold: opts.bold ?? false, italic: opts.italic ?? false, ...(opts.color ? { color: { argb: opts.color } } : {}) });
    BODY_FONTS.set(fontKey, bodyFont);
  }
  const alignmentKey = `${opts.align ?? ""}|${opts.wrap ?? false}`;
  let alignment = BODY_ALIGNMENTS.get(alignmentKey);
  if (!alignment) {
    alignment = { vertical: "middle", horizontal: opts.align, wrapText: opts.wrap ?? false };
    BODY_ALIGNMENTS.set(alignmentKey, alignment);
  }
  cell.font = bodyFont;
  cell.border = THIN_BORDER;
  cell.alignment = alignment;
  if (opts.numFmt) cell.numFmt = opts.numFmt;
}

// A body cell's font and alignment are one object per combination (nothing edits them in
// place: cells are given new ones), so that writing ~25,000 cells renders each part once.
const BODY_FONTS = new Map<string, Partial<ExcelJS.Font>>();
const BODY_ALIGNMENTS = new Map<string, Partial<ExcelJS.Alignment>>();

/** Writes a sheet title line: bold, merged across the table width, centred. */
export function writeTitle(ws: ExcelJS.Worksheet, row: number, lastCol: number, text: string, size = 14): void {
  ws.mergeCells(row, 1, row, lastCol);
  const cell = ws.getCell(row, 1);
  setText(cell, text);
  cell.font = font({ bold: true, size });
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
}

export function setColumnWidths(ws: ExcelJS.Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

/** A4 landscape, one page wide, header rows repeated on every printed page. */
export function setPrintLayout(ws: ExcelJS.Worksheet, printTitleRows: { from: number; to: number } | null): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(printTitleRows ? { printTitlesRow: `${printTitleRows.from}:${printTitleRows.to}` } : {}),
  };
}

/**
 * A print area from A1 to the given corner, for `ws.pageSetup.printArea`. exceljs puts a "$"
 * before each end ("A1:M9" becomes `$A1:$M9`), and LibreOffice ignores such half-absolute
 * print ranges (it then prints every used cell and every drawing); "A$1:M$9" comes out as
 * `$A$1:$M$9`, which both Excel and LibreOffice honour.
 */
export function printAreaTo(lastCol: number, lastRow: number): string {
  return `A$1:${columnLetter(lastCol)}$${lastRow}`;
}

/** Freezes the rows above `firstBodyRow` and the columns left of `firstScrollCol`. */
export function freeze(ws: ExcelJS.Worksheet, firstBodyRow: number, firstScrollCol = 1): void {
  ws.views = [
    {
      state: "frozen",
      xSplit: firstScrollCol - 1,
      ySplit: firstBodyRow - 1,
      topLeftCell: `${colLetter(firstScrollCol)}${firstBodyRow}`,
      activeCell: `${colLetter(firstScrollCol)}${firstBodyRow}`,
    },
  ];
}

/** Column letters as the core writes addresses: one definition for readers and writers. */
export const colLetter = columnLetter;

/** Rounds away binary noise (0.1 + 0.2) so cached results equal what Excel displays and recomputes. */
export function clean(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/** Ratio for a cached rate cell: "" where the formula's IF yields an empty string. */
export function rateOrBlank(actual: number, plan: number): number | string {
  return plan > 0 ? actual / plan : "";
}

/**
 * Height that shows a wrapped label whole. Neither Excel nor LibreOffice re-fits row heights
 * of a generated file reliably, so the writer sizes rows itself (about 1.1 characters of
 * Times New Roman 11 per width unit, 15 points per line).
 */
export function rowHeightFor(text: string, width: number, indent = 0, bold = false): number {
  const perLine = Math.max(8, Math.floor((width - indent * 2) * (bold ? 1.05 : 1.2)) - 2);
  const lines = Math.max(1, Math.ceil(text.length / perLine));
  return lines * 15 + 3;
}

/** Sizes a row so that every wrapped cell in it shows whole (never shrinks below one line). */
export function fitRowHeight(ws: ExcelJS.Worksheet, row: number): void {
  let height = 0;
  ws.getRow(row).eachCell((cell, col) => {
    if (!cell.alignment?.wrapText || cell.isMerged) return;
    const text = cell.text ?? "";
    if (!text) return;
    const width = ws.getColumn(col).width ?? 9;
    const h = text.split("\n").reduce((sum, line) => sum + rowHeightFor(line, width, 0, Boolean(cell.font?.bold)) - 3, 0) + 3;
    height = Math.max(height, h);
  });
  if (height > 18) ws.getRow(row).height = height;
}

/**
 * Writes a workbook's .xlsx bytes, applying `edit` to the rendered parts before they are
 * zipped (the charts exceljs cannot write); the default is exceljs's own writer (JSZip, pure JS).
 */
export type XlsxPacker = (wb: ExcelJS.Workbook, edit?: PackageEdit) => Promise<Uint8Array>;

export const exceljsPacker: XlsxPacker = async (wb, edit) => {
  if (!edit) return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  // JSZip only stores the parts; they are edited, then deflated once, by fflate.
  const stored = new Uint8Array((await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as Partial<ExcelJS.XlsxWriteOptions>)) as ArrayBuffer);
  const parts: XlsxParts = new Map();
  for (const [name, data] of Object.entries(unzipSync(stored))) if (!name.endsWith("/")) parts.set(name, data);
  edit(parts);
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of parts) files[name] = typeof data === "string" ? encoder.encode(data) : data;
  return zipSync(files, { level: 6 });
};

export async function toBytes(wb: ExcelJS.Workbook, pack: XlsxPacker = exceljsPacker, edit?: PackageEdit): Promise<Uint8Array> {
  const restore = shareEqualStyles(wb);
  try {
    return await pack(wb, edit);
  } finally {
    restore();
  }
}

/**
 * exceljs renders every cell's style to XML to find its number, unless it has met that very
 * style object before; but the cell setters (cell.font = …) give each cell a style object of
 * its own. Pointing equal styles at one object for the write makes the report's ~25,000
 * cells render ~50 styles (1,000-agency report, cold: 0.60 → 0.52 s; same bytes). The cells
 * get their own objects back afterwards, so later edits stay per cell.
 */
function shareEqualStyles(wb: ExcelJS.Workbook): () => void {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const replaced: [ExcelJS.Cell, Partial<ExcelJS.Style>][] = [];
  // Parts shared by many cells (THIN_BORDER, the fills, body fonts and alignments) are
  // rendered once. Equal keys mean equal JSON.stringify(style): same parts in the same order.
  const partJson = new Map<unknown, string>();
  const keyOf = (style: Partial<ExcelJS.Style>): string => {
    let key = "";
    for (const name in style) {
      const part = (style as Record<string, unknown>)[name];
      if (part === undefined) continue; // as JSON.stringify leaves it out
      let json = partJson.get(part);
      if (json === undefined) {
        json = JSON.stringify(part);
        if (part !== null && typeof part === "object") partJson.set(part, json);
      }
      key += name + "\u0000" + json + "\u0001";
    }
    return key;
  };
  const share = (cell: ExcelJS.Cell) => {
    const style = cell.style;
    if (!style) return;
    const key = keyOf(style);
    const first = shared.get(key);
    if (!first) shared.set(key, style);
    else if (first !== style) {
      replaced.push([cell, style]);
      cell.style = first;
    }
  };
  wb.eachSheet((ws) => {
    // Blank cells that carry only a style (merged titles, bordered empty cells: ~1,000 in the
    // 1,000-agency report) are written too, but eachRow/eachCell skip them; exceljs 4.4.0
    // (pinned) keeps the cells it holds in these arrays, so they are shared as well.
    const rows = (ws as unknown as { _rows?: unknown })._rows;
    if (!Array.isArray(rows)) {
      ws.eachRow((row) => row.eachCell(share));
      return;
    }
    for (const row of rows as (ExcelJS.Row | undefined)[]) {
      const cells = (row as unknown as { _cells?: unknown } | undefined)?._cells;
      if (!row) continue;
      if (!Array.isArray(cells)) row.eachCell(share);
      else for (const cell of cells as (ExcelJS.Cell | undefined)[]) if (cell) share(cell);
    }
  });
  return () => {
    for (const [cell, style] of replaced) cell.style = style;
  };
}

export function stampWorkbook(wb: ExcelJS.Workbook, title: string): void {
  wb.creator = "DTBD";
  wb.title = title;
  // Cached results are written for programs that never recalculate; Excel and
  // LibreOffice are asked to recalculate anyway so that edits and formulas agree.
  wb.calcProperties = { fullCalcOnLoad: true };
}
