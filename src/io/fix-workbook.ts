/**
 * The pane's fixes written into a copy of the user's workbook (browser mode): exceljs loads the
 * file, only the edited cells change, and new bytes come back. The bytes given are never
 * modified. exceljs is loaded with this module, which the pane and the CLI import lazily.
 */
import type ExcelJS from "exceljs";
import { ValueType, Workbook } from "./exceljs";
import type { CellEdit } from "../core/fix.js";
export { fixedFileName } from "../core/fix-name.js";
import { findEntry, guardWholeArchive, locateWorkbookPart, openZip } from "./zip-guard.js";

/** Style objects are shared between cells with the same style: each edited cell gets its own copy. */
function restyle(cell: ExcelJS.Cell, edit: CellEdit): void {
  if (edit.font === undefined && edit.numFmt === undefined) return;
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (edit.font !== undefined) style.font = { ...cell.style.font, name: edit.font };
  if (edit.numFmt !== undefined) style.numFmt = edit.numFmt;
  cell.style = style;
}

function writeEdit(cell: ExcelJS.Cell, edit: CellEdit): boolean {
  let formulaWritten = false;
  if (edit.formula !== undefined) {
    cell.value = edit.value === undefined ? { formula: edit.formula } : ({ formula: edit.formula, result: edit.value } as ExcelJS.CellFormulaValue);
    formulaWritten = true;
  } else if (edit.value !== undefined) {
    // A string is stored as a string whatever it starts with: exceljs never reads "=" in a value as a formula.
    cell.value = edit.value;
  }
  restyle(cell, edit);
  return formulaWritten;
}

interface SharedFormulaValue {
  sharedFormula?: string;
  result?: ExcelJS.CellValue;
}

/**
 * A cell sharing the formula of an edited cell (Excel's shared formulas) would follow the new
 * formula, or lose its master: it keeps its own formula, written out in full.
 */
function detachSharedFormulas(ws: ExcelJS.Worksheet, edited: Set<string>): void {
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type !== ValueType.Formula || edited.has(cell.address)) return;
      const value = cell.value as SharedFormulaValue;
      if (!value.sharedFormula || !edited.has(value.sharedFormula.replace(/\$/g, ""))) return;
      const result = value.result;
      cell.value = (result === undefined ? { formula: cell.formula } : { formula: cell.formula, result }) as ExcelJS.CellFormulaValue;
    }),
  );
}

/** The workbook with the edits made; edits for sheets that do not exist are skipped. */
export async function applyEditsToWorkbook(bytes: Uint8Array, edits: readonly CellEdit[]): Promise<Uint8Array> {
  // The same guard as every reader: exceljs inflates everything, so the archive is checked first.
  const zip = openZip(bytes);
  if (!findEntry(zip, "xl/workbook.xml")) locateWorkbookPart(zip);
  guardWholeArchive(zip);
  const wb = new Workbook();
  // A copy: exceljs must not share (or touch) the caller's buffer.
  await wb.xlsx.load(Buffer.from(bytes) as never);

  const bySheet = new Map<string, CellEdit[]>();
  for (const edit of edits) bySheet.set(edit.sheet, [...(bySheet.get(edit.sheet) ?? []), edit]);
  let formulas = false;
  for (const [name, sheetEdits] of bySheet) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    detachSharedFormulas(ws, new Set(sheetEdits.filter((e) => e.formula !== undefined || e.value !== undefined).map((e) => e.cell)));
    for (const edit of sheetEdits) formulas = writeEdit(ws.getCell(edit.cell), edit) || formulas;
  }
  // Excel recomputes the new formulas on opening, whatever cached result was written.
  if (formulas) wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
