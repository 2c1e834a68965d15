/** Real workbooks for the rule tests: a filled form 01/ĐTBD, edited cell by cell with exceljs. */
import ExcelJS from "exceljs";
import { agencyValues } from "../../scripts/make-samples";
import type { Finding } from "../../src/core/findings";
import { inspectWorkbook } from "../../src/io/inspect";
import { type Form01Values, writeTemplate } from "../../src/io/template";
import type { ValidationResult } from "../../src/core/model";

export const AGENCY = { agencyName: "Sở Tài chính", agencyCode: "000.00.12.H39" };

export function filledValues(seed = 7): Form01Values {
  return agencyValues(seed);
}

export async function filledForm(values: Form01Values = filledValues(), extra: Record<string, unknown> = {}): Promise<Uint8Array> {
  return writeTemplate({ year: 2024, ...AGENCY, values, ...extra });
}

export async function editForm(bytes: Uint8Array, change: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  change(wb.worksheets[0]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The Excel row of a Mã số in a generated form. */
export function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value === code) return r;
  throw new Error(`no row ${code}`);
}

export async function validate(bytes: Uint8Array, file = "test.xlsx"): Promise<ValidationResult> {
  return (await inspectWorkbook(file, bytes)).result;
}

export function brief(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code}@${f.cell ?? "-"}`).sort();
}
