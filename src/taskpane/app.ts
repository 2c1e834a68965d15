/**
 * The task pane: four tabs (Kiểm tra, Tỷ lệ, Tổng hợp, Mẫu), each in tabs/*.ts. This class
 * owns the state (state.ts), draws the header, the tab strip and the status line, and routes:
 * only the visible tab's panel is built. In Excel the tabs work on the open workbook through
 * src/office; in a plain browser (or in Excel too) on uploaded files.
 */
import type { Lang } from "../core/i18n";
import { h, replaceChildren } from "./dom";
import type { ExcelBridge } from "./excel-bridge";
import { getLang, setLang, t } from "./i18n";
import { type Pane, type PaneState, type TabId, TABS, initialState, reasonOf } from "./state";
import { checkTab } from "./tabs/check";
import { consolidateTab } from "./tabs/consolidate";
import { ratesTab } from "./tabs/rates";
import { templateTab } from "./tabs/template";

export { TABS, type TabId } from "./state";

const TAB_LABEL = { check: "tabCheck", rates: "tabRates", consolidate: "tabConsolidate", template: "tabTemplate" } as const satisfies Record<TabId, string>;

const TAB_PANEL: Record<TabId, (pane: Pane) => HTMLElement> = {
  check: checkTab,
  rates: ratesTab,
  consolidate: consolidateTab,
  template: templateTab,
};

type FluentTabs = HTMLElement & { activeid?: string };

export class TaskPaneApp implements Pane {
  readonly state: PaneState;
  /** The control focused in the pane when a render replaced it (its id, if it has one). */
  private focused: { id: string } | null = null;

  constructor(
    private readonly root: HTMLElement,
    readonly excel: ExcelBridge | null,
    initialTab: TabId,
  ) {
    this.state = initialState(initialTab);
  }

  get lang(): Lang {
    return getLang();
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
    const lang = this.lang;
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && this.root.contains(focused)) this.focused = { id: focused.id };
    document.title = t(lang, "title");
    const title = document.getElementById("app-title");
    if (title) title.textContent = t(lang, "title");
    const mode = document.getElementById("host-mode");
    if (mode) mode.textContent = this.excel ? t(lang, "modeExcel") : t(lang, "modeBrowser");
    const switcher = document.getElementById("lang-switch");
    if (switcher) switcher.textContent = t(lang, "switchTo");

    const tabs = this.tabsElement();
    for (const id of TABS) {
      const tab = tabs.querySelector(`#tab-${id}`);
      if (tab) tab.textContent = t(lang, TAB_LABEL[id]);
      const panel = tabs.querySelector(`#panel-${id}`);
      // Only the visible panel is built; the others are emptied (they are rebuilt on selection).
      if (panel) replaceChildren(panel, id === this.state.tab ? TAB_PANEL[id](this) : null);
    }
    const active = `tab-${this.state.tab}`;
    if ((tabs as FluentTabs).activeid !== active) (tabs as FluentTabs).activeid = active;
    this.renderStatus();
    this.restoreFocus(tabs);
  }

  /**
   * Each render builds the panel anew, so the control a keyboard user just pressed is
   * replaced: the focus goes to its successor (same id), or, when it is gone (a fix button
   * after its fix), to the selected tab, never to the top of the page.
   */
  private restoreFocus(tabs: HTMLElement): void {
    if (document.activeElement && document.activeElement !== document.body) {
      this.focused = null; // the focus survived the render
      return;
    }
    if (!this.focused || this.state.busy) return; // busy: the buttons are disabled until the action ends
    const successor = this.focused.id ? document.getElementById(this.focused.id) : null;
    (successor && this.root.contains(successor) ? successor : tabs.querySelector<HTMLElement>(`#tab-${this.state.tab}`))?.focus();
    this.focused = null;
  }

  renderStatus(): void {
    this.root.querySelector("#status")?.replaceWith(this.statusLine());
  }

  setStatus(text: (lang: Lang) => string, error = false): void {
    this.state.status = { text, error };
  }

  async run(action: () => Promise<void>): Promise<void> {
    if (this.state.busy) return;
    this.state.busy = true;
    this.render();
    try {
      await action();
    } catch (error) {
      this.setStatus((lang) => t(lang, "failed", { reason: reasonOf(error) }), true);
    } finally {
      this.state.busy = false;
      this.render();
    }
  }

  /** The tab strip is built once: Fluent's tabs keep their own selection, focus and indicator state. */
  private tabsElement(): HTMLElement {
    const existing = this.root.querySelector<HTMLElement>("#tabs");
    if (existing) return existing;
    const lang = this.lang;
    const tabs = h(
      "fluent-tabs",
      { activeid: `tab-${this.state.tab}`, id: "tabs" },
      ...TABS.map((id) => h("fluent-tab", { id: `tab-${id}`, "data-tab": id }, t(lang, TAB_LABEL[id]))),
      ...TABS.map((id) => h("fluent-tab-panel", { id: `panel-${id}` })),
    );
    tabs.addEventListener("change", (event) => {
      if (event.target !== tabs) return;
      const id = (tabs as FluentTabs).activeid?.replace(/^tab-/, "") as TabId | undefined;
      if (id && TABS.includes(id) && id !== this.state.tab) {
        this.state.tab = id;
        this.render();
      }
    });
    replaceChildren(this.root, tabs, this.statusLine());
    return tabs;
  }

  private statusLine(): HTMLElement {
    const { text, error } = this.state.status;
    return h("div", { id: "status", class: error ? "status error" : "status", role: "status" }, text(this.lang));
  }
}
