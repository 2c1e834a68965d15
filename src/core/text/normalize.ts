/** Text normalisation for matching labels typed by people in many programs and encodings. */
import { boundedMemo } from "../memo";

export function nfc(text: string): string {
  return text.normalize("NFC");
}

// The same labels recur on every row scan and in every agency's copy of the form: each
// distinct short text is cleaned and keyed once.
const MEMO_MAX = 50_000;
const MEMO_MAX_LENGTH = 256;

/** NFC, no control characters, single spaces, trimmed. */
export const cleanText: (text: string) => string = boundedMemo(
  (text) =>
    text
      .normalize("NFC")
      .replace(/[\u0000-\u001f\u007f\u00a0\u200b\u2000-\u200a\u202f\u3000]/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  MEMO_MAX,
  MEMO_MAX_LENGTH,
);

/**
 * A matching key: lower case, no diacritics (đ → d), punctuation as spaces, single spaces.
 * "Thạc sỹ:" and "THAC SY" give the same key.
 */
export const matchKey: (text: string) => string = boundedMemo(
  (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9%/]+/g, " ")
      .trim(),
  MEMO_MAX,
  MEMO_MAX_LENGTH,
);

/** A key that keeps diacritics (for cases where "cán bộ" and "căn bộ" must differ). */
export function exactKey(text: string): string {
  return cleanText(text).toLowerCase();
}
