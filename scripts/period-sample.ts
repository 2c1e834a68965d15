/**
 * Writes the source article's period review inputs (Lạng Sơn, 2021–2025) into a directory:
 * the province's annual forms for 2021–2023 (9.514 people trained, 169.181 person-times
 * fostered) and the 2021–2025 plan, the figures tests/period-report.test.ts uses.
 * Run: npx tsx scripts/period-sample.ts DIR
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { writeTemplate } from "../src/io/template";

const TRAINED = { 2021: 3000, 2022: 3200, 2023: 3314 } as const;
const FOSTERED = { 2021: 56000, 2022: 57000, 2023: 56181 } as const;
const AGENCY = { agencyName: "UBND tỉnh Lạng Sơn", agencyCode: "000.00.00.H39" };

async function main(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const year of [2021, 2022, 2023] as const) {
    const values = { "05": { "3": 3000, "8": TRAINED[year] }, "25": { "3": 60000, "8": FOSTERED[year] } };
    await fs.writeFile(path.join(dir, `bao-cao-${year}.xlsx`), await writeTemplate({ year, ...AGENCY, values }));
  }
  const plan = { "05": { "3": 3386 }, "25": { "3": 180556 } };
  await fs.writeFile(path.join(dir, "ke-hoach-2021-2025.xlsx"), await writeTemplate({ period: { from: 2021, to: 2025 }, ...AGENCY, values: plan }));
  process.stdout.write(`period inputs written to ${dir}\n`);
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: npx tsx scripts/period-sample.ts DIR\n");
  process.exitCode = 2;
} else {
  main(dir).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
