/**
 * The fixture workbooks in tests/fixtures and their oracle, fixtures.json, both written by
 * scripts/make-fixtures.py (`npm run fixtures`) from numbers and texts it chose itself: what
 * a test expects of a fixture comes from there, never from DTBD reading the file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = join(__dirname, "..", "fixtures");

export interface ExpectedFinding {
  code: string;
  cell: string;
  actual?: string | number;
  expected?: number;
}

export interface FixtureTruth {
  /** Mã định danh. */
  agency: string;
  agencyName: string;
  managingBody: string;
  year: number;
  sheet: string;
  writer: "openpyxl" | "LibreOffice";
  encoding: "tcvn3" | "vni" | null;
  normalization: "NFC" | "NFD";
  /** Mã số → plan (column 1) and actual (column 6). */
  totals: Record<string, { plan: number; actual: number }>;
  /** Mã số → column code → the number written (blank and "-" as 0; column 13 rounded to 4 places). */
  rows: Record<string, Record<string, number>>;
  /** What the form's rules call for in what was written. */
  findings: ExpectedFinding[];
  /** Cells written in a legacy font whose bytes differ from their Unicode text. */
  legacyCells: number;
  /** Address → the text as meant, in Unicode NFC, for every text cell of the form's sheet. */
  texts: Record<string, string>;
}

export const TRUTH: Record<string, FixtureTruth> = JSON.parse(readFileSync(join(FIXTURES, "fixtures.json"), "utf8"));

/** The six workbooks, sorted by name. */
export const FIXTURE_FILES = Object.keys(TRUTH).sort();

export function fixturePath(file: string): string {
  return join(FIXTURES, file);
}

export function fixtureBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(file)));
}

/** Attainment as the CLI's JSON gives it: actual ÷ plan to 4 decimal places, null without a plan. */
export function roundedRate(plan: number, actual: number): number | null {
  return plan > 0 ? Math.round((actual / plan) * 10000) / 10000 : null;
}

/** Sum of the fixtures' totals of one Mã số. */
export function summedTotals(files: string[], code: string): { plan: number; actual: number } {
  return files.reduce((sum, f) => ({ plan: sum.plan + TRUTH[f].totals[code].plan, actual: sum.actual + TRUTH[f].totals[code].actual }), { plan: 0, actual: 0 });
}

/** `code@cell`, sorted: findings compared as a set. */
export function briefOf(findings: { code: string; cell?: string | null }[]): string[] {
  return findings.map((f) => `${f.code}@${f.cell ?? "-"}`).sort();
}
