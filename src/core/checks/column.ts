/** Columns of the form: all present, found by code or by header label. */
import { type Finding, finding } from "../findings";
import { address } from "../grid";
import type { CheckContext } from "./context";

export function columnMissing(ctx: CheckContext): Finding[] {
  return ctx.layout.missing
    .filter((column) => column.kind !== "note")
    .map((column) => {
      const name = column.group ? `${column.group} – ${column.label}` : column.label;
      return finding(
        "column.missing",
        {
          vi: `Thiếu cột ${column.code} "${name}" (mã cột ${column.codeText}). Hãy thêm cột này vào bảng, hoặc dùng Mẫu mới.`,
          en: `Column ${column.code} "${name}" (code ${column.codeText}) is missing. Add it to the table, or start from a new blank form.`,
        },
        { sheet: ctx.sheet, cell: address(ctx.layout.headerTop, 1), column: column.code },
      );
    });
}
