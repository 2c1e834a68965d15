/**
 * The baseline: a bare exceljs loop that loads each workbook and adds up two columns
 * (plan total E and actual total J of the first sheet). No checks, no report. Plain JS so it
 * runs on bare node like the CLI. Prints one JSON line: files, seconds, maxRSS (MB), sums.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ExcelJS = require("exceljs");

function numeric(v) {
  if (typeof v === "number") return v;
  if (v && typeof v === "object" && typeof v.result === "number") return v.result;
  return 0;
}

async function main(files) {
  const started = performance.now();
  let plan = 0;
  let actual = 0;
  let failed = 0;
  for (const file of files) {
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(file));
      const ws = wb.worksheets[0];
      ws.eachRow((row) => {
        plan += numeric(row.getCell(5).value);
        actual += numeric(row.getCell(10).value);
      });
    } catch {
      failed++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ files: files.length, failed, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, cpuS: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6, plan, actual }) + "\n");
}

const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort().map((f) => path.join(dir, f));
void main(files);
