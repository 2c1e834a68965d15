/** `--form FORM.json` (repeatable): definitions loaded, checked against the schema, or refused with the field named. */
import { promises as fs } from "node:fs";
import type { Lang } from "../core/findings";
import type { FormDefinition } from "../core/form/definition";
import { MAX_DEFINITION_BYTES, parseDefinition } from "../core/form/load";

export class DefinitionRefused extends Error {}

export async function loadDefinitionFiles(files: readonly string[], lang: Lang): Promise<FormDefinition[]> {
  const out: FormDefinition[] = [];
  for (const file of files) {
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (stat.size > MAX_DEFINITION_BYTES)
        throw new DefinitionRefused(lang === "vi" ? `${file}: tệp định nghĩa quá lớn (${stat.size} byte; tối đa ${MAX_DEFINITION_BYTES}).` : `${file}: definition file too large (${stat.size} bytes; at most ${MAX_DEFINITION_BYTES}).`);
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if (error instanceof DefinitionRefused) throw error;
      throw new DefinitionRefused(`${file}: ${lang === "vi" ? "không đọc được" : "cannot read"} (${(error as Error).message})`);
    }
    const loaded = parseDefinition(text);
    if (!loaded.ok) throw new DefinitionRefused(`${file}: ${loaded.error.message[lang]}`);
    if (out.some((d) => d.id === loaded.definition.id))
      throw new DefinitionRefused(lang === "vi" ? `${file}: đã có một biểu khác mang mã "${loaded.definition.id}".` : `${file}: another form already has the id "${loaded.definition.id}".`);
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
