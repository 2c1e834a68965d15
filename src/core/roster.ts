/** The roster of expected agencies: a sheet whose header row has "Mã định danh" and "Tên đơn vị". */
import type { Sheet } from "./grid";
import type { Agency } from "./model";
import { SheetView } from "./sheet-view";
import { matchKey } from "./text/normalize";

const CODE_HEADERS = ["ma dinh danh", "ma don vi", "ma"];
const NAME_HEADERS = ["ten don vi", "don vi", "ten co quan don vi", "co quan don vi"];

export function rosterFromSheet(sheet: Sheet): Agency[] | null {
  const view = new SheetView(sheet);
  const scan = Math.min(view.rowCount, 30);
  for (let r = 1; r <= scan; r++) {
    let codeCol = 0;
    let nameCol = 0;
    for (let c = 1; c <= view.colCount(r); c++) {
      const key = matchKey(view.ownText(r, c));
      if (!codeCol && CODE_HEADERS.includes(key)) codeCol = c;
      else if (!nameCol && NAME_HEADERS.includes(key)) nameCol = c;
    }
    if (!codeCol || !nameCol) continue;
    const agencies: Agency[] = [];
    for (let row = r + 1; row <= view.rowCount; row++) {
      const code = view.ownText(row, codeCol).replace(/\s+/g, "").toUpperCase() || null;
      const name = view.ownText(row, nameCol) || null;
      if (code || name) agencies.push({ code, name });
    }
    return agencies;
  }
  return null;
}
