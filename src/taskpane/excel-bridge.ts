/** What the task pane needs from Excel; implemented by src/office over Office.js. */
import type { FixOffer } from "../core/fix";
import type { ConsolidationResult, ValidationResult } from "../core/model";

export interface ExcelBridge {
  /** Validates and highlights the active sheet; `fixes` are the safe fixes its findings allow. */
  checkActiveSheet(): Promise<{ sheet: string; result: ValidationResult; fixes: FixOffer[] }>;
  /** Re-reads the offer's sheet, makes the fix there and activates it; the number of cells written. */
  fixSheet(offer: FixOffer): Promise<number>;
  clearHighlights(): Promise<void>;
  selectCell(sheet: string | null, cell: string): Promise<void>;
  writeReport(result: ConsolidationResult): Promise<void>;
  insertBlankForm(request: { year: number; agencyName?: string; agencyCode?: string }): Promise<void>;
}
