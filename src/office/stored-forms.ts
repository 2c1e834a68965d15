/**
 * Forms learned in a workbook ("Học mẫu từ trang này") are kept with that workbook, in its
 * document settings, so that the next check, the consolidation, the blank form and DTBD.CHECK
 * use them. A stored definition is input like any other: each is checked again when read, and
 * one that fails is left out (and said), never trusted.
 */
import type { FormDefinition } from "../core/form/definition";
import { definitionFromJson } from "../core/form/load";

export const FORMS_SETTING = "dtbd.forms";
/** A workbook keeps a few forms, not a library: the settings part travels inside the file. */
export const MAX_STORED_FORMS = 20;

/** What Office.context.document.settings offers (and what a test can stand in for). */
export interface SettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } }) => void): void;
}

export interface StoredForms {
  forms: FormDefinition[];
  /** Stored entries refused by the schema or the checks, with the reason (for the pane to show). */
  refused: string[];
}

export function readStoredForms(settings: SettingsLike): StoredForms {
  const raw = settings.get(FORMS_SETTING);
  const list = Array.isArray(raw) ? raw.slice(0, MAX_STORED_FORMS) : [];
  const forms: FormDefinition[] = [];
  const refused: string[] = [];
  for (const item of list) {
    const loaded = definitionFromJson(item);
    if (loaded.ok) forms.push(loaded.definition);
    else refused.push(loaded.error.message.vi);
  }
  return { forms, refused };
}

function save(settings: SettingsLike): Promise<void> {
  return new Promise((resolve, reject) =>
    settings.saveAsync((result) => {
      const failed = typeof result?.status === "string" ? result.status === "failed" : false;
      if (failed) reject(new Error(result.error?.message ?? "saveAsync failed"));
      else resolve();
    }),
  );
}

/** Keeps `definition` with the workbook, replacing a stored form of the same id. */
export async function storeForm(settings: SettingsLike, definition: FormDefinition): Promise<FormDefinition[]> {
  const { forms } = readStoredForms(settings);
  const kept = [definition, ...forms.filter((f) => f.id !== definition.id)].slice(0, MAX_STORED_FORMS);
  settings.set(FORMS_SETTING, JSON.parse(JSON.stringify(kept)));
  await save(settings);
  return kept;
}

export async function forgetForm(settings: SettingsLike, id: string): Promise<FormDefinition[]> {
  const kept = readStoredForms(settings).forms.filter((f) => f.id !== id);
  if (kept.length > 0) settings.set(FORMS_SETTING, kept);
  else settings.remove(FORMS_SETTING);
  await save(settings);
  return kept;
}
