/**
 * Runs the compiled `dtbd` CLI from the directory in DTBD_LIB (the benchmark's private
 * build, same as bin/dtbd.js does with lib/) and reports, on stderr, the whole process's
 * peak RSS and CPU time (all threads): `@@bench {"maxRssMB":…,"cpuS":…}`.
 */
"use strict";
const path = require("node:path");

process.on("exit", () => {
  const u = process.resourceUsage();
  process.stderr.write(`\n@@bench ${JSON.stringify({ maxRssMB: u.maxRSS / 1024, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6 })}\n`);
});
require(path.join(process.env.DTBD_LIB, "cli", "main.js"))
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`dtbd: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    },
  );
