/**
 * Reading an .xlsx package the way an OOXML consumer does, with an XML parser and nothing
 * of DTBD's own code: parts, relationships, a sheet's cells, a drawing's anchors, a chart's
 * series and the cells their formulas name. Tests use it to check the charts DTBD writes
 * against the cells DTBD writes, and both against numbers the test knows.
 */
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
  types: "http://schemas.openxmlformats.org/package/2006/content-types",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
} as const;

export type Parts = Map<string, string>;

export function packageParts(bytes: Uint8Array): Parts {
  const out: Parts = new Map();
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (!name.endsWith("/")) out.set(name, strFromU8(data));
  return out;
}

export function parseXml(text: string): Document {
  let problem: string | null = null;
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") problem ??= message;
    },
  }).parseFromString(text, "text/xml");
  if (problem) throw new Error(`not well-formed XML: ${problem}`);
  return doc;
}

export function part(parts: Parts, name: string): Document {
  const text = parts.get(name);
  if (text === undefined) throw new Error(`no part ${name}`);
  return parseXml(text);
}

export function children(el: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === local) out.push(n as Element);
  return out;
}

export function child(el: Element, ns: string, local: string): Element {
  const found = children(el, ns, local)[0];
  if (!found) throw new Error(`<${el.localName}> has no <${local}>`);
  return found;
}

export function descendants(el: Document | Element, ns: string, local: string): Element[] {
  return Array.from(el.getElementsByTagNameNS(ns, local)) as Element[];
}

/** Names of an element's child elements, in document order. */
export function childNames(el: Element): string[] {
  const out: string[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push((n as Element).localName!);
  return out;
}

/** The rels part of a part: "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsOf(name: string): string {
  const slash = name.lastIndexOf("/");
  return `${name.slice(0, slash + 1)}_rels/${name.slice(slash + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  /** The target resolved to a part name. */
  part: string;
}

export function relationships(parts: Parts, source: string): Relationship[] {
  if (!parts.has(relsOf(source))) return [];
  const base = source.split("/").slice(0, -1);
  return descendants(part(parts, relsOf(source)), NS.rels, "Relationship").map((r) => {
    const target = r.getAttribute("Target")!;
    const path = target.startsWith("/") ? [] : [...base];
    for (const piece of target.replace(/^\//, "").split("/")) {
      if (piece === "..") path.pop();
      else if (piece !== ".") path.push(piece);
    }
    return { id: r.getAttribute("Id")!, type: r.getAttribute("Type")!, part: path.join("/") };
  });
}

export function worksheetPartOf(parts: Parts, sheetName: string): string {
  const sheet = descendants(part(parts, "xl/workbook.xml"), NS.main, "sheet").find((s) => s.getAttribute("name") === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const id = sheet.getAttributeNS(NS.r, "id");
  const rel = relationships(parts, "xl/workbook.xml").find((r) => r.id === id);
  if (!rel) throw new Error(`sheet ${sheetName}: no relationship ${id}`);
  return rel.part;
}

export type CellValue = string | number | null;

/** Every cell's value as stored: shared and inline strings as text, numbers (formula results too) as numbers. */
export function sheetCells(parts: Parts, sheetName: string): Map<string, CellValue> {
  const shared = parts.has("xl/sharedStrings.xml")
    ? descendants(part(parts, "xl/sharedStrings.xml"), NS.main, "si").map((si) => descendants(si, NS.main, "t").map((t) => t.textContent ?? "").join(""))
    : [];
  const out = new Map<string, CellValue>();
  for (const c of descendants(part(parts, worksheetPartOf(parts, sheetName)), NS.main, "c")) {
    const type = c.getAttribute("t");
    const v = children(c, NS.main, "v")[0]?.textContent ?? null;
    let value: CellValue = null;
    if (type === "s") value = v === null ? null : shared[Number(v)];
    else if (type === "inlineStr") value = descendants(c, NS.main, "t").map((t) => t.textContent ?? "").join("");
    else if (type === "str") value = v;
    else if (v !== null && v !== "") value = Number(v);
    out.set(c.getAttribute("r")!, value);
  }
  return out;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface Reference {
  sheet: string;
  /** Cell addresses ("B12"), area by area, rows then columns. */
  cells: string[];
}

/**
 * A chart formula such as `('Tổng hợp'!$B$12,'Tổng hợp'!$B$19:$B$22)`: a union of areas,
 * each a quoted or plain sheet name, "!", and a cell or a range. Throws on anything else.
 */
export function parseReference(formula: string): Reference {
  const inner = formula.startsWith("(") && formula.endsWith(")") ? formula.slice(1, -1) : formula;
  const area = /^(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?/;
  let rest = inner;
  let sheet: string | null = null;
  const cells: string[] = [];
  while (rest.length > 0) {
    const m = area.exec(rest);
    if (!m) throw new Error(`not a reference: ${formula}`);
    const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    if (sheet !== null && name !== sheet) throw new Error(`reference spans sheets: ${formula}`);
    sheet = name;
    const [c1, r1] = [columnNumber(m[3]), Number(m[4])];
    const [c2, r2] = m[5] ? [columnNumber(m[5]), Number(m[6])] : [c1, r1];
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) cells.push(`${columnLetters(c)}${r}`);
    rest = rest.slice(m[0].length);
    if (rest.startsWith(",")) rest = rest.slice(1);
    else if (rest.length > 0) throw new Error(`not a reference: ${formula}`);
  }
  if (sheet === null) throw new Error(`empty reference: ${formula}`);
  return { sheet, cells };
}

export interface ChartSeriesXml {
  nameRef: string;
  nameCache: string[];
  categoryRef: string;
  categoryCache: (string | null)[];
  valueRef: string;
  valueCache: (number | null)[];
  valueCount: number;
  /** Point index → fill colour, for points coloured on their own. */
  pointColors: Map<number, string>;
  color: string | null;
}

function cache(ref: Element, local: "strCache" | "numCache"): { count: number; points: Map<number, string> } {
  const c = child(ref, NS.c, local);
  const count = Number(child(c, NS.c, "ptCount").getAttribute("val"));
  const points = new Map<number, string>();
  for (const pt of children(c, NS.c, "pt")) points.set(Number(pt.getAttribute("idx")), child(pt, NS.c, "v").textContent ?? "");
  return { count, points };
}

function fillOf(spPr: Element | undefined): string | null {
  if (!spPr) return null;
  const clr = descendants(spPr, "http://schemas.openxmlformats.org/drawingml/2006/main", "srgbClr")[0];
  return clr ? clr.getAttribute("val") : null;
}

export function chartSeries(chart: Document): ChartSeriesXml[] {
  return descendants(chart, NS.c, "ser").map((ser) => {
    const tx = child(child(ser, NS.c, "tx"), NS.c, "strRef");
    const cat = child(child(ser, NS.c, "cat"), NS.c, "strRef");
    const val = child(child(ser, NS.c, "val"), NS.c, "numRef");
    const name = cache(tx, "strCache");
    const cats = cache(cat, "strCache");
    const vals = cache(val, "numCache");
    const pointColors = new Map<number, string>();
    for (const dPt of children(ser, NS.c, "dPt")) pointColors.set(Number(child(dPt, NS.c, "idx").getAttribute("val")), fillOf(children(dPt, NS.c, "spPr")[0])!);
    return {
      nameRef: child(tx, NS.c, "f").textContent!,
      nameCache: [...name.points.values()],
      categoryRef: child(cat, NS.c, "f").textContent!,
      categoryCache: Array.from({ length: cats.count }, (_, i) => cats.points.get(i) ?? null),
      valueRef: child(val, NS.c, "f").textContent!,
      valueCache: Array.from({ length: vals.count }, (_, i) => (vals.points.has(i) ? Number(vals.points.get(i)) : null)),
      valueCount: vals.count,
      pointColors,
      color: fillOf(children(ser, NS.c, "spPr")[0]),
    };
  });
}

export interface PlacedChart {
  chartPart: string;
  chart: Document;
  /** Anchor corners, 0-based as the drawing stores them. */
  from: { col: number; row: number };
  to: { col: number; row: number };
}

function marker(el: Element): { col: number; row: number } {
  return { col: Number(child(el, NS.xdr, "col").textContent), row: Number(child(el, NS.xdr, "row").textContent) };
}

/** The charts drawn on a sheet: sheet → drawing relationship → anchors → chart relationships. */
export function sheetCharts(parts: Parts, sheetName: string): PlacedChart[] {
  const sheetPart = worksheetPartOf(parts, sheetName);
  const drawingEl = descendants(part(parts, sheetPart), NS.main, "drawing")[0];
  if (!drawingEl) return [];
  const drawingRel = relationships(parts, sheetPart).find((r) => r.id === drawingEl.getAttributeNS(NS.r, "id"));
  if (!drawingRel) throw new Error(`${sheetPart}: drawing relationship missing`);
  const chartRels = relationships(parts, drawingRel.part);
  return descendants(part(parts, drawingRel.part), NS.xdr, "twoCellAnchor").map((anchor) => {
    const chartRef = descendants(anchor, NS.c, "chart")[0];
    const rel = chartRels.find((r) => r.id === chartRef.getAttributeNS(NS.r, "id"));
    if (!rel) throw new Error(`${drawingRel.part}: chart relationship missing`);
    return { chartPart: rel.part, chart: part(parts, rel.part), from: marker(child(anchor, NS.xdr, "from")), to: marker(child(anchor, NS.xdr, "to")) };
  });
}

export function chartTitle(chart: Document): string {
  const title = descendants(chart, NS.c, "title")[0];
  return descendants(title, "http://schemas.openxmlformats.org/drawingml/2006/main", "t")
    .map((t) => t.textContent ?? "")
    .join("");
}
