/** Human output for a terminal: coloured, aligned, Vietnamese first. */
import pc from "picocolors";
import { severityName } from "../core/finding-catalogue";
import type { Finding, Lang, Severity } from "../core/findings";
import { t } from "./messages";

/**
 * Human output made safe for a terminal: file names and cell texts can carry control
 * characters (a file named with ESC ] 0 ; … BEL retitles the window, ESC [ 2 J clears it).
 * Only the colour codes (SGR, ESC [ … m) survive; every other control character shows as "?".
 */
export function terminalSafe(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m|[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, (m) => (m.length > 1 ? m : "?"));
}

export function paintSeverity(severity: Severity, text: string, color: boolean): string {
  if (!color) return text;
  return severity === "error" ? pc.red(pc.bold(text)) : severity === "warning" ? pc.yellow(text) : pc.cyan(text);
}

export function bold(text: string, color: boolean): string {
  return color ? pc.bold(text) : text;
}

export function dim(text: string, color: boolean): string {
  return color ? pc.dim(text) : text;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Findings as aligned lines; long runs of one code are shortened so the screen stays readable. */
export function findingLines(findings: readonly Finding[], lang: Lang, color: boolean, perCodeLimit = 8): string[] {
  const lines: string[] = [];
  const shown = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const f of findings) {
    const n = shown.get(f.code) ?? 0;
    if (n >= perCodeLimit) {
      hidden.set(f.code, (hidden.get(f.code) ?? 0) + 1);
      continue;
    }
    shown.set(f.code, n + 1);
    const where = f.cell ? `${f.sheet ?? ""}!${f.cell}` : (f.sheet ?? "");
    const label = severityName(lang, f.severity).toUpperCase().padEnd(9);
    lines.push(`  ${paintSeverity(f.severity, label, color)} ${where.padEnd(14)} ${dim(f.code.padEnd(26), color)} ${f.message[lang]}`);
  }
  for (const [code, n] of hidden) {
    lines.push(dim(t(lang, "moreOfCode", { n, code }), color));
  }
  return lines;
}
