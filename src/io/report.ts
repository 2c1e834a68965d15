/**
 * The consolidated provincial report (docs/form-01.md, last section): `Tổng hợp` (form
 * 01/ĐTBD for the province), `Theo đơn vị` (one row per agency), `Kiểm tra` (every finding)
 * and `Nguồn` (every input file). Everything taken from the input files — names, file
 * names, messages — is written as plain text and never enters a formula.
 */
import type ExcelJS from "exceljs";
import { Workbook } from "./exceljs";
import { exclusionCause } from "../core/consolidate";
import { exclusionReason, severityName } from "../core/finding-catalogue";
import type { Finding } from "../core/findings";
import { type Lang, messages } from "../core/i18n";
import { FORM01_GROUPS } from "../core/form01";
import { type AgencyFigures, agencyFigures } from "../core/agency-figures";
import type { Agency, ConsolidationResult, SourceRecord } from "../core/model";
import { type SheetChart, chartsEdit } from "./charts";
import { byAgencyCharts, summaryCharts } from "./report-charts";
import { type Form01SheetLayout, addForm01Sheet, placeFromManagingBody } from "./template";
import { addFormSheet } from "./form-sheet";
import { addFormByAgencySheet } from "./form-by-agency";
import { addPreviousToByAgency, addPreviousToFormSheet, addPreviousToSummary } from "./report-previous";
import {
  ALERT_FILL_ARGB,
  NUM_FMT,
  TOTAL_FILL,
  WARN_FILL_ARGB,
  clean,
  colLetter,
  fitRowHeight,
  font,
  freeze,
  printAreaTo,
  rateOrBlank,
  setColumnWidths,
  setPrintLayout,
  setText,
  stampWorkbook,
  styleBodyCell,
  styleHeaderCell,
  toBytes,
  type XlsxPacker,
  writeHeaderRow,
  writeTitle,
} from "./sheet-style";

export const REPORT_SHEETS = {
  summary: "Tổng hợp",
  byAgency: "Theo đơn vị",
  findings: "Kiểm tra",
  sources: "Nguồn",
} as const;

export interface ReportOptions {
  lang?: Lang;
  /** How the .xlsx bytes are packed (the CLI zips with Node's zlib); exceljs's writer by default. */
  pack?: XlsxPacker;
  /**
   * Native charts on `Tổng hợp` and `Theo đơn vị` (default true). The add-in leaves them out:
   * it inserts the sheets into the open workbook and draws its own chart with Office.js.
   */
  charts?: boolean;
}

const t = messages({
  byAgencyTitle: { vi: "KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG THEO ĐƠN VỊ", en: "TRAINING AND FOSTERING RESULTS BY AGENCY" },
  byAgencyTitleOfYear: { vi: "KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG THEO ĐƠN VỊ NĂM {year}", en: "TRAINING AND FOSTERING RESULTS BY AGENCY, {year}" },
  findingsTitle: { vi: "KẾT QUẢ KIỂM TRA CÁC TỆP BÁO CÁO", en: "CHECK RESULTS OF THE AGENCIES' FILES" },
  sourcesTitle: { vi: "DANH SÁCH TỆP NGUỒN", en: "SOURCE FILES" },
  counted: { vi: "Số đơn vị tổng hợp: {included}/{of}", en: "Agencies consolidated: {included}/{of}" },
  groupHeading: { vi: "{label} (Mã số {rows})", en: "{label} (row {rows})" },
  tt: { vi: "TT", en: "No." },
  code: { vi: "Mã định danh", en: "Agency code" },
  name: { vi: "Tên đơn vị", en: "Agency" },
  file: { vi: "Tệp", en: "File" },
  plan: { vi: "Kế hoạch", en: "Plan" },
  actual: { vi: "Thực hiện", en: "Actual" },
  rate: { vi: "Tỷ lệ (%)", en: "Rate (%)" },
  training: { vi: "Đào tạo (người)", en: "Training (people)" },
  fostering: { vi: "Bồi dưỡng (lượt người)", en: "Fostering (person-times)" },
  budget: { vi: "Kinh phí (triệu đồng)", en: "Budget (million VND)" },
  status: { vi: "Tình trạng", en: "Status" },
  total: { vi: "Tổng cộng (các đơn vị đã tổng hợp)", en: "Total (consolidated agencies)" },
  included: { vi: "Đã tổng hợp", en: "Consolidated" },
  excluded: { vi: "Loại", en: "Excluded" },
  missing: { vi: "Thiếu (không có tệp)", en: "Missing (no file)" },
  sheet: { vi: "Trang tính", en: "Sheet" },
  cell: { vi: "Ô", en: "Cell" },
  rowCode: { vi: "Mã số", en: "Row code" },
  column: { vi: "Cột", en: "Column" },
  findingCode: { vi: "Mã lỗi", en: "Finding code" },
  severity: { vi: "Mức độ", en: "Severity" },
  message: { vi: "Nội dung", en: "Message" },
  noFindings: { vi: "Không có phát hiện nào.", en: "No findings." },
  consolidation: { vi: "(tổng hợp)", en: "(consolidation)" },
  reportYear: { vi: "Năm báo cáo", en: "Year" },
  sha: { vi: "SHA-256", en: "SHA-256" },
  includedQ: { vi: "Tổng hợp", en: "Included" },
  reason: { vi: "Lý do", en: "Reason" },
  yes: { vi: "Có", en: "Yes" },
  no: { vi: "Không", en: "No" },
});

/** The short reason, then the message of the finding that decided it. */
function reasonDetail(source: SourceRecord, lang: Lang): string {
  if (!source.reason) return "";
  const short = exclusionReason(lang, source.reason);
  const f = exclusionCause(source);
  return f ? `${short}: ${f.message[lang]}` : short;
}

function agencyOf(source: SourceRecord): Agency {
  return {
    code: source.agency?.code ?? source.result?.agency?.code ?? null,
    name: source.agency?.name ?? source.result?.agency?.name ?? null,
  };
}

const [TRAINING, FOSTERING] = FORM01_GROUPS;

function countLine(result: ConsolidationResult, lang: Lang): string {
  const of = result.expected ?? result.sources.length;
  return t(lang, "counted", { included: result.included, of });
}

function addSummarySheet(wb: ExcelJS.Workbook, result: ConsolidationResult): Form01SheetLayout {
  return addForm01Sheet(wb, REPORT_SHEETS.summary, {
    year: result.year,
    managingBody: null,
    agencyName: result.province,
    values: result.rows,
    // The official form stays Vietnamese whatever the message language.
    summaryLine: countLine(result, "vi"),
    place: placeFromManagingBody(result.province) ?? undefined,
  });
}

/** Column positions of `Theo đơn vị`, in order. */
const BY_AGENCY = {
  tt: 1,
  code: 2,
  name: 3,
  file: 4,
  trainingPlan: 5,
  trainingActual: 6,
  trainingRate: 7,
  fosteringPlan: 8,
  fosteringActual: 9,
  fosteringRate: 10,
  budgetPlan: 11,
  budgetActual: 12,
  status: 13,
} as const;

/** Where `Theo đơn vị` put its rows: what its chart refers to. */
export interface ByAgencyLayout {
  worksheet: ExcelJS.Worksheet;
  columns: typeof BY_AGENCY;
  /** The row of the group headers ("Đào tạo (người) (Mã số 01)"). */
  groupHeaderRow: number;
  /** One row per agency listed (included, excluded, missing), in order. */
  agencyRows: number[];
  excludedRows: ReadonlySet<number>;
  /** The total line under the agencies. */
  totalRow: number;
  /** The table's last column (the status, or a block added beside it). */
  lastCol: number;
}

function addByAgencySheet(wb: ExcelJS.Workbook, result: ConsolidationResult, lang: Lang): ByAgencyLayout {
  const ws = wb.addWorksheet(REPORT_SHEETS.byAgency);
  const C = BY_AGENCY;
  const lastCol = C.status;
  setColumnWidths(ws, [6, 16, 34, 28, 11, 11, 10, 11, 11, 10, 12, 12, 40]);
  writeTitle(ws, 1, lastCol, result.year ? t(lang, "byAgencyTitleOfYear", { year: result.year }) : t(lang, "byAgencyTitle"));
  ws.mergeCells(2, 1, 2, lastCol);
  const sub = ws.getCell(2, 1);
  setText(sub, `${result.province} — ${countLine(result, lang)}`);
  sub.font = font({ italic: true });
  sub.alignment = { horizontal: "center" };

  const h1 = 4;
  const h2 = 5;
  const single: [number, string][] = [
    [C.tt, t(lang, "tt")],
    [C.code, t(lang, "code")],
    [C.name, t(lang, "name")],
    [C.file, t(lang, "file")],
    [C.status, t(lang, "status")],
  ];
  for (const [c, label] of single) {
    ws.mergeCells(h1, c, h2, c);
    ws.getCell(h1, c).value = label;
  }
  type Heading = "training" | "fostering" | "budget" | "plan" | "actual" | "rate";
  const groups: [number, Heading, string, Heading[]][] = [
    [C.trainingPlan, "training", TRAINING.code, ["plan", "actual", "rate"]],
    [C.fosteringPlan, "fostering", FOSTERING.code, ["plan", "actual", "rate"]],
    [C.budgetPlan, "budget", FORM01_GROUPS.map((g) => g.code).join("+"), ["plan", "actual"]],
  ];
  for (const [start, label, rows, subs] of groups) {
    ws.mergeCells(h1, start, h1, start + subs.length - 1);
    ws.getCell(h1, start).value = t(lang, "groupHeading", { label: t(lang, label), rows });
    subs.forEach((s, i) => {
      ws.getCell(h2, start + i).value = t(lang, s);
    });
  }
  for (let c = 1; c <= lastCol; c++) {
    styleHeaderCell(ws.getCell(h1, c));
    styleHeaderCell(ws.getCell(h2, c));
  }
  ws.getRow(h1).height = 30;
  ws.getRow(h2).height = 20;

  const first = h2 + 1;
  let r = first;
  const includedLabel = t(lang, "included");
  const sums: AgencyFigures = { trainingPlan: 0, trainingActual: 0, fosteringPlan: 0, fosteringActual: 0, budgetPlan: 0, budgetActual: 0 };

  const agencyRows: number[] = [];
  const excludedRows = new Set<number>();
  const writeRow = (agency: Agency, file: string | null, figures: AgencyFigures | null, status: string, kind: "included" | "excluded" | "missing"): void => {
    agencyRows.push(r);
    if (kind === "excluded") excludedRows.add(r);
    const muted = kind !== "included";
    const color = kind === "excluded" ? "FF7F7F7F" : undefined;
    const cells: [number, ExcelJS.CellValue, string | undefined][] = [
      [C.tt, r - first + 1, NUM_FMT.integer],
      [C.code, null, "@"],
      [C.name, null, undefined],
      [C.file, null, undefined],
    ];
    for (const [c, v, fmt] of cells) {
      ws.getRow(r).getCell(c).value = v;
      styleBodyCell(ws.getRow(r).getCell(c), { numFmt: fmt, align: c === C.tt ? "center" : undefined, italic: muted, color, wrap: c !== C.tt });
    }
    setText(ws.getRow(r).getCell(C.code), agency.code);
    setText(ws.getRow(r).getCell(C.name), agency.name);
    setText(ws.getRow(r).getCell(C.file), file);
    const put = (c: number, v: number | undefined, fmt: string): void => {
      const cell = ws.getRow(r).getCell(c);
      cell.value = v === undefined ? null : v;
      styleBodyCell(cell, { numFmt: fmt, align: "right", italic: muted, color });
    };
    const rate = (c: number, actualCol: number, planCol: number, actual: number | undefined, plan: number | undefined): void => {
      const cell = ws.getRow(r).getCell(c);
      const a = colLetter(actualCol);
      const p = colLetter(planCol);
      cell.value =
        plan === undefined
          ? null
          : ({ formula: `IF(${p}${r}>0,${a}${r}/${p}${r},"")`, result: rateOrBlank(actual ?? 0, plan) } as ExcelJS.CellFormulaValue);
      styleBodyCell(cell, { numFmt: NUM_FMT.rate, align: "right", italic: muted, color });
    };
    put(C.trainingPlan, figures?.trainingPlan, NUM_FMT.headcount);
    put(C.trainingActual, figures?.trainingActual, NUM_FMT.headcount);
    rate(C.trainingRate, C.trainingActual, C.trainingPlan, figures?.trainingActual, figures?.trainingPlan);
    put(C.fosteringPlan, figures?.fosteringPlan, NUM_FMT.headcount);
    put(C.fosteringActual, figures?.fosteringActual, NUM_FMT.headcount);
    rate(C.fosteringRate, C.fosteringActual, C.fosteringPlan, figures?.fosteringActual, figures?.fosteringPlan);
    put(C.budgetPlan, figures?.budgetPlan, NUM_FMT.money);
    put(C.budgetActual, figures?.budgetActual, NUM_FMT.money);
    const st = ws.getRow(r).getCell(C.status);
    setText(st, status);
    styleBodyCell(st, { wrap: true, bold: kind !== "included", color: kind === "included" ? "FF006100" : "FF9C0006" });
    if (kind === "missing") {
      for (let c = 1; c <= lastCol; c++) ws.getRow(r).getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: WARN_FILL_ARGB } };
    }
    if (kind === "included" && figures) {
      for (const k of Object.keys(sums) as (keyof AgencyFigures)[]) sums[k] = clean(sums[k] + figures[k]);
    }
    fitRowHeight(ws, r);
    r++;
  };

  for (const source of result.sources) {
    const status = source.included ? includedLabel : `${t(lang, "excluded")}: ${exclusionReason(lang, source.reason)}`;
    writeRow(agencyOf(source), source.file, agencyFigures(source.result?.rows), status, source.included ? "included" : "excluded");
  }
  for (const agency of result.missing) writeRow(agency, null, null, t(lang, "missing"), "missing");
  const last = Math.max(r - 1, first);
  if (r === first) r++;

  // Total: only the consolidated agencies, so that it equals `Tổng hợp`; rates recomputed.
  const totalRow = r;
  const statusRange = `$${colLetter(C.status)}$${first}:$${colLetter(C.status)}$${last}`;
  const labelCell = ws.getCell(totalRow, C.tt);
  ws.mergeCells(totalRow, C.tt, totalRow, C.file);
  labelCell.value = t(lang, "total");
  const sumCell = (c: number, result: number, fmt: string): void => {
    const L = colLetter(c);
    ws.getCell(totalRow, c).value = {
      formula: `SUMIF(${statusRange},"${includedLabel}",${L}${first}:${L}${last})`,
      result,
    } as ExcelJS.CellFormulaValue;
    ws.getCell(totalRow, c).numFmt = fmt;
  };
  sumCell(C.trainingPlan, sums.trainingPlan, NUM_FMT.headcount);
  sumCell(C.trainingActual, sums.trainingActual, NUM_FMT.headcount);
  sumCell(C.fosteringPlan, sums.fosteringPlan, NUM_FMT.headcount);
  sumCell(C.fosteringActual, sums.fosteringActual, NUM_FMT.headcount);
  sumCell(C.budgetPlan, sums.budgetPlan, NUM_FMT.money);
  sumCell(C.budgetActual, sums.budgetActual, NUM_FMT.money);
  const rateCell = (c: number, actualCol: number, planCol: number, actual: number, plan: number): void => {
    const a = colLetter(actualCol);
    const p = colLetter(planCol);
    ws.getCell(totalRow, c).value = {
      formula: `IF(${p}${totalRow}>0,${a}${totalRow}/${p}${totalRow},"")`,
      result: rateOrBlank(actual, plan),
    } as ExcelJS.CellFormulaValue;
    ws.getCell(totalRow, c).numFmt = NUM_FMT.rate;
  };
  rateCell(C.trainingRate, C.trainingActual, C.trainingPlan, sums.trainingActual, sums.trainingPlan);
  rateCell(C.fosteringRate, C.fosteringActual, C.fosteringPlan, sums.fosteringActual, sums.fosteringPlan);
  for (let c = 1; c <= lastCol; c++) {
    const cell = ws.getCell(totalRow, c);
    const fmt = cell.numFmt;
    styleBodyCell(cell, { bold: true, numFmt: fmt, align: c <= C.file ? "center" : "right" });
    cell.fill = TOTAL_FILL;
  }

  // Under-attainment at a glance: a bar up to 100 % and red fill below 100 %.
  for (const c of [C.trainingRate, C.fosteringRate]) {
    const L = colLetter(c);
    const ref = `${L}${first}:${L}${totalRow}`;
    ws.addConditionalFormatting({
      ref,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: [`AND(ISNUMBER(${L}${first}),${L}${first}<1)`],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: ALERT_FILL_ARGB } }, font: { color: { argb: "FF9C0006" } } },
        },
        {
          type: "dataBar",
          priority: 2,
          cfvo: [
            { type: "num", value: 0 },
            { type: "num", value: 1 },
          ],
          color: { argb: "FF5B9BD5" },
          gradient: false,
        } as unknown as ExcelJS.ConditionalFormattingRule,
      ],
    });
  }

  freeze(ws, first, C.file);
  ws.autoFilter = { from: { row: h2, column: 1 }, to: { row: last, column: lastCol } };
  setPrintLayout(ws, { from: h1, to: h2 });
  ws.pageSetup.printArea = printAreaTo(lastCol, totalRow);
  return { worksheet: ws, columns: C, groupHeaderRow: h1, agencyRows, excludedRows, totalRow, lastCol };
}

/** `Theo đơn vị` with a block beside its table: the filter and the print area reach it too. */
function widenTable(layout: ByAgencyLayout, lastCol: number): void {
  const ws = layout.worksheet;
  layout.lastCol = lastCol;
  const filter = ws.autoFilter as { from: { row: number; column: number }; to: { row: number; column: number } };
  ws.autoFilter = { from: filter.from, to: { row: filter.to.row, column: lastCol } };
  ws.pageSetup.printArea = printAreaTo(lastCol, layout.totalRow);
}

function addFindingsSheet(wb: ExcelJS.Workbook, result: ConsolidationResult, lang: Lang): void {
  const ws = wb.addWorksheet(REPORT_SHEETS.findings);
  const headers = (["tt", "file", "code", "name", "sheet", "cell", "rowCode", "column", "findingCode", "severity", "message"] as const).map((id) => t(lang, id));
  setColumnWidths(ws, [6, 26, 16, 28, 12, 7, 7, 7, 26, 11, 80]);
  writeTitle(ws, 1, headers.length, t(lang, "findingsTitle"));
  const head = 3;
  writeHeaderRow(ws, head, headers);

  const entries: { file: string; agency: Agency; f: Finding }[] = [];
  for (const source of result.sources) {
    const agency = agencyOf(source);
    for (const f of source.findings) entries.push({ file: source.file, agency, f });
  }
  // A roster finding names its agency by code in `row`; show it as the agency, not as a Mã số.
  const missingByCode = new Map(result.missing.filter((a) => a.code).map((a) => [a.code, a]));
  for (const f of result.findings) {
    const agency = f.row ? missingByCode.get(f.row) : undefined;
    entries.push({ file: t(lang, "consolidation"), agency: agency ?? { code: null, name: null }, f: agency ? { ...f, row: null } : f });
  }

  let r = head + 1;
  for (const { file, agency, f } of entries) {
    const values: (string | number | null)[] = [
      r - head,
      file,
      agency.code,
      agency.name,
      f.sheet,
      f.cell,
      f.row,
      f.column,
      f.code,
      severityName(lang, f.severity),
      f.message[lang],
    ];
    values.forEach((v, i) => {
      const cell = ws.getRow(r).getCell(i + 1);
      if (typeof v === "number") cell.value = v;
      else setText(cell, v);
      styleBodyCell(cell, { wrap: i === values.length - 1 || i === 1 || i === 3, align: i === 0 || (i >= 4 && i <= 7) ? "center" : undefined, numFmt: i === 0 ? NUM_FMT.integer : "@" });
    });
    const sev = ws.getRow(r).getCell(headers.length - 1);
    sev.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: f.severity === "error" ? ALERT_FILL_ARGB : f.severity === "warning" ? WARN_FILL_ARGB : "FFDDEBF7" },
    };
    fitRowHeight(ws, r);
    r++;
  }
  if (entries.length === 0) {
    ws.mergeCells(r, 1, r, headers.length);
    ws.getRow(r).getCell(1).value = t(lang, "noFindings");
    styleBodyCell(ws.getRow(r).getCell(1), { italic: true });
    r++;
  }
  freeze(ws, head + 1, 1);
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(r - 1, head + 1), column: headers.length } };
  setPrintLayout(ws, { from: head, to: head });
}

function addSourcesSheet(wb: ExcelJS.Workbook, result: ConsolidationResult, lang: Lang): void {
  const ws = wb.addWorksheet(REPORT_SHEETS.sources);
  const headers = (["tt", "file", "code", "name", "reportYear", "sha", "includedQ", "reason"] as const).map((id) => t(lang, id));
  setColumnWidths(ws, [6, 30, 16, 30, 8, 68, 10, 60]);
  writeTitle(ws, 1, headers.length, t(lang, "sourcesTitle"));
  const head = 3;
  writeHeaderRow(ws, head, headers);
  let r = head + 1;
  for (const source of result.sources) {
    const agency = agencyOf(source);
    const cells: [ExcelJS.CellValue | string | null, string | undefined][] = [
      [r - head, NUM_FMT.integer],
      [source.file, "@"],
      [agency.code, "@"],
      [agency.name, "@"],
      [source.year ?? source.result?.year ?? null, NUM_FMT.integer],
      [source.sha256, "@"],
      [t(lang, source.included ? "yes" : "no"), "@"],
      [reasonDetail(source, lang), "@"],
    ];
    cells.forEach(([v, fmt], i) => {
      const cell = ws.getRow(r).getCell(i + 1);
      if (typeof v === "string") setText(cell, v);
      else cell.value = v;
      styleBodyCell(cell, { numFmt: fmt, wrap: i === 1 || i === 3 || i === 7, align: i === 0 || i === 4 || i === 6 ? "center" : undefined });
    });
    ws.getRow(r).getCell(6).font = font({ size: 9 });
    const inc = ws.getRow(r).getCell(7);
    inc.font = font({ bold: true, color: { argb: source.included ? "FF006100" : "FF9C0006" } });
    if (!source.included) inc.fill = { type: "pattern", pattern: "solid", fgColor: { argb: ALERT_FILL_ARGB } };
    fitRowHeight(ws, r);
    r++;
  }
  freeze(ws, head + 1, 1);
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(r - 1, head + 1), column: headers.length } };
  setPrintLayout(ws, { from: head, to: head });
}

function buildReport(result: ConsolidationResult, opts: ReportOptions): { wb: ExcelJS.Workbook; charts: SheetChart[] } {
  const lang = opts.lang ?? "vi";
  const wb = new Workbook();
  const definition = result.definition;
  stampWorkbook(wb, `Tổng hợp biểu ${result.form ?? "01/ĐTBD"}${result.year ? ` năm ${result.year}` : ""}`);
  let charts: SheetChart[] = [];
  if (definition && definition.origin !== "builtin") {
    // Any other form: its own layout, then one line per agency with its total columns.
    // A layout inferred from an agency's own file carries that agency's name: it is left out.
    const origin = result.sources.find((s) => s.result?.definition === definition)?.agency;
    const omit = [origin?.name, origin?.code].filter((x): x is string => Boolean(x));
    const rowOf = addFormSheet(wb, REPORT_SHEETS.summary, definition, result.rows, { year: result.year, reportingFor: result.province, summaryLine: countLine(result, "vi"), omit });
    if (result.previous) addPreviousToFormSheet(wb.getWorksheet(REPORT_SHEETS.summary)!, definition, rowOf, result.previous);
    addFormByAgencySheet(wb, REPORT_SHEETS.byAgency, result, definition, lang, {
      status: (source) => (source.included ? t(lang, "included") : `${t(lang, "excluded")}: ${exclusionReason(lang, source.reason)}`),
      missing: t(lang, "missing"),
      included: t(lang, "included"),
      countLine: countLine(result, lang),
    });
  } else {
    const summary = addSummarySheet(wb, result);
    const byAgency = addByAgencySheet(wb, result, lang);
    let summaryLastCol: number | undefined;
    if (result.previous) {
      summaryLastCol = addPreviousToSummary(summary, result.previous);
      widenTable(byAgency, addPreviousToByAgency(byAgency, result, result.previous, lang));
    }
    if (opts.charts ?? true) charts = [...summaryCharts(summary, result, summaryLastCol), ...byAgencyCharts(byAgency, result, lang)];
    else if (summaryLastCol) summary.worksheet.pageSetup.printArea = printAreaTo(summaryLastCol, summary.worksheet.lastRow?.number ?? summary.lastBodyRow);
  }
  addFindingsSheet(wb, result, lang);
  addSourcesSheet(wb, result, lang);
  return { wb, charts };
}

/**
 * The report as an exceljs workbook (for callers that add sheets or write to a stream). It has
 * no charts, which exceljs cannot hold: writeConsolidatedReport adds them to the package.
 */
export function buildConsolidatedReport(result: ConsolidationResult, opts: ReportOptions = {}): ExcelJS.Workbook {
  return buildReport(result, { ...opts, charts: false }).wb;
}

export async function writeConsolidatedReport(result: ConsolidationResult, opts: ReportOptions = {}): Promise<Uint8Array> {
  const { wb, charts } = buildReport(result, opts);
  return toBytes(wb, opts.pack, charts.length > 0 ? chartsEdit(charts) : undefined);
}
