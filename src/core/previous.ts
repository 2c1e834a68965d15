/**
 * Last year beside this year (`consolidate --previous LAST_YEAR.xlsx`). Last year's file is
 * DTBD's consolidated report of that year — its `Tổng hợp` sheet is form 01/ĐTBD, read as any
 * form is, and its `Theo đơn vị` sheet gives each agency's figures, found by its headers — or
 * just a form of the same kind (the province's form filled by hand), which gives the rows
 * only. The comparison adds last year's actual and the change per row and per agency, and
 * the trend.* findings where an agency's figure jumped or fell to zero.
 */
import { AGENCY_FIGURES, type AgencyFigure, type AgencyFigures, agencyFigures } from "./agency-figures";
import { rootError, rowsInReference } from "./consolidate";
import type { Message } from "./findings";
import { FORM_ID } from "./form01";
import type { FormDefinition } from "./form/definition";
import { headlineColumns } from "./form/table";
import type { Sheet, WorkbookGrid } from "./grid";
import type { Agency, ConsolidationResult, SourceRecord, ValidationResult } from "./model";
import { parseCellNumber } from "./number";
import { SheetView } from "./sheet-view";
import { matchKey } from "./text/normalize";
import { trendDrop, trendJump } from "./trend";

/** One agency's line in last year's `Theo đơn vị`. */
export interface PreviousAgency {
  code: string | null;
  name: string | null;
  /** Counted in last year's totals (status "Đã tổng hợp"); others are shown, never compared. */
  included: boolean;
  /** The figures its line holds (a blank cell: absent). */
  figures: Partial<AgencyFigures>;
  /** Where the line is, for messages. */
  sheet: string;
  excelRow: number;
}

export interface PreviousYear {
  file: string;
  sha256: string;
  /** Last year's form as read: its id, year, sheet, rows. */
  result: ValidationResult & { form: string; year: number };
  /** "report": DTBD's consolidated report (rows and agencies); "form": a form alone (rows only). */
  kind: "report" | "form";
  /** The agencies of last year's `Theo đơn vị`; null for a form alone. */
  agencies: PreviousAgency[] | null;
  agencySheet: string | null;
}

/** Why last year's file cannot be compared: the command stops (exit 2) and says so. */
export class PreviousRefused extends Error {
  constructor(readonly text: Message) {
    super(text.en);
  }
}

// ---------------------------------------------------------------------------------------
// Reading last year's file

/**
 * Last year's file as a comparison base: a form DTBD reads (the report's `Tổng hợp`, or a
 * form alone), with its year; per agency when a sheet of the workbook is a `Theo đơn vị`.
 * Throws PreviousRefused with what to do when the file cannot serve.
 */
export function readPreviousYear(file: string, sha256: string, grid: WorkbookGrid | null, result: ValidationResult): PreviousYear {
  const said = (vi: string, en: string) => new PreviousRefused({ vi: `Tệp năm trước "${file}": ${vi}`, en: `Last year's file "${file}": ${en}` });
  if (!grid || result.form === null) {
    const why = rootError(result.findings) ?? result.findings[0];
    throw said(
      `không đọc được biểu nào trong tệp${why ? ` (${why.message.vi})` : ""}. Hãy chỉ báo cáo tổng hợp năm trước do DTBD ghi, hoặc biểu cùng loại của năm trước.`,
      `no form could be read in it${why ? ` (${why.message.en})` : ""}. Give last year's consolidated report written by DTBD, or last year's form of the same kind.`,
    );
  }
  if (result.period)
    throw said(
      `là kế hoạch giai đoạn ${result.period.from} - ${result.period.to}, không phải báo cáo của một năm.`,
      `is a period plan (${result.period.from}-${result.period.to}), not one year's report.`,
    );
  if (result.year === null)
    throw said(
      `không ghi năm báo cáo (tiêu đề "… NĂM YYYY" của trang "${result.sheet ?? "?"}"). Hãy ghi năm vào tiêu đề rồi chạy lại.`,
      `gives no report year (the title "… NĂM YYYY" on sheet "${result.sheet ?? "?"}"). Write the year into the title and run again.`,
    );
  const byAgency = grid.sheets.filter((s) => s.name !== result.sheet).map(readAgencySheet).find((a) => a !== null) ?? null;
  return {
    file,
    sha256,
    result: result as PreviousYear["result"],
    kind: byAgency ? "report" : "form",
    agencies: byAgency?.agencies ?? null,
    agencySheet: byAgency?.sheet ?? null,
  };
}

const HEADER_SCAN_ROWS = 20;
const HEADER_SCAN_COLUMNS = 80;

/** Header texts of `Theo đơn vị` as DTBD writes them, in either message language. */
const KEYS = {
  code: ["ma dinh danh", "agency code"],
  name: ["ten don vi", "agency"],
  status: ["tinh trang", "status"],
  included: ["da tong hop", "consolidated"],
  total: ["tong cong", "total"],
  plan: ["ke hoach", "plan"],
  actual: ["thuc hien", "actual"],
  training: ["dao tao", "training"],
  fostering: ["boi duong", "fostering"],
  budget: ["kinh phi", "budget"],
};

const startsWithAny = (key: string, starts: string[]) => starts.some((s) => key === s || key.startsWith(s + " "));

/** The figure a column holds, told by its group header and the header under it. */
function figureOf(group: string, sub: string): AgencyFigure | null {
  const g = matchKey(group);
  const s = matchKey(sub);
  const which = KEYS.plan.includes(s) ? "Plan" : KEYS.actual.includes(s) ? "Actual" : null;
  if (!which) return null;
  // "Kinh phí (triệu đồng) (Mã số 01+14)" names both groups: the budget is told first.
  if (startsWithAny(g, KEYS.budget)) return `budget${which}`;
  if (startsWithAny(g, KEYS.training)) return `training${which}`;
  if (startsWithAny(g, KEYS.fostering)) return `fostering${which}`;
  return null;
}

function numberAt(view: SheetView, row: number, col: number): number | undefined {
  const p = parseCellNumber(view.cell(row, col)?.value ?? null);
  if (p.kind === "number" || p.kind === "ambiguous") return p.value;
  if (p.kind === "dash") return 0;
  return undefined;
}

/**
 * A `Theo đơn vị` sheet: a header row naming the agency code and name columns, group headers
 * over plan and actual columns under it; one line per agency down to the total line. Columns
 * are found by their headers, wherever they are (a report of another version, a column moved).
 */
export function readAgencySheet(sheet: Sheet): { sheet: string; agencies: PreviousAgency[] } | null {
  const view = new SheetView(sheet);
  for (let h = 1; h <= Math.min(HEADER_SCAN_ROWS, view.rowCount); h++) {
    const width = Math.min(view.colCount(h), HEADER_SCAN_COLUMNS);
    let codeCol = 0;
    let nameCol = 0;
    let statusCol = 0;
    for (let c = 1; c <= width; c++) {
      const key = matchKey(view.ownText(h, c));
      if (!codeCol && KEYS.code.includes(key)) codeCol = c;
      else if (!nameCol && KEYS.name.includes(key)) nameCol = c;
      else if (!statusCol && KEYS.status.includes(key)) statusCol = c;
    }
    if (!codeCol || !nameCol) continue;
    const columns = new Map<AgencyFigure, number>();
    const headerWidth = Math.max(width, Math.min(view.colCount(h + 1), HEADER_SCAN_COLUMNS));
    for (let c = 1; c <= headerWidth; c++) {
      const figure = figureOf(view.text(h, c), view.text(h + 1, c));
      if (figure && !columns.has(figure)) columns.set(figure, c);
    }
    if (columns.size === 0) continue;
    const agencies: PreviousAgency[] = [];
    for (let r = h + 2; r <= view.rowCount; r++) {
      if (startsWithAny(matchKey(view.text(r, 1)), KEYS.total)) break;
      const code = view.ownText(r, codeCol) || null;
      const name = view.ownText(r, nameCol) || null;
      if (!code && !name) continue;
      const figures: Partial<AgencyFigures> = {};
      for (const [figure, c] of columns) {
        const v = numberAt(view, r, c);
        if (v !== undefined) figures[figure] = v;
      }
      // Without a status column, a line with figures counts.
      const included = statusCol ? KEYS.included.includes(matchKey(view.ownText(r, statusCol))) : Object.keys(figures).length > 0;
      agencies.push({ code, name, included, figures, sheet: sheet.name, excelRow: r });
    }
    return { sheet: sheet.name, agencies };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// The comparison

export interface Change {
  previous: number | null;
  current: number | null;
  /** current − previous, where both are known. */
  change: number | null;
}

export interface PreviousRow {
  key: string;
  /** Last year's and this year's actual (form 01: column 6) and the difference. */
  actual: Change;
}

export interface PreviousAgencyMatch {
  /** This year's line: a file (null for an agency on the roster with no file). */
  file: string | null;
  agency: Agency;
  /** This year's figures counted (the file was included). */
  included: boolean;
  /** How last year's line was found: by identifier code, by name, or not at all. */
  matchedBy: "code" | "name" | null;
  previous: { code: string | null; name: string | null; included: boolean } | null;
  figures: Partial<Record<AgencyFigure, Change>>;
}

export interface PreviousComparison {
  file: string;
  sha256: string;
  year: number;
  kind: PreviousYear["kind"];
  /** The column compared per row (form 01: the actual total, column 6). */
  column: string;
  /** The form compared. */
  form: string;
  rows: PreviousRow[];
  /** Per agency of this year's `Theo đơn vị`, in its order; null when last year's file is a form alone. */
  agencies: PreviousAgencyMatch[] | null;
  /** Last year's agencies that no line of this year matched. */
  unmatched: { code: string | null; name: string | null }[];
}

/** The column compared per row: the actual of the form's plan/actual pair (form 01: 6), else its first total column. */
export function comparedColumn(definition: FormDefinition): string | null {
  return definition.attainment?.[0]?.actual ?? headlineColumns(definition)[0] ?? null;
}

const clean = (n: number) => Math.round(n * 1e9) / 1e9;

function change(previous: number | null | undefined, current: number | null | undefined): Change {
  const p = previous ?? null;
  const c = current ?? null;
  return { previous: p, current: c, change: p !== null && c !== null ? clean(c - p) : null };
}

const codeKey = (code: string | null) => (code ? code.replace(/\s+/g, "").toUpperCase() : null);

/**
 * Last year's line for each of this year's: by identifier code first (two files of one agency
 * both find it), then, among the lines no code found, by name (agencies renamed keep their
 * code; agencies without a code keep their name), each of those lines found once.
 */
function matchAgencies(lines: { agency: Agency }[], previous: PreviousAgency[]): { match: PreviousAgency | null; by: "code" | "name" | null }[] {
  const byCode = new Map<string, PreviousAgency>();
  for (const p of previous) {
    const k = codeKey(p.code);
    // The included line of an agency first: an excluded duplicate is not its figures.
    if (k && (!byCode.has(k) || (p.included && !byCode.get(k)!.included))) byCode.set(k, p);
  }
  const out = lines.map((line): { match: PreviousAgency | null; by: "code" | "name" | null } => {
    const k = codeKey(line.agency.code);
    const p = k ? byCode.get(k) : undefined;
    return p ? { match: p, by: "code" } : { match: null, by: null };
  });
  const taken = new Set(out.map((m) => m.match));
  const byName = new Map<string, PreviousAgency[]>();
  for (const p of previous) {
    if (taken.has(p) || !p.name) continue;
    const k = matchKey(p.name);
    byName.set(k, [...(byName.get(k) ?? []), p]);
  }
  lines.forEach((line, i) => {
    if (out[i].match || !line.agency.name) return;
    const candidates = (byName.get(matchKey(line.agency.name)) ?? []).filter((p) => !taken.has(p));
    const p = candidates.find((c) => c.included) ?? candidates[0];
    if (p) {
      taken.add(p);
      out[i] = { match: p, by: "name" };
    }
  });
  return out;
}

function agencyOf(source: SourceRecord): Agency {
  return { code: source.agency?.code ?? source.result?.agency?.code ?? null, name: source.agency?.name ?? source.result?.agency?.name ?? null };
}

/**
 * This year's consolidation against last year's file: per row, last year's actual and the
 * change; per agency (when last year's file is a report), last year's figures and the
 * changes, and the trend.* findings on the included agencies' sources (form 01/ĐTBD; another
 * form is compared per row). Returns a new result with `previous` set; throws PreviousRefused
 * when last year's file is not of this form or not of an earlier year.
 */
export function compareWithPrevious(result: ConsolidationResult, previous: PreviousYear): ConsolidationResult {
  const said = (vi: string, en: string) => new PreviousRefused({ vi: `Tệp năm trước "${previous.file}": ${vi}`, en: `Last year's file "${previous.file}": ${en}` });
  const last = previous.result;
  if (result.form === null || !result.definition)
    throw said(
      "không tệp nào năm nay đọc được thành biểu, nên không có gì để so sánh. Hãy chạy lại không có --previous để xem lý do từng tệp.",
      "no file of this year could be read as a form, so there is nothing to compare. Run again without --previous to see each file's reason.",
    );
  if (last.form !== result.form)
    throw said(`là biểu ${last.form}, không phải biểu ${result.form} đang tổng hợp.`, `is form ${last.form}, not form ${result.form}, the form being consolidated.`);
  if (result.year === null)
    throw said("không biết năm đang tổng hợp để so sánh; hãy ghi --year.", "the year being consolidated is not known; give --year.");
  if (last.year >= result.year)
    throw said(
      `là báo cáo năm ${last.year}, không phải một năm trước năm ${result.year} đang tổng hợp.`,
      `reports ${last.year}, not a year before ${result.year}, the year being consolidated.`,
    );
  const definition = result.definition;
  const column = comparedColumn(definition);
  if (!column) throw said(`biểu ${result.form} không có cột số nào để so sánh.`, `form ${result.form} has no figure column to compare.`);
  const lastRows = rowsInReference(definition, last).rows;
  const rows: PreviousRow[] = definition.rows.map((row) => ({
    key: row.key,
    actual: change(lastRows.get(row.key)?.[column] ?? 0, result.rows[row.key]?.[column] ?? 0),
  }));

  const sources = result.sources.map((s) => ({ ...s, findings: [...s.findings] }));
  let agencies: PreviousAgencyMatch[] | null = null;
  let unmatched: PreviousComparison["unmatched"] = [];
  // Per agency: form 01/ĐTBD's `Theo đơn vị` (training, fostering, budget); other forms per row.
  if (previous.agencies && result.form === FORM_ID) {
    // This year's lines in `Theo đơn vị`'s order: every file, then the agencies with no file.
    const lines = [
      ...sources.map((s) => ({ agency: agencyOf(s), source: s as SourceRecord | null })),
      ...result.missing.map((a) => ({ agency: a, source: null as SourceRecord | null })),
    ];
    const matches = matchAgencies(lines, previous.agencies);
    const matched = new Set(matches.map((m) => m.match));
    unmatched = previous.agencies.filter((p) => !matched.has(p)).map((p) => ({ code: p.code, name: p.name }));
    agencies = lines.map((line, i) => {
      const { match, by } = matches[i];
      // A file no form was read from has no figures (not zeros).
      const now = line.source?.result?.form ? agencyFigures(line.source.result.rows) : null;
      const figures: PreviousAgencyMatch["figures"] = {};
      for (const f of AGENCY_FIGURES) {
        // Last year's line of an excluded file holds figures that were not counted (errors, another year): not last year's.
        const before = match?.included ? match.figures[f] : undefined;
        const current = now?.[f];
        if (before === undefined && current === undefined) continue;
        figures[f] = change(before, current);
      }
      const source = line.source;
      if (source?.included && match?.included && now)
        for (const f of AGENCY_FIGURES) {
          const before = match.figures[f];
          if (before === undefined) continue;
          const subject = { agency: line.agency, sheet: source.result?.sheet ?? null, figure: f, previousYear: last.year, year: result.year!, previous: before, current: now[f] };
          for (const rule of [trendJump, trendDrop]) {
            const found = rule(subject);
            if (found) source.findings.push(found);
          }
        }
      return {
        file: source?.file ?? null,
        agency: line.agency,
        included: source?.included ?? false,
        matchedBy: by,
        previous: match ? { code: match.code, name: match.name, included: match.included } : null,
        figures,
      };
    });
  }
  return {
    ...result,
    sources,
    previous: { file: previous.file, sha256: previous.sha256, year: last.year, kind: previous.kind, form: result.form, column, rows, agencies, unmatched },
  };
}
