/**
 * Biểu đã học: forms learned from a template file (any pane) or from the active sheet (in
 * Excel, where they are kept with the workbook). Each is shown as DTBD understood it (the
 * same summary as `dtbd form show`), so that a person can check it before trusting it; the
 * checks, the consolidation and the blank form then use it.
 */
import type { FormDefinition, LearnNote } from "../core/form/definition";
import { slug } from "../core/form/rows";
import { describeForm } from "../core/form/summary";
import { download, h } from "./dom";
import { t } from "./i18n";
import { type Learned, checkFile, learnFromFile as learnFromBytes } from "./services";
import { type LearnedForm, type Pane, forgetGroupViews } from "./state";
import { actionButton } from "./widgets";

export function learnedDefinitions(pane: Pane): FormDefinition[] {
  return pane.state.learned.map((f) => f.definition);
}

/** Excel: the forms kept with the workbook become the pane's learned forms. */
export async function loadStoredForms(pane: Pane): Promise<void> {
  if (!pane.excel) return;
  const { forms, refused } = await pane.excel.storedForms();
  pane.state.learned = forms.map((definition) => ({ definition, source: "", notes: definition.notes ?? [] }));
  if (refused.length) pane.setStatus((l) => refused.map((reason) => t(l, "storedRefused", { reason })).join(" "), true);
  else if (forms.length) pane.setStatus((l) => t(l, "storedForms", { n: forms.length }));
}

/** Browser or Excel: learn from a chosen template file. */
export async function learnFromFile(pane: Pane, name: string, bytes: Uint8Array): Promise<void> {
  await adopt(pane, name, await learnFromBytes(bytes));
}

/** Excel: learn from the active sheet, keep the form with the workbook, then check that sheet with it. */
export async function learnFromActiveSheet(pane: Pane, checkSheet: () => Promise<void>): Promise<void> {
  if (!pane.excel) return;
  const { sheet, learned } = await pane.excel.learnActiveSheet();
  if (await adopt(pane, `“${sheet}”`, learned)) await checkSheet();
}

/** Takes a learned form in (replacing one of the same id), keeps it, and checks the chosen files again. */
async function adopt(pane: Pane, source: string, learned: Learned): Promise<boolean> {
  const { state } = pane;
  if (!learned.ok) {
    state.learnFailure = { source, notes: learned.notes };
    pane.setStatus((l) => t(l, "learnFailed", { source }), true);
    return false;
  }
  const { definition } = learned;
  state.learnFailure = null;
  state.learned = [{ definition, source, notes: learned.notes }, ...state.learned.filter((f) => f.definition.id !== definition.id)];
  if (pane.excel) await pane.excel.keepForm(definition);
  const rechecked = await recheckFiles(pane);
  const shape = (l: typeof pane.lang) => t(l, "learnedShape", { rows: definition.rows.length, columns: definition.columns.length });
  const unsure = definition.notes?.length ?? 0;
  pane.setStatus(
    (l) =>
      t(l, "learned", { id: definition.id, source, shape: shape(l) }) +
      (unsure ? t(l, "learnedUnsure", { n: unsure }) : "") +
      (rechecked ? t(l, "rechecked", { n: rechecked }) : ""),
  );
  return true;
}

/** The files already chosen are checked again: a file that fitted no form may fit the new one. */
async function recheckFiles(pane: Pane): Promise<number> {
  const { state } = pane;
  if (!state.files.length) return 0;
  const definitions = learnedDefinitions(pane);
  state.files = await Promise.all(
    state.files.map(async (file) => {
      forgetGroupViews(state, `file:${file.name}`);
      return checkFile(file.name, file.bytes, definitions);
    }),
  );
  state.consolidation = null;
  return state.files.length;
}

async function forget(pane: Pane, form: LearnedForm): Promise<void> {
  const id = form.definition.id;
  pane.state.learned = pane.state.learned.filter((f) => f !== form);
  if (pane.state.template.form === id) pane.state.template.form = "";
  if (pane.excel) await pane.excel.forgetForm(id);
  await recheckFiles(pane);
  pane.setStatus((l) => t(l, "forgotten", { id }));
}

/** "10-btctw" → "bieu-10-btctw.json" */
function definitionFileName(id: string): string {
  return `bieu-${slug(id) || "da-hoc"}.json`;
}

function notesList(lang: Pane["lang"], notes: readonly LearnNote[]): HTMLElement {
  return h("ul", { class: "learn-notes" }, ...notes.map((n) => h("li", { class: n.level === "missing" ? "error" : "warning" }, n[lang])));
}

/** The learned forms, each with its summary, its definition to download, and a way to forget it. */
export function learnedFormsSection(pane: Pane): HTMLElement | null {
  const { lang, state } = pane;
  if (!state.learned.length && !state.learnFailure) return null;
  const failure = state.learnFailure;
  return h(
    "section",
    { id: "learned-forms", "aria-labelledby": "learned-heading" },
    h("h2", { id: "learned-heading" }, t(lang, "learnedHeading", { n: state.learned.length })),
    failure
      ? h("div", { class: "file-card learn-failed", role: "alert" }, h("p", {}, t(lang, "learnFailed", { source: failure.source }), " ", t(lang, "learnFailedNotes")), notesList(lang, failure.notes))
      : null,
    ...state.learned.map((form, index) => {
      const d = form.definition;
      const anchor = `learned-${index}`;
      return h(
        "section",
        { class: "file-card learned-form", "data-form": d.id, "aria-labelledby": `${anchor}-title` },
        h("h3", { id: `${anchor}-title` }, `${t(lang, "form")} ${d.id} — ${d.name}`),
        h(
          "div",
          { class: "meta" },
          [form.source ? t(lang, "learnedFrom", { source: form.source }) : null, pane.excel ? t(lang, "keptWithWorkbook") : null, t(lang, "learnedShape", { rows: d.rows.length, columns: d.columns.length })]
            .filter(Boolean)
            .join(" · "),
        ),
        h("details", { class: "form-summary", open: index === 0 }, h("summary", {}, t(lang, "showSummary", { id: d.id })), h("pre", { class: "form-summary-text", tabindex: 0, role: "region", "aria-label": t(lang, "showSummary", { id: d.id }) }, describeForm(d, lang))),
        h(
          "div",
          { class: "row" },
          actionButton(pane, `${anchor}-json`, t(lang, "downloadDefinition"), () => download(new TextEncoder().encode(JSON.stringify(d, null, 2) + "\n"), definitionFileName(d.id), "application/json"), "outline"),
          actionButton(pane, `${anchor}-forget`, t(lang, "forgetForm"), () => void pane.run(() => forget(pane, form)), "stealth"),
        ),
      );
    }),
  );
}
