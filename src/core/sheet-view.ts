/**
 * A read-only view of one sheet as the checks see it: text decoded from legacy fonts to
 * Unicode NFC, merged headers looked through, and a record of every legacy conversion so
 * that one finding can report it.
 */
import { type Cell, type CellRange, type Sheet, address, getCell } from "./grid";
import { cleanText } from "./text/normalize";
import { type LegacyEncoding, convertCellText } from "./text/legacy";

export interface LegacyUse {
  encoding: LegacyEncoding;
  cells: string[];
}

/** Row entries the merge index may hold; merges past it are searched one by one. */
const MERGE_INDEX_BUDGET = 1_000_000;

interface MergeIndex {
  /** Merges by row, for rows up to the last row with cells. */
  byRow: Map<number, CellRange[]>;
  /** Merges reaching below the last row with cells, for rows there (no cells, only merged look-through). */
  below: CellRange[];
  /** Merges past the index budget, searched for every row. */
  overflow: CellRange[];
}

/**
 * Merges by row, rows clipped to the sheet's last row with cells: a linear search per cell
 * made a header scan over a sheet with 200,000 merges take 30 s.
 */
function indexMerges(sheet: Sheet): MergeIndex {
  const index: MergeIndex = { byRow: new Map(), below: [], overflow: [] };
  const last = sheet.rows.length;
  let used = 0;
  for (const m of sheet.merges) {
    if (m.bottom > last) index.below.push(m);
    const bottom = Math.min(m.bottom, last);
    const height = bottom - m.top + 1;
    if (height <= 0) continue;
    if (used + height > MERGE_INDEX_BUDGET) {
      index.overflow.push(m);
      continue;
    }
    used += height;
    for (let r = m.top; r <= bottom; r++) {
      const list = index.byRow.get(r);
      if (list) list.push(m);
      else index.byRow.set(r, [m]);
    }
  }
  return index;
}

const covers = (m: CellRange, row: number, col: number) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right;

export class SheetView {
  readonly name: string;
  private readonly textCache = new Map<number, string>();
  private readonly legacy = new Map<LegacyEncoding, string[]>();
  private mergeIndex: MergeIndex | undefined;

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
    const m = this.mergeAt(row, col);
    return m && (m.top !== row || m.left !== col) ? this.ownText(m.top, m.left) : own;
  }

  /** The merge whose area contains the cell, if any. */
  mergeAt(row: number, col: number): CellRange | undefined {
    if (this.sheet.merges.length === 0) return undefined;
    const index = (this.mergeIndex ??= indexMerges(this.sheet));
    const candidates = row <= this.sheet.rows.length ? index.byRow.get(row) : index.below;
    const found = candidates?.find((m) => covers(m, row, col));
    return found ?? (index.overflow.length ? index.overflow.find((m) => covers(m, row, col)) : undefined);
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
