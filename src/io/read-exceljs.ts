/**
 * `readWorkbookWithExceljs` gives the same grid as the lean reader through exceljs's full
 * loader. It is the reference the lean reader is tested against, and ~10× slower; it is
 * guarded the same way (exceljs itself has no size limits).
 */
import ExcelJS from "exceljs";
import type { Cell, CellValue, Sheet } from "../core/grid.js";
import { parseRange, setCell } from "../core/grid.js";
import { Readable } from "node:stream";
import { type ReadResult, failed } from "./read.js";
import { findEntry, guardWholeArchive, locateWorkbookPart, openZip, readEntryText, type ZipArchive } from "./zip-guard.js";

// ---------------------------------------------------------------------------------------
// The exceljs reference reader

const EXCEL_EPOCH_DAYS = 25569;

function serialDate(d: Date): number {
  return d.getTime() / 86_400_000 + EXCEL_EPOCH_DAYS;
}

type Plain = { value: CellValue; error?: string; font?: string };

/** An exceljs value (or formula result) as a grid value. */
function plainValue(v: unknown): Plain | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return { value: v };
  if (v instanceof Date) return { value: serialDate(v) };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { value: null, error: o.error };
    if (Array.isArray(o.richText)) {
      const runs = o.richText as { text: string; font?: { name?: string } }[];
      return { value: runs.map((r) => r.text).join(""), font: runs[0]?.font?.name };
    }
    if ("text" in o) return plainValue(o.text); // hyperlink
  }
  return undefined;
}

interface DefaultFormat {
  numFmt?: string;
  font?: string;
}

/**
 * exceljs gives no style to cells on the default format (xf 0), but Excel shows them in
 * that format's font — which matters when a workbook's Normal style is .VnTime. exceljs's
 * own styles parser reads xf 0, so the reference stays independent of the lean reader.
 */
async function defaultFormat(zip: ZipArchive): Promise<DefaultFormat> {
  const entry = findEntry(zip, "xl/styles.xml");
  if (!entry) return {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const StylesXform = require("exceljs/lib/xlsx/xform/style/styles-xform.js");
  const styles = new StylesXform();
  await styles.parseStream(Readable.from([readEntryText(zip, entry)]));
  const model = styles.getStyleModel(0) as { numFmt?: string; font?: { name?: string } } | null;
  return { numFmt: model?.numFmt, font: model?.font?.name };
}

const isGeneral = (fmt: string | undefined) => !fmt || fmt.toLowerCase() === "general";

function cellFromExceljs(cell: ExcelJS.Cell, defaults: DefaultFormat): Cell | undefined {
  if (cell.type === ExcelJS.ValueType.Merge || cell.type === ExcelJS.ValueType.Null) return undefined;
  let out: Cell;
  let runFont: string | undefined;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const result = plainValue(cell.result);
    out = { value: result?.value ?? null, formula: cell.formula ?? "" };
    if (result?.error !== undefined) out.error = result.error;
    if (cell.result === undefined) out.noCachedValue = true;
  } else {
    const plain = plainValue(cell.value);
    if (!plain) return undefined;
    out = { value: plain.value };
    if (plain.error !== undefined) out.error = plain.error;
    runFont = plain.font;
  }
  const numFmt = cell.numFmt ?? defaults.numFmt;
  if (!isGeneral(numFmt)) out.numFmt = numFmt;
  const font = runFont ?? (cell.font ? cell.font.name : defaults.font);
  if (font !== undefined) out.font = font;
  return out;
}

/** The same grid through exceljs's `wb.xlsx.load`, after the same zip guard. Never throws. */
export async function readWorkbookWithExceljs(bytes: Uint8Array): Promise<ReadResult> {
  try {
    const zip = openZip(bytes);
    if (!findEntry(zip, "xl/workbook.xml")) locateWorkbookPart(zip);
    guardWholeArchive(zip);
    const defaults = await defaultFormat(zip);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
    const sheets: Sheet[] = wb.worksheets.map((ws) => {
      const sheet: Sheet = { name: ws.name, rows: [], merges: [] };
      if (ws.state === "hidden" || ws.state === "veryHidden") sheet.hidden = true;
      ws.eachRow({ includeEmpty: false }, (row, r) =>
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          const converted = cellFromExceljs(cell, defaults);
          if (converted) setCell(sheet, r, c, converted);
        }),
      );
      for (const ref of (ws.model as { merges?: string[] }).merges ?? []) {
        const range = parseRange(ref);
        if (range) sheet.merges.push(range);
      }
      return sheet;
    });
    return { grid: { sheets }, findings: [] };
  } catch (error) {
    return failed(error);
  }
}
