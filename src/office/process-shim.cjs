// The few `process` members that exceljs's stream dependencies touch in a browser.
"use strict";
module.exports = {
  env: {},
  browser: true,
  version: "",
  versions: {},
  platform: "browser",
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  cwd: () => "/",
};
