/**
 * Serves a built `dist/` on 127.0.0.1 as a deployment would: the headers of
 * scripts/deploy-headers.cjs (the add-in's CSP and nosniff on every file, Access-Control-Allow-Origin
 * on the functions' metadata, Content-Type by extension), no directory listings, nothing outside
 * the folder. Used by the e2e test, tests/deploy-headers.test.ts and the bench.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { join, normalize, resolve } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { headersFor, contentTypeFor } = require("../../scripts/deploy-headers.cjs") as {
  headersFor: (path: string) => Record<string, string>;
  contentTypeFor: (path: string) => string;
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
    res.writeHead(200, { "Content-Type": contentTypeFor(file), ...headersFor(path) });
    res.end(readFileSync(file));
  });
  return new Promise((done) => srv.listen(0, "127.0.0.1", () => done(srv)));
}
