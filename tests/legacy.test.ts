import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  convertCellText,
  detectLegacyEncoding,
  encodingFromFont,
  isVietnameseSyllable,
  legacyToUnicode,
  unicodeToLegacy,
  type LegacyEncoding,
} from "../src/core/text/legacy";
import { TRUTH, fixturePath } from "./helpers/fixtures";
import { SOURCE_ARTICLE_LINES } from "./helpers/source-article";

// Expected codes written out from the published tables (TCVN 5712:1993 VN3 and VNI Windows),
// independently of src/core/text/legacy-tables.ts. Tone order: none, sắc, huyền, hỏi, ngã, nặng.
const LOWER = ["aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị", "oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ"];
const TCVN3_LOWER = ["a¸µ¶·¹", "¨¾»¼½Æ", "©ÊÇÈÉË", "eÐÌÎÏÑ", "ªÕÒÓÔÖ", "iÝ×ØÜÞ", "oãßáâä", "«èåæçé", "¬íêëìî", "uóïñòô", "\u00adøõö÷ù", "yýúûüþ"];
const VNI_LOWER = [
  "a aù aø aû aõ aï", "aê aé aè aú aü aë", "aâ aá aà aå aã aä", "e eù eø eû eõ eï", "eâ eá eà eå eã eä",
  "i í ì æ ó ò", "o où oø oû oõ oï", "oâ oá oà oå oã oä", "ô ôù ôø ôû ôõ ôï", "u uù uø uû uõ uï",
  "ö öù öø öû öõ öï", "y yù yø yû yõ î",
];
const VNI_UPPER = [
  "A AÙ AØ AÛ AÕ AÏ", "AÊ AÉ AÈ AÚ AÜ AË", "AÂ AÁ AÀ AÅ AÃ AÄ", "E EÙ EØ EÛ EÕ EÏ", "EÂ EÁ EÀ EÅ EÃ EÄ",
  "I Í Ì Æ Ó Ò", "O OÙ OØ OÛ OÕ OÏ", "OÂ OÁ OÀ OÅ OÃ OÄ", "Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ", "U UÙ UØ UÛ UÕ UÏ",
  "Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ", "Y YÙ YØ YÛ YÕ Î",
];
/** Capitals that ABC (.VnTime) has a byte for; all other toned capitals exist only via an H font. */
const TCVN3_CAPITALS: Record<string, string> = { Ă: "¡", Â: "¢", Ê: "£", Ô: "¤", Ơ: "¥", Ư: "¦", Đ: "§" };

interface LetterRow {
  letter: string;
  tcvn3: string;
  vni: string;
}

/** The 134 letters with a non-ASCII form (67 small + 67 capital), each with its legacy codes. */
function letterTable(): { lower: LetterRow[]; upper: LetterRow[] } {
  const lower: LetterRow[] = [{ letter: "đ", tcvn3: "®", vni: "ñ" }];
  const upper: LetterRow[] = [{ letter: "Đ", tcvn3: "§", vni: "Ñ" }];
  LOWER.forEach((row, r) => {
    const letters = Array.from(row);
    const tcvn3 = Array.from(TCVN3_LOWER[r]!);
    const vniLower = VNI_LOWER[r]!.split(" ");
    const vniUpper = VNI_UPPER[r]!.split(" ");
    letters.forEach((letter, t) => {
      const capital = letter.toUpperCase();
      if (/[^a-z]/.test(letter)) {
        lower.push({ letter, tcvn3: tcvn3[t]!, vni: vniLower[t]! });
      }
      if (/[^A-Z]/.test(capital)) {
        upper.push({ letter: capital, tcvn3: TCVN3_CAPITALS[capital] ?? tcvn3[t]!, vni: vniUpper[t]! });
      }
    });
  });
  return { lower, upper };
}

const LETTERS = letterTable();
const ALL_LETTERS = [...LETTERS.lower, ...LETTERS.upper];

// Row labels and header labels of form 01/ĐTBD (docs/form-01.md).
const FORM_LABELS = [
  "ĐÀO TẠO", "Đào tạo trình độ chuyên môn", "Tiến sĩ", "Thạc sĩ", "Đại học", "Cao đẳng", "Trung cấp", "Sơ cấp",
  "Đào tạo lý luận chính trị", "Cao cấp lý luận chính trị", "Hoàn chỉnh chương trình cao cấp lý luận chính trị",
  "Trung cấp lý luận chính trị", "Sơ cấp lý luận chính trị", "BỒI DƯỠNG",
  "Bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, quản lý", "Cấp sở và tương đương", "Cấp huyện và tương đương",
  "Cấp phòng và tương đương", "Bồi dưỡng theo tiêu chuẩn ngạch công chức", "Chuyên viên cao cấp và tương đương",
  "Chuyên viên chính và tương đương", "Chuyên viên và tương đương",
  "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp viên chức",
  "Bồi dưỡng theo yêu cầu vị trí việc làm, kỹ năng chuyên ngành",
  "Bồi dưỡng cập nhật kiến thức, kỹ năng hành chính, đạo đức công vụ, văn hóa công sở",
  "Bồi dưỡng cán bộ dự nguồn Ban Chấp hành Đảng bộ tỉnh", "Bồi dưỡng bí thư, phó bí thư cấp ủy cấp huyện",
  "Bồi dưỡng kiến thức quốc phòng và an ninh", "Đối tượng 1", "Đối tượng 2", "Đối tượng 3", "Đối tượng 4",
  "Nghiệp vụ công tác Đảng, đoàn thể", "Bồi dưỡng đối tượng kết nạp Đảng, lý luận chính trị cho đảng viên mới",
  "Ngoại ngữ", "Tiếng dân tộc thiểu số", "Tin học, chuyển đổi số", "Đại biểu Hội đồng nhân dân các cấp",
  "Bồi dưỡng ngắn hạn ở nước ngoài", "Bồi dưỡng khác",
  "Chương trình đào tạo, bồi dưỡng", "Mã số", "Đơn vị tính", "Kế hoạch năm", "Thực hiện", "Tổng số", "Cán bộ",
  "Công chức", "Viên chức", "Cán bộ, công chức cấp xã", "Trong đó: Nữ", "Trong đó: Người dân tộc thiểu số",
  "Tỷ lệ thực hiện (%)", "Kinh phí (triệu đồng)", "Kế hoạch", "Ghi chú", "Người", "Lượt người",
  "UBND TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Biểu số: 01/ĐTBD",
  "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2024",
  "Đơn vị tính: Đào tạo: người; Bồi dưỡng: lượt người; Kinh phí: triệu đồng",
];
const PARAGRAPH = FORM_LABELS.join("\n");

/** A capital with a tone mark: ABC (.VnTime) has no byte for it. */
const TONED_CAPITAL = /[ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]/u;

describe("letter tables", () => {
  it("cover 134 letters: 67 small and 67 capital", () => {
    expect(LETTERS.lower).toHaveLength(67);
    expect(LETTERS.upper).toHaveLength(67);
    expect(new Set(ALL_LETTERS.map((l) => l.letter)).size).toBe(134);
  });

  it.each(LETTERS.lower)("TCVN3 $letter ⇄ $tcvn3", ({ letter, tcvn3 }) => {
    expect(tcvn3).toHaveLength(1);
    expect(unicodeToLegacy(letter, "tcvn3")).toBe(tcvn3);
    expect(legacyToUnicode(tcvn3, "tcvn3")).toBe(letter);
    expect(legacyToUnicode(tcvn3, "tcvn3", { upper: true })).toBe(letter.toUpperCase());
  });

  it.each(LETTERS.upper)("TCVN3 capital $letter ⇄ $tcvn3", ({ letter, tcvn3 }) => {
    expect(unicodeToLegacy(letter, "tcvn3")).toBe(tcvn3);
    // Capitals with a tone mark are typed with the small letter's byte in an H font (.VnTimeH).
    expect(legacyToUnicode(tcvn3, "tcvn3", { upper: true })).toBe(letter);
    if (TONED_CAPITAL.test(letter)) expect(legacyToUnicode(tcvn3, "tcvn3")).toBe(letter.toLowerCase());
    else expect(legacyToUnicode(tcvn3, "tcvn3")).toBe(letter);
  });

  it.each(ALL_LETTERS)("VNI $letter ⇄ $vni", ({ letter, vni }) => {
    expect(unicodeToLegacy(letter, "vni")).toBe(vni);
    expect(legacyToUnicode(vni, "vni")).toBe(letter);
  });

  it("VNI: ư and ơ keep their tone marks (the vietnamese-conversion@2.0.0 bug)", () => {
    expect(legacyToUnicode("Thöïc", "vni")).toBe("Thực");
    expect(legacyToUnicode("Ngöôøi", "vni")).toBe("Người");
    expect(legacyToUnicode("ÔÛ döôùi", "vni")).toBe("Ở dưới");
    expect(legacyToUnicode("ÖÙNG", "vni")).toBe("ỨNG");
  });

  it("VNI: a mark byte of the other case still marks its base letter", () => {
    expect(legacyToUnicode("AÙnh", "vni")).toBe("Ánh");
    expect(legacyToUnicode("Aùnh", "vni")).toBe("Ánh");
    expect(legacyToUnicode("aÙnh", "vni")).toBe("ánh");
  });

  it("leave ASCII, digits and other characters as they are", () => {
    const text = "000.00.12.H39 — 1=2+3+4+5; 13=6/1 (%) «»";
    expect(legacyToUnicode(text, "vni")).toBe(text);
    expect(unicodeToLegacy("000.00.12.H39 1=2+3+4+5", "tcvn3")).toBe("000.00.12.H39 1=2+3+4+5");
    expect(unicodeToLegacy("000.00.12.H39 1=2+3+4+5", "vni")).toBe("000.00.12.H39 1=2+3+4+5");
  });
});

describe("known spellings of legacy-encoded labels", () => {
  it.each([
    ["Đơn vị báo cáo", "Ñôn vò baùo caùo"],
    ["Thực hiện", "Thöïc hieän"],
    ["Kế hoạch năm", "Keá hoaïch naêm"],
    ["ĐÀO TẠO", "ÑAØO TAÏO"],
    ["Tiến sĩ", "Tieán só"],
    ["Tỷ lệ", "Tyû leä"],
    ["kỹ năng", "kyõ naêng"],
  ])("VNI %s = %s", (unicode, vni) => {
    expect(unicodeToLegacy(unicode, "vni")).toBe(vni);
    expect(legacyToUnicode(vni, "vni")).toBe(unicode);
  });

  it.each([
    ["dưỡng", "d\u00adìng"],
    ["Sở", "Së"],
    ["Tỷ lệ", "Tû lÖ"],
    ["Đào tạo", "§µo t¹o"],
    ["đơn vị", "®¬n vÞ"],
  ])("TCVN3 %s = %s", (unicode, tcvn3) => {
    expect(unicodeToLegacy(unicode, "tcvn3")).toBe(tcvn3);
    expect(legacyToUnicode(tcvn3, "tcvn3")).toBe(unicode);
  });

  it("TCVN3 H fonts draw the small-letter bytes as capitals", () => {
    expect(legacyToUnicode("ubnd tØnh l¹ng s¬n", "tcvn3", { upper: true })).toBe("UBND TỈNH LẠNG SƠN");
    expect(legacyToUnicode("tt", "tcvn3", { upper: true })).toBe("TT");
    expect(legacyToUnicode("®µo t¹o", "tcvn3", { upper: true })).toBe("ĐÀO TẠO");
    expect(legacyToUnicode("thñ tr\u00adëng ®¬n vÞ", "tcvn3", { upper: true })).toBe("THỦ TRƯỞNG ĐƠN VỊ");
  });
});

describe("paragraph round trip (form 01/ĐTBD labels)", () => {
  it("VNI: every label comes back exactly", () => {
    const legacy = unicodeToLegacy(PARAGRAPH, "vni");
    expect(legacy).not.toBe(PARAGRAPH);
    expect(legacy).toMatch(/^[\x00-\xff]*$/);
    expect(legacyToUnicode(legacy, "vni")).toBe(PARAGRAPH);
  });

  it("TCVN3: labels without toned capitals come back exactly, the others through an H font", () => {
    const plain = FORM_LABELS.filter((l) => !TONED_CAPITAL.test(l));
    const capitals = FORM_LABELS.filter((l) => TONED_CAPITAL.test(l) && l === l.toUpperCase());
    expect(plain.length).toBeGreaterThan(50);
    expect(capitals.length).toBeGreaterThan(3);
    const legacy = unicodeToLegacy(plain.join("\n"), "tcvn3");
    expect(legacy).toMatch(/^[\x00-\xff]*$/);
    expect(legacyToUnicode(legacy, "tcvn3")).toBe(plain.join("\n"));
    for (const label of capitals) {
      expect(legacyToUnicode(unicodeToLegacy(label, "tcvn3"), "tcvn3", { upper: true })).toBe(label);
    }
  });

  it("decomposed (NFD) input gives the same legacy text and NFC back", () => {
    for (const encoding of ["tcvn3", "vni"] as const) {
      const nfd = PARAGRAPH.normalize("NFD");
      expect(unicodeToLegacy(nfd, encoding)).toBe(unicodeToLegacy(PARAGRAPH, encoding));
    }
  });
});

describe("encodingFromFont", () => {
  it.each([
    [".VnTime", { encoding: "tcvn3", upper: false }],
    [".VnTimeH", { encoding: "tcvn3", upper: true }],
    [".VnArial", { encoding: "tcvn3", upper: false }],
    [".VnArialH", { encoding: "tcvn3", upper: true }],
    [".VnArial NarrowH", { encoding: "tcvn3", upper: true }],
    [" .VnTime ", { encoding: "tcvn3", upper: false }],
    ["VNI-Times", { encoding: "vni", upper: false }],
    ["VNI-Helve", { encoding: "vni", upper: false }],
    ["vni-times", { encoding: "vni", upper: false }],
  ])("%s → %j", (font, expected) => {
    expect(encodingFromFont(font)).toEqual(expected);
  });

  it.each([undefined, "", "Calibri", "Times New Roman", "Arial", "VNF-Futura", "UVN Van", "SVN-Times"])(
    "%s is not a legacy font",
    (font) => {
      expect(encodingFromFont(font)).toBeNull();
    },
  );
});

// Syllables of everyday Vietnamese, to build realistic Unicode text.
const SYLLABLES = (
  "của và các có được trong cho là người những với năm đã theo này công tác cán bộ đào tạo bồi dưỡng " +
  "hoà hoá khoẻ thuỷ quý tỷ lệ kỹ năng huyện tỉnh xã phường chính trị quốc phòng an ninh ngoại ngữ " +
  "Lạng Sơn Hà Nội Đà Nẵng giai đoạn thực hiện kế hoạch kết quả đạt vượt chưa nguồn lý luận Tài chính " +
  "Ghi chú Kinh phí Mã số Tiền Giang yêu cầu việc làm chuyển đổi số khác hướng dẫn quyết định"
).split(" ");

describe("detectLegacyEncoding", () => {
  it.each([
    "Trong đó: Nữ",
    "000.00.12.H39",
    "1.234.567",
    "93,7%",
    "2024",
    "-",
    "Training and fostering plan of the year",
    "The café on the corner",
    "Hoà Bình",
    "Ghi chú",
    "Kinh phí",
    "Tài chính",
    "Hà Nội",
    "Thạc sỹ",
    "KẾ HOẠCH VÀ KẾT QUẢ ĐÀO TẠO",
    "Müller, Größe, Straße, schön, über",
    "Où est la gare ? Noël à Paris, naïve",
    "Señor García, año, niño, mañana",
    "Jag bor på landet",
    "São Paulo, coração, não",
    "© 2024 Microsoft® Excel",
    "½ cup, 25°C, ± 5, § 3",
    "più",
    "¿Qué?",
  ])("%s is not legacy", (text) => {
    expect(detectLegacyEncoding(text)).toBeNull();
    expect(convertCellText(text)).toEqual({ text: text.normalize("NFC"), encoding: null });
  });

  it("no form label, in NFC or NFD, looks legacy", () => {
    for (const label of FORM_LABELS) {
      expect(detectLegacyEncoding(label)).toBeNull();
      expect(detectLegacyEncoding(label.normalize("NFD"))).toBeNull();
    }
  });

  it("no line of the source article looks legacy", () => {
    expect(SOURCE_ARTICLE_LINES).toHaveLength(18);
    for (const line of SOURCE_ARTICLE_LINES) expect(detectLegacyEncoding(line)).toBeNull();
  });

  it("random everyday Unicode Vietnamese never looks legacy", () => {
    const word = fc
      .tuple(fc.constantFrom(...SYLLABLES), fc.constantFrom("lower", "title", "upper", "asis"))
      .map(([w, c]) =>
        c === "lower" ? w.toLowerCase() : c === "upper" ? w.toUpperCase() : c === "title" ? w[0]!.toUpperCase() + w.slice(1) : w,
      );
    const sentence = fc
      .tuple(fc.array(word, { minLength: 1, maxLength: 12 }), fc.constantFrom("NFC", "NFD"), fc.constantFrom(" ", ", ", ": "))
      .map(([ws, form, sep]) => ws.join(sep).normalize(form as "NFC" | "NFD"));
    fc.assert(
      fc.property(sentence, (s) => {
        expect(detectLegacyEncoding(s)).toBeNull();
        expect(convertCellText(s, "Calibri").encoding).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ["Tæng sè", "tcvn3"],
    ["BiÓu sè: 01/§TBD", "tcvn3"],
    ["Båi d\u00adìng kiÕn thøc quèc phßng vµ an ninh", "tcvn3"],
    ["§¬n vÞ tÝnh: §µo t¹o: ng\u00adêi", "tcvn3"],
    ["ubnd tØnh l¹ng s¬n", "tcvn3"],
    ["Ñôn vò baùo caùo", "vni"],
    ["Thöïc hieän", "vni"],
    ["ÑAØO TAÏO", "vni"],
    ["Keá hoaïch naêm", "vni"],
    ["Trung caáp", "vni"],
    ["Maõ soá", "vni"],
  ])("%s is %s", (text, encoding) => {
    expect(detectLegacyEncoding(text)).toBe(encoding);
  });

  it("finds legacy text of the form labels pasted without their font", () => {
    for (const encoding of ["tcvn3", "vni"] as const) {
      const legacy = unicodeToLegacy(PARAGRAPH.replace(/\n/g, " "), encoding);
      expect(detectLegacyEncoding(legacy)).toBe(encoding);
      expect(convertCellText(legacy, "Calibri")).toEqual({
        text: legacyToUnicode(legacy, encoding),
        encoding,
      });
    }
  });
});

describe("convertCellText", () => {
  it("converts by font", () => {
    expect(convertCellText("Thùc hiÖn", ".VnTime")).toEqual({ text: "Thực hiện", encoding: "tcvn3" });
    expect(convertCellText("tt", ".VnTimeH")).toEqual({ text: "TT", encoding: "tcvn3" });
    expect(convertCellText("ubnd tØnh l¹ng s¬n", ".VnTimeH")).toEqual({ text: "UBND TỈNH LẠNG SƠN", encoding: "tcvn3" });
    expect(convertCellText("Ñôn vò baùo caùo", "VNI-Times")).toEqual({ text: "Đơn vị báo cáo", encoding: "vni" });
    // The font says VNI although the content alone would not tell.
    expect(convertCellText("Sô caáp", "VNI-Times")).toEqual({ text: "Sơ cấp", encoding: "vni" });
    expect(convertCellText("Ghi chó", ".VnTime")).toEqual({ text: "Ghi chú", encoding: "tcvn3" });
  });

  it("never converts Unicode that has Vietnamese letters, whatever the font", () => {
    for (const font of [".VnTime", ".VnTimeH", "VNI-Times"]) {
      expect(convertCellText("Thực hiện", font)).toEqual({ text: "Thực hiện", encoding: null });
      expect(convertCellText("Trong đó: Nữ", font)).toEqual({ text: "Trong đó: Nữ", encoding: null });
      const nfd = "Bồi dưỡng khác".normalize("NFD");
      expect(convertCellText(nfd, font)).toEqual({ text: "Bồi dưỡng khác", encoding: null });
    }
  });

  it("leaves Unicode alone whose font was switched to .VnTime when it holds bytes ABC never uses", () => {
    expect(convertCellText("Tài chính", ".VnTime")).toEqual({ text: "Tài chính", encoding: null });
  });

  it("reports no encoding when nothing changed", () => {
    expect(convertCellText("01", ".VnTime")).toEqual({ text: "01", encoding: null });
    expect(convertCellText("Kinh phi", "VNI-Times")).toEqual({ text: "Kinh phi", encoding: null });
    expect(convertCellText("UBND", ".VnTimeH")).toEqual({ text: "UBND", encoding: null });
  });

  it("returns NFC for plain Unicode", () => {
    const nfd = "Đơn vị tính".normalize("NFD");
    expect(convertCellText(nfd)).toEqual({ text: "Đơn vị tính", encoding: null });
  });
});

describe("isVietnameseSyllable", () => {
  it.each(["người", "dưỡng", "nghiệp", "quốc", "khuỷu", "thuở", "xoong", "giữa", "ĐÀO", "kỹ", "tỷ", "hoà", "Tiến"])(
    "%s is a syllable",
    (w) => expect(isVietnameseSyllable(w)).toBe(true),
  );
  it.each(["Müller", "straße", "cafe", "bar", "ka", "ghà", "cê", "lờp", "háỏ", "Thưïc", "ẹụn", "UBND"])(
    "%s is not",
    (w) => expect(isVietnameseSyllable(w)).toBe(false),
  );
});

// ---------------------------------------------------------------------------------------------
// Real workbooks

type Grid = Map<string, { text: string; font: string | undefined }>;

async function readTexts(file: string): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(fixturePath(file));
  const sheet = workbook.worksheets[0]!;
  const grid: Grid = new Map();
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      // exceljs repeats a merged range's value in every cell of it; only the top-left one is real.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      if (typeof cell.value === "string") grid.set(cell.address, { text: cell.value, font: cell.font?.name });
    }),
  );
  return grid;
}

describe("fixture workbooks", () => {
  let clean: Grid;
  beforeAll(async () => {
    clean = await readTexts("openpyxl-clean.xlsx");
  });

  it.each([
    ["tcvn3-vntime.xlsx", "tcvn3"],
    ["vni-times.xlsx", "vni"],
  ] as const)("%s: every text cell converts to the text its generator meant", async (file, encoding) => {
    const legacy = await readTexts(file);
    const meant = TRUTH[file].texts;
    expect([...legacy.keys()].sort()).toEqual(Object.keys(meant).sort());
    let converted = 0;
    for (const [address, { text, font }] of legacy) {
      const result = convertCellText(text, font);
      expect({ address, text: result.text }).toEqual({ address, text: meant[address] });
      if (result.encoding) {
        expect(result.encoding).toBe(encoding);
        converted++;
      }
    }
    // Every cell typed in the legacy font whose bytes differ from its Unicode text, and no other.
    expect(converted).toBe(TRUTH[file].legacyCells);
  });

  it("tcvn3-vntime.xlsx: the agency header reads as Unicode", async () => {
    const legacy = await readTexts("tcvn3-vntime.xlsx");
    const a2 = legacy.get("A2")!;
    expect(a2.font).toBe(".VnTimeH");
    expect(convertCellText(a2.text, a2.font).text).toBe("UBND XÃ LỘC BÌNH");
    const a5 = legacy.get("A5")!;
    expect(convertCellText(a5.text, a5.font).text).toBe("Đơn vị báo cáo: UBND xã Lộc Bình");
  });

  it("vni-times.xlsx: the agency header reads as Unicode", async () => {
    const legacy = await readTexts("vni-times.xlsx");
    const a5 = legacy.get("A5")!;
    expect(a5.font).toBe("VNI-Times");
    expect(convertCellText(a5.text, a5.font).text).toBe("Đơn vị báo cáo: UBND xã Đình Lập");
  });

  it.each(["tcvn3-vntime.xlsx", "vni-times.xlsx"])(
    "%s: labels whose font is dropped are still found by content",
    async (file) => {
      const legacy = await readTexts(file);
      const encoding: LegacyEncoding = file.startsWith("vni") ? "vni" : "tcvn3";
      let detected = 0;
      let legacyCells = 0;
      for (const { text, font } of legacy.values()) {
        if (!encodingFromFont(font)) continue;
        legacyCells++;
        const found = detectLegacyEncoding(text);
        // Content detection may miss a cell (it is conservative) but must never pick the wrong encoding.
        if (found) {
          expect(found).toBe(encoding);
          detected++;
        }
      }
      expect(detected / legacyCells).toBeGreaterThan(0.9);
    },
  );

  it("openpyxl-clean.xlsx: no Unicode cell is taken for legacy", () => {
    expect(clean.size).toBe(Object.keys(TRUTH["openpyxl-clean.xlsx"].texts).length);
    for (const { text, font } of clean.values()) {
      expect(convertCellText(text, font)).toEqual({ text: text.normalize("NFC"), encoding: null });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips on random text

const ASCII_PART = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-()%/=+\n".split("");
const VIETNAMESE_CHARS = [...ALL_LETTERS.map((l) => l.letter), ...ASCII_PART];
const vietnameseText = (chars: string[]) =>
  fc.array(fc.constantFrom(...chars), { maxLength: 60 }).map((a) => a.join(""));

describe("round trips", () => {
  it("VNI: legacyToUnicode(unicodeToLegacy(s)) = NFC(s) for any Vietnamese text", () => {
    fc.assert(
      fc.property(vietnameseText(VIETNAMESE_CHARS), fc.constantFrom("NFC", "NFD"), (s, form) => {
        const input = s.normalize(form as "NFC" | "NFD");
        expect(legacyToUnicode(unicodeToLegacy(input, "vni"), "vni")).toBe(s.normalize("NFC"));
      }),
      { numRuns: 2000 },
    );
  });

  it("TCVN3: exact for any text ABC can type (no toned capitals)", () => {
    const typable = VIETNAMESE_CHARS.filter((c) => !TONED_CAPITAL.test(c));
    fc.assert(
      fc.property(vietnameseText(typable), fc.constantFrom("NFC", "NFD"), (s, form) => {
        const input = s.normalize(form as "NFC" | "NFD");
        expect(legacyToUnicode(unicodeToLegacy(input, "tcvn3"), "tcvn3")).toBe(s.normalize("NFC"));
      }),
      { numRuns: 2000 },
    );
  });

  it("TCVN3: any text through an H font comes back in capitals; toned capitals otherwise come back small", () => {
    fc.assert(
      fc.property(vietnameseText(VIETNAMESE_CHARS), (s) => {
        const legacy = unicodeToLegacy(s, "tcvn3");
        expect(legacyToUnicode(legacy, "tcvn3", { upper: true })).toBe(s.toUpperCase());
        const smallToned = Array.from(s).map((c) => (TONED_CAPITAL.test(c) ? c.toLowerCase() : c)).join("");
        expect(legacyToUnicode(legacy, "tcvn3")).toBe(smallToned);
      }),
      { numRuns: 2000 },
    );
  });
});
