/**
 * Packs a workbook with Node's zlib instead of exceljs's JSZip, for the CLI's report writer.
 * JSZip encodes every XML part to UTF-8, computes its CRC and deflates it in JavaScript; for
 * the 1,000-agency report (1.5 MB of XML) that is about a quarter of the write. exceljs still
 * renders every part: only its zip writer is swapped, for this write, for one that deflates
 * each part natively and lays out the archive with fflate. The parts are the same bytes; the
 * archive differs only in compression and in not listing folders (which no reader needs).
 */
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { deflateRawSync } from "node:zlib";
import type ExcelJS from "exceljs";
import { Zip, ZipPassThrough } from "fflate";
import { type XlsxPacker, exceljsPacker } from "../io/sheet-style";
import type { PackageEdit, XlsxParts } from "../io/xlsx-package";

interface ZipStreamModule {
  ZipWriter: new (options?: unknown) => unknown;
}

/** An archive entry deflated by zlib; fflate's pass-through computes its CRC and size. */
class NativeDeflateEntry extends ZipPassThrough {
  constructor(name: string) {
    super(name);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, deflateRawSync(chunk), final);
  }
}

/** Takes the parts exceljs appends, and zips them when it finalizes (the ZipWriter interface). */
class NativeZipWriter extends EventEmitter {
  private readonly parts: XlsxParts = new Map();
  bytes: Uint8Array | null = null;

  constructor(private readonly edit?: PackageEdit) {
    super();
  }

  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void {
    this.parts.set(options.name, options.base64 ? Buffer.from(data as string, "base64") : data);
  }

  pipe<T>(destination: T): T {
    return destination; // the bytes are taken from `bytes`, not streamed
  }

  finalize(): void {
    try {
      this.edit?.(this.parts);
      const chunks: Uint8Array[] = [];
      const zip = new Zip((error, chunk) => {
        if (error) throw error;
        chunks.push(chunk);
      });
      for (const [name, data] of this.parts) {
        const entry = new NativeDeflateEntry(name);
        zip.add(entry);
        entry.push(typeof data === "string" ? Buffer.from(data, "utf8") : data, true);
      }
      zip.end();
      this.bytes = Buffer.concat(chunks);
      this.emit("finish");
    } catch (error) {
      this.emit("error", error);
    }
  }
}

function zipStreamModule(): ZipStreamModule | null {
  try {
    // exceljs 4.4.0 (pinned) looks its ZipWriter up on this module at every write
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require("exceljs/lib/utils/zip-stream.js") as ZipStreamModule;
    return typeof mod.ZipWriter === "function" ? mod : null;
  } catch {
    return null;
  }
}

/** exceljs's writer with a native zip; exceljs's own when its layout is not the expected one. */
export const nativeZipPacker: XlsxPacker = async (wb: ExcelJS.Workbook, edit?: PackageEdit) => {
  const mod = zipStreamModule();
  if (!mod) return exceljsPacker(wb, edit);
  const original = mod.ZipWriter;
  let writer: NativeZipWriter | null = null;
  mod.ZipWriter = class extends NativeZipWriter {
    constructor() {
      super(edit);
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      writer = this;
    }
  };
  try {
    await wb.xlsx.write(new PassThrough(), {});
  } finally {
    mod.ZipWriter = original;
  }
  const bytes = (writer as NativeZipWriter | null)?.bytes;
  if (!bytes) throw new Error("xlsx writer produced no archive");
  return bytes;
};
