// The heading block of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP layout):
// issuing body, "Số: 393/KH-UBND", "Hà Tĩnh, ngày 29 tháng 10 năm 2020", the kind ("KẾ HOẠCH")
// and the title (trích yếu). Copies from law portals add a metadata table ("Số hiệu | … |",
// "Ngày ban hành | … |") and flatten the two-column heading into "|" cells; commune copies lose
// the number line or run the heading into the body. The bases that follow are read in bases.ts.
import { isoDate } from '../../../shared/cells/parse.ts';
import { DOC_KINDS, DOCUMENT_NUMBER, opensBasis } from './bases.ts';
import { readDate } from './dates.ts';
import { clean, type TextLine } from './text.ts';

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
    .replace(/(?<!\p{L})UỶ(?!\p{L})/gu, 'ỦY')
    .replace(/(?<!\p{L})Uỷ(?!\p{L})/gu, 'Ủy');
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

/** The kind line a document opens with: "KẾ HOẠCH", "QUYẾT ĐỊNH", "ĐỀ ÁN" (not "QUYẾT ĐỊNH:"). */
const KIND_LINE = /^(?:DỰ THẢO\s+)?(?:KẾ HOẠCH|QUYẾT ĐỊNH|ĐỀ ÁN|CHƯƠNG TRÌNH)(?!\s*:)(?:\s|$)/u;

/** "Hà Tĩnh, ngày 29 tháng 10 năm 2020", the day blank in a draft ("ngày    tháng 4 năm 2022"). */
const PLACE_DATE =
  /(?<=^|[\s|])((?:\p{Lu}[\p{Ll}’']*\.?\s?){1,5}),\s*ngày\s+(\d{1,2}|[._…]*)\s*tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;

/** A metadata row of a law portal: "Số hiệu | 4216/QĐ-UBND |", "Ngày ban hành: 06/10/2020". */
function metadata(lines: TextLine[], label: string): string | null {
  const labelled = new RegExp(`^(?:[-+•*]\\s*)?(?:${label})$`, 'iu');
  // "Số hiệu: 2393/QĐ-UBND Loại văn bản: Quyết định": the value runs to the next label.
  const inline = new RegExp(
    `(?:^|\\s)(?:${label})\\s*:\\s*(.+?)(?=\\s+(?:\\p{Lu}\\p{Ll}+\\s){1,3}\\p{Ll}*\\s*:|$)`,
    'iu',
  );
  for (const l of lines.slice(0, 40)) {
    if (l.cells && labelled.test(l.cells[0]!)) return l.cells[1] ?? null;
    const m = inline.exec(l.text);
    if (m) return m[1]!;
  }
  return null;
}

export function readHeader(lines: TextLine[]): PlanHeader {
  // The heading block stands around its kind line ("KẾ HOẠCH") or, without one, its date line;
  // the line after the kind line is the title even when it reads "Thực hiện Nghị quyết …".
  const top = lines.slice(0, 60);
  const kindAt = top.findIndex((l) => KIND_LINE.test(l.text));
  const dateAt = top.findIndex((l) => PLACE_DATE.test(l.text));
  const titleAt =
    kindAt >= 0 ? (lines[kindAt]!.text.length > 12 ? kindAt : kindAt + 1) : Math.max(dateAt, -1);
  // It ends at the first line after it that opens the bases or the body.
  let end = lines.findIndex(
    (l, i) =>
      i > titleAt &&
      (opensBasis(l.text) ||
        /^(Để|Nhằm)\s/u.test(l.text) ||
        /^(?:I\.\s|PHẦN\s|Phần\s+(?:I|thứ|1)\b)/u.test(l.text)),
  );
  if (end < 0) end = Math.min(lines.length, 40);
  const head = lines.slice(0, end);
  const headText = head.map((l) => l.text).join(' \n ');
  const flat = headText.replace(/\s*\n\s*/g, ' ');

  // "Số: 2393/-UBND" keeps its slip; "Số: /KH-UBND" (a draft) has no number.
  // "Số 44/KH-UBND ngày 4/3/2023" (no colon) is a number too, when a digit follows.
  const numberMatch =
    /(?<![\p{L}])Số\s*(?::\s*([0-9A-Za-zĐđ._-]*)|\s(\d[0-9A-Za-zĐđ._-]*))\s*\/\s*(-?[\p{Lu}\d][\p{Lu}\p{Ll}\d\-&.]*(?:\/[\p{Lu}\d\-&.]+)*)/u.exec(
      flat,
    );
  const written = numberMatch ? (numberMatch[1] ?? numberMatch[2] ?? '') : null;
  const lead = newsLead(head);
  const portalNumber = metadata(lines, 'Số hiệu văn bản|Số hiệu|Số văn bản|Số ký hiệu|Ký hiệu');
  const number =
    written !== null
      ? /\d/.test(written)
        ? `${written}/${numberMatch![3]}`
        : null
      : (lead?.number ?? portalNumber?.split(/\s+/u)[0] ?? null);

  const dateMatch = PLACE_DATE.exec(flat);
  const place = dateMatch ? clean(dateMatch[1]!) : null;
  const portalDate = metadata(lines, 'Ngày ban hành|Ngày ký');
  // Without a place and date line: the date after the number, a news lead's, the portal's.
  const afterNumber = numberMatch
    ? new RegExp(`^\\s*ngày\\s+(\\d{1,2}\\s*\\/\\s*\\d{1,2}\\s*\\/\\s*\\d{4})`, 'u').exec(
        flat.slice(numberMatch.index + numberMatch[0].length),
      )
    : null;
  const issuedOn = dateMatch
    ? /\d/.test(dateMatch[2]!)
      ? isoDate(Number(dateMatch[4]), Number(dateMatch[3]), Number(dateMatch[2]))
      : null
    : afterNumber
      ? readDate(afterNumber[1]!)
      : (lead?.issuedOn ?? (portalDate ? readDate(portalDate.split(/\s+/u)[0]!) : null));

  // Issuer: the block's first lines, before "CỘNG HÒA …"; else who "ban hành" the plan.
  let issuerName: string | null = null;
  // The motto, however a copy mangled its letters ("CỘNG HỊA" from a PDF's font).
  const republic = flat.search(/C\p{Lu}NG\s*H\p{Lu}{1,2}A?\s+X\p{Lu}\s+H\p{Lu}I/u);
  if (republic > 0) {
    const before = flat
      .slice(0, republic)
      .replace(/[|]/g, ' ')
      .replace(/Để sử dụng.*?tiếp tục\./su, '')
      // A number line copied above the motto ("UBND XÃ … Số: /KH-UBND CỘNG HÒA …").
      .replace(/\s+Số\s*:?[^\p{Lu}]*(?:\p{Lu}[\p{Lu}\d&.-]*)?\s*$/u, '')
      .trim();
    const body =
      /((?:ỦY|UỶ)\s*BAN\s*NHÂN\s*DÂN(?:\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+[\p{Lu}\s’'-]+)?|BAN\s+CHỈ\s+ĐẠO[\p{Lu}\s]*|(?:SỞ|VĂN PHÒNG)\s+[\p{Lu}\s&]+|(?:TỈNH|THÀNH|HUYỆN|ĐẢNG)\s+ỦY\s+[\p{Lu}\s]+)$/u.exec(
        before,
      );
    if (body) issuerName = bodyName(body[1]!);
  }
  // A header naming only "Ủy ban nhân dân" (its second line lost in copying): the body says whose.
  if (!issuerName || !/(tỉnh|thành phố|huyện|xã|phường|Ban Chỉ đạo|Sở)\s/u.test(issuerName)) {
    issuerName = lead?.issuerName ?? issuerFromBody(lines, place) ?? issuerName;
  }
  // "ỦY BAN NHÂN DÂN" with its second line lost: a decision's authority line names it in full
  // ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"), else the body's "UBND thành phố" gives its level.
  if (issuerName === 'Ủy ban nhân dân') {
    const authority = head
      .map((l) => AUTHORITY_LINE.exec(l.text)?.[1])
      .find((name): name is string => Boolean(name));
    if (authority) issuerName = bodyName(authority);
  }
  if (issuerName === 'Ủy ban nhân dân' && place) {
    const level = ownLevel(lines);
    if (level) issuerName = `${issuerName} ${level} ${place}`;
  }
  // Still no place in it: the portal's "Cơ quan ban hành | Tỉnh Sơn La" says where.
  const portalPlace = metadata(lines, 'Cơ quan ban hành|Nơi ban hành');
  const where = portalPlace
    ? /^(Tỉnh|Thành phố|TP\.?|Huyện|Quận|Thị xã|Xã|Phường)\s+(.+)$/iu.exec(clean(portalPlace))
    : null;
  if (issuerName && where && !LOCALITY.test(issuerName)) {
    const level = where[1]!.toLowerCase().replace(/^tp\.?$/u, 'thành phố');
    issuerName = issuerName.endsWith(` ${level}`)
      ? `${issuerName} ${where[2]}`
      : `${issuerName} ${level} ${where[2]}`;
  }
  // A commune's page with the plan alone: "Trang thông tin điện tử xã Thạch Kim".
  issuerName ??= sitesBody(head);
  const title = readTitle(head);
  return { number, issuedOn, place, issuerName, title, bodyStart: end };
}

const AUTHORITY_LINE =
  /^(?:CHỦ TỊCH\s+)?((?:ỦY|UỶ) BAN NHÂN DÂN\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\s+[\p{Lu}\s’'-]+)$/u;

/** How a plan names its own committee: "UBND tỉnh", "của UBND thành phố" (no name after). */
function ownLevel(lines: TextLine[]): string | null {
  for (const l of lines.slice(0, 60)) {
    const m =
      /(?:UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)(?!\s+\p{Lu})/u.exec(
        l.text,
      );
    if (m) return m[1]!;
  }
  return null;
}

/** An issuer named with its place: "… tỉnh Sơn La", "… xã Thạch Kim". */
const LOCALITY =
  /(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+\p{Lu}|Ban Chỉ đạo|Sở\s/u;

/** A news copy's lead: "Ngày 24/10/2025, Văn phòng UBND tỉnh Lai Châu ban hành Kế hoạch số …". */
function newsLead(
  head: TextLine[],
): { number: string; issuedOn: string | null; issuerName: string } | null {
  const re = new RegExp(
    `(?:^|\\s)Ngày\\s+(\\d{1,2}\\s*\\/\\s*\\d{1,2}\\s*\\/\\s*\\d{4}),\\s+(.{5,120}?)\\s+(?:đã\\s+)?ban hành\\s+(?:${DOC_KINDS})\\s+số\\s+(${DOCUMENT_NUMBER})`,
    'u',
  );
  for (const l of head) {
    const m = re.exec(l.text);
    if (m) {
      return {
        number: m[3]!.replace(/\s+/g, ''),
        issuedOn: readDate(m[1]!),
        issuerName: bodyName(m[2]!),
      };
    }
  }
  return null;
}

/** "Trang thông tin điện tử xã Thạch Kim": a commune's own site publishes its committee's plans. */
function sitesBody(head: TextLine[]): string | null {
  for (const l of head) {
    const m =
      /(?:Trang|Cổng) thông tin điện tử\s+(xã|phường|thị trấn)\s+(\p{Lu}(?:(?!https?:)[\p{Ll}’'])*(?:\s\p{Lu}(?:(?!https?:)[\p{Ll}’'])*){0,3})/u.exec(
        l.text,
      );
    if (m) return `Ủy ban nhân dân ${m[1]} ${m[2]}`;
  }
  return null;
}

/** "… Ủy ban nhân dân tỉnh ban hành Kế hoạch …": the body that issues it, its place added. */
function issuerFromBody(lines: TextLine[], place: string | null): string | null {
  // Not a cited document's title ("… của Ủy ban nhân dân tỉnh về ban hành Kế hoạch …").
  const issues =
    /((?:Ủy|Uỷ) ban nhân dân|UBND|Ban Chỉ đạo|Văn phòng)((?:\s+[\p{L}’'-]+){0,8}?)(?:\s*\([^)]*\))?\s+(?<!\s(?:về|việc)\s+)ban hành\s+(?:Kế hoạch|kế hoạch|Chương trình|chương trình|Đề án)/gu;
  for (const l of lines.slice(0, 60)) {
    const m = [...l.text.matchAll(issues)].at(-1);
    if (!m) continue;
    const name = bodyName(`${m[1]}${m[2]}`);
    return /(tỉnh|thành phố|huyện|xã)$/u.test(name) && place ? `${name} ${place}` : name;
  }
  return null;
}

function readTitle(head: TextLine[]): string | null {
  const kind = head.findIndex((l) => KIND_LINE.test(l.text));
  // "KẾ HOẠCH Chuyển đổi số năm 2024" on one line: the title is the rest of it.
  const inline = kind >= 0 ? clean(head[kind]!.text.replace(KIND_LINE, '')) : '';
  const after = kind >= 0 ? head.slice(kind + 1) : head;
  const parts: string[] = inline ? [inline] : [];
  if (inline && inline !== inline.toUpperCase()) return inline;
  for (const l of after) {
    if (l.cells) continue;
    if (/^(Số\s*:|CỘNG|Độc lập|DỰ THẢO|Kính gửi|V\/v)/u.test(l.text)) continue;
    if (/ngày\s+\S+\s+tháng/u.test(l.text) && parts.length === 0) continue;
    // A decision names its authority after the title: "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG".
    if (
      parts.length &&
      /^(?:CHỦ TỊCH\s+)?(?:ỦY|UỶ) BAN NHÂN DÂN|^(?:GIÁM ĐỐC|TRƯỞNG BAN)\s/u.test(l.text)
    ) {
      break;
    }
    if (kind < 0 && parts.length === 0 && l.text !== l.text.toUpperCase()) continue;
    if (kind < 0 && /^(ỦY|UỶ|BAN|TỈNH)/u.test(l.text)) continue;
    parts.push(l.text);
    // An all-capitals title may wrap over lines; a sentence-case one is usually one line.
    if (l.text !== l.text.toUpperCase()) break;
  }
  return parts.length ? clean(parts.join(' ')) : null;
}
