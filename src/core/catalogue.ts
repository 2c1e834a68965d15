/**
 * Matching a programme label typed by an agency to its Mã số, tolerant of the spelling
 * variants seen in real files: sỹ/sĩ, LLCT, QP-AN, CV chính, ĐT 3, bullets, colons and
 * parenthesised notes.
 */
import { FORM01_ROWS, type FormRow } from "./form01";
import { matchKey } from "./text/normalize";

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bllct\b/g, "ly luan chinh tri"],
  [/\bqp ?an\b/g, "quoc phong va an ninh"],
  [/\bqp va an\b/g, "quoc phong va an ninh"],
  [/\bquoc phong an ninh\b/g, "quoc phong va an ninh"],
  [/\bcv\b/g, "chuyen vien"],
  [/\bdt ?(\d)\b/g, "doi tuong $1"],
  [/\bhdnd\b/g, "hoi dong nhan dan"],
  [/\bdtts\b/g, "dan toc thieu so"],
  [/\bcntt\b/g, "cong nghe thong tin"],
  [/\bsy\b/g, "si"],
  [/\btai nuoc ngoai\b/g, "o nuoc ngoai"],
];

/** The label's matching key with bullets, notes in parentheses and abbreviations expanded. */
export function labelKey(label: string): string {
  const withoutNotes = label.replace(/\([^)]*\)/g, " ").replace(/^[\s\-–—+•*·.]+/, "");
  let key = matchKey(withoutNotes);
  for (const [pattern, replacement] of ABBREVIATIONS) key = key.replace(pattern, replacement);
  return key.replace(/\s+/g, " ").trim();
}

const EXACT = new Map<string, FormRow>();
for (const row of FORM01_ROWS) {
  for (const label of [row.label, ...(row.variants ?? [])]) EXACT.set(labelKey(label), row);
}
const CANONICAL_KEYS = FORM01_ROWS.map((row) => ({ row, key: labelKey(row.label) }));

/** The catalogue row for a label, or null. A shortened label matches when only one row starts with it. */
export function rowForLabel(label: string): FormRow | null {
  const key = labelKey(label);
  if (!key) return null;
  const exact = EXACT.get(key);
  if (exact) return exact;
  const prefixed = CANONICAL_KEYS.filter((c) => c.key.startsWith(key + " "));
  if (prefixed.length === 1 && key.split(" ").length >= 2) return prefixed[0].row;
  return null;
}

/** DTBD.CODE: the Mã số of a programme label, or null. */
export function codeForLabel(label: string): string | null {
  return rowForLabel(label)?.code ?? null;
}

/** "1", 1, "01", " 01 " → "01"; anything else → null. */
export function normaliseRowCode(value: unknown): string | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 1000) return String(value).padStart(2, "0");
  if (typeof value === "string") {
    const t = value.trim();
    if (/^\d{1,3}$/.test(t)) return t.padStart(2, "0");
  }
  return null;
}

/** Labels that announce a grand total: the form has none, since people and person-times never add. */
export function isGrandTotalLabel(label: string): boolean {
  const key = matchKey(label);
  return /^(tong cong|tong so|cong|tong|tong cong dao tao va boi duong|tong dao tao boi duong)\b/.test(key) && key.length < 40;
}
