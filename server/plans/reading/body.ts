// The body of a plan: its outline (I., 1., 2.1.), deadlines ("trước ngày 15/9/2023"), targets
// read from sentences ("80% dịch vụ công …", "90% … cấp tỉnh; 80% … cấp huyện và 60% … cấp xã",
// "5-10%", "1 trong 15 tỉnh"), and tasks with their lead agency ("Sở Y tế: Chủ trì …", a table row
// "| 1 | Xây dựng kho dữ liệu | Sở Y tế |").
import { allDates } from './header.ts';
import { clean, type TextLine } from './text.ts';

export interface SectionDraft {
  number: string;
  heading: string;
  line: number;
}

const ROMAN = /^([IVXLC]+)\.\s+(.+)$/u;
const NUMBERED = /^(\d+(?:\.\d+)*)\.\s+(.+)$/u;
const APPENDIX = /^(PHỤ LỤC|Phụ lục)\b/u;

/** Headings up to the second level, before the appendices. */
export function readOutline(lines: TextLine[], from: number): SectionDraft[] {
  const out: SectionDraft[] = [];
  for (const l of lines.slice(from)) {
    if (APPENDIX.test(l.text) && out.length) break;
    if (l.cells) continue;
    // The heading is its first physical line when the paragraph after it was wrapped into it.
    const text =
      l.head.length < l.text.length &&
      l.head.length <= 120 &&
      !/[,;]$/u.test(l.head) &&
      l.head === l.head.trim() &&
      /\p{Lu}/u.test(l.text.charAt(l.head.length + 1))
        ? l.head
        : l.text;
    const m = ROMAN.exec(text) ?? NUMBERED.exec(text);
    if (!m) continue;
    const heading = m[2]!.split(/:\s/u)[0]!.trim();
    // A heading names a part; a long sentence with a number in front is an item.
    if (heading.length > 160 || /[;]$/.test(heading)) continue;
    if (NUMBERED.test(text) && m[1]!.split('.').length > 2) continue;
    out.push({ number: m[1]!, heading: heading.replace(/[.:]$/u, ''), line: l.line });
  }
  return out;
}

export interface DeadlineDraft {
  date: string;
  text: string;
  line: number;
}

const DEADLINE =
  /(trước|chậm nhất|hạn chót|không muộn hơn|hoàn thành trước|trong)\s+(?:ngày\s+)?(\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/giu;

export function readDeadlines(lines: TextLine[], from: number): DeadlineDraft[] {
  const out: DeadlineDraft[] = [];
  for (const l of lines.slice(from)) {
    for (const m of l.text.matchAll(DEADLINE)) {
      const [date] = allDates(m[2]!.includes('tháng') ? `ngày ${m[2]}` : m[2]!);
      if (!date) continue;
      // The clause around the date: from the previous stop to the next one.
      const start = Math.max(
        0,
        l.text.lastIndexOf(';', m.index!) + 1,
        l.text.lastIndexOf('. ', m.index!) + 1,
      );
      const stops = [';', '. '].map((s) => l.text.indexOf(s, m.index!)).filter((i) => i >= 0);
      const end = stops.length ? Math.min(...stops) : l.text.length;
      out.push({
        date: date.iso,
        text: clean(l.text.slice(start, end)).replace(/^[-+•]\s*/u, ''),
        line: l.line,
      });
    }
  }
  return out;
}

export interface TargetDraft {
  statement: string;
  metric: string;
  unit: string;
  comparator: 'AT_LEAST' | 'AT_MOST' | 'EQUAL' | 'MORE_THAN' | 'LESS_THAN' | 'RANGE' | 'TOP_N';
  value: number;
  valueMax: number | null;
  targetYear: number | null;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE' | null;
  line: number;
}

const LEVEL: [RegExp, TargetDraft['level']][] = [
  [/cấp tỉnh/iu, 'PROVINCE'],
  [/cấp huyện/iu, 'DISTRICT'],
  [/cấp xã/iu, 'COMMUNE'],
];

const number = (raw: string) => Number(raw.replace(/\./g, '').replace(',', '.'));

function comparatorOf(before: string): TargetDraft['comparator'] {
  if (/(trên|hơn|vượt)\s*$/iu.test(before)) return 'MORE_THAN';
  if (/(dưới|ít hơn)\s*$/iu.test(before)) return 'LESS_THAN';
  if (/(tối đa|không quá|không vượt quá)\s*$/iu.test(before)) return 'AT_MOST';
  return 'AT_LEAST';
}

/** The measure a target is about: the sentence without its figures and level words. */
function metricOf(clause: string): string {
  return clean(
    clause
      .replace(/^[-+•]\s*/u, '')
      .replace(/(phấn đấu|đạt|tối thiểu|ít nhất|trên|khoảng)\s*/giu, '')
      .replace(/\d+(?:[.,]\d+)?\s*(?:-|–|đến)\s*\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*%/gu, '')
      .replace(/\s*(tại|ở|đối với)?\s*cấp (tỉnh|huyện|xã)/giu, ''),
  ).replace(/^[,;:\s]+|[,;:.\s]+$/gu, '');
}

function yearOf(text: string): number | null {
  const m = /(?:đến|năm|trong)\s+(?:năm\s+)?(20\d{2})(?!\s*-)/iu.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * Targets from the objectives: a percentage (or range) per clause, each level its own target,
 * the year from the sentence or the heading above ("Mục tiêu cơ bản đến năm 2025").
 */
export function readTargets(lines: TextLine[], from: number): TargetDraft[] {
  const out: TargetDraft[] = [];
  let headingYear: number | null = null;
  for (const l of lines.slice(from)) {
    if (APPENDIX.test(l.text)) break;
    const heading =
      ROMAN.exec(l.text) ?? NUMBERED.exec(l.text) ?? /^[a-zđ]\)\s+(.+)$/u.exec(l.text);
    if (heading && !/%/.test(l.text)) {
      const y = yearOf(l.text);
      if (y) headingYear = y;
      // A new Roman part (tasks, solutions) ends the objectives' years.
      if (ROMAN.test(l.text) && !/MỤC TIÊU/iu.test(l.text)) headingYear = null;
      continue;
    }
    if (!/\d\s*%|\d+\s*(?:-|–)\s*\d+\s*%|trong\s+(?:nhóm\s+)?\d+\s+tỉnh/u.test(l.text)) continue;
    const sentenceYear = yearOf(l.text) ?? headingYear;
    // Clauses: "90% … cấp tỉnh; 80% … cấp huyện và 60% … cấp xã" are three targets.
    const clauses = l.text.split(/;\s|(?:,\s|\svà\s)(?=\d+(?:[.,]\d+)?\s*%)/u);
    for (const clause of clauses) {
      const range = /(\d+(?:[.,]\d+)?)\s*(?:%\s*)?(?:-|–|đến)\s*(\d+(?:[.,]\d+)?)\s*%/u.exec(
        clause,
      );
      const percent = /(\d+(?:[.,]\d+)?)\s*%/u.exec(clause);
      const top = /(?:1\s+trong|nhóm)\s+(\d+)\s+tỉnh/iu.exec(clause);
      // One level named: the target is that level's; several ("cấp huyện, cấp xã"): all of them.
      const levels = LEVEL.filter(([re]) => re.test(clause));
      const level = levels.length === 1 ? levels[0]![1] : null;
      const metric = metricOf(clause) || metricOf(l.text);
      if (range) {
        out.push({
          statement: clean(clause),
          metric,
          unit: 'PERCENT',
          comparator: 'RANGE',
          value: number(range[1]!),
          valueMax: number(range[2]!),
          targetYear: sentenceYear,
          level,
          line: l.line,
        });
      } else if (percent) {
        out.push({
          statement: clean(clause),
          metric,
          unit: 'PERCENT',
          comparator: comparatorOf(clause.slice(0, percent.index)),
          value: number(percent[1]!),
          valueMax: null,
          targetYear: sentenceYear,
          level,
          line: l.line,
        });
      }
      if (top) {
        out.push({
          statement: clean(clause),
          metric,
          unit: 'RANK',
          comparator: 'TOP_N',
          value: Number(top[1]),
          valueMax: null,
          targetYear: sentenceYear,
          level: null,
          line: l.line,
        });
      }
    }
  }
  return out;
}

export interface TaskDraft {
  code: string | null;
  title: string;
  leadOrgName: string | null;
  coordinatingOrgNames: string[];
  line: number;
}

const AGENCY =
  /^(?:[-+•]\s*)?((?:Sở|Ban|Văn phòng|Công an|Bộ Chỉ huy|Đài|Báo|Ủy ban nhân dân|UBND|Các sở|Các cơ quan|Liên đoàn|Hội|Tỉnh đoàn|Trường|Bưu điện|Viễn thông|Cục|Kho bạc|Ngân hàng|Bảo hiểm)[^:]{2,120}):\s*(.+)$/u;

/**
 * Tasks with their lead: duties per agency ("Sở Y tế: Chủ trì, phối hợp …" — one task per duty
 * sentence), and rows of task tables whose last columns name the lead and coordinating agencies.
 */
export function readTasks(lines: TextLine[], from: number): TaskDraft[] {
  const out: TaskDraft[] = [];
  let leadColumn = -1;
  let coordColumn = -1;
  let titleColumn = -1;
  for (const l of lines.slice(from)) {
    if (l.cells) {
      const lower = l.cells.map((c) => c.toLowerCase());
      const lead = lower.findIndex((c) => /chủ trì/u.test(c));
      if (lead >= 0 && lower.some((c) => /nhiệm vụ|nội dung|tên/u.test(c))) {
        leadColumn = lead;
        coordColumn = lower.findIndex((c) => /phối hợp/u.test(c));
        titleColumn = lower.findIndex((c) => /nhiệm vụ|nội dung|tên/u.test(c));
        continue;
      }
      if (leadColumn >= 0 && l.cells.length > leadColumn) {
        const title = l.cells[titleColumn] ?? '';
        const code = l.cells[0] && /^[\dIVX.]+$/u.test(l.cells[0]) ? l.cells[0] : null;
        const leadName = l.cells[leadColumn] ?? '';
        // A group row ("I | Chính quyền số") has no lead.
        if (!title || !leadName || /^[IVX]+$/u.test(code ?? '')) continue;
        out.push({
          code,
          title: clean(title),
          leadOrgName: clean(leadName),
          coordinatingOrgNames:
            coordColumn >= 0 && l.cells[coordColumn]
              ? l.cells[coordColumn]!.split(/[,;]\s*/u)
                  .map(clean)
                  .filter(Boolean)
              : [],
          line: l.line,
        });
      }
      continue;
    }
    leadColumn = -1;
    const m = AGENCY.exec(l.text);
    if (!m) continue;
    const lead = clean(m[1]!);
    for (const duty of m[2]!.split(/;\s|\.\s(?=\p{Lu})/u)) {
      const title = clean(duty).replace(/[.;]$/u, '');
      if (title.length < 12) continue;
      const coordinating = /phối hợp (?:với )?([^,;.]+)/iu.exec(title)?.[1];
      out.push({
        code: null,
        title,
        leadOrgName: lead,
        coordinatingOrgNames: coordinating ? [clean(coordinating)] : [],
        line: l.line,
      });
    }
  }
  return out;
}
