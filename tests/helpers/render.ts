/**
 * PDF pages as pixels (poppler's pdftoppm, PPM output), and the few measurements the chart
 * tests make on them: non-white pixels in a region, and the longest straight run of a colour
 * (a bar's length, which is proportional to the value it draws).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const PDFTOPPM: string | null = existsSync("/usr/bin/pdftoppm") ? "/usr/bin/pdftoppm" : null;

export interface Page {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel, row by row. */
  rgb: Uint8Array;
}

function parsePpm(bytes: Uint8Array): Page {
  // "P6" width height maxval, each followed by whitespace, then the raster.
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09) i++;
    let field = "";
    while (bytes[i] !== 0x20 && bytes[i] !== 0x0a && bytes[i] !== 0x0d && bytes[i] !== 0x09) field += String.fromCharCode(bytes[i++]);
    fields.push(field);
  }
  i++;
  if (fields[0] !== "P6" || fields[3] !== "255") throw new Error(`not an 8-bit PPM: ${fields.join(" ")}`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, rgb: bytes.subarray(i, i + width * height * 3) };
}

/** Every page of the PDF at `dpi`, in order. */
export async function renderPages(pdf: Uint8Array, dpi = 80): Promise<Page[]> {
  if (!PDFTOPPM) throw new Error("pdftoppm (poppler-utils) is not installed");
  const dir = mkdtempSync(join(tmpdir(), "ppm-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    await run(PDFTOPPM, ["-r", String(dpi), join(dir, "in.pdf"), join(dir, "page")], { timeout: 120_000 });
    const files = readdirSync(dir)
      .filter((f) => f.startsWith("page") && f.endsWith(".ppm"))
      .sort((a, b) => Number(/(\d+)\.ppm$/.exec(a)![1]) - Number(/(\d+)\.ppm$/.exec(b)![1]));
    return files.map((f) => parsePpm(new Uint8Array(readFileSync(join(dir, f)))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function wholePage(page: Page): Region {
  return { x0: 0, y0: 0, x1: page.width, y1: page.height };
}

function at(page: Page, x: number, y: number): [number, number, number] {
  const i = (y * page.width + x) * 3;
  return [page.rgb[i], page.rgb[i + 1], page.rgb[i + 2]];
}

const isWhite = ([r, g, b]: [number, number, number]): boolean => r > 245 && g > 245 && b > 245;

export function nonWhitePixels(page: Page, region: Region = wholePage(page)): number {
  let n = 0;
  for (let y = region.y0; y < region.y1; y++) for (let x = region.x0; x < region.x1; x++) if (!isWhite(at(page, x, y))) n++;
  return n;
}

/** The smallest region holding every non-white pixel of `region`; null when it is all white. */
export function inkBox(page: Page, region: Region = wholePage(page)): Region | null {
  let box: Region | null = null;
  for (let y = region.y0; y < region.y1; y++)
    for (let x = region.x0; x < region.x1; x++) {
      if (isWhite(at(page, x, y))) continue;
      if (!box) box = { x0: x, y0: y, x1: x + 1, y1: y + 1 };
      else {
        box.x0 = Math.min(box.x0, x);
        box.x1 = Math.max(box.x1, x + 1);
        box.y0 = Math.min(box.y0, y);
        box.y1 = Math.max(box.y1, y + 1);
      }
    }
  return box;
}

function hex(color: string): [number, number, number] {
  return [parseInt(color.slice(0, 2), 16), parseInt(color.slice(2, 4), 16), parseInt(color.slice(4, 6), 16)];
}

function near(a: [number, number, number], b: [number, number, number], tolerance: number): boolean {
  return Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance && Math.abs(a[2] - b[2]) <= tolerance;
}

export function colorPixels(page: Page, color: string, region: Region = wholePage(page), tolerance = 12): number {
  const want = hex(color);
  let n = 0;
  for (let y = region.y0; y < region.y1; y++) for (let x = region.x0; x < region.x1; x++) if (near(at(page, x, y), want, tolerance)) n++;
  return n;
}

/**
 * The longest run of pixels of `color` along rows ("horizontal": a horizontal bar's length)
 * or along columns ("vertical": a column's height) inside `region`.
 */
export function longestRun(page: Page, color: string, direction: "horizontal" | "vertical", region: Region = wholePage(page), tolerance = 12): number {
  const want = hex(color);
  let best = 0;
  const [outer0, outer1, inner0, inner1] = direction === "horizontal" ? [region.y0, region.y1, region.x0, region.x1] : [region.x0, region.x1, region.y0, region.y1];
  for (let o = outer0; o < outer1; o++) {
    let runLength = 0;
    for (let i = inner0; i < inner1; i++) {
      const px = direction === "horizontal" ? at(page, i, o) : at(page, o, i);
      runLength = near(px, want, tolerance) ? runLength + 1 : 0;
      if (runLength > best) best = runLength;
    }
  }
  return best;
}

/** Pixels that differ between two renderings of the same size. */
export function differingPixels(a: Page, b: Page): number {
  if (a.width !== b.width || a.height !== b.height) return Math.max(a.width * a.height, b.width * b.height);
  let n = 0;
  for (let i = 0; i < a.rgb.length; i += 3) if (a.rgb[i] !== b.rgb[i] || a.rgb[i + 1] !== b.rgb[i + 1] || a.rgb[i + 2] !== b.rgb[i + 2]) n++;
  return n;
}
