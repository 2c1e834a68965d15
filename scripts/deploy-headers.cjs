/**
 * The HTTP headers a host of the built add-in (dist/) sends, in one list: the dev server
 * (webpack.config.js devServer), the test and benchmark server (tests/helpers/serve-dist.ts) and
 * the table in docs/huong-dan.md ("Triển khai add-in") all follow it; tests/deploy-headers.test.ts
 * checks the three against each other.
 *
 * - Every file: the add-in's Content-Security-Policy (no inline script, no eval, no third-party
 *   origin) and X-Content-Type-Options: nosniff.
 * - functions.json and functions-vi.json: Access-Control-Allow-Origin, because Excel on the web
 *   fetches the custom functions' metadata from its own origin, across origins.
 * - Content-Type by extension (a .js served as text/plain does not run under nosniff).
 */
"use strict";

/** The Content-Security-Policy of every page: no inline script, no eval, no third-party origin. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent web components inject their styles at run time (adopted style sheets / <style>).
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join("; ");

/**
 * Headers by file: `path` is "*" (every file) or a file name, matched against the last segment of
 * the request's path (the add-in may live under any base path, e.g. https://host/dtbd/).
 */
const DEPLOY_HEADERS = [
  { path: "*", headers: { "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff" } },
  { path: "functions.json", headers: { "Access-Control-Allow-Origin": "*" } },
  { path: "functions-vi.json", headers: { "Access-Control-Allow-Origin": "*" } },
];

/** Content-Type by extension, for the files `npm run build` writes. */
const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function fileNameOf(urlPath) {
  const pathname = String(urlPath || "/").split(/[?#]/)[0];
  return pathname.split(/[\\/]/).pop() || "";
}

/** The DEPLOY_HEADERS that apply to a request path, merged (Content-Type not included). */
function headersFor(urlPath) {
  const name = fileNameOf(urlPath);
  const out = {};
  for (const rule of DEPLOY_HEADERS) if (rule.path === "*" || rule.path === name) Object.assign(out, rule.headers);
  return out;
}

/** The Content-Type for a request path; application/octet-stream for an unknown extension. */
function contentTypeFor(urlPath) {
  const name = fileNameOf(urlPath);
  const dot = name.lastIndexOf(".");
  return (dot >= 0 && CONTENT_TYPES[name.slice(dot).toLowerCase()]) || "application/octet-stream";
}

module.exports = { CSP, DEPLOY_HEADERS, CONTENT_TYPES, headersFor, contentTypeFor };
