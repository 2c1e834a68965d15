/**
 * Findings as the Kiểm tra tab lists them: by severity, then sheet, then finding code. A file
 * with hundreds of numbers stored as text is one heading with a count, not hundreds of lines.
 */
import { FINDING_CODES } from "../core/finding-catalogue";
import { type Finding, type FindingCode, type Severity, compareFindings } from "../core/findings";

export interface CodeGroup {
  code: FindingCode;
  /** In cell order (row by row). */
  findings: Finding[];
}

/** The findings of one severity on one sheet (sheet null: the file as a whole). */
export interface SheetGroup {
  severity: Severity;
  sheet: string | null;
  codes: CodeGroup[];
}

/** Codes in the catalogue's order, which follows the form: file, header, columns, rows, cells, sums… */
const CODE_ORDER = new Map(FINDING_CODES.map((code, i) => [code, i]));

export function groupFindings(findings: readonly Finding[]): SheetGroup[] {
  const groups: SheetGroup[] = [];
  const bySheet = new Map<string, SheetGroup>();
  const byCode = new Map<string, CodeGroup>();
  for (const f of [...findings].sort(compareFindings)) {
    const sheetKey = `${f.severity}\u0000${f.sheet ?? ""}`;
    let sheet = bySheet.get(sheetKey);
    if (!sheet) {
      sheet = { severity: f.severity, sheet: f.sheet, codes: [] };
      bySheet.set(sheetKey, sheet);
      groups.push(sheet);
    }
    const codeKey = `${sheetKey}\u0000${f.code}`;
    let code = byCode.get(codeKey);
    if (!code) {
      code = { code: f.code, findings: [] };
      byCode.set(codeKey, code);
      sheet.codes.push(code);
    }
    code.findings.push(f);
  }
  for (const sheet of groups) sheet.codes.sort((a, b) => (CODE_ORDER.get(a.code) ?? 0) - (CODE_ORDER.get(b.code) ?? 0));
  return groups;
}

/** "01-DTBD!E12" as the CLI prints it; the cell alone when the sheet is unknown. */
export function cellReference(finding: Finding): string | null {
  if (!finding.cell) return null;
  return finding.sheet ? `${finding.sheet}!${finding.cell}` : finding.cell;
}
