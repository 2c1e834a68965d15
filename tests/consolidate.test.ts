/**
 * `dtbd consolidate` end to end on real files: the fixtures plus our own, with the cases a
 * consolidator meets (identical copies, two versions of one agency, last year's file, a
 * broken file, a roster with a missing agency, an agency not on the roster; rosters as
 * semicolon and comma separated CSV and as .xlsx). Expected totals come from the fixtures'
 * oracle and from the form's sums worked out by hand (tests/helpers/form01-oracle.ts).
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli";
import { FIXTURES, FIXTURE_FILES, TRUTH, roundedRate } from "./helpers/fixtures";
import { FORM01_CODES, form01Totals } from "./helpers/form01-oracle";
import { editForm, filledForm, filledValues } from "./helpers/forms";
import { writeTemplate } from "../src/io/template";

interface Totals { plan: number; actual: number; rate: number | null }
interface Source { file: string; sha256: string; agency: { code: string | null; name: string | null } | null; included: boolean; reason: string | null; findings: { code: string; severity: string; message: string }[] }
interface ConsolidateJson { year: number; included: number; excluded: number; expected: number | null; missing: { code: string }[]; sources: Source[]; totals: Record<string, Totals> }

let dir: string;
let inputs: string;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function hashes(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await fs.readdir(folder)) out[name] = sha(await fs.readFile(path.join(folder, name)));
  return out;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-consolidate-"));
  inputs = path.join(dir, "in");
  await fs.mkdir(inputs);
  for (const name of await fs.readdir(FIXTURES)) if (name.endsWith(".xlsx")) await fs.copyFile(path.join(FIXTURES, name), path.join(inputs, name));
  const mine = await filledForm(filledValues(11), { agencyName: "Sở Tư pháp", agencyCode: "000.00.14.H39" });
  await fs.writeFile(path.join(inputs, "so-tu-phap.xlsx"), mine);
  await fs.writeFile(path.join(inputs, "so-tu-phap-copy.xlsx"), mine);
  await fs.writeFile(path.join(inputs, "so-xay-dung-v1.xlsx"), await filledForm(filledValues(12), { agencyName: "Sở Xây dựng", agencyCode: "000.00.17.H39" }));
  await fs.writeFile(path.join(inputs, "so-xay-dung-v2.xlsx"), await filledForm(filledValues(13), { agencyName: "Sở Xây dựng", agencyCode: "000.00.17.H39" }));
  await fs.writeFile(path.join(inputs, "nam-cu.xlsx"), await writeTemplate({ year: 2023, agencyName: "Sở Y tế", agencyCode: "000.00.15.H39", values: filledValues(14) }));
  await fs.writeFile(
    path.join(inputs, "sai-tong.xlsx"),
    await editForm(await filledForm(filledValues(15), { agencyName: "Ban Dân tộc", agencyCode: "000.00.25.H39" }), (ws) => {
      ws.getCell("E15").value = 999;
    }),
  );
  await fs.writeFile(path.join(inputs, "hong.xlsx"), "PK\u0003\u0004 not really a zip");
  await fs.writeFile(path.join(inputs, "ghi-chu.txt"), "không phải bảng tính");
  const other = new ExcelJS.Workbook();
  const sheet = other.addWorksheet("Biểu 05");
  sheet.addRows([["STT", "Chỉ tiêu", "Tổng số", "Nam", "Nữ"], ["A", "B", "1=2+3", 2, 3], ["1", "Bác sĩ", 5, 2, 3]]);
  await fs.writeFile(path.join(inputs, "bieu-khac.xlsx"), new Uint8Array(await other.xlsx.writeBuffer()));
  const roster = ["Mã định danh;Tên đơn vị", "000.00.31.H39;Sở Ngoại vụ", "000.00.32.H39;UBND xã Chi Lăng", "000.00.33.H39;UBND xã Lộc Bình", "000.00.34.H39;UBND xã Đình Lập", "000.00.35.H39;Trường Chính trị Hoàng Văn Thụ", "000.00.36.H39;UBND xã Bắc Sơn", "000.00.14.H39;Sở Tư pháp", "000.00.17.H39;Sở Xây dựng", "000.00.25.H39;Ban Dân tộc", "000.00.99.H39;Sở Du lịch"];
  await fs.writeFile(path.join(dir, "roster.csv"), roster.join("\n"));
});

async function consolidateJson(args: string[]): Promise<{ code: number; json: ConsolidateJson }> {
  const run = await runCli(["consolidate", ...args, "--json"]);
  expect(run.stderr).toBe("");
  return { code: run.code, json: JSON.parse(run.stdout) as ConsolidateJson };
}

describe("dtbd consolidate", () => {
  it("sums the included files, accounts for every file, and never touches the inputs", async () => {
    const before = await hashes(inputs);
    const out = path.join(dir, "out", "bao-cao.xlsx");
    const { code, json } = await consolidateJson([inputs, "--out", out, "--roster", path.join(dir, "roster.csv")]);
    expect(code).toBe(1);
    expect(await hashes(inputs)).toEqual(before);
    expect(json.year).toBe(2024);

    const byFile = Object.fromEntries(json.sources.map((s) => [s.file, s]));
    const workbookNames = Object.keys(before).filter((n) => n.endsWith(".xlsx"));
    expect(Object.keys(byFile).sort()).toEqual(workbookNames.sort());
    for (const s of json.sources) expect(s.sha256).toBe(before[s.file]);

    expect(byFile["so-tu-phap.xlsx"].included !== byFile["so-tu-phap-copy.xlsx"].included).toBe(true);
    const copy = [byFile["so-tu-phap.xlsx"], byFile["so-tu-phap-copy.xlsx"]].find((s) => !s.included)!;
    expect(copy.reason).toBe("consolidate.identical-file");
    expect(byFile["so-xay-dung-v1.xlsx"]).toMatchObject({ included: false, reason: "consolidate.duplicate-agency" });
    expect(byFile["so-xay-dung-v2.xlsx"]).toMatchObject({ included: false, reason: "consolidate.duplicate-agency" });
    expect(byFile["nam-cu.xlsx"]).toMatchObject({ included: false, reason: "consolidate.year-mismatch" });
    expect(byFile["sai-tong.xlsx"]).toMatchObject({ included: false });
    // A total typed over its formula also spoils its parent's sum: the reason named is the root.
    expect(byFile["sai-tong.xlsx"].reason).toBe("sum.columns");
    expect(byFile["sai-tong.xlsx"].findings.map((f) => f.code)).toContain("sum.rows");
    expect(byFile["hong.xlsx"]).toMatchObject({ included: false, reason: "file.unreadable" });
    expect(byFile["bieu-khac.xlsx"]).toMatchObject({ included: false, reason: "form.not-found" });
    // Another form (a table with a code row and no header): it is named, and its own gaps are said too.
    expect(byFile["bieu-khac.xlsx"].findings.map((f) => f.code).sort()).toEqual(["form.not-found", "header.agency-missing", "header.year-missing"]);

    for (const fixture of ["openpyxl-clean.xlsx", "libreoffice-clean.xlsx", "tcvn3-vntime.xlsx", "vni-times.xlsx", "unicode-nfd.xlsx", "numbers-as-text.xlsx"])
      expect(byFile[fixture].included).toBe(true);

    expect(json.included).toBe(7);
    expect(json.excluded).toBe(json.sources.length - 7);
    expect(json.expected).toBe(10);
    expect(json.missing.map((m) => m.code)).toEqual(["000.00.99.H39"]);

    // Totals: the six fixtures' (their generator's oracle) plus Sở Tư pháp's (its leaf values summed by hand).
    const tuPhap = form01Totals(filledValues(11));
    expect(Object.keys(json.totals).sort()).toEqual(FORM01_CODES);
    for (const code of FORM01_CODES) {
      const plan = FIXTURE_FILES.reduce((sum, f) => sum + TRUTH[f].totals[code].plan, tuPhap[code].plan);
      const actual = FIXTURE_FILES.reduce((sum, f) => sum + TRUTH[f].totals[code].actual, tuPhap[code].actual);
      expect(json.totals[code], code).toEqual({ plan, actual, rate: roundedRate(plan, actual) });
    }
    expect(tuPhap["01"].plan).toBeGreaterThan(0);
    // Sở Y tế (last year's file) is the one agency that sent a file without being on the roster.
    const notOnRoster = json.sources.filter((s) => s.findings.some((f) => f.code === "consolidate.not-in-roster"));
    expect(notOnRoster.map((s) => s.file)).toEqual(["nam-cu.xlsx"]);
    const notOnRosterFinding = notOnRoster[0].findings.find((f) => f.code === "consolidate.not-in-roster")!;
    expect(notOnRosterFinding.severity).toBe("warning");
    expect(notOnRosterFinding.message).toMatch(/^Đơn vị Sở Y tế\W+000\.00\.15\.H39\W+không có trong danh sách đơn vị \(tệp nam-cu\.xlsx\)\.$/);
  });

  it("the report has the four sheets and lists every input in Nguồn", async () => {
    const out = path.join(dir, "out", "bao-cao-2.xlsx");
    await consolidateJson([inputs, "--out", out]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn"]);
    const sources = wb.getWorksheet("Nguồn")!;
    const text = JSON.stringify(sources.getSheetValues());
    for (const name of await fs.readdir(inputs)) if (name.endsWith(".xlsx")) expect(text).toContain(name);
  });

  it("--include-invalid adds files with errors; --year picks the year", async () => {
    const { json } = await consolidateJson([inputs, "--out", path.join(dir, "out", "r3.xlsx"), "--include-invalid"]);
    const byFile = Object.fromEntries(json.sources.map((s) => [s.file, s]));
    expect(byFile["sai-tong.xlsx"].included).toBe(true);
    expect(byFile["hong.xlsx"].included).toBe(false);
    expect(byFile["so-xay-dung-v1.xlsx"].included).toBe(false);
    const y2023 = await consolidateJson([inputs, "--out", path.join(dir, "out", "r4.xlsx"), "--year", "2023"]);
    expect(y2023.json.year).toBe(2023);
    expect(y2023.json.sources.filter((s) => s.included).map((s) => s.file)).toEqual(["nam-cu.xlsx"]);
  });

  it("refuses an output equal to an input or inside a scanned directory (exit 2), writing nothing", async () => {
    const before = await hashes(inputs);
    const same = await runCli(["consolidate", inputs, "--out", path.join(inputs, "openpyxl-clean.xlsx")]);
    expect(same.code).toBe(2);
    const inside = await runCli(["consolidate", inputs, "--out", path.join(inputs, "bao-cao.xlsx")]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain("thư mục");
    expect(await hashes(inputs)).toEqual(before);
  });
});

describe("the roster (--roster)", () => {
  /** The agencies of roster.csv (beforeAll): the ten expected, one of which (Sở Du lịch) sent nothing. */
  const ROSTER: [string, string][] = [
    ["000.00.31.H39", "Sở Ngoại vụ"],
    ["000.00.32.H39", "UBND xã Chi Lăng"],
    ["000.00.33.H39", "UBND xã Lộc Bình"],
    ["000.00.34.H39", "UBND xã Đình Lập"],
    ["000.00.35.H39", "Trường Chính trị Hoàng Văn Thụ"],
    ["000.00.36.H39", "UBND xã Bắc Sơn"],
    ["000.00.14.H39", "Sở Tư pháp"],
    ["000.00.17.H39", "Sở Xây dựng"],
    ["000.00.25.H39", "Ban Dân tộc"],
    ["000.00.99.H39", "Sở Du lịch, Thể thao"],
  ];

  async function withRoster(file: string) {
    const { code, json } = await consolidateJson([inputs, "--out", path.join(dir, "out", `roster-${path.basename(file)}.xlsx`), "--roster", file]);
    expect(code).toBe(1);
    return json;
  }

  it("a comma-separated CSV with quoted names and a byte-order mark is read as the semicolon one is", async () => {
    const file = path.join(dir, "roster-comma.csv");
    const quote = (s: string) => (s.includes(",") ? `"${s}"` : s);
    await fs.writeFile(file, "\uFEFF" + ["Mã định danh,Tên đơn vị,Ghi chú", ...ROSTER.map(([c, n]) => `${c},${quote(n)},`)].join("\r\n") + "\r\n");
    const json = await withRoster(file);
    expect(json.expected).toBe(10);
    expect(json.missing).toEqual([{ code: "000.00.99.H39", name: "Sở Du lịch, Thể thao" }]);
  });

  it("an .xlsx roster: its header found below a title, columns in any order", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.addRow(["DANH SÁCH ĐƠN VỊ PHẢI BÁO CÁO NĂM 2024"]);
    ws.addRow([]);
    ws.addRow(["STT", "Tên đơn vị", "Mã định danh"]);
    ROSTER.forEach(([code, name], i) => ws.addRow([i + 1, name, code]));
    const file = path.join(dir, "roster.xlsx");
    await fs.writeFile(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    const json = await withRoster(file);
    expect(json.expected).toBe(10);
    expect(json.missing).toEqual([{ code: "000.00.99.H39", name: "Sở Du lịch, Thể thao" }]);
    expect(json.sources.filter((s) => s.findings.some((f) => f.code === "consolidate.not-in-roster")).map((s) => s.file)).toEqual(["nam-cu.xlsx"]);
  });

  it("a roster without its Mã định danh column: exit 2, the missing columns named, no report written", async () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ["khong-co-ma.csv", "STT;Tên đơn vị\n1;Sở Ngoại vụ\n", /khong-co-ma\.csv: thiếu cột "Mã định danh" và "Tên đơn vị" \/ no "Mã định danh" and "Tên đơn vị" columns/],
      ["khong-co-ma.xlsx", await filledForm(), /khong-co-ma\.xlsx: không tìm thấy danh sách đơn vị \(cột "Mã định danh", "Tên đơn vị"\) \/ no roster found/],
    ];
    for (const [name, content, message] of cases) {
      const file = path.join(dir, name);
      await fs.writeFile(file, content);
      const out = path.join(dir, "out", `khong-co-ma-${name}.xlsx`);
      const run = await runCli(["consolidate", inputs, "--out", out, "--roster", file]);
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toMatch(message);
      expect(run.stdout, name).toBe("");
      await expect(fs.access(out), name).rejects.toThrow();
    }
  });
});
