/** The header block: who reports, and for which year. */
import { type Finding, finding } from "../findings";
import { AGENCY_CODE_PATTERN } from "../header";
import type { CheckContext } from "./context";

export function headerAgencyMissing(ctx: CheckContext): Finding[] {
  const { agencyName, agencyCode } = ctx.header;
  if (agencyName || agencyCode) return [];
  // Form 01 names its agency in A5; a learned form where its template did.
  const cell = ctx.definition.origin === "builtin" ? "A5" : (ctx.definition.layout?.agencyRef ?? null);
  return [
    finding(
      "header.agency-missing",
      cell
        ? {
            vi: `Không tìm thấy tên và mã đơn vị báo cáo. Hãy ghi "Đơn vị báo cáo: <tên>" ở ô ${cell} và mã định danh ở ô bên phải nhãn "Mã định danh:".`,
            en: `No reporting agency name or code found. Write "Đơn vị báo cáo: <name>" in cell ${cell} and the identifier code next to the label "Mã định danh:".`,
          }
        : {
            vi: `Không tìm thấy tên đơn vị báo cáo. Hãy ghi "Đơn vị báo cáo: <tên>" ở phần đầu biểu, phía trên bảng.`,
            en: `No reporting agency found. Write "Đơn vị báo cáo: <name>" in the form's header, above the table.`,
          },
      { sheet: ctx.sheet, cell },
    ),
  ];
}

export function headerYearMissing(ctx: CheckContext): Finding[] {
  if (ctx.header.year !== null || ctx.header.period !== null) return [];
  return [
    finding(
      "header.year-missing",
      {
        vi: `Không tìm thấy năm báo cáo. Hãy ghi năm ở cuối tiêu đề (ô ${ctx.header.titleCell ?? "A4"}), ví dụ "… VIÊN CHỨC NĂM 2024".`,
        en: `No report year found. Put the year at the end of the title (cell ${ctx.header.titleCell ?? "A4"}), e.g. "… VIÊN CHỨC NĂM 2024".`,
      },
      { sheet: ctx.sheet, cell: ctx.header.titleCell ?? "A4" },
    ),
  ];
}

export function headerAgencyCodeInvalid(ctx: CheckContext): Finding[] {
  const code = ctx.header.agencyCode;
  if (!code || AGENCY_CODE_PATTERN.test(code)) return [];
  return [
    finding(
      "header.agency-code-invalid",
      {
        vi: `Mã định danh "${code}" không đúng dạng NNN.NN.NN.HNN (ví dụ 000.00.12.H39, theo QĐ 20/2020/QĐ-TTg).`,
        en: `Identifier code "${code}" is not in the NNN.NN.NN.HNN shape (e.g. 000.00.12.H39, per QĐ 20/2020/QĐ-TTg).`,
      },
      { sheet: ctx.sheet, cell: ctx.header.agencyCodeCell, actual: code },
    ),
  ];
}
