/**
 * Faults for the worker pool's tests, injected from outside the shipped code. Loaded with
 * `--require` (vitest.config.mts gives it to every test process; a test's child `node` gets
 * it on its command line); Node runs it again in each worker thread, where, according to the
 * environment the thread was started with, it wraps the thread's inspectOne
 * (src/cli/inspect-one or lib/cli/inspect-one.js):
 *
 *   DTBD_TEST_POOL_FAULT=mode:file   on the file of that name ("*": every file),
 *     throw  fail the task (the thread answers with the error)
 *     crash  throw outside any task: the thread dies before it answers
 *     exit   end the thread (exit code 70)
 *   DTBD_TEST_POOL_DELAY_MS=n        wait n ms before each file
 *
 * In the main thread it only counts: with DTBD_TEST_POOL_LOG=path set when a worker thread
 * is constructed, it appends one line to that file (a subclass of worker_threads.Worker that
 * does nothing else). Without these variables it changes nothing.
 */
"use strict";
const { appendFileSync } = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const threads = require("node:worker_threads");

const { isMainThread } = threads;

const fault = /^(throw|crash|exit):(.+)$/.exec(process.env.DTBD_TEST_POOL_FAULT ?? "");
const delayMs = Number(process.env.DTBD_TEST_POOL_DELAY_MS ?? 0);

if (isMainThread) {
  const Worker = threads.Worker;
  threads.Worker = class CountedWorker extends Worker {
    constructor(...args) {
      if (process.env.DTBD_TEST_POOL_LOG) appendFileSync(process.env.DTBD_TEST_POOL_LOG, "worker thread\n");
      super(...args);
    }
  };
  Module.syncBuiltinESMExports(); // `import { Worker } from "node:worker_threads"` gets it too
}

function faulty(inspectOne) {
  const [, mode, victim] = fault ?? [];
  return async function inspectOneWithFault(file, ...rest) {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (fault && (victim === "*" || path.basename(file) === victim)) {
      if (mode === "exit") process.exit(70);
      if (mode === "crash") {
        setImmediate(() => {
          throw new Error(`injected crash on ${victim}`);
        });
        await new Promise(() => undefined);
      }
      throw new Error(`injected failure on ${victim}`);
    }
    return inspectOne(file, ...rest);
  };
}

if (!isMainThread && (fault || delayMs > 0)) {
  const load = Module._load;
  const wrapped = new WeakMap();
  Module._load = function loadWithFault(request, ...rest) {
    const exports = load.call(this, request, ...rest);
    if (!/(^|[\\/])inspect-one(\.[jt]s)?$/.test(request) || typeof exports?.inspectOne !== "function") return exports;
    if (!wrapped.has(exports)) wrapped.set(exports, { ...exports, inspectOne: faulty(exports.inspectOne) });
    return wrapped.get(exports);
  };
}
