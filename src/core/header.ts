/**
 * Reads the header block above the table: managing body, reporting agency, its
 * electronic identifier code, the report year or period, and the form id.
 */
import type { SheetView } from "./sheet-view";
import { address } from "./grid";
import { matchKey } from "./text/normalize";

export interface HeaderInfo {
  managingBody: string | null;
  agencyName: string | null;
  agencyCode: string | null;
  agencyCodeCell: string | null;
  year: number | null;
  period: { from: number; to: number } | null;
  formId: string | null;
  title: string | null;
  titleCell: string | null;
}

/** Agency identifier of QĐ 20/2020/QĐ-TTg: NNN.NN.NN.HNN. */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const HEADER_SCAN_COLUMNS = 40;
const YEAR_MIN = 1990;
const YEAR_MAX = 2100;

function plausibleYear(n: number): number | null {
  return Number.isInteger(n) && n >= YEAR_MIN && n <= YEAR_MAX ? n : null;
}

/** The text after a label ("Đơn vị báo cáo: X" → "X"), or the next non-empty cell to the right. */
function valueAfterLabel(view: SheetView, row: number, col: number, text: string, labelKeys: string[]): string | null {
  const colon = text.indexOf(":");
  const head = matchKey(colon >= 0 ? text.slice(0, colon) : text);
  if (!labelKeys.some((k) => head === k || head.endsWith(" " + k))) return null;
  const rest = colon >= 0 ? text.slice(colon + 1).trim() : "";
  if (rest) return rest;
  for (let c = col + 1; c <= col + 6; c++) {
    const next = view.ownText(row, c);
    if (next) return next;
  }
  return null;
}

const AGENCY_LABELS = ["don vi bao cao", "co quan don vi", "co quan", "don vi", "ten don vi", "ten co quan don vi"];
const CODE_LABELS = ["ma dinh danh", "ma don vi", "ma dinh danh dien tu"];
const YEAR_LABELS = ["nam", "nam bao cao"];

/** Words of form 01's title ("KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO …"): the line whose year is the report's. */
const FORM01_TITLE_WORDS = ["ke hoach", "ket qua", "dao tao"];

export interface HeaderOptions {
  /** Matching keys of the form's title; the line holding one of them carries the report year. */
  titleKeys?: readonly string[];
}

export function readHeader(view: SheetView, lastRow: number, options: HeaderOptions = {}): HeaderInfo {
  const titleKeys = options.titleKeys && options.titleKeys.length > 0 ? options.titleKeys : FORM01_TITLE_WORDS;
  const info: HeaderInfo = {
    managingBody: null,
    agencyName: null,
    agencyCode: null,
    agencyCodeCell: null,
    year: null,
    period: null,
    formId: null,
    title: null,
    titleCell: null,
  };
  let topLeftLines: string[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const width = Math.min(view.colCount(r), HEADER_SCAN_COLUMNS);
    for (let c = 1; c <= width; c++) {
      const text = view.ownText(r, c);
      if (!text) continue;
      const key = matchKey(text);
      if (c <= 3 && r <= 3 && !key.startsWith("cong hoa") && !key.startsWith("doc lap")) topLeftLines.push(text);

      const form = /^(?:bieu|mau)(?: so)?\s*:?\s*([0-9][0-9a-z]*(?:\s*[/.-]?\s*[a-z0-9]+)*)/.exec(key);
      if (form && !info.formId) info.formId = text.replace(/^\s*(biểu|mẫu)(\s*số)?\s*:?\s*/iu, "").trim() || form[1];

      const period = /giai doan\s*(\d{4})\s*(?:[-–]\s*)?(\d{4})/.exec(key);
      if (period && !info.period && (key.includes("ke hoach") || key.includes("dao tao") || key.startsWith("giai doan"))) {
        info.period = { from: Number(period[1]), to: Number(period[2]) };
        info.title = text;
        info.titleCell = address(r, c);
      }
      const titleYear = /\bnam\s+(\d{4})\s*$/.exec(key);
      if (titleYear && !info.year && titleKeys.some((words) => key.includes(words))) {
        info.year = plausibleYear(Number(titleYear[1]));
        info.title = text;
        info.titleCell = address(r, c);
      }
      if (!info.year && options.titleKeys) {
        // "(Kỳ báo cáo: năm 2024)", "Tính đến ngày 31/12/2024": the period line of statistical forms.
        const period = /^(ky bao cao|tinh den|tu ngay|so lieu tinh den)\b.*?(\d{4})\D*$/.exec(key);
        if (period) info.year = plausibleYear(Number(period[2]));
      }
      if (!info.year) {
        const yearText = valueAfterLabel(view, r, c, text, YEAR_LABELS);
        const n = yearText ? plausibleYear(Number(yearText.trim())) : null;
        if (n) info.year = n;
      }
      if (!info.agencyName) {
        const name = valueAfterLabel(view, r, c, text, AGENCY_LABELS);
        if (name && !/^\d{3}\./.test(name)) info.agencyName = name;
      }
      if (!info.agencyCode) {
        const codeText = valueAfterLabel(view, r, c, text, CODE_LABELS);
        if (codeText) {
          info.agencyCode = codeText.replace(/\s+/g, "").toUpperCase();
          info.agencyCodeCell = findCodeCell(view, r, c, codeText);
        }
      }
    }
  }
  topLeftLines = topLeftLines.filter((t) => !matchKey(t).startsWith("bieu so"));
  if (topLeftLines.length > 0) info.managingBody = topLeftLines[0];
  if (!info.agencyName && topLeftLines.length > 1) info.agencyName = topLeftLines[1];
  return info;
}

function findCodeCell(view: SheetView, row: number, col: number, codeText: string): string {
  for (let c = col; c <= col + 6; c++) if (view.ownText(row, c).includes(codeText.trim())) return address(row, c);
  return address(row, col + 1);
}
