/**
 * One thread of the inspection pool (pool.ts): it is sent file paths, reads and validates
 * them one at a time, in the order sent, and answers each. Strictly one at a time, so that
 * when a thread dies the pool knows which file it died on: the oldest unanswered one.
 */
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { FileReport } from "../io/inspect";
import { inspectOne } from "./inspect-files";

export interface WorkerTask {
  id: number;
  file: string;
}

export type WorkerReply = { id: number; report: FileReport } | { id: number; error: string };

/**
 * Tests only: make the thread fail on one file name ("*": every file). "throw" fails the
 * task, "crash" throws outside any task (the thread dies), "exit" ends the thread. Also read
 * from the environment as DTBD_POOL_FAIL=mode:file-name, so a test can inject it into the
 * compiled CLI.
 */
export interface FailureInjection {
  file: string;
  mode: "throw" | "crash" | "exit";
}

export function parseInjection(spec: string | undefined): FailureInjection | undefined {
  const m = spec ? /^(throw|crash|exit):(.+)$/.exec(spec) : null;
  return m ? { mode: m[1] as FailureInjection["mode"], file: m[2] } : undefined;
}

const injection: FailureInjection | undefined =
  (workerData as { inject?: FailureInjection } | null)?.inject ?? parseInjection(process.env.DTBD_POOL_FAIL);

async function injectFailure(file: string): Promise<void> {
  if (!injection || (injection.file !== "*" && path.basename(file) !== injection.file)) return;
  if (injection.mode === "exit") process.exit(70);
  if (injection.mode === "crash") {
    setImmediate(() => {
      throw new Error(`injected crash on ${injection.file}`);
    });
    await new Promise(() => undefined); // the thread dies before it can answer
  }
  throw new Error(`injected failure on ${injection.file}`);
}

async function run(task: WorkerTask): Promise<WorkerReply> {
  try {
    await injectFailure(task.file);
    return { id: task.id, report: await inspectOne(task.file) };
  } catch (error) {
    return { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
}

const port = parentPort;
if (port) {
  const queue: WorkerTask[] = [];
  let busy = false;
  const drain = async () => {
    if (busy) return;
    busy = true;
    for (let task = queue.shift(); task; task = queue.shift()) port.postMessage(await run(task));
    busy = false;
  };
  port.on("message", (task: WorkerTask) => {
    queue.push(task);
    void drain();
  });
  // Everything above has loaded: from now on a death is the fault of a file, not of the install.
  port.postMessage({ ready: true });
}
