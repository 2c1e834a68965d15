/** Đơn vị tính: training counts people (Người), fostering counts person-times (Lượt người). */
import { type Finding, finding } from "../findings";
import { address } from "../grid";
import type { Unit } from "../form01";
import { matchKey } from "../text/normalize";
import { type CheckContext, rowKey } from "./context";

export function unitOfText(text: string): Unit | null {
  const key = matchKey(text);
  if (!key) return null;
  if (/\bluot\b/.test(key)) return "Lượt người";
  if (/^(nguoi|ng)$/.test(key)) return "Người";
  return null;
}

export function unitMismatch(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const unitCol = ctx.layout.byCode.get("D")?.col;
  if (!unitCol) return out;
  ctx.rows.forEach((row, index) => {
    const form = ctx.matched[index];
    if (!form || !row.unit || unitOfText(row.unit) === form.unit) return;
    const cell = address(row.excelRow, unitCol);
    out.push(
      finding(
        "unit.mismatch",
        {
          vi: `Ô ${cell}: đơn vị tính "${row.unit}" không đúng; dòng ${form.code} (${form.label}) tính bằng "${form.unit}".`,
          en: `Cell ${cell}: unit "${row.unit}" is wrong; row ${form.code} (${form.label}) counts "${form.unit === "Người" ? "people (Người)" : "person-times (Lượt người)"}".`,
        },
        { sheet: ctx.sheet, cell, row: rowKey(ctx, index), column: "D", expected: form.unit, actual: row.unit },
      ),
    );
  });
  return out;
}
