/**
 * Editing an .xlsx package between exceljs's rendering of its parts and the zip: what exceljs
 * cannot write (DrawingML charts) is added as parts, relationships and content types, the
 * way the Open Packaging Conventions (ECMA-376 part 2) and SpreadsheetML (part 1, §18) lay
 * them out. The parts are machine-written by exceljs, so plain string search is exact enough.
 */
import { attr, attrAnyPrefix, forEachElement, rootPrefix, section, tagEnd } from "./read-xml";

/** The package's parts by name (no leading slash), as text or bytes, in archive order. */
export type XlsxParts = Map<string, string | Uint8Array>;

/** A change made to the parts after exceljs renders them and before they are zipped. */
export type PackageEdit = (parts: XlsxParts) => void;

export const CONTENT_TYPES_PART = "[Content_Types].xml";

export const RELATIONSHIP_TYPE = {
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
} as const;

export const CONTENT_TYPE = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const decoder = new TextDecoder();

export function partText(parts: XlsxParts, name: string): string | undefined {
  const data = parts.get(name);
  return data === undefined || typeof data === "string" ? data : decoder.decode(data);
}

/** Characters XML 1.0 cannot hold at all (C0 controls other than tab, LF, CR; U+FFFE/U+FFFF; lone surrogates). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for XML content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** The folder of a part ("xl/worksheets/sheet1.xml" → "xl/worksheets/") and its rels part. */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against the part that holds it ("../drawings/d.xml"). */
function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = source.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

/** The worksheet part of the sheet named `sheetName`, through xl/workbook.xml and its relationships. */
export function worksheetPart(parts: XlsxParts, sheetName: string): string {
  const workbook = partText(parts, "xl/workbook.xml");
  const rels = partText(parts, relsPartOf("xl/workbook.xml"));
  if (workbook === undefined || rels === undefined) throw new Error("xlsx package has no workbook part");
  const prefix = rootPrefix(workbook);
  let id: string | undefined;
  forEachElement(section(workbook, `${prefix}sheets`), `${prefix}sheet`, (e) => {
    if (id === undefined && attr(e.tag, "name") === sheetName) id = attrAnyPrefix(e.tag, "id");
  });
  if (id === undefined) throw new Error(`xlsx package has no sheet named ${sheetName}`);
  let target: string | undefined;
  forEachElement(rels, "Relationship", (e) => {
    if (attr(e.tag, "Id") === id) target = attr(e.tag, "Target");
  });
  if (target === undefined) throw new Error(`xlsx package: sheet ${sheetName} has no part`);
  return resolveTarget("xl/workbook.xml", target);
}

/** `stem` + the first number from 1 up that names no part yet: "xl/charts/chart" → "xl/charts/chart1.xml". */
export function freePartName(parts: XlsxParts, stem: string, ext = ".xml"): string {
  for (let i = 1; ; i++) {
    const name = `${stem}${i}${ext}`;
    if (!parts.has(name)) return name;
  }
}

/** Adds a relationship from `source` (creating its rels part if need be) and returns its Id. */
export function addRelationship(parts: XlsxParts, source: string, type: string, target: string): string {
  const relsName = relsPartOf(source);
  const existing = partText(parts, relsName);
  const taken = new Set<string>();
  if (existing !== undefined) forEachElement(existing, "Relationship", (e) => taken.add(attr(e.tag, "Id") ?? ""));
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const relationship = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  if (existing === undefined) {
    parts.set(relsName, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${relationship}</Relationships>`);
  } else {
    const close = existing.lastIndexOf("</Relationships>");
    if (close < 0) throw new Error(`${relsName} is not a relationships part`);
    parts.set(relsName, existing.slice(0, close) + relationship + existing.slice(close));
  }
  return id;
}

/** Declares the content type of a part ([Content_Types].xml Override). */
export function addContentType(parts: XlsxParts, part: string, contentType: string): void {
  const types = partText(parts, CONTENT_TYPES_PART);
  if (types === undefined) throw new Error("xlsx package has no [Content_Types].xml");
  const close = types.lastIndexOf("</Types>");
  if (close < 0) throw new Error("[Content_Types].xml has no </Types>");
  parts.set(CONTENT_TYPES_PART, `${types.slice(0, close)}<Override PartName="/${escapeXml(part)}" ContentType="${contentType}"/>${types.slice(close)}`);
}

/**
 * CT_Worksheet's children that follow `drawing` in the schema's sequence (ECMA-376 part 1,
 * §18.3.1.99): the drawing element goes before the first of them, or last.
 */
const AFTER_DRAWING = new Set(["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"]);

/**
 * Where a child of the worksheet element named in AFTER_DRAWING starts (or `</worksheet>`),
 * found by walking the children after sheetData with their depth, so that an extLst nested in
 * a conditional format is not taken for the sheet's own.
 */
function drawingInsertionPoint(xml: string, prefix: string): number {
  const dataEnd = Math.max(xml.lastIndexOf(`</${prefix}sheetData>`), xml.indexOf(`<${prefix}sheetData/>`));
  let i = dataEnd < 0 ? xml.indexOf(">", xml.indexOf(`<${prefix}worksheet`)) + 1 : xml.indexOf(">", dataEnd) + 1;
  let depth = 0;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) throw new Error("worksheet XML ends early");
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! comment */ || next === 63 /* ? */) {
      i = xml.indexOf(">", lt) + 1;
      continue;
    }
    const gt = tagEnd(xml, lt);
    if (gt < 0) throw new Error("worksheet XML ends early");
    if (next === 47 /* / */) {
      if (depth === 0) return lt; // </worksheet>
      depth--;
    } else {
      const nameEnd = xml.slice(lt + 1, gt).search(/[\s/>]|$/);
      const name = xml.slice(lt + 1, lt + 1 + nameEnd);
      const local = name.slice(name.indexOf(":") + 1);
      if (depth === 0 && AFTER_DRAWING.has(local) && name === prefix + local) return lt;
      if (xml.charCodeAt(gt - 1) !== 47) depth++;
    }
    i = gt + 1;
  }
}

/** Gives a worksheet part its drawing: the relationship, and `<drawing r:id>` in schema order. */
export function attachDrawing(parts: XlsxParts, sheetPart: string, drawingPart: string): void {
  const xml = partText(parts, sheetPart);
  if (xml === undefined) throw new Error(`xlsx package has no ${sheetPart}`);
  const prefix = rootPrefix(xml);
  if (new RegExp(`<${prefix}drawing[\\s/>]`).test(xml)) throw new Error(`${sheetPart} already has a drawing`);
  const id = addRelationship(parts, sheetPart, RELATIONSHIP_TYPE.drawing, relativeTarget(sheetPart, drawingPart));
  const at = drawingInsertionPoint(xml, prefix);
  parts.set(sheetPart, `${xml.slice(0, at)}<${prefix}drawing xmlns:r="${R_NS}" r:id="${id}"/>${xml.slice(at)}`);
}

/** Target of a relationship from `source` to `target`, both part names: "../drawings/drawing1.xml". */
export function relativeTarget(source: string, target: string): string {
  const from = source.split("/").slice(0, -1);
  const to = target.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}
