/**
 * A read-only view of one sheet as the checks see it: text decoded from legacy fonts to
 * Unicode NFC, merged headers looked through, and a record of every legacy conversion so
 * that one finding can report it.
 */
import { type Cell, type Sheet, address, getCell, mergeAt } from "./grid";
import { cleanText } from "./text/normalize";
import { type LegacyEncoding, convertCellText } from "./text/legacy";

export interface LegacyUse {
  encoding: LegacyEncoding;
  cells: string[];
}

export class SheetView {
  readonly name: string;
  private readonly textCache = new Map<number, string>();
  private readonly legacy = new Map<LegacyEncoding, string[]>();

  constructor(readonly sheet: Sheet) {
    this.name = sheet.name;
  }

  get rowCount(): number {
    return this.sheet.rows.length;
  }

  colCount(row: number): number {
    return this.sheet.rows[row - 1]?.length ?? 0;
  }

  cell(row: number, col: number): Cell | undefined {
    return getCell(this.sheet, row, col);
  }

  /** Cleaned Unicode text of a cell as stored (no merge look-through); "" when not text. */
  ownText(row: number, col: number): string {
    const cell = getCell(this.sheet, row, col);
    // Empty cells are most of what header scans visit; caching them would cost memory per cell.
    if (!cell) return "";
    const key = row * 16384 + col;
    const cached = this.textCache.get(key);
    if (cached !== undefined) return cached;
    let text = "";
    if (typeof cell.value === "string") {
      const converted = convertCellText(cell.value, cell.font);
      if (converted.encoding) this.noteLegacy(converted.encoding, address(row, col));
      text = cleanText(converted.text);
    } else if (typeof cell.value === "number" || typeof cell.value === "boolean") {
      text = String(cell.value);
    } else if (cell.error) {
      text = cell.error;
    }
    this.textCache.set(key, text);
    return text;
  }

  /** Text shown at a cell: merged areas show their top-left cell's text everywhere. */
  text(row: number, col: number): string {
    const own = this.ownText(row, col);
    if (own) return own;
    const m = mergeAt(this.sheet, row, col);
    return m && (m.top !== row || m.left !== col) ? this.ownText(m.top, m.left) : own;
  }

  /** The legacy encodings met so far, with the cells that carried them. */
  legacyUses(): LegacyUse[] {
    return [...this.legacy].map(([encoding, cells]) => ({ encoding, cells }));
  }

  private noteLegacy(encoding: LegacyEncoding, cellAddress: string): void {
    const list = this.legacy.get(encoding) ?? [];
    list.push(cellAddress);
    this.legacy.set(encoding, list);
  }
}
