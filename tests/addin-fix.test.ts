/**
 * The pane's fixes in Excel (src/office/fix.ts and the bridge's fixSheet) against
 * office-addin-mock: the edits planned from real fixture workbooks are written as range
 * values, formulas, number formats and fonts, all in one context.sync whatever their number.
 */
import { OfficeMockObject } from "office-addin-mock";
import { beforeAll, describe, expect, it } from "vitest";
import { type CellEdit, PERCENT_FORMAT, UNICODE_FONT, applyEdits, planFixes } from "../src/core/fix";
import { type Sheet, type WorkbookGrid, parseAddress, setCell, getCell } from "../src/core/grid";
import { validateGrid } from "../src/core/validate";
import { readWorkbook } from "../src/io/read";
import { officeExcelBridge } from "../src/office/bridge";
import { applyEditsInExcel, excelLiteral } from "../src/office/fix";
import type { HighlightRecord } from "../src/office/highlights";
import { TRUTH, fixtureBytes } from "./helpers/fixtures";
import { editForm, filledForm, rowOf } from "./helpers/forms";
import { attachUsedRange, countSyncs } from "./helpers/office-mock";

/** The cells numbers-as-text.xlsx holds as text, by its generator's count. */
const TEXT_NUMBERS = TRUTH["numbers-as-text.xlsx"].findings.filter((f) => f.code === "cell.text-number").length;

beforeAll(() => {
  const g = globalThis as Record<string, unknown>;
  g.Office = { context: { requirements: { isSetSupported: (set: string, v: string) => set === "ExcelApi" && Number(v) <= 1.17 } } }; // no notes: the highlights are addin-office.test.ts's
  g.Excel = {};
});

async function gridOf(bytes: Uint8Array): Promise<WorkbookGrid> {
  return (await readWorkbook(bytes)).grid!;
}

const fixtureGrid = (file: string) => gridOf(fixtureBytes(file));



/**
 * A workbook whose worksheets hand out range mocks on demand (attached to the tree, so that
 * sync reaches them); `sheet` may also serve the used range of a real sheet for reading.
 */
function workbookMock(sheetName: string, content?: Sheet) {
  const activated: string[] = [];
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          sheet: { name: sheetName },
          getItem(this: any, name: string) {
            if (name !== sheetName) throw new Error(`ItemNotFound: ${name}`);
            return this.sheet;
          },
          getActiveWorksheet(this: any) {
            return this.sheet;
          },
        },
      },
    },
  }) as any;
  const ws = mock.context.workbook.worksheets.sheet;
  ws.activate = () => activated.push(sheetName);
  ws.getRange = function (this: any, a: string) {
    const key = `range ${a}`;
    if (this[key] === undefined) {
      this.addMock(key);
      this[key].populate({ values: [[null]], formulas: [[null]], numberFormat: [[null]], format: { font: { name: "" }, fill: { color: "#FFFFFF", pattern: "None" } } });
    }
    return this[key];
  };
  if (content) attachUsedRange(ws, content);
  return { mock, ws, activated };
}

/** What was written to one cell; a property never written reads as office-addin-mock's "not loaded" text. */
function written(ws: any, a1: string) {
  const range = ws[`range ${a1}`];
  if (!range) return undefined;
  const one = (v: unknown) => (Array.isArray(v) ? (v as unknown[][])[0][0] : undefined);
  const font = range.format.font.name;
  return {
    value: one(range.values),
    formula: one(range.formulas),
    numFmt: one(range.numberFormat),
    font: typeof font === "string" && !/not loaded|sync/i.test(font) ? font : undefined,
  };
}

/** The sheet as Excel holds it after the writes (the apostrophe prefix is not part of the value). */
function sheetAfterWrites(sheet: Sheet, ws: any, edits: readonly CellEdit[]): Sheet {
  const copy = applyEdits({ sheets: [sheet] }, []).sheets[0];
  for (const { cell } of edits) {
    const w = written(ws, cell)!;
    const at = parseAddress(cell)!;
    const before = getCell(copy, at.row, at.col) ?? { value: null };
    const next = { ...before };
    if (typeof w.formula === "string") {
      next.formula = w.formula.slice(1);
      next.noCachedValue = true;
      next.value = null;
    } else if (w.value !== undefined) {
      next.value = typeof w.value === "string" ? w.value.replace(/^'/, "") : (w.value as number);
      delete next.formula;
    }
    if (typeof w.numFmt === "string") next.numFmt = w.numFmt;
    if (w.font) next.font = w.font;
    setCell(copy, at.row, at.col, next);
  }
  return copy;
}

describe("applyEditsInExcel", () => {
  it("numbers stored as text: every value written, in one sync", async () => {
    const grid = await fixtureGrid("numbers-as-text.xlsx");
    const sheet = grid.sheets[0];
    const edits = planFixes(grid, validateGrid(grid).findings);
    expect(edits.length).toBe(TEXT_NUMBERS);
    const { mock, ws } = workbookMock(sheet.name);
    const syncs = countSyncs(mock.context);

    expect(await applyEditsInExcel(mock.context, edits)).toBe(edits.length);

    expect(syncs.count).toBe(1);
    for (const edit of edits) {
      expect(written(ws, edit.cell)).toEqual({ value: edit.value, formula: undefined, numFmt: undefined, font: undefined });
      expect(typeof edit.value).toBe("number");
    }
    const after = validateGrid({ sheets: [sheetAfterWrites(sheet, ws, edits)] });
    expect(after.findings.filter((f) => f.code === "cell.text-number")).toEqual([]);
    expect(after.totals).toEqual(validateGrid(grid).totals);
  });

  it("legacy text: Unicode values and the Unicode font, in one sync", async () => {
    for (const file of ["tcvn3-vntime.xlsx", "vni-times.xlsx"]) {
      const grid = await fixtureGrid(file);
      const sheet = grid.sheets[0];
      const edits = planFixes(grid, validateGrid(grid).findings);
      expect(edits.length).toBe(TRUTH[file].legacyCells);
      const { mock, ws } = workbookMock(sheet.name);
      const syncs = countSyncs(mock.context);
      await applyEditsInExcel(mock.context, edits);
      expect(syncs.count).toBe(1);
      for (const edit of edits) {
        expect(written(ws, edit.cell)).toEqual({ value: excelLiteral(edit.value!), formula: undefined, numFmt: undefined, font: UNICODE_FONT });
      }
      expect(written(ws, "B8")!.value).toBe("Chương trình đào tạo, bồi dưỡng");
      const after = validateGrid({ sheets: [sheetAfterWrites(sheet, ws, edits)] });
      expect(after.findings.map((f) => f.code)).not.toContain("text.legacy-encoding");
      expect(after.agency).toEqual(validateGrid(grid).agency);
    }
  });

  it("the rate column: formulas and the percent format, values left to Excel, in one sync", async () => {
    const bytes = await editForm(await filledForm(), (ws) => {
      ws.getCell(rowOf(ws, "02"), 17).value = 0.5;
    });
    const grid = await gridOf(bytes);
    const edits = planFixes(grid, validateGrid(grid).findings);
    expect(edits.length).toBe(40); // the rate formula on every body row
    const { mock, ws } = workbookMock(grid.sheets[0].name);
    const syncs = countSyncs(mock.context);
    await applyEditsInExcel(mock.context, edits);
    expect(syncs.count).toBe(1);
    for (const edit of edits) {
      const r = parseAddress(edit.cell)!.row;
      expect(written(ws, edit.cell)).toEqual({ value: undefined, formula: `=IF(E${r}>0,J${r}/E${r},"")`, numFmt: PERCENT_FORMAT, font: undefined });
    }
  });

  it("writes nothing and does not sync when there is nothing to fix", async () => {
    const { mock } = workbookMock("S");
    const syncs = countSyncs(mock.context);
    expect(await applyEditsInExcel(mock.context, [])).toBe(0);
    expect(syncs.count).toBe(0);
  });

  it("text that Excel would read as a formula, a number, a date or a boolean keeps its apostrophe prefix", () => {
    expect(excelLiteral(12)).toBe(12);
    for (const text of ["=Tổng số", "+84", "- Sơ cấp", "@x", "1.234", "01", "12/5", "8:30", "(1)", "TRUE", "'quoted"]) {
      expect(excelLiteral(text)).toBe(`'${text}`);
    }
    for (const text of ["Tổng số", "UBND xã Lộc Bình", "Biểu số: 01/ĐTBD", "Trong đó: Nữ"]) expect(excelLiteral(text)).toBe(text);
  });
});

describe("the bridge's fixSheet", () => {
  it("reads the sheet again, writes the fix and activates the sheet: two syncs for every cell; the next check offers nothing more", async () => {
    const grid = await fixtureGrid("numbers-as-text.xlsx");
    const sheet = grid.sheets[0];
    const { mock, ws, activated } = workbookMock(sheet.name, sheet);
    (globalThis as { Excel: Record<string, unknown> }).Excel.run = (batch: (context: unknown) => Promise<unknown>) => batch(mock.context);
    const records: HighlightRecord[] = [];
    const bridge = officeExcelBridge({ read: () => records, write: async () => undefined });

    const check = await bridge.checkActiveSheet();
    const offer = check.fixes.find((o) => o.code === "cell.text-number")!;
    expect(check.fixes).toEqual([{ sheet: sheet.name, code: "cell.text-number", kind: "text-number", cells: TEXT_NUMBERS }]);

    const syncs = countSyncs(mock.context);
    expect(await bridge.fixSheet(offer)).toBe(TEXT_NUMBERS);
    expect(syncs.count).toBe(2);
    expect(activated).toEqual([sheet.name]);
    const edits = planFixes(grid, validateGrid(grid).findings);
    for (const edit of edits) expect(written(ws, edit.cell)!.value).toBe(edit.value);

    const fixed = sheetAfterWrites(sheet, ws, edits);
    const again = validateGrid({ sheets: [fixed] });
    expect(again.findings).toEqual([]);
    expect(again.totals).toEqual(check.result.totals);
  });
});
