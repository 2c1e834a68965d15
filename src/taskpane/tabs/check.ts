/**
 * Kiểm tra: check the active sheet (in Excel) or chosen files, list each one's findings,
 * and offer the safe fixes (in Excel on the sheet; in the browser as a corrected copy).
 */
import type { FixOffer } from "../../core/fix";
import { fixedFileName } from "../../core/fix-name";
import { formatNumberIn } from "../../core/number";
import { download, h } from "../dom";
import { findingGroups } from "../findings-view";
import { t } from "../i18n";
import { learnFromActiveSheet, learnFromFile, learnedDefinitions, learnedFormsSection } from "../learned-forms";
import { type CheckedFile, checkFile, feedbackForFile, fixFile, sampleFiles } from "../services";
import { type Pane, type SheetCheck, forgetGroupViews, freeName, ratesOf } from "../state";
import { WORKBOOK_ACCEPT, actionButton, countBadges, fileChooser } from "../widgets";

/** How often the status line says which file is being read (a batch of files). */
const PROGRESS_INTERVAL_MS = 150;

export function checkTab(pane: Pane): HTMLElement {
  const { lang, state, excel } = pane;
  const fileInput = fileChooser(pane, { id: "file-input", label: t(lang, "chooseFiles"), accept: WORKBOOK_ACCEPT, multiple: true }, (files) => addFiles(pane, files));
  const learnInput = fileChooser(pane, { id: "learn-input", label: t(lang, "learnFile"), accept: WORKBOOK_ACCEPT }, ([template]) =>
    learnFromFile(pane, template.name, template.bytes),
  );

  return h(
    "div",
    {},
    excel
      ? h(
          "div",
          { class: "row" },
          actionButton(pane, "check-sheet", t(lang, "checkSheet"), () => void pane.run(() => checkActiveSheet(pane))),
          actionButton(pane, "learn-sheet", t(lang, "learnSheet"), () => void pane.run(() => learnFromActiveSheet(pane, () => checkActiveSheet(pane))), "outline"),
          actionButton(pane, "clear-marks", t(lang, "clearMarks"), () => void pane.run(() => clearMarks(pane)), "outline"),
        )
      : null,
    state.sheetCheck ? sheetCheckCard(pane, state.sheetCheck) : null,
    fileInput,
    learnInput,
    h(
      "div",
      { class: "row" },
      actionButton(pane, "choose-files", t(lang, "chooseFiles"), () => fileInput.click(), excel ? "outline" : "accent"),
      actionButton(pane, "use-samples", t(lang, "useSamples"), () => void pane.run(() => loadSamples(pane)), "outline"),
      actionButton(pane, "learn-file", t(lang, "learnFile"), () => learnInput.click(), "outline"),
      state.files.length ? actionButton(pane, "remove-all", t(lang, "removeAll"), () => removeAllFiles(pane), "stealth") : null,
    ),
    h("p", { class: "hint" }, t(lang, "filesHint")),
    state.learned.length || state.learnFailure ? null : h("p", { class: "hint", id: "learn-hint" }, t(lang, "learnHint")),
    learnedFormsSection(pane),
    h("div", { id: "file-results" }, ...state.files.map((f, i) => fileCard(pane, f, i))),
  );
}

async function addFiles(pane: Pane, loaded: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const { state } = pane;
  pane.setStatus((l) => t(l, "reading", { n: loaded.length }));
  pane.render();
  const renamed: string[] = [];
  let shown = performance.now();
  for (const [index, file] of loaded.entries()) {
    // A consolidator drops in hundreds of files: say which one is being read, and let the
    // pane repaint a few times a second rather than freeze until the last one is done.
    if (loaded.length > 1 && performance.now() - shown > PROGRESS_INTERVAL_MS) {
      pane.setStatus((l) => t(l, "readingProgress", { done: index + 1, n: loaded.length, name: file.name }));
      pane.renderStatus();
      await new Promise((resolve) => setTimeout(resolve, 0));
      shown = performance.now();
    }
    const checked = await checkFile(file.name, file.bytes, learnedDefinitions(pane));
    // The same file chosen twice replaces its earlier copy instead of being listed twice; a
    // different file that only shares the name (every district's "bao-cao.xlsx") is kept too.
    const namesake = state.files.find((f) => f.name === checked.name);
    if (namesake && namesake.sha256 !== checked.sha256) {
      checked.name = freeName(checked.name, state.files);
      renamed.push(checked.name);
    }
    forgetGroupViews(state, `file:${checked.name}`);
    state.files = [...state.files.filter((f) => f.name !== checked.name), checked];
  }
  const last = state.files[state.files.length - 1];
  if (last) state.rates = ratesOf(last.name, last.result);
  state.consolidation = null;
  if (!state.consolidateYear) {
    const year = state.files.find((f) => f.result.year)?.result.year;
    if (year) state.consolidateYear = String(year);
  }
  pane.setStatus((l) => t(l, "checked", { n: loaded.length }) + (renamed.length ? ` ${t(l, "renamedNamesakes", { names: renamed.join(", ") })}` : ""));
}

async function loadSamples(pane: Pane): Promise<void> {
  const samples = await sampleFiles();
  if (!samples.length) {
    pane.setStatus((l) => t(l, "noSamples"), true);
    return;
  }
  await addFiles(pane, samples);
}

function removeAllFiles(pane: Pane): void {
  pane.state.files = [];
  pane.state.consolidation = null;
  pane.setStatus(() => "");
  pane.render();
}

async function checkActiveSheet(pane: Pane): Promise<void> {
  const { state, excel } = pane;
  if (!excel) return;
  const check = await excel.checkActiveSheet(learnedDefinitions(pane));
  state.sheetCheck = { sheet: check.sheet, findings: check.result.findings, fixes: check.fixes };
  forgetGroupViews(state, `sheet:${check.sheet}`);
  state.rates = ratesOf(check.sheet, check.result);
  pane.setStatus((l) => t(l, "sheetChecked", { sheet: check.sheet, n: check.result.findings.length }));
}

/** Excel: fix the cells in the workbook, then check the sheet again (its highlights are redone). */
async function fixSheet(pane: Pane, offer: FixOffer): Promise<void> {
  if (!pane.excel) return;
  const cells = await pane.excel.fixSheet(offer, learnedDefinitions(pane));
  await checkActiveSheet(pane);
  const sheet = offer.sheet ?? "";
  pane.setStatus((l) => (cells ? t(l, "sheetFixed", { n: formatNumberIn(l, cells), sheet }) : t(l, "nothingToFix")));
}

/**
 * Browser: download a corrected copy and check it in place of the file (the original bytes
 * are left as they were; the list then holds the copy under its new name).
 */
async function fixCopy(pane: Pane, file: CheckedFile, offer: FixOffer): Promise<void> {
  const { state } = pane;
  const fixed = await fixFile(file, offer);
  if (fixed.cells === 0) {
    pane.setStatus((l) => t(l, "nothingToFix"));
    return;
  }
  download(fixed.bytes, fixed.name);
  const checked = await checkFile(fixed.name, fixed.bytes, learnedDefinitions(pane));
  forgetGroupViews(state, `file:${file.name}`);
  forgetGroupViews(state, `file:${checked.name}`);
  state.files = state.files.filter((f) => f === file || f.name !== checked.name).map((f) => (f === file ? checked : f));
  if (state.rates?.name === file.name) state.rates = ratesOf(checked.name, checked.result);
  state.consolidation = null;
  pane.setStatus((l) => t(l, "fileFixed", { n: formatNumberIn(l, fixed.cells), name: checked.name }));
}

/**
 * The agency's own workbook with a "Phản hồi" sheet and a note on each cell with a finding, to
 * send back (after a consolidation that holds the file, its status there: included or excluded).
 */
async function downloadFeedback(pane: Pane, file: CheckedFile): Promise<void> {
  const feedback = await feedbackForFile(file, pane.state.consolidation?.result ?? null, pane.lang);
  download(feedback.bytes, feedback.name);
  pane.setStatus((l) => t(l, "feedbackDownloaded", { name: feedback.name }));
}

async function clearMarks(pane: Pane): Promise<void> {
  if (!pane.excel) return;
  await pane.excel.clearHighlights();
  pane.setStatus((l) => t(l, "marksCleared"));
}

function sheetCheckCard(pane: Pane, check: SheetCheck): HTMLElement {
  return h(
    "section",
    { class: "file-card", "data-sheet": check.sheet },
    h("h2", {}, check.sheet),
    countBadges(pane, check.findings),
    findingGroups(pane, `sheet:${check.sheet}`, check.findings, true, {
      offers: check.fixes,
      onFix: (offer) => void pane.run(() => fixSheet(pane, offer)),
    }),
  );
}

function fileCard(pane: Pane, file: CheckedFile, index: number): HTMLElement {
  const { lang, state } = pane;
  const r = file.result;
  const agency = r.agency ? [r.agency.name, r.agency.code].filter(Boolean).join(" – ") : t(lang, "unknown");
  return h(
    "section",
    { class: "file-card", "data-file": file.name },
    // The card's actions sit beside its title, so that the findings start higher up.
    h(
      "div",
      { class: "card-head" },
      h("h2", {}, file.name),
      h(
        "fluent-button",
        {
          appearance: "stealth",
          "aria-label": `${t(lang, "tabRates")}: ${file.name}`,
          onclick: () => {
            state.rates = ratesOf(file.name, file.result);
            pane.showTab("rates");
          },
        },
        t(lang, "tabRates"),
      ),
      r.findings.length
        ? h(
            "fluent-button",
            {
              appearance: "stealth",
              class: "feedback",
              "aria-label": t(lang, "downloadFeedbackFor", { name: file.name }),
              disabled: state.busy,
              onclick: () => void pane.run(() => downloadFeedback(pane, file)),
            },
            t(lang, "downloadFeedback"),
          )
        : null,
      h(
        "fluent-button",
        {
          appearance: "stealth",
          "aria-label": `${t(lang, "remove")} ${file.name}`,
          onclick: () => {
            state.files = state.files.filter((_, i) => i !== index);
            state.consolidation = null;
            pane.render();
          },
        },
        t(lang, "remove"),
      ),
    ),
    h(
      "div",
      { class: "meta" },
      `${t(lang, "agency")}: ${agency} · ${t(lang, "year")}: ${r.year ?? t(lang, "unknown")} · ${t(lang, "form")}: ${r.form ?? t(lang, "unknown")}`,
    ),
    countBadges(pane, r.findings),
    findingGroups(pane, `file:${file.name}`, r.findings, false, {
      offers: file.fixes,
      onFix: (offer) => void pane.run(() => fixCopy(pane, file, offer)),
      downloadName: fixedFileName(file.name),
    }),
  );
}
