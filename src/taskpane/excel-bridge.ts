/** What the task pane needs from Excel; implemented by src/office over Office.js. */
import type { FixOffer } from "../core/fix";
import type { FormDefinition } from "../core/form/definition";
import type { ConsolidationResult, ValidationResult } from "../core/model";
import type { Learned } from "./services";

export interface ExcelBridge {
  /**
   * Validates and highlights the active sheet against the learned forms, then the built-in
   * ones, then by inference; `fixes` are the safe fixes its findings allow.
   */
  checkActiveSheet(learned?: readonly FormDefinition[]): Promise<{ sheet: string; result: ValidationResult; fixes: FixOffer[] }>;
  /** Re-reads the offer's sheet, makes the fix there and activates it; the number of cells written. */
  fixSheet(offer: FixOffer, learned?: readonly FormDefinition[]): Promise<number>;
  clearHighlights(): Promise<void>;
  selectCell(sheet: string | null, cell: string): Promise<void>;
  writeReport(result: ConsolidationResult): Promise<void>;
  insertBlankForm(request: { year: number; agencyName?: string; agencyCode?: string; definition?: FormDefinition }): Promise<void>;
  /** Learns a form from the active sheet ("Học mẫu từ trang này"); nothing is kept yet. */
  learnActiveSheet(): Promise<{ sheet: string; learned: Learned }>;
  /** The forms kept with this workbook, and those refused when read back (with the reason). */
  storedForms(): Promise<{ forms: FormDefinition[]; refused: string[] }>;
  /** Keeps a form with the workbook (its document settings), replacing one of the same id. */
  keepForm(definition: FormDefinition): Promise<void>;
  forgetForm(id: string): Promise<void>;
}
