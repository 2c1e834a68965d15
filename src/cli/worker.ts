/**
 * One thread of the inspection pool (pool.ts). It takes the next file index from a counter
 * shared by every lane (Atomics), inspects that one file, answers, and takes the next, so
 * that no lane waits on another and each holds one workbook at a time. Before each file it
 * writes the file's index in its own slot: if the thread dies, the pool knows on which file.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { FileReport } from "../io/inspect";
import type { FormDefinition } from "../core/form/definition";
import { inspectOne } from "./inspect-one";

export interface WorkerInput {
  files: string[];
  /** Int32Array over it: [0] the next index to take; [1 + slot] the index this thread works on, or -1. */
  shared: SharedArrayBuffer;
  slot: number;
  /** The user's form definitions (--form). */
  definitions?: FormDefinition[];
}

/**
 * `definitionId`: the report's form is one both threads hold (built in, or the user's --form),
 * so it travels by its id, not as a copy: 1,000 copies of form 01's definition cost more to
 * clone than the figures themselves.
 */
export type WorkerReply = { ready: true } | { id: number; report: FileReport; definitionId?: string } | { id: number; error: string };

/** The reply for a report, its form by id when the main thread has that form too. */
export function reportReply(id: number, report: FileReport): WorkerReply {
  const definition = report.result.definition;
  if (!definition || definition.origin === "inferred") return { id, report };
  return { id, report: { ...report, result: { ...report.result, definition: null } }, definitionId: definition.id };
}

async function work(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  const state = new Int32Array(input.shared);
  const mine = 1 + input.slot;
  port.postMessage({ ready: true } satisfies WorkerReply);
  for (;;) {
    const id = Atomics.add(state, 0, 1);
    if (id >= input.files.length) break;
    Atomics.store(state, mine, id);
    let reply: WorkerReply;
    try {
      reply = reportReply(id, await inspectOne(input.files[id], input.definitions));
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
    Atomics.store(state, mine, -1);
  }
}

if (parentPort) void work(parentPort, workerData as WorkerInput);
