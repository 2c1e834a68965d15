/**
 * The findings of a file or a sheet: severity and sheet as headings; under each, one group
 * per finding code with its title, count and code on a disclosure button (WAI-ARIA
 * disclosure pattern: a button with aria-expanded, so that the group's safe fix can sit
 * beside it rather than inside it), the catalogue's how-to-fix, and the findings, each with
 * its cell.
 */
import { catalogueText, findingTitle, severityHeading } from "../core/finding-catalogue";
import type { Finding } from "../core/findings";
import type { FixOffer } from "../core/fix";
import { formatNumberIn } from "../core/number";
import { h } from "./dom";
import { type CodeGroup, type SheetGroup, cellReference, groupFindings } from "./finding-groups";
import { t } from "./i18n";
import { type Pane, reasonOf } from "./state";

/** A group of findings longer than this starts collapsed. */
const COLLAPSE_ABOVE = 5;
/** Findings listed when a group is opened, and how many more each "Xem thêm" adds. */
const FIRST_SHOWN = 5;
const MORE_STEP = 50;

/** The fixes offered on one list of findings, and what pressing one does. */
export interface GroupFix {
  offers: readonly FixOffer[];
  onFix: (offer: FixOffer) => void;
  /** Browser: the corrected copy's file name, for the button's hint. */
  downloadName?: string;
}

/** Findings of one file (scope "file:<name>") or sheet ("sheet:<name>"); `selectable`: cells can be selected in Excel. */
export function findingGroups(pane: Pane, scope: string, findings: readonly Finding[], selectable: boolean, fix: GroupFix): HTMLElement {
  const { lang } = pane;
  return h(
    "div",
    { class: "finding-groups" },
    ...groupFindings(findings).map((group) =>
      h(
        "div",
        { class: "sheet-group", "data-severity": group.severity, "data-sheet": group.sheet ?? "" },
        h(
          "h3",
          {},
          h("span", { class: `severity ${group.severity}` }, severityHeading(lang, group.severity)),
          " · ",
          group.sheet ? t(lang, "onSheet", { sheet: group.sheet }) : t(lang, "wholeFile"),
        ),
        ...group.codes.map((code) => codeGroup(pane, scope, group, code, selectable, fix)),
      ),
    ),
  );
}

let nextBodyId = 0;

function codeGroup(pane: Pane, scope: string, group: SheetGroup, code: CodeGroup, selectable: boolean, fix: GroupFix): HTMLElement {
  const { lang, state } = pane;
  const key = [scope, group.severity, group.sheet ?? "", code.code].join("\u0000");
  const view = state.groupViews.get(key) ?? {};
  const total = code.findings.length;
  const shown = Math.min(total, view.shown ?? FIRST_SHOWN);
  const more = Math.min(MORE_STEP, total - shown);
  const open = view.open ?? total <= COLLAPSE_ABOVE;
  const bodyId = `findings-${++nextBodyId}`;

  const body = h(
    "div",
    { class: "group-body", id: bodyId, hidden: !open },
    h("p", { class: "how-to-fix" }, h("strong", {}, t(lang, "howToFix")), " ", catalogueText(lang, code.code, "fix")),
    h("ul", { class: "findings" }, ...code.findings.slice(0, shown).map((f) => findingItem(pane, f, selectable))),
    more > 0
      ? h(
          "fluent-button",
          {
            class: "show-more",
            appearance: "stealth",
            onclick: () => {
              state.groupViews.set(key, { open: true, shown: shown + more });
              const next = codeGroup(pane, scope, group, code, selectable, fix);
              element.replaceWith(next);
              // Keyboard users carry on from the first finding just revealed.
              next.querySelectorAll<HTMLElement>("ul.findings > li")[shown]?.focus();
            },
          },
          t(lang, "showMore", { n: formatNumberIn(lang, more) }),
        )
      : null,
  );
  const toggle = h(
    "button",
    { type: "button", class: "toggle", "aria-expanded": String(open), "aria-controls": bodyId },
    h("span", { class: "title" }, findingTitle(lang, code.code)),
    h("span", { class: `badge ${group.severity}`, title: t(lang, "findingCount", { n: total }) }, formatNumberIn(lang, total)),
    h("span", { class: "code" }, code.code),
  );
  toggle.addEventListener("click", () => {
    const nowOpen = body.hidden;
    body.hidden = !nowOpen;
    toggle.setAttribute("aria-expanded", String(nowOpen));
    state.groupViews.set(key, { ...state.groupViews.get(key), open: nowOpen });
  });
  const element = h(
    "div",
    { class: `code-group ${group.severity}`, "data-group": code.code, "data-count": total },
    h("div", { class: "group-head" }, toggle, fixButton(pane, group, code, fix)),
    body,
  );
  return element;
}

/** "Sửa N ô" beside a group's title, where a safe fix exists for its code on its sheet. */
function fixButton(pane: Pane, group: SheetGroup, code: CodeGroup, fix: GroupFix): HTMLElement | null {
  const offer = fix.offers.find((o) => o.code === code.code && o.sheet === group.sheet);
  if (!offer) return null;
  const { lang } = pane;
  const n = formatNumberIn(lang, offer.cells);
  const hint = fix.downloadName ? t(lang, "fixHintFile", { n, name: fix.downloadName }) : t(lang, "fixHintSheet", { n });
  const label = t(lang, offer.cells === 1 ? "fixCell" : "fixCells", { n });
  return h(
    "fluent-button",
    {
      class: "fix",
      appearance: "accent",
      "data-fix": offer.kind,
      "data-cells": offer.cells,
      title: hint,
      "aria-label": `${label}: ${findingTitle(lang, code.code)}. ${hint}`,
      disabled: pane.state.busy,
      onclick: () => fix.onFix(offer),
    },
    label,
  );
}

/** The finding's cell: selected in Excel when it is on the open sheet, named otherwise. */
function findingItem(pane: Pane, f: Finding, selectable: boolean): HTMLElement {
  const { lang } = pane;
  const ref = cellReference(f);
  const excel = selectable ? pane.excel : null;
  const select = () =>
    excel?.selectCell(f.sheet, f.cell!).catch((error: unknown) => {
      pane.setStatus((l) => t(l, "failed", { reason: reasonOf(error) }), true);
      pane.renderStatus();
    });
  return h(
    "li",
    { class: f.severity, "data-code": f.code, "data-cell": f.cell ?? undefined, tabindex: -1 },
    ref && excel && f.cell
      ? h("button", { type: "button", class: "cell", title: t(lang, "selectCell", { ref }), onclick: select }, ref)
      : ref
        ? h("span", { class: "cell" }, ref)
        : null,
    f.message[lang],
  );
}
