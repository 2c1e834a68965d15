/**
 * Look at a file's bytes before anything is inflated, and inflate only under limits.
 *
 * Workbooks come by e-mail from many agencies and programs, so a file may be empty, an
 * old .xls, password-protected, a renamed CSV/HTML, damaged, or hostile (zip bomb, XML
 * entity tricks). Every such case becomes an UnreadableError with a kind the sender can act
 * on. Zip libraries (fflate's `unzipSync`, JSZip inside exceljs) trust the sizes an archive
 * declares, so entries are located by our own walk of the central directory and inflated one
 * by one with Node's zlib, whose `maxOutputLength` stops inflating the moment the output
 * passes the declared size: declared sizes are used to refuse early, never trusted. (zlib
 * rather than fflate: native, 2-3× faster on both 10 KB forms and 40 MB sheets.)
 */
import { inflateRawSync } from "node:zlib";
import { UnreadableError, type UnreadableKind } from "./read-problems.js";

const MiB = 1024 * 1024;

/** Input bigger than this is refused outright: a form is ~10 KB, a workbook with a 200,000-row
 * staff list ~5-10 MB compressed. */
export const MAX_FILE_BYTES = 128 * MiB;
/** More parts than any real workbook has (Excel writes a few dozen; thousands with many sheets). */
export const MAX_ENTRIES = 10_000;
/** A worksheet is scanned as it inflates, never held whole, so it may be big: a 200,000-row
 * staff list of ten columns is 40-120 MB of XML. Beyond this the file is "too large". */
export const MAX_SHEET_INFLATED = 256 * MiB;
/** Parts held whole in memory (workbook, relationships, styles, shared strings). The shared
 * strings of a 200,000-name list are ~10-20 MB. */
export const MAX_PART_INFLATED = 64 * MiB;
/** All XML a workbook may declare / inflate in total: two maximal sheets; ~1-2 s of inflating. */
export const MAX_TOTAL_INFLATED = 512 * MiB;
/** Real spreadsheet XML compresses 5-50×, rarely ~100×; zeros compress ~1000×. Checked only for
 * parts above RATIO_CHECK_FLOOR, since tiny parts (empty sheets, rels) can have any ratio. */
export const MAX_COMPRESSION_RATIO = 200;
export const RATIO_CHECK_FLOOR = 1 * MiB;
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  originalSize: number;
  localOffset: number;
  /** CRC-32 of the inflated data, as the central directory declares it (for copying the entry as is). */
  crc32: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  /** Lower-cased name → entry: OPC part names are case-insensitive. */
  byName: Map<string, ZipEntry>;
  /** Bytes really inflated so far, over all entries. */
  inflated: number;
}

const detail = (en: string, vi = en) => ({ vi, en });

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}

function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  for (let i = hay.indexOf(first); i >= 0 && i + needle.length <= hay.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

/** Whether the bytes hold the text in UTF-16LE, as OLE directory entry names are stored. */
export function containsUtf16(bytes: Uint8Array, text: string): boolean {
  return containsBytes(bytes, utf16le(text));
}

/**
 * An OLE compound file is either an encrypted OOXML workbook (Excel stores those as CFB with
 * "EncryptionInfo"/"EncryptedPackage" streams), an old .xls ("Workbook"/"Book" stream) or
 * another Office 97 document. Directory entry names are UTF-16LE, so a byte search finds them.
 */
function classifyOle(bytes: Uint8Array): UnreadableError {
  if (containsBytes(bytes, utf16le("EncryptedPackage")) || containsBytes(bytes, utf16le("EncryptionInfo"))) {
    return new UnreadableError("encrypted");
  }
  if (containsBytes(bytes, utf16le("WordDocument"))) {
    return new UnreadableError("not-workbook", detail("this is a Word 97-2003 document (.doc)", "đây là tài liệu Word 97-2003 (.doc)"));
  }
  if (containsBytes(bytes, utf16le("PowerPoint Document"))) {
    return new UnreadableError("not-workbook", detail("this is a PowerPoint 97-2003 file (.ppt)", "đây là tệp PowerPoint 97-2003 (.ppt)"));
  }
  return new UnreadableError("legacy-xls");
}

/** True when the first bytes look like text (UTF-8/UTF-16 with a BOM, or no control bytes). */
function looksLikeText(head: Uint8Array): boolean {
  if (startsWith(head, [0xef, 0xbb, 0xbf]) || startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  for (const b of head) {
    if (b === 0x09 || b === 0x0a || b === 0x0d) continue;
    if (b < 0x20 || b === 0x7f) return false;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

function classifyText(head: Uint8Array): UnreadableError {
  const text = new TextDecoder().decode(head).toLowerCase();
  if (text.includes("urn:schemas-microsoft-com:office:spreadsheet")) {
    return new UnreadableError("text-file", detail("an Excel 2003 XML spreadsheet", "bảng tính XML Excel 2003"));
  }
  if (/<(html|table|!doctype html)/.test(text)) {
    return new UnreadableError("text-file", detail("an HTML page saved with an Excel name", "trang HTML được đặt tên như tệp Excel"));
  }
  if (/[,;\t]/.test(text)) return new UnreadableError("text-file", detail("looks like CSV", "có vẻ là tệp CSV"));
  return new UnreadableError("text-file");
}

/** Classify bytes that are not a zip; null when they start like a zip. */
export function classifyNonZip(bytes: Uint8Array): UnreadableError | null {
  if (bytes.length === 0) return new UnreadableError("empty");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return null; // "PK"
  if (startsWith(bytes, OLE_MAGIC)) return classifyOle(bytes);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    return new UnreadableError("not-zip", detail("this is a PDF file", "đây là tệp PDF"));
  }
  const head = bytes.subarray(0, 4096);
  if (looksLikeText(head)) return classifyText(head);
  return new UnreadableError("not-zip");
}

function corrupt(en: string, vi = en): UnreadableError {
  return new UnreadableError("corrupt", detail(en, vi));
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const last = bytes.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  }
  return -1;
}

/**
 * Parse the central directory. Throws UnreadableError for anything that is not a sound
 * zip, or a zip with more entries than MAX_ENTRIES. Nothing is inflated.
 */
export function openZip(bytes: Uint8Array): ZipArchive {
  const nonZip = classifyNonZip(bytes);
  if (nonZip) throw nonZip;
  if (bytes.length > MAX_FILE_BYTES) {
    throw new UnreadableError("too-large", detail(`${mib(bytes.length)} MiB file, limit ${mib(MAX_FILE_BYTES)} MiB`, `tệp ${mib(bytes.length)} MiB, giới hạn ${mib(MAX_FILE_BYTES)} MiB`));
  }
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw corrupt("the end of the zip is missing (truncated file)", "thiếu phần cuối của tệp nén (tệp bị cắt cụt)");

  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw corrupt("broken zip64 directory");
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== 0x06064b50) throw corrupt("broken zip64 directory");
    count = u64(bytes, record + 32);
    cdSize = u64(bytes, record + 40);
    cdOffset = u64(bytes, record + 48);
  }
  if (count > MAX_ENTRIES) {
    throw new UnreadableError("too-large", detail(`${count} zip entries, limit ${MAX_ENTRIES}`, `${count} mục nén, giới hạn ${MAX_ENTRIES}`));
  }
  if (cdOffset + cdSize > bytes.length) throw corrupt("the zip directory points past the end of the file (truncated file)", "thư mục nén trỏ ra ngoài tệp (tệp bị cắt cụt)");

  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  const utf8 = new TextDecoder("utf-8");
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw corrupt("damaged zip directory");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc32 = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let originalSize = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) throw corrupt("damaged zip directory");
    const name = utf8.decode(bytes.subarray(p + 46, nameEnd)).replace(/\\/g, "/").replace(/^\/+/, "");
    if (originalSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // zip64 extended information: only the fields that overflowed are present, in this order
      for (let e = nameEnd; e + 4 <= nameEnd + extraLength; ) {
        const id = u16(bytes, e);
        const size = u16(bytes, e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (originalSize === 0xffffffff) (originalSize = u64(bytes, f)), (f += 8);
          if (compressedSize === 0xffffffff) (compressedSize = u64(bytes, f)), (f += 8);
          if (localOffset === 0xffffffff) localOffset = u64(bytes, f);
          break;
        }
        e += 4 + size;
      }
    }
    const entry: ZipEntry = { name, method, flags, compressedSize, originalSize, localOffset, crc32 };
    entries.push(entry);
    if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), entry);
    p = nameEnd + extraLength + commentLength;
  }
  const archive: ZipArchive = { bytes, entries, byName, inflated: 0 };
  checkDeclaredSizes(archive);
  return archive;
}

function mib(n: number): string {
  return (n / MiB).toFixed(n < 10 * MiB ? 1 : 0);
}

const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

/** Refuse on declared sizes before inflating anything: ratio first (a bomb), then size. */
function checkDeclaredSizes(zip: ZipArchive): void {
  let total = 0;
  for (const e of zip.entries) {
    if (!isXmlPart(e.name)) continue;
    if (e.originalSize > RATIO_CHECK_FLOOR && e.originalSize > e.compressedSize * MAX_COMPRESSION_RATIO) {
      const ratio = Math.round(e.originalSize / Math.max(1, e.compressedSize));
      throw new UnreadableError(
        "zip-bomb",
        detail(`${e.name} would inflate ${ratio}× (${mib(e.originalSize)} MiB), limit ${MAX_COMPRESSION_RATIO}×`, `${e.name} giải nén gấp ${ratio} lần (${mib(e.originalSize)} MiB), giới hạn ${MAX_COMPRESSION_RATIO} lần`),
      );
    }
    if (e.originalSize > MAX_SHEET_INFLATED) {
      throw new UnreadableError("too-large", detail(`${e.name} is ${mib(e.originalSize)} MiB of XML, limit ${mib(MAX_SHEET_INFLATED)} MiB`, `${e.name} có ${mib(e.originalSize)} MiB XML, giới hạn ${mib(MAX_SHEET_INFLATED)} MiB`));
    }
    total += e.originalSize;
  }
  if (total > MAX_TOTAL_INFLATED) {
    throw new UnreadableError("too-large", detail(`${mib(total)} MiB of XML in total, limit ${mib(MAX_TOTAL_INFLATED)} MiB`, `tổng cộng ${mib(total)} MiB XML, giới hạn ${mib(MAX_TOTAL_INFLATED)} MiB`));
  }
}

export function findEntry(zip: ZipArchive, name: string): ZipEntry | undefined {
  return zip.byName.get(name.toLowerCase());
}

/** An entry's data as stored in the archive (compressed, not inflated): for copying it unchanged. */
export function entryData(zip: ZipArchive, entry: ZipEntry): Uint8Array {
  const { bytes } = zip;
  const p = entry.localOffset;
  if (p + 30 > bytes.length || u32(bytes, p) !== 0x04034b50) throw corrupt(`the part ${entry.name} is missing or damaged`, `phần ${entry.name} bị thiếu hoặc hỏng`);
  const start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt(`the part ${entry.name} is cut off (truncated file)`, `phần ${entry.name} bị cắt cụt`);
  return bytes.subarray(start, end);
}

/**
 * Inflate one entry into memory. Real output is bounded by the entry's declared size (itself
 * checked against `limit`) plus a small slack: zlib stops as soon as output would exceed it,
 * so a lying archive costs at most that in memory and work. Also counts towards
 * MAX_TOTAL_INFLATED.
 */
export function readEntryBytes(zip: ZipArchive, entry: ZipEntry, limit: number = MAX_PART_INFLATED): Uint8Array {
  if (entry.flags & 0x1) throw new UnreadableError("unsupported", detail(`zip-level encryption of ${entry.name}`, `phần ${entry.name} bị mã hóa kiểu zip`));
  if (entry.method !== 0 && entry.method !== 8) {
    throw new UnreadableError("unsupported", detail(`compression method ${entry.method} in ${entry.name}`, `kiểu nén ${entry.method} ở ${entry.name}`));
  }
  if (entry.originalSize > limit) {
    throw new UnreadableError("too-large", detail(`${entry.name} is ${mib(entry.originalSize)} MiB, limit ${mib(limit)} MiB`, `${entry.name} có ${mib(entry.originalSize)} MiB, giới hạn ${mib(limit)} MiB`));
  }
  if (zip.inflated + entry.originalSize > MAX_TOTAL_INFLATED) {
    throw new UnreadableError("too-large", detail(`more than ${mib(MAX_TOTAL_INFLATED)} MiB of XML`, `hơn ${mib(MAX_TOTAL_INFLATED)} MiB XML`));
  }
  const data = entryData(zip, entry);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (data.length !== entry.originalSize) throw corrupt(`stored part ${entry.name} has the wrong size`);
    out = data;
  } else {
    // A little slack past the declared size tells a damaged part (ends soon after) from a
    // bomb (keeps going); the slack is small next to every limit.
    const slack = Math.min(entry.originalSize, 16 * MiB) + MiB;
    try {
      out = inflateRawSync(data, { maxOutputLength: entry.originalSize + slack });
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw beyondDeclared(entry);
      const why = error instanceof Error ? error.message : String(error);
      throw corrupt(`part ${entry.name} cannot be decompressed: ${why}`, `không giải nén được phần ${entry.name}: ${why}`);
    }
    if (out.length > entry.originalSize) {
      throw corrupt(`part ${entry.name} does not match its declared size`, `phần ${entry.name} không khớp kích thước khai báo`);
    }
  }
  zip.inflated += out.length;
  return out;
}

function beyondDeclared(entry: ZipEntry): UnreadableError {
  return new UnreadableError(
    "zip-bomb",
    detail(`${entry.name} inflates beyond its declared ${entry.originalSize} bytes`, `${entry.name} giải nén vượt kích thước khai báo ${entry.originalSize} byte`),
  );
}

/** A decoder for an XML part, chosen from its byte-order mark (UTF-8 unless UTF-16 BOM). */
export function xmlDecoderFor(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder("utf-16le");
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder("utf-16be");
  return new TextDecoder("utf-8");
}

/**
 * Refuse DTDs: Excel never writes one, and internal entities are how "billion laughs"
 * expansion works. Our own scanner never expands entities, but refusing keeps every other
 * parser (exceljs, Excel itself) safe too.
 */
export function assertNoDoctype(text: string, partName: string): void {
  if (text.indexOf("<!DOCTYPE") >= 0 || text.indexOf("<!ENTITY") >= 0 || text.indexOf("<!doctype") >= 0) {
    throw new UnreadableError("unsafe-xml", detail(`in ${partName}`, `ở ${partName}`));
  }
}

/** The whole entry as text, DTD-checked. */
export function readEntryText(zip: ZipArchive, entry: ZipEntry, limit = MAX_PART_INFLATED): string {
  const bytes = readEntryBytes(zip, entry, limit);
  const text = xmlDecoderFor(bytes).decode(bytes);
  assertNoDoctype(text, entry.name);
  return text;
}

/**
 * Find the workbook part or say what the zip is instead (Word, PowerPoint, OpenDocument,
 * binary .xlsb). Returns the workbook part's entry name.
 */
export function locateWorkbookPart(zip: ZipArchive, officeDocumentTarget?: string): string {
  const candidates = [officeDocumentTarget, "xl/workbook.xml"].filter((n): n is string => !!n);
  for (const name of candidates) if (findEntry(zip, name) && /\.xml$/i.test(name)) return findEntry(zip, name)!.name;
  const has = (n: string) => !!findEntry(zip, n);
  let kind: UnreadableKind = "not-workbook";
  let what: { vi: string; en: string } | undefined = detail("a zip package without xl/workbook.xml", "gói nén không có xl/workbook.xml");
  if (has("xl/workbook.bin")) {
    kind = "unsupported";
    what = detail("binary Excel workbook (.xlsb): open it in Excel and Save As .xlsx", "sổ tính nhị phân .xlsb: mở bằng Excel và lưu thành .xlsx");
  } else if (has("word/document.xml")) what = detail("it looks like a Word document (.docx)", "có vẻ là tài liệu Word (.docx)");
  else if (has("ppt/presentation.xml")) what = detail("it looks like a PowerPoint presentation (.pptx)", "có vẻ là bản trình chiếu PowerPoint (.pptx)");
  else if (has("content.xml") && has("mimetype")) {
    what = detail("an OpenDocument file that is not a spreadsheet (e.g. .odt)", "tệp OpenDocument không phải bảng tính (ví dụ .odt)");
  } else if (zip.entries.length === 0) what = detail("the zip is empty", "tệp nén rỗng");
  throw new UnreadableError(kind, what);
}

/**
 * For readers that inflate everything themselves (exceljs): inflate every entry once under
 * the same limits, and check every XML part for DTDs, so that the real load cannot blow up.
 */
export function guardWholeArchive(zip: ZipArchive): void {
  for (const entry of zip.entries) {
    if (entry.name.endsWith("/") && entry.originalSize === 0) continue;
    const bytes = readEntryBytes(zip, entry, MAX_SHEET_INFLATED);
    if (isXmlPart(entry.name)) assertNoDoctype(xmlDecoderFor(bytes).decode(bytes), entry.name);
  }
}
