// The slips a reviewer catches in a plan's text, each pointing at its line: budget lines whose
// factors do not multiply to the amount, a total that is not the sum, a total in words that is
// not the figure, a weekday that is not the date's, schedule days outside the stated dates, a
// delegation that does not add up to its stated size, deadlines before the plan is issued.
import {
  moneyInWords,
  sameWords,
  formatThousands,
} from '../../../shared/format/vietnamese-number.ts';
import { foldVietnamese } from '../../../shared/text/fold.ts';
import { formatVietnamDay } from '../../../shared/time/vietnam.ts';
import { KIND_CODES, kindCodeOf, type LegalBasis } from './bases.ts';
import { CENTRAL_DOCUMENTS, knownDocumentOf, type KnownDocument } from './catalogue.ts';
import { allDates, SLIPPED_DATE } from './dates.ts';
import type { PlanHeader } from './header.ts';
import { readSchedule, type StatedWindow } from './schedule.ts';
import type { TextLine } from './text.ts';

export type Severity = 'ERROR' | 'WARNING' | 'INFO';

export interface Finding {
  line: number | null;
  severity: Severity;
  message: string;
}

const money = (n: number) => `${formatThousands(n)} đ`;

/** A budget to check: read from text (with lines) or stored (without). */
export interface BudgetForCheck {
  lines: {
    description: string;
    factors: number[];
    amount: number;
    line: number | null;
    cutShort?: boolean;
  }[];
  total: number | null;
  totalLine: number | null;
  totalInWords: string | null;
  totalInWordsLine: number | null;
}

export function budgetFindings(budget: BudgetForCheck): Finding[] {
  const out: Finding[] = [];
  for (const l of budget.lines) {
    if (l.factors.length < 2) continue;
    const product = l.factors.reduce((a, b) => a * b, 1);
    if (Math.round(product) !== Math.round(l.amount)) {
      out.push({
        line: l.line,
        severity: 'ERROR',
        message: `Dòng kinh phí "${l.description.slice(0, 80)}": ${l.factors.map(formatThousands).join(' × ')} = ${money(product)}, nhưng thành tiền ghi ${money(l.amount)}.`,
      });
    }
  }
  const cutShort = budget.lines.filter((l) => l.cutShort);
  for (const l of cutShort) {
    out.push({
      line: l.line,
      severity: 'ERROR',
      message: `Dòng kinh phí "${l.description.slice(0, 80)}" ghi số tiền ${formatThousands(l.amount)} không có đơn vị: dòng có vẻ bị cắt cụt${budget.total !== null ? `, nên không đối chiếu được với tổng ${money(budget.total)}` : ''}.`,
    });
  }
  if (budget.total !== null && budget.lines.length && !cutShort.length) {
    const sum = budget.lines.reduce((a, l) => a + l.amount, 0);
    if (Math.round(sum) !== Math.round(budget.total)) {
      out.push({
        line: budget.totalLine,
        severity: 'ERROR',
        message: `Tổng cộng ghi ${money(budget.total)}, nhưng cộng ${budget.lines.length} dòng kinh phí được ${money(sum)}.`,
      });
    }
  }
  if (budget.total !== null && budget.totalInWords) {
    if (!sameWords(budget.totalInWords, moneyInWords(budget.total))) {
      out.push({
        line: budget.totalInWordsLine,
        severity: 'ERROR',
        message: `Số tiền bằng chữ "${budget.totalInWords}" không khớp với ${money(budget.total)} (${moneyInWords(budget.total)}).`,
      });
    }
  }
  return out;
}

const WEEKDAY_NUMBER: Record<string, number> = {
  '2': 1,
  hai: 1,
  '3': 2,
  ba: 2,
  '4': 3,
  tư: 3,
  '5': 4,
  năm: 4,
  '6': 5,
  sáu: 5,
  '7': 6,
  bảy: 6,
};
const WEEKDAY_NAME = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const WEEKDAY = /(chủ\s*nhật|CN\b|thứ\s*(2|3|4|5|6|7|hai|ba|tư|năm|sáu|bảy)\b)/iu;

/** A weekday as written ("thứ 7", "Thứ Sáu", "CN") → 0 (Sunday) … 6; null if it is none. */
export function weekdayOf(raw: string): number | null {
  const m = WEEKDAY.exec(raw);
  if (!m) return null;
  if (!m[2]) return 0;
  return WEEKDAY_NUMBER[m[2].toLowerCase()] ?? null;
}

/** The date's weekday against the one written next to it. */
export function weekdayFinding(iso: string, written: number, line: number | null): Finding | null {
  const actual = new Date(`${iso}T00:00:00Z`).getUTCDay();
  if (written === actual) return null;
  return {
    line,
    severity: 'ERROR',
    message: `Ngày ${formatVietnamDay(iso)} là ${WEEKDAY_NAME[actual]}, không phải ${WEEKDAY_NAME[written]}.`,
  };
}

/** "22/7/2022 (thứ 7)", "thứ Sáu, ngày 22/7/2022": the weekday written next to a date. */
export function weekdayFindings(lines: TextLine[]): Finding[] {
  const out: Finding[] = [];
  for (const l of lines) {
    for (const d of allDates(l.text)) {
      const after = l.text.slice(d.at + d.raw.length, d.at + d.raw.length + 14);
      const before = l.text.slice(Math.max(0, d.at - 16), d.at);
      const written =
        weekdayOf(/^\s*[(,–-]?\s*(chủ\s*nhật|CN|thứ\s*\S+)/iu.exec(after)?.[0] ?? '') ??
        weekdayOf(/(chủ\s*nhật|thứ\s*\S+)\s*[,(]?\s*(ngày\s*)?$/iu.exec(before)?.[0] ?? '');
      if (written === null) continue;
      const finding = weekdayFinding(d.iso, written, l.line);
      if (finding) out.push(finding);
    }
  }
  return out;
}

/** "báo cáo kết quả … trước ngày 15/9/2023" for an activity that ends on 2/10/2023. */
export function resultsBeforeEndFindings(
  deadlines: { date: string; text: string; line: number | null }[],
  window: StatedWindow | null,
): Finding[] {
  if (!window) return [];
  return deadlines
    .filter((d) => /báo cáo kết quả|kết quả thực hiện/iu.test(d.text) && d.date < window.to)
    .map((d) => ({
      line: d.line,
      severity: 'WARNING' as const,
      message: `Hạn báo cáo kết quả ${formatVietnamDay(d.date)} trước khi hoạt động kết thúc (từ ${formatVietnamDay(window.from)} đến ${formatVietnamDay(window.to)}${window.line === null ? '' : `, dòng ${window.line}`}).`,
    }));
}

/**
 * Days of a schedule outside the dates the plan states for the activity ("Thời gian …: từ ngày
 * 01/8/2022 đến ngày 06/8/2022" against a schedule of 18–22/7/2022).
 */
export function scheduleFindings(lines: TextLine[]): Finding[] {
  const { window, days } = readSchedule(lines);
  return window ? scheduleWindowFindings(window, days) : [];
}

/** One finding for every schedule day outside the activity's stated dates, at those dates. */
export function scheduleWindowFindings(
  window: { from: string; to: string; line: number | null },
  days: { date: string; line: number | null }[],
): Finding[] {
  const outside = new Map<string, number | null>();
  for (const d of days) {
    if (d.date < window.from || d.date > window.to) {
      if (!outside.has(d.date)) outside.set(d.date, d.line);
    }
  }
  if (!outside.size) return [];
  const listed = [...outside]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, line]) =>
      line === null ? formatVietnamDay(date) : `${formatVietnamDay(date)} (dòng ${line})`,
    );
  return [
    {
      line: window.line,
      severity: 'ERROR',
      message: `Lịch trình xếp ${listed.length === 1 ? 'ngày' : `${listed.length} ngày`} ${listed.join(', ')} ngoài thời gian đã nêu: từ ${formatVietnamDay(window.from)} đến ${formatVietnamDay(window.to)}.`,
    },
  ];
}

const COUNTED =
  /(\d+)\s+(người|lãnh đạo|cán bộ|chuyên viên|đồng chí|thành viên|đại biểu|phóng viên|lái xe)/giu;

/** "Tổng cộng: 22 người" against the members listed above it. */
export function delegationFindings(lines: TextLine[]): Finding[] {
  const out: Finding[] = [];
  lines.forEach((l, i) => {
    const stated = /^(Tổng cộng|Tổng số|Tổng)\s*:?\s*(\d+)\s+(người|thành viên|đại biểu)/iu.exec(
      l.text,
    );
    if (!stated) return;
    let counted = 0;
    let items = 0;
    for (let j = i - 1; j >= 0 && /^[-+•]\s/u.test(lines[j]!.text); j--) {
      const item = lines[j]!.text;
      items += 1;
      const numbers = [...item.matchAll(COUNTED)].map((m) => Number(m[1]));
      if (numbers.length) counted += numbers.reduce((a, b) => a + b, 0);
      else if (/^[-+•]\s*(Đồng chí|Ông|Bà|Đ\/c)\s/iu.test(item)) counted += 1;
      else if (item.includes(':')) {
        // "Đại diện lãnh đạo các cơ quan: Sở A; Sở B; …": one person each.
        counted += item
          .slice(item.indexOf(':') + 1)
          .split(/[;,]/)
          .filter((x) => x.trim().length > 2).length;
      } else counted += 1;
    }
    const finding = items ? headcountFinding(Number(stated[2]), counted, l.line) : null;
    if (finding) out.push(finding);
  });
  return out;
}

/** The stated size of a delegation against the members listed. */
export function headcountFinding(
  stated: number,
  counted: number,
  line: number | null,
): Finding | null {
  if (stated === counted) return null;
  return {
    line,
    severity: 'WARNING',
    message: `Thành phần đoàn ghi tổng cộng ${stated} người, nhưng các dòng liệt kê cộng được ${counted} người.`,
  };
}

/** Deadlines that fall before the plan is even issued. */
export function deadlineFindings(
  deadlines: { date: string; text: string; line: number | null }[],
  issuedOn: string | null,
): Finding[] {
  if (!issuedOn) return [];
  return deadlines
    .filter((d) => d.date < issuedOn)
    .map((d) => ({
      line: d.line,
      severity: 'ERROR' as const,
      message: `Thời hạn ${formatVietnamDay(d.date)} ("${d.text.length > 120 ? `${d.text.slice(0, 120)}…` : d.text}") trước ngày ban hành kế hoạch ${formatVietnamDay(issuedOn)}.`,
    }));
}

export interface TargetForCheck {
  metric: string;
  comparator: string;
  value: number | null;
  targetYear: number | null;
  level: string | null;
  line: number | null;
}

/** A 2030 target weaker than the 2025 target for the same measure (and level). */
export function targetFindings(targets: TargetForCheck[]): Finding[] {
  const out: Finding[] = [];
  const key = (t: TargetForCheck) => `${t.metric.toLowerCase()}|${t.level ?? ''}|${t.comparator}`;
  const byKey = new Map<string, TargetForCheck[]>();
  for (const t of targets) {
    if (t.value === null || t.targetYear === null) continue;
    byKey.set(key(t), [...(byKey.get(key(t)) ?? []), t]);
  }
  for (const group of byKey.values()) {
    const sorted = [...group].sort((a, b) => a.targetYear! - b.targetYear!);
    for (let i = 1; i < sorted.length; i++) {
      const early = sorted[i - 1]!;
      const late = sorted[i]!;
      if (late.targetYear === early.targetYear) continue;
      // Lower is weaker for "at least" targets, higher for "at most" and rankings (top N).
      const lowerIsBetter =
        late.comparator === 'AT_MOST' ||
        late.comparator === 'TOP_N' ||
        late.comparator === 'LESS_THAN';
      const weaker = lowerIsBetter ? late.value! > early.value! : late.value! < early.value!;
      if (weaker) {
        out.push({
          line: late.line,
          severity: 'WARNING',
          message: `Chỉ tiêu năm ${late.targetYear} (${late.value}) thấp hơn chỉ tiêu năm ${early.targetYear} (${early.value}) cho cùng nội dung "${late.metric.slice(0, 80)}".`,
        });
      }
    }
  }
  return out;
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
function romanValue(roman: string): number {
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const v = ROMAN_VALUES[roman[i]!]!;
    const next = ROMAN_VALUES[roman[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}
const toRoman = (n: number) =>
  ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][n] ?? String(n);

/**
 * The outline's labels out of order: a Roman part skipped or repeated ("II." then "IV."), two
 * sub-items with the same letter under one heading ("b) Thành phần đoàn", "b) Phương tiện").
 */
export function outlineFindings(lines: TextLine[], from: number): Finding[] {
  const out: Finding[] = [];
  let roman = 0;
  let letter = '';
  for (const l of lines.slice(from)) {
    if (l.cells) continue;
    if (/^(PHỤ LỤC|Phụ lục|Nơi nhận|Trên đây là)/u.test(l.text)) break;
    // Each part ("PHẦN II") numbers its Roman sections from I again.
    if (/^(?:PHẦN|Phần)\s+(?:[IVX]+|thứ|\d)/u.test(l.text)) {
      roman = 0;
      letter = '';
      continue;
    }
    const r = /^([IVXLC]+)\.\s/u.exec(l.text);
    if (r) {
      const value = romanValue(r[1]!);
      if (roman && value !== roman + 1) {
        out.push({
          line: l.line,
          severity: 'WARNING',
          message:
            value > roman + 1
              ? `Đề mục La Mã nhảy từ ${toRoman(roman)} sang ${r[1]} (thiếu mục ${toRoman(roman + 1)}).`
              : `Đề mục La Mã ${r[1]} đứng sau mục ${toRoman(roman)}: ký hiệu bị lặp hoặc sai thứ tự.`,
        });
      }
      roman = value;
      letter = '';
      continue;
    }
    if (/^\d+(?:\.\d+)*\.?\s/u.test(l.text)) {
      letter = '';
      continue;
    }
    const m = /^([a-zđ])\)\s/u.exec(l.text);
    if (!m) continue;
    const current = m[1]!;
    if (letter && current === letter) {
      const next = String.fromCharCode(current.charCodeAt(0) + 1);
      out.push({
        line: l.line,
        severity: 'WARNING',
        message: `Hai tiểu mục liền nhau cùng ký hiệu "${current})"; tiểu mục sau phải là "${next})".`,
      });
    }
    letter = current;
  }
  return out;
}

/** "(Kèm theo Kế hoạch số: 403/KH-UBND ngày 15/6/2023 …)": the plan as its appendices cite it. */
export const ATTACHED_TO =
  /Kèm theo\s+(?:Kế hoạch|Quyết định|Văn bản)\s+số\s*:?\s*(\d+\s*\/\s*[\p{L}\d\-&]+)\s+ngày\s+(\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4})/iu;

/** An appendix citing the plan with another date than the plan's own. */
export function attachmentFindings(
  lines: TextLine[],
  number: string | null,
  issuedOn: string | null,
): Finding[] {
  if (!number || !issuedOn) return [];
  const out: Finding[] = [];
  for (const l of lines) {
    const m = ATTACHED_TO.exec(l.text);
    if (!m || m[1]!.replace(/\s+/g, '') !== number) continue;
    const [cited] = allDates(m[2]!.replace(/\s+/g, ''));
    if (cited && cited.iso !== issuedOn) {
      out.push({
        line: l.line,
        severity: 'WARNING',
        message: `Phụ lục ghi kèm theo Kế hoạch số ${number} ngày ${formatVietnamDay(cited.iso)}, nhưng kế hoạch đề ngày ${formatVietnamDay(issuedOn)}.`,
      });
    }
  }
  return out;
}

/** Kind codes each type word's symbol carries (Nghị định 30/2020/NĐ-CP, Phụ lục III). */
const CODE_OF_KIND: Record<string, string> = {
  'Nghị quyết': 'NQ',
  'Nghị định': 'NĐ',
  'Quyết định': 'QĐ',
  'Chỉ thị': 'CT',
  'Thông tư': 'TT',
  'Kế hoạch': 'KH',
  'Kết luận': 'KL',
  'Tờ trình': 'TTr',
  'Thông báo': 'TB',
  'Hướng dẫn': 'HD',
};

/** Two codes one letter apart ("QD" for "QĐ", "OĐ" for "QĐ"). */
const oneLetterApart = (a: string, b: string) =>
  a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 1;

/** What is wrong with a cited document's symbol, if anything a reviewer would flag. */
function symbolSlip(basis: LegalBasis): string | null {
  const number = basis.number!;
  if (/\/\d{4,}\p{Lu}/u.test(number)) {
    return `ký hiệu "${number}" sai dạng: năm và tên loại văn bản dính liền, thiếu dấu "/" giữa chúng`;
  }
  const code = kindCodeOf(number);
  const named = KIND_CODES[code ?? ''];
  const calledAs = basis.calledAs ?? basis.kind;
  const wanted = CODE_OF_KIND[calledAs];
  if (named && named !== calledAs && wanted) {
    return `được gọi là ${calledAs} nhưng ký hiệu "${number}" là của ${named.toLowerCase()}`;
  }
  if (!wanted || named) return null;
  if (code && oneLetterApart(code, wanted)) {
    return `ký hiệu "${number}" viết sai "${code}", đúng là "${wanted}"`;
  }
  if (code?.startsWith(wanted) && code.length > wanted.length) {
    return `ký hiệu "${number}" thiếu dấu gạch nối sau "${wanted}"`;
  }
  return `ký hiệu "${number}" thiếu chữ viết tắt tên loại "${wanted}" của ${basis.kind.toLowerCase()}`;
}

/**
 * Slips in the bases a reviewer flags: a symbol mistyped or cut short, a document dated after the
 * plan that rests on it, a known document cited with another date or issuer, one number written
 * two ways.
 */
export function basisFindings(
  bases: LegalBasis[],
  planIssuedOn: string | null,
  known: KnownDocument[] = CENTRAL_DOCUMENTS,
): Finding[] {
  const out: Finding[] = [];
  const flag = (b: LegalBasis, message: string, severity: Severity = 'WARNING') =>
    out.push({ line: b.line, severity, message });
  for (const b of bases) {
    const cited = b.number ? `${b.kind} số ${b.number}` : b.title;
    const slip = b.number ? symbolSlip(b) : null;
    if (slip) flag(b, `Căn cứ ${cited}: ${slip}.`);
    if (b.otherSpelling) {
      flag(
        b,
        `Số hiệu ${b.number} được viết thành "${b.otherSpelling.text}" ở chỗ khác: cùng một văn bản phải ghi thống nhất.`,
      );
    }
    if (b.issuedOn && planIssuedOn && b.issuedOn > planIssuedOn) {
      flag(
        b,
        `Căn cứ ${cited} đề ngày ${formatVietnamDay(b.issuedOn)}, sau ngày ban hành kế hoạch (${formatVietnamDay(planIssuedOn)}).`,
        'ERROR',
      );
    }
    const match = knownDocumentOf(b, known);
    if (!match) continue;
    const { known: k } = match;
    if (match.slip && !slip) flag(b, `Căn cứ ${cited}: số ký hiệu đúng là ${k.number}.`);
    if (b.issuedOn && k.issuedOn && b.issuedOn !== k.issuedOn) {
      flag(
        b,
        `Căn cứ ${cited} ghi ngày ${formatVietnamDay(b.issuedOn)}, nhưng ${k.number ?? k.title} ban hành ngày ${formatVietnamDay(k.issuedOn)}.`,
      );
    }
    // "… Chính phủ điện tử giai đoạn 2018-2020" for a resolution on 2019 - 2020.
    const period = (text: string) => /giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})/u.exec(text);
    const [said, titled] = [period(b.subject ?? ''), period(k.title)];
    if (said && titled && (said[1] !== titled[1] || said[2] !== titled[2])) {
      flag(b, `Căn cứ ${cited} ghi "${said[0]}", nhưng văn bản này là về ${titled[0]}.`);
    }
    if (b.issuer && k.issuerName && foldVietnamese(b.issuer) !== foldVietnamese(k.issuerName)) {
      flag(
        b,
        `Căn cứ ${cited} ghi của ${b.issuer}, nhưng văn bản này do ${k.issuerName} ban hành.`,
      );
    }
  }
  return out;
}

/** Dates whose words slipped ("ngày 31 tháng 3 tháng 2022"), and periods that end before they start. */
export function dateWordFindings(lines: TextLine[]): Finding[] {
  const out: Finding[] = [];
  for (const l of lines) {
    const slipped = new RegExp(SLIPPED_DATE.source, 'giu');
    for (const m of l.text.matchAll(slipped)) {
      out.push({
        line: l.line,
        severity: 'WARNING',
        message: `Ngày tháng viết sai: "${m[0]}" lặp chữ hoặc thiếu chữ "năm".`,
      });
    }
    for (const m of l.text.matchAll(/giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})(?!\d)/giu)) {
      if (Number(m[2]) < Number(m[1])) {
        out.push({
          line: l.line,
          severity: 'WARNING',
          message: `"${m[0]}": năm kết thúc đứng trước năm bắt đầu.`,
        });
      }
    }
  }
  return out;
}

/**
 * The plan's own number and date: left blank in a text that is not a draft, or a symbol without
 * its kind code ("Số: 2393/-UBND").
 */
export function ownNumberFindings(lines: TextLine[], header: PlanHeader): Finding[] {
  const top = lines.slice(0, Math.max(header.bodyStart, 1));
  if (top.some((l) => /^DỰ THẢO\b|\(Dự thảo\)/iu.test(l.text))) return [];
  const out: Finding[] = [];
  const numberLine = top.find((l) => /(?<![\p{L}])Số\s*:/u.test(l.text));
  // "Số: /KH-UBND", or "Số:" alone with the symbol on the next line.
  if (numberLine && !header.number && /Số\s*:\s*(?:\/\s*\p{Lu}|$)/u.test(numberLine.text)) {
    out.push({
      line: numberLine.line,
      severity: 'WARNING',
      message: 'Văn bản chưa ghi số: dòng "Số:" để trống trước ký hiệu.',
    });
  }
  if (header.number && /\/-/.test(header.number)) {
    out.push({
      line: numberLine?.line ?? null,
      severity: 'WARNING',
      message: `Số ký hiệu "${header.number}" thiếu chữ viết tắt tên loại văn bản trước "-".`,
    });
  }
  const dateLine = top.find((l) =>
    /ngày\s*(?:[._…]*)\s+tháng\s+\d{1,2}\s+năm\s+\d{4}/u.test(l.text),
  );
  if (dateLine && !header.issuedOn && /ngày\s*[._…]*\s+tháng/u.test(dateLine.text)) {
    out.push({
      line: dateLine.line,
      severity: 'WARNING',
      message: 'Văn bản chưa ghi ngày ban hành: ngày để trống.',
    });
  }
  return out;
}

/** Words that never double in Vietnamese prose, so "đã đã", "Căn cứ Căn cứ" is a typing slip. */
const NEVER_DOUBLED =
  'đã|của|và|các|được|những|trong|cho|với|để|là|có|này|hiện|theo|về|tại|Căn cứ|căn cứ|Thực hiện|thực hiện';
const DOUBLED = new RegExp(`(?<![\\p{L}])(${NEVER_DOUBLED})\\s+\\1(?![\\p{L}])`, 'gu');

/** A word typed twice ("Căn cứ Căn cứ Quyết định …", "đã đã tập trung"). */
export function doubledWordFindings(lines: TextLine[]): Finding[] {
  const out: Finding[] = [];
  for (const l of lines) {
    for (const m of l.text.matchAll(DOUBLED)) {
      out.push({ line: l.line, severity: 'INFO', message: `Chữ "${m[1]}" bị gõ lặp: "${m[0]}".` });
    }
  }
  return out;
}
