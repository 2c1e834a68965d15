import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { address } from "../src/core/grid";
import { MAX_FORMULA_CELLS, evaluatePlainFormula } from "../src/core/formula";

/** A sheet where each cell holds row*100+col, and column Z is blank. */
const lookup = (row: number, col: number): number | null => (col === 26 ? null : row * 100 + col);

describe("evaluatePlainFormula", () => {
  const supported: [string, number][] = [
    ["SUM(E12:E18)", [12, 13, 14, 15, 16, 17, 18].reduce((s, r) => s + r * 100 + 5, 0)],
    ["=SUM(E12:E18)", [12, 13, 14, 15, 16, 17, 18].reduce((s, r) => s + r * 100 + 5, 0)],
    ["=SUM($E$12:$E$13)", 1205 + 1305],
    ["=sum( e12 : e13 )", 1205 + 1305],
    ["=SUM(E18:E12)", [12, 13, 14, 15, 16, 17, 18].reduce((s, r) => s + r * 100 + 5, 0)],
    ["=SUM(E1:F2)", 105 + 106 + 205 + 206],
    ["=SUM(E12:E13,F1,2)", 1205 + 1305 + 106 + 2],
    ["=SUM(E12:E13, F14:F15)", 1205 + 1305 + 1406 + 1506],
    ["=E12+F12-3", 1205 + 1206 - 3],
    ["=$E$12+E$13+$E14", 1205 + 1305 + 1405],
    ["= E12 + 1.5 ", 1206.5],
    ["=-E1+10", -105 + 10],
    ["=(E1+E2)", 105 + 205],
    ["=SUM(E1,SUM(E2:E3))", 105 + 205 + 305],
    ["=Z1+Z2+E1", 105],
    ["=SUM(Z1:Z100)", 0],
    ["=42", 42],
    ["=F16+F17+F18", 1606 + 1706 + 1806],
  ];
  it.each(supported)("%s", (formula, value) => {
    expect(evaluatePlainFormula(formula, lookup)).toEqual({ value });
  });

  const unsupported = [
    "",
    "=",
    "=Sheet1!E12",
    "=SUM(Sheet1!E1:E3)",
    "='Kế hoạch'!E1",
    "=E12*2",
    "=E12/2",
    "=AVERAGE(E1:E2)",
    "=IF(E1>0,1,0)",
    "=E1:E3",
    "=SUM(E:E)",
    "=SUM(1:1)",
    "=SUM()",
    "=SUM(E1,)",
    "=SUM(E1",
    "=E1)",
    "=E12 E13",
    "=5%",
    "=\"text\"",
    "=#REF!+1",
    "=Tong",
    "=LOG10(E1)",
    "=E0",
    "=XFE1",
    "=E1048577",
    "=1e400",
    "=SUMIF(E1:E3,\">0\")",
    "=_xlfn.SUM(E1)",
    "=" + "(".repeat(500) + "1" + ")".repeat(500),
  ];
  it.each(unsupported)("unsupported: %j", (formula) => {
    expect(evaluatePlainFormula(formula, lookup)).toEqual({ unsupported: true });
  });

  it("refuses ranges larger than the cell budget without reading them", () => {
    let reads = 0;
    const counting = (r: number, c: number) => {
      reads++;
      return lookup(r, c);
    };
    expect(evaluatePlainFormula("=SUM(A1:XFD1048576)", counting)).toEqual({ unsupported: true });
    expect(evaluatePlainFormula("=SUM(A1:A100001)", counting)).toEqual({ unsupported: true });
    expect(reads).toBe(0);
    expect(evaluatePlainFormula(`=SUM(A1:A${MAX_FORMULA_CELLS})`, counting)).toHaveProperty("value");
    expect(reads).toBe(MAX_FORMULA_CELLS);
    // The budget is for the whole formula, not each range.
    expect(evaluatePlainFormula("=SUM(A1:A60000,B1:B60000)", counting)).toEqual({ unsupported: true });
  });
});

describe("properties", () => {
  const ref = fc.record({ row: fc.integer({ min: 1, max: 2000 }), col: fc.integer({ min: 1, max: 60 }), absRow: fc.boolean(), absCol: fc.boolean() });
  const refText = (r: { row: number; col: number; absRow: boolean; absCol: boolean }) => {
    const a1 = address(r.row, r.col);
    const letters = a1.replace(/\d+$/, "");
    return `${r.absCol ? "$" : ""}${letters}${r.absRow ? "$" : ""}${r.row}`;
  };

  it("a chain of + and - over cells and numbers equals the direct computation", () => {
    const item = fc.oneof(ref.map((r) => ({ text: refText(r), value: lookup(r.row, r.col) ?? 0 })), fc.integer({ min: 0, max: 1e6 }).map((n) => ({ text: String(n), value: n })));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("+", "-"), item, fc.constantFrom("", " ")), { minLength: 1, maxLength: 30 }), (parts) => {
        let expected = 0;
        let text = "=";
        parts.forEach(([op, it, sp], i) => {
          text += i === 0 ? (op === "-" ? "-" : "") : `${sp}${op}${sp}`;
          text += it.text;
          expected += op === "-" ? -it.value : it.value;
        });
        expect(evaluatePlainFormula(text, lookup)).toEqual({ value: expected });
      }),
      { numRuns: 1000 },
    );
  });

  it("SUM over ranges equals the brute-force sum", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(ref, ref), { minLength: 1, maxLength: 4 }), (ranges) => {
        let expected = 0;
        let cells = 0;
        for (const [a, b] of ranges) {
          for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++)
            for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
              expected += lookup(r, c) ?? 0;
              cells++;
            }
        }
        const text = `=SUM(${ranges.map(([a, b]) => `${refText(a)}:${refText(b)}`).join(",")})`;
        const result = evaluatePlainFormula(text, lookup);
        if (cells > MAX_FORMULA_CELLS) expect(result).toEqual({ unsupported: true });
        else expect(result).toEqual({ value: expected });
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary text", () => {
    const arbitrary = fc.oneof(
      fc.string({ unit: "binary", maxLength: 100 }),
      fc.stringMatching(/^=?[A-Z$0-9:,+\-() .E!%*]{0,40}$/),
      fc.array(fc.constantFrom("SUM(", "E12", "$E$1", ":", ",", "+", "-", "(", ")", "1.5", " ", "A1:XFD9"), { maxLength: 30 }).map((a) => "=" + a.join("")),
    );
    fc.assert(
      fc.property(arbitrary, (text) => {
        const result = evaluatePlainFormula(text, lookup);
        if ("value" in result) expect(Number.isFinite(result.value)).toBe(true);
        else expect(result).toEqual({ unsupported: true });
      }),
      { numRuns: 5000 },
    );
  });
});
