/**
 * The task pane in a real browser (Chromium, headless), standalone mode (no Office host):
 * production build served from 127.0.0.1 with the add-in's CSP; every request to another
 * origin is blocked and fails the test. Uploads the shared fixtures, checks the findings,
 * fixes numbers stored as text and legacy text (corrected copies downloaded and re-read),
 * consolidates, downloads the report and the blank form and validates both with the core.
 * Screenshots of every tab, the size of the pane (420×900), go to test-artifacts/; the user guide's
 * docs/taskpane-*.png are copies of 2-check, 2c-fix, 3-rates, 4-consolidate, 5-template and 6-learned-form.
 */
import type { Server } from "node:http";
import { gzipSync } from "node:zlib";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type FileChooser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAddin, ROOT } from "./addin-build";
import { serveDist } from "./helpers/serve-dist";
import { inspectWorkbook } from "../src/io/inspect";
import { chartSeries, packageParts, sheetCharts } from "./helpers/ooxml";
import { compareFindings } from "../src/core/findings";


const FIXTURES = join(__dirname, "fixtures");
const ARTIFACTS = join(ROOT, "test-artifacts");
const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx")).sort();

let server: Server;
let origin: string;
let browser: Browser;
const foreignRequests: string[] = [];


interface PageProbe {
  page: Page;
  errors: string[];
  scripts: Map<string, number>;
}

async function openTaskPane(query = ""): Promise<PageProbe> {
  const context = await browser.newContext({ acceptDownloads: true, locale: "vi-VN", viewport: { width: 420, height: 900 } });
  const errors: string[] = [];
  const scripts = new Map<string, number>();
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
    foreignRequests.push(url);
    return route.abort("blockedbyclient");
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    const text = m.text();
    if (m.type() === "error" && !/favicon/.test(text) && !(OFFICE_FRAME_BLOCKED.test(text) && OFFICE_TELEMETRY_FRAME.test(text))) {
      errors.push(`console: ${text}`);
    }
  });
  page.on("response", async (r) => {
    if (r.request().resourceType() === "script") scripts.set(r.url(), (await r.body().catch(() => Buffer.alloc(0))).length);
  });
  await page.goto(`${origin}/taskpane.html${query}`);
  await page.waitForSelector("fluent-tab-panel:not([hidden]) >> nth=0");
  await page.waitForFunction(() => document.getElementById("host-mode")?.textContent !== "");
  return { page, errors, scripts };
}

/**
 * Outside Office, office.js (o15apptofilemappingtable.js) may try, on a timer, to frame its
 * telemetry proxy. The CSP refuses it before any network request is made (the route guard
 * never sees one); that refusal is the one violation expected, anything else fails.
 */
const OFFICE_TELEMETRY_FRAME = /telemetryservice\.firstpartyapps\.oaspapps\.com/;
/** Chromium's wording of a frame blocked by frame-src: "Refused to frame …" (≤ 155), "Framing … violates …" (156). */
const OFFICE_FRAME_BLOCKED = /Refused to frame|^Framing '[^']*' violates the following Content Security Policy directive: "frame-src 'self'"/;

async function cspViolations(page: Page): Promise<string[]> {
  const all = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  return all.filter((v) => !(v.startsWith("frame-src ") && OFFICE_TELEMETRY_FRAME.test(v)));
}

/** Animations still running, shadow roots included (Fluent's tab indicator slides for 0.2 s). A string: it runs as given. */
const RUNNING_ANIMATIONS = `(() => {
  const all = (root) => [...root.querySelectorAll("*")].flatMap((e) => [...e.getAnimations(), ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
  return all(document).length;
})()`;

async function shot(page: Page, name: string): Promise<void> {
  // Two frames for a style change to start its transition, then until every one has ended.
  await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
  for (let i = 0; i < 100 && (await page.evaluate(RUNNING_ANIMATIONS)) !== 0; i++) await page.waitForTimeout(50);
  // What the user sees in a task pane of this size, not the whole scrolled page.
  await page.screenshot({ path: join(ARTIFACTS, `taskpane-${name}.png`), fullPage: false });
}

async function downloadOf(page: Page, selector: string, saveAs: string): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const path = join(ARTIFACTS, saveAs);
  await download.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dist = await buildAddin();
  server = await serveDist(dist);
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe("task pane in a browser (standalone)", () => {
  it("renders in Vietnamese with a small first load and no eval, no foreign request", async () => {
    const { page, errors, scripts } = await openTaskPane();
    expect(await page.textContent("#host-mode")).toBe("trên trình duyệt");
    const tabs = await page.$$eval("fluent-tab", (els) => els.map((e) => e.textContent?.trim()));
    expect(tabs).toEqual(["Kiểm tra", "Tỷ lệ", "Tổng hợp", "Mẫu"]);
    await shot(page, "1-start");

    // First render: the page's own scripts, without office.js and without the lazy workbook chunk.
    const own = [...scripts.keys()].filter((u) => !u.includes("/office-js/"));
    expect(own.some((u) => u.includes("/chunks/workbook"))).toBe(false);
    const gzipped = own
      .map((u) => gzipSync(readFileSync(join(ROOT, ".cache/addin-dist", new URL(u).pathname)), { level: 9 }).length)
      .reduce((a, b) => a + b, 0);
    writeFileSync(join(ARTIFACTS, "taskpane-initial-js.txt"), `${own.map((u) => new URL(u).pathname).join("\n")}\ngzip total: ${gzipped} bytes\n`);
    expect(gzipped).toBeLessThanOrEqual(300 * 1024);

    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("groups findings by severity, sheet and code: a count, the first five, Xem thêm, each with its cell", async () => {
    const { page, errors } = await openTaskPane();
    const files = ["numbers-as-text.xlsx", "tcvn3-vntime.xlsx"];
    await page.setInputFiles("#file-input", files.map((f) => join(FIXTURES, f)));
    await page.waitForFunction(() => document.querySelectorAll("#file-results section").length === 2, undefined, { timeout: 60_000 });

    const truth = await inspectWorkbook(files[0], new Uint8Array(readFileSync(join(FIXTURES, files[0]))));
    const textNumbers = truth.result.findings.filter((f) => f.code === "cell.text-number").sort(compareFindings);
    expect(textNumbers.length).toBeGreaterThan(50);
    const card = 'section[data-file="numbers-as-text.xlsx"]';
    const group = `${card} .code-group[data-group="cell.text-number"]`;
    expect(await page.textContent(`${card} .sheet-group[data-severity="warning"] h3`)).toBe(`Cảnh báo · trang tính ${textNumbers[0].sheet}`);
    expect(await page.textContent(`${group} .toggle .title`)).toBe("Số lưu dạng văn bản");
    expect(await page.textContent(`${group} .toggle .badge`)).toBe(String(textNumbers.length));
    // Long groups start collapsed, with the first five findings only.
    expect(await page.$eval(`${group} .toggle`, (b) => b.getAttribute("aria-expanded") === "true")).toBe(false);
    const cellsShown = () => page.$$eval(`${group} li .cell`, (els) => els.map((e) => e.textContent));
    expect(await cellsShown()).toEqual(textNumbers.slice(0, 5).map((f) => `${f.sheet}!${f.cell}`));

    // A legacy-encoding finding is a group of one, open, naming its first cell.
    const legacy = 'section[data-file="tcvn3-vntime.xlsx"] .code-group[data-group="text.legacy-encoding"]';
    expect(await page.$eval(`${legacy} .toggle`, (b) => b.getAttribute("aria-expanded") === "true")).toBe(true);
    expect(await page.textContent(`${legacy} .toggle .title`)).toBe("Chữ dùng bảng mã cũ (TCVN3, VNI)");
    expect(await page.textContent(`${legacy} li .cell`)).toMatch(/^01-DTBD![A-Z]+\d+$/);

    await page.click(`${group} .toggle`);
    expect(await page.$eval(`${group} .toggle`, (b) => b.getAttribute("aria-expanded") === "true")).toBe(true);
    expect(await page.textContent(`${group} .show-more`)).toBe("Xem thêm 50");
    await shot(page, "2-check");

    // "Xem thêm" adds fifty, keeps the group open and moves the focus to the first one added.
    await page.click(`${group} .show-more`);
    expect(await cellsShown()).toEqual(textNumbers.slice(0, 55).map((f) => `${f.sheet}!${f.cell}`));
    expect(await page.evaluate(() => document.activeElement?.querySelector(".cell")?.textContent)).toBe(
      `${textNumbers[5].sheet}!${textNumbers[5].cell}`,
    );
    while (await page.$(`${group} .show-more`)) await page.click(`${group} .show-more`);
    expect((await cellsShown()).length).toBe(textNumbers.length);

    // The open state and the count shown survive a re-render (here: the language switch).
    await page.click("#lang-switch");
    expect(await page.textContent(`${group} .toggle .title`)).toBe("Numbers stored as text");
    expect(await page.$eval(`${group} .toggle`, (b) => b.getAttribute("aria-expanded") === "true")).toBe(true);
    expect((await cellsShown()).length).toBe(textNumbers.length);
    expect(await page.textContent(`${card} .sheet-group[data-severity="warning"] h3`)).toBe(`Warnings · sheet ${textNumbers[0].sheet}`);

    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("fixes numbers stored as text and legacy text: downloads corrected copies the core reads clean, and checks them in place", async () => {
    const { page, errors } = await openTaskPane();
    const files = ["numbers-as-text.xlsx", "tcvn3-vntime.xlsx"];
    await page.setInputFiles("#file-input", files.map((f) => join(FIXTURES, f)));
    await page.waitForFunction(() => document.querySelectorAll("#file-results section").length === 2, undefined, { timeout: 60_000 });
    const truth = await inspectWorkbook(files[0], new Uint8Array(readFileSync(join(FIXTURES, files[0]))));
    const textNumbers = truth.result.findings.filter((f) => f.code === "cell.text-number").length;
    expect(textNumbers).toBe(JSON.parse(readFileSync(join(FIXTURES, "fixtures.json"), "utf8"))[files[0]].findings.filter((f: { code: string }) => f.code === "cell.text-number").length);

    // The button sits beside the group's heading (not inside it): pressing it neither opens nor closes the group.
    const group = 'section[data-file="numbers-as-text.xlsx"] .code-group[data-group="cell.text-number"]';
    const button = `${group} .group-head fluent-button.fix`;
    expect(await page.textContent(button)).toBe(`Sửa ${textNumbers} ô`);
    expect(await page.$eval(`${group} .toggle`, (b) => b.getAttribute("aria-expanded") === "true")).toBe(false);
    // Only the safe fixes have a button.
    expect(await page.$$eval("fluent-button.fix", (els) => els.map((e) => e.getAttribute("data-fix")))).toEqual(["text-number", "legacy-text"]);
    await shot(page, "2c-fix");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    expect(download.suggestedFilename()).toBe("numbers-as-text-da-sua.xlsx");
    const path = join(ARTIFACTS, "taskpane-numbers-as-text-da-sua.xlsx");
    await download.saveAs(path);
    const fixed = await inspectWorkbook("numbers-as-text-da-sua.xlsx", new Uint8Array(readFileSync(path)));
    expect(fixed.result.findings.filter((f) => f.code === "cell.text-number")).toEqual([]);
    expect(fixed.result.findings).toEqual([]);
    expect(fixed.result.totals).toEqual(truth.result.totals);
    expect(fixed.result.agency).toEqual(truth.result.agency);

    // The corrected copy replaces the file in the list, checked.
    const fixedCard = 'section[data-file="numbers-as-text-da-sua.xlsx"]';
    await page.waitForSelector(fixedCard, { timeout: 60_000 });
    expect(await page.$$eval("#file-results section", (els) => els.map((e) => e.getAttribute("data-file")))).toEqual([
      "numbers-as-text-da-sua.xlsx",
      "tcvn3-vntime.xlsx",
    ]);
    expect(await page.textContent(`${fixedCard} .counts`)).toContain("Không phát hiện sai sót");
    expect(await page.textContent("#status")).toBe(`Đã sửa ${textNumbers} ô, tải về tệp “numbers-as-text-da-sua.xlsx” và kiểm tra lại tệp đó.`);

    // Legacy text: the button's label is the "Sửa" the finding's message speaks of.
    const legacy = 'section[data-file="tcvn3-vntime.xlsx"] .code-group[data-group="text.legacy-encoding"]';
    expect(await page.textContent(`${legacy} li`)).toContain('nút "Sửa"');
    expect(await page.textContent(`${legacy} .group-head fluent-button.fix`)).toMatch(/^Sửa \d+ ô$/);
    const [legacyDownload] = await Promise.all([page.waitForEvent("download"), page.click(`${legacy} .group-head fluent-button.fix`)]);
    expect(legacyDownload.suggestedFilename()).toBe("tcvn3-vntime-da-sua.xlsx");
    const legacyPath = join(ARTIFACTS, "taskpane-tcvn3-vntime-da-sua.xlsx");
    await legacyDownload.saveAs(legacyPath);
    const unicode = await inspectWorkbook("tcvn3-vntime-da-sua.xlsx", new Uint8Array(readFileSync(legacyPath)));
    expect(unicode.result.findings.map((f) => f.code)).not.toContain("text.legacy-encoding");
    expect(unicode.result.agency?.name).toBe("UBND xã Lộc Bình");
    await page.waitForSelector('section[data-file="tcvn3-vntime-da-sua.xlsx"]', { timeout: 60_000 });
    expect(await page.$$("fluent-button.fix")).toEqual([]);
    await page.click("#lang-switch");
    expect(await page.textContent("#status")).toMatch(/^Fixed \d+ cell\(s\), downloaded “tcvn3-vntime-da-sua\.xlsx” and checked it\.$/);

    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("checks uploaded workbooks, shows rates, consolidates and downloads a report the core accepts", async () => {
    const { page, errors } = await openTaskPane();
    await page.setInputFiles("#file-input", FIXTURE_FILES.map((f) => join(FIXTURES, f)));
    await page.waitForFunction((n) => document.querySelectorAll("#file-results section").length === n, FIXTURE_FILES.length, {
      timeout: 60_000,
    });
    const codesOf = (file: string) =>
      page.$$eval(`section[data-file="${file}"] li[data-code]`, (els) => els.map((e) => e.getAttribute("data-code")));
    expect(await codesOf("numbers-as-text.xlsx")).toContain("cell.text-number");
    expect(await codesOf("tcvn3-vntime.xlsx")).toContain("text.legacy-encoding");
    expect(await codesOf("vni-times.xlsx")).toContain("text.legacy-encoding");
    expect(await page.textContent('section[data-file="libreoffice-clean.xlsx"] .counts')).toContain("Không phát hiện sai sót");
    // The agency read from a TCVN3 header is shown in Unicode.
    expect(await page.textContent('section[data-file="tcvn3-vntime.xlsx"] .meta')).toContain("UBND xã Lộc Bình");
    await shot(page, "2b-check-all-fixtures");

    // Rates of the last file read, against fixtures.json.
    const expected = JSON.parse(readFileSync(join(FIXTURES, "fixtures.json"), "utf8")) as Record<string, { totals: Record<string, { plan: number; actual: number }> }>;
    const last = FIXTURE_FILES[FIXTURE_FILES.length - 1];
    await page.click("#tab-rates");
    await page.waitForSelector("#rates-table");
    const row01 = await page.$$eval('#rates-table tr[data-code="01"] td', (tds) => tds.map((td) => td.textContent));
    const t01 = expected[last].totals["01"];
    expect(row01.slice(0, 4)).toEqual(["01", "ĐÀO TẠO", String(t01.plan), String(t01.actual)]);
    expect(row01[4]).toBe(`${String(Math.round((t01.actual / t01.plan) * 1000) / 10).replace(".", ",")}%`);
    await shot(page, "3-rates");

    await page.click("#tab-consolidate");
    await page.waitForSelector("#run-consolidate");
    expect(await page.inputValue("#consolidate-year")).toBe("2024");
    await page.click("#run-consolidate");
    await page.waitForSelector("#consolidation", { timeout: 60_000 });
    const report = await downloadOf(page, "#download-report", "taskpane-report.xlsx");
    await shot(page, "4-consolidate");

    // The six fixtures are all included; their totals are their generator's (fixtures.json).
    expect(await page.textContent("#consolidation .meta")).toContain(`${FIXTURE_FILES.length} đơn vị`);
    const truth = (code: string) => ({
      plan: FIXTURE_FILES.reduce((sum, f) => sum + expected[f].totals[code].plan, 0),
      actual: FIXTURE_FILES.reduce((sum, f) => sum + expected[f].totals[code].actual, 0),
    });

    const checked = await inspectWorkbook("taskpane-report.xlsx", report);
    expect(checked.result.form).toBe("01/ĐTBD");
    expect(checked.result.year).toBe(2024);
    for (const code of ["01", "02", "14", "28"]) {
      const { plan, actual } = truth(code);
      expect(checked.result.totals[code], code).toMatchObject({ plan, actual });
      expect(checked.result.totals[code].rate, code).toBeCloseTo(actual / plan, 10);
    }
    const { readWorkbook } = await import("../src/io/read.js");
    const sheets = (await readWorkbook(report)).grid!.sheets.map((s) => s.name);
    expect(sheets).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"]);
    // The pane's download carries the native charts too, their series holding the fixtures' totals.
    const parts = packageParts(report);
    const [training, fostering] = sheetCharts(parts, "Tổng hợp");
    expect(sheetCharts(parts, "Theo đơn vị")).toHaveLength(1);
    expect(chartSeries(training.chart).map((s) => s.valueCache)).toEqual([
      [truth("02").plan, truth("09").plan],
      [truth("02").actual, truth("09").actual],
    ]);
    expect(chartSeries(fostering.chart)[1].valueCache[0]).toBe(truth("15").actual);

    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("says which file it is reading while a batch of 120 workbooks is checked, then lists them all", async () => {
    const { page, errors } = await openTaskPane();
    const samples = readdirSync(join(ROOT, "samples")).filter((f) => f.endsWith(".xlsx")).sort();
    const batch = Array.from({ length: 120 }, (_, i) => {
      const file = samples[i % samples.length];
      return { name: `${String(i + 1).padStart(3, "0")}-${file}`, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: readFileSync(join(ROOT, "samples", file)) };
    });
    await page.evaluate(() => {
      const w = window as unknown as { __statuses: string[] };
      w.__statuses = [];
      new MutationObserver(() => w.__statuses.push(document.querySelector("#status")?.textContent ?? "")).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.setInputFiles("#file-input", batch);
    await page.waitForFunction((n) => document.querySelectorAll("#file-results section").length === n, batch.length, { timeout: 120_000 });
    const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
    const progress = [...new Set(statuses)].map((text) => /^Đang đọc tệp (\d+)\/120: (.+)…$/.exec(text)).filter((m) => m !== null);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const done = progress.map((m) => Number(m![1]));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    for (const m of progress) expect(m![2]).toBe(batch[Number(m![1]) - 1].name);
    expect(await page.textContent("#status")).toBe("Đã kiểm tra 120 tệp.");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("keeps two different files that share a name (each district's bao-cao.xlsx), and replaces a file chosen twice", async () => {
    const { page, errors } = await openTaskPane();
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const one = readFileSync(join(ROOT, "samples", "so-y-te.xlsx"));
    const other = readFileSync(join(ROOT, "samples", "ban-dan-toc.xlsx"));
    const cards = () => page.$$eval("#file-results section", (els) => els.map((e) => e.getAttribute("data-file")));
    await page.setInputFiles("#file-input", [{ name: "bao-cao.xlsx", mimeType: xlsx, buffer: one }]);
    await page.waitForFunction(() => document.querySelectorAll("#file-results section").length === 1);
    await page.setInputFiles("#file-input", [{ name: "bao-cao.xlsx", mimeType: xlsx, buffer: other }]);
    await page.waitForFunction(() => document.querySelectorAll("#file-results section").length === 2);
    expect(await cards()).toEqual(["bao-cao.xlsx", "bao-cao (2).xlsx"]);
    expect(await page.textContent("#status")).toBe(
      "Đã kiểm tra 1 tệp. Tệp trùng tên với một tệp đã có nhưng khác nội dung được giữ cả hai, với tên mới: bao-cao (2).xlsx.",
    );
    expect(await page.textContent('section[data-file="bao-cao (2).xlsx"] .meta')).toContain("Ban Dân tộc");
    // The very same file again: it replaces its copy, nothing is added.
    await page.setInputFiles("#file-input", [{ name: "bao-cao.xlsx", mimeType: xlsx, buffer: one }]);
    await page.waitForFunction(() => document.querySelector("#status")?.textContent === "Đã kiểm tra 1 tệp.");
    expect(await cards()).toEqual(["bao-cao (2).xlsx", "bao-cao.xlsx"]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("downloads a blank form that the core reads back with its year and agency", async () => {
    const { page, errors } = await openTaskPane("?tab=template");
    await page.fill("#template-year", "2025");
    await page.fill("#template-agency", "Sở Tài chính");
    await page.fill("#template-code", "000.00.12.H39");
    const bytes = await downloadOf(page, "#download-template", "taskpane-blank-form.xlsx");
    await shot(page, "5-template");
    const checked = await inspectWorkbook("blank.xlsx", bytes);
    expect(checked.result.form).toBe("01/ĐTBD");
    expect(checked.result.year).toBe(2025);
    expect(checked.result.agency).toEqual({ code: "000.00.12.H39", name: "Sở Tài chính" });
    expect(checked.result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("loads the bundled sample data and switches to English", async () => {
    const { page, errors } = await openTaskPane();
    const samples = (JSON.parse(readFileSync(join(ROOT, ".cache/addin-dist/samples/index.json"), "utf8")) as { files: string[] }).files;
    expect(samples.length).toBeGreaterThan(0);
    await page.click("#use-samples");
    await page.waitForFunction((n) => document.querySelectorAll("#file-results section").length === n, samples.length, { timeout: 120_000 });
    const subset = 'section[data-file="ban-dan-toc.xlsx"] .code-group[data-group="subset.exceeds"] .toggle .title';
    expect(await page.textContent(subset)).toBe("Số “trong đó” lớn hơn tổng");
    await page.click("#lang-switch");
    expect(await page.textContent(subset)).toBe("“Of which” larger than its total");
    const tabs = await page.$$eval("fluent-tab", (els) => els.map((e) => e.textContent?.trim()));
    expect(tabs).toEqual(["Check", "Rates", "Consolidate", "Form"]);
    expect(await page.textContent("#host-mode")).toBe("in the browser");
    // The last message is translated too, not left in the language it was shown in.
    expect(await page.textContent("#status")).toBe(`Checked ${samples.length} file(s).`);
    await shot(page, "6-samples-english");
    await page.click("#tab-consolidate");
    await page.click("#run-consolidate");
    await page.waitForSelector("#consolidation", { timeout: 60_000 });
    expect(await page.textContent("#consolidation .meta")).toMatch(/Consolidated \d+ agencies/);
    await shot(page, "7-consolidate-english");
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  }, 300_000);
});

// ── Structure, accessibility and the keyboard ───────────────────────────────────────────────

const AXE_SOURCE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

interface AxeRule {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

interface AxeResult {
  violations: AxeRule[];
  passes: AxeRule[];
  incomplete: AxeRule[];
  inapplicable: AxeRule[];
}

/** axe-core's violations on the page as it is (its source evaluated in the page: the CSP refuses inline scripts). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as AxeResult;
  // The rules that once failed here did run (a check that could not have failed proves nothing).
  const ran = [...result.violations, ...result.passes, ...result.incomplete, ...result.inapplicable].map((r) => r.id);
  expect(ran).toEqual(expect.arrayContaining(["color-contrast", "nested-interactive", "heading-order", "aria-allowed-attr", "svg-img-alt"]));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

/** Presses `key` until the focused element matches `selector`. */
async function focusWithKeys(page: Page, selector: string, key = "Tab", max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`${selector} not reached with ${key} (focus on ${at})`);
}

const focusedIs = (page: Page, selector: string) => page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);

/**
 * A form written with hand-chosen leaf figures, so that the chart's expected figures are known
 * by hand: 05 Đại học 30 planned / 33 done, 10 Cao cấp LLCT 4 / 2 → 02 30/33, 09 4/2, 01 34/35;
 * 16 Cấp sở 100 / 80, 35 Ngoại ngữ 0 / 12 → 15 100/80, 14 100/92.
 */
async function handMadeForm(): Promise<Buffer> {
  const { writeTemplate } = await import("../src/io/template.js");
  const values = {
    "05": { "2": 10, "3": 20, "7": 8, "8": 25 },
    "10": { "3": 4, "8": 2 },
    "16": { "2": 100, "7": 80 },
    "35": { "8": 12 },
  };
  return Buffer.from(await writeTemplate({ year: 2024, agencyName: "Sở Thử nghiệm", agencyCode: "000.00.99.H39", values }));
}
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("task pane structure, accessibility and keyboard", () => {
  it("Tỷ lệ charts plan against actual per group as an accessible SVG, beside the table", async () => {
    const { page, errors } = await openTaskPane();
    await page.setInputFiles("#file-input", [{ name: "thu-nghiem.xlsx", mimeType: XLSX, buffer: await handMadeForm() }]);
    await page.waitForSelector('section[data-file="thu-nghiem.xlsx"]');
    await page.click("#tab-rates");
    await page.waitForSelector("#rates-chart");

    const charts = await page.$$eval("#rates-chart svg", (svgs) =>
      svgs.map((s) => ({
        role: s.getAttribute("role"),
        labelledBy: s.getAttribute("aria-labelledby"),
        title: s.querySelector("title")?.textContent,
        desc: s.querySelector("desc")?.textContent,
        rows: [...s.querySelectorAll("g.bar-row")].map((g) => ({
          code: g.getAttribute("data-code"),
          plan: Number(g.querySelector("rect.plan")?.getAttribute("width")),
          actual: Number(g.querySelector("rect.actual")?.getAttribute("width")),
          figures: g.querySelector("text.bar-figures")?.textContent,
        })),
      })),
    );
    expect(charts.map((c) => [c.role, c.labelledBy])).toEqual([
      ["img", "chart-01-title chart-01-desc"],
      ["img", "chart-14-title chart-14-desc"],
    ]);
    expect(charts.map((c) => c.title)).toEqual(["ĐÀO TẠO (người): kế hoạch và thực hiện", "BỒI DƯỠNG (lượt người): kế hoạch và thực hiện"]);
    expect(charts[0].desc).toBe(
      "01 ĐÀO TẠO: kế hoạch 34, thực hiện 35, đạt 102,9%. 02 Đào tạo trình độ chuyên môn: kế hoạch 30, thực hiện 33, đạt 110%. " +
        "09 Đào tạo lý luận chính trị: kế hoạch 4, thực hiện 2, đạt 50%.",
    );
    expect(charts[1].desc).toBe(
      "14 BỒI DƯỠNG: kế hoạch 100, thực hiện 92, đạt 92%. 15 Bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, quản lý: kế hoạch 100, thực hiện 80, đạt 80%. " +
        "35 Ngoại ngữ: kế hoạch 0, thực hiện 12.",
    );
    // Bars on one scale per group (two units): lengths in proportion to the figures.
    const [training, fostering] = charts.map((c) => Object.fromEntries(c.rows.map((r) => [r.code, r])));
    expect(Object.keys(training)).toEqual(["01", "02", "09"]);
    expect(training["01"].plan / training["01"].actual).toBeCloseTo(34 / 35, 6);
    expect(training["09"].actual / training["01"].actual).toBeCloseTo(2 / 35, 6);
    expect(fostering["35"].plan).toBe(0);
    expect(fostering["15"].actual / fostering["14"].plan).toBeCloseTo(80 / 100, 6);
    expect(training["01"].figures).toBe("35 / 34 · 102,9%");
    // The table stays, with every row.
    expect(await page.$$eval('#rates-table tr[data-code="35"] td', (tds) => tds.map((td) => td.textContent))).toEqual([
      "35",
      "Ngoại ngữ",
      "0",
      "12",
      "",
      "Ngoài kế hoạch",
    ]);
    await shot(page, "3b-rates-chart");
    await page.click("#lang-switch");
    expect(await page.textContent("#chart-14 title")).toBe("Fostering (person-times): plan and actual");
    expect(await page.textContent("#chart-01 desc")).toMatch(/^01 ĐÀO TẠO: plan 34, actual 35, 102\.9% of plan\./);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("axe-core finds no violation on any of the four tabs, in Vietnamese and English, with files and findings shown", async () => {
    const { page, errors } = await openTaskPane();
    await page.click("#use-samples");
    await page.waitForFunction(() => document.querySelectorAll("#file-results section").length === 22, undefined, { timeout: 120_000 });
    // Short groups are open: findings and their how-to-fix are shown.
    expect(await page.isVisible('section[data-file="ubnd-xa-bac-son.xlsx"] [data-group="cell.text-number"] .how-to-fix')).toBe(true);

    // Tổng hợp: 22 files counted by what their check found, the names folded into a <details>.
    await page.click("#tab-consolidate");
    await page.waitForSelector("#consolidate-files");
    expect(await page.textContent("#consolidate-files .file-counts")).toBe(
      "22 tệp đã chọn: 18 tệp không có sai sót, 1 tệp chỉ có cảnh báo hoặc lưu ý, 3 tệp có lỗi.",
    );
    expect(await page.$eval("#chosen-details", (d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.$$eval("#chosen-list li", (lis) => lis.length)).toBe(22);
    await page.click("#chosen-details summary");
    await page.click("#run-consolidate");
    await page.waitForSelector("#consolidation", { timeout: 60_000 });
    for (const list of ["#excluded-details", "#included-details"]) if (await page.$(list)) await page.click(`${list} summary`);
    await shot(page, "4b-consolidate-lists");

    for (const lang of ["vi", "en"]) {
      for (const tab of ["check", "rates", "consolidate", "template"]) {
        await page.click(`#tab-${tab}`);
        await page.waitForSelector(`#panel-${tab} > *`);
        expect(await axeViolations(page), `${tab} (${lang})`).toEqual([]);
      }
      await page.click("#lang-switch");
    }
    // The same run reports a violation where there is one: a button inside a <summary>, as the pane once had.
    await page.evaluate(() => {
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      const button = document.createElement("button");
      button.textContent = "Sửa";
      summary.append("Nhóm", button);
      details.append(summary);
      document.querySelector("fluent-tab-panel:not([hidden])")?.append(details);
    });
    expect((await axeViolations(page)).map((v) => v.split(" ")[0])).toContain("nested-interactive");
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("walks check → fix → consolidate with the keyboard alone", async () => {
    const { page, errors } = await openTaskPane();
    const files = ["so-y-te.xlsx", "ubnd-xa-bac-son.xlsx", "so-tai-chinh.xlsx"].map((f) => join(ROOT, "samples", f));

    // Kiểm tra: the file button opens the browser's file chooser. (Listening before the key
    // presses gives Playwright time to intercept the chooser: set up as Enter is pressed, it may miss it.)
    const chooser = new Promise<FileChooser>((resolve) => page.once("filechooser", resolve));
    await focusWithKeys(page, "#choose-files");
    await page.keyboard.press("Enter");
    await (await chooser).setFiles(files);
    await page.waitForFunction(() => document.querySelectorAll("#file-results section").length === 3, undefined, { timeout: 60_000 });
    // The focus is given back to the button pressed, not lost to the top of the page.
    expect(await focusedIs(page, "#choose-files")).toBe(true);

    // A group closes with Enter on its heading, and opens again with Space (its two cells: scripts/make-samples.ts).
    const card = 'section[data-file="ubnd-xa-bac-son.xlsx"]';
    const toggle = `${card} [data-group="cell.text-number"] .toggle`;
    await focusWithKeys(page, toggle);
    expect(await page.getAttribute(toggle, "aria-expanded")).toBe("true");
    await page.keyboard.press("Enter");
    expect(await page.getAttribute(toggle, "aria-expanded")).toBe("false");
    expect(await page.isVisible(`${card} [data-group="cell.text-number"] ul.findings`)).toBe(false);
    await page.keyboard.press("Space");
    expect(await page.getAttribute(toggle, "aria-expanded")).toBe("true");
    expect(await page.$$eval(`${card} [data-group="cell.text-number"] li .cell`, (els) => els.map((e) => e.textContent?.replace(/\d+$/, "")))).toEqual(["01-DTBD!R", "01-DTBD!S"]);

    // Its safe fix is the next stop: Enter downloads the corrected copy, which replaces the file.
    await page.keyboard.press("Tab");
    expect(await focusedIs(page, `${card} fluent-button.fix`)).toBe(true);
    expect(await page.textContent(`${card} fluent-button.fix`)).toBe("Sửa 2 ô");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("ubnd-xa-bac-son-da-sua.xlsx");
    const fixedPath = join(ARTIFACTS, "taskpane-keyboard-da-sua.xlsx");
    await download.saveAs(fixedPath);
    const fixed = await inspectWorkbook("ubnd-xa-bac-son-da-sua.xlsx", new Uint8Array(readFileSync(fixedPath)));
    expect(fixed.result.findings).toEqual([]);
    await page.waitForSelector('section[data-file="ubnd-xa-bac-son-da-sua.xlsx"]', { timeout: 60_000 });
    // The button is gone with its findings: the focus waits on the selected tab.
    expect(await focusedIs(page, "#tab-check")).toBe(true);

    // Tổng hợp: arrow keys move along the tab list and select.
    await page.keyboard.press("ArrowRight");
    expect(await focusedIs(page, "#tab-rates")).toBe(true);
    await page.keyboard.press("ArrowRight");
    expect(await focusedIs(page, "#tab-consolidate")).toBe(true);
    expect(await page.getAttribute("#tab-consolidate", "aria-selected")).toBe("true");
    await page.waitForSelector("#run-consolidate");
    expect(await page.inputValue("#consolidate-year")).toBe("2024");
    await focusWithKeys(page, "#run-consolidate");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#consolidation", { timeout: 60_000 });
    // so-y-te.xlsx has a total typed by hand (scripts/make-samples.ts, sum.columns): excluded; the other two are included.
    expect(await page.textContent("#consolidation .meta")).toBe("Đã tổng hợp 2 đơn vị; 1 tệp bị loại.");
    expect(await page.$$eval("#excluded-list li", (lis) => lis.map((li) => li.textContent?.split(":")[0]))).toEqual(["so-y-te.xlsx"]);
    expect(await focusedIs(page, "#run-consolidate")).toBe(true);
    await focusWithKeys(page, "#download-report");
    const [report] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(report.suggestedFilename()).toBe("bao-cao-tong-hop-2024.xlsx");
    await shot(page, "8-keyboard-consolidate");

    // Back to Kiểm tra with the arrow keys; ArrowLeft from the first tab wraps to the last.
    await focusWithKeys(page, "#tab-consolidate", "Shift+Tab");
    await page.keyboard.press("Home");
    expect(await focusedIs(page, "#tab-check")).toBe(true);
    await page.keyboard.press("ArrowLeft");
    expect(await focusedIs(page, "#tab-template")).toBe(true);
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});

// ── Other forms and feedback ────────────────────────────────────────────────────────────

const GENERIC = join(FIXTURES, "generic");

interface GenericManifestForm {
  id: string;
  sheet: string;
  recognition: { formNumber: string | null };
  columns: { code: string; codeText: string; kind: string }[];
  template: { file: string };
  filled: { file: string; values: Record<string, { value: number }> }[];
  planted: { file: string; expectedFindings: { code: string; severity: string; cell: string }[] }[];
  consolidated: { files: string[]; values: Record<string, number> };
  planActual: { planColumn: string; actualColumn: string }[];
  rows: { excelRow: number; label: string }[];
}

function genericForm(id: string): GenericManifestForm {
  const manifest = JSON.parse(readFileSync(join(GENERIC, "manifest.json"), "utf8")) as { forms: GenericManifestForm[] };
  return manifest.forms.find((f) => f.id === id)!;
}

/** "code@cell" of the error findings listed on a file's card. */
async function errorsOnCard(page: Page, file: string): Promise<string[]> {
  return page.$$eval(`section[data-file="${file}"] li.error[data-code]`, (els) => els.map((e) => `${e.getAttribute("data-code")}@${e.getAttribute("data-cell")}`).sort());
}

describe("other forms and feedback in the pane", () => {
  it("learns Biểu số 10-BTCTW from its template, checks its copies without false errors, consolidates and makes a blank form in its layout", async () => {
    const form = genericForm("btctw10");
    const { page, errors } = await openTaskPane();
    expect(await page.isVisible("#learn-hint")).toBe(true);
    await page.setInputFiles("#learn-input", join(GENERIC, form.template.file));
    await page.waitForSelector("#learned-forms .learned-form", { timeout: 60_000 });

    // The summary says what was understood: the form number, and every column code of the code row
    // with the relations the template's code row states (the generator's columns).
    const summary = (await page.textContent("#learned-forms .form-summary-text")) ?? "";
    expect(summary).toContain(form.recognition.formNumber!);
    for (const column of form.columns.filter((c) => c.codeText.includes("="))) {
      const [total, parts] = column.codeText.split("=");
      expect(summary.replace(/\s+/g, "")).toContain(`${total}=${parts}`);
    }
    expect(await page.textContent("#status")).toMatch(/^Đã học biểu /);
    await shot(page, "6-learned-form");

    // Clean copies: no error, no warning. Planted copies: exactly the generator's planted errors.
    const clean = form.filled.map((f) => f.file);
    const planted = form.planted.map((p) => p.file);
    await page.setInputFiles("#file-input", [...clean, ...planted].map((f) => join(GENERIC, f)));
    const name = (file: string) => file.split("/").pop()!;
    await page.waitForFunction((n) => document.querySelectorAll("#file-results section").length === n, clean.length + planted.length, { timeout: 60_000 });
    for (const file of clean) {
      expect(await page.textContent(`section[data-file="${name(file)}"] .counts`), file).toContain("Không phát hiện sai sót");
      expect(await page.textContent(`section[data-file="${name(file)}"] .meta`), file).toContain(`Biểu: ${(await page.getAttribute("#learned-forms .learned-form", "data-form"))!}`);
    }
    for (const p of form.planted) {
      const expected = p.expectedFindings.filter((f) => f.severity === "error").map((f) => `${f.code}@${f.cell}`).sort();
      expect(await errorsOnCard(page, name(p.file)), p.file).toEqual(expected);
    }

    // Consolidation of the three clean agencies (the planted ones removed): the report's first
    // sheet holds the generator's sums at the template's own addresses.
    for (const file of planted) await page.click(`section[data-file="${name(file)}"] fluent-button[aria-label^="Bỏ"]`);
    await page.click("#tab-consolidate");
    await page.click("#run-consolidate");
    await page.waitForSelector("#consolidation", { timeout: 60_000 });
    const report = await downloadOf(page, "#download-report", "taskpane-report-btctw10.xlsx");
    const { readWorkbook } = await import("../src/io/read.js");
    const first = (await readWorkbook(report)).grid!.sheets[0];
    const { parseAddress } = await import("../src/core/grid.js");
    const numberAt = (ref: string) => {
      const at = parseAddress(ref)!;
      const value = first.rows[at.row - 1]?.[at.col - 1]?.value;
      return typeof value === "number" ? value : value === null || value === undefined ? 0 : Number.NaN;
    };
    expect(Object.keys(form.consolidated.values).length).toBeGreaterThan(50);
    for (const [ref, sum] of Object.entries(form.consolidated.values)) expect(numberAt(ref), ref).toBeCloseTo(sum, 9);

    // A blank copy of the learned form, which the core reads back as that form with no error.
    await page.click("#tab-template");
    await page.selectOption("#template-form", { index: 1 });
    await page.fill("#template-year", "2025");
    await page.fill("#template-agency", "Huyện ủy Văn Lãng");
    expect(await page.$("#template-code")).toBeNull();
    const blank = await downloadOf(page, "#download-template", "taskpane-blank-btctw10.xlsx");
    const { definitionFromJson } = await import("../src/core/form/load.js");
    const jsonText = await (async () => {
      await page.click("#tab-check");
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#learned-0-json")]);
      const path = join(ARTIFACTS, "taskpane-bieu-10-btctw.json");
      await download.saveAs(path);
      expect(download.suggestedFilename()).toMatch(/^bieu-.*\.json$/);
      return readFileSync(path, "utf8");
    })();
    const loaded = definitionFromJson(JSON.parse(jsonText));
    expect(loaded.ok).toBe(true);
    const definition = loaded.ok ? loaded.definition : null;
    const blankCheck = await inspectWorkbook("blank.xlsx", blank, undefined, { definitions: [definition!], infer: false });
    expect(blankCheck.result.form).toBe(definition!.id);
    expect(blankCheck.result.year).toBe(2025);
    expect(blankCheck.result.findings.filter((f) => f.severity === "error")).toEqual([]);

    // The learned form's card and its summary pass axe in both languages; the summary is in English too.
    expect(await axeViolations(page)).toEqual([]);
    await page.click("#lang-switch");
    expect(await page.textContent("#learned-forms .form-summary-text")).toContain("Column relations");
    expect(await axeViolations(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("Tỷ lệ of a provincial plan/actual form: every row's plan, actual and rate from the generator's cells", async () => {
    const form = genericForm("kh-tinh");
    const filled = form.filled[0];
    const { page, errors } = await openTaskPane();
    await page.setInputFiles("#file-input", join(GENERIC, filled.file));
    const name = filled.file.split("/").pop()!;
    await page.waitForSelector(`section[data-file="${name}"]`, { timeout: 60_000 });
    await page.click(`section[data-file="${name}"] fluent-button[aria-label^="Tỷ lệ"]`);
    await page.waitForSelector("#rates-table");
    // The first pair (plan D, actual G): a table row per form row, in the form's order.
    const { planColumn, actualColumn } = form.planActual[0];
    const rows = await page.$$eval("#rates-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    expect(rows.map((r) => r[1])).toEqual(form.rows.map((r) => r.label));
    const vi = (n: number) => n.toLocaleString("vi-VN", { maximumFractionDigits: 1 });
    for (const [i, row] of form.rows.entries()) {
      const plan = filled.values[`${planColumn}${row.excelRow}`]?.value ?? 0;
      const actual = filled.values[`${actualColumn}${row.excelRow}`]?.value ?? 0;
      expect(rows[i].slice(2, 5), row.label).toEqual([vi(plan), vi(actual), plan > 0 ? `${vi(Math.round((actual / plan) * 1000) / 10)}%` : ""]);
    }
    expect(await page.$$eval("table.rates", (ts) => ts.length)).toBe(form.planActual.length);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("with the list of agencies, names the agency that sent nothing, in the pane and in the feedback's summary", async () => {
    const { page, errors } = await openTaskPane();
    await page.click("#use-samples");
    await page.waitForFunction(() => document.querySelectorAll("#file-results section").length === 22, undefined, { timeout: 120_000 });
    await page.click("#tab-consolidate");
    await page.setInputFiles("#roster-input", join(ROOT, "samples-roster", "danh-sach-don-vi.csv"));
    // The roster lists 20 agencies (one line each after its header).
    const rosterLines = readFileSync(join(ROOT, "samples-roster", "danh-sach-don-vi.csv"), "utf8").trim().split(/\r?\n/).length - 1;
    await page.waitForSelector("#roster-loaded");
    expect(await page.textContent("#roster-loaded")).toBe(`Danh sách đơn vị: ${rosterLines} đơn vị (danh-sach-don-vi.csv).`);
    await page.click("#run-consolidate");
    await page.waitForSelector("#consolidation", { timeout: 60_000 });
    // The sample generator leaves Sở Dân tộc và Tôn giáo (000.00.31.H39) without a file.
    expect(await page.$$eval("#missing-list li", (lis) => lis.map((li) => li.textContent))).toEqual(["Sở Dân tộc và Tôn giáo – 000.00.31.H39"]);
    expect(await page.textContent("#consolidation .meta")).toMatch(new RegExp(`^Đã tổng hợp \\d+/${rosterLines} đơn vị; \\d+ tệp bị loại; 1 đơn vị chưa nộp\\.$`));
    const zip = await downloadOf(page, "#download-feedback", "taskpane-phan-hoi-roster.zip");
    const { unzipSync, strFromU8 } = await import("fflate");
    const lines = strFromU8(unzipSync(zip)["tong-hop-phan-hoi.csv"]).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    const silent = lines.filter((l) => l.includes("000.00.31.H39"));
    expect(silent).toHaveLength(1);
    expect(silent[0]).toContain("chưa nộp");
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("says what it could not find when a file holds no table to learn", async () => {
    const { page, errors } = await openTaskPane();
    await page.setInputFiles("#learn-input", { name: "ghi-chu.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await noTableWorkbook() });
    await page.waitForSelector("#learned-forms .learn-failed", { timeout: 60_000 });
    expect(await page.textContent("#learned-forms .learn-failed")).toContain("Không học được biểu từ ghi-chu.xlsx");
    expect(await page.$$eval("#learned-forms .learn-notes li", (lis) => lis.length)).toBeGreaterThan(0);
    expect(await page.$("#learned-forms .learned-form")).toBeNull();
    expect(await page.getAttribute("#status", "class")).toContain("error");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("Tải phản hồi downloads the agency's copy that the core validates with the same findings; the .zip holds one per file with findings and the summary", async () => {
    const { page, errors } = await openTaskPane();
    // Findings by fixtures.json: numbers as text (errors), a note (openpyxl's unplanned actual),
    // legacy text (warnings); the LibreOffice copy has none.
    const withFindings = ["numbers-as-text.xlsx", "openpyxl-clean.xlsx", "tcvn3-vntime.xlsx", "vni-times.xlsx"];
    await page.setInputFiles("#file-input", [...withFindings, "libreoffice-clean.xlsx"].map((f) => join(FIXTURES, f)));
    await page.waitForFunction(() => document.querySelectorAll("#file-results section").length === 5, undefined, { timeout: 60_000 });
    // A clean file has nothing to send back.
    expect(await page.$('section[data-file="libreoffice-clean.xlsx"] fluent-button.feedback')).toBeNull();

    const { readWorkbook } = await import("../src/io/read.js");
    for (const file of withFindings) {
      const copy = await downloadOf(page, `section[data-file="${file}"] fluent-button.feedback`, `taskpane-${file.replace(".xlsx", "")}-phan-hoi.xlsx`);
      expect(await page.textContent("#status")).toContain(`${file.replace(".xlsx", "")}-phan-hoi.xlsx`);
      const original = new Uint8Array(readFileSync(join(FIXTURES, file)));
      const [before, after] = [await inspectWorkbook(file, original), await inspectWorkbook(file, copy)];
      expect(before.result.findings.length).toBeGreaterThan(0);
      const keyed = (fs: typeof before.result.findings) => fs.map((f) => `${f.code}@${f.sheet}!${f.cell}`);
      expect(keyed(after.result.findings), file).toEqual(keyed(before.result.findings));
      // The feedback sheet comes first and lists every finding; the form's cells are the original's.
      const [o, c] = [(await readWorkbook(original)).grid!, (await readWorkbook(copy)).grid!];
      expect(c.sheets.map((s) => s.name)).toEqual(["Phản hồi", ...o.sheets.map((s) => s.name)]);
      const feedbackText = c.sheets[0].rows.flat().map((cell) => String(cell?.value ?? "")).join("\n");
      for (const f of before.result.findings) if (f.cell) expect(feedbackText, `${file} ${f.code}@${f.cell}`).toContain(f.cell);
      for (const [i, sheet] of o.sheets.entries()) {
        const values = (s: typeof sheet) => s.rows.map((row) => (row ?? []).map((cell) => cell?.value ?? null));
        expect(values(c.sheets[i + 1]), `${file} ${sheet.name}`).toEqual(values(sheet));
      }
    }

    await page.click("#tab-consolidate");
    await page.click("#run-consolidate");
    await page.waitForSelector("#download-feedback", { timeout: 60_000 });
    const zip = await downloadOf(page, "#download-feedback", "taskpane-phan-hoi.zip");
    const { unzipSync, strFromU8 } = await import("fflate");
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual([...withFindings.map((f) => f.replace(".xlsx", "-phan-hoi.xlsx")), "tong-hop-phan-hoi.csv"].sort());
    // UTF-8 with its byte-order mark, so that Excel opens it with diacritics (the decoder drops the mark).
    expect([...entries["tong-hop-phan-hoi.csv"].subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = strFromU8(entries["tong-hop-phan-hoi.csv"]).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + 5); // header, then one line per file chosen
    for (const file of withFindings) expect(lines.some((l) => l.includes(file.replace(".xlsx", "-phan-hoi.xlsx")))).toBe(true);
    expect(await page.textContent("#status")).toContain("4 tệp phản hồi");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});

/** A workbook with a note and no table: nothing to learn. Written by exceljs, not by DTBD's writers. */
async function noTableWorkbook(): Promise<Buffer> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Ghi chú");
  ws.getCell("A1").value = "Danh sách việc cần làm";
  ws.getCell("A2").value = "Gọi điện cho Sở Tài chính";
  return Buffer.from(await wb.xlsx.writeBuffer());
}
