/**
 * The worker pool gives exactly what the in-process path gives, holds a bounded number of
 * files at once, and accounts for every file even when a thread fails or dies on one.
 * Real workbooks throughout: the demo batch (samples/) and the fixtures. The failures are
 * injected into the threads by tests/helpers/pool-fault.cjs, through the environment the
 * threads start with (withThreadFault): nothing of it ships.
 */
import { execFile } from "node:child_process";
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FileReport } from "../src/io/inspect";
import { POOL_MIN_FILES, inspectFiles, inspectOne } from "../src/cli/inspect-files";
import os from "node:os";
import { type PoolStats, defaultPoolSize, inspectFilesInPool } from "../src/cli/pool";
import { buildCli } from "./helpers/compiled-cli";
import { FIXTURES } from "./helpers/fixtures";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..");
const SAMPLES = path.join(ROOT, "samples");
const POOL_FAULT = path.join(__dirname, "helpers", "pool-fault.cjs");
const TEST_ENV = ["DTBD_THREADS", "DTBD_TEST_POOL_FAULT", "DTBD_TEST_POOL_DELAY_MS", "DTBD_TEST_POOL_LOG"] as const;

let batch: string[] = [];
let sequential: FileReport[] = [];

async function workbooksIn(dir: string): Promise<string[]> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith(".xlsx")).sort();
  return names.map((n) => path.join(dir, n));
}

beforeAll(async () => {
  batch = [...(await workbooksIn(SAMPLES)), ...(await workbooksIn(FIXTURES))];
  sequential = [];
  for (const file of batch) sequential.push(await inspectOne(file));
});

const envBefore = Object.fromEntries(TEST_ENV.map((key) => [key, process.env[key]]));
afterEach(() => {
  for (const key of TEST_ENV) {
    if (envBefore[key] === undefined) delete process.env[key];
    else process.env[key] = envBefore[key];
  }
});

/** Runs `start` with threads that fail on `file` as `mode` says (pool-fault.cjs); the threads read it as they start. */
async function withThreadFault<T>(mode: "throw" | "crash" | "exit", file: string, start: () => Promise<T>): Promise<T> {
  process.env.DTBD_TEST_POOL_FAULT = `${mode}:${file}`;
  try {
    return await start();
  } finally {
    delete process.env.DTBD_TEST_POOL_FAULT;
  }
}

function unreadableOnly(report: FileReport, why: RegExp): void {
  expect(report.result.findings).toHaveLength(1);
  expect(report.result.findings[0].code).toBe("file.unreadable");
  expect(report.result.findings[0].message.en).toMatch(why);
  expect(report.result.form).toBeNull();
}

describe("worker pool", () => {
  it("the batch is the real thing: demo agencies and fixtures, with totals and defects", () => {
    expect(batch.length).toBe(28);
    expect(sequential.filter((r) => r.result.form === "01/ĐTBD").length).toBe(27);
    expect(sequential.some((r) => r.result.findings.some((f) => f.code === "file.unreadable"))).toBe(true);
    expect(sequential.some((r) => r.result.findings.some((f) => f.code === "sum.columns"))).toBe(true);
  });

  it("gives the same reports, in the same order, as reading the files one by one in-process", async () => {
    const stats: PoolStats = { threads: 0, maxInFlight: 0, restarts: 0, inline: 0 };
    const pooled = await inspectFilesInPool(batch, { threads: 2, stats });
    expect(stats.threads).toBe(2);
    expect(stats.restarts).toBe(0);
    expect(pooled.map((r) => r.file)).toEqual(batch.map((f) => path.basename(f)));
    expect(pooled).toEqual(sequential);
    // the core's prototype-free maps stay prototype-free after crossing the thread boundary
    const form = pooled.find((r) => r.result.form === "01/ĐTBD")!;
    expect(Object.getPrototypeOf(form.result.rows)).toBeNull();
    expect(Object.getPrototypeOf(form.result.rows["01"])).toBeNull();
    expect(Object.getPrototypeOf(form.result.totals)).toBeNull();
    expect(form.result.totals["01"].plan).toBeGreaterThan(0);
  });

  it("holds at most one file per lane, however long the list, and reports progress for each", async () => {
    const long = Array.from({ length: 4 }, () => batch).flat(); // 100+ files
    const stats: PoolStats = { threads: 0, maxInFlight: 0, restarts: 0, inline: 0 };
    const progress: number[] = [];
    const pooled = await inspectFilesInPool(long, { threads: 2, stats, onProgress: (done) => progress.push(done) });
    expect(stats.maxInFlight).toBeGreaterThanOrEqual(1);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(progress).toEqual(long.map((_, i) => i + 1));
    expect(pooled).toEqual(Array.from({ length: 4 }, () => sequential).flat());

    const single: PoolStats = { threads: 0, maxInFlight: 0, restarts: 0, inline: 0 };
    await inspectFilesInPool(batch.slice(0, 10), { threads: 1, stats: single });
    expect(single.maxInFlight).toBe(1);
  });

  for (const mode of ["throw", "crash", "exit"] as const) {
    it(`a thread that ${mode === "throw" ? "throws" : mode === "crash" ? "crashes (uncaught error)" : "exits"} on one file: that file is file.unreadable, every other file as usual`, async () => {
      const victim = "so-y-te.xlsx";
      const at = batch.findIndex((f) => path.basename(f) === victim);
      expect(at).toBeGreaterThanOrEqual(0);
      const stats: PoolStats = { threads: 0, maxInFlight: 0, restarts: 0, inline: 0 };
      const pooled = await withThreadFault(mode, victim, () => inspectFilesInPool(batch, { threads: 2, stats }));
      expect(pooled).toHaveLength(batch.length);
      unreadableOnly(pooled[at], mode === "exit" ? /exit code 70/ : /injected/);
      expect(pooled[at].file).toBe(victim);
      expect(pooled[at].sha256).toBe(sequential[at].sha256); // the source list still identifies the file
      expect(pooled.filter((_, i) => i !== at)).toEqual(sequential.filter((_, i) => i !== at));
      expect(stats.restarts).toBe(mode === "throw" ? 0 : 1);
    });
  }

  it("a file that kills every thread it meets does not stop the batch (each thread is replaced)", async () => {
    const victim = batch[2];
    const files = [...batch.slice(0, 6), victim, ...batch.slice(6, 12), victim];
    const stats: PoolStats = { threads: 0, maxInFlight: 0, restarts: 0, inline: 0 };
    const pooled = await withThreadFault("exit", path.basename(victim), () => inspectFilesInPool(files, { threads: 2, stats }));
    expect(pooled.map((r) => r.file)).toEqual(files.map((f) => path.basename(f)));
    const dead = pooled.map((r, i) => (r.result.findings.some((f) => f.code === "file.unreadable" && /exit code 70/.test(f.message.en)) ? i : -1)).filter((i) => i >= 0);
    expect(dead).toEqual([2, 6, 13]);
    expect(stats.restarts).toBe(2); // none after the last file: nothing was left to do
    expect(pooled[12]).toEqual(sequential[11]);
  });

  it("a thread that dies on its very first file died on that file, not at start-up (its 'ready' may never arrive)", async () => {
    const victim = batch[2];
    for (let round = 0; round < 3; round++) {
      const stats: PoolStats = { threads: 0, maxInFlight: 0, restarts: 0, inline: 0 };
      const pooled = await withThreadFault("exit", path.basename(victim), () => inspectFilesInPool([victim, batch[0]], { threads: 1, stats }));
      unreadableOnly(pooled[0], /exit code 70/);
      expect(pooled[1]).toEqual(sequential[0]);
      expect(stats.restarts).toBe(1);
    }
  });

  it("with this thread as one lane (inline): same reports, threads − 1 workers, one file per lane", async () => {
    const stats: PoolStats = { threads: 0, maxInFlight: 0, restarts: 0, inline: 0 };
    const inlined: string[] = [];
    const inline = (file: string) => {
      inlined.push(file);
      return inspectOne(file);
    };
    const long = [...batch, ...batch, ...batch];
    // The worker thread waits 50 ms before each file, so this thread's lane, which takes its
    // first file on the next turn of the event loop, is sure to take some however loaded the machine.
    process.env.DTBD_TEST_POOL_DELAY_MS = "50";
    const pooled = await inspectFilesInPool(long, { threads: 2, stats, inline });
    expect(pooled).toEqual([...sequential, ...sequential, ...sequential]);
    expect(stats.inline).toBe(inlined.length);
    expect(inlined.length).toBeGreaterThan(0);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
  });

  it("uses one lane per core, or DTBD_THREADS", () => {
    delete process.env.DTBD_THREADS;
    expect(defaultPoolSize()).toBe(os.availableParallelism());
    process.env.DTBD_THREADS = "3";
    expect(defaultPoolSize()).toBe(3);
    process.env.DTBD_THREADS = "0";
    expect(defaultPoolSize()).toBe(0);
  });

  it("inspectFiles (consolidate, validate) goes through the pool from POOL_MIN_FILES files, and in-process with DTBD_THREADS=1", async () => {
    expect(batch.length).toBeGreaterThanOrEqual(POOL_MIN_FILES);
    const log = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-pool-log-")), "threads.log");
    const threadsStarted = async () => (await fs.readFile(log, "utf8").catch(() => "")).split("\n").filter(Boolean).length;
    process.env.DTBD_TEST_POOL_LOG = log;
    process.env.DTBD_THREADS = "2";
    expect(await inspectFiles(batch)).toEqual(sequential);
    expect(await threadsStarted()).toBe(1); // two lanes: one thread (constructed, whether or not it got a file first) and this one
    process.env.DTBD_THREADS = "1";
    expect(await inspectFiles(batch)).toEqual(sequential);
    expect(await threadsStarted()).toBe(1);
    process.env.DTBD_THREADS = "2";
    expect(await inspectFiles(batch.slice(0, POOL_MIN_FILES - 1))).toEqual(sequential.slice(0, POOL_MIN_FILES - 1));
    expect(await threadsStarted()).toBe(1);
  });

  it("works from the compiled CLI (lib/cli/worker.js, no tsx), as `npm ci` builds it", async () => {
    const lib = path.join(await buildCli(), "lib");
    const victim = path.basename(batch[5]);
    const script = [
      `const { inspectFilesInPool } = require(${JSON.stringify(path.join(lib, "cli", "pool.js"))});`,
      "const stats = {};",
      "inspectFilesInPool(JSON.parse(process.argv[1]), { threads: 2, stats }).then((reports) => process.stdout.write(JSON.stringify({ reports, stats })));",
    ].join("\n");
    const log = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-pool-lib-")), "threads.log");
    const { stdout } = await run(process.execPath, ["--require", POOL_FAULT, "-e", script, JSON.stringify(batch)], {
      env: { ...process.env, DTBD_TEST_POOL_FAULT: `exit:${victim}`, DTBD_TEST_POOL_LOG: log },
      maxBuffer: 64 * 1024 * 1024,
    });
    const { reports, stats } = JSON.parse(stdout) as { reports: FileReport[]; stats: PoolStats };
    expect(stats).toMatchObject({ threads: 2, inline: 0, restarts: 1 });
    expect(readFileSync(log, "utf8").split("\n").filter(Boolean)).toHaveLength(3); // two threads constructed, then one to replace the one that died
    unreadableOnly(reports[5], /exit code 70/);
    const expected = JSON.parse(JSON.stringify(sequential)) as FileReport[];
    expect(reports.filter((_, i) => i !== 5)).toEqual(expected.filter((_, i) => i !== 5));
  }, 180_000);
});
