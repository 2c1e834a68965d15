/** Learning from a workbook: the sheet a person names, else the first sheet that holds a table. */
import type { WorkbookGrid } from "../grid";
import { SheetView } from "../sheet-view";
import { matchKey } from "../text/normalize";
import type { LearnNote } from "./definition";
import { type LearnResult, learnSheet } from "./learn";

export function learnWorkbook(grid: WorkbookGrid, options: { sheet?: string } = {}): LearnResult {
  if (options.sheet !== undefined) {
    const wanted = matchKey(options.sheet);
    const sheet = grid.sheets.find((s) => s.name === options.sheet) ?? grid.sheets.find((s) => matchKey(s.name) === wanted);
    if (!sheet) {
      const names = grid.sheets.map((s) => `“${s.name}”`).join(", ");
      return { ok: false, notes: [{ level: "missing", vi: `Không có trang “${options.sheet}”; các trang: ${names}.`, en: `There is no sheet “${options.sheet}”; the sheets are: ${names}.` }] };
    }
    return learnSheet(new SheetView(sheet), { origin: "learned" });
  }
  const tried: LearnNote[] = [];
  for (const sheet of grid.sheets) {
    const learned = learnSheet(new SheetView(sheet), { origin: "learned" });
    if (learned.ok) return learned;
    tried.push(...learned.notes.map((n) => ({ ...n, vi: `Trang “${sheet.name}”: ${n.vi}`, en: `Sheet “${sheet.name}”: ${n.en}` })));
  }
  return { ok: false, notes: tried };
}
