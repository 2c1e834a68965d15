import { describe, expect, it } from "vitest";
import { validate } from "./helpers/forms";
import { FIXTURE_FILES, TRUTH, briefOf, fixtureBytes } from "./helpers/fixtures";

describe("fixtures written by openpyxl and LibreOffice, against their generator's oracle", () => {
  it("are the six kinds of file agencies send", () => {
    expect(FIXTURE_FILES).toEqual(["libreoffice-clean.xlsx", "numbers-as-text.xlsx", "openpyxl-clean.xlsx", "tcvn3-vntime.xlsx", "unicode-nfd.xlsx", "vni-times.xlsx"]);
    expect(FIXTURE_FILES.map((f) => TRUTH[f].writer)).toEqual(["LibreOffice", "openpyxl", "openpyxl", "openpyxl", "openpyxl", "openpyxl"]);
  });

  for (const file of FIXTURE_FILES) {
    it(`${file}: agency, year, every row's numbers and totals, and exactly the findings the oracle lists`, async () => {
      const truth = TRUTH[file];
      const result = await validate(fixtureBytes(file), file);
      expect(result.form).toBe("01/ĐTBD");
      expect(result.sheet).toBe(truth.sheet);
      expect(result.year).toBe(truth.year);
      expect(result.agency).toEqual({ code: truth.agency, name: truth.agencyName });
      expect(result.managingBody).toBe(truth.managingBody);
      expect(result.rows).toEqual(truth.rows);
      expect(Object.keys(result.totals)).toEqual(Object.keys(truth.totals));
      for (const [code, t] of Object.entries(truth.totals)) {
        expect(result.totals[code].plan, code).toBe(t.plan);
        expect(result.totals[code].actual, code).toBe(t.actual);
        if (t.plan > 0) expect(result.totals[code].rate, code).toBeCloseTo(t.actual / t.plan, 10);
        else expect(result.totals[code].rate, code).toBeNull();
      }
      expect(briefOf(result.findings)).toEqual(briefOf(truth.findings));
      expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
      for (const expected of truth.findings) {
        const found = result.findings.find((f) => f.code === expected.code && f.cell === expected.cell)!;
        expect(found.actual, `${expected.code}@${expected.cell}`).toEqual(expected.actual);
        if (expected.expected !== undefined) expect(found.expected, `${expected.code}@${expected.cell}`).toBe(expected.expected);
      }
    });
  }

  it("legacy files read as the same Unicode agency names and labels", async () => {
    const tcvn3 = await validate(fixtureBytes("tcvn3-vntime.xlsx"));
    const vni = await validate(fixtureBytes("vni-times.xlsx"));
    expect(tcvn3.agency?.name).toBe("UBND xã Lộc Bình");
    expect(vni.agency?.name).toBe("UBND xã Đình Lập");
    expect(tcvn3.managingBody).toBe("UBND TỈNH LẠNG SƠN");
    const legacy = tcvn3.findings.find((f) => f.code === "text.legacy-encoding")!;
    expect(legacy.severity).toBe("warning");
    expect(legacy.sheet).toBe("01-DTBD");
    expect(legacy.cell).toBe("A1");
    expect(legacy.actual).toBe(TRUTH["tcvn3-vntime.xlsx"].legacyCells);
  });

  it("numbers typed as text: each text cell is reported at its own address, and '-' counts as zero silently", async () => {
    const truth = TRUTH["numbers-as-text.xlsx"];
    const result = await validate(fixtureBytes("numbers-as-text.xlsx"));
    const flagged = result.findings.filter((f) => f.code === "cell.text-number");
    const written = truth.findings.filter((f) => f.code === "cell.text-number");
    expect(flagged.map((f) => f.cell).sort()).toEqual(written.map((f) => f.cell).sort());
    // A parent row is typed as text throughout: "4.348" (a thousands dot), "12.100,3" (a decimal comma).
    expect(flagged.find((f) => f.cell === "E11")).toMatchObject(written.find((f) => f.cell === "E11")!);
    expect(written.find((f) => f.cell === "E11")).toMatchObject({ actual: "4.348", expected: 4348 });
    expect(flagged.find((f) => f.cell === "R11")).toMatchObject({ actual: "12.100,3", expected: 12100.3 });
    // Zeros are typed "-", which means zero and is not flagged.
    const dashes = Object.entries(truth.rows).flatMap(([code, cols]) => Object.entries(cols).filter(([col, v]) => v === 0 && col !== "13").map(([col]) => [code, col]));
    expect(dashes.length).toBeGreaterThan(0);
    for (const [code, col] of dashes) expect(result.rows[code][col], `${code}/${col}`).toBe(0);
  });
});
