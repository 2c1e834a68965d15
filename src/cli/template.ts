/** `dtbd template --year YYYY [--agency NAME] [--code CODE] [--from LAST_YEAR.xlsx] --out FILE.xlsx` */
import { ACTUAL_TOTAL, FORM_ID } from "../core/form01";
import type { FormDefinition } from "../core/form/definition";
import { PreviousRefused } from "../core/previous";
import type { CommonOptions } from "./main";
import { formsOrRefuse } from "./definitions";
import { t } from "./messages";
import { readLastYearFile } from "./previous";
import { OutputRefused, assertOutputAllowed, writeAtomically } from "./write-output";

export interface TemplateCliOptions extends CommonOptions {
  out: string;
  year?: number;
  period?: { from: number; to: number };
  agency?: string;
  code?: string;
  /** The agency's own form of last year: same agency, next year, last year's actuals as a reference. */
  from?: string;
}

/** What last year's form gives this year's blank one. */
interface FromLastYear {
  file: string;
  year: number;
  agency: { name: string | null; code: string | null };
  /** Last year's figures by row key. */
  rows: Record<string, Record<string, number>>;
}

async function lastYear(file: string, definitions: readonly FormDefinition[]): Promise<FromLastYear> {
  const read = await readLastYearFile(file, definitions);
  const r = read.result;
  const said = (vi: string, en: string) => new PreviousRefused({ vi: `Tệp năm trước "${read.file}": ${vi}`, en: `Last year's file "${read.file}": ${en}` });
  const expected = definitions.length === 1 ? definitions[0].id : FORM_ID;
  if (r.form === null) {
    const why = r.findings.find((f) => f.severity === "error");
    throw said(`không đọc được biểu ${expected} trong tệp${why ? ` (${why.message.vi})` : ""}.`, `no form ${expected} could be read in it${why ? ` (${why.message.en})` : ""}.`);
  }
  if (r.form !== expected) throw said(`là biểu ${r.form}, không phải biểu ${expected}.`, `is form ${r.form}, not form ${expected}.`);
  if (r.period) throw said(`là kế hoạch giai đoạn ${r.period.from} - ${r.period.to}, không phải biểu của một năm.`, `is a period plan (${r.period.from}-${r.period.to}), not one year's form.`);
  if (r.year === null) throw said("không ghi năm báo cáo; hãy ghi --year cho biểu năm nay.", "gives no report year; give --year for this year's form.");
  return { file: read.file, year: r.year, agency: { name: r.agency?.name ?? null, code: r.agency?.code ?? null }, rows: r.rows };
}

export async function runTemplate(opts: TemplateCliOptions): Promise<number> {
  if (opts.forms.length > 1) {
    process.stderr.write(t(opts.lang, "oneFormForTemplate") + "\n");
    return 2;
  }
  if (opts.from && opts.period) {
    process.stderr.write(t(opts.lang, "fromNotWithPeriod") + "\n");
    return 2;
  }
  if (opts.from) {
    try {
      assertOutputAllowed(opts.out, [opts.from], [], opts.lang);
    } catch (error) {
      if (!(error instanceof OutputRefused)) throw error;
      process.stderr.write(`dtbd: ${error.message}\n`);
      return 2;
    }
  }
  const definitions = await formsOrRefuse(opts.forms, opts.lang);
  if (!definitions) return 2;
  let from: FromLastYear | undefined;
  if (opts.from) {
    try {
      from = await lastYear(opts.from, definitions);
    } catch (error) {
      if (!(error instanceof PreviousRefused)) throw error;
      process.stderr.write(`dtbd: ${error.text[opts.lang]}\n`);
      return 2;
    }
    if (opts.year !== undefined && opts.year <= from.year) {
      process.stderr.write(t(opts.lang, "yearNotAfter", { year: opts.year, fromYear: from.year }) + "\n");
      return 2;
    }
  }
  const year = opts.year ?? (from ? from.year + 1 : new Date().getFullYear());
  const agencyName = opts.agency ?? from?.agency.name ?? undefined;
  const agencyCode = opts.code ?? from?.agency.code ?? undefined;
  // exceljs (the writer) loads only for the commands that write: validate starts ~0.2 s sooner
  const { writeTemplate } = await import("../io/template.js");
  const { writeFormTemplate } = await import("../io/form-sheet.js");
  const reference = from ? { year: from.year, rows: from.rows } : undefined;
  const bytes =
    definitions.length === 1
      ? await writeFormTemplate(definitions[0], { year, agencyName: agencyName ?? null, reference })
      : await writeTemplate({
          year: opts.period ? undefined : year,
          period: opts.period,
          agencyName,
          agencyCode,
          reference: from ? { year: from.year, actual: Object.fromEntries(Object.entries(from.rows).map(([code, v]) => [code, v[ACTUAL_TOTAL] ?? 0])) } : undefined,
        });
  try {
    await writeAtomically(opts.out, bytes);
  } catch (error) {
    process.stderr.write(t(opts.lang, "cannotWrite", { out: opts.out, reason: (error as Error).message }) + "\n");
    return 2;
  }
  if (opts.json)
    process.stdout.write(
      JSON.stringify({
        out: opts.out,
        year: from ? year : (opts.year ?? null),
        period: opts.period ?? null,
        ...(from ? { from: { file: from.file, year: from.year, agency: from.agency } } : {}),
      }) + "\n",
    );
  else if (!opts.quiet) {
    if (from) process.stdout.write(t(opts.lang, "templateFrom", { year, agency: agencyName ?? "?", fromYear: from.year, file: from.file }) + "\n");
    process.stdout.write(t(opts.lang, "templateWritten", { out: opts.out }) + "\n");
  }
  return 0;
}
