/** A table's own row tree, as the file states it: TT numbering, bullets, markers, TT merges, bold and indentation. */
import type { BodyRow } from "../body";
import { type RowNode, rowHierarchy } from "../hierarchy";
import type { TableLayout } from "../locate";
import type { SheetView } from "../sheet-view";

export function fileRowTree(view: SheetView, layout: TableLayout, rows: readonly BodyRow[]): RowNode[] {
  const ttCol = layout.columns.find((c) => c.kind === "tt")?.col;
  const labelCol = layout.columns.find((c) => c.kind === "label")?.col;
  return rowHierarchy(
    rows.map((row) => {
      let ttMergedWith: string | null = null;
      if (ttCol) {
        // "Chia ra" merged down the TT column beside the rows it splits.
        const merge = view.mergeAt(row.excelRow, ttCol);
        if (merge && merge.top < row.excelRow) ttMergedWith = view.ownText(merge.top, merge.left);
      }
      const labelCell = labelCol ? view.cell(row.excelRow, labelCol) : undefined;
      return { tt: row.tt || null, label: row.label || null, ttMergedWith, indent: labelCell?.indent, bold: labelCell?.bold };
    }),
  );
}
