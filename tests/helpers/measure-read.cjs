/**
 * Run as a child process by measureInChild (hostile-files.ts):
 *   node measure-read.cjs <compiled lib/> <op> <file>
 * Loads the compiled readers first (tests/helpers/compiled-cli.ts builds them; plain node
 * starts in a fraction of tsx's time), then reads the file once and prints, as JSON, the wall
 * time, how far the read raised this fresh process's peak memory, and what came out of it.
 */
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");

const [lib, op, file] = process.argv.slice(2);
const load = (module) => require(path.join(lib, module));

const run = {
  read: () => load("io/read.js").readWorkbook,
  "read-all-rows": () => ((read) => (bytes) => read(bytes, { maxRowsPerSheet: Infinity }))(load("io/read.js").readWorkbook),
  "read-exceljs": () => (require("exceljs"), load("io/read-exceljs.js").readWorkbookWithExceljs),
  inspect: () => ((inspect) => async (bytes) => (await inspect("hostile.xlsx", bytes)).result)(load("io/inspect.js").inspectWorkbook),
}[op]();

async function main() {
  const bytes = new Uint8Array(readFileSync(file));
  const peakBefore = process.resourceUsage().maxRSS;
  const start = performance.now();
  const result = await run(bytes);
  const ms = performance.now() - start;
  const peakGrowthMiB = (process.resourceUsage().maxRSS - peakBefore) / 1024;
  process.stdout.write(JSON.stringify({ ms, peakGrowthMiB, problem: result.problem ?? null, codes: result.findings.map((f) => f.code) }));
}

void main();
