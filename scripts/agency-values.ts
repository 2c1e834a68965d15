/**
 * Deterministic agency numbers for the demo batch (scripts/make-samples.ts) and the
 * benchmark corpus (bench/corpus.ts): the same seed gives the same workbook on every machine.
 */
import { FORM01_ROWS } from "../src/core/form01";
import type { Form01Values } from "../src/io/template";

/** mulberry32: small, seeded, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Leaf values of one agency: plan and actual per category, "of which" counts below the
 * actual total, budgets with one decimal. With `fill`, each row is reported with that
 * probability (communes leave many rows empty); `scale` multiplies the sizes.
 */
export function leafValues(random: () => number, fill?: number, scale = 1): Form01Values {
  const int = (max: number) => Math.floor(random() * (max + 1));
  const values: Form01Values = {};
  for (const row of FORM01_ROWS) {
    if (row.children.length > 0) continue;
    if (fill !== undefined && random() > fill) continue;
    const s = (row.unit === "Người" ? 6 : 40) * scale;
    const plan = [int(s), int(s), int(s), int(s)];
    const actual = plan.map((p) => Math.max(0, p + int(Math.ceil(s / 3)) - Math.floor(s / 6)));
    const total = actual.reduce((sum, v) => sum + v, 0);
    values[row.code] = {
      "2": plan[0], "3": plan[1], "4": plan[2], "5": plan[3],
      "7": actual[0], "8": actual[1], "9": actual[2], "10": actual[3],
      "11": Math.floor(total * random()),
      "12": Math.floor(total * random() * 0.6),
      "14": Math.round(random() * 400 * scale) / 10,
      "15": Math.round(random() * 400 * scale) / 10,
    };
  }
  return values;
}
