/** The `dtbd` command: parse arguments, dispatch, return an exit code (0/1/2 per CONTRACT). */
import "./v8-tuning"; // first: before any command's code is compiled
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { Lang } from "../core/findings";
import { runConsolidate } from "./consolidate";
import { runPeriod } from "./period";
import { runTemplate } from "./template";
import { runValidate } from "./validate";

export interface CommonOptions {
  json: boolean;
  lang: Lang;
  quiet: boolean;
  color: boolean;
}

function common(cmd: Command): Command {
  return cmd
    .option("--json", "machine output on stdout (JSON)", false)
    .addOption(new Option("--lang <lang>", "language of messages").choices(["vi", "en"]).default("vi"))
    .option("--quiet", "print nothing but errors", false);
}

function commonOptions(raw: Record<string, unknown>): CommonOptions {
  return {
    json: Boolean(raw.json),
    lang: raw.lang === "en" ? "en" : "vi",
    quiet: Boolean(raw.quiet),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("dtbd")
    .description("DTBD: kiểm tra và tổng hợp biểu 01/ĐTBD (kế hoạch đào tạo, bồi dưỡng CBCCVC)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  common(program.command("validate").description("kiểm tra từng tệp / check each workbook").argument("<files...>"))
    .action(async (files: string[], raw: Record<string, unknown>) => {
      exitCode = await runValidate(files, commonOptions(raw));
    });

  common(
    program
      .command("consolidate")
      .description("tổng hợp báo cáo toàn tỉnh / merge agency workbooks into the provincial report")
      .argument("<inputs...>")
      .requiredOption("--out <report>", "report workbook to write (.xlsx)")
      .option("--year <yyyy>", "year to consolidate (default: the most common year)", parseYear)
      .option("--roster <file>", "roster of expected agencies (.csv or .xlsx)")
      .option("--include-invalid", "include files with error findings", false),
  ).action(async (inputs: string[], raw: Record<string, unknown>) => {
    exitCode = await runConsolidate(inputs, {
      ...commonOptions(raw),
      out: String(raw.out),
      year: raw.year as number | undefined,
      roster: raw.roster as string | undefined,
      includeInvalid: Boolean(raw.includeInvalid),
    });
  });

  common(
    program
      .command("template")
      .description("ghi mẫu biểu 01/ĐTBD trống / write a blank form 01/ĐTBD")
      .requiredOption("--out <file>", "workbook to write (.xlsx)")
      .option("--year <yyyy>", "report year", parseYear)
      .option("--period <from-to>", "a period plan instead, e.g. 2021-2025", parsePeriod)
      .option("--agency <name>", "reporting agency name")
      .option("--code <code>", "agency identifier code (NNN.NN.NN.HNN)"),
  ).action(async (raw: Record<string, unknown>) => {
    exitCode = await runTemplate({
      ...commonOptions(raw),
      out: String(raw.out),
      year: raw.year as number | undefined,
      period: raw.period as { from: number; to: number } | undefined,
      agency: raw.agency as string | undefined,
      code: raw.code as string | undefined,
    });
  });

  common(
    program
      .command("period")
      .description("sơ kết giai đoạn / period review against a period plan")
      .argument("<reports...>")
      .requiredOption("--target <plan>", "period plan: form 01/ĐTBD titled GIAI ĐOẠN yyyy - yyyy")
      .requiredOption("--out <review>", "review workbook to write (.xlsx)")
      .option("--baseline <code=n>", "previous period's yearly average for a Mã số (repeatable)", collectBaseline, {})
      .option("--years <n>", "number of years to average over", parsePositiveInt),
  ).action(async (reports: string[], raw: Record<string, unknown>) => {
    exitCode = await runPeriod(reports, {
      ...commonOptions(raw),
      out: String(raw.out),
      target: String(raw.target),
      baseline: raw.baseline as Record<string, number>,
      years: raw.years as number | undefined,
    });
  });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

function parseYear(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1990 || n > 2100) throw new InvalidArgumentError("YYYY");
  return n;
}

function parsePeriod(value: string): { from: number; to: number } {
  const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(value.trim());
  if (!m || Number(m[1]) > Number(m[2])) throw new InvalidArgumentError("YYYY-YYYY");
  return { from: Number(m[1]), to: Number(m[2]) };
}

function collectBaseline(value: string, previous: Record<string, number>): Record<string, number> {
  const m = /^(\d{1,3})\s*=\s*([\d.,]+)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError("MÃ_SỐ=N, e.g. 01=2354");
  const n = Number(m[2].replace(/[.,](?=\d{3}\b)/g, "").replace(",", "."));
  if (!Number.isFinite(n)) throw new InvalidArgumentError("MÃ_SỐ=N");
  return { ...previous, [m[1].padStart(2, "0")]: n };
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("N ≥ 1");
  return n;
}
