// node:zlib's inflateRawSync for the browser bundle (the workbook reader in src/io uses it),
// on fflate's streaming raw-DEFLATE decoder. maxOutputLength is honoured the way Node does:
// decoding stops as soon as the output would pass it, with code ERR_BUFFER_TOO_LARGE.
"use strict";
const { Inflate } = require("fflate");

function tooLarge(max) {
  const error = new RangeError(`Cannot create a Buffer larger than ${max} bytes`);
  error.code = "ERR_BUFFER_TOO_LARGE";
  return error;
}

function inflateRawSync(data, options = {}) {
  const max = options.maxOutputLength ?? Number.MAX_SAFE_INTEGER;
  const chunks = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > max) throw tooLarge(max);
    chunks.push(chunk);
    if (final) ended = true;
  });
  // Feed in slices so that a bomb is stopped after a bounded amount of work.
  const step = 64 * 1024;
  for (let i = 0; i < data.length; i += step) inflater.push(data.subarray(i, Math.min(data.length, i + step)), i + step >= data.length);
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  if (!ended) throw new Error("unexpected end of file");
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

module.exports = { inflateRawSync };
