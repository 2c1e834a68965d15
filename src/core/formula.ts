/**
 * Files written by scripts (openpyxl, some exporters) carry formulas without cached results.
 * The sums of this form are plain enough to compute ourselves: SUM over ranges and cells, and
 * additions and subtractions of cells and numbers. Anything richer is reported as unsupported
 * rather than guessed. The evaluator is a small recursive-descent parser: no eval, bounded
 * work (cells visited, formula length, nesting depth).
 */
import { columnNumber } from "./grid";

export type FormulaResult = { value: number } | { unsupported: true };

/** Excel's own limit on formula text. */
const MAX_FORMULA_LENGTH = 8192;
/** Cells one formula may read, summed over all its ranges. */
export const MAX_FORMULA_CELLS = 100_000;
const MAX_DEPTH = 64;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

type Token =
  | { t: "num"; v: number }
  | { t: "ref"; row: number; col: number }
  | { t: "sum" }
  | { t: "op"; v: "+" | "-" | "(" | ")" | "," | ":" };

const UNSUPPORTED: FormulaResult = { unsupported: true };

class Unsupported extends Error {}

/**
 * Evaluates a formula (with or without its leading "=") whose cells are read through
 * `lookup(row, col)` (1-based); a null from lookup counts as 0, as a blank cell does in Excel.
 */
export function evaluatePlainFormula(formula: string, lookup: (row: number, col: number) => number | null): FormulaResult {
  if (typeof formula !== "string" || formula.length > MAX_FORMULA_LENGTH) return UNSUPPORTED;
  const tokens = tokenize(formula.trim().replace(/^=/, ""));
  if (!tokens || tokens.length === 0) return UNSUPPORTED;
  try {
    const value = new Evaluator(tokens, lookup).run();
    if (!Number.isFinite(value)) return UNSUPPORTED;
    return { value: value === 0 ? 0 : value };
  } catch (e) {
    if (e instanceof Unsupported) return UNSUPPORTED;
    throw e;
  }
}

const TOKEN = /\s*(?:(SUM)\s*\(|(\$?[A-Z]{1,3}\$?[0-9]{1,7})(?![A-Z0-9_.(!])|((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:E[+-]?[0-9]+)?)|([-+(),:]))/iy;

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) return null;
    pos = TOKEN.lastIndex;
    if (m[1]) {
      tokens.push({ t: "sum" }, { t: "op", v: "(" });
    } else if (m[2]) {
      const ref = /^\$?([A-Z]{1,3})\$?([0-9]+)$/i.exec(m[2]);
      if (!ref) return null;
      const row = Number(ref[2]);
      const col = columnNumber(ref[1]);
      if (row < 1 || row > MAX_ROW || col < 1 || col > MAX_COL) return null;
      tokens.push({ t: "ref", row, col });
    } else if (m[3]) {
      tokens.push({ t: "num", v: Number(m[3]) });
    } else {
      tokens.push({ t: "op", v: m[4] as "+" | "-" | "(" | ")" | "," | ":" });
    }
  }
  return tokens;
}

class Evaluator {
  private pos = 0;
  private cellsRead = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly lookup: (row: number, col: number) => number | null,
  ) {}

  run(): number {
    const value = this.expression(0);
    if (this.pos !== this.tokens.length) throw new Unsupported();
    return value;
  }

  private peekOp(v: string): boolean {
    const token = this.tokens[this.pos];
    return token !== undefined && token.t === "op" && token.v === v;
  }

  private expect(v: string): void {
    if (!this.peekOp(v)) throw new Unsupported();
    this.pos++;
  }

  private expression(depth: number): number {
    if (depth > MAX_DEPTH) throw new Unsupported();
    let value = this.signed(depth);
    for (;;) {
      if (this.peekOp("+")) {
        this.pos++;
        value += this.signed(depth);
      } else if (this.peekOp("-")) {
        this.pos++;
        value -= this.signed(depth);
      } else return value;
    }
  }

  private signed(depth: number): number {
    let sign = 1;
    let signs = 0;
    while (this.peekOp("+") || this.peekOp("-")) {
      if (this.peekOp("-")) sign = -sign;
      this.pos++;
      if (++signs > MAX_DEPTH) throw new Unsupported();
    }
    return sign * this.primary(depth);
  }

  private primary(depth: number): number {
    const token = this.tokens[this.pos];
    if (!token) throw new Unsupported();
    if (token.t === "num") {
      this.pos++;
      return token.v;
    }
    if (token.t === "ref") {
      this.pos++;
      if (this.peekOp(":")) throw new Unsupported(); // a bare range outside SUM
      return this.read(token.row, token.col);
    }
    if (token.t === "sum") {
      this.pos++;
      this.expect("(");
      let total = this.argument(depth + 1);
      while (this.peekOp(",")) {
        this.pos++;
        total += this.argument(depth + 1);
      }
      this.expect(")");
      return total;
    }
    if (token.v === "(") {
      this.pos++;
      const value = this.expression(depth + 1);
      this.expect(")");
      return value;
    }
    throw new Unsupported();
  }

  /** A SUM argument: a range, or an expression (which covers single cells and numbers). */
  private argument(depth: number): number {
    const first = this.tokens[this.pos];
    const colon = this.tokens[this.pos + 1];
    const second = this.tokens[this.pos + 2];
    if (first?.t === "ref" && colon?.t === "op" && colon.v === ":") {
      if (second?.t !== "ref") throw new Unsupported();
      this.pos += 3;
      return this.sumRange(first.row, first.col, second.row, second.col);
    }
    return this.expression(depth);
  }

  private sumRange(r1: number, c1: number, r2: number, c2: number): number {
    const top = Math.min(r1, r2);
    const bottom = Math.max(r1, r2);
    const left = Math.min(c1, c2);
    const right = Math.max(c1, c2);
    const cells = (bottom - top + 1) * (right - left + 1);
    if (cells > MAX_FORMULA_CELLS || this.cellsRead + cells > MAX_FORMULA_CELLS) throw new Unsupported();
    let total = 0;
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) total += this.read(r, c);
    return total;
  }

  private read(row: number, col: number): number {
    if (++this.cellsRead > MAX_FORMULA_CELLS) throw new Unsupported();
    const value = this.lookup(row, col);
    return typeof value === "number" ? value : 0;
  }
}
