/**
 * Which kind of workbook a file is, told by its bytes, never by its name: agencies rename
 * files, and web systems export HTML tables as ".xls".
 *
 * - zip with an OpenDocument spreadsheet mimetype → .ods (SheetJS, behind the zip guard)
 * - any other zip → Office Open XML (.xlsx/.xlsm), the lean reader
 * - OLE compound file (D0 CF 11 E0 …) → Excel 97-2003 or 5.0/95 (.xls, SheetJS), unless it is
 *   an encrypted workbook (EncryptionInfo) or another Office 97 document (Word, PowerPoint)
 * - everything else (text, HTML, CSV, PDF, Excel 2-4 streams) → file.unreadable, saying what
 *   the file is and to save it as .xlsx
 */
import { UnreadableError } from "./read-problems.js";
import { classifyNonZip, containsUtf16, findEntry, openZip, readEntryBytes, type ZipArchive } from "./zip-guard.js";

export const ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

export type WorkbookFormat =
  | { kind: "ooxml"; zip: ZipArchive }
  | { kind: "ods"; zip: ZipArchive }
  | { kind: "xls" };

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE_MAGIC.every((b, i) => bytes[i] === b);
}

/** A bare BIFF2-4 worksheet stream (Excel 2.x-4.x, before compound files): a BOF record first. */
function isBareBiff(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x09 && (bytes[1] === 0x00 || bytes[1] === 0x02 || bytes[1] === 0x04) && bytes[3] === 0x00;
}

/** Throws UnreadableError for anything that is not a workbook this program reads. */
export function detectFormat(bytes: Uint8Array): WorkbookFormat {
  if (isOle(bytes)) {
    const refusal = classifyNonZip(bytes)!;
    // An OLE file that is neither encrypted nor another Office document: an .xls to read.
    if (refusal.kind !== "legacy-xls") throw refusal;
    return { kind: "xls" };
  }
  if (isBareBiff(bytes)) {
    throw new UnreadableError("legacy-xls", { vi: "định dạng Excel 2.x-4.x, cũ hơn Excel 97", en: "an Excel 2.x-4.x file, older than Excel 97" });
  }
  const zip = openZip(bytes);
  const mimetype = findEntry(zip, "mimetype");
  if (mimetype && mimetype.originalSize < 256) {
    const type = new TextDecoder().decode(readEntryBytes(zip, mimetype, 256)).trim();
    if (type === ODS_MIMETYPE || type === ODS_MIMETYPE + "-template") return { kind: "ods", zip };
  }
  return { kind: "ooxml", zip };
}

/**
 * Whether reading these bytes needs SheetJS, judged cheaply before loading it: an OLE file,
 * or a zip whose first entry is an OpenDocument mimetype (ODF requires it first and stored).
 * `codepages`: an Excel 5.0/95 file ("Book" stream, no "Workbook"), whose text is in a code page.
 */
export function sheetJsNeeds(bytes: Uint8Array): { sheetJs: boolean; codepages: boolean } {
  if (isOle(bytes)) {
    return { sheetJs: true, codepages: !containsUtf16(bytes, "Workbook") && containsUtf16(bytes, "Book") };
  }
  if (bytes.length > 38 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(30, Math.min(bytes.length, 30 + 8 + ODS_MIMETYPE.length + 16)));
    return { sheetJs: head.startsWith("mimetype") && head.includes("opendocument.spreadsheet"), codepages: false };
  }
  return { sheetJs: false, codepages: false };
}
