/**
 * Rows of a form across files: the key each row is matched by (its Mã số, or its label path,
 * "i/dao-tao/1/ly-luan-chinh-tri"), and the matching of a file's rows to a definition's rows,
 * tolerant of the spelling variants agencies type (sỹ/sĩ, LLCT, QP-AN, bullets, colons).
 */
import { labelKey, normaliseRowCode } from "../catalogue";
import { ttLevel } from "../hierarchy";
import { matchKey } from "../text/normalize";
import type { FormDefinition, FormRowDef } from "./definition";

/** "Đào tạo lý luận chính trị:" → "dao-tao-ly-luan-chinh-tri". */
export function slug(text: string): string {
  return matchKey(text.replace(/^[\s\-–—+•*·.]+/, "")).replace(/[%/]/g, " ").trim().replace(/\s+/g, "-");
}

/** A TT that numbers the row (I, 1, a, 1.2) names it in the key; a bullet does not. */
function ttSegment(tt: string | null): string | null {
  if (!tt) return null;
  const level = ttLevel(tt);
  if (level === null || level >= 4) return null;
  return slug(tt.replace(/[.):]+$/, "").replace(/^\(/, "")) || null;
}

/** One row's own part of a key: "i/dao-tao", or "nu" for a bulleted or unnumbered row. */
export function keySegment(tt: string | null, label: string): string {
  const name = slug(label) || "dong";
  const number = ttSegment(tt);
  return number ? `${number}/${name}` : name;
}

export interface KeyedRow {
  tt: string | null;
  label: string;
  /** Index of the parent in the same list, or null. */
  parent: number | null;
}

/** Label-path keys for a list of rows with their parents; a repeated key gets "~2", "~3". */
export function labelPathKeys(rows: readonly KeyedRow[]): string[] {
  const keys: string[] = [];
  const used = new Map<string, number>();
  rows.forEach((row, i) => {
    const own = keySegment(row.tt, row.label);
    const base = row.parent !== null && row.parent < i ? `${keys[row.parent]}/${own}` : own;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    keys.push(n === 1 ? base : `${base}~${n}`);
  });
  return keys;
}

/** The key without its TT numbers: "i/dao-tao/1/ly-luan" → "dao-tao/ly-luan", for renumbered rows. */
function labelsOnly(row: FormRowDef, byKey: Map<string, FormRowDef>): string {
  const names: string[] = [];
  for (let r: FormRowDef | undefined = row, guard = 0; r && guard < 64; r = r.parent ? byKey.get(r.parent) : undefined, guard++) names.unshift(slug(r.label));
  return names.join("/");
}

interface Candidate {
  row: FormRowDef;
  key: string;
}

/** The definition's rows indexed every way a file's row may name them. */
export class RowIndex {
  private readonly byKey = new Map<string, FormRowDef>();
  private readonly byCode = new Map<string, FormRowDef>();
  private readonly byLabelPath = new Map<string, FormRowDef | null>();
  private readonly byLabel = new Map<string, FormRowDef | null>();
  private readonly canonical: Candidate[] = [];

  constructor(readonly definition: FormDefinition) {
    for (const row of definition.rows) this.byKey.set(row.key, row);
    for (const row of definition.rows) {
      const code = row.code ? normaliseRowCode(row.code) : null;
      if (code && !this.byCode.has(code)) this.byCode.set(code, row);
      const path = labelsOnly(row, this.byKey);
      this.byLabelPath.set(path, this.byLabelPath.has(path) ? null : row);
      for (const label of [row.label, ...(row.variants ?? [])]) {
        const key = labelKey(label);
        if (!key) continue;
        // A label shared by two rows ("Nữ" under each group) names neither by itself.
        const known = this.byLabel.get(key);
        this.byLabel.set(key, known === undefined || known === row ? row : null);
      }
      this.canonical.push({ row, key: labelKey(row.label) });
    }
  }

  row(key: string): FormRowDef | undefined {
    return this.byKey.get(key);
  }

  /** By Mã số ("1", 1, "01" → "01"). */
  forCode(codeText: unknown): FormRowDef | null {
    const code = normaliseRowCode(codeText);
    return code ? (this.byCode.get(code) ?? null) : null;
  }

  /** By the full key, then the label path without TT numbers. */
  forKey(key: string, labelPath: string): FormRowDef | null {
    return this.byKey.get(key) ?? this.byLabelPath.get(labelPath) ?? null;
  }

  /** By the label alone: exact (with variants), or the one row whose label starts with it. */
  forLabel(label: string): FormRowDef | null {
    const key = labelKey(label);
    if (!key) return null;
    const exact = this.byLabel.get(key);
    if (exact !== undefined) return exact;
    if (key.split(" ").length < 2) return null;
    const prefixed = this.canonical.filter((c) => c.key.startsWith(key + " "));
    return prefixed.length === 1 ? prefixed[0].row : null;
  }
}

/** "i/dao-tao/1/ly-luan" → "dao-tao/ly-luan" for a file's own row list. */
export function labelPaths(rows: readonly KeyedRow[]): string[] {
  const paths: string[] = [];
  rows.forEach((row, i) => {
    const own = slug(row.label);
    paths.push(row.parent !== null && row.parent < i ? `${paths[row.parent]}/${own}` : own);
  });
  return paths;
}

/** A definition row's label path ("dao-tao/ly-luan-chinh-tri"), for matching it to another file's form. */
export function labelPathOf(definition: FormDefinition, key: string): string {
  const byKey = new Map(definition.rows.map((r) => [r.key, r]));
  const row = byKey.get(key);
  return row ? labelsOnly(row, byKey) : "";
}
