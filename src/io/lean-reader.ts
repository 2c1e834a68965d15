/**
 * The lean workbook reader: exactly what the checks need, straight from the package XML.
 *
 * Read: sheet names, order and visibility; shared strings (rich-text runs joined, phonetic
 * runs dropped, the first run's font kept); per-cell number format and font name (legacy
 * TCVN3/VNI fonts are how old encodings are recognised); cell values, errors, formula text
 * (shared formulas rebuilt from their master) and whether a cached result exists; merges.
 * Not read: data validations, conditional formats, drawings, comments, everything else —
 * which is also why whole-column validations cost nothing here (exceljs expands them cell
 * by cell).
 *
 * Worksheets are decoded and scanned a slice at a time, row by row; rows past
 * `maxRowsPerSheet` are neither decoded nor turned into cells, and the sheet is kept in the grid with
 * `truncatedAtRow` set, so a pasted 200,000-row staff list neither slows the form's check
 * nor vanishes from the workbook.
 */
import type { Cell, Sheet, WorkbookGrid } from "../core/grid.js";
import { parseRange } from "../core/grid.js";
import { UnreadableError } from "./read-problems.js";
import { shiftFormula } from "./read-formula.js";
import * as xml from "./read-xml.js";
import {
  assertNoDoctype,
  findEntry,
  readEntryBytes,
  locateWorkbookPart,
  MAX_SHEET_INFLATED,
  readEntryText,
  xmlDecoderFor,
  type ZipArchive,
} from "./zip-guard.js";

// Bound once: some module loaders turn every `named.import()` call into a property getter,
// which is measurable in loops that run a million times.
const { attr, attrAnyPrefix, decodeCellText, decodeXml, elements, findTag, forEachElement, nextElement, rootPrefix, section, tagAt, tagEnd } = xml;

/** Forms fit in the first few hundred rows; this keeps any sheet's cost bounded by default. */
export const DEFAULT_MAX_ROWS_PER_SHEET = 10_000;

export interface LeanReadOptions {
  /** Rows after this one are not read; the sheet gets `truncatedAtRow`. */
  maxRowsPerSheet?: number;
}

/** Built-in number formats (ECMA-376 §18.8.30), as exceljs names them; id 0 (General) has none. */
const BUILTIN_NUM_FMT: Record<number, string> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

interface CellStyle {
  numFmt?: string;
  font?: string;
  /** Bold and indented labels state a form's row tree where the TT column does not. */
  bold?: boolean;
  indent?: number;
}

interface SharedString {
  text: string;
  font?: string;
}

// ---------------------------------------------------------------------------------------
// Package structure

interface Relationship {
  type: string;
  target: string;
}

function relsPathFor(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the part that owns it, as a zip entry name. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = fromPart.slice(0, fromPart.lastIndexOf("/") + 1);
  const out: string[] = [];
  for (const seg of (base + target).split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

function readRelationships(zip: ZipArchive, part: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const entry = findEntry(zip, relsPathFor(part));
  if (!entry) return rels;
  const xml = readEntryText(zip, entry);
  const p = rootPrefix(xml);
  for (const { tag } of elements(xml, p + "Relationship")) {
    const id = attr(tag, "Id");
    const target = attr(tag, "Target");
    if (!id || target === undefined || attr(tag, "TargetMode") === "External") continue;
    rels.set(id, { type: attr(tag, "Type") ?? "", target: resolveTarget(part, target) });
  }
  return rels;
}

function relOfType(rels: Map<string, Relationship>, suffix: string): Relationship | undefined {
  for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return rel;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Shared strings and inline strings

/** Text of a string item (`<si>` or `<is>` content): runs joined, phonetic runs dropped, first run's font. */
function readStringItem(inner: string, p: string): SharedString {
  const tOpen = "<" + p + "t";
  const tClose = "</" + p + "t>";
  if (inner.indexOf("<" + p + "r") < 0) {
    // plain: one <t>
    const t = findTag(inner, tOpen, 0);
    if (t < 0) return { text: "" };
    const gt = tagEnd(inner, t);
    if (gt < 0 || inner.charCodeAt(gt - 1) === 47) return { text: "" };
    const close = inner.indexOf(tClose, gt);
    return { text: decodeCellText(inner.slice(gt + 1, close < 0 ? inner.length : close)) };
  }
  let text = "";
  let font: string | undefined;
  let runs = 0;
  const rOpen = "<" + p + "r";
  const rPhOpen = "<" + p + "rPh";
  const rPhClose = "</" + p + "rPh>";
  const rFontOpen = "<" + p + "rFont";
  let i = 0;
  for (;;) {
    const lt = inner.indexOf("<", i);
    if (lt < 0) break;
    if (tagAt(inner, rPhOpen, lt)) {
      const close = inner.indexOf(rPhClose, lt);
      const gt = tagEnd(inner, lt);
      if (gt >= 0 && inner.charCodeAt(gt - 1) === 47) i = gt + 1;
      else i = close < 0 ? inner.length : close + rPhClose.length;
      continue;
    }
    const gt = tagEnd(inner, lt);
    if (gt < 0) break;
    if (tagAt(inner, rOpen, lt)) runs++;
    else if (runs === 1 && font === undefined && tagAt(inner, rFontOpen, lt)) {
      font = attr(inner.slice(lt, gt + 1), "val");
    } else if (tagAt(inner, tOpen, lt) && inner.charCodeAt(gt - 1) !== 47) {
      const close = inner.indexOf(tClose, gt);
      const end = close < 0 ? inner.length : close;
      text += decodeCellText(inner.slice(gt + 1, end));
      i = end + tClose.length;
      continue;
    }
    i = gt + 1;
  }
  return font === undefined ? { text } : { text, font };
}

/**
 * The shared-string table, decoded on demand: a pasted staff list brings 200,000 names the
 * form never uses, so only the item boundaries are found up front (one indexOf pass).
 */
class SharedStrings {
  private bounds = new Int32Array(1024); // start, end of each item's content
  private count = 0;
  private readonly decoded: (SharedString | undefined)[] = [];
  private readonly p: string;

  constructor(private readonly xml: string) {
    const p = (this.p = rootPrefix(xml));
    const open = "<" + p + "si";
    const close = "</" + p + "si>";
    let i = 0;
    for (;;) {
      const start = findTag(xml, open, i);
      if (start < 0) break;
      const gt = tagEnd(xml, start);
      if (gt < 0) break;
      if (xml.charCodeAt(gt - 1) === 47) {
        this.add(gt + 1, gt + 1);
        i = gt + 1;
        continue;
      }
      const end = xml.indexOf(close, gt);
      if (end < 0) break;
      this.add(gt + 1, end);
      i = end + close.length;
    }
  }

  private add(start: number, end: number): void {
    if (this.count >= MAX_SHARED_STRINGS) {
      throw new UnreadableError("too-large", { vi: `hơn ${MAX_SHARED_STRINGS} chuỗi dùng chung`, en: `more than ${MAX_SHARED_STRINGS} shared strings` });
    }
    if (this.count * 2 === this.bounds.length) {
      const grown = new Int32Array(this.bounds.length * 2);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    this.bounds[this.count * 2] = start;
    this.bounds[this.count * 2 + 1] = end;
    this.count++;
  }

  get(index: number): SharedString | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    let item = this.decoded[index];
    if (item === undefined) {
      item = readStringItem(this.xml.slice(this.bounds[index * 2], this.bounds[index * 2 + 1]), this.p);
      this.decoded[index] = item;
    }
    return item;
  }
}

const NO_SHARED_STRINGS = new SharedStrings("");
/** Five times a 1,000,000-name list; beyond it the table alone would cost hundreds of MB. */
const MAX_SHARED_STRINGS = 5_000_000;

// ---------------------------------------------------------------------------------------
// Styles: only number format and font name per cell format (xf)

/** Excel allows 64,000 cell formats; a styles part listing millions is an attack on memory. */
const MAX_STYLE_RECORDS = 65_536;

function readStyles(xml: string): CellStyle[] {
  const p = rootPrefix(xml);
  const formats = new Map<number, string>();
  const readFormat = ({ tag }: xml.Element) => {
    const id = Number(attr(tag, "numFmtId"));
    const code = attr(tag, "formatCode");
    if (Number.isFinite(id) && code !== undefined) formats.set(id, code);
  };
  forEachElement(section(xml, p + "numFmts"), p + "numFmt", readFormat, MAX_STYLE_RECORDS);
  const fonts: (string | undefined)[] = [];
  const boldFonts = new Set<number>();
  const readFont = ({ inner }: xml.Element) => {
    const name = nextElement(inner, p + "name", 0);
    const b = nextElement(inner, p + "b", 0);
    if (b && !/^(0|false)$/.test(attr(b.tag, "val") ?? "1")) boldFonts.add(fonts.length);
    fonts.push(name ? attr(name.tag, "val") : undefined);
  };
  forEachElement(section(xml, p + "fonts"), p + "font", readFont, MAX_STYLE_RECORDS);
  const styles: CellStyle[] = [];
  const readFormatRecord = ({ tag, inner }: xml.Element) => {
    const style: CellStyle = {};
    const fmtId = Number(attr(tag, "numFmtId") ?? 0);
    if (fmtId) {
      const code = formats.get(fmtId) ?? BUILTIN_NUM_FMT[fmtId];
      if (code !== undefined && code.toLowerCase() !== "general") style.numFmt = code;
    }
    const fontId = Number(attr(tag, "fontId") ?? 0);
    const font = fonts[fontId];
    if (font !== undefined) style.font = font;
    if (boldFonts.has(fontId)) style.bold = true;
    const alignment = inner ? nextElement(inner, p + "alignment", 0) : null;
    const indent = alignment ? Number(attr(alignment.tag, "indent") ?? 0) : 0;
    if (indent > 0 && Number.isInteger(indent)) style.indent = Math.min(indent, 250);
    styles.push(style);
  };
  forEachElement(section(xml, p + "cellXfs"), p + "xf", readFormatRecord, MAX_STYLE_RECORDS);
  return styles;
}

// ---------------------------------------------------------------------------------------
// Worksheets

interface SheetContext {
  strings: SharedStrings;
  styles: CellStyle[];
  maxRows: number;
  partName: string;
  /** Shared by all sheets of the workbook: see MAX_CELL_SLOTS_PER_WORKBOOK. */
  budget: { cellSlots: number };
}

/** Column widths are kept for the first columns only: forms are far narrower. */
const MAX_WIDTH_COLUMNS = 256;
/** Excel's last column (XFD). A cell "beyond" it is garbage that would only cost memory. */
const EXCEL_MAX_COLUMNS = 16_384;
/** Row slots (row length, i.e. the rightmost column, summed over rows) the grid may hold for a
 * whole workbook: ten 10,000-row lists of 20 columns. Per-sheet row caps alone do not bound a
 * file of 2,000 sheets with a value in column IV of every row (~2 MB zipped, >4 GB read). */
export const MAX_CELL_SLOTS_PER_WORKBOOK = 2_000_000;

interface PendingShared {
  cell: Cell;
  row: number;
  col: number;
  si: string;
}

const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel serial date

const isNameEndCode = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;

// The start tag of every cell is read here, into these three slots, without allocating:
// a form has ~1,000 cells and a consolidation reads 1,000 forms.
let attrCol = 0;
let attrStyle = 0;
let attrType = "n";
let attrSelfClosing = false;

/** The one-letter cell types, by character code, so that reading one allocates nothing. */
const ONE_LETTER_TYPES: Record<number, string> = { 98: "b", 100: "d", 101: "e", 110: "n", 115: "s" };

/** A style attribute's index: plain digits read in place; anything else as parseInt reads it. */
function styleIndex(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9 || k - from > 8) return parseInt(s.slice(from, to), 10) || 0;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Read a cell's start tag from just after its name: fills attrCol/attrStyle/attrType/
 * attrSelfClosing and returns the index of its '>' (-1 when the tag is incomplete). One pass
 * over the tag, no allocation except the type string.
 */
function readCellStartTag(s: string, from: number): number {
  attrCol = 0;
  attrStyle = 0;
  attrType = "n";
  attrSelfClosing = false;
  const n = s.length;
  let i = from;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 47 /* / */ || c === 32 || c === 9 || c === 10 || c === 13) {
      if (c === 47) attrSelfClosing = true;
      i++;
      continue;
    }
    const nameStart = i;
    let d = c;
    while (d !== 61 /* = */ && d !== 62 && d !== 34 && d !== 39 && !(d === 32 || d === 9 || d === 10 || d === 13)) {
      if (++i >= n) return -1;
      d = s.charCodeAt(i);
    }
    const nameLength = i - nameStart;
    while (d !== 34 && d !== 39) {
      if (d === 62) return i; // an attribute without a quoted value: malformed, stop at the tag end
      if (++i >= n) return -1;
      d = s.charCodeAt(i);
    }
    const valueStart = i + 1;
    const valueEnd = s.indexOf(d === 34 ? '"' : "'", valueStart);
    if (valueEnd < 0) return -1;
    if (nameLength === 1) {
      const name = s.charCodeAt(nameStart);
      if (name === 114 /* r */) {
        let col = 0;
        for (let k = valueStart; k < valueEnd; k++) {
          const ch = s.charCodeAt(k) | 32;
          if (ch < 97 || ch > 122) break;
          col = col * 26 + (ch - 96);
        }
        attrCol = col;
      } else if (name === 115 /* s */) {
        attrStyle = styleIndex(s, valueStart, valueEnd);
      } else if (name === 116 /* t */) {
        attrType = valueEnd - valueStart === 1 ? (ONE_LETTER_TYPES[s.charCodeAt(valueStart)] ?? s.slice(valueStart, valueEnd)) : s.slice(valueStart, valueEnd);
      }
    }
    i = valueEnd + 1;
  }
  return -1;
}

const enum Phase {
  Prolog,
  Rows,
  SkipRows,
  Tail,
  Done,
}

/** Scans one worksheet's XML as text arrives in pieces; rows are parsed as soon as they are complete. */
class SheetScanner {
  readonly sheet: Sheet;
  private phase = Phase.Prolog;
  private buf = "";
  private p = "";
  /** End tags of a cell's children under this sheet's prefix, built once rather than per cell. */
  private childClose = { v: "</v>", f: "</f>", is: "</is>" };
  private lastRow = 0;
  /** Where, in `buf`, the search for a pending closing tag resumes (so long elements are not rescanned). */
  private resume = 0;
  private readonly masters = new Map<string, { formula: string; row: number; col: number }>();
  private readonly pending: PendingShared[] = [];

  constructor(
    name: string,
    private readonly ctx: SheetContext,
  ) {
    this.sheet = { name, rows: [], merges: [] };
  }

  /** True once rows past the cap were met: the rest of sheetData is not needed. */
  get skipping(): boolean {
    return this.phase === Phase.SkipRows;
  }

  get prefix(): string {
    return this.p;
  }

  /** Feed the next piece of text; false once nothing more is needed. */
  feed(text: string): boolean {
    this.buf = this.buf.length ? this.buf + text : text;
    let pos = 0;
    for (;;) {
      switch (this.phase) {
        case Phase.Prolog: {
          const start = findTag(this.buf, "<" + rootPrefix(this.buf) + "sheetData", this.resume);
          if (start < 0) {
            // keep the head (sheetPr, cols…) whole for the DTD check; search only the new text next time
            this.resume = Math.max(0, this.buf.length - 64);
            return true;
          }
          assertNoDoctype(this.buf.slice(0, start), this.ctx.partName);
          this.p = rootPrefix(this.buf);
          this.readColumnWidths(this.buf.slice(0, start));
          this.childClose = { v: `</${this.p}v>`, f: `</${this.p}f>`, is: `</${this.p}is>` };
          const gt = tagEnd(this.buf, start);
          if (gt < 0) return true;
          this.resume = 0;
          pos = gt + 1;
          this.phase = this.buf.charCodeAt(gt - 1) === 47 ? Phase.Tail : Phase.Rows;
          break;
        }
        case Phase.Rows:
          pos = this.scanRows(pos);
          if (this.phase === Phase.Rows) {
            this.buf = this.buf.slice(pos);
            return true;
          }
          break;
        case Phase.SkipRows: {
          const end = this.buf.indexOf("</" + this.p + "sheetData", pos);
          if (end < 0) {
            this.buf = this.buf.slice(Math.max(pos, this.buf.length - 32));
            return true;
          }
          pos = end;
          this.phase = Phase.Tail;
          break;
        }
        case Phase.Tail: {
          // merges follow sheetData; everything else there (validations, formats…) is not needed
          const open = findTag(this.buf, "<" + this.p + "mergeCells", pos);
          if (open < 0) {
            this.buf = this.buf.slice(Math.max(pos, this.buf.length - 32));
            return true;
          }
          const gt = tagEnd(this.buf, open);
          if (gt < 0) {
            this.buf = this.buf.slice(open);
            return true;
          }
          if (this.buf.charCodeAt(gt - 1) !== 47) {
            const closeTag = "</" + this.p + "mergeCells>";
            const close = this.buf.indexOf(closeTag, Math.max(gt, open + this.resume));
            if (close < 0) {
              this.buf = this.buf.slice(open);
              this.resume = this.buf.length - closeTag.length;
              return true;
            }
            this.readMerges(this.buf.slice(gt + 1, close));
          }
          this.phase = Phase.Done;
          this.buf = "";
          return false;
        }
        case Phase.Done:
          return false;
      }
    }
  }

  /** `<cols>`: the widths a form's template gives its columns, for a report that reproduces it. */
  private readColumnWidths(head: string): void {
    const cols = nextElement(head, this.p + "cols", 0);
    if (!cols) return;
    const widths: Record<number, number> = {};
    let any = false;
    forEachElement(
      cols.inner,
      this.p + "col",
      ({ tag }) => {
        const min = Number(attr(tag, "min"));
        const max = Math.min(Number(attr(tag, "max")), min + MAX_WIDTH_COLUMNS, MAX_WIDTH_COLUMNS);
        const width = Number(attr(tag, "width"));
        if (!Number.isInteger(min) || min < 1 || !Number.isFinite(width) || width < 0 || width > 255) return;
        for (let c = min; c <= max; c++) {
          widths[c] = Math.round(width * 100) / 100;
          any = true;
        }
      },
      MAX_WIDTH_COLUMNS,
    );
    if (any) this.sheet.columnWidths = widths;
  }

  private readMerges(inner: string): void {
    const keep = ({ tag }: xml.Element) => {
      const ref = attr(tag, "ref");
      const range = ref ? parseRange(ref) : null;
      // merges that start below the rows kept describe nothing in the grid
      if (range && range.top <= this.ctx.maxRows) this.sheet.merges.push(range);
    };
    forEachElement(inner, this.p + "mergeCell", keep, MAX_MERGES_PER_SHEET);
  }

  /** Parse complete rows from `pos`; returns where the unparsed remainder starts. */
  private scanRows(from: number): number {
    const buf = this.buf;
    const rowOpen = "<" + this.p + "row";
    const rowClose = "</" + this.p + "row>";
    const dataClose = "</" + this.p + "sheetData";
    let pos = from;
    for (;;) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) return buf.length;
      if (tagAt(buf, rowOpen, lt)) {
        const gt = tagEnd(buf, lt);
        if (gt < 0) {
          if (buf.length - lt > MAX_TAG_LENGTH) throw new UnreadableError("corrupt", { vi: `thẻ hàng dài bất thường ở ${this.ctx.partName}`, en: `an absurdly long row tag in ${this.ctx.partName}` });
          return lt;
        }
        const rowTag = buf.slice(lt, gt + 1);
        const selfClosing = buf.charCodeAt(gt - 1) === 47;
        let end = gt + 1;
        let inner = "";
        if (!selfClosing) {
          const close = buf.indexOf(rowClose, Math.max(gt, lt + this.resume));
          if (close < 0) {
            // the row continues in the next piece: the text before the new piece needs no second search
            this.resume = buf.length - rowClose.length - lt;
            return lt;
          }
          this.resume = 0;
          inner = buf.slice(gt + 1, close);
          end = close + rowClose.length;
        }
        const n = Number(attr(rowTag, "r"));
        const r = Number.isInteger(n) && n >= 1 ? n : this.lastRow + 1;
        this.lastRow = r;
        if (r > this.ctx.maxRows || this.ctx.budget.cellSlots <= 0) {
          if (this.hasContent(inner)) {
            this.sheet.truncatedAtRow = r;
            this.phase = Phase.SkipRows;
            return lt;
          }
        } else if (inner) this.readRow(r, inner);
        pos = end;
        continue;
      }
      if (buf.startsWith(dataClose, lt)) {
        this.phase = Phase.Tail;
        return lt;
      }
      pos = lt + 1;
    }
  }

  private hasContent(rowInner: string): boolean {
    const p = this.p;
    return findTag(rowInner, "<" + p + "v", 0) >= 0 || findTag(rowInner, "<" + p + "is", 0) >= 0 || findTag(rowInner, "<" + p + "f", 0) >= 0;
  }

  private readRow(r: number, inner: string): void {
    const p = this.p;
    const cOpen = "<" + p + "c";
    let cells = this.sheet.rows[r - 1];
    let col = 0;
    let i = 0;
    for (;;) {
      const start = findTag(inner, cOpen, i);
      if (start < 0) break;
      const gt = readCellStartTag(inner, start + cOpen.length);
      if (gt < 0) break;
      col = attrCol || col + 1;
      if (attrSelfClosing) {
        i = gt + 1;
        continue; // style only: no value, no formula
      }
      const cell = this.readCell(inner, gt + 1, r, col);
      i = this.cellEnd;
      if (!cell || col > EXCEL_MAX_COLUMNS) continue;
      if (!cells) cells = this.sheet.rows[r - 1] = [];
      cells[col - 1] = cell;
    }
    if (cells) this.ctx.budget.cellSlots -= cells.length;
  }

  /** Where the cell last read by readCell ends (just after its end tag). */
  private cellEnd = 0;

  /**
   * The cell whose content starts at `from`, its start tag already read into attrCol/
   * attrStyle/attrType. Children (v, f, is) are consumed with their end tags, so the first
   * other end tag met is the cell's own.
   */
  private readCell(s: string, from: number, row: number, col: number): Cell | null {
    const p = this.p;
    const type = attrType;
    const style = this.ctx.styles[attrStyle];

    let raw: string | undefined;
    let fTag: string | undefined;
    let fText = "";
    let isInner: string | undefined;
    const nameOffset = 1 + p.length;
    let i = from;
    let to = s.length;
    for (;;) {
      const lt = s.indexOf("<", i);
      if (lt < 0) break;
      const gt = tagEnd(s, lt);
      if (gt < 0) break;
      if (s.charCodeAt(lt + 1) === 47 /* </c> */) {
        to = gt + 1;
        break;
      }
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      const n = lt + nameOffset;
      const c0 = s.charCodeAt(n);
      let name: "" | "v" | "f" | "is" = "";
      if (c0 === 118 /* v */ && isNameEndCode(s.charCodeAt(n + 1))) name = "v";
      else if (c0 === 102 /* f */ && isNameEndCode(s.charCodeAt(n + 1))) name = "f";
      else if (c0 === 105 /* i */ && s.charCodeAt(n + 1) === 115 && isNameEndCode(s.charCodeAt(n + 2))) name = "is";
      if (!name || (p && !s.startsWith(p, lt + 1))) {
        i = gt + 1;
        continue;
      }
      let text = "";
      if (selfClosing) i = gt + 1;
      else {
        const closeTag = this.childClose[name];
        const close = s.indexOf(closeTag, gt);
        const end = close < 0 ? s.length : close;
        text = s.slice(gt + 1, end);
        i = end + closeTag.length;
      }
      if (name === "v") raw = text;
      else if (name === "f") {
        fTag = s.slice(lt, gt + 1);
        fText = text;
      } else isInner = text;
    }

    this.cellEnd = to;

    let formula: string | undefined;
    let sharedChild: string | undefined;
    if (fTag !== undefined) {
      const fType = attr(fTag, "t");
      formula = decodeXml(fText);
      if (fType === "shared") {
        const si = attr(fTag, "si") ?? "";
        if (formula) this.masters.set(si, { formula, row, col });
        else {
          const master = this.masters.get(si);
          if (master) formula = shiftFormula(master.formula, row - master.row, col - master.col);
          else sharedChild = si;
        }
      } else if (fType === "dataTable") {
        formula = `TABLE(${attr(fTag, "r1") ?? ""},${attr(fTag, "r2") ?? ""})`;
      }
    }

    let value: Cell["value"] = null;
    let error: string | undefined;
    let font = style?.font;
    let hasCache = raw !== undefined;
    switch (type) {
      case "s": {
        const item = raw !== undefined ? this.ctx.strings.get(Number(raw)) : undefined;
        value = item ? item.text : null; // an index past the table: nothing to show, as in Excel
        if (item?.font !== undefined) font = item.font;
        break;
      }
      case "inlineStr": {
        if (isInner !== undefined) {
          const item = readStringItem(isInner, p);
          value = item.text;
          if (item.font !== undefined) font = item.font;
        } else if (raw !== undefined) value = decodeCellText(raw);
        break;
      }
      case "str":
        if (raw !== undefined) value = decodeCellText(raw);
        break;
      case "b":
        if (raw !== undefined) value = raw.trim() === "1" || raw.trim() === "true";
        break;
      case "e":
        if (raw !== undefined) error = decodeXml(raw).trim();
        break;
      case "d": {
        const ms = raw ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : raw + "Z") : NaN;
        if (Number.isFinite(ms)) value = ms / 86_400_000 + EXCEL_EPOCH_DAYS;
        break;
      }
      default: {
        // "n": an empty <v/> on a formula means no cached result (openpyxl writes that)
        if (raw !== undefined && raw.trim() !== "") {
          const n = Number(raw);
          value = Number.isFinite(n) ? n : null;
        } else hasCache = false;
      }
    }
    if (formula === undefined && sharedChild === undefined && value === null && error === undefined) return null;

    const cell: Cell = { value };
    if (formula !== undefined || sharedChild !== undefined) {
      cell.formula = formula ?? "";
      if (!hasCache) cell.noCachedValue = true;
    }
    if (error !== undefined) cell.error = error;
    if (style?.numFmt !== undefined) cell.numFmt = style.numFmt;
    if (font !== undefined) cell.font = font;
    if (style?.bold) cell.bold = true;
    if (style?.indent) cell.indent = style.indent;
    if (sharedChild !== undefined) this.pending.push({ cell, row, col, si: sharedChild });
    return cell;
  }

  /** After the last piece: late shared-formula masters, and cells hidden under merges. */
  finish(): Sheet {
    for (const pend of this.pending) {
      const master = this.masters.get(pend.si);
      if (master) pend.cell.formula = shiftFormula(master.formula, pend.row - master.row, pend.col - master.col);
    }
    if (this.phase !== Phase.Done && this.buf) {
      // a sheet that ended without its closing tags: whatever merges are there still count
      const m = nextElement(this.buf, this.p + "mergeCells", 0);
      if (m) this.readMerges(m.inner);
    }
    clearCoveredCells(this.sheet);
    return this.sheet;
  }
}

/**
 * Excel shows only the top-left cell of a merge; values left in the other cells by some
 * writers are invisible to the user, so they are dropped as exceljs and Excel do.
 */
export function clearCoveredCells(sheet: Sheet): void {
  // Overlapping whole-sheet merges (invalid, but writable) would otherwise cost merges × cells.
  let work = MAX_MERGE_CLEARING_STEPS;
  for (const m of sheet.merges) {
    const last = Math.min(m.bottom, sheet.rows.length);
    for (let r = m.top; r <= last; r++) {
      const cells = sheet.rows[r - 1];
      if (!cells) continue;
      const right = Math.min(m.right, cells.length);
      if ((work -= right - m.left + 1) < 0) return;
      for (let c = m.left; c <= right; c++) if ((r !== m.top || c !== m.left) && cells[c - 1]) cells[c - 1] = undefined;
    }
  }
}

/** Far more merges than any form has (a form has ~20; a big list a few thousand). */
const MAX_MERGES_PER_SHEET = 100_000;
const MAX_MERGE_CLEARING_STEPS = 4_000_000;

/** No real start tag is this long; a longer one is garbage that would only be rescanned. */
const MAX_TAG_LENGTH = 1024 * 1024;

/** Text is handed to the scanner in slices this big, so rows past the cap are never decoded. */
const DECODE_STEP = 1024 * 1024;

function readSheet(zip: ZipArchive, partName: string, name: string, ctx: Omit<SheetContext, "partName">): Sheet {
  const scanner = new SheetScanner(name, { ...ctx, partName });
  const entry = findEntry(zip, partName);
  if (!entry) return scanner.finish(); // a relationship to a missing part: keep the sheet, empty
  const bytes = readEntryBytes(zip, entry, MAX_SHEET_INFLATED);
  const decoder = xmlDecoderFor(bytes);
  for (let off = 0; off < bytes.length; off += DECODE_STEP) {
    const end = Math.min(off + DECODE_STEP, bytes.length);
    if (!scanner.feed(decoder.decode(bytes.subarray(off, end), { stream: end < bytes.length }))) break;
    if (scanner.skipping && decoder.encoding === "utf-8") {
      // Past the cap: jump straight to the end of sheetData for the merges after it.
      const close = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).lastIndexOf("</" + scanner.prefix + "sheetData");
      if (close >= end) {
        scanner.feed(new TextDecoder().decode(bytes.subarray(close)));
        break;
      }
    }
  }
  return scanner.finish();
}

// ---------------------------------------------------------------------------------------

/** Read a workbook from an opened (guarded) zip. Throws UnreadableError for unreadable content. */
export function readWorkbookLean(zip: ZipArchive, opts: LeanReadOptions = {}): WorkbookGrid {
  const maxRows = opts.maxRowsPerSheet ?? DEFAULT_MAX_ROWS_PER_SHEET;
  // Asking for every row (maxRowsPerSheet: Infinity) lifts the workbook budget too.
  const budget = { cellSlots: maxRows === Infinity ? Infinity : MAX_CELL_SLOTS_PER_WORKBOOK };
  const rootRels = readRelationships(zip, "");
  const workbookPart = locateWorkbookPart(zip, relOfType(rootRels, "/officeDocument")?.target);
  const workbookXml = readEntryText(zip, findEntry(zip, workbookPart)!);
  const rels = readRelationships(zip, workbookPart);

  const base = workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1);
  const stylesEntry = findEntry(zip, relOfType(rels, "/styles")?.target ?? base + "styles.xml");
  const styles = stylesEntry ? readStyles(readEntryText(zip, stylesEntry)) : [];
  const stringsEntry = findEntry(zip, relOfType(rels, "/sharedStrings")?.target ?? base + "sharedStrings.xml");
  const strings = stringsEntry ? new SharedStrings(readEntryText(zip, stringsEntry)) : NO_SHARED_STRINGS;

  const p = rootPrefix(workbookXml);
  const sheets: Sheet[] = [];
  const sheetTags = elements(section(workbookXml, p + "sheets"), p + "sheet");
  if (sheetTags.length === 0) {
    throw new UnreadableError("corrupt", { vi: "sổ tính không có trang tính nào", en: "the workbook lists no sheets" });
  }
  sheetTags.forEach(({ tag }, index) => {
    const name = attr(tag, "name") ?? `Sheet${index + 1}`;
    const relId = attrAnyPrefix(tag, "id");
    const rel = relId ? rels.get(relId) : undefined;
    const sheet =
      rel && rel.type.endsWith("/worksheet")
        ? readSheet(zip, rel.target, name, { strings, styles, maxRows, budget })
        : { name, rows: [], merges: [] }; // chart sheets, dialog sheets: listed, no cells
    const state = attr(tag, "state");
    if (state === "hidden" || state === "veryHidden") sheet.hidden = true;
    sheets.push(sheet);
  });
  return { sheets };
}
