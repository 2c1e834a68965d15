/**
 * One pass over the record stream of an Excel 97-2003 (BIFF8) or Excel 5.0/95 (BIFF5)
 * workbook, before SheetJS parses it, for what SheetJS does not give and what must be known
 * first:
 *
 * - each cell's font name. Legacy Vietnamese text (TCVN3 ".VnTime", VNI "VNI-Times") is
 *   recognised by its font first, and SheetJS reads the FONT and XF records of a .xls but
 *   keeps neither on its cells;
 * - whether the file is password-protected (a FILEPASS record), so that the sender is told so;
 * - how many cells SheetJS would build, so that a file declaring millions of cells is refused
 *   before they are built (the same cell budget as the .xlsx reader);
 * - whether the stream is whole: every record inside the stream, every BOF closed by its EOF.
 *
 * Records are walked by their declared lengths, each checked against the end of the stream,
 * so the pass is linear in the stream's size whatever the records claim.
 */
import { UnreadableError } from "./read-problems.js";

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const FONT = 0x0031;
const XF = 0x00e0;
const BOUNDSHEET = 0x0085;

/** Cell records whose first six bytes are row, column and XF index. */
const SINGLE_CELL_RECORDS = new Set([
  0x0006, // FORMULA
  0x00fd, // LABELSST
  0x0204, // LABEL
  0x00d6, // RSTRING
  0x0203, // NUMBER
  0x027e, // RK
  0x0205, // BOOLERR
]);
const MULRK = 0x00bd;
const FORMULA = 0x0006;
const ARRAY = 0x0221;
const ARRAY_BIFF2 = 0x0021;
/** Above this many (array formulas × formula cells), SheetJS's per-formula range search is too slow. */
const MAX_ARRAY_FORMULA_WORK = 50_000_000;
/** BIFF2 cell records that SheetJS also accepts inside a later stream: counted, no font. */
const BIFF2_CELL_RECORDS = new Set([0x0002, 0x0003, 0x0004, 0x0005, 0x0006]);

/** BIFF5/8 have at most 256 columns (IV): row * 256 + column is a unique cell key. */
const BIFF_COLUMNS = 256;

export interface BiffSheetScan {
  /** Where the sheet's substream starts in the stream (SheetJS orders its sheets by this too). */
  position: number;
  /** XF index of each value cell (0-based row and column), for its font. */
  xfByCell: XfTable;
  /** Value cells under the row cap (the first walk's count sizes the table). */
  cells: number;
  /** 1-based number of the first row past the row cap that holds a value, if any. */
  truncatedAtRow?: number;
}

/**
 * Cell → XF index, in two typed arrays (open addressing): a .xls list of 500,000 cells costs
 * 3 MB and no garbage, where a Map of numbers cost seconds on a busy machine.
 */
export class XfTable {
  private readonly keys: Int32Array;
  private readonly values: Uint16Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.values = new Uint16Array(size);
    this.mask = size - 1;
  }

  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  private used = 0;

  set(row: number, col: number, xf: number): void {
    const key = row * BIFF_COLUMNS + col + 1; // 0 marks an empty slot
    const i = this.slot(key);
    if (this.keys[i] === 0) {
      // never more than half full, so that a probe always ends (the table is sized from a count)
      if (this.used * 2 >= this.keys.length) return;
      this.used++;
    }
    this.keys[i] = key;
    this.values[i] = xf;
  }

  get(row: number, col: number): number | undefined {
    if (col >= BIFF_COLUMNS) return undefined;
    const i = this.slot(row * BIFF_COLUMNS + col + 1);
    return this.keys[i] === 0 ? undefined : this.values[i];
  }
}

export interface BiffScan {
  /** 5 (Excel 5.0/95) or 8 (Excel 97-2003). */
  biff: 5 | 8;
  /** Font name of each XF record, in XF order. */
  xfFonts: (string | undefined)[];
  /** Per XF: bold type and indent level (forms that show their row tree by style). */
  xfBold: boolean[];
  xfIndent: number[];
  /** Every sheet the workbook lists, in stream order (as SheetJS's SheetNames). */
  sheets: BiffSheetScan[];
  /** Value cells SheetJS will build (rows under the cap only). */
  cells: number;
}

export interface BiffScanLimits {
  /** Rows after this one (1-based) are not built. */
  maxRows: number;
  /** Refuse when more value cells than this would be built. */
  maxCells: number;
}

const detail = (en: string, vi: string) => ({ vi, en });

function corrupt(en: string, vi: string): UnreadableError {
  return new UnreadableError("corrupt", detail(en, vi));
}

/** A BIFF8 short Unicode string (cch, flags, characters) or a BIFF5 byte string (cch, bytes). */
function shortString(data: Uint8Array, at: number, biff: 5 | 8): string | undefined {
  if (at >= data.length) return undefined;
  const cch = data[at];
  let p = at + 1;
  let wide = false;
  if (biff === 8) {
    if (p >= data.length) return undefined;
    wide = (data[p] & 0x01) === 1;
    p += 1;
  }
  const end = Math.min(data.length, p + cch * (wide ? 2 : 1));
  let text = "";
  if (wide) for (let i = p; i + 1 < end; i += 2) text += String.fromCharCode(data[i] | (data[i + 1] << 8));
  else for (let i = p; i < end; i++) text += String.fromCharCode(data[i]);
  return text;
}

/**
 * Walk the Workbook (BIFF8) or Book (BIFF5) stream. Throws UnreadableError: "encrypted" for a
 * password-protected file, "too-large" past `maxCells`, "corrupt" for a stream that is cut off
 * or not BIFF, "legacy-xls" for BIFF2-4 inside a compound file.
 */
export function scanBiff(stream: Uint8Array, limits: BiffScanLimits): BiffScan {
  const u16 = (o: number) => stream[o] | (stream[o + 1] << 8);
  const u32 = (o: number) => (u16(o) | (u16(o + 2) << 16)) >>> 0;
  if (stream.length < 8 || u16(0) !== BOF) {
    if (stream.length >= 2 && (u16(0) === 0x0009 || u16(0) === 0x0209 || u16(0) === 0x0409)) throw new UnreadableError("legacy-xls");
    throw corrupt("the workbook stream does not start with a BOF record", "luồng dữ liệu sổ tính không bắt đầu bằng bản ghi BOF");
  }
  const version = u16(4);
  const biff: 5 | 8 = version === 0x0500 ? 5 : 8;

  /**
   * One walk of the records. The first only counts (no allocation per cell), so that a file
   * declaring millions of cells is refused at once; the second, for a file within the limits,
   * keeps each cell's XF index.
   */
  const walk = (collect: boolean, counted?: Map<number, number>) => {
    const fonts: string[] = [];
    const boldFonts: boolean[] = [];
    const xfFontIndex: number[] = [];
    const xfIndent: number[] = [];
    const sheetAt = new Map<number, BiffSheetScan>();
    let current: BiffSheetScan | undefined;
    let depth = 0;
    let substreams = 0;
    let cells = 0;
    let formulas = 0;
    let arrays = 0;

    const noteCell = (row: number, col: number, xf: number | undefined) => {
      if (!current) return;
      if (row >= limits.maxRows) {
        if (current.truncatedAtRow === undefined || row + 1 < current.truncatedAtRow) current.truncatedAtRow = row + 1;
        return;
      }
      if (++cells > limits.maxCells) {
        throw new UnreadableError("too-large", detail(`more than ${limits.maxCells.toLocaleString("en")} cells`, `hơn ${limits.maxCells.toLocaleString("vi")} ô dữ liệu`));
      }
      current.cells++;
      if (collect && xf !== undefined && col < BIFF_COLUMNS) current.xfByCell.set(row, col, xf);
    };

    let p = 0;
    while (p + 4 <= stream.length) {
      const type = u16(p);
      const length = u16(p + 2);
      if (depth === 0 && type !== BOF) break; // what follows the last EOF (padding) is read by no one
      const start = p + 4;
      const end = start + length;
      if (end > stream.length) throw corrupt("a record runs past the end of the workbook stream (truncated file)", "một bản ghi vượt quá cuối luồng dữ liệu (tệp bị cắt cụt)");
      if (type === BOF) {
        if (depth === 0) {
          substreams++;
          if (substreams > 1) current = sheetAt.get(p);
        }
        depth++;
      } else if (type === EOF) {
        depth--;
        if (depth < 0) throw corrupt("an EOF record without its BOF", "bản ghi EOF không có BOF tương ứng");
        if (depth === 0) current = undefined;
      } else if (substreams === 1 && depth === 1) {
        // workbook globals
        if (type === FILEPASS) throw new UnreadableError("encrypted");
        else if (type === FONT) {
          fonts.push(shortString(stream.subarray(start, end), 14, biff) ?? "");
          // bls, the weight: 700 and above is bold (a parent row, in forms that show their tree so)
          boldFonts.push(length >= 8 && u16(start + 6) >= 700);
        } else if (type === XF && length >= 2) {
          xfFontIndex.push(u16(start));
          // BIFF8 keeps the indent level in the low bits of byte 8.
          xfIndent.push(biff === 8 && length >= 9 ? stream[start + 8] & 0x0f : 0);
        }
        else if (type === BOUNDSHEET && length >= 4) {
          const position = u32(start);
          // sized from the first walk's count of this sheet's cells (a set of the same cells)
          sheetAt.set(position, { position, cells: 0, xfByCell: new XfTable(collect ? (counted?.get(position) ?? 0) : 0) });
        }
      } else if (current && depth === 1) {
        if (SINGLE_CELL_RECORDS.has(type) && length >= 6) {
          noteCell(u16(start), u16(start + 2), u16(start + 4));
          if (type === FORMULA) formulas++;
        } else if (type === MULRK && length >= 6) {
          const row = u16(start);
          const first = u16(start + 2);
          const count = Math.floor((length - 6) / 6);
          for (let i = 0; i < count; i++) noteCell(row, first + i, u16(start + 4 + i * 6));
        } else if (type === ARRAY || type === ARRAY_BIFF2) arrays++;
        else if (BIFF2_CELL_RECORDS.has(type) && length >= 4) noteCell(u16(start), u16(start + 2), undefined);
      }
      p = end;
    }
    if (depth !== 0) throw corrupt("the workbook stream ends inside a sheet (truncated file)", "luồng dữ liệu kết thúc giữa chừng một trang tính (tệp bị cắt cụt)");
    // SheetJS looks every formula cell up in the list of array-formula ranges.
    if (arrays * formulas > MAX_ARRAY_FORMULA_WORK) {
      throw new UnreadableError("too-large", detail(`${arrays} array formulas over ${formulas} formulas`, `${arrays} công thức mảng trên ${formulas} công thức`));
    }
    return { fonts, boldFonts, xfFontIndex, xfIndent, sheetAt, cells };
  };

  const first = walk(false);
  const counted = new Map([...first.sheetAt.values()].map((sheet) => [sheet.position, sheet.cells]));
  const { fonts, boldFonts, xfFontIndex, xfIndent, sheetAt, cells } = walk(true, counted);

  // BIFF font indices skip 4 (a historical gap): index 5 is the fifth FONT record.
  const record = (i: number) => (i < 4 ? i : i - 1);
  const xfFonts = xfFontIndex.map((i) => fonts[record(i)] || undefined);
  const xfBold = xfFontIndex.map((i) => boldFonts[record(i)] === true);
  const sheets = [...sheetAt.values()].sort((a, b) => a.position - b.position);
  return { biff, xfFonts, xfBold, xfIndent, sheets, cells };
}
