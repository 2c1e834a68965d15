/**
 * Forms other than 01/ĐTBD, end to end, against tests/fixtures/generic/manifest.json — the
 * generator's own account of what it wrote (layout, relations, row tree, values, the findings
 * each planted change implies, the consolidated sums). Learn from the template; check clean
 * copies without false errors and planted copies with exactly the findings their relations
 * imply; consolidate three agencies and read the report's first sheet back at the template's
 * addresses, with the project's reader and with LibreOffice.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { consolidate } from "../src/core/consolidate";
import type { FormDefinition } from "../src/core/form/definition";
import { definitionFromJson } from "../src/core/form/load";
import { learnWorkbook } from "../src/core/form/learn-workbook";
import { describeForm } from "../src/core/form/summary";
import { tableOf } from "../src/core/form/table";
import { getCell, parseAddress } from "../src/core/grid";
import type { ValidationResult } from "../src/core/model";
import { validateGrid, validationOptions } from "../src/core/validate";
import { readWorkbookSync } from "../src/io/read";
import { writeConsolidatedReport } from "../src/io/report";
import { SOFFICE, convertToCsv } from "./helpers/libreoffice";

const DIR = path.join(__dirname, "fixtures", "generic");

interface Finding {
  code: string;
  cell: string;
  sheet: string;
  severity: string;
}
interface FileEntry {
  file: string;
  agency: string;
  values: Record<string, { cell: string; value: number | null }>;
  expectedFindings: Finding[];
  layout: { kind: string };
}
interface ManifestForm {
  id: string;
  features: string[];
  sheet: string;
  recognition: { formNumber: string | null; year: number };
  geometry: { headerFirstRow: number; headerLastRow: number; codeRow: number | null; bodyFirstRow: number; bodyLastRow: number };
  columns: { letter: string; code: string | null; kind: string; header: string[] }[];
  columnRelations: ({ kind: "sum"; total: string; parts: string[] } | { kind: "subset"; total: string; part: string } | { kind: "ratio"; result: string; numerator: string; denominator: string })[];
  rows: { excelRow: number; tt: string | null; label: string; parent: number | null; relation: "sum" | "subset" | null; unit: string | null }[];
  markers: { excelRow: number; range: string }[];
  cannotFind: { what: string }[];
  template: { file: string };
  filled: FileEntry[];
  planted: (FileEntry & { kind: string })[];
  consolidated: { files: string[]; values: Record<string, number>; rates?: Record<string, number | null> };
  formats: { file: string; format: string; encoding: string; valuesFrom?: string; expectedFindings: Finding[] }[];
}

const manifest = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")) as { forms: ManifestForm[] };

function read(file: string) {
  const r = readWorkbookSync(new Uint8Array(readFileSync(path.join(DIR, file))));
  if (!r.grid) throw new Error(`${file}: ${r.findings[0]?.message.en}`);
  return r.grid;
}

/** The table checks: what the manifest lists for a planted change (header and legacy-text findings are not). */
const TABLE_CODES = /^(sum|subset|rate)\./;
const brief = (findings: { code: string; cell: string | null }[]) => findings.filter((f) => TABLE_CODES.test(f.code)).map((f) => `${f.code}@${f.cell}`).sort();
const errorsOf = (r: ValidationResult) => r.findings.filter((f) => f.severity === "error").map((f) => `${f.code}@${f.cell}: ${f.message.en}`);

const learned = new Map<string, FormDefinition>();

describe.each(manifest.forms.map((f) => [f.id, f] as const))("form %s", (id, form) => {
  beforeAll(() => {
    const result = learnWorkbook(read(form.template.file));
    if (!result.ok) throw new Error(result.notes.map((n) => n.en).join("; "));
    learned.set(id, result.definition);
  });

  it("learns the table, the columns and their relations from the blank template", () => {
    const def = learned.get(id)!;
    expect(def.table.codeRow).toBe(form.geometry.codeRow);
    expect(def.table.headerTop).toBe(form.geometry.headerFirstRow);
    expect(def.table.headerBottom).toBe(form.geometry.headerLastRow);
    expect(def.table.firstBodyRow).toBe(form.geometry.bodyFirstRow);
    expect(def.table.lastBodyRow).toBe(form.geometry.bodyLastRow);
    expect(def.recognise.formNumber).toContain(form.recognition.formNumber ?? "");
    expect(def.columns.map((c) => ({ letter: c.letter, kind: c.kind, header: c.header }))).toEqual(
      form.columns.map((c) => ({ letter: c.letter, kind: c.kind, header: c.header })),
    );
    if (form.geometry.codeRow !== null) expect(def.columns.map((c) => c.code)).toEqual(form.columns.map((c) => c.code));
    const relation = (r: ManifestForm["columnRelations"][number]) =>
      r.kind === "sum" ? `${r.total}=${r.parts.join("+")}` : r.kind === "subset" ? `${r.part}⊂${r.total}` : `${r.result}=${r.numerator}/${r.denominator}`;
    expect(def.relations.map(relation).sort()).toEqual(form.columnRelations.map(relation).sort());
    // The learner's JSON passes the same gate as one a person writes.
    expect(definitionFromJson(JSON.parse(JSON.stringify(def))).ok).toBe(true);
  });

  it("learns the row tree: parents, sum or subset, markers as structure", () => {
    const def = learned.get(id)!;
    const byKey = new Map(def.rows.map((r) => [r.key, r]));
    const tree = def.rows.map((r) => ({ excelRow: r.excelRow, parent: r.parent === null ? null : (byKey.get(r.parent)!.excelRow ?? null), relation: r.relation }));
    expect(tree).toEqual(form.rows.map((r) => ({ excelRow: r.excelRow, parent: r.parent, relation: r.relation })));
    const markerRows = new Set(form.markers.filter((m) => !m.range.includes(":")).map((m) => m.excelRow));
    for (const row of def.rows) expect(markerRows.has(row.excelRow!)).toBe(false);
  });

  it("says what it could not find, in Vietnamese and English", () => {
    const def = learned.get(id)!;
    const summary = describeForm(def, "vi");
    expect(summary).toContain(def.name);
    const missing = (def.notes ?? []).filter((n) => n.level === "missing");
    if (form.cannotFind.some((c) => c.what === "codeRow")) {
      expect(missing.map((n) => n.vi).join("\n")).toMatch(/Không tìm thấy dòng mã cột/);
      expect(summary).toMatch(/không có dòng mã cột/);
    } else expect(missing).toEqual([]);
  });

  it.each(form.filled.map((f) => [f.file, f] as const))("a clean copy (%s) has no error, read with the learned form and with its own", (_, entry) => {
    const grid = read(entry.file);
    const withForm = validateGrid(grid, validationOptions([learned.get(id)!]));
    expect(withForm.form).toBe(learned.get(id)!.id);
    expect(errorsOf(withForm)).toEqual([]);
    expect(withForm.findings.filter((f) => f.severity === "warning").map((f) => `${f.code}@${f.cell}`)).toEqual([]);
    expect(withForm.agency?.name).toContain(entry.agency);
    expect(withForm.year).toBe(form.recognition.year);
    if (form.geometry.codeRow !== null) {
      const inferred = validateGrid(grid);
      expect(errorsOf(inferred)).toEqual([]);
    }
  });

  it.each(form.planted.map((f) => [f.file, f] as const))("a planted error (%s) is found at its cell, and nothing else", (_, entry) => {
    const result = validateGrid(read(entry.file), validationOptions([learned.get(id)!]));
    expect(brief(result.findings)).toEqual(brief(entry.expectedFindings));
    expect(entry.expectedFindings.length).toBeGreaterThan(0);
  });

  const copies = form.formats;
  it.runIf(copies.length > 0).each(copies.map((f) => [f.file, f] as const))("a copy in another format or encoding (%s) reads as its Unicode .xlsx original", (_, entry) => {
    const options = validationOptions([learned.get(id)!]);
    const copy = validateGrid(read(entry.file), options);
    const original = validateGrid(read(entry.valuesFrom!), options);
    expect(errorsOf(copy)).toEqual([]);
    expect(copy.findings.filter((f) => f.severity === "warning").map((f) => f.code)).toEqual(entry.encoding === "unicode" ? [] : ["text.legacy-encoding"]);
    expect(tableOf(copy)).toEqual(tableOf(original));
    expect(copy.agency).toEqual(original.agency);
  });

  it("three agencies consolidated: every number of the first sheet is the sum at its template address", async () => {
    const definitions = validationOptions([learned.get(id)!]);
    const inputs = form.consolidated.files.map((file) => ({ file, sha256: file, result: validateGrid(read(file), definitions) }));
    const result = consolidate(inputs);
    expect(result.form).toBe(learned.get(id)!.id);
    expect(result.included).toBe(3);
    const bytes = await writeConsolidatedReport(result);
    const sheet = readWorkbookSync(bytes).grid!.sheets[0];
    const cells = Object.entries(form.consolidated.values);
    expect(cells.length).toBeGreaterThan(10);
    for (const [ref, value] of cells) {
      const at = parseAddress(ref)!;
      const cell = getCell(sheet, at.row, at.col);
      expect([ref, Number(cell?.value ?? 0)]).toEqual([ref, expect.closeTo(value, 6)]);
    }
    for (const [ref, rate] of Object.entries(form.consolidated.rates ?? {})) {
      const at = parseAddress(ref)!;
      const cell = getCell(sheet, at.row, at.col);
      if (rate === null) expect([ref, cell?.value ?? ""]).toEqual([ref, ""]);
      else expect([ref, Number(cell?.value)]).toEqual([ref, expect.closeTo(rate, 6)]);
    }
  });
});

describe("recognition among several forms", () => {
  it("a file is read as the form whose number it prints, not as another with the same columns", () => {
    const form = manifest.forms.find((f) => f.id === "btctw10")!;
    const own = (learnWorkbook(read(form.template.file)) as { definition: FormDefinition }).definition;
    // Form 11 of the same series: the same columns and rows, another number.
    const other: FormDefinition = { ...JSON.parse(JSON.stringify(own)), id: "11-btctw", recognise: { ...own.recognise, formNumber: "Biểu số 11-BTCTW" } };
    const result = validateGrid(read(form.filled[0].file), validationOptions([other, own]));
    expect(result.form).toBe(own.id);
    const none = validateGrid(read(form.filled[0].file), validationOptions([other]));
    expect(none.form).toBeNull();
    const notFound = none.findings.find((f) => f.code === "form.not-found")!;
    expect(notFound.message.vi).toContain("đã thử: 11-btctw, 01/ĐTBD");
  });
});

describe("the consolidated sheet of a generic form in LibreOffice", () => {
  it("recalculates to the generator's sums at the template's addresses", { timeout: 180_000 }, async () => {
    if (!SOFFICE) {
      if (process.env.CI) throw new Error("LibreOffice (soffice) is required in CI");
      return;
    }
    const form = manifest.forms.find((f) => f.id === "btctw10")!;
    const def = learned.get("btctw10") ?? (learnWorkbook(read(form.template.file)) as { definition: FormDefinition }).definition;
    const inputs = form.consolidated.files.map((file) => ({ file, sha256: file, result: validateGrid(read(file), validationOptions([def])) }));
    const bytes = await writeConsolidatedReport(consolidate(inputs));
    const sheet = (await convertToCsv(bytes)).get("Tổng hợp")!;
    for (const [ref, value] of Object.entries(form.consolidated.values)) {
      const at = parseAddress(ref)!;
      expect([ref, sheet.number(at.row, at.col) ?? 0]).toEqual([ref, value]);
    }
  });
});
