/**
 * Hostile and odd workbooks built byte by byte for the security tests, and measures of what
 * reading one costs: its time, and its peak memory in a process of its own.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { buildCli } from "./compiled-cli";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface RawSheet {
  name: string;
  /** The whole worksheet part, or just the inside of <sheetData> (wrapped for you). */
  xml?: string;
  rows?: string;
  /** Inside of <mergeCells>, when `rows` is used. */
  merges?: string;
}

/** A minimal but valid .xlsx package holding the given worksheet XML, zipped with fflate. */
export function rawWorkbook(sheets: RawSheet[], extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const sheetXml = (s: RawSheet) =>
    s.xml ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>${s.rows ?? ""}</sheetData>${s.merges ? `<mergeCells>${s.merges}</mergeCells>` : ""}</worksheet>`;
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join("")}</Relationships>`,
  );
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s))));
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return zipSync(files, { level: 6 });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** One row of inline-string or number cells: `row(3, { A: "TT", C: 5 })`. */
export function row(r: number, cells: Record<string, string | number>): string {
  const body = Object.entries(cells)
    .map(([col, v]) =>
      typeof v === "number" ? `<c r="${col}${r}"><v>${v}</v></c>` : `<c r="${col}${r}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`,
    )
    .join("");
  return `<row r="${r}">${body}</row>`;
}

/** A time that only a hang exceeds: the tests run beside other workers on 2 cores; speed is the benchmark's. */
export const HANG_MS = 20_000;

export interface Timed<T> {
  value: T;
  ms: number;
}

/** Runs `run` in this process and reports its wall time. */
export async function timed<T>(run: () => Promise<T> | T): Promise<Timed<T>> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/** What measure-read.cjs does with the file: read it (lean reader, all rows, exceljs) or inspect it. */
export type ReadOp = "read" | "read-all-rows" | "read-exceljs" | "inspect";

export interface ChildCost {
  ms: number;
  /** Growth of the child's peak resident memory during the one read, in MiB. */
  peakGrowthMiB: number;
  /** The outcome, to compare with the same read in the test's process. */
  problem: string | null;
  codes: string[];
}

/**
 * Reads `file` once in a fresh node process, with the compiled readers, and reports the growth
 * of that process's peak memory (maxRSS) over its start-up: a high-water mark, so it measures
 * only in a process that has read nothing before (in the test's own process earlier tests have
 * raised it).
 */
export async function measureInChild(file: string, op: ReadOp): Promise<ChildCost> {
  const lib = join(await buildCli(), "lib");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(__dirname, "measure-read.cjs"), lib, op, file], { maxBuffer: 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${op} ${file} in a child process: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as ChildCost);
    });
  });
}
