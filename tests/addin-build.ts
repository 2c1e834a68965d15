/**
 * One production build of the add-in shared by the add-in tests (they run in parallel forks):
 * built into .cache/addin-dist, reused while its inputs are unchanged, guarded by a lock dir.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const ROOT = resolve(__dirname, "..");
export const ADDIN_DIST = join(ROOT, ".cache", "addin-dist");
const LOCK = join(ROOT, ".cache", "addin-build.lock");
const STAMP = join(ADDIN_DIST, ".inputs");
const INPUTS = ["src", "assets", "samples", "manifest.xml", "webpack.config.js", "scripts", "package-lock.json"];

function inputsFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else {
      hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  for (const input of INPUTS) visit(join(ROOT, input));
  return hash.digest("hex");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The dist directory of a production build of the current sources. */
export async function buildAddin(): Promise<string> {
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  const started = Date.now();
  for (;;) {
    const fingerprint = inputsFingerprint();
    if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === fingerprint) return ADDIN_DIST;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another test file is building; a lock older than 10 minutes is a crashed build.
      if (Date.now() - statSync(LOCK).mtimeMs > 600_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 600_000) throw new Error("timed out waiting for the add-in build");
      await sleep(1000);
      continue;
    }
    try {
      await promisify(execFile)(
        process.execPath,
        [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "--output-path", ADDIN_DIST],
        { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ADDIN_URL: "" } },
      ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        const log = `${error.stdout ?? ""}\n${error.stderr ?? ""}`;
        const errors = log.split("\n").filter((l) => /ERROR|Error:/.test(l)).slice(0, 20).join("\n");
        throw new Error(`webpack build failed:\n${errors || log.slice(-4000)}`);
      });
      writeFileSync(STAMP, fingerprint);
      return ADDIN_DIST;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
