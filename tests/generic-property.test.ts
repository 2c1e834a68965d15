/**
 * Random forms: a random row tree (I / 1 / - / + numbering, "Chia ra:" markers) and random
 * column sums in the code row, filled with consistent figures computed here from random
 * leaves. Read with the form inferred from the table itself, such a form has no error;
 * changing one figure gives an error at that cell, or on a row or column that contains it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CellValue, columnLetter, parseAddress, sheetFromValues } from "../src/core/grid";
import { validateGrid } from "../src/core/validate";

interface RandomRow {
  depth: number;
  /** A "Chia ra:" line before this row's children. */
  marker: boolean;
}

interface RandomForm {
  rows: RandomRow[];
  /** For each numeric column: the columns (by index, all later) it is the sum of, or none. */
  sums: number[][];
  leaves: number[][];
}

const TT_BY_DEPTH = [(i: number) => ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][i % 8], (i: number) => String(i + 1), () => "-", () => "+"];

/** A row tree as depths: each row at most one level deeper than the row above. */
const treeArb = fc
  .array(fc.record({ step: fc.integer({ min: -3, max: 1 }), marker: fc.boolean() }), { minLength: 1, maxLength: 14 })
  .map((steps) => {
    const rows: RandomRow[] = [];
    let depth = 0;
    steps.forEach((s, i) => {
      depth = i === 0 ? 0 : Math.max(0, Math.min(3, depth + s.step));
      rows.push({ depth, marker: s.marker });
    });
    return rows;
  });

/** Columns 0..n-1; column k may total a set of later columns that no other column totals. */
const sumsArb = fc.integer({ min: 3, max: 7 }).chain((n) =>
  fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((totals) => {
    const sums: number[][] = totals.map(() => []);
    const taken = new Set<number>();
    totals.forEach((isTotal, k) => {
      if (!isTotal || taken.has(k)) return;
      const parts = [];
      for (let j = k + 1; j < n && parts.length < 3; j++) if (!taken.has(j) && sums[j].length === 0) parts.push(j);
      if (parts.length >= 2) {
        sums[k] = parts;
        parts.forEach((p) => taken.add(p));
        taken.add(k);
      }
    });
    return sums;
  }),
);

const formArb: fc.Arbitrary<RandomForm> = fc.tuple(treeArb, sumsArb).chain(([rows, sums]) =>
  fc
    .array(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: sums.length, maxLength: sums.length }), { minLength: rows.length, maxLength: rows.length })
    .map((leaves) => ({ rows, sums, leaves })),
);

const FIRST_NUMBER_COL = 3;
const CODE_ROW = 4;

/** The sheet, and the figure at each body row and numeric column (parents and totals computed). */
function sheetOf(form: RandomForm): { values: CellValue[][]; figures: Map<string, number> } {
  const n = form.sums.length;
  const parentOf = form.rows.map((row, i) => {
    for (let k = i - 1; k >= 0; k--) if (form.rows[k].depth < row.depth) return k;
    return -1;
  });
  const hasChildren = form.rows.map((_, i) => parentOf.some((p) => p === i));
  const value: number[][] = form.rows.map(() => new Array<number>(n).fill(0));
  // Leaves first, then parents bottom-up; within a row, column totals from their parts.
  const order = form.rows.map((_, i) => i).sort((a, b) => form.rows[b].depth - form.rows[a].depth);
  for (const i of order) {
    for (let c = n - 1; c >= 0; c--) {
      if (form.sums[c].length > 0) value[i][c] = form.sums[c].reduce((s, p) => s + value[i][p], 0);
      else if (hasChildren[i]) value[i][c] = parentOf.reduce((s, p, k) => (p === i ? s + value[k][c] : s), 0);
      else value[i][c] = form.leaves[i][c];
    }
  }
  const values: CellValue[][] = [
    ["SỞ NỘI VỤ TỈNH LẠNG SƠN", null, null, "Biểu số 99/TEST"],
    ["BÁO CÁO KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG NĂM 2024"],
    ["TT", "Nội dung", ...Array.from({ length: n }, (_, c) => `Chỉ tiêu ${c + 1}`)],
    ["A", "B", ...form.sums.map((parts, c) => (parts.length ? `${c + 1}=${parts.map((p) => p + 1).join("+")}` : c + 1))],
  ];
  const figures = new Map<string, number>();
  const counters = [0, 0, 0, 0];
  form.rows.forEach((row, i) => {
    if (row.depth < 3) counters.fill(0, row.depth + 1);
    const tt = TT_BY_DEPTH[row.depth](counters[row.depth]++);
    const excelRow = values.length + 1;
    values.push([tt, `Nội dung ${i + 1}`, ...value[i]]);
    value[i].forEach((v, c) => figures.set(`${columnLetter(FIRST_NUMBER_COL + c)}${excelRow}`, v));
    if (row.marker && hasChildren[i]) values.push([null, "Chia ra:"]);
  });
  return { values, figures };
}

describe("random forms read with the form inferred from their own table", () => {
  it("consistent figures give no error and no warning", () => {
    fc.assert(
      fc.property(formArb, (form) => {
        const { values } = sheetOf(form);
        const result = validateGrid({ sheets: [sheetFromValues("Biểu", values)] });
        expect(result.form).toBe("99-test");
        expect(result.findings.filter((f) => f.severity !== "info").map((f) => `${f.code}@${f.cell}`)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("one changed figure gives an error at that cell, or on a row or column through it", () => {
    fc.assert(
      fc.property(formArb, fc.nat(), fc.integer({ min: 1, max: 50 }), (form, pick, delta) => {
        const { values, figures } = sheetOf(form);
        const cells = [...figures.keys()];
        const target = cells[pick % cells.length];
        const at = parseAddress(target)!;
        values[at.row - 1][at.col - 1] = (figures.get(target) ?? 0) + delta;
        const result = validateGrid({ sheets: [sheetFromValues("Biểu", values)] });
        const errors = result.findings.filter((f) => f.severity === "error" && f.cell);
        // A top-level row without children, in a column no sum names, can change freely: nothing contradicts it.
        if (isUnconstrained(form, at.row, at.col, values)) return;
        const related = errors.filter((f) => {
          const e = parseAddress(f.cell!)!;
          return e.row === at.row || e.col === at.col;
        });
        expect(related.map((f) => `${f.code}@${f.cell}`)).not.toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

/** A cell no relation reaches: a top-level row without children, in a column no sum names. */
function isUnconstrained(form: RandomForm, excelRow: number, col: number, values: CellValue[][]): boolean {
  const c = col - FIRST_NUMBER_COL;
  const inColumnRule = form.sums[c].length > 0 || form.sums.some((parts) => parts.includes(c));
  if (inColumnRule) return false;
  const tt = String(values[excelRow - 1][0] ?? "");
  const bodyRows = values.slice(CODE_ROW).map((v, k) => ({ tt: String(v[0] ?? ""), excelRow: CODE_ROW + k + 1, label: String(v[1] ?? "") })).filter((r) => r.label !== "Chia ra:");
  const index = bodyRows.findIndex((r) => r.excelRow === excelRow);
  const depthOf = (t: string) => (/^[IVX]+$/.test(t) ? 0 : /^\d+$/.test(t) ? 1 : t === "-" ? 2 : 3);
  const depth = depthOf(tt);
  const hasParent = bodyRows.slice(0, index).some((r) => depthOf(r.tt) < depth);
  const next = bodyRows[index + 1];
  const hasChild = next !== undefined && depthOf(next.tt) > depth;
  return !hasParent && !hasChild;
}
