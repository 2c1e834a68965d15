/** Reading a roster file (CSV with comma or semicolon, or a workbook) into agencies. */
import { promises as fs } from "node:fs";
import type { Agency } from "../core/model";
import { rosterFromBytes } from "../io/roster";

export async function readRoster(file: string): Promise<Agency[]> {
  return rosterFromBytes(file, new Uint8Array(await fs.readFile(file)));
}
