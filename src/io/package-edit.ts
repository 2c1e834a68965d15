/**
 * Editing an Office Open XML package in place: parts are read through the zip guard, changed
 * or added as text, and the archive is written again with every other entry copied as it was
 * stored (same compressed bytes, same CRC), so that nothing the edit does not touch can change.
 * No Node-only module: runs in the task pane as in the CLI.
 */
import { Inflate, Zip, ZipPassThrough, deflateSync } from "fflate";
import { UnreadableError } from "./read-problems.js";
import { attr, rootPrefix } from "./read-xml.js";
import { MAX_PART_INFLATED, type ZipArchive, type ZipEntry, entryData, findEntry, readEntryText } from "./zip-guard.js";

/** Raw DEFLATE (no zlib header). The CLI passes Node's zlib; the default is fflate's. */
export type DeflateRaw = (data: Uint8Array) => Uint8Array;

export const fflateDeflateRaw: DeflateRaw = (data) => deflateSync(data, { level: 6 });

/** CRC-32 of a part written anew; fflate's (in JavaScript) by default, the CLI passes Node's zlib.crc32. */
export type Crc32 = (data: Uint8Array) => number;

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  packageRelationships: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
} as const;

export const REL_TYPE = {
  officeDocument: `${NS.relationships}/officeDocument`,
  worksheet: `${NS.relationships}/worksheet`,
  styles: `${NS.relationships}/styles`,
  comments: `${NS.relationships}/comments`,
  vmlDrawing: `${NS.relationships}/vmlDrawing`,
} as const;

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------------------------------
// Text made safe for XML

/** Characters XML 1.0 forbids: C0 controls but tab, LF, CR; lone surrogates; U+FFFE, U+FFFF. */
const NOT_XML_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHARS, "\uFFFD").replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** Excel's limit on the characters of one cell. */
const MAX_CELL_TEXT = 32_767;

/**
 * Text for a cell or a note (ST_Xstring): XML-escaped, and a literal "_xHHHH_" escaped in
 * turn so that Excel shows it rather than the character it would encode; at most Excel's
 * 32,767 characters.
 */
export function xstring(text: string): string {
  const clipped = text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT - 1) + "…" : text;
  return escapeXml(clipped.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1"));
}

/** The start tag with attribute `name` set to `value` (replaced, or added before the end). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escapeXml(value)}"`);
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).replace(/\s+$/, "")} ${name}="${escapeXml(value)}"${tag.slice(end)}`;
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`), "");
}

/** The prefix ("r", "ns1"…) under which the root element declares `namespace`, or null. */
export function declaredPrefix(xml: string, namespace: string): string | null {
  let start = xml.indexOf("<");
  while (start >= 0 && (xml[start + 1] === "?" || xml[start + 1] === "!")) start = xml.indexOf("<", start + 1);
  if (start < 0) return null;
  const root = xml.slice(start, tagEndAt(xml, start) + 1);
  const re = /\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(root); m; m = re.exec(root)) if ((m[3] ?? m[4]) === namespace) return m[1];
  return null;
}

/**
 * An attribute in the relationships namespace (`r:id`), written with the prefix the part's
 * root element declares for it, or declared on the spot when it declares none.
 */
export function relIdAttr(xml: string, id: string): string {
  const prefix = declaredPrefix(xml, NS.relationships) ?? declaredPrefix(xml, "http://purl.oclc.org/ooxml/officeDocument/relationships");
  return prefix ? `${prefix}:id="${escapeXml(id)}"` : `xmlns:r="${NS.relationships}" r:id="${escapeXml(id)}"`;
}

/** Where an element starts and ends in a text: its start tag, its content, its end tag. */
export interface Span {
  start: number;
  /** Just after the start tag's '>'. */
  contentStart: number;
  /** Where the end tag starts (= contentStart when self-closing). */
  contentEnd: number;
  /** Just after the element. */
  end: number;
  selfClosing: boolean;
}

function isNameEnd(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/** The first element `name` (with its prefix) from `from`; null when there is none. Not nested in itself. */
export function findElement(xml: string, name: string, from = 0): Span | null {
  let i = xml.indexOf("<" + name, from);
  while (i >= 0 && !isNameEnd(xml.charCodeAt(i + name.length + 1))) i = xml.indexOf("<" + name, i + 1);
  if (i < 0) return null;
  const gt = tagEndAt(xml, i);
  if (gt < 0) return null;
  if (xml.charCodeAt(gt - 1) === 47) return { start: i, contentStart: gt + 1, contentEnd: gt + 1, end: gt + 1, selfClosing: true };
  const close = xml.indexOf("</" + name + ">", gt);
  if (close < 0) return null;
  return { start: i, contentStart: gt + 1, contentEnd: close, end: close + name.length + 3, selfClosing: false };
}

/** Index of the '>' that ends the tag starting at `start`, skipping quoted values; -1 if none. */
export function tagEndAt(xml: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

/** Text with `insert` placed at `at`. */
export function insertAt(xml: string, at: number, insert: string): string {
  return xml.slice(0, at) + insert + xml.slice(at);
}

/**
 * Content appended to an element: before its end tag, or, when it is self-closing, by opening
 * it. Returns the new text; throws when the element is not there.
 */
export function appendToElement(xml: string, name: string, content: string): string {
  const span = findElement(xml, name);
  if (!span) throw new Error(`no <${name}> element`);
  if (!span.selfClosing) return insertAt(xml, span.contentEnd, content);
  const tag = xml.slice(span.start, span.end);
  return xml.slice(0, span.start) + tag.replace(/\s*\/>$/, ">") + content + `</${name}>` + xml.slice(span.end);
}

// ---------------------------------------------------------------------------------------
// Part names and relationships

export function relsPathFor(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = fromPart.slice(0, fromPart.lastIndexOf("/") + 1);
  const out: string[] = [];
  for (const seg of (base + target).split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** The relative target from `fromPart` to `toPart` ("xl/worksheets/sheet1.xml" → "../comments1.xml"). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export interface Relationship {
  id: string;
  type: string;
  /** Resolved to a part name (internal targets only). */
  target: string;
  external: boolean;
}

// ---------------------------------------------------------------------------------------
// The editor

interface ChangedPart {
  name: string;
  data: Uint8Array;
}

export class PackageEditor {
  private readonly changed = new Map<string, ChangedPart>();
  /** The original parts' text, each inflated once. */
  private readonly texts = new Map<string, string>();
  /** Lower-cased names of the parts added, in the order added. */
  private readonly added: string[] = [];

  /** `zip` null: a package built from nothing. */
  constructor(private readonly zip: ZipArchive | null) {}

  has(name: string): boolean {
    const key = name.toLowerCase();
    return this.changed.has(key) || (this.zip !== null && findEntry(this.zip, name) !== undefined);
  }

  /** The part's text (as changed so far), or null when the package has no such part. Inflated under the zip guard's limits. */
  read(name: string, limit = MAX_PART_INFLATED): string | null {
    const own = this.changed.get(name.toLowerCase());
    if (own) return new TextDecoder().decode(own.data);
    const entry = this.zip ? findEntry(this.zip, name) : undefined;
    if (!entry || !this.zip) return null;
    let text = this.texts.get(entry.name);
    if (text === undefined) {
      text = readEntryText(this.zip, entry, limit);
      this.texts.set(entry.name, text);
    }
    return text;
  }

  /**
   * The first `bytes` bytes (or so) of a part as text, inflating no further: to look at the
   * start of a sheet whose rows may run to tens of megabytes. Null when there is no such part.
   */
  readHead(name: string, bytes: number): string | null {
    const own = this.changed.get(name.toLowerCase());
    if (own) return new TextDecoder().decode(own.data.subarray(0, bytes));
    const entry = this.zip ? findEntry(this.zip, name) : undefined;
    if (!entry || !this.zip) return null;
    if (entry.method !== 8 || entry.originalSize <= bytes) return this.read(name);
    const data = entryData(this.zip, entry);
    const chunks: Uint8Array[] = [];
    let have = 0;
    const inflate = new Inflate((chunk) => {
      chunks.push(chunk);
      have += chunk.length;
    });
    for (let at = 0; at < data.length && have < bytes; at += 4096) inflate.push(data.subarray(at, Math.min(at + 4096, data.length)), at + 4096 >= data.length);
    const head = new Uint8Array(have);
    let at = 0;
    for (const c of chunks) {
      head.set(c, at);
      at += c.length;
    }
    return new TextDecoder().decode(head.subarray(0, bytes));
  }

  write(name: string, text: string): void {
    const key = name.toLowerCase();
    const existing = this.zip ? findEntry(this.zip, name) : undefined;
    if (!existing && !this.changed.has(key)) this.added.push(key);
    this.changed.set(key, { name: existing?.name ?? this.changed.get(key)?.name ?? name, data: new TextEncoder().encode(text) });
  }

  /** Every part's name: the package's (first of each name) and the added ones. */
  partNames(): string[] {
    const names = this.zip ? this.zip.entries.filter((e) => findEntry(this.zip!, e.name) === e && !e.name.endsWith("/")).map((e) => e.name) : [];
    return [...names, ...this.added.map((key) => this.changed.get(key)!.name)];
  }

  /** A part name not yet in the package: `${stem}${n}${ext}` with the smallest n ≥ 1. */
  freeName(stem: string, ext: string): string {
    for (let n = 1; ; n++) if (!this.has(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
  }

  relationships(part: string): Relationship[] {
    const xml = this.read(relsPathFor(part));
    if (!xml) return [];
    const out: Relationship[] = [];
    const p = rootPrefix(xml);
    const re = new RegExp(`<${p}Relationship\\b[^>]*>`, "g");
    for (const m of xml.matchAll(re)) {
      const id = attr(m[0], "Id");
      const target = attr(m[0], "Target");
      if (!id || target === undefined) continue;
      const external = attr(m[0], "TargetMode") === "External";
      out.push({ id, type: attr(m[0], "Type") ?? "", target: external ? target : resolveTarget(part, target), external });
    }
    return out;
  }

  /** Adds a relationship from `part` to `target` (a part name) and returns its new id. */
  addRelationship(part: string, type: string, target: string): string {
    const path = relsPathFor(part);
    const xml = this.read(path) ?? `${XML_DECLARATION}<Relationships xmlns="${NS.packageRelationships}"></Relationships>`;
    const ids = new Set(this.relationships(part).map((r) => r.id));
    let n = 1;
    for (const id of ids) {
      const m = /^rId(\d+)$/.exec(id);
      if (m) n = Math.max(n, Number(m[1]) + 1);
    }
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const p = rootPrefix(xml);
    this.write(path, appendToElement(xml, `${p}Relationships`, `<${p}Relationship Id="${id}" Type="${type}" Target="${escapeXml(relativeTarget(part, target))}"/>`));
    return id;
  }

  /** Content types: an Override for a new part, a Default for an extension the package lacks. */
  addOverride(part: string, contentType: string): void {
    const xml = this.mustRead("[Content_Types].xml");
    const p = rootPrefix(xml);
    if (new RegExp(`PartName\\s*=\\s*["']/${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']`, "i").test(xml)) return;
    this.write("[Content_Types].xml", appendToElement(xml, `${p}Types`, `<${p}Override PartName="/${escapeXml(part)}" ContentType="${contentType}"/>`));
  }

  addDefault(extension: string, contentType: string): void {
    const xml = this.mustRead("[Content_Types].xml");
    const p = rootPrefix(xml);
    if (new RegExp(`Extension\\s*=\\s*["']${extension}["']`, "i").test(xml)) return;
    this.write("[Content_Types].xml", appendToElement(xml, `${p}Types`, `<${p}Default Extension="${extension}" ContentType="${contentType}"/>`));
  }

  mustRead(name: string, limit = MAX_PART_INFLATED): string {
    const xml = this.read(name, limit);
    if (xml === null) throw new UnreadableError("corrupt", { vi: `thiếu phần ${name}`, en: `the part ${name} is missing` });
    return xml;
  }

  /**
   * The package as zip bytes: the original entries in their order, unchanged ones copied as
   * stored, changed ones deflated anew; then the added parts.
   */
  toBytes(deflateRaw: DeflateRaw = fflateDeflateRaw, crc32?: Crc32): Uint8Array {
    const chunks: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, chunk) => {
      if (error) failure = error;
      else chunks.push(chunk);
    });
    const archive = this.zip;
    for (const entry of archive?.entries ?? []) {
      // a second entry under the same name (case aside) is dropped: readers see only the first
      if (!archive || findEntry(archive, entry.name) !== entry) continue;
      const own = this.changed.get(entry.name.toLowerCase());
      if (own) addDeflated(zip, own.name, own.data, deflateRaw, crc32);
      else addAsStored(zip, archive, entry);
    }
    for (const key of this.added) {
      const own = this.changed.get(key)!;
      addDeflated(zip, own.name, own.data, deflateRaw, crc32);
    }
    zip.end();
    if (failure) throw failure;
    let total = 0;
    for (const c of chunks) total += c.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** Entries get one fixed time: the same input gives the same bytes. */
const ENTRY_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** An entry deflated by the given function; its CRC and size from fflate's pass-through, or from `crc32` when given. */
class DeflatedEntry extends ZipPassThrough {
  constructor(
    name: string,
    private readonly deflateRaw: DeflateRaw,
    private readonly crc32?: Crc32,
  ) {
    super(name);
    this.compression = 8;
    this.mtime = ENTRY_TIME;
  }

  /** The whole part at once (as addDeflated gives it). */
  override push(chunk: Uint8Array, final?: boolean): void {
    if (!this.crc32) return super.push(chunk, final);
    this.size = chunk.length;
    this.crc = this.crc32(chunk);
    this.process(chunk, true);
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, this.deflateRaw(chunk), final);
  }
}

/** Parts smaller than this are stored: deflating a few hundred bytes saves little and costs a compressor's set-up. */
const STORE_BELOW = 1024;

function addDeflated(zip: Zip, name: string, data: Uint8Array, deflateRaw: DeflateRaw, crc32?: Crc32): void {
  if (data.length < STORE_BELOW) {
    const stored = new ZipPassThrough(name);
    stored.mtime = ENTRY_TIME;
    zip.add(stored);
    stored.push(data, true);
    return;
  }
  const entry = new DeflatedEntry(name, deflateRaw, crc32);
  zip.add(entry);
  entry.push(data, true);
}

/** An entry copied as it is stored: its compressed bytes, method, CRC and size from the original. */
class StoredEntry extends ZipPassThrough {
  constructor(
    name: string,
    private readonly source: { data: Uint8Array; crc32: number; originalSize: number; method: number },
  ) {
    super(name);
    this.compression = source.method;
    this.mtime = ENTRY_TIME;
  }

  emit(): void {
    this.crc = this.source.crc32;
    this.size = this.source.originalSize;
    this.ondata(null, this.source.data, true);
  }
}

function addAsStored(zip: Zip, archive: ZipArchive, entry: ZipEntry): void {
  const stored = new StoredEntry(entry.name, { data: entryData(archive, entry), crc32: entry.crc32, originalSize: entry.originalSize, method: entry.method });
  zip.add(stored);
  stored.emit();
}
