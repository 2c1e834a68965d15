/**
 * Serves a built `dist/` on 127.0.0.1 as a deployment would: the add-in's CSP header on every
 * file, no directory listings, nothing outside the folder. Used by the e2e test and the bench.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CSP } = require("../../webpack.config.js") as { CSP: string };

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function serveDist(folder: string): Promise<Server> {
  const dist = resolve(folder);
  const srv = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Security-Policy": CSP,
      "X-Content-Type-Options": "nosniff",
    });
    res.end(readFileSync(file));
  });
  return new Promise((done) => srv.listen(0, "127.0.0.1", () => done(srv)));
}
