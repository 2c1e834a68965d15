/**
 * Excel 97-2003 record streams built byte by byte, for tests that need a .xls no spreadsheet
 * program would write (millions of cells, a password record, lying sizes), wrapped in a
 * compound file by SheetJS's container writer.
 */
import { sheetJsSync } from "../../src/io/sheetjs";

export function record(type: number, data: Uint8Array | number[] = []): Uint8Array {
  const body = data instanceof Uint8Array ? data : Uint8Array.from(data);
  const out = new Uint8Array(4 + body.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, type, true);
  view.setUint16(2, body.length, true);
  out.set(body, 4);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** BOF of BIFF8: dt 0x0005 workbook globals, 0x0010 worksheet. */
export const bof = (dt: number) => record(0x0809, [...u16(0x0600), ...u16(dt), ...u16(0x0dbb), ...u16(0x07cc), ...u32(0), ...u32(0x0006)]);
export const eof = () => record(0x000a);

/** BOUNDSHEET8 for a visible worksheet whose BOF is at `position` in the stream. */
export function boundSheet(position: number, name: string): Uint8Array {
  const chars = Array.from(name, (c) => c.charCodeAt(0));
  const wide = chars.some((c) => c > 0xff);
  return record(0x0085, [...u32(position), 0, 0, chars.length, wide ? 1 : 0, ...(wide ? chars.flatMap(u16) : chars)]);
}

/** NUMBER cell (row and column 0-based). */
export const numberCell = (row: number, col: number, value: number) => {
  const bytes = new Uint8Array(14);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, row, true);
  view.setUint16(2, col, true);
  view.setUint16(4, 15, true);
  view.setFloat64(6, value, true);
  return record(0x0203, bytes);
};

/** MULRK: `count` integer cells from column `first` of `row` (RK integers: value << 2 | 2). */
export function mulRk(row: number, first: number, count: number, value = 1): Uint8Array {
  const bytes: number[] = [...u16(row), ...u16(first)];
  for (let i = 0; i < count; i++) bytes.push(...u16(15), ...u32((value << 2) | 2));
  bytes.push(...u16(first + count - 1));
  return record(0x00bd, bytes);
}

/** A workbook stream: globals (with `globals` records before the sheet list) and one sheet. */
export function workbookStream(sheetRecords: Uint8Array[], globals: Uint8Array[] = [], name = "Biểu"): Uint8Array {
  const head = concat([bof(0x0005), ...globals]);
  const sheetList = boundSheet(0, name); // position patched below
  const globalsEnd = eof();
  const sheetStart = head.length + sheetList.length + globalsEnd.length;
  const patched = boundSheet(sheetStart, name);
  return concat([head, patched, globalsEnd, bof(0x0010), ...sheetRecords, eof()]);
}

/** Wrap a stream in a compound file as "/Workbook" (BIFF8) or "/Book" (BIFF5). */
export function compoundWorkbook(stream: Uint8Array, streamName = "Workbook"): Uint8Array {
  const CFB = sheetJsSync()!.CFB;
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, `/${streamName}`, stream);
  return new Uint8Array(CFB.write(container, { type: "buffer" }));
}

/** The Workbook stream of a real .xls, to be edited and wrapped again. */
export function workbookStreamOf(xls: Uint8Array): Uint8Array {
  const CFB = sheetJsSync()!.CFB;
  const container = CFB.read(Buffer.from(xls), { type: "buffer" });
  return new Uint8Array(CFB.find(container, "/Workbook").content);
}
