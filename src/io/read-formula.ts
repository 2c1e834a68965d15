/**
 * Shared formulas: Excel stores the formula text once, on the master cell, and the other
 * cells of the range carry only `<f t="shared" si="n"/>`. Their text is the master's with
 * every relative reference moved by the distance between the two cells — what Excel shows
 * when the cell is selected.
 */
import { columnLetter } from "../core/grid.js";

const MAX_COL = 16384;
const MAX_ROW = 1048576;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Characters of names, references, numbers and unquoted (also non-ASCII) sheet names. */
const isWordChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 36 || c === 46 || c === 92 || c > 127;

const CELL_REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;
const COL_ONLY = /^(\$?)([A-Za-z]{1,3})$/;
const ROW_ONLY = /^(\$?)(\d{1,7})$/;

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 32) - 96);
  return n;
}

function shiftCol(abs: string, letters: string, dCol: number): string | null {
  const col = colNumber(letters);
  if (col > MAX_COL) return null;
  const moved = abs ? col : col + dCol;
  return moved < 1 || moved > MAX_COL ? "#REF!" : abs + columnLetter(moved);
}

function shiftRow(abs: string, digits: string, dRow: number): string | null {
  const row = Number(digits);
  if (row < 1 || row > MAX_ROW) return null;
  const moved = abs ? row : row + dRow;
  return moved < 1 || moved > MAX_ROW ? "#REF!" : abs + String(moved);
}

/** `token` moved by (dRow, dCol) if it is a cell reference, else null. */
function shiftCellRef(token: string, dRow: number, dCol: number): string | null {
  const m = CELL_REF.exec(token);
  if (!m) return null;
  const col = shiftCol(m[1], m[2], dCol);
  const row = shiftRow(m[3], m[4], dRow);
  if (col === null || row === null) return null;
  return col === "#REF!" || row === "#REF!" ? "#REF!" : col + row;
}

function skipQuoted(s: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === quote) {
      if (s[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return s.length;
}

function skipBracket(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === "[") depth++;
    else if (s[j] === "]" && --depth === 0) return j + 1;
    else if (s[j] === "'" && depth > 0) j++; // escaped character in a structured reference
  }
  return s.length;
}

/**
 * The formula as it reads `dRow` rows and `dCol` columns away from where it was written.
 * String literals, quoted sheet names, structured references, function names and defined
 * names are left alone; `$`-anchored parts do not move; references pushed off the sheet
 * become #REF!, as in Excel.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const c = formula.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const j = skipQuoted(formula, i, formula[i]);
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    if (c === 91 /* [ */) {
      const j = skipBracket(formula, i);
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    if (c === 35 /* # */) {
      // error literal such as #REF! or #N/A
      let j = i + 1;
      while (j < n && /[A-Za-z0-9/!?]/.test(formula[j])) {
        j++;
        if (formula[j - 1] === "!" || formula[j - 1] === "?") break;
      }
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    if (!isWordChar(c)) {
      out += formula[i];
      i++;
      continue;
    }
    let j = i;
    while (j < n && isWordChar(formula.charCodeAt(j))) j++;
    const token = formula.slice(i, j);
    const next = formula[j];
    if (next === "(" || next === "!" || next === "[") {
      out += token;
      i = j;
      continue;
    }
    if (next === ":") {
      // whole-column (A:C) and whole-row (1:3) ranges
      let k = j + 1;
      while (k < n && isWordChar(formula.charCodeAt(k))) k++;
      const other = formula.slice(j + 1, k);
      const colA = COL_ONLY.exec(token);
      const colB = COL_ONLY.exec(other);
      if (colA && colB) {
        const a = shiftCol(colA[1], colA[2], dCol);
        const b = shiftCol(colB[1], colB[2], dCol);
        if (a !== null && b !== null) {
          out += a === "#REF!" || b === "#REF!" ? "#REF!" : `${a}:${b}`;
          i = k;
          continue;
        }
      }
      const rowA = ROW_ONLY.exec(token);
      const rowB = ROW_ONLY.exec(other);
      if (rowA && rowB) {
        const a = shiftRow(rowA[1], rowA[2], dRow);
        const b = shiftRow(rowB[1], rowB[2], dRow);
        if (a !== null && b !== null) {
          out += a === "#REF!" || b === "#REF!" ? "#REF!" : `${a}:${b}`;
          i = k;
          continue;
        }
      }
    }
    out += shiftCellRef(token, dRow, dCol) ?? token;
    i = j;
  }
  return out;
}
