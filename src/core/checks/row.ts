/** Rows of the catalogue: present once each, and nothing unknown dropped silently. */
import { type Finding, finding } from "../findings";
import { FORM01_ROWS } from "../form01";
import { address } from "../grid";
import type { BodyRow } from "../body";
import { type CheckContext, rowKey, shown } from "./context";
import { isMixedTotalRow } from "./total";

function labelCell(ctx: CheckContext, excelRow: number): string {
  return address(excelRow, ctx.layout.byCode.get("B")?.col ?? ctx.layout.byCode.get("C")?.col ?? 1);
}

export function rowMissing(ctx: CheckContext): Finding[] {
  if (ctx.layout.form !== "01/ĐTBD") return [];
  return FORM01_ROWS.filter((row) => !ctx.byCode.has(row.code)).map((row) =>
    finding(
      "row.missing",
      {
        vi: `Thiếu dòng ${row.code} "${row.label}" trong biểu; được tính bằng 0. Hãy bổ sung dòng này (có thể dùng Mẫu mới).`,
        en: `Row ${row.code} "${row.label}" is missing from the form; counted as zero. Add the row (a new blank form has it).`,
      },
      { sheet: ctx.sheet, row: row.code },
    ),
  );
}

export function rowUnknown(ctx: CheckContext): Finding[] {
  if (ctx.layout.form !== "01/ĐTBD") return [];
  const out: Finding[] = [];
  ctx.rows.forEach((row, index) => {
    if (ctx.matched[index] || isMixedTotalRow(ctx, index)) return;
    const name = row.label || row.codeText || row.tt;
    const numbers = rowNumbers(row);
    out.push(
      finding(
        "row.unknown",
        {
          vi: `Dòng ${row.excelRow} ("${name}") không khớp dòng nào của biểu 01/ĐTBD (theo Mã số hoặc tên); số liệu của dòng (${numbers.vi}) được ghi lại ở đây, không cộng vào tổng hợp. Hãy ghi đúng Mã số.`,
          en: `Row ${row.excelRow} ("${name}") matches no row of form 01/ĐTBD (by Mã số or label); its numbers (${numbers.en}) are recorded here, not consolidated. Give it the right Mã số.`,
        },
        { sheet: ctx.sheet, cell: labelCell(ctx, row.excelRow), row: rowKey(ctx, index) },
      ),
    );
  });
  return out;
}

export function rowDuplicate(ctx: CheckContext): Finding[] {
  if (ctx.layout.form !== "01/ĐTBD") return [];
  const out: Finding[] = [];
  ctx.rows.forEach((row, index) => {
    const form = ctx.matched[index];
    if (!form) return;
    const first = ctx.byCode.get(form.code);
    if (!first || first === row) return;
    out.push(
      finding(
        "row.duplicate",
        {
          vi: `Dòng ${row.excelRow} trùng với dòng ${first.excelRow} (cùng Mã số ${form.code} "${form.label}"). Hãy xóa hoặc gộp một trong hai dòng.`,
          en: `Row ${row.excelRow} duplicates row ${first.excelRow} (same Mã số ${form.code} "${form.label}"). Delete or merge one of them.`,
        },
        { sheet: ctx.sheet, cell: labelCell(ctx, row.excelRow), row: form.code },
      ),
    );
  });
  return out;
}

/** The numbers of a row that is not consolidated, so that the audit shows what was left out. */
function rowNumbers(row: BodyRow): { vi: string; en: string } {
  const value = (code: string) => row.cells.get(code)?.value ?? 0;
  const [plan, actual, budgetPlan, budgetActual] = [value("1"), value("6"), value("14"), value("15")];
  return {
    vi: `kế hoạch ${shown(plan)}, thực hiện ${shown(actual)}, kinh phí kế hoạch ${shown(budgetPlan)}, kinh phí thực hiện ${shown(budgetActual)}`,
    en: `plan ${plan}, actual ${actual}, budget plan ${budgetPlan}, budget spent ${budgetActual}`,
  };
}
