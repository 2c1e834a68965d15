/**
 * What the task pane holds between renders, and what a tab may ask of the pane. The tabs
 * (tabs/*.ts) build their panel from this state on every render; app.ts owns the state and
 * routes between the tabs.
 */
import type { Finding } from "../core/findings";
import type { FixOffer } from "../core/fix";
import type { FormDefinition, LearnNote } from "../core/form/definition";
import type { Lang } from "../core/i18n";
import type { Agency, ColumnValues, RowTotal, ValidationResult } from "../core/model";
import type { ExcelBridge } from "./excel-bridge";
import type { CheckedFile, Consolidation } from "./services";

export type TabId = "check" | "rates" | "consolidate" | "template";
export const TABS: readonly TabId[] = ["check", "rates", "consolidate", "template"];

/** The figures the Tỷ lệ tab shows: the last file checked, the sheet, or the consolidation. */
export interface RatesSource {
  name: string;
  /** Form 01/ĐTBD's plan, actual and rate per Mã số. */
  totals: Record<string, RowTotal>;
  /** The form read (null: none); for another form, its plan/actual pairs give the rates. */
  definition: FormDefinition | null;
  rows: Record<string, ColumnValues>;
}

/** What the Tỷ lệ tab needs of a file's, a sheet's or a consolidation's result. */
export function ratesOf(name: string, result: Pick<ValidationResult, "totals" | "definition" | "rows">): RatesSource {
  return { name, totals: result.totals, definition: result.definition, rows: result.rows };
}

/** Excel: the findings of the active sheet and the fixes they allow. */
export interface SheetCheck {
  sheet: string;
  findings: Finding[];
  fixes: FixOffer[];
}

/** What the user did to one group of findings (it survives re-rendering). */
export interface GroupView {
  open?: boolean;
  shown?: number;
}

/** A status line, built in the language of each render (the switch translates the last message too). */
export interface Status {
  text: (lang: Lang) => string;
  error: boolean;
}

/** A form learned from a template file or from a sheet ("Học mẫu"), with what learning noted. */
export interface LearnedForm {
  definition: FormDefinition;
  /** The file or sheet it was learned from ("" for a form kept with the workbook). */
  source: string;
  notes: LearnNote[];
}

/** The last attempt to learn, when it found no table: what it could not find. */
export interface LearnFailure {
  source: string;
  notes: LearnNote[];
}

export interface PaneState {
  tab: TabId;
  files: CheckedFile[];
  sheetCheck: SheetCheck | null;
  consolidation: Consolidation | null;
  rates: RatesSource | null;
  status: Status;
  busy: boolean;
  includeInvalid: boolean;
  consolidateYear: string;
  /** The agencies expected to file (Danh sách đơn vị): who sent nothing is then named. */
  roster: { name: string; agencies: Agency[] } | null;
  template: { year: string; agencyName: string; agencyCode: string; form: string };
  /** Forms learned in this pane (in Excel: also kept with the workbook). Checks use them first. */
  learned: LearnedForm[];
  learnFailure: LearnFailure | null;
  /** Keyed by scope (file or sheet), severity, sheet and code. */
  groupViews: Map<string, GroupView>;
  /** The open <details> lists of the Tổng hợp tab, by id. */
  openLists: Set<string>;
}

export function initialState(tab: TabId): PaneState {
  return {
    tab,
    files: [],
    sheetCheck: null,
    consolidation: null,
    rates: null,
    status: { text: () => "", error: false },
    busy: false,
    includeInvalid: false,
    consolidateYear: "",
    roster: null,
    template: { year: String(new Date().getFullYear()), agencyName: "", agencyCode: "", form: "" },
    learned: [],
    learnFailure: null,
    groupViews: new Map(),
    openLists: new Set(),
  };
}

/** What a tab may use: the state, Excel when present, and the pane's few actions. */
export interface Pane {
  readonly state: PaneState;
  readonly excel: ExcelBridge | null;
  /** The language of the render in progress. */
  readonly lang: Lang;
  render(): void;
  /** Redraws the status line alone (progress while a batch of files is read). */
  renderStatus(): void;
  /** Runs an action with the buttons disabled; a failure becomes the status, never a crash. */
  run(action: () => Promise<void>): Promise<void>;
  setStatus(text: (lang: Lang) => string, error?: boolean): void;
  showTab(tab: TabId): void;
}

/** Forget what was opened in a file's or a sheet's finding groups (its findings changed). */
export function forgetGroupViews(state: PaneState, scope: string): void {
  for (const key of state.groupViews.keys()) if (key.startsWith(`${scope}\u0000`)) state.groupViews.delete(key);
}

/** "bao-cao.xlsx" → "bao-cao (2).xlsx": the first name no listed file has. */
export function freeName(name: string, files: readonly { name: string }[]): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let k = 2; ; k++) {
    const candidate = `${stem} (${k})${ext}`;
    if (!files.some((f) => f.name === candidate)) return candidate;
  }
}

/** The message of an error, for the status line. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
