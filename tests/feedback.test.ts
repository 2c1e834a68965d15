/**
 * `--feedback DIR`: the agencies' annotated copies and the summary CSV, on the repository's
 * sample batch (typical errors, a duplicate, an identical copy, a damaged file, last year's
 * form) against the roster that names one agency with no file. Each copy is read back by the
 * project's reader and independently by openpyxl and exceljs, and opened by LibreOffice.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { FindingJson } from "../src/core/findings";
import type { Sheet } from "../src/core/grid";
import { inspectWorkbook } from "../src/io/inspect";
import { readWorkbook } from "../src/io/read";
import { runCli } from "./helpers/cli";
import { SOFFICE, convertToCsv } from "./helpers/libreoffice";
import { openpyxlDump } from "./helpers/openpyxl";

const ROOT = path.resolve(__dirname, "..");
const SAMPLES = path.join(ROOT, "samples");
const ROSTER = path.join(ROOT, "samples-roster", "danh-sach-don-vi.csv");

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const sampleFiles = () => readdirSync(SAMPLES).map((f) => path.join(SAMPLES, f));

interface SourceJson {
  file: string;
  agency: { code: string | null; name: string | null } | null;
  included: boolean;
  reason: string | null;
  findings: FindingJson[];
}

interface Run {
  dir: string;
  json: {
    sources: SourceJson[];
    missing: { code: string; name: string }[];
    feedback: { dir: string; summary: string; files: { source: string; file: string; annotated: boolean; notes: number }[] };
  };
  hashesBefore: Map<string, string>;
}

let run: Run;

beforeAll(async () => {
  const hashesBefore = new Map(sampleFiles().map((f) => [f, sha256(f)]));
  const dir = mkdtempSync(path.join(tmpdir(), "dtbd-feedback-"));
  const result = await runCli(["consolidate", SAMPLES, "--roster", ROSTER, "--out", path.join(dir, "bao-cao.xlsx"), "--feedback", path.join(dir, "phan-hoi"), "--json"]);
  expect(result.code, result.stderr).toBe(1); // the batch has error findings
  run = { dir: path.join(dir, "phan-hoi"), json: JSON.parse(result.stdout), hashesBefore };
}, 120_000);

/** The copy of an input, by the input's name, from the JSON. */
function copyOf(source: string): { file: string; annotated: boolean; notes: number } {
  const entry = run.json.feedback.files.find((f) => f.source === source);
  if (!entry) throw new Error(`no feedback for ${source}`);
  return entry;
}

const withFindings = () => run.json.sources.filter((s) => s.findings.length > 0);
/** Inputs that are workbooks the reader opens: annotated in place. */
const readable = () => withFindings().filter((s) => !s.findings.some((f) => f.code === "file.unreadable"));

const SEVERITY_VI = { error: "Lỗi", warning: "Cảnh báo", info: "Lưu ý" } as const;

/** The findings table of a `Phản hồi` sheet as the project's reader sees it: B..F from the row under "TT". */
function findingRows(sheet: Sheet): string[][] {
  const text = (r: number, c: number) => {
    const v = sheet.rows[r - 1]?.[c - 1]?.value;
    return v === null || v === undefined ? "" : String(v);
  };
  const heading = sheet.rows.findIndex((cells) => cells?.[0]?.value === "TT") + 1;
  expect(heading).toBeGreaterThan(1);
  expect([2, 3, 4, 5, 6].map((c) => text(heading, c))).toEqual(["Ô", "Mức độ", "Mã phát hiện", "Nội dung", "Cách sửa"]);
  const rows: string[][] = [];
  for (let r = heading + 1; r <= sheet.rows.length; r++) rows.push([text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5)]);
  return rows;
}

function expectedRows(findings: FindingJson[]): string[][] {
  return findings.map((f, i) => [String(i + 1), f.sheet ? (f.cell ? `${f.sheet}!${f.cell}` : f.sheet) : "–", SEVERITY_VI[f.severity], f.code, f.message]);
}

describe("consolidate … --feedback DIR on the sample batch", () => {
  it("writes a copy for every input with findings and for nothing else, and names each in the JSON", () => {
    const expected = withFindings().map((s) => s.file);
    // the batch's own mix: errors, warnings only, duplicates, an identical file, a damaged file, last year's form
    expect(expected.sort()).toEqual(
      [
        "ban-dan-toc.xlsx",
        "so-tu-phap.xlsx",
        "so-xay-dung-ban-sua.xlsx",
        "so-xay-dung.xlsx",
        "so-y-te.xlsx",
        "ubnd-xa-bac-son.xlsx",
        "ubnd-xa-van-quan.xlsx",
        "van-phong-ubnd-tinh.xlsx",
      ].sort(),
    );
    expect(run.json.feedback.files.map((f) => f.source).sort()).toEqual(expected);
    const names = readdirSync(run.dir).sort();
    expect(names).toEqual([...expected.map((f) => f.replace(/\.xlsx$/, "-phan-hoi.xlsx")), "tong-hop-phan-hoi.csv"].sort());
    for (const f of run.json.feedback.files) expect(path.dirname(f.file)).toBe(run.dir);
    expect(run.json.feedback.summary).toBe(path.join(run.dir, "tong-hop-phan-hoi.csv"));
    expect(copyOf("ubnd-xa-van-quan.xlsx").annotated).toBe(false);
    expect(readable().every((s) => copyOf(s.file).annotated)).toBe(true);
  });

  it("never changes an input (SHA-256 of every sample file before and after)", () => {
    for (const [file, hash] of run.hashesBefore) expect(sha256(file), file).toBe(hash);
    expect(sampleFiles().length).toBe(run.hashesBefore.size);
  });

  it("the copy's first sheet is 'Phản hồi', active, and lists every finding of the file (project reader)", async () => {
    for (const source of withFindings()) {
      const { grid } = await readWorkbook(readFileSync(copyOf(source.file).file));
      expect(grid!.sheets[0].name).toBe("Phản hồi");
      expect(findingRows(grid!.sheets[0]), source.file).toEqual(expectedRows(source.findings));
    }
  });

  it("the same rows read by exceljs, with the status and the agency above them", async () => {
    for (const source of withFindings()) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(copyOf(source.file).file) as never);
      const ws = wb.worksheets[0];
      expect(ws.name).toBe("Phản hồi");
      const texts: string[][] = [];
      ws.eachRow((row) => texts.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
      const heading = texts.findIndex((r) => r[0] === "TT");
      expect(texts.slice(heading + 1).map((r) => r.slice(0, 5))).toEqual(expectedRows(source.findings));
      const facts = new Map(texts.slice(0, heading).map((r) => [r[0], r[2]]));
      expect(facts.get("Đơn vị")).toBe([source.agency?.name, source.agency?.code].filter(Boolean).join(" – ") || "(không tìm thấy)");
      expect(facts.get("Tệp")).toBe(source.file);
      const status = facts.get("Kết quả")!;
      if (source.included) expect(status).toMatch(/^Đã cộng vào báo cáo tổng hợp năm 2024\./);
      else {
        expect(status).toMatch(/^Bị loại khỏi báo cáo tổng hợp năm 2024: /);
        const why = source.findings.find((f) => f.code === source.reason)!;
        expect(status).toContain(why.message);
      }
    }
  });

  it("every finding's cell is linked, noted with its message and shaded by severity; the form is otherwise the original (openpyxl)", () => {
    const sources = readable();
    const dumps = openpyxlDump(...sources.flatMap((s) => [copyOf(s.file).file, path.join(SAMPLES, s.file)]));
    sources.forEach((source, i) => {
      const [copy, original] = [dumps[2 * i], dumps[2 * i + 1]];
      expect(copy.sheets.map((s) => s.name)).toEqual(["Phản hồi", ...original.sheets.map((s) => s.name)]);
      expect(copy.active).toBe("Phản hồi");
      expect(copy.sheets.filter((s) => s.selected).map((s) => s.name)).toEqual(["Phản hồi"]);
      const links = Object.values(copy.sheets[0].cells).map((c) => c.link).filter(Boolean);
      const located = source.findings.filter((f) => f.sheet && f.cell);
      expect(links).toEqual(located.map((f) => `'${f.sheet}'!${f.cell}`));

      const marked = new Map<string, FindingJson[]>();
      for (const f of located) marked.set(`${f.sheet}!${f.cell}`, [...(marked.get(`${f.sheet}!${f.cell}`) ?? []), f]);
      for (const sheet of original.sheets) {
        const copied = copy.sheets.find((s) => s.name === sheet.name)!;
        expect(copied.printArea).toBe(sheet.printArea);
        for (const [ref, cell] of Object.entries(sheet.cells)) {
          const other = copied.cells[ref];
          expect({ ref, value: other.value, numFmt: other.numFmt, font: other.font }).toEqual({ ref, value: cell.value, numFmt: cell.numFmt, font: cell.font });
          const own = marked.get(`${sheet.name}!${ref}`);
          if (!own) {
            expect({ ref, fill: other.fill, comment: other.comment }).toEqual({ ref, fill: cell.fill, comment: cell.comment });
            continue;
          }
          const worst = own.some((f) => f.severity === "error") ? "error" : own.some((f) => f.severity === "warning") ? "warning" : "info";
          expect(other.fill).toBe({ error: "FFFFC7CE", warning: "FFFFEB9C", info: "FFDDEBF7" }[worst]);
          for (const f of own) expect(other.comment).toContain(f.message);
        }
        // a noted cell absent from the original (a finding on an empty cell) still has its note
        for (const [key, own] of marked) {
          const [name, ref] = key.split("!");
          if (name === sheet.name) for (const f of own) expect(copied.cells[ref]?.comment ?? "", key).toContain(f.message);
        }
      }
      expect(copyOf(source.file).notes).toBe(marked.size);
    });
  });

  it("the copy's form cells are the original's, every cell of every sheet (project reader: value, formula, number format, font, merges)", async () => {
    for (const source of readable()) {
      const original = (await readWorkbook(readFileSync(path.join(SAMPLES, source.file)), { maxRowsPerSheet: Infinity })).grid!;
      const copy = (await readWorkbook(readFileSync(copyOf(source.file).file), { maxRowsPerSheet: Infinity })).grid!;
      expect(copy.sheets.slice(1)).toEqual(original.sheets);
      expect(original.sheets.reduce((n, s) => n + s.rows.flat().filter(Boolean).length, 0)).toBeGreaterThan(500);
    }
  });

  it("the copy passes validate with the same findings as the original (the marks and the sheet are not data)", async () => {
    for (const source of readable()) {
      const original = await inspectWorkbook(source.file, readFileSync(path.join(SAMPLES, source.file)));
      const copy = await inspectWorkbook(source.file, readFileSync(copyOf(source.file).file));
      expect(copy.result).toEqual(original.result);
    }
    const cli = await runCli(["validate", ...readable().map((s) => copyOf(s.file).file), "--json"]);
    const direct = await runCli(["validate", ...readable().map((s) => path.join(SAMPLES, s.file)), "--json"]);
    const strip = (j: { files: { file: string; sha256: string }[] }) => j.files.map(({ file: _f, sha256: _h, ...rest }) => rest);
    expect(strip(JSON.parse(cli.stdout))).toEqual(strip(JSON.parse(direct.stdout)));
    expect(cli.code).toBe(direct.code);
  });

  it("an input that cannot be opened gets a workbook of its own with the 'Phản hồi' sheet, which says so", async () => {
    const { grid } = await readWorkbook(readFileSync(copyOf("ubnd-xa-van-quan.xlsx").file));
    expect(grid!.sheets.map((s) => s.name)).toEqual(["Phản hồi"]);
    const texts = grid!.sheets[0].rows.flatMap((cells) => (cells ?? []).map((c) => String(c?.value ?? "")));
    expect(texts.some((t) => t.startsWith("Không ghi được phản hồi vào chính tệp của đơn vị"))).toBe(true);
    const source = run.json.sources.find((s) => s.file === "ubnd-xa-van-quan.xlsx")!;
    expect(findingRows(grid!.sheets[0])).toEqual(expectedRows(source.findings));
  });

  it("tong-hop-phan-hoi.csv: UTF-8 with BOM, one line per input and per roster agency with no file", () => {
    const bytes = readFileSync(run.json.feedback.summary);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(["Mã định danh", "Tên đơn vị", "Tệp đã nộp", "Năm", "Trạng thái", "Số lỗi", "Số cảnh báo", "Mã lý do", "Lý do", "Tệp phản hồi"]);
    expect(rows).toHaveLength(run.json.sources.length + 1);
    run.json.sources.forEach((s, i) => {
      const row = rows[i];
      expect(row["Tệp đã nộp"]).toBe(s.file);
      expect(row["Mã định danh"]).toBe(s.agency?.code ?? "");
      expect(row["Trạng thái"]).toBe(s.included ? "đã cộng" : "bị loại");
      expect(Number(row["Số lỗi"])).toBe(s.findings.filter((f) => f.severity === "error").length);
      expect(Number(row["Số cảnh báo"])).toBe(s.findings.filter((f) => f.severity === "warning").length);
      expect(row["Mã lý do"]).toBe(s.reason ?? "");
      expect(row["Tệp phản hồi"]).toBe(s.findings.length > 0 ? s.file.replace(/\.xlsx$/, "-phan-hoi.xlsx") : "");
    });
    // the roster's agency that sent nothing: Sở Dân tộc và Tôn giáo (samples-roster lists 20, the batch covers 19)
    expect(run.json.missing).toEqual([{ code: "000.00.31.H39", name: "Sở Dân tộc và Tôn giáo" }]);
    expect(rows.at(-1)).toMatchObject({ "Mã định danh": "000.00.31.H39", "Tên đơn vị": "Sở Dân tộc và Tôn giáo", "Tệp đã nộp": "", "Trạng thái": "chưa nộp", "Tệp phản hồi": "" });
    // an agency whose name holds a comma is one field
    expect(rows.find((r) => r["Mã định danh"] === "000.00.21.H39")!["Tên đơn vị"]).toBe("Sở Văn hóa, Thể thao và Du lịch");
  });

  it.skipIf(!SOFFICE)("LibreOffice opens a copy: the Phản hồi sheet holds the findings, the form converts to the same CSV as the original", async () => {
    const source = run.json.sources.find((s) => s.file === "so-y-te.xlsx")!;
    const copy = await convertToCsv(readFileSync(copyOf(source.file).file), { recalc: false });
    const original = await convertToCsv(readFileSync(path.join(SAMPLES, source.file)), { recalc: false });
    const feedback = copy.get("Phản hồi")!;
    const texts = feedback.rows.flat();
    for (const f of source.findings) expect(texts).toContain(f.message);
    expect(texts).toContain("Sở Y tế – 000.00.15.H39");
    expect(copy.get("01-DTBD")!.rows).toEqual(original.get("01-DTBD")!.rows);
  }, 240_000);
});

describe("--feedback refuses a directory that holds inputs", () => {
  it("consolidate: the scanned directory, or the directory of a listed file; nothing is written", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dtbd-feedback-refuse-"));
    for (const args of [
      ["consolidate", SAMPLES, "--out", path.join(dir, "r.xlsx"), "--feedback", SAMPLES],
      ["consolidate", path.join(SAMPLES, "so-y-te.xlsx"), "--out", path.join(dir, "r.xlsx"), "--feedback", SAMPLES],
      ["validate", SAMPLES, "--feedback", SAMPLES + path.sep],
    ]) {
      const result = await runCli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Thư mục phản hồi");
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(SAMPLES).some((f) => f.includes("phan-hoi"))).toBe(false);
  });
});


describe("validate … --feedback DIR", () => {
  it("says what a consolidation would do, names same-name files from two folders apart, and speaks English with --lang en", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dtbd-feedback-validate-"));
    for (const district of ["huyen-a", "huyen-b"]) mkdirSync(path.join(dir, district));
    copyFileSync(path.join(SAMPLES, "so-y-te.xlsx"), path.join(dir, "huyen-a", "bao-cao.xlsx"));
    copyFileSync(path.join(SAMPLES, "ubnd-xa-bac-son.xlsx"), path.join(dir, "huyen-b", "bao-cao.xlsx"));
    copyFileSync(path.join(SAMPLES, "so-tai-chinh.xlsx"), path.join(dir, "huyen-b", "so-tai-chinh.xlsx"));
    const inputs = ["huyen-a/bao-cao.xlsx", "huyen-b/bao-cao.xlsx", "huyen-b/so-tai-chinh.xlsx"].map((f) => path.join(dir, f));

    const vi = await runCli(["validate", ...inputs, "--feedback", path.join(dir, "phan-hoi")]);
    expect(vi.code).toBe(1);
    expect(vi.stdout).toContain(`Đã ghi phản hồi cho 2 tệp và tong-hop-phan-hoi.csv vào ${path.join(dir, "phan-hoi")}`);
    expect(readdirSync(path.join(dir, "phan-hoi")).sort()).toEqual(["huyen-a-bao-cao-phan-hoi.xlsx", "huyen-b-bao-cao-phan-hoi.xlsx", "tong-hop-phan-hoi.csv"]);
    const rows = parse(readFileSync(path.join(dir, "phan-hoi", "tong-hop-phan-hoi.csv")).subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r["Tệp đã nộp"], r["Trạng thái"], r["Số lỗi"], r["Số cảnh báo"], r["Tệp phản hồi"]])).toEqual([
      ["huyen-a/bao-cao.xlsx", "sẽ bị loại", "2", "1", "huyen-a-bao-cao-phan-hoi.xlsx"],
      ["huyen-b/bao-cao.xlsx", "sẽ được cộng", "0", "2", "huyen-b-bao-cao-phan-hoi.xlsx"],
      ["so-tai-chinh.xlsx", "sẽ được cộng", "0", "0", ""],
    ]);
    const { grid } = await readWorkbook(readFileSync(path.join(dir, "phan-hoi", "huyen-a-bao-cao-phan-hoi.xlsx")));
    const texts = grid!.sheets[0].rows.flatMap((cells) => (cells ?? []).map((c) => String(c?.value ?? "")));
    expect(texts.find((t) => t.startsWith("Chưa đạt: tệp sẽ bị loại khi tổng hợp vì: Ô E15:"))).toBeTruthy();

    const en = await runCli(["validate", ...inputs, "--feedback", path.join(dir, "feedback-en"), "--lang", "en", "--json"]);
    const json = JSON.parse(en.stdout);
    expect(json.feedback.files.map((f: { source: string; file: string }) => [f.source, path.basename(f.file)])).toEqual([
      ["huyen-a/bao-cao.xlsx", "huyen-a-bao-cao-phan-hoi.xlsx"],
      ["huyen-b/bao-cao.xlsx", "huyen-b-bao-cao-phan-hoi.xlsx"],
    ]);
    const csv = readFileSync(json.feedback.summary, "utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFAgency code,Agency name,File,Year,Status,Errors,Warnings,Reason code,Reason,Feedback file");
    expect(csv).toContain(",would be excluded,2,1,sum.columns,");
    const english = (await readWorkbook(readFileSync(json.feedback.files[0].file))).grid!;
    expect(english.sheets[0].name).toBe("Phản hồi");
    expect(english.sheets[0].rows.flat().map((c) => c?.value)).toContain("What to do");
  });

  it("is in both languages in the commands' help", async () => {
    for (const command of ["validate", "consolidate"]) {
      const help = (await runCli([command, "--help"])).stdout.replace(/\s+/g, " ");
      expect(help).toContain("--feedback <dir> ghi phản hồi cho từng đơn vị vào thư mục");
      expect(help).toContain("/ write feedback for each agency into this directory");
    }
  });
});
