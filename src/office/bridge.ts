/** The task pane's view of Excel (ExcelBridge), over Office.js. */
import { type FixOffer, findingsOfOffer, fixOffers, planFixes } from "../core/fix";
import type { FormDefinition } from "../core/form/definition";
import { learnSheet } from "../core/form/learn";
import type { ConsolidationResult } from "../core/model";
import { messages } from "../core/i18n";
import { SheetView } from "../core/sheet-view";
import { validateGrid, workbookValidationOptions } from "../core/validate";
import type { ExcelBridge } from "../taskpane/excel-bridge";
import { getLang } from "../taskpane/i18n";
import { blankForm } from "../taskpane/services";
import { type HighlightRecord, type HighlightStore, clearHighlights, selectCell, showFindings } from "./highlights";
import { insertForm, insertReport } from "./insert";
import { applyEditsInExcel } from "./fix";
import { readActiveSheet, readSheet } from "./read-sheet";
import { type SettingsLike, forgetForm, readStoredForms, storeForm } from "./stored-forms";

const SETTING = "dtbd.highlights";

const t = messages({
  insertUnsupported: {
    vi: "Phiên bản Excel này chưa hỗ trợ chèn trang tính; hãy tải tệp .xlsx về rồi mở.",
    en: "This version of Excel cannot insert worksheets; download the .xlsx file and open it instead.",
  },
});

/** Highlights are remembered in the document's own settings, so they can be removed later. */
export function documentSettingsStore(): HighlightStore {
  const settings = Office.context.document.settings;
  return {
    read: () => (settings.get(SETTING) as HighlightRecord[] | null) ?? [],
    write: (records) =>
      new Promise((resolve) => {
        if (records.length) settings.set(SETTING, records);
        else settings.remove(SETTING);
        settings.saveAsync(() => resolve());
      }),
  };
}

/** Inserting whole worksheets (report, blank form) needs ExcelApi 1.13 (Excel 2021 / Microsoft 365). */
function requireInsertApi(): void {
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.13")) {
    throw new Error(t(getLang(), "insertUnsupported"));
  }
}

export function officeExcelBridge(store: HighlightStore = documentSettingsStore(), settings?: SettingsLike): ExcelBridge {
  // Read when used: the document's settings exist once Office is ready, not when the module loads.
  const documentSettings = (): SettingsLike => settings ?? Office.context.document.settings;
  return {
    checkActiveSheet: (learned: readonly FormDefinition[] = []) =>
      Excel.run(async (context) => {
        const sheet = await readActiveSheet(context);
        const result = validateGrid({ sheets: [sheet] }, workbookValidationOptions(learned));
        await clearHighlights(context, store);
        await showFindings(context, result.findings, sheet.name, getLang(), store);
        return { sheet: sheet.name, result, fixes: fixOffers({ sheets: [sheet] }, result.findings) };
      }),
    // The sheet is read again: what it holds now is what gets fixed. One read, one write.
    fixSheet: (offer: FixOffer, learned: readonly FormDefinition[] = []) =>
      Excel.run(async (context) => {
        if (!offer.sheet) return 0;
        const sheet = await readSheet(context, offer.sheet);
        const grid = { sheets: [sheet] };
        const edits = planFixes(grid, findingsOfOffer(validateGrid(grid, workbookValidationOptions(learned)).findings, offer), [offer.kind]);
        context.workbook.worksheets.getItem(sheet.name).activate();
        return applyEditsInExcel(context, edits);
      }),
    clearHighlights: () =>
      Excel.run(async (context) => {
        await clearHighlights(context, store);
      }),
    selectCell: (sheet, cell) => Excel.run((context) => selectCell(context, sheet, cell)),
    writeReport: async (result: ConsolidationResult) => {
      requireInsertApi();
      const { writeConsolidatedReport } = await import(/* webpackChunkName: "workbook" */ "../io/report.js");
      // The sheets go in without the file's native charts: the add-in draws its chart with Office.js.
      const bytes = await writeConsolidatedReport(result, { lang: getLang(), charts: false });
      await Excel.run((context) => insertReport(context, result, bytes, getLang()));
    },
    insertBlankForm: async (request) => {
      requireInsertApi();
      const bytes = await blankForm(request);
      await Excel.run((context) => insertForm(context, bytes));
    },
    learnActiveSheet: () =>
      Excel.run(async (context) => {
        const sheet = await readActiveSheet(context);
        return { sheet: sheet.name, learned: learnSheet(new SheetView(sheet), { origin: "learned" }) };
      }),
    storedForms: () => Promise.resolve(readStoredForms(documentSettings())),
    keepForm: async (definition) => {
      await storeForm(documentSettings(), definition);
    },
    forgetForm: async (id) => {
      await forgetForm(documentSettings(), id);
    },
  };
}
