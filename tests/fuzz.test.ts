/**
 * Fuzzing with fast-check (a few hundred cases per CI run; `npm run fuzz` runs 10,000):
 * real workbooks with damaged bytes, real workbooks whose XML was damaged before re-zipping,
 * and random grids fed to the core. No exception may escape and every run must end in a
 * result or findings (see tests/helpers/fuzz-cases.ts for the cases and the check).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { WorkbookGrid } from "../src/core/grid";
import { byteCase, gridCase, runByteCase, runGridCase, runXmlCase, seedGrids, seedWorkbooks, xmlCase, zipSeeds } from "./helpers/fuzz-cases";

/** Cases per kind in CI; FUZZ_RUNS raises it locally. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

let seeds: { name: string; bytes: Uint8Array }[];
let zipped: { name: string; bytes: Uint8Array }[];
let grids: WorkbookGrid[];
beforeAll(() => {
  seeds = seedWorkbooks();
  zipped = zipSeeds(seeds);
  grids = seedGrids(seeds);
});

describe("fuzz", () => {
  it("starts from the six fixtures and the 22 workbooks of the demo batch", () => {
    expect(seeds.map((s) => s.name).slice(0, 6)).toEqual(["libreoffice-clean.xlsx", "numbers-as-text.xlsx", "openpyxl-clean.xlsx", "tcvn3-vntime.xlsx", "unicode-nfd.xlsx", "vni-times.xlsx"]);
    expect(seeds).toHaveLength(28);
  });

  it(`damaged workbook bytes (${RUNS} cases): a result or findings, never an exception`, async () => {
    await fc.assert(fc.asyncProperty(byteCase(seeds.length), (c) => runByteCase(seeds, c)), { numRuns: RUNS, seed: 20241 });
  });

  it(`damaged XML inside real workbooks, re-zipped (${RUNS * 2} cases)`, async () => {
    await fc.assert(fc.asyncProperty(xmlCase(zipped.length), (c) => runXmlCase(zipped, c)), { numRuns: RUNS * 2, seed: 20242 });
  });

  it(`random and damaged grids through validation, consolidation and the period review (${RUNS * 2} cases)`, () => {
    fc.assert(fc.property(gridCase(grids.length), (c) => runGridCase(grids, c)), { numRuns: RUNS * 2, seed: 20243 });
  });
});
