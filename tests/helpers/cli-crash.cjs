/**
 * Makes the `dtbd` command crash, for the test of its last resort (tests/cli-process.test.ts):
 * preloaded with `node --require`, it replaces runValidate of lib/cli/validate.js by one that
 * throws, as a bug would. bin/dtbd.js must then say so on stderr and exit with code 2.
 */
"use strict";
const Module = require("node:module");

const load = Module._load;
Module._load = function loadBroken(request, ...rest) {
  const exports = load.call(this, request, ...rest);
  if (!/(^|[\\/])validate(\.js)?$/.test(request) || typeof exports?.runValidate !== "function") return exports;
  return {
    ...exports,
    runValidate: async () => {
      throw new TypeError("injected crash in runValidate");
    },
  };
};
