/**
 * The formats agencies send besides .xlsx: Excel 97-2003 (.xls) and OpenDocument (.ods), as
 * LibreOffice saves them from a form (tests/fixtures/xls, made by scripts/make-xls-fixtures.sh).
 * Each copy must give what the .xlsx it was saved from gives: the same findings at the same
 * cells, the same totals and rows; cell by cell the same values, formulas, number formats,
 * merges, and for .xls the same fonts, so that TCVN3/VNI text is recognised by its font.
 */
import { promises as fs, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Cell, Sheet } from "../src/core/grid";
import { compareFindings, type Finding } from "../src/core/findings";
import { convertCellText } from "../src/core/text/legacy";
import { inspectWorkbook } from "../src/io/inspect";
import { readWorkbook } from "../src/io/read";
import { WORKBOOK_EXTENSIONS } from "../src/cli/files";
import { compoundWorkbook, concat, eof, numberCell, record } from "./helpers/biff";
import { runCli } from "./helpers/cli";

const DIR = path.join(__dirname, "fixtures", "xls");
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));

/** Each source form, with the findings it holds (planted by scripts/make-samples.ts, encoded by scripts/legacy-encode.py). */
const FORMS: [string, string[]][] = [
  ["unicode-so-y-te", ["error:sum.columns@E15", "error:sum.rows@E12", "warning:rate.mismatch@Q15"]],
  ["unicode-so-tai-chinh", []],
  ["unicode-ubnd-xa-bac-son", ["warning:cell.text-number@R26", "warning:cell.text-number@S26"]],
  ["tcvn3-so-tai-chinh", ["warning:text.legacy-encoding@A1"]],
  ["vni-so-y-te", ["error:sum.columns@E15", "error:sum.rows@E12", "warning:rate.mismatch@Q15", "warning:text.legacy-encoding@A1"]],
];

const brief = (findings: Finding[]) => findings.map((f) => `${f.severity}:${f.code}@${f.cell}`).sort();
const located = (findings: Finding[]) => [...findings].sort(compareFindings).map((f) => ({ code: f.code, severity: f.severity, sheet: f.sheet, cell: f.cell }));

const roundedRows = (rows: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(rows).map(([code, values]) => [code, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "number" ? Number(v.toPrecision(12)) : v]))]));

async function inspect(name: string) {
  return (await inspectWorkbook(name, bytesOf(name))).result;
}

async function gridOf(name: string) {
  const read = await readWorkbook(bytesOf(name));
  expect(read.findings).toEqual([]);
  return read.grid!;
}

function cellsOf(sheet: Sheet): Map<string, Cell> {
  const out = new Map<string, Cell>();
  sheet.rows.forEach((cells, r) => cells?.forEach((cell, c) => cell && out.set(`${r + 1}:${c + 1}`, cell)));
  return out;
}

const mergeKeys = (sheet: Sheet) => sheet.merges.map((m) => `${m.top}:${m.left}-${m.bottom}:${m.right}`).sort();

describe.each(FORMS)("%s saved by LibreOffice as .xls and .ods", (base, expected) => {
  it("the .xlsx holds the findings planted in it", async () => {
    expect(brief((await inspect(`${base}.xlsx`)).findings)).toEqual(expected);
  });

  it.each(["xls", "ods"])("the .%s gives the .xlsx's findings (code, cell, severity), totals and rows", async (ext) => {
    const original = await inspect(`${base}.xlsx`);
    const copy = await inspect(`${base}.${ext}`);
    expect(located(copy.findings)).toEqual(located(original.findings));
    expect(copy.totals).toEqual(original.totals);
    expect(Object.keys(copy.totals)).toHaveLength(40);
    // .ods keeps cached results to 15 significant digits: the rates of the rows differ past them
    if (ext === "xls") expect(copy.rows).toEqual(original.rows);
    else expect(roundedRows(copy.rows)).toEqual(roundedRows(original.rows));
    expect({ form: copy.form, agency: copy.agency, year: copy.year, sheet: copy.sheet, body: copy.managingBody }).toEqual({
      form: original.form,
      agency: original.agency,
      year: original.year,
      sheet: original.sheet,
      body: original.managingBody,
    });
    if (ext === "xls") expect(copy.findings.map((f) => f.message)).toEqual([...original.findings].sort(compareFindings).map((f) => f.message));
  });

  it("the .xls gives the .xlsx's grid cell by cell: value, formula, error, number format, font; merges; sheets", async () => {
    const original = await gridOf(`${base}.xlsx`);
    const copy = await gridOf(`${base}.xls`);
    expect(copy.sheets.map((s) => [s.name, !!s.hidden])).toEqual(original.sheets.map((s) => [s.name, !!s.hidden]));
    const a = cellsOf(original.sheets[0]);
    const b = cellsOf(copy.sheets[0]);
    expect(a.size).toBeGreaterThan(700);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [at, cell] of a) expect({ at, ...b.get(at) }).toEqual({ at, ...cell });
    expect(mergeKeys(copy.sheets[0])).toEqual(mergeKeys(original.sheets[0]));
  });

  it("the .ods gives the same values (cached results to LibreOffice's 15 digits), formulas, number formats and merges; no fonts", async () => {
    const original = await gridOf(`${base}.xlsx`);
    const copy = await gridOf(`${base}.ods`);
    const a = cellsOf(original.sheets[0]);
    const b = cellsOf(copy.sheets[0]);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [at, cell] of a) {
      const other = b.get(at)!;
      expect({ at, formula: other.formula, numFmt: other.numFmt, error: other.error, font: other.font }).toEqual({ at, formula: cell.formula, numFmt: cell.numFmt, error: cell.error, font: undefined });
      if (typeof cell.value === "number") expect(other.value as number).toBeCloseTo(cell.value, 12);
      else expect({ at, value: other.value }).toEqual({ at, value: cell.value });
    }
    expect(mergeKeys(copy.sheets[0])).toEqual(mergeKeys(original.sheets[0]));
  });
});

describe("legacy fonts: the text decodes to the Unicode form it was encoded from", () => {
  /** Text of every cell as the checks see it, against the Unicode original. */
  async function differences(encoded: string, unicode: string, compare: (a: string, b: string) => boolean) {
    const original = cellsOf((await gridOf(unicode)).sheets[0]);
    const copy = cellsOf((await gridOf(encoded)).sheets[0]);
    const wrong: string[] = [];
    let texts = 0;
    for (const [at, cell] of original) {
      if (typeof cell.value !== "string") continue;
      texts++;
      const other = copy.get(at);
      const text = convertCellText(String(other?.value), other?.font).text;
      if (!compare(text, cell.value)) wrong.push(`${at} ${JSON.stringify(cell.value)} → ${JSON.stringify(text)}`);
    }
    return { texts, wrong };
  }
  // TCVN3 has no capitals with a tone mark: ".VnTime" text types them with the small letter's byte.
  const caseless = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const exact = (a: string, b: string) => a === b;

  it("TCVN3 .xls: every cell carries .VnTime and decodes (218 texts)", async () => {
    const grid = await gridOf("tcvn3-so-tai-chinh.xls");
    expect(new Set([...cellsOf(grid.sheets[0]).values()].map((c) => c.font))).toEqual(new Set([".VnTime"]));
    expect(await differences("tcvn3-so-tai-chinh.xls", "unicode-so-tai-chinh.xlsx", caseless)).toEqual({ texts: 218, wrong: [] });
  });

  it("VNI .xls: every cell carries VNI-Times and decodes exactly (218 texts)", async () => {
    const grid = await gridOf("vni-so-y-te.xls");
    expect(new Set([...cellsOf(grid.sheets[0]).values()].map((c) => c.font))).toEqual(new Set(["VNI-Times"]));
    expect(await differences("vni-so-y-te.xls", "unicode-so-y-te.xlsx", exact)).toEqual({ texts: 218, wrong: [] });
  });

  it("VNI .ods, without fonts: the content alone decodes every text", async () => {
    expect(await differences("vni-so-y-te.ods", "unicode-so-y-te.xlsx", exact)).toEqual({ texts: 218, wrong: [] });
  });

  it("TCVN3 .ods, without fonts: the content alone decodes every text but one that reads as Unicode too", async () => {
    // "Ghi chó" is both TCVN3 for "Ghi chú" and a Vietnamese phrase in Unicode; only the font tells.
    expect(await differences("tcvn3-so-tai-chinh.ods", "unicode-so-tai-chinh.xlsx", caseless)).toEqual({ texts: 218, wrong: ['8:20 "Ghi chú" → "Ghi chó"'] });
  });
});

describe("Excel 5.0/95 (BIFF5: a \"Book\" stream, text in the file's code page)", () => {
  // LibreOffice 7 no longer saves this format, and SheetJS's writer drops non-ASCII text: the
  // records are written here, as Excel 95 writes them (BOF 0x0500, CODEPAGE, LABEL).
  const u16 = (n: number) => [n & 0xff, n >> 8];
  const biff5Bof = (dt: number) => record(0x0809, [...u16(0x0500), ...u16(dt), ...u16(0x0dbb), ...u16(0x07cc)]);
  const label = (row: number, col: number, bytes: number[]) => record(0x0204, [...u16(row), ...u16(col), ...u16(15), ...u16(bytes.length), ...bytes]);
  function book(codepage: number, cells: Uint8Array[]): Uint8Array {
    const head = concat([biff5Bof(0x0005), record(0x0042, u16(codepage))]);
    const sheet = (pos: number) => record(0x0085, [pos & 0xff, (pos >> 8) & 0xff, (pos >> 16) & 0xff, pos >>> 24, 0, 0, 4, ...Array.from("Bieu", (c) => c.charCodeAt(0))]);
    const start = head.length + sheet(0).length + eof().length;
    return compoundWorkbook(concat([head, sheet(start), eof(), biff5Bof(0x0010), ...cells, eof()]), "Book");
  }
  const bytesOfText = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

  it("Windows-1252: TCVN3 text (.VnTime bytes) and a byte that only the code page maps (0x80 = €)", async () => {
    const vntime = "Tæng sè"; // "Tổng số" in TCVN3
    const read = await readWorkbook(book(1252, [label(0, 0, bytesOfText(vntime)), label(0, 1, [0x80, 0x31]), numberCell(1, 0, 2.5)]));
    expect(read.findings).toEqual([]);
    const sheet = read.grid!.sheets[0];
    expect(sheet.name).toBe("Bieu");
    expect(sheet.rows.map((r) => r?.map((c) => c?.value))).toEqual([[vntime, "€1"], [2.5]]);
    expect(convertCellText(vntime).text).toBe("Tổng số");
  });

  it("Windows-1258 (Vietnamese): base letters and combining tone marks", async () => {
    // cp1258: ơ = 0xF5, ư = 0xFD, combining hook above = 0xD2, combining dot below = 0xF2
    const read = await readWorkbook(book(1258, [label(0, 0, [0x53, 0xf5, 0xd2]), label(0, 1, [0x54, 0xfd, 0xf2, 0x63])]));
    expect(read.findings).toEqual([]);
    expect(read.grid!.sheets[0].rows[0]!.map((c) => String(c?.value).normalize("NFC"))).toEqual(["Sở", "Tực"]);
  });
});

describe("dtbd validate lists and reads .xls and .ods", () => {
  it("a directory of .xlsx, .xls and .ods: all read, the same findings for each copy", async () => {
    expect([...WORKBOOK_EXTENSIONS]).toEqual([".xlsx", ".xlsm", ".xls", ".ods"]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-xls-"));
    for (const ext of ["xlsx", "xls", "ods"]) await fs.copyFile(path.join(DIR, `unicode-so-y-te.${ext}`), path.join(dir, `so-y-te.${ext}`));
    await fs.writeFile(path.join(dir, "ghi-chu.txt"), "x");
    const run = await runCli(["validate", dir, "--json"]);
    const json = JSON.parse(run.stdout);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual(["so-y-te.ods", "so-y-te.xls", "so-y-te.xlsx"]);
    expect(json.ignored.map((f: string) => path.basename(f))).toEqual(["ghi-chu.txt"]);
    for (const file of json.files) {
      expect(file.findings.map((f: { code: string; cell: string }) => `${f.code}@${f.cell}`).sort()).toEqual(["rate.mismatch@Q15", "sum.columns@E15", "sum.rows@E12"]);
      expect(file.totals["01"]).toEqual(json.files[2].totals["01"]);
    }
    expect(run.code).toBe(1); // errors found
    await fs.rm(dir, { recursive: true, force: true });
  });
});
