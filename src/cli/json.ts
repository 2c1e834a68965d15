/** The JSON output (docs/cli.md). Rates are rounded to 4 decimals, as the documented example shows. */
import { type Lang, findingToJson } from "../core/findings";
import type { RowTotal } from "../core/model";
import { type FormTable, tableOf } from "../core/form/table";
import type { FileReport } from "../io/inspect";

export function roundRate(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 10000) / 10000;
}

export function totalsJson(totals: Record<string, RowTotal>): Record<string, RowTotal> {
  const out: Record<string, RowTotal> = {};
  for (const code of Object.keys(totals).sort()) {
    const t = totals[code];
    out[code] = { plan: round6(t.plan), actual: round6(t.actual), rate: roundRate(t.rate) };
  }
  return out;
}

/** Money has one decimal; summing floats adds dust that users should not see. */
export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function fileJson(report: FileReport, lang: Lang) {
  const r = report.result;
  return {
    file: report.file,
    sha256: report.sha256,
    form: r.form,
    agency: r.agency,
    year: r.year,
    ...(r.period ? { period: r.period } : {}),
    totals: totalsJson(r.totals),
    findings: r.findings.map((f) => findingToJson(f, lang)),
    table: tableJson(tableOf(r)),
  };
}

/** The JSON's `table`: the form's figures by row key and column code, dust rounded away. */
export function tableJson(table: FormTable | null) {
  if (!table) return null;
  return {
    form: table.form,
    columns: table.columns,
    rows: table.rows.map((row) => {
      const values: Record<string, number> = {};
      for (const [code, v] of Object.entries(row.values)) values[code] = round6(v);
      return { key: row.key, tt: row.tt, label: row.label, values };
    }),
  };
}
