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

/** Two ways of writing a unit that mean the same: "Người"/"người"/"ng", or the same words. */
function sameUnit(a: string, b: string): boolean {
  const ua = unitOfText(a);
  const ub = unitOfText(b);
  if (ua !== null || ub !== null) return ua === ub;
  return matchKey(a) === matchKey(b);
}

export function unitMismatch(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const unitColumn = ctx.layout.columns.find((c) => c.kind === "unit");
  if (!unitColumn) return out;
  ctx.rows.forEach((row, index) => {
    const form = ctx.matched[index];
    const expected = form?.unit;
    if (!form || !expected || !row.unit || sameUnit(row.unit, expected)) return;
    const cell = address(row.excelRow, unitColumn.col);
    const name = form.code ?? `"${form.label}"`;
    const en = expected === "Người" ? "people (Người)" : expected === "Lượt người" ? "person-times (Lượt người)" : expected;
    out.push(
      finding(
        "unit.mismatch",
        {
          vi: `Ô ${cell}: đơn vị tính "${row.unit}" không đúng; dòng ${name} (${form.label}) tính bằng "${expected}".`,
          en: `Cell ${cell}: unit "${row.unit}" is wrong; row ${name} (${form.label}) counts "${en}".`,
        },
        { sheet: ctx.sheet, cell, row: rowKey(ctx, index), column: unitColumn.code, expected, actual: row.unit },
      ),
    );
  });
  return out;
}
