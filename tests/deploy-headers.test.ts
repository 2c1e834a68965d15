/**
 * The deployment's HTTP headers: one list (scripts/deploy-headers.cjs) that the test server
 * (tests/helpers/serve-dist.ts), the dev server (webpack.config.js) and the user guide's table
 * (docs/huong-dan.md, "Triển khai add-in") all follow. Excel on the web fetches functions.json and
 * functions-vi.json across origins, so those two must carry Access-Control-Allow-Origin.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDist } from "./helpers/serve-dist";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const shared = require("../scripts/deploy-headers.cjs") as {
  CSP: string;
  DEPLOY_HEADERS: { path: string; headers: Record<string, string> }[];
  CONTENT_TYPES: Record<string, string>;
  headersFor: (path: string) => Record<string, string>;
};

const root = resolve(__dirname, "..");
const FILES = ["functions.json", "functions-vi.json", "taskpane.html", "taskpane.js", "taskpane.css"];

/** The table that follows an HTML comment starting with `marker`, as rows of cells without backticks. */
function tableAfter(markdown: string, marker: string): string[][] {
  const start = markdown.indexOf(`<!-- ${marker}`);
  expect(start, `docs/huong-dan.md has no <!-- ${marker} … --> marker`).toBeGreaterThanOrEqual(0);
  const lines = markdown.slice(start).split("\n").slice(1);
  const rows: string[][] = [];
  for (const line of lines) {
    if (!line.trim()) {
      if (rows.length) break;
      continue;
    }
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim().replace(/^`(.*)`$/, "$1")),
    );
  }
  return rows.slice(2); // heading and separator
}

describe("deploy headers", () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "dtbd-deploy-"));
    for (const name of FILES) writeFileSync(join(dir, name), name.endsWith(".json") ? "{}" : "");
    server = await serveDist(dir);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  it("the test server sends Access-Control-Allow-Origin on functions.json and functions-vi.json", async () => {
    for (const name of ["functions.json", "functions-vi.json"]) {
      const res = await fetch(`${base}/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin"), name).toBe("*");
      expect(res.headers.get("content-type"), name).toBe("application/json");
    }
  });

  it("the test server sends every shared header and the Content-Type by extension", async () => {
    for (const name of FILES) {
      const res = await fetch(`${base}/${name}`);
      expect(res.status).toBe(200);
      for (const [header, value] of Object.entries(shared.headersFor(`/${name}`))) expect(res.headers.get(header), `${name}: ${header}`).toBe(value);
      expect(res.headers.get("content-security-policy")).toBe(shared.CSP);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-type")).toBe(shared.CONTENT_TYPES[name.slice(name.lastIndexOf("."))]);
    }
    expect((await fetch(`${base}/taskpane.html`)).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("the dev server's headers are the shared list", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = await (require("../webpack.config.js") as (env: object, argv: object) => Promise<{ devServer: { headers: unknown } }>)({}, { mode: "development" });
    const headers = config.devServer.headers as (req: { url: string }) => Record<string, string>;
    for (const path of ["/functions.json", "/functions-vi.json", "/taskpane.html", "/dtbd/functions.json"]) expect(headers({ url: path }), path).toEqual(shared.headersFor(path));
    expect(headers({ url: "/functions-vi.json" })["Access-Control-Allow-Origin"]).toBe("*");
  });

  it("the user guide's header table is the shared list", () => {
    const doc = readFileSync(join(root, "docs", "huong-dan.md"), "utf8");
    const fromDoc = tableAfter(doc, "deploy-headers").map(([path, header, value]) => `${path} | ${header} | ${value}`);
    const fromCode = shared.DEPLOY_HEADERS.flatMap((rule) => Object.entries(rule.headers).map(([header, value]) => `${rule.path} | ${header} | ${value}`));
    expect(fromDoc.sort()).toEqual(fromCode.sort());
    const types = Object.fromEntries(tableAfter(doc, "content-types").map(([ext, type]) => [ext, type]));
    expect(types).toEqual(shared.CONTENT_TYPES);
  });
});
