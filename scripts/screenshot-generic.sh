#!/usr/bin/env bash
# The user guide's pictures of a form other than 01/ĐTBD, through the compiled CLI:
#   docs/bieu-khac-tong-hop.png  the consolidated `Tổng hợp` sheet of three agencies' Biểu số
#                                10-BTCTW (tests/fixtures/generic/btctw10), printed by LibreOffice
#   docs/bieu-khac-form-show.txt the summary `dtbd form learn` prints for its blank template
# Usage: scripts/screenshot-generic.sh [DPI]
set -euo pipefail
cd "$(dirname "$0")/.."
dpi="${1:-80}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/dtbd-generic-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
npx tsc -p tsconfig.build.json
forms=tests/fixtures/generic/btctw10
node bin/dtbd.js form learn "$forms/template/mau.xlsx" --out "$tmp/btctw10.json" > docs/bieu-khac-form-show.txt
sed -i "s|$tmp/|FORM_DIR/|" docs/bieu-khac-form-show.txt
node bin/dtbd.js consolidate "$forms/clean" --form "$tmp/btctw10.json" --out "$tmp/tong-hop-btctw10.xlsx" --quiet
scripts/screenshot-report.sh "$tmp/tong-hop-btctw10.xlsx" docs/bieu-khac-tong-hop.png "$dpi" 1
