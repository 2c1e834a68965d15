/**
 * Numbers typed into cells of Vietnamese forms. In vi-VN "." groups thousands and "," is the
 * decimal mark ("9.514" people, "93,7%"), but many offices run Windows in en-US, so English
 * text ("1,234.5") also reaches us. A reading that depends on the convention is returned as
 * `ambiguous` so that the caller can warn instead of silently guessing.
 */
import type { CellValue } from "./grid";
import type { Lang } from "./i18n";

export type ParsedNumber =
  | { kind: "blank" }
  | { kind: "dash" }
  | { kind: "number"; value: number; fromText: boolean; percent: boolean }
  | { kind: "ambiguous"; value: number; alternatives: number[]; text: string }
  | { kind: "invalid"; text: string };

/** A lone dash means zero in Vietnamese statistical forms. */
const DASHES = new Set(["-", "\u2013", "\u2014", "\u2012", "\u2212"]);
const SIGNS: Record<string, string> = { "+": "", "-": "-", "\u2212": "-" };
const SPACE_LIKE = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g;
/** Longer text cannot be a number anyone typed; refusing it keeps parsing cheap. */
const MAX_TEXT_LENGTH = 64;

/** A reading before sign and percent are applied: a plain decimal string such as "1234.5". */
type Reading =
  | { kind: "number"; decimal: string }
  | { kind: "ambiguous"; decimal: string; alternatives: string[] }
  | { kind: "invalid" };

export function parseCellNumber(value: CellValue): ParsedNumber {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? { kind: "number", value, fromText: false, percent: false }
      : { kind: "invalid", text: String(value) };
  }
  if (typeof value === "boolean") return { kind: "invalid", text: value ? "TRUE" : "FALSE" };
  return parseNumberText(value);
}

function parseNumberText(original: string): ParsedNumber {
  const text = original.normalize("NFC").replace(SPACE_LIKE, " ").trim().replace(/ {2,}/g, " ");
  if (text === "") return { kind: "blank" };
  if (DASHES.has(text)) return { kind: "dash" };
  const invalid: ParsedNumber = { kind: "invalid", text: original };
  if (text.length > MAX_TEXT_LENGTH) return invalid;

  let body = text;
  let sign = "";
  if (body[0] in SIGNS) {
    sign = SIGNS[body[0]];
    body = body.slice(1);
  }
  let percent = false;
  if (body.endsWith("%")) {
    percent = true;
    body = body.slice(0, -1).trimEnd();
  }

  const reading = readDigits(body);
  if (reading.kind === "invalid") return invalid;
  const toNumber = (decimal: string): number => Number(`${sign}${decimal}${percent ? "e-2" : ""}`);
  const value = toNumber(reading.decimal);
  if (!Number.isFinite(value)) return invalid;
  if (reading.kind === "number") return { kind: "number", value: value === 0 ? 0 : value, fromText: true, percent };
  const alternatives = reading.alternatives.map(toNumber).filter((n) => Number.isFinite(n) && n !== value);
  return { kind: "ambiguous", value, alternatives: [...new Set(alternatives)], text: original };
}

/**
 * The body is what remains after sign and percent: digits with ".", "," or " " separators.
 * Rule for `ambiguous` values: the reading under which the text is well-formed wins; when
 * both conventions are well-formed ("1,234": 1234 in English, 1,234 in Vietnamese), the
 * English thousands reading wins, because it gives a whole number and nearly every numeric
 * cell of these forms is a headcount, and because "1,234" is what an en-US Excel displays.
 */
function readDigits(body: string): Reading {
  if (!/^[0-9., ]+$/.test(body) || !/[0-9]/.test(body)) return { kind: "invalid" };

  if (body.includes(" ")) {
    // Spaces group thousands ("1 234 567,5"); the separator after the groups, if any, is decimal.
    const m = /^(\d{1,3}(?: \d{3})+)(?:([.,])(\d+))?$/.exec(body);
    if (!m) return { kind: "invalid" };
    const integer = m[1].replace(/ /g, "");
    if (m[2] === undefined) return { kind: "number", decimal: integer };
    if (m[2] === ",") return { kind: "number", decimal: `${integer}.${m[3]}` };
    return { kind: "ambiguous", decimal: `${integer}.${m[3]}`, alternatives: [] };
  }

  if (/^\d+$/.test(body)) return { kind: "number", decimal: body };

  const dots = countOf(body, ".");
  const commas = countOf(body, ",");

  if (dots === 0) {
    // Only commas.
    if (commas === 1) {
      const [integer, fraction] = body.split(",");
      if (!/^\d*$/.test(integer) || !/^\d+$/.test(fraction)) return { kind: "invalid" };
      const vietnamese = `${integer || "0"}.${fraction}`;
      if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(integer)) {
        return { kind: "ambiguous", decimal: integer + fraction, alternatives: [vietnamese] };
      }
      return { kind: "number", decimal: vietnamese };
    }
    if (/^[1-9]\d{0,2}(,\d{3})+$/.test(body)) {
      return { kind: "ambiguous", decimal: body.replace(/,/g, ""), alternatives: [] };
    }
    return { kind: "invalid" };
  }

  if (commas === 0) {
    // Only dots.
    if (/^[1-9]\d{0,2}(\.\d{3})+$/.test(body)) return { kind: "number", decimal: body.replace(/\./g, "") };
    const m = /^(\d*)\.(\d+)$/.exec(body);
    if (!m) return { kind: "invalid" };
    // An English decimal; a dot typed by mistake for a thousands mark is the other reading.
    const alternatives = /^[1-9]/.test(m[1]) ? [m[1] + m[2]] : [];
    return { kind: "ambiguous", decimal: `${m[1] || "0"}.${m[2]}`, alternatives };
  }

  // Both marks: whichever comes last is the decimal mark.
  const vn = /^([1-9]\d{0,2}(?:\.\d{3})+),(\d+)$/.exec(body);
  if (vn) return { kind: "number", decimal: `${vn[1].replace(/\./g, "")}.${vn[2]}` };
  const en = /^([1-9]\d{0,2}(?:,\d{3})+)\.(\d+)$/.exec(body);
  if (en) return { kind: "ambiguous", decimal: `${en[1].replace(/,/g, "")}.${en[2]}`, alternatives: [] };
  return { kind: "invalid" };
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** The value a check should use: blank and dash are zero; text that is not a number is null. */
export function numberOrZero(p: ParsedNumber): number | null {
  switch (p.kind) {
    case "blank":
    case "dash":
      return 0;
    case "number":
    case "ambiguous":
      return p.value;
    case "invalid":
      return null;
  }
}

/**
 * Vietnamese display: "." between thousands, "," before decimals. Without `decimals` the
 * shortest exact representation is used ("9.514", "93,7"); with it, a fixed number of places.
 */
export function formatVietnamese(n: number, decimals?: number): string {
  if (!Number.isFinite(n)) return String(n);
  const places = decimals === undefined ? undefined : Math.min(20, Math.max(0, Math.trunc(decimals)));
  const plain = places === undefined ? plainDecimal(n) : fixedDecimal(n, places);
  let sign = "";
  let digits = plain;
  if (digits.startsWith("-")) {
    sign = "-";
    digits = digits.slice(1);
  }
  const [integer, fraction] = digits.split(".");
  if (!/[1-9]/.test(digits)) sign = "";
  return `${sign}${groupThousands(integer, ".")}${fraction ? `,${fraction}` : ""}`;
}

function groupThousands(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * English display ("1,234.5"), as `toLocaleString("en-US", { maximumFractionDigits })` shows
 * it (the shortest decimal, rounded half away from zero), except that zero has no sign. Done
 * by hand because the first Intl call of a thread loads ICU's number formatting: ~15 ms, and
 * again for each new set of options, in every lane of a consolidation.
 */
export function formatEnglish(n: number, maxDecimals = 2): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "∞" : "-∞";
  const places = Math.min(20, Math.max(0, Math.trunc(maxDecimals)));
  const plain = plainDecimal(n);
  const sign = plain.startsWith("-") ? "-" : "";
  const [integer, fraction = ""] = (sign ? plain.slice(1) : plain).split(".");
  let digits = integer + fraction.slice(0, places);
  if (fraction.charCodeAt(places) >= 53 /* "5" or more: away from zero */) digits = incrementDecimal(digits);
  const integerLength = digits.length - Math.min(places, fraction.length);
  const roundedInteger = digits.slice(0, integerLength);
  const roundedFraction = digits.slice(integerLength).replace(/0+$/, "");
  const zero = !/[1-9]/.test(digits);
  return `${zero ? "" : sign}${groupThousands(roundedInteger, ",")}${roundedFraction ? `.${roundedFraction}` : ""}`;
}

/** "1299" → "1300", "99" → "100": one unit added to a string of decimal digits. */
function incrementDecimal(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") i--;
  if (i < 0) return "1" + "0".repeat(digits.length);
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + "0".repeat(digits.length - i - 1);
}

/** A ratio as a Vietnamese percentage with one decimal where needed: 2.81 → "281%", 0.937 → "93,7%". */
export function formatPercentVietnamese(ratio: number): string {
  if (!Number.isFinite(ratio)) return "";
  // toPrecision(15) first removes binary noise (0.937 * 100 = 93.69999…) before rounding to one place.
  const percent = Number((ratio * 100).toPrecision(15));
  const rounded = Math.round(percent * 10) / 10;
  return `${formatVietnamese(rounded)}%`;
}

function fixedDecimal(n: number, places: number): string {
  if (Math.abs(n) < 1e21) return n.toFixed(places);
  return plainDecimal(Math.round(n)) + (places > 0 ? `.${"0".repeat(places)}` : "");
}

/** The shortest round-tripping decimal of n, without exponent notation. */
function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = "", expText] = m;
  const exp = Number(expText);
  const mantissa = lead + rest;
  if (exp >= 0) {
    const integer = mantissa.padEnd(exp + 1, "0");
    const fraction = mantissa.slice(exp + 1);
    return `${sign}${integer.slice(0, exp + 1)}${fraction ? `.${fraction}` : ""}`;
  }
  return `${sign}0.${"0".repeat(-exp - 1)}${mantissa}`;
}

/** A count or figure for display in the reader's language: "9.514" in Vietnamese, "9,514" in English. */
export function formatNumberIn(lang: Lang, n: number): string {
  return lang === "vi" ? formatVietnamese(n) : n.toLocaleString("en-US");
}

/** A ratio as a percentage in the reader's language: "93,7%" in Vietnamese, "93.7%" in English. */
export function formatPercentIn(lang: Lang, ratio: number): string {
  return lang === "vi" ? formatPercentVietnamese(ratio) : `${(Math.round(ratio * 1000) / 10).toLocaleString("en-US")}%`;
}
