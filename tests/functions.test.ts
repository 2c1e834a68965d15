/**
 * The DTBD custom functions as Excel calls them: ranges as 2-D arrays, a single cell as a
 * 1×1 array, errors as CustomFunctions.Error values. The CustomFunctions global is the one
 * piece of Excel stubbed here (it only carries the error type); everything else is real.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { TRUTH, fixtureBytes } from "./helpers/fixtures";
import { documentSettings } from "./helpers/office-mock";

class StubCustomFunctionError extends Error {
  constructor(
    public code: string,
    message?: string,
  ) {
    super(message);
  }
}
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: StubCustomFunctionError,
  ErrorCode: { notAvailable: "#N/A", invalidValue: "#VALUE!" },
  associate: () => undefined,
};

type Fns = typeof import("../src/functions/functions");
let fns: Fns;

beforeAll(async () => {
  fns = await import("../src/functions/functions.js");
});


function isNA(value: unknown): value is StubCustomFunctionError {
  return value instanceof StubCustomFunctionError && value.code === "#N/A";
}

/** Cell values as Excel hands them to a function: formula results, rich text as text, blanks as "". */
async function sheetValues(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fixtureBytes(file) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const out: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const line: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = ws.getCell(r, c).value as unknown;
      if (v === null || v === undefined) line.push("");
      else if (typeof v === "object" && "richText" in (v as object))
        line.push((v as { richText: { text: string }[] }).richText.map((t) => t.text).join(""));
      else if (typeof v === "object" && "result" in (v as object)) line.push((v as { result?: unknown }).result ?? "");
      else if (typeof v === "object" && "formula" in (v as object)) line.push("");
      else line.push(v);
    }
    out.push(line);
  }
  return out;
}

describe("NUMBER / SO", () => {
  it("reads Vietnamese thousands and decimal marks", () => {
    expect(fns.numberFunction([["169.181"]])).toEqual([[169181]]);
    expect(fns.numberFunction([["9.514"]])).toEqual([[9514]]);
    const pct = fns.numberFunction([["93,7%"]]) as number[][];
    expect(pct[0][0]).toBeCloseTo(0.937, 12);
  });

  it("spills a range of the same shape; blank stays blank, dash is zero", () => {
    expect(fns.numberFunction([["1.234", ""], ["-", 5]])).toEqual([[1234, ""], [0, 5]]);
  });

  it("answers text that is not a number with #N/A and a Vietnamese message", () => {
    const r = fns.numberFunction([["mười hai"]]);
    expect(isNA(r)).toBe(true);
    expect((r as unknown as Error).message).toMatch(/không phải là số/);
  });
});

describe("PERYEAR / TRUNGBINHNAM and CHANGE / TANGGIAM (source article's figures)", () => {
  it("averages per year", () => {
    const r = fns.perYearFunction([[9514]], [[3]]) as number[][];
    expect(r[0][0]).toBeCloseTo(3171.333333, 5);
    expect(fns.perYearFunction([[169181]], [[3]])).toEqual([[169181 / 3]]);
  });

  it("refuses zero years", () => {
    expect(isNA(fns.perYearFunction([[9514]], [[0]]))).toBe(true);
  });

  it("gives the difference, or the ratio with TRUE", () => {
    expect(fns.changeFunction([[3171]], [[2354]])).toEqual([[817]]);
    expect(fns.changeFunction([[56394]], [[40604]])).toEqual([[15790]]);
    const ratio = fns.changeFunction([[3171]], [[2354]], true) as number[][];
    expect(ratio[0][0]).toBeCloseTo(3171 / 2354, 12);
    expect(isNA(fns.changeFunction([[3171]], [[0]], true))).toBe(true);
  });

  it("accepts text numbers as typed in the forms", () => {
    expect(fns.changeFunction([["3.171"]], [["2.354"]])).toEqual([[817]]);
  });
});

describe("ATTAINMENT / TYLE", () => {
  it("divides actual by plan", () => {
    const r = fns.attainmentFunction([[9514]], [[3386]]) as number[][];
    expect(r[0][0]).toBeCloseTo(9514 / 3386, 12);
  });

  it("works element-wise on ranges and stretches a single plan over a range", () => {
    const r = fns.attainmentFunction([[213], [49], [0]], [[186], [42], [10]]) as number[][];
    expect(r.length).toBe(3);
    expect(r[0][0]).toBeCloseTo(213 / 186, 12);
    expect(r[1][0]).toBeCloseTo(49 / 42, 12);
    expect(r[2][0]).toBe(0);
    const stretched = fns.attainmentFunction([[50, 100, 150]], [[100]]);
    expect(stretched).toEqual([[0.5, 1, 1.5]]);
  });

  it("answers plan 0 or blank with #N/A carrying a message, inside a range too", () => {
    const single = fns.attainmentFunction([[5]], [[0]]);
    expect(isNA(single)).toBe(true);
    expect((single as unknown as Error).message).toMatch(/Kế hoạch bằng 0/);
    const range = fns.attainmentFunction([[5], [6]], [[""], [3]]) as unknown[][];
    expect(isNA(range[0][0])).toBe(true);
    expect(range[1][0]).toBe(2);
  });

  it("reports ranges of different sizes instead of guessing", () => {
    const r = fns.attainmentFunction([[1], [2], [3]], [[1], [2]]);
    expect(isNA(r)).toBe(true);
    expect((r as unknown as Error).message).toMatch(/kích thước/);
  });
});

describe("STATUS / TINHTRANG", () => {
  it("names the status against the plan", () => {
    expect(fns.statusFunction([[213], [186], [100], [5], [0]], [[186], [186], [186], [0], [0]])).toEqual([
      ["Vượt kế hoạch"],
      ["Đạt"],
      ["Chưa đạt"],
      ["Ngoài kế hoạch"],
      [""],
    ]);
  });
});

describe("CODE / MASO", () => {
  it("finds the Mã số of a label, tolerant of spelling variants", () => {
    expect(fns.codeFunction([["Thạc sỹ"]])).toEqual([["04"]]);
    expect(fns.codeFunction([["Thạc sĩ"], ["- Tiến sỹ:"], ["BỒI DƯỠNG"]])).toEqual([["04"], ["03"], ["14"]]);
  });

  it("answers an unknown label with #N/A", () => {
    expect(isNA(fns.codeFunction([["Nấu ăn"]]))).toBe(true);
  });
});

describe("UNICODE / CHUYENMA", () => {
  it("converts TCVN3 (ABC) text", () => {
    // "Sở Tài chính" typed with a .VnTime font: TCVN3 bytes as Excel stores them.
    expect(fns.unicodeFunction([["Së Tµi chÝnh"]])).toEqual([["Sở Tài chính"]]);
  });

  it("converts the header text of the real TCVN3 and VNI fixtures", () => {
    // tcvn3-vntime.xlsx A5 (.VnTime) and vni-times.xlsx A5 (VNI-Times), as stored.
    expect(fns.unicodeFunction([["§¬n vÞ b¸o c¸o: UBND x· Léc B×nh"], ["Ñôn vò baùo caùo: UBND xaõ Ñình Laäp"]])).toEqual([
      ["Đơn vị báo cáo: UBND xã Lộc Bình"],
      ["Đơn vị báo cáo: UBND xã Đình Lập"],
    ]);
  });

  it("converts VNI text", () => {
    expect(fns.unicodeFunction([["Sôû Taøi chính"]])).toEqual([["Sở Tài chính"]]);
  });

  it("leaves Unicode and numbers as they are", () => {
    expect(fns.unicodeFunction([["Đào tạo", 12]])).toEqual([["Đào tạo", 12]]);
  });
});

describe("CHECK / KIEMTRA on real workbooks", () => {
  it("lists numbers stored as text with their cells, header first", async () => {
    const values = await sheetValues("numbers-as-text.xlsx");
    const rows = fns.checkFunction(values) as string[][];
    expect(rows[0]).toEqual(["Ô", "Mã lỗi", "Nội dung"]);
    const body = rows.slice(1);
    const typed = TRUTH["numbers-as-text.xlsx"].findings;
    expect(body.map((r) => `${r[1]}@${r[0]}`).sort()).toEqual(typed.map((f) => `${f.code}@${f.cell}`).sort());
    // The generator typed E11 as "4.348": the message quotes the text and the value read from it.
    expect(body).toContainEqual(["E11", "cell.text-number", expect.stringMatching(/^Ô E11 .*"4\.348".* 4\.348\b/)]);
    for (const row of body) expect(row).toHaveLength(3);
  });

  it("names the worksheet's own cells when the range does not start at A1", async () => {
    const values = await sheetValues("numbers-as-text.xlsx");
    // The same table entered two rows down and one column right.
    const shifted = [Array(values[0].length + 1).fill(""), Array(values[0].length + 1).fill(""), ...values.map((l) => ["", ...l])];
    const invocation = { parameterAddresses: ["'Biểu 01'!A1:Z80"] } as unknown as CustomFunctions.Invocation;
    const atA1 = (fns.checkFunction(shifted, invocation) as string[][]).slice(1);
    expect(atA1).toContainEqual(["F13", "cell.text-number", expect.any(String)]);
    const atB3 = { parameterAddresses: ["Sheet1!B3:U60"] } as unknown as CustomFunctions.Invocation;
    const moved = (fns.checkFunction(values, atB3) as string[][]).slice(1);
    expect(moved).toContainEqual(["F13", "cell.text-number", expect.any(String)]);
  });

  it("finds legacy-encoded text in a TCVN3 workbook", async () => {
    const rows = fns.checkFunction(await sheetValues("tcvn3-vntime.xlsx")) as string[][];
    expect(rows.slice(1).map((r) => r[1])).toContain("text.legacy-encoding");
  });

  it("gives a header only for a clean form", async () => {
    const rows = fns.checkFunction(await sheetValues("libreoffice-clean.xlsx")) as string[][];
    expect(rows).toEqual([["Ô", "Mã lỗi", "Nội dung"]]);
  });

  it("reports a range that holds no form, without throwing", () => {
    const rows = fns.checkFunction([["a", "b"], [1, 2]]) as string[][];
    expect(rows.slice(1).map((r) => r[1])).toContain("form.not-found");
  });
});

describe("messages follow Office's display language", () => {
  it("uses English when Office runs in English", () => {
    (globalThis as Record<string, unknown>).Office = { context: { displayLanguage: "en-US" } };
    try {
      const r = fns.attainmentFunction([[5]], [[0]]);
      expect((r as unknown as Error).message).toMatch(/plan is 0 or blank/);
      expect((fns.checkFunction([["x"]]) as string[][])[0]).toEqual(["Cell", "Code", "Message"]);
    } finally {
      delete (globalThis as Record<string, unknown>).Office;
    }
  });
});

describe("CHECK / KIEMTRA with a form learned in the workbook", () => {
  // A commune's form with no code row: nothing tells DTBD how its columns add up, so it is not
  // recognised until it is learned from its template (the generator's planted errors then show).
  const planted = { "generic/xa-khong-ma/planted/hop-thanh-loi-cot.xlsx": "sum.rows@C9", "generic/xa-khong-ma/planted/hop-thanh-loi-dong.xlsx": "sum.rows@D13" };

  it("reads the forms kept in the document settings, and checks that form's copies by them", async () => {
    const { learnWorkbook } = await import("../src/core/form/learn-workbook.js");
    const { readWorkbook } = await import("../src/io/read.js");
    const { storeForm } = await import("../src/office/stored-forms.js");
    const template = await readWorkbook(fixtureBytes("generic/xa-khong-ma/template/mau.xlsx"));
    const learned = learnWorkbook(template.grid!);
    expect(learned.ok).toBe(true);
    const clean = await sheetValues("generic/xa-khong-ma/clean/hop-thanh.xlsx");

    const g = globalThis as Record<string, unknown>;
    const settings = documentSettings();
    g.Office = { context: { document: { settings } } };
    try {
      // Not learned yet: the table is no form DTBD knows.
      expect((fns.checkFunction(clean) as string[][]).slice(1).map((r) => r[1])).toEqual(["form.not-found"]);
      if (learned.ok) await storeForm(settings, learned.definition);
      expect(fns.checkFunction(clean)).toEqual([["Ô", "Mã lỗi", "Nội dung"]]);
      for (const [file, expected] of Object.entries(planted)) {
        const rows = (fns.checkFunction(await sheetValues(file)) as string[][]).slice(1);
        expect(rows.map((r) => `${r[1]}@${r[0]}`), file).toEqual([expected]);
      }
      // A stored entry that is not a valid definition is left out, never trusted.
      settings.set("dtbd.forms", [{ format: "x", id: "hỏng" }]);
      expect((fns.checkFunction(clean) as string[][]).slice(1).map((r) => r[1])).toEqual(["form.not-found"]);
    } finally {
      delete g.Office;
    }
  });
});
