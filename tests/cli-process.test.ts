/**
 * bin/dtbd.js as users run it: a separate node process over the compiled lib/ (no tsx), with
 * the documented exit codes (0 no error finding, 1 an error finding, 2 bad arguments, a
 * missing input or a crash) and its output on stdout and stderr.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli } from "./helpers/compiled-cli";
import { FIXTURES, FIXTURE_FILES, TRUTH } from "./helpers/fixtures";
import { editForm, filledForm } from "./helpers/forms";

let bin: string;
let dir: string;

beforeAll(async () => {
  bin = path.join(await buildCli(), "bin", "dtbd.js");
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-process-"));
}, 300_000);

/** Runs `node [preload] bin/dtbd.js args` and returns its exit code and output. */
function dtbd(args: string[], preload?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const node = [...(preload ? ["--require", preload] : []), bin, ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, node, { maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("bin/dtbd.js as a process", () => {
  it("exit 0: every fixture validates without an error finding; --json on stdout, nothing on stderr", async () => {
    const run = await dtbd(["validate", FIXTURES, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { files: { file: string; agency: { code: string } }[] };
    expect(json.files.map((f) => f.file)).toEqual(FIXTURE_FILES);
    expect(json.files.map((f) => f.agency.code)).toEqual(FIXTURE_FILES.map((f) => TRUTH[f].agency));
  });

  it("exit 1: a total typed over its parts is an error finding", async () => {
    const file = path.join(dir, "sai-tong.xlsx");
    await fs.writeFile(file, await editForm(await filledForm(), (ws) => (ws.getCell("E15").value = 999)));
    const run = await dtbd(["validate", file, "--lang", "en"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("E15");
    expect(run.stdout).toMatch(/differs from the sum of columns 2\+3\+4\+5/);
  });

  it("exit 2: a missing input, an unknown option, a missing --out", async () => {
    const missing = await dtbd(["validate", path.join(dir, "khong-co.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("khong-co.xlsx");
    const unknown = await dtbd(["validate", FIXTURES, "--yaer", "2024"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe("dtbd: không có tùy chọn --yaer (unknown option)");
    const noOut = await dtbd(["consolidate", FIXTURES]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr.trim()).toBe("dtbd: thiếu tùy chọn bắt buộc --out <report> (required option --out <report> not specified)");
  });

  it("exit 2 on a crash: the error and where it happened on stderr, nothing on stdout", async () => {
    const run = await dtbd(["validate", FIXTURES, "--json"], path.join(__dirname, "helpers", "cli-crash.cjs"));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^dtbd: TypeError: injected crash in runValidate\n\s+at /);
  });

  it("--version prints the package's version, exit 0", async () => {
    const run = await dtbd(["--version"]);
    expect(run.code).toBe(0);
    const pkg = JSON.parse(await fs.readFile(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string };
    expect(run.stdout.trim()).toBe(pkg.version);
  });
});
