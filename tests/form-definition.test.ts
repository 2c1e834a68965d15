/**
 * A form definition is input like any workbook: it is checked against the JSON Schema and
 * for what a schema cannot say, and every refusal names the field. The built-in form 01 is
 * one such definition, and passes the same gate.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FORM01_DEFINITION } from "../src/core/form/builtin";
import type { FormDefinition } from "../src/core/form/definition";
import { MAX_DEFINITION_BYTES, definitionFromJson, fieldPath, parseDefinition } from "../src/core/form/load";

const ROOT = path.join(__dirname, "..");

/** A small valid definition: TT, label, three numbers 3=4+5, a subset column 6 of 3; two rows. */
function sample(): FormDefinition {
  return {
    format: "dtbd-form/1",
    id: "10-btctw",
    name: "Kết quả đào tạo",
    recognise: { formNumber: "Biểu số 10-BTCTW", titles: ["KẾT QUẢ ĐÀO TẠO"], unitLine: null, sheet: null },
    table: { headerTop: 5, headerBottom: 6, codeRow: 7, firstBodyRow: 8, lastBodyRow: 9 },
    columns: [
      { code: "1", letter: "A", header: ["TT"], kind: "tt" },
      { code: "2", letter: "B", header: ["Chương trình"], kind: "label" },
      { code: "3", letter: "C", header: ["Tổng số"], kind: "number", integer: true },
      { code: "4", letter: "D", header: ["Chia ra", "Nam"], kind: "number" },
      { code: "5", letter: "E", header: ["Chia ra", "Nữ"], kind: "number" },
      { code: "6", letter: "F", header: ["Trong đó: lãnh đạo"], kind: "number" },
    ],
    relations: [
      { kind: "sum", total: "3", parts: ["4", "5"] },
      { kind: "subset", total: "3", part: "6" },
    ],
    rows: [
      { key: "i/dao-tao", tt: "I", label: "Đào tạo", parent: null, relation: null, excelRow: 8 },
      { key: "i/dao-tao/1/ly-luan", tt: "1", label: "Lý luận", parent: "i/dao-tao", relation: "sum", excelRow: 9 },
    ],
    rowKey: "label",
  };
}

function refused(value: unknown): { field: string; vi: string; en: string } {
  const r = definitionFromJson(value);
  if (r.ok) throw new Error("accepted");
  return { field: r.error.field, vi: r.error.message.vi, en: r.error.message.en };
}

function edited(change: (d: FormDefinition & Record<string, unknown>) => void): unknown {
  const d = JSON.parse(JSON.stringify(sample())) as FormDefinition & Record<string, unknown>;
  change(d);
  return d;
}

describe("form definitions", () => {
  it("the built-in form 01/ĐTBD passes the schema and the checks, as JSON", () => {
    const r = definitionFromJson(JSON.parse(JSON.stringify(FORM01_DEFINITION)));
    expect(r.ok).toBe(true);
    expect(FORM01_DEFINITION.columns.map((c) => c.code).join(",")).toBe("A,B,C,D,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,E");
    expect(FORM01_DEFINITION.relations).toEqual([
      { kind: "sum", total: "1", parts: ["2", "3", "4", "5"] },
      { kind: "sum", total: "6", parts: ["7", "8", "9", "10"] },
      { kind: "subset", total: "6", part: "11" },
      { kind: "subset", total: "6", part: "12" },
      { kind: "ratio", result: "13", numerator: "6", denominator: "1" },
    ]);
    expect(FORM01_DEFINITION.rows).toHaveLength(40);
    expect(FORM01_DEFINITION.rows.find((r) => r.key === "14")).toMatchObject({ tt: "II", label: "BỒI DƯỠNG", parent: null, unit: "Lượt người", excelRow: 24 });
    expect(FORM01_DEFINITION.rows.find((r) => r.key === "31")).toMatchObject({ parent: "28", relation: "sum" });
  });

  it("a valid definition loads from its text, with or without a byte-order mark", () => {
    expect(parseDefinition(JSON.stringify(sample())).ok).toBe(true);
    expect(parseDefinition("\ufeff" + JSON.stringify(sample())).ok).toBe(true);
  });

  it("the committed validator is what the schema compiles to", () => {
    expect(() => execFileSync(process.execPath, [path.join(ROOT, "scripts/make-schema-check.cjs"), "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("field paths read like the JSON: columns[3].kind", () => {
    expect(fieldPath("/columns/3/kind")).toBe("columns[3].kind");
    expect(fieldPath("/layout/widths/A~1B")).toBe("layout.widths.A/B");
    expect(fieldPath("")).toBe("");
  });

  const cases: [string, () => unknown, string, RegExp][] = [
    ["a required field missing", () => edited((d) => delete (d as Partial<FormDefinition>).rows), "rows", /thiếu trường bắt buộc/],
    ["a misspelt field", () => edited((d) => (d.colums = [])), "colums", /không có trong lược đồ/],
    ["an unknown column kind", () => edited((d) => ((d.columns[2] as { kind: string }).kind = "số")), "columns[2].kind", /phải là một trong/],
    ["a number where text belongs", () => edited((d) => ((d as { id: unknown }).id = 10)), "id", /phải là string/],
    ["the wrong format", () => edited((d) => ((d as { format: string }).format = "dtbd-form/9")), "format", /phải là "dtbd-form\/1"/],
    ["a relation of no kind's shape", () => edited((d) => d.relations.push({ kind: "sum", total: "3", part: "4" } as never)), "relations[2]", /đúng các trường của một loại/],
    ["too many columns", () => edited((d) => (d.columns = Array.from({ length: 300 }, (_, i) => ({ code: `${i + 1}`, letter: "A", header: [], kind: "number" as const })))), "columns", /quá dài \(tối đa 256\)/],
    ["a sum that names an unknown column", () => edited((d) => (d.relations[0] = { kind: "sum", total: "3", parts: ["4", "9"] })), "relations[0].parts[1]", /không có cột mã "9"/],
    ["a sum over a text column", () => edited((d) => (d.relations[0] = { kind: "sum", total: "3", parts: ["2", "4"] })), "relations[0].parts[0]", /cột chữ/],
    ["columns that add up in a circle", () => edited((d) => d.relations.push({ kind: "sum", total: "4", parts: ["3", "5"] })), "relations", /vòng tròn: (3 → 4 → 3|4 → 3 → 4)/],
    ["a column part of itself", () => edited((d) => (d.relations[0] = { kind: "sum", total: "3", parts: ["3", "4"] })), "relations[0].parts", /phần của chính nó/],
    ["a column code used twice", () => edited((d) => (d.columns[5].code = "3")), "columns[5].code", /đã có ở columns\[2\]/],
    ["a row key used twice", () => edited((d) => (d.rows[1].key = "i/dao-tao")), "rows[1].key", /đã có ở rows\[0\]/],
    ["a parent that is no row", () => edited((d) => (d.rows[1].parent = "ii/boi-duong")), "rows[1].parent", /không có dòng khóa "ii\/boi-duong"/],
    ["parents in a circle", () => edited((d) => { d.rows[0].parent = "i/dao-tao/1/ly-luan"; d.rows[0].relation = "sum"; }), "rows[0].parent", /vòng tròn/],
    ["a child without its relation", () => edited((d) => (d.rows[1].relation = null)), "rows[1].relation", /phải ghi quan hệ/],
    ["an attainment pair on an unknown column", () => edited((d) => (d.attainment = [{ plan: "3", actual: "99" }])), "attainment[0].actual", /không có cột mã "99"/],
    ["rows keyed by a code column the form lacks", () => edited((d) => (d.rowKey = "code")), "rowKey", /cột Mã số/],
    ["a body above its headers", () => edited((d) => (d.table.firstBodyRow = 6)), "table.firstBodyRow", /dưới tiêu đề cột/],
  ];
  for (const [what, make, field, message] of cases)
    it(`refuses ${what}, naming ${field || "the document"}`, () => {
      const r = refused(make());
      expect(r.field).toBe(field);
      expect(r.vi).toMatch(message);
      expect(r.vi.startsWith(field ? `${field}: ` : "")).toBe(true);
      expect(r.en.length).toBeGreaterThan(field.length + 10);
    });

  it("refuses prototype keys anywhere, before the schema sees them", () => {
    expect(refused(JSON.parse('{"__proto__": {"polluted": true}}')).field).toBe("__proto__");
    const nested = JSON.parse(JSON.stringify(sample())) as { columns: Record<string, unknown>[] };
    nested.columns[1] = JSON.parse('{"code":"2","letter":"B","header":[],"kind":"label","constructor":{"prototype":{}}}') as Record<string, unknown>;
    expect(refused(nested).field).toBe("columns[1].constructor");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses text that is not JSON, a file too large, and nesting too deep, without throwing", () => {
    const notJson = parseDefinition("{ id: 'x' ");
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error.message.vi).toMatch(/không phải JSON hợp lệ/);
    const huge = parseDefinition(" ".repeat(MAX_DEFINITION_BYTES + 1));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.message.vi).toMatch(/quá lớn/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const r = definitionFromJson({ ...sample(), name: deep });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.vi).toMatch(/lồng nhau quá sâu/);
  });
});
