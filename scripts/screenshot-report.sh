#!/usr/bin/env bash
# Renders the first page of a workbook's first sheet (the report's `Tổng hợp`) to PNG with
# LibreOffice, as a second opinion on layout: merges, wrapping, widths, print setup.
# Usage: scripts/screenshot-report.sh REPORT.xlsx [OUT.png] [DPI]
set -euo pipefail
in="${1:?usage: $0 REPORT.xlsx [OUT.png] [DPI]}"
out="${2:-docs/report-tong-hop.png}"
dpi="${3:-80}"
command -v soffice >/dev/null || { echo "soffice (LibreOffice) not found" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm (poppler-utils) not found" >&2; exit 2; }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/dtbd-shot-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# A private profile: parallel runs and a user's open LibreOffice do not clash.
timeout 120 soffice --headless --norestore "-env:UserInstallation=file://$tmp/profile" \
  --convert-to pdf --outdir "$tmp" "$in" >/dev/null 2>&1
pdf="$tmp/$(basename "${in%.*}").pdf"
[ -s "$pdf" ] || { echo "LibreOffice produced no PDF for $in" >&2; exit 1; }
pdftoppm -png -r "$dpi" -f 1 -l 1 -singlefile "$pdf" "$tmp/page"
mkdir -p "$(dirname "$out")"
cp "$tmp/page.png" "$out"
echo "$out"
