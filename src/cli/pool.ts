/**
 * Inspects many files on worker threads, one per core. Files are streamed through the pool:
 * each thread holds at most `perThread` files at a time (the one it reads and the next one,
 * so it never waits for the main thread), so memory stays bounded however many files there
 * are. Every file yields a report, in input order: a thread that fails or dies on a file
 * yields a `file.unreadable` report for that file, is replaced, and the rest carry on.
 */
import { existsSync, promises as fs } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ColumnValues, RowTotal } from "../core/model";
import { type FileReport, emptyValidation, sha256Hex, unexpectedFailure } from "../io/inspect";
import type { FailureInjection, WorkerReply, WorkerTask } from "./worker";

export interface PoolOptions {
  /** Worker threads; default `defaultPoolSize()`. */
  threads?: number;
  /** Files handed to a thread before it answers; default 2. */
  perThread?: number;
  onProgress?: (done: number, total: number) => void;
  /** Filled in as the pool runs: for the benchmark and the tests. */
  stats?: PoolStats;
  /** Tests only: make the threads fail on one file (see worker.ts). */
  inject?: FailureInjection;
  /**
   * Inspect in this thread too, as one of the `threads` lanes: it has its modules loaded
   * already, so it saves one thread's start-up and warm-up (~0.8 s of CPU per thread).
   */
  inline?: (file: string) => Promise<FileReport>;
}

export interface PoolStats {
  threads: number;
  /** Most files held by the threads at any one time. */
  maxInFlight: number;
  /** Threads that died and were replaced. */
  restarts: number;
}

/** Thrown when no thread could even start (e.g. a broken install): the caller reads in-process. */
export class PoolUnavailable extends Error {}

/** Threads to use: one per core, or DTBD_THREADS when set (0 or 1 turns the pool off). */
export function defaultPoolSize(): number {
  const env = process.env.DTBD_THREADS;
  if (env !== undefined && /^\d+$/.test(env.trim())) return Number(env);
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/** Thread memory cap: a hostile file that still got past the zip guard kills one thread, not the run. */
const THREAD_HEAP_MB = 512;

function startWorker(inject: FailureInjection | undefined): Worker {
  const options = { workerData: { inject }, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } };
  const compiled = path.join(__dirname, "worker.js");
  if (existsSync(compiled)) return new Worker(compiled, options);
  // Running from TypeScript source (vitest, tsx): load the worker through tsx's require hook.
  const source = path.join(__dirname, "worker.ts");
  const tsx = createRequire(__filename).resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)});\nrequire(${JSON.stringify(source)});`, { ...options, eval: true });
}

/** Structured cloning gives plain objects; the core builds these maps without a prototype. */
function revive(report: FileReport): FileReport {
  const r = report.result;
  const bare = <T>(o: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, o);
  const rows = bare<ColumnValues>(r.rows);
  for (const code of Object.keys(rows)) rows[code] = bare(rows[code]);
  r.rows = rows;
  r.totals = bare<RowTotal>(r.totals);
  for (const unknown of r.unknownRows) unknown.values = bare(unknown.values);
  return report;
}

async function failedReport(file: string, error: unknown): Promise<FileReport> {
  let sha256 = "";
  try {
    sha256 = await sha256Hex(new Uint8Array(await fs.readFile(file)));
  } catch {
    // unreadable from here too: the finding says why
  }
  return { file: path.basename(file), sha256, result: emptyValidation([unexpectedFailure(error)]) };
}

interface Slot {
  worker: Worker;
  /** Task ids sent and not yet answered, oldest first: the thread works on the oldest. */
  pending: number[];
  ready: boolean;
  error?: unknown;
}

export function inspectFilesInPool(files: string[], opts: PoolOptions = {}): Promise<FileReport[]> {
  const total = files.length;
  const threads = Math.max(1, Math.min(opts.threads ?? defaultPoolSize(), total));
  const perThread = Math.max(1, opts.perThread ?? 2);
  const stats: PoolStats = opts.stats ?? { threads, maxInFlight: 0, restarts: 0 };
  Object.assign(stats, { threads, maxInFlight: 0, restarts: 0 });
  const reports: FileReport[] = new Array(total);
  if (total === 0) return Promise.resolve(reports);

  return new Promise<FileReport[]>((resolve, reject) => {
    const retry: number[] = []; // tasks taken back from a thread that died, sent again first
    let next = 0;
    let done = 0;
    let inFlight = 0;
    let finished = false;
    let everReady = false;
    const slots: Slot[] = [];

    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      for (const slot of slots) void slot.worker.terminate();
      if (error) reject(error);
      else resolve(reports);
    };

    const settle = (id: number, report: FileReport) => {
      if (finished) return;
      reports[id] = report;
      done++;
      opts.onProgress?.(done, total);
      if (done === total) finish();
    };

    const take = () => (retry.length > 0 ? retry.shift()! : next < total ? next++ : -1);

    const feed = (slot: Slot) => {
      while (!finished && slot.pending.length < perThread) {
        const id = take();
        if (id < 0) return;
        slot.pending.push(id);
        inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
        const task: WorkerTask = { id, file: files[id] };
        slot.worker.postMessage(task);
      }
    };

    const open = (): Slot => {
      const slot: Slot = { worker: startWorker(opts.inject), pending: [], ready: false };
      slot.worker.on("message", (reply: WorkerReply | { ready: true }) => {
        if ("ready" in reply) {
          slot.ready = everReady = true;
          return;
        }
        const at = slot.pending.indexOf(reply.id);
        if (at < 0) return;
        slot.pending.splice(at, 1);
        inFlight--;
        if ("report" in reply) settle(reply.id, revive(reply.report));
        else {
          const id = reply.id;
          void failedReport(files[id], new Error(reply.error)).then((r) => settle(id, r));
        }
        feed(slot);
      });
      slot.worker.on("error", (error) => {
        slot.error = error;
      });
      slot.worker.on("exit", (code) => {
        if (finished) return;
        if (!slot.ready && !everReady) {
          finish(new PoolUnavailable(`worker thread could not start: ${slot.error instanceof Error ? slot.error.message : `exit code ${code}`}`));
          return;
        }
        const culprit = slot.pending.shift();
        retry.unshift(...slot.pending);
        inFlight -= slot.pending.length + (culprit === undefined ? 0 : 1);
        slot.pending = [];
        stats.restarts++;
        const replacement = open();
        slots[slots.indexOf(slot)] = replacement;
        if (culprit !== undefined) {
          const reason = slot.error ?? new Error(`worker thread stopped (exit code ${code})`);
          void failedReport(files[culprit], reason).then((r) => settle(culprit, r));
        }
        feed(replacement);
      });
      return slot;
    };

    const inline = opts.inline;
    for (let i = inline ? 1 : 0; i < threads; i++) slots.push(open());
    for (const slot of slots) feed(slot);
    if (inline) {
      void (async () => {
        for (;;) {
          // yield first, so that the threads' answers are taken and they are fed again
          await new Promise((r) => setImmediate(r));
          const id = finished ? -1 : take();
          if (id < 0) return;
          inFlight++;
          stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
          let report: FileReport;
          try {
            report = await inline(files[id]);
          } catch (error) {
            report = await failedReport(files[id], error);
          }
          inFlight--;
          settle(id, report);
        }
      })();
    }
  });
}
