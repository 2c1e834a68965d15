import { createHash } from "node:crypto";
import { promises as fs, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli";
import { INCLUDED_LISTED } from "../src/cli/consolidate";
import { editForm, filledForm, filledValues, rowOf } from "./helpers/forms";
import { FIXTURES, FIXTURE_FILES, TRUTH, briefOf, roundedRate } from "./helpers/fixtures";

describe("dtbd validate", () => {
  it("the documented JSON for a directory of fixtures, exit 0 when no error", async () => {
    const run = await runCli(["validate", FIXTURES, "--json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual(FIXTURE_FILES);
    expect(json.ignored).toEqual(["fixtures.json"]);
    const one = json.files.find((f: { file: string }) => f.file === "openpyxl-clean.xlsx");
    const truth = TRUTH["openpyxl-clean.xlsx"];
    expect(Object.keys(one)).toEqual(["file", "sha256", "form", "agency", "year", "totals", "findings", "table"]);
    expect(one.sha256).toBe(createHash("sha256").update(readFileSync(path.join(FIXTURES, "openpyxl-clean.xlsx"))).digest("hex"));
    expect(one.form).toBe("01/ĐTBD");
    expect(one.year).toBe(2024);
    expect(one.agency).toEqual({ code: truth.agency, name: truth.agencyName });
    expect(Object.keys(one.totals)).toHaveLength(40);
    for (const [code, t] of Object.entries(truth.totals)) expect(one.totals[code], code).toEqual({ ...t, rate: roundedRate(t.plan, t.actual) });
    // The row of zeros has no rate; the actual without a plan is its one finding.
    expect(one.totals["18"]).toEqual({ plan: 0, actual: 0, rate: null });
    expect(briefOf(one.findings)).toEqual(["actual.unplanned@J50"]);
    const f = one.findings[0];
    expect(Object.keys(f).slice(0, 7)).toEqual(["code", "severity", "sheet", "cell", "row", "column", "message"]);
    expect(f).toMatchObject({ code: "actual.unplanned", severity: "info", sheet: "01-DTBD", cell: "J50", row: "40", column: "6", actual: 2 });
    expect(f.message).toBe("Dòng 40: thực hiện 2 nhưng không có kế hoạch (ngoài kế hoạch).");
    for (const file of json.files) expect(briefOf(file.findings), file.file).toEqual(briefOf(TRUTH[file.file].findings));
  });

  it("names the subdirectories it does not read (not recursive, as documented) with the workbooks they hold; lock files, macOS twins and archives are not read as workbooks", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-subdirs-"));
    const form = await filledForm();
    await fs.writeFile(path.join(dir, "so-noi-vu.xlsx"), form);
    await fs.mkdir(path.join(dir, "huyen-chi-lang"));
    await fs.writeFile(path.join(dir, "huyen-chi-lang", "ubnd-xa-a.xlsx"), form);
    await fs.writeFile(path.join(dir, "huyen-chi-lang", "ubnd-xa-b.xlsx"), form);
    await fs.writeFile(path.join(dir, "huyen-chi-lang", "ghi-chu.txt"), "");
    await fs.mkdir(path.join(dir, "Huyện Đình Lập"));
    await fs.mkdir(path.join(dir, ".git"));
    await fs.mkdir(path.join(dir, "__MACOSX"));
    await fs.writeFile(path.join(dir, "__MACOSX", "._so-noi-vu.xlsx"), "");
    await fs.writeFile(path.join(dir, "._so-noi-vu.xlsx"), "mac metadata");
    await fs.writeFile(path.join(dir, "~$so-noi-vu.xlsx"), "lock");
    await fs.writeFile(path.join(dir, "ho-so-huyen-loc-binh.zip"), "PK");

    const json = JSON.parse((await runCli(["validate", dir, "--json"])).stdout);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual(["so-noi-vu.xlsx"]);
    expect([...json.ignored].sort()).toEqual(["._so-noi-vu.xlsx", "ho-so-huyen-loc-binh.zip", "~$so-noi-vu.xlsx"]);
    expect(json.skippedDirectories).toEqual([
      { name: "huyen-chi-lang", workbooks: 2 },
      { name: "Huyện Đình Lập", workbooks: 0 },
    ]);
    const text = (await runCli(["validate", dir])).stdout;
    expect(text).toContain("Tệp nén không được đọc: ho-so-huyen-loc-binh.zip. Hãy giải nén các bảng tính trong đó vào thư mục rồi chạy lại.");
    expect(text).toContain(`Không đọc thư mục con (chỉ đọc các tệp nằm ngay trong thư mục đã chỉ): huyen-chi-lang${path.sep} (2 bảng tính), Huyện Đình Lập${path.sep} (0 bảng tính).`);

    const out = path.join(os.tmpdir(), `dtbd-subdirs-${process.pid}.xlsx`);
    const consolidated = await runCli(["consolidate", dir, "--out", out, "--json", "--lang", "en"]);
    const report = JSON.parse(consolidated.stdout);
    expect(report.sources.map((s: { file: string }) => s.file)).toEqual(["so-noi-vu.xlsx"]);
    expect(report.skippedDirectories).toEqual(json.skippedDirectories);
    const summary = (await runCli(["consolidate", dir, "--out", out, "--lang", "en"])).stdout;
    expect(summary).toContain("Archives are not read: ho-so-huyen-loc-binh.zip.");
    expect(summary).toContain(`Subdirectories not read (only the files directly inside the given directory are): huyen-chi-lang${path.sep} (2 workbooks)`);
    // Naming the folder reads it.
    const both = JSON.parse((await runCli(["consolidate", dir, path.join(dir, "huyen-chi-lang"), "--out", out, "--json"])).stdout);
    expect(both.sources.map((s: { file: string }) => s.file)).toEqual(["so-noi-vu.xlsx", "ubnd-xa-a.xlsx", "ubnd-xa-b.xlsx"]);
    await fs.rm(out, { force: true });
  });

  it("consolidate's summary lists every excluded file, and past a screenful of included ones only those with warnings", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-many-"));
    const count = INCLUDED_LISTED + 5;
    for (let i = 1; i <= count; i++) {
      const code = `000.00.${String(i).padStart(2, "0")}.H39`;
      let bytes = await filledForm(filledValues(i), { agencyName: `Đơn vị số ${i}`, agencyCode: code });
      if (i % 10 === 0) bytes = await editForm(bytes, (ws) => (ws.getCell(rowOf(ws, "08"), 4).value = "Lượt người")); // unit.mismatch, a warning
      if (i === count) bytes = await editForm(bytes, (ws) => (ws.getCell("E15").value = 999));
      await fs.writeFile(path.join(dir, `${String(i).padStart(3, "0")}.xlsx`), bytes);
    }
    const out = path.join(os.tmpdir(), `dtbd-many-${process.pid}.xlsx`);
    const text = (await runCli(["consolidate", dir, "--out", out])).stdout;
    const included = text.slice(text.indexOf("Tệp đã tổng hợp:"), text.indexOf("Tệp bị loại:"));
    expect(included.match(/✓ (\d+)\.xlsx/g)).toEqual(["✓ 010.xlsx", "✓ 020.xlsx", "✓ 030.xlsx", "✓ 040.xlsx"]);
    expect(included).toContain(`… và ${count - 1 - 4} tệp khác, trong đó 0 tệp có cảnh báo (danh sách đầy đủ ở trang “Nguồn” của báo cáo, hoặc dùng --json).`);
    expect(text).toContain(`✗ ${String(count).padStart(3, "0")}.xlsx  sum.columns`);
    const json = JSON.parse((await runCli(["consolidate", dir, "--out", out, "--json"])).stdout);
    expect(json.sources).toHaveLength(count);
    await fs.rm(out, { force: true });
  });

  it("files of the same name from different folders are told apart by their folder", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-same-name-"));
    for (const [district, agency, code] of [
      ["huyen-chi-lang", "UBND xã Chi Lăng", "000.00.51.H39"],
      ["huyen-dinh-lap", "UBND xã Đình Lập", "000.00.52.H39"],
    ]) {
      await fs.mkdir(path.join(root, district));
      await fs.writeFile(path.join(root, district, "bao-cao.xlsx"), await filledForm(undefined, { agencyName: agency, agencyCode: code }));
    }
    await fs.writeFile(path.join(root, "huyen-chi-lang", "so-noi-vu.xlsx"), await filledForm());
    const out = path.join(os.tmpdir(), `dtbd-same-name-${process.pid}.xlsx`);
    const run = await runCli(["consolidate", path.join(root, "huyen-chi-lang"), path.join(root, "huyen-dinh-lap"), "--out", out, "--json"]);
    const json = JSON.parse(run.stdout);
    expect(json.sources.map((s: { file: string }) => s.file)).toEqual([
      path.join("huyen-chi-lang", "bao-cao.xlsx"),
      "so-noi-vu.xlsx",
      path.join("huyen-dinh-lap", "bao-cao.xlsx"),
    ]);
    expect(json.included).toBe(3);
    await fs.rm(out, { force: true });
  });

  it("exit 1 with an error finding, messages in English with --lang en", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-validate-"));
    const file = path.join(dir, "sai.xlsx");
    await fs.writeFile(file, await editForm(await filledForm(), (ws) => (ws.getCell("E15").value = 999)));
    const run = await runCli(["validate", file, "--json", "--lang", "en"]);
    expect(run.code).toBe(1);
    const finding = JSON.parse(run.stdout).files[0].findings.find((x: { code: string }) => x.code === "sum.columns");
    expect(finding).toMatchObject({ severity: "error", sheet: "01-DTBD", cell: "E15", row: "05", column: "1", actual: 999 });
    expect(finding.message).toMatch(/differs from the sum of columns 2\+3\+4\+5/);
    const human = await runCli(["validate", file]);
    expect(human.stdout).toContain("E15");
    expect(human.stdout).toContain("LỖI");
  });

  it("exit 2 for a missing input or bad arguments", async () => {
    expect((await runCli(["validate", "/no/such/file.xlsx"])).code).toBe(2);
    expect((await runCli(["validate"])).code).toBe(2);
    expect((await runCli(["validate", FIXTURES, "--lang", "fr"])).code).toBe(2);
  });

  it("says what is wrong with the command line in Vietnamese first, with the English after it; --version", async () => {
    const said = async (...args: string[]) => {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      return run.stderr.trim();
    };
    expect(await said("consolidate", FIXTURES)).toBe("dtbd: thiếu tùy chọn bắt buộc --out <report> (required option --out <report> not specified)");
    expect(await said("consolidate", FIXTURES, "--out", "x.xlsx", "--yaer", "2024")).toBe(
      "dtbd: không có tùy chọn --yaer (unknown option) – có phải ý bạn là --year? (did you mean --year?)",
    );
    expect(await said("consolidat")).toBe("dtbd: không có lệnh consolidat (unknown command) – có phải ý bạn là consolidate? (did you mean consolidate?)");
    expect(await said("consolidate", FIXTURES, "--out", "x.xlsx", "--year", "24")).toBe('dtbd: giá trị "24" của --year <yyyy> không hợp lệ, cần YYYY (invalid value)');
    expect(await said("validate", FIXTURES, "--lang", "fr")).toBe('dtbd: giá trị "fr" của --lang <lang> không hợp lệ, cần một trong: vi, en (invalid value)');
    expect(await said("validate")).toBe("dtbd: thiếu files: tệp hoặc thư mục cần đọc (missing argument files)");
    const version = await runCli(["--version"]);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(await fs.readFile(path.resolve(__dirname, "../package.json"), "utf8")) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await runCli(["consolidate", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Cách dùng / Usage: dtbd consolidate [options] <inputs...>");
    expect(help.stdout).toContain("Tùy chọn / Options:");
    expect(help.stdout.replace(/\s+/g, " ")).toContain("--roster <file> danh sách đơn vị phải nộp (.csv, .xlsx) / roster of expected agencies");
  });

  it("template writes a blank form that validates clean", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-template-"));
    const out = path.join(dir, "mau.xlsx");
    const made = await runCli(["template", "--year", "2026", "--agency", "Sở Tư pháp", "--code", "000.00.14.H39", "--out", out]);
    expect(made.code).toBe(0);
    const run = await runCli(["validate", out, "--json"]);
    const json = JSON.parse(run.stdout).files[0];
    expect(json.findings).toEqual([]);
    expect(json.year).toBe(2026);
    expect(json.agency).toEqual({ code: "000.00.14.H39", name: "Sở Tư pháp" });
  });
});
