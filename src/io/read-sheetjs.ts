/**
 * Excel 97-2003 / 5.0-95 (.xls) and OpenDocument (.ods) workbooks → WorkbookGrid, through
 * SheetJS, behind the same limits as the .xlsx reader: file size, bytes held in memory, cells
 * built, rows per sheet. What SheetJS would build is counted before it parses (biff-scan.ts,
 * ods.ts), so a hostile file is refused before it costs time or memory.
 *
 * The grid is the lean reader's: values, formula text, cached results, number formats, merges
 * (cells under a merge cleared), sheet names, order and visibility. Fonts: a .xls cell's font
 * comes from its XF record (biff-scan.ts); SheetJS gives no font for .ods cells, so legacy
 * TCVN3/VNI text in an .ods is recognised by its content (core/text/legacy.ts).
 */
import type { Cell, CellValue, Sheet, WorkbookGrid } from "../core/grid.js";
import { clearCoveredCells, DEFAULT_MAX_ROWS_PER_SHEET, type LeanReadOptions } from "./lean-reader.js";
import { scanBiff, type BiffScan } from "./biff-scan.js";
import type { WorkbookFormat } from "./format.js";
import { prepareOds, type OdsTableScan } from "./ods.js";
import { UnreadableError } from "./read-problems.js";
import type { SheetJs } from "./sheetjs.js";
import { containsUtf16, MAX_FILE_BYTES, MAX_PART_INFLATED } from "./zip-guard.js";

type SheetJsWorkbook = ReturnType<SheetJs["read"]>;

interface SheetJsCell {
  t: string;
  v?: unknown;
  f?: string;
  z?: string | number;
  w?: string;
}

const MiB = 1024 * 1024;

/**
 * Cells SheetJS may build for one workbook, counted before it parses. Lower than the .xlsx
 * reader's 2,000,000 row slots (MAX_CELL_SLOTS_PER_WORKBOOK): SheetJS builds an object per cell,
 * some 5-10× the lean reader's cost, and a damaged .ods can make it write them in an order
 * that is slower still (measured: 1.5 million such cells took 11-17 s). A 65,536-row .xls
 * list of seven columns fits; a form has a few thousand cells.
 */
export const MAX_SHEETJS_CELLS = 500_000;
const detail = (en: string, vi: string) => ({ vi, en });

/** Excel's error codes as BIFF and SheetJS number them. */
const ERROR_TEXT: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

/**
 * SheetJS reports odd but readable details (ODS number formats it approximates) on the
 * console; the CLI's output and the pane's console are not the place for them.
 */
function quietly<T>(run: () => T): T {
  const { error, warn, log } = console;
  console.error = console.warn = console.log = () => {};
  try {
    return run();
  } finally {
    Object.assign(console, { error, warn, log });
  }
}

/** What SheetJS throws, as the finding's kind. */
function unreadableFromSheetJs(error: unknown): UnreadableError {
  if (error instanceof UnreadableError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/password|encrypt/i.test(text)) return new UnreadableError("encrypted");
  return new UnreadableError("corrupt", detail(`the file cannot be parsed: ${text}`, `không phân tích được tệp: ${text}`));
}

/**
 * SheetJS reads a Node Buffer several times faster than a plain array (its compound-file
 * reader copies arrays element by element); in the browser it gets the bytes as they are.
 */
const IN_NODE = typeof process !== "undefined" && !!process.versions?.node && typeof Buffer !== "undefined";

function sheetJsInput(bytes: Uint8Array): { data: Uint8Array; type: "buffer" | "array" } {
  return IN_NODE ? { data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), type: "buffer" } : { data: bytes, type: "array" };
}

function parseOptions(type: "buffer" | "array", maxRows: number) {
  return {
    type,
    dense: true,
    cellFormula: true,
    cellNF: true,
    cellText: false,
    cellDates: false,
    cellHTML: false,
    bookVBA: false,
    sheetRows: maxRows === Infinity ? 0 : maxRows,
  };
}

/** What a cell's format says beyond its number format: its font, and the weight and indent of a label. */
export interface CellLook {
  font?: string;
  bold?: boolean;
  indent?: number;
}

function cellFrom(source: SheetJsCell, look: CellLook | undefined): Cell | null {
  const font = look?.font;
  let value: CellValue = null;
  let error: string | undefined;
  switch (source.t) {
    case "n":
      value = typeof source.v === "number" && Number.isFinite(source.v) ? source.v : null;
      break;
    case "s":
      value = source.v === undefined || source.v === null ? null : String(source.v);
      break;
    case "b":
      value = source.v === true;
      break;
    case "e":
      error = (typeof source.v === "number" ? ERROR_TEXT[source.v] : undefined) ?? source.w ?? "#VALUE!";
      break;
    case "d":
      value = source.v instanceof Date ? source.v.getTime() / 86_400_000 + 25_569 : null;
      break;
    default:
      if (source.f === undefined) return null;
  }
  if (source.f === undefined && value === null && error === undefined) return null;
  const cell: Cell = { value };
  if (source.f !== undefined) cell.formula = source.f;
  if (error !== undefined) cell.error = error;
  if (typeof source.z === "string" && source.z !== "General") cell.numFmt = source.z;
  if (font !== undefined) cell.font = font;
  if (look?.bold) cell.bold = true;
  if (look?.indent) cell.indent = look.indent;
  return cell;
}

/** Excel's last column (XFD), as in the lean reader. */
const EXCEL_MAX_COLUMNS = 16_384;

interface SheetExtras {
  maxRows: number;
  hidden?: boolean;
  truncatedAtRow?: number;
  lookAt?: (row: number, col: number) => CellLook | undefined;
}

function sheetFrom(name: string, ws: Record<string, unknown> | undefined, extras: SheetExtras): Sheet {
  const sheet: Sheet = { name, rows: [], merges: [] };
  if (extras.hidden) sheet.hidden = true;
  if (!ws || ws["!type"] === "chart" || ws["!type"] === "dialog") return sheet; // listed, no cells
  const data = (ws["!data"] ?? []) as (SheetJsCell[] | undefined)[];
  // Indices present, not 0..length: a damaged file can put one cell at row or column 10^9,
  // and SheetJS's dense arrays are then sparse. Cells past the row cap (SheetJS keeps an .ods
  // text cell written as one empty tag wherever it is) and past Excel's last column are dropped.
  for (const rowKey of Object.keys(data)) {
    const r = Number(rowKey);
    const line = data[r];
    if (!line) continue;
    if (r >= extras.maxRows) {
      sheet.truncatedAtRow = Math.min(sheet.truncatedAtRow ?? Infinity, extras.truncatedAtRow ?? Infinity, r + 1);
      continue;
    }
    let cells: (Cell | undefined)[] | undefined;
    for (const colKey of Object.keys(line)) {
      const c = Number(colKey);
      const source = line[c];
      if (!source || c >= EXCEL_MAX_COLUMNS) continue;
      const cell = cellFrom(source, extras.lookAt?.(r, c));
      if (!cell) continue;
      cells ??= sheet.rows[r] = [];
      cells[c] = cell;
    }
  }
  for (const m of (ws["!merges"] ?? []) as { s: { r: number; c: number }; e: { r: number; c: number } }[]) {
    sheet.merges.push({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 });
  }
  if (extras.truncatedAtRow !== undefined) sheet.truncatedAtRow = Math.min(sheet.truncatedAtRow ?? Infinity, extras.truncatedAtRow);
  clearCoveredCells(sheet);
  return sheet;
}

function gridFrom(wb: SheetJsWorkbook, extrasOf: (index: number) => SheetExtras): WorkbookGrid {
  if (wb.SheetNames.length === 0) throw new UnreadableError("corrupt", detail("the workbook lists no sheets", "sổ tính không có trang tính nào"));
  const sheets = wb.SheetNames.map((name, i) => sheetFrom(name, wb.Sheets[name] as unknown as Record<string, unknown>, extrasOf(i)));
  return { sheets };
}

function readXls(sheetJs: SheetJs, bytes: Uint8Array, maxRows: number, maxCells: number): WorkbookGrid {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new UnreadableError("too-large", detail(`${Math.round(bytes.length / MiB)} MiB file, limit ${MAX_FILE_BYTES / MiB} MiB`, `tệp ${Math.round(bytes.length / MiB)} MiB, giới hạn ${MAX_FILE_BYTES / MiB} MiB`));
  }
  let stream: Uint8Array | undefined;
  try {
    const input = sheetJsInput(bytes);
    const container = sheetJs.CFB.read(input.data, { type: input.type });
    const entry = sheetJs.CFB.find(container, "/Workbook") ?? sheetJs.CFB.find(container, "/Book");
    if (entry?.content) stream = entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content as number[]);
  } catch (error) {
    throw unreadableFromSheetJs(error);
  }
  if (!stream) {
    // The directory names a workbook stream that the container cannot give: a damaged file.
    if (containsUtf16(bytes, "Workbook") || containsUtf16(bytes, "Book")) {
      throw new UnreadableError("corrupt", detail("the .xls workbook stream cannot be read from the file", "không lấy được dữ liệu sổ tính từ tệp .xls"));
    }
    throw new UnreadableError("not-workbook", detail("an Office 97-2003 file without a workbook", "tệp Office 97-2003 nhưng không có sổ tính"));
  }
  if (stream.length > MAX_PART_INFLATED) {
    throw new UnreadableError("too-large", detail(`${Math.round(stream.length / MiB)} MiB of workbook records, limit ${MAX_PART_INFLATED / MiB} MiB`, `${Math.round(stream.length / MiB)} MiB dữ liệu sổ tính, giới hạn ${MAX_PART_INFLATED / MiB} MiB`));
  }
  const scan: BiffScan = scanBiff(stream, { maxRows, maxCells });
  let wb: SheetJsWorkbook;
  try {
    const input = sheetJsInput(bytes);
    wb = quietly(() => sheetJs.read(input.data, parseOptions(input.type, maxRows)));
  } catch (error) {
    throw unreadableFromSheetJs(error);
  }
  const fontsKnown = scan.sheets.length === wb.SheetNames.length;
  const states = wb.Workbook?.Sheets ?? [];
  return gridFrom(wb, (i) => {
    const sheetScan = fontsKnown ? scan.sheets[i] : undefined;
    return {
      maxRows,
      hidden: (states[i]?.Hidden ?? 0) > 0,
      truncatedAtRow: sheetScan?.truncatedAtRow,
      lookAt: sheetScan
        ? (r, c) => {
            const xf = sheetScan.xfByCell.get(r, c);
            return xf === undefined ? undefined : { font: scan.xfFonts[xf], bold: scan.xfBold[xf], indent: scan.xfIndent[xf] };
          }
        : undefined,
    };
  });
}

function readOds(sheetJs: SheetJs, format: Extract<WorkbookFormat, { kind: "ods" }>, maxRows: number, maxCells: number): WorkbookGrid {
  const pkg = prepareOds(format.zip, { maxRows, maxCells });
  let wb: SheetJsWorkbook;
  try {
    const input = sheetJsInput(pkg.bytes);
    wb = quietly(() => sheetJs.read(input.data, parseOptions(input.type, maxRows)));
  } catch (error) {
    throw unreadableFromSheetJs(error);
  }
  const tables: OdsTableScan[] = pkg.tables.length === wb.SheetNames.length ? pkg.tables : [];
  return gridFrom(wb, (i) => ({ maxRows, hidden: tables[i]?.hidden, truncatedAtRow: tables[i]?.truncatedAtRow }));
}

/** Read an .xls or .ods (as told by detectFormat). Throws UnreadableError. */
export function readWithSheetJs(
  sheetJs: SheetJs,
  bytes: Uint8Array,
  format: Exclude<WorkbookFormat, { kind: "ooxml" }>,
  opts: LeanReadOptions = {},
): WorkbookGrid {
  const maxRows = opts.maxRowsPerSheet ?? DEFAULT_MAX_ROWS_PER_SHEET;
  // As for .xlsx, asking for every row lifts the workbook's cell budget too.
  const maxCells = maxRows === Infinity ? Infinity : MAX_SHEETJS_CELLS;
  return format.kind === "xls" ? readXls(sheetJs, bytes, maxRows, maxCells) : readOds(sheetJs, format, maxRows, maxCells);
}
