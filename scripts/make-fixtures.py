#!/usr/bin/env python3
"""
Writes the test fixtures in tests/fixtures: six filled forms 01/ĐTBD of Lạng Sơn for 2024,
as agencies send them, written by real spreadsheet writers:

  openpyxl-clean.xlsx     openpyxl; one actual without a plan (row 40), one row of zeros
  libreoffice-clean.xlsx  openpyxl's file opened and saved again by LibreOffice (soffice)
  tcvn3-vntime.xlsx       every label in TCVN3 (ABC) bytes, fonts .VnTime and .VnTimeH
  vni-times.xlsx          every label in VNI Windows bytes, font VNI-Times
  unicode-nfd.xlsx        every text decomposed (NFD), as some Mac and web tools save it
  numbers-as-text.xlsx    numbers typed as text the Vietnamese way ("1.720", "7.886,4", "-")

and fixtures.json, the oracle: what each file holds, worked out here from the numbers and the
texts this script wrote (agency, year, every row's values and totals, the text of every cell
as meant, the findings the rules of the form call for). Nothing of DTBD is used: the TCVN3 and
VNI tables below are written out from the published charts (TCVN 5712:1993 VN3; VNI Windows).

Run through `npm run fixtures` (scripts/make-fixtures.mjs finds python3 with openpyxl and
soffice). The values are seeded, so a run writes the same numbers every time.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font

YEAR = 2024
SHEET = "01-DTBD"
MANAGING_BODY = "UBND TỈNH LẠNG SƠN"
FIRST_BODY_ROW = 11

# The form's body: TT, Mã số, label (FORM 01/ĐTBD).
BODY = [
    ("I", "01", "ĐÀO TẠO"),
    ("1", "02", "Đào tạo trình độ chuyên môn"),
    ("-", "03", "Tiến sĩ"),
    ("-", "04", "Thạc sĩ"),
    ("-", "05", "Đại học"),
    ("-", "06", "Cao đẳng"),
    ("-", "07", "Trung cấp"),
    ("-", "08", "Sơ cấp"),
    ("2", "09", "Đào tạo lý luận chính trị"),
    ("-", "10", "Cao cấp lý luận chính trị"),
    ("-", "11", "Hoàn chỉnh chương trình cao cấp lý luận chính trị"),
    ("-", "12", "Trung cấp lý luận chính trị"),
    ("-", "13", "Sơ cấp lý luận chính trị"),
    ("II", "14", "BỒI DƯỠNG"),
    ("1", "15", "Bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, quản lý"),
    ("-", "16", "Cấp sở và tương đương"),
    ("-", "17", "Cấp huyện và tương đương"),
    ("-", "18", "Cấp phòng và tương đương"),
    ("2", "19", "Bồi dưỡng theo tiêu chuẩn ngạch công chức"),
    ("-", "20", "Chuyên viên cao cấp và tương đương"),
    ("-", "21", "Chuyên viên chính và tương đương"),
    ("-", "22", "Chuyên viên và tương đương"),
    ("3", "23", "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp viên chức"),
    ("4", "24", "Bồi dưỡng theo yêu cầu vị trí việc làm, kỹ năng chuyên ngành"),
    ("5", "25", "Bồi dưỡng cập nhật kiến thức, kỹ năng hành chính, đạo đức công vụ, văn hóa công sở"),
    ("6", "26", "Bồi dưỡng cán bộ dự nguồn Ban Chấp hành Đảng bộ tỉnh"),
    ("7", "27", "Bồi dưỡng bí thư, phó bí thư cấp ủy cấp huyện"),
    ("8", "28", "Bồi dưỡng kiến thức quốc phòng và an ninh"),
    ("-", "29", "Đối tượng 1"),
    ("-", "30", "Đối tượng 2"),
    ("-", "31", "Đối tượng 3"),
    ("-", "32", "Đối tượng 4"),
    ("9", "33", "Nghiệp vụ công tác Đảng, đoàn thể"),
    ("10", "34", "Bồi dưỡng đối tượng kết nạp Đảng, lý luận chính trị cho đảng viên mới"),
    ("11", "35", "Ngoại ngữ"),
    ("12", "36", "Tiếng dân tộc thiểu số"),
    ("13", "37", "Tin học, chuyển đổi số"),
    ("14", "38", "Đại biểu Hội đồng nhân dân các cấp"),
    ("15", "39", "Bồi dưỡng ngắn hạn ở nước ngoài"),
    ("16", "40", "Bồi dưỡng khác"),
]


def codes(a, b):
    return ["%02d" % n for n in range(a, b + 1)]


# Parent Mã số → the rows it sums (the form's hierarchy).
CHILDREN = {
    "01": ["02", "09"],
    "02": codes(3, 8),
    "09": codes(10, 13),
    "14": ["15", "19", "23", "24", "25", "26", "27", "28"] + codes(33, 40),
    "15": codes(16, 18),
    "19": codes(20, 22),
    "28": codes(29, 32),
}

# Column code → letter. 1 = 2+3+4+5 (plan), 6 = 7+8+9+10 (actual), 11 and 12 are parts of 6
# (women, ethnic minorities), 13 = 6/1 (attainment), 14 and 15 the budget (million đồng).
LETTER = {"1": "E", "2": "F", "3": "G", "4": "H", "5": "I", "6": "J", "7": "K", "8": "L", "9": "M",
          "10": "N", "11": "O", "12": "P", "13": "Q", "14": "R", "15": "S"}
PLAN_PARTS = ["2", "3", "4", "5"]
ACTUAL_PARTS = ["7", "8", "9", "10"]
MONEY = ["14", "15"]
SUMMED = PLAN_PARTS + ACTUAL_PARTS + ["11", "12"]

HEADER = {
    "A1": MANAGING_BODY,
    "H1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "R1": "Biểu số: 01/ĐTBD",
    "H2": "Độc lập - Tự do - Hạnh phúc",
    "A4": "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM %d" % YEAR,
    "H5": "Mã định danh:",
    "A6": "Đơn vị tính: Đào tạo: người; Bồi dưỡng: lượt người; Kinh phí: triệu đồng",
    "A8": "TT",
    "B8": "Chương trình đào tạo, bồi dưỡng",
    "C8": "Mã số",
    "D8": "Đơn vị tính",
    "E8": "Kế hoạch năm",
    "J8": "Thực hiện",
    "Q8": "Tỷ lệ thực hiện (%)",
    "R8": "Kinh phí (triệu đồng)",
    "T8": "Ghi chú",
    "E9": "Tổng số", "F9": "Cán bộ", "G9": "Công chức", "H9": "Viên chức", "I9": "Cán bộ, công chức cấp xã",
    "J9": "Tổng số", "K9": "Cán bộ", "L9": "Công chức", "M9": "Viên chức", "N9": "Cán bộ, công chức cấp xã",
    "O9": "Trong đó: Nữ", "P9": "Trong đó: Người dân tộc thiểu số",
    "R9": "Kế hoạch", "S9": "Thực hiện",
    "N52": "Lạng Sơn, ngày 10 tháng 12 năm %d" % YEAR,
    "B53": "NGƯỜI LẬP BIỂU",
    "N53": "THỦ TRƯỞNG ĐƠN VỊ",
}
CODE_ROW = ["A", "B", "C", "D", "1=2+3+4+5", "2", "3", "4", "5", "6=7+8+9+10", "7", "8", "9", "10",
            "11", "12", "13=6/1", "14", "15", "E"]
MERGES = ["A4:T4", "A8:A9", "B8:B9", "C8:C9", "D8:D9", "E8:I8", "J8:P8", "Q8:Q9", "R8:S8", "T8:T9"]

# ---------------------------------------------------------------------------------------------
# Legacy encodings, from the published charts.

# TCVN 5712:1993 VN3 (the ABC keyboard's .Vn fonts): one byte per letter. The 7 capitals below
# are the only capitals with their own byte; a capital with a tone mark exists only in the H
# fonts (.VnTimeH), which draw the small letters' bytes as capitals.
TCVN3_CHART = {
    # letter: (no tone, huyền, hỏi, ngã, sắc, nặng)
    "a": ("a", 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": ("e", 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": ("i", 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": ("o", 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": ("u", 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": ("y", 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
TCVN3_SINGLE = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

# Combining tone marks in the chart's column order.
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none, huyền, hỏi, ngã, sắc, nặng


def build_tcvn3():
    table = {}
    for letter, row in TCVN3_CHART.items():
        for tone, code in zip(TONES, row):
            char = unicodedata.normalize("NFC", letter + tone)
            table[char] = code if isinstance(code, str) else chr(code)
    for char, code in TCVN3_SINGLE.items():
        table[char] = chr(code)
    return table


TCVN3 = build_tcvn3()

# VNI Windows: a base letter followed by a mark byte, with a few letters of one byte. Small
# letters; the capitals use the same scheme with bytes 0x20 lower (Ù for ù, Â for â, …).
VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
VNI_CIRCUMFLEX_TONE = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
VNI_BREVE_TONE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
VNI_Y_DOT = "î"  # ỵ
VNI_HORN = {"o": "ô", "u": "ö"}  # ơ, ư: one byte each, then a tone byte
VNI_D_STROKE = "ñ"  # đ


def vni_upper(byte_text):
    return "".join(chr(ord(c) - 0x20) if "\u00e0" <= c <= "\u00fe" else c.upper() for c in byte_text)


def vni_letter(char):
    """The VNI bytes of one small Vietnamese letter."""
    if char == "đ":
        return VNI_D_STROKE
    parts = unicodedata.normalize("NFD", char)
    base, marks = parts[0], parts[1:]
    tone = next((m for m in marks if m in VNI_TONE), "")
    if "\u0302" in marks:  # circumflex: â ê ô
        return base + VNI_CIRCUMFLEX_TONE[tone]
    if "\u0306" in marks:  # breve: ă
        return base + VNI_BREVE_TONE[tone]
    if "\u031b" in marks:  # horn: ơ ư
        return VNI_HORN[base] + (VNI_TONE[tone] if tone else "")
    if base == "i" and tone:
        return VNI_I[tone]
    if base == "y" and tone == "\u0323":
        return VNI_Y_DOT
    return base + (VNI_TONE[tone] if tone else "")


def build_vni():
    table = {}
    for letter in TCVN3_CHART:
        for tone in TONES:
            small = unicodedata.normalize("NFC", letter + tone)
            table[small] = vni_letter(small)
            table[small.upper()] = vni_upper(vni_letter(small))
    table["đ"] = VNI_D_STROKE
    table["Đ"] = vni_upper(VNI_D_STROKE)
    return table


VNI = build_vni()


def encode(text, table):
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out.append(table[char])
        elif ord(char) < 0x80:
            out.append(char)
        else:
            raise ValueError("no legacy byte for %r in %r" % (char, text))
    return "".join(out)


def tcvn3_cell(text):
    """(bytes, font) for a text in TCVN3: all-capital texts in .VnTimeH, the rest in .VnTime."""
    letters = [c for c in text if c.isalpha()]
    if letters and text == text.upper():
        return encode(text.lower(), TCVN3), ".VnTimeH"
    for char in unicodedata.normalize("NFC", text):
        if char.isupper() and char not in TCVN3 and ord(char) >= 0x80:
            raise ValueError("ABC (.VnTime) has no capital %r: %r" % (char, text))
    return encode(text, TCVN3), ".VnTime"


def check_tables():
    """Both tables cover the 134 letters, one code each, and spell words as real files do."""
    letters = [unicodedata.normalize("NFC", l + t) for l in TCVN3_CHART for t in TONES] + ["đ"]
    non_ascii = [c for c in letters if ord(c) >= 0x80]
    assert len(non_ascii) == 67, len(non_ascii)
    assert len({TCVN3[c] for c in non_ascii}) == 67
    vni_all = non_ascii + [c.upper() for c in non_ascii]
    assert len({VNI[c] for c in vni_all}) == 134
    # Spellings seen in real TCVN3 and VNI files.
    assert encode("Thực hiện", TCVN3) == "Thùc hiÖn"
    assert encode("Đào tạo", TCVN3) == "§µo t¹o"
    assert encode("dưỡng", TCVN3) == "d\u00adìng"
    assert encode("Thực hiện", VNI) == "Thöïc hieän"
    assert encode("Tỷ lệ", VNI) == "Tyû leä"
    assert encode("kỹ năng", VNI) == "kyõ naêng"
    assert encode("ĐÀO TẠO", VNI) == "ÑAØO TAÏO"
    assert encode("Người", VNI) == "Ngöôøi"


# ---------------------------------------------------------------------------------------------
# Numbers


def fmt_vietnamese(value, decimals):
    """1720 → "1.720"; 7886.4 → "7.886,4" (dot groups thousands, comma marks decimals)."""
    text = ("%.*f" % (decimals, value)) if decimals else "%d" % round(value)
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ".".join(groups) + ("," + frac if frac else "")


def leaf_values(rng, code, scale):
    """One leaf row: plan and actual per staff group, women and minorities, budget in tenths."""
    fostering = int(code) >= 14
    top = (12 if fostering else 6) * scale
    plan = {c: (0 if rng.random() < 0.15 else rng.randint(1, top)) for c in PLAN_PARTS}
    actual = {}
    for p, a in zip(PLAN_PARTS, ACTUAL_PARTS):
        actual[a] = max(0, round(plan[p] * rng.uniform(0.6, 1.4)) + rng.randint(-1, 2) * (1 if plan[p] else 0))
    total = sum(actual.values())
    row = {**plan, **actual}
    row["11"] = rng.randint(0, total)
    row["12"] = rng.randint(0, total)
    plan_total = sum(plan.values())
    # Budget in tenths of a million đồng: 1.5–4.5 million a person, or a small fixed cost.
    row["14"] = round(plan_total * rng.uniform(15, 45)) if plan_total else 0
    row["15"] = round(total * rng.uniform(15, 45)) if total else 0
    return row


def make_rows(seed, scale, zero_rows=(), unplanned=()):
    """Every row's values (headcounts in people, budget in tenths), parents summed from leaves."""
    rng = random.Random(seed)
    rows = {}
    for _, code, _ in BODY:
        if code in CHILDREN:
            continue
        for _attempt in range(100):
            row = leaf_values(rng, code, scale)
            plan, actual = sum(row[c] for c in PLAN_PARTS), sum(row[c] for c in ACTUAL_PARTS)
            if plan > 0 and actual <= 3 * plan:  # no attainment above 300%
                break
        if code in zero_rows:
            row = {c: 0 for c in SUMMED + MONEY}
        if code in unplanned:  # done without a plan: actual.unplanned
            row = {c: 0 for c in SUMMED + MONEY}
            row["10"], row["11"], row["12"], row["15"] = 2, 0, 1, 39
        rows[code] = row
    for _, code, _ in reversed(BODY):
        if code in CHILDREN:
            rows[code] = {c: sum(rows[k][c] for k in CHILDREN[code]) for c in SUMMED + MONEY}
    for row in rows.values():
        row["1"] = sum(row[c] for c in PLAN_PARTS)
        row["6"] = sum(row[c] for c in ACTUAL_PARTS)
        assert row["11"] <= row["6"] and row["12"] <= row["6"]
    return rows


def rate(row):
    return round(row["6"] / row["1"], 4) if row["1"] > 0 else None


# ---------------------------------------------------------------------------------------------
# Workbooks


def texts_of(spec):
    """Address → the text as meant (Unicode NFC), for every text cell of the sheet."""
    code, name = spec["agency"]
    texts = dict(HEADER)
    texts["A2"] = name.upper()
    texts["A5"] = "Đơn vị báo cáo: %s" % name
    texts["I5"] = code
    for i, value in enumerate(CODE_ROW):
        texts["%s10" % chr(65 + i)] = value
    for i, (tt, code_, label) in enumerate(BODY):
        r = FIRST_BODY_ROW + i
        texts["A%d" % r] = tt
        texts["B%d" % r] = label
        texts["C%d" % r] = code_
        texts["D%d" % r] = "Người" if int(code_) < 14 else "Lượt người"
    return texts


def legacy_font_cell(address):
    """Cells an agency types in its legacy font: the header, labels, units and signatures."""
    column, row = address[0], int(address[1:])
    if row <= 9 or row >= 52:
        return address != "I5"
    return FIRST_BODY_ROW <= row and column in "BD"


def write_workbook(spec, rows, path):
    texts = texts_of(spec)
    encoding = spec.get("encoding")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    legacy_cells = []
    for address, text in texts.items():
        value, font = text, None
        if encoding and legacy_font_cell(address):
            if encoding == "tcvn3":
                value, font = tcvn3_cell(text)
            else:
                value, font = encode(text, VNI), "VNI-Times"
            if value != text:
                legacy_cells.append(address)
        if spec.get("nfd"):
            value = unicodedata.normalize("NFD", value)
        ws[address] = value
        if font:
            ws[address].font = Font(name=font)
    text_numbers = {}
    for i, (_, code, _) in enumerate(BODY):
        r = FIRST_BODY_ROW + i
        row = rows[code]
        for col, letter in LETTER.items():
            address = "%s%d" % (letter, r)
            if col == "13":
                value = rate(row)
                if value is not None:
                    ws[address] = value
                    ws[address].number_format = "0.0%"
                continue
            money = col in MONEY
            value = row[col] / 10 if money else row[col]
            if spec.get("numbers_as_text") and (code in CHILDREN or value >= 1000 or value == 0):
                text = "-" if value == 0 else fmt_vietnamese(value, 1 if money and row[col] % 10 else 0)
                ws[address] = text
                if text != "-":
                    text_numbers[address] = (text, value)
            else:
                ws[address] = value
    for merge in MERGES:
        ws.merge_cells(merge)
    ws["A4"].alignment = Alignment(horizontal="center")
    wb.properties.creator = "DTBD fixtures"
    wb.save(path)
    return legacy_cells, text_numbers


def resave_with_libreoffice(source, target, soffice):
    """Opens the workbook in LibreOffice Calc and saves it as .xlsx (Calc's own writer)."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        out = os.path.join(tmp, "out")
        subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", out, source],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        shutil.move(os.path.join(out, os.path.basename(source)), target)


def normalise_zip(path):
    """Same entries in the same order, dated 10 December 2024: a rerun writes the same file."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info.filename)) for info in z.infolist()]
    stamp = b"2024-12-10T00:00:00Z"
    entries = [(info, re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                if info.filename == "docProps/core.xml" else data) for info, data in entries]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 12, 10, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)


# ---------------------------------------------------------------------------------------------

FIXTURES = [
    {"file": "openpyxl-clean.xlsx", "agency": ("000.00.31.H39", "Sở Ngoại vụ"), "seed": 31,
     "zero_rows": ["18"], "unplanned": ["40"]},
    {"file": "libreoffice-clean.xlsx", "agency": ("000.00.32.H39", "UBND xã Chi Lăng"), "seed": 32,
     "libreoffice": True},
    {"file": "tcvn3-vntime.xlsx", "agency": ("000.00.33.H39", "UBND xã Lộc Bình"), "seed": 33,
     "encoding": "tcvn3"},
    {"file": "vni-times.xlsx", "agency": ("000.00.34.H39", "UBND xã Đình Lập"), "seed": 34,
     "encoding": "vni"},
    {"file": "unicode-nfd.xlsx", "agency": ("000.00.35.H39", "Trường Chính trị Hoàng Văn Thụ"), "seed": 35,
     "nfd": True},
    {"file": "numbers-as-text.xlsx", "agency": ("000.00.36.H39", "UBND xã Bắc Sơn"), "seed": 36,
     "scale": 40, "numbers_as_text": True},
]


def expected_findings(spec, rows, legacy_cells, text_numbers):
    """The findings the form's rules call for in what was written (code, cell, values)."""
    out = []
    if legacy_cells:
        first = sorted(legacy_cells, key=lambda a: (int(a[1:]), a[0]))[0]
        out.append({"code": "text.legacy-encoding", "cell": first, "actual": len(legacy_cells)})
    for i, (_, code, _) in enumerate(BODY):
        r = FIRST_BODY_ROW + i
        row = rows[code]
        if row["1"] == 0 and row["6"] > 0:
            out.append({"code": "actual.unplanned", "cell": "J%d" % r, "actual": row["6"]})
        if row["1"] > 0 and row["6"] / row["1"] > 3:
            out.append({"code": "rate.outlier", "cell": "Q%d" % r})
    for address, (text, value) in text_numbers.items():
        out.append({"code": "cell.text-number", "cell": address, "actual": text, "expected": value})
    return out


def main(out_dir, soffice):
    check_tables()
    os.makedirs(out_dir, exist_ok=True)
    oracle = {}
    for spec in FIXTURES:
        rows = make_rows(spec["seed"], spec.get("scale", 1), spec.get("zero_rows", ()), spec.get("unplanned", ()))
        target = os.path.join(out_dir, spec["file"])
        if spec.get("libreoffice"):
            if not soffice:
                sys.exit("LibreOffice (soffice) is needed to write %s" % spec["file"])
            with tempfile.TemporaryDirectory() as tmp:
                source = os.path.join(tmp, spec["file"])
                legacy_cells, text_numbers = write_workbook(spec, rows, source)
                resave_with_libreoffice(source, target, soffice)
        else:
            legacy_cells, text_numbers = write_workbook(spec, rows, target)
        normalise_zip(target)
        values = {}
        for _, code, _ in BODY:
            row = rows[code]
            values[code] = {col: (row[col] / 10 if col in MONEY else row[col]) for col in LETTER if col != "13"}
            values[code]["13"] = rate(row) or 0
            values[code] = {col: values[code][col] for col in LETTER}
        code, name = spec["agency"]
        oracle[spec["file"]] = {
            "agency": code,
            "agencyName": name,
            "managingBody": MANAGING_BODY,
            "year": YEAR,
            "sheet": SHEET,
            "writer": "LibreOffice" if spec.get("libreoffice") else "openpyxl",
            "encoding": spec.get("encoding"),
            "normalization": "NFD" if spec.get("nfd") else "NFC",
            "totals": {c: {"plan": v["1"], "actual": v["6"]} for c, v in values.items()},
            "rows": values,
            "findings": expected_findings(spec, rows, legacy_cells, text_numbers),
            "legacyCells": len(legacy_cells),
            "texts": texts_of(spec),
        }
        print("%-24s %s, %d legacy cells, %d numbers as text" % (spec["file"], oracle[spec["file"]]["writer"], len(legacy_cells), len(text_numbers)))
    with open(os.path.join(out_dir, "fixtures.json"), "w", encoding="utf-8") as f:
        f.write(to_json(oracle))


def to_json(oracle):
    """Readable and diffable: one line per field, per row and per finding."""
    one = lambda v: json.dumps(v, ensure_ascii=False)
    files = []
    for name, entry in oracle.items():
        fields = []
        for key, value in entry.items():
            if isinstance(value, dict) and value:
                inner = ",\n".join("      %s: %s" % (one(k), one(v)) for k, v in value.items())
                fields.append("    %s: {\n%s\n    }" % (one(key), inner))
            elif isinstance(value, list) and value:
                inner = ",\n".join("      %s" % one(v) for v in value)
                fields.append("    %s: [\n%s\n    ]" % (one(key), inner))
            else:
                fields.append("    %s: %s" % (one(key), one(value)))
        files.append("  %s: {\n%s\n  }" % (one(name), ",\n".join(fields)))
    text = "{\n%s\n}\n" % ",\n".join(files)
    assert json.loads(text) == oracle
    return text


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
