/** Writing outputs safely: never over an input, never half-written. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Lang } from "../core/i18n";
import { t } from "./messages";

export class OutputRefused extends Error {}

/** Refuse an output that equals an input or lies inside a directory being scanned for inputs. */
export function assertOutputAllowed(out: string, inputs: string[], scannedDirs: string[], lang: Lang): void {
  const target = path.resolve(out);
  for (const input of inputs) {
    if (path.resolve(input) === target)
      throw new OutputRefused(t(lang, "outputIsInput", { out }));
  }
  for (const dir of scannedDirs) {
    if (path.dirname(target) === dir)
      throw new OutputRefused(t(lang, "outputInScannedDir", { out, dir }));
  }
}

/** Write to a temporary file beside the target, then rename: readers never see half a file. */
export async function writeAtomically(out: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(out));
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(out)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { flag: "wx" });
    await fs.rename(temp, out);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
