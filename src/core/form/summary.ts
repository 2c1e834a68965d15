/**
 * A form definition told in words, so that a person can check what was understood before
 * trusting it: what recognises the form, where its table is, each column with its kind and
 * arithmetic, the row tree with how each row counts, and what learning was unsure of.
 * `dtbd form learn` and `dtbd form show` print it; the task pane shows it.
 */
import type { Lang } from "../findings";
import { type FormDefinition, type FormRowDef } from "./definition";
import { KIND_EN, KIND_VI } from "./learn";

const T = {
  form: { vi: "Biểu", en: "Form" },
  recognise: { vi: "Nhận biết", en: "Recognised by" },
  number: { vi: "số biểu", en: "form number" },
  title: { vi: "tiêu đề", en: "title" },
  unitLine: { vi: "đơn vị tính", en: "unit line" },
  columnsOnly: { vi: "chỉ theo các cột", en: "its columns only" },
  table: { vi: "Bảng", en: "Table" },
  columns: { vi: "Cột", en: "Columns" },
  relations: { vi: "Quan hệ giữa các cột", en: "Column relations" },
  none: { vi: "(không có)", en: "(none)" },
  pairs: { vi: "Kế hoạch → thực hiện", en: "Plan → actual" },
  rows: { vi: "Dòng", en: "Rows" },
  byCode: { vi: "khớp giữa các tệp theo Mã số", en: "matched across files by Mã số" },
  byLabel: { vi: "khớp giữa các tệp theo tên dòng và vị trí trong cây", en: "matched across files by label and place in the tree" },
  legend: {
    vi: "(+ cộng vào dòng cha; ⊂ “trong đó” của dòng cha, không cộng; · không cộng)",
    en: "(+ adds into its parent; ⊂ “of which” of its parent, not added; · not added)",
  },
  notes: { vi: "Cần xem lại", en: "To check" },
  integer: { vi: "số nguyên", en: "whole numbers" },
  unit: { vi: "đơn vị", en: "unit" },
} as const;

function t(key: keyof typeof T, lang: Lang): string {
  return T[key][lang];
}

function rows(definition: FormDefinition, lang: Lang): string[] {
  const children = new Map<string | null, FormRowDef[]>();
  for (const row of definition.rows) children.set(row.parent, [...(children.get(row.parent) ?? []), row]);
  const out: string[] = [];
  const visit = (row: FormRowDef, depth: number) => {
    const mark = row.relation === "sum" ? "+" : row.relation === "subset" ? "⊂" : row.relation === "none" ? "·" : " ";
    const code = row.code && definition.rowKey === "code" ? `[${row.code}] ` : "";
    const unit = row.unit ? `  (${row.unit})` : "";
    const at = row.excelRow ? `  ${lang === "vi" ? "dòng" : "row"} ${row.excelRow}` : "";
    out.push(`  ${"  ".repeat(depth)}${mark} ${code}${row.tt ? row.tt + " " : ""}${row.label}${unit}${at}`);
    if (depth < 32) for (const child of children.get(row.key) ?? []) visit(child, depth + 1);
  };
  for (const top of children.get(null) ?? []) visit(top, 0);
  return out;
}

export function describeForm(definition: FormDefinition, lang: Lang = "vi"): string {
  const out: string[] = [];
  out.push(`${t("form", lang)} ${definition.id} — ${definition.name}`);
  const r = definition.recognise;
  const by = [
    r.formNumber ? `${t("number", lang)} “${r.formNumber}”` : null,
    ...(r.titles ?? []).map((title) => `${t("title", lang)} “${title}”`),
    r.unitLine ? `${t("unitLine", lang)} “${r.unitLine}”` : null,
  ].filter((x): x is string => x !== null);
  out.push(`  ${t("recognise", lang)}: ${by.length > 0 ? by.join("; ") : t("columnsOnly", lang)}`);
  const tb = definition.table;
  const headers = tb.headerTop === tb.headerBottom ? `${tb.headerTop}` : `${tb.headerTop}–${tb.headerBottom}`;
  out.push(
    lang === "vi"
      ? `  ${t("table", lang)}: tiêu đề cột dòng ${headers}${tb.codeRow ? `, dòng mã cột ${tb.codeRow}` : ", không có dòng mã cột"}, thân bảng dòng ${tb.firstBodyRow}–${tb.lastBodyRow}${r.sheet ? ` (trang “${r.sheet}”)` : ""}`
      : `  ${t("table", lang)}: column headers row ${headers}${tb.codeRow ? `, code row ${tb.codeRow}` : ", no code row"}, body rows ${tb.firstBodyRow}–${tb.lastBodyRow}${r.sheet ? ` (sheet “${r.sheet}”)` : ""}`,
  );
  if (definition.unit) out.push(`  ${t("unit", lang)}: ${definition.unit}`);

  out.push("", `${t("columns", lang)} (${definition.columns.length}):`);
  const kindName = lang === "vi" ? KIND_VI : KIND_EN;
  const width = Math.max(...definition.columns.map((c) => c.code.length));
  for (const c of definition.columns) {
    const kind = kindName[c.kind] + (c.integer ? `, ${t("integer", lang)}` : "");
    out.push(`  ${c.letter.padEnd(3)} ${(lang === "vi" ? "mã " : "code ") + c.code.padEnd(width)}  ${kind.padEnd(22)} ${c.header.join(" / ")}`);
  }
  out.push("", `${t("relations", lang)}:`);
  if (definition.relations.length === 0) out.push(`  ${t("none", lang)}`);
  for (const rel of definition.relations) {
    if (rel.kind === "sum") out.push(`  ${rel.total} = ${rel.parts.join(" + ")}`);
    else if (rel.kind === "subset") out.push(`  ${rel.part} ≤ ${rel.total}  (${lang === "vi" ? "trong đó" : "of which"})`);
    else out.push(`  ${rel.result} = ${rel.numerator} / ${rel.denominator}  (${lang === "vi" ? "tỷ lệ" : "rate"})`);
  }
  if (definition.attainment?.length) {
    out.push("", `${t("pairs", lang)}:`);
    for (const p of definition.attainment) out.push(`  ${p.plan} → ${p.actual}${p.rate ? ` (${lang === "vi" ? "tỷ lệ" : "rate"} ${p.rate})` : ""}${p.label ? `  ${p.label}` : ""}`);
  }
  out.push("", `${t("rows", lang)} (${definition.rows.length}), ${definition.rowKey === "code" ? t("byCode", lang) : t("byLabel", lang)}:`);
  out.push(...rows(definition, lang));
  out.push(`  ${t("legend", lang)}`);
  if (definition.notes?.length) {
    out.push("", `${t("notes", lang)} (${definition.notes.length}):`);
    for (const n of definition.notes) out.push(`  ${n.level === "missing" ? "!" : "?"} ${n[lang]}`);
  }
  return out.join("\n") + "\n";
}
