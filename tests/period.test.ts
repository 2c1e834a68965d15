/**
 * The source article's three-year review (Lạng Sơn, 2021–2025, reviewed after three years)
 * as the acceptance test of `dtbd period`: 9.514 people trained, 281% of target, 3.171 a
 * year, 817 more than 2.354; 169.181 person-times fostered, 93,7%, 56.394 a year, 15.790
 * more than 40.604. The article rounds averages and changes to whole people for display.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatPercentVietnamese, formatVietnamese } from "../src/core/number";
import { writeTemplate } from "../src/io/template";
import { runCli } from "./helpers/cli";
import { validate } from "./helpers/forms";

let dir: string;

/** A form whose whole training actual sits in row 05 and fostering actual in row 25. */
function yearValues(trained: number, fostered: number) {
  return {
    "05": { "2": 0, "3": trained, "4": 0, "5": 0, "7": 0, "8": trained, "9": 0, "10": 0 },
    "25": { "2": 0, "3": fostered, "4": 0, "5": 0, "7": 0, "8": fostered, "9": 0, "10": 0 },
  };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-period-"));
  const agency = { agencyName: "Sở Nội vụ", agencyCode: "000.00.13.H39" };
  await fs.writeFile(path.join(dir, "2021.xlsx"), await writeTemplate({ year: 2021, ...agency, values: yearValues(3000, 55000) }));
  await fs.writeFile(path.join(dir, "2022.xlsx"), await writeTemplate({ year: 2022, ...agency, values: yearValues(3100, 56000) }));
  // 2023 (with the first quarter of 2024 folded in, as the article counts) is itself a
  // consolidated provincial report of two agencies.
  await fs.mkdir(path.join(dir, "2023"));
  await fs.writeFile(path.join(dir, "2023", "a.xlsx"), await writeTemplate({ year: 2023, agencyName: "Sở Y tế", agencyCode: "000.00.15.H39", values: yearValues(2000, 30000) }));
  await fs.writeFile(path.join(dir, "2023", "b.xlsx"), await writeTemplate({ year: 2023, agencyName: "Sở Tư pháp", agencyCode: "000.00.14.H39", values: yearValues(1414, 28181) }));
  const consolidated = await runCli(["consolidate", path.join(dir, "2023"), "--out", path.join(dir, "tong-hop-2023.xlsx"), "--quiet"]);
  expect(consolidated.code).toBe(0);
  const target = { "05": { "2": 0, "3": 3386, "4": 0, "5": 0 }, "25": { "2": 0, "3": 180556, "4": 0, "5": 0 } };
  await fs.writeFile(path.join(dir, "ke-hoach-2021-2025.xlsx"), await writeTemplate({ period: { from: 2021, to: 2025 }, agencyName: "UBND tỉnh Lạng Sơn", values: target }));
});

/** The three yearly inputs against the period plan, with the article's 2016–2020 averages. */
function runPeriod(fosteringBaseline: string, out: string, ...flags: string[]) {
  const years = ["2021.xlsx", "2022.xlsx", "tong-hop-2023.xlsx"].map((f) => path.join(dir, f));
  return runCli(["period", ...years, "--target", path.join(dir, "ke-hoach-2021-2025.xlsx"), "--baseline", "01=2354", "--baseline", fosteringBaseline, "--out", path.join(dir, out), ...flags]);
}

describe("dtbd period: a directory of yearly reports", () => {
  it("names what it did not read: other files, archives, sub-folders with their workbooks", async () => {
    const years = await fs.mkdtemp(path.join(os.tmpdir(), "dtbd-period-dir-"));
    for (const f of ["2021.xlsx", "2022.xlsx", "tong-hop-2023.xlsx"]) await fs.copyFile(path.join(dir, f), path.join(years, f));
    await fs.writeFile(path.join(years, "ghi-chu.txt"), "");
    await fs.writeFile(path.join(years, "2020.zip"), "PK");
    await fs.mkdir(path.join(years, "cu"));
    await fs.copyFile(path.join(dir, "2021.xlsx"), path.join(years, "cu", "2020.xlsx"));
    const args = ["period", years, "--target", path.join(dir, "ke-hoach-2021-2025.xlsx"), "--baseline", "01=2354", "--out", path.join(dir, "so-ket-dir.xlsx")];
    const json = JSON.parse((await runCli([...args, "--json"])).stdout);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual(["ke-hoach-2021-2025.xlsx", "2021.xlsx", "2022.xlsx", "tong-hop-2023.xlsx"]);
    expect(json.rows["01"].actual).toBe(9514);
    expect([...json.ignored].sort()).toEqual(["2020.zip", "ghi-chu.txt"]);
    expect(json.skippedDirectories).toEqual([{ name: "cu", workbooks: 1 }]);
    const text = (await runCli(args)).stdout;
    expect(text).toContain("Bỏ qua (không phải bảng tính): 2020.zip, ghi-chu.txt");
    expect(text).toContain("Tệp nén không được đọc: 2020.zip.");
    expect(text).toContain(`Không đọc thư mục con (chỉ đọc các tệp nằm ngay trong thư mục đã chỉ): cu${path.sep} (1 bảng tính).`);
  });
});

describe("dtbd period: the source article's figures", () => {
  it("the period plan and the consolidated report are read as forms", async () => {
    const plan = await validate(new Uint8Array(await fs.readFile(path.join(dir, "ke-hoach-2021-2025.xlsx"))));
    expect(plan.period).toEqual({ from: 2021, to: 2025 });
    expect(plan.totals["01"].plan).toBe(3386);
    const report = await validate(new Uint8Array(await fs.readFile(path.join(dir, "tong-hop-2023.xlsx"))));
    expect(report.form).toBe("01/ĐTBD");
    expect(report.year).toBe(2023);
    expect(report.totals["01"].actual).toBe(3414);
  });

  it("sums, rates, averages and changes", async () => {
    const run = await runPeriod("14=40.604", "so-ket.xlsx", "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.years).toBe(3);
    expect(json.reportYears).toEqual([2021, 2022, 2023]);
    const trained = json.rows["01"];
    const fostered = json.rows["14"];
    expect(trained.actual).toBe(9514);
    expect(fostered.actual).toBe(169181);
    expect(formatVietnamese(trained.actual)).toBe("9.514");
    expect(formatVietnamese(fostered.actual)).toBe("169.181");
    expect(formatPercentVietnamese(trained.rate)).toBe("281%");
    expect(formatPercentVietnamese(fostered.rate)).toBe("93,7%");
    expect(formatVietnamese(Math.round(trained.perYear))).toBe("3.171");
    expect(formatVietnamese(Math.round(fostered.perYear))).toBe("56.394");
    expect(trained.perYear).toBeCloseTo(3171.33, 2);
    expect(Math.round(trained.change)).toBe(817);
    expect(formatVietnamese(Math.round(fostered.change))).toBe("15.790");
    expect(trained.changeRatio).toBeCloseTo(3171.333 / 2354, 3);
    await fs.access(path.join(dir, "so-ket.xlsx"));
  });

  it("prints the article's sentence figures in the terminal summary", async () => {
    const run = await runPeriod("14=40604", "so-ket-2.xlsx");
    expect(run.stdout).toContain("9.514");
    expect(run.stdout).toContain("281%");
    expect(run.stdout).toContain("3.171");
    expect(run.stdout).toContain("cao hơn 817 so với 2.354");
    expect(run.stdout).toContain("169.181");
    expect(run.stdout).toContain("93,7%");
    expect(run.stdout).toContain("56.394");
    expect(run.stdout).toContain("cao hơn 15.790 so với 40.604");
  });
});
