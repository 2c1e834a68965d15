/**
 * First render of the built task pane (dist/) in headless Chromium: dist/ is served over
 * http on localhost (its CSP allows 'self' only), each load in a fresh browser context (cold
 * cache), and the time is navigation start → the app has put its first element into #app.
 * Outside Excel, Office.js reports no host and the pane renders its browser mode.
 */
import { promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
};

function serve(root: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file).then(
      (body) => res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Median over `loads` cold loads, in milliseconds. */
export async function firstRender(dist: string, executablePath: string, loads = 3): Promise<number> {
  const server = await serve(path.resolve(dist));
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  try {
    const { port } = server.address() as AddressInfo;
    const times: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/taskpane.html`, { waitUntil: "commit" });
      await page.waitForFunction(() => [...(document.querySelector("#app")?.children ?? [])].some((e) => e.tagName !== "NOSCRIPT"), undefined, {
        polling: "raf",
        timeout: 15_000,
      });
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    return times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
  } finally {
    await browser.close();
    server.close();
  }
}
