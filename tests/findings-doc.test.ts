/**
 * The finding catalogue against the published codes and severities (written out here by hand:
 * users' scripts rely on them), and docs/findings.md against the catalogue.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findingsMarkdown, FINDINGS_DOC } from "../scripts/findings-doc";
import { rootError } from "../src/core/consolidate";
import { FINDING_CATALOGUE, FINDING_CODES, exclusionRank, exclusionReason, findingTitle, severityName } from "../src/core/finding-catalogue";
import { FINDING_SEVERITY, finding } from "../src/core/findings";

/** The published codes and severities, written out by hand (users script against them). */
const PUBLISHED: Record<string, string> = {
  "file.unreadable": "error",
  "form.not-found": "error",
  "header.agency-missing": "error",
  "header.year-missing": "error",
  "header.agency-code-invalid": "warning",
  "column.missing": "error",
  "row.missing": "warning",
  "row.unknown": "warning",
  "row.duplicate": "error",
  "cell.not-number": "error",
  "cell.text-number": "warning",
  "cell.negative": "error",
  "cell.not-integer": "error",
  "cell.formula-error": "error",
  "cell.formula-no-value": "warning",
  "sum.columns": "error",
  "sum.rows": "error",
  "subset.exceeds": "error",
  "rate.mismatch": "warning",
  "rate.outlier": "info",
  "actual.unplanned": "info",
  "unit.mismatch": "warning",
  "total.mixed-units": "warning",
  "text.legacy-encoding": "warning",
  "consolidate.year-mismatch": "error",
  "consolidate.duplicate-agency": "error",
  "consolidate.identical-file": "info",
  "consolidate.missing-agency": "warning",
  "consolidate.not-in-roster": "warning",
  "form.multiple": "warning",
  "trend.jump": "info",
  "trend.drop": "info",
};

describe("finding catalogue", () => {
  it("holds the published codes with their severities, no more, no fewer", () => {
    expect(Object.fromEntries(FINDING_CODES.map((c) => [c, FINDING_CATALOGUE[c].severity]))).toEqual(PUBLISHED);
    expect(FINDING_SEVERITY).toEqual(PUBLISHED);
    expect(finding("trend.jump", { vi: "x", en: "x" }).severity).toBe("info");
  });

  it("gives every code a title, a meaning, a fix and what to ask, in Vietnamese (NFC) and English", () => {
    for (const code of FINDING_CODES) {
      const e = FINDING_CATALOGUE[code];
      for (const field of [e.title, e.meaning, e.fix, e.ask]) {
        expect(field.vi.trim().length, code).toBeGreaterThan(3);
        expect(field.en.trim().length, code).toBeGreaterThan(3);
        expect(field.vi, code).toBe(field.vi.normalize("NFC"));
        // A Vietnamese text left in English by mistake has no letter with a diacritic.
        expect(field.vi, code).toMatch(/[^\x00-\x7f]/);
      }
    }
    const titles = FINDING_CODES.map((c) => findingTitle("vi", c));
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("ranks every error, and the copy, as a possible reason for an excluded file, each rank once", () => {
    const ranked = FINDING_CODES.filter((c) => exclusionRank(c) !== null);
    expect(ranked.filter((c) => PUBLISHED[c] !== "error")).toEqual(["consolidate.identical-file"]);
    expect(FINDING_CODES.filter((c) => PUBLISHED[c] === "error" && exclusionRank(c) === null)).toEqual([]);
    const ranks = ranked.map((c) => exclusionRank(c));
    expect(new Set(ranks).size).toBe(ranks.length);
    // A file's own errors rank in the published order: the unreadable file before its header, a cell before its sums.
    const own = Object.keys(PUBLISHED).filter((c) => PUBLISHED[c] === "error" && !c.startsWith("consolidate."));
    expect([...own].sort((a, b) => exclusionRank(a)! - exclusionRank(b)!)).toEqual(own);
    const cell = finding("cell.not-number", { vi: "a", en: "a" }, { cell: "E12" });
    const sum = finding("sum.rows", { vi: "b", en: "b" }, { cell: "E11" });
    expect(rootError([sum, cell])).toBe(cell);
  });

  it("words the report's reasons as before, and names severity info “Lưu ý”", () => {
    expect(exclusionReason("vi", "file.unreadable")).toBe("không đọc được tệp");
    expect(exclusionReason("vi", "sum.columns")).toBe("có lỗi số liệu (sum.columns)");
    expect(exclusionReason("en", "consolidate.identical-file")).toBe("same content as another file (counted once)");
    expect(exclusionReason("vi", null)).toBe("");
    expect([severityName("vi", "error"), severityName("vi", "warning"), severityName("vi", "info")]).toEqual(["Lỗi", "Cảnh báo", "Lưu ý"]);
  });
});

describe("docs/findings.md", () => {
  it("is what scripts/findings-doc.ts makes of the catalogue (npm run docs:findings)", () => {
    expect(readFileSync(FINDINGS_DOC, "utf8")).toBe(findingsMarkdown());
  });

  it("documents every code, Vietnamese first", () => {
    const doc = readFileSync(FINDINGS_DOC, "utf8");
    for (const code of FINDING_CODES) {
      const section = doc.slice(doc.indexOf(`<a id="${code}"></a>`));
      expect(section.indexOf(`### \`${code}\` — ${FINDING_CATALOGUE[code].title.vi}`), code).toBeGreaterThan(0);
      expect(section.indexOf("**Cách sửa:**"), code).toBeLessThan(section.indexOf("**How to fix:**"));
      expect(section, code).toContain(FINDING_CATALOGUE[code].ask.vi);
    }
  });
});
