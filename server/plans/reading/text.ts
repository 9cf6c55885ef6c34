// A plan's text as logical lines. Documents arrive copied from PDFs and web pages: sentences
// wrapped mid-phrase, header tables flattened into "|" cells, boilerplate from the website around
// them. A physical line continues the previous one unless it starts something (a numbered
// heading, a bullet, a table row) or the previous one ended a sentence. Each logical line keeps
// the number of its first physical line, so findings can point at the text the reader sees.

export interface TextLine {
  /** 1-based number of the first physical line. */
  line: number;
  text: string;
  /** The first physical line alone: a heading without the paragraph wrapped after it. */
  head: string;
  /** Cells when the line is a table row ("a | b | c"). */
  cells: string[] | null;
}

/** Numbered and bulleted starts: "I.", "1.", "2.1.", "a)", "-", "+", "•", "*". */
export const STARTS_ITEM =
  /^(?:[IVXLC]+\.|\d+\.(?:\d+\.)*\s|\d+(?:\.\d+)+\s|\d+(?:\.\d+)*\)|[a-zđ]\)|[-+•*–]\s|Phụ lục|PHỤ LỤC|PHẦN\s+[IVX\d]|Phần\s+(?:[IVX]+|thứ)\b|Căn cứ|Thực hiện|Triển khai thực hiện|Theo đề nghị|Tổng cộng|Tổng số|Cộng\s*:)/u;

/** Website furniture around documents copied from legal portals. */
const BOILERPLATE = /(Hệ Thống Pháp Luật|vui lòng ĐĂNG NHẬP|đăng ký gói cước|Vui lòng ĐĂNG NHẬP)/iu;

const ENDS_SENTENCE = /[.;:!?]["”)]?$/u;

/** Capitals only, with at least one letter: a heading line or a wrapped piece of one ("ỦY"). */
const capitals = (text: string) => text === text.toUpperCase() && /\p{Lu}{2}/u.test(text);

/** Lines that open a block of the heading, never a wrapped piece of the line above. */
const AUTHORITY =
  /^(?:CHỦ TỊCH\s+)?(?:ỦY|UỶ) BAN NHÂN DÂN|^(?:HỘI ĐỒNG NHÂN DÂN|CỘNG HÒA|BAN CHỈ ĐẠO|GIÁM ĐỐC)\s/u;

/** A document's kind alone on its line stays apart from the title under it. */
const KIND_ALONE = /^(?:DỰ THẢO\s+)?(?:KẾ HOẠCH|QUYẾT ĐỊNH|ĐỀ ÁN|CHƯƠNG TRÌNH|BÁO CÁO)\s*:?$/u;

/** Only NFC, single spaces, no control characters. */
export function clean(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[\u00a0\u2007\u202f]/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters from PDF copies are dropped on purpose
      .replace(/[\u0000-\u0008\u000b-\u001f\ufffd]/g, '')
      // Word-processor residue: "[bookmark: _GoBack]".
      .replace(/\[bookmark:[^\]]*\]/giu, '')
      .replace(/[ \t]+/g, ' ')
      .trim()
  );
}

function cellsOf(raw: string): string[] | null {
  if (!raw.includes('|')) return null;
  const cells = raw.split('|').map(clean);
  // "|" alone on a line (a flattened header) is a separator, not a table row.
  if (cells.filter(Boolean).length < 2) return null;
  if (cells[0] === '') cells.shift();
  if (cells[cells.length - 1] === '') cells.pop();
  return cells;
}

export function logicalLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  const physical = text.replace(/\r\n?/g, '\n').split('\n');
  let current: TextLine | null = null;
  // Copies with a blank line between paragraphs: a lower-case line after one still continues.
  let afterBlank = false;
  physical.forEach((whole, i) => {
    for (const raw of runTogether(whole)) readPhysical(raw, i);
  });
  function readPhysical(raw: string, i: number) {
    const cells = cellsOf(raw);
    const line = clean(raw.replace(/^\|+|\|+$/g, ''));
    if (!line) {
      afterBlank = true;
      return;
    }
    if (/^[-_=|]+$/.test(line) || BOILERPLATE.test(line)) {
      current = null;
      return;
    }
    const blankBefore = afterBlank;
    afterBlank = false;
    if (cells) {
      const text = cells.filter(Boolean).join(' | ');
      out.push({ line: i + 1, text, head: text, cells });
      current = null;
      return;
    }
    const startsNew =
      !current ||
      (blankBefore && !/^\p{Ll}/u.test(line)) ||
      STARTS_ITEM.test(line) ||
      ENDS_SENTENCE.test(current.text) ||
      // An all-capitals line is a heading of its own ("KẾ HOẠCH", "I. MỤC TIÊU") — but a heading
      // wrapped in the copy ("I. CĂN" / "CỨ LẬP KẾ HOẠCH") goes on in capitals on the next line.
      (capitals(line) &&
        !(capitals(current.text) && !KIND_ALONE.test(current.text) && !AUTHORITY.test(line))) ||
      (capitals(current.text) && !capitals(line));
    if (startsNew) {
      current = { line: i + 1, text: line, head: line, cells: null };
      out.push(current);
    } else {
      // A heading wrapped over lines in capitals stays one heading ("I. MỤC TIÊU" / "ĐẾN NĂM 2030").
      const wrappedHeading =
        current!.head === current!.text && capitals(current!.text) && capitals(line);
      current!.text = `${current!.text} ${line}`;
      if (wrappedHeading) current!.head = current!.text;
    }
  }
  return out;
}

/**
 * Where a page ran a whole document into one line (commune sites, some copies): the points a new
 * line would have started — the motto, "Số:", a Roman heading, a bullet after ";", "Căn cứ" after
 * a sentence — so the heading, the bases and the parts are read as in any other copy. The pieces
 * keep the physical line's number.
 */
const RUN_TOGETHER = new RegExp(
  [
    '\\s+(?=CỘNG HÒA XÃ HỘI|Độc lập\\s*[-–]|Số\\s*:)',
    '\\s+(?=[IVX]{1,4}\\.\\s+\\p{Lu}{2})',
    '(?<=\\p{Lu}{2}|[;:])\\s+(?=[-+•]\\s+\\p{Lu})',
    '(?<=[.;:])\\s+(?=(?:Căn cứ|Thực hiện|Triển khai)\\s|\\d+(?:\\.\\d+)*\\.\\s+\\p{Lu})',
  ].join('|'),
  'u',
);

function runTogether(raw: string): string[] {
  if (raw.length < 400) return [raw];
  return raw.split(RUN_TOGETHER);
}
