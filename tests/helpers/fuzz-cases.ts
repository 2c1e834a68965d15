/**
 * Fuzz cases shared by tests/fuzz.test.ts (a few hundred per CI run) and scripts/fuzz.ts
 * (`npm run fuzz`, 10,000): mutated workbook bytes, workbooks whose XML was mutated before
 * re-zipping (so the mutation reaches the XML scanners, not just the zip guard), and random
 * grids fed straight to the core. Each case runs the real code and checks the one promise
 * that holds for every input: no exception escapes, and the outcome is a result or findings.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { consolidate } from "../../src/core/consolidate";
import type { CellValue, Sheet, WorkbookGrid } from "../../src/core/grid";
import type { ValidationResult } from "../../src/core/model";
import { periodReview } from "../../src/core/period";
import { validateGrid } from "../../src/core/validate";
import { FORM01_COLUMNS, FORM01_ROWS } from "../../src/core/form01";
import { unicodeToLegacy } from "../../src/core/text/legacy";
import { inspectWorkbook } from "../../src/io/inspect";
import { readWorkbookSync } from "../../src/io/read";

const ROOT = path.resolve(__dirname, "..", "..");

/** The real workbooks the byte and XML mutations start from: the fixtures (tests/fixtures) and the demo batch (samples/). */
export function seedWorkbooks(): { name: string; bytes: Uint8Array }[] {
  const dirs = [path.join(ROOT, "tests", "fixtures"), path.join(ROOT, "samples")];
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const dir of dirs) {
    const names = readdirSync(dir).filter((n) => n.endsWith(".xlsx")).sort();
    for (const name of names) out.push({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Outcome check

export class BrokenPromise extends Error {}

/** The invariant of every validation: a result with findings, a form or a form.not-found/file.unreadable. */
export function checkValidation(result: ValidationResult): void {
  if (!result || !Array.isArray(result.findings)) throw new BrokenPromise("no findings array");
  for (const f of result.findings) {
    if (!f.code || !f.severity || typeof f.message?.vi !== "string" || typeof f.message?.en !== "string") throw new BrokenPromise(`malformed finding ${JSON.stringify(f)}`);
  }
  if (result.form === null && !result.findings.some((f) => f.code === "form.not-found" || f.code === "file.unreadable"))
    throw new BrokenPromise("no form and no finding saying why");
  for (const [code, t] of Object.entries(result.totals)) {
    if (!Number.isFinite(t.plan) || !Number.isFinite(t.actual)) throw new BrokenPromise(`total ${code} not finite: ${JSON.stringify(t)}`);
  }
  JSON.stringify(result); // must be serialisable (the CLI prints it, the worker posts it)
}

// ---------------------------------------------------------------------------------------
// 1. Byte mutations

export type ByteMutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "set"; at: number; byte: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "delete"; at: number; length: number }
  | { kind: "truncate"; at: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fraction, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("set" as const), at: fraction, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fraction, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fraction, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fraction }),
);

export function applyByteMutations(bytes: Uint8Array, mutations: ByteMutation[]): Uint8Array {
  let b = bytes;
  for (const m of mutations) {
    const at = Math.floor(m.at * b.length);
    if (m.kind === "flip" && b.length) b = Uint8Array.from(b, (x, i) => (i === at ? x ^ (1 << m.bit) : x));
    else if (m.kind === "set" && b.length) b = Uint8Array.from(b, (x, i) => (i === at ? m.byte : x));
    else if (m.kind === "insert") b = concat(b.subarray(0, at), Uint8Array.from(m.bytes), b.subarray(at));
    else if (m.kind === "delete") b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + m.length)));
    else if (m.kind === "truncate") b = b.slice(0, at);
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) out.set(p, o), (o += p.length);
  return out;
}

export interface ByteCase {
  seed: number;
  mutations: ByteMutation[];
}

export const byteCase = (seeds: number): fc.Arbitrary<ByteCase> =>
  fc.record({ seed: fc.nat({ max: seeds - 1 }), mutations: fc.array(byteMutation, { minLength: 1, maxLength: 6 }) });

export async function runByteCase(seeds: { bytes: Uint8Array }[], c: ByteCase): Promise<void> {
  const bytes = applyByteMutations(seeds[c.seed].bytes, c.mutations);
  checkValidation((await inspectWorkbook("fuzz.xlsx", bytes)).result);
}

// ---------------------------------------------------------------------------------------
// 2. XML mutations inside the package, re-zipped with fflate

/** Snippets that mean something to a SpreadsheetML scanner, hostile ones included. */
const XML_SNIPPETS = [
  '<c r="XFD1"><v>1</v></c>',
  '<c r="AAAAAAA9"><v>1</v></c>',
  '<c r="E11" t="s"><v>999999</v></c>',
  '<c r="E11" t="e"><v>#REF!</v></c>',
  '<c r="E11"><f>SUM(E11:E11)</f></c>',
  '<c r="F12"><f t="shared" si="0" ref="F12:F40">E12*2</f></c>',
  '<c r="F13"><f t="shared" si="0"/></c>',
  '<c r="G14" t="inlineStr"><is><t>=HYPERLINK("http://x","y")</t></is></c>',
  '<c r="G15" t="str"><f>A1</f><v>=cmd</v></c>',
  "<v>1e308</v>",
  "<v>-0</v>",
  "<v>NaN</v>",
  "<v>Infinity</v>",
  '<row r="-1">',
  '<row r="0">',
  '<row r="1048577">',
  '<row r="3">',
  "</row>",
  "</sheetData>",
  "<sheetData>",
  '<mergeCell ref="A1:XFD1048576"/>',
  '<mergeCell ref="B2:A1"/>',
  '<mergeCell ref="ZZZZ1:ZZZZ9"/>',
  "<mergeCells>",
  "</mergeCells>",
  '<si><t>__proto__</t></si>',
  "<si><r><rPr><rFont val=\".VnTime\"/></rPr><t>§¬n vÞ</t></r></si>",
  "<t>_xD800_</t>",
  "<t>&#0;&#xFFFF;&#x110000;</t>",
  "&amp;&lt;&gt;&quot;&apos;&#65;&#x41;&bogus;",
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  "<![CDATA[<c>]]>",
  "<!-- <row r=\"5\"> -->",
  '<sheet name="__proto__" sheetId="99" r:id="rId99"/>',
  '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../../../etc/passwd"/>',
  '<xf numFmtId="99999" fontId="99999"/>',
  '<numFmt numFmtId="164" formatCode="&quot;=cmd&quot;"/>',
  "x:",
  "<",
  ">",
  '"',
  "'",
  "=",
  "/",
];

export type XmlMutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "insert"; at: number; snippet: number }
  | { kind: "digits"; at: number; digits: string }
  | { kind: "truncate"; at: number };

export const xmlMutation: fc.Arbitrary<XmlMutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fraction, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fraction, length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fraction, snippet: fc.nat({ max: XML_SNIPPETS.length - 1 }) }),
  fc.record({ kind: fc.constant("digits" as const), at: fraction, digits: fc.stringMatching(/^-?\d{1,12}(\.\d{1,4})?$/) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fraction }),
);

export function applyXmlMutations(xml: string, mutations: XmlMutation[]): string {
  let s = xml;
  for (const m of mutations) {
    const at = Math.floor(m.at * s.length);
    if (m.kind === "delete") s = s.slice(0, at) + s.slice(at + m.length);
    else if (m.kind === "duplicate") s = s.slice(0, at + m.length) + s.slice(at, at + m.length) + s.slice(at + m.length);
    else if (m.kind === "insert") s = s.slice(0, at) + XML_SNIPPETS[m.snippet] + s.slice(at);
    else if (m.kind === "digits") {
      // Replace the next run of digits (a row number, a value, an index) with another.
      const rest = s.slice(at);
      const d = /\d+/.exec(rest);
      if (d) s = s.slice(0, at + d.index) + m.digits + s.slice(at + d.index + d[0].length);
    } else if (m.kind === "truncate") s = s.slice(0, at);
  }
  return s;
}

export interface XmlCase {
  seed: number;
  /** Which XML part (index into the seed's XML parts, modulo their number). */
  part: number;
  mutations: XmlMutation[];
  level: 0 | 6;
}

export const xmlCase = (seeds: number): fc.Arbitrary<XmlCase> =>
  fc.record({
    seed: fc.nat({ max: seeds - 1 }),
    part: fc.nat({ max: 1000 }),
    mutations: fc.array(xmlMutation, { minLength: 1, maxLength: 5 }),
    level: fc.constantFrom(0 as const, 6 as const),
  });

/** The parts worth mutating, worksheets first (most of them), then the rest of the package's XML. */
function xmlParts(files: Record<string, Uint8Array>): string[] {
  const names = Object.keys(files).filter((n) => /\.(xml|rels)$/i.test(n));
  const sheets = names.filter((n) => n.includes("worksheets/"));
  return [...sheets, ...sheets, ...sheets, ...names];
}

/** The seeds fflate can open (the samples include deliberately broken files). */
export function zipSeeds<T extends { bytes: Uint8Array }>(seeds: T[]): T[] {
  return seeds.filter((s) => {
    try {
      unzipSync(s.bytes);
      return true;
    } catch {
      return false;
    }
  });
}

export function mutateXmlPackage(bytes: Uint8Array, c: XmlCase): Uint8Array {
  const files = unzipSync(bytes);
  const parts = xmlParts(files);
  const name = parts[c.part % parts.length];
  files[name] = strToU8(applyXmlMutations(strFromU8(files[name]), c.mutations));
  return zipSync(files, { level: c.level });
}

export async function runXmlCase(seeds: { bytes: Uint8Array }[], c: XmlCase): Promise<void> {
  const bytes = mutateXmlPackage(seeds[c.seed].bytes, c);
  checkValidation((await inspectWorkbook("fuzz.xlsx", bytes)).result);
}

// ---------------------------------------------------------------------------------------
// 3. Random grids for the core

const CATALOGUE_LABELS = FORM01_ROWS.slice(0, 12).map((r) => r.label);
const CODE_ROW_TEXTS = FORM01_COLUMNS.map((c) => c.codeText);

const cellText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "TT",
    "Mã số",
    "Kế hoạch năm",
    "Thực hiện",
    "Tổng số",
    "Trong đó",
    "Chia ra",
    "-",
    "–",
    "x",
    "1.234",
    "1,5",
    " 12 ",
    "1.234,5",
    "12%",
    "#REF!",
    "#DIV/0!",
    "__proto__",
    "constructor",
    "=SUM(A1:A3)",
    "+cmd|' /C calc'!A0",
    "NĂM 2024",
    "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2024",
    "Đơn vị báo cáo: Sở Tài chính",
    "Mã định danh: 000.00.12.H39",
    "GIAI ĐOẠN 2021 - 2025",
    "Người",
    "Lượt người",
    "Ngày 31 tháng 12 năm 2024",
    "NGƯỜI LẬP BIỂU",
    unicodeToLegacy("Sở Tài chính", "tcvn3"),
    unicodeToLegacy("Đào tạo", "vni"),
  ),
  fc.constantFrom(...CATALOGUE_LABELS, ...CODE_ROW_TEXTS),
  fc.integer({ min: 1, max: 40 }).map((n) => String(n).padStart(2, "0")),
);

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 5000 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 4, arbitrary: cellText },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const FORMULAS = ["SUM(E11:I11)", "E11+F11-G11", "SUM(A1:XFD1048576)", "J11/E11", "IF(E11>0,1,0)", "VLOOKUP(A1,B:C,2,0)", "SUM(E11:H14)", "E12", "((((((1))))))", "1/0", "'Sheet 2'!A1", ""];

export const randomCell = fc.record(
  {
    value: cellValue,
    formula: fc.oneof(fc.constantFrom(...FORMULAS), fc.string({ maxLength: 20 })),
    error: fc.constantFrom("#REF!", "#DIV/0!", "#VALUE!", "#N/A"),
    noCachedValue: fc.boolean(),
    numFmt: fc.constantFrom("0", "#,##0", "0.0%", "@", "mm-dd-yy"),
    font: fc.constantFrom(".VnTime", "VNI-Times", "Times New Roman", ".VnTimeH"),
  },
  { requiredKeys: ["value"] },
);
type RandomCell = typeof randomCell extends fc.Arbitrary<infer T> ? T : never;

export interface GridCase {
  /** null: a grid built from nothing; otherwise a seed workbook's grid to damage. */
  seed: number | null;
  cells: { row: number; col: number; cell: RandomCell | null }[];
  merges: { top: number; left: number; bottom: number; right: number }[];
  sheetName: string;
  extraSheets: number;
}

const coordinate = (max: number) => fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max }) });

export const gridCase = (seeds: number): fc.Arbitrary<GridCase> =>
  fc.record({
    seed: fc.option(fc.nat({ max: seeds - 1 }), { nil: null, freq: 3 }),
    cells: fc.array(fc.record({ row: coordinate(10_000), col: coordinate(16_384), cell: fc.option(randomCell, { nil: null, freq: 6 }) }), { maxLength: 120 }),
    merges: fc.array(fc.record({ top: coordinate(10_000), left: coordinate(300), bottom: coordinate(10_000), right: coordinate(300) }), { maxLength: 8 }),
    sheetName: fc.oneof(fc.string({ maxLength: 31 }), fc.constantFrom("__proto__", "constructor", "01-DTBD", "=A1")),
    extraSheets: fc.integer({ min: 0, max: 2 }),
  });

export function buildGrid(seedGrids: WorkbookGrid[], c: GridCase): WorkbookGrid {
  const base: WorkbookGrid = c.seed === null ? { sheets: [{ name: c.sheetName, rows: [], merges: [] }] } : structuredClone(seedGrids[c.seed]);
  const sheet: Sheet = base.sheets[0];
  for (const { row, col, cell } of c.cells) {
    const cells = (sheet.rows[row - 1] ??= []);
    cells[col - 1] = cell === null ? undefined : { ...cell };
  }
  sheet.merges.push(...c.merges);
  for (let i = 0; i < c.extraSheets; i++) base.sheets.push({ name: `${c.sheetName}${i}`, rows: [[{ value: "x" }]], merges: [] });
  return base;
}

export function runGridCase(seedGrids: WorkbookGrid[], c: GridCase): void {
  const grid = buildGrid(seedGrids, c);
  const result = validateGrid(grid);
  checkValidation(result);
  // Consolidation and the period review take whatever validation produced.
  const inputs = [
    { file: "a.xlsx", sha256: "a", result },
    { file: "b.xlsx", sha256: "b", result: validateGrid(buildGrid(seedGrids, { ...c, cells: c.cells.slice(0, 5) })) },
  ];
  const merged = consolidate(inputs, { roster: [{ code: "__proto__", name: "constructor" }, { code: null, name: result.agency?.name ?? null }] });
  if (merged.sources.length !== 2) throw new BrokenPromise("a source was lost");
  for (const t of Object.values(merged.totals)) if (!Number.isFinite(t.plan)) throw new BrokenPromise("consolidated total not finite");
  const review = periodReview(inputs, inputs[0]);
  if (review.files.length !== 3) throw new BrokenPromise("a period file was lost");
}

/** The seed workbooks as grids (for grid cases that damage a real form). */
export function seedGrids(seeds: { bytes: Uint8Array }[]): WorkbookGrid[] {
  return seeds.map((s) => readWorkbookSync(s.bytes).grid!).filter(Boolean);
}
