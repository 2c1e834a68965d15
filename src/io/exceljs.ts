/**
 * exceljs's Workbook and enums, taken from the package's own sources rather than its index.
 * The index also loads the streaming reader and writer (unzipper and its kin), which no DTBD
 * command uses: in Node, `require("exceljs")` takes ~165 ms and this ~70 ms, which
 * `dtbd consolidate` pays while its other lane is still inspecting. In the pane's bundle it is
 * also the CSP-safe choice (the package's browser file calls Function()).
 */
import type * as ExcelJS from "exceljs";

/* eslint-disable @typescript-eslint/no-require-imports -- the sources ship without typings; the index's types describe them */
export const Workbook: typeof ExcelJS.Workbook = require("exceljs/lib/doc/workbook");
export const { ValueType } = require("exceljs/lib/doc/enums") as Pick<typeof ExcelJS, "ValueType">;
/* eslint-enable @typescript-eslint/no-require-imports */
