/**
 * Mẫu: a blank form for a year and an agency, downloaded or inserted into the workbook: form
 * 01/ĐTBD, or a learned form in its own layout.
 */
import { slug } from "../../core/form/rows";
import { download, h } from "../dom";
import { t } from "../i18n";
import { blankForm, type TemplateRequest } from "../services";
import type { Pane, PaneState } from "../state";
import { actionButton } from "../widgets";

export function templateTab(pane: Pane): HTMLElement {
  const { lang, state, excel } = pane;
  const field = (id: string, label: string, key: keyof PaneState["template"], type = "text") => {
    const input = h("input", { id, type, value: state.template[key] }) as HTMLInputElement;
    input.addEventListener("input", () => (state.template[key] = input.value));
    return h("label", { class: "field" }, label, input);
  };
  const formSelect = h(
    "select",
    { id: "template-form" },
    h("option", { value: "" }, t(lang, "form01Option")),
    ...state.learned.map((f) => h("option", { value: f.definition.id }, `${t(lang, "form")} ${f.definition.id} — ${f.definition.name}`)),
  ) as HTMLSelectElement;
  formSelect.value = state.learned.some((f) => f.definition.id === state.template.form) ? state.template.form : "";
  formSelect.addEventListener("change", () => {
    state.template.form = formSelect.value;
    pane.render();
  });
  const learnedForm = state.learned.find((f) => f.definition.id === formSelect.value);
  return h(
    "div",
    {},
    h("p", { class: "hint" }, t(lang, "templateHint")),
    state.learned.length ? h("div", { class: "row" }, h("label", { class: "field" }, t(lang, "templateForm"), formSelect)) : null,
    h(
      "div",
      { class: "row" },
      field("template-year", t(lang, "year"), "year", "number"),
      field("template-agency", t(lang, "agencyName"), "agencyName"),
      // Only form 01/ĐTBD has a place for the agency's identifier.
      learnedForm ? null : field("template-code", t(lang, "agencyCode"), "agencyCode"),
    ),
    h(
      "div",
      { class: "row" },
      actionButton(pane, "download-template", t(lang, "downloadTemplate"), () => void pane.run(() => downloadTemplate(pane))),
      excel ? actionButton(pane, "insert-template", t(lang, "insertTemplate"), () => void pane.run(() => insertTemplate(pane)), "outline") : null,
    ),
    h("h2", { class: "hint" }, t(lang, "helpTitle")),
    h("p", { class: "hint", id: "help" }, t(lang, "help")),
  );
}

function templateRequest(pane: Pane): TemplateRequest | null {
  const { template } = pane.state;
  const year = Number(template.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    pane.setStatus((l) => t(l, "yearInvalid"), true);
    return null;
  }
  const definition = pane.state.learned.find((f) => f.definition.id === template.form)?.definition;
  return { year, agencyName: template.agencyName.trim() || undefined, agencyCode: template.agencyCode.trim() || undefined, definition };
}

async function downloadTemplate(pane: Pane): Promise<void> {
  const request = templateRequest(pane);
  if (!request) return;
  download(await blankForm(request), `bieu-${slug(request.definition?.id ?? "01 dtbd")}-${request.year}.xlsx`);
}

async function insertTemplate(pane: Pane): Promise<void> {
  const request = templateRequest(pane);
  if (!request || !pane.excel) return;
  await pane.excel.insertBlankForm(request);
  pane.setStatus((l) => t(l, "templateInserted"));
}
