import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { type HierarchyInput, type RowNode, children, rowHierarchy, ttLevel } from "../src/core/hierarchy";
import { FIXTURE_FILES, fixturePath } from "./helpers/fixtures";
import { FORM01_BODY, FORM01_SUMS } from "./helpers/form01-oracle";

/** parent Mã số → child Mã số lists, for every row that has children. */
function sumsByCode(codes: string[], nodes: RowNode[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  nodes.forEach((_, i) => {
    const kids = children(nodes, i, "sum");
    if (kids.length > 0) out[codes[i]] = kids.map((k) => codes[k]);
  });
  return out;
}

describe("TT levels", () => {
  it.each([
    ["I", 1],
    ["II", 1],
    ["XIV", 1],
    ["IV.", 1],
    ["1", 2],
    ["16", 2],
    ["1.", 2],
    ["1)", 2],
    ["(2)", 2],
    ["1.1", 3],
    ["a", 3],
    ["b)", 3],
    ["đ", 3],
    ["-", 4],
    ["–", 4],
    ["+", 5],
    ["•", 5],
    ["A", 0],
    ["B.", 0],
  ])("%j → %i", (tt, level) => {
    expect(ttLevel(tt)).toBe(level);
  });
  it.each([null, "", "Tổng", "IIII", "abc", "1a"])("%j states no level", (tt) => {
    expect(ttLevel(tt)).toBeNull();
  });
});

describe("form 01/ĐTBD body", () => {
  const rows: HierarchyInput[] = FORM01_BODY.map(([tt, , label]) => ({ tt, label }));
  const codes = FORM01_BODY.map(([, code]) => code);

  it("gives exactly the spec's parent → children sums", () => {
    const nodes = rowHierarchy(rows);
    expect(sumsByCode(codes, nodes)).toEqual(FORM01_SUMS);
    expect(nodes.every((n) => n.relation !== "subset")).toBe(true);
    expect(nodes.every((n) => n.kind === "data")).toBe(true);
  });

  it("has two roots and leaves where the spec has none", () => {
    const nodes = rowHierarchy(rows);
    expect(nodes.flatMap((n, i) => (n.parent === null ? [codes[i]] : []))).toEqual(["01", "14"]);
    expect(nodes[0]).toEqual({ level: 1, parent: null, relation: null, kind: "data" });
    expect(nodes[1]).toEqual({ level: 2, parent: 0, relation: "sum", kind: "data" });
    expect(nodes[2]).toEqual({ level: 4, parent: 1, relation: "sum", kind: "data" });
    expect(children(rows, codes.indexOf("23"))).toEqual([]);
    // children() takes the input rows as well as the nodes.
    expect(children(rows, 0).map((k) => codes[k])).toEqual(["02", "09"]);
  });

  it("is unchanged by inserted blank rows", () => {
    const withBlanks: HierarchyInput[] = [];
    const blankCodes: string[] = [];
    rows.forEach((row, i) => {
      withBlanks.push(row);
      blankCodes.push(codes[i]);
      if (i % 5 === 2) {
        withBlanks.push({ tt: null, label: "  " });
        blankCodes.push("blank");
      }
    });
    const nodes = rowHierarchy(withBlanks);
    expect(sumsByCode(blankCodes, nodes)).toEqual(FORM01_SUMS);
    expect(nodes.filter((n) => n.kind === "blank")).toHaveLength(blankCodes.filter((c) => c === "blank").length);
  });

  it("reads the same hierarchy from every fixture workbook", async () => {
    expect(FIXTURE_FILES).toHaveLength(6);
    for (const file of FIXTURE_FILES) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(fixturePath(file));
      const sheet = workbook.worksheets[0];
      let codeRow = 0;
      sheet.eachRow((row, n) => {
        if (!codeRow && text(row.getCell(1).value) === "A" && text(row.getCell(2).value) === "B") codeRow = n;
      });
      expect(codeRow, file).toBeGreaterThan(0);
      const body: HierarchyInput[] = [];
      const bodyCodes: string[] = [];
      for (let r = codeRow + 1; ; r++) {
        const tt = text(sheet.getRow(r).getCell(1).value);
        const label = text(sheet.getRow(r).getCell(2).value);
        if (!tt && !label) break;
        body.push({ tt, label });
        bodyCodes.push(text(sheet.getRow(r).getCell(3).value) ?? "");
      }
      expect(bodyCodes, file).toEqual(codes);
      expect(sumsByCode(bodyCodes, rowHierarchy(body)), file).toEqual(FORM01_SUMS);
    }
  });
});

describe("generic statistical form with Chia ra and Trong đó", () => {
  it("reads markers, TT levels and inline Trong đó rows", () => {
    const rows: HierarchyInput[] = [
      { tt: "I", label: "Tổng số cán bộ, công chức" }, // 0
      { tt: null, label: "Chia ra:" }, // 1
      { tt: "-", label: "Cán bộ" }, // 2
      { tt: "-", label: "Công chức" }, // 3
      { tt: null, label: "Trong đó:" }, // 4
      { tt: "-", label: "Nữ" }, // 5
      { tt: "-", label: "Đảng viên" }, // 6
      { tt: "II", label: "Số lượt người được bồi dưỡng" }, // 7
      { tt: null, label: "Trong đó: Nữ" }, // 8
      { tt: null, label: "Người dân tộc thiểu số" }, // 9
      { tt: "III", label: "Số đơn vị" }, // 10
    ];
    const nodes = rowHierarchy(rows);
    expect(children(nodes, 0, "sum")).toEqual([2, 3]);
    expect(children(nodes, 0, "subset")).toEqual([5, 6]);
    expect(children(nodes, 0)).toEqual([2, 3, 5, 6]);
    expect(nodes[1]).toEqual({ level: 2, parent: 0, relation: null, kind: "marker" });
    expect(nodes[4]).toEqual({ level: 2, parent: 0, relation: null, kind: "marker" });
    expect(nodes[7]).toEqual({ level: 1, parent: null, relation: null, kind: "data" });
    expect(children(nodes, 7, "subset")).toEqual([8, 9]);
    expect(children(nodes, 7, "sum")).toEqual([]);
    expect(nodes[10]).toEqual({ level: 1, parent: null, relation: null, kind: "data" });
  });

  it("reads a form without TT numbers from its markers alone", () => {
    const rows: HierarchyInput[] = [
      { tt: null, label: "Tổng số" }, // 0
      { tt: null, label: "chia ra" }, // 1
      { tt: null, label: "Nam" }, // 2
      { tt: null, label: "Nữ" }, // 3
      { tt: null, label: "Trong đó:" }, // 4
      { tt: null, label: "Đảng viên" }, // 5
      { tt: null, label: "Đoàn viên" }, // 6
    ];
    const nodes = rowHierarchy(rows);
    expect(children(nodes, 0, "sum")).toEqual([2, 3]);
    expect(children(nodes, 0, "subset")).toEqual([5, 6]);
    expect(children(nodes, 3)).toEqual([]);
  });

  it("switches a split to subsets at an inline Trong đó row", () => {
    const rows: HierarchyInput[] = [
      { tt: "1", label: "Tổng số" },
      { tt: null, label: "Chia ra:" },
      { tt: null, label: "Nam" },
      { tt: null, label: "Nữ" },
      { tt: null, label: "Trong đó: Đảng viên" },
      { tt: null, label: "Đoàn viên" },
      { tt: "2", label: "Khác" },
    ];
    const nodes = rowHierarchy(rows);
    expect(children(nodes, 0, "sum")).toEqual([2, 3]);
    expect(children(nodes, 0, "subset")).toEqual([4, 5]);
    expect(nodes[6]).toMatchObject({ parent: null, level: 2 });
  });

  it("follows TT levels under a Trong đó marker", () => {
    const rows: HierarchyInput[] = [
      { tt: "1", label: "Đào tạo" }, // 0
      { tt: "-", label: "Tiến sĩ" }, // 1
      { tt: "-", label: "Thạc sĩ" }, // 2
      { tt: null, label: "Trong đó:" }, // 3
      { tt: "+", label: "Nữ" }, // 4: "+" is deeper than "-": a subset of Thạc sĩ
      { tt: "-", label: "Trong đó: nữ" }, // 5: a "-" row again: a subset of Đào tạo
      { tt: "-", label: "Đại học" }, // 6
      { tt: "2", label: "Bồi dưỡng" }, // 7
    ];
    const nodes = rowHierarchy(rows);
    expect(nodes[4]).toMatchObject({ parent: 2, relation: "subset" });
    expect(nodes[5]).toMatchObject({ parent: 0, relation: "subset" });
    // The "-" rows close the group anchored at Thạc sĩ: Đại học is a part of Đào tạo again.
    expect(nodes[6]).toMatchObject({ parent: 0, relation: "sum" });
    expect(children(nodes, 0, "sum")).toEqual([1, 2, 6]);
  });

  it("treats letter levels and bullets in labels as levels", () => {
    const rows: HierarchyInput[] = [
      { tt: "1", label: "Chỉ tiêu" },
      { tt: "a)", label: "Khu vực A" },
      { tt: null, label: "- Xã 1" },
      { tt: null, label: "- Xã 2" },
      { tt: "b)", label: "Khu vực B" },
      { tt: null, label: "+ Thôn" },
    ];
    const nodes = rowHierarchy(rows);
    expect(children(nodes, 0, "sum")).toEqual([1, 4]);
    expect(children(nodes, 1, "sum")).toEqual([2, 3]);
    expect(children(nodes, 4, "sum")).toEqual([5]);
  });

  it("reads a Chia ra merged down the TT column of a real workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Biểu");
    const layout: [string | null, string][] = [
      ["I", "Tổng số lao động"],
      ["Chia ra", "Thành thị"],
      [null, "Nông thôn"],
      ["Trong đó", "Nữ"],
      [null, "Dân tộc thiểu số"],
      ["II", "Số hộ"],
      ["1", "Hộ nghèo"],
      ["2", "Hộ cận nghèo"],
    ];
    layout.forEach(([tt, label], i) => {
      sheet.getCell(i + 1, 1).value = tt;
      sheet.getCell(i + 1, 2).value = label;
    });
    sheet.mergeCells("A2:A3");
    sheet.mergeCells("A4:A5");
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(await workbook.xlsx.writeBuffer());
    const back = reread.worksheets[0];
    const merges: string[] = (back.model as unknown as { merges: string[] }).merges;
    expect(merges.sort()).toEqual(["A2:A3", "A4:A5"]);
    const rows: HierarchyInput[] = layout.map((_, i) => {
      const r = i + 1;
      const merge = merges.map((m) => m.match(/^A(\d+):A(\d+)$/)).find((m) => m && Number(m[1]) < r && Number(m[2]) >= r);
      return {
        tt: text(back.getCell(r, 1).value),
        label: text(back.getCell(r, 2).value),
        ttMergedWith: merge ? text(back.getCell(Number(merge[1]), 1).value) : null,
      };
    });
    expect(rows[2].ttMergedWith).toBe("Chia ra");
    const nodes = rowHierarchy(rows);
    expect(children(nodes, 0, "sum")).toEqual([1, 2]);
    expect(children(nodes, 0, "subset")).toEqual([3, 4]);
    expect(nodes[5]).toMatchObject({ level: 1, parent: null });
    expect(children(nodes, 5, "sum")).toEqual([6, 7]);
  });

  it("also accepts the merge text on every covered row", () => {
    const rows: HierarchyInput[] = [
      { tt: "1", label: "Tổng" },
      { tt: null, label: "Nam", ttMergedWith: "Chia ra:" },
      { tt: null, label: "Nữ", ttMergedWith: "Chia ra:" },
      { tt: "2", label: "Khác" },
      { tt: null, label: "Không thuộc merge" },
    ];
    const nodes = rowHierarchy(rows);
    expect(children(nodes, 0, "sum")).toEqual([1, 2]);
    expect(nodes[4]).toMatchObject({ parent: null, level: 2 });
  });
});

describe("properties", () => {
  const ttArb = fc.constantFrom<string | null>(null, "", "I", "II", "1", "2", "10", "a", "b)", "-", "–", "+", "•", "A", "Chia ra", "Trong đó", "xyz");
  const labelArb = fc.constantFrom<string | null>(null, "", "Tổng số", "Chia ra:", "Trong đó:", "Trong đó: Nữ", "- Nam", "+ Thôn", "Khác");
  const rowArb = fc.record({ tt: ttArb, label: labelArb, ttMergedWith: fc.constantFrom<string | null | undefined>(undefined, null, "Chia ra", "Trong đó", "1") });

  it("every parent is an earlier row with data and a smaller level (or a grand total below them all), and there are no cycles", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const nodes = rowHierarchy(rows);
        expect(nodes).toHaveLength(rows.length);
        nodes.forEach((node, i) => {
          if (node.kind === "blank") expect(node).toEqual({ level: 0, parent: null, relation: null, kind: "blank" });
          if (node.parent === null) {
            expect(node.relation).toBeNull();
            return;
          }
          if (node.parent > i) {
            // "Tổng số" as the last row: the only parent that may come after its rows.
            expect(nodes.slice(node.parent + 1).every((n) => n.kind !== "data")).toBe(true);
            expect(nodes[node.parent].parent).toBeNull();
            expect(rows[node.parent].label ?? rows[node.parent].tt).toBe("Tổng số");
          } else expect(node.parent).toBeLessThan(i);
          expect(nodes[node.parent].kind).toBe("data");
          expect(nodes[node.parent].level).toBeLessThan(node.level);
          if (node.kind === "data") expect(node.relation).not.toBeNull();
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("a pure outline gives each row the nearest earlier row of smaller level", () => {
    const outline = fc.array(fc.constantFrom("I", "1", "a", "-", "+"), { maxLength: 40 });
    const levels: Record<string, number> = { I: 1, "1": 2, a: 3, "-": 4, "+": 5 };
    fc.assert(
      fc.property(outline, (tts) => {
        const nodes = rowHierarchy(tts.map((tt) => ({ tt, label: "x" })));
        nodes.forEach((node, i) => {
          let expected: number | null = null;
          for (let k = i - 1; k >= 0; k--)
            if (levels[tts[k]] < levels[tts[i]]) {
              expected = k;
              break;
            }
          expect(node.parent).toBe(expected);
          expect(node.relation).toBe(expected === null ? null : "sum");
        });
      }),
      { numRuns: 1000 },
    );
  });
});

function text(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  return String(value);
}
