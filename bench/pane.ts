/**
 * First render of the built task pane (dist/) in headless Chromium: dist/ is served over
 * http on localhost (its CSP allows 'self' only), each load in a fresh browser context (cold
 * cache), and the time is navigation start → the app has put its first element into #app.
 * Outside Excel, Office.js reports no host and the pane renders its browser mode.
 */
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";
import { serveDist } from "../tests/helpers/serve-dist";



/** Median over `loads` cold loads, in milliseconds. */
export async function firstRender(dist: string, executablePath: string, loads = 3): Promise<number> {
  const server = await serveDist(dist);
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
