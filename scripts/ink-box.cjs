// Prints "X Y W H": the box around a PPM image's non-white pixels, with a margin, for
// pdftoppm's -x -y -W -H (scripts/screenshot-report.sh trims a page's white margins with it).
// Usage: node scripts/ink-box.cjs PAGE.ppm [MARGIN]
"use strict";
const fs = require("node:fs");
const bytes = fs.readFileSync(process.argv[2]);
const margin = Number(process.argv[3] ?? 12);
const fields = [];
let i = 0;
while (fields.length < 4) {
  while (/\s/.test(String.fromCharCode(bytes[i]))) i++;
  let field = "";
  while (!/\s/.test(String.fromCharCode(bytes[i]))) field += String.fromCharCode(bytes[i++]);
  fields.push(field);
}
i++;
const [magic, w, h] = [fields[0], Number(fields[1]), Number(fields[2])];
if (magic !== "P6") throw new Error("not a binary PPM");
let [x0, y0, x1, y1] = [w, h, -1, -1];
for (let y = 0; y < h; y++)
  for (let x = 0; x < w; x++) {
    const p = i + (y * w + x) * 3;
    if (bytes[p] > 245 && bytes[p + 1] > 245 && bytes[p + 2] > 245) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
if (x1 < 0) process.stdout.write(`0 0 ${w} ${h}\n`);
else {
  const [x, y] = [Math.max(0, x0 - margin), Math.max(0, y0 - margin)];
  process.stdout.write(`${x} ${y} ${Math.min(w, x1 + margin + 1) - x} ${Math.min(h, y1 + margin + 1) - y}\n`);
}
