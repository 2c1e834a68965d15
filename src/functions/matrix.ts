/**
 * Excel passes a range as a 2-D array and a single cell as a 1×1 array. These helpers apply a
 * per-cell rule over one or two such arguments and shape the answer the way Excel spills it.
 */

export type Matrix = unknown[][];

export interface Shape {
  rows: number;
  cols: number;
}

function shapeOf(m: Matrix): Shape {
  return { rows: m.length, cols: m.reduce((max, line) => Math.max(max, line.length), 0) };
}

/** A matrix argument may also arrive as a plain value (tests, older hosts). */
export function asMatrix(value: unknown): Matrix {
  if (Array.isArray(value)) return value.length && Array.isArray(value[0]) ? (value as Matrix) : [value];
  return [[value]];
}

/** Shape of the combined result: a dimension of size 1 stretches to the other's (as Excel does). */
export function combinedShape(...ms: Matrix[]): Shape | null {
  const shapes = ms.map(shapeOf);
  const rows = Math.max(...shapes.map((s) => s.rows));
  const cols = Math.max(...shapes.map((s) => s.cols));
  const fits = shapes.every((s) => (s.rows === 1 || s.rows === rows) && (s.cols === 1 || s.cols === cols));
  return fits ? { rows, cols } : null;
}

export function pick(m: Matrix, r: number, c: number): unknown {
  const line = m.length === 1 ? m[0] : m[r];
  return line?.length === 1 ? line[0] : line?.[c];
}

export function mapCells<T>(shape: Shape, fn: (r: number, c: number) => T): T[][] {
  return Array.from({ length: shape.rows }, (_, r) => Array.from({ length: shape.cols }, (_, c) => fn(r, c)));
}
