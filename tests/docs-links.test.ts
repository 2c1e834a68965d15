/**
 * The documentation's links: every relative link and image in README.md and docs/*.md names a
 * file of the repository; README.md stays under 8 KB and its first code block is the two
 * commands a newcomer runs first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "..");
const docs = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Link targets of a markdown text, fenced code blocks and inline code left out. */
function linkTargets(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  const targets: string[] = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) targets.push(m[1]);
  for (const m of text.matchAll(/<img[^>]+src="([^"]+)"/g)) targets.push(m[1]);
  return targets;
}

function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("#");
}

describe("documentation links", () => {
  it.each(docs)("%s: every relative link and image points to an existing file", (doc) => {
    const text = readFileSync(join(root, doc), "utf8");
    const broken = linkTargets(text)
      .filter(isRelative)
      .map((target) => decodeURIComponent(target.split("#")[0]))
      .filter((path) => path && !existsSync(resolve(dirname(join(root, doc)), path)));
    expect(broken).toEqual([]);
  });

  it("docs are NFC Unicode", () => {
    for (const doc of docs) {
      const text = readFileSync(join(root, doc), "utf8");
      expect(text === text.normalize("NFC"), doc).toBe(true);
    }
  });
});

describe("README.md", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");

  it("is under 8 KB", () => {
    expect(statSync(join(root, "README.md")).size).toBeLessThan(8192);
  });

  it("starts with its title, and its first code block is exactly the two first commands", () => {
    expect(readme.startsWith("# ")).toBe(true);
    const first = /^```[a-z]*\n([\s\S]*?)^```/m.exec(readme);
    expect(first?.[1]).toBe("npm ci && npm run demo\nnpm ci && npm test\n");
  });

  it("links the documentation", () => {
    for (const doc of ["docs/huong-dan.md", "docs/cli.md", "docs/findings.md", "docs/form-01.md", "docs/performance.md", "docs/bieu-khac.md", "SECURITY.md"]) {
      expect(readme, doc).toContain(`](${doc})`);
    }
  });
});
