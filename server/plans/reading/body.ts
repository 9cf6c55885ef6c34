// The body of a plan: its outline (I., 1., 2.1.) and deadlines ("trước ngày 15/9/2023").
// Targets are read in targets.ts, tasks in tasks.ts.
import { headingDepth } from './bases.ts';
import { allDates } from './dates.ts';
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
        // Web copies keep markdown emphasis ("*trước ngày 15/9/2023*").
        text: clean(l.text.slice(start, end).replace(/\*+/g, '')).replace(/^[-+•]\s*/u, ''),
        line: l.line,
      });
    }
  }
  return out;
}

/** Headings of parts that report what was done: "PHẦN I. ĐÁNH GIÁ KẾT QUẢ …", "a) Kết quả đạt được". */
const RESULTS_HEADING =
  /^(?:(?:PHẦN|Phần)\s+\S+\s*[.:-]?\s*|[IVXLC]+\.\s*|\d+(?:\.\d+)*[.)]?\s+|[a-zđ]\)\s*)?(?:ĐÁNH GIÁ|KẾT QUẢ|TÌNH HÌNH|THỰC TRẠNG|Đánh giá|Kết quả|Tình hình|Thực trạng)(?![\p{L}])(?!.*(?:cần đạt|dự kiến|mong đợi|phải đạt|CẦN ĐẠT|DỰ KIẾN))/u;

/**
 * Indexes of the lines inside parts that report results: their figures are what was achieved,
 * not targets, and their sentences say what an agency did, not what it is to do.
 */
export function resultLines(lines: TextLine[], from = 0): Set<number> {
  const out = new Set<number>();
  let depth: number | null = null;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!;
    const d = headingDepth(l.head);
    if (d !== null && depth !== null && d <= depth) depth = null;
    // "PHẦN I" with its title on the line below.
    const title = d === -1 && lines[i + 1] ? `${l.head} ${lines[i + 1]!.head}` : l.head;
    if (
      depth === null &&
      d !== null &&
      RESULTS_HEADING.test(title.replace(/^(?:PHẦN|Phần)\s+\S+\s*/u, ''))
    ) {
      depth = d;
      continue;
    }
    if (depth !== null) out.add(i);
  }
  return out;
}
