/**
 * `Theo đơn vị` for any form: one row per file (and per missing agency), with the form's total
 * columns on each of its top-level rows, and attainment where the form pairs plan and actual.
 * The total line adds the consolidated agencies only, so that it equals the form's sheet.
 */
import type ExcelJS from "exceljs";
import { rowsInReference } from "../core/consolidate";
import type { FormDefinition } from "../core/form/definition";
import { headlineColumns, topRows } from "../core/form/table";
import { type Lang, messages } from "../core/i18n";
import type { Agency, ConsolidationResult, SourceRecord } from "../core/model";
import {
  NUM_FMT,
  TOTAL_FILL,
  WARN_FILL_ARGB,
  clean,
  colLetter,
  fitRowHeight,
  font,
  freeze,
  rateOrBlank,
  setColumnWidths,
  setPrintLayout,
  setText,
  styleBodyCell,
  styleHeaderCell,
  writeTitle,
} from "./sheet-style";

const t = messages({
  title: { vi: "SỐ LIỆU THEO ĐƠN VỊ — BIỂU {form}", en: "FIGURES BY AGENCY — FORM {form}" },
  titleOfYear: { vi: "SỐ LIỆU THEO ĐƠN VỊ — BIỂU {form} NĂM {year}", en: "FIGURES BY AGENCY — FORM {form}, {year}" },
  tt: { vi: "TT", en: "No." },
  code: { vi: "Mã định danh", en: "Agency code" },
  name: { vi: "Tên đơn vị", en: "Agency" },
  file: { vi: "Tệp", en: "File" },
  status: { vi: "Tình trạng", en: "Status" },
  rate: { vi: "Tỷ lệ (%)", en: "Rate (%)" },
  columnOf: { vi: "{header} (cột {code})", en: "{header} (column {code})" },
  total: { vi: "Tổng cộng (các đơn vị đã tổng hợp)", en: "Total (consolidated agencies)" },
});

interface Figure {
  row: string;
  code: string;
  /** For a rate: the plan and actual figures it divides. */
  rate?: { plan: string; actual: string };
}

/** Per top-level row: its total columns, then a rate for each plan/actual pair among them. */
function figuresOf(definition: FormDefinition): { row: FormDefinition["rows"][number]; figures: Figure[] }[] {
  const codes = headlineColumns(definition);
  const pairs = (definition.attainment ?? []).filter((p) => codes.includes(p.plan) && codes.includes(p.actual));
  return topRows(definition).map((row) => ({
    row,
    figures: [...codes.map((code) => ({ row: row.key, code })), ...pairs.map((p) => ({ row: row.key, code: p.rate ?? `${p.actual}/${p.plan}`, rate: { plan: p.plan, actual: p.actual } }))],
  }));
}

export interface ByAgencyTexts {
  status: (source: SourceRecord) => string;
  missing: string;
  included: string;
  countLine: string;
}

export function addFormByAgencySheet(wb: ExcelJS.Workbook, name: string, result: ConsolidationResult, definition: FormDefinition, lang: Lang, texts: ByAgencyTexts): void {
  const ws = wb.addWorksheet(name);
  const groups = figuresOf(definition);
  const header = new Map(definition.columns.map((c) => [c.code, c.header[c.header.length - 1] ?? c.code]));
  const formatOf = (code: string) => (definition.columns.find((c) => c.code === code)?.integer ? NUM_FMT.headcount : NUM_FMT.money);
  const firstFigure = 5;
  const figures = groups.flatMap((g) => g.figures);
  const statusCol = firstFigure + figures.length;
  setColumnWidths(ws, [6, 16, 34, 28, ...figures.map(() => 12), 40]);
  writeTitle(ws, 1, statusCol, result.year ? t(lang, "titleOfYear", { form: definition.id, year: result.year }) : t(lang, "title", { form: definition.id }));
  ws.mergeCells(2, 1, 2, statusCol);
  setText(ws.getCell(2, 1), `${result.province} — ${texts.countLine}`);
  ws.getCell(2, 1).font = font({ italic: true });
  ws.getCell(2, 1).alignment = { horizontal: "center" };

  const h1 = 4;
  const h2 = 5;
  for (const [c, label] of [
    [1, t(lang, "tt")],
    [2, t(lang, "code")],
    [3, t(lang, "name")],
    [4, t(lang, "file")],
    [statusCol, t(lang, "status")],
  ] as [number, string][]) {
    ws.mergeCells(h1, c, h2, c);
    ws.getCell(h1, c).value = label;
  }
  let c = firstFigure;
  for (const g of groups) {
    if (g.figures.length > 1) ws.mergeCells(h1, c, h1, c + g.figures.length - 1);
    setText(ws.getCell(h1, c), `${g.row.tt ? g.row.tt + ". " : ""}${g.row.label}`);
    for (const f of g.figures) setText(ws.getCell(h2, c++), f.rate ? t(lang, "rate") : t(lang, "columnOf", { header: header.get(f.code) ?? f.code, code: f.code }));
  }
  for (let col = 1; col <= statusCol; col++) {
    styleHeaderCell(ws.getCell(h1, col));
    styleHeaderCell(ws.getCell(h2, col));
  }
  ws.getRow(h1).height = 30;
  ws.getRow(h2).height = 45;

  const first = h2 + 1;
  let r = first;
  const sums = new Map<string, number>();
  const key = (f: Figure) => `${f.row}\u0000${f.code}`;
  const writeRow = (agency: Agency, file: string | null, source: SourceRecord | null, status: string, kind: "included" | "excluded" | "missing") => {
    const muted = kind !== "included";
    const color = kind === "excluded" ? "FF7F7F7F" : undefined;
    ws.getRow(r).getCell(1).value = r - first + 1;
    styleBodyCell(ws.getRow(r).getCell(1), { numFmt: NUM_FMT.integer, align: "center", italic: muted, color });
    for (const [col, text] of [
      [2, agency.code],
      [3, agency.name],
      [4, file],
    ] as [number, string | null][]) {
      setText(ws.getRow(r).getCell(col), text);
      styleBodyCell(ws.getRow(r).getCell(col), { numFmt: "@", italic: muted, color, wrap: true });
    }
    const values = source?.result ? rowsInReference(definition, source.result).rows : null;
    figures.forEach((f, i) => {
      const cell = ws.getRow(r).getCell(firstFigure + i);
      if (f.rate) {
        const plan = values?.get(f.row)?.[f.rate.plan];
        const actual = values?.get(f.row)?.[f.rate.actual] ?? 0;
        const p = colLetter(firstFigure + figures.findIndex((x) => x.row === f.row && x.code === f.rate!.plan));
        const a = colLetter(firstFigure + figures.findIndex((x) => x.row === f.row && x.code === f.rate!.actual));
        cell.value = plan === undefined ? null : ({ formula: `IF(${p}${r}>0,${a}${r}/${p}${r},"")`, result: rateOrBlank(actual, plan) } as ExcelJS.CellFormulaValue);
        styleBodyCell(cell, { numFmt: NUM_FMT.rate, align: "right", italic: muted, color });
        return;
      }
      const v = values?.get(f.row)?.[f.code];
      cell.value = v === undefined ? null : v;
      styleBodyCell(cell, { numFmt: formatOf(f.code), align: "right", italic: muted, color });
      if (kind === "included" && v !== undefined) sums.set(key(f), clean((sums.get(key(f)) ?? 0) + v));
    });
    const st = ws.getRow(r).getCell(statusCol);
    setText(st, status);
    styleBodyCell(st, { wrap: true, bold: kind !== "included", color: kind === "included" ? "FF006100" : "FF9C0006" });
    if (kind === "missing") for (let col = 1; col <= statusCol; col++) ws.getRow(r).getCell(col).fill = { type: "pattern", pattern: "solid", fgColor: { argb: WARN_FILL_ARGB } };
    fitRowHeight(ws, r);
    r++;
  };
  for (const source of result.sources) writeRow(source.agency ?? { code: null, name: null }, source.file, source, texts.status(source), source.included ? "included" : "excluded");
  for (const agency of result.missing) writeRow(agency, null, null, texts.missing, "missing");
  const last = Math.max(r - 1, first);
  if (r === first) r++;

  const totalRow = r;
  ws.mergeCells(totalRow, 1, totalRow, 4);
  ws.getCell(totalRow, 1).value = t(lang, "total");
  const statusRange = `$${colLetter(statusCol)}$${first}:$${colLetter(statusCol)}$${last}`;
  figures.forEach((f, i) => {
    const col = firstFigure + i;
    const cell = ws.getCell(totalRow, col);
    if (f.rate) {
      const p = colLetter(firstFigure + figures.findIndex((x) => x.row === f.row && x.code === f.rate!.plan));
      const a = colLetter(firstFigure + figures.findIndex((x) => x.row === f.row && x.code === f.rate!.actual));
      cell.value = { formula: `IF(${p}${totalRow}>0,${a}${totalRow}/${p}${totalRow},"")`, result: rateOrBlank(sums.get(`${f.row}\u0000${f.rate.actual}`) ?? 0, sums.get(`${f.row}\u0000${f.rate.plan}`) ?? 0) } as ExcelJS.CellFormulaValue;
      cell.numFmt = NUM_FMT.rate;
    } else {
      const L = colLetter(col);
      cell.value = { formula: `SUMIF(${statusRange},"${texts.included}",${L}${first}:${L}${last})`, result: sums.get(key(f)) ?? 0 } as ExcelJS.CellFormulaValue;
      cell.numFmt = formatOf(f.code);
    }
  });
  for (let col = 1; col <= statusCol; col++) {
    const cell = ws.getCell(totalRow, col);
    styleBodyCell(cell, { bold: true, numFmt: cell.numFmt, align: col <= 4 ? "center" : "right" });
    cell.fill = TOTAL_FILL;
  }
  freeze(ws, first, 4);
  ws.autoFilter = { from: { row: h2, column: 1 }, to: { row: last, column: statusCol } };
  setPrintLayout(ws, { from: h1, to: h2 });
  ws.pageSetup.printArea = `A1:${colLetter(statusCol)}${totalRow}`;
}
