/** Columns of the form: all present, found by code or by header label. */
import { type Finding, finding } from "../findings";
import { address } from "../grid";
import type { CheckContext } from "./context";
import { ruleOf } from "../locate";

/** The code as the code row writes it: "1=2+3+4+5", "13=6/1", "7". */
function codeTextOf(ctx: CheckContext, code: string): string {
  const rule = ruleOf(ctx.definition, code);
  if (rule?.kind === "sum") return `${code}=${rule.terms.join("+")}`;
  if (rule?.kind === "ratio") return `${code}=${rule.numerator}/${rule.denominator}`;
  return code;
}

export function columnMissing(ctx: CheckContext): Finding[] {
  return ctx.layout.missing
    .filter((column) => column.kind !== "note")
    .map((column) => {
      const name = column.header.join(" – ");
      const codeText = codeTextOf(ctx, column.code);
      return finding(
        "column.missing",
        {
          vi: `Thiếu cột ${column.code} "${name}" (mã cột ${codeText}). Hãy thêm cột này vào bảng, hoặc dùng Mẫu mới.`,
          en: `Column ${column.code} "${name}" (code ${codeText}) is missing. Add it to the table, or start from a new blank form.`,
        },
        { sheet: ctx.sheet, cell: address(ctx.layout.headerTop, 1), column: column.code },
      );
    });
}
