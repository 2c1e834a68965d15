/** Rules on single cells: what was typed where a number belongs. */
import { type Finding, finding } from "../findings";
import { formatVietnamese } from "../number";
import type { BodyCell } from "../body";
import { type CheckContext, shown, rowKey } from "./context";

/**
 * Each numeric cell of the body, in order, handed to the rule with the cell itself: six rules
 * visit every cell of every form, and looking each up again by its code (and iterating the
 * map's keys) was a measurable share of the checks' time.
 */
function eachCell(ctx: CheckContext, visit: (index: number, cellCode: string, cell: BodyCell) => Finding | null): Finding[] {
  const out: Finding[] = [];
  ctx.rows.forEach((row, index) =>
    row.cells.forEach((cell, code) => {
      const f = visit(index, code, cell);
      if (f) out.push(f);
    }),
  );
  return out;
}

function where(ctx: CheckContext, index: number, code: string, cell: BodyCell) {
  return { sheet: ctx.sheet, cell: cell.address, row: rowKey(ctx, index), column: code };
}

export function cellNotNumber(ctx: CheckContext): Finding[] {
  return eachCell(ctx, (i, code, cell) => {
    const r = cell.reading;
    if (r.kind === "invalid")
      return finding(
        "cell.not-number",
        {
          vi: `Ô ${cell.address} ghi "${r.text}", không phải là số. Hãy nhập số (để trống hoặc "-" nếu bằng 0).`,
          en: `Cell ${cell.address} holds "${r.text}", which is not a number. Type a number (blank or "-" for zero).`,
        },
        { ...where(ctx, i, code, cell), actual: r.text },
      );
    if (r.kind === "ambiguous") {
      const readings = [r.value, ...r.alternatives];
      return finding(
        "cell.not-number",
        {
          vi: `Ô ${cell.address} ghi "${r.text}", có thể hiểu là ${readings.map((n) => formatVietnamese(n)).join(" hoặc ")}. Hãy nhập lại số không có dấu phân cách, phần thập phân dùng dấu phẩy.`,
          en: `Cell ${cell.address} holds "${r.text}", which reads as ${readings.join(" or ")}. Retype it without separators, with a decimal comma.`,
        },
        { ...where(ctx, i, code, cell), actual: r.text },
      );
    }
    return null;
  });
}

export function cellTextNumber(ctx: CheckContext): Finding[] {
  return eachCell(ctx, (i, code, cell) => {
    const r = cell.reading;
    if (r.kind !== "number" || !r.fromText) return null;
    const text = typeof cell.cell?.value === "string" ? cell.cell.value : String(r.value);
    return finding(
      "cell.text-number",
      {
        vi: `Ô ${cell.address} là số lưu dạng văn bản ("${text}"); đã dùng giá trị ${shown(r.value)}. Nên chuyển thành số.`,
        en: `Cell ${cell.address} is a number stored as text ("${text}"); its value ${r.value} was used. Convert it to a number.`,
      },
      { ...where(ctx, i, code, cell), actual: text, expected: r.value },
    );
  });
}

export function cellNegative(ctx: CheckContext): Finding[] {
  return eachCell(ctx, (i, code, cell) => {
    if (cell.value === null || cell.value >= 0) return null;
    return finding(
      "cell.negative",
      {
        vi: `Ô ${cell.address} có số âm (${shown(cell.value)}). Số người, lượt người và kinh phí không thể âm.`,
        en: `Cell ${cell.address} is negative (${cell.value}). Headcounts and budgets cannot be negative.`,
      },
      { ...where(ctx, i, code, cell), actual: cell.value },
    );
  });
}

export function cellNotInteger(ctx: CheckContext): Finding[] {
  return eachCell(ctx, (i, code, cell) => {
    if (!cell.column.integer || cell.value === null || Number.isInteger(cell.value)) return null;
    return finding(
      "cell.not-integer",
      {
        vi: `Ô ${cell.address} có số lẻ (${shown(cell.value)}) trong cột đếm người. Số người, lượt người phải là số nguyên.`,
        en: `Cell ${cell.address} holds a fraction (${cell.value}) in a headcount column. Headcounts must be whole numbers.`,
      },
      { ...where(ctx, i, code, cell), actual: cell.value },
    );
  });
}

export function cellFormulaError(ctx: CheckContext): Finding[] {
  return eachCell(ctx, (i, code, cell) => {
    if (cell.reading.kind !== "formula-error") return null;
    return finding(
      "cell.formula-error",
      {
        vi: `Ô ${cell.address} báo lỗi ${cell.reading.error}. Hãy sửa công thức hoặc nhập số.`,
        en: `Cell ${cell.address} shows the error ${cell.reading.error}. Fix the formula or type the number.`,
      },
      { ...where(ctx, i, code, cell), actual: cell.reading.error },
    );
  });
}

export function cellFormulaNoValue(ctx: CheckContext): Finding[] {
  return eachCell(ctx, (i, code, cell) => {
    if (cell.reading.kind !== "formula-no-value") return null;
    const formula = cell.cell?.formula ?? "";
    const computed = cell.reading.computed;
    return finding(
      "cell.formula-no-value",
      computed !== null
        ? {
            vi: `Ô ${cell.address} có công thức =${formula} nhưng tệp không lưu kết quả (tệp được tạo bằng chương trình không tính toán); đã tự tính được ${shown(computed)}. Mở và lưu lại tệp bằng Excel để chắc chắn.`,
            en: `Cell ${cell.address} has the formula =${formula} but no stored result (saved by a program that does not calculate); computed ${computed}. Open and save the file in Excel to be sure.`,
          }
        : {
            vi: `Ô ${cell.address} có công thức =${formula} nhưng tệp không lưu kết quả và DTBD không tự tính được; coi như thiếu số liệu. Mở và lưu lại tệp bằng Excel.`,
            en: `Cell ${cell.address} has the formula =${formula} with no stored result that DTBD can compute; treated as missing. Open and save the file in Excel.`,
          },
      { ...where(ctx, i, code, cell), expected: computed },
    );
  });
}
