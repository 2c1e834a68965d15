/**
 * Legacy Vietnamese encodings TCVN3 (ABC) and VNI, as found in workbooks typed with .VnTime or
 * VNI-Times fonts: the cell holds Latin-1 look-alike characters and only the font makes them
 * Vietnamese. We turn such text into Unicode (NFC) before any label is matched.
 */
import { boundedMemo } from "../memo";
import {
  TCVN3_OTHER_LETTERS,
  TCVN3_VOWEL_ROWS,
  TONE_COUNT,
  UNICODE_VOWEL_ROWS,
  VNI_OTHER_LETTERS,
  VNI_TONE_MARKS_LOWER,
  VNI_TONE_MARKS_UPPER,
  VNI_VOWEL_ROWS_LOWER,
  VNI_VOWEL_ROWS_UPPER,
} from "./legacy-tables";

export type LegacyEncoding = "tcvn3" | "vni";

export interface LegacyFont {
  encoding: LegacyEncoding;
  /** An ABC "H" font (.VnTimeH): every letter is drawn as a capital. */
  upper: boolean;
}

export interface ConvertedText {
  text: string;
  /** The encoding the text was converted from, or null when it was left as it was. */
  encoding: LegacyEncoding | null;
}

// ---------------------------------------------------------------------------------------------
// Tables, built once from legacy-tables.ts

interface CodeMaps {
  /** legacy sequence (one or two characters) → Unicode letter */
  decode: Map<string, string>;
  /** Unicode letter → legacy sequence */
  encode: Map<string, string>;
  /** every character that takes part in a legacy sequence */
  codeChars: Set<string>;
}

const ASCII = /^[\x00-\x7f]*$/;

function buildTcvn3(): CodeMaps {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  UNICODE_VOWEL_ROWS.forEach((row, r) => {
    const letters = Array.from(row);
    for (let t = 0; t < TONE_COUNT; t++) {
      const lower = letters[t]!;
      const upper = lower.toUpperCase();
      const code = TCVN3_VOWEL_ROWS[r]![t]!;
      if (!ASCII.test(code)) decode.set(code, lower);
      encode.set(lower, code);
      // ABC fonts have no capitals with tone marks: people type the lower-case byte (and use an
      // "H" font when the capital matters), so that is what a capital becomes.
      if (!ASCII.test(upper) && !(upper in TCVN3_OTHER_LETTERS)) encode.set(upper, code);
    }
  });
  for (const [letter, code] of Object.entries(TCVN3_OTHER_LETTERS)) {
    decode.set(code, letter);
    encode.set(letter, code);
  }
  return { decode, encode, codeChars: new Set(decode.keys()) };
}

function flipCase(c: string): string {
  const upper = c.toUpperCase();
  return upper === c ? c.toLowerCase() : upper;
}

function buildVni(): CodeMaps {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  const add = (letter: string, code: string): void => {
    encode.set(letter, code);
    if (ASCII.test(code)) return;
    decode.set(code, letter);
    // A mark byte of the other case after a base letter still means that mark: the base decides
    // the case (a capital typed with caps lock off, or the reverse).
    if (code.length === 2) decode.set(code[0]! + flipCase(code[1]!), letter);
  };
  UNICODE_VOWEL_ROWS.forEach((row, r) => {
    const letters = Array.from(row);
    for (let t = 0; t < TONE_COUNT; t++) {
      add(letters[t]!, VNI_VOWEL_ROWS_LOWER[r]![t]!);
      add(letters[t]!.toUpperCase(), VNI_VOWEL_ROWS_UPPER[r]![t]!);
    }
  });
  for (const [letter, code] of Object.entries(VNI_OTHER_LETTERS)) add(letter, code);
  // Some converters leave "i" + tone byte instead of the single-byte toned i; it can mean nothing else.
  const iRow = Array.from(UNICODE_VOWEL_ROWS[5]!);
  for (let t = 1; t < TONE_COUNT; t++) {
    for (const mark of [VNI_TONE_MARKS_LOWER[t - 1]!, VNI_TONE_MARKS_UPPER[t - 1]!]) {
      if (!decode.has("i" + mark)) decode.set("i" + mark, iRow[t]!);
      if (!decode.has("I" + mark)) decode.set("I" + mark, iRow[t]!.toUpperCase());
    }
  }
  const codeChars = new Set<string>();
  for (const code of decode.keys()) for (const c of code) if (!ASCII.test(c)) codeChars.add(c);
  return { decode, encode, codeChars };
}

const MAPS: Record<LegacyEncoding, CodeMaps> = { tcvn3: buildTcvn3(), vni: buildVni() };

// ---------------------------------------------------------------------------------------------
// Conversion

interface Decoded {
  text: string;
  /** Latin-1 characters the encoding could not place: a VNI mark byte with no base, a byte TCVN3 does not use. */
  orphans: number;
}

const LATIN1_HIGH = /[\u0080-\u00ff]/;

function decode(text: string, encoding: LegacyEncoding): Decoded {
  const table = MAPS[encoding].decode;
  let out = "";
  let orphans = 0;
  for (let i = 0; i < text.length; ) {
    const pair = i + 1 < text.length ? table.get(text.slice(i, i + 2)) : undefined;
    if (pair !== undefined) {
      out += pair;
      i += 2;
      continue;
    }
    const c = text[i]!;
    const single = table.get(c);
    if (single === undefined && LATIN1_HIGH.test(c) && c !== "\u00a0") orphans++;
    out += single ?? c;
    i += 1;
  }
  return { text: out.normalize("NFC"), orphans };
}

/** Legacy text (as Excel stores it) → Unicode NFC. `upper` is for ABC "H" fonts. */
export function legacyToUnicode(
  text: string,
  encoding: LegacyEncoding,
  opts: { upper?: boolean } = {},
): string {
  const { text: out } = decode(text, encoding);
  return opts.upper ? out.toUpperCase().normalize("NFC") : out;
}

/**
 * Unicode → legacy text. TCVN3 has no capitals with tone marks (ABC fonts type them with the
 * lower-case byte in an "H" font), so those come out as their lower-case byte.
 * Characters outside the Vietnamese alphabet are kept as they are.
 */
export function unicodeToLegacy(text: string, encoding: LegacyEncoding): string {
  const { encode } = MAPS[encoding];
  let out = "";
  for (const c of text.normalize("NFC")) out += encode.get(c) ?? c;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fonts

/** The encoding a font name implies: ".VnTime"/".VnTimeH" → TCVN3, "VNI-Times" → VNI. */
export function encodingFromFont(fontName: string | undefined): LegacyFont | null {
  const name = fontName?.trim().replace(/^["']|["']$/g, "");
  if (!name) return null;
  if (/^\.vn/i.test(name)) return { encoding: "tcvn3", upper: name.endsWith("H") };
  if (/^vni[-_ ]/i.test(name)) return { encoding: "vni", upper: false };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Content detection

/** Letters (and combining marks) that only Unicode Vietnamese uses; legacy text never has them. */
const VIETNAMESE_UNICODE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u036f]/;

/** Latin-1 letters that Unicode Vietnamese uses too, so they prove nothing by themselves. */
const VIETNAMESE_LATIN1_LOWER = new Set("àáâãèéêìíòóôõùúý");
const VIETNAMESE_LATIN1_UPPER = new Set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ");

const LETTER = /\p{L}/u;
const ASCII_LOWER = /[a-z]/;
const ASCII_LETTER = /[A-Za-z]/;

/** True when the text already holds Unicode-only Vietnamese letters (then it is never legacy). */
export function hasUnicodeVietnamese(text: string): boolean {
  return VIETNAMESE_UNICODE.test(text);
}

interface EncodingScore {
  plausible: boolean;
  /** share of valid words + share of valid decoded words; higher reads better */
  score: number;
  /** decoded words that are valid syllables: the tie-breaker */
  touchedValid: number;
}

function tokenize(text: string, codeChars: Set<string>): string[] {
  const tokens: string[] = [];
  let current = "";
  for (const c of text) {
    if (LETTER.test(c) || codeChars.has(c)) current += c;
    else if (current) {
      tokens.push(current);
      current = "";
    }
  }
  if (current) tokens.push(current);
  return tokens;
}

const VNI_BASES_ANY_MARK = new Set("aAeE");
const VNI_O_MARKS = new Set("\u00e2\u00c2\u00f5\u00d5"); // o + â/õ: never in Unicode, unlike "hoà", "hoá"
const VNI_TONE_BASES = new Set("uUyY\u00f4\u00d4");
const VNI_VIET_TONE_MARKS = new Set("\u00f9\u00d9\u00f5\u00d5");

/**
 * Characters of a token that a legacy text has and neither Unicode Vietnamese nor ordinary
 * Latin-1 text would: "¸", "­", "ö", "ñ", a capital inside a small word ("viÖt"), a VNI base
 * letter followed by its mark ("aø", "eä"). Letters that Unicode Vietnamese also uses alone
 * ("é", "ô") do not count: "Hoà" or "Ghi chú" must never look legacy.
 */
function strongMarkers(chars: readonly string[], encoding: LegacyEncoding): number {
  const { codeChars } = MAPS[encoding];
  let count = 0;
  chars.forEach((c, i) => {
    if (!codeChars.has(c)) return;
    const previous = chars[i - 1] ?? "";
    if (VIETNAMESE_LATIN1_UPPER.has(c)) {
      if (encoding === "tcvn3" ? ASCII_LOWER.test(previous) : vniPairIsStrong(previous, c)) count++;
    } else if (VIETNAMESE_LATIN1_LOWER.has(c)) {
      if (encoding === "vni" && vniPairIsStrong(previous, c)) count++;
    } else count++;
  });
  return count;
}

function vniPairIsStrong(base: string, mark: string): boolean {
  if (!MAPS.vni.decode.has(base + mark)) return false;
  if (VNI_BASES_ANY_MARK.has(base)) return true;
  if (base === "o" || base === "O") return VNI_O_MARKS.has(mark);
  return VNI_TONE_BASES.has(base) && VNI_VIET_TONE_MARKS.has(mark);
}

function scoreEncoding(text: string, encoding: LegacyEncoding): EncodingScore {
  const { codeChars } = MAPS[encoding];
  let strong = 0;
  let letters = 0;
  let words = 0;
  let validWords = 0;
  let touched = 0;
  let touchedValid = 0;
  let evidence = 0;
  for (const token of tokenize(text, codeChars)) {
    const chars = Array.from(token);
    letters += chars.length;
    strong += strongMarkers(chars, encoding);
    const decoded = decode(token, encoding);
    const changed = decoded.text !== token;
    const valid = decoded.orphans === 0 && isVietnameseSyllable(decoded.text);
    // Abbreviations (UBND, §TBD = ĐTBD) and single letters say nothing about the language.
    const abbreviation = decoded.text === decoded.text.toUpperCase() && !valid;
    if (decoded.orphans === 0 && (abbreviation || (!changed && chars.length < 2))) continue;
    words++;
    if (valid) validWords++;
    if (changed) {
      touched++;
      if (valid) {
        touchedValid++;
        // A lone symbol (©, §) that happens to decode to a vowel proves nothing.
        if (ASCII_LETTER.test(token)) evidence++;
      }
    }
  }
  const plausible =
    strong >= 1 &&
    evidence >= 1 &&
    strong / Math.max(letters, 1) >= 0.02 &&
    touchedValid / touched >= 0.8 &&
    validWords / words >= 0.7;
  const score = plausible ? validWords / words + touchedValid / touched : 0;
  return { plausible, score, touchedValid };
}

/**
 * Which legacy encoding a text is in, judged by its content alone (for text whose font was lost,
 * e.g. pasted into a Calibri cell). Conservative: null unless the text carries bytes that neither
 * Unicode Vietnamese nor ordinary Latin-1 text uses, and decoding them yields Vietnamese syllables.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  const s = text.normalize("NFC");
  if (VIETNAMESE_UNICODE.test(s) || !/[\u00a1-\u00ff]/.test(s)) return null;
  const tcvn3 = scoreEncoding(s, "tcvn3");
  const vni = scoreEncoding(s, "vni");
  if (!tcvn3.plausible && !vni.plausible) return null;
  if (!vni.plausible) return "tcvn3";
  if (!tcvn3.plausible) return "vni";
  const order = tcvn3.score - vni.score || tcvn3.touchedValid - vni.touchedValid;
  return order > 0 ? "tcvn3" : order < 0 ? "vni" : null;
}

/** Share of a text's words that read as Vietnamese syllables. */
function syllableShare(text: string): number {
  const words = text.split(/[^\p{L}]+/u).filter((w) => w.length > 1 && w !== w.toUpperCase());
  if (words.length === 0) return 1;
  return words.filter(isVietnameseSyllable).length / words.length;
}

// Labels repeat in every agency's copy of the form: a short text's conversion in a given
// font is kept (frozen, since it is shared), bounded in count. One memo per font, keyed by the
// text alone, so that no "font + text" key is built and hashed for every cell; a workbook
// uses a handful of fonts, and the memos of at most FONT_MEMOS are kept.
const FONT_MEMOS = 10;
const CONVERTED_PER_FONT = 5_000;
const CONVERTED_MAX_LENGTH = 256;
const convertedByFont = new Map<string, (text: string) => ConvertedText>();

function convertMemoFor(fontName: string | undefined): (text: string) => ConvertedText {
  const key = fontName ?? "";
  let memo = convertedByFont.get(key);
  if (!memo) {
    if (convertedByFont.size >= FONT_MEMOS) convertedByFont.clear();
    memo = boundedMemo((text) => Object.freeze(convertCellTextOnce(text, fontName)), CONVERTED_PER_FONT);
    convertedByFont.set(key, memo);
  }
  return memo;
}

/**
 * The text of one cell as Unicode NFC. The font decides first, the content second. Text that
 * already has Unicode-only Vietnamese letters is never converted, whatever its font says.
 */
export function convertCellText(text: string, fontName?: string): ConvertedText {
  // Plain ASCII in a Unicode font (codes, numbers typed as text, English labels) is NFC
  // already, has no Vietnamese letter and none of the bytes legacy text carries: as is.
  if (isAscii(text) && !isLegacyFont(fontName)) return { text, encoding: null };
  if (text.length > CONVERTED_MAX_LENGTH) return convertCellTextOnce(text, fontName);
  return convertMemoFor(fontName)(text);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const legacyFontNames = new Map<string, boolean>();

function isLegacyFont(fontName: string | undefined): boolean {
  if (fontName === undefined) return false;
  let legacy = legacyFontNames.get(fontName);
  if (legacy === undefined) {
    legacy = encodingFromFont(fontName) !== null;
    if (legacyFontNames.size >= 1_000) legacyFontNames.clear();
    legacyFontNames.set(fontName, legacy);
  }
  return legacy;
}

function convertCellTextOnce(text: string, fontName?: string): ConvertedText {
  const original = text.normalize("NFC");
  if (VIETNAMESE_UNICODE.test(original)) return { text: original, encoding: null };
  const font = encodingFromFont(fontName);
  if (font) {
    const decoded = decode(original, font.encoding);
    const converted = font.upper ? decoded.text.toUpperCase().normalize("NFC") : decoded.text;
    if (converted === original) return { text: original, encoding: null };
    // Unicode text whose font was later switched to a legacy one ("Tài chính" in .VnTime) holds
    // bytes the encoding never uses ("à") and reads as Vietnamese already: leave it.
    if (decoded.orphans > 0 && syllableShare(original) >= syllableShare(decoded.text)) {
      return { text: original, encoding: null };
    }
    return { text: converted, encoding: font.encoding };
  }
  const detected = detectLegacyEncoding(original);
  if (!detected) return { text: original, encoding: null };
  return { text: legacyToUnicode(original, detected), encoding: detected };
}

// ---------------------------------------------------------------------------------------------
// Vietnamese syllable shape, used to judge whether a decoding makes sense

const INITIALS = [
  "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
  "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const FINALS = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
const STOP_FINALS = new Set(["c", "ch", "p", "t"]);
const NUCLEUS_OPEN_OR_CLOSED = new Set(
  ["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uơ", "uy"],
);
const NUCLEUS_CLOSED_ONLY = new Set(["ă", "â", "iê", "yê", "uô", "ươ", "uâ", "oă", "oo", "uyê"]);
const NUCLEUS_OPEN_ONLY = new Set([
  "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu",
  "ia", "ua", "ưa", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
]);
const NUCLEUS_BEFORE_CH_NH = new Set(["a", "ê", "i", "oa", "uê", "uy"]);
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;
const STOP_TONES = new Set(["\u0301", "\u0323"]);

function nucleusFits(nucleus: string, final: string): boolean {
  if (final === "") return NUCLEUS_OPEN_OR_CLOSED.has(nucleus) || NUCLEUS_OPEN_ONLY.has(nucleus);
  if (final === "ch" || final === "nh") return NUCLEUS_BEFORE_CH_NH.has(nucleus);
  return NUCLEUS_OPEN_OR_CLOSED.has(nucleus) || NUCLEUS_CLOSED_ONLY.has(nucleus);
}

function spellingFits(initial: string, nucleus: string): boolean {
  const front = "eêiy".includes(nucleus[0]!);
  switch (initial) {
    case "k":
      return front;
    case "c":
      return !front;
    case "gh":
    case "ngh":
      return "eêi".includes(nucleus[0]!);
    case "g":
    case "ng":
      return !"eê".includes(nucleus[0]!);
    default:
      return true;
  }
}

/** Whether a word has the shape of one Vietnamese syllable (initial, vowels, final, ≤ 1 tone). */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize("NFD");
  const tones = nfd.match(TONE_MARK) ?? [];
  if (tones.length > 1) return false;
  const base = nfd.replace(TONE_MARK, "").normalize("NFC");
  if (!/^[a-zđăâêôơư]+$/.test(base)) return false;
  for (const initial of INITIALS) {
    if (!base.startsWith(initial)) continue;
    const rest = base.slice(initial.length);
    for (const final of FINALS) {
      if (!rest.endsWith(final)) continue;
      const nucleus = rest.slice(0, rest.length - final.length);
      if (!nucleus || !nucleusFits(nucleus, final) || !spellingFits(initial, nucleus)) continue;
      if (STOP_FINALS.has(final) && tones.length === 1 && !STOP_TONES.has(tones[0]!)) continue;
      return true;
    }
  }
  return false;
}
