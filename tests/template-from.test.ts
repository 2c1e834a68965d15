/**
 * `dtbd template --from LAST_YEAR.xlsx`: this year's blank form for the same agency, last
 * year's actuals beside the plan columns as a reference that is not data (a note on each
 * plan-total cell, a grey column right of the table with no code). Last year's form is
 * written by the project's template writer (form 01) or taken from the generator's fixtures
 * (another form, its manifest as the oracle); the expected figures are stated by hand.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { inspectWorkbook } from "../src/io/inspect";
import { writeTemplate } from "../src/io/template";
import { runCli } from "./helpers/cli";
import { SOFFICE } from "./helpers/libreoffice";
import { recalculatedXlsx } from "./helpers/libreoffice-xlsx";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function noteText(cell: ExcelJS.Cell): string | null {
  const note = cell.note as string | { texts?: { text: string }[] } | undefined;
  if (note === undefined || note === null) return null;
  return typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
}

function rowOfCode(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value === code) return r;
  throw new Error(`no row ${code}`);
}

/**
 * Sở Tài chính's 2024 form: training row 05 plan 12 actual 10, row 10 plan 3 actual 4;
 * fostering row 25 plan 100 actual 120, row 29 plan 7 actual 6. Last year's actual total
 * (column 6) by hand: 05 → 10, 02 → 10, 10 → 4, 09 → 4, 01 → 14; 25 → 120, 29 → 6, 28 → 6,
 * 14 → 126; every other row 0.
 */
const LAST_YEAR_VALUES = { "05": { "3": 12, "8": 10 }, "10": { "2": 3, "7": 4 }, "25": { "3": 100, "8": 120 }, "29": { "5": 7, "10": 6 } };
const LAST_YEAR_ACTUAL: Record<string, number> = { "05": 10, "02": 10, "10": 4, "09": 4, "01": 14, "25": 120, "29": 6, "28": 6, "14": 126 };
const CODES = Array.from({ length: 40 }, (_, i) => String(i + 1).padStart(2, "0"));

describe("template --from an agency's form 01 of last year", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dtbd-from-"));
  const last = path.join(dir, "so-tai-chinh-2024.xlsx");
  const fromOut = path.join(dir, "so-tai-chinh-2025.xlsx");
  const plainOut = path.join(dir, "mau-2025.xlsx");
  let run: { code: number; stdout: string; stderr: string };
  let fromBytes: Uint8Array;
  let plainBytes: Uint8Array;

  beforeAll(async () => {
    writeFileSync(last, await writeTemplate({ year: 2024, agencyName: "Sở Tài chính", agencyCode: "000.00.12.H39", values: LAST_YEAR_VALUES }));
    run = await runCli(["template", "--from", last, "--out", fromOut]);
    expect((await runCli(["template", "--year", "2025", "--agency", "Sở Tài chính", "--code", "000.00.12.H39", "--out", plainOut, "--quiet"])).code).toBe(0);
    fromBytes = new Uint8Array(readFileSync(fromOut));
    plainBytes = new Uint8Array(readFileSync(plainOut));
  });

  it("writes this year's form for the same agency, the year after last year's, and says the reference is not data", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `Mẫu biểu năm 2025 của Sở Tài chính (từ tệp năm 2024: so-tai-chinh-2024.xlsx); số thực hiện năm 2024 chỉ để tham khảo (ghi chú ở ô kế hoạch, cột xám bên phải), không phải số liệu của biểu.\nĐã ghi mẫu biểu: ${fromOut}\n`,
    );
  });

  it("validates exactly as a plain template of the same agency and year does", async () => {
    const from = (await inspectWorkbook("from.xlsx", fromBytes)).result;
    const plain = (await inspectWorkbook("plain.xlsx", plainBytes)).result;
    expect(from.form).toBe("01/ĐTBD");
    expect(from.year).toBe(2025);
    expect(from.agency).toEqual({ code: "000.00.12.H39", name: "Sở Tài chính" });
    expect(from.findings).toEqual(plain.findings);
    expect(from.findings).toEqual([]);
    expect(from.rows).toEqual(plain.rows);
    expect(from.totals).toEqual(plain.totals);
    expect(from.unknownRows).toEqual([]);
  });

  it("puts last year's actual in a note on each plan-total cell (column E)", async () => {
    const ws = (await load(fromBytes)).worksheets[0];
    for (const code of CODES) {
      const r = rowOfCode(ws, code);
      expect(noteText(ws.getCell(`E${r}`)), code).toBe(`Năm 2024 thực hiện: ${LAST_YEAR_ACTUAL[code] ?? 0}`);
    }
    // Notes only there: no other cell of the form carries one, and the plain template has none.
    let notes = 0;
    ws.eachRow((row) => row.eachCell((cell) => void (noteText(cell) !== null && notes++)));
    expect(notes).toBe(40);
    const plain = (await load(plainBytes)).worksheets[0];
    let plainNotes = 0;
    plain.eachRow((row) => row.eachCell((cell) => void (noteText(cell) !== null && plainNotes++)));
    expect(plainNotes).toBe(0);
  });

  it("shows the same figures in a grey column right of the table, headed as a reference, with no code in the code row", async () => {
    const ws = (await load(fromBytes)).worksheets[0];
    expect(ws.getCell("V8").value).toBe("Tham khảo: thực hiện năm 2024");
    expect(ws.getCell("V10").value).toBeNull();
    expect(ws.getCell("U8").value).toBeNull();
    for (const code of CODES) {
      const r = rowOfCode(ws, code);
      expect(ws.getCell(`V${r}`).value, code).toBe(LAST_YEAR_ACTUAL[code] ?? 0);
      expect(ws.getCell(`V${r}`).font.color?.argb, code).toBe("FF7F7F7F");
      expect(ws.getCell(`U${r}`).value, code).toBeNull();
    }
    // The form's own cells are those of the plain template, at the same addresses.
    const plain = (await load(plainBytes)).worksheets[0];
    for (let r = 1; r <= plain.rowCount; r++)
      for (let c = 1; c <= 20; c++) expect(JSON.stringify(ws.getCell(r, c).value), ws.getCell(r, c).address).toBe(JSON.stringify(plain.getCell(r, c).value));
  });

  it.skipIf(!SOFFICE)(
    "a copy filled in and recalculated by a spreadsheet program validates clean, with the agency's figures alone",
    async () => {
      // This year: row 05 plan 15 (G, công chức) actual 11 (L); row 25 plan 130 actual 125; budget on row 05 20.5 and 18.
      const fill = async (bytes: Uint8Array) => {
        const wb = await load(bytes);
        const ws = wb.worksheets[0];
        const r05 = rowOfCode(ws, "05");
        const r25 = rowOfCode(ws, "25");
        ws.getCell(`G${r05}`).value = 15;
        ws.getCell(`L${r05}`).value = 11;
        ws.getCell(`R${r05}`).value = 20.5;
        ws.getCell(`S${r05}`).value = 18;
        ws.getCell(`G${r25}`).value = 130;
        ws.getCell(`L${r25}`).value = 125;
        return recalculatedXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
      };
      const from = (await inspectWorkbook("from-filled.xlsx", await fill(fromBytes))).result;
      const plain = (await inspectWorkbook("plain-filled.xlsx", await fill(plainBytes))).result;
      expect(from.findings).toEqual([]);
      expect(from.totals["01"]).toEqual({ plan: 15, actual: 11, rate: 11 / 15 });
      expect(from.totals["14"]).toEqual({ plan: 130, actual: 125, rate: 125 / 130 });
      expect(from.rows["05"]["14"]).toBe(20.5);
      expect(from.rows).toEqual(plain.rows);
      expect(from.findings).toEqual(plain.findings);
    },
    180_000,
  );

  it("takes --year and --agency over last year's, gives the JSON, and refuses what cannot serve with exit 2", async () => {
    const json = await runCli(["template", "--from", last, "--year", "2026", "--agency", "Sở Tài chính tỉnh Lạng Sơn", "--out", path.join(dir, "2026.xlsx"), "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      out: path.join(dir, "2026.xlsx"),
      year: 2026,
      period: null,
      from: { file: "so-tai-chinh-2024.xlsx", year: 2024, agency: { name: "Sở Tài chính", code: "000.00.12.H39" } },
    });
    const r = (await inspectWorkbook("2026.xlsx", new Uint8Array(readFileSync(path.join(dir, "2026.xlsx"))))).result;
    expect(r.year).toBe(2026);
    expect(r.agency).toEqual({ code: "000.00.12.H39", name: "Sở Tài chính tỉnh Lạng Sơn" });

    const text = path.join(dir, "ghi-chu.xlsx");
    writeFileSync(text, "không phải bảng tính");
    const notForm = await runCli(["template", "--from", text, "--out", path.join(dir, "x.xlsx")]);
    expect(notForm.code).toBe(2);
    expect(notForm.stderr).toMatch(/^dtbd: Tệp năm trước "ghi-chu\.xlsx": không đọc được biểu 01\/ĐTBD trong tệp \(.+\)\.\n$/);
    const early = await runCli(["template", "--from", last, "--year", "2024", "--out", path.join(dir, "y.xlsx")]);
    expect(early.code).toBe(2);
    expect(early.stderr).toBe("dtbd: --year 2024 không sau năm 2024 của tệp năm trước\n");
    const period = await runCli(["template", "--from", last, "--period", "2026-2030", "--out", path.join(dir, "z.xlsx")]);
    expect(period.code).toBe(2);
    const before = readFileSync(last);
    const over = await runCli(["template", "--from", last, "--out", last]);
    expect(over.code).toBe(2);
    expect(over.stderr).toBe(`dtbd: Tệp kết quả ${last} trùng với một tệp đầu vào; hãy chọn tên khác.\n`);
    expect(readFileSync(last).equals(before)).toBe(true);
  });
});

const GENERIC = path.join(__dirname, "fixtures", "generic");
const manifest = JSON.parse(readFileSync(path.join(GENERIC, "manifest.json"), "utf8")) as {
  forms: { id: string; template: { file: string }; filled: { file: string; agency: string; year: number; values: Record<string, { value: number }> }[]; rows: { excelRow: number }[] }[];
};

describe("template --form FORM.json --from last year's copy of that form", () => {
  const form = manifest.forms.find((f) => f.id === "kh-tinh")!;
  const filled = form.filled[0];
  const dir = mkdtempSync(path.join(tmpdir(), "dtbd-from-generic-"));
  const formJson = path.join(dir, "kh-tinh.json");

  it("puts last year's actual (column 4, G) in a note on each plan cell (column 1, D) and a grey column, and validates as a plain copy does", async () => {
    expect((await runCli(["form", "learn", path.join(GENERIC, form.template.file), "--out", formJson, "--quiet"])).code).toBe(0);
    const out = path.join(dir, "from.xlsx");
    const run = await runCli(["template", "--form", formJson, "--from", path.join(GENERIC, filled.file), "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const plainOut = path.join(dir, "plain.xlsx");
    expect((await runCli(["template", "--form", formJson, "--year", String(filled.year + 1), "--agency", filled.agency, "--out", plainOut, "--quiet"])).code).toBe(0);

    const ws = (await load(new Uint8Array(readFileSync(out)))).worksheets[0];
    // The form ends at K; the reference is M, one column apart.
    expect(ws.getCell("M7").value).toBe(`Tham khảo: thực hiện năm ${filled.year}`);
    for (const { excelRow } of form.rows) {
      const actual = filled.values[`G${excelRow}`]?.value ?? 0;
      expect(noteText(ws.getCell(`D${excelRow}`)), `D${excelRow}`).toBe(`Năm ${filled.year} thực hiện: ${actual.toLocaleString("de-DE")}`);
      expect(ws.getCell(`M${excelRow}`).value, `M${excelRow}`).toBe(actual);
    }
    const definitions = ["--form", formJson];
    const a = JSON.parse((await runCli(["validate", out, ...definitions, "--json"])).stdout) as { files: { form: string; findings: unknown[]; table: unknown; year: number }[] };
    const b = JSON.parse((await runCli(["validate", plainOut, ...definitions, "--json"])).stdout) as typeof a;
    expect(a.files[0].form).toBe(b.files[0].form);
    expect(a.files[0].year).toBe(filled.year + 1);
    expect(a.files[0].findings).toEqual(b.files[0].findings);
    expect(a.files[0].table).toEqual(b.files[0].table);
  });
});
