/**
 * Consolidation of agency forms into the provincial report. Every input is accounted for:
 * included, or excluded with the finding that decided it. Rows are matched by Mã số (the
 * reader already did that), numbers are summed, rates recomputed from the sums.
 */
import { exclusionRank } from "./finding-catalogue";
import { type Finding, finding, hasErrors } from "./findings";
import { FORM_ID, MANAGING_BODY } from "./form01";
import { BUILTIN_DEFINITIONS } from "./form/builtin";
import { type FormDefinition, isNumericKind } from "./form/definition";
import { labelPathOf } from "./form/rows";
import type { Agency, ColumnValues, ConsolidationResult, RowTotal, SourceRecord, ValidationResult } from "./model";
import { matchKey } from "./text/normalize";
import { rowIndexOf, rowTotal } from "./validate";

export interface ConsolidationInput {
  file: string;
  sha256: string;
  result: ValidationResult;
}

export interface ConsolidationOptions {
  year?: number;
  roster?: Agency[];
  includeInvalid?: boolean;
  /** The form to consolidate (its id); by default the form most files are. */
  form?: string;
}

/** Agencies are keyed by their identifier code, by name only when the code is absent. */
export function agencyKey(agency: Agency | null): string | null {
  if (!agency) return null;
  if (agency.code) return "code:" + agency.code.replace(/\s+/g, "").toUpperCase();
  if (agency.name) return "name:" + matchKey(agency.name);
  return null;
}

const rankOf = (f: Finding): number => exclusionRank(f.code) ?? Number.MAX_SAFE_INTEGER;

/**
 * The error to name as a file's reason: the most fundamental one, by the catalogue's
 * exclusion rank (an unreadable file before a missing header, a wrong cell before the parent
 * sum it spoils).
 */
export function rootError(findings: readonly Finding[]): Finding | undefined {
  let root: Finding | undefined;
  for (const f of findings) if (f.severity === "error" && (!root || rankOf(f) < rankOf(root))) root = f;
  return root;
}

/**
 * The finding that explains why a file was left out of the consolidation: the one whose code
 * is the file's reason, else its root error. What the CLI, the report and the pane show.
 */
export function exclusionCause(source: Pick<SourceRecord, "included" | "reason" | "findings">): Finding | undefined {
  if (source.included) return undefined;
  return source.findings.find((f) => f.code === source.reason) ?? rootError(source.findings);
}

/** The form most files are; a tie goes to a built-in form (form 01/ĐTBD), then to the first met. */
export function dominantForm(results: ValidationResult[]): string | null {
  const counts = new Map<string, number>();
  for (const r of results) if (r.form !== null) counts.set(r.form, (counts.get(r.form) ?? 0) + 1);
  const builtin = new Set(BUILTIN_DEFINITIONS.map((d) => d.id));
  let best: string | null = null;
  for (const [form, n] of counts) {
    const bestN = best === null ? -1 : counts.get(best)!;
    if (n > bestN || (n === bestN && builtin.has(form) && !builtin.has(best!))) best = form;
  }
  return best;
}

/** The most common year among the files of the form; a tie goes to the later year. */
export function dominantYear(results: ValidationResult[], form: string | null = FORM_ID): number | null {
  const counts = new Map<number, number>();
  for (const r of results) if (r.form === form && r.year !== null) counts.set(r.year, (counts.get(r.year) ?? 0) + 1);
  let best: number | null = null;
  for (const [year, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && year > best)) best = year;
  return best;
}

function agencyLabel(agency: Agency | null): string {
  return [agency?.name, agency?.code].filter(Boolean).join(" – ") || "?";
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export function consolidate(inputs: ConsolidationInput[], options: ConsolidationOptions = {}): ConsolidationResult {
  const form = options.form ?? dominantForm(inputs.map((i) => i.result));
  const year = options.year ?? dominantYear(inputs.map((i) => i.result), form);
  const sources: SourceRecord[] = inputs.map((input) => ({
    file: input.file,
    sha256: input.sha256,
    agency: input.result.agency,
    year: input.result.period ? null : input.result.year,
    included: false,
    reason: null,
    findings: [...input.result.findings],
    result: input.result,
  }));
  const exclude = (source: SourceRecord, reason: string, extra?: Finding) => {
    if (extra) source.findings.push(extra);
    if (source.reason === null) source.reason = reason;
  };

  const firstBySha = new Map<string, SourceRecord>();
  for (const source of sources) {
    const r = source.result!;
    if (r.form === null) {
      exclude(source, rootError(r.findings)?.code ?? "form.not-found");
      continue;
    }
    if (r.form !== form) {
      exclude(
        source,
        "form.not-found",
        finding(
          "form.not-found",
          {
            vi: `Tệp không phải biểu ${form ?? "?"} đang tổng hợp (trang "${r.sheet ?? "?"}" là biểu ${r.form}), nên không được tổng hợp.`,
            en: `The file is not form ${form ?? "?"}, the form being consolidated (sheet "${r.sheet ?? "?"}" is form ${r.form}), so it is not consolidated.`,
          },
          { sheet: r.sheet },
        ),
      );
      continue;
    }
    const twin = firstBySha.get(source.sha256);
    if (twin) {
      exclude(
        source,
        "consolidate.identical-file",
        finding("consolidate.identical-file", {
          vi: `Tệp giống hệt tệp "${twin.file}" (cùng SHA-256); chỉ tính một lần.`,
          en: `Identical to "${twin.file}" (same SHA-256); counted once.`,
        }),
      );
      continue;
    }
    firstBySha.set(source.sha256, source);
    if (year !== null && r.year !== year) {
      exclude(
        source,
        "consolidate.year-mismatch",
        finding(
          "consolidate.year-mismatch",
          {
            vi: `Tệp là báo cáo ${r.period ? `giai đoạn ${r.period.from} - ${r.period.to}` : `năm ${r.year ?? "?"}`}, không phải năm ${year} đang tổng hợp.`,
            en: `The file reports ${r.period ? `the period ${r.period.from}-${r.period.to}` : `year ${r.year ?? "?"}`}, not ${year}, the year being consolidated.`,
          },
          { expected: year, actual: r.year },
        ),
      );
    }
  }

  const byAgency = new Map<string, SourceRecord[]>();
  for (const source of sources) {
    if (source.reason !== null) continue;
    const key = agencyKey(source.agency);
    if (key) byAgency.set(key, [...(byAgency.get(key) ?? []), source]);
  }
  for (const group of byAgency.values()) {
    if (group.length < 2) continue;
    for (const source of group) {
      const others = group.filter((g) => g !== source).map((g) => `"${g.file}"`).join(", ");
      exclude(
        source,
        "consolidate.duplicate-agency",
        finding("consolidate.duplicate-agency", {
          vi: `Đơn vị ${agencyLabel(source.agency)} có nhiều tệp khác nhau (${others}). Không tệp nào được cộng; hãy xác định tệp đúng và bỏ các tệp còn lại.`,
          en: `Agency ${agencyLabel(source.agency)} has several different files (${others}). None is added; decide which is right and remove the others.`,
        }),
      );
    }
  }

  for (const source of sources) {
    if (source.reason !== null) continue;
    if (hasErrors(source.findings) && !options.includeInvalid) {
      exclude(source, rootError(source.findings)!.code);
      continue;
    }
    source.included = true;
  }

  const roster = options.roster ?? null;
  const rosterFindings: Finding[] = [];
  let missing: Agency[] = [];
  if (roster) {
    const rosterKeys = new Set(roster.map((a) => agencyKey(a)));
    const rosterNames = new Set(roster.map((a) => (a.name ? matchKey(a.name) : "")));
    const seenKeys = new Set(sources.map((s) => agencyKey(s.agency)));
    const seenNames = new Set(sources.map((s) => (s.agency?.name ? matchKey(s.agency.name) : "")));
    missing = roster.filter((a) => !seenKeys.has(agencyKey(a)) && !(a.code === null && a.name && seenNames.has(matchKey(a.name))));
    for (const agency of missing)
      rosterFindings.push(
        finding(
          "consolidate.missing-agency",
          {
            vi: `Chưa có tệp của đơn vị ${agencyLabel(agency)} (có trong danh sách đơn vị).`,
            en: `No file from ${agencyLabel(agency)} (on the roster).`,
          },
          { row: agency.code },
        ),
      );
    for (const source of sources) {
      if (!source.agency || source.reason === "consolidate.identical-file") continue;
      const known = rosterKeys.has(agencyKey(source.agency)) || (source.agency.name !== null && rosterNames.has(matchKey(source.agency.name)));
      if (!known)
        source.findings.push(
          finding("consolidate.not-in-roster", {
            vi: `Đơn vị ${agencyLabel(source.agency)} không có trong danh sách đơn vị (tệp ${source.file}).`,
            en: `Agency ${agencyLabel(source.agency)} is not on the roster (file ${source.file}).`,
          }),
        );
    }
  }

  const reference = referenceDefinition(sources, form);
  const rows = reference ? sumRows(reference, sources) : (Object.create(null) as Record<string, ColumnValues>);
  const totals: Record<string, RowTotal> = Object.create(null);
  if (reference && reference.rowKey === "code" && reference.attainment?.length)
    for (const row of reference.rows) totals[row.code ?? row.key] = rowTotal(rows[row.key], reference);

  const included = sources.filter((s) => s.included);
  return {
    form,
    definition: reference,
    year,
    province: mostCommon(included.map((s) => s.result?.managingBody ?? null)) ?? MANAGING_BODY,
    included: included.length,
    excluded: sources.length - included.length,
    expected: roster ? roster.length : null,
    missing,
    sources,
    rows,
    totals,
    findings: rosterFindings,
  };
}

/**
 * The form the report reproduces: the definition of the first included file of that form
 * (every file shares it for a built-in or learned form; for a form inferred from the files
 * themselves, the first file's stands for all), else of the first file of that form.
 */
function referenceDefinition(sources: SourceRecord[], form: string | null): FormDefinition | null {
  const ofForm = sources.filter((s) => s.result?.form === form && s.result.definition);
  return (ofForm.find((s) => s.included) ?? ofForm[0])?.result?.definition ?? null;
}

/**
 * A file's rows in the reference form's keys: the same keys when the file was read with the
 * reference (a built-in or learned form); for a file read with its own inferred form, matched
 * by label path, then by label. `unmatched`: the file's rows the reference lacks.
 */
export function rowsInReference(reference: FormDefinition, result: ValidationResult): { rows: Map<string, ColumnValues>; unmatched: { key: string; label: string; values: ColumnValues }[] } {
  const rows = new Map<string, ColumnValues>();
  const unmatched: { key: string; label: string; values: ColumnValues }[] = [];
  const own = result.definition;
  if (!own) return { rows, unmatched };
  const index = rowIndexOf(reference);
  const same = own === reference || (own.origin !== "inferred" && own.id === reference.id);
  const labels = new Map(own.rows.map((r) => [r.key, r.label]));
  for (const [key, values] of Object.entries(result.rows)) {
    const target = same ? index.row(key) : (index.forKey(key, labelPathOf(own, key)) ?? index.forLabel(labels.get(key) ?? ""));
    if (target && !rows.has(target.key)) rows.set(target.key, values);
    else unmatched.push({ key, label: labels.get(key) ?? key, values });
  }
  return { rows, unmatched };
}

/**
 * Included files summed cell by cell: rows by key, columns by code; ratios recomputed from the
 * sums, never added. A file's row that the reference lacks is named in a warning, not lost.
 */
function sumRows(reference: FormDefinition, sources: SourceRecord[]): Record<string, ColumnValues> {
  const numeric = reference.columns.filter((c) => isNumericKind(c.kind)).map((c) => c.code);
  const ratios = reference.relations.filter((r) => r.kind === "ratio");
  const ratioCodes = new Set(ratios.map((r) => (r.kind === "ratio" ? r.result : "")));
  const rows: Record<string, ColumnValues> = Object.create(null);
  for (const row of reference.rows) {
    const sum: ColumnValues = Object.create(null);
    for (const code of numeric) if (!ratioCodes.has(code)) sum[code] = 0;
    rows[row.key] = sum;
  }
  for (const source of sources) {
    if (!source.included || !source.result) continue;
    const mapped = rowsInReference(reference, source.result);
    for (const [key, values] of mapped.rows) {
      const sum = rows[key];
      for (const code of Object.keys(sum)) sum[code] += values[code] ?? 0;
    }
    for (const row of mapped.unmatched) {
      if (!Object.values(row.values).some((v) => v !== 0)) continue;
      source.findings.push(
        finding(
          "row.unknown",
          {
            vi: `Dòng "${row.label}" không có trong biểu dùng để tổng hợp (biểu của tệp đầu tiên); số liệu của dòng không được cộng.`,
            en: `Row "${row.label}" is not in the form used for the consolidation (the first file's); its figures are not added.`,
          },
          { sheet: source.result.sheet, row: row.key },
        ),
      );
    }
  }
  for (const sum of Object.values(rows))
    for (const r of ratios) {
      if (r.kind !== "ratio") continue;
      const denominator = sum[r.denominator] ?? 0;
      if (denominator > 0) sum[r.result] = (sum[r.numerator] ?? 0) / denominator;
    }
  return rows;
}
