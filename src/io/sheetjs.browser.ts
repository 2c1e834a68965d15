/**
 * The task pane's stand-in for sheetjs.ts (swapped in by webpack.config.js): SheetJS is
 * fetched as a chunk of its own the first time an .xls or .ods file is opened, so the pane's
 * first load and every .xlsx check carry none of it. The code pages that Excel 5.0/95 text
 * needs (half a megabyte) come as a further chunk, only for such a file.
 */
import type { SheetJs } from "./sheetjs.js";

export type { SheetJs };

let loaded: SheetJs | undefined;
let codepagesLoaded = false;

/** Undefined until loadSheetJs has run: readWorkbook (async) loads it before reading. */
export function sheetJsSync(): SheetJs | undefined {
  return loaded;
}

export async function loadSheetJs(opts: { codepages?: boolean } = {}): Promise<SheetJs> {
  loaded ??= (await import(/* webpackChunkName: "sheetjs" */ "@e965/xlsx")) as SheetJs;
  if (opts.codepages && !codepagesLoaded) {
    const codepages = await import(/* webpackChunkName: "sheetjs-codepages" */ "@e965/xlsx/dist/cpexcel.full.mjs");
    loaded.set_cptable(codepages);
    codepagesLoaded = true;
  }
  return loaded;
}
