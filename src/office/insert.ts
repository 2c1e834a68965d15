/**
 * Writing into the open workbook. The report and the blank form are built once, by the same
 * exceljs writers the CLI uses, and inserted as worksheets (insertWorksheetsFromBase64), so the
 * add-in's sheets are identical to the CLI's files; the chart is added with Office.js.
 */
import { FORM01_PARENT, FORM01_ROWS, FORM_ID } from "../core/form01";
import { headlineColumns, topRows } from "../core/form/table";
import type { FormDefinition } from "../core/form/definition";
import type { ConsolidationResult } from "../core/model";
import { type Lang, messages } from "../core/i18n";

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

const t = messages({
  chartSheet: { vi: "Biểu đồ", en: "Chart" },
  programme: { vi: "Chương trình", en: "Programme" },
  plan: { vi: "Kế hoạch", en: "Plan" },
  actual: { vi: "Thực hiện", en: "Actual" },
  chartTitle: { vi: "Kế hoạch và thực hiện", en: "Plan and actual" },
  chartTitleOfYear: { vi: "Kế hoạch và thực hiện năm {year}", en: "Plan and actual {year}" },
});

/**
 * Form 01/ĐTBD: plan and actual of each programme directly under ĐÀO TẠO (01) or BỒI DƯỠNG (14).
 * Another form: its top-level rows (under a lone grand total, that total's parts) on its plan
 * and actual columns, or on its first total column when it pairs none.
 */
export function chartRows(result: ConsolidationResult): (string | number)[][] {
  const definition = result.definition;
  if (definition && definition.id !== FORM_ID) {
    const columns = otherFormChartColumns(definition);
    if (!columns.length) return [];
    let rows = topRows(definition);
    if (rows.length === 1) {
      const parts = definition.rows.filter((r) => r.parent === rows[0].key);
      if (parts.length) rows = parts;
    }
    return rows.map((r) => [[r.tt, r.label].filter(Boolean).join(" "), ...columns.map((code) => result.rows[r.key]?.[code] ?? 0)]);
  }
  return FORM01_ROWS.filter((r) => {
    const parent = FORM01_PARENT.get(r.code);
    return parent === "01" || parent === "14";
  }).map((r) => {
    const total = result.totals[r.code] ?? { plan: 0, actual: 0 };
    return [`${r.code} ${r.label}`, total.plan, total.actual];
  });
}

/** Another form's charted columns: its first plan/actual pair, else its first total column. */
function otherFormChartColumns(definition: FormDefinition): string[] {
  const pair = definition.attainment?.[0];
  return pair ? [pair.plan, pair.actual] : headlineColumns(definition).slice(0, 1);
}

/** A name not yet used in the workbook: "Biểu đồ", "Biểu đồ (2)", … */
export function freeName(wanted: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const name = `${wanted} (${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** The chart table's header, for the columns chartRows gives. */
function chartHeader(result: ConsolidationResult, lang: Lang): string[] {
  const definition = result.definition;
  const columns = definition && definition.id !== FORM_ID ? otherFormChartColumns(definition) : [];
  if (columns.length !== 1) return [t(lang, "programme"), t(lang, "plan"), t(lang, "actual")];
  const column = definition!.columns.find((c) => c.code === columns[0]);
  return [t(lang, "programme"), column?.header.join(" – ") || columns[0]];
}

export async function insertReport(
  context: Excel.RequestContext,
  result: ConsolidationResult,
  reportBytes: Uint8Array,
  lang: Lang,
): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  // Candidate names for the chart sheet, probed in the same round trip as the insertion.
  const chartSheetName = t(lang, "chartSheet");
  const candidates = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => (i === 1 ? chartSheetName : `${chartSheetName} (${i})`));
  const probes = candidates.map((candidate) => {
    const probe = sheets.getItemOrNullObject(candidate);
    probe.load("name");
    return probe;
  });
  const inserted = context.workbook.insertWorksheetsFromBase64(toBase64(reportBytes), {
    positionType: Excel.WorksheetPositionType.end,
  });
  await context.sync();

  const rows = chartRows(result);
  if (!rows.length) {
    // A form with no numeric total column has nothing to draw.
    if (inserted.value[0]) sheets.getItem(inserted.value[0]).activate();
    await context.sync();
    return inserted.value;
  }
  const taken = [...candidates.filter((_, i) => !probes[i].isNullObject), ...inserted.value];
  const name = freeName(chartSheetName, taken);
  const chartSheet = sheets.add(name);
  const header = chartHeader(result, lang);
  const data = chartSheet.getRangeByIndexes(0, 0, rows.length + 1, header.length);
  data.values = [header, ...rows];
  chartSheet.getRange("A:A").format.columnWidth = 260;
  const chart = chartSheet.charts.add(Excel.ChartType.barClustered, data, Excel.ChartSeriesBy.columns);
  chart.title.text = result.year ? t(lang, "chartTitleOfYear", { year: result.year }) : t(lang, "chartTitle");
  chart.setPosition("E2", "P40");
  chart.legend.position = Excel.ChartLegendPosition.bottom;
  sheets.getItem(inserted.value[0] ?? name).activate();
  await context.sync();
  return [...inserted.value, name];
}

export async function insertForm(context: Excel.RequestContext, formBytes: Uint8Array): Promise<string[]> {
  const inserted = context.workbook.insertWorksheetsFromBase64(toBase64(formBytes), {
    positionType: Excel.WorksheetPositionType.end,
  });
  await context.sync();
  if (inserted.value[0]) {
    context.workbook.worksheets.getItem(inserted.value[0]).activate();
    await context.sync();
  }
  return inserted.value;
}
