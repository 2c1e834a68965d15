/**
 * `dtbd form learn`, `dtbd form show` and `--form` on the commands that read agencies' files,
 * on the generated official forms (tests/fixtures/generic, manifest.json as the oracle).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli";

const DIR = path.join(__dirname, "fixtures", "generic");
const manifest = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")) as {
  forms: { id: string; template: { file: string }; filled: { file: string; agency: string }[]; planted: { file: string; expectedFindings: { code: string; cell: string }[] }[]; consolidated: { files: string[]; values: Record<string, number> } }[];
};
const btctw = manifest.forms.find((f) => f.id === "btctw10")!;
const noCodeRow = manifest.forms.find((f) => f.id === "xa-khong-ma")!;
const at = (file: string) => path.join(DIR, file);

describe("dtbd form", () => {
  const out = mkdtempSync(path.join(tmpdir(), "dtbd-form-"));
  const formJson = path.join(out, "btctw10.json");

  it("learn writes a definition and prints the row tree and the columns with their relations, in Vietnamese", async () => {
    const run = await runCli(["form", "learn", at(btctw.template.file), "--out", formJson]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Biểu 10-btctw");
    expect(run.stdout).toContain("3 = 4 + 6 + 8");
    expect(run.stdout).toContain("5 ≤ 4  (trong đó)");
    expect(run.stdout).toMatch(/\n {2}A +mã 1 +số thứ tự +TT\n/);
    expect(run.stdout).toMatch(/Cột A mang mã "1" nhưng chứa số thứ tự: coi là cột chữ/);
    expect(run.stdout).toContain(`Đã ghi định nghĩa biểu: ${formJson}`);
    const json = JSON.parse(readFileSync(formJson, "utf8")) as { format: string; id: string; rows: unknown[] };
    expect(json.format).toBe("dtbd-form/1");
    expect(json.id).toBe("10-btctw");
    expect(json.rows).toHaveLength(14);
  });

  it("show prints the same summary (and English on request)", async () => {
    const learn = await runCli(["form", "learn", at(btctw.template.file), "--out", path.join(out, "again.json"), "--quiet"]);
    expect(learn.code).toBe(0);
    const show = await runCli(["form", "show", formJson]);
    expect(show.code).toBe(0);
    const printed = (await runCli(["form", "learn", at(btctw.template.file), "--out", path.join(out, "third.json")])).stdout;
    expect(printed.startsWith(show.stdout)).toBe(true);
    const en = await runCli(["form", "show", formJson, "--lang", "en"]);
    expect(en.stdout).toContain("Column relations:");
    expect(en.stdout).toContain("matched across files by label and place in the tree");
  });

  it("learn says what it could not find on a form without a code row", async () => {
    const run = await runCli(["form", "learn", at(noCodeRow.template.file), "--out", path.join(out, "xa.json")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("không có dòng mã cột");
    expect(run.stdout).toMatch(/! Không tìm thấy dòng mã cột/);
  });

  it("learn refuses a file with no table, and an output over the template, with exit 2", async () => {
    const text = path.join(out, "not-a-form.xlsx");
    writeFileSync(text, "just text");
    const bad = await runCli(["form", "learn", text, "--out", path.join(out, "x.json")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dtbd: .*not-a-form\.xlsx: /);
    const over = await runCli(["form", "learn", at(btctw.template.file), "--out", at(btctw.template.file)]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("trùng với mẫu");
  });

  it("show and --form refuse a broken definition with exit 2, naming the field", async () => {
    const broken = path.join(out, "broken.json");
    const json = JSON.parse(readFileSync(formJson, "utf8")) as { relations: { kind: string; parts?: string[] }[] };
    json.relations[0].parts = ["4", "99"];
    writeFileSync(broken, JSON.stringify(json));
    const show = await runCli(["form", "show", broken]);
    expect(show.code).toBe(2);
    expect(show.stderr).toBe(`dtbd: ${broken}: relations[0].parts[1]: không có cột mã "99".\n`);
    const validate = await runCli(["validate", at(btctw.filled[0].file), "--form", broken]);
    expect(validate.code).toBe(2);
    expect(validate.stdout).toBe("");
    expect(validate.stderr).toContain("relations[0].parts[1]");
  });

  it("validate --form finds the planted errors at their cells, with the table in its JSON", async () => {
    const planted = btctw.planted[0];
    const run = await runCli(["validate", at(planted.file), "--form", formJson, "--json"]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { files: { form: string; findings: { code: string; cell: string }[]; table: { form: string; rows: { key: string }[] } }[] };
    const file = json.files[0];
    expect(file.form).toBe("10-btctw");
    expect(file.findings.map((f) => `${f.code}@${f.cell}`).sort()).toEqual(planted.expectedFindings.map((f) => `${f.code}@${f.cell}`).sort());
    expect(file.table.form).toBe("10-btctw");
    expect(file.table.rows[0].key).toBe("tong-so");
  });

  it("a file of another form gets form.not-found naming the forms tried", async () => {
    const other = manifest.forms.find((f) => f.id === "kh-tinh")!;
    const run = await runCli(["validate", at(other.filled[0].file), "--form", formJson, "--json"]);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { files: { findings: { code: string; message: string }[] }[] }).files[0].findings;
    expect(findings.map((f) => f.code)).toEqual(["form.not-found"]);
    expect(findings[0].message).toContain("đã thử: 10-btctw, 01/ĐTBD");
  });

  it("consolidate --form sums three agencies into the form's table; the JSON carries it", async () => {
    const report = path.join(out, "tong-hop.xlsx");
    const run = await runCli(["consolidate", ...btctw.consolidated.files.map(at), "--form", formJson, "--out", report, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { form: string; included: number; totals: object; table: { columns: { code: string }[]; rows: { key: string; values: Record<string, number> }[] } };
    expect(json.form).toBe("10-btctw");
    expect(json.included).toBe(3);
    expect(json.totals).toEqual({});
    expect(json.table.columns.map((c) => c.code)).toEqual(["3", "4", "5", "6", "7", "8", "9", "10", "11"]);
    // The grand total row (template row 12): its values are the consolidated sums at C12…K12.
    const total = json.table.rows.find((r) => r.key === "tong-so")!;
    const letters = ["C", "D", "E", "F", "G", "H", "I", "J", "K"];
    expect(letters.map((l, i) => total.values[String(i + 3)])).toEqual(letters.map((l) => btctw.consolidated.values[`${l}12`]));
  });

  it("template --form writes a blank copy of the learned form that reads back clean, for its agency and year", async () => {
    const bnv = manifest.forms.find((f) => f.id === "bnv-dtbd")!;
    const def = path.join(out, "bnv.json");
    expect((await runCli(["form", "learn", at(bnv.template.file), "--out", def, "--quiet"])).code).toBe(0);
    const blank = path.join(out, "bnv-2025.xlsx");
    const run = await runCli(["template", "--form", def, "--year", "2025", "--agency", "Sở Nội vụ tỉnh Cao Bằng", "--out", blank]);
    expect(run.code).toBe(0);
    const check = await runCli(["validate", blank, "--form", def, "--json"]);
    expect(check.code).toBe(0);
    const file = (JSON.parse(check.stdout) as { files: { form: string; year: number; agency: { name: string }; findings: unknown[]; table: { rows: { values: Record<string, number> }[] } }[] }).files[0];
    expect(file).toMatchObject({ form: "05-n-bnv-dtbd", year: 2025, agency: { name: "Sở Nội vụ tỉnh Cao Bằng" }, findings: [] });
    expect(file.table.rows.every((r) => Object.values(r.values).every((v) => v === 0))).toBe(true);
  });
});
