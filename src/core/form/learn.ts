/**
 * Learning a form from a sheet: where its table is, what each column holds, the arithmetic
 * its code row states, its "Trong đó" subsets, its row tree (TT numbering, bullets, "Chia ra"
 * and "Trong đó" markers, bold and indentation), its units, how its rows are keyed, and its
 * header block for the consolidated report. `dtbd form learn` writes the result as JSON for a
 * person to read; validation uses the same inference for a table no known form fits. Where
 * the sheet does not say, the definition carries a note instead of a silent guess.
 */
import type { ColumnCode } from "../coderow";
import { type CellRange, address, columnLetter, columnNumber as columnNumberOf, parseAddress } from "../grid";
import { isMarkerText, ttLevel, type RowNode } from "../hierarchy";
import type { BodyRow } from "../body";
import { fileRowTree } from "./tree";
import { type LocatedColumn, type TableLayout, codeRows, findBodyEnd, findHeaderTop, finishLayout, ruleOf, scanLimit, scanWidth } from "../locate";
import { parseCellNumber } from "../number";
import { readBody } from "../body";
import type { SheetView } from "../sheet-view";
import { matchKey } from "../text/normalize";
import { unitOfText } from "../checks/unit";
import {
  type AttainmentPair,
  type ColumnKind,
  type ColumnRelation,
  DEFINITION_FORMAT,
  type FormColumnDef,
  type FormDefinition,
  type FormLayout,
  type FormRowDef,
  type LearnNote,
  isNumericKind,
} from "./definition";
import { labelPathKeys, slug } from "./rows";
import { FORM_NUMBER } from "./recognise";
import { normaliseRowCode } from "../catalogue";

export type LearnResult =
  | { ok: true; definition: FormDefinition; layout: TableLayout; notes: LearnNote[] }
  | { ok: false; notes: LearnNote[] };

export interface LearnOptions {
  /** "learned" from a template by a person's request; "inferred" while validating a file. */
  origin: "learned" | "inferred";
}

const note = (level: LearnNote["level"], vi: string, en: string): LearnNote => ({ level, vi, en });

const TT_HEADERS = new Set(["tt", "stt", "so tt", "thu tu", "so thu tu"]);
const CODE_HEADERS = new Set(["ma so", "ma", "ma dong", "ma chi tieu"]);
const UNIT_HEADERS = new Set(["don vi tinh", "dvt", "d v t", "don vi do"]);
const NOTE_HEADERS = new Set(["ghi chu", "ghi chu khac"]);
const TOTAL_LABELS = /^(tong so|tong cong|tong|cong|so luong)$/;
const MONEY_WORDS = /\b(kinh phi|tien|dong|trieu|ty le|%)\b|%/;
const HEADCOUNT_WORDS = /\b(nguoi|luot|so luong|so can bo|so cong chuc|so vien chuc|hoc vien|boi duong|dao tao)\b/;

/** Header texts from the top header row down, through merges, without repeats of a tall merge. */
function headerPath(view: SheetView, top: number, bottom: number, col: number): string[] {
  const path: string[] = [];
  let previous: CellRange | undefined | null = null;
  for (let r = top; r <= bottom; r++) {
    const text = view.text(r, col);
    const merge = view.mergeAt(r, col);
    // A merge spanning several header rows shows its text once.
    if (merge && previous && merge === previous) continue;
    previous = merge ?? null;
    if (text && path[path.length - 1] !== text) path.push(text);
  }
  return path;
}

interface BodyProfile {
  filled: number;
  numbers: number;
  smallWholeNumbers: number;
  numericText: number;
  ttLike: number;
  units: number;
  words: number;
  fractions: number;
}

function profileColumn(view: SheetView, col: number, first: number, last: number): BodyProfile {
  const p: BodyProfile = { filled: 0, numbers: 0, smallWholeNumbers: 0, numericText: 0, ttLike: 0, units: 0, words: 0, fractions: 0 };
  for (let r = first; r <= last; r++) {
    const cell = view.cell(r, col);
    if (!cell) continue;
    if (typeof cell.value === "number") {
      p.filled++;
      p.numbers++;
      if (Number.isInteger(cell.value) && cell.value >= 0 && cell.value <= 300) p.smallWholeNumbers++;
      if (!Number.isInteger(cell.value)) p.fractions++;
      continue;
    }
    if (cell.formula) {
      p.filled++;
      p.numbers++;
      continue;
    }
    const text = view.ownText(r, col);
    if (!text) continue;
    p.filled++;
    if (ttLevel(text) !== null) p.ttLike++;
    else if (parseCellNumber(text).kind === "number") p.numericText++;
    else if (unitOfText(text) !== null || /^(nguoi|luot nguoi|lop|khoa|dong|trieu dong|%|nam|thang)$/.test(matchKey(text))) p.units++;
    else if (/\p{L}{2,}/u.test(text)) p.words++;
  }
  return p;
}

interface Draft {
  col: number;
  letter: string;
  code: string;
  parsed: ColumnCode | null;
  header: string[];
  kind: ColumnKind;
  integer?: boolean;
}

/** Text kinds from the header's name, whatever the column's code. */
function kindFromHeader(header: string[]): ColumnKind | null {
  const key = matchKey(header[header.length - 1] ?? "");
  const top = matchKey(header[0] ?? "");
  if (TT_HEADERS.has(key) || TT_HEADERS.has(top)) return "tt";
  if (CODE_HEADERS.has(key)) return "code";
  if (UNIT_HEADERS.has(key) || UNIT_HEADERS.has(top)) return "unit";
  if (NOTE_HEADERS.has(key) || NOTE_HEADERS.has(top)) return "note";
  return null;
}

function classify(drafts: Draft[], profiles: Map<number, BodyProfile>, notes: LearnNote[]): void {
  // The label column: the one whose body holds the most words (a blank template holds labels only there).
  let labelCol = 0;
  let most = 0;
  for (const d of drafts) {
    const p = profiles.get(d.col)!;
    if (kindFromHeader(d.header) !== null) continue;
    if (p.words > most && p.words >= p.numbers + p.numericText) {
      most = p.words;
      labelCol = d.col;
    }
  }
  for (const d of drafts) {
    const p = profiles.get(d.col)!;
    const byHeader = kindFromHeader(d.header);
    const numericCode = d.parsed !== null && /^\d+$/.test(d.parsed.id);
    let kind: ColumnKind;
    if (byHeader) kind = byHeader;
    else if (d.col === labelCol) kind = "label";
    else if (p.ttLike >= 1 && p.ttLike + p.smallWholeNumbers >= 0.6 * p.filled && p.words === 0 && (labelCol === 0 || d.col < labelCol)) kind = "tt";
    else if (p.units > 0 && p.units >= 0.6 * p.filled) kind = "unit";
    else if (p.words > 0 && p.words >= p.numbers + p.numericText) kind = "text";
    else if (d.parsed?.rule?.kind === "ratio" || d.header.some((h) => /\bty le\b|%/.test(matchKey(h)))) kind = "rate";
    else kind = "number";
    if (numericCode && !isNumericKind(kind))
      notes.push(
        note(
          "unsure",
          `Cột ${d.letter} mang mã "${d.code}" nhưng chứa ${KIND_VI[kind]}: coi là cột chữ, không kiểm tra như số.`,
          `Column ${d.letter} carries the code "${d.code}" but holds ${KIND_EN[kind]}: read as text, not checked as numbers.`,
        ),
      );
    d.kind = kind;
  }
  if (!drafts.some((d) => d.kind === "label"))
    notes.push(note("missing", "Không thấy cột tên dòng (chỉ tiêu, nội dung): các dòng chỉ được nhận theo số thứ tự.", "No row-label column found: rows are known by their numbering only."));
}

export const KIND_VI: Record<ColumnKind, string> = {
  tt: "số thứ tự",
  label: "tên dòng",
  code: "mã số dòng",
  unit: "đơn vị tính",
  number: "số liệu",
  rate: "tỷ lệ",
  text: "chữ",
  note: "ghi chú",
};
export const KIND_EN: Record<ColumnKind, string> = {
  tt: "row numbering",
  label: "row labels",
  code: "row codes",
  unit: "units",
  number: "figures",
  rate: "rates",
  text: "text",
  note: "notes",
};

/** Sums and ratios stated by the code row, kept where every column they name is a numeric column. */
function codeRowRelations(drafts: Draft[], notes: LearnNote[]): ColumnRelation[] {
  const byCode = new Map(drafts.map((d) => [d.code, d]));
  const numeric = (code: string) => {
    const d = byCode.get(code);
    return d !== undefined && isNumericKind(d.kind);
  };
  const relations: ColumnRelation[] = [];
  for (const d of drafts) {
    const rule = d.parsed?.rule;
    if (!rule) continue;
    const named = rule.kind === "sum" ? [d.code, ...rule.terms] : [d.code, rule.numerator, rule.denominator];
    const unknown = named.filter((c) => !numeric(c));
    if (unknown.length > 0) {
      notes.push(
        note(
          "unsure",
          `Mã cột "${d.parsed!.raw}" (cột ${d.letter}) nhắc tới cột ${unknown.join(", ")} không phải cột số của bảng: bỏ qua quan hệ này.`,
          `The code "${d.parsed!.raw}" (column ${d.letter}) names ${unknown.join(", ")}, not a numeric column of the table: the relation is left out.`,
        ),
      );
      continue;
    }
    if (rule.kind === "sum") relations.push({ kind: "sum", total: d.code, parts: [...rule.terms] });
    else relations.push({ kind: "ratio", result: d.code, numerator: rule.numerator, denominator: rule.denominator });
  }
  return relations;
}

const isOfWhich = (text: string) => /^trong do\b/.test(matchKey(text));

/**
 * "Trong đó" columns: a subset of the total beside them. The total is the sibling under the
 * same group header that is a total ("Tổng số", or a sum in the code row), else the nearest
 * numeric column to the left under that group, else the nearest sum to the left.
 */
function subsetRelations(drafts: Draft[], relations: ColumnRelation[], notes: LearnNote[]): ColumnRelation[] {
  const out: ColumnRelation[] = [];
  const sumTotals = new Set(relations.flatMap((r) => (r.kind === "sum" ? [r.total] : [])));
  const sumParts = new Map<string, string>();
  for (const r of relations) if (r.kind === "sum") for (const p of r.parts) sumParts.set(p, r.total);
  const numeric = drafts.filter((d) => d.kind === "number");
  const subsetLevel = (d: Draft) => d.header.findIndex(isOfWhich);
  for (const d of numeric) {
    const level = subsetLevel(d);
    if (level < 0) continue;
    if (sumParts.has(d.code)) {
      notes.push(
        note(
          "unsure",
          `Cột ${d.letter} (${d.header.join(" / ")}) ghi "Trong đó" nhưng dòng mã cột cộng nó vào cột ${sumParts.get(d.code)}: theo dòng mã cột.`,
          `Column ${d.letter} (${d.header.join(" / ")}) says "Trong đó" but the code row adds it into column ${sumParts.get(d.code)}: the code row is followed.`,
        ),
      );
      continue;
    }
    const prefix = d.header.slice(0, level).map(matchKey).join("|");
    const sameGroup = (o: Draft) => o.header.slice(0, level).map(matchKey).join("|") === prefix;
    const left = numeric.filter((o) => o.col < d.col && subsetLevel(o) < 0).reverse();
    const isTotal = (o: Draft) => sumTotals.has(o.code) || TOTAL_LABELS.test(matchKey(o.header[o.header.length - 1] ?? ""));
    let total = left.find((o) => sameGroup(o) && isTotal(o));
    let how = "group";
    if (!total) {
      total = left.find(sameGroup);
      how = "left";
    }
    if (!total) {
      total = left.find((o) => sumTotals.has(o.code));
      how = "sum";
    }
    if (!total) {
      notes.push(
        note(
          "missing",
          `Cột ${d.letter} (${d.header.join(" / ")}) là "Trong đó" nhưng không tìm thấy cột tổng của nó: không kiểm tra.`,
          `Column ${d.letter} (${d.header.join(" / ")}) is "Trong đó" but its total column was not found: not checked.`,
        ),
      );
      continue;
    }
    out.push({ kind: "subset", total: total.code, part: d.code });
    if (how !== "group")
      notes.push(
        note(
          "unsure",
          `Cột ${d.letter} "Trong đó" được coi là phần của cột ${total.letter} (mã ${total.code}), cột gần nhất bên trái${how === "sum" ? " có công thức cộng" : " cùng nhóm"}. Nếu sai, sửa "relations" trong tệp JSON.`,
          `Column ${d.letter} "Trong đó" is read as a subset of column ${total.letter} (code ${total.code}), the nearest to its left${how === "sum" ? " with a sum" : " in its group"}. If that is wrong, edit "relations" in the JSON.`,
        ),
      );
  }
  return out;
}

/** Plan/actual pairs: every ratio, and same-named columns under "Kế hoạch…" and "Thực hiện…/Kết quả…". */
function attainmentPairs(drafts: Draft[], relations: ColumnRelation[]): AttainmentPair[] {
  const pairs: AttainmentPair[] = [];
  for (const r of relations) if (r.kind === "ratio") pairs.push({ plan: r.denominator, actual: r.numerator, rate: r.result, label: null });
  const under = (d: Draft, words: RegExp) => d.header.length > 1 && words.test(matchKey(d.header[0]));
  const plans = drafts.filter((d) => d.kind === "number" && under(d, /^ke hoach\b/));
  const actuals = drafts.filter((d) => d.kind === "number" && under(d, /^(thuc hien|ket qua)\b/));
  for (const plan of plans) {
    const rest = (d: Draft) => d.header.slice(1).map(matchKey).join("|");
    const actual = actuals.find((a) => rest(a) === rest(plan));
    if (actual && !pairs.some((p) => p.plan === plan.code && p.actual === actual.code))
      pairs.push({ plan: plan.code, actual: actual.code, rate: null, label: plan.header.slice(1).join(" / ") || null });
  }
  return pairs;
}

interface HeaderFacts {
  formNumber: string | null;
  title: string | null;
  titleRef: string | null;
  unitLine: string | null;
  agencyRef: string | null;
}

const AGENCY_LINE = /^(don vi bao cao|ten co quan|co quan don vi|ten don vi|co quan|don vi)\b/;
const MOTTO = /^(cong hoa|doc lap|dang cong san viet nam|doc lap tu do)\b/;

function headerFacts(view: SheetView, lastRow: number): HeaderFacts {
  const facts: HeaderFacts = { formNumber: null, title: null, titleRef: null, unitLine: null, agencyRef: null };
  let bestTitle = 0;
  for (let r = 1; r <= lastRow; r++) {
    const width = Math.min(view.colCount(r), 60);
    for (let c = 1; c <= width; c++) {
      const text = view.ownText(r, c);
      if (!text) continue;
      const key = matchKey(text);
      if (!facts.formNumber && FORM_NUMBER.test(key)) facts.formNumber = text;
      else if (!facts.unitLine && /^(don vi tinh|dvt)\b/.test(key)) facts.unitLine = text;
      else if (!facts.agencyRef && AGENCY_LINE.test(key) && key.length < 200) facts.agencyRef = address(r, c);
      // The title: the longest upper-case line that is not the motto or the managing body.
      const letters = text.replace(/[^\p{L}]/gu, "");
      const upper = letters.length > 0 && letters === letters.toUpperCase();
      if (upper && letters.length > bestTitle && letters.length >= 15 && !MOTTO.test(key) && !FORM_NUMBER.test(key)) {
        bestTitle = letters.length;
        facts.title = text;
        facts.titleRef = address(r, c);
      }
    }
  }
  return facts;
}

/** "KẾT QUẢ … NĂM 2024" → "KẾT QUẢ …": the part of a title that stays from year to year. */
export function stableTitle(title: string): string {
  return title
    .replace(/\s*\(?\s*(kỳ báo cáo|tính đến|từ ngày|đến ngày)[^)]*\)?\s*$/iu, "")
    .replace(/\s*(NĂM|năm|GIAI ĐOẠN|giai đoạn)\s*\d{4}(\s*[-–]\s*\d{4})?\s*$/u, "")
    .trim();
}

function unitOfLine(line: string | null, notes: LearnNote[]): string | null {
  if (!line) return null;
  const rest = line.replace(/^[^:]*:\s*/, "").trim();
  if (!rest || rest === line) return null;
  if (/[;:]/.test(rest)) {
    notes.push(note("unsure", `Dòng đơn vị "${line}" nêu nhiều đơn vị: không gán một đơn vị chung cho các dòng.`, `The unit line "${line}" names several units: no common unit is assumed.`));
    return null;
  }
  return rest.replace(/[.;]+$/, "");
}

function formId(facts: HeaderFacts, view: SheetView): string {
  if (facts.formNumber) {
    const number = facts.formNumber.replace(/^\s*(biểu|mẫu)(\s*số)?\s*:?\s*/iu, "");
    const id = slug(number);
    if (id) return id.slice(0, 64);
  }
  if (facts.title) return slug(stableTitle(facts.title)).slice(0, 48).replace(/-+$/, "") || "bieu";
  return (slug(view.name) || "bieu").slice(0, 48);
}

/** Where the table is: a code row, or (for a person's template only) the header row of a TT column. */
function findTable(view: SheetView, origin: LearnOptions["origin"], notes: LearnNote[]): { codeRow: number | null; codes: (ColumnCode | null)[]; headerTop: number; headerBottom: number } | null {
  const limit = scanLimit(view);
  const candidates = codeRows(view, limit);
  if (candidates.length > 0) {
    const { row, codes } = candidates[0];
    const headerTop = findHeaderTop(view, row);
    if (headerTop === row) notes.push(note("missing", `Không thấy tiêu đề cột phía trên dòng mã cột (dòng ${row}).`, `No column headers above the code row (row ${row}).`));
    return { codeRow: row, codes, headerTop: Math.min(headerTop, Math.max(1, row - 1)), headerBottom: Math.max(1, row - 1) };
  }
  if (origin === "inferred") return null;
  notes.push(
    note(
      "missing",
      "Không tìm thấy dòng mã cột (A, B, 1, 2, 3=4+5 …): không biết cột nào là tổng của cột nào; các cột được gọi theo chữ cái (C, D …) và chỉ kiểm tra theo cây dòng.",
      "No column-code row (A, B, 1, 2, 3=4+5 …) found: which column totals which is unknown; columns are named by their letters (C, D …) and only the row tree is checked.",
    ),
  );
  for (let r = 1; r <= limit; r++) {
    const width = scanWidth(view, r);
    for (let c = 1; c <= width; c++) {
      if (!TT_HEADERS.has(matchKey(view.ownText(r, c)))) continue;
      // The header ends where the TT column's merge ends, or at the row above the first numbered row.
      const merge = view.mergeAt(r, c);
      let bottom = merge ? merge.bottom : r;
      while (bottom < r + 4 && view.ownText(bottom + 1, c) === "" && rowHasText(view, bottom + 1) && !rowHasNumber(view, bottom + 1)) bottom++;
      return { codeRow: null, codes: [], headerTop: r, headerBottom: bottom };
    }
  }
  notes.push(note("missing", "Không tìm thấy bảng: không có dòng mã cột, cũng không có cột “TT”/“STT”.", "No table found: no code row and no “TT”/“STT” column."));
  return null;
}

function rowHasText(view: SheetView, row: number): boolean {
  const width = scanWidth(view, row);
  for (let c = 1; c <= width; c++) if (typeof view.cell(row, c)?.value === "string" && view.ownText(row, c)) return true;
  return false;
}

function rowHasNumber(view: SheetView, row: number): boolean {
  const width = scanWidth(view, row);
  for (let c = 1; c <= width; c++) if (typeof view.cell(row, c)?.value === "number") return true;
  return false;
}

function headerLayout(view: SheetView, lastRow: number, width: number, facts: HeaderFacts): FormLayout {
  const cells: FormLayout["cells"] = [];
  for (let r = 1; r <= lastRow; r++) {
    const w = Math.max(width, Math.min(view.colCount(r), 60));
    for (let c = 1; c <= w; c++) {
      const text = view.ownText(r, c);
      if (!text) continue;
      const cell = view.cell(r, c);
      cells.push(cell?.bold ? { ref: address(r, c), text, bold: true } : { ref: address(r, c), text });
    }
  }
  const merges = view.sheet.merges.filter((m) => m.top <= lastRow).map((m) => `${address(m.top, m.left)}:${address(m.bottom, m.right)}`);
  return { cells, merges, titleRef: facts.titleRef, agencyRef: facts.agencyRef };
}

function rowsOf(view: SheetView, layout: TableLayout, notes: LearnNote[]): { rows: FormRowDef[]; rowKey: "code" | "label"; markerRows: number[] } {
  const body = readBody(view, layout);
  const nodes: RowNode[] = fileRowTree(view, layout, body);
  const data = body.map((row, i) => ({ row, node: nodes[i], index: i })).filter((x) => x.node.kind === "data");
  const position = new Map(data.map((x, k) => [x.index, k]));
  // "Chia ra" in the TT cell beside a row is the split's marker, not the row's number.
  const ttOf = (row: BodyRow) => (row.tt && !isMarkerText(row.tt) ? row.tt : null);
  const keyed = data.map((x) => ({ tt: ttOf(x.row), label: x.row.label || ttOf(x.row) || `dòng ${x.row.excelRow}`, parent: x.node.parent === null ? null : (position.get(x.node.parent) ?? null) }));
  const codes = data.map((x) => normaliseRowCode(x.row.codeText));
  const coded = codes.filter((c) => c !== null);
  const byCode = coded.length >= 0.8 * data.length && data.length > 0 && new Set(coded).size === coded.length;
  const keys = byCode ? codes.map((c, k) => c ?? `dong-${data[k].row.excelRow}`) : labelPathKeys(keyed);
  const rows: FormRowDef[] = data.map((x, k) => {
    const parent = keyed[k].parent;
    const def: FormRowDef = {
      key: keys[k],
      tt: ttOf(x.row),
      label: x.row.label || ttOf(x.row) || "",
      parent: parent === null ? null : keys[parent],
      relation: parent === null ? null : (x.node.relation ?? "none"),
      excelRow: x.row.excelRow,
    };
    if (codes[k]) def.code = codes[k];
    if (x.row.unit) def.unit = x.row.unit;
    return def;
  });
  const markers = body.filter((_, i) => nodes[i].kind === "marker").length;
  if (rows.length === 0) notes.push(note("missing", "Bảng không có dòng nào.", "The table has no rows."));
  else if (!rows.some((r) => r.parent !== null) && rows.length > 1)
    notes.push(note("unsure", "Không thấy cây dòng (số thứ tự I, 1, a, -, +, “Chia ra”, chữ đậm hay thụt lề): các dòng coi như ngang hàng, không kiểm tra cộng dòng.", "No row tree found (numbering I, 1, a, -, +, “Chia ra”, bold or indentation): rows are siblings and no row sums are checked."));
  if (markers > 0) notes.push(note("unsure", `${markers} dòng “Chia ra”/“Trong đó” là cấu trúc, không phải số liệu.`, `${markers} “Chia ra”/“Trong đó” rows are structure, not data.`));
  return { rows, rowKey: byCode ? "code" : "label", markerRows: body.filter((_, i) => nodes[i].kind === "marker").map((r) => r.excelRow) };
}

/** Rows whose parts do not add up in a filled template: said, so that a person can decide. */
function checkRowsAgainstData(view: SheetView, layout: TableLayout, rows: FormRowDef[], notes: LearnNote[]): void {
  const body = new Map(readBody(view, layout).map((r) => [r.excelRow, r]));
  const sumColumns = layout.columns.filter((c) => c.kind === "number");
  const said = new Set<string>();
  for (const parent of rows) {
    const kids = rows.filter((r) => r.parent === parent.key && r.relation === "sum");
    if (kids.length === 0 || said.has(parent.key)) continue;
    const parentRow = body.get(parent.excelRow ?? -1);
    if (!parentRow) continue;
    for (const column of sumColumns) {
      const total = parentRow.cells.get(column.code)?.value;
      if (total === null || total === undefined || total === 0) continue;
      let sum = 0;
      for (const kid of kids) sum += body.get(kid.excelRow ?? -1)?.cells.get(column.code)?.value ?? 0;
      if (Math.abs(sum - total) > 1e-6 * Math.max(1, Math.abs(total))) {
        said.add(parent.key);
        notes.push(
          note(
            "unsure",
            `Dòng ${parent.excelRow} (${parent.label}) không bằng tổng các dòng con ở cột ${column.code} trong mẫu (${total} ≠ ${sum}): vẫn coi là tổng theo số thứ tự. Nếu không phải, đặt "relation": "none" cho các dòng con.`,
            `Row ${parent.excelRow} (${parent.label}) is not the sum of its child rows in column ${column.code} of the template (${total} ≠ ${sum}): still read as their total, by its numbering. If it is not, set "relation": "none" on the child rows.`,
          ),
        );
        break;
      }
    }
  }
}

/** Learns the form of one sheet. */
export function learnSheet(view: SheetView, options: LearnOptions): LearnResult {
  const notes: LearnNote[] = [];
  const table = findTable(view, options.origin, notes);
  if (!table) return { ok: false, notes };
  const { codeRow, codes, headerTop, headerBottom } = table;
  const firstBodyRow = (codeRow ?? headerBottom) + 1;

  // Columns: every coded column, and (without a code row) every column with a header.
  const width = Math.max(codes.length, scanWidth(view, headerTop), scanWidth(view, headerBottom));
  const drafts: Draft[] = [];
  for (let c = 1; c <= width; c++) {
    const parsed = codes[c - 1] ?? null;
    const header = headerPath(view, headerTop, headerBottom, c);
    if (!parsed && header.length === 0) continue;
    if (!parsed && codeRow !== null) {
      notes.push(note("unsure", `Cột ${columnLetter(c)} (${header.join(" / ")}) không có mã trong dòng mã cột: dùng chữ cái ${columnLetter(c)} làm mã.`, `Column ${columnLetter(c)} (${header.join(" / ")}) has no code in the code row: its letter ${columnLetter(c)} is used as its code.`));
    }
    drafts.push({ col: c, letter: columnLetter(c), code: parsed?.id ?? columnLetter(c), parsed, header, kind: parsed && /^\d+$/.test(parsed.id) ? "number" : "text" });
  }
  // Codes must be unique: a repeated code keeps its first column; the others are named by letter.
  const seen = new Set<string>();
  for (const d of drafts) {
    if (seen.has(d.code)) {
      notes.push(note("unsure", `Mã cột "${d.code}" lặp lại ở cột ${d.letter}: dùng chữ cái ${d.letter} làm mã.`, `Column code "${d.code}" repeats in column ${d.letter}: its letter is used as its code.`));
      d.code = d.letter;
      d.parsed = null;
    }
    seen.add(d.code);
  }
  if (drafts.length === 0) {
    notes.push(note("missing", "Không thấy cột nào của bảng.", "No columns of the table found."));
    return { ok: false, notes };
  }

  const provisional: LocatedColumn[] = drafts.map((d) => ({ col: d.col, code: d.code, rule: null, group: "", label: "", kind: d.kind, integer: false }));
  const lastBodyRow = Math.max(findBodyEnd(view, firstBodyRow, provisional), firstBodyRow - 1);
  const profiles = new Map(drafts.map((d) => [d.col, profileColumn(view, d.col, firstBodyRow, lastBodyRow)]));
  classify(drafts, profiles, notes);
  if (!drafts.some((d) => isNumericKind(d.kind))) {
    notes.push(note("missing", "Bảng không có cột số nào.", "The table has no numeric column."));
    return { ok: false, notes };
  }

  const relations = codeRowRelations(drafts, notes);
  relations.push(...subsetRelations(drafts, relations, notes));
  for (const r of relations) if (r.kind === "ratio") drafts.find((d) => d.code === r.result)!.kind = "rate";

  const facts = headerFacts(view, headerTop - 1);
  const unit = unitOfLine(facts.unitLine, notes);
  const headcount = (facts.unitLine !== null && /\b(nguoi|luot)\b/.test(matchKey(facts.unitLine))) || unitOfText(unit ?? "") !== null;
  for (const d of drafts) {
    if (d.kind !== "number") continue;
    const words = matchKey(d.header.join(" "));
    const p = profiles.get(d.col)!;
    if (p.fractions === 0 && !MONEY_WORDS.test(words) && (headcount || HEADCOUNT_WORDS.test(words))) d.integer = true;
  }

  const definition: FormDefinition = {
    format: DEFINITION_FORMAT,
    id: formId(facts, view),
    name: facts.title ? stableTitle(facts.title) : view.name,
    origin: options.origin,
    recognise: {
      formNumber: facts.formNumber,
      titles: facts.title && stableTitle(facts.title) ? [stableTitle(facts.title)] : [],
      unitLine: facts.unitLine,
      sheet: view.name,
    },
    table: { headerTop, headerBottom, codeRow, firstBodyRow, lastBodyRow },
    unit,
    columns: drafts.map((d) => {
      const column: FormColumnDef = { code: d.code, letter: d.letter, header: d.header, kind: d.kind };
      if (d.integer) column.integer = true;
      return column;
    }),
    relations,
    rows: [],
    rowKey: "label",
  };
  if (!facts.formNumber && !facts.title)
    notes.push(note("missing", "Không thấy số biểu (“Biểu số …”) hay tiêu đề: biểu chỉ được nhận theo các cột.", "No form number (“Biểu số …”) or title found: the form is recognised by its columns only."));
  if (codeRow !== null && relations.length === 0)
    notes.push(note("unsure", "Dòng mã cột không nêu phép cộng hay tỷ lệ nào (như 3=4+5, 7=4/1): không kiểm tra cộng cột.", "The code row states no sum or ratio (such as 3=4+5, 7=4/1): no column sums are checked."));

  const columns: LocatedColumn[] = drafts.map((d) => ({
    col: d.col,
    code: d.code,
    rule: ruleOf(definition, d.code),
    group: d.header[0] ?? "",
    label: d.header[d.header.length - 1] ?? "",
    kind: d.kind,
    integer: d.integer === true,
  }));
  const layout = finishLayout(view, definition, headerTop, codeRow, firstBodyRow, columns, []);
  const { rows, rowKey, markerRows } = rowsOf(view, layout, notes);
  definition.rows = rows;
  definition.rowKey = rowKey;
  definition.table.lastBodyRow = Math.max(layout.lastBodyRow, firstBodyRow);
  checkRowsAgainstData(view, layout, rows, notes);
  const attainment = attainmentPairs(drafts, relations);
  if (attainment.length > 0) definition.attainment = attainment;
  definition.layout = headerLayout(view, codeRow ?? headerBottom, width, facts);
  // "Chia ra:" rows and "Chia ra" merged down the TT column are part of the form's look, not of its data.
  const textColumns = new Set(drafts.filter((d) => d.kind === "tt" || d.kind === "label").map((d) => d.col));
  const bodyMerges = view.sheet.merges.filter((m) => m.top >= firstBodyRow && m.top <= definition.table.lastBodyRow && textColumns.has(m.left));
  const markerCells = new Set<string>();
  for (const r of markerRows) for (const col of textColumns) markerCells.add(address(r, col));
  for (const m of bodyMerges) {
    if (isMarkerText(view.ownText(m.top, m.left))) markerCells.add(address(m.top, m.left));
    definition.layout.merges.push(`${address(m.top, m.left)}:${address(m.bottom, m.right)}`);
  }
  for (const ref of markerCells) {
    const at = parseAddress(ref)!;
    const text = view.ownText(at.row, at.col);
    if (text) definition.layout.cells.push({ ref, text });
  }
  const widths = view.sheet.columnWidths;
  if (widths) for (const column of definition.columns) {
    const w = widths[columnNumberOf(column.letter)];
    if (w !== undefined) column.width = w;
  }
  if (notes.length > 0) definition.notes = notes;
  return { ok: true, definition, layout, notes };
}
