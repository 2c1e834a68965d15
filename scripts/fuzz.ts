/**
 * `npm run fuzz [-- CASES [SEED]]`: 10,000 fuzz cases by default (30 % damaged workbook bytes,
 * 40 % damaged XML re-zipped, 30 % random grids through the core), each run and checked as in
 * tests/fuzz.test.ts, but every case runs and is counted instead of stopping at the first
 * failure. Prints the counts; exits 1 when any case crashed (an exception escaped, a broken
 * promise, or a case took longer than SLOW_MS).
 */
import fc from "fast-check";
import type { WorkbookGrid } from "../src/core/grid";
import { byteCase, gridCase, runByteCase, runGridCase, runXmlCase, seedGrids, seedWorkbooks, xmlCase, zipSeeds } from "../tests/helpers/fuzz-cases";

const SLOW_MS = 10_000;

interface Tally {
  cases: number;
  crashes: number;
  slow: number;
  slowestMs: number;
  examples: string[];
}

async function runKind<C>(name: string, arbitrary: fc.Arbitrary<C>, count: number, seed: number, run: (c: C) => Promise<void> | void): Promise<Tally> {
  const tally: Tally = { cases: 0, crashes: 0, slow: 0, slowestMs: 0, examples: [] };
  const started = performance.now();
  for (const c of fc.sample(arbitrary, { numRuns: count, seed })) {
    const t = performance.now();
    try {
      await run(c);
    } catch (error) {
      tally.crashes++;
      if (tally.examples.length < 5) tally.examples.push(`${error instanceof Error ? error.stack?.split("\n").slice(0, 3).join(" | ") : String(error)}\n      case: ${JSON.stringify(c).slice(0, 400)}`);
    }
    const ms = performance.now() - t;
    tally.slowestMs = Math.max(tally.slowestMs, ms);
    if (ms > SLOW_MS) {
      tally.slow++;
      if (tally.examples.length < 5) tally.examples.push(`slow (${Math.round(ms)} ms): ${JSON.stringify(c).slice(0, 400)}`);
    }
    tally.cases++;
    if (tally.cases % 1000 === 0) process.stderr.write(`  ${name}: ${tally.cases}/${count} (${Math.round((performance.now() - started) / 1000)} s)\n`);
  }
  return tally;
}

async function main(): Promise<number> {
  const total = Number(process.argv[2] ?? 10_000);
  const seed = Number(process.argv[3] ?? 20_241_127);
  if (!Number.isInteger(total) || total < 3 || !Number.isInteger(seed)) {
    process.stderr.write("usage: npm run fuzz -- [CASES ≥ 3] [SEED]\n");
    return 2;
  }
  const seeds = seedWorkbooks();
  const zipped = zipSeeds(seeds);
  const grids: WorkbookGrid[] = seedGrids(seeds);
  const bytesCount = Math.round(total * 0.3);
  const xmlCount = Math.round(total * 0.4);
  const gridCount = total - bytesCount - xmlCount;
  process.stdout.write(`fuzz: ${total} cases, seed ${seed}, ${seeds.length} seed workbooks (${zipped.length} zips)\n`);
  const started = performance.now();
  const results: [string, Tally][] = [
    ["damaged bytes", await runKind("bytes", byteCase(seeds.length), bytesCount, seed, (c) => runByteCase(seeds, c))],
    ["damaged XML, re-zipped", await runKind("xml", xmlCase(zipped.length), xmlCount, seed + 1, (c) => runXmlCase(zipped, c))],
    ["random grids", await runKind("grids", gridCase(grids.length), gridCount, seed + 2, (c) => runGridCase(grids, c))],
  ];
  let crashes = 0;
  let cases = 0;
  for (const [name, t] of results) {
    crashes += t.crashes + t.slow;
    cases += t.cases;
    process.stdout.write(`  ${name.padEnd(24)} ${String(t.cases).padStart(6)} cases  ${t.crashes} crashes  ${t.slow} slow (slowest ${Math.round(t.slowestMs)} ms)\n`);
    for (const e of t.examples) process.stdout.write(`    ! ${e}\n`);
  }
  process.stdout.write(`fuzz: ${cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, crashes: ${crashes}\n`);
  return crashes === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
