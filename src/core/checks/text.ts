/** Legacy-font text (TCVN3/ABC, VNI): read as Unicode, reported once per encoding and sheet. */
import { type Finding, finding } from "../findings";
import { parseAddress } from "../grid";
import type { SheetView } from "../sheet-view";

const NAMES: Record<string, string> = { tcvn3: "TCVN3 (ABC, phông .Vn…)", vni: "VNI (phông VNI-…)" };

/** Every text cell of the sheet is read once, so the count is what the Fix button converts. */
function readAllText(view: SheetView): void {
  view.sheet.rows.forEach((cells, r) =>
    cells?.forEach((cell, c) => {
      if (typeof cell?.value === "string") view.ownText(r + 1, c + 1);
    }),
  );
}

function readingOrder(a: string, b: string): number {
  const x = parseAddress(a)!;
  const y = parseAddress(b)!;
  return x.row - y.row || x.col - y.col;
}

export function textLegacyEncoding(view: SheetView): Finding[] {
  readAllText(view);
  return view.legacyUses().map(({ encoding, cells: used }) => {
    const cells = [...used].sort(readingOrder);
    return finding(
      "text.legacy-encoding",
      {
        vi: `${cells.length} ô chữ dùng bảng mã ${NAMES[encoding]}, đã được đọc chuyển sang Unicode (ô đầu: ${cells[0]}). Nên chuyển cả tệp sang Unicode (nút "Sửa" trong ngăn DTBD, hoặc Unikey).`,
        en: `${cells.length} text cells use the ${encoding.toUpperCase()} legacy encoding and were read as converted Unicode (first: ${cells[0]}). Convert the file to Unicode (the "Fix" button in the DTBD pane, or Unikey).`,
      },
      { sheet: view.name, cell: cells[0], actual: cells.length },
    );
  });
}
