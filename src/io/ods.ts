/**
 * An OpenDocument spreadsheet (.ods) made safe for SheetJS: its parts are inflated here by the
 * zip guard (declared sizes, compression ratio, total — the same limits as for .xlsx) and
 * handed to SheetJS in a stored (uncompressed) zip, so SheetJS's own inflater, which has no
 * limits, only ever copies bytes that were already measured.
 *
 * content.xml is also walked once, tag by tag, the way SheetJS walks it, to count the cells
 * SheetJS would build. A cell may say "repeat me over 1,000,000 rows and 16,384 columns"
 * (table:number-rows-repeated / table:number-columns-repeated); SheetJS builds every copy of
 * a cell that holds something, so such a file is refused before it is parsed.
 */
import { zipSync } from "fflate";
import { UnreadableError } from "./read-problems.js";
import { findEntry, MAX_PART_INFLATED, readEntryText, type ZipArchive } from "./zip-guard.js";

export interface OdsTableScan {
  name: string;
  hidden: boolean;
  /** 1-based number of the first row past the row cap that holds a value, if any. */
  truncatedAtRow?: number;
}

export interface OdsPackage {
  /** mimetype, manifest, content and styles, stored: what SheetJS reads. */
  bytes: Uint8Array;
  tables: OdsTableScan[];
}

export interface OdsLimits {
  maxRows: number;
  maxCells: number;
}

/** Above this many (cells × array formulas), SheetJS's per-cell search of array ranges is too slow. */
const MAX_ARRAY_FORMULA_WORK = 50_000_000;

const detail = (en: string, vi: string) => ({ vi, en });

/**
 * The tag pattern SheetJS's ODS parser walks with (its `xlmlregex`, copied as it is: namespace
 * prefix optional, local name third, attributes only as name="value"). A tag it does not match
 * (a damaged attribute) is skipped by SheetJS, so it must be skipped here too.
 */
const TAG = /<([/]?)([^\s?><!/:"]*:|)([^\s?<>:/"]+)(?:\s+[^<>=?"'\s]+="[^"]*?")*\s*[/]?>/gm;

function attribute(tag: string, local: string): string | undefined {
  const m = new RegExp(`[\\s](?:[^\\s=:>]+:)?${local}\\s*=\\s*(["'])([^"']*)\\1`).exec(tag);
  return m ? m[2] : undefined;
}

/** Names of the automatic table styles that hide their table (table:display="false"). */
function hiddenTableStyles(content: string): Set<string> {
  const hidden = new Set<string>();
  const style = /<style:style\b([^>]*)>([\s\S]*?)<\/style:style>/g;
  for (let m = style.exec(content); m; m = style.exec(content)) {
    if (!/style:family\s*=\s*["']table["']/.test(m[1])) continue;
    if (!/table:display\s*=\s*["']false["']/.test(m[2])) continue;
    const name = /style:name\s*=\s*["']([^"']*)["']/.exec(m[1]);
    if (name) hidden.add(name[1]);
  }
  return hidden;
}

/** Count what SheetJS will build from content.xml; throws "too-large" past the limits. */
export function scanOdsContent(content: string, limits: OdsLimits): OdsTableScan[] {
  const tables: OdsTableScan[] = [];
  const hiddenStyles = hiddenTableStyles(content);
  let table: OdsTableScan | undefined;
  let row = -1;
  let rowRepeat = 1;
  let cells = 0;
  let arrays = 0;
  // SheetJS's state, followed closely: at every </table-cell> it stores the current cell once
  // per repeated row and once per column of the *last* cell tag it met (self-closing and
  // covered cells included), unless that cell is an empty text cell. In a sound file that is
  // the cell just closed; in a damaged one (a lost "/", a stray end tag) it can be any cell.
  let lastColumns = 1;
  let current: "none" | "text" | "value" = "none";
  let textSeen = false;
  let open = false;

  const count = (copies: number, r: number) => {
    if (copies <= 0) return;
    if (r >= limits.maxRows) {
      // past the cap SheetJS builds nothing (sheetRows); the sheet is marked as cut there
      if (table && table.truncatedAtRow === undefined) table.truncatedAtRow = r + 1;
      return;
    }
    cells += copies;
    if (cells > limits.maxCells) {
      throw new UnreadableError("too-large", detail(`more than ${limits.maxCells.toLocaleString("en")} cells`, `hơn ${limits.maxCells.toLocaleString("vi")} ô dữ liệu`));
    }
  };

  TAG.lastIndex = 0;
  for (let m = TAG.exec(content); m; m = TAG.exec(content)) {
    const closing = m[1] === "/";
    const local = m[3].replace(/_[\s\S]*$/, "");
    const tag = m[0];
    const selfClosing = tag.charAt(tag.length - 2) === "/";
    switch (local) {
      case "table":
        if (closing) table = undefined;
        else if (!selfClosing) {
          const styleName = attribute(tag, "style-name");
          table = { name: attribute(tag, "name") ?? "", hidden: styleName !== undefined && hiddenStyles.has(styleName) };
          tables.push(table);
          row = -1;
        }
        break;
      case "table-row":
        if (closing) {
          row += rowRepeat;
          rowRepeat = 1;
        } else {
          if (row === -1) row = 0;
          // SheetJS reads the row repeat with unary plus and the column repeat with parseInt.
          rowRepeat = Number(attribute(tag, "number-rows-repeated")) || 1;
        }
        break;
      case "covered-table-cell":
        if (!closing) lastColumns = parseInt(attribute(tag, "number-columns-repeated") ?? "1", 10) || 1;
        break;
      case "table-cell": {
        if (closing) {
          // An end tag with no cell open: a damaged file (or a start tag SheetJS's pattern does
          // not match, e.g. single-quoted attributes). SheetJS would store its last cell again,
          // once per column that cell repeated, in place of the lost one: refused, not misread.
          if (!open) {
            throw new UnreadableError("corrupt", detail("content.xml has a cell end tag without its start tag", "content.xml có thẻ đóng ô không có thẻ mở"));
          }
          if (!(current === "text" && !textSeen)) count(Math.max(0, rowRepeat) * Math.max(1, lastColumns), row);
          current = "value";
          open = false;
          textSeen = false;
          break;
        }
        lastColumns = parseInt(attribute(tag, "number-columns-repeated") ?? "1", 10) || 1;
        const type = attribute(tag, "value-type");
        const text = type === undefined || type === "string" || type === "text";
        if (selfClosing) {
          if (type === "string") count(1, row);
          // SheetJS keeps this cell as its current one, and a stray end tag would store it
          current = "value";
        } else {
          open = true;
          if (attribute(tag, "number-matrix-columns-spanned") !== undefined) arrays++;
          current = text && attribute(tag, "formula") === undefined ? "text" : "value";
        }
        textSeen = false;
        break;
      }
      case "p":
        if (!closing) textSeen = true;
        break;
    }
    if (arrays > 0 && cells * arrays > MAX_ARRAY_FORMULA_WORK) {
      throw new UnreadableError("too-large", detail(`${arrays} array formulas over ${cells} cells`, `${arrays} công thức mảng trên ${cells} ô`));
    }
  }
  return tables;
}

/**
 * SheetJS keeps a self-closing cell only when it holds a string, so a number written as
 * <table:table-cell office:value-type="float" office:value="7"/> (valid ODF; LibreOffice adds
 * a <text:p>, other writers do not) would be lost without a word. Such cells are given an end
 * tag, which SheetJS reads.
 */
function openValueCells(content: string): string {
  return content.replace(/<((?:[^\s?<>:/!]+:)?table-cell)(\s[^<>]*?)\/>/g, (whole, name: string, attributes: string) => {
    const type = attribute(attributes, "value-type");
    return type === undefined || type === "string" ? whole : `<${name}${attributes}></${name}>`;
  });
}

/** The parts SheetJS reads, inflated under the zip guard's limits, re-packed stored. */
export function prepareOds(zip: ZipArchive, limits: OdsLimits): OdsPackage {
  const manifestEntry = findEntry(zip, "META-INF/manifest.xml");
  const manifest = manifestEntry ? readEntryText(zip, manifestEntry) : "";
  // A password-protected .ods lists how each part is encrypted; the parts cannot be inflated.
  if (/<(?:[\w-]+:)?encryption-data\b/.test(manifest)) throw new UnreadableError("encrypted");
  const contentEntry = findEntry(zip, "content.xml");
  if (!contentEntry) {
    throw new UnreadableError("corrupt", detail("the OpenDocument file has no content.xml", "tệp OpenDocument không có phần content.xml"));
  }
  const content = openValueCells(readEntryText(zip, contentEntry, MAX_PART_INFLATED));
  const tables = scanOdsContent(content, limits);
  const stylesEntry = findEntry(zip, "styles.xml");
  const styles = stylesEntry ? readEntryText(zip, stylesEntry) : undefined;
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {
    mimetype: encoder.encode("application/vnd.oasis.opendocument.spreadsheet"),
    "META-INF/manifest.xml": encoder.encode(manifest || "<manifest:manifest/>"),
    "content.xml": encoder.encode(content),
  };
  // SheetJS insists on styles.xml, which ODF does not require: an empty one stands in.
  files["styles.xml"] = encoder.encode(styles ?? '<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
  return { bytes: zipSync(files, { level: 0 }), tables };
}
