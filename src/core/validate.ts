/**
 * Validation of one workbook grid: find the form (a definition DTBD knows, or one inferred
 * from the table's own code row), read it, run every rule, and compute the file's own
 * figures. Pure: the adapters hand in a grid and get findings back. Every form takes the same
 * path: the checks read the definition, whichever way it came.
 */
import { type BodyRow, readBody } from "./body";
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
import { totalMixedUnits } from "./checks/total";
import { unitMismatch } from "./checks/unit";
import { type Finding, compareFindings, finding } from "./findings";
import { BUILTIN_DEFINITIONS } from "./form/builtin";
import type { FormDefinition, FormRowDef } from "./form/definition";
import { learnSheet } from "./form/learn";
import { RowIndex, labelPaths, labelPathKeys } from "./form/rows";
import { fileRowTree } from "./form/tree";
import type { WorkbookGrid } from "./grid";
import { type HeaderInfo, readHeader } from "./header";
import { QUICK_LOOK, type TableLayout, locateTable } from "./locate";
import type { ColumnValues, RowTotal, UnknownRow, ValidationResult } from "./model";
import { SheetView } from "./sheet-view";
import { rateOf } from "./attainment";
import { matchKey } from "./text/normalize";

type Check = (ctx: CheckContext) => Finding[];

/** Rules in the catalogue's order; each is one function named after its finding code. */
const CHECKS: Check[] = [
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
  sumColumns,
  sumRows,
  subsetExceeds,
  rateMismatch,
  rateOutlier,
  actualUnplanned,
  unitMismatch,
  totalMixedUnits,
];

export interface ValidateOptions {
  /** Definitions to recognise, in order of preference; the built-in ones when not given. */
  definitions?: readonly FormDefinition[];
  /** Read a table no definition fits by inferring its form from its code row (default: true). */
  infer?: boolean;
}

/** The user's definitions first, then the built-in ones; inference only without the user's. */
export function validationOptions(userDefinitions: readonly FormDefinition[] = []): Required<ValidateOptions> {
  return { definitions: [...userDefinitions, ...BUILTIN_DEFINITIONS], infer: userDefinitions.length === 0 };
}

/**
 * In Excel (pane and functions): the forms kept with the workbook first, then the built-in
 * ones, and any other table with a code row still read by inference, since a person who
 * learned one form keeps being helped with the others (the CLI, given --form, keeps to them).
 */
export function workbookValidationOptions(learned: readonly FormDefinition[] = []): Required<ValidateOptions> {
  return { definitions: [...learned, ...BUILTIN_DEFINITIONS], infer: true };
}

interface RowMatch {
  matched: (FormRowDef | null)[];
  byKey: Map<string, BodyRow>;
  links: RowLink[];
  structural: boolean[];
}

const rowIndexes = new WeakMap<FormDefinition, RowIndex>();

export function rowIndexOf(definition: FormDefinition): RowIndex {
  let index = rowIndexes.get(definition);
  if (!index) rowIndexes.set(definition, (index = new RowIndex(definition)));
  return index;
}

/**
 * Each body row's row of the definition: by Mã số, then by label (forms keyed by code); by
 * label path, then by label (forms keyed by label). A definition row is matched once by key;
 * a second row naming it is a duplicate. Links come from the definition's tree.
 */
function matchRows(view: SheetView, layout: TableLayout, rows: BodyRow[]): RowMatch {
  const definition = layout.definition;
  const index = rowIndexOf(definition);
  const byKey = new Map<string, BodyRow>();
  let structural = rows.map(() => false);
  let matched: (FormRowDef | null)[];
  if (definition.rowKey === "code") {
    matched = rows.map((row) => index.forCode(row.codeText) ?? (row.label ? index.forLabel(row.label) : null));
  } else {
    const nodes = fileRowTree(view, layout, rows);
    structural = nodes.map((n) => n.kind === "marker");
    const keyed = rows.map((row, i) => ({ tt: row.tt || null, label: row.label || row.tt || `dòng ${row.excelRow}`, parent: nodes[i].parent }));
    const keys = labelPathKeys(keyed);
    const paths = labelPaths(keyed);
    const taken = new Set<string>();
    matched = rows.map((row, i) => {
      if (structural[i]) return null;
      const exact = index.forKey(keys[i], paths[i]);
      if (exact) {
        taken.add(exact.key);
        return exact;
      }
      return null;
    });
    // A renamed parent or a moved row: its label alone names it, when that row is still free.
    matched = matched.map((m, i) => {
      if (m || structural[i] || !rows[i].label) return m;
      const byLabel = index.forLabel(rows[i].label);
      if (!byLabel || taken.has(byLabel.key)) return null;
      taken.add(byLabel.key);
      return byLabel;
    });
  }
  rows.forEach((row, i) => {
    const form = matched[i];
    if (form && !byKey.has(form.key)) byKey.set(form.key, row);
  });
  const position = new Map(rows.map((row, i) => [row, i]));
  const links: RowLink[] = rows.map((row, i) => {
    const form = matched[i];
    // Only the first row of a key takes part in sums; a duplicate is reported, not added.
    if (!form || byKey.get(form.key) !== row || form.parent === null || form.relation === null || form.relation === "none") return { parent: null, relation: null };
    const parentRow = byKey.get(form.parent);
    return parentRow ? { parent: position.get(parentRow)!, relation: form.relation } : { parent: null, relation: null };
  });
  return { matched, byKey, links, structural };
}

function columnValues(row: BodyRow): ColumnValues {
  const values: ColumnValues = Object.create(null) as ColumnValues;
  // forEach, not for…of over entries: no [code, cell] pair allocated per cell while the code runs cold.
  row.cells.forEach((cell, code) => (values[code] = cell.value ?? 0));
  return values;
}

function zeroValues(definition: FormDefinition): ColumnValues {
  const values: ColumnValues = Object.create(null) as ColumnValues;
  for (const c of definition.columns) if (c.kind === "number" || c.kind === "rate") values[c.code] = 0;
  return values;
}

/** Plan and actual of the definition's first attainment pair, and their ratio. */
export function rowTotal(values: ColumnValues | undefined, definition: FormDefinition = BUILTIN_DEFINITIONS[0]): RowTotal {
  const pair = definition.attainment?.[0];
  const plan = pair ? (values?.[pair.plan] ?? 0) : 0;
  const actual = pair ? (values?.[pair.actual] ?? 0) : 0;
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
    definition: null,
  };
}

function headerAgency(header: HeaderInfo, definition: FormDefinition) {
  if (header.agencyName || header.agencyCode) return { code: header.agencyCode, name: header.agencyName };
  // A form that names only one unit at its top (the Party committee, the department) reports for it.
  if (definition.origin !== "builtin" && header.managingBody) return { code: null, name: header.managingBody };
  return null;
}

function titleKeys(definition: FormDefinition): string[] | undefined {
  if (definition.origin === "builtin") return undefined;
  const keys = (definition.recognise.titles ?? []).map(matchKey).filter((k) => k.length >= 6);
  return keys.length > 0 ? keys : ["bao cao", "ket qua", "ke hoach", "so lieu", "thong ke", "dao tao", "boi duong", "tong hop"];
}

export function readFormHeader(view: SheetView, layout: TableLayout): HeaderInfo {
  const header = readHeader(view, layout.headerTop - 1, { titleKeys: titleKeys(layout.definition) });
  if (!header.agencyName && !header.agencyCode) {
    const agency = headerAgency(header, layout.definition);
    if (agency) header.agencyName = agency.name;
  }
  return header;
}

function validateTable(view: SheetView, layout: TableLayout, result: ValidationResult, primary: boolean): void {
  const definition = layout.definition;
  const header = readFormHeader(view, layout);
  const rows = readBody(view, layout);
  const { matched, byKey, links, structural } = matchRows(view, layout, rows);
  const ctx: CheckContext = { sheet: view.name, view, layout, definition, header, rows, matched, byKey, links, structural };
  for (const check of CHECKS) result.findings.push(...check(ctx));
  if (!primary) return;
  result.form = definition.id;
  result.definition = definition;
  result.sheet = view.name;
  result.agency = header.agencyName || header.agencyCode ? { code: header.agencyCode, name: header.agencyName } : null;
  result.managingBody = header.managingBody;
  result.year = header.year;
  result.period = header.period;
  for (const form of definition.rows) {
    const row = byKey.get(form.key);
    result.rows[form.key] = row ? columnValues(row) : zeroValues(definition);
  }
  // Totals per Mã số (plan, actual, rate) where the form has Mã số and a plan/actual pair.
  if (definition.rowKey === "code" && definition.attainment?.length)
    for (const form of definition.rows) result.totals[form.code ?? form.key] = rowTotal(result.rows[form.key], definition);
  rows.forEach((row, index) => {
    if (matched[index] || structural[index]) return;
    const unknown: UnknownRow = {
      sheet: view.name,
      excelRow: row.excelRow,
      tt: row.tt || null,
      label: row.label || null,
      code: row.codeText || null,
      values: columnValues(row),
    };
    result.unknownRows.push(unknown);
  });
}

interface FormSheet {
  view: SheetView;
  layout: TableLayout;
}

/**
 * The sheets read as forms: the first sheet holding a form DTBD knows when there is one
 * (`others`: later sheets that hold a known form too, reported, not read); else every sheet
 * whose table has a code row, each read with the form inferred from it.
 */
function formSheets(grid: WorkbookGrid, options: Required<ValidateOptions>): { read: FormSheet[]; others: FormSheet[] } {
  const views = grid.sheets.map((sheet) => new SheetView(sheet));
  let known: FormSheet | null = null;
  const others: FormSheet[] = [];
  for (const view of views) {
    // Past the form's sheet (where agencies paste long staff lists), only a quick look for
    // another copy of a form: by its code row, near the top.
    const layout = locateTable(view, options.definitions, known ? QUICK_LOOK : {});
    if (!layout) continue;
    if (known) others.push({ view, layout });
    else known = { view, layout };
  }
  if (known) return { read: [known], others };
  if (!options.infer) return { read: [], others: [] };
  const read: FormSheet[] = [];
  for (const view of views) {
    const learned = learnSheet(view, { origin: "inferred" });
    if (learned.ok) read.push({ view, layout: learned.layout });
  }
  return { read, others: [] };
}

/** Another copy of a known form in the same workbook (last year's copy, a second agency): named, so that it is not missed. */
function otherFormSheet(read: FormSheet, other: FormSheet): Finding {
  const header = readFormHeader(other.view, other.layout);
  const what = [header.agencyName, header.year].filter((x) => x !== null && x !== "").join(", ");
  const described = what ? ` (${what})` : "";
  const form = other.layout.definition.id;
  return finding(
    "form.multiple",
    {
      vi: `Trang “${other.view.name}” cũng là biểu ${form}${described} nhưng không được đọc: mỗi tệp chỉ đọc một biểu, ở trang “${read.view.name}”. Nếu số liệu cần nộp ở trang “${other.view.name}”, hãy đưa trang đó lên đầu hoặc tách thành tệp riêng.`,
      en: `Sheet “${other.view.name}” is also a form ${form}${described} but is not read: one form is read per file, the one on sheet “${read.view.name}”. If the figures to submit are on “${other.view.name}”, move that sheet first or save it as a file of its own.`,
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
export function locateForms(grid: WorkbookGrid, options: ValidateOptions = {}): LocatedForm[] {
  return formSheets(grid, withDefaults(options)).read.map(({ view, layout }) => ({ sheet: view.name, view, layout, rows: readBody(view, layout) }));
}

function withDefaults(options: ValidateOptions): Required<ValidateOptions> {
  return { definitions: options.definitions ?? BUILTIN_DEFINITIONS, infer: options.infer ?? true };
}

function notFound(grid: WorkbookGrid, options: Required<ValidateOptions>): Finding {
  const custom = options.definitions.filter((d) => d.origin !== "builtin");
  if (custom.length > 0) {
    const tried = options.definitions.map((d) => d.id).join(", ");
    return finding("form.not-found", {
      vi: `Không trang nào trong ${grid.sheets.length} trang tính khớp với biểu đã cho (đã thử: ${tried}). Hãy kiểm tra tệp có đúng mẫu không, hoặc học mẫu của tệp này (dtbd form learn).`,
      en: `None of the ${grid.sheets.length} sheet(s) fits the given forms (tried: ${tried}). Check that the file uses the right template, or learn this file's form (dtbd form learn).`,
    });
  }
  return finding("form.not-found", {
    vi: `Không tìm thấy bảng của biểu 01/ĐTBD (tiêu đề cột "TT", "Mã số", "Kế hoạch năm", "Thực hiện" và dòng mã cột "A, B, C, D, 1=2+3+4+5 …") hay bảng có dòng mã cột nào trong ${grid.sheets.length} trang tính. Hãy dùng đúng mẫu biểu (nút Mẫu mới).`,
    en: `No table of form 01/ĐTBD (column headers "TT", "Mã số", "Kế hoạch năm", "Thực hiện" and a code row "A, B, C, D, 1=2+3+4+5 …"), nor any table with a column-code row, in ${grid.sheets.length} sheet(s). Use the official form (the New form button).`,
  });
}

export function validateGrid(grid: WorkbookGrid, options: ValidateOptions = {}): ValidationResult {
  const resolved = withDefaults(options);
  const result = emptyValidation();
  const { read, others } = formSheets(grid, resolved);
  read.forEach(({ view, layout }, i) => {
    validateTable(view, layout, result, i === 0);
    result.findings.push(...textLegacyEncoding(view));
  });
  for (const other of others) result.findings.push(otherFormSheet(read[0], other));
  if (!result.form) result.findings.push(notFound(grid, resolved));
  result.findings.sort(compareFindings);
  return result;
}
