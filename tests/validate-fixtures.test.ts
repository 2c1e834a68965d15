import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "./helpers/forms";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

describe("shared fixtures (written by openpyxl and LibreOffice)", async () => {
  const expected = JSON.parse(await fs.readFile(path.join(FIXTURES, "fixtures.json"), "utf8")) as Record<
    string,
    { agency: string; totals: Record<string, { plan: number; actual: number }> }
  >;
  for (const [file, truth] of Object.entries(expected)) {
    it(`${file}: no error finding, totals of 01 and 14 as in fixtures.json`, async () => {
      const result = await validate(new Uint8Array(await fs.readFile(path.join(FIXTURES, file))), file);
      expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(result.form).toBe("01/ĐTBD");
      expect(result.year).toBe(2024);
      expect(result.agency?.code).toBe(truth.agency);
      for (const code of ["01", "14"]) {
        expect(result.totals[code].plan).toBe(truth.totals[code].plan);
        expect(result.totals[code].actual).toBe(truth.totals[code].actual);
        expect(result.totals[code].rate).toBeCloseTo(truth.totals[code].actual / truth.totals[code].plan, 10);
      }
      const codes = new Set(result.findings.map((f) => f.code));
      expect(codes.has("text.legacy-encoding")).toBe(file.startsWith("tcvn3") || file.startsWith("vni"));
      expect(codes.has("cell.text-number")).toBe(file === "numbers-as-text.xlsx");
    });
  }

  it("legacy files read as the same Unicode agency names and labels", async () => {
    const tcvn3 = await validate(new Uint8Array(await fs.readFile(path.join(FIXTURES, "tcvn3-vntime.xlsx"))));
    const vni = await validate(new Uint8Array(await fs.readFile(path.join(FIXTURES, "vni-times.xlsx"))));
    expect(tcvn3.agency?.name).toBe("UBND xã Lộc Bình");
    expect(vni.agency?.name).toBe("UBND xã Đình Lập");
    expect(tcvn3.managingBody).toBe("UBND TỈNH LẠNG SƠN");
    const legacy = tcvn3.findings.find((f) => f.code === "text.legacy-encoding")!;
    expect(legacy.severity).toBe("warning");
    expect(legacy.sheet).toBe("01-DTBD");
    expect(legacy.cell).toBe("A1");
  });

  it("numbers typed as text: each text cell is reported at its own address, and '-' counts as zero silently", async () => {
    const result = await validate(new Uint8Array(await fs.readFile(path.join(FIXTURES, "numbers-as-text.xlsx"))));
    const cells = new Set(result.findings.filter((f) => f.code === "cell.text-number").map((f) => f.cell));
    expect(cells.has("E11")).toBe(true);
    expect(cells.has("S12")).toBe(true);
    expect(cells.has("I13")).toBe(false); // "-" means zero
    expect(result.rows["03"]["5"]).toBe(0);
    expect(result.rows["02"]["15"]).toBeCloseTo(7886.4, 6);
  });
});
