#!/usr/bin/env node
/**
 * `npm start`: the dev server on https://localhost:3000 (webpack serve; the Office dev
 * certificate where office-addin-dev-certs has installed one, plain http with a notice
 * otherwise). Where desktop Excel exists (Windows, macOS) office-addin-debugging starts the
 * server and sideloads manifest.xml; elsewhere the server starts alone and this prints how to
 * use the pane standalone and how to sideload into Excel on the web.
 */
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const devServer = `"${bin("webpack")}" serve --mode development`;
const desktopExcel = process.platform === "win32" || process.platform === "darwin";
const noSideload = process.argv.includes("--no-sideload");

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  child.on("exit", (code) => process.exit(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
}

if (desktopExcel && !noSideload) {
  process.stdout.write("[dtbd] Sideloading manifest.xml into desktop Excel with office-addin-debugging…\n");
  run(bin("office-addin-debugging"), ["start", "manifest.xml", "desktop", "--app", "excel", "--dev-server", devServer, "--dev-server-port", "3000"]);
} else {
  process.stdout.write(
    [
      "[dtbd] Dev server: https://localhost:3000 (http://localhost:3000 when no dev certificate is installed).",
      "",
      "  Standalone, no Excel: open https://localhost:3000/taskpane.html in a browser.",
      "    Upload agency workbooks or press \u201cDùng dữ liệu mẫu\u201d; everything stays in the browser.",
      "",
      "  Excel on the web: trust the dev certificate first (npx office-addin-dev-certs install),",
      "    then open a workbook at office.com → Home → Add-ins → More Settings → Upload My Add-in,",
      `    and choose ${path.join(root, "manifest.xml")}.`,
      "",
      desktopExcel ? "" : "  Desktop Excel (Windows, macOS): run `npm start` there to sideload automatically.",
      "",
    ].join("\n"),
  );
  run(bin("webpack"), ["serve", "--mode", "development"]);
}
