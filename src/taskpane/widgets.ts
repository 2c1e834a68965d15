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
