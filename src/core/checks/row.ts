/** Rows of the definition: present once each, and nothing unknown dropped silently. */
import { type Finding, finding } from "../findings";
import { address } from "../grid";
import type { BodyRow } from "../body";
import { type CheckContext, rowKey, shown } from "./context";
import { isMixedTotalRow } from "./total";

/** The cell that names a row: its label, else its Mã số, else its first cell. */
export function labelCell(ctx: CheckContext, excelRow: number): string {
  const col = ctx.layout.columns.find((c) => c.kind === "label")?.col ?? ctx.layout.columns.find((c) => c.kind === "code")?.col ?? 1;
  return address(excelRow, col);
}

/** "01/ĐTBD" → "biểu 01/ĐTBD"; a learned form by its id. */
export function formName(ctx: CheckContext): string {
  return `biểu ${ctx.definition.id}`;
}

/** How a row is named in messages: its Mã số where the form keys rows by code, else its label. */
function rowName(ctx: CheckContext, row: { code?: string | null; label: string; key: string }): string {
  return ctx.definition.rowKey === "code" && row.code ? `${row.code} "${row.label}"` : `"${row.label}"`;
}

export function rowMissing(ctx: CheckContext): Finding[] {
  return ctx.definition.rows
    .filter((row) => !ctx.byKey.has(row.key))
    .map((row) =>
      finding(
        "row.missing",
        ctx.definition.rowKey === "code"
          ? {
              vi: `Thiếu dòng ${row.code ?? row.key} "${row.label}" trong biểu; được tính bằng 0. Hãy bổ sung dòng này (có thể dùng Mẫu mới).`,
              en: `Row ${row.code ?? row.key} "${row.label}" is missing from the form; counted as zero. Add the row (a new blank form has it).`,
            }
          : {
              vi: `Thiếu dòng ${rowName(ctx, row)} của ${formName(ctx)}; được tính bằng 0. Hãy bổ sung dòng này theo mẫu.`,
              en: `Row ${rowName(ctx, row)} of form ${ctx.definition.id} is missing; counted as zero. Add the row as in the template.`,
            },
        { sheet: ctx.sheet, row: row.code ?? row.key },
      ),
    );
}

export function rowUnknown(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  ctx.rows.forEach((row, index) => {
    if (ctx.matched[index] || ctx.structural[index] || isMixedTotalRow(ctx, index)) return;
    const name = row.label || row.codeText || row.tt;
    const numbers = rowNumbers(ctx, row);
    const byCode = ctx.definition.rowKey === "code";
    out.push(
      finding(
        "row.unknown",
        {
          vi: `Dòng ${row.excelRow} ("${name}") không khớp dòng nào của ${formName(ctx)} (theo ${byCode ? "Mã số hoặc tên" : "tên và vị trí trong cây dòng"}); số liệu của dòng (${numbers.vi}) được ghi lại ở đây, không cộng vào tổng hợp. ${byCode ? "Hãy ghi đúng Mã số." : "Hãy ghi đúng tên dòng như trong mẫu."}`,
          en: `Row ${row.excelRow} ("${name}") matches no row of form ${ctx.definition.id} (by ${byCode ? "Mã số or label" : "label and place in the row tree"}); its numbers (${numbers.en}) are recorded here, not consolidated. ${byCode ? "Give it the right Mã số." : "Name the row as the template does."}`,
        },
        { sheet: ctx.sheet, cell: labelCell(ctx, row.excelRow), row: rowKey(ctx, index) },
      ),
    );
  });
  return out;
}

export function rowDuplicate(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  ctx.rows.forEach((row, index) => {
    const form = ctx.matched[index];
    if (!form) return;
    const first = ctx.byKey.get(form.key);
    if (!first || first === row) return;
    out.push(
      finding(
        "row.duplicate",
        ctx.definition.rowKey === "code"
          ? {
              vi: `Dòng ${row.excelRow} trùng với dòng ${first.excelRow} (cùng Mã số ${form.code ?? form.key} "${form.label}"). Hãy xóa hoặc gộp một trong hai dòng.`,
              en: `Row ${row.excelRow} duplicates row ${first.excelRow} (same Mã số ${form.code ?? form.key} "${form.label}"). Delete or merge one of them.`,
            }
          : {
              vi: `Dòng ${row.excelRow} trùng với dòng ${first.excelRow} (cùng dòng "${form.label}" của mẫu). Hãy xóa hoặc gộp một trong hai dòng.`,
              en: `Row ${row.excelRow} duplicates row ${first.excelRow} (the same row "${form.label}" of the template). Delete or merge one of them.`,
            },
        { sheet: ctx.sheet, cell: labelCell(ctx, row.excelRow), row: form.code ?? form.key },
      ),
    );
  });
  return out;
}

/**
 * The numbers of a row that is not consolidated, so that the audit shows what was left out:
 * the plan and actual of the form's attainment pair, then every column that is no part of a
 * sum, subset or ratio (the budget columns of form 01), named by its header.
 */
function rowNumbers(ctx: CheckContext, row: BodyRow): { vi: string; en: string } {
  const value = (code: string) => row.cells.get(code)?.value ?? 0;
  const vi: string[] = [];
  const en: string[] = [];
  const named = new Set<string>();
  const pair = ctx.definition.attainment?.[0];
  if (pair) {
    vi.push(`kế hoạch ${shown(value(pair.plan))}`, `thực hiện ${shown(value(pair.actual))}`);
    en.push(`plan ${value(pair.plan)}`, `actual ${value(pair.actual)}`);
    named.add(pair.plan).add(pair.actual);
  }
  const related = new Set<string>();
  for (const r of ctx.definition.relations) {
    if (r.kind === "sum") [r.total, ...r.parts].forEach((c) => related.add(c));
    else if (r.kind === "subset") [r.total, r.part].forEach((c) => related.add(c));
    else [r.result, r.numerator, r.denominator].forEach((c) => related.add(c));
  }
  for (const column of ctx.definition.columns) {
    if (column.kind !== "number" || named.has(column.code) || (pair && related.has(column.code))) continue;
    const words = column.header.map((h) => h.replace(/\s*\([^)]*\)/g, "").trim().toLocaleLowerCase("vi")).filter(Boolean);
    vi.push(`${words.join(" ") || `cột ${column.code}`} ${shown(value(column.code))}`);
    en.push(`column ${column.code} ${value(column.code)}`);
  }
  return { vi: vi.join(", "), en: en.join(", ") };
}
