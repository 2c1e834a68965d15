/**
 * Writes form 01/ĐTBD with exceljs: the blank template agencies fill in, and the same form
 * filled with numbers (the consolidated report's `Tổng hợp` sheet, the add-in's new sheet).
 * Rows and columns come from src/core/form01.ts; the arithmetic comes from the code row
 * (`1=2+3+4+5`, `13=6/1`) and the row hierarchy, so the formulas follow the form's own rules.
 */
import { parseColumnCode } from "../core/coderow";
import { formatVietnamese } from "../core/number";
import type ExcelJS from "exceljs";
import { Workbook } from "./exceljs";
import {
  FORM01_COLUMNS,
  FORM01_LAYOUT,
  FORM01_ROWS,
  FORM_ID,
  MANAGING_BODY,
  PLAN_TOTAL,
  TITLE_PREFIX,
  UNITS_LINE,
  type FormColumn,
  type FormRow,
} from "../core/form01";
import {
  CODE_ROW_FILL,
  NUM_FMT,
  THIN_BORDER,
  clean,
  colLetter,
  font,
  freeze,
  rateOrBlank,
  rowHeightFor,
  setColumnWidths,
  setPrintLayout,
  setText,
  stampWorkbook,
  styleHeaderCell,
  toBytes,
} from "./sheet-style";

export const TEMPLATE_SHEET_NAME = "01-DTBD";

/** Values keyed by Mã số, then by column code ("1".."15"). */
export type Form01Values = Record<string, Record<string, number>>;

export interface Form01SheetOptions {
  /** Report year; defaults to the current year unless `period` is given; null leaves "NĂM …" to fill. */
  year?: number | null;
  /** A period plan ("GIAI ĐOẠN 2021 - 2025") instead of an annual one. */
  period?: { from: number; to: number };
  agencyName?: string;
  agencyCode?: string;
  /** Cơ quan chủ quản in A1; null leaves A1 empty (the province's own report). */
  managingBody?: string | null;
  /** Leaf numbers; parent rows, totals and rates are formulas computed from them. */
  values?: Form01Values;
  /** An extra header line in row 7, e.g. "Số đơn vị tổng hợp: 27/31". */
  summaryLine?: string;
  /** Place in the footer's date line; derived from the managing body when omitted. */
  place?: string;
  /**
   * Last year's actuals shown as a reference, not as data (template --from): a note on each
   * plan-total cell and a grey column right of the table, with no code in the code row.
   */
  reference?: TemplateReference;
}

export interface TemplateReference {
  year: number;
  /** Last year's actual total (column 6) by Mã số. */
  actual: Record<string, number>;
}

export interface Form01SheetLayout {
  worksheet: ExcelJS.Worksheet;
  /** Excel row of each Mã số. */
  rowOf: ReadonlyMap<string, number>;
  /** Excel column (1-based) of each column code. */
  colOf: ReadonlyMap<string, number>;
  firstBodyRow: number;
  lastBodyRow: number;
  /** The values every numeric cell shows (formula results included), by Mã số and column code. */
  computed: Record<string, Record<string, number | string>>;
}

const NUMERIC_KINDS = new Set<FormColumn["kind"]>(["headcount", "money", "rate"]);

/** A column whose code-row text states a rule, e.g. "1=2+3+4+5" or "13=6/1". */
interface ColumnRule {
  target: string;
  op: "sum" | "ratio";
  operands: string[];
}

/** The code row's rule, read by the core's code-row parser: the form states its own arithmetic. */
export function parseColumnRule(codeText: string): ColumnRule | null {
  const code = parseColumnCode(codeText);
  if (!code?.rule) return null;
  return code.rule.kind === "sum"
    ? { target: code.id, op: "sum", operands: code.rule.terms }
    : { target: code.id, op: "ratio", operands: [code.rule.numerator, code.rule.denominator] };
}

const COLUMN_RULES: ReadonlyMap<string, ColumnRule> = new Map(
  FORM01_COLUMNS.flatMap((c) => {
    const rule = parseColumnRule(c.codeText);
    return rule ? [[c.code, rule] as const] : [];
  }),
);

const COL_OF: ReadonlyMap<string, number> = new Map(FORM01_COLUMNS.map((c, i) => [c.code, i + 1]));
const LAST_COL = FORM01_COLUMNS.length;

function colOfKind(kind: FormColumn["kind"]): number {
  const i = FORM01_COLUMNS.findIndex((c) => c.kind === kind);
  if (i < 0) throw new Error(`form 01 has no ${kind} column`);
  return i + 1;
}

function numFmtOf(col: FormColumn): string | undefined {
  if (col.kind === "headcount") return NUM_FMT.headcount;
  if (col.kind === "money") return NUM_FMT.money;
  if (col.kind === "rate") return NUM_FMT.rate;
  return undefined;
}

/** Joins consecutive rows into ranges: F13:F18 rather than F13+F14+…+F18. */
function sumFormula(letter: string, rows: number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = sorted[0];
  const flush = (): void => {
    parts.push(start === prev ? `${letter}${start}` : `SUM(${letter}${start}:${letter}${prev})`);
  };
  for (const r of sorted.slice(1)) {
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    flush();
    start = r;
    prev = r;
  }
  flush();
  return parts.join("+");
}

/** Row formula for a rule column: SUM(F11:I11) for 1=2+3+4+5, IF(E11>0,J11/E11,"") for 13=6/1. */
function ruleFormula(rule: ColumnRule, row: number): string {
  const letters = rule.operands.map((code) => colLetter(COL_OF.get(code)!));
  if (rule.op === "ratio") {
    const [num, den] = letters;
    // A blank rather than #DIV/0! where nothing was planned (docs/form-01.md: no rate, no error).
    return `IF(${den}${row}>0,${num}${row}/${den}${row},"")`;
  }
  const cols = rule.operands.map((code) => COL_OF.get(code)!);
  const contiguous = cols.every((c, i) => i === 0 || c === cols[i - 1] + 1);
  return contiguous ? `SUM(${letters[0]}${row}:${letters[letters.length - 1]}${row})` : letters.map((l) => `${l}${row}`).join("+");
}

/**
 * The number every cell of the form shows: entered leaf values (blank = 0), parent rows as
 * sums of their children, rule columns from their rule. These are the cached formula results.
 */
export function computeForm01(values: Form01Values = {}): Record<string, Record<string, number | string>> {
  const out: Record<string, Record<string, number | string>> = {};
  const byCode = new Map(FORM01_ROWS.map((r) => [r.code, r]));
  const inputCols = FORM01_COLUMNS.filter((c) => NUMERIC_KINDS.has(c.kind) && !COLUMN_RULES.has(c.code));
  const visit = (row: FormRow): Record<string, number | string> => {
    if (out[row.code]) return out[row.code];
    const cells: Record<string, number | string> = {};
    for (const col of inputCols) {
      if (row.children.length === 0) {
        const v = values[row.code]?.[col.code];
        cells[col.code] = typeof v === "number" && Number.isFinite(v) ? v : 0;
      } else {
        let sum = 0;
        for (const child of row.children) sum += Number(visit(byCode.get(child)!)[col.code]) || 0;
        cells[col.code] = clean(sum);
      }
    }
    for (const [code, rule] of COLUMN_RULES) {
      if (rule.op === "sum") cells[code] = clean(rule.operands.reduce((s, c) => s + (Number(cells[c]) || 0), 0));
    }
    for (const [code, rule] of COLUMN_RULES) {
      if (rule.op === "ratio") cells[code] = rateOrBlank(Number(cells[rule.operands[0]]) || 0, Number(cells[rule.operands[1]]) || 0);
    }
    out[row.code] = cells;
    return cells;
  };
  for (const row of FORM01_ROWS) visit(row);
  return out;
}

function titleOf(opts: Form01SheetOptions): string {
  if (opts.period) return `${TITLE_PREFIX} GIAI ĐOẠN ${opts.period.from} - ${opts.period.to}`;
  if (opts.year === null) return `${TITLE_PREFIX} NĂM …`;
  return `${TITLE_PREFIX} NĂM ${opts.year ?? new Date().getFullYear()}`;
}

/** "UBND TỈNH LẠNG SƠN" → "Lạng Sơn", for the footer's "Lạng Sơn, ngày … tháng … năm …". */
export function placeFromManagingBody(body: string | null | undefined): string | null {
  if (!body) return null;
  const m = /^\s*(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(?:TỈNH|THÀNH PHỐ|TP\.?)\s+(.+?)\s*$/iu.exec(body.normalize("NFC"));
  if (!m) return null;
  return m[1]
    .toLocaleLowerCase("vi")
    .split(/\s+/)
    .map((w) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1))
    .join(" ");
}

function writeHeaderBlock(ws: ExcelJS.Worksheet, opts: Form01SheetOptions): void {
  const managingBody = opts.managingBody === undefined ? MANAGING_BODY : opts.managingBody;
  const a1 = ws.getCell("A1");
  setText(a1, managingBody);
  a1.font = font();
  const a2 = ws.getCell("A2");
  setText(a2, opts.agencyName ? opts.agencyName.normalize("NFC").toLocaleUpperCase("vi") : null);
  a2.font = font({ bold: true });

  const h1 = ws.getCell("H1");
  h1.value = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  h1.font = font({ bold: true });
  const h2 = ws.getCell("H2");
  h2.value = "Độc lập - Tự do - Hạnh phúc";
  h2.font = font({ bold: true, underline: true });
  const r1 = ws.getCell("R1");
  r1.value = `Biểu số: ${FORM_ID}`;
  r1.font = font({ bold: true });

  ws.mergeCells(4, 1, 4, LAST_COL);
  const a4 = ws.getCell("A4");
  a4.value = titleOf(opts);
  a4.font = font({ bold: true, size: 14 });
  a4.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  ws.getRow(4).height = 36;

  const a5 = ws.getCell("A5");
  setText(a5, `Đơn vị báo cáo: ${opts.agencyName ? opts.agencyName.normalize("NFC") : ""}`);
  a5.font = font();
  const h5 = ws.getCell("H5");
  h5.value = "Mã định danh:";
  h5.font = font();
  h5.alignment = { horizontal: "right" };
  const i5 = ws.getCell("I5");
  setText(i5, opts.agencyCode ?? null);
  i5.numFmt = "@";
  i5.font = font({ bold: true });

  const a6 = ws.getCell("A6");
  a6.value = UNITS_LINE;
  a6.font = font({ italic: true });

  if (opts.summaryLine) {
    const a7 = ws.getCell("A7");
    setText(a7, opts.summaryLine);
    a7.font = font({ bold: true });
  }
}

function writeColumnHeader(ws: ExcelJS.Worksheet): void {
  const { headerRow1: h1, headerRow2: h2, codeRow } = FORM01_LAYOUT;
  let i = 0;
  while (i < FORM01_COLUMNS.length) {
    const col = FORM01_COLUMNS[i];
    const c = i + 1;
    if (col.group === null) {
      ws.mergeCells(h1, c, h2, c);
      ws.getCell(h1, c).value = col.label;
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < FORM01_COLUMNS.length && FORM01_COLUMNS[j + 1].group === col.group) j++;
    ws.mergeCells(h1, c, h1, j + 1);
    ws.getCell(h1, c).value = col.group;
    for (let k = i; k <= j; k++) ws.getCell(h2, k + 1).value = FORM01_COLUMNS[k].label;
    i = j + 1;
  }
  for (let c = 1; c <= LAST_COL; c++) {
    styleHeaderCell(ws.getCell(h1, c));
    styleHeaderCell(ws.getCell(h2, c));
    const code = ws.getCell(codeRow, c);
    code.value = FORM01_COLUMNS[c - 1].codeText;
    styleHeaderCell(code, CODE_ROW_FILL);
    code.font = font({ italic: true, bold: false, size: 9 });
    code.alignment = { horizontal: "center", vertical: "middle", wrapText: false, shrinkToFit: true };
    code.numFmt = "@";
  }
  ws.getRow(h1).height = 24;
  ws.getRow(h2).height = 64;
}

function writeBody(
  ws: ExcelJS.Worksheet,
  values: Form01Values,
  computed: Record<string, Record<string, number | string>>,
): Map<string, number> {
  const first = FORM01_LAYOUT.firstBodyRow;
  const rowOf = new Map(FORM01_ROWS.map((r, i) => [r.code, first + i]));
  const ttCol = colOfKind("tt");
  const labelCol = colOfKind("label");
  const codeCol = colOfKind("rowCode");
  const unitCol = colOfKind("unit");
  const noteCol = colOfKind("note");
  const topLevel = new Set(FORM01_ROWS.filter((r) => !FORM01_ROWS.some((p) => p.children.includes(r.code))).map((r) => r.code));

  for (const row of FORM01_ROWS) {
    const r = rowOf.get(row.code)!;
    const isParent = row.children.length > 0;
    const bold = isParent || topLevel.has(row.code);
    const base = font({ bold, italic: row.tt === "-" || row.tt === "+" });

    const tt = ws.getCell(r, ttCol);
    tt.value = row.tt;
    tt.alignment = { horizontal: "center", vertical: "middle" };
    const label = ws.getCell(r, labelCol);
    label.value = row.label;
    label.alignment = { vertical: "middle", wrapText: true, indent: row.tt === "-" ? 1 : 0 };
    const code = ws.getCell(r, codeCol);
    code.value = row.code;
    code.numFmt = "@";
    code.alignment = { horizontal: "center", vertical: "middle" };
    const unit = ws.getCell(r, unitCol);
    unit.value = row.unit;
    unit.alignment = { horizontal: "center", vertical: "middle" };
    ws.getCell(r, noteCol).alignment = { vertical: "middle", wrapText: true };

    FORM01_COLUMNS.forEach((col, idx) => {
      const c = idx + 1;
      const cell = ws.getCell(r, c);
      cell.border = THIN_BORDER;
      cell.font = col.kind === "label" || col.kind === "tt" ? base : font({ bold });
      if (!NUMERIC_KINDS.has(col.kind)) return;
      cell.numFmt = numFmtOf(col)!;
      cell.alignment = { horizontal: "right", vertical: "middle" };
      const rule = COLUMN_RULES.get(col.code);
      const result = computed[row.code][col.code];
      if (rule) {
        cell.value = { formula: ruleFormula(rule, r), result } as ExcelJS.CellFormulaValue;
      } else if (isParent) {
        const formula = sumFormula(
          colLetter(c),
          row.children.map((ch) => rowOf.get(ch)!),
        );
        cell.value = { formula, result } as ExcelJS.CellFormulaValue;
      } else {
        const v = values[row.code]?.[col.code];
        // Blank, not 0, where nothing was entered: the agency sees what is still to fill.
        cell.value = typeof v === "number" && Number.isFinite(v) ? v : null;
      }
    });
    ws.getRow(r).height = rowHeightFor(row.label, FORM01_COLUMNS[labelCol - 1].width, row.tt === "-" ? 1 : 0, bold);
  }
  return rowOf;
}

/** The reference column: right of the table, one column apart, so that no reader takes it for the form's. */
export const REFERENCE_COLUMN = LAST_COL + 2;
const REFERENCE_GREY = "FF7F7F7F";

/**
 * Last year's actuals beside this year's blank form: a note on each plan-total cell ("Năm
 * 2024 thực hiện: 213") and a grey column right of the table headed "Tham khảo: thực hiện năm
 * 2024", its code-row cell empty. Neither is a cell of the form: the form validates as a
 * plain template does, and a filled copy as the agency's own figures alone.
 */
function writeReference(ws: ExcelJS.Worksheet, rowOf: ReadonlyMap<string, number>, reference: TemplateReference): void {
  const { headerRow1: h1, headerRow2: h2, codeRow } = FORM01_LAYOUT;
  const planCol = COL_OF.get(PLAN_TOTAL)!;
  const c = REFERENCE_COLUMN;
  ws.getColumn(c).width = 14;
  ws.mergeCells(h1, c, h2, c);
  const head = ws.getCell(h1, c);
  head.value = `Tham khảo: thực hiện năm ${reference.year}`;
  head.font = font({ italic: true, color: { argb: REFERENCE_GREY } });
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  head.border = THIN_BORDER;
  ws.getCell(codeRow, c).border = THIN_BORDER;
  for (const row of FORM01_ROWS) {
    const r = rowOf.get(row.code)!;
    const value = reference.actual[row.code] ?? 0;
    const cell = ws.getCell(r, c);
    cell.value = value;
    cell.numFmt = NUM_FMT.headcount;
    cell.font = font({ italic: true, color: { argb: REFERENCE_GREY } });
    cell.alignment = { horizontal: "right", vertical: "middle" };
    cell.border = THIN_BORDER;
    ws.getCell(r, planCol).note = `Năm ${reference.year} thực hiện: ${formatVietnamese(value)}`;
  }
}

/** A footer line: text (the place name comes from input, so always as text), centred. */
function centered(cell: ExcelJS.Cell, text: string, style: Partial<ExcelJS.Font>): void {
  setText(cell, text);
  cell.font = font(style);
  cell.alignment = { horizontal: "center" };
}

function writeFooter(ws: ExcelJS.Worksheet, fromRow: number, opts: Form01SheetOptions): number {
  const managingBody = opts.managingBody === undefined ? MANAGING_BODY : opts.managingBody;
  const place = opts.place ?? placeFromManagingBody(managingBody) ?? "…";
  const rightFrom = COL_OF.get("11")!;
  const dateRow = fromRow;
  ws.mergeCells(dateRow, rightFrom, dateRow, LAST_COL);
  centered(ws.getCell(dateRow, rightFrom), `${place}, ngày … tháng … năm …`, { italic: true });

  const signRow = dateRow + 1;
  centered(ws.getCell(signRow, colOfKind("label")), "NGƯỜI LẬP BIỂU", { bold: true });
  ws.mergeCells(signRow, rightFrom, signRow, LAST_COL);
  centered(ws.getCell(signRow, rightFrom), "THỦ TRƯỞNG ĐƠN VỊ", { bold: true });

  const hintRow = signRow + 1;
  centered(ws.getCell(hintRow, colOfKind("label")), "(Ký, ghi rõ họ tên)", { italic: true });
  ws.mergeCells(hintRow, rightFrom, hintRow, LAST_COL);
  centered(ws.getCell(hintRow, rightFrom), "(Ký tên, đóng dấu)", { italic: true });
  return hintRow;
}

/**
 * Adds form 01/ĐTBD as a new sheet of `workbook`. Entered numbers are written as values on
 * leaf rows; totals (1, 6), parent rows and the rate (13) are live formulas carrying their
 * computed results, so that the file shows numbers even where nothing recalculates.
 */
export function addForm01Sheet(workbook: ExcelJS.Workbook, sheetName: string, opts: Form01SheetOptions = {}): Form01SheetLayout {
  const ws = workbook.addWorksheet(sheetName, {
    pageSetup: { paperSize: 9, orientation: "landscape" },
  });
  const values = opts.values ?? {};
  const computed = computeForm01(values);

  // exceljs omits columns of its default width 9, so the sheet's default must be 9 too.
  ws.properties.defaultColWidth = 9;
  setColumnWidths(
    ws,
    FORM01_COLUMNS.map((c) => c.width),
  );
  writeHeaderBlock(ws, opts);
  writeColumnHeader(ws);
  const rowOf = writeBody(ws, values, computed);
  const firstBodyRow = FORM01_LAYOUT.firstBodyRow;
  const lastBodyRow = firstBodyRow + FORM01_ROWS.length - 1;

  const unitLetter = colLetter(colOfKind("unit"));
  // exceljs keeps range validations in `dataValidations` but leaves it out of its typings.
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${unitLetter}${firstBodyRow}:${unitLetter}${lastBodyRow}`, {
    type: "list",
    allowBlank: true,
    formulae: [`"${[...new Set(FORM01_ROWS.map((r) => r.unit))].join(",")}"`],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: "Đơn vị tính",
    error: "Chọn Người (đào tạo) hoặc Lượt người (bồi dưỡng).",
  });

  if (opts.reference) writeReference(ws, rowOf, opts.reference);
  const footerEnd = writeFooter(ws, lastBodyRow + 2, opts);
  freeze(ws, FORM01_LAYOUT.codeRow + 1, colOfKind("unit") + 1);
  setPrintLayout(ws, { from: FORM01_LAYOUT.headerRow1, to: FORM01_LAYOUT.codeRow });
  ws.pageSetup.printArea = `A1:${colLetter(LAST_COL)}${footerEnd}`;

  return { worksheet: ws, rowOf, colOf: COL_OF, firstBodyRow, lastBodyRow, computed };
}

export type TemplateOptions = Form01SheetOptions;

/** A workbook holding one form 01/ĐTBD sheet, blank or filled with `values`. */
export async function writeTemplate(opts: TemplateOptions = {}): Promise<Uint8Array> {
  const wb = new Workbook();
  stampWorkbook(wb, `Biểu ${FORM_ID}`);
  addForm01Sheet(wb, TEMPLATE_SHEET_NAME, opts);
  return toBytes(wb);
}
