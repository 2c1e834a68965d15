import { describe, expect, it } from "vitest";
import { STATUS_LABEL, attainmentStatus, rateOf } from "../src/core/attainment";
import { formatPercentVietnamese } from "../src/core/number";

describe("attainment", () => {
  it("is actual ÷ plan, with no rate and no division error when the plan is 0", () => {
    expect(rateOf(213, 186)).toBeCloseTo(1.1452, 4);
    expect(rateOf(5, 0)).toBeNull();
    expect(rateOf(0, 0)).toBeNull();
  });

  it("gives the four statuses of the spec", () => {
    expect(attainmentStatus(213, 186)).toBe("over");
    expect(attainmentStatus(186, 186)).toBe("met");
    expect(attainmentStatus(100, 186)).toBe("under");
    expect(attainmentStatus(2, 0)).toBe("unplanned");
    expect(attainmentStatus(0, 0)).toBeNull();
    expect(STATUS_LABEL.over.vi).toBe("Vượt kế hoạch");
    expect(STATUS_LABEL.unplanned.vi).toBe("Ngoài kế hoạch");
  });

  it("displays Vietnamese percentages as the article does", () => {
    expect(formatPercentVietnamese(rateOf(9514, 3386)!)).toBe("281%");
    expect(formatPercentVietnamese(rateOf(169181, 180556)!)).toBe("93,7%");
  });
});
