/**
 * Loading a form definition: a definition is input like any workbook, so it is bounded in
 * size and depth, refused when it carries prototype keys, checked against the JSON Schema
 * (form-definition.schema.json, compiled ahead of time: the pane's policy forbids eval) and
 * then for what a schema cannot say: codes and keys that exist, no cycles. Every refusal
 * names the field, in Vietnamese and English. Nothing here throws.
 */
import type { Message } from "../findings";
import { type ColumnRelation, type FormDefinition, isNumericKind } from "./definition";
import { validate as schemaCheck } from "./schema-check.generated";

/** A definition of the largest official form is ~200 KB with its layout; ten times that is plenty. */
export const MAX_DEFINITION_BYTES = 2_000_000;
const MAX_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export interface DefinitionError {
  /** The field, as a path: "columns[3].kind"; "" for the whole document. */
  field: string;
  message: Message;
}

export type LoadResult = { ok: true; definition: FormDefinition } | { ok: false; error: DefinitionError };

function fail(field: string, vi: string, en: string): LoadResult {
  return { ok: false, error: { field, message: { vi: `${field ? `${field}: ` : ""}${vi}`, en: `${field ? `${field}: ` : ""}${en}` } } };
}

/** "/columns/3/kind" → "columns[3].kind". */
export function fieldPath(pointer: string): string {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

/** Depth and prototype keys, before anything else looks at the object. */
function inspectShape(value: unknown, path: string, depth: number): LoadResult | null {
  if (depth > MAX_DEPTH) return fail(path, `lồng nhau quá sâu (quá ${MAX_DEPTH} cấp).`, `nested too deeply (over ${MAX_DEPTH} levels).`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = inspectShape(value[i], `${path}[${i}]`, depth + 1);
      if (bad) return bad;
    }
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return fail(child, `tên trường "${key}" không được phép.`, `the key "${key}" is not allowed.`);
      const bad = inspectShape((value as Record<string, unknown>)[key], child, depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

function describeSchemaError(e: SchemaError): LoadResult {
  const field = fieldPath(e.instancePath);
  const p = e.params;
  switch (e.keyword) {
    case "required": {
      const name = String(p.missingProperty);
      return fail(field ? `${field}.${name}` : name, "thiếu trường bắt buộc.", "required field is missing.");
    }
    case "additionalProperties": {
      const name = String(p.additionalProperty);
      return fail(field ? `${field}.${name}` : name, "trường không có trong lược đồ (gõ sai tên?).", "unknown field (misspelt?).");
    }
    case "type":
      return fail(field, `phải là ${String(p.type)}.`, `must be ${String(p.type)}.`);
    case "enum":
      return fail(field, `phải là một trong: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`, `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`);
    case "const":
      return fail(field, `phải là ${JSON.stringify(p.allowedValue)}.`, `must be ${JSON.stringify(p.allowedValue)}.`);
    case "maxItems":
    case "maxLength":
    case "maxProperties":
      return fail(field, `quá dài (tối đa ${String(p.limit)}).`, `too long (at most ${String(p.limit)}).`);
    case "minItems":
    case "minLength":
      return fail(field, `quá ngắn (ít nhất ${String(p.limit)}).`, `too short (at least ${String(p.limit)}).`);
    case "minimum":
    case "maximum":
      return fail(field, `ngoài giới hạn (${e.keyword === "minimum" ? "≥" : "≤"} ${String(p.limit)}).`, `out of range (${e.keyword === "minimum" ? "≥" : "≤"} ${String(p.limit)}).`);
    case "pattern":
      return fail(field, `không đúng dạng (${String(p.pattern)}).`, `has the wrong shape (${String(p.pattern)}).`);
    case "oneOf":
      return fail(field, "quan hệ phải có đúng các trường của một loại: sum {total, parts}, subset {total, part} hoặc ratio {result, numerator, denominator}.", "a relation must have exactly the fields of one kind: sum {total, parts}, subset {total, part} or ratio {result, numerator, denominator}.");
    default:
      return fail(field, `không hợp lệ (${e.message ?? e.keyword}).`, `is invalid (${e.message ?? e.keyword}).`);
  }
}

function relationCodes(relation: ColumnRelation): [string, string][] {
  switch (relation.kind) {
    case "sum":
      return [["total", relation.total], ...relation.parts.map((p, i): [string, string] => [`parts[${i}]`, p])];
    case "subset":
      return [
        ["total", relation.total],
        ["part", relation.part],
      ];
    case "ratio":
      return [
        ["result", relation.result],
        ["numerator", relation.numerator],
        ["denominator", relation.denominator],
      ];
  }
}

/** A column that is (through other sums) a part of itself: 3=4+5 and 4=3+6. */
function sumCycle(relations: readonly ColumnRelation[]): string[] | null {
  const parts = new Map<string, string[]>();
  for (const r of relations) if (r.kind === "sum") parts.set(r.total, [...(parts.get(r.total) ?? []), ...r.parts]);
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (code: string): string[] | null => {
    if (state.get(code) === 2) return null;
    if (state.get(code) === 1) return [...stack.slice(stack.indexOf(code)), code];
    state.set(code, 1);
    stack.push(code);
    for (const p of parts.get(code) ?? []) {
      const cycle = visit(p);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(code, 2);
    return null;
  };
  for (const code of parts.keys()) {
    const cycle = visit(code);
    if (cycle) return cycle;
  }
  return null;
}

/** What the schema cannot say: references that resolve, unique keys, no cycles, a coherent table. */
export function checkDefinition(def: FormDefinition): LoadResult {
  const columns = new Map<string, number>();
  const letters = new Set<string>();
  for (let i = 0; i < def.columns.length; i++) {
    const c = def.columns[i];
    if (columns.has(c.code)) return fail(`columns[${i}].code`, `mã cột "${c.code}" đã có ở columns[${columns.get(c.code)}].`, `column code "${c.code}" is already used by columns[${columns.get(c.code)}].`);
    if (letters.has(c.letter)) return fail(`columns[${i}].letter`, `cột ${c.letter} đã được mô tả.`, `column ${c.letter} is described twice.`);
    columns.set(c.code, i);
    letters.add(c.letter);
  }
  for (let i = 0; i < def.relations.length; i++) {
    const relation = def.relations[i];
    for (const [name, code] of relationCodes(relation)) {
      const index = columns.get(code);
      if (index === undefined) return fail(`relations[${i}].${name}`, `không có cột mã "${code}".`, `there is no column with code "${code}".`);
      if (!isNumericKind(def.columns[index].kind))
        return fail(`relations[${i}].${name}`, `cột "${code}" là cột chữ (${def.columns[index].kind}), không tham gia phép tính được.`, `column "${code}" is a text column (${def.columns[index].kind}) and takes no part in arithmetic.`);
    }
    if (relation.kind === "sum" && relation.parts.includes(relation.total))
      return fail(`relations[${i}].parts`, `cột "${relation.total}" không thể là phần của chính nó.`, `column "${relation.total}" cannot be a part of itself.`);
    if (relation.kind === "subset" && relation.part === relation.total)
      return fail(`relations[${i}].part`, `cột "${relation.total}" không thể là "trong đó" của chính nó.`, `column "${relation.total}" cannot be a subset of itself.`);
  }
  const cycle = sumCycle(def.relations);
  if (cycle) return fail("relations", `các cột cộng vòng tròn: ${cycle.join(" → ")}.`, `columns add up in a circle: ${cycle.join(" → ")}.`);

  const rows = new Map<string, number>();
  for (let i = 0; i < def.rows.length; i++) {
    const key = def.rows[i].key;
    if (rows.has(key)) return fail(`rows[${i}].key`, `khóa dòng "${key}" đã có ở rows[${rows.get(key)}].`, `row key "${key}" is already used by rows[${rows.get(key)}].`);
    rows.set(key, i);
  }
  for (let i = 0; i < def.rows.length; i++) {
    const row = def.rows[i];
    if (row.parent === null) {
      if (row.relation !== null) return fail(`rows[${i}].relation`, "dòng không có dòng cha thì quan hệ phải là null.", "a row without a parent must have relation null.");
      continue;
    }
    if (!rows.has(row.parent)) return fail(`rows[${i}].parent`, `không có dòng khóa "${row.parent}".`, `there is no row with key "${row.parent}".`);
    if (row.relation === null) return fail(`rows[${i}].relation`, `dòng có dòng cha thì phải ghi quan hệ: "sum", "subset" hoặc "none".`, `a row with a parent needs a relation: "sum", "subset" or "none".`);
    // Walk up: a row may not be its own ancestor.
    const seen = new Set<string>([row.key]);
    let up: string | null = row.parent;
    while (up !== null) {
      if (seen.has(up)) return fail(`rows[${i}].parent`, `dòng cha vòng tròn: ${[...seen, up].join(" → ")}.`, `parent rows form a circle: ${[...seen, up].join(" → ")}.`);
      seen.add(up);
      up = def.rows[rows.get(up)!].parent;
    }
  }
  for (let i = 0; i < (def.attainment ?? []).length; i++) {
    const pair = def.attainment![i];
    for (const name of ["plan", "actual", "rate"] as const) {
      const code = pair[name];
      if (code === undefined || code === null) continue;
      const index = columns.get(code);
      if (index === undefined) return fail(`attainment[${i}].${name}`, `không có cột mã "${code}".`, `there is no column with code "${code}".`);
      if (!isNumericKind(def.columns[index].kind)) return fail(`attainment[${i}].${name}`, `cột "${code}" không phải cột số.`, `column "${code}" is not a numeric column.`);
    }
  }
  const t = def.table;
  if (t.headerTop > t.headerBottom) return fail("table.headerBottom", "phải ≥ headerTop.", "must be ≥ headerTop.");
  if (t.codeRow !== null && t.codeRow <= t.headerBottom)
    return fail("table.codeRow", "dòng mã cột phải nằm dưới tiêu đề cột.", "the code row must be below the column headers.");
  if (t.firstBodyRow <= t.headerBottom) return fail("table.firstBodyRow", "phải nằm dưới tiêu đề cột.", "must be below the column headers.");
  if (t.codeRow !== null && t.firstBodyRow <= t.codeRow) return fail("table.firstBodyRow", "phải nằm dưới dòng mã cột.", "must be below the code row.");
  if (t.lastBodyRow < t.firstBodyRow - 1) return fail("table.lastBodyRow", "phải ≥ firstBodyRow.", "must be ≥ firstBodyRow.");
  if (def.rowKey === "code" && !def.columns.some((c) => c.kind === "code"))
    return fail("rowKey", `"code" cần một cột Mã số (kind "code").`, `"code" needs a row-code column (kind "code").`);
  return { ok: true, definition: def };
}

/** A definition from parsed JSON (an object of unknown shape). */
export function definitionFromJson(value: unknown): LoadResult {
  const shape = inspectShape(value, "", 0);
  if (shape) return shape;
  if (!schemaCheck(value)) {
    const errors = (schemaCheck as unknown as { errors?: SchemaError[] }).errors ?? [];
    // A relation that fits no kind reports each kind's complaint, then the one that explains them.
    const chosen = errors.find((e) => e.keyword === "oneOf") ?? errors[0];
    return chosen ? describeSchemaError(chosen) : fail("", "không đúng lược đồ.", "does not match the schema.");
  }
  return checkDefinition(value as FormDefinition);
}

/** A definition from the text of a .json file. */
export function parseDefinition(text: string): LoadResult {
  if (text.length > MAX_DEFINITION_BYTES)
    return fail("", `tệp định nghĩa quá lớn (${text.length} ký tự; tối đa ${MAX_DEFINITION_BYTES}).`, `the definition file is too large (${text.length} characters; at most ${MAX_DEFINITION_BYTES}).`);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail("", `không phải JSON hợp lệ (${detail}).`, `is not valid JSON (${detail}).`);
  }
  return definitionFromJson(value);
}
