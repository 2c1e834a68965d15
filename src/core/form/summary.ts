/**
 * A form definition told in words, so that a person can check what was understood before
 * trusting it: what recognises the form, where its table is, each column with its kind and
 * arithmetic, the row tree with how each row counts, and what learning was unsure of.
 * `dtbd form learn` and `dtbd form show` print it; the task pane shows it.
 */
import { type Lang, messages } from "../i18n";
import { type FormDefinition, type FormRowDef } from "./definition";
import { KIND_EN, KIND_VI } from "./learn";

const t = messages({
  form: { vi: "Biểu", en: "Form" },
  recognise: { vi: "Nhận biết", en: "Recognised by" },
  number: { vi: "số biểu", en: "form number" },
  title: { vi: "tiêu đề", en: "title" },
  unitLine: { vi: "đơn vị tính", en: "unit line" },
  columnsOnly: { vi: "chỉ theo các cột", en: "its columns only" },
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
  atRow: { vi: "dòng {n}", en: "row {n}" },
  tableLine: {
    vi: "  Bảng: tiêu đề cột dòng {headers}{codeRow}, thân bảng dòng {first}–{last}{sheet}",
    en: "  Table: column headers row {headers}{codeRow}, body rows {first}–{last}{sheet}",
  },
  codeRow: { vi: ", dòng mã cột {n}", en: ", code row {n}" },
  noCodeRow: { vi: ", không có dòng mã cột", en: ", no code row" },
  onSheet: { vi: " (trang “{sheet}”)", en: " (sheet “{sheet}”)" },
  columnCode: { vi: "mã {code}", en: "code {code}" },
  ofWhich: { vi: "trong đó", en: "of which" },
  rate: { vi: "tỷ lệ", en: "rate" },
});

function rows(definition: FormDefinition, lang: Lang): string[] {
  const children = new Map<string | null, FormRowDef[]>();
  for (const row of definition.rows) children.set(row.parent, [...(children.get(row.parent) ?? []), row]);
  const out: string[] = [];
  const visit = (row: FormRowDef, depth: number) => {
    const mark = row.relation === "sum" ? "+" : row.relation === "subset" ? "⊂" : row.relation === "none" ? "·" : " ";
    const code = row.code && definition.rowKey === "code" ? `[${row.code}] ` : "";
    const unit = row.unit ? `  (${row.unit})` : "";
    const at = row.excelRow ? `  ${t(lang, "atRow", { n: row.excelRow })}` : "";
    out.push(`  ${"  ".repeat(depth)}${mark} ${code}${row.tt ? row.tt + " " : ""}${row.label}${unit}${at}`);
    if (depth < 32) for (const child of children.get(row.key) ?? []) visit(child, depth + 1);
  };
  for (const top of children.get(null) ?? []) visit(top, 0);
  return out;
}

export function describeForm(definition: FormDefinition, lang: Lang = "vi"): string {
  const out: string[] = [];
  out.push(`${t(lang, "form")} ${definition.id} — ${definition.name}`);
  const r = definition.recognise;
  const by = [
    r.formNumber ? `${t(lang, "number")} “${r.formNumber}”` : null,
    ...(r.titles ?? []).map((title) => `${t(lang, "title")} “${title}”`),
    r.unitLine ? `${t(lang, "unitLine")} “${r.unitLine}”` : null,
  ].filter((x): x is string => x !== null);
  out.push(`  ${t(lang, "recognise")}: ${by.length > 0 ? by.join("; ") : t(lang, "columnsOnly")}`);
  const tb = definition.table;
  const headers = tb.headerTop === tb.headerBottom ? `${tb.headerTop}` : `${tb.headerTop}–${tb.headerBottom}`;
  out.push(
    t(lang, "tableLine", {
      headers,
      codeRow: tb.codeRow ? t(lang, "codeRow", { n: tb.codeRow }) : t(lang, "noCodeRow"),
      first: tb.firstBodyRow,
      last: tb.lastBodyRow,
      sheet: r.sheet ? t(lang, "onSheet", { sheet: r.sheet }) : "",
    }),
  );
  if (definition.unit) out.push(`  ${t(lang, "unit")}: ${definition.unit}`);

  out.push("", `${t(lang, "columns")} (${definition.columns.length}):`);
  const kindName = lang === "vi" ? KIND_VI : KIND_EN;
  const width = Math.max(...definition.columns.map((c) => c.code.length));
  for (const c of definition.columns) {
    const kind = kindName[c.kind] + (c.integer ? `, ${t(lang, "integer")}` : "");
    out.push(`  ${c.letter.padEnd(3)} ${t(lang, "columnCode", { code: c.code.padEnd(width) })}  ${kind.padEnd(22)} ${c.header.join(" / ")}`);
  }
  out.push("", `${t(lang, "relations")}:`);
  if (definition.relations.length === 0) out.push(`  ${t(lang, "none")}`);
  for (const rel of definition.relations) {
    if (rel.kind === "sum") out.push(`  ${rel.total} = ${rel.parts.join(" + ")}`);
    else if (rel.kind === "subset") out.push(`  ${rel.part} ≤ ${rel.total}  (${t(lang, "ofWhich")})`);
    else out.push(`  ${rel.result} = ${rel.numerator} / ${rel.denominator}  (${t(lang, "rate")})`);
  }
  if (definition.attainment?.length) {
    out.push("", `${t(lang, "pairs")}:`);
    for (const p of definition.attainment) out.push(`  ${p.plan} → ${p.actual}${p.rate ? ` (${t(lang, "rate")} ${p.rate})` : ""}${p.label ? `  ${p.label}` : ""}`);
  }
  out.push("", `${t(lang, "rows")} (${definition.rows.length}), ${definition.rowKey === "code" ? t(lang, "byCode") : t(lang, "byLabel")}:`);
  out.push(...rows(definition, lang));
  out.push(`  ${t(lang, "legend")}`);
  if (definition.notes?.length) {
    out.push("", `${t(lang, "notes")} (${definition.notes.length}):`);
    for (const n of definition.notes) out.push(`  ${n.level === "missing" ? "!" : "?"} ${n[lang]}`);
  }
  return out.join("\n") + "\n";
}
