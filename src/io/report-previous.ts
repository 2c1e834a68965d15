/**
 * Last year beside this year in the consolidated report (consolidate --previous): on
 * `Tổng hợp`, a block "Năm trước (YYYY)" to the right of the form — last year's actual total
 * per row, the change and the ratio — and on `Theo đơn vị`, to the right of the table, each
 * agency's training and fostering actuals of last year and the changes. The form's own cells
 * keep their addresses; the block's code-row cells stay empty, so that the sheet still reads
 * as form 01/ĐTBD (next year's --previous and `dtbd period` read it). Last year's figures are
 * values; the changes are formulas over the cells beside them, with cached results.
 */
import type ExcelJS from "exceljs";
import { AGENCY_FIGURE_SOURCE, type AgencyFigure } from "../core/agency-figures";
import { type Lang, messages } from "../core/i18n";
import { ACTUAL_TOTAL, FORM01_COLUMNS, FORM01_LAYOUT, FORM01_ROWS } from "../core/form01";
import type { ConsolidationResult } from "../core/model";
import type { PreviousComparison } from "../core/previous";
import type { ByAgencyLayout } from "./report";
import type { FormDefinition } from "../core/form/definition";
import { columnNumber } from "../core/grid";
import { CODE_ROW_FILL, NUM_FMT, THIN_BORDER, WARN_FILL_ARGB, clean, colLetter, font, printAreaTo, rateOrBlank, setText, styleBodyCell, styleHeaderCell } from "./sheet-style";
import type { Form01SheetLayout } from "./template";

/** A change shows its sign: +12, -3, 0. */
export const CHANGE_FMT = "+#,##0;-#,##0;0";
const PREVIOUS_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDEDED" } };

const t = messages({
  block: { vi: "Năm trước", en: "Previous year" },
  actual: { vi: "Thực hiện năm", en: "Actual" },
  change: { vi: "Tăng (+), giảm (-) so với năm", en: "Change against" },
  ratio: { vi: "So với năm", en: "Against" },
  source: { vi: "Số liệu năm", en: "Figures of" },
  fromFile: { vi: "tệp", en: "file" },
  formOnly: {
    vi: "tệp năm trước là một biểu, không phải báo cáo tổng hợp: chỉ so sánh theo dòng, không theo đơn vị",
    en: "last year's file is a form, not a consolidated report: compared per row only, not per agency",
  },
  against: { vi: "So với năm", en: "Against" },
  training: { vi: "Đào tạo", en: "Training" },
  fostering: { vi: "Bồi dưỡng", en: "Fostering" },
});

/** The block's columns on `Tổng hợp`: right after the form's last column. */
export const SUMMARY_PREVIOUS = { actual: FORM01_COLUMNS.length + 1, change: FORM01_COLUMNS.length + 2, ratio: FORM01_COLUMNS.length + 3 } as const;

/**
 * "Năm trước (YYYY)" beside the form: headers in the form's header rows, code-row cells left
 * without a code, and per row last year's actual (a value), the change (Jn − Un) and the
 * ratio (Jn ÷ Un). Returns the block's last column.
 */
export function addPreviousToSummary(layout: Form01SheetLayout, comparison: PreviousComparison): number {
  const ws = layout.worksheet;
  const { headerRow1: h1, headerRow2: h2, codeRow } = FORM01_LAYOUT;
  const C = SUMMARY_PREVIOUS;
  const year = comparison.year;
  const actualLetter = colLetter(layout.colOf.get(ACTUAL_TOTAL)!);
  // The official form is Vietnamese whatever the message language; so is the block beside it.
  ws.mergeCells(h1, C.actual, h1, C.ratio);
  ws.getCell(h1, C.actual).value = `${t("vi", "block")} (${year})`;
  ws.getCell(h2, C.actual).value = `${t("vi", "actual")} ${year}`;
  ws.getCell(h2, C.change).value = `${t("vi", "change")} ${year}`;
  ws.getCell(h2, C.ratio).value = `${t("vi", "ratio")} ${year} (%)`;
  for (let c = C.actual; c <= C.ratio; c++) {
    styleHeaderCell(ws.getCell(h1, c), PREVIOUS_FILL);
    styleHeaderCell(ws.getCell(h2, c), PREVIOUS_FILL);
    styleHeaderCell(ws.getCell(codeRow, c), CODE_ROW_FILL);
    ws.getColumn(c).width = 12;
  }
  const note = ws.getCell(FORM01_LAYOUT.headerRow1 - 1, C.actual);
  setText(note, `${t("vi", "source")} ${year}: ${t("vi", "fromFile")} ${comparison.file}${comparison.kind === "form" ? ` (${t("vi", "formOnly")})` : ""}`);
  note.font = font({ italic: true, size: 9 });

  const byKey = new Map(comparison.rows.map((r) => [r.key, r]));
  for (const row of FORM01_ROWS) {
    const r = layout.rowOf.get(row.code)!;
    const compared = byKey.get(row.code)?.actual;
    const bold = row.children.length > 0 || row.tt === "I" || row.tt === "II";
    const previous = compared?.previous ?? 0;
    const current = compared?.current ?? 0;
    const u = `${colLetter(C.actual)}${r}`;
    const cells: [number, ExcelJS.CellValue, string][] = [
      [C.actual, previous, NUM_FMT.headcount],
      [C.change, { formula: `${actualLetter}${r}-${u}`, result: current - previous } as ExcelJS.CellFormulaValue, CHANGE_FMT],
      [C.ratio, { formula: `IF(${u}>0,${actualLetter}${r}/${u},"")`, result: rateOrBlank(current, previous) } as ExcelJS.CellFormulaValue, NUM_FMT.rate],
    ];
    for (const [c, value, fmt] of cells) {
      const cell = ws.getCell(r, c);
      cell.value = value;
      cell.numFmt = fmt;
      cell.border = THIN_BORDER;
      cell.font = font({ bold });
      cell.alignment = { horizontal: "right", vertical: "middle" };
    }
  }
  return C.ratio;
}

/**
 * The same block beside any other form's table (its own layout): per row, last year's figure
 * of the compared column (the actual of its plan/actual pair, else its first total column),
 * the change and the ratio, in the columns right after the table's last, headed in the
 * table's header rows, nothing in its code row. Returns the block's last column.
 */
export function addPreviousToFormSheet(ws: ExcelJS.Worksheet, definition: FormDefinition, rowOf: ReadonlyMap<string, number>, comparison: PreviousComparison): number {
  const table = definition.table;
  const lastCol = Math.max(...definition.columns.map((c) => columnNumber(c.letter)));
  const C = { actual: lastCol + 1, change: lastCol + 2, ratio: lastCol + 3 };
  const year = comparison.year;
  const compared = definition.columns.find((c) => c.code === comparison.column)!;
  const currentLetter = compared.letter;
  const what = `cột ${compared.code}`;
  if (C.ratio > C.actual) ws.mergeCells(table.headerTop, C.actual, table.headerTop, C.ratio);
  ws.getCell(table.headerTop, C.actual).value = `${t("vi", "block")} (${year})`;
  ws.getCell(table.headerBottom, C.actual).value = `${what[0].toLocaleUpperCase("vi")}${what.slice(1)} năm ${year}`;
  ws.getCell(table.headerBottom, C.change).value = `${t("vi", "change")} ${year}`;
  ws.getCell(table.headerBottom, C.ratio).value = `${t("vi", "ratio")} ${year} (%)`;
  for (let c = C.actual; c <= C.ratio; c++) {
    for (let r = table.headerTop; r <= table.headerBottom; r++) styleHeaderCell(ws.getCell(r, c), PREVIOUS_FILL);
    if (table.codeRow) styleHeaderCell(ws.getCell(table.codeRow, c), CODE_ROW_FILL);
    ws.getColumn(c).width = 12;
  }
  const byKey = new Map(comparison.rows.map((r) => [r.key, r]));
  for (const row of definition.rows) {
    const r = rowOf.get(row.key);
    if (r === undefined) continue;
    const change = byKey.get(row.key)?.actual;
    const previous = change?.previous ?? 0;
    const current = change?.current ?? 0;
    const u = `${colLetter(C.actual)}${r}`;
    const cells: [number, ExcelJS.CellValue, string][] = [
      [C.actual, previous, compared.integer ? NUM_FMT.headcount : NUM_FMT.money],
      [C.change, { formula: `${currentLetter}${r}-${u}`, result: clean(current - previous) } as ExcelJS.CellFormulaValue, compared.integer ? CHANGE_FMT : "+#,##0.0;-#,##0.0;0"],
      [C.ratio, { formula: `IF(${u}>0,${currentLetter}${r}/${u},"")`, result: rateOrBlank(current, previous) } as ExcelJS.CellFormulaValue, NUM_FMT.rate],
    ];
    for (const [c, value, fmt] of cells) {
      const cell = ws.getCell(r, c);
      cell.value = value;
      cell.numFmt = fmt;
      cell.border = THIN_BORDER;
      cell.font = font({ bold: row.parent === null });
      cell.alignment = { horizontal: "right", vertical: "middle" };
    }
  }
  const area = ws.pageSetup.printArea;
  const end = area ? /:\$?[A-Z]+\$?(\d+)$/.exec(area) : null;
  if (end) ws.pageSetup.printArea = printAreaTo(C.ratio, Number(end[1]));
  return C.ratio;
}

const BY_AGENCY_FIGURES: { figure: AgencyFigure; label: "training" | "fostering" }[] = [
  { figure: "trainingActual", label: "training" },
  { figure: "fosteringActual", label: "fostering" },
];

/**
 * Per agency, beside the table: last year's training and fostering actuals (values) and the
 * changes (formulas over this year's actual column and last year's). A line with a trend.*
 * finding on the figure is shaded. Returns the block's last column.
 */
export function addPreviousToByAgency(layout: ByAgencyLayout, result: ConsolidationResult, comparison: PreviousComparison, lang: Lang): number {
  const ws = layout.worksheet;
  const C = layout.columns;
  const first = layout.lastCol + 1;
  const year = comparison.year;
  const h1 = layout.groupHeaderRow;
  const h2 = h1 + 1;
  const currentCol: Partial<Record<AgencyFigure, number>> = { trainingActual: C.trainingActual, fosteringActual: C.fosteringActual };
  const last = first + BY_AGENCY_FIGURES.length * 2 - 1;
  ws.mergeCells(h1, first, h1, last);
  ws.getCell(h1, first).value = `${t(lang, "against")} ${year}${comparison.kind === "form" ? ` (${t(lang, "formOnly")})` : ""}`;
  BY_AGENCY_FIGURES.forEach(({ label }, i) => {
    ws.getCell(h2, first + 2 * i).value = `${t(lang, label)}: ${t(lang, "actual").toLocaleLowerCase(lang)} ${year}`;
    ws.getCell(h2, first + 2 * i + 1).value = `${t(lang, label)}: ${t(lang, "change").toLocaleLowerCase(lang)} ${year}`;
  });
  for (let c = first; c <= last; c++) {
    styleHeaderCell(ws.getCell(h1, c), PREVIOUS_FILL);
    styleHeaderCell(ws.getCell(h2, c), PREVIOUS_FILL);
    ws.getColumn(c).width = 12;
  }
  ws.getRow(h2).height = Math.max(ws.getRow(h2).height ?? 0, 45);

  const agencies = comparison.agencies;
  layout.agencyRows.forEach((r, i) => {
    const line = agencies?.[i];
    const source = i < result.sources.length ? result.sources[i] : null;
    const muted = !line?.included;
    BY_AGENCY_FIGURES.forEach(({ figure }, k) => {
      const prevCell = ws.getCell(r, first + 2 * k);
      const changeCell = ws.getCell(r, first + 2 * k + 1);
      const compared = line?.figures[figure];
      prevCell.value = compared?.previous ?? null;
      if (compared?.previous != null && compared.current != null) {
        const now = `${colLetter(currentCol[figure]!)}${r}`;
        changeCell.value = { formula: `${now}-${colLetter(first + 2 * k)}${r}`, result: compared.change } as ExcelJS.CellFormulaValue;
      } else changeCell.value = null;
      styleBodyCell(prevCell, { numFmt: NUM_FMT.headcount, align: "right", italic: muted });
      styleBodyCell(changeCell, { numFmt: CHANGE_FMT, align: "right", italic: muted });
      const where = AGENCY_FIGURE_SOURCE[figure];
      const flagged = source?.findings.some((f) => (f.code === "trend.jump" || f.code === "trend.drop") && f.row === where.row && f.column === where.column);
      if (flagged) for (const cell of [prevCell, changeCell]) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: WARN_FILL_ARGB } };
    });
  });
  const totalRow = layout.totalRow;
  for (let c = first; c <= last; c++) {
    const cell = ws.getCell(totalRow, c);
    styleBodyCell(cell, { bold: true });
    cell.fill = PREVIOUS_FILL;
  }
  return last;
}
