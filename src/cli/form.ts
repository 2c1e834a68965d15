/** `dtbd form learn TEMPLATE.xlsx [--sheet NAME] --out FORM.json` and `dtbd form show FORM.json`. */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Lang } from "../core/i18n";
import { definitionFromJson } from "../core/form/load";
import { describeForm } from "../core/form/summary";
import { learnWorkbook } from "../core/form/learn-workbook";
import { readWorkbookSync } from "../io/read";
import type { CommonOptions } from "./main";
import { DefinitionRefused, loadDefinitionFiles } from "./definitions";
import { t } from "./messages";
import { writeAtomically } from "./write-output";
import { terminalSafe } from "./output";

export interface LearnCliOptions extends CommonOptions {
  out: string;
  sheet?: string;
}

function fail(message: string): number {
  process.stderr.write(terminalSafe(`dtbd: ${message}\n`));
  return 2;
}

export async function runFormLearn(template: string, opts: LearnCliOptions): Promise<number> {
  const lang: Lang = opts.lang;
  if (path.resolve(template) === path.resolve(opts.out))
    return fail(t(lang, "outputIsTemplate", { out: opts.out }));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(template));
  } catch (error) {
    return fail(t(lang, "cannotRead", { file: template, reason: (error as Error).message }));
  }
  const read = readWorkbookSync(bytes);
  if (!read.grid) return fail(`${template}: ${read.findings[0]?.message[lang] ?? "?"}`);
  const learned = learnWorkbook(read.grid, { sheet: opts.sheet });
  if (!learned.ok) {
    const why = learned.notes.map((n) => `  ! ${n[lang]}`).join("\n");
    return fail(`${t(lang, "nothingLearned", { file: template })}\n${why}`);
  }
  // The learner's output passes the same gate as a definition a person edits.
  const checked = definitionFromJson(JSON.parse(JSON.stringify(learned.definition)));
  if (!checked.ok) return fail(t(lang, "learnedInvalid", { reason: checked.error.message[lang] }));
  const text = JSON.stringify({ $schema: "https://dtbd.vn/schema/form-definition-1.json", ...learned.definition }, null, 2) + "\n";
  try {
    await writeAtomically(opts.out, new TextEncoder().encode(text));
  } catch (error) {
    return fail(t(lang, "cannotWriteOut", { out: opts.out, reason: (error as Error).message }));
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify({ out: opts.out, form: learned.definition.id, sheet: learned.definition.recognise.sheet, notes: learned.notes.map((n) => ({ level: n.level, message: n[lang] })) }, null, 2) + "\n");
  } else if (!opts.quiet) {
    process.stdout.write(terminalSafe(describeForm(learned.definition, lang)));
    process.stdout.write(terminalSafe(`\n${t(lang, "definitionWritten", { out: opts.out })}\n`));
  }
  return 0;
}

export async function runFormShow(file: string, opts: CommonOptions): Promise<number> {
  try {
    const [definition] = await loadDefinitionFiles([file], opts.lang);
    if (opts.json) process.stdout.write(JSON.stringify(definition, null, 2) + "\n");
    else process.stdout.write(terminalSafe(describeForm(definition, opts.lang)));
    return 0;
  } catch (error) {
    if (error instanceof DefinitionRefused) return fail(error.message);
    throw error;
  }
}
