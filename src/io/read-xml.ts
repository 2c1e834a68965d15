/**
 * The few XML primitives the lean reader needs, over strings with indexOf: SpreadsheetML
 * is machine-written, flat and regular, so finding tags and attributes directly is exact
 * enough and several times faster than any DOM or SAX pass. Nothing here backtracks or
 * expands user-defined entities.
 */

function digitValue(c: number, hex: boolean): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (!hex) return -1;
  const lower = c | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

function decodeEntities(s: string, first: number): string {
  let out = s.slice(0, first);
  let i = first;
  while (i >= 0) {
    const semi = s.indexOf(";", i);
    let replaced: string | undefined;
    if (semi > i && semi - i <= 10) {
      if (s.charCodeAt(i + 1) === 35 /* # */) {
        const hex = s.charCodeAt(i + 2) === 120 || s.charCodeAt(i + 2) === 88;
        let code = 0;
        let k = i + (hex ? 3 : 2);
        if (k === semi) code = NaN;
        for (; k < semi; k++) {
          const d = digitValue(s.charCodeAt(k), hex);
          if (d < 0) {
            code = NaN;
            break;
          }
          code = code * (hex ? 16 : 10) + d;
        }
        if (code <= 0x10ffff) replaced = String.fromCodePoint(code);
      } else {
        switch (s.slice(i + 1, semi)) {
          case "amp": replaced = "&"; break;
          case "lt": replaced = "<"; break;
          case "gt": replaced = ">"; break;
          case "quot": replaced = '"'; break;
          case "apos": replaced = "'"; break;
        }
      }
    }
    const next = s.indexOf("&", i + 1);
    if (replaced === undefined) out += s.slice(i, next < 0 ? s.length : next);
    else out += replaced + s.slice(semi + 1, next < 0 ? s.length : next);
    i = next;
  }
  return out;
}

/** XML text → string: line ends normalised as XML requires, the five entities and character
 * references decoded; anything else (including user-defined entities) is left as written. */
export function decodeXml(raw: string): string {
  let s = raw;
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  const amp = s.indexOf("&");
  return amp < 0 ? s : decodeEntities(s, amp);
}

const ESCAPED_CHAR = /_x([0-9A-Fa-f]{4})_/g;

/** Cell text: XML decoding plus OOXML's `_xHHHH_` escapes (Excel writes a CR as `_x000D_`). */
export function decodeCellText(raw: string): string {
  if (raw.indexOf("&") < 0 && raw.indexOf("_x") < 0 && raw.indexOf("\r") < 0) return raw;
  const known = decodedTexts.get(raw);
  if (known !== undefined) return known;
  const xml = decodeXml(raw);
  const text = xml.indexOf("_x") < 0 ? xml : xml.replace(ESCAPED_CHAR, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (decodedTexts.size >= DECODED_TEXTS_MAX) decodedTexts.clear();
  decodedTexts.set(raw, text);
  return text;
}

/**
 * Writers such as openpyxl store every Vietnamese letter as a character reference, and a
 * consolidation reads the same form's labels a thousand times: remembering recent decodings
 * makes that nearly free. Bounded, and cleared wholesale when full.
 */
const decodedTexts = new Map<string, string>();
const DECODED_TEXTS_MAX = 20_000;

function isNameEnd(code: number): boolean {
  // space, tab, LF, CR, '>', '/'
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13 || Number.isNaN(code);
}

/** Index of the start tag `open` (e.g. "<c") whose name ends right after it, or -1. */
export function findTag(s: string, open: string, from: number, until = s.length): number {
  let i = s.indexOf(open, from);
  while (i >= 0 && i < until) {
    if (isNameEnd(s.charCodeAt(i + open.length))) return i;
    i = s.indexOf(open, i + 1);
  }
  return -1;
}

/** True when the start tag `open` (e.g. "<c") begins exactly at `i`. */
export function tagAt(s: string, open: string, i: number): boolean {
  return s.startsWith(open, i) && isNameEnd(s.charCodeAt(i + open.length));
}

/** Index of the '>' ending the tag that starts at `start`, skipping quoted attribute values; -1 if incomplete. */
export function tagEnd(s: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The value of attribute `name` in a start tag's text, entity-decoded. Prefixed names need the prefix. */
export function attr(tag: string, name: string): string | undefined {
  const key = name + "=";
  let i = tag.indexOf(key);
  while (i >= 0) {
    const q = tag.charCodeAt(i + key.length);
    if (isSpace(tag.charCodeAt(i - 1)) && (q === 34 || q === 39)) {
      const start = i + key.length + 1;
      const end = tag.indexOf(q === 34 ? '"' : "'", start);
      if (end < 0) return undefined;
      const value = tag.slice(start, end);
      return value.indexOf("&") < 0 ? value : decodeXml(value);
    }
    i = tag.indexOf(key, i + 1);
  }
  return undefined;
}

/** The value of the attribute whose local name is `local`, whatever its namespace prefix (r:id, ns1:id). */
export function attrAnyPrefix(tag: string, local: string): string | undefined {
  const re = new RegExp(`\\s([A-Za-z_][\\w.-]*):${local}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const m = re.exec(tag);
  if (!m) return undefined;
  return decodeXml(m[3] ?? m[4] ?? "");
}

/** The namespace prefix ("x:" or "") of the document element, so tag searches match prefixed SpreadsheetML. */
export function rootPrefix(s: string): string {
  let i = 0;
  for (;;) {
    i = s.indexOf("<", i);
    if (i < 0) return "";
    const next = s.charCodeAt(i + 1);
    if (next === 63 /* ? */ || next === 33 /* ! */) {
      i += 2;
      continue;
    }
    let j = i + 1;
    while (j < s.length && !isNameEnd(s.charCodeAt(j))) j++;
    const name = s.slice(i + 1, j);
    const colon = name.indexOf(":");
    return colon >= 0 ? name.slice(0, colon + 1) : "";
  }
}

export interface Element {
  /** The start tag text, from '<' to '>' inclusive. */
  tag: string;
  /** Content between start and end tag ("" when self-closing). */
  inner: string;
  /** Index just after the element. */
  end: number;
}

/** The next element `<name …>…</name>` or `<name …/>` from `from`; null when none (or incomplete). */
export function nextElement(s: string, name: string, from: number, until = s.length): Element | null {
  const start = findTag(s, "<" + name, from, until);
  if (start < 0) return null;
  const gt = tagEnd(s, start);
  if (gt < 0) return null;
  const tag = s.slice(start, gt + 1);
  if (s.charCodeAt(gt - 1) === 47) return { tag, inner: "", end: gt + 1 };
  const close = s.indexOf("</" + name + ">", gt + 1);
  if (close < 0) return null;
  return { tag, inner: s.slice(gt + 1, close), end: close + name.length + 3 };
}

/** The content of the first `<name>…</name>` section (e.g. "sheets", "cellXfs"), or "". */
export function section(s: string, name: string): string {
  return nextElement(s, name, 0)?.inner ?? "";
}

/** Call `visit` for each element `name` in `s`, in order, at most `limit` times; returns how many. */
export function forEachElement(s: string, name: string, visit: (e: Element) => void, limit = Infinity): number {
  let count = 0;
  for (let e = nextElement(s, name, 0); e && count < limit; e = nextElement(s, name, e.end)) {
    visit(e);
    count++;
  }
  return count;
}

/** Every element `name` in `s`, in order. */
export function elements(s: string, name: string): Element[] {
  const out: Element[] = [];
  for (let e = nextElement(s, name, 0); e; e = nextElement(s, name, e.end)) out.push(e);
  return out;
}
