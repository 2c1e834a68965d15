/** The translator and every message table of the product: same placeholders in both languages, Vietnamese in NFC. */
import { describe, expect, it } from "vitest";
import { fill, messageTables, messages, placeholdersOf } from "../src/core/i18n";
// Every module that declares a table, so that messageTables() holds them all.
import "../src/cli/messages";
import "../src/core/attainment";
import "../src/core/feedback";
import "../src/core/finding-catalogue";
import "../src/functions/messages";
import "../src/io/period-report";
import "../src/io/report";
import "../src/io/report-charts";
import "../src/io/form-by-agency";
import "../src/io/report-previous";
import "../src/cli/previous-output";
import "../src/core/form/summary";
import "../src/office/bridge";
import "../src/office/insert";
import "../src/taskpane/i18n";

describe("messages()", () => {
  const t = messages({
    greeting: { vi: "Xin chào {name}", en: "Hello {name}" },
    plain: { vi: "Không có tham số", en: "No parameters" },
    // NFD in the source (as some editors save it): stored NFC.
    nfd: { vi: "Tie\u0302\u0301ng Vie\u0323\u0302t", en: "Vietnamese" },
  });

  it("fills placeholders in the chosen language", () => {
    expect(t("vi", "greeting", { name: "Lan" })).toBe("Xin chào Lan");
    expect(t("en", "greeting", { name: "Lan" })).toBe("Hello Lan");
    expect(t("en", "plain")).toBe("No parameters");
    // @ts-expect-error: {name} must be given
    expect(t("vi", "greeting")).toBe("Xin chào {name}");
  });

  it("stores Vietnamese in NFC", () => {
    expect(t("vi", "nfd")).toBe("Tiếng Việt");
    expect(t("vi", "nfd")).toBe(t("vi", "nfd").normalize("NFC"));
  });

  it("leaves a placeholder without a value visible", () => {
    expect(fill("{a} và {b}", { a: 1 })).toBe("1 và {b}");
    expect(placeholdersOf("{n} tệp, {n} lần, {name}")).toEqual(["n", "name"]);
  });
});

describe("the product's message tables", () => {
  const tables = messageTables().filter((table) => !("greeting" in table));

  it("are all registered (CLI, catalogue, statuses, functions, period review, office, pane)", () => {
    expect(tables.length).toBeGreaterThanOrEqual(9);
  });

  it("use the same placeholders in Vietnamese and English, and store Vietnamese as NFC", () => {
    for (const table of tables) {
      for (const [id, message] of Object.entries(table)) {
        expect(placeholdersOf(message.en), id).toEqual(placeholdersOf(message.vi));
        expect(message.vi, id).toBe(message.vi.normalize("NFC"));
        expect(message.vi.trim(), id).not.toBe("");
        expect(message.en.trim(), id).not.toBe("");
      }
    }
  });
});
