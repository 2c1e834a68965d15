/**
 * The consolidated report's native charts (charts.ts writes them into the package): plan
 * against actual per programme on `Tổng hợp`, attainment per agency on `Theo đơn vị`. Each
 * series refers to the cells report.ts wrote, and its cache is read from them.
 */
import { type Lang, messages } from "../core/i18n";
import { ACTUAL_TOTAL, FORM01_COLUMNS, FORM01_GROUPS, FORM01_LAYOUT, FORM01_PARENT, FORM01_ROWS, PLAN_TOTAL } from "../core/form01";
import type { ConsolidationResult } from "../core/model";
import { type SheetChart, seriesFromSheet } from "./charts";
import type { ByAgencyLayout } from "./report";
import { NUM_FMT, printAreaTo } from "./sheet-style";
import type { Form01SheetLayout } from "./template";

/** Data labels: the number as the cells show it, none on a zero (most programmes are empty). */
export const LABEL_FMT = "#,##0;-#,##0;";

/** Chart colours: plan light, actual strong; the second attainment series in orange; excluded grey. */
export const CHART_COLORS = { plan: "9DC3E6", actual: "2E75B6", fostering: "C55A11", excluded: "BFBFBF" } as const;

const t = messages({
  attainment: { vi: "Tỷ lệ thực hiện so với kế hoạch theo đơn vị", en: "Attainment (actual ÷ plan) by agency" },
  attainmentOfYear: { vi: "Tỷ lệ thực hiện so với kế hoạch theo đơn vị năm {year}", en: "Attainment (actual ÷ plan) by agency, {year}" },
  withExcludedGrey: { vi: "{title} (đơn vị bị loại: màu xám)", en: "{title} (excluded agencies in grey)" },
});

/**
 * Plan against actual for each programme directly under ĐÀO TẠO and BỒI DƯỠNG (the rows the
 * add-in's Office.js chart shows), as two charts because training counts people and fostering
 * person-times. Both sit under the form's signature block, on a printed page of their own (the
 * print area reaches `printLastCol` when a block stands beside the form). The
 * form is Vietnamese whatever the message language, and so are its charts.
 */
export function summaryCharts(layout: Form01SheetLayout, result: ConsolidationResult, printLastCol = FORM01_COLUMNS.length): SheetChart[] {
  const ws = layout.worksheet;
  const labelCol = FORM01_COLUMNS.findIndex((c) => c.kind === "label") + 1;
  const planCol = layout.colOf.get(PLAN_TOTAL)!;
  const actualCol = layout.colOf.get(ACTUAL_TOTAL)!;
  const lastCol = FORM01_COLUMNS.length;
  const formEnd = ws.lastRow?.number ?? layout.lastBodyRow;
  const top = formEnd + 2;
  const year = result.year ? ` năm ${result.year}` : "";
  const charts = FORM01_GROUPS.map((group, i): SheetChart => {
    const rows = FORM01_ROWS.filter((r) => FORM01_PARENT.get(r.code) === group.code).map((r) => layout.rowOf.get(r.code)!);
    const categories = rows.map((row) => ({ row, col: labelCol }));
    // Named by the form's own headers, "Kế hoạch năm" and "Thực hiện".
    const series = (col: number, color: string) =>
      seriesFromSheet(ws, { name: { row: FORM01_LAYOUT.headerRow1, col }, categories, values: rows.map((row) => ({ row, col })), color });
    // Training's two programmes need a short chart; fostering's sixteen a tall one beside it.
    const height = Math.max(14, rows.length * 2 + 4);
    return {
      sheet: ws.name,
      anchor:
        i === 0
          ? { from: { row: top, col: 1 }, to: { row: top + height, col: planCol } }
          : { from: { row: top, col: planCol + 1 }, to: { row: top + height, col: lastCol + 1 } },
      chart: {
        title: `${group.label.charAt(0)}${group.label.slice(1).toLocaleLowerCase("vi")}: kế hoạch và thực hiện${year} (${group.unit.toLocaleLowerCase("vi")})`,
        direction: "bar",
        series: [series(planCol, CHART_COLORS.plan), series(actualCol, CHART_COLORS.actual)],
        valueFormat: NUM_FMT.headcount,
        dataLabels: true,
        labelFormat: LABEL_FMT,
        legend: true,
        gapWidth: 60,
      },
    };
  });
  const bottom = Math.max(...charts.map((c) => c.anchor.to.row));
  // The charts print on a page after the form's, inside the sheet's print area.
  ws.getRow(formEnd).addPageBreak();
  ws.pageSetup.printArea = printAreaTo(Math.max(lastCol, printLastCol), bottom);
  return charts;
}

/**
 * Attainment of every agency listed, beside the table: the chart grows with the list, every
 * agency keeping at least a row's height (two bars and its name), so that hundreds stay
 * legible. It is for the screen: the sheet prints its table, not a chart as tall as the list.
 */
export function byAgencyCharts(layout: ByAgencyLayout, result: ConsolidationResult, lang: Lang): SheetChart[] {
  const { worksheet: ws, agencyRows } = layout;
  if (agencyRows.length === 0) return [];
  const C = layout.columns;
  const categories = agencyRows.map((row) => ({ row, col: C.name }));
  const excluded = new Map(agencyRows.flatMap((row, i) => (layout.excludedRows.has(row) ? [[i, CHART_COLORS.excluded] as const] : [])));
  // Each series is named by its group's header ("Đào tạo (người) (Mã số 01)").
  const series = (groupCol: number, rateCol: number, color: string) =>
    seriesFromSheet(ws, {
      name: { row: layout.groupHeaderRow, col: groupCol },
      categories,
      values: agencyRows.map((row) => ({ row, col: rateCol })),
      color,
      pointColors: excluded,
    });
  const first = agencyRows[0];
  const chartCol = layout.lastCol + 2;
  const title = result.year ? t(lang, "attainmentOfYear", { year: result.year }) : t(lang, "attainment");
  return [
    {
      sheet: ws.name,
      anchor: { from: { row: first, col: chartCol }, to: { row: first + Math.max(16, agencyRows.length + 4), col: chartCol + 10 }, printed: false },
      chart: {
        title: excluded.size ? t(lang, "withExcludedGrey", { title }) : title,
        direction: "bar",
        series: [series(C.trainingPlan, C.trainingRate, CHART_COLORS.actual), series(C.fosteringPlan, C.fosteringRate, CHART_COLORS.fostering)],
        valueFormat: "0%",
        dataLabels: false,
        legend: true,
        gapWidth: 40,
        categoryFontSize: 8,
      },
    },
  ];
}
