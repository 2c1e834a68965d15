/** Turning command-line arguments into the list of workbooks to read. */
import { promises as fs } from "node:fs";
import path from "node:path";

export const WORKBOOK_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xls"]);

export interface InputList {
  files: string[];
  /** Files in a scanned directory that are not workbooks: named in the output, not read. */
  ignored: string[];
  /** Arguments that do not exist. */
  missing: string[];
  /** Directories that were scanned (an output inside one is refused). */
  directories: string[];
}

const collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

export async function expandInputs(args: string[]): Promise<InputList> {
  const list: InputList = { files: [], ignored: [], missing: [], directories: [] };
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
      const names = (await fs.readdir(arg, { withFileTypes: true }))
        // Symbolic links count as files: a linked workbook is read, a broken link is reported unreadable.
        .filter((d) => d.isFile() || d.isSymbolicLink())
        .map((d) => d.name)
        .sort(collator.compare);
      for (const name of names) {
        if (name.startsWith("~$")) list.ignored.push(path.join(arg, name));
        else if (WORKBOOK_EXTENSIONS.has(path.extname(name).toLowerCase())) add(path.join(arg, name));
        else list.ignored.push(path.join(arg, name));
      }
    } else add(arg);
  }
  return list;
}
