/**
 * Every finding code of the validator: a real workbook that triggers it (at the exact cell)
 * and the clean form that does not. Workbooks are generated, then edited like people do.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formatVietnamese } from "../src/core/number";
import { unicodeToLegacy } from "../src/core/text/legacy";
import { addForm01Sheet, writeTemplate } from "../src/io/template";
import { AGENCY, brief, editForm, filledForm, filledValues, rowOf, validate } from "./helpers/forms";

describe("clean forms", () => {
  it("a blank template validates with zero findings", async () => {
    const result = await validate(await writeTemplate({ year: 2025, agencyName: "Sở Y tế", agencyCode: "000.00.15.H39" }));
    expect(result.findings).toEqual([]);
    expect(result.form).toBe("01/ĐTBD");
    expect(result.year).toBe(2025);
    expect(result.agency).toEqual({ code: "000.00.15.H39", name: "Sở Y tế" });
  });

  it("a template filled with numbers by script still validates clean, with its totals", async () => {
    const values = filledValues();
    const result = await validate(await filledForm(values));
    expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
    const leaves03 = values["03"];
    expect(result.rows["03"]["1"]).toBe(leaves03["2"] + leaves03["3"] + leaves03["4"] + leaves03["5"]);
    const leafCodes = ["03", "04", "05", "06", "07", "08", "10", "11", "12", "13"];
    const trainedActual = leafCodes.reduce((s, c) => s + values[c]["7"] + values[c]["8"] + values[c]["9"] + values[c]["10"], 0);
    expect(result.totals["01"].actual).toBe(trainedActual);
  });
});

describe("one broken cell gives exactly the expected finding", () => {
  const cases: { name: string; edit: (ws: ExcelJS.Worksheet) => void; expected: (ws: ExcelJS.Worksheet) => string[] }[] = [
    {
      name: "cell.text-number: a number stored as text, the Vietnamese way",
      edit: (ws) => {
        const cell = ws.getCell(rowOf(ws, "03"), 18);
        cell.value = formatVietnamese(Number(cell.value));
      },
      expected: (ws) => [`cell.text-number@R${rowOf(ws, "03")}`],
    },
    {
      name: "cell.not-number: words where a number belongs",
      edit: (ws) => {
        ws.getCell(rowOf(ws, "04"), 6).value = "khoảng mười";
      },
      expected: (ws) => [`cell.not-number@F${rowOf(ws, "04")}`],
    },
    {
      name: "cell.not-number: an ambiguous reading is flagged, not guessed",
      edit: (ws) => {
        ws.getCell(rowOf(ws, "04"), 18).value = "1,234";
      },
      expected: (ws) => [`cell.not-number@R${rowOf(ws, "04")}`],
    },
    {
      name: "cell.formula-error: #DIV/0! in the rate column",
      edit: (ws) => {
        ws.getCell(rowOf(ws, "05"), 17).value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
      },
      expected: (ws) => [`cell.formula-error@Q${rowOf(ws, "05")}`],
    },
    {
      name: "cell.formula-no-value: a plain SUM without a stored result is computed",
      edit: (ws) => {
        const r = rowOf(ws, "06");
        ws.getCell(r, 5).value = { formula: `SUM(F${r}:I${r})` } as ExcelJS.CellFormulaValue;
      },
      expected: (ws) => [`cell.formula-no-value@E${rowOf(ws, "06")}`],
    },
    {
      name: "rate.mismatch: a typed rate that is not actual ÷ plan",
      edit: (ws) => {
        ws.getCell(rowOf(ws, "07"), 17).value = 0.5;
      },
      expected: (ws) => [`rate.mismatch@Q${rowOf(ws, "07")}`],
    },
    {
      name: "unit.mismatch: fostering unit on a training row",
      edit: (ws) => {
        ws.getCell(rowOf(ws, "08"), 4).value = "Lượt người";
      },
      expected: (ws) => [`unit.mismatch@D${rowOf(ws, "08")}`],
    },
    {
      name: "header.agency-code-invalid: identifier not in NNN.NN.NN.HNN shape",
      edit: (ws) => {
        ws.getCell("I5").value = "12.H39";
      },
      expected: () => ["header.agency-code-invalid@I5"],
    },
    {
      name: "header.year-missing: title without a year",
      edit: (ws) => {
        ws.getCell("A4").value = "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC";
      },
      expected: () => ["header.year-missing@A4"],
    },
    {
      name: "header.agency-missing: no agency name nor code",
      edit: (ws) => {
        for (const a of ["A2", "A5", "H5", "I5"]) ws.getCell(a).value = null;
      },
      expected: () => ["header.agency-missing@A5"],
    },
    {
      name: "text.legacy-encoding: a label typed in TCVN3 with a .VnTime font still matches its row",
      edit: (ws) => {
        const cell = ws.getCell(rowOf(ws, "03"), 2);
        cell.value = unicodeToLegacy("Tiến sĩ", "tcvn3");
        cell.font = { name: ".VnTime" };
      },
      expected: (ws) => [`text.legacy-encoding@B${rowOf(ws, "03")}`],
    },
    {
      name: "row.unknown: a row that matches no catalogue row",
      edit: (ws) => {
        const r = rowOf(ws, "40") + 1;
        ws.getCell(r, 2).value = "Bồi dưỡng kỹ năng lái xe";
        ws.getCell(r, 4).value = "Lượt người";
        ws.getCell(r, 5).value = 12;
        ws.getCell(r, 6).value = 12;
      },
      expected: (ws) => [`row.unknown@B${rowOf(ws, "40") + 1}`],
    },
    {
      name: "row.duplicate: the same Mã số twice",
      edit: (ws) => {
        const r = rowOf(ws, "40") + 1;
        ws.getCell(r, 2).value = "Bồi dưỡng khác";
        ws.getCell(r, 3).value = "40";
      },
      expected: (ws) => [`row.duplicate@B${rowOf(ws, "40") + 1}`],
    },
    {
      name: "total.mixed-units: a grand total adding people and person-times",
      edit: (ws) => {
        const r = rowOf(ws, "40") + 1;
        ws.getCell(r, 2).value = "TỔNG CỘNG";
        ws.getCell(r, 5).value = 1000;
      },
      expected: (ws) => [`total.mixed-units@B${rowOf(ws, "40") + 1}`],
    },
    {
      name: "column.missing: the code and labels of column 12 removed",
      edit: (ws) => {
        ws.getCell("P9").value = null;
        ws.getCell("P10").value = null;
      },
      expected: () => ["column.missing@A8"],
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const bytes = await editForm(await filledForm(), c.edit);
      const result = await validate(bytes);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      const notInfo = result.findings.filter((f) => f.severity !== "info");
      expect(brief(notInfo)).toEqual(c.expected(wb.worksheets[0]).sort());
      for (const f of notInfo) {
        expect(f.sheet).toBe("01-DTBD");
        expect(f.message.vi).toBe(f.message.vi.normalize("NFC"));
        expect(f.message.en.length).toBeGreaterThan(10);
      }
    });
  }

  it("row.unknown keeps the row's numbers in the audit message", async () => {
    const bytes = await editForm(await filledForm(), (ws) => {
      const r = rowOf(ws, "40") + 1;
      ws.getCell(r, 2).value = "Bồi dưỡng kỹ năng lái xe";
      ws.getCell(r, 6).value = 1234;
      ws.getCell(r, 5).value = 1234;
      ws.getCell(r, 18).value = 45.5;
    });
    const result = await validate(bytes);
    const unknown = result.findings.find((f) => f.code === "row.unknown")!;
    expect(unknown.message.vi).toContain("kế hoạch 1.234");
    expect(unknown.message.vi).toContain("kinh phí kế hoạch 45,5");
    expect(result.unknownRows).toHaveLength(1);
    expect(result.unknownRows[0].values["1"]).toBe(1234);
  });

  it("row.missing: a catalogue row (of zeros) deleted from the form is counted as zero", async () => {
    const values = filledValues();
    for (const code of Object.keys(values["05"])) values["05"][code] = 0;
    const bytes = await editForm(await filledForm(values), (ws) => {
      const r = rowOf(ws, "05");
      for (let c = 1; c <= 20; c++) ws.getCell(r, c).value = null;
    });
    const result = await validate(bytes);
    expect(brief(result.findings.filter((f) => f.severity !== "info"))).toEqual(["row.missing@-"]);
    expect(result.findings[0].row).toBe("05");
    expect(result.totals["05"]).toEqual({ plan: 0, actual: 0, rate: null });
  });

  it("sum.columns: a total typed over its formula (and its parent row then disagrees)", async () => {
    const bytes = await editForm(await filledForm(), (ws) => {
      const r = rowOf(ws, "05");
      ws.getCell(r, 5).value = 999;
    });
    const result = await validate(bytes);
    const sum = result.findings.find((f) => f.code === "sum.columns")!;
    expect(sum.cell).toBe("E15");
    expect(sum.row).toBe("05");
    expect(sum.column).toBe("1");
    expect(sum.actual).toBe(999);
    expect(brief(result.findings.filter((f) => f.severity === "error"))).toEqual(["sum.columns@E15", "sum.rows@E12"]);
  });

  it("sum.rows: a child row changed consistently breaks only its parent", async () => {
    const bytes = await editForm(await filledForm(), (ws) => {
      const r = rowOf(ws, "16");
      ws.getCell(r, 6).value = Number(ws.getCell(r, 6).value) + 3;
      const total = ws.getCell(r, 5);
      total.value = { formula: `SUM(F${r}:I${r})`, result: Number((total.value as ExcelJS.CellFormulaValue).result) + 3 } as ExcelJS.CellFormulaValue;
    });
    const result = await validate(bytes);
    expect(brief(result.findings.filter((f) => f.severity === "error"))).toEqual(["sum.rows@E25", "sum.rows@F25"]);
    const f = result.findings.find((x) => x.cell === "F25")!;
    expect(f.row).toBe("15");
    expect(f.column).toBe("2");
  });

  it("cell.negative and cell.not-integer, written consistently through the template", async () => {
    const values = filledValues();
    values["13"]["2"] = -2;
    values["12"]["14"] = -1.5;
    const result = await validate(await filledForm(values));
    const negative = result.findings.filter((f) => f.code === "cell.negative").map((f) => f.cell);
    expect(negative).toContain("F23");
    expect(negative).toContain("R22");
    const fraction = filledValues();
    fraction["13"]["2"] = 1.5;
    const frac = await validate(await filledForm(fraction));
    const cells = frac.findings.filter((f) => f.code === "cell.not-integer").map((f) => f.cell);
    expect(cells).toContain("F23");
    expect(frac.findings.every((f) => f.code === "cell.not-integer" || f.severity === "info")).toBe(true);
  });

  it("subset.exceeds: more women than people trained", async () => {
    const values = filledValues();
    values["35"]["11"] = 5000;
    const result = await validate(await filledForm(values));
    const f = result.findings.find((x) => x.code === "subset.exceeds" && x.row === "35")!;
    expect(f.cell).toBe("O45");
    expect(f.actual).toBe(5000);
    expect(f.column).toBe("11");
  });

  it("rate.outlier and actual.unplanned are information, not errors", async () => {
    const values = filledValues();
    values["03"] = { ...values["03"], "2": 1, "3": 0, "4": 0, "5": 0, "7": 2, "8": 1, "9": 1, "10": 0 };
    values["04"] = { ...values["04"], "2": 0, "3": 0, "4": 0, "5": 0, "7": 1 };
    const result = await validate(await filledForm(values));
    expect(result.findings.find((f) => f.code === "rate.outlier" && f.row === "03")?.cell).toBe("Q13");
    expect(result.findings.find((f) => f.code === "actual.unplanned" && f.row === "04")?.cell).toBe("J14");
    expect(result.findings.some((f) => f.severity === "error")).toBe(false);
    expect(result.totals["04"].rate).toBeNull();
  });

  it("form.not-found and file.unreadable", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Danh sách").addRows([["Họ tên", "Năm sinh"], ["Nguyễn Văn A", 1980]]);
    const other = await validate(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(brief(other.findings)).toEqual(["form.not-found@-"]);
    const form = await filledForm();
    const cut = await validate(form.subarray(0, 3000));
    expect(cut.findings.map((f) => f.code)).toEqual(["file.unreadable"]);
    expect(cut.form).toBeNull();
  });

  it("form.multiple: last year's form kept on a second sheet is named, not read, and not mixed in", async () => {
    const wb = new ExcelJS.Workbook();
    addForm01Sheet(wb, "2024", { year: 2024, ...AGENCY, values: filledValues(3) });
    addForm01Sheet(wb, "Năm 2023", { year: 2023, ...AGENCY, values: filledValues(9) });
    wb.addWorksheet("Danh sách học viên").addRows([["Họ tên", "Năm sinh"], ["Nguyễn Văn A", 1980]]);
    const both = await validate(new Uint8Array(await wb.xlsx.writeBuffer()));
    const alone = await validate(await filledForm(filledValues(3)));
    expect(brief(both.findings)).toEqual(["form.multiple@-"]);
    const note = both.findings[0];
    expect(note.severity).toBe("warning");
    expect(note.sheet).toBe("Năm 2023");
    expect(note.message.vi).toBe(
      "Trang “Năm 2023” cũng là biểu 01/ĐTBD (Sở Tài chính, 2023) nhưng không được đọc: mỗi tệp chỉ đọc một biểu, ở trang “2024”. Nếu số liệu cần nộp ở trang “Năm 2023”, hãy đưa trang đó lên đầu hoặc tách thành tệp riêng.",
    );
    expect(both.sheet).toBe("2024");
    expect(both.year).toBe(2024);
    expect(both.totals).toEqual(alone.totals);
  });
});
