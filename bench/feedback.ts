/**
 * `npm run bench:feedback`: what `--feedback DIR` adds to `dtbd consolidate` on the benchmark
 * corpus (bench/corpus.ts, 1,000 agency workbooks by default). Both commands run as their own
 * processes, start to exit, from the same compiled build, in interleaved rounds (the order
 * alternates), and the median of the per-round ratios is kept, as in bench/run.ts. Target:
 * under 1.5× the consolidation without feedback.
 *
 * Env: BENCH_FILES (default 1000), BENCH_ROUNDS (default 5).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCorpus } from "./corpus";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(__dirname, ".corpus");
const LIB = path.join(WORK, "lib");
const FILES = Number(process.env.BENCH_FILES ?? 1000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const TARGET = 1.5;

interface Run {
  wall: number;
  cpu: number;
  rssMB: number;
}

const log = (s: string) => process.stderr.write(s + "\n");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(__dirname, "cli-runner.cjs"), ...args], { cwd: ROOT, env: { ...process.env, DTBD_LIB: LIB }, stdio: ["ignore", "ignore", "pipe"] });
    const err: Buffer[] = [];
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("close", (code) => {
      const wall = (performance.now() - started) / 1000;
      const stderr = Buffer.concat(err).toString("utf8");
      if (code !== 0 && code !== 1) return reject(new Error(`dtbd ${args.join(" ")} failed (exit ${code}):\n${stderr}`));
      const stats = /@@bench (\{.*\})/.exec(stderr);
      const s = stats ? (JSON.parse(stats[1]) as { maxRssMB: number; cpuS: number }) : { maxRssMB: NaN, cpuS: NaN };
      resolve({ wall, cpu: s.cpuS, rssMB: s.maxRssMB });
    });
  });
}

async function main(): Promise<void> {
  log("building the CLI (tsc -p tsconfig.build.json) into bench/.corpus/lib …");
  spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", LIB], { cwd: ROOT, stdio: "ignore" });
  if (!existsSync(path.join(LIB, "cli", "feedback.js"))) throw new Error("build did not produce cli/feedback.js");
  const corpus = await ensureCorpus(FILES, undefined, log);
  const out = path.join(WORK, "out-feedback");
  const report = path.join(out, "bao-cao.xlsx");
  const feedbackDir = path.join(out, "phan-hoi");
  const plain: Run[] = [];
  const withFeedback: Run[] = [];
  const kinds: [string, Run[], string[]][] = [
    ["consolidate", plain, ["consolidate", corpus.dir, "--out", report, "--quiet"]],
    ["consolidate --feedback", withFeedback, ["consolidate", corpus.dir, "--out", report, "--quiet", "--feedback", feedbackDir]],
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < kinds.length; k++) {
      const [name, into, args] = kinds[(k + round) % kinds.length];
      await fs.rm(out, { recursive: true, force: true }); // every run writes into an empty directory
      const run = await cli(args);
      into.push(run);
      log(`  round ${round + 1}/${ROUNDS} ${name}: ${run.wall.toFixed(2)} s wall, ${run.cpu.toFixed(2)} s CPU, ${run.rssMB.toFixed(0)} MB peak (load ${load()})`);
    }
  }
  const copies = (await fs.readdir(feedbackDir)).filter((f) => f.endsWith(".xlsx")).length;
  const ratios = withFeedback.map((r, i) => r.wall / plain[i].wall);
  const ratio = median(ratios);
  const wall = (runs: Run[]) => median(runs.map((r) => r.wall));
  const cpu = (runs: Run[]) => median(runs.map((r) => r.cpu));
  const cpus = os.cpus();
  process.stdout.write(
    [
      `Machine: ${cpus[0]?.model ?? "?"}, ${cpus.length} cores, Node ${process.version}; ${corpus.files.length} workbooks (${copies} with findings get a copy), ${ROUNDS} interleaved rounds`,
      `dtbd consolidate:            ${wall(plain).toFixed(2)} s wall (median), ${cpu(plain).toFixed(2)} s CPU`,
      `dtbd consolidate --feedback: ${wall(withFeedback).toFixed(2)} s wall (median), ${cpu(withFeedback).toFixed(2)} s CPU, peak ${Math.max(...withFeedback.map((r) => r.rssMB)).toFixed(0)} MB`,
      `ratio ${ratio.toFixed(2)}× (per round: ${ratios.map((x) => x.toFixed(2)).join(", ")}); target < ${TARGET}×: ${ratio < TARGET ? "pass" : "FAIL"}`,
      "",
    ].join("\n"),
  );
  if (ratio >= TARGET) process.exitCode = 1;
}

void main();
