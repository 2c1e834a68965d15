/**
 * The native charts of the consolidated report and of the period review. A small batch of
 * real workbooks (written as agencies' forms, read back, consolidated) whose numbers the test
 * states by hand; the charts are read with an XML parser, their formulas resolved against the
 * cells of the sheet, and the report printed by LibreOffice, where the bars' lengths must
 * stand in the ratios of those numbers.
 */
import { strToU8, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { consolidate } from "../src/core/consolidate";
import type { ConsolidationResult } from "../src/core/model";
import { type PeriodReview, periodReview } from "../src/core/period";
import { inspectWorkbook } from "../src/io/inspect";
import { PERIOD_CHART_COLORS, PERIOD_SHEETS, writePeriodReview } from "../src/io/period-report";
import { REPORT_SHEETS, writeConsolidatedReport } from "../src/io/report";
import { CHART_COLORS } from "../src/io/report-charts";
import { type Form01Values, writeTemplate } from "../src/io/template";
import { sampleConsolidation } from "./helpers/consolidation";
import { SOFFICE, convertToPdf } from "./helpers/libreoffice";
import {
  NS,
  type Parts,
  chartSeries,
  chartTitle,
  childNames,
  descendants,
  packageParts,
  parseReference,
  part,
  relationships,
  sheetCells,
  sheetCharts,
  worksheetPartOf,
} from "./helpers/ooxml";
import { PDFTOPPM, type Page, type Region, colorPixels, differingPixels, inkBox, longestRun, nonWhitePixels, renderPages } from "./helpers/render";

/** Three agencies' forms for 2024; the third says 2023 and is excluded from the 2024 report. */
async function batch(): Promise<ConsolidationResult> {
  const forms: { file: string; year: number; name: string; code: string; values: Form01Values }[] = [
    // Sở Tài chính: training (row 03, under 02) plan 10 actual 5; fostering (row 25) plan 80 actual 100.
    { file: "so-tai-chinh.xlsx", year: 2024, name: "Sở Tài chính", code: "000.00.12.H39", values: { "03": { "3": 10, "8": 5 }, "25": { "3": 80, "8": 100 } } },
    // Sở Y tế: training (row 10, under 09) plan 6 actual 9; fostering (row 37) plan 20 actual 10.
    { file: "so-y-te.xlsx", year: 2024, name: "Sở Y tế", code: "000.00.40.H39", values: { "10": { "2": 6, "7": 9 }, "37": { "4": 20, "9": 10 } } },
    // Sở Nội vụ, last year's form: excluded; training plan 40 actual 40, no fostering.
    { file: "so-noi-vu.xlsx", year: 2023, name: "Sở Nội vụ", code: "000.00.30.H39", values: { "05": { "3": 40, "8": 40 } } },
  ];
  const reports = await Promise.all(
    forms.map(async (f) => inspectWorkbook(f.file, await writeTemplate({ year: f.year, agencyName: f.name, agencyCode: f.code, values: f.values }))),
  );
  return consolidate(reports, { year: 2024 });
}

/** Three annual reports and the 2021-2025 plan, as in the period review's LibreOffice test. */
async function period(): Promise<PeriodReview> {
  const years = [
    [2021, 3000, 900],
    [2022, 3200, 1100],
    [2023, 3314, 1250],
  ] as const;
  const reports = await Promise.all(
    years.map(async ([year, training, fostering]) =>
      inspectWorkbook(
        `${year}.xlsx`,
        await writeTemplate({ year, agencyName: "UBND tỉnh Lạng Sơn", values: { "05": { "3": 3000, "8": training }, "25": { "3": 1000, "8": fostering } } }),
      ),
    ),
  );
  const target = await inspectWorkbook(
    "plan.xlsx",
    await writeTemplate({ period: { from: 2021, to: 2025 }, agencyName: "UBND tỉnh Lạng Sơn", values: { "05": { "3": 3386 }, "25": { "3": 5000 } } }),
  );
  return periodReview(reports, target, {});
}

const TRAINING_PROGRAMMES = ["Đào tạo trình độ chuyên môn", "Đào tạo lý luận chính trị"];
const FOSTERING_PROGRAMMES = [
  "Bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, quản lý",
  "Bồi dưỡng theo tiêu chuẩn ngạch công chức",
  "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp viên chức",
  "Bồi dưỡng theo yêu cầu vị trí việc làm, kỹ năng chuyên ngành",
  "Bồi dưỡng cập nhật kiến thức, kỹ năng hành chính, đạo đức công vụ, văn hóa công sở",
  "Bồi dưỡng cán bộ dự nguồn Ban Chấp hành Đảng bộ tỉnh",
  "Bồi dưỡng bí thư, phó bí thư cấp ủy cấp huyện",
  "Bồi dưỡng kiến thức quốc phòng và an ninh",
  "Nghiệp vụ công tác Đảng, đoàn thể",
  "Bồi dưỡng đối tượng kết nạp Đảng, lý luận chính trị cho đảng viên mới",
  "Ngoại ngữ",
  "Tiếng dân tộc thiểu số",
  "Tin học, chuyển đổi số",
  "Đại biểu Hội đồng nhân dân các cấp",
  "Bồi dưỡng ngắn hạn ở nước ngoài",
  "Bồi dưỡng khác",
];
/**
 * A fostering series as the form holds it: "Bồi dưỡng cập nhật kiến thức…" (row 25) and "Tin
 * học, chuyển đổi số" (row 37) as given, every other programme 0 (columns 1 and 6 are sums
 * on every row, so even a blank programme shows 0).
 */
const fostering = (at25: number, at37: number): number[] => FOSTERING_PROGRAMMES.map((_, i) => (i === 4 ? at25 : i === 12 ? at37 : 0));

/** The children of <worksheet> in the order CT_Worksheet's sequence gives them (ECMA-376 part 1, §18.3.1.99). */
const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges",
  "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
  "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

/**
 * The sequences of the chart schema's types that DTBD writes (ECMA-376 part 1, dml-chart.xsd;
 * valAx and catAx are one choice, in either order), and of the drawing's anchor and frame.
 */
const CHART_ORDER: Record<string, string[][]> = {
  chartSpace: [["date1904"], ["lang"], ["roundedCorners"], ["style"], ["clrMapOvr"], ["AlternateContent"], ["pivotSource"], ["protection"], ["chart"], ["spPr"], ["txPr"], ["externalData"], ["printSettings"], ["userShapes"], ["extLst"]],
  chart: [["title"], ["autoTitleDeleted"], ["pivotFmts"], ["view3D"], ["floor"], ["sideWall"], ["backWall"], ["plotArea"], ["legend"], ["plotVisOnly"], ["dispBlanksAs"], ["showDLblsOverMax"], ["extLst"]],
  title: [["tx"], ["layout"], ["overlay"], ["spPr"], ["txPr"], ["extLst"]],
  plotArea: [["layout"], ["barChart"], ["valAx", "catAx"], ["dTable"], ["spPr"], ["extLst"]],
  barChart: [["barDir"], ["grouping"], ["varyColors"], ["ser"], ["dLbls"], ["gapWidth"], ["overlap"], ["serLines"], ["axId"], ["extLst"]],
  ser: [["idx"], ["order"], ["tx"], ["spPr"], ["invertIfNegative"], ["pictureOptions"], ["dPt"], ["dLbls"], ["trendline"], ["errBars"], ["cat"], ["val"], ["shape"], ["extLst"]],
  dLbls: [["dLbl"], ["delete"], ["numFmt"], ["spPr"], ["txPr"], ["dLblPos"], ["showLegendKey"], ["showVal"], ["showCatName"], ["showSerName"], ["showPercent"], ["showBubbleSize"], ["separator"], ["showLeaderLines"], ["leaderLines"], ["extLst"]],
  dPt: [["idx"], ["invertIfNegative"], ["marker"], ["bubble3D"], ["explosion"], ["spPr"], ["pictureOptions"], ["extLst"]],
  catAx: [["axId"], ["scaling"], ["delete"], ["axPos"], ["majorGridlines"], ["minorGridlines"], ["title"], ["numFmt"], ["majorTickMark"], ["minorTickMark"], ["tickLblPos"], ["spPr"], ["txPr"], ["crossAx"], ["crosses", "crossesAt"], ["auto"], ["lblAlgn"], ["lblOffset"], ["tickLblSkip"], ["tickMarkSkip"], ["noMultiLvlLbl"], ["extLst"]],
  valAx: [["axId"], ["scaling"], ["delete"], ["axPos"], ["majorGridlines"], ["minorGridlines"], ["title"], ["numFmt"], ["majorTickMark"], ["minorTickMark"], ["tickLblPos"], ["spPr"], ["txPr"], ["crossAx"], ["crosses", "crossesAt"], ["crossBetween"], ["majorUnit"], ["minorUnit"], ["dispUnits"], ["extLst"]],
  legend: [["legendPos"], ["legendEntry"], ["layout"], ["overlay"], ["spPr"], ["txPr"], ["extLst"]],
  scaling: [["logBase"], ["orientation"], ["max"], ["min"], ["extLst"]],
  strRef: [["f"], ["strCache"], ["extLst"]],
  numRef: [["f"], ["numCache"], ["extLst"]],
  strCache: [["ptCount"], ["pt"], ["extLst"]],
  numCache: [["formatCode"], ["ptCount"], ["pt"], ["extLst"]],
};
const DRAWING_ORDER: Record<string, string[][]> = {
  twoCellAnchor: [["from"], ["to"], ["sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"], ["clientData"]],
  from: [["col"], ["colOff"], ["row"], ["rowOff"]],
  to: [["col"], ["colOff"], ["row"], ["rowOff"]],
  graphicFrame: [["nvGraphicFramePr"], ["xfrm"], ["graphic"], ["extLst"]],
};

/** Every element named in `order` (in namespace `ns`) has only known children, in the sequence's order. */
function expectSchemaOrder(doc: Parameters<typeof descendants>[0], ns: string, order: Record<string, string[][]>, label: string): number {
  let checked = 0;
  for (const [name, sequence] of Object.entries(order)) {
    for (const el of descendants(doc, ns, name)) {
      const names = childNames(el);
      const ranks = names.map((n) => sequence.findIndex((alternatives) => alternatives.includes(n)));
      expect(ranks, `${label} <${name}>: ${names.join(", ")}`).not.toContain(-1);
      expect(ranks, `${label} <${name}>: ${names.join(", ")}`).toEqual([...ranks].sort((a, b) => a - b));
      checked++;
    }
  }
  return checked;
}

/** Resolves a chart formula against the sheet it names: the values an application draws. */
function resolve(parts: Parts, formula: string): { sheet: string; values: (string | number | null)[] } {
  const ref = parseReference(formula);
  const cells = sheetCells(parts, ref.sheet);
  return { sheet: ref.sheet, values: ref.cells.map((a) => cells.get(a) ?? null) };
}

/** Every series of the chart: its formulas resolve to the cells, and the caches equal them. */
function readSeries(parts: Parts, chart: Parameters<typeof chartSeries>[0], sheet: string) {
  return chartSeries(chart).map((s) => {
    const name = resolve(parts, s.nameRef);
    const categories = resolve(parts, s.categoryRef);
    const values = resolve(parts, s.valueRef);
    for (const r of [name, categories, values]) expect(r.sheet).toBe(sheet);
    expect(s.nameCache).toEqual(name.values);
    expect(s.categoryCache).toEqual(categories.values.map((v) => (v === null ? null : String(v))));
    // A blank or text cell (a rate with nothing planned) is a gap: no cached point.
    expect(s.valueCache).toEqual(values.values.map((v) => (typeof v === "number" ? v : null)));
    return { name: name.values[0], categories: categories.values, values: values.values.map((v) => (typeof v === "number" ? v : null)), color: s.color, pointColors: s.pointColors };
  });
}

/** The package with every chart's cached values taken out: a reader must follow the formulas. */
function withoutCaches(bytes: Uint8Array): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of packageParts(bytes)) files[name] = strToU8(name.startsWith("xl/charts/") ? text.replace(/<c:(str|num)Cache>.*?<\/c:\1Cache>/g, "") : text);
  return zipSync(files);
}

/**
 * The page a rendering has beyond the rendering without charts: every other page must be
 * printed identically (the report's content is unchanged); returns the extra page's index.
 */
function chartPageOf(charted: Page[], plain: Page[]): number {
  expect(charted).toHaveLength(plain.length + 1);
  const extra = charted.findIndex((page, i) => i >= plain.length || differingPixels(page, plain[i]) > 0);
  charted.forEach((page, i) => {
    if (i !== extra) expect(differingPixels(page, plain[i < extra ? i : i - 1]), `page ${i + 1}`).toBe(0);
  });
  return extra;
}

/** A chart page below its repeated title rows (the first block of ink from the top): where the charts are. */
function chartRegion(page: Page): Region {
  const whole = inkBox(page)!;
  let y = whole.y0;
  while (y < whole.y1 && nonWhitePixels(page, { x0: whole.x0, y0: y, x1: whole.x1, y1: y + 1 }) > 0) y++;
  return { x0: whole.x0, y0: y, x1: whole.x1, y1: page.height };
}

/** The two charts side by side in `region`, split at the white column between them nearest the middle. */
function splitCharts(page: Page, region: Region): [Region, Region] {
  const box = inkBox(page, region)!;
  const mid = (box.x0 + box.x1) / 2;
  let gap = -1;
  for (let x = box.x0; x < box.x1; x++) {
    if (nonWhitePixels(page, { x0: x, y0: box.y0, x1: x + 1, y1: box.y1 }) === 0 && (gap < 0 || Math.abs(x - mid) < Math.abs(gap - mid))) gap = x;
  }
  expect(gap, "a white gap between the two charts").toBeGreaterThan(0);
  return [
    { ...region, x1: gap },
    { ...region, x0: gap + 1 },
  ];
}

describe("charts in the consolidated report", () => {
  let result: ConsolidationResult;
  let parts: Parts;
  let bytes: Uint8Array;

  beforeAll(async () => {
    result = await batch();
    bytes = await writeConsolidatedReport(result);
    parts = packageParts(bytes);
  });

  it("consolidates the batch as the test states it", () => {
    expect(result.included).toBe(2);
    expect(result.sources.map((s) => s.included)).toEqual([true, true, false]);
  });

  it("adds the chart and drawing parts, their relationships and content types", () => {
    const types = descendants(part(parts, "[Content_Types].xml"), NS.types, "Override").map((o) => [o.getAttribute("PartName"), o.getAttribute("ContentType")]);
    const summary = sheetCharts(parts, REPORT_SHEETS.summary);
    const byAgency = sheetCharts(parts, REPORT_SHEETS.byAgency);
    expect(summary).toHaveLength(2);
    expect(byAgency).toHaveLength(1);
    expect(sheetCharts(parts, REPORT_SHEETS.findings)).toHaveLength(0);
    expect(sheetCharts(parts, REPORT_SHEETS.sources)).toHaveLength(0);
    const chartParts = [...summary, ...byAgency].map((c) => c.chartPart).sort();
    expect(chartParts).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]);
    for (const p of chartParts) expect(types).toContainEqual([`/${p}`, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"]);
    for (const sheet of [REPORT_SHEETS.summary, REPORT_SHEETS.byAgency]) {
      const rels = relationships(parts, worksheetPartOf(parts, sheet));
      const drawing = rels.filter((r) => r.type === "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing");
      expect(drawing).toHaveLength(1);
      expect(types).toContainEqual([`/${drawing[0].part}`, "application/vnd.openxmlformats-officedocument.drawing+xml"]);
      for (const r of relationships(parts, drawing[0].part)) expect(r.type).toBe("http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart");
    }
    // Every part named in the content types exists, once.
    const names = types.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(parts.has(name!.slice(1)), name!).toBe(true);
  });

  it("writes the chart and drawing elements in the schema's order", () => {
    for (const sheet of [REPORT_SHEETS.summary, REPORT_SHEETS.byAgency]) {
      // 26 elements checked per chart: two series, each with its references, caches, and labels or coloured points.
      for (const c of sheetCharts(parts, sheet)) expect(expectSchemaOrder(c.chart, NS.c, CHART_ORDER, c.chartPart)).toBe(26);
      const drawing = relationships(parts, worksheetPartOf(parts, sheet))[0].part;
      expect(expectSchemaOrder(part(parts, drawing), NS.xdr, DRAWING_ORDER, drawing)).toBe(4 * sheetCharts(parts, sheet).length);
    }
  });

  it("places <drawing> where the worksheet schema's sequence puts it", () => {
    for (const sheet of [REPORT_SHEETS.summary, REPORT_SHEETS.byAgency]) {
      const names = childNames(part(parts, worksheetPartOf(parts, sheet)).documentElement!);
      expect(names).toContain("drawing");
      const order = names.map((n) => WORKSHEET_ORDER.indexOf(n));
      expect(order, `${sheet}: ${names.join(", ")}`).not.toContain(-1);
      expect(order, `${sheet}: ${names.join(", ")}`).toEqual([...order].sort((a, b) => a - b));
    }
    // Theo đơn vị's data bars put an <extLst> inside conditionalFormatting and one at the end: the drawing precedes the last.
    const byAgency = childNames(part(parts, worksheetPartOf(parts, REPORT_SHEETS.byAgency)).documentElement!);
    expect(byAgency.slice(-2)).toEqual(["drawing", "extLst"]);
  });

  it("plots plan against actual per programme on Tổng hợp, from the form's own cells", () => {
    const [training, fosteringChart] = sheetCharts(parts, REPORT_SHEETS.summary);
    expect(chartTitle(training.chart)).toBe("Đào tạo: kế hoạch và thực hiện năm 2024 (người)");
    expect(chartTitle(fosteringChart.chart)).toBe("Bồi dưỡng: kế hoạch và thực hiện năm 2024 (lượt người)");

    const t = readSeries(parts, training.chart, REPORT_SHEETS.summary);
    expect(t.map((s) => s.name)).toEqual(["Kế hoạch năm", "Thực hiện"]);
    for (const s of t) expect(s.categories).toEqual(TRAINING_PROGRAMMES);
    expect(t[0].values).toEqual([10, 6]);
    expect(t[1].values).toEqual([5, 9]);
    expect(t.map((s) => s.color)).toEqual([CHART_COLORS.plan, CHART_COLORS.actual]);

    const f = readSeries(parts, fosteringChart.chart, REPORT_SHEETS.summary);
    expect(f.map((s) => s.name)).toEqual(["Kế hoạch năm", "Thực hiện"]);
    for (const s of f) expect(s.categories).toEqual(FOSTERING_PROGRAMMES);
    expect(f[0].values).toEqual(fostering(80, 20));
    expect(f[1].values).toEqual(fostering(100, 10));

    // The programmes are not adjacent rows of the form: a union of the form's cells, in its columns E and J.
    expect(chartSeries(fosteringChart.chart)[0].valueRef).toMatch(/^\('Tổng hợp'!\$E\$\d+(:\$E\$\d+)?(,'Tổng hợp'!\$E\$\d+(:\$E\$\d+)?)+\)$/);
    expect(chartSeries(training.chart)[1].valueRef).toMatch(/^\('Tổng hợp'!\$J\$\d+,'Tổng hợp'!\$J\$\d+\)$/);
  });

  it("plots attainment per agency on Theo đơn vị, excluded agencies in grey", () => {
    const [chart] = sheetCharts(parts, REPORT_SHEETS.byAgency);
    expect(chartTitle(chart.chart)).toBe("Tỷ lệ thực hiện so với kế hoạch theo đơn vị năm 2024 (đơn vị bị loại: màu xám)");
    const s = readSeries(parts, chart.chart, REPORT_SHEETS.byAgency);
    expect(s.map((x) => x.name)).toEqual(["Đào tạo (người) (Mã số 01)", "Bồi dưỡng (lượt người) (Mã số 14)"]);
    for (const x of s) expect(x.categories).toEqual(["Sở Tài chính", "Sở Y tế", "Sở Nội vụ"]);
    expect(s[0].values).toEqual([0.5, 1.5, 1]);
    expect(s[1].values).toEqual([1.25, 0.5, null]);
    for (const x of s) expect([...x.pointColors]).toEqual([[2, CHART_COLORS.excluded]]);
    // Beside the table (columns A–M), from its first agency row, at least one row per agency.
    expect(chart.from).toEqual({ col: 14, row: 5 });
    expect(chart.to.row - chart.from.row).toBeGreaterThanOrEqual(3);
  });

  it("keeps input text out of the chart formulas: every c:f is a reference to the chart's own sheet", async () => {
    const hostile = packageParts(await writeConsolidatedReport(sampleConsolidation()));
    for (const sheet of [REPORT_SHEETS.summary, REPORT_SHEETS.byAgency]) {
      for (const { chart } of sheetCharts(hostile, sheet)) {
        for (const f of descendants(chart, NS.c, "f")) expect(parseReference(f.textContent!).sheet).toBe(sheet);
      }
    }
    const [byAgency] = sheetCharts(hostile, REPORT_SHEETS.byAgency);
    expect(chartSeries(byAgency.chart)[0].categoryCache).toContain('=HYPERLINK("http://evil.example","Sở Ngoại vụ")');
  });

  it("writes no charts when asked not to (the add-in draws its own), and the same cells either way", async () => {
    const plain = packageParts(await writeConsolidatedReport(result, { charts: false }));
    expect([...plain.keys()].filter((n) => /chart|drawing/.test(n))).toEqual([]);
    for (const sheet of Object.values(REPORT_SHEETS)) expect(sheetCells(parts, sheet), sheet).toEqual(sheetCells(plain, sheet));
  });

  describe.skipIf(!SOFFICE || !PDFTOPPM)("printed by LibreOffice", () => {
    let charted: Page[];
    let plain: Page[];
    let cacheless: Page[];

    beforeAll(async () => {
      const render = async (b: Uint8Array) => renderPages(await convertToPdf(b), 100);
      [charted, plain, cacheless] = await Promise.all([render(bytes), render(await writeConsolidatedReport(result, { charts: false })), render(withoutCaches(bytes))]);
    }, 240_000);

    it("prints every page of the report as before, and the charts on a page of their own after the form", () => {
      expect(charted).toHaveLength(plain.length + 1);
      expect(chartPageOf(charted, plain)).toBe(1);
      const region = chartRegion(charted[1]);
      const area = (region.x1 - region.x0) * (region.y1 - region.y0);
      expect(nonWhitePixels(charted[1], region)).toBeGreaterThan(area * 0.03);
    });

    it("draws bars whose lengths stand in the ratios of the numbers, from the caches and from the cells alike", () => {
      expect(chartPageOf(cacheless, plain)).toBe(1);
      for (const page of [charted[1], cacheless[1]]) {
        const [left, right] = splitCharts(page, chartRegion(page));
        const run = (color: string, region: Region) => longestRun(page, color, "horizontal", region);
        // Training: longest plan 10, longest actual 9. Fostering: longest plan 80, longest actual 100.
        expect(run(CHART_COLORS.plan, left)).toBeGreaterThan(50);
        expect(Math.abs(run(CHART_COLORS.actual, left) / run(CHART_COLORS.plan, left) - 9 / 10)).toBeLessThan(0.03);
        expect(Math.abs(run(CHART_COLORS.actual, right) / run(CHART_COLORS.plan, right) - 100 / 80)).toBeLessThan(0.04);
        expect(colorPixels(page, CHART_COLORS.plan, left)).toBeGreaterThan(200);
      }
    });
  });
});

describe("charts in the period review", () => {
  let review: PeriodReview;
  let bytes: Uint8Array;
  let parts: Parts;

  beforeAll(async () => {
    review = await period();
    bytes = await writePeriodReview(review);
    parts = packageParts(bytes);
  });

  it("plots each year's actual, the total and the period target, from the review's own cells", () => {
    const charts = sheetCharts(parts, PERIOD_SHEETS.review);
    expect(charts.map((c) => chartTitle(c.chart))).toEqual([
      "Đào tạo (người): thực hiện từng năm so với chỉ tiêu giai đoạn 2021 - 2025",
      "Bồi dưỡng (lượt người): thực hiện từng năm so với chỉ tiêu giai đoạn 2021 - 2025",
    ]);
    const categories = ["Thực hiện năm 2021", "Thực hiện năm 2022", "Thực hiện năm 2023", "Tổng thực hiện", "Chỉ tiêu giai đoạn"];
    const [training] = readSeries(parts, charts[0].chart, PERIOD_SHEETS.review);
    expect(training.name).toBe("ĐÀO TẠO");
    expect(training.categories).toEqual(categories);
    expect(training.values).toEqual([3000, 3200, 3314, 9514, 3386]);
    expect([...training.pointColors]).toEqual([
      [3, PERIOD_CHART_COLORS.sum],
      [4, PERIOD_CHART_COLORS.target],
    ]);
    const [fosteringSeries] = readSeries(parts, charts[1].chart, PERIOD_SHEETS.review);
    expect(fosteringSeries.name).toBe("BỒI DƯỠNG");
    expect(fosteringSeries.categories).toEqual(categories);
    expect(fosteringSeries.values).toEqual([900, 1100, 1250, 3250, 5000]);
    // One range each: the year columns, the total and the target are adjacent.
    expect(chartSeries(charts[0].chart)[0].valueRef).toMatch(/^'Sơ kết giai đoạn'!\$E\$6:\$I\$6$/);
  });

  it("writes the chart elements in the schema's order", () => {
    for (const c of sheetCharts(parts, PERIOD_SHEETS.review)) expect(expectSchemaOrder(c.chart, NS.c, CHART_ORDER, c.chartPart)).toBe(19);
  });

  it("speaks English on request", async () => {
    const en = packageParts(await writePeriodReview(review, { lang: "en" }));
    expect(sheetCharts(en, PERIOD_SHEETS.review).map((c) => chartTitle(c.chart))).toEqual([
      "Training (people): actual per year against the period target 2021 - 2025",
      "Fostering (person-times): actual per year against the period target 2021 - 2025",
    ]);
  });

  it.skipIf(!SOFFICE || !PDFTOPPM)("prints the charts on a page of their own, columns in the ratios of the numbers", async () => {
    const render = async (b: Uint8Array) => renderPages(await convertToPdf(b), 100);
    const [charted, plain, cacheless] = await Promise.all([render(bytes), render(await writePeriodReview(review, { charts: false })), render(withoutCaches(bytes))]);
    expect(chartPageOf(charted, plain)).toBe(1);
    expect(chartPageOf(cacheless, plain)).toBe(1);
    for (const page of [charted[1], cacheless[1]]) {
      const [left, right] = splitCharts(page, chartRegion(page));
      const run = (color: string, r: Region) => longestRun(page, color, "vertical", r);
      // Training: largest year 3314, total 9514, target 3386. Fostering: 1250, 3250, 5000.
      expect(run(PERIOD_CHART_COLORS.target, left)).toBeGreaterThan(30);
      expect(Math.abs(run(PERIOD_CHART_COLORS.sum, left) / run(PERIOD_CHART_COLORS.target, left) - 9514 / 3386)).toBeLessThan(0.08);
      expect(Math.abs(run(PERIOD_CHART_COLORS.year, left) / run(PERIOD_CHART_COLORS.target, left) - 3314 / 3386)).toBeLessThan(0.04);
      expect(Math.abs(run(PERIOD_CHART_COLORS.sum, right) / run(PERIOD_CHART_COLORS.target, right) - 3250 / 5000)).toBeLessThan(0.03);
      expect(Math.abs(run(PERIOD_CHART_COLORS.year, right) / run(PERIOD_CHART_COLORS.target, right) - 1250 / 5000)).toBeLessThan(0.03);
    }
  }, 240_000);
});
