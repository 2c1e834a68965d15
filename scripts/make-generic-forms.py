#!/usr/bin/python3
"""Generic statistical forms for tests/fixtures/generic/, with their manifest.

Five official layouts that are not form 01/ĐTBD (a Party organisation board's Biểu số
10-BTCTW, a Ministry of Home Affairs statistical form, a province's plan template, a commune
form without a code row, a form whose totals are formulas). For each: a blank template, three
filled copies of three agencies (one plain, one with an extra blank row inside the table, one
with the whole sheet moved down and right), one copy with a planted column error and one with
a planted row error, and .xls/.ods copies saved by LibreOffice; form 1 also in TCVN3 (.VnTime)
and VNI (VNI-Times) encodings.

Every expected value in manifest.json comes from what this script wrote: the data are drawn
from a seeded generator that keeps every relation of the form (totals, row sums, "Trong đó"
subsets, ratios), and the findings expected in the planted copies are computed from those
relations after the change. Writers: openpyxl, and LibreOffice (soffice --headless) for the
formula form (it calculates and stores the cached results), .xls and .ods.

After writing, every file is reopened: .xlsx with openpyxl, .xls/.ods through LibreOffice, and
every file is exported to CSV by LibreOffice; the numbers must be at their addresses.

Run: npm run fixtures:generic   (or /usr/bin/python3 scripts/make-generic-forms.py)
"""
from __future__ import annotations

import csv
import datetime
import io
import json
import os
import random
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import column_index_from_string, get_column_letter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "generic")
SEED = 20241231
YEAR = 2024
# openpyxl stamps "now" into docProps and the zip entries; fixed stamps keep the files stable.
FIXED_TIME = datetime.datetime(2025, 1, 10, 8, 0, 0)
ZIP_TIME = (2025, 1, 10, 8, 0, 0)
UNICODE_FONT = "Times New Roman"
RATE_TOLERANCE_PP = 0.05  # percentage points, as for rate.mismatch

# ---------------------------------------------------------------------------------------------
# Legacy Vietnamese encodings, from the TCVN 5712:1993 (VN3, "ABC") and VNI Windows code charts.
# Tone order in every row: none, sắc, huyền, hỏi, ngã, nặng.
# ---------------------------------------------------------------------------------------------
VOWELS = ["aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị",
          "oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ"]
TCVN3_VOWELS = ["a¸µ¶·¹", "¨¾»¼½Æ", "©ÊÇÈÉË", "eÐÌÎÏÑ", "ªÕÒÓÔÖ", "iÝ×ØÜÞ",
                "oãßáâä", "«èåæçé", "¬íêëìî", "uóïñòô", "\u00adøõö÷ù", "yýúûüþ"]
# The only capitals with a code of their own in .VnTime; toned capitals need the H font.
TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}
# VNI: a base letter followed by a mark character; i, ơ, ư and ỵ also have single codes.
VNI_VOWELS = ["a aù aø aû aõ aï", "aê aé aè aú aü aë", "aâ aá aà aå aã aä",
              "e eù eø eû eõ eï", "eâ eá eà eå eã eä", "i í ì æ ó ò",
              "o où oø oû oõ oï", "oâ oá oà oå oã oä", "ô ôù ôø ôû ôõ ôï",
              "u uù uø uû uõ uï", "ö öù öø öû öõ öï", "y yù yø yû yõ î"]


def _tables():
    tcvn3, vni = {"đ": "®", "Đ": "§"}, {"đ": "ñ", "Đ": "Ñ"}
    for letters, t_codes, v_codes in zip(VOWELS, TCVN3_VOWELS, VNI_VOWELS):
        v_codes = v_codes.split(" ")
        for letter, t_code, v_code in zip(letters, t_codes, v_codes):
            if letter.isascii():
                continue
            tcvn3[letter] = t_code
            vni[letter] = v_code
            vni[letter.upper()] = v_code.upper()
    tcvn3.update(TCVN3_CAPITALS)
    return tcvn3, vni


TCVN3, VNI = _tables()
TCVN3_BACK = {v: k for k, v in TCVN3.items()}
VNI_BACK = {v: k for k, v in VNI.items()}


def is_heading(text: str) -> bool:
    """All capitals with at least one Vietnamese letter: typed in the H (capital) font in TCVN3."""
    return text == text.upper() and text != text.lower() and not text.isascii()


def encode_tcvn3(text: str) -> tuple[str, str]:
    """(encoded text, font). Headings go to .VnTimeH as small-letter codes, as typists did."""
    if is_heading(text):
        return "".join(TCVN3.get(ch, ch) for ch in text.lower()), ".VnTimeH"
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in TCVN3:
            out.append(TCVN3[ch])
        else:
            raise ValueError(f"TCVN3 .VnTime has no code for {ch!r} in {text!r}")
    return "".join(out), ".VnTime"


def decode_tcvn3(text: str, font: str) -> str:
    plain = "".join(TCVN3_BACK.get(ch, ch) for ch in text)
    return plain.upper() if font == ".VnTimeH" else plain


def encode_vni(text: str) -> tuple[str, str]:
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in VNI:
            out.append(VNI[ch])
        else:
            raise ValueError(f"VNI has no code for {ch!r} in {text!r}")
    return "".join(out), "VNI-Times"


def decode_vni(text: str, _font: str = "VNI-Times") -> str:
    out, i = [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if len(pair) == 2 and pair in VNI_BACK:
            out.append(VNI_BACK[pair])
            i += 2
        else:
            out.append(VNI_BACK.get(text[i], text[i]))
            i += 1
    return "".join(out)


def legacy_self_test():
    # Known spellings from the charts, both directions.
    assert encode_vni("Thực hiện") == ("Thöïc hieän", "VNI-Times")
    assert encode_vni("Người") == ("Ngöôøi", "VNI-Times")
    assert encode_vni("Lượt người") == ("Löôït ngöôøi", "VNI-Times")
    assert encode_vni("Tỷ lệ") == ("Tyû leä", "VNI-Times")
    assert encode_vni("ĐỘC LẬP") == ("ÑOÄC LAÄP", "VNI-Times")
    assert encode_tcvn3("Người") == ("Ng\u00adêi", ".VnTime")
    assert encode_tcvn3("Thực hiện") == ("Thùc hiÖn", ".VnTime")
    assert encode_tcvn3("Đơn vị") == ("§¬n vÞ", ".VnTime")
    assert encode_tcvn3("ĐÀO TẠO") == ("®µo t¹o", ".VnTimeH")
    # Every letter round-trips.
    letters = "".join(VOWELS) + "đ"
    for word in [letters, letters.upper(), "Chương trình, hình thức đào tạo, bồi dưỡng"]:
        assert decode_vni(encode_vni(word)[0]) == word, word
    assert decode_tcvn3(*encode_tcvn3(letters)) == letters
    assert decode_tcvn3(*encode_tcvn3(letters.upper())) == letters.upper()
    for small in letters:
        if not small.isascii():
            assert len(encode_tcvn3(small)[0]) == 1 and 0xA1 <= ord(encode_tcvn3(small)[0]) <= 0xFE


# ---------------------------------------------------------------------------------------------
# Form model (the generator's own; the manifest publishes it)
# ---------------------------------------------------------------------------------------------
@dataclass
class Column:
    letter: str
    kind: str                      # tt | label | unit | code | number | rate | text | note
    code: str | None = None        # the column's own code ("3"), None without a code row
    code_text: str | None = None   # the code-row text as written ("3=4+6+8")
    width: float = 11
    max: int = 40                  # a leaf value is drawn from 0..max
    follows: tuple | None = None   # (plan letter, low, high): actual = plan × U(low, high)


@dataclass
class Row:
    key: str
    label: str
    tt: str | int | None = None
    unit: str | None = None
    code: str | None = None        # Mã số
    parent: str | None = None
    relation: str | None = None    # "sum" | "subset" | None
    style: str = "item"            # total | group | item | dash | plus | subset


@dataclass
class Marker:
    text: str
    letter: str = "B"


@dataclass
class HeaderCell:
    r1: int
    c1: str
    r2: int
    c2: str
    text: str


@dataclass
class Form:
    id: str
    description: str
    features: list
    sheet: str
    header_block: object           # function(agency|None) -> list of (range, text, style)
    header_rows: tuple             # (first, last)
    header_cells: list
    code_row: int | None
    columns: list
    relations: list                # ("sum", total, [parts]) | ("subset", total, part) | ("ratio", res, num, den), by letter
    body: list                     # Row | Marker, in sheet order
    merged_markers: list           # (letter, first row key, last row key, text)
    agencies: list                 # (slug, name, header name in capitals, place, signer)
    insert_before: str             # row key before which copy 2 has an extra blank row
    planted: dict                  # kind -> (letter, row key, delta)
    declared: bool = True          # False: the relations are true in the data but no code row declares them
    formulas: bool = False
    footer: bool = False
    unit_line: str | None = None
    form_number: str = ""
    title: str = ""
    agency_line: str = ""          # text before the agency name
    extra_sheets: list = field(default_factory=list)
    plan_actual: list = field(default_factory=list)
    legacy: bool = False

    # --- derived ---
    def col(self, letter):
        return next(c for c in self.columns if c.letter == letter)

    @property
    def rows(self):
        return [b for b in self.body if isinstance(b, Row)]

    def row(self, key):
        return next(r for r in self.rows if r.key == key)

    @property
    def body_first(self):
        return (self.code_row or self.header_rows[1]) + 1

    def excel_row(self, key):
        for i, b in enumerate(self.body):
            if isinstance(b, Row) and b.key == key:
                return self.body_first + i
        raise KeyError(key)

    @property
    def body_last(self):
        return self.body_first + len(self.body) - 1

    @property
    def value_columns(self):
        return [c for c in self.columns if c.kind in ("number", "rate")]

    @property
    def number_columns(self):
        return [c for c in self.columns if c.kind == "number"]

    def sum_children(self, key):
        return [r.key for r in self.rows if r.parent == key and r.relation == "sum"]

    def header_path(self, letter):
        ci = column_index_from_string(letter)
        cells = [h for h in self.header_cells
                 if column_index_from_string(h.c1) <= ci <= column_index_from_string(h.c2)]
        return [h.text for h in sorted(cells, key=lambda h: h.r1) if h.text]


# ---------------------------------------------------------------------------------------------
# The five forms
# ---------------------------------------------------------------------------------------------
def placeholder(name, dots="……………………"):
    return name if name else dots


def form_btctw10() -> Form:
    def block(ag):
        name = ag[1] if ag else None
        caps = ag[2] if ag else "……………………"
        return [
            ("A1:D1", "ĐẢNG BỘ TỈNH LẠNG SƠN", "plain-center"),
            ("H1:K1", "Biểu số 10-BTCTW", "bold-right"),
            ("A2:D2", caps, "bold-center"),
            ("G2:K2", "ĐẢNG CỘNG SẢN VIỆT NAM", "bold-center"),
            ("A3:D3", "*", "plain-center"),
            ("A4:K4", f"KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM {YEAR}", "title"),
            ("A5:K5", f"(Số liệu tính từ ngày 01/01/{YEAR} đến ngày 31/12/{YEAR})", "italic-center"),
            ("A6:K6", f"Đơn vị báo cáo: {placeholder(name)}", "plain-center"),
        ]

    H = HeaderCell
    header = [
        H(8, "A", 10, "A", "TT"),
        H(8, "B", 10, "B", "Chương trình, hình thức đào tạo, bồi dưỡng"),
        H(8, "C", 8, "H", "Số lượt cán bộ được đào tạo, bồi dưỡng"),
        H(8, "I", 8, "K", "Kinh phí (triệu đồng)"),
        H(9, "C", 10, "C", "Tổng số"),
        H(9, "D", 9, "E", "Cán bộ cấp tỉnh"),
        H(9, "F", 9, "G", "Cán bộ cấp huyện"),
        H(9, "H", 10, "H", "Cán bộ cấp cơ sở"),
        H(9, "I", 10, "I", "Tổng số"),
        H(9, "J", 10, "J", "Ngân sách nhà nước"),
        H(9, "K", 10, "K", "Nguồn khác"),
        H(10, "D", 10, "D", "Tổng số"),
        H(10, "E", 10, "E", "Trong đó: số cán bộ lãnh đạo, quản lý"),
        H(10, "F", 10, "F", "Tổng số"),
        H(10, "G", 10, "G", "Trong đó: số cán bộ lãnh đạo, quản lý"),
    ]
    C = Column
    columns = [
        C("A", "tt", "1", "1", 8), C("B", "label", "2", "2", 50),
        C("C", "number", "3", "3=4+6+8", 10), C("D", "number", "4", "4", 10, 12),
        C("E", "number", "5", "5", 12), C("F", "number", "6", "6", 10, 25),
        C("G", "number", "7", "7", 12), C("H", "number", "8", "8", 10, 60),
        C("I", "number", "9", "9=10+11", 10), C("J", "number", "10", "10", 11, 400),
        C("K", "number", "11", "11", 10, 60),
    ]
    relations = [("sum", "C", ["D", "F", "H"]), ("subset", "D", "E"), ("subset", "F", "G"),
                 ("sum", "I", ["J", "K"])]
    R = Row
    body = [
        R("tong", "TỔNG SỐ", None, style="total"),
        R("I", "ĐÀO TẠO", "I", parent="tong", relation="sum", style="group"),
        R("I.1", "Lý luận chính trị", "1", parent="I", relation="sum"),
        R("I.1.a", "- Cao cấp", None, parent="I.1", relation="sum", style="dash"),
        R("I.1.b", "- Trung cấp", None, parent="I.1", relation="sum", style="dash"),
        R("I.1.c", "- Sơ cấp", None, parent="I.1", relation="sum", style="dash"),
        R("I.2", "Chuyên môn, nghiệp vụ", "2", parent="I", relation="sum"),
        Marker("Chia ra:"),
        R("I.2.a", "- Sau đại học", None, parent="I.2", relation="sum", style="dash"),
        R("I.2.b", "- Đại học", None, parent="I.2", relation="sum", style="dash"),
        R("I.2.c", "- Trung cấp", None, parent="I.2", relation="sum", style="dash"),
        R("II", "BỒI DƯỠNG", "II", parent="tong", relation="sum", style="group"),
        R("II.1", "Cập nhật kiến thức cho cán bộ lãnh đạo, quản lý", "1", parent="II", relation="sum"),
        R("II.2", "Bồi dưỡng nghiệp vụ công tác đảng", "2", parent="II", relation="sum"),
        R("II.3", "Bồi dưỡng lý luận chính trị cho đảng viên mới", "3", parent="II", relation="sum"),
    ]
    return Form(
        id="btctw10",
        description="Biểu số 10-BTCTW: kết quả đào tạo, bồi dưỡng cán bộ của một huyện ủy. "
                    "Cột TT và cột tên chương trình mang mã 1 và 2 trên dòng mã số, các cột số từ 3 "
                    "(3=4+6+8, 9=10+11); cột 'Trong đó: số cán bộ lãnh đạo, quản lý' (5 thuộc 4, 7 thuộc 6) "
                    "dưới tiêu đề gộp ba tầng; dòng I/II, 1/2 và các dòng '- …' dưới 'Chia ra' "
                    "(ô 'Chia ra' gộp dọc ở cột TT, và một dòng 'Chia ra:'); hai dòng '- Trung cấp' "
                    "dưới hai cha khác nhau; chân biểu có chữ ký.",
        features=["tt-label-coded", "chia-ra-merged", "chia-ra-row", "subset-columns",
                  "headers-3-levels", "footer", "duplicate-label-other-parent", "legacy-tcvn3", "legacy-vni",
                  "xls", "ods"],
        sheet="Biểu 10-BTCTW",
        header_block=block,
        header_rows=(8, 10),
        header_cells=header,
        code_row=11,
        columns=columns,
        relations=relations,
        body=body,
        merged_markers=[("A", "I.1.a", "I.1.c", "Chia ra")],
        agencies=[("chi-lang", "Huyện ủy Chi Lăng", "HUYỆN ỦY CHI LĂNG", "Chi Lăng", "Hoàng Văn Thành"),
                  ("huu-lung", "Huyện ủy Hữu Lũng", "HUYỆN ỦY HỮU LŨNG", "Hữu Lũng", "Lương Thị Hạnh"),
                  ("dinh-lap", "Huyện ủy Đình Lập", "HUYỆN ỦY ĐÌNH LẬP", "Đình Lập", "Nông Văn Dũng")],
        insert_before="II.2",
        planted={"column": ("C", "I.1.b", 7), "row": ("E", "tong", 3)},
        footer=True,
        form_number="Biểu số 10-BTCTW",
        title=f"KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM {YEAR}",
        agency_line="Đơn vị báo cáo:",
        legacy=True,
    )


def form_bnv() -> Form:
    def block(ag):
        name = ag[1] if ag else None
        return [
            ("A1:C1", "Biểu số 05.N/BNV-ĐTBD", "bold-left"),
            ("G1:J1", f"Đơn vị báo cáo: {placeholder(name)}", "plain-left"),
            ("A2:C2", "Ban hành kèm theo hệ thống biểu mẫu thống kê ngành Nội vụ", "italic-left"),
            ("G2:J2", "Đơn vị nhận báo cáo: Bộ Nội vụ", "plain-left"),
            ("A3:C3", "Ngày nhận báo cáo: 15/01 năm sau", "italic-left"),
            ("A4:J4", f"SỐ LƯỢNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC ĐƯỢC ĐÀO TẠO, BỒI DƯỠNG NĂM {YEAR}", "title"),
            ("A5:J5", f"(Có đến ngày 31 tháng 12 năm {YEAR})", "italic-center"),
            ("H6:J6", "Đơn vị tính: Lượt người", "italic-right"),
        ]

    H = HeaderCell
    header = [
        H(7, "A", 9, "A", "Chỉ tiêu"), H(7, "B", 9, "B", "Mã số"),
        H(7, "C", 7, "I", "Kết quả thực hiện"), H(7, "J", 9, "J", "Ghi chú"),
        H(8, "C", 9, "C", "Tổng số"), H(8, "D", 8, "F", "Đào tạo"), H(8, "G", 8, "I", "Bồi dưỡng"),
        H(9, "D", 9, "D", "Tổng số"), H(9, "E", 9, "E", "Trong nước"), H(9, "F", 9, "F", "Nước ngoài"),
        H(9, "G", 9, "G", "Tổng số"), H(9, "H", 9, "H", "Trong nước"), H(9, "I", 9, "I", "Nước ngoài"),
    ]
    C = Column
    columns = [
        C("A", "label", "A", "A", 48), C("B", "code", "B", "B", 8),
        C("C", "number", "1", "1=2+5", 10), C("D", "number", "2", "2=3+4", 10),
        C("E", "number", "3", "3", 10, 30), C("F", "number", "4", "4", 10, 3),
        C("G", "number", "5", "5=6+7", 10), C("H", "number", "6", "6", 10, 250),
        C("I", "number", "7", "7", 10, 4), C("J", "note", "C", "C", 14),
    ]
    relations = [("sum", "C", ["D", "G"]), ("sum", "D", ["E", "F"]), ("sum", "G", ["H", "I"])]
    R = Row
    body = [
        R("tong", "Tổng số", code="01", style="total"),
        R("nu", "Trong đó: Nữ", code="02", parent="tong", relation="subset", style="subset"),
        R("dtts", "Trong đó: Người dân tộc thiểu số", code="03", parent="tong", relation="subset", style="subset"),
        R("cb", "- Cán bộ", code="04", parent="tong", relation="sum", style="dash"),
        R("cc", "- Công chức", code="05", parent="tong", relation="sum", style="dash"),
        R("cc.t", "+ Công chức cấp tỉnh", code="06", parent="cc", relation="sum", style="plus"),
        R("cc.h", "+ Công chức cấp huyện", code="07", parent="cc", relation="sum", style="plus"),
        R("cc.x", "+ Công chức cấp xã", code="08", parent="cc", relation="sum", style="plus"),
        R("vc", "- Viên chức", code="09", parent="tong", relation="sum", style="dash"),
        R("vc.gd", "+ Sự nghiệp giáo dục và đào tạo", code="10", parent="vc", relation="sum", style="plus"),
        R("vc.yt", "+ Sự nghiệp y tế", code="11", parent="vc", relation="sum", style="plus"),
        R("vc.k", "+ Sự nghiệp khác", code="12", parent="vc", relation="sum", style="plus"),
    ]
    for r in body:
        r.unit = "Lượt người"
    explain = [
        "GIẢI THÍCH VÀ HƯỚNG DẪN CÁCH GHI BIỂU",
        "1. Nội dung: số lượt cán bộ, công chức, viên chức được cử đi đào tạo, bồi dưỡng trong năm.",
        "2. Cột 1 = cột 2 + cột 5; cột 2 = cột 3 + cột 4; cột 5 = cột 6 + cột 7.",
        "3. Mã số 01 = 04 + 05 + 09; mã số 05 = 06 + 07 + 08; mã số 09 = 10 + 11 + 12.",
        "4. Mã số 02, 03 là số trong đó, không cộng vào mã số 01.",
    ]
    return Form(
        id="bnv-dtbd",
        description="Biểu thống kê của ngành Nội vụ: số lượt cán bộ, công chức, viên chức được đào tạo, "
                    "bồi dưỡng. Cột 'Chỉ tiêu' và 'Mã số' (mã A, B trên dòng mã số), tiêu đề gộp ba tầng "
                    "'Kết quả thực hiện' > 'Đào tạo'/'Bồi dưỡng' > 'Trong nước'/'Nước ngoài'; dòng "
                    "'Trong đó: Nữ', 'Trong đó: Người dân tộc thiểu số' (tập con của Tổng số, không phải "
                    "phần cộng); cây hai tầng '- / +'; dòng 'Đơn vị tính: Lượt người'; trang thứ hai "
                    "'Giải thích' chỉ có chữ.",
        features=["code-column", "headers-3-levels", "subset-rows", "dash-plus-tree", "unit-line",
                  "nested-column-sums", "second-sheet-text", "xls", "ods"],
        sheet="Biểu 05.N",
        header_block=block,
        header_rows=(7, 9),
        header_cells=header,
        code_row=10,
        columns=columns,
        relations=relations,
        body=body,
        merged_markers=[],
        agencies=[("lang-son", "UBND tỉnh Lạng Sơn", "UBND TỈNH LẠNG SƠN", "Lạng Sơn", "Vi Văn Hùng"),
                  ("cao-bang", "UBND tỉnh Cao Bằng", "UBND TỈNH CAO BẰNG", "Cao Bằng", "Đàm Thị Lan"),
                  ("bac-kan", "UBND tỉnh Bắc Kạn", "UBND TỈNH BẮC KẠN", "Bắc Kạn", "Hà Văn Quân")],
        insert_before="cc.h",
        planted={"column": ("C", "vc.gd", 7), "row": ("H", "cc.t", 4)},
        unit_line="Đơn vị tính: Lượt người",
        form_number="Biểu số 05.N/BNV-ĐTBD",
        title=f"SỐ LƯỢNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC ĐƯỢC ĐÀO TẠO, BỒI DƯỠNG NĂM {YEAR}",
        agency_line="Đơn vị báo cáo:",
        extra_sheets=[("Giải thích", explain)],
    )


def form_plan() -> Form:
    def block(ag):
        name = ag[1] if ag else None
        caps = ag[2] if ag else "……………………"
        return [
            ("A1:C1", "UBND TỈNH LẠNG SƠN", "plain-center"),
            ("F1:K1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold-center"),
            ("A2:C2", caps, "bold-center"),
            ("F2:K2", "Độc lập - Tự do - Hạnh phúc", "bold-center"),
            ("J3:K3", "Mẫu số 02", "italic-right"),
            ("A4:K4", f"KẾ HOẠCH VÀ KẾT QUẢ THỰC HIỆN ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM {YEAR}", "title"),
            ("A5:K5", f"Tên cơ quan, đơn vị: {placeholder(name)}", "plain-center"),
        ]

    H = HeaderCell
    header = [
        H(7, "A", 8, "A", "TT"), H(7, "B", 8, "B", "Nội dung đào tạo, bồi dưỡng"),
        H(7, "C", 8, "C", "Đơn vị tính"), H(7, "D", 7, "F", f"Kế hoạch năm {YEAR}"),
        H(7, "G", 7, "I", f"Thực hiện năm {YEAR}"), H(7, "J", 8, "J", "Tỷ lệ thực hiện (%)"),
        H(7, "K", 8, "K", "Ghi chú"),
        H(8, "D", 8, "D", "Tổng số"), H(8, "E", 8, "E", "Cán bộ, công chức"), H(8, "F", 8, "F", "Viên chức"),
        H(8, "G", 8, "G", "Tổng số"), H(8, "H", 8, "H", "Cán bộ, công chức"), H(8, "I", 8, "I", "Viên chức"),
    ]
    C = Column
    columns = [
        C("A", "tt", "A", "A", 6), C("B", "label", "B", "B", 56), C("C", "unit", "C", "C", 12),
        C("D", "number", "1", "1=2+3", 10), C("E", "number", "2", "2", 11, 30), C("F", "number", "3", "3", 10, 25),
        C("G", "number", "4", "4=5+6", 10), C("H", "number", "5", "5", 11, follows=("E", 0.6, 1.3)),
        C("I", "number", "6", "6", 10, follows=("F", 0.6, 1.3)),
        C("J", "rate", "7", "7=4/1", 11), C("K", "note", "8", "8", 18),
    ]
    relations = [("sum", "D", ["E", "F"]), ("sum", "G", ["H", "I"]), ("ratio", "J", "G", "D")]
    R = Row
    P, L = "Người", "Lượt người"
    body = [
        R("I", "ĐÀO TẠO", "I", P, style="group"),
        R("I.1", "Đào tạo trình độ thạc sĩ, tiến sĩ", 1, P, parent="I", relation="sum"),
        R("I.2", "Lý luận chính trị cao cấp", 2, P, parent="I", relation="sum"),
        R("I.3", "Lý luận chính trị trung cấp", 3, P, parent="I", relation="sum"),
        R("II", "BỒI DƯỠNG", "II", L, style="group"),
        R("II.1", "Bồi dưỡng theo tiêu chuẩn ngạch công chức", 1, L, parent="II", relation="sum"),
        R("II.2", "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp viên chức", 2, L, parent="II", relation="sum"),
        R("II.3", "Bồi dưỡng lãnh đạo, quản lý cấp phòng", 3, L, parent="II", relation="sum"),
        R("II.4", "Bồi dưỡng kiến thức quốc phòng và an ninh", 4, L, parent="II", relation="sum"),
        R("II.5", "Bồi dưỡng kỹ năng, nghiệp vụ chuyên ngành", 5, L, parent="II", relation="sum"),
        R("II.5.a", "- Học tập trung", None, L, parent="II.5", relation="sum", style="dash"),
        R("II.5.b", "- Học trực tuyến", None, L, parent="II.5", relation="sum", style="dash"),
    ]
    return Form(
        id="kh-tinh",
        description="Mẫu kế hoạch và kết quả đào tạo, bồi dưỡng của tỉnh (Mẫu số 02): kế hoạch (1=2+3) và "
                    "thực hiện (4=5+6) theo cặp, cột 'Tỷ lệ thực hiện (%)' 7=4/1 lưu dạng tỷ số với định "
                    "dạng phần trăm, cột TT ghi số thật (ô số 1, 2, … chứ không phải chữ), cột 'Đơn vị tính' "
                    "theo từng dòng (Người / Lượt người), cột 'Ghi chú' mang mã 8, dòng tên cơ quan "
                    "'Tên cơ quan, đơn vị:', chân biểu có chữ ký.",
        features=["plan-actual", "ratio-column", "tt-numeric", "unit-column", "note-column-coded",
                  "footer", "xls", "ods"],
        sheet=f"KH ĐTBD {YEAR}",
        header_block=block,
        header_rows=(7, 8),
        header_cells=header,
        code_row=9,
        columns=columns,
        relations=relations,
        body=body,
        merged_markers=[],
        agencies=[("so-xay-dung", "Sở Xây dựng", "SỞ XÂY DỰNG", "Lạng Sơn", "Trần Minh Đức"),
                  ("so-cong-thuong", "Sở Công Thương", "SỞ CÔNG THƯƠNG", "Lạng Sơn", "Lý Thị Thu"),
                  ("so-tai-chinh", "Sở Tài chính", "SỞ TÀI CHÍNH", "Lạng Sơn", "Phùng Văn Lộc")],
        insert_before="II.3",
        planted={"column": ("G", "I.3", 7), "row": ("E", "II", 3)},
        footer=True,
        form_number="Mẫu số 02",
        title=f"KẾ HOẠCH VÀ KẾT QUẢ THỰC HIỆN ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM {YEAR}",
        agency_line="Tên cơ quan, đơn vị:",
        plan_actual=[("D", "G"), ("E", "H"), ("F", "I")],
    )


def form_no_code() -> Form:
    def block(ag):
        name = ag[1] if ag else None
        caps = ag[2] if ag else "……………………"
        return [
            ("A1:C1", "UBND HUYỆN CAO LỘC", "plain-center"),
            ("E1:G1", "Biểu số 03/BD-CX", "bold-right"),
            ("A2:C2", caps, "bold-center"),
            ("A4:G4", f"TỔNG HỢP KẾT QUẢ BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM {YEAR}", "title"),
            ("A5:G5", f"Đơn vị báo cáo: {placeholder(name)}", "plain-center"),
            ("F6:G6", "Đvt: lượt người", "italic-right"),
        ]

    H = HeaderCell
    header = [
        H(7, "A", 8, "A", "STT"), H(7, "B", 8, "B", "Nội dung bồi dưỡng"), H(7, "C", 8, "C", "Tổng số"),
        H(7, "D", 7, "F", "Chia ra"), H(7, "G", 8, "G", "Ghi chú"),
        H(8, "D", 8, "D", "Cán bộ"), H(8, "E", 8, "E", "Công chức"),
        H(8, "F", 8, "F", "Người hoạt động không chuyên trách"),
    ]
    C = Column
    columns = [
        C("A", "tt", width=6), C("B", "label", width=44), C("C", "number", width=10),
        C("D", "number", width=10, max=12), C("E", "number", width=10, max=15),
        C("F", "number", width=14, max=20), C("G", "note", width=14),
    ]
    relations = [("sum", "C", ["D", "E", "F"])]
    R = Row
    body = [
        R("I", "Bồi dưỡng kiến thức quản lý nhà nước", "I", parent="tong", relation="sum", style="group"),
        R("I.1", "Quản lý hành chính nhà nước", "1", parent="I", relation="sum"),
        R("I.2", "Cải cách hành chính, chuyển đổi số", "2", parent="I", relation="sum"),
        R("I.3", "Kỹ năng giao tiếp, ứng xử với Nhân dân", "3", parent="I", relation="sum"),
        R("II", "Bồi dưỡng chuyên môn, nghiệp vụ", "II", parent="tong", relation="sum", style="group"),
        R("II.1", "Tư pháp - hộ tịch", "1", parent="II", relation="sum"),
        R("II.2", "Địa chính - xây dựng", "2", parent="II", relation="sum"),
        R("II.3", "Văn hóa - xã hội", "3", parent="II", relation="sum"),
        R("tong", "Tổng cộng", None, style="total"),
    ]
    for r in body:
        r.unit = "lượt người"
    return Form(
        id="xa-khong-ma",
        description="Biểu tổng hợp kết quả bồi dưỡng cán bộ, công chức cấp xã (Biểu số 03/BD-CX) không "
                    "có dòng mã số cột: tiêu đề hai tầng với nhóm 'Chia ra' trên ba cột, dòng 'Đvt: lượt "
                    "người', dòng 'Tổng cộng' ở cuối bảng (= I + II), trang tên 'Sheet1'. Quan hệ 'Tổng "
                    "số = Cán bộ + Công chức + Người hoạt động không chuyên trách' đúng trong số liệu "
                    "nhưng không có dòng mã số nào khai báo nó.",
        features=["no-code-row", "unit-line-short", "total-row-at-bottom", "chia-ra-column-header", "footer"],
        sheet="Sheet1",
        header_block=block,
        header_rows=(7, 8),
        header_cells=header,
        code_row=None,
        columns=columns,
        relations=relations,
        body=body,
        merged_markers=[],
        agencies=[("hop-thanh", "UBND xã Hợp Thành", "UBND XÃ HỢP THÀNH", "Hợp Thành", "Lộc Văn Tâm"),
                  ("tan-lien", "UBND xã Tân Liên", "UBND XÃ TÂN LIÊN", "Tân Liên", "Chu Thị Mai"),
                  ("gia-cat", "UBND xã Gia Cát", "UBND XÃ GIA CÁT", "Gia Cát", "Hoàng Văn Bình")],
        insert_before="II.2",
        planted={"column": ("C", "I.2", 7), "row": ("D", "II.1", 3)},
        declared=False,
        footer=True,
        unit_line="Đvt: lượt người",
        form_number="Biểu số 03/BD-CX",
        title=f"TỔNG HỢP KẾT QUẢ BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM {YEAR}",
        agency_line="Đơn vị báo cáo:",
    )


def form_formulas() -> Form:
    def block(ag):
        name = ag[1] if ag else None
        caps = ag[2] if ag else "……………………"
        return [
            ("A1:C1", "UBND TỈNH LẠNG SƠN", "plain-center"),
            ("G1:J1", "Biểu số 02/KQBD", "bold-right"),
            ("A2:C2", caps, "bold-center"),
            ("A4:J4", f"KẾT QUẢ MỞ LỚP BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM {YEAR}", "title"),
            ("A5:J5", f"Đơn vị báo cáo: {placeholder(name)}", "plain-center"),
        ]

    H = HeaderCell
    header = [
        H(7, "A", 8, "A", "STT"), H(7, "B", 8, "B", "Tên lớp bồi dưỡng"), H(7, "C", 8, "C", "Số lớp"),
        H(7, "D", 8, "D", "Tổng số học viên"), H(7, "E", 7, "G", "Chia ra"), H(7, "H", 7, "I", "Trong đó"),
        H(7, "J", 8, "J", "Kinh phí (triệu đồng)"),
        H(8, "E", 8, "E", "Cán bộ"), H(8, "F", 8, "F", "Công chức"), H(8, "G", 8, "G", "Viên chức"),
        H(8, "H", 8, "H", "Nữ"), H(8, "I", 8, "I", "Người dân tộc thiểu số"),
    ]
    C = Column
    columns = [
        C("A", "tt", "A", "A", 6), C("B", "label", "B", "B", 52), C("C", "number", "1", "1", 8, 4),
        C("D", "number", "2", "2=3+4+5", 10), C("E", "number", "3", "3", 9, 15), C("F", "number", "4", "4", 10, 60),
        C("G", "number", "5", "5", 10, 45), C("H", "number", "6", "6", 9), C("I", "number", "7", "7", 12),
        C("J", "number", "8", "8", 11, 250),
    ]
    relations = [("sum", "D", ["E", "F", "G"]), ("subset", "D", "H"), ("subset", "D", "I")]
    R = Row
    body = [
        R("tong", "TỔNG CỘNG", None, style="total"),
        R("I", "Lớp bồi dưỡng theo tiêu chuẩn ngạch, chức danh", "I", parent="tong", relation="sum", style="group"),
        R("I.1", "Bồi dưỡng ngạch chuyên viên", "1", parent="I", relation="sum"),
        R("I.2", "Bồi dưỡng ngạch chuyên viên chính", "2", parent="I", relation="sum"),
        R("I.3", "Bồi dưỡng chức danh nghề nghiệp viên chức", "3", parent="I", relation="sum"),
        R("II", "Lớp bồi dưỡng theo vị trí việc làm", "II", parent="tong", relation="sum", style="group"),
        R("II.1", "Kỹ năng soạn thảo văn bản hành chính", "1", parent="II", relation="sum"),
        R("II.2", "Chuyển đổi số trong cơ quan nhà nước", "2", parent="II", relation="sum"),
        R("II.3", "Kỹ năng lãnh đạo, quản lý", "3", parent="II", relation="sum"),
    ]
    return Form(
        id="cong-thuc",
        description="Biểu số 02/KQBD: kết quả mở lớp bồi dưỡng của một sở, các ô tổng là công thức "
                    "(cột 2 = E+F+G trên mọi dòng, dòng I/II = SUM các dòng con, dòng TỔNG CỘNG = I + II). "
                    "Viết bằng openpyxl rồi LibreOffice mở, tính lại và lưu .xlsx: tệp do LibreOffice "
                    "ghi (công thức kèm giá trị đã tính) là tệp được dùng. Nhóm cột 'Trong đó' > 'Nữ' / "
                    "'Người dân tộc thiểu số' là tập con của cột 2.",
        features=["formulas-libreoffice-cached", "subset-columns-grouped", "chia-ra-column-header", "xls", "ods"],
        sheet="Biểu 02",
        header_block=block,
        header_rows=(7, 8),
        header_cells=header,
        code_row=9,
        columns=columns,
        relations=relations,
        body=body,
        merged_markers=[],
        agencies=[("so-tu-phap", "Sở Tư pháp", "SỞ TƯ PHÁP", "Lạng Sơn", "Nguyễn Thị Hoa"),
                  ("so-y-te", "Sở Y tế", "SỞ Y TẾ", "Lạng Sơn", "Đinh Văn Hải"),
                  ("so-gd-dt", "Sở Giáo dục và Đào tạo", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Lạng Sơn", "Vy Thị Ngọc")],
        insert_before="II.2",
        planted={"column": ("D", "I.2", 7), "row": ("F", "II", 3)},
        formulas=True,
        form_number="Biểu số 02/KQBD",
        title=f"KẾT QUẢ MỞ LỚP BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM {YEAR}",
        agency_line="Đơn vị báo cáo:",
    )


FORMS = [form_btctw10, form_bnv, form_plan, form_no_code, form_formulas]


# ---------------------------------------------------------------------------------------------
# Data: consistent values drawn from a seeded generator
# ---------------------------------------------------------------------------------------------
@dataclass
class Cell:
    value: float | int | None      # None: no value (blank rate)
    blank: bool = False            # written as an empty cell (counts as 0)
    deps: list | None = None       # formula: sum of these (row key, letter) cells


def sums_of(form):
    return [r for r in form.relations if r[0] == "sum"]


def column_order(form):
    """Letters of number columns: drawn ones first, then totals in dependency order."""
    totals = {r[1]: r[2] for r in sums_of(form)}
    subset_parts = {r[2]: r[1] for r in form.relations if r[0] == "subset"}
    drawn = [c.letter for c in form.number_columns if c.letter not in totals and c.letter not in subset_parts]
    drawn.sort(key=lambda l: form.col(l).follows is not None)
    ordered, done = [], set(drawn)
    while len(ordered) < len(totals):
        for t, parts in totals.items():
            if t not in done and all(p in done for p in parts):
                ordered.append(t)
                done.add(t)
    return drawn, ordered, subset_parts


def fill_row(form, rng, vals, key, ceiling=None):
    """Values of one leaf row (or one 'Trong đó' row, each value ≤ its ceiling row)."""
    drawn, totals, subset_parts = column_order(form)
    sums = {r[1]: r[2] for r in sums_of(form)}
    for letter in drawn:
        col = form.col(letter)
        if ceiling is not None:
            top = vals[(ceiling, letter)]
            v = rng.randint(int(top * 0.15), int(top * 0.6)) if top else 0
        elif col.follows:
            plan_letter, lo, hi = col.follows
            v = round(vals[(key, plan_letter)] * rng.uniform(lo, hi))
        elif rng.random() < 0.22:
            v = 0
        else:
            v = rng.randint(1, col.max)
        vals[(key, letter)] = v
    for t in totals:
        vals[(key, t)] = sum(vals[(key, p)] for p in sums[t])
    for part, total in subset_parts.items():
        own = vals[(key, total)]
        v = rng.randint(0, own // 2 + (1 if own else 0)) if own else 0
        v = min(v, own)
        if ceiling is not None:
            v = min(v, vals[(ceiling, part)])
        vals[(key, part)] = v


def post_order(form):
    """Row keys, children before their parent ('Trong đó' rows are drawn afterwards)."""
    out = []

    def visit(key):
        for child in form.sum_children(key):
            visit(child)
        out.append(key)

    for r in form.rows:
        if r.parent is None:
            visit(r.key)
    return out


def generate(form, rng) -> dict:
    vals = {}
    for key in post_order(form):
        children = form.sum_children(key)
        if not children:
            fill_row(form, rng, vals, key)
        else:
            for c in form.number_columns:
                vals[(key, c.letter)] = sum(vals[(ch, c.letter)] for ch in children)
    for r in form.rows:
        if r.relation == "subset":
            fill_row(form, rng, vals, r.key, ceiling=r.parent)
    cells = {}
    for r in form.rows:
        leaf = not form.sum_children(r.key)
        for c in form.number_columns:
            v = vals[(r.key, c.letter)]
            blank = v == 0 and rng.random() < (0.7 if leaf else 0.4)
            cells[(r.key, c.letter)] = Cell(v, blank)
    if form.formulas:
        add_formulas(form, cells)
    set_rates(form, cells)
    return cells


def add_formulas(form, cells):
    """Totals as formulas: total columns sum their parts on every row, parent rows sum their children."""
    sums = {r[1]: r[2] for r in sums_of(form)}
    for r in form.rows:
        children = form.sum_children(r.key)
        for c in form.number_columns:
            cell = cells[(r.key, c.letter)]
            if c.letter in sums:
                cell.deps = [(r.key, p) for p in sums[c.letter]]
            elif children:
                cell.deps = [(ch, c.letter) for ch in children]
            if cell.deps:
                cell.blank = False


def set_rates(form, cells):
    for rel in form.relations:
        if rel[0] != "ratio":
            continue
        _, res, num, den = rel
        for r in form.rows:
            d, n = num_value(cells[(r.key, den)]), num_value(cells[(r.key, num)])
            cells[(r.key, res)] = Cell(round(n / d, 4) if d else None, blank=not d)


def num_value(cell):
    return 0 if cell is None or cell.value is None else cell.value


def evaluate_formulas(form, cells):
    memo = {}

    def value(k):
        if k in memo:
            return memo[k]
        cell = cells[k]
        v = sum(value(d) for d in cell.deps) if cell.deps else num_value(cell)
        memo[k] = v
        return v

    for k, cell in cells.items():
        if cell.deps:
            cell.value = value(k)


def template_cells(form) -> dict:
    cells = {}
    for r in form.rows:
        for c in form.value_columns:
            cells[(r.key, c.letter)] = Cell(None if c.kind == "rate" else 0, blank=True)
    if form.formulas:
        add_formulas(form, cells)
        evaluate_formulas(form, cells)
    return cells


# ---------------------------------------------------------------------------------------------
# Findings that the relations imply (cells as template addresses)
# ---------------------------------------------------------------------------------------------
SEVERITY = {"sum.columns": "error", "sum.rows": "error", "subset.exceeds": "error", "rate.mismatch": "warning"}


def findings(form, cells, relations=None):
    relations = form.relations if relations is None else relations
    out = []
    v = lambda key, letter: num_value(cells.get((key, letter)))
    for r in form.rows:
        for rel in relations:
            if rel[0] == "sum" and v(r.key, rel[1]) != sum(v(r.key, p) for p in rel[2]):
                out.append(("sum.columns", r.key, rel[1]))
            if rel[0] == "subset" and v(r.key, rel[2]) > v(r.key, rel[1]):
                out.append(("subset.exceeds", r.key, rel[2]))
            if rel[0] == "ratio":
                den, num, typed = v(r.key, rel[3]), v(r.key, rel[2]), cells[(r.key, rel[1])].value
                if den and (typed is None or abs(typed - num / den) * 100 > RATE_TOLERANCE_PP):
                    out.append(("rate.mismatch", r.key, rel[1]))
    for r in form.rows:
        children = form.sum_children(r.key)
        for c in form.number_columns:
            if children and v(r.key, c.letter) != sum(v(ch, c.letter) for ch in children):
                out.append(("sum.rows", r.key, c.letter))
            if r.relation == "subset" and v(r.key, c.letter) > v(r.parent, c.letter):
                out.append(("subset.exceeds", r.key, c.letter))
    return out


# ---------------------------------------------------------------------------------------------
# Writing a sheet
# ---------------------------------------------------------------------------------------------
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass
class Layout:
    kind: str = "plain"            # plain | extra-blank-row | moved
    dr: int = 0
    dc: int = 0
    insert_at: int | None = None   # template row before which a blank row is inserted

    def row(self, r):
        return r + self.dr + (1 if self.insert_at is not None and r >= self.insert_at else 0)

    def col(self, letter):
        return get_column_letter(column_index_from_string(letter) + self.dc)

    def addr(self, letter, r):
        return f"{self.col(letter)}{self.row(r)}"

    def rng(self, ref):
        a, b = ref.split(":") if ":" in ref else (ref, ref)
        (ca, ra), (cb, rb) = split_addr(a), split_addr(b)
        return f"{self.addr(ca, ra)}:{self.addr(cb, rb)}"


def split_addr(a):
    letters = "".join(ch for ch in a if ch.isalpha())
    return letters, int(a[len(letters):])


class Text:
    """Unicode, or a legacy encoding with its font."""

    def __init__(self, encoding="unicode"):
        self.encoding = encoding

    def __call__(self, text):
        assert unicodedata.is_normalized("NFC", text), text
        if self.encoding == "tcvn3":
            return encode_tcvn3(text)
        if self.encoding == "vni":
            return encode_vni(text)
        return text, UNICODE_FONT

    @property
    def base_font(self):
        return {"tcvn3": ".VnTime", "vni": "VNI-Times"}.get(self.encoding, UNICODE_FONT)


STYLES = {
    "plain-center": dict(align="center"), "plain-left": dict(align="left"),
    "bold-center": dict(bold=True, align="center"), "bold-left": dict(bold=True, align="left"),
    "bold-right": dict(bold=True, align="right"), "italic-center": dict(italic=True, align="center"),
    "italic-left": dict(italic=True, align="left"), "italic-right": dict(italic=True, align="right"),
    "title": dict(bold=True, align="center", size=14),
}


def write_text(ws, lay, enc, ref, text, bold=False, italic=False, align="left", size=12, border=False,
               wrap=False, valign="center", indent=0, log=None):
    target = lay.rng(ref)
    first = target.split(":")[0]
    if ":" in target and target.split(":")[0] != target.split(":")[1]:
        ws.merge_cells(target)
    value, font = enc(text) if isinstance(text, str) else (text, enc.base_font)
    cell = ws[first]
    cell.value = value
    if log is not None and isinstance(text, str):
        log.append({"cell": first, "templateCell": ref.split(":")[0], "stored": value, "font": font, "text": text})
    cell.font = Font(name=font, size=size, bold=bold, italic=italic)
    cell.alignment = Alignment(horizontal=align, vertical=valign, wrap_text=wrap, indent=indent)
    if border:
        for row in ws[target]:
            for c in (row if isinstance(row, tuple) else (row,)):
                c.border = BORDER


def formula_text(form, lay, deps):
    """=SUM(first:last) over a contiguous block of rows of one column, else a + b + …"""
    addrs = [(form.excel_row(k), letter) for k, letter in deps]
    letters = {a[1] for a in addrs}
    rows = [a[0] for a in addrs]
    if len(letters) == 1 and len(rows) > 2 and rows == list(range(rows[0], rows[0] + len(rows))):
        letter = letters.pop()
        return f"=SUM({lay.addr(letter, rows[0])}:{lay.addr(letter, rows[-1])})"
    return "=" + "+".join(lay.addr(letter, r) for r, letter in addrs)


def write_form(form, path, agency, cells, lay, enc, notes=None):
    wb = Workbook()
    ws = wb.active
    written = []  # every text cell: template address, address in this file, stored text, font, Unicode text

    def put(ref, text, **style):
        write_text(ws, lay, enc, ref, text, log=written, **style)

    ws.title = enc(form.sheet)[0]
    first_col, last_col = form.columns[0].letter, form.columns[-1].letter
    for c in form.columns:
        ws.column_dimensions[lay.col(c.letter)].width = c.width
    for i in range(lay.dc):
        ws.column_dimensions[get_column_letter(i + 1)].width = 3
    # header block
    for ref, text, style in form.header_block(agency):
        put(ref, text, **STYLES[style])
    # column headers and code row
    for h in form.header_cells:
        put(f"{h.c1}{h.r1}:{h.c2}{h.r2}", h.text, bold=True, align="center",
                   border=True, wrap=True)
    for r in range(form.header_rows[0], form.header_rows[1] + 1):
        ws.row_dimensions[lay.row(r)].height = 62 if r == form.header_rows[1] else 30
    if form.code_row:
        for c in form.columns:
            put(f"{c.letter}{form.code_row}", c.code_text, italic=True, align="center",
                       border=True, size=11)
    # body
    merged = {}
    for letter, k1, k2, text in form.merged_markers:
        merged[form.excel_row(k1)] = (letter, form.excel_row(k2), text)
    covered = {(letter, r) for letter, (r1, r2) in
               ((m[0], (form.excel_row(m[1]), form.excel_row(m[2]))) for m in form.merged_markers)
               for r in range(r1, r2 + 1)}
    for i, b in enumerate(form.body):
        r = form.body_first + i
        for c in form.columns:
            ws[lay.addr(c.letter, r)].border = BORDER
        if isinstance(b, Marker):
            put(f"{b.letter}{r}", b.text, italic=True, border=True)
            continue
        bold = b.style in ("total", "group")
        italic = b.style == "subset"
        indent = {"dash": 1, "plus": 2}.get(b.style, 0) if form.id == "bnv-dtbd" else 0
        for c in form.columns:
            ref = f"{c.letter}{r}"
            if (c.letter, r) in covered:
                if r in merged and merged[r][0] == c.letter:
                    letter, r2, text = merged[r]
                    put(f"{letter}{r}:{letter}{r2}", text, italic=True, align="center",
                               border=True, wrap=True)
                continue
            if c.kind == "tt" and b.tt is not None:
                put(ref, b.tt, bold=bold, align="center", border=True)
            elif c.kind == "label":
                put(ref, b.label, bold=bold, italic=italic, border=True, wrap=True,
                           indent=indent)
            elif c.kind == "code" and b.code:
                put(ref, b.code, align="center", border=True)
            elif c.kind == "unit" and b.unit:
                put(ref, b.unit, align="center", border=True)
            elif c.kind == "note" and notes and b.key in notes:
                put(ref, notes[b.key], italic=True, border=True, wrap=True, size=11)
            elif c.kind in ("number", "rate"):
                cell = cells[(b.key, c.letter)]
                target = ws[lay.addr(c.letter, r)]
                if cell.deps:
                    target.value = formula_text(form, lay, cell.deps)
                elif not cell.blank and cell.value is not None:
                    target.value = cell.value
                target.font = Font(name=enc.base_font, size=12, bold=bold, italic=italic)
                target.alignment = Alignment(horizontal="right", vertical="center")
                target.number_format = "0.0%" if c.kind == "rate" else "#,##0"
    if lay.insert_at is not None:
        blank_row = lay.row(lay.insert_at) - 1
        for c in form.columns:
            ws[f"{lay.col(c.letter)}{blank_row}"].border = BORDER
    # footer
    if form.footer:
        top = form.body_last + 2
        place, signer = (agency[3], agency[4]) if agency else ("……", None)
        date = f"{place}, ngày 10 tháng 01 năm {YEAR + 1}" if agency else "……, ngày … tháng … năm ……"
        left, right = first_col, get_column_letter(column_index_from_string(last_col) - 4)
        left_end = get_column_letter(column_index_from_string(first_col) + 1)
        items = [
            (f"{right}{top}:{last_col}{top}", date, dict(italic=True, align="center")),
            (f"{left}{top + 1}:{left_end}{top + 1}", "NGƯỜI LẬP BIỂU", dict(bold=True, align="center")),
            (f"{right}{top + 1}:{last_col}{top + 1}", "THỦ TRƯỞNG ĐƠN VỊ", dict(bold=True, align="center")),
            (f"{left}{top + 2}:{left_end}{top + 2}", "(Ký, ghi rõ họ tên)", dict(italic=True, align="center")),
            (f"{right}{top + 2}:{last_col}{top + 2}", "(Ký tên, đóng dấu)", dict(italic=True, align="center")),
        ]
        if signer:
            items.append((f"{right}{top + 6}:{last_col}{top + 6}", signer, dict(bold=True, align="center")))
        for ref, text, st in items:
            put(ref, text, **st)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    for name, lines in form.extra_sheets:
        extra = wb.create_sheet(enc(name)[0])
        extra.column_dimensions["A"].width = 110
        for i, line in enumerate(lines, start=1):
            value, font = enc(line)
            extra.cell(row=i, column=1, value=value).font = Font(name=font, size=12, bold=i == 1)
    save_stable(wb, path)
    return written


def save_stable(wb, path):
    """openpyxl's bytes with fixed document dates and zip stamps, so a rerun writes the same files."""
    wb.properties.creator = "DTBD"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            out = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            out.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(out, data)


# ---------------------------------------------------------------------------------------------
# LibreOffice
# ---------------------------------------------------------------------------------------------
def soffice_version():
    out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=120).stdout
    return out.strip()


def soffice_convert(files, target, outdir, recalc=False):
    """One soffice run over many files; a private profile sets the recalculation mode."""
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        user = os.path.join(profile, "user")
        os.makedirs(user)
        mode = 0 if recalc else 1  # 0: always recalculate on load, 1: never
        with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                    'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" '
                    f'oor:op="fuse"><value>{mode}</value></prop></item>\n</oor:items>\n')
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", target, "--outdir", outdir, *files]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        if res.returncode != 0:
            raise RuntimeError(f"soffice failed: {res.stderr}")
    ext = target.split(":")[0]
    for f in files:
        out = os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + "." + ext)
        if not os.path.exists(out):
            raise RuntimeError(f"soffice wrote no {out}")


# ---------------------------------------------------------------------------------------------
# Building every file of a form, and its manifest entry
# ---------------------------------------------------------------------------------------------
def rel(path):
    return os.path.relpath(path, OUT).replace(os.sep, "/")


def values_of(form, cells, lay):
    out = {}
    for r in form.rows:
        er = form.excel_row(r.key)
        for c in form.value_columns:
            cell = cells[(r.key, c.letter)]
            entry = {"cell": lay.addr(c.letter, er), "value": cell.value}
            if cell.blank:
                entry["blank"] = True
            if cell.deps:
                entry["formula"] = True
            out[f"{c.letter}{er}"] = entry
    return out


def findings_json(form, found, lay, sheet):
    out = []
    for code, key, letter in found:
        out.append({"code": code, "severity": SEVERITY[code], "cell": lay.addr(letter, form.excel_row(key)),
                    "templateCell": f"{letter}{form.excel_row(key)}", "sheet": sheet})
    return sorted(out, key=lambda f: (f["code"], f["templateCell"]))


def layouts(form):
    return [Layout("plain"),
            Layout("extra-blank-row", insert_at=form.excel_row(form.insert_before)),
            Layout("moved", dr=3, dc=2)]


NOTES = {"kh-tinh": {"II.5.b": "Học trên nền tảng trực tuyến của tỉnh"},
         "bnv-dtbd": {"cc.x": "Gồm công chức cấp xã"}}


class LibreOfficeJobs:
    """Conversions collected while the forms are written, then run a few soffice calls in all:
    first the formula workbooks (recalculated and saved as .xlsx), then the .xls and .ods copies."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.jobs = {"recalc": [], "xls": [], "ods": []}

    def add(self, kind, src, final_dir):
        self.jobs[kind].append((src, final_dir))

    def run(self):
        for kind, target, recalc in (("recalc", "xlsx", True), ("xls", "xls", False), ("ods", "ods", False)):
            jobs = self.jobs[kind]
            if not jobs:
                continue
            names = [os.path.splitext(os.path.basename(src))[0] for src, _ in jobs]
            assert len(set(names)) == len(names), f"file names must be unique per conversion: {names}"
            outdir = os.path.join(self.tmp, "lo-" + kind)
            soffice_convert([src for src, _ in jobs], target, outdir, recalc=recalc)
            for name, (_, final_dir) in zip(names, jobs):
                os.makedirs(final_dir, exist_ok=True)
                final = os.path.join(final_dir, f"{name}.{target}")
                shutil.move(os.path.join(outdir, f"{name}.{target}"), final)
                if target != "xls":
                    restamp_zip(final)


def restamp_zip(path):
    """LibreOffice stamps each zip entry with the time of writing; the entries' bytes, order and
    compression stay exactly as LibreOffice wrote them, only the stamps are fixed (reruns match)."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in entries:
            out = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            out.compress_type = info.compress_type
            out.external_attr = info.external_attr
            dst.writestr(out, data)


def build_form(form, index, tmp, lo_version, lo):
    base = os.path.join(OUT, form.id)
    uni = Text()

    def target(sub, name):
        """Where openpyxl writes, and the file used: for the formula form, LibreOffice's copy."""
        final = os.path.join(base, sub, name)
        if form.formulas:
            raw = os.path.join(tmp, form.id, sub, name)
            lo.add("recalc", raw, os.path.join(base, sub))
            return raw, final
        return final, final

    entry = manifest_form(form)
    # template
    tcells = template_cells(form)
    raw, final = target("template", "mau.xlsx")
    write_form(form, raw, None, tcells, Layout(), uni)
    entry["template"] = {"file": rel(final), "sheet": form.sheet, "writer": writer_name(form, lo_version)}
    if form.formulas:
        entry["template"]["values"] = values_of(form, tcells, Layout())
    # filled copies
    clean = []
    datasets = []
    for a, (agency, lay) in enumerate(zip(form.agencies, layouts(form))):
        rng = random.Random(SEED * 100 + index * 10 + a)
        cells = generate(form, rng)
        while not any(c.blank for c in cells.values()):  # every copy has blank cells meaning zero
            cells = generate(form, rng)
        assert not findings(form, cells), (form.id, findings(form, cells))
        datasets.append(cells)
        raw, final = target("clean", f"{agency[0]}.xlsx")
        notes = NOTES.get(form.id) if a == 0 else None
        write_form(form, raw, agency, cells, lay, uni, notes)
        clean.append({
            "file": rel(final), "sheet": form.sheet, "agency": agency[1], "year": YEAR,
            "writer": writer_name(form, lo_version), "layout": layout_json(form, lay),
            "values": values_of(form, cells, lay), "expectedFindings": [],
        })
    entry["filled"] = clean
    # planted copies (first agency's data, plain layout)
    planted = []
    for kind in ("column", "row"):
        letter, key, delta = form.planted[kind]
        cells = {k: Cell(c.value, c.blank, list(c.deps) if c.deps else None) for k, c in datasets[0].items()}
        cell = cells[(key, letter)]
        before = num_value(cell)
        was_formula = bool(cell.deps)
        cells[(key, letter)] = Cell(before + delta)
        if form.formulas:
            evaluate_formulas(form, cells)
        found = findings(form, cells, form.relations if form.declared else [])
        assert found, (form.id, kind)
        name = f"{form.agencies[0][0]}-loi-{'cot' if kind == 'column' else 'dong'}.xlsx"
        raw, final = target("planted", name)
        write_form(form, raw, form.agencies[0], cells, Layout(), uni, NOTES.get(form.id))
        change_at = f"{letter}{form.excel_row(key)}"
        item = {
            "file": rel(final), "sheet": form.sheet, "agency": form.agencies[0][1], "year": YEAR,
            "writer": writer_name(form, lo_version), "kind": kind, "derivedFrom": clean[0]["file"],
            "change": {"cell": change_at, "from": before, "to": before + delta,
                       "replacedFormula": was_formula},
            "layout": layout_json(form, Layout()),
            "values": values_of(form, cells, Layout()),
            "expectedFindings": findings_json(form, found, Layout(), form.sheet),
        }
        if not form.declared:
            hidden = findings(form, cells)
            item["undeclaredFindings"] = [f for f in findings_json(form, hidden, Layout(), form.sheet)
                                          if f not in item["expectedFindings"]]
        planted.append(item)
    entry["planted"] = planted
    # consolidation of the three clean copies
    cons = {}
    for r in form.rows:
        er = form.excel_row(r.key)
        for c in form.number_columns:
            cons[f"{c.letter}{er}"] = sum(num_value(d[(r.key, c.letter)]) for d in datasets)
    rates = {}
    for relation in form.relations:
        if relation[0] == "ratio":
            _, res, num, den = relation
            for r in form.rows:
                er = form.excel_row(r.key)
                d, n = cons[f"{den}{er}"], cons[f"{num}{er}"]
                rates[f"{res}{er}"] = (n / d) if d else None
    entry["consolidated"] = {"files": [c["file"] for c in clean], "values": cons}
    if rates:
        entry["consolidated"]["rates"] = rates
    # other formats, saved by LibreOffice from the plain clean copy
    formats = []
    if form.code_row:
        src = os.path.join(OUT, clean[0]["file"])
        for ext in ("xls", "ods"):
            lo.add(ext, src, os.path.join(base, "formats"))
            formats.append({"file": f"{form.id}/formats/{form.agencies[0][0]}.{ext}", "format": ext,
                            "encoding": "unicode", "font": UNICODE_FONT, "sheet": form.sheet,
                            "writer": lo_version, "derivedFrom": clean[0]["file"],
                            "valuesFrom": clean[0]["file"], "expectedFindings": []})
    if form.legacy:
        for encoding in ("tcvn3", "vni"):
            enc = Text(encoding)
            name = f"{form.agencies[0][0]}-{encoding}.xlsx"
            path = os.path.join(base, "formats", name)
            written = write_form(form, path, form.agencies[0], datasets[0], Layout(), enc)
            sheet = enc(form.sheet)[0]
            legacy = {"file": rel(path), "format": "xlsx", "encoding": encoding, "font": enc.base_font,
                      "headingFont": ".VnTimeH" if encoding == "tcvn3" else "VNI-Times",
                      "sheet": sheet, "sheetUnicode": form.sheet,
                      "writer": f"openpyxl {openpyxl_version()}", "derivedFrom": clean[0]["file"],
                      "valuesFrom": clean[0]["file"], "expectedFindings": [],
                      "texts": [t for t in written if t["stored"] != t["text"]]}
            formats.append(legacy)
            for ext in ("xls", "ods"):
                lo.add(ext, path, os.path.join(base, "formats"))
                formats.append({**legacy, "file": rel(path)[:-4] + ext, "format": ext, "writer": lo_version})
    entry["formats"] = formats
    return entry, datasets


def openpyxl_version():
    import openpyxl
    return openpyxl.__version__


def writer_name(form, lo_version):
    if form.formulas:
        return f"openpyxl {openpyxl_version()}, then {lo_version} (recalculated, saved as .xlsx)"
    return f"openpyxl {openpyxl_version()}"


def layout_json(form, lay):
    out = {"kind": lay.kind, "rowOffset": lay.dr, "columnOffset": lay.dc}
    if lay.insert_at is not None:
        out["blankRowInserted"] = lay.row(lay.insert_at) - 1
        out["blankRowBeforeTemplateRow"] = lay.insert_at
    out["rows"] = {str(r): lay.row(r) for r in range(form.header_rows[0], form.body_last + 1)}
    out["columns"] = {c.letter: lay.col(c.letter) for c in form.columns}
    return out


def manifest_form(form):
    has_codes = form.code_row is not None

    def code(letter):
        return form.col(letter).code if has_codes else None

    def rel_json(r):
        if r[0] == "sum":
            return {"kind": "sum", "total": code(r[1]), "parts": [code(p) for p in r[2]],
                    "totalColumn": r[1], "partColumns": r[2]}
        if r[0] == "subset":
            return {"kind": "subset", "total": code(r[1]), "part": code(r[2]),
                    "totalColumn": r[1], "partColumn": r[2]}
        return {"kind": "ratio", "result": code(r[1]), "numerator": code(r[2]), "denominator": code(r[3]),
                "resultColumn": r[1], "numeratorColumn": r[2], "denominatorColumn": r[3],
                "scale": 1, "tolerancePercentagePoints": RATE_TOLERANCE_PP}

    def label_path(r):
        path = [r.label]
        while r.parent:
            r = form.row(r.parent)
            path.insert(0, r.label)
        return path

    rows = []
    for r in form.rows:
        rows.append({
            "excelRow": form.excel_row(r.key), "tt": None if r.tt is None else str(r.tt),
            "ttIsNumber": isinstance(r.tt, int), "label": r.label, "labelPath": label_path(r),
            "code": r.code, "unit": r.unit,
            "parent": form.excel_row(r.parent) if r.parent else None, "relation": r.relation,
            "bold": r.style in ("total", "group"), "italic": r.style == "subset",
        })
    row_relations = []
    for r in form.rows:
        children = form.sum_children(r.key)
        if children:
            row_relations.append({"kind": "sum", "total": form.excel_row(r.key),
                                  "parts": [form.excel_row(c) for c in children]})
    for r in form.rows:
        if r.relation == "subset":
            row_relations.append({"kind": "subset", "total": form.excel_row(r.parent), "part": form.excel_row(r.key)})
    markers = []
    for i, b in enumerate(form.body):
        if isinstance(b, Marker):
            er = form.body_first + i
            markers.append({"kind": "chia-ra", "text": b.text, "range": f"{b.letter}{er}", "excelRow": er,
                            "merged": False})
    for letter, k1, k2, text in form.merged_markers:
        r1, r2 = form.excel_row(k1), form.excel_row(k2)
        markers.append({"kind": "chia-ra", "text": text, "range": f"{letter}{r1}:{letter}{r2}", "excelRow": r1,
                        "merged": True, "rows": list(range(r1, r2 + 1))})
    header_block = []
    for ref, text, _ in form.header_block(None):
        header_block.append({"range": ref, "text": text})
    entry = {
        "id": form.id,
        "description": form.description,
        "features": form.features,
        "sheet": form.sheet,
        "recognition": {
            "formNumber": form.form_number, "title": form.title, "year": YEAR,
            "agencyLine": form.agency_line, "unitLine": form.unit_line,
        },
        "unitSource": "column" if any(c.kind == "unit" for c in form.columns) else "line" if form.unit_line else None,
        "headerBlock": header_block,
        "geometry": {
            "headerFirstRow": form.header_rows[0], "headerLastRow": form.header_rows[1],
            "codeRow": form.code_row, "bodyFirstRow": form.body_first, "bodyLastRow": form.body_last,
            "firstColumn": form.columns[0].letter, "lastColumn": form.columns[-1].letter,
            "footerFirstRow": form.body_last + 2 if form.footer else None,
        },
        "headerCells": [{"range": f"{h.c1}{h.r1}:{h.c2}{h.r2}" if (h.c1, h.r1) != (h.c2, h.r2) else f"{h.c1}{h.r1}",
                         "text": h.text} for h in form.header_cells],
        "columns": [{"letter": c.letter, "code": c.code, "codeText": c.code_text, "kind": c.kind,
                     "header": form.header_path(c.letter)} for c in form.columns],
        "columnRelations": [rel_json(r) for r in form.relations] if form.declared else [],
        "planActual": [{"plan": code(p), "actual": code(a), "planColumn": p, "actualColumn": a}
                       for p, a in form.plan_actual],
        "rows": rows,
        "rowRelations": row_relations,
        "markers": markers,
        "numericCells": [f"{c.letter}{form.excel_row(r.key)}" for r in form.rows for c in form.value_columns],
        "formulas": form.formulas,
    }
    if not form.declared:
        entry["undeclaredColumnRelations"] = [rel_json(r) for r in form.relations]
        entry["cannotFind"] = [
            {"what": "codeRow", "why": "no row under the headers holds column codes (1, 2, 3=… or A, B, …)"},
            {"what": "columnCodes", "why": "every column's code is null; columns are known by their header path"},
            {"what": "columnRelations",
             "why": "no code row declares how columns add up; 'Tổng số' = the 'Chia ra' columns holds in the "
                    "data but is not declared, so a changed 'Tổng số' cell is found only through the row sums"},
        ]
    else:
        entry["cannotFind"] = []
    return entry


# ---------------------------------------------------------------------------------------------
# Self-check: every file reopened, values at their addresses; LibreOffice opens every file
# ---------------------------------------------------------------------------------------------
def check_values(label, read, values):
    for tpl, e in values.items():
        got = read(e["cell"])
        want = e["value"]
        if e.get("blank"):
            assert got in (None, ""), f"{label} {e['cell']} ({tpl}): blank expected, got {got!r}"
        elif isinstance(want, float):
            assert got is not None and abs(float(got) - want) < 1e-9, f"{label} {e['cell']}: {got!r} != {want}"
        else:
            assert got == want, f"{label} {e['cell']} ({tpl}): {got!r} != {want!r}"


def check_texts(label, ws, texts, encoding):
    """Legacy copies: each text cell holds the encoded text in its font, and decodes back."""
    decode = decode_tcvn3 if encoding == "tcvn3" else decode_vni
    for t in texts:
        cell = ws[t["cell"]]
        assert cell.value == t["stored"], f"{label} {t['cell']}: {cell.value!r} != {t['stored']!r}"
        assert cell.font.name == t["font"], f"{label} {t['cell']}: font {cell.font.name!r} != {t['font']!r}"
        assert decode(t["stored"], t["font"]) == t["text"], f"{label} {t['cell']}: does not decode back"


def self_check(manifest, tmp):
    checked = 0
    by_file = {}
    texts = {item["file"]: (item["texts"], item["encoding"])
             for form in manifest["forms"] for item in form["formats"] if "texts" in item}
    for form in manifest["forms"]:
        for item in form["filled"] + form["planted"]:
            by_file[item["file"]] = item["values"]
        if form["formulas"]:
            by_file[form["template"]["file"]] = form["template"]["values"]
    for form in manifest["forms"]:
        for item in form["formats"]:
            by_file[item["file"]] = by_file[item["valuesFrom"]]
    all_files = [form["template"]["file"] for form in manifest["forms"]] + list(by_file)
    all_files = sorted(set(all_files))
    # 1. openpyxl on every .xlsx (cached values for formulas)
    sheets = {}
    for form in manifest["forms"]:
        for item in [form["template"]] + form["filled"] + form["planted"] + form["formats"]:
            sheets[item["file"]] = item["sheet"]
    for f in all_files:
        if not f.endswith(".xlsx"):
            continue
        wb = load_workbook(os.path.join(OUT, f), data_only=True)
        assert wb.sheetnames[0] == sheets[f], (f, wb.sheetnames)
        ws = wb[sheets[f]]
        if f in by_file:
            check_values(f, lambda a: ws[a].value, by_file[f])
        if f in texts:
            check_texts(f, ws, *texts[f])
        checked += 1
    # 2. .xls and .ods through LibreOffice back to .xlsx, then openpyxl
    legacy = [f for f in all_files if f.endswith((".xls", ".ods"))]
    back = os.path.join(tmp, "back")
    flat = {}
    for f in legacy:
        name = f.replace("/", "__").replace(".", "_") + os.path.splitext(f)[1]
        shutil.copy(os.path.join(OUT, f), os.path.join(tmp, name))
        flat[f] = name
    soffice_convert([os.path.join(tmp, n) for n in flat.values()], "xlsx", back)
    for f, name in flat.items():
        wb = load_workbook(os.path.join(back, os.path.splitext(name)[0] + ".xlsx"), data_only=True)
        assert wb.sheetnames[0] == sheets[f], (f, wb.sheetnames)
        check_values(f, lambda a: wb[sheets[f]][a].value, by_file[f])
        if f in texts:
            check_texts(f, wb[sheets[f]], *texts[f])
        checked += 1
    # 3. LibreOffice opens every file and exports its first sheet to CSV (raw values)
    csvdir = os.path.join(tmp, "csv")
    flat_all = {}
    for f in all_files:
        name = "csv__" + f.replace("/", "__").replace(".", "_") + os.path.splitext(f)[1]
        shutil.copy(os.path.join(OUT, f), os.path.join(tmp, name))
        flat_all[f] = name
    soffice_convert([os.path.join(tmp, n) for n in flat_all.values()],
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false", csvdir)
    csv_checked = 0
    for f, name in flat_all.items():
        with open(os.path.join(csvdir, os.path.splitext(name)[0] + ".csv"), encoding="utf-8") as fh:
            grid = list(csv.reader(fh))
        assert grid, f
        for tpl, e in by_file.get(f, {}).items():
            col, row = split_addr(e["cell"])
            line = grid[row - 1] if row - 1 < len(grid) else []
            text = line[column_index_from_string(col) - 1] if column_index_from_string(col) - 1 < len(line) else ""
            if e.get("blank"):
                assert text == "", (f, e["cell"], text)
            else:
                # Percent-formatted cells keep their '%' in LibreOffice's CSV even with raw values.
                number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
                assert abs(number - e["value"]) < 1e-9, (f, e["cell"], text, e["value"])
        csv_checked += 1
    return checked, csv_checked


# ---------------------------------------------------------------------------------------------
def main():
    legacy_self_test()
    lo_version = soffice_version()
    os.makedirs(OUT, exist_ok=True)
    for make in FORMS:  # the README beside them stays
        shutil.rmtree(os.path.join(OUT, make().id), ignore_errors=True)
    manifest = {
        "version": 1,
        "generator": "scripts/make-generic-forms.py",
        "seed": SEED,
        "year": YEAR,
        "writers": {"openpyxl": openpyxl_version(), "libreoffice": lo_version},
        "conventions": {
            "addresses": "A1 addresses. 'template' addresses are those of the form's blank template; "
                         "each file's 'values' map a template address to the address in that file ('cell').",
            "values": "Every number and rate cell of every data row. 'blank': true means an empty cell that "
                      "counts as 0 (value 0); a rate with no denominator is an empty cell with value null. "
                      "'formula': true means a formula whose cached result is the value.",
            "rates": "Rates are stored as ratios (0.9524) with a percent number format; "
                     "a rate differing from numerator/denominator by more than 0.05 percentage points is rate.mismatch.",
            "findings": "expectedFindings lists every finding of the table checks (sum.columns at the total "
                        "cell of the broken column rule, sum.rows at the parent cell, subset.exceeds at the part "
                        "cell, rate.mismatch at the rate cell). Clean copies: none. Blank cells count as 0.",
            "consolidated": "Cell-by-cell sums of the three clean copies at template addresses (rows matched by "
                            "key, columns by code); rates recomputed from the summed numerator and denominator.",
            "rows": "Data rows only; 'Chia ra' rows and cells are markers, not data. parent/relation give the "
                    "row tree: relation 'sum' rows add up to their parent, 'subset' rows ('Trong đó') are part of it.",
        },
        "forms": [],
    }
    with tempfile.TemporaryDirectory(prefix="generic-forms-") as tmp:
        lo = LibreOfficeJobs(tmp)
        for index, make in enumerate(FORMS):
            form = make()
            entry, _ = build_form(form, index, tmp, lo_version, lo)
            manifest["forms"].append(entry)
            print(f"{form.id}: {len(entry['filled'])} filled, {len(entry['planted'])} planted, "
                  f"{len(entry['formats'])} other formats", flush=True)
        lo.run()
        with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=1)
            f.write("\n")
        checked, csv_checked = self_check(manifest, tmp)
    print(f"self-check: {checked} workbooks reopened with their values, {csv_checked} opened by LibreOffice (CSV)")


if __name__ == "__main__":
    main()
