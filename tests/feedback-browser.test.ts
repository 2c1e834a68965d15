/**
 * The feedback writer in a browser: bundled with the add-in's own webpack resolution (node:zlib
 * mapped to fflate, no fs, no Buffer), run in real Chromium on a sample's bytes. The copy it
 * returns is byte for byte the one Node writes with the same (default) compressor, and
 * validates with the original's findings.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import webpack from "webpack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackFromConsolidation } from "../src/core/feedback";
import { consolidate } from "../src/core/consolidate";
import { writeFeedbackWorkbook } from "../src/io/feedback";
import { inspectWorkbook } from "../src/io/inspect";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "samples", "so-y-te.xlsx");

let bundle = "";
let browser: Browser | undefined;

async function buildBundle(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require("../webpack.config.js") as (env: object, argv: object) => Promise<webpack.Configuration>;
  const base = await factory({}, { mode: "development" });
  const out = mkdtempSync(path.join(tmpdir(), "dtbd-feedback-bundle-"));
  const config: webpack.Configuration = {
    mode: "development",
    devtool: false,
    target: "web",
    context: ROOT,
    entry: { feedback: path.join(__dirname, "helpers", "feedback-browser-entry.ts") },
    output: { path: out, filename: "[name].js", library: { name: "dtbdFeedback", type: "window" } },
    resolve: base.resolve,
    module: base.module,
    // the add-in's mapping of Node built-ins, and nothing of its pages
    plugins: (base.plugins ?? []).filter((p) => p instanceof webpack.NormalModuleReplacementPlugin || p instanceof webpack.ProvidePlugin || p instanceof webpack.DefinePlugin),
    performance: { hints: false },
  };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
  return readFileSync(path.join(out, "feedback.js"), "utf8");
}

beforeAll(async () => {
  bundle = await buildBundle();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe("feedback in a browser", () => {
  it("bytes in, bytes out: the same copy as in Node, with the original's findings", async () => {
    const original = new Uint8Array(readFileSync(SAMPLE));
    const report = await inspectWorkbook("so-y-te.xlsx", original);
    const [subject] = feedbackFromConsolidation(consolidate([report], {}));
    expect(subject.findings.map((f) => f.code)).toEqual(["sum.rows", "sum.columns", "rate.mismatch"]);
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addScriptTag({ content: bundle });
    const result = await page.evaluate(
      ([input, s]) => {
        const api = (window as unknown as { dtbdFeedback: typeof import("./helpers/feedback-browser-entry") }).dtbdFeedback;
        const bytes = Uint8Array.from(atob(input), (c) => c.charCodeAt(0));
        const copy = api.writeFeedbackWorkbook(bytes, s, { lang: "vi" });
        // what the pane's "all feedback as one .zip" does: every file, then one archive
        const files = [...api.feedbackFiles([s], () => bytes, { lang: "vi" })];
        const zipped = api.zipFiles(files);
        let text = "";
        for (const b of copy.bytes) text += String.fromCharCode(b);
        return {
          copy: btoa(text),
          annotated: copy.annotated,
          notes: copy.notes,
          names: files.map((f) => f.name),
          sameCopy: files[0].bytes.length === copy.bytes.length && files[0].bytes.every((b, i) => b === copy.bytes[i]),
          zipped: zipped.length,
          csv: api.summaryCsv([{ subject: s, feedbackFile: "so-y-te-phan-hoi.xlsx" }], "vi"),
        };
      },
      [Buffer.from(original).toString("base64"), JSON.parse(JSON.stringify(subject))] as const,
    );
    await page.close();
    expect(errors).toEqual([]);
    const fromBrowser = new Uint8Array(Buffer.from(result.copy, "base64"));
    expect(result).toMatchObject({ annotated: true, notes: 3, names: ["so-y-te-phan-hoi.xlsx", "tong-hop-phan-hoi.csv"], sameCopy: true });
    expect(result.zipped).toBeGreaterThan(fromBrowser.length);
    expect(Buffer.from(fromBrowser).equals(Buffer.from(writeFeedbackWorkbook(original, subject, { lang: "vi" }).bytes))).toBe(true);
    expect((await inspectWorkbook("so-y-te.xlsx", fromBrowser)).result).toEqual(report.result);
    expect(result.csv.startsWith("\uFEFFMã định danh,")).toBe(true);
  }, 120_000);
});
