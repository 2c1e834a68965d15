/**
 * Entry of the task pane page, which is also the add-in's shared runtime: the ribbon buttons'
 * ExecuteFunction actions and the custom functions (functions.js, loaded by the same page) run here.
 */
import { provideFluentDesignSystem, fluentButton, fluentTab, fluentTabPanel, fluentTabs } from "@fluentui/web-components";
import { TaskPaneApp, TABS, type TabId } from "./app";
import { setLang } from "./i18n";
import type { ExcelBridge } from "./excel-bridge";
import { loadStoredForms } from "./learned-forms";

provideFluentDesignSystem().register(fluentButton(), fluentTabs(), fluentTab(), fluentTabPanel());

function initialTab(): TabId {
  const tab = new URLSearchParams(location.search).get("tab");
  return TABS.includes(tab as TabId) ? (tab as TabId) : "check";
}

/** Office.onReady never settles when office.js failed to load; do not wait forever for it. */
async function officeHost(): Promise<Office.HostType | null> {
  if (typeof Office === "undefined") return null;
  const ready = Office.onReady().then((info) => info.host ?? null);
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000));
  return Promise.race([ready, timeout]);
}

async function start(): Promise<void> {
  const host = await officeHost();
  const inExcel = host === Office.HostType.Excel;
  if (inExcel && Office.context.displayLanguage && !Office.context.displayLanguage.toLowerCase().startsWith("vi")) {
    setLang("en");
  }
  // Registered first: a ribbon click may be what started this runtime.
  let resolveApp: (app: TaskPaneApp) => void = () => undefined;
  const appReady = new Promise<TaskPaneApp>((resolve) => (resolveApp = resolve));
  if (inExcel) registerRibbonActions(appReady);
  let excel: ExcelBridge | null = null;
  if (inExcel) {
    const { officeExcelBridge } = await import("../office/bridge.js");
    excel = officeExcelBridge();
  }
  const root = document.getElementById("app")!;
  const app = new TaskPaneApp(root, excel, initialTab());
  document.getElementById("lang-switch")?.addEventListener("click", () => app.toggleLanguage());
  app.render();
  resolveApp(app);
  // The forms learned earlier in this workbook are used from the first check on.
  if (excel) await app.run(() => loadStoredForms(app));
}

/** The ribbon's three buttons open the pane on their tab (ExecuteFunction in the shared runtime). */
function registerRibbonActions(appReady: Promise<TaskPaneApp>): void {
  const actions: Record<string, TabId> = { showCheckTab: "check", showConsolidateTab: "consolidate", showTemplateTab: "template" };
  for (const [name, tab] of Object.entries(actions)) {
    Office.actions.associate(name, (event: Office.AddinCommands.Event) => {
      appReady
        .then((app) => app.showTab(tab))
        .then(() => Office.addin.showAsTaskpane())
        .catch(() => undefined)
        .finally(() => event.completed());
    });
  }
}

void start();
