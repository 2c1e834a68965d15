/**
 * A form as data: how to recognise it, where its table is, its columns and their arithmetic,
 * its rows and their tree, and how rows are matched across files. Form 01/ĐTBD is one such
 * definition (built in); others are learned from a template (`dtbd form learn`) or inferred
 * from a file's own code row. The checks, the consolidation and the report read a definition,
 * never a form's layout in code. The JSON Schema of this shape is form-definition.schema.json.
 */

export const DEFINITION_FORMAT = "dtbd-form/1";

/**
 * What a column holds. `tt` the row numbering (I, 1, a, -), `label` the row's name, `code` a
 * stable row code (Mã số), `unit` the row's unit, `number` a figure, `rate` a ratio shown as a
 * percentage, `text`/`note` free text. Only `number` and `rate` columns are read as numbers.
 */
export type ColumnKind = "tt" | "label" | "code" | "unit" | "number" | "rate" | "text" | "note";

export interface FormColumnDef {
  /** The column's code in the code row ("1", "13", "A"); the key columns are matched by across files. */
  code: string;
  /** The column's letter in the template, where the report puts it. */
  letter: string;
  /** Header texts from the top header row down, as shown through merged cells. */
  header: string[];
  kind: ColumnKind;
  /** Whole numbers only (people, person-times): a fraction is an error. */
  integer?: boolean;
  /** Further header spellings seen in agencies' files, matched diacritic-insensitively. */
  variants?: string[];
  /** Column width in the template, in Excel's character units. */
  width?: number;
}

/** Arithmetic between columns, stated by the code row or by the header ("Trong đó"). */
export type ColumnRelation =
  /** total = sum of parts on every row ("3=4+6+8"). */
  | { kind: "sum"; total: string; parts: string[] }
  /** part ≤ total on every row ("Trong đó: Nữ" of the total): never added. */
  | { kind: "subset"; total: string; part: string }
  /** result = numerator ÷ denominator ("13=6/1"), shown as a percentage. */
  | { kind: "ratio"; result: string; numerator: string; denominator: string };

/** How a row counts towards its parent: a part of a sum, a "Trong đó" subset, or not at all. */
export type RowRelation = "sum" | "subset" | "none";

export interface FormRowDef {
  /** The key rows are matched by across files: the Mã số, or the normalised label path. */
  key: string;
  tt: string | null;
  label: string;
  /** Mã số, where the form has a row-code column. */
  code?: string | null;
  /** Đơn vị tính of the row, or null to use the form's unit. */
  unit?: string | null;
  /** Key of the parent row, or null for a top-level row. */
  parent: string | null;
  /** Null for a top-level row. */
  relation: RowRelation | null;
  /** The row's Excel row in the template, where the report puts it. */
  excelRow?: number;
  /** Further label spellings seen in agencies' files. */
  variants?: string[];
}

/** A plan/actual column pair: attainment = actual ÷ plan. */
export interface AttainmentPair {
  plan: string;
  actual: string;
  /** The column that states the rate, if the form has one. */
  rate?: string | null;
  label?: string | null;
}

/** A cell of the template's header block, reproduced by the consolidated report. */
export interface LayoutCell {
  ref: string;
  text: string;
  bold?: boolean;
}

export interface FormLayout {
  /** Header block and code row: title, agency lines, column headers. */
  cells: LayoutCell[];
  /** Merged ranges of the header block ("A5:A7"). */
  merges: string[];
  /** Column widths by letter. */
  widths?: Record<string, number>;
  /** The title cell, where the report names the province and the year. */
  titleRef?: string | null;
  /** The cell that names the reporting agency, where the report names the consolidation. */
  agencyRef?: string | null;
}

export interface TablePosition {
  /** First and last header rows (above the code row). */
  headerTop: number;
  headerBottom: number;
  /** The column-code row, or null when the form has none. */
  codeRow: number | null;
  firstBodyRow: number;
  lastBodyRow: number;
}

/** Something `learn` was not sure of, or could not find: said, never guessed in silence. */
export interface LearnNote {
  level: "unsure" | "missing";
  vi: string;
  en: string;
}

export interface FormDefinition {
  format: typeof DEFINITION_FORMAT;
  /** Short id: "01/ĐTBD", "10-btctw". */
  id: string;
  name: string;
  /** "builtin" ships with DTBD; "learned" came from a template; "inferred" from the file itself. */
  origin?: "builtin" | "learned" | "inferred";
  recognise: {
    /** "Biểu số 10-BTCTW", as printed on the form. */
    formNumber?: string | null;
    /** Title texts; a file's title matches when one of them is in it (case and diacritics aside). */
    titles?: string[];
    /** "Đvt: người". */
    unitLine?: string | null;
    /** The template's sheet name: a hint, not a requirement. */
    sheet?: string | null;
  };
  table: TablePosition;
  /** The form's unit, from the unit line, for rows without a unit of their own. */
  unit?: string | null;
  columns: FormColumnDef[];
  relations: ColumnRelation[];
  rows: FormRowDef[];
  /** Rows are matched by Mã số ("code") or by their label path ("label"). */
  rowKey: "code" | "label";
  attainment?: AttainmentPair[];
  layout?: FormLayout;
  notes?: LearnNote[];
}

export function isNumericKind(kind: ColumnKind): boolean {
  return kind === "number" || kind === "rate";
}
