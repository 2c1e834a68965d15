#!/usr/bin/env bash
# tests/fixtures/xls/: the formats agencies send besides .xlsx, each saved by LibreOffice from an
# .xlsx that is kept beside it, so that a test can compare what DTBD reads from both.
#
#   unicode-*.xlsx   sample forms (samples/), Unicode text
#   tcvn3-*.xlsx     a sample form typed in TCVN3 with .VnTime fonts (scripts/legacy-encode.py)
#   vni-*.xlsx       a sample form typed in VNI with VNI-Times fonts
#   *.xls            Excel 97-2003 (BIFF8), saved by LibreOffice from the .xlsx of the same name
#   *.ods            OpenDocument spreadsheet, likewise
#
# (LibreOffice 7 no longer saves Excel 5.0/95; tests/xls.test.ts writes that format itself.)
# Needs LibreOffice (soffice) and python3; `npm test` needs neither: the files are committed.
# Run from anywhere: scripts/make-xls-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=tests/fixtures/xls
PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.xlsx "$OUT"/*.xls "$OUT"/*.ods

cp samples/so-y-te.xlsx "$OUT/unicode-so-y-te.xlsx"
cp samples/so-tai-chinh.xlsx "$OUT/unicode-so-tai-chinh.xlsx"
cp samples/ubnd-xa-bac-son.xlsx "$OUT/unicode-ubnd-xa-bac-son.xlsx"
"$PY" scripts/legacy-encode.py tcvn3 samples/so-tai-chinh.xlsx "$OUT/tcvn3-so-tai-chinh.xlsx"
"$PY" scripts/legacy-encode.py vni samples/so-y-te.xlsx "$OUT/vni-so-y-te.xlsx"

# A private LibreOffice profile: no lock shared with a desktop session or a parallel run.
convert() { soffice --headless "-env:UserInstallation=file://$TMP/profile" --convert-to "$1" --outdir "$2" "$3" >/dev/null 2>&1; }

for source in "$OUT"/*.xlsx; do
  convert "xls:MS Excel 97" "$OUT" "$source"
  convert "ods:calc8" "$OUT" "$source"
done
ls -l "$OUT"
