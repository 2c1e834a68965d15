/**
 * The whole pipeline against inputs that try to reach object prototypes, and the promises
 * about files: every input is accounted for (even when a worker thread dies on it), inputs
 * stay byte-identical after every command, outputs are written whole or not at all, and an
 * output that would overwrite an input is refused with exit 2.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consolidate } from "../src/core/consolidate";
import { inspectFilesInPool } from "../src/cli/pool";
import { writeConsolidatedReport } from "../src/io/report";
import { readWorkbook } from "../src/io/read";
import { writeTemplate } from "../src/io/template";
import { writeAtomically } from "../src/cli/write-output";
import { runCli } from "./helpers/cli";
import { FORM01_CODES, form01Totals } from "./helpers/form01-oracle";
import { editForm, filledForm, filledValues } from "./helpers/forms";

interface Json {
  sources: { file: string; sha256: string; agency: { code: string | null; name: string | null } | null; included: boolean; reason: string | null; findings: { code: string }[] }[];
  totals: Record<string, { plan: number; actual: number }>;
  missing: { code: string | null; name: string | null }[];
  findings: { code: string }[];
}

let dir: string;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function hashes(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) for (const [k, v] of Object.entries(await hashes(full))) out[path.join(entry.name, k)] = v;
    else out[entry.name] = sha(await fs.readFile(full));
  }
  return out;
}

function prototypeSnapshot() {
  return {
    object: Object.getOwnPropertyNames(Object.prototype).sort(),
    array: Object.getOwnPropertyNames(Array.prototype).sort(),
    fn: Object.getOwnPropertyNames(Function.prototype).sort(),
  };
}

function assertPrototypesClean(before: ReturnType<typeof prototypeSnapshot>) {
  expect(prototypeSnapshot()).toEqual(before);
  const probe = {} as Record<string, unknown>;
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  expect(probe.constructor).toBe(Object);
  expect(Object.keys(probe)).toEqual([]);
  for (const key of ["__PROTO__", "CONSTRUCTOR", "PROTOTYPE", "polluted", "01", "1"]) expect(key in probe, key).toBe(false);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-security-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("keys from inputs never reach object prototypes", () => {
  it("sheet __proto__, agency code __proto__, row label constructor, Mã số __proto__, roster entries: prototypes untouched, results right", async () => {
    const before = prototypeSnapshot();
    const inputs = path.join(dir, "proto");
    await fs.mkdir(inputs);
    const hostileRow = (ws: ExcelJS.Worksheet) => {
      // The blank line between the last body row and the footer: a row the catalogue does not know.
      let last = 0;
      for (let r = 1; r <= ws.rowCount; r++) if (/^\d{2}$/.test(String(ws.getCell(r, 3).value ?? ""))) last = r;
      const r = last + 1;
      ws.getCell(r, 1).value = "__proto__";
      ws.getCell(r, 2).value = "constructor";
      ws.getCell(r, 3).value = "__proto__";
      ws.getCell(r, 4).value = "prototype";
      ws.getCell(r, 5).value = 7;
    };
    await fs.writeFile(
      path.join(inputs, "__proto__.xlsx"),
      await editForm(await filledForm(filledValues(31), { agencyName: "constructor", agencyCode: "__proto__" }), (ws) => {
        ws.name = "__proto__";
        hostileRow(ws);
      }),
    );
    await fs.writeFile(
      path.join(inputs, "constructor.xlsx"),
      await editForm(await filledForm(filledValues(32), { agencyName: "__proto__", agencyCode: "hasOwnProperty" }), (ws) => {
        ws.name = "constructor";
      }),
    );
    await fs.writeFile(path.join(inputs, "binh-thuong.xlsx"), await filledForm(filledValues(33)));
    const roster = path.join(dir, "roster-proto.csv");
    await fs.writeFile(roster, ["Mã định danh;Tên đơn vị", "__proto__;constructor", "constructor;__proto__", "prototype;toString", "000.00.12.H39;Sở Tài chính"].join("\n"));

    const validate = await runCli(["validate", inputs, "--json"]);
    expect(validate.code).toBe(1);
    const files = (JSON.parse(validate.stdout) as { files: { file: string; agency: { code: string; name: string } }[] }).files;
    expect(files.map((f) => f.file).sort()).toEqual(["__proto__.xlsx", "binh-thuong.xlsx", "constructor.xlsx"]);
    assertPrototypesClean(before);

    const out = path.join(dir, "out-proto", "bao-cao.xlsx");
    const run = await runCli(["consolidate", inputs, "--roster", roster, "--out", out, "--include-invalid", "--json"]);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as Json;
    assertPrototypesClean(before);

    const byFile = Object.fromEntries(json.sources.map((s) => [s.file, s]));
    expect(Object.keys(byFile).sort()).toEqual(["__proto__.xlsx", "binh-thuong.xlsx", "constructor.xlsx"]);
    // Identifier codes are read upper-cased, as the form's codes are.
    expect(byFile["__proto__.xlsx"].agency).toEqual({ code: "__PROTO__", name: "constructor" });
    expect(byFile["constructor.xlsx"].agency).toEqual({ code: "HASOWNPROPERTY", name: "__proto__" });
    expect(byFile["__proto__.xlsx"].findings.map((f) => f.code)).toContain("row.unknown");
    expect(json.missing.map((m) => m.code).sort()).toEqual(["CONSTRUCTOR", "PROTOTYPE"]);
    // constructor.xlsx's agency is named "__proto__", a name on the roster: known, not flagged.
    expect(json.sources.flatMap((s) => s.findings.map((f) => f.code))).not.toContain("consolidate.not-in-roster");

    const included = json.sources.filter((s) => s.included).map((s) => s.file);
    expect(included.sort()).toEqual(["__proto__.xlsx", "binh-thuong.xlsx", "constructor.xlsx"]);
    // The three files' leaf values summed by hand; the hostile row is not one of the form's.
    const expected = form01Totals(filledValues(31), filledValues(32), filledValues(33));
    expect(Object.keys(json.totals).sort()).toEqual(FORM01_CODES);
    for (const code of FORM01_CODES) {
      expect(json.totals[code].plan, code).toBe(expected[code].plan);
      expect(json.totals[code].actual, code).toBe(expected[code].actual);
    }

    // The hostile names reach the report as text in Nguồn, and the report reads back as a form.
    const report = await readWorkbook(new Uint8Array(await fs.readFile(out)));
    const sources = report.grid!.sheets.find((s) => s.name === "Nguồn")!;
    const texts = sources.rows.flatMap((r) => (r ?? []).map((c) => c?.value));
    for (const name of ["__proto__.xlsx", "constructor.xlsx", "__PROTO__", "HASOWNPROPERTY", "__proto__", "constructor"]) expect(texts).toContain(name);
    assertPrototypesClean(before);
  });
});

describe("every input is accounted for", () => {
  it("a worker thread that throws, crashes or exits on one file: the file is in the sources and in Nguồn, excluded as unreadable", async () => {
    const inputs = path.join(dir, "pool");
    await fs.mkdir(inputs);
    const files: string[] = [];
    for (let i = 0; i < 9; i++) {
      files.push(path.join(inputs, `don-vi-${i}.xlsx`));
      await fs.writeFile(files[i], await filledForm(filledValues(40 + i), { agencyName: `Đơn vị ${i}`, agencyCode: `000.00.${String(10 + i)}.H39` }));
    }
    for (const mode of ["crash", "exit", "throw"] as const) {
      // Every file on a worker thread (no inline lane), so the failure is certain to be met;
      // tests/helpers/pool-fault.cjs makes the threads fail on that file.
      process.env.DTBD_TEST_POOL_FAULT = `${mode}:don-vi-4.xlsx`;
      const reports = await inspectFilesInPool(files, { threads: 2 }).finally(() => delete process.env.DTBD_TEST_POOL_FAULT);
      const result = consolidate(reports);
      expect(result.sources.map((s) => s.file), mode).toEqual(files.map((f) => path.basename(f)));
      const victim = result.sources.find((s) => s.file === "don-vi-4.xlsx")!;
      expect(victim, mode).toMatchObject({ included: false, reason: "file.unreadable" });
      expect(victim.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(result.sources.filter((s) => s.included)).toHaveLength(8);
      const report = await readWorkbook(await writeConsolidatedReport(result));
      const nguon = JSON.stringify(report.grid!.sheets.find((s) => s.name === "Nguồn")!.rows);
      for (let i = 0; i < 9; i++) expect(nguon).toContain(`don-vi-${i}.xlsx`);
    }
    // And through the CLI: whichever thread meets the failure, all nine files are listed.
    const saved = { threads: process.env.DTBD_THREADS, fail: process.env.DTBD_TEST_POOL_FAULT };
    process.env.DTBD_THREADS = "3";
    process.env.DTBD_TEST_POOL_FAULT = "crash:don-vi-4.xlsx";
    try {
      const run = await runCli(["consolidate", inputs, "--out", path.join(dir, "out-pool", "r.xlsx"), "--json"]);
      const json = JSON.parse(run.stdout) as Json;
      expect(json.sources.map((s) => s.file)).toEqual(files.map((f) => path.basename(f)));
      expect(json.sources.every((s) => s.included || s.reason === "file.unreadable")).toBe(true);
    } finally {
      for (const [key, value] of [["DTBD_THREADS", saved.threads], ["DTBD_TEST_POOL_FAULT", saved.fail]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it("a linked workbook and a broken link in a scanned folder are both listed", async () => {
    const inputs = path.join(dir, "links");
    await fs.mkdir(inputs);
    const real = path.join(dir, "that-lies-elsewhere.xlsx");
    await fs.writeFile(real, await filledForm(filledValues(50)));
    await fs.symlink(real, path.join(inputs, "linked.xlsx"));
    await fs.symlink(path.join(dir, "gone.xlsx"), path.join(inputs, "broken.xlsx"));
    const run = await runCli(["consolidate", inputs, "--out", path.join(dir, "out-links", "r.xlsx"), "--json"]);
    const json = JSON.parse(run.stdout) as Json;
    const byFile = Object.fromEntries(json.sources.map((s) => [s.file, s]));
    expect(byFile["linked.xlsx"].included).toBe(true);
    expect(byFile["broken.xlsx"]).toMatchObject({ included: false, reason: "file.unreadable" });
  });
});

describe("inputs are never changed, outputs never half-written", () => {
  let inputs: string;
  let plan: string;
  beforeAll(async () => {
    inputs = path.join(dir, "untouched");
    await fs.mkdir(inputs);
    await fs.writeFile(path.join(inputs, "nam-2021.xlsx"), await writeTemplate({ year: 2021, agencyName: "Sở Nội vụ", agencyCode: "000.00.11.H39", values: filledValues(61) }));
    await fs.writeFile(path.join(inputs, "nam-2022.xlsx"), await writeTemplate({ year: 2022, agencyName: "Sở Nội vụ", agencyCode: "000.00.11.H39", values: filledValues(62) }));
    await fs.writeFile(path.join(inputs, "hong.xlsx"), "PK\u0003\u0004 cut short");
    await fs.writeFile(path.join(inputs, "ghi-chu.txt"), "=cmd|' /C calc'!A0");
    plan = path.join(dir, "ke-hoach-2021-2025.xlsx");
    await fs.writeFile(plan, await writeTemplate({ period: { from: 2021, to: 2025 }, agencyName: "Sở Nội vụ", agencyCode: "000.00.11.H39", values: filledValues(60) }));
    await fs.writeFile(path.join(dir, "roster.csv"), "Mã định danh;Tên đơn vị\n000.00.11.H39;Sở Nội vụ\n");
  });

  it("validate, consolidate, period and template leave every input byte-identical and no temp files", async () => {
    const before = { inputs: await hashes(inputs), plan: sha(await fs.readFile(plan)), roster: sha(await fs.readFile(path.join(dir, "roster.csv"))) };
    const outDir = path.join(dir, "outputs");
    expect((await runCli(["validate", inputs, plan, "--json"])).code).toBe(1);
    expect((await runCli(["consolidate", inputs, "--roster", path.join(dir, "roster.csv"), "--out", path.join(outDir, "tong-hop.xlsx"), "--json"])).code).toBe(1);
    expect((await runCli(["period", inputs, "--target", plan, "--out", path.join(outDir, "so-ket.xlsx"), "--json"])).code).toBe(1);
    expect((await runCli(["template", "--year", "2024", "--out", path.join(outDir, "mau.xlsx"), "--json"])).code).toBe(0);
    expect(await hashes(inputs)).toEqual(before.inputs);
    expect(sha(await fs.readFile(plan))).toBe(before.plan);
    expect(sha(await fs.readFile(path.join(dir, "roster.csv")))).toBe(before.roster);
    expect((await fs.readdir(outDir)).sort()).toEqual(["mau.xlsx", "so-ket.xlsx", "tong-hop.xlsx"]);
  });

  it("period refuses an output equal to the plan, to a report, or inside a scanned folder (exit 2, nothing written)", async () => {
    const before = { inputs: await hashes(inputs), plan: sha(await fs.readFile(plan)) };
    for (const out of [plan, path.join(inputs, "nam-2021.xlsx"), path.join(inputs, "so-ket.xlsx")]) {
      const run = await runCli(["period", inputs, "--target", plan, "--out", out]);
      expect(run.code, out).toBe(2);
      expect(run.stderr, out).toMatch(/trùng|thư mục/);
    }
    expect(await hashes(inputs)).toEqual(before.inputs);
    expect(sha(await fs.readFile(plan))).toBe(before.plan);
  });

  it("consolidate refuses an output equal to the roster (it was overwritten)", async () => {
    const roster = path.join(dir, "roster.csv");
    const before = sha(await fs.readFile(roster));
    const run = await runCli(["consolidate", inputs, "--roster", roster, "--out", roster]);
    expect(run.code).toBe(2);
    expect(sha(await fs.readFile(roster))).toBe(before);
  });

  it("a write that fails leaves the old output intact and no temporary file", async () => {
    const outDir = path.join(dir, "failing");
    await fs.mkdir(outDir);
    // The "old output" is a non-empty folder: the final rename fails after the temp file is written.
    const old = path.join(outDir, "bao-cao.xlsx");
    await fs.mkdir(old);
    await fs.writeFile(path.join(old, "giu-nguyen.txt"), "old");
    const run = await runCli(["consolidate", inputs, "--out", old]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("không ghi được");
    expect(await fs.readdir(outDir)).toEqual(["bao-cao.xlsx"]);
    expect(await fs.readFile(path.join(old, "giu-nguyen.txt"), "utf8")).toBe("old");

    // A parent that is a file: nothing can be created, nothing is left behind.
    const blocker = path.join(outDir, "khong-phai-thu-muc");
    await fs.writeFile(blocker, "x");
    await expect(writeAtomically(path.join(blocker, "r.xlsx"), new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect((await fs.readdir(outDir)).sort()).toEqual(["bao-cao.xlsx", "khong-phai-thu-muc"]);

    // A successful write replaces the old file whole, through a temp file that is gone afterwards.
    const file = path.join(outDir, "r.xlsx");
    await fs.writeFile(file, "old report");
    await writeAtomically(file, new Uint8Array([7, 7, 7]));
    expect([...(await fs.readFile(file))]).toEqual([7, 7, 7]);
    expect((await fs.readdir(outDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("human output cannot drive the terminal", () => {
  it("a file named with escape sequences (retitle window, clear screen) prints them as ?, colours stay ours", async () => {
    const folder = path.join(dir, "escapes");
    await fs.mkdir(folder);
    const name = "a\u001b]0;pwned\u0007\u001b[2J\u009b31mb.xlsx";
    await fs.writeFile(path.join(folder, name), await filledForm(filledValues(95)));
    for (const args of [["validate", folder], ["consolidate", folder, "--out", path.join(dir, "out-esc", "r.xlsx")]]) {
      const run = await runCli(args);
      expect(run.stdout, args[0]).toContain("a?]0;pwned??[2J?31mb.xlsx");
      expect(run.stdout.replace(/\u001b\[[0-9;]*m/g, ""), args[0]).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
    // JSON keeps the exact name (JSON escapes it), so the file can still be found.
    const json = JSON.parse((await runCli(["validate", folder, "--json"])).stdout) as { files: { file: string }[] };
    expect(json.files[0].file).toBe(name);
  });
});
