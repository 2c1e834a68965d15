/**
 * `dtbd consolidate` end to end on real files: the shared fixtures plus our own, with the
 * cases a consolidator meets (identical copies, two versions of one agency, last year's
 * file, a broken file, a roster with a missing agency).
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../src/io/read";
import { validateGrid } from "../src/core/validate";
import { runCli } from "./helpers/cli";
import { editForm, filledForm, filledValues } from "./helpers/forms";
import { writeTemplate } from "../src/io/template";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

interface Totals { plan: number; actual: number; rate: number | null }
interface Source { file: string; sha256: string; agency: { code: string | null; name: string | null } | null; included: boolean; reason: string | null; findings: { code: string }[] }
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

    // Totals equal the sum of each included file's own totals, for every Mã số.
    const included = json.sources.filter((s) => s.included);
    const perFile = await Promise.all(included.map(async (s) => validateGrid((await readWorkbook(new Uint8Array(await fs.readFile(path.join(inputs, s.file))))).grid!)));
    for (const code of Object.keys(json.totals)) {
      const plan = perFile.reduce((sum, r) => sum + r.totals[code].plan, 0);
      const actual = perFile.reduce((sum, r) => sum + r.totals[code].actual, 0);
      expect(json.totals[code].plan).toBeCloseTo(plan, 6);
      expect(json.totals[code].actual).toBeCloseTo(actual, 6);
      expect(json.totals[code].rate).toBe(plan > 0 ? Math.round((actual / plan) * 10000) / 10000 : null);
    }
    expect(Object.keys(json.totals)).toHaveLength(40);
    const tuPhap = perFile[included.findIndex((s) => s.file.startsWith("so-tu-phap"))];
    expect(json.totals["01"].plan).toBe(186 + 133 + 188 + 115 + 140 + 5840 + tuPhap.totals["01"].plan);
    expect(json.totals["14"].actual).toBe(2479 + 2581 + 2005 + 2255 + 1989 + 82684 + tuPhap.totals["14"].actual);
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
