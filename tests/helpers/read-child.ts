/**
 * Reads one file with readWorkbook in a process of its own and prints what it cost, so that a
 * test measures each hostile read's memory alone (a test process's peak memory is that of
 * everything it ran before). Run: tsx tests/helpers/read-child.ts FILE
 * Prints one JSON line: { problem, findings, sheets, ms, baselineMiB, peakMiB }.
 */
import { readFileSync } from "node:fs";
import { readWorkbook } from "../../src/io/read";
import { sheetJsSync } from "../../src/io/sheetjs";

const MiB = 1024 * 1024;

async function run(): Promise<void> {
  const bytes = new Uint8Array(readFileSync(process.argv[2]));
  // Load every module first, so that the baseline holds them and the growth is the read's own.
  sheetJsSync();
  await readWorkbook(new Uint8Array(0));
  global.gc?.();
  const baselineMiB = process.memoryUsage().rss / MiB;
  const start = performance.now();
  const result = await readWorkbook(bytes);
  const ms = performance.now() - start;
  const peakMiB = (process.resourceUsage().maxRSS * 1024) / MiB;
  process.stdout.write(
    JSON.stringify({
      problem: result.problem ?? null,
      findings: result.findings.map((f) => ({ code: f.code, severity: f.severity, vi: f.message.vi, en: f.message.en })),
      sheets: result.grid?.sheets.map((s) => s.name) ?? null,
      ms,
      baselineMiB,
      peakMiB,
    }) + "\n",
  );
}

run().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(2);
});
