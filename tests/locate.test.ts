/**
 * The table is found wherever agencies put it: header block moved, blank rows inserted,
 * extra columns added, the code row deleted, labels retyped in other spellings.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FORM01_COLUMNS, FORM01_ROWS } from "../src/core/form01";
import { form01Totals } from "./helpers/form01-oracle";
import { brief, filledValues, validate } from "./helpers/forms";

interface Variant {
  top: number;
  leftPad: number;
  extraColumnAfter?: string;
  codeRow: boolean;
  blankRowsAfter?: string[];
  labels?: Record<string, string>;
  header: (ws: ExcelJS.Worksheet, top: number, left: number) => void;
}

/** A form 01/ĐTBD laid out by hand (not by our writer), leaf values only plus computed totals. */
async function handMadeForm(v: Variant): Promise<Uint8Array> {
  const values = filledValues(21);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Bao cao");
  v.header(ws, v.top, v.leftPad + 1);
  const columns = FORM01_COLUMNS.flatMap((c) => (c.code === v.extraColumnAfter ? [c, null] : [c]));
  const h1 = v.top + 5;
  columns.forEach((column, i) => {
    const col = v.leftPad + 1 + i;
    ws.getCell(h1, col).value = column ? (column.group ?? column.label) : "Ghi chú thêm";
    ws.getCell(h1 + 1, col).value = column ? column.label : null;
    if (v.codeRow) ws.getCell(h1 + 2, col).value = column ? column.codeText : null;
  });
  const sums = (code: string, col: string): number => {
    const row = FORM01_ROWS.find((r) => r.code === code)!;
    if (row.children.length > 0) return row.children.reduce((s, c) => s + sums(c, col), 0);
    const leaf = values[code] ?? {};
    if (col === "1") return ["2", "3", "4", "5"].reduce((s, c) => s + (leaf[c] ?? 0), 0);
    if (col === "6") return ["7", "8", "9", "10"].reduce((s, c) => s + (leaf[c] ?? 0), 0);
    return leaf[col] ?? 0;
  };
  let r = h1 + (v.codeRow ? 3 : 2);
  for (const row of FORM01_ROWS) {
    columns.forEach((column, i) => {
      const cell = ws.getCell(r, v.leftPad + 1 + i);
      if (!column) return;
      if (column.kind === "tt") cell.value = row.tt;
      else if (column.kind === "label") cell.value = v.labels?.[row.code] ?? row.label;
      else if (column.kind === "rowCode") cell.value = v.labels?.[row.code] ? null : row.code;
      else if (column.kind === "unit") cell.value = row.unit;
      else if (column.kind === "rate") {
        const plan = sums(row.code, "1");
        cell.value = plan > 0 ? sums(row.code, "6") / plan : null;
      } else if (column.kind !== "note") cell.value = sums(row.code, column.code);
    });
    r++;
    if (v.blankRowsAfter?.includes(row.code)) r += 2;
  }
  ws.getCell(r + 2, v.leftPad + 2).value = "NGƯỜI LẬP BIỂU";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function standardHeader(ws: ExcelJS.Worksheet, top: number, left: number) {
  ws.getCell(top, left).value = "UBND TỈNH LẠNG SƠN";
  ws.getCell(top + 1, left).value = "SỞ TƯ PHÁP";
  ws.getCell(top, left + 17).value = "Biểu số 01/ĐTBD";
  ws.getCell(top + 2, left).value = "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2024";
  ws.getCell(top + 3, left).value = "Đơn vị báo cáo: Sở Tư pháp";
  ws.getCell(top + 3, left + 7).value = "Mã định danh:";
  ws.getCell(top + 3, left + 8).value = "000.00.14.H39";
}

describe("table locator", () => {
  it("finds a table moved down and right, with an extra column and blank rows inside", async () => {
    const result = await validate(
      await handMadeForm({ top: 4, leftPad: 2, extraColumnAfter: "12", codeRow: true, blankRowsAfter: ["08", "22"], header: standardHeader }),
    );
    expect(result.form).toBe("01/ĐTBD");
    expect(brief(result.findings.filter((f) => f.severity !== "info"))).toEqual([]);
    expect(result.agency).toEqual({ code: "000.00.14.H39", name: "Sở Tư pháp" });
    const values = filledValues(21);
    expect(result.rows["03"]["2"]).toBe(values["03"]["2"]);
  });

  it("finds the columns by their labels when the code row was deleted", async () => {
    const result = await validate(await handMadeForm({ top: 1, leftPad: 0, codeRow: false, header: standardHeader }));
    expect(result.form).toBe("01/ĐTBD");
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    const byHand = form01Totals(filledValues(21));
    for (const code of ["01", "02", "14", "28"]) expect(result.totals[code], code).toMatchObject(byHand[code]);
  });

  it("matches rows by label when Mã số is missing, tolerant of spelling variants", async () => {
    const labels = {
      "04": "- Thạc sỹ",
      "10": "Cao cấp LLCT",
      "21": "CV chính và tương đương",
      "28": "Bồi dưỡng kiến thức QP-AN",
      "31": "ĐT 3",
      "35": "Ngoại ngữ (tiếng Anh):",
    };
    const result = await validate(await handMadeForm({ top: 1, leftPad: 0, codeRow: true, labels, header: standardHeader }));
    expect(result.findings.filter((f) => f.code.startsWith("row."))).toEqual([]);
    const values = filledValues(21);
    expect(result.rows["31"]["7"]).toBe(values["31"]["7"]);
  });

  it("reads header variants: 'Năm:' in its own cell, 'CƠ QUAN, ĐƠN VỊ:', NFD text", async () => {
    const result = await validate(
      await handMadeForm({
        top: 1,
        leftPad: 0,
        codeRow: true,
        header: (ws, top, left) => {
          ws.getCell(top, left).value = "UBND TỈNH LẠNG SƠN".normalize("NFD");
          ws.getCell(top + 1, left).value = "CƠ QUAN, ĐƠN VỊ: Sở Xây dựng".normalize("NFD");
          ws.getCell(top + 2, left).value = "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC";
          ws.getCell(top + 3, left).value = "Năm:";
          ws.getCell(top + 3, left + 1).value = 2025;
          ws.getCell(top + 3, left + 7).value = "Mã định danh:";
          ws.getCell(top + 3, left + 8).value = "000.00.17.H39";
        },
      }),
    );
    expect(result.year).toBe(2025);
    expect(result.agency).toEqual({ code: "000.00.17.H39", name: "Sở Xây dựng" });
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
