// The heading block of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP layout):
// issuing body, "Số: 393/KH-UBND", "Hà Tĩnh, ngày 29 tháng 10 năm 2020", the kind ("KẾ HOẠCH")
// and the title (trích yếu); and the legal bases that follow ("Căn cứ …", "Thực hiện …").
import { isoDate } from '../../../shared/cells/parse.ts';
import { clean, type TextLine } from './text.ts';

const DATE_WORDS = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const DATE_SLASH = /(?<!\d)(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})(?!\d)/u;

/** "ngày 03 tháng 6 năm 2020" or "03/6/2020" → "2020-06-03". */
export function readDate(text: string): string | null {
  const m = DATE_WORDS.exec(text) ?? DATE_SLASH.exec(text);
  return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : null;
}

/** Every date in a text, with where it starts. */
export function allDates(text: string): { iso: string; at: number; raw: string }[] {
  const out: { iso: string; at: number; raw: string }[] = [];
  const patterns = [new RegExp(DATE_WORDS.source, 'giu'), new RegExp(DATE_SLASH.source, 'gu')];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
      if (iso) out.push({ iso, at: m.index ?? 0, raw: m[0] });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export interface PlanHeader {
  number: string | null;
  issuedOn: string | null;
  place: string | null;
  issuerName: string | null;
  title: string | null;
  /** Index of the first logical line after the heading block. */
  bodyStart: number;
}

/** "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" → "Ủy ban nhân dân tỉnh Hà Tĩnh"; "UBND" spelled out. */
export function bodyName(raw: string): string {
  let text = clean(raw)
    .replace(/^TM\.\s*/iu, '')
    .replace(/\bUBND\b/gu, 'Ủy ban nhân dân')
    .replace(/\bỦY BAN\b/gu, 'Ủy ban')
    .replace(/\bUỶ\b/giu, 'Ủy');
  if (text === text.toUpperCase()) {
    text = text.toLowerCase();
    // Proper names follow a locality word: "tỉnh hà tĩnh" → "tỉnh Hà Tĩnh".
    text = text.replace(
      /(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+(.+)$/u,
      (_m, kind: string, name: string) =>
        `${kind} ${name.replace(/(^|\s)(\p{L})/gu, (_x, s: string, c: string) => s + c.toUpperCase())}`,
    );
    text = text.charAt(0).toUpperCase() + text.slice(1);
  }
  return text;
}

export function readHeader(lines: TextLine[]): PlanHeader {
  // The heading block ends at the first legal basis or the first Roman-numbered part.
  let end = lines.findIndex((l) => /^(Căn cứ|Thực hiện|Để|Nhằm|I\.\s)/u.test(l.text));
  if (end < 0) end = Math.min(lines.length, 40);
  const head = lines.slice(0, end);
  const headText = head.map((l) => l.text).join(' \n ');
  const flat = headText.replace(/\s*\n\s*/g, ' ');

  const numberMatch =
    /Số\s*:\s*([0-9A-Za-zĐđ._-]*)\s*\/\s*([\p{Lu}\d][\p{Lu}\d\-&.]*(?:\/[\p{Lu}\d\-&.]+)*)/u.exec(
      flat,
    );
  const number = numberMatch
    ? numberMatch[1] && /\d/.test(numberMatch[1])
      ? `${numberMatch[1]}/${numberMatch[2]}`
      : null
    : null;

  const dateMatch =
    /(?<=^|[\s|])((?:\p{Lu}\p{Ll}+\s?){1,4}),\s*ngày\s+(\d{1,2}|[._…]+)\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(
      flat,
    );
  const place = dateMatch ? clean(dateMatch[1]!) : null;
  const issuedOn =
    dateMatch && /\d/.test(dateMatch[2]!)
      ? isoDate(Number(dateMatch[4]), Number(dateMatch[3]), Number(dateMatch[2]))
      : null;

  // Issuer: the block's first lines, before "CỘNG HÒA …"; else who "ban hành" the plan.
  let issuerName: string | null = null;
  const republic = flat.search(/CỘNG\s*HÒA/u);
  if (republic > 0) {
    const before = flat
      .slice(0, republic)
      .replace(/[|]/g, ' ')
      .replace(/Để sử dụng.*?tiếp tục\./su, '')
      .trim();
    const body =
      /((?:ỦY|UỶ)\s*BAN\s*NHÂN\s*DÂN(?:\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|XÃ)\s+[\p{Lu}\s]+)?|BAN\s+CHỈ\s+ĐẠO[\p{Lu}\s]*|SỞ\s+[\p{Lu}\s&]+)$/u.exec(
        before,
      );
    if (body) issuerName = bodyName(body[1]!);
  }
  // A header naming only "Ủy ban nhân dân" (its second line lost in copying): the body says whose.
  if (!issuerName || !/(tỉnh|thành phố|huyện|xã|Ban Chỉ đạo|Sở)\s/u.test(issuerName)) {
    issuerName = issuerFromBody(lines, place) ?? issuerName;
  }
  const title = readTitle(head);
  return { number, issuedOn, place, issuerName, title, bodyStart: end };
}

/** "… Ủy ban nhân dân tỉnh ban hành Kế hoạch …": the body that issues it, its place added. */
function issuerFromBody(lines: TextLine[], place: string | null): string | null {
  for (const l of lines.slice(0, 60)) {
    const m =
      /((?:Ủy|Uỷ) ban nhân dân|UBND|Ban Chỉ đạo)((?:\s+[\p{L}]+){0,8}?)\s+ban hành\s+(?:Kế hoạch|kế hoạch)/u.exec(
        l.text,
      );
    if (!m) continue;
    const name = bodyName(`${m[1]}${m[2]}`);
    return /(tỉnh|thành phố|huyện|xã)$/u.test(name) && place ? `${name} ${place}` : name;
  }
  return null;
}

function readTitle(head: TextLine[]): string | null {
  const kind = head.findIndex((l) => /^(KẾ HOẠCH|DỰ THẢO KẾ HOẠCH)$/u.test(l.text));
  const after = kind >= 0 ? head.slice(kind + 1) : head;
  const parts: string[] = [];
  for (const l of after) {
    if (l.cells) continue;
    if (/^(Số\s*:|CỘNG|Độc lập|DỰ THẢO|Kính gửi|V\/v)/u.test(l.text)) continue;
    if (/ngày\s+\S+\s+tháng/u.test(l.text) && parts.length === 0) continue;
    if (kind < 0 && parts.length === 0 && l.text !== l.text.toUpperCase()) continue;
    if (kind < 0 && /^(ỦY|UỶ|BAN|TỈNH)/u.test(l.text)) continue;
    parts.push(l.text);
    // An all-capitals title may wrap over lines; a sentence-case one is usually one line.
    if (l.text !== l.text.toUpperCase()) break;
  }
  return parts.length ? clean(parts.join(' ')) : null;
}

export interface LegalBasis {
  kind: string;
  number: string | null;
  issuedOn: string | null;
  title: string;
  line: number;
}

const DOC_KINDS =
  'Luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Kế hoạch|Kết luận|Chương trình hành động|Chương trình|Đề án|Công văn|Hướng dẫn|Chiến lược|Tờ trình|Thông báo';
const DOC_REF = new RegExp(
  `(${DOC_KINDS})\\s+(?:số\\s+)?(\\d+[\\p{L}\\d\\-]*(?:\\/\\d{4})?\\/[\\p{Lu}\\d][\\p{L}\\d\\-&]*(?:\\/[\\p{Lu}\\d\\-&]+)*)(?:\\s+ngày\\s+(\\d{1,2}\\s*\\/\\s*\\d{1,2}\\s*\\/\\s*\\d{4}|\\d{1,2}\\s+tháng\\s+\\d{1,2}\\s+năm\\s+\\d{4}))?`,
  'gu',
);

/** "Tờ trình số ___/TTr-STTTT ngày ___/7/2022": a document whose number is still blank. */
const BLANK_REF = new RegExp(
  `(${DOC_KINDS})\\s+số\\s+_+\\s*\\/[\\p{L}\\d\\-&]+(?:\\s+ngày\\s+[_\\d]+\\s*\\/\\s*[_\\d]+\\s*\\/\\s*\\d{4})?`,
  'gu',
);
/** "Thực hiện Kế hoạch công tác năm 2022 của Ban Chỉ đạo …": a basis named without a number. */
const UNNUMBERED = new RegExp(
  `^(?:Căn cứ|Thực hiện)\\s+((?:${DOC_KINDS})\\s+(?!(?:\\p{L}+\\s+){0,3}số\\s)[^,;]+?)(?=\\s+và\\s+(?:theo|căn cứ)|[,;]|$)`,
  'u',
);

/**
 * Documents the plan rests on: every document named in the "Căn cứ …" / "Thực hiện …" paragraphs
 * (and bulleted lists of laws and decisions) before the first part, once each; proposals it
 * answers ("theo đề nghị … tại Tờ trình số …") are among them.
 */
export function readBases(lines: TextLine[], header: PlanHeader): LegalBasis[] {
  const out: LegalBasis[] = [];
  const seen = new Set<string>();
  const firstPart = lines.findIndex(
    (l, i) => i >= header.bodyStart && /^(I\.|1\.)\s/u.test(l.text),
  );
  const stop = firstPart < 0 ? lines.length : firstPart;
  const docKind = new RegExp(`^[-+•]\\s*(${DOC_KINDS})\\s`, 'u');
  for (const l of lines.slice(Math.max(0, header.bodyStart - 2), stop)) {
    if (!/^(Căn cứ|Thực hiện)/u.test(l.text) && !docKind.test(l.text)) continue;
    const unnumbered = UNNUMBERED.exec(l.text);
    if (unnumbered && !seen.has(unnumbered[1]!)) {
      seen.add(unnumbered[1]!);
      out.push({
        kind: new RegExp(`^(${DOC_KINDS})`, 'u').exec(unnumbered[1]!)![1]!,
        number: null,
        issuedOn: null,
        title: clean(unnumbered[1]!),
        line: l.line,
      });
    }
    for (const m of l.text.matchAll(DOC_REF)) {
      const number = m[2]!.replace(/\s+/g, '');
      if (seen.has(number) || number === header.number) continue;
      seen.add(number);
      out.push({
        kind: m[1]!,
        number,
        issuedOn: m[3] ? (readDate(`ngày ${m[3]}`) ?? readDate(m[3])) : null,
        title: clean(m[0]),
        line: l.line,
      });
    }
    for (const m of l.text.matchAll(BLANK_REF)) {
      if (seen.has(m[0])) continue;
      seen.add(m[0]);
      out.push({ kind: m[1]!, number: null, issuedOn: null, title: clean(m[0]), line: l.line });
    }
  }
  return out;
}
