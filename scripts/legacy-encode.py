#!/usr/bin/env python3
"""Rewrite an .xlsx so that its text is typed in a legacy Vietnamese font, as old agency files are.

    legacy-encode.py tcvn3|vni SOURCE.xlsx OUT.xlsx

Every text of the shared-string table (and inline strings) is encoded to TCVN3 (ABC) or VNI
(VNI-Windows) and every font of styles.xml is renamed to ".VnTime" or "VNI-Times". Nothing
else changes: cells, formulas, cached results, merges and number formats stay byte for byte.

The encoders are written here from the published code charts (TCVN 5712:1993 VN3, and the
VNI-Windows chart), independently of the program's own tables in src/core/text/, so that a
test which reads the result back checks the program against the charts, not against itself.
Excel keeps 8-bit legacy text as the Unicode code points of the Windows-1252 bytes; every
byte used below is in 0xA1-0xFF, where Windows-1252 and Unicode agree.
"""
import re
import sys
import unicodedata
import zipfile

# Tones in the charts' order: none, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot (nặng).
TONED_VOWELS = {
    "a": "aàảãáạ", "ă": "ăằẳẵắặ", "â": "âầẩẫấậ",
    "e": "eèẻẽéẹ", "ê": "êềểễếệ",
    "i": "iìỉĩíị",
    "o": "oòỏõóọ", "ô": "ôồổỗốộ", "ơ": "ơờởỡớợ",
    "u": "uùủũúụ", "ư": "ưừửữứự",
    "y": "yỳỷỹýỵ",
}

# TCVN3 (ABC): one byte per letter; capitals with a tone mark have no code of their own.
TCVN3_BYTES = {
    "a": [0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9],
    "ă": [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
    "â": [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB],
    "e": [0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
    "ê": [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6],
    "i": [0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
    "o": [0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4],
    "ô": [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
    "ơ": [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE],
    "u": [0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
    "ư": [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9],
    "y": [0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
}
TCVN3_OTHER = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

# VNI-Windows: a base letter followed by a mark byte (a few letters have one byte of their own).
VNI_TONE_MARKS = ["", "ø", "û", "õ", "ù", "ï"]  # lower case; upper case below
VNI_TONE_MARKS_UPPER = ["", "Ø", "Û", "Õ", "Ù", "Ï"]
VNI_HAT = {"ă": ("a", ["ê", "è", "ú", "ü", "é", "ë"]), "â": ("a", ["â", "à", "å", "ã", "á", "ä"]),
           "ê": ("e", ["â", "à", "å", "ã", "á", "ä"]), "ô": ("o", ["â", "à", "å", "ã", "á", "ä"])}
VNI_I = ["i", "ì", "æ", "ó", "í", "ò"]
VNI_I_UPPER = ["I", "Ì", "Æ", "Ó", "Í", "Ò"]


def build_tcvn3():
    table = {}
    for base, letters in TONED_VOWELS.items():
        for tone, letter in enumerate(letters):
            code = chr(TCVN3_BYTES[base][tone])
            table[letter] = code
            if letter.upper() not in TCVN3_OTHER and letter.upper() != letter:
                table.setdefault(letter.upper(), code if tone else letter.upper())
    for letter, byte in TCVN3_OTHER.items():
        table[letter] = chr(byte)
    return table


def build_vni():
    table = {}
    for base, letters in TONED_VOWELS.items():
        for tone, letter in enumerate(letters):
            upper = letter.upper()
            if base in VNI_HAT:
                plain, marks = VNI_HAT[base]
                table[letter] = plain + marks[tone]
                table[upper] = plain.upper() + marks[tone].upper()
            elif base == "i":
                table[letter] = VNI_I[tone]
                table[upper] = VNI_I_UPPER[tone]
            elif base == "ơ":
                table[letter] = "ô" + VNI_TONE_MARKS[tone]
                table[upper] = "Ô" + VNI_TONE_MARKS_UPPER[tone]
            elif base == "ư":
                table[letter] = "ö" + VNI_TONE_MARKS[tone]
                table[upper] = "Ö" + VNI_TONE_MARKS_UPPER[tone]
            elif base == "y" and tone == 5:
                table[letter] = "î"
                table[upper] = "Î"
            else:
                table[letter] = base + VNI_TONE_MARKS[tone]
                table[upper] = base.upper() + VNI_TONE_MARKS_UPPER[tone]
    table["đ"] = "ñ"
    table["Đ"] = "Ñ"
    return table


TABLES = {"tcvn3": build_tcvn3(), "vni": build_vni()}
FONTS = {"tcvn3": ".VnTime", "vni": "VNI-Times"}


def encode(text, encoding):
    table = TABLES[encoding]
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFC", text))


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text):
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def encode_texts(xml, encoding):
    return re.sub(r"(<t(?:\s[^>]*)?>)([^<]*)(</t>)", lambda m: m.group(1) + escape(encode(unescape(m.group(2)), encoding)) + m.group(3), xml)


def rename_fonts(xml, font):
    def one(m):
        body = re.sub(r"<scheme [^>]*/>", "", m.group(0))
        return re.sub(r'<name val="[^"]*"/>', f'<name val="{font}"/>', body)
    return re.sub(r"<font>.*?</font>", one, xml, flags=re.S)


def main():
    encoding, source, target = sys.argv[1:4]
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            name = item.filename
            if name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/sheet"):
                data = encode_texts(data.decode("utf-8"), encoding).encode("utf-8")
            elif name == "xl/styles.xml":
                data = rename_fonts(data.decode("utf-8"), FONTS[encoding]).encode("utf-8")
            zout.writestr(item, data)


if __name__ == "__main__":
    main()
