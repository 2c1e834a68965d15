/**
 * The feedback workbook sent back to an agency: its own workbook, every part that carries its
 * data copied as it was stored, with a first sheet `Phản hồi` (status, then every finding with
 * a link to its cell, what is wrong and what to do) and the form's cells marked (a fill on a
 * copy of the cell's own format: value, formula, number format and font stay as they are) and
 * noted. This is package surgery, not a load and save through a workbook library, which would
 * rewrite (and drop) what it does not understand.
 *
 * A file that cannot be opened as a workbook package gets a workbook of its own holding just
 * the `Phản hồi` sheet. Bytes in, bytes out: no file system, runs in the task pane as in the CLI.
 */
import { Zip, ZipPassThrough } from "fflate";
import {
  FEEDBACK_SHEET_NAME,
  type FeedbackSheetText,
  type FeedbackSubject,
  type SummaryLine,
  cellNotes,
  feedbackFileName,
  feedbackSheetText,
  needsFeedback,
  summaryCsv,
  uniqueName,
} from "../core/feedback.js";
import type { Lang, Severity } from "../core/findings.js";
import { columnLetter } from "../core/grid.js";
import { addNotes } from "./cell-notes.js";
import {
  CONTENT_TYPE,
  type Crc32,
  type DeflateRaw,
  NS,
  PackageEditor,
  REL_TYPE,
  XML_DECLARATION,
  escapeXml,
  findElement,
  insertAt,
  relIdAttr,
  removeAttr,
  setAttr,
  tagEndAt,
  xstring,
} from "./package-edit.js";
import { attr, attrAnyPrefix, rootPrefix } from "./read-xml.js";
import { MAX_SHEET_INFLATED, openZip } from "./zip-guard.js";

export type { Crc32, DeflateRaw } from "./package-edit.js";

export interface FeedbackOptions {
  lang: Lang;
  /** Raw DEFLATE for the parts written; fflate's by default (the CLI passes Node's zlib). */
  deflateRaw?: DeflateRaw;
  /** CRC-32 of the parts written; fflate's by default (the CLI passes Node's zlib.crc32 where it has one). */
  crc32?: Crc32;
}

export interface FeedbackWorkbook {
  bytes: Uint8Array;
  /** ".xlsm" when the agency's workbook is macro-enabled (Excel refuses such a package named .xlsx). */
  extension: ".xlsx" | ".xlsm";
  /** True: the agency's own workbook with the sheet and the notes; false: a workbook of its own. */
  annotated: boolean;
  /** Cells that got a note. */
  notes: number;
}

/** The feedback workbook for one input; `original` null when its bytes are not at hand. Never throws. */
export function writeFeedbackWorkbook(original: Uint8Array | null, subject: FeedbackSubject, opts: FeedbackOptions): FeedbackWorkbook {
  // An unreadable input (not a package, encrypted, damaged, hostile) is not opened again.
  if (original && !subject.findings.some((f) => f.code === "file.unreadable")) {
    try {
      return annotate(original, subject, opts);
    } catch {
      // a package this surgery cannot follow: the feedback is written on its own, and says so
    }
  }
  return standalone(subject, opts);
}

/** The summary's file name in the feedback directory (or archive). */
export const SUMMARY_CSV = "tong-hop-phan-hoi.csv";

export interface FeedbackFile {
  /** File name, unique among the feedback files (compared without case). */
  name: string;
  bytes: Uint8Array;
  /** "workbook": an agency's feedback workbook; "summary": tong-hop-phan-hoi.csv (always last). */
  kind: "workbook" | "summary";
  /** The input it answers (its displayed name), for a workbook. */
  source: string | null;
  annotated: boolean;
  /** Cells noted. */
  notes: number;
}

/**
 * Every feedback file for the subjects, one at a time (so that a caller can write each and let
 * it go): a workbook for each subject with findings, in order, then the summary CSV.
 * `original(i)` gives subject i's input bytes, or null when they are not at hand.
 */
export function* feedbackFiles(subjects: readonly FeedbackSubject[], original: (index: number) => Uint8Array | null, opts: FeedbackOptions): Generator<FeedbackFile> {
  const taken = new Set<string>([SUMMARY_CSV.toLowerCase()]);
  const lines: SummaryLine[] = [];
  for (let i = 0; i < subjects.length; i++) {
    const subject = subjects[i];
    if (!needsFeedback(subject)) {
      lines.push({ subject, feedbackFile: null });
      continue;
    }
    const workbook = writeFeedbackWorkbook(original(i), subject, opts);
    const name = uniqueName(feedbackFileName(subject.file!, workbook.extension), taken);
    lines.push({ subject, feedbackFile: name });
    yield { name, bytes: workbook.bytes, kind: "workbook", source: subject.file, annotated: workbook.annotated, notes: workbook.notes };
  }
  yield { name: SUMMARY_CSV, bytes: new TextEncoder().encode(summaryCsv(lines, opts.lang)), kind: "summary", source: null, annotated: false, notes: 0 };
}

/** Every feedback file in one archive (the pane's "all feedback" download). Stored: .xlsx is compressed already. */
export function zipFiles(files: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const file of files) {
    const entry = new ZipPassThrough(file.name);
    zip.add(entry);
    entry.push(file.bytes, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Styles: only appended (fonts, fills, borders, cell formats), so every existing index holds

const MARK_FILL: Record<Severity, string> = { error: "FFFFC7CE", warning: "FFFFEB9C", info: "FFDDEBF7" };
const HEADING_FILL = "FFF2F2F2";
const LINK_COLOR = "FF0563C1";

interface SectionEdit {
  name: string;
  count: number;
  added: string[];
}

/** The workbook's styles part, with what the feedback needs appended. */
class StyleBook {
  private readonly p: string;
  private readonly sections: Record<"fonts" | "fills" | "borders" | "cellXfs", SectionEdit>;
  private readonly xfs: string[];
  private readonly hasStyleXfs: boolean;
  private readonly marked = new Map<string, number>();
  private readonly markFill: Partial<Record<Severity, number>> = {};
  private readonly fontName: string;
  private readonly fontSize: string;

  constructor(private readonly xml: string) {
    const p = (this.p = rootPrefix(xml));
    const section = (name: "fonts" | "fills" | "borders" | "cellXfs", child: string): SectionEdit => {
      const span = findElement(xml, p + name);
      if (!span || span.selfClosing) throw new Error(`styles without <${name}>`);
      const inner = xml.slice(span.contentStart, span.contentEnd);
      const count = (inner.match(new RegExp(`<${p}${child}[\\s/>]`, "g")) ?? []).length;
      return { name, count, added: [] };
    };
    this.sections = { fonts: section("fonts", "font"), fills: section("fills", "fill"), borders: section("borders", "border"), cellXfs: section("cellXfs", "xf") };
    const xfsSpan = findElement(xml, p + "cellXfs")!;
    const xfsInner = xml.slice(xfsSpan.contentStart, xfsSpan.contentEnd);
    this.xfs = [];
    const re = new RegExp(`<${p}xf[\\s/>]`, "g");
    for (let m = re.exec(xfsInner); m; m = re.exec(xfsInner)) {
      const gt = tagEndAt(xfsInner, m.index);
      const close = gt < 0 ? -1 : xfsInner.charCodeAt(gt - 1) === 47 ? gt + 1 : xfsInner.indexOf(`</${p}xf>`, gt);
      if (close < 0) throw new Error("styles: an unterminated <xf>");
      const end = xfsInner.charCodeAt(gt - 1) === 47 ? close : close + `</${p}xf>`.length;
      this.xfs.push(xfsInner.slice(m.index, end));
      re.lastIndex = end;
    }
    this.hasStyleXfs = findElement(xml, p + "cellStyleXfs") !== null;
    const fonts = findElement(xml, p + "fonts")!;
    const firstFont = xml.slice(fonts.contentStart, fonts.contentEnd);
    this.fontName = /<(?:\w+:)?name\s+val="([^"]*)"/.exec(firstFont)?.[1] ?? "Times New Roman";
    this.fontSize = /<(?:\w+:)?sz\s+val="([\d.]+)"/.exec(firstFont)?.[1] ?? "11";
  }

  private add(section: "fonts" | "fills" | "borders" | "cellXfs", element: string): number {
    const s = this.sections[section];
    s.added.push(element);
    return s.count + s.added.length - 1;
  }

  font(opts: { bold?: boolean; underline?: boolean; size?: string; color?: string }): number {
    const p = this.p;
    return this.add(
      "fonts",
      `<${p}font>${opts.bold ? `<${p}b/>` : ""}${opts.underline ? `<${p}u/>` : ""}<${p}sz val="${opts.size ?? this.fontSize}"/>${opts.color ? `<${p}color rgb="${opts.color}"/>` : ""}<${p}name val="${escapeXml(this.fontName)}"/></${p}font>`,
    );
  }

  fill(argb: string): number {
    const p = this.p;
    return this.add("fills", `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
  }

  thinBorder(): number {
    const p = this.p;
    const side = (name: string) => `<${p}${name} style="thin"><${p}color auto="1"/></${p}${name}>`;
    return this.add("borders", `<${p}border>${side("left")}${side("right")}${side("top")}${side("bottom")}<${p}diagonal/></${p}border>`);
  }

  xf(fontId: number, fillId: number, borderId: number, alignment: string): number {
    const p = this.p;
    const styleXf = this.hasStyleXfs ? ' xfId="0"' : "";
    return this.add(
      "cellXfs",
      `<${p}xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"${styleXf} applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><${p}alignment ${alignment}/></${p}xf>`,
    );
  }

  /** The fill of a severity's mark, added once. */
  severityFill(severity: Severity): number {
    return (this.markFill[severity] ??= this.fill(MARK_FILL[severity]));
  }

  /** A copy of cell format `index` with the severity's fill: the cell keeps its number format, font, borders and alignment. */
  markedXf(index: number, severity: Severity): number | null {
    const original = this.xfs[index];
    if (original === undefined) return null;
    const key = `${index}:${severity}`;
    const known = this.marked.get(key);
    if (known !== undefined) return known;
    const fillId = this.severityFill(severity);
    const gt = tagEndAt(original, 0);
    const tag = setAttr(setAttr(original.slice(0, gt + 1), "fillId", String(fillId)), "applyFill", "1");
    const id = this.add("cellXfs", tag + original.slice(gt + 1));
    this.marked.set(key, id);
    return id;
  }

  toXml(): string {
    let xml = this.xml;
    for (const s of Object.values(this.sections)) {
      if (s.added.length === 0) continue;
      const span = findElement(xml, this.p + s.name)!;
      const tag = setAttr(xml.slice(span.start, span.contentStart), "count", String(s.count + s.added.length));
      xml = xml.slice(0, span.start) + tag + xml.slice(span.contentStart, span.contentEnd) + s.added.join("") + xml.slice(span.contentEnd);
    }
    return xml;
  }
}

/** Cell formats of the `Phản hồi` sheet. */
interface SheetStyles {
  title: number;
  label: number;
  text: number;
  heading: number;
  cell: number;
  link: number;
  severity: Record<Severity, number>;
}

function sheetStyles(book: StyleBook): SheetStyles {
  const plain = book.font({});
  const bold = book.font({ bold: true });
  const border = book.thinBorder();
  const top = 'vertical="top" wrapText="1"';
  const severity = (s: Severity) => book.xf(bold, book.severityFill(s), border, top);
  return {
    title: book.xf(book.font({ bold: true, size: "14" }), 0, 0, 'vertical="center"'),
    label: book.xf(bold, 0, 0, top),
    text: book.xf(plain, 0, 0, top),
    heading: book.xf(bold, book.fill(HEADING_FILL), border, 'horizontal="center" vertical="center" wrapText="1"'),
    cell: book.xf(plain, 0, border, top),
    link: book.xf(book.font({ underline: true, color: LINK_COLOR }), 0, border, top),
    severity: { error: severity("error"), warning: severity("warning"), info: severity("info") },
  };
}

// ---------------------------------------------------------------------------------------
// The `Phản hồi` sheet

/** Column widths, in characters: TT, cell, severity, code, what is wrong, what to do. */
const WIDTHS = [5, 18, 11, 26, 70, 55];

/** Lines a text takes in a column of `width` characters (wrapped), at least one. */
function lines(text: string, width: number): number {
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length / Math.max(1, width - 2))), 0);
}

function rowHeight(lineCount: number): number {
  return Math.min(409, 15 * Math.max(1, lineCount) + 2);
}

/** The sheet name as a formula reference: quoted, apostrophes doubled. */
function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function feedbackSheetXml(text: FeedbackSheetText, styles: SheetStyles | null, sheetExists: (name: string) => boolean): string {
  const rows: string[] = [];
  const merges: string[] = [];
  const links: string[] = [];
  const s = (id: number | undefined) => (styles && id !== undefined ? ` s="${id}"` : "");
  const str = (ref: string, value: string, style?: number) => `<c r="${ref}"${s(style)} t="inlineStr"><is><t xml:space="preserve">${xstring(value)}</t></is></c>`;
  const blank = (ref: string, style?: number) => (styles && style !== undefined ? `<c r="${ref}"${s(style)}/>` : "");
  const row = (r: number, cells: string, height?: number) => rows.push(`<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ""}>${cells}</row>`);
  const wideValue = WIDTHS.slice(2).reduce((a, b) => a + b, 0);
  const wideAll = WIDTHS.reduce((a, b) => a + b, 0);

  let r = 1;
  row(r, str(`A${r}`, text.title, styles?.title), 24);
  r += 2;
  for (const [label, value] of text.facts) {
    row(r, str(`A${r}`, label, styles?.label) + blank(`B${r}`, styles?.label) + str(`C${r}`, value, styles?.text), rowHeight(lines(value, wideValue)));
    merges.push(`A${r}:B${r}`, `C${r}:F${r}`);
    r++;
  }
  r++;
  for (const note of text.notes) {
    row(r, str(`A${r}`, note, styles?.text), rowHeight(lines(note, wideAll)));
    merges.push(`A${r}:F${r}`);
    r++;
  }
  r++;
  const headingRow = r;
  row(r, text.headings.map((h, i) => str(`${columnLetter(i + 1)}${r}`, h, styles?.heading)).join(""), 32);
  r++;
  text.rows.forEach((f, i) => {
    const where = f.sheet ? (f.cell ? `${f.sheet}!${f.cell}` : f.sheet) : "–";
    const linked = f.sheet !== null && sheetExists(f.sheet);
    if (linked) links.push(`<hyperlink ref="B${r}" location="${escapeXml(`${sheetRef(f.sheet!)}!${f.cell ?? "A1"}`)}" display="${escapeXml(where)}"/>`);
    const cells =
      `<c r="A${r}"${s(styles?.cell)}><v>${i + 1}</v></c>` +
      str(`B${r}`, where, linked ? styles?.link : styles?.cell) +
      str(`C${r}`, f.severityName, styles?.severity[f.severity]) +
      str(`D${r}`, f.code, styles?.cell) +
      str(`E${r}`, f.message, styles?.cell) +
      str(`F${r}`, f.advice, styles?.cell);
    row(r, cells, rowHeight(Math.max(lines(f.message, WIDTHS[4]), lines(f.advice, WIDTHS[5]), lines(f.code, WIDTHS[3]))));
    r++;
  });
  const last = Math.max(r - 1, headingRow);
  const cols = WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return (
    XML_DECLARATION +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.relationships}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:F${last}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` +
    (links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "") +
    `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    `</worksheet>`
  );
}

// ---------------------------------------------------------------------------------------
// The workbook part: the new sheet first, the tab indexes that shift with it

interface SheetEntry {
  name: string;
  part: string | null;
}

interface Workbook {
  part: string;
  sheets: SheetEntry[];
}

function readWorkbookPart(editor: PackageEditor): Workbook {
  const root = editor.relationships("").find((r) => r.type === REL_TYPE.officeDocument || r.type.endsWith("/officeDocument"));
  const part = root && editor.has(root.target) ? root.target : "xl/workbook.xml";
  const xml = editor.mustRead(part);
  const p = rootPrefix(xml);
  const rels = editor.relationships(part);
  const sheetsSpan = findElement(xml, p + "sheets");
  if (!sheetsSpan) throw new Error("workbook without <sheets>");
  const sheets: SheetEntry[] = [];
  const inner = xml.slice(sheetsSpan.contentStart, sheetsSpan.contentEnd);
  for (const m of inner.matchAll(new RegExp(`<${p}sheet\\b[^>]*>`, "g"))) {
    const id = attrAnyPrefix(m[0], "id");
    const rel = rels.find((r) => r.id === id && r.type.endsWith("/worksheet") && !r.external);
    sheets.push({ name: attr(m[0], "name") ?? "", part: rel && editor.has(rel.target) ? rel.target : null });
  }
  return { part, sheets };
}

/** Adds the sheet as the first tab, active; returns its part name and the name it got. */
function insertFirstSheet(editor: PackageEditor, workbook: Workbook, sheetXml: string): string {
  let xml = editor.mustRead(workbook.part);
  const p = rootPrefix(xml);
  const taken = new Set(workbook.sheets.map((s) => s.name.toLowerCase()));
  let name = FEEDBACK_SHEET_NAME;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${FEEDBACK_SHEET_NAME} (${n})`;
  let maxId = 0;
  for (const m of xml.matchAll(new RegExp(`<${p}sheet\\b[^>]*>`, "g"))) maxId = Math.max(maxId, Number(attr(m[0], "sheetId")) || 0);

  const base = workbook.part.slice(0, workbook.part.lastIndexOf("/") + 1);
  const part = editor.freeName(`${base}worksheets/sheet`, ".xml");
  editor.write(part, sheetXml);
  editor.addOverride(part, CONTENT_TYPE.worksheet);
  const relId = editor.addRelationship(workbook.part, REL_TYPE.worksheet, part);
  const element = `<${p}sheet name="${escapeXml(name)}" sheetId="${maxId + 1}" ${relIdAttr(xml, relId)}/>`;

  const sheets = findElement(xml, p + "sheets")!;
  xml = sheets.selfClosing
    ? xml.slice(0, sheets.start) + `<${p}sheets>${element}</${p}sheets>` + xml.slice(sheets.end)
    : insertAt(xml, sheets.contentStart, element);

  // Tab indexes: the new sheet is tab 0, active and first shown; sheet-scoped names move up one.
  xml = xml.replace(new RegExp(`<${p}workbookView\\b[^>]*>`, "g"), (tag) => {
    let out = tag;
    if (attr(out, "activeTab") !== undefined) out = setAttr(out, "activeTab", "0");
    if (attr(out, "firstSheet") !== undefined) out = setAttr(out, "firstSheet", "0");
    return out;
  });
  const names = findElement(xml, p + "definedNames");
  if (names && !names.selfClosing) {
    const shifted = xml.slice(names.contentStart, names.contentEnd).replace(/(\slocalSheetId\s*=\s*["'])(\d+)(["'])/g, (_m, a: string, n: string, b: string) => `${a}${Number(n) + 1}${b}`);
    xml = xml.slice(0, names.contentStart) + shifted + xml.slice(names.contentEnd);
  }
  editor.write(workbook.part, xml);
  return name;
}

/** Enough of a sheet's start to hold its <sheetViews> (which come before the rows). */
const SHEET_HEAD = 64 * 1024;

/** Whether a sheet's view (in its text or the start of it) has its tab selected. */
function hasSelectedTab(sheetXml: string): boolean {
  const p = rootPrefix(sheetXml);
  const data = sheetXml.indexOf(`<${p}sheetData`);
  const views = data < 0 ? sheetXml : sheetXml.slice(0, data);
  for (const m of views.matchAll(new RegExp(`<${p}sheetView\\b[^>]*>`, "g"))) {
    const selected = attr(m[0], "tabSelected");
    if (selected === "1" || selected === "true") return true;
  }
  return false;
}

/** A sheet's tabs unselected. */
function unselectTab(sheetXml: string): string {
  const p = rootPrefix(sheetXml);
  return sheetXml.replace(new RegExp(`<${p}sheetView\\b[^>]*>`, "g"), (tag) => (attr(tag, "tabSelected") === undefined ? tag : removeAttr(tag, "tabSelected")));
}

/** Each noted cell's start tag given the marked copy of its format. Cells absent from the sheet are only noted. */
function markCells(sheetXml: string, marks: Map<string, Severity>, styles: StyleBook): string {
  const p = rootPrefix(sheetXml);
  const open = `<${p}c`;
  const parts: string[] = [];
  let last = 0;
  let remaining = marks.size;
  for (let i = sheetXml.indexOf(open); i >= 0 && remaining > 0; i = sheetXml.indexOf(open, i + 1)) {
    const next = sheetXml.charCodeAt(i + open.length);
    if (next !== 32 && next !== 9 && next !== 10 && next !== 13 && next !== 62 && next !== 47) continue;
    const gt = tagEndAt(sheetXml, i);
    if (gt < 0) break;
    const tag = sheetXml.slice(i, gt + 1);
    const ref = attr(tag, "r");
    const severity = ref ? marks.get(ref.toUpperCase()) : undefined;
    if (!severity) continue;
    remaining--;
    const xf = styles.markedXf(Number(attr(tag, "s") ?? 0) || 0, severity);
    if (xf === null) continue;
    parts.push(sheetXml.slice(last, i), setAttr(tag, "s", String(xf)));
    last = gt + 1;
  }
  parts.push(sheetXml.slice(last));
  return parts.join("");
}

function workbookExtension(editor: PackageEditor, workbookPart: string): ".xlsx" | ".xlsm" {
  const types = editor.mustRead("[Content_Types].xml");
  const p = rootPrefix(types);
  for (const m of types.matchAll(new RegExp(`<${p}Override\\b[^>]*>`, "g"))) {
    if ((attr(m[0], "PartName") ?? "").toLowerCase() !== `/${workbookPart}`.toLowerCase()) continue;
    const type = attr(m[0], "ContentType") ?? "";
    if (type.includes(".template.")) {
      // a template (.xltx/.xltm) sent as a workbook: Excel opens the copy only as a workbook
      editor.write("[Content_Types].xml", types.replace(m[0], setAttr(m[0], "ContentType", type.replace(".template.", ".sheet."))));
    }
    return /macroEnabled/i.test(type) ? ".xlsm" : ".xlsx";
  }
  return ".xlsx";
}

function annotate(original: Uint8Array, subject: FeedbackSubject, opts: FeedbackOptions): FeedbackWorkbook {
  const editor = new PackageEditor(openZip(original));
  const workbook = readWorkbookPart(editor);
  const extension = workbookExtension(editor, workbook.part);
  const stylesRel = editor.relationships(workbook.part).find((r) => r.type === REL_TYPE.styles && !r.external && editor.has(r.target));
  let book: StyleBook | null = null;
  try {
    book = stylesRel ? new StyleBook(editor.mustRead(stylesRel.target)) : null;
  } catch {
    book = null; // a styles part without the usual sections: notes without marks
  }

  const changedSheets = new Map<string, string>();
  // a worksheet may be a pasted staff list of many megabytes: the guard's sheet limit, not the part limit
  const sheetXml = (part: string) => changedSheets.get(part) ?? editor.mustRead(part, MAX_SHEET_INFLATED);
  const notes = cellNotes(subject.findings, opts.lang);
  let noted = 0;
  for (const sheet of workbook.sheets) {
    if (!sheet.part) continue;
    const own = notes.filter((n) => n.sheet === sheet.name);
    if (own.length === 0) continue;
    let xml = sheetXml(sheet.part);
    if (book) xml = markCells(xml, new Map(own.map((n) => [n.cell, n.severity])), book);
    xml = addNotes(editor, sheet.part, xml, own);
    changedSheets.set(sheet.part, xml);
    noted += own.length;
  }
  // Every other tab unselected: two selected tabs are a group in Excel, and an edit would go to both.
  for (const { part } of workbook.sheets) {
    if (!part || !(changedSheets.has(part) ? hasSelectedTab(changedSheets.get(part)!) : hasSelectedTab(editor.readHead(part, SHEET_HEAD) ?? ""))) continue;
    changedSheets.set(part, unselectTab(sheetXml(part)));
  }

  const text = feedbackSheetText(subject, opts.lang, true);
  const names = new Set(workbook.sheets.map((s) => s.name));
  insertFirstSheet(editor, workbook, feedbackSheetXml(text, book ? sheetStyles(book) : null, (name) => names.has(name)));
  if (book && stylesRel) editor.write(stylesRel.target, book.toXml());
  for (const [part, xml] of changedSheets) editor.write(part, xml);
  return { bytes: editor.toBytes(opts.deflateRaw, opts.crc32), extension, annotated: true, notes: noted };
}

// ---------------------------------------------------------------------------------------
// A workbook of its own

const MINIMAL_STYLES =
  XML_DECLARATION +
  `<styleSheet xmlns="${NS.main}">` +
  `<fonts count="1"><font><sz val="11"/><name val="Times New Roman"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

function standalone(subject: FeedbackSubject, opts: FeedbackOptions): FeedbackWorkbook {
  const editor = new PackageEditor(null);
  editor.write(
    "[Content_Types].xml",
    XML_DECLARATION +
      `<Types xmlns="${NS.contentTypes}">` +
      `<Default Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
      `</Types>`,
  );
  editor.write("_rels/.rels", XML_DECLARATION + `<Relationships xmlns="${NS.packageRelationships}"><Relationship Id="rId1" Type="${REL_TYPE.officeDocument}" Target="xl/workbook.xml"/></Relationships>`);
  editor.write("xl/workbook.xml", XML_DECLARATION + `<workbook xmlns="${NS.main}" xmlns:r="${NS.relationships}"><bookViews><workbookView activeTab="0"/></bookViews><sheets></sheets></workbook>`);
  editor.write("xl/_rels/workbook.xml.rels", XML_DECLARATION + `<Relationships xmlns="${NS.packageRelationships}"><Relationship Id="rId1" Type="${REL_TYPE.styles}" Target="styles.xml"/></Relationships>`);
  const book = new StyleBook(MINIMAL_STYLES);
  const text = feedbackSheetText(subject, opts.lang, false);
  insertFirstSheet(editor, { part: "xl/workbook.xml", sheets: [] }, feedbackSheetXml(text, sheetStyles(book), () => false));
  editor.write("xl/styles.xml", book.toXml());
  return { bytes: editor.toBytes(opts.deflateRaw, opts.crc32), extension: ".xlsx", annotated: false, notes: 0 };
}
