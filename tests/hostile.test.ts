/**
 * Hostile and broken files: each is made here, written to a temp dir and read back, and must
 * come out as one `file.unreadable` finding of the right kind, without hanging and without
 * the reading process growing by 300 MiB (measured by reading the file again in a fresh
 * process of its own: measureInChild). Plus the two big-but-honest cases the consolidator
 * meets: whole-column validations/conditional formats, and a pasted 200,000-row staff list.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCell, type WorkbookGrid } from "../src/core/grid.js";
import { readWorkbook, type ReadResult } from "../src/io/read.js";
import { readWorkbookWithExceljs } from "../src/io/read-exceljs.js";
import { DEFAULT_MAX_ROWS_PER_SHEET } from "../src/io/lean-reader.js";
import { MAX_COMPRESSION_RATIO, MAX_ENTRIES } from "../src/io/zip-guard.js";
import { fixtureBytes } from "./helpers/fixtures";
import { HANG_MS, type ReadOp, measureInChild, timed } from "./helpers/hostile-files";

const MiB = 1024 * 1024;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "dtbd-hostile-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The bytes of a file written to the temp dir and read back, as the CLI would, with its path. */
type HostileFile = Uint8Array & { path: string };

function asFile(name: string, bytes: Uint8Array | string): HostileFile {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return Object.assign(new Uint8Array(readFileSync(path)), { path });
}

interface Measured {
  result: ReadResult;
  ms: number;
  /** How far reading the file raised the peak memory of a fresh process. */
  peakGrowthMiB: number;
}

/**
 * Reads the file here (for the result and a time that only a hang exceeds) and again in a
 * child process of its own, for its peak memory; both reads must come out the same.
 */
async function measure(file: HostileFile, op: ReadOp = "read", read: () => Promise<ReadResult> = () => readWorkbook(file)): Promise<Measured> {
  const { value: result, ms } = await timed(read);
  const child = await measureInChild(file.path, op);
  expect({ problem: child.problem, codes: child.codes }).toEqual({ problem: result.problem ?? null, codes: result.findings.map((f) => f.code) });
  return { result, ms, peakGrowthMiB: child.peakGrowthMiB };
}

/** Read with the lean reader; assert exactly one file.unreadable of `kind`, no hang, bounded memory. */
async function expectUnreadable(file: HostileFile, kind: string, message?: RegExp): Promise<ReadResult> {
  const m = await measure(file);
  expect(m.result.grid).toBeNull();
  expect(m.result.problem).toBe(kind);
  expect(m.result.findings).toHaveLength(1);
  const [f] = m.result.findings;
  expect(f).toMatchObject({ code: "file.unreadable", severity: "error", sheet: null, cell: null });
  expect(f.message.vi.length).toBeGreaterThan(20);
  expect(f.message.en.length).toBeGreaterThan(20);
  if (message) expect(f.message.en).toMatch(message);
  expect(m.ms).toBeLessThan(HANG_MS);
  expect(m.peakGrowthMiB).toBeLessThan(300);
  return m.result;
}

// ---------------------------------------------------------------------------------------
// Building zips by hand, so that declared sizes can lie

interface RawEntry {
  name: string;
  /** Already-compressed bytes (method 8) or stored bytes (method 0). */
  data: Uint8Array;
  method: 0 | 8;
  originalSize: number;
  crc: number;
}

function deflated(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === "string" ? strToU8(content) : content;
  return { name, data: deflateRawSync(bytes), method: 8, originalSize: bytes.length, crc: crc32(bytes) };
}

function writeZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const dv = new DataView(local.buffer);
    dv.setUint32(0, 0x04034b50, true);
    dv.setUint16(4, 20, true);
    dv.setUint16(6, 0x800, true);
    dv.setUint16(8, e.method, true);
    dv.setUint32(14, e.crc, true);
    dv.setUint32(18, e.data.length, true);
    dv.setUint32(22, e.originalSize, true);
    dv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, e.crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.originalSize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, eocd];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of all) out.set(c, o), (o += c.length);
  return out;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The package parts around the given worksheets (no styles, no shared strings). */
function packageParts(sheetNames: string[]): RawEntry[] {
  const types =
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheetNames.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
    "</Types>";
  return [
    deflated("[Content_Types].xml", types),
    deflated("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    deflated("xl/workbook.xml", `<workbook ${NS}><sheets>${sheetNames.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`),
    deflated(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetNames.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`,
    ),
  ];
}

const smallSheet = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Biểu 01</t></is></c></row></sheetData></worksheet>`;

/**
 * A raw DEFLATE stream of `mib` MiB of zeros without compressing them all: zlib segments
 * ending in a full flush are byte-aligned and reset the history, so copies concatenate.
 */
function zerosStream(mib: number): Uint8Array {
  const zeros = new Uint8Array(MiB);
  const segment = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(zeros, { level: 9 });
  const out = new Uint8Array(segment.length * (mib - 1) + last.length);
  for (let i = 0; i < mib - 1; i++) out.set(segment, i * segment.length);
  out.set(last, segment.length * (mib - 1));
  return out;
}

// ---------------------------------------------------------------------------------------

describe("zip bombs", () => {
  it("the zero-stream builder makes a valid DEFLATE stream (checked on 5 MiB)", () => {
    const inflated = inflateRawSync(zerosStream(5));
    expect(inflated.length).toBe(5 * MiB);
    expect(inflated.every((b) => b === 0)).toBe(true);
  });

  it("2 GiB of zeros as sheet1.xml, declared honestly: refused before inflating", async () => {
    const bomb = zerosStream(2048);
    expect(bomb.length).toBeLessThan(4 * MiB);
    const bytes = asFile("bomb.xlsx", writeZip([...packageParts(["Biểu"]), { name: "xl/worksheets/sheet1.xml", data: bomb, method: 8, originalSize: 2048 * MiB, crc: 0 }]));
    await expectUnreadable(bytes, "zip-bomb", new RegExp(`limit ${MAX_COMPRESSION_RATIO}×`));
    const ref = await readWorkbookWithExceljs(bytes);
    expect(ref.problem).toBe("zip-bomb");
  });

  it("2 GiB of zeros declared as 4 KiB: inflation stops at the declared size", async () => {
    const bytes = asFile("liar.xlsx", writeZip([...packageParts(["Biểu"]), { name: "xl/worksheets/sheet1.xml", data: zerosStream(2048), method: 8, originalSize: 4096, crc: 0 }]));
    await expectUnreadable(bytes, "zip-bomb", /inflates beyond its declared 4096 bytes/);
    const m = await measure(bytes, "read-exceljs", () => readWorkbookWithExceljs(bytes));
    expect(m.result.problem).toBe("zip-bomb");
    expect(m.ms).toBeLessThan(HANG_MS);
    expect(m.peakGrowthMiB).toBeLessThan(300);
  });

  it("a small part lying about its size (one-call inflate path) is caught too", async () => {
    const liar = { ...deflated("xl/workbook.xml", `<workbook ${NS}><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>` + " ".repeat(30 * MiB)), originalSize: 200 };
    expect(liar.data.length).toBeLessThan(64 * 1024);
    const [types, rels, , wbRels] = packageParts(["A"]);
    const bytes = asFile("small-liar.xlsx", writeZip([types, rels, liar, wbRels, deflated("xl/worksheets/sheet1.xml", smallSheet)]));
    await expectUnreadable(bytes, "zip-bomb", /declared 200 bytes/);
  });

  it("an honest but enormous sheet (declared 300 MiB) is too large to open safely", async () => {
    const noise = new Uint8Array(2 * MiB).map((_, i) => (i * 2654435761) >>> 24);
    const bytes = asFile("huge.xlsx", writeZip([...packageParts(["Biểu"]), { name: "xl/worksheets/sheet1.xml", data: noise, method: 8, originalSize: 300 * MiB, crc: 0 }]));
    await expectUnreadable(bytes, "too-large", /MiB of XML, limit/);
  });

  it(`more than ${MAX_ENTRIES} zip entries`, async () => {
    const many: RawEntry[] = [];
    for (let i = 0; i <= MAX_ENTRIES; i++) many.push({ name: `xl/media/p${i}.bin`, data: new Uint8Array(0), method: 0, originalSize: 0, crc: 0 });
    const bytes = asFile("many.xlsx", writeZip([...packageParts(["Biểu"]), deflated("xl/worksheets/sheet1.xml", smallSheet), ...many]));
    await expectUnreadable(bytes, "too-large", /zip entries, limit/);
  });
});

// ---------------------------------------------------------------------------------------

/** A minimal compound file (CFB v3): header, one FAT sector, one directory sector with these streams. */
function compoundFile(streams: string[]): Uint8Array {
  const out = new Uint8Array(512 * 3);
  const dv = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  dv.setUint16(0x18, 0x3e, true); // minor version
  dv.setUint16(0x1a, 3, true); // major version 3: 512-byte sectors
  dv.setUint16(0x1c, 0xfffe, true); // little-endian
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); // one FAT sector
  dv.setUint32(0x30, 1, true); // directory starts at sector 1
  dv.setUint32(0x38, 4096, true);
  dv.setUint32(0x3c, 0xfffffffe, true);
  dv.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  const fat = 512;
  for (let i = 0; i < 128; i++) dv.setUint32(fat + i * 4, i === 0 ? 0xfffffffd : i === 1 ? 0xfffffffe : 0xffffffff, true);
  const dir = 1024;
  ["Root Entry", ...streams].slice(0, 4).forEach((name, i) => {
    const e = dir + i * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(e + k * 2, name.charCodeAt(k), true);
    dv.setUint16(e + 0x40, (name.length + 1) * 2, true);
    out[e + 0x42] = i === 0 ? 5 : 2;
    out[e + 0x43] = 1;
    dv.setUint32(e + 0x44, 0xffffffff, true);
    dv.setUint32(e + 0x48, i > 0 && i < streams.length ? i + 1 : 0xffffffff, true);
    dv.setUint32(e + 0x4c, i === 0 ? 1 : 0xffffffff, true);
    dv.setUint32(e + 0x74, 0xfffffffe, true);
  });
  return out;
}

describe("files that are not .xlsx workbooks", () => {
  it("password-protected workbook (OLE with EncryptionInfo/EncryptedPackage)", async () => {
    const r = await expectUnreadable(asFile("encrypted.xlsx", compoundFile(["EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"])), "encrypted");
    expect(r.findings[0].message.vi).toContain("Bảo vệ Sổ làm việc");
    expect(r.findings[0].message.en).toContain("File → Info → Protect Workbook");
  });

  it(".xls (OLE without encryption streams) whose Workbook stream is empty: read as .xls, found damaged", async () => {
    const r = await expectUnreadable(asFile("old.xls", compoundFile(["Workbook", "\u0005SummaryInformation"])), "corrupt", /workbook stream/);
    expect(r.findings[0].message.vi).toContain("bị hỏng");
  });

  it("Word 97-2003 document", async () => {
    await expectUnreadable(asFile("letter.doc", compoundFile(["WordDocument", "1Table"])), "not-workbook", /Word 97-2003/);
  });

  it("empty file", async () => {
    await expectUnreadable(asFile("empty.xlsx", new Uint8Array(0)), "empty", /empty \(0 bytes\)/);
  });

  it("CSV text named .xlsx", async () => {
    await expectUnreadable(asFile("list.xlsx", "TT;Họ và tên;Đơn vị\n1;Nguyễn Văn An;Sở Nội vụ\n"), "text-file", /CSV/);
  });

  it("HTML table named .xls", async () => {
    await expectUnreadable(asFile("export.xls", "<html><body><table><tr><td>1</td></tr></table></body></html>"), "text-file", /HTML/);
  });

  it("binary that is neither zip nor OLE", async () => {
    await expectUnreadable(asFile("noise.xlsx", new Uint8Array(4096).map((_, i) => (i * 7919) & 0xff)), "not-zip");
  });

  it("truncated zip (download cut in half)", async () => {
    const whole = fixtureBytes("openpyxl-clean.xlsx");
    await expectUnreadable(asFile("half.xlsx", whole.subarray(0, Math.floor(whole.length / 2))), "corrupt", /truncated/);
  });

  it("zip whose worksheet data is damaged", async () => {
    const entries = [...packageParts(["Biểu"]), deflated("xl/worksheets/sheet1.xml", smallSheet.repeat(50))];
    const sheet = entries[entries.length - 1];
    sheet.data = sheet.data.map((b, i) => (i > 4 ? b ^ 0x5a : b));
    await expectUnreadable(asFile("damaged.xlsx", writeZip(entries)), "corrupt", /cannot be decompressed|damaged/);
  });

  it("zip without xl/workbook.xml: a Word .docx", async () => {
    const docx = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    });
    const r = await expectUnreadable(asFile("report.xlsx", docx), "not-workbook", /Word document \(\.docx\)/);
    expect(r.findings[0].message.vi).toContain("Word");
  });
});

describe("well-formed parts that attack memory or time", () => {
  const rows = Array.from({ length: 60 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 20 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}"><v>${r * c}</v></c>`).join("")}</row>`).join("");

  it("1,500,000 cell formats in styles.xml", async () => {
    const xfs = Array.from({ length: 1_500_000 }, (_, i) => `<xf numFmtId="${i % 50}" fontId="${i % 7}"/>`).join("");
    const styles = `<styleSheet ${NS}><fonts count="1"><font><name val="Times New Roman"/></font></fonts><cellXfs>${xfs}</cellXfs></styleSheet>`;
    const wb = packageParts(["Biểu"]);
    wb[3] = deflated(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    );
    const bytes = asFile("styles.xlsx", writeZip([...wb, deflated("xl/styles.xml", styles), deflated("xl/worksheets/sheet1.xml", `<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`)]));
    const m = await measure(bytes);
    expect(m.result.findings).toEqual([]);
    expect(getCell(m.result.grid!.sheets[0], 60, 20)).toEqual({ value: 59 * 19, font: "Times New Roman" });
    expect(m.ms).toBeLessThan(HANG_MS);
    expect(m.peakGrowthMiB).toBeLessThan(300);
  });

  it("300,000 overlapping merges over the whole form", async () => {
    const merges = Array.from({ length: 300_000 }, (_, i) => `<mergeCell ref="A1:T${60 + i}"/>`).join("");
    const sheet = `<worksheet ${NS}><sheetData>${rows}</sheetData><mergeCells count="300000">${merges}</mergeCells></worksheet>`;
    const bytes = asFile("merges.xlsx", writeZip([...packageParts(["Biểu"]), deflated("xl/worksheets/sheet1.xml", sheet)]));
    const m = await measure(bytes);
    expect(m.result.findings).toEqual([]);
    const form = m.result.grid!.sheets[0];
    expect(getCell(form, 1, 1)?.value).toBe(0);
    expect(form.merges.length).toBeLessThanOrEqual(100_000);
    expect(m.ms).toBeLessThan(HANG_MS);
    expect(m.peakGrowthMiB).toBeLessThan(300);
  });
});

describe("random damage never crashes the reader", () => {
  const fixture = fixtureBytes("libreoffice-clean.xlsx");
  const stored = zipSync(unzipSync(fixture), { level: 0 }); // XML visible as bytes: damage hits markup, not just DEFLATE

  function checkOutcome(r: ReadResult): void {
    if (r.grid) expect(r.findings).toEqual([]);
    else {
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0].code).toBe("file.unreadable");
      expect(r.problem).toBeDefined();
    }
  }

  it.each([
    ["compressed", fixture],
    ["stored", stored],
  ])("%s: flipped bytes, truncation, inserted garbage → a grid or one file.unreadable", async (_label, base) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
        fc.option(fc.nat({ max: base.length }), { nil: undefined }),
        async (flips, cut) => {
          const bytes = base.slice(0, cut ?? base.length);
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          const t = performance.now();
          checkOutcome(await readWorkbook(bytes));
          expect(performance.now() - t).toBeLessThan(HANG_MS);
        },
      ),
      { numRuns: 300, seed: 20241127 },
    );
  });
});

describe("XML entity tricks", () => {
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
    Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join("") +
    "]>";

  it("billion laughs in a worksheet", async () => {
    const sheet = laughs + `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`;
    const bytes = asFile("laughs.xlsx", writeZip([...packageParts(["Biểu"]), deflated("xl/worksheets/sheet1.xml", sheet)]));
    await expectUnreadable(bytes, "unsafe-xml", /DOCTYPE\/ENTITY.*sheet1\.xml/);
    expect((await readWorkbookWithExceljs(bytes)).problem).toBe("unsafe-xml");
  });

  it("external entity in the shared strings", async () => {
    const sst = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst ${NS}><si><t>&xxe;</t></si></sst>`;
    const sheet = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`;
    const bytes = asFile("xxe.xlsx", writeZip([...packageParts(["Biểu"]), deflated("xl/worksheets/sheet1.xml", sheet), deflated("xl/sharedStrings.xml", sst)]));
    await expectUnreadable(bytes, "unsafe-xml", /sharedStrings\.xml/);
  });
});

// ---------------------------------------------------------------------------------------

function rezip(fixture: string, change: (parts: Zippable & Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(fixtureBytes(fixture)) as Record<string, Uint8Array>;
  change(parts);
  return zipSync(parts, { level: 6 });
}

const formOf = (g: WorkbookGrid | null) => JSON.stringify(g?.sheets[0]);

describe("big but honest workbooks", () => {
  it("whole-column data validation and conditional formatting (D1:D1048576) read as the form alone", async () => {
    const original = await readWorkbook(fixtureBytes("openpyxl-clean.xlsx"));
    const bytes = asFile(
      "whole-columns.xlsx",
      rezip("openpyxl-clean.xlsx", (parts) => {
        const xml = strFromU8(parts["xl/worksheets/sheet1.xml"]);
        const rules =
          '<conditionalFormatting sqref="D1:D1048576 E1:T1048576"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>' +
          '<dataValidations count="2"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="D1:D1048576"><formula1>"người,lượt người"</formula1></dataValidation>' +
          '<dataValidation type="whole" allowBlank="1" showErrorMessage="1" sqref="E1:T1048576"><formula1>0</formula1><formula2>1000000</formula2></dataValidation></dataValidations>';
        parts["xl/worksheets/sheet1.xml"] = strToU8(xml.replace("<pageMargins", rules + "<pageMargins"));
      }),
    );
    const m = await measure(bytes);
    expect(m.result.findings).toEqual([]);
    expect(m.ms).toBeLessThan(HANG_MS);
    expect(m.peakGrowthMiB).toBeLessThan(300);
    expect(formOf(m.result.grid)).toBe(formOf(original.grid));
    expect(m.result.grid!.sheets[0].merges).toHaveLength(10);
  });

  describe("a pasted 200,000-row staff list as a second sheet", () => {
    const ROWS = 200_000;
    const HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
    const TEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Lan", "Minh", "Nam", "Thảo"];
    const UNITS = ["Sở Nội vụ", "Sở Tài chính", "UBND xã Chi Lăng", "Sở Y tế"];
    let bytes: HostileFile;
    let staffXmlBytes = 0;
    let staffZipBytes = 0;

    beforeAll(() => {
      // shared strings: every name unique, then 4 units and 2 sexes
      const strings: string[] = [];
      for (let i = 0; i < ROWS; i++) strings.push(`${HO[i % 8]} Văn ${TEN[i % 10]} ${i + 1}`);
      strings.push(...UNITS, "Nam", "Nữ", "STT", "Họ và tên", "Đơn vị", "Giới tính", "Ngày sinh", "Hệ số lương");
      const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`;
      const u = ROWS; // index of the first unit
      const rows: string[] = [`<row r="1">${["A", "B", "C", "D", "E", "F"].map((c, k) => `<c r="${c}1" t="s"><v>${u + 6 + k}</v></c>`).join("")}</row>`];
      for (let i = 0; i < ROWS; i++) {
        const r = i + 2;
        rows.push(
          `<row r="${r}"><c r="A${r}"><v>${i + 1}</v></c><c r="B${r}" t="s"><v>${i}</v></c><c r="C${r}" t="s"><v>${u + (i % 4)}</v></c>` +
            `<c r="D${r}" t="s"><v>${u + 4 + (i % 2)}</v></c><c r="E${r}" s="1"><v>${25000 + (i % 9000)}</v></c><c r="F${r}"><v>${(2.34 + (i % 50) / 10).toFixed(2)}</v></c></row>`,
        );
      }
      const staff = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><dimension ref="A1:F${ROWS + 1}"/><sheetData>${rows.join("")}</sheetData><mergeCells count="1"><mergeCell ref="H1:J1"/></mergeCells></worksheet>`;
      const staffBytes = strToU8(staff);
      staffXmlBytes = staffBytes.length;
      const big = rezip("openpyxl-clean.xlsx", (parts) => {
        parts["xl/worksheets/sheet2.xml"] = staffBytes;
        parts["xl/sharedStrings.xml"] = strToU8(sst);
        const wb = strFromU8(parts["xl/workbook.xml"]);
        parts["xl/workbook.xml"] = strToU8(wb.replace("</sheets>", `<sheet xmlns:r="${REL}" name="Danh sách cán bộ" sheetId="2" r:id="rId90"/></sheets>`));
        const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"]);
        parts["xl/_rels/workbook.xml.rels"] = strToU8(
          rels.replace(
            "</Relationships>",
            `<Relationship Id="rId90" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId91" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
          ),
        );
        const types = strFromU8(parts["[Content_Types].xml"]);
        parts["[Content_Types].xml"] = strToU8(
          types.replace(
            "</Types>",
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
          ),
        );
      });
      bytes = asFile("staff-list.xlsx", big);
      staffZipBytes = bytes.length;
    }, 60_000);

    it("reads the form complete, the list kept and marked truncated, in bounded memory", async () => {
      const original = await readWorkbook(fixtureBytes("openpyxl-clean.xlsx"));
      const m = await measure(bytes);
      console.log(
        `200k-row staff list: ${(staffXmlBytes / MiB).toFixed(1)} MiB of sheet XML, file ${(staffZipBytes / MiB).toFixed(1)} MiB; ` +
          `default read ${m.ms.toFixed(0)} ms, peak +${m.peakGrowthMiB.toFixed(0)} MiB (in a fresh process)`,
      );
      expect(m.result.findings).toEqual([]);
      expect(m.ms).toBeLessThan(HANG_MS);
      expect(m.peakGrowthMiB).toBeLessThan(300);
      const [form, staff] = m.result.grid!.sheets;
      expect(formOf(m.result.grid)).toBe(formOf(original.grid));
      expect(staff.name).toBe("Danh sách cán bộ");
      expect(staff.truncatedAtRow).toBe(DEFAULT_MAX_ROWS_PER_SHEET + 1);
      expect(staff.rows.length).toBe(DEFAULT_MAX_ROWS_PER_SHEET);
      expect(getCell(staff, 1, 2)?.value).toBe("Họ và tên");
      expect(getCell(staff, 2, 2)?.value).toBe("Nguyễn Văn An 1");
      expect(getCell(staff, DEFAULT_MAX_ROWS_PER_SHEET, 1)?.value).toBe(DEFAULT_MAX_ROWS_PER_SHEET - 1);
      expect(staff.merges).toEqual([{ top: 1, left: 8, bottom: 1, right: 10 }]);
      expect(form.truncatedAtRow).toBeUndefined();
    });

    it("can also read every row when asked (maxRowsPerSheet: Infinity)", async () => {
      const m = await timed(() => readWorkbook(bytes, { maxRowsPerSheet: Infinity }));
      console.log(`200k-row staff list, all rows: ${m.ms.toFixed(0)} ms`);
      expect(m.value.findings).toEqual([]);
      const staff = m.value.grid!.sheets[1];
      expect(staff.truncatedAtRow).toBeUndefined();
      expect(staff.rows.length).toBe(ROWS + 1);
      expect(getCell(staff, ROWS + 1, 2)?.value).toBe(`${HO[(ROWS - 1) % 8]} Văn ${TEN[(ROWS - 1) % 10]} ${ROWS}`);
      expect(getCell(staff, ROWS + 1, 3)?.value).toBe(UNITS[(ROWS - 1) % 4]);
      expect(m.ms).toBeLessThan(HANG_MS);
    });
  });
});
