/**
 * The task pane: four tabs (Kiểm tra, Tỷ lệ, Tổng hợp, Mẫu). In Excel it works on the open
 * workbook through src/office; in a plain browser (or in Excel too) it works on uploaded files.
 */
import type { Finding, Severity } from "../core/findings";
import type { FixOffer } from "../core/fix";
import { fixedFileName } from "../core/fix-name";
import { FORM01_ROWS, FORM01_GROUPS } from "../core/form01";
import { formatPercentVietnamese, formatVietnamese } from "../core/number";
import type { RowTotal } from "../core/model";
import { type AttainmentStatus, attainmentStatus } from "../core/attainment";
import { h, replaceChildren, download } from "./dom";
import { codeTitle, getLang, setLang, t, type StringKey } from "./i18n";
import { type CodeGroup, type SheetGroup, cellReference, groupFindings } from "./finding-groups";
import {
  blankForm,
  checkFile,
  consolidateFiles,
  fixFile,
  sampleFiles,
  type CheckedFile,
  type Consolidation,
} from "./services";
import type { ExcelBridge } from "./excel-bridge";

export type TabId = "check" | "rates" | "consolidate" | "template";
export const TABS: TabId[] = ["check", "rates", "consolidate", "template"];
const TAB_LABEL: Record<TabId, StringKey> = {
  check: "tabCheck",
  rates: "tabRates",
  consolidate: "tabConsolidate",
  template: "tabTemplate",
};

interface RatesSource {
  name: string;
  totals: Record<string, RowTotal>;
}

/** A group of findings longer than this starts collapsed. */
const COLLAPSE_ABOVE = 5;
/** Findings listed when a group is opened, and how many more each "Xem thêm" adds. */
const FIRST_SHOWN = 5;
const MORE_STEP = 50;
/** "bao-cao.xlsx" → "bao-cao (2).xlsx": the first name no listed file has. */
function freeName(name: string, files: { name: string }[]): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let k = 2; ; k++) {
    const candidate = `${stem} (${k})${ext}`;
    if (!files.some((f) => f.name === candidate)) return candidate;
  }
}

/** How often the status line says which file is being read (a batch of files). */
const PROGRESS_INTERVAL_MS = 150;

const SEVERITY_LABEL: Record<Severity, StringKey> = {
  error: "severityError",
  warning: "severityWarning",
  info: "severityInfo",
};

/** What the user did to one group of findings (it survives re-rendering). */
interface GroupView {
  open?: boolean;
  shown?: number;
}

interface SheetCheck {
  sheet: string;
  findings: Finding[];
  fixes: FixOffer[];
}

interface State {
  tab: TabId;
  files: CheckedFile[];
  sheetCheck: SheetCheck | null;
  consolidation: Consolidation | null;
  rates: RatesSource | null;
  /** Built at each render, so that the language switch translates the last message too. */
  status: { text: () => string; error: boolean };
  busy: boolean;
  includeInvalid: boolean;
  consolidateYear: string;
  template: { year: string; agencyName: string; agencyCode: string };
  groupViews: Map<string, GroupView>;
}

export class TaskPaneApp {
  private state: State;

  constructor(
    private readonly root: HTMLElement,
    private readonly excel: ExcelBridge | null,
    initialTab: TabId,
  ) {
    this.state = {
      tab: initialTab,
      files: [],
      sheetCheck: null,
      consolidation: null,
      rates: null,
      status: { text: () => "", error: false },
      busy: false,
      includeInvalid: false,
      consolidateYear: "",
      template: { year: String(new Date().getFullYear()), agencyName: "", agencyCode: "" },
      groupViews: new Map(),
    };
  }

  showTab(tab: TabId): void {
    this.state.tab = tab;
    this.render();
  }

  toggleLanguage(): void {
    setLang(getLang() === "vi" ? "en" : "vi");
    this.render();
  }

  render(): void {
    document.title = t("title");
    const title = document.getElementById("app-title");
    if (title) title.textContent = t("title");
    const mode = document.getElementById("host-mode");
    if (mode) mode.textContent = this.excel ? t("modeExcel") : t("modeBrowser");
    const switcher = document.getElementById("lang-switch");
    if (switcher) switcher.textContent = t("switchTo");

    const tabs = this.tabsElement();
    for (const id of TABS) {
      const tab = tabs.querySelector(`#tab-${id}`);
      if (tab) tab.textContent = t(TAB_LABEL[id]);
      const panel = tabs.querySelector(`#panel-${id}`);
      // Only the visible panel is built; the others are emptied (they are rebuilt on selection).
      if (panel) replaceChildren(panel, id === this.state.tab ? this.panel(id) : null);
    }
    const active = `tab-${this.state.tab}`;
    if ((tabs as HTMLElement & { activeid?: string }).activeid !== active) {
      (tabs as HTMLElement & { activeid?: string }).activeid = active;
    }
    this.root.querySelector("#status")?.replaceWith(this.statusLine());
  }

  /** The tab strip is built once: Fluent's tabs keep their own selection and indicator state. */
  private tabsElement(): HTMLElement {
    const existing = this.root.querySelector<HTMLElement>("#tabs");
    if (existing) return existing;
    const tabs = h(
      "fluent-tabs",
      { activeid: `tab-${this.state.tab}`, id: "tabs" },
      ...TABS.map((id) => h("fluent-tab", { id: `tab-${id}`, "data-tab": id }, t(TAB_LABEL[id]))),
      ...TABS.map((id) => h("fluent-tab-panel", { id: `panel-${id}` })),
    );
    tabs.addEventListener("change", (event) => {
      if (event.target !== tabs) return;
      const id = (tabs as HTMLElement & { activeid?: string }).activeid?.replace(/^tab-/, "") as TabId | undefined;
      if (id && TABS.includes(id) && id !== this.state.tab) {
        this.state.tab = id;
        this.render();
      }
    });
    replaceChildren(this.root, tabs, this.statusLine());
    return tabs;
  }

  private panel(id: TabId): HTMLElement {
    switch (id) {
      case "check":
        return this.checkPanel();
      case "rates":
        return this.ratesPanel();
      case "consolidate":
        return this.consolidatePanel();
      case "template":
        return this.templatePanel();
    }
  }

  private statusLine(): HTMLElement {
    const { text, error } = this.state.status;
    return h("div", { id: "status", class: error ? "status error" : "status", role: "status" }, text());
  }

  private setStatus(text: () => string, error = false): void {
    this.state.status = { text, error };
  }

  /** Run an action with the buttons disabled; any failure becomes a message, never a crash. */
  private async run(action: () => Promise<void>): Promise<void> {
    if (this.state.busy) return;
    this.state.busy = true;
    this.render();
    try {
      await action();
    } catch (error) {
      this.setStatus(() => t("failed", { reason: error instanceof Error ? error.message : String(error) }), true);
    } finally {
      this.state.busy = false;
      this.render();
    }
  }

  private button(id: string, label: string, onclick: () => void, appearance = "accent"): HTMLElement {
    return h("fluent-button", { id, appearance, disabled: this.state.busy, onclick: () => onclick() }, label);
  }

  // ── Kiểm tra ────────────────────────────────────────────────────────────────────────────

  private checkPanel(): HTMLElement {
    const fileInput = h("input", {
      type: "file",
      id: "file-input",
      multiple: true,
      accept: ".xlsx,.xlsm,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "aria-label": t("chooseFiles"),
      disabled: this.state.busy,
      // The browser's own "Choose Files / No file chosen" is in the browser's language, not the pane's.
      class: "visually-hidden",
      tabindex: -1,
    }) as HTMLInputElement;
    fileInput.addEventListener("change", () => {
      const chosen = [...(fileInput.files ?? [])];
      void this.run(async () => {
        const loaded = await Promise.all(
          chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
        );
        await this.addFiles(loaded);
      });
    });

    return h(
      "div",
      {},
      this.excel
        ? h(
            "div",
            { class: "row" },
            this.button("check-sheet", t("checkSheet"), () => void this.run(() => this.checkActiveSheet())),
            this.button("clear-marks", t("clearMarks"), () => void this.run(() => this.clearMarks()), "outline"),
          )
        : null,
      this.state.sheetCheck ? this.sheetCheckCard(this.state.sheetCheck) : null,
      fileInput,
      h(
        "div",
        { class: "row" },
        this.button("choose-files", t("chooseFiles"), () => fileInput.click(), this.excel ? "outline" : "accent"),
        this.button("use-samples", t("useSamples"), () => void this.run(() => this.loadSamples()), "outline"),
        this.state.files.length
          ? this.button("remove-all", t("removeAll"), () => this.removeAllFiles(), "stealth")
          : null,
      ),
      h("p", { class: "hint" }, t("filesHint")),
      h("div", { id: "file-results" }, ...this.state.files.map((f, i) => this.fileCard(f, i))),
    );
  }

  private async addFiles(loaded: { name: string; bytes: Uint8Array }[]): Promise<void> {
    this.setStatus(() => t("reading", { n: loaded.length }));
    this.render();
    const renamed: string[] = [];
    let shown = performance.now();
    for (const [index, file] of loaded.entries()) {
      // A consolidator drops in hundreds of files: say which one is being read, and let the
      // pane repaint a few times a second rather than freeze until the last one is done.
      if (loaded.length > 1 && performance.now() - shown > PROGRESS_INTERVAL_MS) {
        this.setStatus(() => t("readingProgress", { done: index + 1, n: loaded.length, name: file.name }));
        this.root.querySelector("#status")?.replaceWith(this.statusLine());
        await new Promise((resolve) => setTimeout(resolve, 0));
        shown = performance.now();
      }
      const checked = await checkFile(file.name, file.bytes);
      // The same file chosen twice replaces its earlier copy instead of being listed twice; a
      // different file that only shares the name (every district's "bao-cao.xlsx") is kept too.
      const namesake = this.state.files.find((f) => f.name === checked.name);
      if (namesake && namesake.sha256 !== checked.sha256) {
        checked.name = freeName(checked.name, this.state.files);
        renamed.push(checked.name);
      }
      this.forgetGroupViews(`file:${checked.name}`);
      this.state.files = [...this.state.files.filter((f) => f.name !== checked.name), checked];
    }
    const last = this.state.files[this.state.files.length - 1];
    if (last) this.state.rates = { name: last.name, totals: last.result.totals };
    this.state.consolidation = null;
    if (!this.state.consolidateYear) {
      const year = this.state.files.find((f) => f.result.year)?.result.year;
      if (year) this.state.consolidateYear = String(year);
    }
    this.setStatus(() => t("checked", { n: loaded.length }) + (renamed.length ? ` ${t("renamedNamesakes", { names: renamed.join(", ") })}` : ""));
  }

  private async loadSamples(): Promise<void> {
    const samples = await sampleFiles();
    if (!samples.length) {
      this.setStatus(() => t("noSamples"), true);
      return;
    }
    await this.addFiles(samples);
  }

  private removeAllFiles(): void {
    this.state.files = [];
    this.state.consolidation = null;
    this.setStatus(() => "");
    this.render();
  }

  private async checkActiveSheet(): Promise<void> {
    if (!this.excel) return;
    const check = await this.excel.checkActiveSheet();
    this.state.sheetCheck = { sheet: check.sheet, findings: check.result.findings, fixes: check.fixes };
    this.forgetGroupViews(`sheet:${check.sheet}`);
    this.state.rates = { name: check.sheet, totals: check.result.totals };
    this.setStatus(() => t("sheetChecked", { sheet: check.sheet, n: check.result.findings.length }));
  }

  /** Excel: fix the cells in the workbook, then check the sheet again (its highlights are redone). */
  private async fixSheet(offer: FixOffer): Promise<void> {
    if (!this.excel) return;
    const cells = await this.excel.fixSheet(offer);
    await this.checkActiveSheet();
    const sheet = offer.sheet ?? "";
    this.setStatus(() => (cells ? t("sheetFixed", { n: formatCount(cells), sheet }) : t("nothingToFix")));
  }

  /**
   * Browser: download a corrected copy and check it in place of the file (the original bytes
   * are left as they were; the list then holds the copy under its new name).
   */
  private async fixFile(file: CheckedFile, offer: FixOffer): Promise<void> {
    const fixed = await fixFile(file, offer);
    if (fixed.cells === 0) {
      this.setStatus(() => t("nothingToFix"));
      return;
    }
    download(fixed.bytes, fixed.name);
    const checked = await checkFile(fixed.name, fixed.bytes);
    this.forgetGroupViews(`file:${file.name}`);
    this.forgetGroupViews(`file:${checked.name}`);
    this.state.files = this.state.files.filter((f) => f === file || f.name !== checked.name).map((f) => (f === file ? checked : f));
    if (this.state.rates?.name === file.name) this.state.rates = { name: checked.name, totals: checked.result.totals };
    this.state.consolidation = null;
    this.setStatus(() => t("fileFixed", { n: formatCount(fixed.cells), name: checked.name }));
  }

  private async clearMarks(): Promise<void> {
    if (!this.excel) return;
    await this.excel.clearHighlights();
    this.setStatus(() => t("marksCleared"));
  }

  private sheetCheckCard(check: SheetCheck): HTMLElement {
    return h(
      "section",
      { class: "file-card", "data-sheet": check.sheet },
      h("h3", {}, check.sheet),
      this.countBadges(check.findings),
      this.findingGroups(`sheet:${check.sheet}`, check.findings, true, check.fixes, (offer) => void this.run(() => this.fixSheet(offer))),
    );
  }

  private fileCard(file: CheckedFile, index: number): HTMLElement {
    const r = file.result;
    const agency = r.agency ? [r.agency.name, r.agency.code].filter(Boolean).join(" – ") : t("unknown");
    return h(
      "section",
      { class: "file-card", "data-file": file.name },
      // The card's actions sit beside its title, so that the findings start higher up.
      h(
        "div",
        { class: "card-head" },
        h("h3", {}, file.name),
        h(
          "fluent-button",
          {
            appearance: "stealth",
            "aria-label": `${t("tabRates")}: ${file.name}`,
            onclick: () => {
              this.state.rates = { name: file.name, totals: file.result.totals };
              this.showTab("rates");
            },
          },
          t("tabRates"),
        ),
        h(
          "fluent-button",
          {
            appearance: "stealth",
            "aria-label": `${t("remove")} ${file.name}`,
            onclick: () => {
              this.state.files = this.state.files.filter((_, i) => i !== index);
              this.state.consolidation = null;
              this.render();
            },
          },
          t("remove"),
        ),
      ),
      h(
        "div",
        { class: "meta" },
        `${t("agency")}: ${agency} · ${t("year")}: ${r.year ?? t("unknown")} · ${t("form")}: ${r.form ?? t("unknown")}`,
      ),
      this.countBadges(r.findings),
      this.findingGroups(`file:${file.name}`, r.findings, false, file.fixes, (offer) => void this.run(() => this.fixFile(file, offer)), fixedFileName(file.name)),
    );
  }

  private countBadges(findings: Finding[]): HTMLElement {
    const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
    const [errors, warnings, infos] = [count("error"), count("warning"), count("info")];
    return h(
      "div",
      { class: "counts" },
      findings.length === 0 ? h("span", { class: "badge ok" }, t("noFindings")) : null,
      errors ? h("span", { class: "badge error" }, t("errors", { n: errors })) : null,
      warnings ? h("span", { class: "badge warning" }, t("warnings", { n: warnings })) : null,
      infos ? h("span", { class: "badge info" }, t("infos", { n: infos })) : null,
    );
  }

  private forgetGroupViews(scope: string): void {
    for (const key of this.state.groupViews.keys()) if (key.startsWith(`${scope}\u0000`)) this.state.groupViews.delete(key);
  }

  /** Severity and sheet as headings; under each, one collapsible group per finding code. */
  private findingGroups(
    scope: string,
    findings: Finding[],
    selectable: boolean,
    fixes: FixOffer[],
    onFix: (offer: FixOffer) => void,
    downloadName?: string,
  ): HTMLElement {
    const fix: GroupFix = { offers: fixes, onFix, downloadName };
    return h(
      "div",
      { class: "finding-groups" },
      ...groupFindings(findings).map((group) =>
        h(
          "div",
          { class: "sheet-group", "data-severity": group.severity, "data-sheet": group.sheet ?? "" },
          h(
            "h4",
            {},
            h("span", { class: `severity ${group.severity}` }, t(SEVERITY_LABEL[group.severity])),
            " · ",
            group.sheet ? t("onSheet", { sheet: group.sheet }) : t("wholeFile"),
          ),
          ...group.codes.map((code) => this.codeGroup(scope, group, code, selectable, fix)),
        ),
      ),
    );
  }

  private codeGroup(scope: string, group: SheetGroup, code: CodeGroup, selectable: boolean, fix: GroupFix): HTMLElement {
    const key = [scope, group.severity, group.sheet ?? "", code.code].join("\u0000");
    const view = this.state.groupViews.get(key) ?? {};
    const total = code.findings.length;
    const shown = Math.min(total, view.shown ?? FIRST_SHOWN);
    const more = Math.min(MORE_STEP, total - shown);
    const details = h(
      "details",
      { class: `code-group ${group.severity}`, "data-group": code.code, "data-count": total, open: view.open ?? total <= COLLAPSE_ABOVE },
      h(
        "summary",
        {},
        h("span", { class: "title" }, codeTitle(code.code)),
        h("span", { class: `badge ${group.severity}`, title: t("findingCount", { n: total }) }, formatCount(total)),
        h("span", { class: "code" }, code.code),
        this.fixButton(group, code, fix),
      ),
      h("ul", { class: "findings" }, ...code.findings.slice(0, shown).map((f) => this.findingItem(f, selectable))),
      more > 0
        ? h(
            "fluent-button",
            {
              class: "show-more",
              appearance: "stealth",
              onclick: () => {
                this.state.groupViews.set(key, { open: true, shown: shown + more });
                const next = this.codeGroup(scope, group, code, selectable, fix);
                details.replaceWith(next);
                // Keyboard users carry on from the first finding just revealed.
                next.querySelectorAll<HTMLElement>("ul.findings > li")[shown]?.focus();
              },
            },
            t("showMore", { n: formatCount(more) }),
          )
        : null,
    );
    details.addEventListener("toggle", () => {
      this.state.groupViews.set(key, { ...this.state.groupViews.get(key), open: (details as HTMLDetailsElement).open });
    });
    return details;
  }

  /** "Sửa N ô" on a group's heading, where a safe fix exists for its code on its sheet. */
  private fixButton(group: SheetGroup, code: CodeGroup, fix: GroupFix): HTMLElement[] | null {
    const offer = fix.offers.find((o) => o.code === code.code && o.sheet === group.sheet);
    if (!offer) return null;
    const n = formatCount(offer.cells);
    const hint = fix.downloadName ? t("fixHintFile", { n, name: fix.downloadName }) : t("fixHintSheet", { n });
    // On a line of its own under the title, so that it sits in the same place in every group.
    return [
      h("span", { class: "break", "aria-hidden": "true" }),
      h(
        "fluent-button",
        {
          class: "fix",
          appearance: "accent",
          "data-fix": offer.kind,
          "data-cells": offer.cells,
          title: hint,
          "aria-label": `${t(offer.cells === 1 ? "fixCell" : "fixCells", { n })}: ${codeTitle(code.code)}. ${hint}`,
          disabled: this.state.busy,
          onclick: (event: Event) => {
            // The button sits in the group's heading: a click fixes, it does not open or close the group.
            event.preventDefault();
            event.stopPropagation();
            fix.onFix(offer);
          },
        },
        t(offer.cells === 1 ? "fixCell" : "fixCells", { n }),
      ),
    ];
  }

  private selectCell(excel: ExcelBridge, f: Finding): void {
    excel.selectCell(f.sheet, f.cell!).catch((error: unknown) => {
      this.setStatus(() => t("failed", { reason: error instanceof Error ? error.message : String(error) }), true);
      this.root.querySelector("#status")?.replaceWith(this.statusLine());
    });
  }

  /** The finding's cell: selected in Excel when it is on the open sheet, named otherwise. */
  private findingItem(f: Finding, selectable: boolean): HTMLElement {
    const ref = cellReference(f);
    const excel = selectable ? this.excel : null;
    return h(
      "li",
      { class: f.severity, "data-code": f.code, tabindex: -1 },
      ref && excel && f.cell
        ? h("button", { class: "cell", title: t("selectCell", { ref }), onclick: () => this.selectCell(excel, f) }, ref)
        : ref
          ? h("span", { class: "cell" }, ref)
          : null,
      f.message[getLang()],
    );
  }

  // ── Tỷ lệ ───────────────────────────────────────────────────────────────────────────────

  private ratesPanel(): HTMLElement {
    const source = this.state.rates;
    if (!source) return h("p", { class: "hint", id: "rates-empty" }, t("ratesEmpty"));
    const groupCodes = new Set<string>(FORM01_GROUPS.map((g) => g.code));
    const rows = FORM01_ROWS.filter((r) => source.totals[r.code]);
    return h(
      "div",
      {},
      h("h2", { class: "hint" }, t("ratesOf", { name: source.name })),
      h(
        "table",
        { class: "rates", id: "rates-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...(["colCode", "colLabel", "colPlan", "colActual", "colRate", "colStatus"] as const).map((k) =>
              h("th", {}, t(k)),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          ...rows.map((r) => {
            const total = source.totals[r.code];
            const status = statusOf(total);
            return h(
              "tr",
              { class: groupCodes.has(r.code) ? "group" : "", "data-code": r.code },
              h("td", {}, r.code),
              h("td", { class: "label" }, r.label),
              h("td", {}, formatCount(total.plan)),
              h("td", {}, formatCount(total.actual)),
              h("td", { class: status === "statusOver" ? "over" : status === "statusUnder" ? "under" : "" },
                total.rate === null ? "" : formatRate(total.rate)),
              h("td", { class: "attainment" }, status ? t(status) : ""),
            );
          }),
        ),
      ),
    );
  }

  // ── Tổng hợp ────────────────────────────────────────────────────────────────────────────

  private consolidatePanel(): HTMLElement {
    const yearInput = h("input", {
      id: "consolidate-year",
      type: "number",
      min: 2000,
      max: 2100,
      value: this.state.consolidateYear,
    }) as HTMLInputElement;
    yearInput.addEventListener("input", () => (this.state.consolidateYear = yearInput.value));
    const include = h("input", { type: "checkbox", id: "include-invalid", checked: this.state.includeInvalid }) as HTMLInputElement;
    include.addEventListener("change", () => (this.state.includeInvalid = include.checked));
    const c = this.state.consolidation;
    return h(
      "div",
      {},
      h("p", { class: "hint" }, t("consolidateHint")),
      h("p", { class: "hint", id: "consolidate-files" }, t("filesLoaded", { n: this.state.files.length }), " ", this.state.files.map((f) => f.name).join(", ")),
      h(
        "div",
        { class: "row" },
        h("label", { class: "field" }, t("consolidateYear"), yearInput),
        h("label", { class: "row" }, include, t("includeInvalid")),
      ),
      h(
        "div",
        { class: "row" },
        this.button("run-consolidate", t("runConsolidate"), () => void this.run(() => this.consolidate())),
      ),
      c ? this.consolidationSummary(c) : null,
    );
  }

  private async consolidate(): Promise<void> {
    if (!this.state.files.length) {
      this.setStatus(() => t("needFiles"), true);
      return;
    }
    const yearText = this.state.consolidateYear.trim();
    const year = yearText ? Number(yearText) : null;
    if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
      this.setStatus(() => t("yearInvalid"), true);
      return;
    }
    const c = await consolidateFiles(this.state.files, { year, includeInvalid: this.state.includeInvalid });
    this.state.consolidation = c;
    this.state.rates = { name: t("tabConsolidate"), totals: c.result.totals };
    this.setStatus(() => t("consolidated", { included: c.result.included, excluded: c.result.excluded }));
  }

  private consolidationSummary(c: Consolidation): HTMLElement {
    const lang = getLang();
    const year = c.result.year ?? "";
    return h(
      "section",
      { class: "file-card", id: "consolidation" },
      h("h3", {}, `${t("tabConsolidate")} ${year}`),
      h("div", { class: "meta" }, t("consolidated", { included: c.result.included, excluded: c.result.excluded })),
      h(
        "ul",
        { class: "findings" },
        ...c.result.sources.map((s) =>
          h(
            "li",
            { class: s.included ? "info" : "error" },
            `${s.file}: ${s.agency?.name ?? t("unknown")}`,
            s.included ? null : ` — ${t("excludedBecause", { reason: exclusionReason(s.reason, s.findings, lang) })}`,
          ),
        ),
      ),
      h(
        "div",
        { class: "row" },
        this.button("download-report", t("downloadReport"), () => download(c.report, `bao-cao-tong-hop-${year || "dtbd"}.xlsx`)),
        this.excel
          ? this.button(
              "write-report",
              t("writeReport"),
              () =>
                void this.run(async () => {
                  await this.excel!.writeReport(c.result);
                  this.setStatus(() => t("reportWritten"));
                }),
              "outline",
            )
          : null,
      ),
    );
  }

  // ── Mẫu ─────────────────────────────────────────────────────────────────────────────────

  private templatePanel(): HTMLElement {
    const field = (id: string, label: string, key: keyof State["template"], type = "text") => {
      const input = h("input", { id, type, value: this.state.template[key] }) as HTMLInputElement;
      input.addEventListener("input", () => (this.state.template[key] = input.value));
      return h("label", { class: "field" }, label, input);
    };
    return h(
      "div",
      {},
      h("p", { class: "hint" }, t("templateHint")),
      h(
        "div",
        { class: "row" },
        field("template-year", t("year"), "year", "number"),
        field("template-agency", t("agencyName"), "agencyName"),
        field("template-code", t("agencyCode"), "agencyCode"),
      ),
      h(
        "div",
        { class: "row" },
        this.button("download-template", t("downloadTemplate"), () => void this.run(() => this.downloadTemplate())),
        this.excel
          ? this.button("insert-template", t("insertTemplate"), () => void this.run(() => this.insertTemplate()), "outline")
          : null,
      ),
      h("h2", { class: "hint" }, t("helpTitle")),
      h("p", { class: "hint", id: "help" }, t("help")),
    );
  }

  private templateRequest(): { year: number; agencyName?: string; agencyCode?: string } | null {
    const year = Number(this.state.template.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      this.setStatus(() => t("yearInvalid"), true);
      return null;
    }
    const agencyName = this.state.template.agencyName.trim() || undefined;
    const agencyCode = this.state.template.agencyCode.trim() || undefined;
    return { year, agencyName, agencyCode };
  }

  private async downloadTemplate(): Promise<void> {
    const request = this.templateRequest();
    if (!request) return;
    download(await blankForm(request), `bieu-01-dtbd-${request.year}.xlsx`);
  }

  private async insertTemplate(): Promise<void> {
    const request = this.templateRequest();
    if (!request || !this.excel) return;
    await this.excel.insertBlankForm(request);
    this.setStatus(() => t("templateInserted"));
  }
}

/** The fixes offered on one list of findings, and what a click does. */
interface GroupFix {
  offers: FixOffer[];
  onFix: (offer: FixOffer) => void;
  /** Browser: the corrected copy's file name, for the button's hint. */
  downloadName?: string;
}

type StatusKey = "statusOver" | "statusMet" | "statusUnder" | "statusUnplanned";

const STATUS_KEY: Record<AttainmentStatus, StatusKey> = {
  over: "statusOver",
  met: "statusMet",
  under: "statusUnder",
  unplanned: "statusUnplanned",
};

/** The same status rule as DTBD.STATUS, shown in the pane's language. */
function statusOf(total: RowTotal): StatusKey | null {
  const status = attainmentStatus(total.actual, total.plan);
  return status ? STATUS_KEY[status] : null;
}

function formatCount(n: number): string {
  return getLang() === "vi" ? formatVietnamese(n) : n.toLocaleString("en-US");
}

function formatRate(ratio: number): string {
  if (getLang() === "vi") return formatPercentVietnamese(ratio);
  return `${(Math.round(ratio * 1000) / 10).toLocaleString("en-US")}%`;
}

function exclusionReason(reason: string | null, findings: Finding[], lang: "vi" | "en"): string {
  const decisive = findings.find((f) => f.code === reason) ?? findings.find((f) => f.severity === "error");
  return decisive ? decisive.message[lang] : (reason ?? "");
}
