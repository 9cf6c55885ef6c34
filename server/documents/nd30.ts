// The layout rules of Nghị định 30/2020/NĐ-CP on văn thư, Phụ lục I "Thể thức, kỹ thuật trình bày
// văn bản hành chính", Phần I, as numbers and plain functions, for the documents a department
// issues (báo cáo tổng hợp, công văn đôn đốc). Clauses are cited as the appendix numbers them:
// "I.3" is Mục I (Quy định chung) khoản 3; "II.4" is Mục II (Các thành phần thể thức chính) khoản 4;
// "IV" is Mục IV, where each part sits on the page (ô số 1–9 of the Sơ đồ bố trí); "Phụ lục III"
// lists the abbreviations of document types (BC = báo cáo). Sizes are in points; docx takes
// half-points, lengths in twips (1/20 pt, 1440 to the inch).
import { vietnamDateLine } from '../signatures/report-pdf.ts';
import { signingLine } from '../../shared/signing/forms.ts';

/** 1 mm in twips. */
const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

/** I.1, I.2: A4 (210 × 297 mm), portrait. */
export const PAGE = { width: 11906, height: 16838 } as const;

/**
 * I.3: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. The smallest of each range, which
 * leaves the most room for the tables: top 20, bottom 20, left 30, right 15 mm.
 */
export const MARGIN_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
export const MARGINS = {
  top: mmToTwips(MARGIN_MM.top), // 1134
  bottom: mmToTwips(MARGIN_MM.bottom), // 1134
  left: mmToTwips(MARGIN_MM.left), // 1701
  right: mmToTwips(MARGIN_MM.right), // 850
} as const;
/** Where the page number sits: inside the top margin (I.7), 10 mm from the edge. */
export const HEADER_DISTANCE = mmToTwips(10);
/** The width between the margins: 165 mm. */
export const CONTENT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;

/** I.4: Times New Roman (Unicode, TCVN 6909:2001), black. */
export const FONT = 'Times New Roman';

/** Point sizes, each within its clause's range. */
export const SIZE = {
  /** II.2: tên cơ quan chủ quản, in hoa, 12–13, đứng. */
  parent: 12,
  /** II.2: tên cơ quan ban hành, in hoa, 12–13, đứng, đậm. */
  agency: 12,
  /** II.1.a: Quốc hiệu, in hoa, 12–13, đứng, đậm (12 keeps it on one line in its column). */
  nation: 12,
  /** II.1.b: Tiêu ngữ, in thường, 13–14, đứng, đậm. */
  motto: 13,
  /** II.3: "Số:" and the symbol, 13. */
  number: 13,
  /** II.5.b: a công văn's trích yếu after "V/v", in thường, 12–13, đứng. */
  subjectLine: 12,
  /** II.4: place and date, in thường, 13–14, nghiêng. */
  placeDate: 14,
  /** II.5.a: document type (in hoa) and its trích yếu (in thường), 13–14, đứng, đậm. */
  title: 14,
  /** II.6: body, 13–14. */
  body: 14,
  /** Tables in the body: the decree sets no size for them; 12 fits four or five columns. */
  table: 12,
  /** II.9: "Kính gửi" of a công văn, 13–14. */
  addressee: 14,
  /** II.7: quyền hạn, chức vụ (in hoa) and the signer's name, 13–14, đậm. */
  signer: 14,
  /** II.9: "Nơi nhận:" 12, nghiêng, đậm. */
  recipientsLabel: 12,
  /** II.9: the list of recipients, 11, đứng. */
  recipients: 11,
  /** I.7: page numbers, 13–14, đứng. */
  pageNumber: 14,
} as const;

/**
 * II.6: body paragraphs justified, first line indented 1 cm or 1.27 cm (1.27 here), at least 6 pt
 * between paragraphs, line spacing from single to 1.5 lines (1.15 here: 276 in 240ths of a line).
 */
export const BODY = {
  firstLineIndent: mmToTwips(12.7), // 720
  spaceAfter: 6 * 20,
  line: 276,
} as const;

/** II.1: the national name and the motto, word for word. */
export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
/** II.1.b: first letters of the three parts capitalised, hyphens with a space either side. */
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
/**
 * II.1.b: the line under the motto is as long as the motto. Its width in Times New Roman bold at
 * SIZE.motto, measured with Liberation Serif (the same advance widths): 56.1 mm.
 */
export const MOTTO_WIDTH = 3183;
/** II.2 and II.5.a: the line under the agency's name and under a trích yếu is 1/3–1/2 as long. */
export const SHORT_LINE_RATIO = 0.4;
/** Average advance of a Times New Roman letter, in ems: capitals bold, and mixed text. */
const EM_CAPITALS = 0.62;
const EM_MIXED = 0.45;

/** How wide a line of `text` sets at `size` pt, in twips (close enough for 1/3–1/2 of it). */
export function estimatedWidth(text: string, size: number, capitals: boolean): number {
  return Math.round([...text].length * (capitals ? EM_CAPITALS : EM_MIXED) * size * 20);
}

/** The short line under a text set in a column `room` twips wide (II.2, II.5.a). */
export function shortLineWidth(text: string, size: number, capitals: boolean, room: number) {
  return Math.round(SHORT_LINE_RATIO * Math.min(estimatedWidth(text, size, capitals), room));
}

const nfc = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
export const upper = (text: string): string => nfc(text).toLocaleUpperCase('vi');

// The words before a place in an agency's name, in lower case as names write them ("Sở Y tế tỉnh
// Nghệ An"). Case matters: "Sở Lao động - Thương binh và Xã hội" has no place in it.
const PLACE_WORDS = 'tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu';
const TRAILING_PLACE = new RegExp(`^(.+?)\\s+(?:${PLACE_WORDS})\\s+\\S.*$`, 'u');

/**
 * An agency's name without the place it belongs to: "Sở Khoa học và Công nghệ tỉnh Nghệ An" →
 * "Sở Khoa học và Công nghệ"; "Ủy ban nhân dân xã Diễn Châu" → "Ủy ban nhân dân". Under its
 * parent's name (II.2) the place is said once, by the parent.
 */
export function withoutPlace(name: string): string {
  const text = nfc(name);
  return TRAILING_PLACE.exec(text)?.[1] ?? text;
}

const SKIPPED_WORDS = new Set(['và']);

/**
 * The agency's abbreviation in document numbers (II.3: "chữ viết tắt tên cơ quan", which the head
 * of the agency sets): a short name already written as one ("SKHCN"), else the initials of the
 * name without its place, "và" left out, diacritics dropped but Đ kept — "Sở Khoa học và Công
 * nghệ tỉnh Nghệ An" → "SKHCN", "Sở Giáo dục và Đào tạo" → "SGDĐT", "Ủy ban nhân dân tỉnh Nghệ
 * An" → "UBND", "Sở Văn hóa, Thể thao và Du lịch" → "SVHTTDL".
 */
export function agencySymbol(org: { name: string; shortName?: string | null }): string {
  const short = nfc(org.shortName ?? '');
  if (/^[A-ZĐ][A-ZĐ0-9]*$/u.test(short)) return short;
  return withoutPlace(org.name)
    .split(/[\s,;()–-]+/u)
    .filter((w) => w && !SKIPPED_WORDS.has(w.toLocaleLowerCase('vi')))
    .map((w) => [...w][0]!.toLocaleUpperCase('vi'))
    .join('')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
}

/** Phụ lục III: the abbreviation of the document types these files are. */
export const DOCUMENT_TYPE_CODE = { report: 'BC' } as const;
/**
 * II.3: a công văn's symbol is the agency's abbreviation and that of the unit drafting it; the
 * department's office (Văn phòng) unless the department sets another.
 */
export const DRAFTING_UNIT = 'VP';
/** The number itself is left blank: the văn thư gives it when registering the document (II.3). */
const NUMBER_BLANK = '\u00a0'.repeat(8);

/**
 * II.3: "Số:", the number, "/" and the symbol, with hyphens and no spaces between its parts:
 * "Số:        /BC-SKHCN" for a report, "Số:        /SKHCN-VP" for a công văn.
 */
export function numberLine(kind: 'report' | 'letter', agency: string, unit = DRAFTING_UNIT) {
  const symbol = kind === 'report' ? `${DOCUMENT_TYPE_CODE.report}-${agency}` : `${agency}-${unit}`;
  return `Số:${NUMBER_BLANK}/${symbol}`;
}

const COMMITTEE_PREFIX = /^(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+/iu;
const UNIT_TYPE = new RegExp(`^(?:${PLACE_WORDS})\\s+`, 'iu');

/**
 * II.4: the place written before the date is the official name of the administrative unit where
 * the agency sits, without its type: "Ủy ban nhân dân tỉnh Nghệ An" → "Nghệ An" (a department of
 * the province), "Ủy ban nhân dân phường Trường Vinh" → "Trường Vinh"; a unit named by a number
 * keeps its type ("Phường 1"), and so does Thành phố Hồ Chí Minh.
 */
export function placeName(committeeName: string): string {
  const unit = nfc(committeeName).replace(COMMITTEE_PREFIX, '');
  const bare = unit.replace(UNIT_TYPE, '');
  if (/^\d/.test(bare) || bare === 'Hồ Chí Minh') {
    return unit.charAt(0).toLocaleUpperCase('vi') + unit.slice(1);
  }
  return bare;
}

/**
 * II.4: "Nghệ An, ngày 05 tháng 01 năm 2026" — the day in Vietnam at `at`; days below 10 and the
 * months 1 and 2 with a leading zero (the decree's rule: "tháng 3", not "tháng 03").
 */
export function placeAndDate(place: string, at: Date): string {
  const date = vietnamDateLine(at);
  if (!place) return date;
  return `${place}, ${date.charAt(0).toLocaleLowerCase('vi')}${date.slice(1)}`;
}

/**
 * II.2: the parent agency's name, in capitals, "Ủy ban nhân dân" written "UBND" as the decree
 * allows: "Ủy ban nhân dân tỉnh Nghệ An" → "UBND TỈNH NGHỆ AN".
 */
export function parentHeading(name: string): string {
  return upper(nfc(name).replace(COMMITTEE_PREFIX, 'UBND '));
}

/** II.2: the issuing agency in capitals; under its parent, without the place the parent names. */
export function agencyHeading(name: string, underParent: boolean): string {
  return upper(underParent ? withoutPlace(name) : name);
}

/** The head of an agency, as its signature block names them. */
export interface HeadOffice {
  /** A collective body (TM.): the committee; null when a head works alone (chế độ thủ trưởng). */
  collective: string | null;
  /** The head's office: "Giám đốc", "Chủ tịch". */
  office: string;
  /** The head as another line of the document names them: "Giám đốc Sở", "Chủ tịch UBND". */
  reference: string;
}

/** Who heads an agency, from its kind and name: a Sở's Giám đốc, a committee's Chủ tịch. */
export function headOffice(org: { kind: string; name: string }): HeadOffice {
  const name = withoutPlace(org.name);
  const alone = (office: string, reference = office) => ({ collective: null, office, reference });
  if (org.kind === 'PEOPLES_COMMITTEE') {
    return { collective: 'Ủy ban nhân dân', office: 'Chủ tịch', reference: 'Chủ tịch UBND' };
  }
  if (/^Sở\s/u.test(name)) return alone('Giám đốc', 'Giám đốc Sở');
  if (/^Văn phòng\s/u.test(name)) return alone('Chánh Văn phòng');
  if (/^Thanh tra\b/u.test(name)) return alone('Chánh Thanh tra');
  if (/^Ban\s/u.test(name)) return alone('Trưởng ban');
  return alone('Thủ trưởng cơ quan');
}

/**
 * II.7 and Điều 13: the lines above the signer's name, through the project's signing forms —
 * the head signing ("GIÁM ĐỐC"), or a deputy signing for them ("KT. GIÁM ĐỐC" / "PHÓ GIÁM
 * ĐỐC"); for a committee "TM. ỦY BAN NHÂN DÂN" comes first.
 */
export function signerLines(head: HeadOffice, deputy: boolean): string[] {
  const own = deputy
    ? signingLine('KT', head.office, `Phó ${head.office}`)
    : signingLine('DIRECT', head.office);
  return head.collective ? [...signingLine('TM', head.collective), ...own] : own;
}

/**
 * II.9: the recipients, one a line, each starting "- " and ending ";", the last "Lưu: VT, <drafting
 * unit>." — `to` as written ("UBND tỉnh (để báo cáo)").
 */
export function recipientLines(to: string[], unit = DRAFTING_UNIT): string[] {
  return [...to.map((r) => `- ${nfc(r)};`), `- Lưu: VT, ${unit}.`];
}
