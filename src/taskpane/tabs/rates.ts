/**
 * Tỷ lệ: attainment (thực hiện ÷ kế hoạch) of the last file checked, the sheet or the
 * consolidation. A chart per programme group of the form (ĐÀO TẠO in people, BỒI DƯỠNG in
 * person-times: two units, so two scales) sets plan against actual for the group and each
 * programme directly under it; the table below gives every row's figures.
 *
 * The chart is inline SVG built element by element (no library, no markup parsed), an image
 * to assistive technology (role="img" with <title> and <desc> that state its figures); the
 * table remains the full account.
 */
import { FORM01_GROUPS, FORM01_PARENT, FORM01_ROWS, FORM_ID } from "../../core/form01";
import type { FormDefinition } from "../../core/form/definition";
import { attainmentStatus, rateOf, statusLabel } from "../../core/attainment";
import type { Lang } from "../../core/i18n";
import type { RowTotal } from "../../core/model";
import { formatNumberIn, formatPercentIn } from "../../core/number";
import { h } from "../dom";
import { t } from "../i18n";
import type { Pane, RatesSource } from "../state";

export function ratesTab(pane: Pane): HTMLElement {
  const { lang } = pane;
  const source = pane.state.rates;
  if (!source) return h("p", { class: "hint", id: "rates-empty" }, t(lang, "ratesEmpty"));
  if (source.definition && source.definition.id !== FORM_ID) return otherFormRates(lang, source, source.definition);
  return h(
    "div",
    {},
    h("h2", { class: "hint" }, t(lang, "ratesOf", { name: source.name })),
    h(
      "section",
      { class: "rates-chart", id: "rates-chart", "aria-labelledby": "rates-chart-heading" },
      h("h3", { id: "rates-chart-heading" }, t(lang, "chartHeading")),
      legend(lang),
      ...FORM01_GROUPS.map((group) => groupChart(lang, source, group)),
    ),
    ratesTable(lang, source),
  );
}

/**
 * Another form: each plan/actual pair it has (learned or inferred from its headers), one table
 * per pair with every row's plan, actual and rate. A form without such a pair has no attainment.
 */
function otherFormRates(lang: Lang, source: RatesSource, definition: FormDefinition): HTMLElement {
  const pairs = definition.attainment ?? [];
  const header = (code: string) => definition.columns.find((c) => c.code === code)?.header.join(" – ") || code;
  return h(
    "div",
    {},
    h("h2", { class: "hint" }, t(lang, "ratesOf", { name: source.name })),
    pairs.length === 0 ? h("p", { class: "hint", id: "rates-no-pair" }, t(lang, "ratesNoPair", { id: definition.id })) : null,
    ...pairs.map((pair, index) =>
      h(
        "table",
        { class: "rates", id: index === 0 ? "rates-table" : `rates-table-${index + 1}` },
        h("caption", {}, pair.label || `${header(pair.actual)} ÷ ${header(pair.plan)}`),
        ratesHead(lang, "colTt"),
        h(
          "tbody",
          {},
          ...definition.rows.map((row) => {
            const plan = source.rows[row.key]?.[pair.plan] ?? 0;
            const actual = source.rows[row.key]?.[pair.actual] ?? 0;
            return ratesRow(lang, { class: row.parent === null ? "group" : "", "data-key": row.key }, row.tt ?? "", row.label, { plan, actual, rate: rateOf(actual, plan) });
          }),
        ),
      ),
    ),
  );
}

function ratesTable(lang: Lang, source: RatesSource): HTMLElement {
  const groupCodes = new Set<string>(FORM01_GROUPS.map((g) => g.code));
  const rows = FORM01_ROWS.filter((r) => source.totals[r.code]);
  return h(
    "table",
    { class: "rates", id: "rates-table" },
    ratesHead(lang, "colCode"),
    h("tbody", {}, ...rows.map((r) => ratesRow(lang, { class: groupCodes.has(r.code) ? "group" : "", "data-code": r.code }, r.code, r.label, source.totals[r.code]))),
  );
}

function ratesHead(lang: Lang, first: "colCode" | "colTt"): HTMLElement {
  return h("thead", {}, h("tr", {}, ...([first, "colLabel", "colPlan", "colActual", "colRate", "colStatus"] as const).map((k) => h("th", { scope: "col" }, t(lang, k)))));
}

/** One row of a rates table, form 01's (by Mã số) or another form's (by TT): plan, actual, rate, status. */
function ratesRow(lang: Lang, attributes: Record<string, string>, number: string, label: string, figures: Pick<RowTotal, "plan" | "actual" | "rate">): HTMLElement {
  const { plan, actual, rate } = figures;
  const status = attainmentStatus(actual, plan);
  return h(
    "tr",
    attributes,
    h("td", {}, number),
    h("td", { class: "label" }, label),
    h("td", {}, formatNumberIn(lang, plan)),
    h("td", {}, formatNumberIn(lang, actual)),
    h("td", { class: status === "over" ? "over" : status === "under" ? "under" : "" }, rate === null ? "" : formatPercentIn(lang, rate)),
    h("td", { class: "attainment" }, status ? statusLabel(lang, status) : ""),
  );
}

// ── the chart ─────────────────────────────────────────────────────────────────────────────

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 400;
const LABEL_HEIGHT = 15;
const BAR = 7;
const ROW_GAP = 8;
/** Room at the bars' right for the larger figure and the rate. */
const FIGURES = 140;
/** Programme names are long; the chart shows the start, the table and the description the whole. */
const LABEL_CHARS = 56;

function svg(tag: string, attributes: Record<string, string | number> = {}, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

function legend(lang: Lang): HTMLElement {
  return h(
    "p",
    { class: "chart-legend", "aria-hidden": "true" },
    h("span", { class: "swatch plan" }),
    t(lang, "colPlan"),
    " ",
    h("span", { class: "swatch actual" }),
    t(lang, "colActual"),
  );
}

interface ChartRow {
  code: string;
  label: string;
  total: RowTotal;
}

/** The group's row and the programmes directly under it that have a plan or an actual. */
function chartRows(source: RatesSource, groupCode: string): ChartRow[] {
  const rows = FORM01_ROWS.filter((r) => r.code === groupCode || FORM01_PARENT.get(r.code) === groupCode);
  return rows
    .map((r) => ({ code: r.code, label: r.label, total: source.totals[r.code] }))
    .filter((r): r is ChartRow => r.total !== undefined && (r.code === groupCode || r.total.plan > 0 || r.total.actual > 0));
}

function shorten(text: string): string {
  return text.length <= LABEL_CHARS ? text : `${text.slice(0, LABEL_CHARS - 1).trimEnd()}…`;
}

function groupChart(lang: Lang, source: RatesSource, group: (typeof FORM01_GROUPS)[number]): SVGElement {
  const rows = chartRows(source, group.code);
  const training = group.code === FORM01_GROUPS[0].code;
  const unit = t(lang, training ? "unitPeople" : "unitPersonTimes");
  const name = t(lang, training ? "groupTraining" : "groupFostering");
  const id = `chart-${group.code}`;
  const rowHeight = LABEL_HEIGHT + 2 * BAR + 2 + ROW_GAP;
  const height = Math.max(1, rows.length) * rowHeight + 4;
  const root = svg("svg", {
    class: "chart",
    id,
    role: "img",
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: "100%",
    "aria-labelledby": `${id}-title ${id}-desc`,
    "data-group": group.code,
  });
  root.append(svg("title", { id: `${id}-title` }, t(lang, "chartTitle", { group: name, unit })));
  const described = rows.some((r) => r.total.plan > 0 || r.total.actual > 0)
    ? rows.map((r) => rowDescription(lang, r)).join(" ")
    : t(lang, "chartNoData");
  root.append(svg("desc", { id: `${id}-desc` }, described));

  const largest = Math.max(1, ...rows.map((r) => Math.max(r.total.plan, r.total.actual)));
  const span = WIDTH - FIGURES;
  rows.forEach((r, i) => {
    const top = i * rowHeight + 2;
    const isGroup = r.code === group.code;
    const bar = (value: number) => (value > 0 ? Math.max(1, (value / largest) * span) : 0);
    const line = svg("g", { class: isGroup ? "bar-row group" : "bar-row", "data-code": r.code });
    line.append(
      svg("text", { x: 0, y: top + 11, class: "bar-label" }, `${r.code} ${shorten(r.label)}`),
      svg("rect", { x: 0, y: top + LABEL_HEIGHT, width: bar(r.total.plan), height: BAR, class: "plan" }),
      svg("rect", { x: 0, y: top + LABEL_HEIGHT + BAR + 2, width: bar(r.total.actual), height: BAR, class: "actual" }),
      svg(
        "text",
        { x: WIDTH, y: top + LABEL_HEIGHT + BAR + 3, class: "bar-figures", "text-anchor": "end" },
        `${formatNumberIn(lang, r.total.actual)} / ${formatNumberIn(lang, r.total.plan)}${r.total.rate === null ? "" : ` · ${formatPercentIn(lang, r.total.rate)}`}`,
      ),
    );
    root.append(line);
  });
  return root;
}

function rowDescription(lang: Lang, r: ChartRow): string {
  return t(lang, "chartRow", {
    label: `${r.code} ${r.label}`,
    plan: formatNumberIn(lang, r.total.plan),
    actual: formatNumberIn(lang, r.total.actual),
    rate: r.total.rate === null ? "" : t(lang, "chartRate", { rate: formatPercentIn(lang, r.total.rate) }),
  });
}
