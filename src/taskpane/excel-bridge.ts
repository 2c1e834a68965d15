/** What the task pane needs from Excel; implemented by src/office over Office.js. */
import type { ConsolidationResult, ValidationResult } from "../core/model";

export interface ExcelBridge {
  checkActiveSheet(): Promise<{ sheet: string; result: ValidationResult }>;
  clearHighlights(): Promise<void>;
  selectCell(sheet: string | null, cell: string): Promise<void>;
  writeReport(result: ConsolidationResult): Promise<void>;
  insertBlankForm(request: { year: number; agencyName?: string; agencyCode?: string }): Promise<void>;
}
