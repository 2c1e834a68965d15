/** The `dtbd` command: parse arguments, dispatch, return an exit code (0/1/2, docs/cli.md). */
import "./v8-tuning"; // first: before any command's code is compiled
import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { Lang } from "../core/findings";
import { runConsolidate } from "./consolidate";
import { runPeriod } from "./period";
import { runTemplate } from "./template";
import { runValidate } from "./validate";
import { runFormLearn, runFormShow } from "./form";

export interface CommonOptions {
  json: boolean;
  lang: Lang;
  quiet: boolean;
  color: boolean;
  /** Form definitions (--form FORM.json), tried before the built-in ones. */
  forms: string[];
}

function collectForm(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --form FORM.json, repeatable: the commands that read agencies' files. */
function withForms(cmd: Command): Command {
  return cmd.option("--form <form.json>", "định nghĩa biểu (dtbd form learn), lặp lại được / form definition, repeatable", collectForm, []);
}

function common(cmd: Command): Command {
  return cmd
    .option("--json", "kết quả dạng JSON trên stdout / machine output on stdout (JSON)", false)
    .addOption(new Option("--lang <lang>", "ngôn ngữ của thông báo / language of messages").choices(["vi", "en"]).default("vi"))
    .option("--quiet", "chỉ in lỗi / print nothing but errors", false)
    .helpOption("-h, --help", "hướng dẫn / help");
}

function packageVersion(): string {
  // src/cli and lib/cli are both two levels below the package root
  try {
    return String((JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: unknown }).version ?? "?");
  } catch {
    return "?";
  }
}

/** Help's headings in both languages, Vietnamese first, as every description is. */
const HELP_TITLES: Record<string, string> = {
  "Usage:": "Cách dùng / Usage:",
  "Options:": "Tùy chọn / Options:",
  "Commands:": "Lệnh / Commands:",
  "Arguments:": "Đối số / Arguments:",
  "Global Options:": "Tùy chọn chung / Global options:",
};

const bilingualHelp = { styleTitle: (title: string) => HELP_TITLES[title] ?? title };

/**
 * commander's own errors (a missing --out, an unknown option…) in Vietnamese first, with the
 * English after it: --lang is not known yet when arguments fail to parse.
 */
const COMMANDER_ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: required option '(.+)' not specified/, (o) => `thiếu tùy chọn bắt buộc ${o} (required option ${o} not specified)`],
  [/^error: missing required argument '(.+)'/, (a) => `thiếu ${a}: tệp hoặc thư mục cần đọc (missing argument ${a})`],
  [/^error: unknown option '(.+?)'([\s\S]*)/, (o, hint) => `không có tùy chọn ${o} (unknown option)${suggestion(hint)}`],
  [/^error: unknown command '(.+?)'([\s\S]*)/, (c, hint) => `không có lệnh ${c} (unknown command)${suggestion(hint)}`],
  [/^error: option '(.+)' argument '(.*)' is invalid\. ?(.*)/, (o, v, want) => `giá trị "${v}" của ${o} không hợp lệ${want ? `, cần ${want.replace(/^Allowed choices are (.+?)\.?$/, "một trong: $1")}` : ""} (invalid value)`],
  [/^error: option '(.+)' argument missing/, (o) => `tùy chọn ${o} cần một giá trị (argument missing)`],
  [/^error: too many arguments/, () => "thừa đối số (too many arguments)"],
];

/** commander's "(Did you mean --out?)" on its next line, kept on this one. */
function suggestion(hint: string): string {
  const m = /Did you mean (.+?)\?/.exec(hint);
  return m ? ` – có phải ý bạn là ${m[1]}? (did you mean ${m[1]}?)` : "";
}

export function localizeCommanderError(text: string): string {
  const line = text.trim();
  for (const [pattern, say] of COMMANDER_ERRORS) {
    const m = pattern.exec(line);
    if (m) return `dtbd: ${say(...m.slice(1))}\n`;
  }
  return text.startsWith("error: ") ? `dtbd: ${text.slice("error: ".length)}` : text;
}

const FEEDBACK_HELP =
  "ghi phản hồi cho từng đơn vị vào thư mục: bản sao tệp có lỗi kèm trang “Phản hồi” và ghi chú ở ô (<tên>-phan-hoi.xlsx), và tong-hop-phan-hoi.csv / " +
  "write feedback for each agency into this directory: an annotated copy of each file with findings (<name>-phan-hoi.xlsx) and tong-hop-phan-hoi.csv";

function commonOptions(raw: Record<string, unknown>): CommonOptions {
  return {
    json: Boolean(raw.json),
    lang: raw.lang === "en" ? "en" : "vi",
    quiet: Boolean(raw.quiet),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    forms: Array.isArray(raw.form) ? (raw.form as string[]) : [],
  };
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("dtbd")
    .description("DTBD: kiểm tra và tổng hợp biểu 01/ĐTBD (kế hoạch đào tạo, bồi dưỡng CBCCVC)")
    .version(packageVersion(), "-v, --version", "phiên bản / version")
    .helpOption("-h, --help", "hướng dẫn / help")
    .helpCommand("help [command]", "hướng dẫn cho một lệnh / help for a command")
    .configureHelp(bilingualHelp)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(localizeCommanderError(s)) });

  common(
    withForms(program.command("validate"))
      .description("kiểm tra từng tệp / check each workbook")
      .argument("<files...>")
      .option("--feedback <dir>", FEEDBACK_HELP),
  ).action(async (files: string[], raw: Record<string, unknown>) => {
    exitCode = await runValidate(files, { ...commonOptions(raw), feedback: raw.feedback as string | undefined });
  });

  common(
    withForms(program.command("consolidate"))
      .description("tổng hợp báo cáo toàn tỉnh / merge agency workbooks into the provincial report")
      .argument("<inputs...>")
      .requiredOption("--out <report>", "tệp báo cáo sẽ ghi (.xlsx) / report workbook to write")
      .option("--year <yyyy>", "năm tổng hợp (mặc định: năm của đa số tệp) / year to consolidate (default: the most common year)", parseYear)
      .option("--roster <file>", "danh sách đơn vị phải nộp (.csv, .xlsx) / roster of expected agencies")
      .option("--include-invalid", "cộng cả tệp có lỗi / include files with error findings", false)
      .option("--feedback <dir>", FEEDBACK_HELP)
      .option(
        "--previous <report>",
        "báo cáo tổng hợp năm trước (hoặc biểu cùng loại) để so sánh: thêm số năm trước, mức tăng giảm và phát hiện trend.* / " +
          "last year's consolidated report (or a form of the same kind): adds last year's figures, the change and trend.* findings",
      ),
  ).action(async (inputs: string[], raw: Record<string, unknown>) => {
    exitCode = await runConsolidate(inputs, {
      ...commonOptions(raw),
      out: String(raw.out),
      year: raw.year as number | undefined,
      roster: raw.roster as string | undefined,
      includeInvalid: Boolean(raw.includeInvalid),
      feedback: raw.feedback as string | undefined,
      previous: raw.previous as string | undefined,
    });
  });

  common(
    withForms(program.command("template"))
      .description("ghi mẫu biểu 01/ĐTBD trống / write a blank form 01/ĐTBD")
      .requiredOption("--out <file>", "tệp sẽ ghi (.xlsx) / workbook to write")
      .option("--year <yyyy>", "năm báo cáo / report year", parseYear)
      .option("--period <from-to>", "kế hoạch giai đoạn, ví dụ 2021-2025 / a period plan instead", parsePeriod)
      .option("--agency <name>", "tên đơn vị báo cáo / reporting agency name")
      .option("--code <code>", "mã định danh đơn vị (NNN.NN.NN.HNN) / agency identifier code")
      .option(
        "--from <last-year>",
        "biểu năm trước của đơn vị: cùng đơn vị, năm sau, số thực hiện năm trước để tham khảo / " +
          "the agency's form of last year: same agency, the next year, last year's actuals as a reference",
      ),
  ).action(async (raw: Record<string, unknown>) => {
    exitCode = await runTemplate({
      ...commonOptions(raw),
      out: String(raw.out),
      year: raw.year as number | undefined,
      period: raw.period as { from: number; to: number } | undefined,
      agency: raw.agency as string | undefined,
      code: raw.code as string | undefined,
      from: raw.from as string | undefined,
    });
  });

  common(
    withForms(program.command("period"))
      .description("sơ kết giai đoạn / period review against a period plan")
      .argument("<reports...>")
      .requiredOption("--target <plan>", "kế hoạch giai đoạn: biểu 01/ĐTBD ghi GIAI ĐOẠN yyyy - yyyy / period plan")
      .requiredOption("--out <review>", "tệp sơ kết sẽ ghi (.xlsx) / review workbook to write")
      .option("--baseline <code=n>", "bình quân năm giai đoạn trước của một Mã số (lặp lại được) / previous period's yearly average for a Mã số (repeatable)", collectBaseline, {})
      .option("--years <n>", "số năm để tính bình quân / number of years to average over", parsePositiveInt),
  ).action(async (reports: string[], raw: Record<string, unknown>) => {
    exitCode = await runPeriod(reports, {
      ...commonOptions(raw),
      out: String(raw.out),
      target: String(raw.target),
      baseline: raw.baseline as Record<string, number>,
      years: raw.years as number | undefined,
    });
  });

  const form = program
    .command("form")
    .description("định nghĩa biểu: học từ mẫu, xem lại / form definitions: learn from a template, show")
    .helpOption("-h, --help", "hướng dẫn / help")
    .configureHelp(bilingualHelp);
  common(
    form
      .command("learn")
      .description("học định nghĩa biểu từ một mẫu (trống hoặc đã điền) / learn a form definition from a template")
      .argument("<template>")
      .requiredOption("--out <form.json>", "tệp định nghĩa sẽ ghi (.json) / definition to write")
      .option("--sheet <name>", "trang tính chứa biểu / the sheet that holds the form"),
  ).action(async (template: string, raw: Record<string, unknown>) => {
    exitCode = await runFormLearn(template, { ...commonOptions(raw), out: String(raw.out), sheet: raw.sheet as string | undefined });
  });
  common(form.command("show").description("tóm tắt một định nghĩa biểu / summarise a form definition").argument("<form.json>")).action(
    async (file: string, raw: Record<string, unknown>) => {
      exitCode = await runFormShow(file, commonOptions(raw));
    },
  );

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
