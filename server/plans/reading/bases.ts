// The documents a plan rests on (căn cứ), wherever a plan lists them: "Căn cứ …" / "Thực hiện …"
// / "Triển khai …" / "Theo đề nghị … tại Tờ trình số …" paragraphs after the title, bullets or
// numbered lists of documents with no "Căn cứ" at all (law portals drop it), a section of their
// own ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", "CƠ SỞ PHÁP LÝ") before or after the purpose, a decision's
// lines before "QUYẾT ĐỊNH:" and the preamble of the plan attached to it. Inside those passages a
// document is recognised by its shape — type word, number, "ngày …", issuer — not by the words
// of one province's template.
import { clean, type TextLine } from './text.ts';
import { readDate } from './dates.ts';

export interface LegalBasis {
  kind: string;
  /** Who issued it, as the text says ("của Thủ tướng Chính phủ"), when it names a central body. */
  issuer?: string | null;
  /** The type word of the list it is cited in ("các Nghị định: …"), when it has none of its own. */
  calledAs?: string;
  /** What the citation says the document is about, after its number, date and issuer. */
  subject?: string;
  /** The number written another way elsewhere in the bases ("04-NQ/ThU" for "04-NQ/Th.U"). */
  otherSpelling?: { text: string; line: number } | null;
  number: string | null;
  issuedOn: string | null;
  title: string;
  line: number;
  /** The date as written, for the review checks ("ngày 31 tháng 3 tháng 2022"). */
  dateText: string | null;
}

/** Type words of the documents plans cite, longest first so "Nghị quyết liên tịch" wins. */
export const DOC_KINDS = [
  'Hiến pháp',
  'Bộ luật',
  'Luật',
  'Pháp lệnh',
  'Nghị định',
  'Nghị quyết liên tịch',
  'Nghị quyết',
  'Quyết định',
  'Chỉ thị',
  'Thông tư liên tịch',
  'Thông tư',
  'Kế hoạch',
  'Kết luận',
  'Chương trình hành động',
  'Chương trình',
  'Đề án',
  'Công văn',
  'Văn bản',
  'Hướng dẫn',
  'Chiến lược',
  'Tờ trình',
  'Thông báo',
  'Công điện',
  'Quy định',
  'Quy chế',
  'Báo cáo',
].join('|');

/**
 * A document number by its shape: "749/QĐ-TTg", "57-NQ/TW", "13/2023/NĐ-CP", "01/KL-BCĐ",
 * "2811/BTTTT-CĐSQG", "1216/STTTT-BCVT&CNTT"; a space a copy put after a hyphen or around the
 * slash ("16/TTr- STTTT", "57- NQ/TW") is tolerated and dropped.
 */
export const DOCUMENT_NUMBER =
  '\\d+[\\p{L}\\d.]*(?:\\s?-\\s?[\\p{Lu}\\d][\\p{L}\\d&.]*)*(?:\\s?\\/\\s?\\d{4})?\\s?\\/\\s?-?\\d*\\p{Lu}[\\p{L}\\d&.]*(?:\\s?-\\s?[\\p{Lu}\\d][\\p{L}\\d&.]*)*(?:\\/[\\p{Lu}\\d][\\p{L}\\d\\-&.]*)*';

/** "ngày 03/6/2020", "ngày 22 tháng 8 năm 2022", and slips ("31 tháng 3 tháng 2022"). */
const DATE =
  '\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{4}|\\d{1,2}\\s+(?:tháng|ngày)\\s+\\d{1,2}\\s+(?:năm|tháng)\\s+\\d{4}|\\d{1,2}\\s+(?:ngày|tháng)\\s+\\d{1,2}\\s+tháng\\s+\\d{4}';

/** "Tờ trình số ___/TTr-STTTT ngày ___/7/2022": a document whose number is still blank. */
const BLANK_REF = new RegExp(
  `(?<![\\p{L}])(${DOC_KINDS})\\s+số\\s+[_.…]+\\s*\\/[\\p{L}\\d\\-&]+(?:\\s+ngày\\s+[_.…\\d]+\\s*\\/\\s*[_.…\\d]+\\s*\\/\\s*\\d{4})?`,
  'giu',
);

/** How a clause that names a document starts, after "Căn cứ", a bullet or its number. */
const LEAD_IN =
  /^(?:[-+•*–]\s*|\d+(?:\.\d+)*[.)]\s+|[a-zđ]\)\s+)?(?:Theo đó,?\s+)?(?:(?:Căn cứ|Thực hiện|Triển khai(?: thực hiện)?|Theo|Trên cơ sở|Xét)\s+(?:(?:đề nghị|đề xuất|ý kiến)\s+[^;]*?\s+tại\s+)?)?/iu;

/** A type word at the start of a piece of a clause: a document cited without its number. */
const KIND_START = new RegExp(`^(${DOC_KINDS})\\s`, 'u');
/** "Luật A ngày …, Luật B ngày … và Luật C": pieces that each name a document. */
const NEXT_KIND = new RegExp(`\\s+và\\s+(?=(?:${DOC_KINDS})\\s)|,\\s*(?=(?:${DOC_KINDS})\\s)`, 'u');
/** "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B ngày …" names one law. */
const AMENDING = /^\S+\s+sửa đổi/iu;
const NESTED = new RegExp(
  `\\s+(?:về việc\\s+|về\\s+|để\\s+|nhằm\\s+)?(?:thực hiện\\s+|triển khai\\s+)?(?=(?:${DOC_KINDS})\\s+(?:số\\s*:?\\s*)?\\d)`,
  'u',
);
/** Kinds that are always cited by number: without one, the words name no document. */
const UNNAMED_KINDS = new Set([
  'Văn bản',
  'Công văn',
  'Tờ trình',
  'Thông báo',
  'Báo cáo',
  'Công điện',
]);
const DATED = new RegExp(`^(.*?\\sngày\\s+(?:${DATE}))`, 'u');

/**
 * Documents cited without a number — laws ("Luật Tổ chức chính quyền địa phương ngày 19/6/2015")
 * and work plans ("Kế hoạch công tác năm 2022 của Ban Chỉ đạo …") — with their date when given.
 * An amending law's name holds other laws' names ("Luật sửa đổi … của Luật A và Luật B"): one.
 */
function unnumberedIn(clause: string): { title: string; date: string | null }[] {
  const rest = clause.slice((LEAD_IN.exec(clause)?.[0] ?? '').length);
  if (!KIND_START.test(rest)) return [];
  const parts = rest.split(NEXT_KIND);
  const pieces: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let piece = parts[i]!;
    while (AMENDING.test(piece) && !DATED.test(piece) && i + 1 < parts.length) {
      piece = `${piece} và ${parts[++i]}`;
    }
    pieces.push(piece);
  }
  const out: { title: string; date: string | null }[] = [];
  for (const whole of pieces) {
    // "Chương trình hành động của Ban Thường vụ Tỉnh ủy về việc thực hiện Nghị quyết số 57-NQ/TW
    // ngày …": the date is the resolution's; the programme is cited without one.
    const piece = whole.split(NESTED)[0]!;
    const kind = KIND_START.exec(piece)?.[1];
    // "Văn bản của Trung ương", "Công văn hướng dẫn …": words, not a document cited.
    if (!kind || UNNAMED_KINDS.has(kind)) continue;
    const dated = DATED.exec(piece);
    const title = clean(
      dated
        ? dated[1]!
        : AMENDING.test(piece)
          ? piece
          : piece.split(/,\s|\s+và\s+(?:theo|căn cứ)\s|\s+về\s+(?=\p{Lu})/u)[0]!,
    ).replace(/[,.:]$/u, '');
    const name = title.split(/\sngày\s/u)[0]!;
    // Numbered after all, or its number cut off or left blank: read elsewhere or not at all.
    if (new RegExp(DOCUMENT_NUMBER, 'u').test(name) || /\ssố\s*:?\s*(?:$|[\d_.…])/u.test(name))
      continue;
    if (/^(?:Kế hoạch|Chương trình|Đề án|Quyết định|Nghị quyết)\s+(?:này|trên)\b/iu.test(title))
      continue;
    out.push({ title, date: dated ? /ngày\s+.+$/u.exec(dated[1]!)![0] : null });
  }
  return out;
}

/** A line that opens a basis: a lead-in word, or a document's type word with its number. */
export function opensBasis(text: string): boolean {
  if (
    /^(?:Theo đó,?\s+(?:thực hiện|căn cứ|triển khai)|Căn cứ|Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị|Trên cơ sở)\s/u.test(
      text,
    )
  ) {
    return true;
  }
  const rest = text.replace(/^(?:[-+•*–]\s*|\d+(?:\.\d+)*[.)]\s+|[a-zđ]\)\s+)/u, '');
  if (rest === text && !/^(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh)\s/u.test(rest)) {
    // An unbulleted line opens a basis only when it starts with a document and its number.
    return new RegExp(`^(?:${DOC_KINDS})\\s+(?:số\\s*:?\\s*)?\\d`, 'u').test(rest);
  }
  return new RegExp(`^(?:${DOC_KINDS})\\s`, 'iu').test(rest) && /\d/.test(rest);
}

/** Numbering a heading may carry: "PHẦN II.", "I.", "1.", "1.1.", "A.", "a)". */
const NUMBERING =
  '(?:PHẦN\\s+\\S+\\s*[.:-]?\\s*|[IVXLC]+\\.\\s*|\\d+(?:\\.\\d+)*[.)]?\\s+|[A-Z]\\.\\s*|[a-zđ]\\)\\s*)';

/**
 * The heading of a bases section: in capitals ("I. CĂN CỨ LẬP KẾ HOẠCH", "CƠ SỞ PHÁP LÝ") or
 * numbered and short ("1. Căn cứ pháp lý", "2. Cơ sở xây dựng Kế hoạch:").
 */
export function isBasesHeading(head: string): boolean {
  if (
    new RegExp(
      `^${NUMBERING}?(?:NHỮNG\\s+|CÁC\\s+)?(?:CĂN CỨ|CƠ SỞ)(?![\\p{L}])[^\\p{Ll}]*$`,
      'u',
    ).test(head)
  ) {
    return true;
  }
  return new RegExp(
    `^${NUMBERING}(?:Những\\s+|Các\\s+)?(?:Căn cứ|Cơ sở)(?![\\p{L}])[^\\d;]{0,60}$`,
    'u',
  ).test(head);
}

/** Depth of a heading: "PHẦN" −1, Roman 0, "1." 1, "1.1." 2, "a)" 3; null when not one. */
export function headingDepth(text: string): number | null {
  if (/^(PHẦN|Phần)\s+(?:[IVX]+|thứ|\d)/u.test(text)) return -1;
  if (/^[IVXLC]+\.\s/u.test(text) || /^[A-Z]\.\s+\p{Lu}/u.test(text)) return 0;
  const n = /^(\d+(?:\.\d+)*)[.)]?\s+\p{Lu}/u.exec(text);
  if (n) return n[1]!.split('.').length;
  if (/^[a-zđ]\)\s/u.test(text)) return 3;
  return null;
}

/** An all-capitals line: a heading of its own ("MỤC ĐÍCH, YÊU CẦU", "QUYẾT ĐỊNH:"). */
const isCapitals = (text: string) => text === text.toUpperCase() && /\p{Lu}{3}/u.test(text);

/** A line that ends a preamble: a part of the body, or the decision's own operative words. */
function endsPreamble(l: TextLine): boolean {
  if (opensBasis(l.text)) return false;
  if (/^(QUYẾT ĐỊNH|Điều\s+\d|Nơi nhận|MỤC ĐÍCH|Mục đích|PHẦN|Phần\s)/u.test(l.text)) return true;
  return headingDepth(l.text) !== null || isCapitals(l.head);
}

/** Kind lines a document or its attachment opens with. */
const KIND_LINE = /^(?:DỰ THẢO\s+)?(KẾ HOẠCH|QUYẾT ĐỊNH|ĐỀ ÁN|CHƯƠNG TRÌNH|NGHỊ QUYẾT)(?:\s|$)/u;

/** Index ranges [from, to) of the passages that hold bases. */
function basisPassages(lines: TextLine[], preambleStart: number): [number, number][] {
  const out: [number, number][] = [];
  const preamble = (from: number) => {
    let to = from;
    while (to < lines.length && (to === from || !endsPreamble(lines[to]!))) to++;
    out.push([from, to]);
  };
  preamble(preambleStart);
  // The plan attached after a decision's articles: its own preamble, after its title.
  const decision = lines.findIndex(
    (l, i) => i >= preambleStart && /^QUYẾT ĐỊNH\s*:?$/u.test(l.text),
  );
  if (decision >= 0) {
    const attached = lines.findIndex((l, i) => i > decision && KIND_LINE.test(l.text));
    if (attached >= 0) {
      const start = lines.findIndex((l, i) => i > attached && opensBasis(l.text));
      const firstPart = lines.findIndex((l, i) => i > attached && headingDepth(l.text) !== null);
      if (start >= 0 && (firstPart < 0 || start < firstPart)) preamble(start);
    }
  }
  // Sections of bases, wherever they sit: to the next heading as deep or shallower.
  lines.forEach((l, i) => {
    if (!isBasesHeading(l.head)) return;
    const depth = headingDepth(l.head) ?? (isCapitals(l.head) ? -2 : 9);
    let to = i + 1;
    for (; to < lines.length; to++) {
      const next = lines[to]!;
      if (opensBasis(next.text)) continue;
      const d = headingDepth(next.head);
      if ((d !== null && d <= depth) || (depth <= 0 && isCapitals(next.head) && d === null)) {
        break;
      }
      if (d !== null && depth === 9 && !isBasesHeading(next.head)) break;
    }
    // The heading's own text may carry a basis ("I. CĂN CỨ: Quyết định số …").
    out.push([i, to]);
  });
  return out;
}

/** The same number however spaced or dotted: "04-NQ/Th.U" is "04-NQ/ThU". */
export const numberKey = (number: string) => number.replace(/[\s.]+/g, '').toUpperCase();

const capitalised = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1).toLowerCase();

/**
 * Documents the plan rests on, once each, in the order cited; proposals it answers ("theo đề
 * nghị … tại Tờ trình số …") are among them, and so is a document named inside another's title.
 */
export function readBases(
  lines: TextLine[],
  preambleStart: number,
  ownNumber: string | null,
): LegalBasis[] {
  const out: LegalBasis[] = [];
  const seen = new Set<string>();
  const own = ownNumber ? numberKey(ownNumber) : undefined;
  const taken = new Set<number>();
  for (const [from, to] of basisPassages(lines, preambleStart)) {
    for (let i = from; i < to; i++) {
      if (taken.has(i)) continue;
      taken.add(i);
      const l = lines[i]!;
      if (l.cells && /^(Số hiệu|Ngày ban hành|Loại văn bản|Nơi ban hành)/u.test(l.text)) continue;
      readLine(l, out, seen, own);
    }
  }
  return out;
}

/** Kind codes in document symbols (Nghị định 30/2020/NĐ-CP, Phụ lục III) and what they name. */
export const KIND_CODES: Record<string, string> = {
  NQ: 'Nghị quyết',
  NQLT: 'Nghị quyết liên tịch',
  NĐ: 'Nghị định',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  TT: 'Thông tư',
  TTLT: 'Thông tư liên tịch',
  KH: 'Kế hoạch',
  KL: 'Kết luận',
  TTr: 'Tờ trình',
  TB: 'Thông báo',
  HD: 'Hướng dẫn',
  BC: 'Báo cáo',
  CTr: 'Chương trình',
  CTHĐ: 'Chương trình hành động',
  ĐA: 'Đề án',
  CĐ: 'Công điện',
  CV: 'Công văn',
  QH: 'Luật',
};

/** The kind code of a number: "749/QĐ-TTg" → "QĐ", "57-NQ/TW" → "NQ", "77/2015/QH13" → "QH". */
export function kindCodeOf(number: string): string | null {
  const party = /^\d+[\p{L}\d.]*-([\p{L}]+)\//u.exec(number);
  if (party) return party[1]!;
  const parts = number.split('/');
  const symbol = /^\d{4}$/.test(parts[1] ?? '') ? parts[2] : parts[1];
  const code = symbol?.replace(/^-/, '').split('-')[0] ?? '';
  return /^QH\d*$/u.test(code) ? 'QH' : code || null;
}

/** Numbers by their shape; "s52-NQ/TW" is "số 52-NQ/TW" with its letters lost in the copy. */
const NUMBER_AT = new RegExp(
  `(?:(?<=(?:^|[^\\p{L}])s)|(?<![\\p{L}\\d/]))(${DOCUMENT_NUMBER})`,
  'gu',
);
const DATE_AFTER = new RegExp(
  `^\\s*[,(]?\\s*(?:được\\s+)?(?:ban hành\\s+)?(?:ngày\\s+)?(${DATE})`,
  'u',
);
/** "… của Thủ tướng Chính phủ phê duyệt …": the central body a citation names as its issuer. */
const ISSUER_AFTER =
  /^\s*,?\s*(?:của\s+)(?:Bộ trưởng\s+)?(Thủ tướng Chính phủ|Chính phủ|Bộ Chính trị|Ban [Cc]hấp hành Trung ương(?: Đảng)?|Quốc hội|Ủy ban Thường vụ Quốc hội|Bộ (?:Thông tin và Truyền thông|Khoa học và Công nghệ|Nội vụ|Tài chính|Kế hoạch và Đầu tư|Công an))(?![\p{L}])/u;
const LIST_KIND = new RegExp(`(?:các|những)\\s+(${DOC_KINDS})(?![\\p{L}])[^:;]{0,80}:`, 'iu');
const KIND_BEFORE = new RegExp(`(${DOC_KINDS})(?![\\p{L}])`, 'giu');

function readLine(l: TextLine, out: LegalBasis[], seen: Set<string>, own: string | undefined) {
  // Clauses: "Căn cứ Luật A ngày …; Luật B ngày …" are two bases.
  for (const clause of l.text.split(/;\s*/u)) {
    for (const { title, date } of unnumberedIn(clause)) {
      const key = title.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        kind: capitalised(KIND_START.exec(title)![1]!),
        number: null,
        issuedOn: date ? readDate(date) : null,
        title,
        line: l.line,
        dateText: date,
      });
    }
  }
  // Numbered documents: a number of a document's shape, named by "số" or a type word before it
  // ("Luật An toàn thông tin mạng số 86/2015/QH13", "các Quyết định: số 950/QĐ-TTg …, số …"),
  // or by its symbol's kind code alone ("Nghị quyết 09-NQ/TW").
  let from = 0;
  for (const m of l.text.matchAll(NUMBER_AT)) {
    const at = m.index;
    const before = l.text.slice(from, at);
    const code = kindCodeOf(m[1]!.replace(/\s+/g, ''));
    const kinds = [...before.matchAll(KIND_BEFORE)];
    const named = /(?:số|Số|s)\s*:?\s*$/u.test(before) || kinds.length > 0;
    if (!named && !(code && code in KIND_CODES)) continue;
    from = at + m[0].length;
    const number = m[1]!.replace(/\s+/g, '');
    // "04-NQ/Th.U" and its short form "(Nghị quyết số 04-NQ/ThU)" are one document.
    const key = numberKey(number);
    if (key === own) continue;
    if (seen.has(key)) {
      const first = out.find((b) => b.number && numberKey(b.number) === key);
      if (first && first.number !== number && !first.otherSpelling) {
        first.otherSpelling = { text: number, line: l.line };
      }
      continue;
    }
    seen.add(key);
    const kindWord = kinds.at(-1);
    const kind = kindWord ? capitalised(kindWord[1]!) : (KIND_CODES[code ?? ''] ?? 'Văn bản');
    // "các Nghị định của Chính phủ: số 44/2020/NĐ-CP …, số 50/NQ-CP …": the list's type word
    // names every number in it that has none of its own.
    const listed = kindWord ? null : LIST_KIND.exec(l.text.slice(0, at))?.[1];
    const date = DATE_AFTER.exec(l.text.slice(from));
    const start = kindWord ? from - m[0].length - (before.length - kindWord.index) : at;
    const rest = l.text.slice(from + (date ? date[0].length : 0));
    const issuer = ISSUER_AFTER.exec(rest);
    out.push({
      kind,
      calledAs: listed ? capitalised(listed) : undefined,
      issuer: issuer ? clean(issuer[1]!) : null,
      subject: clean(rest.slice(0, 300).split(/;/u)[0]!),
      number,
      issuedOn: date ? readDate(`ngày ${date[1]}`) : null,
      title: clean(l.text.slice(Math.max(0, start), from + (date ? date[0].length : 0))),
      line: l.line,
      dateText: date ? `ngày ${date[1]}` : null,
    });
  }
  for (const m of l.text.matchAll(BLANK_REF)) {
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    out.push({
      kind: capitalised(m[1]!),
      number: null,
      issuedOn: null,
      title: clean(m[0]),
      line: l.line,
      dateText: null,
    });
  }
}
