/**
 * The generic-form fixtures (tests/fixtures/generic/) agree with their manifest, read by
 * exceljs alone: every listed value is at its address, the header paths and merges are as
 * declared, the clean copies keep every relation, the planted copies break exactly the
 * relations the manifest names, and the consolidated sums are the sums of the clean copies.
 * No DTBD code is used: this guards the oracle that the product's generic-form tests rely on.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";

const DIR = join(__dirname, "fixtures", "generic");

interface ValueEntry {
  cell: string;
  value: number | null;
  blank?: boolean;
  formula?: boolean;
}
interface Finding {
  code: string;
  severity: string;
  cell: string;
  templateCell: string;
  sheet: string;
}
interface FileEntry {
  file: string;
  sheet: string;
  agency?: string;
  year?: number;
  values?: Record<string, ValueEntry>;
  valuesFrom?: string;
  expectedFindings: Finding[];
  undeclaredFindings?: Finding[];
  format?: string;
  encoding?: string;
  font?: string;
  change?: { cell: string; from: number; to: number; replacedFormula: boolean };
  layout?: { kind: string; rows: Record<string, number>; columns: Record<string, string>; blankRowInserted?: number };
  texts?: { cell: string; stored: string; font: string; text: string }[];
}
interface Relation {
  kind: "sum" | "subset" | "ratio";
  totalColumn?: string;
  partColumns?: string[];
  partColumn?: string;
  resultColumn?: string;
  numeratorColumn?: string;
  denominatorColumn?: string;
  tolerancePercentagePoints?: number;
}
interface FormEntry {
  id: string;
  sheet: string;
  features: string[];
  geometry: { headerFirstRow: number; headerLastRow: number; codeRow: number | null; bodyFirstRow: number; bodyLastRow: number };
  headerCells: { range: string; text: string }[];
  columns: { letter: string; code: string | null; codeText: string | null; kind: string; header: string[] }[];
  columnRelations: Relation[];
  undeclaredColumnRelations?: Relation[];
  rows: { excelRow: number; tt: string | null; ttIsNumber: boolean; label: string; code: string | null; unit: string | null; parent: number | null; relation: string | null }[];
  rowRelations: { kind: "sum" | "subset"; total: number; parts?: number[]; part?: number }[];
  markers: { text: string; range: string; merged: boolean }[];
  numericCells: string[];
  cannotFind: { what: string }[];
  template: FileEntry;
  filled: FileEntry[];
  planted: FileEntry[];
  formats: FileEntry[];
  consolidated: { files: string[]; values: Record<string, number>; rates?: Record<string, number | null> };
}

const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8")) as { forms: FormEntry[] };

const books = new Map<string, ExcelJS.Workbook>();
async function book(file: string): Promise<ExcelJS.Workbook> {
  let wb = books.get(file);
  if (!wb) {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(DIR, file));
    books.set(file, wb);
  }
  return wb;
}

/** A cell's number: the value, or a formula's cached result; null when empty. */
function numberAt(ws: ExcelJS.Worksheet, address: string): { value: number | null; formula: boolean } {
  const v = ws.getCell(address).value as unknown;
  if (v === null || v === undefined || v === "") return { value: null, formula: false };
  if (typeof v === "number") return { value: v, formula: false };
  if (typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v)) {
    const result = (v as { result?: unknown }).result;
    return { value: typeof result === "number" ? result : null, formula: true };
  }
  throw new Error(`${address}: not a number: ${JSON.stringify(v)}`);
}

function textAt(ws: ExcelJS.Worksheet, address: string): string | number | null {
  const v = ws.getCell(address).value as unknown;
  return v === null || v === undefined ? null : (v as string | number);
}

const split = (a: string): [string, number] => {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  return [m[1]!, Number(m[2])];
};

/** The cells whose relations are broken, computed here from the manifest's relations and the values read. */
function broken(form: FormEntry, read: (tpl: string) => number | null, relations: Relation[]): string[] {
  const v = (col: string, row: number) => read(`${col}${row}`) ?? 0;
  const out: string[] = [];
  const numberColumns = form.columns.filter((c) => c.kind === "number").map((c) => c.letter);
  for (const { excelRow: r } of form.rows) {
    for (const rel of relations) {
      if (rel.kind === "sum" && v(rel.totalColumn!, r) !== rel.partColumns!.reduce((s, p) => s + v(p, r), 0)) {
        out.push(`sum.columns@${rel.totalColumn}${r}`);
      }
      if (rel.kind === "subset" && v(rel.partColumn!, r) > v(rel.totalColumn!, r)) out.push(`subset.exceeds@${rel.partColumn}${r}`);
      if (rel.kind === "ratio") {
        const den = v(rel.denominatorColumn!, r);
        const typed = read(`${rel.resultColumn}${r}`);
        if (den !== 0 && (typed === null || Math.abs(typed - v(rel.numeratorColumn!, r) / den) * 100 > rel.tolerancePercentagePoints!)) {
          out.push(`rate.mismatch@${rel.resultColumn}${r}`);
        }
      }
    }
  }
  for (const rel of form.rowRelations) {
    for (const col of numberColumns) {
      if (rel.kind === "sum" && v(col, rel.total) !== rel.parts!.reduce((s, p) => s + v(col, p), 0)) out.push(`sum.rows@${col}${rel.total}`);
      if (rel.kind === "subset" && v(col, rel.part!) > v(col, rel.total)) out.push(`subset.exceeds@${col}${rel.part}`);
    }
  }
  return out.sort();
}

const findingKeys = (list: Finding[]) => list.map((f) => `${f.code}@${f.templateCell}`).sort();

describe.each(manifest.forms.map((f) => [f.id, f] as const))("generic form %s", (_id, form) => {
  const valueFiles = [...form.filled, ...form.planted];
  const xlsxFormats = form.formats.filter((f) => f.format === "xlsx");
  const values = (file: FileEntry) => file.values ?? [...form.filled, ...form.planted].find((f) => f.file === file.valuesFrom)!.values!;
  let template: ExcelJS.Worksheet;

  beforeAll(async () => {
    template = (await book(form.template.file)).getWorksheet(form.sheet)!;
  });

  it("template: the form's sheet comes first, header cells and merges as declared", async () => {
    const wb = await book(form.template.file);
    expect(wb.worksheets[0]!.name).toBe(form.sheet);
    for (const h of form.headerCells) {
      const [first, last] = h.range.includes(":") ? h.range.split(":") : [h.range, h.range];
      expect(textAt(template, first!)).toBe(h.text);
      const [c1, r1] = split(first!);
      const [c2, r2] = split(last!);
      for (let r = r1; r <= r2; r++) {
        for (let c = template.getColumn(c1).number; c <= template.getColumn(c2).number; c++) {
          const cell = template.getCell(r, c);
          if (first !== last) expect(cell.master.address, `${cell.address} in ${h.range}`).toBe(first);
        }
      }
    }
  });

  it("template: each column's header path, read through the merges, and its code-row text", () => {
    const { headerFirstRow, headerLastRow, codeRow } = form.geometry;
    for (const col of form.columns) {
      const path: string[] = [];
      const seen = new Set<string>();
      for (let r = headerFirstRow; r <= headerLastRow; r++) {
        const master = template.getCell(`${col.letter}${r}`).master;
        if (seen.has(master.address)) continue;
        seen.add(master.address);
        if (master.value !== null && master.value !== undefined && master.value !== "") path.push(String(master.value));
      }
      expect(path, col.letter).toEqual(col.header);
      if (codeRow) expect(textAt(template, `${col.letter}${codeRow}`), col.letter).toBe(col.codeText);
      else expect(col.code).toBeNull();
    }
    if (!codeRow) expect(form.cannotFind.map((c) => c.what)).toEqual(["codeRow", "columnCodes", "columnRelations"]);
  });

  it("template: rows and markers where the manifest says, TT typed as declared", () => {
    const label = form.columns.find((c) => c.kind === "label")!.letter;
    const tt = form.columns.find((c) => c.kind === "tt")?.letter;
    const code = form.columns.find((c) => c.kind === "code")?.letter;
    for (const row of form.rows) {
      expect(textAt(template, `${label}${row.excelRow}`)).toBe(row.label);
      if (tt) {
        const cell = template.getCell(`${tt}${row.excelRow}`);
        // A TT cell under a merged "Chia ra" reads as the marker (exceljs gives the master's value).
        const underMarker = cell.isMerged && form.markers.some((m) => m.merged && m.range.startsWith(`${cell.master.address}:`));
        if (underMarker) expect(row.tt).toBeNull();
        else expect(textAt(template, cell.address)).toBe(row.tt === null ? null : row.ttIsNumber ? Number(row.tt) : row.tt);
      }
      if (code) expect(textAt(template, `${code}${row.excelRow}`)).toBe(row.code);
    }
    for (const m of form.markers) {
      const first = m.range.split(":")[0]!;
      expect(textAt(template, first)).toBe(m.text);
      if (m.merged) expect(template.getCell(m.range.split(":")[1]!).master.address).toBe(first);
    }
    expect(form.numericCells.length).toBe(form.rows.length * form.columns.filter((c) => c.kind === "number" || c.kind === "rate").length);
  });

  it.each(valueFiles.map((f) => [f.file, f] as const))("%s: every value at its address", async (_f, entry) => {
    const wb = await book(entry.file);
    const ws = wb.getWorksheet(entry.sheet)!;
    expect(wb.worksheets[0]!.name).toBe(entry.sheet);
    const vals = values(entry);
    expect(Object.keys(vals).sort()).toEqual([...form.numericCells].sort());
    for (const [tpl, e] of Object.entries(vals)) {
      const got = numberAt(ws, e.cell);
      expect(got.formula, `${entry.file} ${e.cell} formula`).toBe(Boolean(e.formula));
      if (e.blank) expect(got.value, `${entry.file} ${e.cell} (${tpl}) blank`).toBeNull();
      else if (e.value === null) expect(got.value).toBeNull();
      else expect(got.value, `${entry.file} ${e.cell} (${tpl})`).toBeCloseTo(e.value, 9);
    }
  });

  it.each(valueFiles.map((f) => [f.file, f] as const))("%s: broken relations are exactly the expected findings", async (_f, entry) => {
    const ws = (await book(entry.file)).getWorksheet(entry.sheet)!;
    const vals = values(entry);
    const read = (tpl: string) => numberAt(ws, vals[tpl]!.cell).value;
    expect(broken(form, read, form.columnRelations)).toEqual(findingKeys(entry.expectedFindings));
    if (form.undeclaredColumnRelations) {
      expect(broken(form, read, form.undeclaredColumnRelations)).toEqual(
        findingKeys([...entry.expectedFindings, ...(entry.undeclaredFindings ?? [])]),
      );
    }
    for (const f of entry.expectedFindings) {
      expect(f.cell).toBe(vals[f.templateCell]?.cell ?? f.templateCell);
      expect(f.sheet).toBe(entry.sheet);
    }
    if (entry.change) {
      expect(entry.expectedFindings.length).toBeGreaterThanOrEqual(1);
      expect(read(entry.change.cell) ?? 0).toBe(entry.change.to);
    }
  });

  it("the three agencies' copies move rows or columns, yet their values sum to the consolidated values", async () => {
    expect(form.filled.map((f) => f.layout!.kind)).toEqual(["plain", "extra-blank-row", "moved"]);
    expect(new Set(form.filled.map((f) => f.agency)).size).toBe(3);
    const sums: Record<string, number> = {};
    for (const entry of form.filled) {
      const ws = (await book(entry.file)).getWorksheet(entry.sheet)!;
      for (const [tpl, e] of Object.entries(entry.values!)) {
        if (tpl in form.consolidated.values) sums[tpl] = (sums[tpl] ?? 0) + (numberAt(ws, e.cell).value ?? 0);
      }
    }
    expect(sums).toEqual(form.consolidated.values);
    for (const [tpl, rate] of Object.entries(form.consolidated.rates ?? {})) {
      const rel = form.columnRelations.find((r) => r.kind === "ratio")!;
      const row = split(tpl)[1];
      const den = sums[`${rel.denominatorColumn}${row}`]!;
      if (den === 0) expect(rate).toBeNull();
      else expect(rate).toBeCloseTo(sums[`${rel.numeratorColumn}${row}`]! / den, 12);
    }
  });

  it.runIf(xlsxFormats.length > 0).each(xlsxFormats.map((f) => [f.file, f] as const))(
    "%s: legacy-encoded text in its font, numbers as in the Unicode copy",
    async (_f, entry) => {
      const ws = (await book(entry.file)).getWorksheet(entry.sheet)!;
      for (const [, e] of Object.entries(values(entry))) {
        if (!e.blank) expect(numberAt(ws, e.cell).value).toBeCloseTo(e.value ?? NaN, 9);
      }
      expect(entry.texts!.length).toBeGreaterThan(40);
      for (const t of entry.texts!) {
        expect(textAt(ws, t.cell)).toBe(t.stored);
        expect(ws.getCell(t.cell).font?.name).toBe(t.font);
        expect(t.text.normalize("NFC")).toBe(t.text);
      }
    },
  );
});

describe("generic fixtures as a whole", () => {
  it("cover every feature the generic-form tests need", () => {
    const features = new Set(manifest.forms.flatMap((f) => f.features));
    for (const f of [
      "tt-label-coded", "chia-ra-merged", "chia-ra-row", "dash-plus-tree", "subset-columns", "subset-rows",
      "headers-3-levels", "unit-line", "unit-column", "no-code-row", "plan-actual", "ratio-column", "tt-numeric",
      "formulas-libreoffice-cached", "legacy-tcvn3", "legacy-vni", "xls", "ods",
    ]) {
      expect(features.has(f), f).toBe(true);
    }
  });

  it("lists .xls and .ods copies for every form with a code row", () => {
    for (const form of manifest.forms) {
      const formats = form.formats.filter((f) => f.encoding === "unicode").map((f) => f.format).sort();
      expect(formats, form.id).toEqual(form.geometry.codeRow ? ["ods", "xls"] : []);
    }
  });
});
