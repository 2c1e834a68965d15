/**
 * Tổng hợp: consolidate the files chosen on the Kiểm tra tab into the provincial report.
 * The chosen files are counted by what their check found; their names, and after the run
 * the included and excluded files, are lists that fold into a <details> when they are long
 * (a province chooses hundreds of files).
 */
import { exclusionCause } from "../../core/consolidate";
import { hasErrors } from "../../core/findings";
import type { Lang } from "../../core/i18n";
import { download, h } from "../dom";
import { t } from "../i18n";
import { type Consolidation, allFeedback, consolidateFiles, readRosterFile } from "../services";
import { type Pane, ratesOf } from "../state";
import { actionButton, fileChooser } from "../widgets";

/** Lists up to this long are shown as they are; longer ones fold. */
const SHOWN_UNFOLDED = 8;

export function consolidateTab(pane: Pane): HTMLElement {
  const { lang, state } = pane;
  const yearInput = h("input", { id: "consolidate-year", type: "number", min: 2000, max: 2100, value: state.consolidateYear }) as HTMLInputElement;
  yearInput.addEventListener("input", () => (state.consolidateYear = yearInput.value));
  const include = h("input", { type: "checkbox", id: "include-invalid", checked: state.includeInvalid }) as HTMLInputElement;
  include.addEventListener("change", () => (state.includeInvalid = include.checked));
  const c = state.consolidation;
  return h(
    "div",
    {},
    h("p", { class: "hint" }, t(lang, "consolidateHint")),
    chosenFiles(pane),
    rosterBlock(pane),
    h("div", { class: "row" }, h("label", { class: "field" }, t(lang, "consolidateYear"), yearInput), h("label", { class: "row" }, include, t(lang, "includeInvalid"))),
    h("div", { class: "row" }, actionButton(pane, "run-consolidate", t(lang, "runConsolidate"), () => void pane.run(() => consolidate(pane)))),
    c ? consolidationSummary(pane, c) : null,
  );
}

/** "23 tệp đã chọn: 20 không có sai sót, 2 chỉ có cảnh báo, 1 có lỗi", then their names. */
function chosenFiles(pane: Pane): HTMLElement {
  const { lang, state } = pane;
  const files = state.files;
  const failed = files.filter((f) => hasErrors(f.result.findings)).length;
  const clean = files.filter((f) => f.result.findings.length === 0).length;
  const counts = files.length
    ? [
        clean ? t(lang, "filesClean", { n: clean }) : null,
        files.length - clean - failed ? t(lang, "filesWithWarnings", { n: files.length - clean - failed }) : null,
        failed ? t(lang, "filesWithErrors", { n: failed }) : null,
      ].filter((x) => x !== null)
    : [];
  return h(
    "div",
    { id: "consolidate-files", class: "hint" },
    h("p", { class: "file-counts" }, t(lang, "filesChosen", { n: files.length }) + (counts.length ? `: ${counts.join(", ")}.` : ".")),
    files.length
      ? foldedList(
          pane,
          "chosen",
          t(lang, "fileList", { n: files.length }),
          files.map((f) => h("li", { class: hasErrors(f.result.findings) ? "error" : "" }, f.name)),
        )
      : null,
  );
}

/** A list of names: as it is when short, inside a <details> (closed until opened) when long. */
function foldedList(pane: Pane, id: string, summary: string, items: HTMLElement[], className = "file-list"): HTMLElement {
  const list = h("ul", { class: className, id: `${id}-list` }, ...items);
  if (items.length <= SHOWN_UNFOLDED) return h("div", { class: "list-block" }, h("p", { class: "list-title" }, summary), list);
  const details = h("details", { class: "folded", id: `${id}-details`, open: pane.state.openLists.has(id) }, h("summary", {}, summary), list) as HTMLDetailsElement;
  details.addEventListener("toggle", () => {
    if (details.open) pane.state.openLists.add(id);
    else pane.state.openLists.delete(id);
  });
  return details;
}

async function consolidate(pane: Pane): Promise<void> {
  const { state } = pane;
  if (!state.files.length) {
    pane.setStatus((l) => t(l, "needFiles"), true);
    return;
  }
  const yearText = state.consolidateYear.trim();
  const year = yearText ? Number(yearText) : null;
  if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    pane.setStatus((l) => t(l, "yearInvalid"), true);
    return;
  }
  const c = await consolidateFiles(state.files, { year, includeInvalid: state.includeInvalid, roster: state.roster?.agencies ?? null, lang: pane.lang });
  state.consolidation = c;
  state.openLists.delete("included");
  state.openLists.delete("excluded");
  state.openLists.delete("missing");
  state.rates = ratesOf(t(pane.lang, "tabConsolidate"), c.result);
  pane.setStatus((l) => consolidatedLine(l, c));
}

function consolidatedLine(lang: Lang, c: Consolidation): string {
  const r = c.result;
  return r.expected === null
    ? t(lang, "consolidated", { included: r.included, excluded: r.excluded })
    : t(lang, "consolidatedOfRoster", { included: r.included, expected: r.expected, excluded: r.excluded, missing: r.missing.length });
}

/** Danh sách đơn vị: the agencies expected, read from a .csv or .xlsx, so that who sent nothing is named. */
function rosterBlock(pane: Pane): HTMLElement {
  const { lang, state } = pane;
  const input = fileChooser(pane, { id: "roster-input", label: t(lang, "chooseRoster"), accept: ".csv,.xlsx,.xls,.ods,text/csv" }, async ([file]) => {
    const agencies = await readRosterFile(file.name, file.bytes);
    state.roster = { name: file.name, agencies };
    state.consolidation = null;
    pane.setStatus((l) => t(l, "rosterRead", { n: agencies.length, name: file.name }));
  });
  const roster = state.roster;
  return h(
    "div",
    { id: "roster", class: "hint" },
    input,
    roster ? h("p", { id: "roster-loaded" }, t(lang, "rosterLoaded", { n: roster.agencies.length, name: roster.name })) : h("p", {}, t(lang, "rosterHint")),
    h(
      "div",
      { class: "row" },
      actionButton(pane, "choose-roster", t(lang, "chooseRoster"), () => input.click(), "outline"),
      roster
        ? actionButton(
            pane,
            "remove-roster",
            t(lang, "removeRoster"),
            () => {
              state.roster = null;
              state.consolidation = null;
              pane.render();
            },
            "stealth",
          )
        : null,
    ),
  );
}

/** Every agency's feedback and the summary CSV, as one .zip (a browser saves one file per click). */
async function downloadAllFeedback(pane: Pane, c: Consolidation): Promise<void> {
  const { bytes, workbooks } = await allFeedback(pane.state.files, c.result, pane.lang);
  const name = `phan-hoi-${c.result.year ?? "dtbd"}.zip`;
  download(bytes, name, "application/zip");
  pane.setStatus((l) => t(l, "allFeedbackDownloaded", { name, n: workbooks }));
}

function excludedItem(lang: Lang, s: Consolidation["result"]["sources"][number]): HTMLElement {
  const cause = exclusionCause(s);
  const reason = cause ? cause.message[lang] : (s.reason ?? "");
  return h("li", { class: "error" }, `${s.file}: ${s.agency?.name ?? t(lang, "unknown")}`, ` — ${t(lang, "excludedBecause", { reason })}`);
}

function consolidationSummary(pane: Pane, c: Consolidation): HTMLElement {
  const { lang, excel } = pane;
  const year = c.result.year ?? "";
  const included = c.result.sources.filter((s) => s.included);
  const excluded = c.result.sources.filter((s) => !s.included);
  return h(
    "section",
    { class: "file-card", id: "consolidation" },
    h("h2", {}, `${t(lang, "tabConsolidate")} ${year}`),
    h("div", { class: "meta" }, consolidatedLine(lang, c)),
    c.result.missing.length
      ? foldedList(
          pane,
          "missing",
          t(lang, "missingList", { n: c.result.missing.length }),
          c.result.missing.map((a) => h("li", { class: "warning" }, [a.name, a.code].filter(Boolean).join(" – "))),
          "findings",
        )
      : null,
    excluded.length
      ? foldedList(pane, "excluded", t(lang, "excludedList", { n: excluded.length }), excluded.map((s) => excludedItem(lang, s)), "findings")
      : null,
    included.length
      ? foldedList(
          pane,
          "included",
          t(lang, "includedList", { n: included.length }),
          included.map((s) => h("li", { class: "info" }, `${s.file}: ${s.agency?.name ?? t(lang, "unknown")}`)),
          "findings",
        )
      : null,
    h(
      "div",
      { class: "row" },
      actionButton(pane, "download-report", t(lang, "downloadReport"), () => download(c.report, `bao-cao-tong-hop-${year || "dtbd"}.xlsx`)),
      actionButton(pane, "download-feedback", t(lang, "downloadAllFeedback"), () => void pane.run(() => downloadAllFeedback(pane, c)), "outline"),
      excel
        ? actionButton(
            pane,
            "write-report",
            t(lang, "writeReport"),
            () =>
              void pane.run(async () => {
                await excel.writeReport(c.result);
                pane.setStatus((l) => t(l, "reportWritten"));
              }),
            "outline",
          )
        : null,
    ),
  );
}
