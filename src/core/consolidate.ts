/**
 * Consolidation of agency forms into the provincial report. Every input is accounted for:
 * included, or excluded with the finding that decided it. Rows are matched by Mã số (the
 * reader already did that), numbers are summed, rates recomputed from the sums.
 */
import { FINDING_SEVERITY, type Finding, finding, hasErrors } from "./findings";
import { FORM01_COLUMNS, FORM01_ROWS, FORM_ID, MANAGING_BODY } from "./form01";
import type { Agency, ColumnValues, ConsolidationResult, RowTotal, SourceRecord, ValidationResult } from "./model";
import { matchKey } from "./text/normalize";
import { rowTotal } from "./validate";

export interface ConsolidationInput {
  file: string;
  sha256: string;
  result: ValidationResult;
}

export interface ConsolidationOptions {
  year?: number;
  roster?: Agency[];
  includeInvalid?: boolean;
}

/** Agencies are keyed by their identifier code, by name only when the code is absent. */
export function agencyKey(agency: Agency | null): string | null {
  if (!agency) return null;
  if (agency.code) return "code:" + agency.code.replace(/\s+/g, "").toUpperCase();
  if (agency.name) return "name:" + matchKey(agency.name);
  return null;
}

const CONTRACT_ORDER = Object.keys(FINDING_SEVERITY);

/**
 * The error to name as a file's reason: the most fundamental one, in CONTRACT's order (an
 * unreadable file before a missing header, a wrong cell before the parent sum it spoils).
 */
export function rootError(findings: readonly Finding[]): Finding | undefined {
  let root: Finding | undefined;
  for (const f of findings)
    if (f.severity === "error" && (!root || CONTRACT_ORDER.indexOf(f.code) < CONTRACT_ORDER.indexOf(root.code))) root = f;
  return root;
}

/** The most common year among the files; a tie goes to the later year. */
export function dominantYear(results: ValidationResult[]): number | null {
  const counts = new Map<number, number>();
  for (const r of results) if (r.form === FORM_ID && r.year !== null) counts.set(r.year, (counts.get(r.year) ?? 0) + 1);
  let best: number | null = null;
  for (const [year, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && year > best)) best = year;
  return best;
}

function numericCodes(): string[] {
  return FORM01_COLUMNS.filter((c) => /^\d+$/.test(c.code)).map((c) => c.code);
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
  const year = options.year ?? dominantYear(inputs.map((i) => i.result));
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
    if (r.form !== FORM_ID) {
      const cause = rootError(r.findings);
      exclude(
        source,
        cause?.code ?? "form.not-found",
        cause
          ? undefined
          : finding("form.not-found", {
              vi: `Tệp không phải biểu 01/ĐTBD (trang "${r.sheet ?? "?"}" là một biểu khác có dòng mã cột), nên không được tổng hợp.`,
              en: `The file is not form 01/ĐTBD (sheet "${r.sheet ?? "?"}" is another form with a code row), so it is not consolidated.`,
            }, { sheet: r.sheet }),
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

  const rows: Record<string, ColumnValues> = Object.create(null);
  const codes = numericCodes();
  for (const form of FORM01_ROWS) {
    const sum: ColumnValues = Object.create(null);
    for (const code of codes) sum[code] = 0;
    for (const source of sources) {
      if (!source.included) continue;
      const values = source.result?.rows[form.code];
      if (values) for (const code of codes) sum[code] += values[code] ?? 0;
    }
    rows[form.code] = sum;
  }
  const totals: Record<string, RowTotal> = Object.create(null);
  for (const form of FORM01_ROWS) totals[form.code] = rowTotal(rows[form.code]);

  const included = sources.filter((s) => s.included);
  return {
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
