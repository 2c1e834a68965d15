/**
 * The Office.js adapter (src/office) against office-addin-mock's OfficeMockObject, which
 * enforces load → sync → read. The worksheet contents come from real fixture workbooks (read
 * by the project's own reader), so the adapter must rebuild the same grid Excel would show;
 * context.sync calls are counted to prove the round trips do not grow with the data.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OfficeMockObject } from "office-addin-mock";
import { beforeAll, describe, expect, it } from "vitest";
import { address, type Sheet } from "../src/core/grid";
import { validateGrid } from "../src/core/validate";
import type { Finding } from "../src/core/findings";
import { readWorkbook } from "../src/io/read";
import { inspectWorkbook } from "../src/io/inspect";
import { consolidate } from "../src/core/consolidate";
import { writeConsolidatedReport } from "../src/io/report";
import { readActiveSheet } from "../src/office/read-sheet";
import { learnWorkbook } from "../src/core/form/learn-workbook";
import { SEVERITY_FILL, clearHighlights, selectCell, showFindings, type HighlightRecord, type HighlightStore } from "../src/office/highlights";
import { chartRows, insertReport } from "../src/office/insert";
import { officeExcelBridge } from "../src/office/bridge";
import { TRUTH, fixtureBytes, summedTotals } from "./helpers/fixtures";
import { attachUsedRange, countSyncs, documentSettings, usedRangeOf } from "./helpers/office-mock";

beforeAll(() => {
  const g = globalThis as Record<string, unknown>;
  g.Office = { context: { requirements: { isSetSupported: (set: string, v: string) => set === "ExcelApi" && Number(v) <= 1.18 } } };
  g.Excel = {
    WorksheetPositionType: { end: "End" },
    ChartType: { barClustered: "BarClustered" },
    ChartSeriesBy: { columns: "Columns" },
    ChartLegendPosition: { bottom: "Bottom" },
  };
});

async function fixtureSheet(file: string): Promise<Sheet> {
  const read = await readWorkbook(fixtureBytes(file));
  return read.grid!.sheets[0];
}


describe("readActiveSheet", () => {
  for (const file of ["tcvn3-vntime.xlsx", "numbers-as-text.xlsx", "libreoffice-clean.xlsx"]) {
    it(`rebuilds ${file} as the reader does, in one sync`, async () => {
      const original = await fixtureSheet(file);
      const used = usedRangeOf(original);
      const mergeText = original.merges.map((m) => `'01 DTBD'!${address(m.top, m.left)}:${address(m.bottom, m.right)}`).join(", ");
      const mock = new OfficeMockObject({
        context: {
          workbook: {
            worksheets: {
              active: {
                name: original.name,
                used: { ...used, fonts: undefined, cellFormats: undefined, columnFormats: undefined, merged: { address: mergeText } },
                getUsedRange(this: any, valuesOnly: boolean) {
                  expect(valuesOnly).toBe(true);
                  return this.used;
                },
              },
              getActiveWorksheet(this: any) {
                return this.active;
              },
            },
          },
        },
      }) as any;
      const usedMock = mock.context.workbook.worksheets.active.used;
      usedMock.getCellProperties = (opts: unknown) => {
        expect(opts).toEqual({ format: { font: { name: true, bold: true }, indentLevel: true } });
        return { value: used.cellFormats.map((line) => line.map((format) => ({ format }))) };
      };
      usedMock.getColumnProperties = (opts: unknown) => {
        expect(opts).toEqual({ format: { columnWidth: true } });
        return { value: used.columnFormats };
      };
      usedMock.getMergedAreasOrNullObject = () => {
        usedMock.merged.isNullObject = mergeText === "";
        return usedMock.merged;
      };
      const syncs = countSyncs(mock.context);

      const sheet = await readActiveSheet(mock.context);

      expect(syncs.count).toBe(1);
      expect(sheet.name).toBe(original.name);
      expect(sheet.merges).toEqual(original.merges.filter((m) => m.bottom > m.top || m.right > m.left));
      const direct = validateGrid({ sheets: [original] });
      const viaOffice = validateGrid({ sheets: [sheet] });
      expect(viaOffice.agency).toEqual(direct.agency);
      expect(viaOffice.year).toBe(direct.year);
      expect(viaOffice.totals).toEqual(direct.totals);
      expect(viaOffice.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(direct.findings.map((f) => `${f.code}@${f.cell}`));
      if (file === "tcvn3-vntime.xlsx") expect(viaOffice.agency?.name).toBe("UBND xã Lộc Bình");
    });
  }
});

/** A worksheet mock that hands out range and note mocks on demand, attached to the tree so sync reaches them. */
function workbookMock(sheetName: string, prefilled: Record<string, string>) {
  const state = { notesAdded: new Map<string, string>(), notesDeleted: [] as string[], cleared: [] as string[], selected: [] as string[] };
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          sheet: { name: sheetName, notes: {} },
          missing: { name: "" },
          getItem(this: any, name: string) {
            if (name !== sheetName) throw new Error(`ItemNotFound: ${name}`);
            return this.sheet;
          },
          getItemOrNullObject(this: any, name: string) {
            this.sheet.isNullObject = false;
            this.missing.isNullObject = true;
            return name === sheetName ? this.sheet : this.missing;
          },
          getActiveWorksheet(this: any) {
            return this.sheet;
          },
        },
      },
    },
  }) as any;
  const ws = mock.context.workbook.worksheets.sheet;
  ws.getRange = function (this: any, a: string) {
    const key = `range ${a}`;
    if (this[key] === undefined) {
      this.addMock(key);
      const fill = prefilled[a];
      this[key].populate({
        format: { fill: { color: fill ?? "#FFFFFF", pattern: fill ? "Solid" : "None" } },
      });
      this[key].format.fill.clear = () => {
        state.cleared.push(a);
        this[key].format.fill.color = "#FFFFFF";
      };
      this[key].select = () => state.selected.push(a);
    }
    return this[key];
  };
  ws.activate = () => undefined;
  ws.notes.add = (a: string, content: string) => {
    if (state.notesAdded.has(a)) throw new Error(`note exists at ${a}`);
    state.notesAdded.set(a, content);
  };
  ws.notes.getItemOrNullObject = function (this: any, a: string) {
    const key = `note ${a}`;
    if (this[key] === undefined) {
      this.addMock(key);
      this[key].populate({ content: "" });
    }
    const note = this[key];
    const content = state.notesAdded.get(a);
    note.isNullObject = content === undefined;
    // The content becomes readable only after load + sync, as in Office.js.
    note.setValue("content", content ?? "");
    note.delete = () => {
      state.notesDeleted.push(a);
      state.notesAdded.delete(a);
    };
    return note;
  };
  return { mock, ws, state };
}

function memoryStore(): HighlightStore & { records: HighlightRecord[] } {
  const store = {
    records: [] as HighlightRecord[],
    read: () => structuredClone(store.records),
    write: async (records: HighlightRecord[]) => {
      store.records = structuredClone(records);
    },
  };
  return store;
}

describe("showFindings / clearHighlights", () => {
  let findings: Finding[];
  let sheetName: string;

  beforeAll(async () => {
    const checked = await inspectWorkbook("numbers-as-text.xlsx", fixtureBytes("numbers-as-text.xlsx"));
    findings = checked.result.findings;
    sheetName = checked.result.sheet!;
    expect(findings.length).toBe(TRUTH["numbers-as-text.xlsx"].findings.length);
  });

  it("colours and notes every finding's cell in two syncs, however many findings, and restores exactly", async () => {
    const cells = [...new Set(findings.filter((f) => f.cell).map((f) => f.cell!))];
    const prefilledCell = cells[5];
    for (const subset of [findings.slice(0, 3), findings]) {
      const { mock, ws, state } = workbookMock(sheetName, { [prefilledCell]: "#00B050" });
      const store = memoryStore();
      const syncs = countSyncs(mock.context);
      const marked = await showFindings(mock.context, subset, sheetName, "vi", store);
      expect(syncs.count).toBe(2);
      const subsetCells = [...new Set(subset.filter((f) => f.cell).map((f) => f.cell!))];
      expect(marked).toBe(subsetCells.length);
      for (const f of subset) {
        const worst = subset.filter((g) => g.cell === f.cell).some((g) => g.severity === "error") ? "error" : f.severity;
        if (worst === f.severity) expect(ws.getRange(f.cell).format.fill.color).toBe(SEVERITY_FILL[f.severity]);
        expect(state.notesAdded.get(f.cell!)).toContain(f.message.vi);
      }
      expect(store.records[0].cells.map((c) => c.address).sort()).toEqual([...subsetCells].sort());

      syncs.count = 0;
      const cleared = await clearHighlights(mock.context, store);
      expect(cleared).toBe(subsetCells.length);
      expect(syncs.count).toBeLessThanOrEqual(3);
      expect(state.notesAdded.size).toBe(0);
      expect(state.notesDeleted.sort()).toEqual([...subsetCells].sort());
      for (const a of subsetCells) {
        if (a === prefilledCell) expect(ws.getRange(a).format.fill.color).toBe("#00B050");
        else expect(state.cleared).toContain(a);
      }
      expect(store.records).toEqual([]);
    }
  });

  it("leaves a note the user wrote alone and keeps the record across two checks", async () => {
    const { mock, state } = workbookMock(sheetName, {});
    const store = memoryStore();
    const first = findings.slice(0, 2);
    state.notesAdded.set(first[0].cell!, "ghi chú của người dùng");
    await showFindings(mock.context, first, sheetName, "en", store);
    expect(state.notesAdded.get(first[0].cell!)).toBe("ghi chú của người dùng");
    expect(state.notesAdded.get(first[1].cell!)).toContain(first[1].message.en);
    expect(store.records[0].cells.find((c) => c.address === first[0].cell)?.noteAdded).toBe(false);
    await clearHighlights(mock.context, store);
    expect(state.notesAdded.get(first[0].cell!)).toBe("ghi chú của người dùng");
  });

  it("drops the record of a sheet deleted since, without failing", async () => {
    const { mock } = workbookMock(sheetName, {});
    const store = memoryStore();
    store.records = [{ sheet: "Đã xóa", cells: [{ address: "A1", previousFill: null, noteAdded: true }] }];
    expect(await clearHighlights(mock.context, store)).toBe(0);
    expect(store.records).toEqual([]);
  });

  it("selects a finding's cell in one sync", async () => {
    const { mock, state } = workbookMock(sheetName, {});
    const syncs = countSyncs(mock.context);
    await selectCell(mock.context, sheetName, "E11");
    expect(state.selected).toEqual(["E11"]);
    expect(syncs.count).toBe(1);
  });
});

describe("insertReport", () => {
  it("inserts the four report sheets and a clustered bar chart of plan and actual, in two syncs", async () => {
    const inputs = [];
    for (const f of ["openpyxl-clean.xlsx", "libreoffice-clean.xlsx", "vni-times.xlsx"]) {
      const r = await inspectWorkbook(f, fixtureBytes(f));
      inputs.push({ file: f, sha256: r.sha256, result: r.result });
    }
    const result = consolidate(inputs, { year: 2024 });
    const bytes = await writeConsolidatedReport(result);
    const calls: { base64?: string; chart?: unknown[]; chartObject?: { title: { text?: string } }; activated?: string } = {};
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            taken: { name: "Biểu đồ" },
            free: { name: "" },
            chartSheet: { name: "", charts: {} },
            getItemOrNullObject(this: any, name: string) {
              this.taken.isNullObject = false;
              this.free.isNullObject = true;
              return name === "Biểu đồ" ? this.taken : this.free;
            },
            add(this: any, name: string) {
              this.chartSheet.name = name;
              return this.chartSheet;
            },
            getItem(name: string) {
              return { activate: () => (calls.activated = name) };
            },
          },
        },
      },
    }) as any;
    const wb = mock.context.workbook;
    wb.insertWorksheetsFromBase64 = (base64: string, options: unknown) => {
      expect(options).toEqual({ positionType: "End" });
      calls.base64 = base64;
      return { value: ["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"] };
    };
    const chartSheet = wb.worksheets.chartSheet;
    const data: { values?: unknown } = {};
    chartSheet.getRangeByIndexes = (r: number, c: number, rows: number, cols: number) => {
      expect([r, c, cols]).toEqual([0, 0, 3]);
      expect(rows).toBe(chartRows(result).length + 1);
      return data;
    };
    chartSheet.getRange = () => ({ format: {} });
    chartSheet.charts.add = (type: string, range: unknown, by: string) => {
      calls.chart = [type, range, by];
      const chart = { title: {} as { text?: string }, legend: {}, setPosition: () => undefined };
      calls.chartObject = chart;
      return chart;
    };
    const syncs = countSyncs(mock.context);

    const names = await insertReport(mock.context, result, bytes, "vi");

    expect(syncs.count).toBe(2);
    expect(names).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn", "Biểu đồ (2)"]);
    // The inserted bytes are the report itself: the reader finds its four sheets in them.
    const inserted = await readWorkbook(new Uint8Array(Buffer.from(calls.base64!, "base64")));
    expect(inserted.grid!.sheets.map((s) => s.name)).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"]);
    expect(calls.chart).toEqual(["BarClustered", data, "Columns"]);
    const values = data.values as (string | number)[][];
    expect(values[0]).toEqual(["Chương trình", "Kế hoạch", "Thực hiện"]);
    const fostering = values.find((v) => String(v[0]).startsWith("28 "))!;
    const truth28 = summedTotals(["openpyxl-clean.xlsx", "libreoffice-clean.xlsx", "vni-times.xlsx"], "28");
    expect(fostering.slice(1)).toEqual([truth28.plan, truth28.actual]);
    expect(values.map((v) => String(v[0]).slice(0, 2))).toEqual(["Ch", "02", "09", "15", "19", "23", "24", "25", "26", "27", "28", "33", "34", "35", "36", "37", "38", "39", "40"]);
    expect(calls.chartObject!.title.text).toBe("Kế hoạch và thực hiện năm 2024");
    expect(calls.activated).toBe("Tổng hợp");
  });
});

describe("the task pane's Excel bridge", () => {
  it("checks the active sheet: one read, marks every finding, a fixed number of syncs", async () => {
    const original = await fixtureSheet("numbers-as-text.xlsx");
    const { mock, ws, state } = workbookMock(original.name, {});
    attachUsedRange(ws, original);
    const syncs = countSyncs(mock.context);
    const g = globalThis as { Excel: Record<string, unknown> };
    g.Excel.run = (batch: (context: unknown) => Promise<unknown>) => batch(mock.context);
    const store = memoryStore();
    const bridge = officeExcelBridge(store);

    const { sheet, result } = await bridge.checkActiveSheet();

    expect(sheet).toBe(original.name);
    expect(result.agency?.code).toBe(TRUTH["numbers-as-text.xlsx"].agency);
    const cells = new Set(result.findings.filter((f) => f.cell).map((f) => f.cell));
    expect(cells.size).toBe(TRUTH["numbers-as-text.xlsx"].findings.length);
    expect(state.notesAdded.size).toBe(cells.size);
    expect(syncs.count).toBe(3); // read 1 + show 2 (nothing to clear yet)

    syncs.count = 0;
    await bridge.checkActiveSheet();
    expect(syncs.count).toBeLessThanOrEqual(6); // read 1 + clear 3 + show 2
    expect(state.notesAdded.size).toBe(cells.size);

    syncs.count = 0;
    await bridge.clearHighlights();
    expect(syncs.count).toBeLessThanOrEqual(3);
    expect(state.notesAdded.size).toBe(0);
    expect(store.records).toEqual([]);
  });
});

interface ManifestForm {
  id: string;
  columns: { code: string | null; kind: string }[];
  template: { file: string };
  filled: { file: string }[];
  planted: { file: string; expectedFindings: { code: string; severity: string; cell: string }[] }[];
}
const GENERIC_MANIFEST = JSON.parse(readFileSync(join(__dirname, "fixtures", "generic", "manifest.json"), "utf8")) as { forms: ManifestForm[] };

describe("Học mẫu từ trang này: a form learned from the active sheet and kept with the workbook", () => {
  for (const id of ["btctw10", "xa-khong-ma"]) {
    it(`${id}: learns the form the template file gives, keeps it in the document settings, checks the form's copies by it, and inserts its blank form`, async () => {
      const form = GENERIC_MANIFEST.forms.find((f) => f.id === id)!;
      const sheetOf = async (file: string) => (await readWorkbook(fixtureBytes(`generic/${file}`))).grid!.sheets[0];
      const g = globalThis as { Excel: Record<string, unknown> };
      const settings = documentSettings();

      // Learn: the adapter's grid (values, merges, fonts, bold, indent, widths through Office.js) gives
      // the definition that the template file gives to `dtbd form learn`, in one read.
      const template = await sheetOf(form.template.file);
      const learnMock = workbookMock(template.name, {});
      attachUsedRange(learnMock.ws, template);
      g.Excel.run = (batch: (context: unknown) => Promise<unknown>) => batch(learnMock.mock.context);
      const syncs = countSyncs(learnMock.mock.context);
      const bridge = officeExcelBridge(memoryStore(), settings);
      const { sheet, learned } = await bridge.learnActiveSheet();
      expect(syncs.count).toBe(1);
      expect(sheet).toBe(template.name);
      expect(learned.ok).toBe(true);
      if (!learned.ok) return;
      const fromFile = learnWorkbook({ sheets: [template] });
      expect(fromFile.ok && fromFile.definition).toEqual(learned.definition);
      // Its columns are the generator's: codes where the code row gives them, text kinds for TT and labels.
      expect(learned.definition.columns.map((c) => c.code)).toEqual(form.columns.map((c, i) => c.code ?? learned.definition.columns[i].code));
      expect(learned.definition.columns.map((c) => c.kind === "label" || c.kind === "tt")).toEqual(form.columns.map((c) => c.kind === "label" || c.kind === "tt"));

      // Kept: saved with the workbook, and read back by the next pane (a definition checked again).
      await bridge.keepForm(learned.definition);
      expect(settings.saved.length).toBe(1);
      const stored = await officeExcelBridge(memoryStore(), settings).storedForms();
      expect(stored).toEqual({ forms: [learned.definition], refused: [] });

      // Check: a clean copy has no error; each planted copy has exactly the generator's errors.
      for (const file of [form.filled[0].file, ...form.planted.map((p) => p.file)]) {
        const copy = await sheetOf(file);
        const checkMock = workbookMock(copy.name, {});
        attachUsedRange(checkMock.ws, copy);
        g.Excel.run = (batch: (context: unknown) => Promise<unknown>) => batch(checkMock.mock.context);
        const { result } = await officeExcelBridge(memoryStore(), settings).checkActiveSheet(stored.forms);
        const expected = form.planted.find((p) => p.file === file)?.expectedFindings.filter((f) => f.severity === "error") ?? [];
        expect(result.form, file).toBe(learned.definition.id);
        expect(result.findings.filter((f) => f.severity === "error").map((f) => `${f.code}@${f.cell}`).sort(), file).toEqual(expected.map((f) => `${f.code}@${f.cell}`).sort());
      }

      // The blank form: the learned layout, inserted as a sheet, which reads back as that form with no error.
      let inserted: string | null = null;
      const insertMock = new OfficeMockObject({ context: { workbook: { worksheets: { getItem: () => ({ activate: () => undefined }) } } } }) as any;
      insertMock.context.workbook.insertWorksheetsFromBase64 = (base64: string) => {
        inserted = base64;
        return { value: [template.name] };
      };
      g.Excel.run = (batch: (context: unknown) => Promise<unknown>) => batch(insertMock.context);
      await officeExcelBridge(memoryStore(), settings).insertBlankForm({ year: 2025, agencyName: "Xã Thử", definition: learned.definition });
      const blank = await inspectWorkbook("blank.xlsx", new Uint8Array(Buffer.from(inserted!, "base64")), undefined, { definitions: [learned.definition], infer: false });
      expect(blank.result.form).toBe(learned.definition.id);
      expect(blank.result.year).toBe(2025);
      expect(blank.result.findings.filter((f) => f.severity === "error")).toEqual([]);

      // Forgotten: gone from the settings.
      await bridge.forgetForm(learned.definition.id);
      expect(await bridge.storedForms()).toEqual({ forms: [], refused: [] });
    });
  }

  it("leaves out a stored entry that is not a valid definition, and says why", async () => {
    const settings = documentSettings();
    settings.set("dtbd.forms", [{ format: "dtbd-form/1", id: "x", __proto__: { polluted: true } }, "không phải biểu"]);
    const { forms, refused } = await officeExcelBridge(memoryStore(), settings).storedForms();
    expect(forms).toEqual([]);
    expect(refused).toHaveLength(2);
    for (const reason of refused) expect(reason.length).toBeGreaterThan(10);
  });
});

describe("the Office.js chart of another form's consolidation", () => {
  it("Biểu số 10-BTCTW: the parts of its grand total on its first total column, summed as the generator summed them", async () => {
    const form = GENERIC_MANIFEST.forms.find((f) => f.id === "btctw10")! as ManifestForm & { consolidated: { files: string[]; values: Record<string, number> }; rowRelations: { total: number; parts: number[] }[] };
    const inputs = [];
    for (const file of form.consolidated.files) {
      const r = await inspectWorkbook(file, fixtureBytes(`generic/${file}`));
      inputs.push({ file, sha256: r.sha256, result: r.result });
    }
    const result = consolidate(inputs, {});
    expect(result.included).toBe(3);
    // The grand total (row 12) is the sum of rows 13 and 23 (I ĐÀO TẠO, II BỒI DƯỠNG); column C holds "3=4+6+8".
    const grand = form.rowRelations.find((r) => r.total === 12)!;
    const rows = chartRows(result);
    expect(rows.map((r) => r[1])).toEqual(grand.parts.map((row) => form.consolidated.values[`C${row}`]));
    expect(rows.map((r) => String(r[0]).split(" ")[0])).toEqual(["I", "II"]);
  });
});
