/**
 * A form that is not 01/ĐTBD but carries a code row (here a statistical form in the
 * Ministry's style, "1=(2+3+4)"): its column rules, TT hierarchy and "Trong đó" subsets
 * are checked from the form's own statements.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { brief, validate } from "./helpers/forms";

async function statisticalForm(edit?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Biểu 05");
  ws.getCell("A1").value = "SỞ Y TẾ TỈNH LẠNG SƠN";
  ws.getCell("E1").value = "Biểu số 05/TKYT";
  ws.getCell("A3").value = "SỐ CƠ SỞ KHÁM CHỮA BỆNH NĂM 2024";
  ws.addRow([]);
  ws.getRow(5).values = ["STT", "Chỉ tiêu", "Tổng số", "Chia ra", null, null, "Trong đó: Đạt chuẩn quốc gia"];
  ws.getRow(6).values = [null, null, null, "Công lập", "Ngoài công lập", "Khác", null];
  ws.mergeCells("A5:A6");
  ws.mergeCells("B5:B6");
  ws.mergeCells("C5:C6");
  ws.mergeCells("D5:F5");
  ws.mergeCells("G5:G6");
  ws.getRow(7).values = ["A", "B", "1=(2+3+4)", 2, 3, 4, 5];
  const body: (string | number | null)[][] = [
    ["I", "Tổng số cơ sở", 10, 5, 3, 2, 4],
    ["1", "Bệnh viện", 6, 3, 2, 1, 2],
    ["2", "Trạm y tế", 4, 2, 1, 1, 2],
    [null, "Trong đó: ở vùng dân tộc thiểu số", 3, 2, 1, 0, 1],
  ];
  body.forEach((values, i) => (ws.getRow(8 + i).values = values));
  ws.getCell("B14").value = "Người lập biểu";
  edit?.(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("generic forms recognised by their code row", () => {
  it("a consistent statistical form has no findings and is reported as generic", async () => {
    const result = await validate(await statisticalForm());
    expect(result.form).toBe("05-tkyt");
    expect(result.sheet).toBe("Biểu 05");
    expect(result.findings).toEqual([]);
    expect(result.totals).toEqual({});
  });

  it("a column rule 1=(2+3+4) that does not hold gives sum.columns at the total cell", async () => {
    const result = await validate(
      await statisticalForm((ws) => {
        ws.getCell("C9").value = 7;
        ws.getCell("C8").value = 11;
      }),
    );
    expect(brief(result.findings)).toEqual(["sum.columns@C8", "sum.columns@C9"]);
    const f = result.findings.find((x) => x.cell === "C9")!;
    expect(f.column).toBe("1");
    expect(f.expected).toBe(6);
    expect(f.actual).toBe(7);
  });

  it("a TT parent row that differs from its children gives sum.rows", async () => {
    const result = await validate(
      await statisticalForm((ws) => {
        ws.getRow(10).values = ["2", "Trạm y tế", 5, 3, 1, 1, 2];
      }),
    );
    expect(brief(result.findings)).toEqual(["sum.rows@C8", "sum.rows@D8"]);
    expect(result.findings[0].row).toBe("I");
  });

  it("'Trong đó' columns and rows larger than their totals give subset.exceeds", async () => {
    const result = await validate(
      await statisticalForm((ws) => {
        ws.getCell("G10").value = 5;
        ws.getCell("G8").value = 7;
        ws.getCell("D11").value = 3;
        ws.getCell("E11").value = 0;
      }),
    );
    expect(brief(result.findings)).toEqual(["subset.exceeds@D11", "subset.exceeds@G10"]);
    const column = result.findings.find((x) => x.cell === "G10")!;
    expect(column.column).toBe("5");
    expect(column.expected).toBe(4);
  });

  it("cell rules run on generic forms too", async () => {
    const result = await validate(
      await statisticalForm((ws) => {
        ws.getCell("F9").value = "không rõ";
        ws.getCell("E10").value = "1";
      }),
    );
    expect(brief(result.findings)).toEqual(["cell.not-number@F9", "cell.text-number@E10"]);
  });
});
