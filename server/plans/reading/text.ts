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
  /^(?:[IVXLC]+\.|\d+\.(?:\d+\.)*\s|\d+(?:\.\d+)+\s|\d+(?:\.\d+)*\)|[a-zđ]\)|[-+•*–]\s|Phụ lục|PHỤ LỤC|Căn cứ|Thực hiện|Tổng cộng|Tổng số|Cộng\s*:)/u;

/** Website furniture around documents copied from legal portals. */
const BOILERPLATE = /(Hệ Thống Pháp Luật|vui lòng ĐĂNG NHẬP|đăng ký gói cước|Vui lòng ĐĂNG NHẬP)/iu;

const ENDS_SENTENCE = /[.;:!?]["”)]?$/u;

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
  physical.forEach((raw, i) => {
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
      // An all-capitals line is a heading of its own ("KẾ HOẠCH", "I. MỤC TIÊU").
      (line === line.toUpperCase() && /\p{Lu}{3}/u.test(line)) ||
      (current.text === current.text.toUpperCase() && /\p{Lu}{3}/u.test(current.text));
    if (startsNew) {
      current = { line: i + 1, text: line, head: line, cells: null };
      out.push(current);
    } else {
      current!.text = `${current!.text} ${line}`;
    }
  });
  return out;
}
