/** Small pieces the tabs share: an action button and the counts of a list of findings. */
import { SEVERITIES, severityCount } from "../core/finding-catalogue";
import type { Finding } from "../core/findings";
import { formatNumberIn } from "../core/number";
import { h } from "./dom";
import { t } from "./i18n";
import type { Pane } from "./state";

/** A button that is disabled while an action runs. */
export function actionButton(pane: Pane, id: string, label: string, onclick: () => void, appearance = "accent"): HTMLElement {
  return h("fluent-button", { id, appearance, disabled: pane.state.busy, onclick: () => onclick() }, label);
}

/** The workbook types the pane reads. */
export const WORKBOOK_ACCEPT = ".xlsx,.xlsm,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A file chooser opened by a pane button (the browser's own "Choose Files / No file chosen" is
 * in the browser's language, not the pane's): hidden, out of the tab order, disabled while an
 * action runs. `onChosen` runs as a pane action with the chosen files' names and bytes.
 */
export function fileChooser(
  pane: Pane,
  options: { id: string; label: string; accept: string; multiple?: boolean },
  onChosen: (files: { name: string; bytes: Uint8Array }[]) => Promise<void>,
): HTMLInputElement {
  const input = h("input", {
    type: "file",
    id: options.id,
    multiple: options.multiple ?? false,
    accept: options.accept,
    "aria-label": options.label,
    disabled: pane.state.busy,
    class: "visually-hidden",
    tabindex: -1,
  }) as HTMLInputElement;
  input.addEventListener("change", () => {
    const chosen = [...(input.files ?? [])];
    if (!chosen.length) return;
    void pane.run(async () => onChosen(await Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))));
  });
  return input;
}

/** "2 lỗi", "1 cảnh báo"… or "Không phát hiện sai sót". */
export function countBadges(pane: Pane, findings: readonly Finding[]): HTMLElement {
  const { lang } = pane;
  return h(
    "div",
    { class: "counts" },
    findings.length === 0 ? h("span", { class: "badge ok" }, t(lang, "noFindings")) : null,
    ...SEVERITIES.map((severity) => {
      const n = findings.filter((f) => f.severity === severity).length;
      return n ? h("span", { class: `badge ${severity}` }, severityCount(lang, severity, n, formatNumberIn(lang, n))) : null;
    }),
  );
}
