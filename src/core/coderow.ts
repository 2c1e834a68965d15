/**
 * The column-code row of Vietnamese statistical forms ("A", "B", "1=2+3+4+5", "13=6/1"): the
 * form's own statement of its arithmetic. Parsing it lets the same sum and subset checks run
 * on any form that carries one, and lets a reader find the table without trusting positions.
 */
import { boundedMemo } from "./memo";
import type { CellValue } from "./grid";

export type ColumnRule = { kind: "sum"; terms: string[] } | { kind: "ratio"; numerator: string; denominator: string };

export type ColumnCode = { id: string; rule: ColumnRule | null; raw: string };

export interface CodeRow {
  /** One entry per input cell: the code, or null where the cell holds no code. */
  codes: (ColumnCode | null)[];
  /**
   * How much the row looks like a code row, from 0 to 1: to choose between candidate rows.
   * It is the product of coverage (codes ÷ filled cells), order (share of numeric ids that
   * follow their predecessor by a small step), and halvings for a wrong start or no evidence
   * (no rule and no run of three consecutive ids), scaled down for rows with fewer than five codes.
   */
  score: number;
}

/** Column ids above this are data, not codes: no official form has this many columns. */
const MAX_NUMERIC_ID = 300;
/** Hidden or deleted columns leave gaps in the codes; larger jumps mean data. */
const MAX_ID_STEP = 5;
const MIN_CODES = 3;
const MIN_COVERAGE = 0.75;
const MIN_ORDERED = 0.8;

// Every header scan offers the same labels and codes again, row after row and file after
// file: a short string's parse is kept (frozen, since it is shared), up to a bounded count.
const PARSED_MAX = 20_000;
const PARSED_MAX_LENGTH = 64;
const parseCodeText = boundedMemo((text) => freezeCode(parseColumnCodeOnce(text)), PARSED_MAX, PARSED_MAX_LENGTH);

export function parseColumnCode(value: CellValue): ColumnCode | null {
  return typeof value === "string" ? parseCodeText(value) : parseColumnCodeOnce(value);
}

function freezeCode(code: ColumnCode | null): ColumnCode | null {
  if (!code) return code;
  if (code.rule) {
    if (code.rule.kind === "sum") Object.freeze(code.rule.terms);
    Object.freeze(code.rule);
  }
  return Object.freeze(code);
}

function parseColumnCodeOnce(value: CellValue): ColumnCode | null {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 1 || value > MAX_NUMERIC_ID) return null;
    return { id: String(value), rule: null, raw: String(value) };
  }
  if (typeof value !== "string") return null;
  const text = normalizeCodeText(value);
  if (text === "") return null;

  const equals = text.split("=");
  if (equals.length === 1) {
    const inner = unwrap(text);
    const id = numericId(inner) ?? (/^[A-Z]$/.test(inner) ? inner : null);
    return id === null ? null : { id, rule: null, raw: value };
  }
  if (equals.length !== 2) return null;
  const id = numericId(unwrap(equals[0]));
  if (id === null) return null;
  const rhs = equals[1];
  const rule = parseRule(rhs);
  if (rule) return { id, rule, raw: value };
  // "5=3-4" and the like state arithmetic we do not check, but the id still names the column.
  if (/^[0-9()+\-*/%.]+$/.test(rhs) && /[0-9]/.test(rhs)) return { id, rule: null, raw: value };
  return null;
}

export function parseCodeRow(cells: CellValue[]): CodeRow {
  const codes = cells.map(parseColumnCode);
  let filled = 0;
  for (const cell of cells) if (!isBlank(cell)) filled++;

  const found = codes.filter((c): c is ColumnCode => c !== null);
  if (found.length < MIN_CODES) return { codes, score: 0 };

  const evidence = measure(found);
  const coverage = found.length / filled;
  let score = coverage * evidence.ordered;
  if (!evidence.startsRight) score /= 2;
  if (!(evidence.rules > 0 || evidence.longestRun >= 3)) score /= 2;
  score *= Math.min(1, found.length / 5);
  return { codes, score };
}

/**
 * A code row has at least three codes and little else; its numeric ids start at 1 (or right
 * after the letter codes), mostly increase by small steps, and it states a rule or has a run
 * of three consecutive ids. A row of data (186, 46, 37, …) fails on the start and the order.
 */
export function isCodeRow(cells: CellValue[]): boolean {
  const codes = cells.map(parseColumnCode).filter((c): c is ColumnCode => c !== null);
  if (codes.length < MIN_CODES) return false;
  let filled = 0;
  for (const cell of cells) if (!isBlank(cell)) filled++;
  if (codes.length / filled < MIN_COVERAGE) return false;
  const evidence = measure(codes);
  return (
    evidence.numericCount > 0 &&
    evidence.startsRight &&
    evidence.ordered >= MIN_ORDERED &&
    (evidence.rules > 0 || evidence.longestRun >= 3)
  );
}

interface Evidence {
  numericCount: number;
  startsRight: boolean;
  /** Share of consecutive numeric ids that increase by 1..MAX_ID_STEP (1 when fewer than two). */
  ordered: number;
  longestRun: number;
  rules: number;
}

function measure(codes: ColumnCode[]): Evidence {
  const numbers: number[] = [];
  let lettersBeforeFirstNumber = 0;
  let rules = 0;
  for (const code of codes) {
    if (code.rule) rules++;
    if (/^\d+$/.test(code.id)) numbers.push(Number(code.id));
    else if (numbers.length === 0) lettersBeforeFirstNumber++;
  }
  let good = 0;
  let run = 1;
  let longestRun = numbers.length > 0 ? 1 : 0;
  for (let i = 1; i < numbers.length; i++) {
    const step = numbers[i] - numbers[i - 1];
    if (step >= 1 && step <= MAX_ID_STEP) good++;
    run = step === 1 ? run + 1 : 1;
    longestRun = Math.max(longestRun, run);
  }
  const first = numbers[0];
  return {
    numericCount: numbers.length,
    startsRight: first === 1 || (lettersBeforeFirstNumber > 0 && first === lettersBeforeFirstNumber + 1),
    ordered: numbers.length < 2 ? 1 : good / (numbers.length - 1),
    longestRun,
    rules,
  };
}

function parseRule(rhs: string): ColumnRule | null {
  // Ratios are often written as percentages: "13=6/1*100", "(6/1)x100%".
  let ratio = unwrap(rhs);
  for (let i = 0; i < 2; i++) ratio = unwrap(ratio.replace(/%$/, "").replace(/\*100$/, ""));
  const slash = ratio.split("/");
  if (slash.length === 2) {
    const numerator = numericId(unwrap(slash[0]));
    const denominator = numericId(unwrap(slash[1]));
    if (numerator !== null && denominator !== null) return { kind: "ratio", numerator, denominator };
  }
  const terms = unwrap(rhs).split("+").map((t) => numericId(unwrap(t)));
  if (terms.every((t): t is string => t !== null)) return { kind: "sum", terms };
  return null;
}

function numericId(text: string): string | null {
  if (!/^[1-9]\d{0,2}$/.test(text)) return null;
  return Number(text) <= MAX_NUMERIC_ID ? text : null;
}

/** Removes parentheses that wrap the whole text: "((1))" → "1", but "(1)+(2)" stays. */
function unwrap(text: string): string {
  let s = text;
  while (s.startsWith("(") && s.endsWith(")") && closesAtEnd(s)) s = s.slice(1, -1);
  return s;
}

function closesAtEnd(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")") {
      depth--;
      if (depth === 0 && i < s.length - 1) return false;
    }
  }
  return depth === 0;
}

/** People type codes with spaces, dashes and symbols from many keyboards and fonts. */
function normalizeCodeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[×xX·∙](?=100)/g, "*")
    .replace(/[:÷]/g, "/");
}

function isBlank(cell: CellValue): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}
