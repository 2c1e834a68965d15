import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  formatEnglish,
  formatPercentVietnamese,
  formatVietnamese,
  numberOrZero,
  parseCellNumber,
  type ParsedNumber,
} from "../src/core/number";

const num = (value: number, percent = false): ParsedNumber => ({ kind: "number", value, fromText: true, percent });

describe("parseCellNumber: examples", () => {
  const cases: [unknown, ParsedNumber][] = [
    ["9.514", num(9514)],
    ["169.181", num(169181)],
    ["56.394", num(56394)],
    ["1.234.567,5", num(1234567.5)],
    ["12,5", num(12.5)],
    ["7.886,4", num(7886.4)],
    ["93,7%", num(0.937, true)],
    ["281%", num(2.81, true)],
    ["5 %", num(0.05, true)],
    ["0", num(0)],
    ["007", num(7)],
    ["  42  ", num(42)],
    ["\u00a0 9.514\u00a0", num(9514)],
    ["1 234", num(1234)],
    ["1\u00a0234\u202f567", num(1234567)],
    ["1 234,5", num(1234.5)],
    ["+15", num(15)],
    ["-15", num(-15)],
    ["-1.234,5", num(-1234.5)],
    ["\u221215", num(-15)],
    [",5", num(0.5)],
    ["0,500", num(0.5)],
  ];
  it.each(cases)("%j", (input, expected) => {
    expect(parseCellNumber(input as string)).toEqual(expected);
  });

  it("passes numbers through", () => {
    expect(parseCellNumber(186)).toEqual({ kind: "number", value: 186, fromText: false, percent: false });
    expect(parseCellNumber(0.957)).toEqual({ kind: "number", value: 0.957, fromText: false, percent: false });
    expect(parseCellNumber(Number.NaN).kind).toBe("invalid");
    expect(parseCellNumber(Number.POSITIVE_INFINITY).kind).toBe("invalid");
  });

  it("treats blanks and dashes as zero, and nothing else", () => {
    for (const blank of [null, "", "   ", "\u00a0", "\t"]) expect(parseCellNumber(blank)).toEqual({ kind: "blank" });
    for (const dash of ["-", "\u2013", "\u2014", " - "]) expect(parseCellNumber(dash)).toEqual({ kind: "dash" });
    expect(parseCellNumber("x").kind).toBe("invalid");
    expect(parseCellNumber("--").kind).toBe("invalid");
  });

  it("flags readings that depend on the convention", () => {
    expect(parseCellNumber("1,234")).toEqual({ kind: "ambiguous", value: 1234, alternatives: [1.234], text: "1,234" });
    expect(parseCellNumber("12.5")).toEqual({ kind: "ambiguous", value: 12.5, alternatives: [125], text: "12.5" });
    expect(parseCellNumber("1.5")).toEqual({ kind: "ambiguous", value: 1.5, alternatives: [15], text: "1.5" });
    expect(parseCellNumber("1,234.5")).toEqual({ kind: "ambiguous", value: 1234.5, alternatives: [], text: "1,234.5" });
    expect(parseCellNumber("1,234,567")).toEqual({ kind: "ambiguous", value: 1234567, alternatives: [], text: "1,234,567" });
    expect(parseCellNumber("0.5")).toEqual({ kind: "ambiguous", value: 0.5, alternatives: [], text: "0.5" });
    expect(parseCellNumber("12.5%")).toEqual({ kind: "ambiguous", value: 0.125, alternatives: [1.25], text: "12.5%" });
  });

  it.each(["(123)", "abc", "12a", "1..2", "#REF!", "#DIV/0!", "1.23.456", "1,2,3", "5,", "5.", "+", "%", "- 5", "1e5", "TRUE", "1 23", "1.234,5.6", "12.345,6,7"])(
    "rejects %j",
    (text) => {
      expect(parseCellNumber(text)).toEqual({ kind: "invalid", text });
    },
  );

  it("rejects booleans", () => {
    expect(parseCellNumber(true)).toEqual({ kind: "invalid", text: "TRUE" });
  });
});

describe("numberOrZero", () => {
  it("maps each kind", () => {
    expect(numberOrZero(parseCellNumber(null))).toBe(0);
    expect(numberOrZero(parseCellNumber("-"))).toBe(0);
    expect(numberOrZero(parseCellNumber("9.514"))).toBe(9514);
    expect(numberOrZero(parseCellNumber("1,234"))).toBe(1234);
    expect(numberOrZero(parseCellNumber("abc"))).toBeNull();
  });
});

describe("formatting", () => {
  it("formats the source article's figures", () => {
    expect(formatVietnamese(9514)).toBe("9.514");
    expect(formatVietnamese(169181)).toBe("169.181");
    expect(formatVietnamese(93.7)).toBe("93,7");
    expect(formatVietnamese(0)).toBe("0");
    expect(formatVietnamese(-0)).toBe("0");
    expect(formatVietnamese(-1234567.25)).toBe("-1.234.567,25");
    expect(formatVietnamese(1234.5, 2)).toBe("1.234,50");
    expect(formatVietnamese(1234.567, 0)).toBe("1.235");
    expect(formatVietnamese(1e-7)).toBe("0,0000001");
    expect(formatVietnamese(1e21)).toBe("1.000.000.000.000.000.000.000");
    expect(formatPercentVietnamese(2.81)).toBe("281%");
    expect(formatPercentVietnamese(0.937)).toBe("93,7%");
    expect(formatPercentVietnamese(1.1452)).toBe("114,5%");
    expect(formatPercentVietnamese(0.9899)).toBe("99%");
    expect(formatPercentVietnamese(1)).toBe("100%");
    expect(formatPercentVietnamese(0)).toBe("0%");
    expect(formatPercentVietnamese(Number.NaN)).toBe("");
  });
});

describe("formatEnglish: what Intl's en-US shows, without loading ICU", () => {
  it("examples", () => {
    expect(formatEnglish(9514)).toBe("9,514");
    expect(formatEnglish(93.7, 1)).toBe("93.7");
    expect(formatEnglish(1234567.255)).toBe("1,234,567.26");
    expect(formatEnglish(1.005)).toBe("1.01"); // the shortest decimal is rounded, not the binary value
    expect(formatEnglish(9.995)).toBe("10");
    expect(formatEnglish(999999.996)).toBe("1,000,000");
    expect(formatEnglish(-2.5, 0)).toBe("-3");
    expect(formatEnglish(-0.001)).toBe("0");
    expect(formatEnglish(-0)).toBe("0");
    expect(formatEnglish(1e21)).toBe("1,000,000,000,000,000,000,000");
    expect(formatEnglish(1e-7, 2)).toBe("0");
    expect(formatEnglish(Number.NaN)).toBe("NaN");
    expect(formatEnglish(Number.POSITIVE_INFINITY)).toBe("∞");
  });

  it("agrees with toLocaleString('en-US', { maximumFractionDigits }) (zero aside: no sign)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ noNaN: true, min: -1e25, max: 1e25 }), fc.integer({ min: -1e9, max: 1e9 }).map((k) => k / 1000)),
        fc.integer({ min: 0, max: 6 }),
        (n, places) => {
          const intl = n.toLocaleString("en-US", { maximumFractionDigits: places });
          expect(formatEnglish(n, places)).toBe(intl === "-0" ? "0" : intl);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("properties", () => {
  it("an integer formatted the Vietnamese way parses back to itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(parseCellNumber(formatVietnamese(n))).toEqual(num(n));
      }),
      { numRuns: 2000 },
    );
  });

  it("a number with at most two decimals round-trips", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 2 }), (hundredths, places) => {
        const n = Number((hundredths / 100).toFixed(places));
        expect(parseCellNumber(formatVietnamese(n))).toEqual(num(n === 0 ? 0 : n));
        expect(parseCellNumber(formatVietnamese(n, places))).toEqual(num(n === 0 ? 0 : n));
      }),
      { numRuns: 2000 },
    );
  });

  it("a percent string is the number divided by 100", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1 }), (tenths, places) => {
        const n = places === 0 ? Math.round(tenths / 10) : tenths / 10;
        const plain = parseCellNumber(formatVietnamese(n));
        const percent = parseCellNumber(`${formatVietnamese(n)}%`);
        expect(plain.kind).toBe("number");
        expect(percent.kind).toBe("number");
        if (plain.kind !== "number" || percent.kind !== "number") return;
        expect(percent.percent).toBe(true);
        expect(Math.abs(percent.value - plain.value / 100)).toBeLessThanOrEqual(Math.abs(plain.value / 100) * 1e-15);
      }),
      { numRuns: 1000 },
    );
  });

  it("formatPercentVietnamese output parses back to the ratio rounded to 0.1%", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (permille) => {
        const ratio = permille / 1000;
        const parsed = parseCellNumber(formatPercentVietnamese(ratio));
        expect(parsed.kind).toBe("number");
        if (parsed.kind === "number") expect(parsed.value).toBeCloseTo(ratio, 10);
      }),
    );
  });

  it("never throws on arbitrary text, and always answers one of the kinds", () => {
    const kinds = new Set(["blank", "dash", "number", "ambiguous", "invalid"]);
    const arbitrary = fc.oneof(
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.stringMatching(/^[ \u00a00-9.,%+\-–()]{0,20}$/),
    );
    fc.assert(
      fc.property(arbitrary, (text) => {
        const parsed = parseCellNumber(text);
        expect(kinds.has(parsed.kind)).toBe(true);
        if (parsed.kind === "number" || parsed.kind === "ambiguous") expect(Number.isFinite(parsed.value)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
