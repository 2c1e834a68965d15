/** Turning command-line arguments into the list of workbooks to read. */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Lang } from "../core/i18n";
import { t } from "./messages";
import { dim, paintSeverity } from "./output";

export const WORKBOOK_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xls", ".ods"]);

export interface InputList {
  files: string[];
  /** Files in a scanned directory that are not workbooks: named in the output, not read. */
  ignored: string[];
  /** Arguments that do not exist. */
  missing: string[];
  /** Directories that were scanned (an output inside one is refused). */
  directories: string[];
  /**
   * Directories inside a scanned directory: not read (docs/cli.md: not recursive), but named in
   * the output with the workbooks they hold, so that a district's folder is never dropped unseen.
   */
  skippedDirectories: SkippedDirectory[];
}

export interface SkippedDirectory {
  path: string;
  /** Workbooks directly inside it. */
  workbooks: number;
}

const collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

/**
 * Names that look like workbooks but are not: Excel's lock file of an open workbook ("~$…") and
 * the metadata twin macOS writes beside each file on a shared or zipped drive ("._…"). Listed
 * as ignored rather than read (and reported unreadable) as if an agency had sent them.
 */
function isWorkbookName(name: string): boolean {
  return !name.startsWith("~$") && !name.startsWith("._") && WORKBOOK_EXTENSIONS.has(path.extname(name).toLowerCase());
}

export async function expandInputs(args: string[]): Promise<InputList> {
  const list: InputList = { files: [], ignored: [], missing: [], directories: [], skippedDirectories: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    const abs = path.resolve(file);
    if (!seen.has(abs)) {
      seen.add(abs);
      list.files.push(file);
    }
  };
  for (const arg of args) {
    let stat;
    try {
      stat = await fs.stat(arg);
    } catch {
      list.missing.push(arg);
      continue;
    }
    if (stat.isDirectory()) {
      list.directories.push(path.resolve(arg));
      const entries = await fs.readdir(arg, { withFileTypes: true });
      for (const sub of entries.filter((d) => d.isDirectory()).sort((a, b) => collator.compare(a.name, b.name))) {
        const inside = path.join(arg, sub.name);
        const workbooks = await countWorkbooks(inside);
        // Hidden folders (.git, a sync tool's, the __MACOSX of an unzipped archive) are named only when they hold workbooks.
        const hidden = sub.name.startsWith(".") || sub.name === "__MACOSX";
        if (!hidden || workbooks > 0) list.skippedDirectories.push({ path: inside, workbooks });
      }
      const names = entries
        // Symbolic links count as files: a linked workbook is read, a broken link is reported unreadable.
        .filter((d) => d.isFile() || d.isSymbolicLink())
        .map((d) => d.name)
        .sort(collator.compare);
      for (const name of names) {
        if (isWorkbookName(name)) add(path.join(arg, name));
        else list.ignored.push(path.join(arg, name));
      }
    } else add(arg);
  }
  return list;
}

async function countWorkbooks(directory: string): Promise<number> {
  try {
    const names = await fs.readdir(directory);
    return names.filter(isWorkbookName).length;
  } catch {
    return 0; // unreadable (permissions): still named, with nothing counted
  }
}

/** The output's line about skipped directories, or null when there are none. */
export function skippedDirectoriesNote(skipped: SkippedDirectory[], lang: Lang): string | null {
  if (skipped.length === 0) return null;
  const named = skipped
    .map((d) => t(lang, d.workbooks === 1 ? "skippedDirectoryOne" : "skippedDirectory", { name: `${path.basename(d.path)}${path.sep}`, n: d.workbooks }))
    .join(", ");
  return t(lang, "skippedDirectories", { named });
}

/** The JSON fields every command adds about its inputs: `ignored` and `skippedDirectories`. */
export function inputsJson(list: Pick<InputList, "ignored" | "skippedDirectories">) {
  return {
    ignored: list.ignored.map((f) => path.basename(f)),
    skippedDirectories: list.skippedDirectories.map((d) => ({ name: path.basename(d.path), workbooks: d.workbooks })),
  };
}

/**
 * The output's lines about what the inputs held besides the workbooks read: the ignored files
 * (named by `name`), archives to unpack, folders not read. Shared by every command.
 */
export function inputNoteLines(
  list: Pick<InputList, "ignored" | "skippedDirectories">,
  lang: Lang,
  color: boolean,
  name: (file: string) => string = (file) => path.basename(file),
): string[] {
  const lines: string[] = [];
  if (list.ignored.length > 0) lines.push(dim(t(lang, "ignored", { files: list.ignored.map(name).join(", ") }), color));
  for (const note of [archivesNote(list.ignored, lang), skippedDirectoriesNote(list.skippedDirectories, lang)]) if (note) lines.push(paintSeverity("warning", note, color));
  return lines;
}

const ARCHIVE_EXTENSIONS = new Set([".zip", ".rar", ".7z"]);

/** Agencies often send their files zipped: the output says to unpack them, not just "ignored". */
export function archivesNote(ignored: string[], lang: Lang): string | null {
  const archives = ignored.filter((f) => ARCHIVE_EXTENSIONS.has(path.extname(f).toLowerCase())).map((f) => path.basename(f));
  if (archives.length === 0) return null;
  return t(lang, "archives", { files: archives.join(", ") });
}

/**
 * How each file is named in the output: its file name, or, where two inputs share a name
 * (every district's folder has its "bao-cao.xlsx"), enough of its path to tell them apart.
 */
export function displayNames(files: string[]): string[] {
  const count = (names: string[]) => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());
  const base = files.map((f) => path.basename(f));
  const baseCount = count(base);
  const withParent = files.map((f, i) => (baseCount.get(base[i])! > 1 ? path.join(path.basename(path.dirname(path.resolve(f))), base[i]) : base[i]));
  const parentCount = count(withParent);
  return files.map((f, i) => (parentCount.get(withParent[i])! > 1 ? path.relative(process.cwd(), path.resolve(f)) || base[i] : withParent[i]));
}
