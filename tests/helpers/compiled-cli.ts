/**
 * The CLI as `npm ci` installs it (bin/dtbd.js over lib/, compiled by tsc, no tsx), built
 * from the current sources into .cache/cli-build and shared by the test files that run it
 * (they run in parallel forks): rebuilt when its inputs change, guarded by a lock directory.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const ROOT = resolve(__dirname, "..", "..");
export const CLI_BUILD = join(ROOT, ".cache", "cli-build");
const LOCK = join(ROOT, ".cache", "cli-build.lock");
const STAMP = join(CLI_BUILD, ".inputs");
const INPUTS = ["src/core", "src/io", "src/cli", "bin", "package.json", "tsconfig.json", "tsconfig.build.json"];

function inputsFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path).sort()) visit(join(path, name));
    else hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
  };
  for (const input of INPUTS) visit(join(ROOT, input));
  return hash.digest("hex");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lock whose builder is gone (a test run stopped mid-build) or that is older than 10 minutes. */
function staleLock(): boolean {
  try {
    if (Date.now() - statSync(LOCK).mtimeMs > 600_000) return true;
    process.kill(Number(readFileSync(join(LOCK, "pid"), "utf8")), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** The directory of the compiled package: `bin/dtbd.js`, `lib/cli/…`, `package.json`. */
export async function buildCli(): Promise<string> {
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  const started = Date.now();
  for (;;) {
    const fingerprint = inputsFingerprint();
    if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === fingerprint) return CLI_BUILD;
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
    } catch {
      // Another test process is building.
      if (staleLock()) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 600_000) throw new Error("timed out waiting for the CLI build");
      await sleep(500);
      continue;
    }
    try {
      rmSync(CLI_BUILD, { recursive: true, force: true });
      mkdirSync(join(CLI_BUILD, "bin"), { recursive: true });
      await promisify(execFile)(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--outDir", join(CLI_BUILD, "lib")], {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string; message: string }) => {
        // Type errors are `npm run typecheck`'s to report; tsc emits all the same.
        if (!existsSync(join(CLI_BUILD, "lib", "cli", "main.js"))) throw new Error(`tsc failed:\n${(error.stdout ?? error.message).slice(0, 4000)}`);
      });
      copyFileSync(join(ROOT, "bin", "dtbd.js"), join(CLI_BUILD, "bin", "dtbd.js"));
      copyFileSync(join(ROOT, "package.json"), join(CLI_BUILD, "package.json"));
      writeFileSync(STAMP, fingerprint);
      return CLI_BUILD;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
