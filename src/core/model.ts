/** Result shapes shared by validation, consolidation, the writers and the add-in. */
import type { Finding } from "./findings";
import type { FormDefinition } from "./form/definition";
import type { PreviousComparison } from "./previous";

export interface Agency {
  code: string | null;
  name: string | null;
}

/** Plan total (column 1), actual total (column 6) and their ratio, for one Mã số. */
export interface RowTotal {
  plan: number;
  actual: number;
  rate: number | null;
}

/** Numbers of one body row keyed by column code ("1".."15"). */
export type ColumnValues = Record<string, number>;

/** A body row that matched no catalogue row: kept for the audit, never silently dropped. */
export interface UnknownRow {
  sheet: string;
  excelRow: number;
  tt: string | null;
  label: string | null;
  code: string | null;
  values: ColumnValues;
}

export interface ValidationResult {
  /** The id of the form read: "01/ĐTBD", a learned form's id, or an id inferred from the file's own form; null when none. */
  form: string | null;
  agency: Agency | null;
  /** Managing body from the header's first line, e.g. "UBND TỈNH LẠNG SƠN". */
  managingBody: string | null;
  year: number | null;
  /** Set for a period plan ("GIAI ĐOẠN 2021 - 2025"). */
  period: { from: number; to: number } | null;
  sheet: string | null;
  /** Per row key (the Mã số for form 01): the numbers of every column, blank and "-" as 0. */
  rows: Record<string, ColumnValues>;
  /** Per Mã số, for forms keyed by Mã số with a plan/actual pair: plan, actual, rate. */
  totals: Record<string, RowTotal>;
  unknownRows: UnknownRow[];
  findings: Finding[];
  /** The form the file was read as (built in, learned, or inferred from the file); its figures are `rows`. */
  definition: FormDefinition | null;
}

export interface SourceRecord {
  file: string;
  sha256: string;
  agency: Agency | null;
  year: number | null;
  included: boolean;
  /** Finding code that decided exclusion (e.g. "consolidate.year-mismatch"), null when included. */
  reason: string | null;
  findings: Finding[];
  result: ValidationResult | null;
}

export interface ConsolidationResult {
  /** The form consolidated (its id) and the definition the report reproduces; its sums are `rows`. */
  form: string | null;
  definition: FormDefinition | null;
  year: number | null;
  /** Managing body named in the report header, e.g. "UBND TỈNH LẠNG SƠN". */
  province: string;
  included: number;
  excluded: number;
  /** Roster size when a roster was given, else null. */
  expected: number | null;
  missing: Agency[];
  sources: SourceRecord[];
  /** Sum over included agencies: row key (Mã số for form 01) → column code → value; ratios recomputed. */
  rows: Record<string, ColumnValues>;
  totals: Record<string, RowTotal>;
  /** Roster-level findings (missing agency, not in roster). */
  findings: Finding[];
  /** Last year beside this year (consolidate --previous); absent without it. */
  previous?: PreviousComparison;
}
