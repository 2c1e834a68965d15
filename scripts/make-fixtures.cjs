#!/usr/bin/env node
/**
 * `npm run fixtures`: rewrites tests/fixtures (six workbooks and fixtures.json, their oracle)
 * with scripts/make-fixtures.py. Finds a python3 that has openpyxl (Debian's /usr/bin/python3
 * has it as python3-openpyxl; a pyenv python3 first on PATH often has not) and LibreOffice's
 * soffice, which writes libreoffice-clean.xlsx. The tests read the committed files: only
 * changing the fixtures needs this.
 */
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

function pythonWithOpenpyxl() {
  for (const candidate of [process.env.PYTHON, "/usr/bin/python3", onPath("python3")]) {
    if (!candidate || !existsSync(candidate)) continue;
    try {
      execFileSync(candidate, ["-c", "import openpyxl"], { stdio: "ignore" });
      return candidate;
    } catch {
      // no openpyxl here: try the next one
    }
  }
  return null;
}

const python = pythonWithOpenpyxl();
if (!python) {
  console.error("npm run fixtures: no python3 with openpyxl (apt-get install python3-openpyxl, or set PYTHON).");
  process.exit(1);
}
const soffice = onPath("soffice") ?? (existsSync("/usr/bin/soffice") ? "/usr/bin/soffice" : null);
if (!soffice) {
  console.error("npm run fixtures: LibreOffice (soffice) is needed for libreoffice-clean.xlsx (apt-get install libreoffice-calc).");
  process.exit(1);
}
const out = path.join(root, "tests", "fixtures");
const run = spawnSync(python, [path.join(__dirname, "make-fixtures.py"), out, soffice], { stdio: "inherit" });
process.exit(run.status ?? 1);
