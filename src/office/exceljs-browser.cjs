// exceljs for the browser bundle, built from its CommonJS sources (webpack aliases "exceljs"
// here). Its published browser file is browserify output whose regenerator-runtime fallback
// calls Function(), which the add-in's CSP (no unsafe-eval) forbids. Same shape as the
// package's own browser entry: { Workbook, ...enums }.
"use strict";
const Workbook = require("exceljs/lib/doc/workbook");
const Enums = require("exceljs/lib/doc/enums");

module.exports = { Workbook, ...Enums };
module.exports.default = module.exports;
