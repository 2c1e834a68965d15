/**
 * Any form, written back in its own layout: the template's header block (title, agency lines,
 * column headers with their merges, code row) at the template's cells, the row labels, and the
 * figures at the same addresses as the template's table. Leaves hold values; totals, parent
 * rows and ratios are live formulas with cached results computed from the leaves, as in form
 * 01's template. The consolidated report's first sheet for a form other than 01/ĐTBD.
 */
import type ExcelJS from "exceljs";
import type { FormDefinition, FormRowDef } from "../core/form/definition";
import { isNumericKind } from "../core/form/definition";
import { stableTitle } from "../core/form/learn";
import { columnNumber, parseAddress } from "../core/grid";
import type { ColumnValues } from "../core/model";
import { matchKey } from "../core/text/normalize";
import { formatVietnamese } from "../core/number";
import { headlineColumns } from "../core/form/table";
import {
  CODE_ROW_FILL,
  NUM_FMT,
  THIN_BORDER,
  clean,
  colLetter,
  font,
  rateOrBlank,
  rowHeightFor,
  setPrintLayout,
  setText,
  stampWorkbook,
  styleHeaderCell,
  toBytes,
} from "./sheet-style";
import { Workbook } from "./exceljs";

export interface FormSheetOptions {
  /** The consolidation's year: the title's year is replaced by it. */
  year: number | null;
  /** Who the consolidated sheet reports for (the province), in place of the agency line. */
  reportingFor: string | null;
  /** "Số đơn vị tổng hợp: N/M", under the table. */
  summaryLine?: string;
  /** Header texts of the file the layout was taken from that name its own agency: left out. */
  omit?: readonly string[];
  /** A blank form: leaves empty for the agency to fill (totals still formulas, showing 0). */
  blank?: boolean;
}

const DEFAULT_WIDTH: Record<string, number> = { tt: 6, label: 44, code: 7, unit: 10, number: 11, rate: 10, text: 16, note: 16 };

function columnIndex(letter: string): number {
  return columnNumber(letter);
}

/**
 * The number every cell shows: leaves as summed, parent rows as the sum of their sum-children,
 * columns with a sum rule from their parts, ratios from their operands.
 */
export function computeFormValues(definition: FormDefinition, values: Record<string, ColumnValues>): Record<string, Record<string, number | string>> {
  const sums = definition.relations.filter((r) => r.kind === "sum");
  const ratios = definition.relations.filter((r) => r.kind === "ratio");
  const ruled = new Set([...sums.map((r) => (r.kind === "sum" ? r.total : "")), ...ratios.map((r) => (r.kind === "ratio" ? r.result : ""))]);
  const inputs = definition.columns.filter((c) => isNumericKind(c.kind) && !ruled.has(c.code)).map((c) => c.code);
  const children = sumChildrenOf(definition);
  const out: Record<string, Record<string, number | string>> = {};
  const byKey = new Map(definition.rows.map((r) => [r.key, r]));
  const visit = (row: FormRowDef, depth: number): Record<string, number | string> => {
    if (out[row.key]) return out[row.key];
    const cells: Record<string, number | string> = {};
    const kids = children.get(row.key) ?? [];
    for (const code of inputs) {
      if (kids.length === 0 || depth > 64) cells[code] = Number(values[row.key]?.[code] ?? 0) || 0;
      else cells[code] = clean(kids.reduce((s, k) => s + (Number(visit(byKey.get(k)!, depth + 1)[code]) || 0), 0));
    }
    // Sums may build on sums (9=10+11, 3=4+9): settle them in dependency order.
    for (let pass = 0; pass < sums.length; pass++)
      for (const r of sums) if (r.kind === "sum") cells[r.total] = clean(r.parts.reduce((s, p) => s + (Number(cells[p]) || 0), 0));
    for (const r of ratios) if (r.kind === "ratio") cells[r.result] = rateOrBlank(Number(cells[r.numerator]) || 0, Number(cells[r.denominator]) || 0);
    out[row.key] = cells;
    return cells;
  };
  for (const row of definition.rows) visit(row, 0);
  return out;
}

function sumChildrenOf(definition: FormDefinition): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const row of definition.rows) if (row.parent !== null && row.relation === "sum") children.set(row.parent, [...(children.get(row.parent) ?? []), row.key]);
  return children;
}

/** "SUM(E12:E15)" for consecutive rows, "E12+E14" otherwise. */
function rowsFormula(letter: string, rows: number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const contiguous = sorted.every((r, i) => i === 0 || r === sorted[i - 1] + 1);
  return contiguous && sorted.length > 1 ? `SUM(${letter}${sorted[0]}:${letter}${sorted[sorted.length - 1]})` : sorted.map((r) => `${letter}${r}`).join("+");
}

function titleFor(text: string, year: number | null): string {
  const stable = stableTitle(text);
  if (stable === text.trim() || year === null) return text;
  return `${stable} NĂM ${year}`;
}

function agencyLine(text: string, reportingFor: string | null): string {
  if (!reportingFor) return text;
  const colon = text.indexOf(":");
  return colon >= 0 ? `${text.slice(0, colon + 1)} ${reportingFor}` : reportingFor;
}

/** Adds the form's sheet to the workbook; returns the Excel row of each row key. */
export function addFormSheet(wb: ExcelJS.Workbook, name: string, definition: FormDefinition, values: Record<string, ColumnValues>, options: FormSheetOptions): Map<string, number> {
  const ws = wb.addWorksheet(name);
  const t = definition.table;
  const lastHeaderRow = t.codeRow ?? t.headerBottom;
  const layout = definition.layout ?? { cells: [], merges: [] };
  const colOf = new Map(definition.columns.map((c) => [c.code, columnIndex(c.letter)]));
  const lastCol = Math.max(...colOf.values());

  definition.columns.forEach((c) => {
    ws.getColumn(columnIndex(c.letter)).width = c.width ?? layout.widths?.[c.letter] ?? DEFAULT_WIDTH[c.kind] ?? 12;
  });

  // The header block, as the template has it (and the "Chia ra:" lines of the body).
  const omitted = new Set((options.omit ?? []).map(matchKey).filter((k) => k !== ""));
  const mergedAt = new Set(layout.merges.map((m) => m.split(":")[0]));
  for (const cell of layout.cells) {
    const at = parseAddress(cell.ref);
    if (!at) continue;
    let text = cell.text;
    if (cell.ref === layout.titleRef) text = titleFor(text, options.year);
    else if (cell.ref === layout.agencyRef) text = agencyLine(text, options.reportingFor);
    else if (at.row < t.headerTop && omitted.has(matchKey(text))) continue;
    const target = ws.getCell(at.row, at.col);
    setText(target, text);
    const inBody = at.row >= t.firstBodyRow;
    target.font = font({ bold: !inBody && (cell.bold === true || at.row >= t.headerTop), italic: inBody });
    if (at.row < t.headerTop && mergedAt.has(cell.ref)) target.alignment = { horizontal: "center", vertical: "middle" };
  }
  for (const range of layout.merges) {
    try {
      ws.mergeCells(range);
    } catch {
      // A range that overlaps another in a hand-edited definition: the cells stay unmerged.
    }
  }
  for (let r = t.headerTop; r <= lastHeaderRow; r++) {
    for (const c of colOf.values()) styleHeaderCell(ws.getCell(r, c), r === t.codeRow ? CODE_ROW_FILL : undefined);
  }
  // A definition without a layout still shows its column headers and codes.
  if (layout.cells.length === 0)
    for (const c of definition.columns) {
      const col = columnIndex(c.letter);
      c.header.forEach((h, i) => setText(ws.getCell(t.headerTop + Math.min(i, t.headerBottom - t.headerTop), col), h));
      if (t.codeRow) setText(ws.getCell(t.codeRow, col), c.code);
    }

  const computed = computeFormValues(definition, values);
  const children = sumChildrenOf(definition);
  const rowOf = new Map<string, number>();
  let next = t.firstBodyRow;
  for (const row of definition.rows) {
    rowOf.set(row.key, row.excelRow ?? next);
    next = (row.excelRow ?? next) + 1;
  }
  const ruleOf = new Map<string, (r: number) => string>();
  for (const rel of definition.relations) {
    if (rel.kind === "sum") ruleOf.set(rel.total, (r) => rel.parts.map((p) => `${colLetter(colOf.get(p)!)}${r}`).join("+"));
    if (rel.kind === "ratio")
      ruleOf.set(rel.result, (r) => {
        const num = `${colLetter(colOf.get(rel.numerator)!)}${r}`;
        const den = `${colLetter(colOf.get(rel.denominator)!)}${r}`;
        return `IF(${den}>0,${num}/${den},"")`;
      });
  }
  const labelColumn = definition.columns.find((c) => c.kind === "label");
  for (const row of definition.rows) {
    const r = rowOf.get(row.key)!;
    const kids = children.get(row.key) ?? [];
    const bold = kids.length > 0 || row.parent === null;
    for (const column of definition.columns) {
      const c = columnIndex(column.letter);
      const cell = ws.getCell(r, c);
      cell.border = THIN_BORDER;
      cell.font = font({ bold: bold && column.kind !== "note" });
      if (column.kind === "tt") {
        // A row without a number may sit beside "Chia ra" merged down the TT column: left as laid out.
        if (row.tt) setText(cell, row.tt);
        cell.alignment = { horizontal: "center", vertical: "middle" };
      } else if (column.kind === "label") {
        setText(cell, row.label);
        cell.alignment = { vertical: "middle", wrapText: true, indent: row.tt === "-" || row.tt === "+" ? 1 : 0 };
      } else if (column.kind === "code") {
        setText(cell, row.code ?? null);
        cell.numFmt = "@";
        cell.alignment = { horizontal: "center", vertical: "middle" };
      } else if (column.kind === "unit") {
        setText(cell, row.unit ?? null);
        cell.alignment = { horizontal: "center", vertical: "middle" };
      } else if (isNumericKind(column.kind)) {
        const result = computed[row.key][column.code];
        cell.numFmt = column.kind === "rate" ? NUM_FMT.rate : column.integer ? NUM_FMT.headcount : NUM_FMT.money;
        cell.alignment = { horizontal: "right", vertical: "middle" };
        const rule = ruleOf.get(column.code);
        if (rule) cell.value = { formula: rule(r), result } as ExcelJS.CellFormulaValue;
        else if (kids.length > 0) cell.value = { formula: rowsFormula(colLetter(c), kids.map((k) => rowOf.get(k)!)), result } as ExcelJS.CellFormulaValue;
        else cell.value = typeof result === "number" && !options.blank ? result : null;
      }
    }
    if (labelColumn) ws.getRow(r).height = rowHeightFor(row.label, labelColumn.width ?? DEFAULT_WIDTH.label, 0, bold);
  }
  const lastBody = Math.max(t.firstBodyRow, ...rowOf.values());
  // Borders over the whole body, "Chia ra:" lines included; headers as tall as their text.
  for (let r = t.firstBodyRow; r <= lastBody; r++) for (const c of colOf.values()) ws.getCell(r, c).border = THIN_BORDER;
  const widthOf = (col: number) => Number(ws.getColumn(col).width) || 10;
  for (let r = t.headerTop; r < lastHeaderRow + (t.codeRow ? 0 : 1); r++) {
    let height = 15;
    for (const c of colOf.values()) {
      const text = ws.getCell(r, c).text;
      if (!text || ws.getCell(r, c).isMerged && ws.getCell(r, c).master.address !== ws.getCell(r, c).address) continue;
      const range = layout.merges.find((m) => m.startsWith(`${colLetter(c)}${r}:`));
      let width = widthOf(c);
      if (range) {
        const end = parseAddress(range.split(":")[1]);
        if (end) {
          width = 0;
          for (let k = c; k <= end.col; k++) width += widthOf(k);
          // A header merged down over several rows shares its height with them.
          if (end.row > r) continue;
        }
      }
      height = Math.max(height, rowHeightFor(text, width, 0, true));
    }
    ws.getRow(r).height = height;
  }
  if (options.summaryLine) {
    const cell = ws.getCell(lastBody + 2, 1);
    setText(cell, options.summaryLine);
    cell.font = font({ italic: true });
  }
  ws.views = [{ state: "frozen", ySplit: lastHeaderRow, xSplit: 0 }];
  setPrintLayout(ws, { from: t.headerTop, to: lastHeaderRow });
  ws.pageSetup.printArea = `A1:${colLetter(lastCol)}${lastBody + 2}`;
  return rowOf;
}

export interface FormReference {
  year: number;
  /** Last year's figures by row key and column code. */
  rows: Record<string, ColumnValues>;
}

/** A blank copy of any form, in its own layout, for an agency and a year. */
export async function writeFormTemplate(
  definition: FormDefinition,
  opts: { year?: number | null; agencyName?: string | null; reference?: FormReference } = {},
): Promise<Uint8Array> {
  const wb = new Workbook();
  stampWorkbook(wb, `Biểu ${definition.id}`);
  const name = (definition.recognise.sheet || definition.id).replace(/[\\/?*[\]:]/g, "-").slice(0, 31);
  const rowOf = addFormSheet(wb, name, definition, {}, { year: opts.year ?? null, reportingFor: opts.agencyName ?? null, blank: true });
  if (opts.reference) addFormReference(wb.getWorksheet(name)!, definition, rowOf, opts.reference);
  return toBytes(wb);
}

const REFERENCE_GREY = "FF7F7F7F";

/**
 * Last year's figures beside a blank form (template --from), as a reference that is not data:
 * where the form pairs plan and actual, last year's actual in a note on each plan cell; else
 * last year's figure of the form's first total column in a note on that column's cells. The
 * same figures in a grey column one column right of the table, with no code in the code row.
 */
export function addFormReference(ws: ExcelJS.Worksheet, definition: FormDefinition, rowOf: ReadonlyMap<string, number>, reference: FormReference): void {
  const pair = definition.attainment?.[0];
  const shown = pair?.actual ?? headlineColumns(definition)[0] ?? definition.columns.find((c) => c.kind === "number")?.code;
  if (!shown) return;
  const noteOn = pair?.plan ?? shown;
  const noteCol = columnIndex(definition.columns.find((c) => c.code === noteOn)!.letter);
  const lastCol = Math.max(...definition.columns.map((c) => columnIndex(c.letter)));
  const c = lastCol + 2;
  const header = definition.columns.find((col) => col.code === shown)!.header;
  const what = pair ? `thực hiện năm ${reference.year}` : `năm ${reference.year} (cột ${shown}${header.length ? `: ${header[header.length - 1]}` : ""})`;
  const t = definition.table;
  ws.getColumn(c).width = 14;
  if (t.headerBottom > t.headerTop) ws.mergeCells(t.headerTop, c, t.headerBottom, c);
  const head = ws.getCell(t.headerTop, c);
  setText(head, `Tham khảo: ${what}`);
  head.font = font({ italic: true, color: { argb: REFERENCE_GREY } });
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  head.border = THIN_BORDER;
  if (t.codeRow) ws.getCell(t.codeRow, c).border = THIN_BORDER;
  for (const row of definition.rows) {
    const r = rowOf.get(row.key);
    if (r === undefined) continue;
    const value = Number(reference.rows[row.key]?.[shown] ?? 0) || 0;
    const cell = ws.getCell(r, c);
    cell.value = value;
    cell.numFmt = NUM_FMT.headcount;
    cell.font = font({ italic: true, color: { argb: REFERENCE_GREY } });
    cell.alignment = { horizontal: "right", vertical: "middle" };
    cell.border = THIN_BORDER;
    ws.getCell(r, noteCol).note = pair ? `Năm ${reference.year} thực hiện: ${formatVietnamese(value)}` : `Năm ${reference.year}: ${formatVietnamese(value)}`;
  }
}
