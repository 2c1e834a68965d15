/** `dtbd template --year YYYY [--agency NAME] [--code CODE] --out FILE.xlsx` */
import type { CommonOptions } from "./main";
import { formsOrRefuse } from "./definitions";
import { writeAtomically } from "./write-output";

export interface TemplateCliOptions extends CommonOptions {
  out: string;
  year?: number;
  period?: { from: number; to: number };
  agency?: string;
  code?: string;
}

export async function runTemplate(opts: TemplateCliOptions): Promise<number> {
  if (opts.forms.length > 1) {
    process.stderr.write(`dtbd: ${opts.lang === "vi" ? "mẫu trống chỉ theo một biểu (--form một lần)" : "a blank form follows one form (--form once)"}\n`);
    return 2;
  }
  const definitions = await formsOrRefuse(opts.forms, opts.lang);
  if (!definitions) return 2;
  // exceljs (the writer) loads only for the commands that write: validate starts ~0.2 s sooner
  const { writeTemplate } = await import("../io/template.js");
  const { writeFormTemplate } = await import("../io/form-sheet.js");
  const bytes =
    definitions.length === 1
      ? await writeFormTemplate(definitions[0], { year: opts.year ?? new Date().getFullYear(), agencyName: opts.agency ?? null })
      : await writeTemplate({
          year: opts.period ? undefined : (opts.year ?? new Date().getFullYear()),
          period: opts.period,
          agencyName: opts.agency,
          agencyCode: opts.code,
        });
  try {
    await writeAtomically(opts.out, bytes);
  } catch (error) {
    process.stderr.write(`dtbd: ${opts.lang === "vi" ? "không ghi được" : "cannot write"} ${opts.out}: ${(error as Error).message}\n`);
    return 2;
  }
  if (opts.json) process.stdout.write(JSON.stringify({ out: opts.out, year: opts.year ?? null, period: opts.period ?? null }) + "\n");
  else if (!opts.quiet) process.stdout.write((opts.lang === "vi" ? "Đã ghi mẫu biểu: " : "Blank form written: ") + opts.out + "\n");
  return 0;
}
