/**
 * The pane's safe fixes on real workbooks: planned by the core (planFixes), played on the grid
 * (applyEdits) and written into the user's file by exceljs (applyEditsToWorkbook). After a fix
 * the fixed findings are gone, the totals are the same, and no other cell has changed.
 */
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { type CellEdit, type FixKind, PERCENT_FORMAT, UNICODE_FONT, applyEdits, fixOffers, planFixes } from "../src/core/fix";
import { type Cell, type CellRange, type WorkbookGrid, getCell, parseAddress, sheetFromValues } from "../src/core/grid";
import type { ValidationResult } from "../src/core/model";
import { unicodeToLegacy } from "../src/core/text/legacy";
import { locateForms, validateGrid } from "../src/core/validate";
import { applyEditsToWorkbook, fixedFileName } from "../src/io/fix-workbook";
import { readWorkbook } from "../src/io/read";
import { TRUTH, fixtureBytes } from "./helpers/fixtures";
import { form01Rows } from "./helpers/form01-oracle";
import { editForm, filledForm, filledValues, rowOf } from "./helpers/forms";
const RATE_COL = 17; // Q: "13=6/1" in the generated form
const MONEY_COL = 18; // R: "14"

interface Loaded {
  bytes: Uint8Array;
  grid: WorkbookGrid;
  result: ValidationResult;
}

async function load(bytes: Uint8Array): Promise<Loaded> {
  const read = await readWorkbook(bytes);
  expect(read.findings).toEqual([]);
  return { bytes, grid: read.grid!, result: validateGrid(read.grid!) };
}

const fixture = async (file: string) => load(fixtureBytes(file));
const codes = (r: ValidationResult) => r.findings.map((f) => f.code);
const count = (r: ValidationResult, code: string) => r.findings.filter((f) => f.code === code).length;
const key = (sheet: string, cell: string) => `${sheet}!${cell}`;

/** Every cell of `after` equals the one in `before`, except the edited ones; merges are kept. */
function expectOnlyEditedChanged(before: WorkbookGrid, after: WorkbookGrid, edits: readonly CellEdit[]): void {
  const edited = new Set(edits.map((e) => key(e.sheet, e.cell)));
  expect(after.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
  const sortMerges = (m: CellRange[]) => m.map((r) => `${r.top},${r.left},${r.bottom},${r.right}`).sort();
  before.sheets.forEach((sheet, i) => {
    const other = after.sheets[i];
    expect(sortMerges(other.merges)).toEqual(sortMerges(sheet.merges));
    const rows = Math.max(sheet.rows.length, other.rows.length);
    for (let r = 1; r <= rows; r++) {
      const cols = Math.max(sheet.rows[r - 1]?.length ?? 0, other.rows[r - 1]?.length ?? 0);
      for (let c = 1; c <= cols; c++) {
        const a1 = `${String.fromCharCode(64 + c)}${r}`;
        if (edited.has(key(sheet.name, a1))) continue;
        expect(getCell(other, r, c), `${sheet.name}!${a1}`).toEqual(getCell(sheet, r, c));
      }
    }
  });
}

function cellOf(grid: WorkbookGrid, sheet: string, a1: string): Cell | undefined {
  const at = parseAddress(a1)!;
  return getCell(grid.sheets.find((s) => s.name === sheet)!, at.row, at.col);
}

describe("numbers stored as text (numbers-as-text.xlsx)", () => {
  let original: Loaded;
  let edits: CellEdit[];

  beforeAll(async () => {
    original = await fixture("numbers-as-text.xlsx");
    edits = planFixes(original.grid, original.result.findings, ["text-number"]);
  });

  it("plans one numeric value per cell.text-number finding, nothing else", () => {
    const flagged = original.result.findings.filter((f) => f.code === "cell.text-number");
    const typedAsText = TRUTH["numbers-as-text.xlsx"].findings.filter((f) => f.code === "cell.text-number");
    expect(flagged.length).toBe(typedAsText.length);
    expect(edits.map((e) => key(e.sheet, e.cell)).sort()).toEqual(flagged.map((f) => key(f.sheet!, f.cell!)).sort());
    for (const f of flagged) {
      const edit = edits.find((e) => e.cell === f.cell)!;
      expect(edit.value).toBe(f.expected);
      expect(edit.formula).toBeUndefined();
      expect(edit.font).toBeUndefined();
    }
    // The values the generator wrote as "4.348" and "7.107,1".
    for (const written of typedAsText) expect(edits.find((e) => e.cell === written.cell)!.value, written.cell).toBe(written.expected);
    expect(edits.find((e) => e.cell === "E11")!.value).toBe(4348);
    expect(edits.find((e) => e.cell === "S12")!.value).toBe(7107.1);
    // Legacy text and rate fixes are not asked for, and there is nothing for them to do.
    expect(planFixes(original.grid, original.result.findings, ["legacy-text", "rate"])).toEqual([]);
    expect(fixOffers(original.grid, original.result.findings)).toEqual([
      { sheet: "01-DTBD", code: "cell.text-number", kind: "text-number", cells: flagged.length },
    ]);
  });

  it("the grid with the edits validates without cell.text-number, with the same totals, and the input grid is untouched", () => {
    const snapshot = structuredClone(original.grid);
    const fixed = applyEdits(original.grid, edits);
    expect(original.grid).toEqual(snapshot);
    const result = validateGrid(fixed);
    expect(count(original.result, "cell.text-number")).toBe(edits.length);
    expect(count(result, "cell.text-number")).toBe(0);
    expect(result.findings).toEqual([]);
    expect(result.totals).toEqual(original.result.totals);
    expect(result.rows).toEqual(original.result.rows);
    expectOnlyEditedChanged(original.grid, fixed, edits);
  });

  it("the corrected workbook re-validates clean with the same totals; only the edited cells differ; the input bytes are kept", async () => {
    const hash = createHash("sha256").update(original.bytes).digest("hex");
    const bytes = await applyEditsToWorkbook(original.bytes, edits);
    expect(createHash("sha256").update(original.bytes).digest("hex")).toBe(hash);
    const corrected = await load(bytes);
    expect(count(corrected.result, "cell.text-number")).toBe(0);
    expect(corrected.result.findings).toEqual([]);
    expect(corrected.result.totals).toEqual(original.result.totals);
    expect(corrected.result.agency).toEqual(original.result.agency);
    expect(corrected.result.year).toBe(original.result.year);
    expectOnlyEditedChanged(original.grid, corrected.grid, edits);
    for (const edit of edits) expect(cellOf(corrected.grid, edit.sheet, edit.cell)?.value).toBe(edit.value);
  });
});

describe("legacy text to Unicode (TCVN3, VNI)", () => {
  let clean: Loaded;
  beforeAll(async () => {
    clean = await fixture("openpyxl-clean.xlsx");
  });

  /** The form's own text, header to last body row, by address (the agency's name, above, differs between fixtures). */
  function labels(grid: WorkbookGrid): Map<string, string> {
    const form = locateForms(grid)[0];
    const sheet = grid.sheets.find((s) => s.name === form.sheet)!;
    const out = new Map<string, string>();
    for (let r = form.layout.headerTop; r <= form.layout.lastBodyRow; r++) {
      for (let c = 1; c <= 20; c++) {
        const value = getCell(sheet, r, c)?.value;
        if (typeof value === "string") out.set(`${String.fromCharCode(64 + c)}${r}`, value);
      }
    }
    return out;
  }

  for (const file of ["tcvn3-vntime.xlsx", "vni-times.xlsx"]) {
    it(`${file}: every legacy cell becomes Unicode in ${UNICODE_FONT}; the workbook re-validates without text.legacy-encoding and its labels are the clean form's`, async () => {
      const original = await fixture(file);
      const legacy = original.result.findings.filter((f) => f.code === "text.legacy-encoding");
      expect(legacy).toHaveLength(1);
      const edits = planFixes(original.grid, original.result.findings, ["legacy-text"]);
      // The finding counts every legacy cell of the sheet: exactly what the fix converts.
      expect(edits.length).toBe(Number(legacy[0].actual));
      expect(edits.length).toBe(TRUTH[file].legacyCells);
      for (const edit of edits) {
        expect(edit.font).toBe(UNICODE_FONT);
        expect(edit.formula).toBeUndefined();
        expect(typeof edit.value).toBe("string");
        expect(edit.value).toBe((edit.value as string).normalize("NFC"));
      }
      expect(edits.find((e) => e.cell === "B8")?.value).toBe("Chương trình đào tạo, bồi dưỡng");

      const inGrid = validateGrid(applyEdits(original.grid, edits));
      expect(codes(inGrid)).not.toContain("text.legacy-encoding");
      expect(inGrid.totals).toEqual(original.result.totals);

      const corrected = await load(await applyEditsToWorkbook(original.bytes, edits));
      expect(codes(corrected.result)).not.toContain("text.legacy-encoding");
      expect(corrected.result.findings).toEqual(original.result.findings.filter((f) => f.code !== "text.legacy-encoding"));
      expect(corrected.result.totals).toEqual(original.result.totals);
      expect(corrected.result.agency).toEqual(original.result.agency);
      const fixedLabels = labels(corrected.grid);
      const cleanLabels = labels(clean.grid);
      expect([...fixedLabels.keys()]).toEqual([...cleanLabels.keys()]);
      for (const [a1, text] of fixedLabels) expect({ a1, text }).toEqual({ a1, text: TRUTH[file].texts[a1] });
      expectOnlyEditedChanged(original.grid, corrected.grid, edits);
      for (const edit of edits) {
        const cell = cellOf(corrected.grid, edit.sheet, edit.cell)!;
        expect(cell.value).toBe(edit.value);
        expect(cell.font).toBe(UNICODE_FONT);
      }
    });
  }

  it("legacy text that starts with '=' is written as text, never as a formula", async () => {
    const sheet = sheetFromValues(
      "Sheet1",
      [["=Tæng sè", "Ghi chó", 12]],
      [[".VnTime", ".VnTime", ".VnTime"]],
    );
    const grid = { sheets: [sheet] };
    const findings = validateGrid(grid).findings;
    // A sheet without a table is not a form: the fix follows the finding, here made by hand.
    const legacyFinding = { ...findings[0], code: "text.legacy-encoding" as const, sheet: "Sheet1", cell: "A1" };
    const edits = planFixes(grid, [legacyFinding], ["legacy-text"]);
    expect(edits).toEqual([
      { sheet: "Sheet1", cell: "A1", value: "=Tổng số", font: UNICODE_FONT },
      { sheet: "Sheet1", cell: "B1", value: "Ghi chú", font: UNICODE_FONT },
    ]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.getCell("A1").value = unicodeToLegacy("=Tổng số", "tcvn3");
    ws.getCell("B1").value = unicodeToLegacy("Ghi chú", "tcvn3");
    ws.getCell("C1").value = 12;
    for (const a of ["A1", "B1", "C1"]) ws.getCell(a).font = { name: ".VnTime" };
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const fixed = (await readWorkbook(await applyEditsToWorkbook(bytes, edits))).grid!;
    expect(getCell(fixed.sheets[0], 1, 1)).toEqual({ value: "=Tổng số", font: UNICODE_FONT });
    expect(getCell(fixed.sheets[0], 1, 3)).toEqual({ value: 12, font: ".VnTime" });
  });
});

describe("the rate column (13=6/1) recomputed", () => {
  let original: Loaded;
  let rows: Record<string, number>;

  beforeAll(async () => {
    const bytes = await editForm(await filledForm(), (ws) => {
      rows = { "02": rowOf(ws, "02"), "05": rowOf(ws, "05"), "07": rowOf(ws, "07"), "10": rowOf(ws, "10") };
      ws.getCell(rows["02"], RATE_COL).value = 0.5; // typed over the formula, and wrong
      ws.getCell(rows["05"], RATE_COL).value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
      ws.getCell(rows["07"], RATE_COL).value = 95.7; // percent units, also wrong
      // A formula error elsewhere is not the rate fix's to touch.
      ws.getCell(rows["10"], MONEY_COL).value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    });
    original = await load(bytes);
  });

  it("is offered for a rate.mismatch and for a formula error in the rate column, not for other formula errors", () => {
    const brief = original.result.findings.map((f) => `${f.code}@${f.cell}`);
    expect(brief).toEqual(
      expect.arrayContaining([`rate.mismatch@Q${rows["02"]}`, `rate.mismatch@Q${rows["07"]}`, `cell.formula-error@Q${rows["05"]}`, `cell.formula-error@R${rows["10"]}`]),
    );
    const body = locateForms(original.grid)[0].rows.length;
    expect(fixOffers(original.grid, original.result.findings).filter((o) => o.kind === "rate")).toEqual([
      { sheet: "01-DTBD", code: "cell.formula-error", kind: "rate", cells: body },
      { sheet: "01-DTBD", code: "rate.mismatch", kind: "rate", cells: body },
    ]);
    const moneyError = original.result.findings.filter((f) => f.cell === `R${rows["10"]}`);
    expect(planFixes(original.grid, moneyError)).toEqual([]);
  });

  it("writes IF(plan>0,actual/plan,\"\") with each row's own cells, as a percent, on every body row; nothing else", async () => {
    const edits = planFixes(original.grid, original.result.findings, ["rate"]);
    const form = locateForms(original.grid)[0];
    expect(edits.map((e) => e.cell)).toEqual(form.rows.map((r) => `Q${r.excelRow}`));
    for (const edit of edits) {
      const r = parseAddress(edit.cell)!.row;
      expect(edit.formula).toBe(`IF(E${r}>0,J${r}/E${r},"")`);
      expect(edit.numFmt).toBe(PERCENT_FORMAT);
      const plan = original.result.rows[form.rows.find((row) => row.excelRow === r)!.codeText]?.["1"];
      if (plan !== undefined && plan > 0) expect(edit.value).toBeCloseTo(original.result.rows[form.rows.find((row) => row.excelRow === r)!.codeText]["6"] / plan, 12);
    }

    const inGrid = validateGrid(applyEdits(original.grid, edits));
    expect(codes(inGrid)).not.toContain("rate.mismatch");
    expect(inGrid.findings.map((f) => `${f.code}@${f.cell}`)).toEqual([`cell.formula-error@R${rows["10"]}`]);
    expect(inGrid.totals).toEqual(original.result.totals);

    const corrected = await load(await applyEditsToWorkbook(original.bytes, edits));
    expect(corrected.result.findings.map((f) => `${f.code}@${f.cell}`)).toEqual([`cell.formula-error@R${rows["10"]}`]);
    expect(corrected.result.totals).toEqual(original.result.totals);
    expectOnlyEditedChanged(original.grid, corrected.grid, edits);
    const fixed02 = cellOf(corrected.grid, "01-DTBD", `Q${rows["02"]}`)!;
    expect(fixed02.formula).toBe(`IF(E${rows["02"]}>0,J${rows["02"]}/E${rows["02"]},"")`);
    expect(fixed02.numFmt).toBe(PERCENT_FORMAT);
    expect(fixed02.value).toBeCloseTo(original.result.totals["02"].rate!, 12);
  });

  it("a cell both stored as text and in the flagged rate column gets the formula, once", async () => {
    const bytes = await editForm(original.bytes, (ws) => {
      ws.getCell(rows["02"], RATE_COL).value = "50%";
    });
    const withText = await load(bytes);
    expect(withText.result.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(
      expect.arrayContaining([`cell.text-number@Q${rows["02"]}`, `rate.mismatch@Q${rows["02"]}`]),
    );
    const edits = planFixes(withText.grid, withText.result.findings);
    const atCell = edits.filter((e) => e.cell === `Q${rows["02"]}`);
    const r = rows["02"];
    expect(atCell).toEqual([{ sheet: "01-DTBD", cell: `Q${r}`, formula: `IF(E${r}>0,J${r}/E${r},"")`, value: atCell[0].value, numFmt: PERCENT_FORMAT }]);
    const row02 = form01Rows(filledValues())["02"];
    expect(atCell[0].value).toBeCloseTo(row02["6"] / row02["1"], 12);
  });
});

describe("writing into the workbook", () => {
  async function sharedFormulaBook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    for (let r = 1; r <= 3; r++) ws.getCell(r, 1).value = r;
    // Excel's shared formulas: B2 and B3 hold no formula text of their own, only B1's.
    ws.getCell("B1").value = { formula: "A1*2", result: 2, shareType: "shared", ref: "B1:B3" } as ExcelJS.CellFormulaValue;
    ws.getCell("B2").value = { sharedFormula: "B1", result: 4 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("B3").value = { sharedFormula: "B1", result: 6 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("C1").value = "x";
    ws.getCell("C1").font = { name: "Arial", bold: true };
    ws.getCell("C2").value = "y";
    ws.getCell("C2").font = { name: "Arial", bold: true };
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it("cells sharing an edited cell's formula keep their own formula and result; Excel is asked to recalculate", async () => {
    const bytes = await sharedFormulaBook();
    const calcPr = (b: Uint8Array) => /<calcPr[^>]*>/.exec(strFromU8(unzipSync(b)["xl/workbook.xml"]))?.[0] ?? "";
    expect(calcPr(bytes)).not.toContain("fullCalcOnLoad");
    const out = await applyEditsToWorkbook(bytes, [{ sheet: "S", cell: "B1", formula: "A1*3", value: 3 }]);
    const sheet = (await readWorkbook(out)).grid!.sheets[0];
    expect([1, 2, 3].map((r) => getCell(sheet, r, 2))).toEqual([
      { value: 3, formula: "A1*3", font: "Calibri" },
      { value: 4, formula: "A2*2", font: "Calibri" },
      { value: 6, formula: "A3*2", font: "Calibri" },
    ]);
    expect(calcPr(out)).toContain('fullCalcOnLoad="1"');
    // Values alone need no recalculation.
    expect(calcPr(await applyEditsToWorkbook(bytes, [{ sheet: "S", cell: "A1", value: 5 }]))).not.toContain("fullCalcOnLoad");
  });

  it("a font or number format is set on the edited cell only, not on cells that shared its style", async () => {
    const out = await applyEditsToWorkbook(await sharedFormulaBook(), [{ sheet: "S", cell: "C1", value: "z", font: UNICODE_FONT, numFmt: "@" }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as never);
    const ws = wb.getWorksheet("S")!;
    expect(ws.getCell("C1").font).toMatchObject({ name: UNICODE_FONT, bold: true });
    expect(ws.getCell("C1").numFmt).toBe("@");
    expect(ws.getCell("C2").font).toMatchObject({ name: "Arial", bold: true });
    expect(ws.getCell("C2").numFmt).toBeUndefined();
  });

  it("refuses what every reader refuses (not a workbook), without touching the input", async () => {
    const junk = new TextEncoder().encode("<html>not a workbook</html>");
    await expect(applyEditsToWorkbook(junk, [])).rejects.toThrow();
    expect(new TextDecoder().decode(junk)).toBe("<html>not a workbook</html>");
  });
});

describe("each kind alone, and the file name", () => {
  it("a percent stored as text becomes its ratio shown as a percent; a Text-formatted cell becomes General", () => {
    const sheet = sheetFromValues("S", [["95,7%", "1.234"]]);
    sheet.rows[0]![1]!.numFmt = "@";
    const grid = { sheets: [sheet] };
    const findings = ["A1", "B1"].map((cell) => ({
      code: "cell.text-number" as const, severity: "warning" as const, sheet: "S", cell, row: null, column: null, message: { vi: "", en: "" },
    }));
    const edits = planFixes(grid, findings, ["text-number"] satisfies FixKind[]);
    expect(edits).toEqual([
      { sheet: "S", cell: "A1", value: 0.957, numFmt: PERCENT_FORMAT },
      { sheet: "S", cell: "B1", value: 1234, numFmt: "General" },
    ]);
    const fixed = applyEdits(grid, edits).sheets[0];
    expect(getCell(fixed, 1, 1)).toEqual({ value: 0.957, numFmt: PERCENT_FORMAT });
    expect(getCell(fixed, 1, 2)).toEqual({ value: 1234 });
  });

  it("a formula whose result is text is not overwritten by a value", () => {
    const sheet = sheetFromValues("S", [["12"]]);
    sheet.rows[0]![0]!.formula = 'TEXT(12,"0")';
    const finding = { code: "cell.text-number" as const, severity: "warning" as const, sheet: "S", cell: "A1", row: null, column: null, message: { vi: "", en: "" } };
    expect(planFixes({ sheets: [sheet] }, [finding])).toEqual([]);
  });

  it("names the corrected file <name>-da-sua.xlsx, once", () => {
    expect(fixedFileName("numbers-as-text.xlsx")).toBe("numbers-as-text-da-sua.xlsx");
    expect(fixedFileName("Biểu 01.XLSM")).toBe("Biểu 01-da-sua.xlsx");
    expect(fixedFileName("numbers-as-text-da-sua.xlsx")).toBe("numbers-as-text-da-sua.xlsx");
  });
});
