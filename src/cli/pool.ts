/**
 * Inspects many files on worker threads, one lane per core. The files are streamed: every
 * lane takes the next index from one shared counter (Atomics), holds one workbook at a time
 * and answers it, so memory stays bounded however many files there are, and no lane waits
 * for another (nor for this thread, which may be busy, e.g. loading the report writer).
 * Every file yields a report, in input order: a thread that fails or dies on a file yields a
 * `file.unreadable` report for that file, is replaced, and the rest carry on.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ColumnValues, RowTotal } from "../core/model";
import type { FileReport } from "../io/inspect";
import type { FormDefinition } from "../core/form/definition";
import { BUILTIN_DEFINITIONS } from "../core/form/builtin";
import { failedReport } from "./failed-report";
import type { WorkerInput, WorkerReply } from "./worker";

export interface PoolOptions {
  /** Lanes (worker threads, plus this thread when `inline` is given); default `defaultPoolSize()`. */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** Filled in as the pool runs: for the benchmark and the tests. */
  stats?: PoolStats;
  /**
   * Inspect in this thread too, as one of the lanes: its modules are loaded already, so it
   * saves one thread's start-up and warm-up (~1 s of CPU per thread for 1,000 forms).
   */
  inline?: (file: string) => Promise<FileReport>;
  /** The user's form definitions (--form), handed to every thread. */
  definitions?: FormDefinition[];
}

export interface PoolStats {
  /** Lanes used: worker threads, plus this thread when inline. */
  threads: number;
  /** Most files held at once (at most one per lane). */
  maxInFlight: number;
  /** Threads that died and were replaced. */
  restarts: number;
  /** Files inspected by this thread (inline). */
  inline: number;
}

/** Thrown when no thread could even start (e.g. a broken install): the caller reads in-process. */
export class PoolUnavailable extends Error {}

/**
 * Lanes to use: one per core, or DTBD_THREADS when set (0 or 1 turns the pool off). On 2
 * cores the second lane is a small win, not a doubling: V8 already compiles and collects
 * garbage on background threads (in-process, 1,000 forms take 3.2 s of CPU in 2.5 s), and
 * each extra lane warms its own copy of the code (~0.8 s of CPU). Measured, 8 interleaved
 * runs at load ~3: 2.37 s with 2 lanes against 2.46 s in-process (median).
 */
export function defaultPoolSize(): number {
  const env = process.env.DTBD_THREADS;
  if (env !== undefined && /^\d+$/.test(env.trim())) return Number(env);
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

function startWorker(input: WorkerInput): Worker {
  // No tighter heap cap than this thread's: a large but legitimate workbook must read the same
  // in a thread as in-process. A file that exhausts a thread's heap still kills only that thread.
  const options = { workerData: input };
  const compiled = path.join(__dirname, "worker.js");
  if (existsSync(compiled)) return new Worker(compiled, options);
  // Running from TypeScript source (vitest, tsx): load the worker through tsx's require hook.
  const source = path.join(__dirname, "worker.ts");
  const tsx = createRequire(__filename).resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)});\nrequire(${JSON.stringify(source)});`, { ...options, eval: true });
}

/**
 * Structured cloning gives plain objects; the core builds these maps without a prototype.
 * The clones are this thread's own, so they lose their prototype in place: same keys in the
 * same order, and ~15× cheaper than copying each into an Object.create(null) (1,000 forms:
 * ~50 ms of this thread's time, while it is one of the lanes).
 */
function revive(report: FileReport, definition: FormDefinition | null): FileReport {
  const r = report.result;
  if (definition) r.definition = definition;
  const bare = <T>(o: Record<string, T>): Record<string, T> => Object.setPrototypeOf(o, null) as Record<string, T>;
  const rows = bare<ColumnValues>(r.rows);
  for (const code of Object.keys(rows)) bare(rows[code]);
  bare<RowTotal>(r.totals);
  for (const unknown of r.unknownRows) bare(unknown.values);
  return report;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  error?: unknown;
}

export function inspectFilesInPool(files: string[], opts: PoolOptions = {}): Promise<FileReport[]> {
  const total = files.length;
  const threads = Math.max(1, Math.min(opts.threads ?? defaultPoolSize(), total));
  const inline = opts.inline;
  const workers = inline ? threads - 1 : threads;
  const stats: PoolStats = opts.stats ?? { threads, maxInFlight: 0, restarts: 0, inline: 0 };
  Object.assign(stats, { threads, maxInFlight: 0, restarts: 0, inline: 0 });
  const reports: FileReport[] = new Array(total);
  if (total === 0) return Promise.resolve(reports);

  const known = new Map([...BUILTIN_DEFINITIONS, ...(opts.definitions ?? [])].map((d) => [d.id, d]));
  const definitionById = (id: string): FormDefinition | null => known.get(id) ?? null;
  // [0]: next index to take; [1 + slot]: index the worker in that slot holds, or -1
  const shared = new SharedArrayBuffer(4 * (1 + Math.max(workers, 1)));
  const state = new Int32Array(shared);
  state.fill(-1, 1);

  return new Promise<FileReport[]>((resolve, reject) => {
    let done = 0;
    let finished = false;
    let inlineBusy = false;
    let inlineRunning = Boolean(inline);
    const slots: (Slot | null)[] = [];

    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      for (const slot of slots) void slot?.worker.terminate();
      if (error) reject(error);
      else resolve(reports);
    };

    const noteInFlight = () => {
      let held = inlineBusy ? 1 : 0;
      for (let k = 0; k < slots.length; k++) if (Atomics.load(state, 1 + k) >= 0) held++;
      stats.maxInFlight = Math.max(stats.maxInFlight, held);
    };

    /** First answer wins: a late answer from a thread already given up on is dropped. */
    const settle = (id: number, report: FileReport) => {
      if (finished || reports[id] !== undefined) return;
      reports[id] = report;
      done++;
      opts.onProgress?.(done, total);
      if (done === total) finish();
    };

    const open = (k: number) => {
      const slot: Slot = { worker: startWorker({ files, shared, slot: k, definitions: opts.definitions }), ready: false };
      slots[k] = slot;
      slot.worker.on("message", (reply: WorkerReply) => {
        if ("ready" in reply) {
          slot.ready = true;
          return;
        }
        noteInFlight();
        if ("report" in reply) settle(reply.id, revive(reply.report, reply.definitionId === undefined ? null : definitionById(reply.definitionId)));
        else {
          settle(reply.id, failedReport(files[reply.id], new Error(reply.error)));
        }
      });
      slot.worker.on("error", (error) => {
        slot.error = error;
      });
      slot.worker.on("exit", (code) => {
        if (finished || slots[k] !== slot) return;
        slots[k] = null;
        const culprit = Atomics.exchange(state, 1 + k, -1);
        // A thread that took a file did start, even if its "ready" has not arrived yet (one
        // that exits on its very first file may be heard of in that order).
        if (!slot.ready && culprit < 0) {
          // It never started: a broken install, not a file. Others (or this thread) carry on.
          if (!inlineRunning && slots.every((s) => s === null)) {
            finish(new PoolUnavailable(`worker thread could not start: ${slot.error instanceof Error ? slot.error.message : `exit code ${code}`}`));
          }
          return;
        }
        if (culprit >= 0 && reports[culprit] === undefined) {
          const reason = slot.error ?? new Error(`worker thread stopped (exit code ${code})`);
          settle(culprit, failedReport(files[culprit], reason));
        }
        if (Atomics.load(state, 0) < total) {
          stats.restarts++;
          open(k);
        } else strandedCheck();
      });
    };

    /** Once every lane has stopped, a file taken but never answered still gets its report. */
    const strandedCheck = () => {
      if (finished || inlineRunning || slots.some((s) => s !== null)) return;
      for (let id = 0; id < total; id++) {
        if (reports[id] === undefined) settle(id, failedReport(files[id], new Error("no thread answered for this file")));
      }
    };

    for (let k = 0; k < workers; k++) open(k);

    if (inline) {
      void (async () => {
        for (;;) {
          // yield first, so that the threads' answers are taken as they come
          await new Promise((r) => setImmediate(r));
          if (finished) return;
          const id = Atomics.add(state, 0, 1);
          if (id >= total) break;
          inlineBusy = true;
          noteInFlight();
          let report: FileReport;
          try {
            report = await inline(files[id]);
          } catch (error) {
            report = failedReport(files[id], error);
          }
          inlineBusy = false;
          stats.inline++;
          settle(id, report);
        }
        inlineRunning = false;
        strandedCheck();
      })();
    }
  });
}
