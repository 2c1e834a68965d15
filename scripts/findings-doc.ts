/**
 * docs/findings.md from the finding catalogue (src/core/finding-catalogue.ts): every code with
 * its severity, title, meaning, how to fix and what to ask the agency, Vietnamese first.
 * Run: npm run docs:findings. tests/findings-doc.test.ts fails when the committed file and the
 * catalogue disagree.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import {
  type CatalogueEntry,
  FINDING_CATALOGUE,
  FINDING_CODES,
  type FindingCode,
  SEVERITIES,
  exclusionReason,
  severityName,
} from "../src/core/finding-catalogue";
import type { Lang } from "../src/core/i18n";

export const FINDINGS_DOC = path.resolve(__dirname, "..", "docs", "findings.md");

const entry = (code: FindingCode): CatalogueEntry => FINDING_CATALOGUE[code];

/** Table cells: no line breaks, no column separators. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

const SEVERITY_MEANING: Record<(typeof SEVERITIES)[number], Record<Lang, string>> = {
  error: {
    vi: "Số liệu của tệp không dùng được như đang có. Tệp có lỗi không được cộng vào tổng hợp (trừ khi chạy với `--include-invalid`), và `dtbd` kết thúc với mã 1.",
    en: "The file's figures cannot be used as they are. A file with an error is not added to the consolidation (unless run with `--include-invalid`), and `dtbd` exits with code 1.",
  },
  warning: {
    vi: "Số liệu vẫn được đọc và cộng, nhưng có điều cần sửa trong tệp.",
    en: "The figures are read and added, but something in the file needs correcting.",
  },
  info: {
    vi: "Không phải sai sót: một điều đáng xem lại, có thể hoàn toàn đúng.",
    en: "Not a mistake: something worth a second look, which may well be right.",
  },
};

function exclusionLine(code: FindingCode, lang: Lang): string {
  const rank = entry(code).exclusion?.rank;
  if (rank === undefined) return lang === "vi" ? "không" : "no";
  return lang === "vi"
    ? `có, thứ tự ${rank}; cột Tình trạng của báo cáo ghi “${exclusionReason("vi", code)}”`
    : `yes, rank ${rank}; the report's Status column says “${exclusionReason("en", code)}”`;
}

export function findingsMarkdown(): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  push(
    "# Danh mục phát hiện · Finding catalogue",
    "",
    "<!-- Sinh từ src/core/finding-catalogue.ts bằng `npm run docs:findings`; đừng sửa tay. Generated; do not edit by hand. -->",
    "",
    "Mỗi phát hiện của DTBD có một **mã** (không đổi giữa các phiên bản; trường `code` trong JSON của `dtbd … --json`), một **mức độ** và một nội dung riêng nêu rõ ô, dòng, số liệu. Trang này giải thích từng mã: ý nghĩa, cách sửa trong tệp, và điều người tổng hợp cần đề nghị đơn vị làm. Ngăn DTBD trong Excel hiện tên và cách sửa của mã ở mỗi nhóm phát hiện; báo cáo tổng hợp liệt kê mọi phát hiện ở trang `Kiểm tra`.",
    "",
    "Every DTBD finding has a **code** (stable across versions; the `code` field of `dtbd … --json`), a **severity** and a message of its own naming the cell, the row and the figures. This page explains each code: what it means, how to fix the file, and what the consolidator asks the agency to do. The DTBD pane in Excel shows each group's title and how-to-fix; the consolidated report lists every finding on its `Kiểm tra` sheet.",
    "",
    "## Mức độ · Severities",
    "",
    "| Mức độ | Severity | Ý nghĩa | Meaning |",
    "|---|---|---|---|",
    ...SEVERITIES.map((s) => `| ${severityName("vi", s)} | ${severityName("en", s)} (\`${s}\`) | ${cell(SEVERITY_MEANING[s].vi)} | ${cell(SEVERITY_MEANING[s].en)} |`),
    "",
    "## Các mã · Codes",
    "",
    "| Mã · Code | Mức độ · Severity | Tên | Title |",
    "|---|---|---|---|",
    ...FINDING_CODES.map((code) => {
      const e = entry(code);
      return `| [\`${code}\`](#${code}) | ${severityName("vi", e.severity)} · ${severityName("en", e.severity)} | ${cell(e.title.vi)} | ${cell(e.title.en)} |`;
    }),
    "",
    "## Lý do loại tệp · Why a file is excluded",
    "",
    "Khi tổng hợp, tệp bị loại được ghi kèm một lý do: phát hiện có thứ tự nhỏ nhất trong các phát hiện của tệp. Tệp không đọc được hay không phải biểu được xét trước, rồi đến tệp trùng, sai năm, trùng đơn vị, sau cùng là lỗi số liệu (lỗi ở ô được nêu trước lỗi ở tổng mà nó làm sai).",
    "",
    "A consolidation names one reason for each excluded file: the finding of lowest rank among its findings. An unreadable file or one that is not the form comes first, then a copy, a wrong year, a second file of one agency, and last the data errors (a wrong cell before the total it spoils).",
    "",
    "| Thứ tự · Rank | Mã · Code | Lý do (báo cáo) | Reason (report) |",
    "|---|---|---|---|",
    ...FINDING_CODES.filter((code) => entry(code).exclusion)
      .sort((a, b) => entry(a).exclusion!.rank - entry(b).exclusion!.rank)
      .map((code) => `| ${entry(code).exclusion!.rank} | \`${code}\` | ${cell(exclusionReason("vi", code))} | ${cell(exclusionReason("en", code))} |`),
    "",
    "## Chi tiết · Details",
  );

  for (const code of FINDING_CODES) {
    const e = entry(code);
    push(
      "",
      `<a id="${code}"></a>`,
      "",
      `### \`${code}\` — ${e.title.vi}`,
      "",
      `**Mức độ:** ${severityName("vi", e.severity)} · **Loại tệp khỏi tổng hợp:** ${exclusionLine(code, "vi")}`,
      "",
      `- **Ý nghĩa:** ${e.meaning.vi}`,
      `- **Cách sửa:** ${e.fix.vi}`,
      `- **Đề nghị đơn vị:** ${e.ask.vi}`,
      "",
      `*${e.title.en}* · **Severity:** ${severityName("en", e.severity)} · **Excludes the file:** ${exclusionLine(code, "en")}`,
      "",
      `- **Meaning:** ${e.meaning.en}`,
      `- **How to fix:** ${e.fix.en}`,
      `- **Ask the agency:** ${e.ask.en}`,
    );
  }
  return out.join("\n").normalize("NFC") + "\n";
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  writeFileSync(FINDINGS_DOC, findingsMarkdown());
  process.stdout.write(`${path.relative(process.cwd(), FINDINGS_DOC)}: ${FINDING_CODES.length} codes\n`);
}
