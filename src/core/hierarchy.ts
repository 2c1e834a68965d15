/**
 * Row hierarchy of a statistical form body, read from its TT column (I / 1 / a / - / +) and
 * from the "Chia ra" (split into: a sum) and "Trong đó" (of which: a subset) markers that
 * Vietnamese forms use. Parents are found by level, as an outline: a row's parent is the
 * nearest row above it with a smaller level, except where a marker says otherwise.
 */
import { matchKey } from "./text/normalize";

export interface HierarchyInput {
  tt: string | null;
  label: string | null;
  /** Text of a vertical merge in the TT column that covers this row (e.g. "Chia ra"). */
  ttMergedWith?: string | null;
  /** The label's indent level and weight: the tree of forms that number no rows. */
  indent?: number;
  bold?: boolean;
}

export type RowRelation = "sum" | "subset";

export interface RowNode {
  /**
   * 1 Roman (I, II), 2 Arabic (1, 2, "1."), 3 letter ("a", "b)") or "1.1", 4 dash, 5 plus or bullet;
   * 0 for section letters (A, B) and for blank rows, -1 for a grand total over the top-level rows.
   * Only the order of levels matters.
   */
  level: number;
  /** Index of the parent row in the input, or null for a top-level row. */
  parent: number | null;
  /** How the row counts towards its parent: part of a sum, or a "Trong đó" subset; null without parent, and for markers. */
  relation: RowRelation | null;
  /** "marker": a "Chia ra:" or "Trong đó:" row with no data of its own; "blank": nothing in TT and label. */
  kind: "data" | "marker" | "blank";
}

interface Group {
  /** The row the group's members belong to; null when a marker opens the table. */
  anchor: number | null;
  relation: RowRelation;
  /** Scoped by a TT merge: ends at the first row the merge does not cover. */
  mergeScoped: boolean;
  /** Opened by a "Trong đó: Nữ" row itself (no marker row): it holds only such rows. */
  bySubsetLabel?: boolean;
}

export function rowHierarchy(rows: readonly HierarchyInput[]): RowNode[] {
  const nodes: RowNode[] = [];
  const stack: { index: number; level: number }[] = [];
  let group: Group | null = null;
  let lastData: number | null = null;
  const cells = rows.map(readRow);
  if (statesTreeByStyle(rows, cells)) cells.forEach((cell, i) => (cell.explicit = cell.kind === "data" ? styleLevel(rows[i]) : null));
  /** nextData[i]: the first data row at or after i (cells.length when none). */
  const nextData: number[] = new Array<number>(cells.length + 1).fill(cells.length);
  for (let i = cells.length - 1; i >= 0; i--) nextData[i] = cells[i].kind === "data" ? i : nextData[i + 1];

  const levelOf = (index: number | null): number => (index === null ? 0 : nodes[index].level);
  const parentOnStack = (level: number): number | null => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].level < level) return stack[k].index;
    return null;
  };
  const pushOnStack = (index: number, level: number) => {
    while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
    stack.push({ index, level });
  };
  const openGroup = (relation: RowRelation, mergeScoped: boolean, from: number): Group => {
    let anchor: number | null;
    const next = nextData[from];
    const nextLevel = next < cells.length ? cells[next].explicit : null;
    if (nextLevel !== null) {
      // The TT numbering of the rows that follow decides which row they belong to.
      anchor = parentOnStack(nextLevel);
    } else if (relation === "subset" && group !== null && group.anchor !== null && lastData !== null && nodes[lastData].parent === group.anchor) {
      // "Trong đó" after the parts of a split refers to the split's total, not to its last part.
      anchor = group.anchor;
    } else {
      anchor = lastData;
    }
    while (stack.length > 0 && (anchor === null || stack[stack.length - 1].index > anchor)) stack.pop();
    return { anchor, relation, mergeScoped };
  };

  cells.forEach((cell, i) => {
    if (group?.mergeScoped && cell.mergedMarker === null && cell.ttMarker === null) group = null;
    if (group?.bySubsetLabel && cell.kind === "data" && !cell.subsetLabel) group = null;

    if (cell.kind === "blank") {
      nodes.push({ level: 0, parent: null, relation: null, kind: "blank" });
      return;
    }
    if (cell.kind === "marker") {
      group = openGroup((cell.labelMarker ?? cell.ttMarker)!, false, i + 1);
      nodes.push({ level: levelOf(group.anchor) + 1, parent: group.anchor, relation: null, kind: "marker" });
      return;
    }

    // The marker stands in the TT column beside data ("Chia ra" merged down next to the parts).
    // Rows further down the same merge continue its group (some readers repeat the merge's text in them).
    const rowMarker = cell.ttMarker ?? cell.mergedMarker;
    const continuesMerge = cell.mergedMarker !== null && group?.mergeScoped === true && group.relation === cell.mergedMarker;
    if (rowMarker !== null && !continuesMerge) group = openGroup(rowMarker, true, i);

    let node: RowNode;
    if (cell.explicit !== null) {
      const level = cell.explicit;
      if (group && group.anchor !== null && level <= levelOf(group.anchor)) group = null;
      const parent = parentOnStack(level);
      let relation: RowRelation | null = null;
      if (parent !== null) relation = cell.subsetLabel ? "subset" : group && parent === group.anchor ? group.relation : "sum";
      node = { level, parent, relation, kind: "data" };
    } else if (!cell.subsetLabel && isGrandTotal(rows[i].label ?? rows[i].tt ?? "")) {
      // "TỔNG SỐ", "Tổng cộng" without a number: a top-level row, whatever is open above it.
      group = null;
      node = { level: 1, parent: null, relation: null, kind: "data" };
    } else {
      if (cell.subsetLabel) {
        // "Trong đó: Nữ" without a TT number: a subset of the row above, or of the split's total.
        if (!group) group = { ...openGroup("subset", false, i), bySubsetLabel: true };
        else group.relation = "subset";
      }
      if (group) {
        node = { level: levelOf(group.anchor) + 1, parent: group.anchor, relation: group.anchor === null ? null : group.relation, kind: "data" };
      } else if (lastData !== null) {
        // No number and no marker: a sibling of the row above.
        const sibling = nodes[lastData];
        node = { level: sibling.level, parent: sibling.parent, relation: sibling.relation, kind: "data" };
      } else {
        node = { level: 1, parent: null, relation: null, kind: "data" };
      }
    }
    // A "Trong đó" row without a number is a leaf: the rows after it are not its children.
    if (!(cell.subsetLabel && cell.explicit === null)) pushOnStack(i, node.level);
    nodes.push(node);
    lastData = i;
  });
  adoptUnderGrandTotal(rows, cells, nodes);
  return nodes;
}

/**
 * "TỔNG SỐ" or "Tổng cộng" with no number of its own, first or last among the rows: the total of
 * every top-level row (I, II …), above them or below them.
 */
function adoptUnderGrandTotal(rows: readonly HierarchyInput[], cells: RowCells[], nodes: RowNode[]): void {
  const data = nodes.map((n, i) => (n.kind === "data" ? i : -1)).filter((i) => i >= 0);
  if (data.length < 2) return;
  const isTotal = (i: number) => nodes[i].parent === null && cells[i].explicit === null && cells[i].ttMarker === null && isGrandTotal(rows[i].label ?? rows[i].tt ?? "");
  const first = data[0];
  const last = data[data.length - 1];
  const total = isTotal(first) ? first : isTotal(last) && !nodes.some((n) => n.parent === last) ? last : null;
  if (total === null) return;
  for (const i of data) {
    if (i === total || nodes[i].parent !== null) continue;
    nodes[i].parent = total;
    nodes[i].relation = cells[i].subsetLabel ? "subset" : "sum";
  }
  // Above every level, section letters (0) included.
  nodes[total].level = -1;
}

function isGrandTotal(label: string): boolean {
  const key = matchKey(label);
  return /^(tong so|tong cong|cong|tong)( chung| toan (tinh|huyen|xa))?$/.test(key);
}

/**
 * A form that numbers none of its rows (no TT, no bullets) but sets its parents in bold or
 * indents its children states its tree by style: bold above plain, less indent above more.
 */
function statesTreeByStyle(rows: readonly HierarchyInput[], cells: RowCells[]): boolean {
  let styled = false;
  let plain = false;
  for (let i = 0; i < rows.length; i++) {
    if (cells[i].kind !== "data") continue;
    if (cells[i].explicit !== null) return false;
    if ((rows[i].indent ?? 0) > 0 || rows[i].bold) styled = true;
    if (!rows[i].bold) plain = true;
  }
  return styled && plain;
}

function styleLevel(row: HierarchyInput): number {
  const indent = Math.min(row.indent ?? 0, 20);
  return (row.bold ? 1 : 2) + 2 * indent;
}

interface RowCells {
  kind: "data" | "marker" | "blank";
  ttMarker: RowRelation | null;
  labelMarker: RowRelation | null;
  mergedMarker: RowRelation | null;
  /** The level stated by the TT cell or by a bullet before the label. */
  explicit: number | null;
  subsetLabel: boolean;
}

function readRow(row: HierarchyInput): RowCells {
  const tt = clean(row.tt);
  const label = clean(row.label);
  const ttMarker = markerOf(tt);
  const labelMarker = markerOf(label);
  const mergedMarker = markerOf(clean(row.ttMergedWith));
  // Rows reading "Chia ra:" or "Trong đó:" carry no data of their own.
  const kind = !tt && !label ? "blank" : labelMarker !== null || (ttMarker !== null && !label) ? "marker" : "data";
  // "Chia ra" in the TT column beside "- Cao cấp": the marker opens the split, the bullet gives the level.
  const explicit = ttMarker !== null ? bulletLevel(label) : (ttLevel(tt) ?? bulletLevel(label));
  return { kind, ttMarker, labelMarker, mergedMarker, explicit, subsetLabel: isSubsetLabel(label) };
}

/**
 * Indices of the rows that count towards row `parent`: with `relation`, only those of that
 * relation (the parts of a sum, or the "Trong đó" subsets); without, both. Accepts the input
 * rows or the nodes `rowHierarchy` returned for them.
 */
export function children(rows: readonly (HierarchyInput | RowNode)[], parent: number, relation?: RowRelation): number[] {
  const nodes = rows.length > 0 && isNode(rows[0]) ? (rows as readonly RowNode[]) : rowHierarchy(rows as readonly HierarchyInput[]);
  const out: number[] = [];
  nodes.forEach((node, i) => {
    if (node.parent !== parent || node.relation === null) return;
    if (relation === undefined || node.relation === relation) out.push(i);
  });
  return out;
}

function isNode(row: HierarchyInput | RowNode): row is RowNode {
  return "level" in row && "kind" in row;
}

/** The level a TT cell states, or null when it states none. */
export function ttLevel(tt: string | null): number | null {
  const text = clean(tt).replace(/\s+/g, "");
  if (!text) return null;
  if (/^[-\u2012-\u2015\u2212]$/.test(text)) return 4;
  if (/^[+•●◦·∙]$/.test(text)) return 5;
  const core = text.replace(/^\((.*)\)$/, "$1").replace(/[.):]+$/, "");
  if (isRoman(core)) return 1;
  if (/^[A-Z]$/.test(core)) return 0;
  if (/^\d{1,3}$/.test(core)) return 2;
  if (/^\d{1,3}(\.\d{1,3})+$/.test(core)) return 1 + core.split(".").length;
  if (/^[a-zđ]$/.test(core)) return 3;
  return null;
}

/** Labels typed with a bullet ("- Tiến sĩ") when the TT cell is empty. */
function bulletLevel(label: string): number | null {
  if (/^[-\u2012-\u2015\u2212]\s*[^\s\d]/.test(label)) return 4;
  if (/^[+•●◦·∙]\s*[^\s\d]/.test(label)) return 5;
  return null;
}

/** I … XXXIX: forms have no more top-level parts than that, and C, D, L, M are section letters. */
function isRoman(text: string): boolean {
  return text.length > 0 && /^X{0,3}(IX|IV|V?I{0,3})$/.test(text);
}

/** "Chia ra", "Trong đó": text that marks the structure of the rows, not a row's number or name. */
export function isMarkerText(text: string | null | undefined): boolean {
  return markerOf(clean(text)) !== null;
}

function markerOf(text: string): RowRelation | null {
  const key = matchKey(text);
  if (key === "chia ra" || key === "bao gom" || key === "gom" || key === "trong do chia ra") return "sum";
  if (key === "trong do") return "subset";
  return null;
}

function isSubsetLabel(label: string): boolean {
  const key = matchKey(label);
  return key.startsWith("trong do ") && markerOf(label) === null;
}

function clean(text: string | null | undefined): string {
  return (text ?? "").normalize("NFC").replace(/[\u00a0\u200b\u202f]/g, " ").trim();
}
