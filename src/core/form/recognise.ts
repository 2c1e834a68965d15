/**
 * A form's own name for itself: the form number printed above its table ("Biểu số 10-BTCTW",
 * "Mẫu số 02"). Two forms can share their columns (forms 10 and 11 of one series); a file
 * whose number names another form is not read as this one.
 */
import type { SheetView } from "../sheet-view";
import { matchKey } from "../text/normalize";
import type { FormDefinition } from "./definition";

export const FORM_NUMBER = /^(bieu|mau)( so)?\s*:?\s*[0-9]/;

/** "Biểu số: 01/ĐTBD" → "01dtbd", "Biểu số 10-BTCTW" → "10btctw": the number without its wording. */
export function formNumberKey(text: string): string {
  return matchKey(text)
    .replace(/^(bieu|mau)( so)?\s*/, "")
    .replace(/[^a-z0-9]/g, "");
}

/** The first form number in the rows above a table, as written. */
export function formNumberIn(view: SheetView, lastRow: number): string | null {
  for (let r = 1; r <= lastRow; r++) {
    const width = Math.min(view.colCount(r), 60);
    for (let c = 1; c <= width; c++) {
      if (typeof view.cell(r, c)?.value !== "string") continue;
      const text = view.ownText(r, c);
      if (text && FORM_NUMBER.test(matchKey(text))) return text;
    }
  }
  return null;
}

/** The file names a form number, the definition names another: not this form. */
export function namesAnotherForm(view: SheetView, headerTop: number, definition: FormDefinition): boolean {
  const expected = definition.recognise.formNumber;
  if (!expected) return false;
  const found = formNumberIn(view, headerTop - 1);
  if (found === null) return false;
  // "Mẫu số 01" and "Biểu số: 01/ĐTBD" agree as far as both go; "10-BTCTW" and "11-BTCTW" do not.
  const a = formNumberKey(found);
  const b = formNumberKey(expected);
  return !(a.startsWith(b) || b.startsWith(a));
}
