/**
 * SheetJS (the community edition, as published on npm by @e965/xlsx: see SECURITY.md) reads
 * the workbook formats the lean reader does not: Excel 97-2003 (.xls), Excel 5.0/95 and
 * OpenDocument (.ods). It is a megabyte of JavaScript, so it is loaded only when such a file
 * arrives, never for .xlsx.
 *
 * Node (the CLI, its worker threads, the tests): loaded synchronously on first use, so that
 * readWorkbookSync reads every format. The CommonJS build also brings SheetJS's code pages,
 * which Excel 5.0/95 text needs. The task pane's bundle replaces this module with
 * sheetjs.browser.ts, which loads SheetJS as a chunk of its own (webpack.config.js).
 */
import { createRequire } from "node:module";
import type * as SheetJsModule from "@e965/xlsx";

export type SheetJs = typeof SheetJsModule;

let loaded: SheetJs | undefined;

/** SheetJS, loaded now if need be; undefined only where it cannot be loaded synchronously. */
export function sheetJsSync(): SheetJs | undefined {
  return (loaded ??= createRequire(__filename)("@e965/xlsx") as SheetJs);
}

/** SheetJS, loaded if need be. `codepages`: also the Excel 5.0/95 code pages (always here). */
export async function loadSheetJs(_opts: { codepages?: boolean } = {}): Promise<SheetJs> {
  return sheetJsSync()!;
}
