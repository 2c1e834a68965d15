/**
 * The period review workbook (`dtbd period`): actuals per report year, their sum against the
 * period target, the average per year and the change against the previous period's yearly
 * average. Sums, rates, averages and changes are live formulas with cached results, so the
 * consolidator can correct a year's figure and see the review follow.
 */
import type ExcelJS from "exceljs";
import { Workbook } from "./exceljs";
import { severityName } from "../core/finding-catalogue";
import { type Lang, messages } from "../core/i18n";
import { FORM01_GROUPS } from "../core/form01";
import type { PeriodReview } from "../core/period";
import { type SheetChart, chartsEdit, seriesFromSheet } from "./charts";
import {
  ALERT_FILL_ARGB,
  NUM_FMT,
  WARN_FILL_ARGB,
  clean,
  colLetter,
  fitRowHeight,
  font,
  freeze,
  printAreaTo,
  setColumnWidths,
  setPrintLayout,
  setText,
  stampWorkbook,
  styleBodyCell,
  styleHeaderCell,
  toBytes,
  writeHeaderRow,
  writeTitle,
} from "./sheet-style";

export const PERIOD_SHEETS = { review: "Sơ kết giai đoạn", files: "Tệp", findings: "Kiểm tra" } as const;

export interface PeriodReportOptions {
  lang?: Lang;
  /** The native charts of actuals per year against the period target (default true). */
  charts?: boolean;
}

const t = messages({
  // The official form's subject (TITLE_PREFIX without "KẾ HOẠCH VÀ KẾT QUẢ").
  title: {
    vi: "SƠ KẾT THỰC HIỆN ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC GIAI ĐOẠN {period}",
    en: "PERIOD REVIEW OF TRAINING AND FOSTERING, PERIOD {period}",
  },
  reportYears: { vi: "Năm báo cáo", en: "Report years" },
  years: { vi: "Số năm tính bình quân", en: "Years averaged over" },
  tt: { vi: "TT", en: "No." },
  label: { vi: "Chương trình đào tạo, bồi dưỡng", en: "Programme" },
  code: { vi: "Mã số", en: "Row code" },
  unit: { vi: "Đơn vị tính", en: "Unit" },
  actualIn: { vi: "Thực hiện năm", en: "Actual" },
  actualSum: { vi: "Tổng thực hiện", en: "Total actual" },
  target: { vi: "Chỉ tiêu giai đoạn", en: "Period target" },
  rate: { vi: "Tỷ lệ so với chỉ tiêu (%)", en: "Rate of target (%)" },
  perYear: { vi: "Bình quân mỗi năm", en: "Average per year" },
  baseline: { vi: "Bình quân năm giai đoạn trước", en: "Previous period's yearly average" },
  change: { vi: "Tăng (+) / giảm (-)", en: "Change (+/-)" },
  changeRatio: { vi: "So với giai đoạn trước (%)", en: "Against previous period (%)" },
  file: { vi: "Tệp", en: "File" },
  year: { vi: "Năm", en: "Year" },
  role: { vi: "Vai trò", en: "Role" },
  used: { vi: "Được tính", en: "Used" },
  roleYear: { vi: "Báo cáo năm", en: "Annual report" },
  roleTarget: { vi: "Kế hoạch giai đoạn", en: "Period plan" },
  yes: { vi: "Có", en: "Yes" },
  no: { vi: "Không", en: "No" },
  findingCode: { vi: "Mã lỗi", en: "Finding code" },
  severity: { vi: "Mức độ", en: "Severity" },
  message: { vi: "Nội dung", en: "Message" },
  noFindings: { vi: "Không có phát hiện nào.", en: "No findings." },
  chartTitle: {
    vi: "{subject}: thực hiện từng năm so với chỉ tiêu giai đoạn{period}",
    en: "{subject}: actual per year against the period target{period}",
  },
  training: { vi: "Đào tạo", en: "Training" },
  fostering: { vi: "Bồi dưỡng", en: "Fostering" },
  people: { vi: "người", en: "people" },
  personTimes: { vi: "lượt người", en: "person-times" },
});

/** Each year's actual, their sum, and the target: the years blue, the sum dark, the target orange. */
export const PERIOD_CHART_COLORS = { year: "2E75B6", sum: "1F4E79", target: "C55A11" } as const;

function formula(f: string, result: number | string): ExcelJS.CellFormulaValue {
  return { formula: f, result } as ExcelJS.CellFormulaValue;
}

function addReviewSheet(wb: ExcelJS.Workbook, review: PeriodReview, lang: Lang, charts: boolean): SheetChart[] {
  const ws = wb.addWorksheet(PERIOD_SHEETS.review);
  const years = review.reportYears;
  const fixed = 4;
  const yearCol = (i: number): number => fixed + 1 + i;
  const sumCol = fixed + years.length + 1;
  const targetCol = sumCol + 1;
  const rateCol = targetCol + 1;
  const perYearCol = rateCol + 1;
  const baselineCol = perYearCol + 1;
  const changeCol = baselineCol + 1;
  const ratioCol = changeCol + 1;
  const lastCol = ratioCol;
  setColumnWidths(ws, [6, 46, 7, 11, ...years.map(() => 11), 12, 12, 11, 12, 13, 12, 12]);

  const periodText = review.period ? `${review.period.from} - ${review.period.to}` : "…";
  const title = t(lang, "title", { period: periodText });
  writeTitle(ws, 1, lastCol, title);
  ws.getRow(1).height = 36;
  const sub = ws.getCell(2, 1);
  ws.mergeCells(2, 1, 2, lastCol);
  sub.value = `${t(lang, "reportYears")}: ${years.join(", ") || "—"}`;
  sub.font = font({ italic: true });
  sub.alignment = { horizontal: "center" };
  ws.mergeCells(3, 1, 3, 3);
  ws.getCell(3, 1).value = `${t(lang, "years")}:`;
  ws.getCell(3, 1).font = font({ bold: true });
  ws.getCell(3, 1).alignment = { horizontal: "right" };
  const yearsCell = ws.getCell(3, 4);
  yearsCell.value = review.years;
  yearsCell.font = font({ bold: true });
  yearsCell.numFmt = NUM_FMT.integer;
  yearsCell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  const yearsRef = `$D$3`;

  const head = 5;
  const headers: [number, string][] = [
    [1, t(lang, "tt")],
    [2, t(lang, "label")],
    [3, t(lang, "code")],
    [4, t(lang, "unit")],
    ...years.map((y, i): [number, string] => [yearCol(i), `${t(lang, "actualIn")} ${y}`]),
    [sumCol, t(lang, "actualSum")],
    [targetCol, t(lang, "target")],
    [rateCol, t(lang, "rate")],
    [perYearCol, t(lang, "perYear")],
    [baselineCol, t(lang, "baseline")],
    [changeCol, t(lang, "change")],
    [ratioCol, t(lang, "changeRatio")],
  ];
  for (const [c, text] of headers) {
    const cell = ws.getCell(head, c);
    cell.value = text;
    styleHeaderCell(cell);
  }
  ws.getRow(head).height = 48;

  const byCode = new Map(review.rows.map((r) => [r.code, r]));
  const rowOf = new Map<string, number>();
  let r = head + 1;
  for (const row of review.rows) {
    const bold = row.parent;
    const L = (c: number): string => `${colLetter(c)}${r}`;
    rowOf.set(row.code, r);
    ws.getCell(r, 1).value = row.tt;
    ws.getCell(r, 2).value = row.label;
    ws.getCell(r, 3).value = row.code;
    ws.getCell(r, 4).value = row.unit;
    years.forEach((y, i) => {
      ws.getCell(r, yearCol(i)).value = row.byYear[String(y)] ?? 0;
    });
    const sum = clean(years.reduce((s, y) => s + (row.byYear[String(y)] ?? 0), 0));
    ws.getCell(r, sumCol).value = years.length
      ? formula(`SUM(${L(yearCol(0))}:${L(yearCol(years.length - 1))})`, sum)
      : row.actualSum;
    ws.getCell(r, targetCol).value = row.target;
    ws.getCell(r, rateCol).value = formula(`IF(${L(targetCol)}>0,${L(sumCol)}/${L(targetCol)},"")`, row.target > 0 ? sum / row.target : "");
    ws.getCell(r, perYearCol).value = formula(`IF(${yearsRef}>0,${L(sumCol)}/${yearsRef},"")`, review.years > 0 ? sum / review.years : "");
    ws.getCell(r, baselineCol).value = row.baseline;
    const perYear = review.years > 0 ? sum / review.years : 0;
    ws.getCell(r, changeCol).value = formula(
      `IF(ISNUMBER(${L(baselineCol)}),${L(perYearCol)}-${L(baselineCol)},"")`,
      row.baseline === null ? "" : perYear - row.baseline,
    );
    ws.getCell(r, ratioCol).value = formula(
      `IF(AND(ISNUMBER(${L(baselineCol)}),${L(baselineCol)}<>0),${L(perYearCol)}/${L(baselineCol)},"")`,
      row.baseline === null || row.baseline === 0 ? "" : perYear / row.baseline,
    );
    for (let c = 1; c <= lastCol; c++) {
      const cell = ws.getCell(r, c);
      const fmt = c === rateCol || c === ratioCol ? NUM_FMT.rate : c > fixed ? NUM_FMT.headcount : c === 3 ? "@" : undefined;
      styleBodyCell(cell, { bold, numFmt: fmt, wrap: c === 2, align: c === 1 || c === 3 || c === 4 ? "center" : c > fixed ? "right" : undefined });
    }
    fitRowHeight(ws, r);
    r++;
  }
  const last = r - 1;
  // The change column shows its sign: +817 more a year, -120 fewer.
  for (let rr = head + 1; rr <= last; rr++) ws.getCell(rr, changeCol).numFmt = "+#,##0;-#,##0;0";
  const rateRef = `${colLetter(rateCol)}${head + 1}:${colLetter(rateCol)}${last}`;
  if (last > head) {
    ws.addConditionalFormatting({
      ref: rateRef,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: [`AND(ISNUMBER(${colLetter(rateCol)}${head + 1}),${colLetter(rateCol)}${head + 1}<1)`],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: ALERT_FILL_ARGB } }, font: { color: { argb: "FF9C0006" } } },
        },
      ],
    });
  }
  freeze(ws, head + 1, 5);
  setPrintLayout(ws, { from: head, to: head });
  if (!charts) return [];

  // Under the table, training and fostering side by side (people and person-times are never
  // put on one axis): one column per report year, then the total, then the period target,
  // read from the header and group rows of the table itself.
  const widths = ws.columns.map((c) => c.width ?? 9);
  const half = widths.slice(0, lastCol).reduce((a, b) => a + b, 0) / 2;
  let split = 1;
  for (let run = 0; split <= lastCol && run + widths[split - 1] <= half; split++) run += widths[split - 1];
  const top = last + 3;
  const bottom = top + 20;
  const period = review.period ? ` ${review.period.from} - ${review.period.to}` : "";
  const out: SheetChart[] = [];
  // Form 01's two groups; another form's first two top-level rows.
  const groups = FORM01_GROUPS.every((g) => byCode.has(g.code))
    ? FORM01_GROUPS.map((g) => ({ code: g.code, label: t(lang, g.code === FORM01_GROUPS[0].code ? "training" : "fostering"), unit: t(lang, g.unit === "Người" ? "people" : "personTimes") }))
    : review.rows.filter((row) => row.top).slice(0, 2).map((row) => ({ code: row.code, label: row.label, unit: row.unit ?? "" }));
  groups.forEach((group, i) => {
    const row = rowOf.get(group.code);
    if (row === undefined) return;
    const cols = [...years.map((_, k) => yearCol(k)), sumCol, targetCol];
    const { label, unit } = group;
    out.push({
      sheet: PERIOD_SHEETS.review,
      anchor: i === 0 ? { from: { row: top, col: 1 }, to: { row: bottom, col: split } } : { from: { row: top, col: split + 1 }, to: { row: bottom, col: lastCol + 1 } },
      chart: {
        title: t(lang, "chartTitle", { subject: unit ? `${label} (${unit})` : label, period }),
        direction: "column",
        series: [
          seriesFromSheet(ws, {
            name: { row, col: 2 },
            categories: cols.map((col) => ({ row: head, col })),
            values: cols.map((col) => ({ row, col })),
            color: PERIOD_CHART_COLORS.year,
            pointColors: new Map([
              [years.length, PERIOD_CHART_COLORS.sum],
              [years.length + 1, PERIOD_CHART_COLORS.target],
            ]),
          }),
        ],
        valueFormat: NUM_FMT.headcount,
        dataLabels: true,
        legend: false,
        gapWidth: 50,
      },
    });
  });
  if (out.length > 0) {
    // The charts print on a page of their own after the table, inside the print area.
    ws.getRow(last).addPageBreak();
    ws.pageSetup.printArea = printAreaTo(lastCol, bottom);
  }
  return out;
}

function addFilesSheet(wb: ExcelJS.Workbook, review: PeriodReview, lang: Lang): void {
  const ws = wb.addWorksheet(PERIOD_SHEETS.files);
  const headers = (["tt", "file", "year", "role", "used"] as const).map((id) => t(lang, id));
  setColumnWidths(ws, [6, 40, 8, 20, 10]);
  writeHeaderRow(ws, 1, headers);
  review.files.forEach((f, i) => {
    const r = i + 2;
    ws.getCell(r, 1).value = i + 1;
    setText(ws.getCell(r, 2), f.file);
    ws.getCell(r, 3).value = f.year;
    ws.getCell(r, 4).value = t(lang, f.role === "target" ? "roleTarget" : "roleYear");
    ws.getCell(r, 5).value = t(lang, f.used ? "yes" : "no");
    for (let c = 1; c <= headers.length; c++) styleBodyCell(ws.getCell(r, c), { numFmt: c === 3 || c === 1 ? NUM_FMT.integer : undefined, wrap: c === 2 });
    if (!f.used) ws.getCell(r, 5).fill = { type: "pattern", pattern: "solid", fgColor: { argb: ALERT_FILL_ARGB } };
    fitRowHeight(ws, r);
  });
  freeze(ws, 2, 1);
  setPrintLayout(ws, { from: 1, to: 1 });
}

function addFindingsSheet(wb: ExcelJS.Workbook, review: PeriodReview, lang: Lang): void {
  const ws = wb.addWorksheet(PERIOD_SHEETS.findings);
  const headers = (["tt", "findingCode", "severity", "message"] as const).map((id) => t(lang, id));
  setColumnWidths(ws, [6, 26, 11, 90]);
  writeHeaderRow(ws, 1, headers);
  review.findings.forEach((f, i) => {
    const r = i + 2;
    ws.getCell(r, 1).value = i + 1;
    ws.getCell(r, 2).value = f.code;
    ws.getCell(r, 3).value = severityName(lang, f.severity);
    setText(ws.getCell(r, 4), f.message[lang]);
    for (let c = 1; c <= headers.length; c++) styleBodyCell(ws.getCell(r, c), { wrap: c === 4, numFmt: c === 1 ? NUM_FMT.integer : undefined });
    ws.getCell(r, 3).fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: f.severity === "error" ? ALERT_FILL_ARGB : f.severity === "warning" ? WARN_FILL_ARGB : "FFDDEBF7" },
    };
    fitRowHeight(ws, r);
  });
  if (review.findings.length === 0) {
    ws.mergeCells(2, 1, 2, headers.length);
    ws.getCell(2, 1).value = t(lang, "noFindings");
    styleBodyCell(ws.getCell(2, 1), { italic: true });
  }
  freeze(ws, 2, 1);
  setPrintLayout(ws, { from: 1, to: 1 });
}

function buildReview(review: PeriodReview, opts: PeriodReportOptions): { wb: ExcelJS.Workbook; charts: SheetChart[] } {
  const lang = opts.lang ?? "vi";
  const wb = new Workbook();
  stampWorkbook(wb, review.period ? `Sơ kết giai đoạn ${review.period.from} - ${review.period.to}` : "Sơ kết giai đoạn");
  const charts = addReviewSheet(wb, review, lang, opts.charts ?? true);
  addFilesSheet(wb, review, lang);
  addFindingsSheet(wb, review, lang);
  return { wb, charts };
}

/** The review as an exceljs workbook, without the charts (exceljs cannot hold them; writePeriodReview adds them). */
export function buildPeriodReview(review: PeriodReview, opts: PeriodReportOptions = {}): ExcelJS.Workbook {
  return buildReview(review, { ...opts, charts: false }).wb;
}

export async function writePeriodReview(review: PeriodReview, opts: PeriodReportOptions = {}): Promise<Uint8Array> {
  const { wb, charts } = buildReview(review, opts);
  return toBytes(wb, undefined, charts.length > 0 ? chartsEdit(charts) : undefined);
}
