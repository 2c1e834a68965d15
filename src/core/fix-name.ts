/** The corrected copy's file name, kept apart from core/fix so that the pane's first load need not carry the validator. */

/** "bieu.xlsx" → "bieu-da-sua.xlsx" (đã sửa: corrected); a file fixed again keeps its name. */
export function fixedFileName(name: string): string {
  const base = name.replace(/\.(xlsx|xlsm|xls)$/i, "");
  return `${base.endsWith("-da-sua") ? base : `${base}-da-sua`}.xlsx`;
}
