/**
 * Validation of one workbook grid: find the form, read it, run every rule, and compute
 * the file's own totals. Pure: the adapters hand in a grid and get findings back.
 */
import { type BodyRow, readBody } from "./body";
import { normaliseRowCode, rowForLabel } from "./catalogue";
import type { CheckContext, RowLink } from "./checks/context";
import { cellFormulaError, cellFormulaNoValue, cellNegative, cellNotInteger, cellNotNumber, cellTextNumber } from "./checks/cell";
import { columnMissing } from "./checks/column";
import { headerAgencyCodeInvalid, headerAgencyMissing, headerYearMissing } from "./checks/header";
import { actualUnplanned } from "./checks/actual";
import { rateMismatch, rateOutlier } from "./checks/rate";
import { rowDuplicate, rowMissing, rowUnknown } from "./checks/row";
import { subsetExceeds } from "./checks/subset";
import { sumColumns, sumRows } from "./checks/sum";
import { textLegacyEncoding } from "./checks/text";
import { totalMixedUnits, isMixedTotalRow } from "./checks/total";
import { unitMismatch } from "./checks/unit";
import { type Finding, compareFindings, finding } from "./findings";
import { ACTUAL_TOTAL, FORM01_COLUMNS, FORM01_ROWS, FORM01_ROW_BY_CODE, FORM_ID, type FormRow, PLAN_TOTAL } from "./form01";
import type { WorkbookGrid } from "./grid";
import { type HeaderInfo, readHeader } from "./header";
import { rowHierarchy } from "./hierarchy";
import { QUICK_LOOK, type TableLayout, locateTable } from "./locate";
import type { ColumnValues, RowTotal, UnknownRow, ValidationResult } from "./model";
import { SheetView } from "./sheet-view";
import { rateOf } from "./attainment";

type Check = (ctx: CheckContext) => Finding[];

/** Rules that need nothing but a code row and a TT column: they run on any official form. */
const CODE_ROW_CHECKS: Check[] = [sumColumns, sumRows, subsetExceeds, rateMismatch];

/** Rules in CONTRACT order; each is one function named after its finding code. */
const FORM01_CHECKS: Check[] = [
  headerAgencyMissing,
  headerYearMissing,
  headerAgencyCodeInvalid,
  columnMissing,
  rowMissing,
  rowUnknown,
  rowDuplicate,
  cellNotNumber,
  cellTextNumber,
  cellNegative,
  cellNotInteger,
  cellFormulaError,
  cellFormulaNoValue,
  ...CODE_ROW_CHECKS,
  rateOutlier,
  actualUnplanned,
  unitMismatch,
  totalMixedUnits,
];

/** A generic form's units are unknown, so fractions are not flagged there. */
const GENERIC_CHECKS: Check[] = [cellNotNumber, cellTextNumber, cellNegative, cellFormulaError, cellFormulaNoValue, ...CODE_ROW_CHECKS];

function matchRows(rows: BodyRow[]): { matched: (FormRow | null)[]; byCode: Map<string, BodyRow> } {
  const byCode = new Map<string, BodyRow>();
  const matched = rows.map((row) => {
    const code = normaliseRowCode(row.codeText);
    const form = (code ? FORM01_ROW_BY_CODE.get(code) : undefined) ?? (row.label ? rowForLabel(row.label) : null) ?? null;
    if (form && !byCode.has(form.code)) byCode.set(form.code, row);
    return form;
  });
  return { matched, byCode };
}

function genericLinks(view: SheetView, layout: TableLayout, rows: BodyRow[]): RowLink[] {
  const ttCol = layout.byCode.get("A")?.col ?? layout.columns.find((c) => c.kind === "text")?.col;
  const input = rows.map((row) => {
    let ttMergedWith: string | null = null;
    if (ttCol) {
      const merge = view.mergeAt(row.excelRow, ttCol);
      if (merge && merge.top < row.excelRow) ttMergedWith = view.ownText(merge.top, merge.left);
    }
    return { tt: row.tt || null, label: row.label || null, ttMergedWith };
  });
  return rowHierarchy(input).map((h) => ({ parent: h.parent, relation: h.relation }));
}

function columnValues(row: BodyRow): ColumnValues {
  const values: ColumnValues = Object.create(null) as ColumnValues;
  for (const [code, cell] of row.cells) values[code] = cell.value ?? 0;
  return values;
}

export function rowTotal(values: ColumnValues | undefined): RowTotal {
  const plan = values?.[PLAN_TOTAL] ?? 0;
  const actual = values?.[ACTUAL_TOTAL] ?? 0;
  return { plan, actual, rate: rateOf(actual, plan) };
}

/** A result with no form read: for files that could not be opened, with their findings. */
export function emptyValidation(findings: Finding[] = []): ValidationResult {
  return {
    form: null,
    agency: null,
    managingBody: null,
    year: null,
    period: null,
    sheet: null,
    rows: Object.create(null) as Record<string, ColumnValues>,
    totals: Object.create(null) as Record<string, RowTotal>,
    unknownRows: [],
    findings,
  };
}

function headerAgency(header: HeaderInfo) {
  return header.agencyName || header.agencyCode ? { code: header.agencyCode, name: header.agencyName } : null;
}

function validateForm01(view: SheetView, layout: TableLayout, result: ValidationResult): void {
  const header = readHeader(view, layout.headerTop - 1);
  const rows = readBody(view, layout);
  const { matched, byCode } = matchRows(rows);
  const ctx: CheckContext = { sheet: view.name, view, layout, header, rows, matched, byCode, links: [] };
  for (const check of FORM01_CHECKS) result.findings.push(...check(ctx));
  result.form = FORM_ID;
  result.sheet = view.name;
  result.agency = headerAgency(header);
  result.managingBody = header.managingBody;
  result.year = header.year;
  result.period = header.period;
  for (const form of FORM01_ROWS) {
    const row = byCode.get(form.code);
    const values = row ? columnValues(row) : zeroValues();
    result.rows[form.code] = values;
    result.totals[form.code] = rowTotal(values);
  }
  rows.forEach((row, index) => {
    if (matched[index] && !isMixedTotalRow(ctx, index)) return;
    const unknown: UnknownRow = {
      sheet: view.name,
      excelRow: row.excelRow,
      tt: row.tt || null,
      label: row.label || null,
      code: row.codeText || null,
      values: columnValues(row),
    };
    if (!matched[index]) result.unknownRows.push(unknown);
  });
}

function zeroValues(): ColumnValues {
  const values: ColumnValues = Object.create(null) as ColumnValues;
  for (const c of FORM01_COLUMNS) if (/^\d+$/.test(c.code)) values[c.code] = 0;
  return values;
}

function validateGeneric(view: SheetView, layout: TableLayout, result: ValidationResult): void {
  const rows = readBody(view, layout);
  const header = readHeader(view, layout.headerTop - 1);
  const links = genericLinks(view, layout, rows);
  const ctx: CheckContext = { sheet: view.name, view, layout, header, rows, matched: rows.map(() => null), byCode: new Map(), links };
  for (const check of GENERIC_CHECKS) result.findings.push(...check(ctx));
  result.form ??= "generic";
  result.sheet ??= view.name;
  result.agency ??= headerAgency(header);
  result.year ??= header.year;
  result.period ??= header.period;
}

interface FormSheet {
  view: SheetView;
  layout: TableLayout;
}

/**
 * The sheets read as forms: the first sheet holding form 01/ĐTBD when there is one (`others`:
 * the later sheets that hold it too, reported, not read), else every sheet with a located table.
 */
function formSheets(grid: WorkbookGrid): { read: FormSheet[]; others: FormSheet[] } {
  const located: FormSheet[] = [];
  let form01: FormSheet | null = null;
  const others: FormSheet[] = [];
  for (const sheet of grid.sheets) {
    const view = new SheetView(sheet);
    // Past form 01's sheet (where agencies paste long staff lists), only a quick look for
    // another copy of the form: by its code row, near the top.
    const layout = locateTable(view, form01 ? QUICK_LOOK : {});
    if (layout?.form === "01/ĐTBD") {
      if (form01) others.push({ view, layout });
      else form01 = { view, layout };
    } else if (layout && !form01) located.push({ view, layout });
  }
  return form01 ? { read: [form01], others } : { read: located, others };
}

/** Another form 01/ĐTBD in the same workbook (last year's copy, a second agency): named, so that it is not missed. */
function otherForm01Sheet(read: FormSheet, other: FormSheet): Finding {
  const header = readHeader(other.view, other.layout.headerTop - 1);
  const what = [header.agencyName, header.year].filter((x) => x !== null && x !== "").join(", ");
  const described = what ? ` (${what})` : "";
  return finding(
    "form.multiple",
    {
      vi: `Trang “${other.view.name}” cũng là biểu 01/ĐTBD${described} nhưng không được đọc: mỗi tệp chỉ đọc một biểu, ở trang “${read.view.name}”. Nếu số liệu cần nộp ở trang “${other.view.name}”, hãy đưa trang đó lên đầu hoặc tách thành tệp riêng.`,
      en: `Sheet “${other.view.name}” is also a form 01/ĐTBD${described} but is not read: one form is read per file, the one on sheet “${read.view.name}”. If the figures to submit are on “${other.view.name}”, move that sheet first or save it as a file of its own.`,
    },
    { sheet: other.view.name },
  );
}

/** A sheet validateGrid reads as a form, with its located table and body rows (for the fixes). */
export interface LocatedForm extends FormSheet {
  sheet: string;
  rows: BodyRow[];
}

/** The tables validateGrid checks, located the same way, with their body rows. */
export function locateForms(grid: WorkbookGrid): LocatedForm[] {
  return formSheets(grid).read.map(({ view, layout }) => ({ sheet: view.name, view, layout, rows: readBody(view, layout) }));
}

export function validateGrid(grid: WorkbookGrid): ValidationResult {
  const result = emptyValidation();
  const { read, others } = formSheets(grid);
  for (const { view, layout } of read) {
    if (layout.form === "01/ĐTBD") validateForm01(view, layout, result);
    else validateGeneric(view, layout, result);
    result.findings.push(...textLegacyEncoding(view));
  }
  for (const other of others) result.findings.push(otherForm01Sheet(read[0], other));
  if (!result.form) {
    result.findings.push(
      finding("form.not-found", {
        vi: `Không tìm thấy bảng của biểu 01/ĐTBD (tiêu đề cột "TT", "Mã số", "Kế hoạch năm", "Thực hiện" và dòng mã cột "A, B, C, D, 1=2+3+4+5 …") hay bảng có dòng mã cột nào trong ${grid.sheets.length} trang tính. Hãy dùng đúng mẫu biểu (nút Mẫu mới).`,
        en: `No table of form 01/ĐTBD (column headers "TT", "Mã số", "Kế hoạch năm", "Thực hiện" and a code row "A, B, C, D, 1=2+3+4+5 …"), nor any table with a column-code row, in ${grid.sheets.length} sheet(s). Use the official form (the New form button).`,
      }),
    );
  }
  result.findings.sort(compareFindings);
  return result;
}
