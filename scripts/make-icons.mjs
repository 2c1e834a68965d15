// Draws the add-in's ribbon and store icons as PNG files (assets/*.png) with no image library:
// a supersampled distance-field rasteriser and a minimal PNG encoder on top of node:zlib.
// Run: node scripts/make-icons.mjs
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "assets");
mkdirSync(out, { recursive: true });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function segmentDistance(px, py, [ax, ay, bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function roundedRectInside(px, py, r) {
  const qx = Math.max(Math.abs(px - 0.5) - (0.5 - r) + 0.04, 0);
  const qy = Math.max(Math.abs(py - 0.5) - (0.5 - r) + 0.04, 0);
  return Math.hypot(qx, qy) <= r;
}

// Glyphs as strokes in a unit square; background is the DTBD green.
const GLYPHS = {
  check: [[0.24, 0.52, 0.43, 0.7], [0.43, 0.7, 0.78, 0.3]],
  sum: [[0.7, 0.24, 0.3, 0.24], [0.3, 0.24, 0.55, 0.5], [0.55, 0.5, 0.3, 0.76], [0.3, 0.76, 0.7, 0.76]],
  new: [[0.5, 0.24, 0.5, 0.76], [0.24, 0.5, 0.76, 0.5]],
  logo: [[0.26, 0.3, 0.74, 0.3], [0.26, 0.5, 0.74, 0.5], [0.26, 0.7, 0.6, 0.7]],
};
const BG = [0x10, 0x7c, 0x41];

function draw(glyph, size) {
  const ss = 4;
  const rgba = Buffer.alloc(size * size * 4);
  const stroke = size <= 16 ? 0.075 : 0.06;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let cover = 0, ink = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const px = (x + (sx + 0.5) / ss) / size, py = (y + (sy + 0.5) / ss) / size;
          if (!roundedRectInside(px, py, 0.18)) continue;
          cover++;
          if (GLYPHS[glyph].some((s) => segmentDistance(px, py, s) <= stroke)) ink++;
        }
      const a = cover / (ss * ss), w = cover ? ink / cover : 0;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BG[c] * (1 - w) + 255 * w);
      rgba[i + 3] = Math.round(a * 255);
    }
  return encodePng(size, rgba);
}

for (const glyph of ["check", "sum", "new"])
  for (const size of [16, 32, 80]) writeFileSync(join(out, `${glyph}-${size}.png`), draw(glyph, size));
for (const size of [16, 32, 64, 80, 128]) writeFileSync(join(out, `logo-${size}.png`), draw("logo", size));
console.log("icons written to", out);
