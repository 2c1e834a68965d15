/**
 * The DTBD custom functions (docs/huong-dan.md, "Hàm DTBD"). Each accepts a cell or a range
 * and answers with a value or a spilled array of the same shape. The JSDoc below generates
 * functions.json (English names); functions.vi.json gives the vi-VN names and descriptions.
 * All domain rules live in src/core; these functions only adapt Excel's arguments to them.
 * A problem is answered with a CustomFunctions.Error carrying a message, never thrown.
 */
import { sheetFromValues, parseAddress, address, type CellValue } from "../core/grid";
import { parseCellNumber, numberOrZero } from "../core/number";
import type { FormDefinition } from "../core/form/definition";
import { validateGrid, workbookValidationOptions } from "../core/validate";
import { type SettingsLike, FORMS_SETTING, readStoredForms } from "../office/stored-forms";
import { convertCellText } from "../core/text/legacy";
import { attainmentStatus, rateOf, statusLabel } from "../core/attainment";
import { codeForLabel } from "../core/catalogue";
import { asMatrix, combinedShape, mapCells, pick, type Matrix } from "./matrix";
import { type FunctionMessage, t, userLanguage } from "./messages";

/**
 * Outside Excel (the task pane in a plain browser, tests) there is no CustomFunctions global;
 * the build appends CustomFunctions.associate(...) calls to this module, so provide an inert one.
 */
function ensureCustomFunctionsGlobal(): void {
  const g = globalThis as { CustomFunctions?: unknown };
  if (typeof g.CustomFunctions !== "undefined") return;
  class InertError extends Error {
    constructor(
      public code: string,
      message?: string,
    ) {
      super(message);
    }
  }
  g.CustomFunctions = {
    associate: () => undefined,
    Error: InertError,
    ErrorCode: { notAvailable: "#N/A", invalidValue: "#VALUE!", divisionByZero: "#DIV/0!" },
  };
}
ensureCustomFunctionsGlobal();

type Answer = unknown;

/** #N/A with the message in the user's language. */
function failure(id: FunctionMessage, detail?: string): CustomFunctions.Error {
  const text = t(userLanguage(), id) + (detail ? `: ${detail}` : "");
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, text);
}

/** A single-cell result is returned bare, so that an error shows its message on the cell. */
function spill(result: Answer[][]): any[][] {
  if (result.length === 1 && result[0].length === 1 && result[0][0] instanceof CustomFunctions.Error) {
    return result[0][0] as unknown as any[][];
  }
  return result as any[][];
}

function guarded(compute: () => any[][]): any[][] {
  try {
    return compute();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure("unexpected", reason) as unknown as any[][];
  }
}

/** Excel hands an empty cell over as "" (or null); both mean "blank". */
function cellValue(value: unknown): CellValue {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/** A number from a cell: blank → null, "-" → 0, Vietnamese text numbers read; else an error. */
function numeric(value: unknown): number | null | CustomFunctions.Error {
  const parsed = parseCellNumber(cellValue(value));
  if (parsed.kind === "blank") return null;
  const n = numberOrZero(parsed);
  return n === null ? failure("notNumber") : n;
}

function isError(value: unknown): value is CustomFunctions.Error {
  return value instanceof CustomFunctions.Error;
}

/** Apply a rule cell by cell over two arguments, stretching a single cell over a range. */
function pairwise(a: unknown, b: unknown, rule: (x: unknown, y: unknown) => Answer): any[][] {
  const ma = asMatrix(a);
  const mb = asMatrix(b);
  const shape = combinedShape(ma, mb);
  if (!shape) return failure("sizeMismatch") as unknown as any[][];
  return spill(mapCells(shape, (r, c) => rule(pick(ma, r, c), pick(mb, r, c))));
}

/** Two numbers cell by cell; a cell that is not a number gives its own error. */
function numericPairwise(a: unknown, b: unknown, rule: (x: number | null, y: number | null) => Answer): any[][] {
  return guarded(() =>
    pairwise(a, b, (left, right) => {
      const x = numeric(left);
      if (isError(x)) return x;
      const y = numeric(right);
      if (isError(y)) return y;
      return rule(x, y);
    }),
  );
}

function cellwise(a: unknown, rule: (x: unknown) => Answer): any[][] {
  const m: Matrix = asMatrix(a);
  return spill(m.map((line) => line.map((x) => rule(x))));
}

/**
 * Attainment rate: actual ÷ plan, as a ratio (format the cell as a percentage).
 * @customfunction ATTAINMENT
 * @param {any[][]} actual Actual number (a cell or a range)
 * @param {any[][]} plan Planned number (a cell or a range of the same size)
 * @returns {any[][]} The rate, or #N/A when the plan is 0 or blank
 */
export function attainmentFunction(actual: any[][], plan: any[][]): any[][] {
  return numericPairwise(actual, plan, (x, y) => {
    const rate = rateOf(x ?? 0, y ?? 0);
    return rate === null ? failure("planMissing") : rate;
  });
}

/**
 * Status against the plan: Vượt kế hoạch, Đạt, Chưa đạt, Ngoài kế hoạch, or empty.
 * @customfunction STATUS
 * @param {any[][]} actual Actual number (a cell or a range)
 * @param {any[][]} plan Planned number (a cell or a range of the same size)
 * @returns {any[][]} The status text
 */
export function statusFunction(actual: any[][], plan: any[][]): any[][] {
  return numericPairwise(actual, plan, (x, y) => {
    const status = attainmentStatus(x ?? 0, y ?? 0);
    // The statuses are named in Vietnamese in every display language: formulas compare them as text.
    return status ? statusLabel("vi", status) : "";
  });
}

/**
 * Average per year: total ÷ number of years.
 * @customfunction PERYEAR
 * @param {any[][]} total Total over the period (a cell or a range)
 * @param {any[][]} years Number of years
 * @returns {any[][]} The yearly average
 */
export function perYearFunction(total: any[][], years: any[][]): any[][] {
  return numericPairwise(total, years, (sum, n) => {
    if (n === null || n <= 0) return failure("yearsInvalid");
    return (sum ?? 0) / n;
  });
}

/**
 * Change against a baseline: current − baseline, or with asRatio TRUE, current ÷ baseline.
 * @customfunction CHANGE
 * @param {any[][]} current Current value (a cell or a range)
 * @param {any[][]} baseline Baseline value, e.g. the previous period's yearly average
 * @param {boolean} [asRatio] TRUE for the ratio instead of the difference
 * @returns {any[][]} The difference or the ratio
 */
export function changeFunction(current: any[][], baseline: any[][], asRatio?: boolean): any[][] {
  return numericPairwise(current, baseline, (now, base) => {
    if (!asRatio) return (now ?? 0) - (base ?? 0);
    if (!base) return failure("baselineZero");
    return (now ?? 0) / base;
  });
}

/**
 * A number from Vietnamese text: "9.514" gives 9514, "93,7%" gives 0.937.
 * @customfunction NUMBER
 * @param {any[][]} text Text (a cell or a range)
 * @returns {any[][]} The number
 */
export function numberFunction(text: any[][]): any[][] {
  return guarded(() =>
    cellwise(text, (v) => {
      const n = numeric(v);
      return n === null ? "" : n;
    }),
  );
}

/**
 * The Mã số of a programme label of form 01/ĐTBD, tolerant of spelling variants.
 * @customfunction CODE
 * @param {any[][]} label Programme label, e.g. "Thạc sỹ" (a cell or a range)
 * @returns {any[][]} The two-digit Mã số as text
 */
export function codeFunction(label: any[][]): any[][] {
  return guarded(() =>
    cellwise(label, (v) => {
      const text = cellValue(v);
      if (text === null) return "";
      return codeForLabel(String(text)) ?? failure("labelUnknown");
    }),
  );
}

/**
 * Text typed in TCVN3 (ABC) or VNI encoding, converted to Unicode.
 * @customfunction UNICODE
 * @param {any[][]} text Text in a legacy encoding (a cell or a range)
 * @returns {any[][]} The Unicode text
 */
export function unicodeFunction(text: any[][]): any[][] {
  return guarded(() =>
    cellwise(text, (v) => {
      const value = cellValue(v);
      return typeof value === "string" ? convertCellText(value).text : (value ?? "");
    }),
  );
}

/**
 * The findings of a whole form (01/ĐTBD, a form with a column-code row, or a form learned in this workbook), as a table: cell, code, message.
 * @customfunction CHECK
 * @requiresParameterAddresses
 * @param {any[][]} table The whole form, from its title to its last row
 * @param {CustomFunctions.Invocation} invocation Invocation
 * @returns {any[][]} A header row, then one row per finding
 */
export function checkFunction(table: any[][], invocation?: CustomFunctions.Invocation): any[][] {
  return guarded(() => {
    const lang = userLanguage();
    const origin = rangeOrigin(invocation?.parameterAddresses?.[0]);
    const values = asMatrix(table).map((line) => line.map(cellValue));
    const sheet = sheetFromValues(origin.sheet, values);
    const result = validateGrid({ sheets: [sheet] }, workbookValidationOptions(workbookForms()));
    const rows: Answer[][] = [t(lang, "checkHeader").split("|")];
    for (const f of result.findings) rows.push([shiftAddress(f.cell, origin), f.code, f.message[lang]]);
    return rows as any[][];
  });
}

/** The forms last read from the workbook's settings, by the setting's text (a recalculation reads them once). */
let storedFormsCache: { text: string; forms: FormDefinition[] } | null = null;

/**
 * The forms learned in this workbook ("Học mẫu từ trang này"): the functions share the task
 * pane's runtime, so they read the same document settings. None outside Excel.
 */
function workbookForms(): FormDefinition[] {
  const settings = documentSettings();
  if (!settings) return [];
  const text = JSON.stringify(settings.get(FORMS_SETTING) ?? null);
  if (storedFormsCache?.text !== text) storedFormsCache = { text, forms: readStoredForms(settings).forms };
  return storedFormsCache.forms;
}

function documentSettings(): SettingsLike | null {
  try {
    const office = (globalThis as { Office?: { context?: { document?: { settings?: SettingsLike } } } }).Office;
    return office?.context?.document?.settings ?? null;
  } catch {
    return null;
  }
}

interface RangeOrigin {
  sheet: string;
  row: number;
  col: number;
}

/** Where the range passed to CHECK starts, so that findings name the worksheet's own cells. */
function rangeOrigin(parameterAddress: string | undefined): RangeOrigin {
  const fallback = { sheet: "01-DTBD", row: 1, col: 1 };
  if (!parameterAddress) return fallback;
  const bang = parameterAddress.lastIndexOf("!");
  const sheet = bang > 0 ? parameterAddress.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'") : fallback.sheet;
  const start = parseAddress(parameterAddress.slice(bang + 1).split(":")[0]);
  return start ? { sheet, row: start.row, col: start.col } : { ...fallback, sheet };
}

function shiftAddress(cell: string | null, origin: RangeOrigin): string {
  if (!cell) return "";
  const at = parseAddress(cell);
  return at ? address(at.row + origin.row - 1, at.col + origin.col - 1) : cell;
}
