/**
 * The feedback surgery on packages other than the samples' (exceljs) ones: a workbook saved by
 * openpyxl with notes of its own, a second sheet before the form, the form's tab selected and a
 * print area; the same form saved by LibreOffice; SpreadsheetML written with a namespace
 * prefix; a macro-enabled workbook; hostile text. The oracle for the cells is always the
 * original read by the same reader, for the notes and tabs openpyxl.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { type FeedbackSubject, feedbackFileName, feedbackFromValidation, summaryCsv, uniqueName } from "../src/core/feedback";
import { finding } from "../src/core/findings";
import { writeFeedbackWorkbook, zipFiles } from "../src/io/feedback";
import { inspectWorkbook } from "../src/io/inspect";
import { readWorkbook } from "../src/io/read";
import { SOFFICE, convertToCsv } from "./helpers/libreoffice";
import { openpyxlDump, runPython } from "./helpers/openpyxl";

const SAMPLE = path.resolve(__dirname, "..", "samples", "so-y-te.xlsx");
const tmp = mkdtempSync(path.join(tmpdir(), "dtbd-feedback-pkg-"));

async function subjectOf(file: string, bytes: Uint8Array): Promise<FeedbackSubject> {
  const report = await inspectWorkbook(file, bytes);
  return feedbackFromValidation([{ file, result: report.result }])[0];
}

/** The annotated copy written next to the test's other files; its path. */
async function annotate(name: string, bytes: Uint8Array): Promise<{ file: string; bytes: Uint8Array; subject: FeedbackSubject; notes: number; extension: string }> {
  const subject = await subjectOf(name, bytes);
  const copy = writeFeedbackWorkbook(bytes, subject, { lang: "vi" });
  expect(copy.annotated).toBe(true);
  const file = path.join(tmp, feedbackFileName(name, copy.extension));
  writeFileSync(file, copy.bytes);
  return { file, bytes: copy.bytes, subject, notes: copy.notes, extension: copy.extension };
}

/** Same grid apart from the first sheet, same findings: what every copy must keep. */
async function expectSameData(original: Uint8Array, copy: Uint8Array): Promise<void> {
  const a = (await readWorkbook(original, { maxRowsPerSheet: Infinity })).grid!;
  const b = (await readWorkbook(copy, { maxRowsPerSheet: Infinity })).grid!;
  expect(b.sheets[0].name).toBe("Phản hồi");
  expect(b.sheets.slice(1)).toEqual(a.sheets);
  expect((await inspectWorkbook("x.xlsx", copy)).result).toEqual((await inspectWorkbook("x.xlsx", original)).result);
}

describe("a workbook saved by openpyxl, with notes of its own, a sheet before the form, the form's tab selected", () => {
  const built = path.join(tmp, "openpyxl-notes.xlsx");
  runPython(
    `
import sys, openpyxl
from openpyxl.comments import Comment
wb = openpyxl.load_workbook(sys.argv[1])
form = wb["01-DTBD"]
guide = wb.create_sheet("Hướng dẫn", 0)
guide["A1"] = "Hướng dẫn điền biểu"
guide["A2"] = "Liên hệ"
guide["A2"].comment = Comment("Ghi chú trên trang hướng dẫn", "Đơn vị")
form["E15"].comment = Comment("Ghi chú cũ của đơn vị", "Nguyễn Văn An")
form["B3"].comment = Comment("Người lập: Trần Thị Bình", "Nguyễn Văn An")
wb.active = 1
for ws in wb.worksheets:
    ws.sheet_view.tabSelected = ws.title == "01-DTBD"
wb.save(sys.argv[2])
`,
    SAMPLE,
    built,
  );
  const original = new Uint8Array(readFileSync(built));

  it("keeps the agency's notes (the one on a cell with a finding gets ours appended), shifts the print area's sheet index, selects only the new tab", async () => {
    const { file, bytes, subject, notes } = await annotate("openpyxl-notes.xlsx", original);
    const [before, after] = openpyxlDump(built, file);
    expect(after.sheets.map((s) => s.name)).toEqual(["Phản hồi", "Hướng dẫn", "01-DTBD"]);
    expect(after.active).toBe("Phản hồi");
    expect(after.sheets.filter((s) => s.selected).map((s) => s.name)).toEqual(["Phản hồi"]);
    expect(before.sheets.filter((s) => s.selected).map((s) => s.name)).toEqual(["01-DTBD"]);
    const form = (d: typeof after) => d.sheets.find((s) => s.name === "01-DTBD")!;
    expect(form(before).printArea).toMatch(/\$A\$1:\$T\$54/);
    expect(form(after).printArea).toBe(form(before).printArea);

    const e15 = form(after).cells.E15.comment!;
    expect(e15.startsWith("Ghi chú cũ của đơn vị")).toBe(true);
    const sumColumns = subject.findings.find((f) => f.code === "sum.columns" && f.cell === "E15")!;
    expect(e15).toContain(sumColumns.message.vi);
    expect(form(after).cells.B3.comment).toBe("Người lập: Trần Thị Bình");
    expect(after.sheets[1].cells.A2.comment).toBe("Ghi chú trên trang hướng dẫn");
    // openpyxl drops the cached results, so every formula is a finding too: hundreds of notes
    const located = subject.findings.filter((f) => f.sheet === "01-DTBD" && f.cell);
    expect(new Set(located.map((f) => f.cell)).size).toBe(notes);
    expect(notes).toBeGreaterThan(100);
    for (const f of located) expect(form(after).cells[f.cell!]?.comment ?? "", f.cell!).toContain(f.message.vi);
    await expectSameData(original, bytes);
  });

  it.skipIf(!SOFFICE)("LibreOffice opens that copy and reads the form as it reads the original", async () => {
    const copy = readFileSync(path.join(tmp, feedbackFileName("openpyxl-notes.xlsx")));
    // exceljs cannot load openpyxl's comment parts (absolute relationship targets): the names are given
    const names = ["Hướng dẫn", "01-DTBD"];
    const a = await convertToCsv(original, { recalc: false, sheetNames: names });
    const b = await convertToCsv(copy, { recalc: false, sheetNames: ["Phản hồi", ...names] });
    expect(b.get("01-DTBD")!.rows).toEqual(a.get("01-DTBD")!.rows);
    expect(b.get("Phản hồi")!.rows.flat()).toContain("sum.columns");
  }, 240_000);
});

describe.skipIf(!SOFFICE)("the form saved by LibreOffice", () => {
  it("is annotated with the same data and findings, and only the new tab selected", async () => {
    const out = path.join(tmp, "lo");
    execFileSync(SOFFICE!, ["--headless", "--norestore", `-env:UserInstallation=file://${path.join(tmp, "lo-profile")}`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, SAMPLE], { timeout: 180_000 });
    const original = new Uint8Array(readFileSync(path.join(out, "so-y-te.xlsx")));
    const { file, bytes } = await annotate("lo-so-y-te.xlsx", original);
    await expectSameData(original, bytes);
    const [after] = openpyxlDump(file);
    expect(after.sheets.filter((s) => s.selected).map((s) => s.name)).toEqual(["Phản hồi"]);
    expect(after.active).toBe("Phản hồi");
  }, 240_000);
});

describe("SpreadsheetML written with a namespace prefix (x:worksheet, as some .NET writers do)", () => {
  it("gets its notes, marks and sheet under the same prefix", async () => {
    const parts = unzipSync(readFileSync(SAMPLE));
    const prefix = (xml: string, root: string) =>
      xml
        .replace(/<(\/?)([A-Za-z][\w]*)(?=[\s/>])/g, (m, slash: string, name: string) => (name === "xml" ? m : `<${slash}x:${name}`))
        .replace(`<x:${root} xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, `<x:${root} xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`);
    for (const [name, root] of [["xl/workbook.xml", "workbook"], ["xl/worksheets/sheet1.xml", "worksheet"], ["xl/styles.xml", "styleSheet"]]) {
      parts[name] = strToU8(prefix(strFromU8(parts[name]), root));
    }
    expect(strFromU8(parts["xl/worksheets/sheet1.xml"])).toContain("<x:sheetData>");
    const original = zipSync(parts);
    const { bytes, subject, file } = await annotate("prefixed.xlsx", original);
    expect(subject.findings.length).toBe(3);
    await expectSameData(original, bytes);
    const [after] = openpyxlDump(file);
    const form = after.sheets.find((s) => s.name === "01-DTBD")!;
    for (const f of subject.findings) expect(form.cells[f.cell!].comment).toContain(f.message.vi);
    expect(form.cells.E15.fill).toBe("FFFFC7CE");
    expect(form.cells.Q15.fill).toBe("FFFFEB9C");
  });
});

describe("a macro-enabled workbook", () => {
  it("comes back as .xlsm with its content type (Excel refuses a macro-enabled package named .xlsx)", async () => {
    const parts = unzipSync(readFileSync(SAMPLE));
    const types = strFromU8(parts["[Content_Types].xml"]);
    parts["[Content_Types].xml"] = strToU8(types.replace("spreadsheetml.sheet.main+xml", "ms-excel.sheet.macroEnabled.main+xml"));
    const original = zipSync(parts);
    const { bytes, extension } = await annotate("co-macro.xlsm", original);
    expect(extension).toBe(".xlsm");
    expect(feedbackFileName("co-macro.xlsm", extension)).toBe("co-macro-phan-hoi.xlsm");
    expect(strFromU8(unzipSync(bytes)["[Content_Types].xml"])).toContain("ms-excel.sheet.macroEnabled.main+xml");
  });
});

describe("hostile and odd text", () => {
  it("control characters, markup, OOXML escapes and formula-looking names stay text in the sheet, the notes and the CSV", async () => {
    const original = new Uint8Array(readFileSync(SAMPLE));
    const subject = await subjectOf("=HYPERLINK(\"http://x\").xlsx", original);
    const message = 'Ô E15: <b>"a" & b</b>\u0001 _x0041_ \uFFFF';
    subject.agency = { code: "+000.00.15.H39", name: "@Sở <Y> tế & \"x\"" };
    subject.findings = [finding("sum.columns", { vi: message, en: message }, { sheet: "01-DTBD", cell: "E15" })];
    subject.reason = subject.findings[0];
    const copy = writeFeedbackWorkbook(original, subject, { lang: "vi" });
    expect(copy.annotated).toBe(true);
    const file = path.join(tmp, "hostile-phan-hoi.xlsx");
    writeFileSync(file, copy.bytes);
    const shown = 'Ô E15: <b>"a" & b</b>\uFFFD _x0041_ \uFFFD';
    // openpyxl does not decode OOXML's _xHHHH_ escapes: it shows the escape that keeps "_x0041_" literal for Excel
    const raw = shown.replace("_x0041_", "_x005F_x0041_");
    const [dump] = openpyxlDump(file);
    expect(dump.sheets[1].cells.E15.comment).toContain(raw);
    const texts = Object.values(dump.sheets[0].cells).map((c) => c.value);
    expect(texts).toContain(raw);
    expect(texts).toContain('@Sở <Y> tế & "x" – +000.00.15.H39');
    expect(texts).toContain('=HYPERLINK("http://x").xlsx');
    const { grid } = await readWorkbook(copy.bytes);
    expect(grid!.sheets[0].rows.flat().some((c) => c?.value === shown && c.formula === undefined)).toBe(true);

    const csv = summaryCsv([{ subject, feedbackFile: "x-phan-hoi.xlsx" }], "vi");
    const [row] = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(row["Tệp đã nộp"]).toBe("'=HYPERLINK(\"http://x\").xlsx");
    expect(row["Mã định danh"]).toBe("'+000.00.15.H39");
    expect(row["Tên đơn vị"]).toBe('\'@Sở <Y> tế & "x"');
    expect(row["Lý do"]).toBe(message.replace("\u0001", "\uFFFD"));
  });
});

describe("names and the archive of all feedback", () => {
  it("feedback file names: extension replaced, folders joined, duplicates numbered", () => {
    expect(feedbackFileName("so-y-te.xlsx")).toBe("so-y-te-phan-hoi.xlsx");
    expect(feedbackFileName("huyen-a/bao-cao.xlsx")).toBe("huyen-a-bao-cao-phan-hoi.xlsx");
    expect(feedbackFileName("..\\bao-cao.XLS")).toBe("bao-cao-phan-hoi.xlsx");
    const taken = new Set<string>();
    expect(["a.xlsx", "A.xlsx", "a.xlsx"].map((n) => uniqueName(n, taken))).toEqual(["a.xlsx", "A (2).xlsx", "a (3).xlsx"]);
  });

  it("zipFiles packs the copies as they are", async () => {
    const original = new Uint8Array(readFileSync(SAMPLE));
    const copy = writeFeedbackWorkbook(original, await subjectOf("so-y-te.xlsx", original), { lang: "en" });
    const archive = unzipSync(zipFiles([{ name: "so-y-te-phan-hoi.xlsx", bytes: copy.bytes }, { name: "tong-hop-phan-hoi.csv", bytes: strToU8("\uFEFFa,b\r\n") }]));
    expect(Object.keys(archive)).toEqual(["so-y-te-phan-hoi.xlsx", "tong-hop-phan-hoi.csv"]);
    expect(archive["so-y-te-phan-hoi.xlsx"]).toEqual(copy.bytes);
    const { grid } = await readWorkbook(archive["so-y-te-phan-hoi.xlsx"]);
    expect(grid!.sheets[0].rows.flat().map((c) => c?.value)).toContain("What is wrong");
  });
});

describe("a workbook with no form in it", () => {
  it("is annotated too; the copy's findings are the original's, but form.not-found's message counts one more sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.addRows([["Họ và tên", "Đơn vị"], ["Nguyễn Văn An", "Sở Y tế"], ["Trần Thị Bình", "Sở Tư pháp"]]);
    const original = new Uint8Array(await wb.xlsx.writeBuffer());
    const { bytes, subject } = await annotate("danh-sach.xlsx", original);
    expect(subject.findings.map((f) => f.code)).toEqual(["form.not-found"]);
    const a = (await inspectWorkbook("x.xlsx", original)).result;
    const b = (await inspectWorkbook("x.xlsx", bytes)).result;
    const strip = (r: typeof a) => ({ ...r, findings: r.findings.map(({ message: _m, ...f }) => f) });
    expect(strip(b)).toEqual(strip(a));
    expect(a.findings[0].message.vi).toContain("trong 1 trang tính");
    expect(b.findings[0].message.vi).toContain("trong 2 trang tính");
    expect((await readWorkbook(bytes)).grid!.sheets.slice(1)).toEqual((await readWorkbook(original)).grid!.sheets);
  });
});
