/**
 * LibreOffice as a second, independent spreadsheet client: it opens what exceljs wrote,
 * optionally recalculates every formula, and exports each sheet to CSV, so that tests can
 * compare numbers computed by a real spreadsheet engine with what DTBD wrote and computed.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import ExcelJS from "exceljs";

const run = promisify(execFile);

function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return existsSync("/usr/bin/soffice") ? "/usr/bin/soffice" : null;
}

export const SOFFICE: string | null = findSoffice();

/**
 * Skip the LibreOffice checks where LibreOffice is not installed, except in CI (CI=1), which
 * installs it: there a missing soffice fails those checks rather than skipping them.
 */
export const SKIP_WITHOUT_SOFFICE = !SOFFICE && !process.env.CI;
if (SKIP_WITHOUT_SOFFICE) console.warn("⚠ LibreOffice (soffice) not found: the LibreOffice checks are skipped (with CI=1 they fail).");

/** soffice's path, or an error that says what to install. */
export function requireSoffice(): string {
  if (!SOFFICE) throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc");
  return SOFFICE;
}

let cachedVersion: [number, number] | null | undefined;

/** Major and minor version, e.g. [7, 4]; null when it cannot be told. */
export async function sofficeVersion(): Promise<[number, number] | null> {
  if (cachedVersion !== undefined) return cachedVersion;
  if (!SOFFICE) return (cachedVersion = null);
  try {
    const { stdout } = await run(SOFFICE, ["--version"], { timeout: 60_000 });
    const m = /(\d+)\.(\d+)\.\d+/.exec(stdout);
    cachedVersion = m ? [Number(m[1]), Number(m[2])] : null;
  } catch {
    cachedVersion = null;
  }
  return cachedVersion;
}

/**
 * A private profile per call: parallel conversions do not fight over one profile lock,
 * and the recalculation setting is ours, not the machine user's. OOXMLRecalcMode 0 means
 * "always recalculate on load"; LibreOffice's default keeps the cached results of .xlsx files.
 */
function makeProfile(dir: string, recalc: boolean): string {
  const user = join(dir, "user");
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${recalc ? 0 : 1}</value></prop></item>
</oor:items>
`,
  );
  return pathToFileURL(dir).href;
}

/** RFC 4180 CSV as LibreOffice writes it: comma separated, double quotes doubled inside. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One exported sheet: cell text by 1-based row and column, as in Excel. */
export class CsvSheet {
  constructor(readonly rows: string[][]) {}

  text(row: number, col: number): string {
    return this.rows[row - 1]?.[col - 1] ?? "";
  }

  /** The cell as a number: "1234.5" → 1234.5, "93.7%" → 0.937, "" → null; NaN for other text. */
  number(row: number, col: number): number | null {
    const t = this.text(row, col).trim();
    if (t === "") return null;
    if (t.endsWith("%")) return Number(t.slice(0, -1)) / 100;
    return Number(t);
  }
}

export interface ConvertOptions {
  /** Recalculate every formula on load (default true); false shows the cached results. */
  recalc?: boolean;
  /** The workbook's sheet names, for a package exceljs cannot load (otherwise exceljs lists them). */
  sheetNames?: string[];
  timeoutMs?: number;
}

async function sheetNamesOf(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((w) => w.name);
}

/** Opens the workbook in LibreOffice and returns every sheet as CSV, keyed by sheet name. */
export async function convertToCsv(bytes: Uint8Array, opts: ConvertOptions = {}): Promise<Map<string, CsvSheet>> {
  const soffice = requireSoffice();
  const dir = mkdtempSync(join(tmpdir(), "lo-"));
  try {
    const profile = makeProfile(join(dir, "profile"), opts.recalc ?? true);
    const input = join(dir, "book.xlsx");
    const out = join(dir, "out");
    writeFileSync(input, bytes);
    const names = opts.sheetNames ?? (await sheetNamesOf(bytes));
    const version = await sofficeVersion();
    // Sheet -1 ("every sheet to its own file") exists from LibreOffice 7.2; older ones go sheet by sheet.
    const perSheet = !version || version[0] < 7 || (version[0] === 7 && version[1] < 2);
    const passes = perSheet ? names.map((_, i) => i + 1) : [-1];
    for (const sheet of passes) {
      const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheet}`;
      await run(
        soffice,
        ["--headless", "--norestore", "--nolockcheck", `-env:UserInstallation=${profile}`, "--convert-to", filter, "--outdir", out, input],
        { timeout: opts.timeoutMs ?? 120_000 },
      );
    }
    const sheets = new Map<string, CsvSheet>();
    const files = existsSync(out) ? readdirSync(out) : [];
    for (const name of names) {
      const file = files.find((f) => f === `book-${name}.csv`) ?? (names.length === 1 ? files.find((f) => f.endsWith(".csv")) : undefined);
      if (file) sheets.set(name, new CsvSheet(parseCsv(readFileSync(join(out, file), "utf8"))));
    }
    if (sheets.size === 0) throw new Error(`LibreOffice wrote no CSV (files: ${files.join(", ") || "none"})`);
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the workbook in LibreOffice and prints it to PDF (every sheet's print area, in order). */
export async function convertToPdf(bytes: Uint8Array, opts: ConvertOptions = {}): Promise<Uint8Array> {
  if (!SOFFICE) throw new Error("LibreOffice (soffice) is not installed");
  const dir = mkdtempSync(join(tmpdir(), "lo-pdf-"));
  try {
    const profile = makeProfile(join(dir, "profile"), opts.recalc ?? false);
    const input = join(dir, "book.xlsx");
    const out = join(dir, "out");
    writeFileSync(input, bytes);
    await run(SOFFICE, ["--headless", "--norestore", "--nolockcheck", `-env:UserInstallation=${profile}`, "--convert-to", "pdf", "--outdir", out, input], {
      timeout: opts.timeoutMs ?? 120_000,
    });
    const pdf = join(out, "book.pdf");
    if (!existsSync(pdf)) throw new Error("LibreOffice wrote no PDF");
    return new Uint8Array(readFileSync(pdf));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
