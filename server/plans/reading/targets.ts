// Targets read from a plan's sentences, the way a clerk would type them in: a percentage ("80%
// dịch vụ công …", "trên 50%", "tối thiểu 10%"), a range ("5-10%", "từ 10% đến 15%"), a ranking
// ("nhóm 15 tỉnh", "1 trong 15 tỉnh", "top 15 tỉnh"), a count ("tối thiểu 01 xã", "khoảng hơn
// 400 lượt đại biểu", "3-5 doanh nghiệp"). "90% … cấp tỉnh; 80% … cấp huyện và 60% … cấp xã" is
// three targets. The year comes from the sentence, else the heading above ("Mục tiêu cơ bản đến
// năm 2025"), else the plan's own year when it is a one-year plan; the level from the clause, else
// the heading above ("1. Mô hình chuyển đổi số cấp huyện").
import { resultLines } from './body.ts';
import { clean, type TextLine } from './text.ts';

export interface TargetDraft {
  statement: string;
  metric: string;
  unit: 'PERCENT' | 'COUNT' | 'RANK';
  comparator: 'AT_LEAST' | 'AT_MOST' | 'EQUAL' | 'MORE_THAN' | 'LESS_THAN' | 'RANGE' | 'TOP_N';
  value: number;
  valueMax: number | null;
  targetYear: number | null;
  level: Level | null;
  line: number;
}

type Level = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

const LEVEL_WORDS: [RegExp, Level][] = [
  [/cấp tỉnh/iu, 'PROVINCE'],
  [/cấp huyện/iu, 'DISTRICT'],
  [/cấp xã/iu, 'COMMUNE'],
];

/** Where the clause says the target applies, short of a "cấp …": "100% xã", "tại UBND huyện …". */
const PLACE_LEVEL: [RegExp, Level][] = [
  [/%\s+(?:các\s+)?(?:xã|phường)(?!\p{L})/iu, 'COMMUNE'],
  [/tại\s+(?:UBND\s+|Ủy ban nhân dân\s+)?(?:huyện|thị xã|thành phố)(?!\p{L})/iu, 'DISTRICT'],
  [/tại\s+(?:UBND\s+|Ủy ban nhân dân\s+)?tỉnh(?!\p{L})/iu, 'PROVINCE'],
];

const ROMAN = /^([IVXLC]+)\.\s+/u;
const NUMBERED = /^(\d+(?:\.\d+)*)\.?\s+\p{Lu}/u;
const LETTERED = /^[a-zđ]\)\s+/u;
const APPENDIX = /^(PHỤ LỤC|Phụ lục)\b/u;

const number = (raw: string) => Number(raw.replace(/\./g, '').replace(',', '.'));

/** How deep a heading sits: "I." 0, "1." 1, "1.1." 2, "a)" 5; null for a line that is not one. */
function headingDepth(text: string): number | null {
  if (/%/.test(text)) return null;
  if (ROMAN.test(text)) return 0;
  const numbered = NUMBERED.exec(text);
  if (numbered) return numbered[1]!.split('.').length;
  if (LETTERED.test(text)) return 5;
  return null;
}

function yearOf(text: string): number | null {
  const m = /(?:đến|năm|trong)\s+(?:năm\s+)?(20\d{2})(?!\s*-)/iu.exec(text);
  return m ? Number(m[1]) : null;
}

/** A one-year plan's year ("… trên địa bàn tỉnh năm 2021"); null for a plan over a period. */
export function planYearOf(title: string | null): number | null {
  if (!title || /giai đoạn|đến năm|\d{4}\s*[-–]\s*\d{4}/iu.test(title)) return null;
  const m = /năm\s+(20\d{2})/iu.exec(title);
  return m ? Number(m[1]) : null;
}

function levelsIn(clause: string): Level[] {
  return LEVEL_WORDS.filter(([re]) => re.test(clause)).map(([, level]) => level);
}

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
      .replace(/(phấn đấu|đạt|tối thiểu|ít nhất|trên|khoảng|dự kiến)\s*/giu, '')
      .replace(/\d+(?:[.,]\d+)?\s*(?:-|–|đến)\s*\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*%/gu, '')
      .replace(/\s*(tại|ở|đối với)?\s*cấp (tỉnh|huyện|xã)/giu, ''),
  ).replace(/^[,;:\s]+|[,;:.\s]+$/gu, '');
}

const statementOf = (clause: string) => clean(clause).replace(/^[-+•]\s*/u, '');

/** Things counted in targets; time and money are not (they are schedules and budgets). */
const COUNTED =
  'lượt đại biểu|lượt người|lượt|đại biểu|doanh nghiệp|hợp tác xã|xã|phường|huyện|gian hàng|tỉnh\\/thành phố|tỉnh, thành phố|sản phẩm|mô hình|nền tảng|cơ sở dữ liệu|ứng dụng|điểm|trạm|lớp|học viên|người dân|hộ gia đình|trường|bệnh viện|chuyên đề|tin, bài|bài viết|phóng sự|dịch vụ';
const COUNT = new RegExp(
  `(tối thiểu|ít nhất|khoảng hơn|khoảng trên|khoảng|trên|hơn|dự kiến(?: khoảng(?: hơn)?)?|đạt|phát triển)?\\s*\\b(\\d{1,6})(?:\\s*[-–]\\s*(\\d{1,6}))?\\s+(${COUNTED})(?![\\p{L}])`,
  'giu',
);

function countComparator(word: string | undefined): TargetDraft['comparator'] {
  const w = (word ?? '').toLowerCase();
  if (/hơn|trên/u.test(w)) return 'MORE_THAN';
  if (/tối thiểu|ít nhất|đạt/u.test(w)) return 'AT_LEAST';
  return 'EQUAL';
}

/** Lines a count in them is not a target of: budget lines, money, delegation lists. */
const NOT_A_TARGET_LINE = /\d{1,3}(?:\.\d{3}){2,}|\s[x×]\s\d|Tổng cộng|Thành phần/u;

export function readTargets(
  lines: TextLine[],
  from: number,
  planYear: number | null = null,
): TargetDraft[] {
  const out: TargetDraft[] = [];
  let headingYear: number | null = null;
  let headingLevel: { level: Level; depth: number } | null = null;
  const results = resultLines(lines, from);
  for (const [i, l] of lines.entries()) {
    if (i < from) continue;
    if (APPENDIX.test(l.text)) break;
    // What was achieved last year is no target.
    if (results.has(i)) continue;
    if (l.cells) continue;
    const depth = headingDepth(l.head);
    if (depth !== null) {
      if (headingLevel && depth <= headingLevel.depth) headingLevel = null;
      const levels = levelsIn(l.head);
      if (levels.length === 1) headingLevel = { level: levels[0]!, depth };
      const y = yearOf(l.head);
      if (y) headingYear = y;
      // A new Roman part (tasks, solutions) ends the objectives' years.
      else if (depth === 0 && !/MỤC TIÊU/iu.test(l.head)) headingYear = null;
      if (l.head === l.text) continue;
    }
    const year = yearOf(l.text) ?? headingYear ?? planYear;
    const push = (
      clause: string,
      fields: Pick<TargetDraft, 'unit' | 'comparator' | 'value' | 'valueMax'>,
      level: Level | null,
    ) =>
      out.push({
        statement: statementOf(clause),
        metric: metricOf(clause) || metricOf(l.text),
        ...fields,
        targetYear: year,
        level,
        line: l.line,
      });
    // Clauses: "90% … cấp tỉnh; 80% … cấp huyện và 60% … cấp xã" are three targets.
    const clauses = l.text.split(/;\s|(?:,\s|\svà\s)(?=\d+(?:[.,]\d+)?\s*%)/u);
    for (const clause of clauses) {
      // One level named: the target is that level's; several ("cấp huyện, cấp xã"): the heading's.
      const named = levelsIn(clause);
      const level =
        named.length === 1
          ? named[0]!
          : (headingLevel?.level ??
            (named.length ? null : (PLACE_LEVEL.find(([re]) => re.test(clause))?.[1] ?? null)));
      const range = /(\d+(?:[.,]\d+)?)\s*(?:%\s*)?(?:-|–|đến)\s*(\d+(?:[.,]\d+)?)\s*%/u.exec(
        clause,
      );
      const top = /(?:1\s+trong|nhóm|top)\s+(\d+)\s+tỉnh/iu.exec(clause);
      // Every percentage outside the range is a target of its own ("100% các cơ sở … trong đó
      // … tối thiểu 20% nội dung"), its statement from the last comma before it.
      const percents = [...clause.matchAll(/(\d+(?:[.,]\d+)?)\s*%/gu)].filter(
        (m) => !range || m.index < range.index || m.index >= range.index + range[0].length,
      );
      if (range) {
        push(
          clause,
          {
            unit: 'PERCENT',
            comparator: 'RANGE',
            value: number(range[1]!),
            valueMax: number(range[2]!),
          },
          level,
        );
      }
      percents.forEach((m, i) => {
        const start = i === 0 ? 0 : Math.max(0, clause.lastIndexOf(', ', m.index) + 2);
        push(
          range || i > 0 ? clause.slice(start) : clause,
          {
            unit: 'PERCENT',
            comparator: comparatorOf(clause.slice(0, m.index)),
            value: number(m[1]!),
            valueMax: null,
          },
          level,
        );
      });
      if (top) {
        push(
          clause,
          { unit: 'RANK', comparator: 'TOP_N', value: Number(top[1]), valueMax: null },
          null,
        );
      }
      if (range || percents.length || top || NOT_A_TARGET_LINE.test(l.text)) continue;
      // Counts: "khoảng 100 đại biểu … và khoảng 100 đại biểu …" are two.
      const counts = [...clause.matchAll(COUNT)].filter((m) => m[1] || m[3]);
      counts.forEach((m, i) => {
        const part = clause.slice(m.index, counts[i + 1]?.index ?? clause.length);
        const partLevels = levelsIn(part);
        push(
          i === 0 ? clause.slice(0, counts[1]?.index ?? clause.length) : part,
          {
            unit: 'COUNT',
            comparator: m[3] ? 'RANGE' : countComparator(m[1]),
            value: Number(m[2]),
            valueMax: m[3] ? Number(m[3]) : null,
          },
          partLevels.length === 1
            ? partLevels[0]!
            : (headingLevel?.level ?? PLACE_LEVEL.find(([re]) => re.test(part))?.[1] ?? null),
        );
      });
    }
  }
  return out;
}
