/** Text normalisation for matching labels typed by people in many programs and encodings. */

export function nfc(text: string): string {
  return text.normalize("NFC");
}

/** NFC, no control characters, single spaces, trimmed. */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f\u00a0\u200b\u2000-\u200a\u202f\u3000]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A matching key: lower case, no diacritics (đ → d), punctuation as spaces, single spaces.
 * "Thạc sỹ:" and "THAC SY" give the same key.
 */
export function matchKey(text: string): string {
  let key = matchKeys.get(text);
  if (key === undefined) {
    key = text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9%/]+/g, " ")
      .trim();
    if (matchKeys.size >= MATCH_KEYS_MAX) matchKeys.clear();
    matchKeys.set(text, key);
  }
  return key;
}

// The same labels recur on every row scan and in every agency's copy of the form: each
// distinct text's key is computed once (bounded, so a sheet of unique strings cannot grow it).
const matchKeys = new Map<string, string>();
const MATCH_KEYS_MAX = 50_000;

/** A key that keeps diacritics (for cases where "cán bộ" and "căn bộ" must differ). */
export function exactKey(text: string): string {
  return cleanText(text).toLowerCase();
}
