/**
 * Findings shown on the worksheet: a fill by severity and a note with the message on each
 * cell. Any number of findings costs two round trips (read the cells' current fill and notes,
 * then write); removing them costs two as well. What was there before is remembered so that
 * "Xóa đánh dấu" restores the sheet exactly, even after the task pane was closed.
 */
import type { Finding, Lang, Severity } from "../core/findings";

export const SEVERITY_FILL: Record<Severity, string> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
  info: "#DDEBF7",
};

export interface HighlightedCell {
  address: string;
  /** The cell's own fill before we coloured it; null for no fill. */
  previousFill: string | null;
  /** True when we added the note (an existing note of the user's is left alone). */
  noteAdded: boolean;
}

export interface HighlightRecord {
  sheet: string;
  cells: HighlightedCell[];
}

/** Where the record of our highlights lives (the document's settings in Excel). */
export interface HighlightStore {
  read(): HighlightRecord[];
  write(records: HighlightRecord[]): Promise<void>;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface CellFindings {
  sheet: string;
  address: string;
  severity: Severity;
  messages: string[];
}

function groupByCell(findings: readonly Finding[], fallbackSheet: string, lang: Lang): CellFindings[] {
  const byCell = new Map<string, CellFindings>();
  for (const f of findings) {
    if (!f.cell) continue;
    const sheet = f.sheet ?? fallbackSheet;
    const key = `${sheet}!${f.cell}`;
    const entry = byCell.get(key) ?? { sheet, address: f.cell, severity: f.severity, messages: [] };
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[entry.severity]) entry.severity = f.severity;
    entry.messages.push(`[${f.code}] ${f.message[lang]}`);
    byCell.set(key, entry);
  }
  return [...byCell.values()];
}

function notesSupported(): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", "1.18");
  } catch {
    return false;
  }
}

/** A note is plain text up to a few thousand characters; keep ours well within. */
function noteText(messages: string[]): string {
  const text = `DTBD:\n${messages.join("\n")}`;
  return text.length > 1000 ? `${text.slice(0, 997)}…` : text;
}

export async function showFindings(
  context: Excel.RequestContext,
  findings: readonly Finding[],
  activeSheet: string,
  lang: Lang,
  store: HighlightStore,
): Promise<number> {
  // Earlier highlights on the same cells stay recorded with their original fill.
  const earlier = store.read();
  const cells = groupByCell(findings, activeSheet, lang);
  const withNotes = notesSupported();

  const reads = cells.map((c) => {
    const worksheet = context.workbook.worksheets.getItem(c.sheet);
    const range = worksheet.getRange(c.address);
    range.format.fill.load(["color", "pattern"]);
    const note = withNotes ? worksheet.notes.getItemOrNullObject(c.address) : null;
    note?.load("content");
    return { cell: c, worksheet, range, note };
  });
  await context.sync();

  const records = new Map<string, HighlightRecord>(earlier.map((r) => [r.sheet, { ...r, cells: [...r.cells] }]));
  for (const { cell, worksheet, range, note } of reads) {
    const record = records.get(cell.sheet) ?? { sheet: cell.sheet, cells: [] };
    records.set(cell.sheet, record);
    const known = record.cells.find((k) => k.address === cell.address);
    const before = range.format.fill.color;
    const pattern = range.format.fill.pattern;
    const noFill = pattern === "None" || (!pattern && (before ?? "").toUpperCase() === "#FFFFFF");
    // A fill of ours left by an earlier check that was never cleared is not the user's.
    const ours = Object.values(SEVERITY_FILL).includes((before ?? "").toUpperCase());
    range.format.fill.color = SEVERITY_FILL[cell.severity];
    let noteAdded = known?.noteAdded ?? false;
    if (note && note.isNullObject) {
      worksheet.notes.add(cell.address, noteText(cell.messages));
      noteAdded = true;
    } else if (note && known?.noteAdded) {
      note.content = noteText(cell.messages);
    }
    if (!known) {
      record.cells.push({ address: cell.address, previousFill: noFill || ours ? null : before, noteAdded });
    } else {
      known.noteAdded = noteAdded;
    }
  }
  await context.sync();
  await store.write([...records.values()]);
  return cells.length;
}

/** Three round trips whatever the number of cells: which sheets still exist, restore, delete notes. */
export async function clearHighlights(context: Excel.RequestContext, store: HighlightStore): Promise<number> {
  const records = store.read();
  if (records.length === 0) return 0;
  // A sheet may have been deleted or renamed since: those records are dropped.
  const sheets = records.map((record) => {
    const worksheet = context.workbook.worksheets.getItemOrNullObject(record.sheet);
    worksheet.load("name");
    return { record, worksheet };
  });
  await context.sync();

  const withNotes = notesSupported();
  const notes: Excel.Note[] = [];
  let count = 0;
  for (const { record, worksheet } of sheets) {
    if (worksheet.isNullObject) continue;
    for (const cell of record.cells) {
      const range = worksheet.getRange(cell.address);
      if (cell.previousFill) range.format.fill.color = cell.previousFill;
      else range.format.fill.clear();
      if (withNotes && cell.noteAdded) {
        const note = worksheet.notes.getItemOrNullObject(cell.address);
        note.load("content");
        notes.push(note);
      }
      count++;
    }
  }
  await context.sync();
  const ours = notes.filter((n) => !n.isNullObject && n.content.startsWith("DTBD:"));
  if (ours.length) {
    for (const note of ours) note.delete();
    await context.sync();
  }
  await store.write([]);
  return count;
}

export async function selectCell(context: Excel.RequestContext, sheet: string | null, cell: string): Promise<void> {
  const worksheet = sheet
    ? context.workbook.worksheets.getItem(sheet)
    : context.workbook.worksheets.getActiveWorksheet();
  worksheet.activate();
  worksheet.getRange(cell).select();
  await context.sync();
}
