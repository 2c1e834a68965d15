/**
 * The pane's fixes written into the open workbook: every range write is queued, then one
 * context.sync sends them all, however many cells there are. Text goes in as text: Excel
 * reads a value typed as "=…", "-…" or "1.234" as a formula or a number, so such text gets
 * the apostrophe prefix that keeps it literal (the apostrophe is not part of the value).
 */
import type { CellEdit } from "../core/fix";

/** Text Excel would not keep as text when written to Range.values: formulas, numbers, dates, times, booleans. */
const NOT_TEXT_WHEN_TYPED = /^\s*(?:[=+\-@']|[\d\s.,:/%()$€₫-]*$|(?:true|false)\s*$)/i;

/** The value to write for a cell edit's value, so that Excel keeps text as text. */
export function excelLiteral(value: number | string): number | string {
  if (typeof value === "number") return value;
  return NOT_TEXT_WHEN_TYPED.test(value) ? `'${value}` : value;
}

/** Writes the edits in one round trip; returns how many cells were written. */
export async function applyEditsInExcel(context: Excel.RequestContext, edits: readonly CellEdit[]): Promise<number> {
  if (edits.length === 0) return 0;
  const worksheets = new Map<string, Excel.Worksheet>();
  for (const edit of edits) {
    let worksheet = worksheets.get(edit.sheet);
    if (!worksheet) {
      worksheet = context.workbook.worksheets.getItem(edit.sheet);
      worksheets.set(edit.sheet, worksheet);
    }
    const range = worksheet.getRange(edit.cell);
    // The format first: a number written into a Text ("@") cell would be stored as text again.
    if (edit.numFmt !== undefined) range.numberFormat = [[edit.numFmt]];
    // Excel computes the formula's result itself; the planned value is only for files.
    if (edit.formula !== undefined) range.formulas = [[`=${edit.formula}`]];
    else if (edit.value !== undefined) range.values = [[excelLiteral(edit.value)]];
    if (edit.font !== undefined) range.format.font.name = edit.font;
  }
  await context.sync();
  return edits.length;
}
