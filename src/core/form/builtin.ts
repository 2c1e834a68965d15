/**
 * The built-in definitions. Form 01/ĐTBD's definition is read off form01.ts, the data the
 * template and report writers also use, so the three cannot drift apart.
 */
import {
  ACTUAL_TOTAL,
  FORM01_COLUMNS,
  FORM01_LAYOUT,
  FORM01_PARENT,
  FORM01_ROWS,
  FORM_ID,
  type FormColumn,
  PLAN_TOTAL,
  RATE_COLUMN,
  TITLE_PREFIX,
  UNITS_LINE,
} from "../form01";
import { columnLetter } from "../grid";
import { parseColumnCode } from "../coderow";
import { matchKey } from "../text/normalize";
import { type ColumnKind, type ColumnRelation, DEFINITION_FORMAT, type FormColumnDef, type FormDefinition } from "./definition";

const KIND: Record<FormColumn["kind"], ColumnKind> = {
  tt: "tt",
  label: "label",
  rowCode: "code",
  unit: "unit",
  headcount: "number",
  money: "number",
  rate: "rate",
  note: "note",
};

function columnDef(column: FormColumn, index: number): FormColumnDef {
  const def: FormColumnDef = {
    code: column.code,
    letter: columnLetter(index + 1),
    header: column.group ? [column.group, column.label] : [column.label],
    kind: KIND[column.kind],
    width: column.width,
  };
  if (column.kind === "headcount") def.integer = true;
  if (column.variants) def.variants = [...column.variants];
  return def;
}

/** The code row states the sums and the ratio; "Trong đó" columns are subsets of the actual total. */
function form01Relations(): ColumnRelation[] {
  const relations: ColumnRelation[] = [];
  for (const column of FORM01_COLUMNS) {
    const rule = parseColumnCode(column.codeText)?.rule;
    if (rule?.kind === "sum") relations.push({ kind: "sum", total: column.code, parts: [...rule.terms] });
    if (rule?.kind === "ratio") relations.push({ kind: "ratio", result: column.code, numerator: rule.numerator, denominator: rule.denominator });
    if (column.kind === "headcount" && matchKey(column.label).startsWith("trong do")) relations.push({ kind: "subset", total: ACTUAL_TOTAL, part: column.code });
  }
  return relations;
}

export const FORM01_DEFINITION: FormDefinition = deepFreeze({
  format: DEFINITION_FORMAT,
  id: FORM_ID,
  name: "Kế hoạch và kết quả đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
  origin: "builtin",
  recognise: { formNumber: `Biểu số: ${FORM_ID}`, titles: [TITLE_PREFIX], unitLine: UNITS_LINE, sheet: null },
  table: {
    headerTop: FORM01_LAYOUT.headerRow1,
    headerBottom: FORM01_LAYOUT.headerRow2,
    codeRow: FORM01_LAYOUT.codeRow,
    firstBodyRow: FORM01_LAYOUT.firstBodyRow,
    lastBodyRow: FORM01_LAYOUT.firstBodyRow + FORM01_ROWS.length - 1,
  },
  unit: null,
  columns: FORM01_COLUMNS.map(columnDef),
  relations: form01Relations(),
  rows: FORM01_ROWS.map((row, i) => {
    const parent = FORM01_PARENT.get(row.code) ?? null;
    return {
      key: row.code,
      tt: row.tt,
      label: row.label,
      code: row.code,
      unit: row.unit,
      parent,
      relation: parent === null ? null : ("sum" as const),
      excelRow: FORM01_LAYOUT.firstBodyRow + i,
      ...(row.variants ? { variants: [...row.variants] } : {}),
    };
  }),
  rowKey: "code",
  attainment: [{ plan: PLAN_TOTAL, actual: ACTUAL_TOTAL, rate: RATE_COLUMN, label: null }],
});

export const BUILTIN_DEFINITIONS: readonly FormDefinition[] = [FORM01_DEFINITION];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
