/** Text normalisation for matching labels typed by people in many programs and encodings. */

export function nfc(text: string): string {
  return text.normalize("NFC");
}

// The same labels recur on every row scan and in every agency's copy of the form: each
// distinct short text is cleaned and keyed once. Bounded in count and in length, so that
// neither a sheet of unique strings nor a few huge cells can make the memo grow.
const MEMO_MAX = 50_000;
const MEMO_MAX_LENGTH = 256;
const cleanTexts = new Map<string, string>();
const matchKeys = new Map<string, string>();

function remember(memo: Map<string, string>, text: string, value: string): string {
  if (text.length <= MEMO_MAX_LENGTH) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(text, value);
  }
  return value;
}

/** NFC, no control characters, single spaces, trimmed. */
export function cleanText(text: string): string {
  return (
    cleanTexts.get(text) ??
    remember(
      cleanTexts,
      text,
      text
        .normalize("NFC")
        .replace(/[\u0000-\u001f\u007f\u00a0\u200b\u2000-\u200a\u202f\u3000]/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
  );
}

/**
 * A matching key: lower case, no diacritics (đ → d), punctuation as spaces, single spaces.
 * "Thạc sỹ:" and "THAC SY" give the same key.
 */
export function matchKey(text: string): string {
  return (
    matchKeys.get(text) ??
    remember(
      matchKeys,
      text,
      text
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[đĐ]/g, "d")
        .toLowerCase()
        .replace(/[^a-z0-9%/]+/g, " ")
        .trim(),
    )
  );
}

/** A key that keeps diacritics (for cases where "cán bộ" and "căn bộ" must differ). */
export function exactKey(text: string): string {
  return cleanText(text).toLowerCase();
}
