/**
 * openpyxl (python3 at /usr/bin/python3) as an independent reader: every cell of every sheet
 * with its value or formula, number format, font, solid fill, note and internal link, the
 * sheets' order, selection and print areas.
 */
import { execFileSync } from "node:child_process";

export interface PyCell {
  /** The value, or the formula as "=…" text. */
  value: string | number | boolean | null;
  numFmt: string;
  /** name, size, bold, italic, underline, colour */
  font: [string | null, number | null, boolean | null, boolean | null, string | null, string | null];
  fill: string | null;
  comment: string | null;
  link: string | null;
}

export interface PySheet {
  name: string;
  selected: boolean;
  printArea: string | null;
  cells: Record<string, PyCell>;
}

export interface PyWorkbook {
  active: string;
  sheets: PySheet[];
}

const DUMP = `
import sys, json, openpyxl
def dump(path):
  wb = openpyxl.load_workbook(path)
  out = {"active": wb.active.title, "sheets": []}
  for ws in wb.worksheets:
      cells = {}
      for row in ws.iter_rows():
          for c in row:
              if c.value is None and c.comment is None and c.hyperlink is None and not c.has_style:
                  continue
              f = c.font
              color = None
              if f.color is not None:
                  color = f.color.rgb if isinstance(f.color.rgb, str) else "theme:%s" % f.color.theme
              value = c.value
              if not (value is None or isinstance(value, (int, float, str, bool))):
                  value = str(value)
              fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" and isinstance(c.fill.fgColor.rgb, str) else None
              cells[c.coordinate] = {
                  "value": value,
                  "numFmt": c.number_format,
                  "font": [f.name, f.sz, f.b, f.i, f.u, color],
                  "fill": fill,
                  "comment": c.comment.text if c.comment is not None else None,
                  "link": c.hyperlink.location if c.hyperlink is not None else None,
              }
      area = ws.print_area
      out["sheets"].append({"name": ws.title, "selected": bool(ws.sheet_view.tabSelected), "printArea": area if isinstance(area, str) or area is None else str(area), "cells": cells})
  return out
print(json.dumps([dump(p) for p in sys.argv[1:]], ensure_ascii=False, default=str))
`;

export const PYTHON = "/usr/bin/python3";

/** The workbooks at these paths, in one python process. */
export function openpyxlDump(...files: string[]): PyWorkbook[] {
  const text = execFileSync(PYTHON, ["-c", DUMP, ...files], { timeout: 300_000, maxBuffer: 256 * 1024 * 1024 }).toString("utf8");
  return JSON.parse(text) as PyWorkbook[];
}

/** Runs a python script with openpyxl; arguments follow it (sys.argv[1:]). */
export function runPython(script: string, ...args: string[]): string {
  return execFileSync(PYTHON, ["-c", script, ...args], { timeout: 120_000 }).toString("utf8");
}
