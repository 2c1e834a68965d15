/**
 * Period review, as in the source article's three-year review of 2021–2025: actuals summed
 * over the years against the period target, the average per year, and the change against
 * the previous period's yearly average. Rates use unrounded sums; the article rounds only
 * for display (3.171 a year, +817), and so do we.
 */
import { type Finding, finding } from "./findings";
import { FORM01_DEFINITION } from "./form/builtin";
import type { FormDefinition } from "./form/definition";
import type { ValidationResult } from "./model";

export interface PeriodInput {
  file: string;
  result: ValidationResult;
}

export interface PeriodRow {
  /** The Mã số, or the row's key in a form without Mã số. */
  code: string;
  tt: string | null;
  label: string;
  unit: string | null;
  /** The row adds up other rows (shown in bold). */
  parent: boolean;
  /** A top-level row of the form (form 01: ĐÀO TẠO, BỒI DƯỠNG). */
  top: boolean;
  /** Actual (column 6) per report year. */
  byYear: Record<string, number>;
  actualSum: number;
  /** Period target: the plan total (column 1) of the period plan. */
  target: number;
  rate: number | null;
  perYear: number;
  baseline: number | null;
  change: number | null;
  changeRatio: number | null;
}

export interface PeriodReview {
  period: { from: number; to: number } | null;
  years: number;
  reportYears: number[];
  rows: PeriodRow[];
  findings: Finding[];
  files: { file: string; year: number | null; role: "year" | "target"; used: boolean }[];
}

export interface PeriodOptions {
  /** Number of years to average over; defaults to the number of distinct report years. */
  years?: number;
  /** Previous period's yearly average per Mã số, e.g. { "01": 2354, "14": 40604 }. */
  baseline?: Record<string, number>;
}

export function periodReview(reports: PeriodInput[], target: PeriodInput, options: PeriodOptions = {}): PeriodReview {
  const findings: Finding[] = [];
  const files: PeriodReview["files"] = [];
  const period = target.result.period;
  if (!period)
    findings.push(
      finding("header.year-missing", {
        vi: `Tệp kế hoạch giai đoạn ${target.file} không có tiêu đề "GIAI ĐOẠN yyyy - yyyy".`,
        en: `The period plan ${target.file} has no "GIAI ĐOẠN yyyy - yyyy" title.`,
      }),
    );
  files.push({ file: target.file, year: null, role: "target", used: target.result.form !== null });
  // The period plan's form decides the rows and which columns are plan and actual.
  const definition: FormDefinition = target.result.definition ?? FORM01_DEFINITION;
  const used: PeriodInput[] = [];
  const seenYears = new Map<number, string>();
  for (const report of reports) {
    const year = report.result.year;
    const inPeriod = year !== null && (!period || (year >= period.from && year <= period.to));
    const duplicate = year !== null && seenYears.has(year);
    const otherForm = report.result.form !== null && report.result.form !== definition.id;
    const ok = report.result.form !== null && !otherForm && inPeriod && !duplicate;
    files.push({ file: report.file, year, role: "year", used: ok });
    if (otherForm) {
      findings.push(
        finding("form.not-found", {
          vi: `Tệp ${report.file} là biểu ${report.result.form}, không cùng biểu ${definition.id} với kế hoạch giai đoạn; không được cộng.`,
          en: `${report.file} is form ${report.result.form}, not form ${definition.id} of the period plan; not added.`,
        }),
      );
      continue;
    }
    if (!ok) {
      findings.push(
        finding("consolidate.year-mismatch", {
          vi: duplicate
            ? `Tệp ${report.file} trùng năm ${year} với tệp ${seenYears.get(year!)}; không được cộng.`
            : `Tệp ${report.file} (năm ${year ?? "?"}) không thuộc giai đoạn ${period ? `${period.from} - ${period.to}` : "?"} hoặc không đọc được biểu; không được cộng.`,
          en: duplicate
            ? `${report.file} repeats year ${year} of ${seenYears.get(year!)}; not added.`
            : `${report.file} (year ${year ?? "?"}) is outside the period ${period ? `${period.from}-${period.to}` : "?"} or has no readable form; not added.`,
        }),
      );
      continue;
    }
    seenYears.set(year!, report.file);
    used.push(report);
  }
  const reportYears = [...seenYears.keys()].sort((a, b) => a - b);
  const years = options.years ?? Math.max(reportYears.length, 1);
  const pair = definition.attainment?.[0];
  if (!pair) {
    findings.push(
      finding("form.not-found", {
        vi: `Biểu ${definition.id} của tệp ${target.file} không có cặp cột kế hoạch – thực hiện, nên không sơ kết được theo chỉ tiêu giai đoạn.`,
        en: `Form ${definition.id} of ${target.file} has no plan/actual column pair, so no review against a period target is possible.`,
      }),
    );
    return { period, years, reportYears, rows: [], findings, files };
  }
  const hasChildren = new Set(definition.rows.flatMap((r) => (r.parent !== null && r.relation === "sum" ? [r.parent] : [])));
  const rows = definition.rows.map((form): PeriodRow => {
    const byYear: Record<string, number> = {};
    let actualSum = 0;
    const code = form.code ?? form.key;
    for (const report of used) {
      const actual = report.result.rows[form.key]?.[pair.actual] ?? 0;
      byYear[String(report.result.year)] = (byYear[String(report.result.year)] ?? 0) + actual;
      actualSum += actual;
    }
    const targetValue = target.result.rows[form.key]?.[pair.plan] ?? 0;
    const perYear = actualSum / years;
    const baseline = options.baseline?.[code] ?? null;
    return {
      code,
      tt: form.tt,
      label: form.label,
      unit: form.unit ?? definition.unit ?? null,
      parent: hasChildren.has(form.key),
      top: form.parent === null,
      byYear,
      actualSum,
      target: targetValue,
      rate: targetValue > 0 ? actualSum / targetValue : null,
      perYear,
      baseline,
      change: baseline === null ? null : perYear - baseline,
      changeRatio: baseline === null || baseline === 0 ? null : perYear / baseline,
    };
  });
  return { period, years, reportYears, rows, findings, files };
}
