/**
 * Code tables for the two legacy 8-bit Vietnamese encodings still found in agency workbooks.
 *
 * Excel keeps legacy text as the Unicode code points of the Windows-1252 bytes, and every byte
 * these tables use lies in 0xA0–0xFF, where Windows-1252 and Unicode coincide; so a byte 0xB8 is
 * the character U+00B8 here.
 *
 * Rows list one base vowel in tone order: no tone, sắc, huyền, hỏi, ngã, nặng.
 * Checked against TCVN 5712:1993 (glibc TCVN5712-1) and the VNI Windows table of xvnkb.
 */

export const TONE_COUNT = 6;

/** The 12 Vietnamese vowels with their six tones, lower case, NFC. */
export const UNICODE_VOWEL_ROWS: readonly string[] = [
  "aáàảãạ",
  "ăắằẳẵặ",
  "âấầẩẫậ",
  "eéèẻẽẹ",
  "êếềểễệ",
  "iíìỉĩị",
  "oóòỏõọ",
  "ôốồổỗộ",
  "ơớờởỡợ",
  "uúùủũụ",
  "ưứừửữự",
  "yýỳỷỹỵ",
];

/**
 * TCVN3 (ABC, fonts .VnTime, .VnArial…): one byte per lower-case letter. ABC fonts carry no
 * capitals with tone marks; those are typed with the lower-case bytes in an "H" font
 * (.VnTimeH), which draws every letter as a capital.
 */
export const TCVN3_VOWEL_ROWS: readonly (readonly string[])[] = [
  ["a", "\u00b8", "\u00b5", "\u00b6", "\u00b7", "\u00b9"], // a á à ả ã ạ
  ["\u00a8", "\u00be", "\u00bb", "\u00bc", "\u00bd", "\u00c6"], // ă ắ ằ ẳ ẵ ặ
  ["\u00a9", "\u00ca", "\u00c7", "\u00c8", "\u00c9", "\u00cb"], // â ấ ầ ẩ ẫ ậ
  ["e", "\u00d0", "\u00cc", "\u00ce", "\u00cf", "\u00d1"], // e é è ẻ ẽ ẹ
  ["\u00aa", "\u00d5", "\u00d2", "\u00d3", "\u00d4", "\u00d6"], // ê ế ề ể ễ ệ
  ["i", "\u00dd", "\u00d7", "\u00d8", "\u00dc", "\u00de"], // i í ì ỉ ĩ ị
  ["o", "\u00e3", "\u00df", "\u00e1", "\u00e2", "\u00e4"], // o ó ò ỏ õ ọ
  ["\u00ab", "\u00e8", "\u00e5", "\u00e6", "\u00e7", "\u00e9"], // ô ố ồ ổ ỗ ộ
  ["\u00ac", "\u00ed", "\u00ea", "\u00eb", "\u00ec", "\u00ee"], // ơ ớ ờ ở ỡ ợ
  ["u", "\u00f3", "\u00ef", "\u00f1", "\u00f2", "\u00f4"], // u ú ù ủ ũ ụ
  ["\u00ad", "\u00f8", "\u00f5", "\u00f6", "\u00f7", "\u00f9"], // ư ứ ừ ử ữ ự
  ["y", "\u00fd", "\u00fa", "\u00fb", "\u00fc", "\u00fe"], // y ý ỳ ỷ ỹ ỵ
];

/** The only capitals TCVN3 (ABC) has beyond ASCII, and đ. */
export const TCVN3_OTHER_LETTERS: Readonly<Record<string, string>> = {
  "đ": "\u00ae",
  "Đ": "\u00a7",
  "Ă": "\u00a1",
  "Â": "\u00a2",
  "Ê": "\u00a3",
  "Ô": "\u00a4",
  "Ơ": "\u00a5",
  "Ư": "\u00a6",
};

/**
 * VNI Windows (fonts VNI-Times, VNI-Helve…): a base letter followed by a mark byte. Lower-case
 * letters use lower-case mark bytes, capitals use the capital ones. i/I, ơ/Ơ, ư/Ư, đ/Đ and ỵ/Ỵ
 * are single bytes.
 */
export const VNI_VOWEL_ROWS_LOWER: readonly (readonly string[])[] = [
  ["a", "a\u00f9", "a\u00f8", "a\u00fb", "a\u00f5", "a\u00ef"], // a aù aø aû aõ aï
  ["a\u00ea", "a\u00e9", "a\u00e8", "a\u00fa", "a\u00fc", "a\u00eb"], // ă aê aé aè aú aü aë
  ["a\u00e2", "a\u00e1", "a\u00e0", "a\u00e5", "a\u00e3", "a\u00e4"], // â aâ aá aà aå aã aä
  ["e", "e\u00f9", "e\u00f8", "e\u00fb", "e\u00f5", "e\u00ef"],
  ["e\u00e2", "e\u00e1", "e\u00e0", "e\u00e5", "e\u00e3", "e\u00e4"],
  ["i", "\u00ed", "\u00ec", "\u00e6", "\u00f3", "\u00f2"], // i í ì æ ó ò
  ["o", "o\u00f9", "o\u00f8", "o\u00fb", "o\u00f5", "o\u00ef"],
  ["o\u00e2", "o\u00e1", "o\u00e0", "o\u00e5", "o\u00e3", "o\u00e4"],
  ["\u00f4", "\u00f4\u00f9", "\u00f4\u00f8", "\u00f4\u00fb", "\u00f4\u00f5", "\u00f4\u00ef"], // ơ = ô
  ["u", "u\u00f9", "u\u00f8", "u\u00fb", "u\u00f5", "u\u00ef"],
  ["\u00f6", "\u00f6\u00f9", "\u00f6\u00f8", "\u00f6\u00fb", "\u00f6\u00f5", "\u00f6\u00ef"], // ư = ö
  ["y", "y\u00f9", "y\u00f8", "y\u00fb", "y\u00f5", "\u00ee"], // ỵ = î
];

export const VNI_VOWEL_ROWS_UPPER: readonly (readonly string[])[] = [
  ["A", "A\u00d9", "A\u00d8", "A\u00db", "A\u00d5", "A\u00cf"],
  ["A\u00ca", "A\u00c9", "A\u00c8", "A\u00da", "A\u00dc", "A\u00cb"],
  ["A\u00c2", "A\u00c1", "A\u00c0", "A\u00c5", "A\u00c3", "A\u00c4"],
  ["E", "E\u00d9", "E\u00d8", "E\u00db", "E\u00d5", "E\u00cf"],
  ["E\u00c2", "E\u00c1", "E\u00c0", "E\u00c5", "E\u00c3", "E\u00c4"],
  ["I", "\u00cd", "\u00cc", "\u00c6", "\u00d3", "\u00d2"],
  ["O", "O\u00d9", "O\u00d8", "O\u00db", "O\u00d5", "O\u00cf"],
  ["O\u00c2", "O\u00c1", "O\u00c0", "O\u00c5", "O\u00c3", "O\u00c4"],
  ["\u00d4", "\u00d4\u00d9", "\u00d4\u00d8", "\u00d4\u00db", "\u00d4\u00d5", "\u00d4\u00cf"], // Ơ = Ô
  ["U", "U\u00d9", "U\u00d8", "U\u00db", "U\u00d5", "U\u00cf"],
  ["\u00d6", "\u00d6\u00d9", "\u00d6\u00d8", "\u00d6\u00db", "\u00d6\u00d5", "\u00d6\u00cf"], // Ư = Ö
  ["Y", "Y\u00d9", "Y\u00d8", "Y\u00db", "Y\u00d5", "\u00ce"], // Ỵ = Î
];

export const VNI_OTHER_LETTERS: Readonly<Record<string, string>> = {
  "đ": "\u00f1",
  "Đ": "\u00d1",
};

/** VNI tone bytes (sắc, huyền, hỏi, ngã, nặng), lower and upper case. */
export const VNI_TONE_MARKS_LOWER = "\u00f9\u00f8\u00fb\u00f5\u00ef";
export const VNI_TONE_MARKS_UPPER = "\u00d9\u00d8\u00db\u00d5\u00cf";
