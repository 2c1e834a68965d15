#!/usr/bin/env bash
# Renders one printed page of a workbook to PNG with LibreOffice, as a second opinion on layout:
# merges, wrapping, widths, print setup, charts. Page 1 is the first sheet's first page (the
# report's `Tổng hợp`); the charts of the report and of the period review print on page 2.
# Pages other than the first are trimmed to their ink (scripts/ink-box.cjs).
# Usage: scripts/screenshot-report.sh REPORT.xlsx [OUT.png] [DPI] [PAGE]
set -euo pipefail
in="${1:?usage: $0 REPORT.xlsx [OUT.png] [DPI] [PAGE]}"
out="${2:-docs/report-tong-hop.png}"
dpi="${3:-80}"
page="${4:-1}"
command -v soffice >/dev/null || { echo "soffice (LibreOffice) not found" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm (poppler-utils) not found" >&2; exit 2; }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/dtbd-shot-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# A private profile: parallel runs and a user's open LibreOffice do not clash.
timeout 120 soffice --headless --norestore "-env:UserInstallation=file://$tmp/profile" \
  --convert-to pdf --outdir "$tmp" "$in" >/dev/null 2>&1
pdf="$tmp/$(basename "${in%.*}").pdf"
[ -s "$pdf" ] || { echo "LibreOffice produced no PDF for $in" >&2; exit 1; }
crop=()
if [ "$page" != 1 ]; then
  pdftoppm -r "$dpi" -f "$page" -l "$page" -singlefile "$pdf" "$tmp/ink"
  [ -s "$tmp/ink.ppm" ] || { echo "$in has no printed page $page" >&2; exit 1; }
  read -r x y w h < <(node "$(dirname "$0")/ink-box.cjs" "$tmp/ink.ppm")
  crop=(-x "$x" -y "$y" -W "$w" -H "$h")
fi
pdftoppm -png -r "$dpi" -f "$page" -l "$page" "${crop[@]}" -singlefile "$pdf" "$tmp/page"
[ -s "$tmp/page.png" ] || { echo "$in has no printed page $page" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
cp "$tmp/page.png" "$out"
echo "$out"
