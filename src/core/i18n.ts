/**
 * Translation. Every text shown to a person exists in Vietnamese (first, NFC) and English.
 * Texts live in message tables keyed by id, one table per part of the product (the finding
 * catalogue, the CLI's summaries, a report's headings, the task pane); `messages(table)` turns
 * a table into its translator, `t(lang, id, params)`. The compiler checks the id and the
 * parameters: `{n}` in either language makes `params.n` required.
 */

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

export interface Message {
  readonly vi: string;
  readonly en: string;
}

export type MessageTable = Readonly<Record<string, Message>>;

/** The `{name}` placeholders of a literal string type. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
type NamesOf<M extends Message> = Placeholders<M["vi"]> | Placeholders<M["en"]>;

export type ParamValue = string | number;
export type Params<M extends Message> = Record<NamesOf<M>, ParamValue>;
/** No argument for a message without placeholders, a params object for one with them. */
export type ParamArgs<M extends Message> = [NamesOf<M>] extends [never] ? [] : [params: Params<M>];

export interface Translator<T extends MessageTable> {
  <K extends keyof T & string>(lang: Lang, id: K, ...params: ParamArgs<T[K]>): string;
  /** The table itself (documentation, tests). */
  readonly table: T;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** `{name}` → params.name; a name without a value stays visible rather than vanishing. */
export function fill(template: string, params: Readonly<Record<string, ParamValue>> = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The placeholder names a template uses, sorted (the i18n test compares vi and en). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

const TABLES: MessageTable[] = [];

/** Every table made by messages() so far (the i18n test checks them all). */
export function messageTables(): readonly MessageTable[] {
  return TABLES;
}

/** A table's translator. Vietnamese texts are stored NFC, whatever the source file's form. */
export function messages<const T extends MessageTable>(table: T): Translator<T> {
  const normalised = Object.fromEntries(
    Object.entries(table).map(([id, m]) => [id, { vi: m.vi.normalize("NFC"), en: m.en }]),
  ) as unknown as T;
  TABLES.push(table);
  const translate = ((lang: Lang, id: string, params?: Record<string, ParamValue>) => {
    const message = normalised[id];
    return message ? fill(message[lang], params) : id;
  }) as unknown as Translator<T>;
  Object.defineProperty(translate, "table", { value: normalised });
  return translate;
}
