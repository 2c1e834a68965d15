/**
 * Writes the demo batch in samples/: about twenty agencies of Lạng Sơn for 2024, generated
 * deterministically (seeded), a few of them with the defects consolidators meet every year.
 * Run: npx tsx scripts/make-samples.ts
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { formatVietnamese } from "../src/core/number";
import { type Form01Values, writeTemplate } from "../src/io/template";
import { leafValues, rng } from "./agency-values";

const OUT = path.resolve(__dirname, "..", "samples");

export const AGENCIES: { file: string; name: string; code: string }[] = [
  { file: "so-tai-chinh.xlsx", name: "Sở Tài chính", code: "000.00.12.H39" },
  { file: "so-noi-vu.xlsx", name: "Sở Nội vụ", code: "000.00.13.H39" },
  { file: "so-tu-phap.xlsx", name: "Sở Tư pháp", code: "000.00.14.H39" },
  { file: "so-y-te.xlsx", name: "Sở Y tế", code: "000.00.15.H39" },
  { file: "so-giao-duc-va-dao-tao.xlsx", name: "Sở Giáo dục và Đào tạo", code: "000.00.16.H39" },
  { file: "so-xay-dung.xlsx", name: "Sở Xây dựng", code: "000.00.17.H39" },
  { file: "so-cong-thuong.xlsx", name: "Sở Công Thương", code: "000.00.18.H39" },
  { file: "so-nong-nghiep-va-moi-truong.xlsx", name: "Sở Nông nghiệp và Môi trường", code: "000.00.19.H39" },
  { file: "so-khoa-hoc-va-cong-nghe.xlsx", name: "Sở Khoa học và Công nghệ", code: "000.00.20.H39" },
  { file: "so-van-hoa-the-thao-va-du-lich.xlsx", name: "Sở Văn hóa, Thể thao và Du lịch", code: "000.00.21.H39" },
  { file: "so-ngoai-vu.xlsx", name: "Sở Ngoại vụ", code: "000.00.22.H39" },
  { file: "thanh-tra-tinh.xlsx", name: "Thanh tra tỉnh", code: "000.00.23.H39" },
  { file: "van-phong-ubnd-tinh.xlsx", name: "Văn phòng UBND tỉnh", code: "000.00.24.H39" },
  { file: "ban-dan-toc.xlsx", name: "Ban Dân tộc", code: "000.00.25.H39" },
  { file: "ubnd-xa-chi-lang.xlsx", name: "UBND xã Chi Lăng", code: "000.00.26.H39" },
  { file: "ubnd-xa-dinh-lap.xlsx", name: "UBND xã Đình Lập", code: "000.00.27.H39" },
  { file: "ubnd-xa-loc-binh.xlsx", name: "UBND xã Lộc Bình", code: "000.00.28.H39" },
  { file: "ubnd-xa-bac-son.xlsx", name: "UBND xã Bắc Sơn", code: "000.00.29.H39" },
  { file: "truong-chinh-tri-hoang-van-thu.xlsx", name: "Trường Chính trị Hoàng Văn Thụ", code: "000.00.30.H39" },
];

/** On the roster, but sends no file: the demo's missing agency. */
export const SILENT_AGENCY = { name: "Sở Dân tộc và Tôn giáo", code: "000.00.31.H39" };

export function agencyValues(seed: number): Form01Values {
  return leafValues(rng(seed));
}

async function edit(bytes: Uint8Array, change: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  change(wb.worksheets[0]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function rowOfCode(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value === code) return r;
  throw new Error(`row ${code} not found`);
}

async function main(): Promise<void> {
  await fs.rm(OUT, { recursive: true, force: true });
  await fs.mkdir(OUT, { recursive: true });
  const write = (name: string, bytes: Uint8Array | string) => fs.writeFile(path.join(OUT, name), bytes);
  const forms = new Map<string, Uint8Array>();
  for (const [i, agency] of AGENCIES.entries()) {
    const values = agencyValues(1000 + i);
    // Ban Dân tộc reported more women than people trained (subset.exceeds: excluded).
    if (agency.file === "ban-dan-toc.xlsx") values["35"]["11"] = 500;
    const bytes = await writeTemplate({ year: 2024, agencyName: agency.name, agencyCode: agency.code, values });
    forms.set(agency.file, bytes);
  }

  // Sở Y tế typed a total by hand that no longer matches its parts (sum.columns: excluded).
  forms.set("so-y-te.xlsx", await edit(forms.get("so-y-te.xlsx")!, (ws) => {
    const r = rowOfCode(ws, "05");
    ws.getCell(r, 5).value = 999;
  }));
  // UBND xã Bắc Sơn typed numbers as text, the Vietnamese way (cell.text-number: a warning only).
  forms.set("ubnd-xa-bac-son.xlsx", await edit(forms.get("ubnd-xa-bac-son.xlsx")!, (ws) => {
    const r = rowOfCode(ws, "16");
    for (const col of [18, 19]) ws.getCell(r, col).value = formatVietnamese(Number(ws.getCell(r, col).value));
  }));
  // Văn phòng UBND tỉnh sent last year's form (consolidate.year-mismatch: excluded).
  forms.set("van-phong-ubnd-tinh.xlsx", await edit(forms.get("van-phong-ubnd-tinh.xlsx")!, (ws) => {
    const title = String(ws.getCell("A4").value);
    ws.getCell("A4").value = title.replace(/2024$/, "2023");
  }));
  for (const [name, bytes] of forms) await write(name, bytes);

  // Sở Tư pháp sent the same file twice (consolidate.identical-file: counted once).
  await write("so-tu-phap (1).xlsx", forms.get("so-tu-phap.xlsx")!);
  // Sở Xây dựng sent a second, different version (consolidate.duplicate-agency: both excluded).
  await write(
    "so-xay-dung-ban-sua.xlsx",
    await writeTemplate({ year: 2024, agencyName: "Sở Xây dựng", agencyCode: "000.00.17.H39", values: agencyValues(5005) }),
  );
  // A file cut off in transit (file.unreadable).
  const whole = forms.get("so-cong-thuong.xlsx")!;
  await write("ubnd-xa-van-quan.xlsx", whole.subarray(0, Math.floor(whole.length / 2)));
  // Not a workbook: ignored and named.
  await write("huong-dan.txt", "Các đơn vị gửi biểu 01/ĐTBD năm 2024 về Sở Nội vụ trước ngày 15/12/2024.\n");

  const roster = ["Mã định danh,Tên đơn vị", ...AGENCIES.map((a) => `${a.code},"${a.name}"`), `${SILENT_AGENCY.code},"${SILENT_AGENCY.name}"`];
  await fs.mkdir(path.join(OUT, "..", "samples-roster"), { recursive: true });
  await fs.writeFile(path.join(OUT, "..", "samples-roster", "danh-sach-don-vi.csv"), roster.join("\n") + "\n");
  process.stdout.write(`samples written to ${OUT}\n`);
}

if (require.main === module) void main();
