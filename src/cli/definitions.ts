/** `--form FORM.json` (repeatable): definitions loaded, checked against the schema, or refused with the field named. */
import { promises as fs } from "node:fs";
import type { Lang } from "../core/i18n";
import type { FormDefinition } from "../core/form/definition";
import { MAX_DEFINITION_BYTES, parseDefinition } from "../core/form/load";
import { t } from "./messages";

export class DefinitionRefused extends Error {}

export async function loadDefinitionFiles(files: readonly string[], lang: Lang): Promise<FormDefinition[]> {
  const out: FormDefinition[] = [];
  for (const file of files) {
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (stat.size > MAX_DEFINITION_BYTES)
        throw new DefinitionRefused(t(lang, "definitionTooLarge", { file, size: stat.size, max: MAX_DEFINITION_BYTES }));
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if (error instanceof DefinitionRefused) throw error;
      throw new DefinitionRefused(t(lang, "cannotRead", { file, reason: (error as Error).message }));
    }
    const loaded = parseDefinition(text);
    if (!loaded.ok) throw new DefinitionRefused(`${file}: ${loaded.error.message[lang]}`);
    if (out.some((d) => d.id === loaded.definition.id))
      throw new DefinitionRefused(t(lang, "definitionIdTaken", { file, id: loaded.definition.id }));
    out.push(loaded.definition);
  }
  return out;
}

/** The definitions of `--form`, or null after saying on stderr why one was refused (the command exits 2). */
export async function formsOrRefuse(files: readonly string[], lang: Lang): Promise<FormDefinition[] | null> {
  try {
    return await loadDefinitionFiles(files, lang);
  } catch (error) {
    if (!(error instanceof DefinitionRefused)) throw error;
    process.stderr.write(`dtbd: ${error.message.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "?")}\n`);
    return null;
  }
}
