/**
 * trend.jump and trend.drop, one rule each, at their thresholds: more than 3× last year, or
 * from 0 to more than 50 (jump); to 0 from more than 50 (drop). The thresholds' own values
 * (3× exactly, 0 → 50, 50 → 0) give nothing.
 */
import { describe, expect, it } from "vitest";
import { FINDING_SEVERITY } from "../src/core/findings";
import { type TrendSubject, trendDrop, trendJump } from "../src/core/trend";

const subject = (previous: number, current: number, figure: TrendSubject["figure"] = "trainingActual"): TrendSubject => ({
  agency: { code: "000.00.12.H39", name: "Sở Tài chính" },
  sheet: "01-DTBD",
  figure,
  previousYear: 2023,
  year: 2024,
  previous,
  current,
});

const codes = (previous: number, current: number) => [trendJump(subject(previous, current)), trendDrop(subject(previous, current))].flatMap((f) => (f ? [f.code] : []));

describe("trend rules", () => {
  it("are info findings", () => {
    expect(FINDING_SEVERITY["trend.jump"]).toBe("info");
    expect(FINDING_SEVERITY["trend.drop"]).toBe("info");
  });

  it.each([
    [10, 31, ["trend.jump"]], // more than 3×
    [10, 30, []], // 3× exactly
    [10, 30.5, ["trend.jump"]], // money may be fractional
    [0, 51, ["trend.jump"]], // from 0 to over 50
    [0, 50, []], // from 0 to 50
    [0, 0, []],
    [51, 0, ["trend.drop"]], // to 0 from over 50
    [50, 0, []], // to 0 from 50
    [1, 0, []],
    [100, 1, []], // a fall, but not to 0
    [17, 17, []],
  ])("%d → %d gives %j", (previous, current, expected) => {
    expect(codes(previous, current)).toEqual(expected);
  });

  it("names the agency, the figure, last year's and this year's values, in Vietnamese and English", () => {
    const jump = trendJump(subject(1200, 3601, "fosteringActual"))!;
    expect(jump).toMatchObject({ code: "trend.jump", severity: "info", sheet: "01-DTBD", cell: null, row: "14", column: "6", expected: 1200, actual: 3601 });
    expect(jump.message.vi).toBe(
      "Sở Tài chính – 000.00.12.H39: bồi dưỡng – thực hiện (Mã số 14, cột 6, lượt người) năm 2024 là 3.601, gấp hơn 3 lần năm 2023 (1.200). Hãy hỏi lại đơn vị trước khi ký báo cáo.",
    );
    expect(jump.message.en).toBe(
      "Sở Tài chính – 000.00.12.H39: fostering – actual (row 14, column 6, person-times) is 3,601 in 2024, more than 3 times 2023's 1,200. Ask the agency before signing the report.",
    );
    const drop = trendDrop(subject(60.5, 0, "budgetActual"))!;
    expect(drop).toMatchObject({ code: "trend.drop", row: null, column: "15", expected: 60.5, actual: 0 });
    expect(drop.message.vi).toBe("Sở Tài chính – 000.00.12.H39: kinh phí – thực hiện (cột 15, triệu đồng) năm 2024 là 0, năm 2023 là 60,5. Hãy hỏi lại đơn vị trước khi ký báo cáo.");
    expect(drop.message.vi).toBe(drop.message.vi.normalize("NFC"));
  });
});
