#!/usr/bin/env bash
# The user guide's chart pictures, printed by LibreOffice through the compiled CLI:
#   docs/report-chart.png  the charts page of the demo batch's report (`Tổng hợp`)
#   docs/period-chart.png  the charts page of the source article's period review
# Usage: scripts/screenshot-charts.sh [DPI]
set -euo pipefail
cd "$(dirname "$0")/.."
dpi="${1:-80}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/dtbd-charts-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
npx tsc -p tsconfig.build.json
# Exit code 1 means the batch has error findings (the demo has some); the report is written.
node bin/dtbd.js consolidate samples --roster samples-roster/danh-sach-don-vi.csv --out "$tmp/bao-cao-tong-hop-2024.xlsx" --quiet || [ $? -eq 1 ]
scripts/screenshot-report.sh "$tmp/bao-cao-tong-hop-2024.xlsx" docs/report-chart.png "$dpi" 2
npx tsx scripts/period-sample.ts "$tmp/period" >/dev/null
node bin/dtbd.js period "$tmp/period/bao-cao-2021.xlsx" "$tmp/period/bao-cao-2022.xlsx" "$tmp/period/bao-cao-2023.xlsx" \
  --target "$tmp/period/ke-hoach-2021-2025.xlsx" --baseline 01=2354 --baseline 14=40604 --out "$tmp/so-ket-2021-2025.xlsx" --quiet
scripts/screenshot-report.sh "$tmp/so-ket-2021-2025.xlsx" docs/period-chart.png "$dpi" 2
