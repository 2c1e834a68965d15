/**
 * Notes on cells (Excel's "legacy comments"): the comments part lists each note's cell and
 * text, a VML drawing holds the box Excel shows on hover, and the sheet names the drawing in a
 * <legacyDrawing> element. A sheet that has notes already keeps them: ours are added to its
 * parts, and a cell that has a note gets our text appended to it.
 */
import { parseAddress } from "../core/grid.js";
import {
  CONTENT_TYPE,
  NS,
  type PackageEditor,
  REL_TYPE,
  XML_DECLARATION,
  appendToElement,
  escapeXml,
  findElement,
  insertAt,
  relIdAttr,
  tagEndAt,
  xstring,
} from "./package-edit.js";
import { attr, attrAnyPrefix, rootPrefix } from "./read-xml.js";

export interface NoteToWrite {
  cell: string;
  /** First line shown bold (the author's label), the rest plain. */
  text: string;
}

const AUTHOR = "DTBD";
const VML_NS = { v: "urn:schemas-microsoft-com:vml", o: "urn:schemas-microsoft-com:office:office", x: "urn:schemas-microsoft-com:office:excel" };

/**
 * Elements that follow <legacyDrawing> in a worksheet (ECMA-376 CT_Worksheet's sequence): the
 * new element goes before the first of them that the sheet has.
 */
const AFTER_LEGACY_DRAWING = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

function runs(text: string, p: string): string {
  const newline = text.indexOf("\n");
  const [head, rest] = newline < 0 ? [text, ""] : [text.slice(0, newline), text.slice(newline)];
  const font = `<${p}sz val="9"/><${p}rFont val="Tahoma"/><${p}family val="2"/>`;
  const run = (t: string, bold: boolean) => `<${p}r><${p}rPr>${bold ? `<${p}b/>` : ""}${font}</${p}rPr><${p}t xml:space="preserve">${xstring(t)}</${p}t></${p}r>`;
  return run(head, true) + (rest ? run(rest, false) : "");
}

/**
 * Adds the notes to the sheet: returns the sheet's new XML (with <legacyDrawing> when it had
 * none); the comments and drawing parts, their relationships and content types are written
 * through the editor.
 */
export function addNotes(editor: PackageEditor, sheetPart: string, sheetXml: string, notes: readonly NoteToWrite[]): string {
  if (notes.length === 0) return sheetXml;
  const p = rootPrefix(sheetXml);
  const base = sheetPart.slice(0, sheetPart.indexOf("/") + 1); // "xl/"
  const rels = editor.relationships(sheetPart);

  // Comments part: the sheet's own, or a new one.
  const commentsRel = rels.find((r) => r.type.endsWith("/comments") && !r.external && editor.has(r.target));
  let commentsPart: string;
  let commentsXml: string;
  if (commentsRel) {
    commentsPart = commentsRel.target;
    commentsXml = editor.mustRead(commentsPart);
  } else {
    commentsPart = editor.freeName(`${base}comments`, ".xml");
    commentsXml = `${XML_DECLARATION}<comments xmlns="${NS.main}"><authors></authors><commentList></commentList></comments>`;
    editor.addRelationship(sheetPart, REL_TYPE.comments, commentsPart);
    editor.addOverride(commentsPart, CONTENT_TYPE.comments);
  }
  const { xml: mergedComments, added } = mergeComments(commentsXml, notes);
  editor.write(commentsPart, mergedComments);

  // Drawing part: the one the sheet names in <legacyDrawing>, or a new one.
  const legacy = findElement(sheetXml, `${p}legacyDrawing`);
  const legacyId = legacy ? attrAnyPrefix(sheetXml.slice(legacy.start, legacy.contentStart), "id") : undefined;
  const vmlRel = legacyId ? rels.find((r) => r.id === legacyId && !r.external && editor.has(r.target)) : undefined;
  if (vmlRel) {
    editor.write(vmlRel.target, addShapes(editor.mustRead(vmlRel.target), added, editor));
    return sheetXml;
  }
  const vmlPart = editor.freeName(`${base}drawings/vmlDrawing`, ".vml");
  editor.write(vmlPart, addShapes(newVml(), added, editor));
  editor.addDefault("vml", CONTENT_TYPE.vml);
  const id = editor.addRelationship(sheetPart, REL_TYPE.vmlDrawing, vmlPart);
  const element = `<${p}legacyDrawing ${relIdAttr(sheetXml, id)}/>`;
  if (legacy) {
    // a <legacyDrawing> whose drawing is missing: pointed at the new one
    return sheetXml.slice(0, legacy.start) + element + sheetXml.slice(legacy.end);
  }
  return insertAt(sheetXml, legacyDrawingPosition(sheetXml, p), element);
}

/** Where <legacyDrawing> goes: before the first element that must follow it, else before </worksheet>. */
function legacyDrawingPosition(xml: string, p: string): number {
  const dataEnd = xml.lastIndexOf(`</${p}sheetData>`);
  // <cfRule> may hold an <extLst> of its own: look past the last conditional format
  const from = Math.max(dataEnd, xml.lastIndexOf(`</${p}conditionalFormatting>`), 0);
  let best = -1;
  for (const name of AFTER_LEGACY_DRAWING) {
    const span = findElement(xml, p + name, from);
    if (span && (best < 0 || span.start < best)) best = span.start;
  }
  if (best >= 0) return best;
  const close = xml.lastIndexOf(`</${p}worksheet`);
  if (close < 0) throw new Error("no </worksheet>");
  return close;
}

/** The comments part with our notes: appended to a cell's existing note, or new. Returns the cells given a new note. */
function mergeComments(xml: string, notes: readonly NoteToWrite[]): { xml: string; added: NoteToWrite[] } {
  const p = rootPrefix(xml);
  let out = xml;
  // the author
  const authors = findElement(out, `${p}authors`);
  const names: string[] = [];
  if (authors && !authors.selfClosing) {
    const inner = out.slice(authors.contentStart, authors.contentEnd);
    for (const m of inner.matchAll(new RegExp(`<${p}author(?:\\s[^>]*)?>([\\s\\S]*?)</${p}author>|<${p}author\\b[^>]*/>`, "g"))) names.push(m[1] ?? "");
  }
  let authorId = names.indexOf(AUTHOR);
  if (authorId < 0) {
    authorId = names.length;
    out = authors ? appendToElement(out, `${p}authors`, `<${p}author>${AUTHOR}</${p}author>`) : out;
  }

  // existing notes by cell
  const byCell = new Map<string, NoteToWrite>();
  for (const note of notes) byCell.set(note.cell, note);
  const added: NoteToWrite[] = [];
  const edits: { at: number; text: string }[] = [];
  const commentRe = new RegExp(`<${p}comment\\b`, "g");
  for (let m = commentRe.exec(out); m; m = commentRe.exec(out)) {
    const gt = tagEndAt(out, m.index);
    const ref = attr(out.slice(m.index, gt + 1), "ref");
    const note = ref ? byCell.get(ref.toUpperCase()) : undefined;
    if (!note) continue;
    byCell.delete(ref!.toUpperCase());
    const close = out.indexOf(`</${p}comment>`, gt);
    const textClose = out.lastIndexOf(`</${p}text>`, close);
    if (close < 0 || textClose < gt) continue;
    // our run goes after the note's own runs, before any phonetic runs
    const inner = out.slice(gt, textClose);
    const phonetic = inner.search(new RegExp(`<${p}(rPh|phoneticPr)\\b`));
    edits.push({ at: phonetic >= 0 ? gt + phonetic : textClose, text: runs(`\n\n${note.text}`, p).replace(`<${p}b/>`, "") });
  }
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = insertAt(out, edit.at, edit.text);
  const fresh = notes.filter((n) => byCell.has(n.cell));
  added.push(...fresh);
  const list = fresh.map((n) => `<${p}comment ref="${escapeXml(n.cell)}" authorId="${authorId}"><${p}text>${runs(n.text, p)}</${p}text></${p}comment>`).join("");
  if (list) out = appendToElement(out, `${p}commentList`, list);
  if (!findElement(out, `${p}authors`)) throw new Error("comments part without <authors>");
  return { xml: out, added };
}

function newVml(): string {
  return (
    `<xml xmlns:v="${VML_NS.v}" xmlns:o="${VML_NS.o}" xmlns:x="${VML_NS.x}">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data=""/></o:shapelayout>` +
    NOTE_SHAPE_TYPE +
    `</xml>`
  );
}

const NOTE_SHAPE_TYPE =
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

/** Shape ids of every VML drawing in the package: a new drawing takes the next free block of 1,024. */
function usedShapeBlocks(editor: PackageEditor): number {
  let max = 0;
  for (const name of editor.partNames()) {
    if (!/\.vml$/i.test(name)) continue;
    const vml = editor.read(name) ?? "";
    for (const m of vml.matchAll(/\bdata\s*=\s*"([\d,\s]*)"/g)) for (const n of m[1].split(",")) if (n.trim()) max = Math.max(max, Number(n));
    for (const m of vml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Math.floor(Number(m[1]) / 1024));
  }
  return max;
}

/** Text lines a note box shows at ~48 characters a line. */
function noteLines(text: string): number {
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 48)), 0);
}

function shape(id: number, note: NoteToWrite, z: number): string {
  const at = parseAddress(note.cell)!;
  const rows = Math.min(40, Math.ceil((noteLines(note.text) * 11.5) / 15) + 1);
  const top = Math.max(0, at.row - 2);
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:260pt;height:${rows * 15}pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>` +
    `<x:Anchor>${at.col}, 15, ${top}, 10, ${at.col + 4}, 15, ${top + rows}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${at.row - 1}</x:Row><x:Column>${at.col - 1}</x:Column></x:ClientData></v:shape>`
  );
}

/** The drawing with a hidden note box for each new note; ids after the drawing's last, blocks declared in its idmap. */
function addShapes(vml: string, notes: readonly NoteToWrite[], editor: PackageEditor): string {
  if (notes.length === 0) return vml;
  let out = vml;
  const rootStart = out.search(/<xml\b/);
  if (rootStart < 0) throw new Error("VML drawing without <xml> root");
  const rootEnd = tagEndAt(out, rootStart);
  let root = out.slice(rootStart, rootEnd + 1);
  for (const [prefix, ns] of Object.entries(VML_NS)) if (!root.includes(`xmlns:${prefix}=`)) root = root.replace(/^<xml\b/, `<xml xmlns:${prefix}="${ns}"`);
  out = out.slice(0, rootStart) + root + out.slice(rootEnd + 1);

  let last = 0;
  for (const m of out.matchAll(/_x0000_s(\d+)/g)) last = Math.max(last, Number(m[1]));
  const idmap = /(<o:idmap\b[^>]*\bdata\s*=\s*")([\d,\s]*)(")/.exec(out);
  const declared = new Set((idmap?.[2] ?? "").split(",").map((n) => n.trim()).filter(Boolean).map(Number));
  if (last === 0) last = (declared.size > 0 ? Math.max(...declared) : usedShapeBlocks(editor) + 1) * 1024;
  const ids = notes.map((_, i) => last + 1 + i);
  for (const id of ids) declared.add(Math.floor(id / 1024));
  if (idmap) out = out.replace(idmap[0], `${idmap[1]}${[...declared].sort((a, b) => a - b).join(",")}${idmap[3]}`);
  if (!/id\s*=\s*"_x0000_t202"/.test(out)) out = insertAt(out, out.lastIndexOf("</xml>"), NOTE_SHAPE_TYPE);
  const close = out.lastIndexOf("</xml>");
  if (close < 0) throw new Error("VML drawing without </xml>");
  return insertAt(out, close, notes.map((note, i) => shape(ids[i], note, ids[i] - last)).join(""));
}
