/**
 * A form's figures as plain data, for every form alike: its numeric columns (code and header)
 * and its rows (key, TT, label) with their values by column code. This is the `table` member of
 * the JSON and what consolidation adds up, row by key and column by code.
 */
import type { ColumnValues } from "../model";
import { type FormDefinition, isNumericKind } from "./definition";

export interface FormTableColumn {
  code: string;
  label: string;
}

export interface FormTableRow {
  key: string;
  tt: string | null;
  label: string;
  values: ColumnValues;
}

export interface FormTable {
  form: string;
  columns: FormTableColumn[];
  rows: FormTableRow[];
}

export function tableColumns(definition: FormDefinition): FormTableColumn[] {
  return definition.columns.filter((c) => isNumericKind(c.kind)).map((c) => ({ code: c.code, label: c.header.join(" / ") }));
}

/** A file's or a consolidation's figures as a table, when it was read as a form. */
export function tableOf(result: { definition: FormDefinition | null; rows: Record<string, ColumnValues> }): FormTable | null {
  return result.definition ? formTable(result.definition, result.rows) : null;
}

/** The definition's rows in order, with the values given by row key (a row absent counts as zero). */
export function formTable(definition: FormDefinition, values: Record<string, ColumnValues>): FormTable {
  const columns = tableColumns(definition);
  return {
    form: definition.id,
    columns,
    rows: definition.rows.map((row) => {
      let own = values[row.key];
      if (!own) {
        own = Object.create(null) as ColumnValues;
        for (const c of columns) own[c.code] = 0;
      }
      return { key: row.key, tt: row.tt, label: row.label, values: own };
    }),
  };
}

/**
 * The form's total columns: numeric columns that are no part of a sum, no "Trong đó" subset
 * and no ratio (for form 01: the plan total 1, the actual total 6 and the budget 14, 15). They
 * are what a line per agency shows.
 */
export function headlineColumns(definition: FormDefinition): string[] {
  const inner = new Set<string>();
  for (const r of definition.relations) {
    if (r.kind === "sum") r.parts.forEach((p) => inner.add(p));
    else if (r.kind === "subset") inner.add(r.part);
    else inner.add(r.result);
  }
  return definition.columns.filter((c) => c.kind === "number" && !inner.has(c.code)).map((c) => c.code);
}

/** The top-level rows: the groups a form adds up to (form 01: ĐÀO TẠO, BỒI DƯỠNG). */
export function topRows(definition: FormDefinition): FormDefinition["rows"] {
  return definition.rows.filter((r) => r.parent === null);
}
