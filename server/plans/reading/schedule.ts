// An activity's schedule as plans write it: the dates stated for it ("Thời gian …: từ ngày
// 01/8/2022 đến ngày 06/8/2022"), the schedule table (a date with its weekday, the hours, what
// happens) and the delegation's stated size ("Tổng cộng: 22 người"). Kept with an imported plan
// as its activity, and checked against each other by the review findings.
import { allDates } from './dates.ts';
import { clean, type TextLine } from './text.ts';

export interface StatedWindow {
  from: string;
  to: string;
  line: number | null;
}

export interface ScheduleItemDraft {
  date: string;
  /** The weekday as written next to the date ("thứ 7"), kept to check against the date. */
  weekdayText: string | null;
  startTime: string | null;
  endTime: string | null;
  description: string;
  line: number;
}

export interface ScheduleDraft {
  window: StatedWindow | null;
  /** Each day the schedule names, where it is named. */
  days: { date: string; weekdayText: string | null; line: number }[];
  items: ScheduleItemDraft[];
  statedHeadcount: number | null;
}

const SCHEDULE_HEADING =
  /^(\d+\.|[IVX]+\.|[a-z]\))?\s*(Lịch trình|Chương trình|Lịch làm việc|Thời gian và địa điểm)/iu;
const HEADING = /^(\d+\.|[IVX]+\.|[a-zđ]\))\s/u;
const WEEKDAY_WRITTEN = /^\(?\s*(chủ\s*nhật|thứ\s*(?:[2-7]|hai|ba|tư|năm|sáu|bảy))\s*\)?/iu;
const TIME = /\b(\d{1,2})\s*h\s*(\d{2})?\b/giu;
/** The schedule table's own header cells. */
const TABLE_HEADER = /^(NGÀY|GIỜ|THỜI GIAN|NỘI DUNG|LỊCH TRÌNH[\p{Lu}\s]*|ĐỊA ĐIỂM)$/u;

/**
 * The dates the plan states for its activity: the first "Thời gian …: từ ngày 01/8/2022 đến ngày
 * 06/8/2022" (the first date may leave its year to the second: "từ ngày 28/9 đến ngày 02/10/2023").
 */
export function statedWindow(lines: TextLine[]): StatedWindow | null {
  for (const l of lines) {
    if (!/Thời gian/iu.test(l.text)) continue;
    const m =
      /từ\s+(?:ngày\s+)?(\d{1,2}\/\d{1,2})(\/\d{4})?\s+đến\s+(?:ngày\s+)?(\d{1,2}\/\d{1,2}\/(\d{4}))/iu.exec(
        l.text,
      );
    if (!m) continue;
    const [from] = allDates(`${m[1]}${m[2] ?? `/${m[4]}`}`);
    const [to] = allDates(m[3]!);
    if (from && to) return { from: from.iso, to: to.iso, line: l.line };
  }
  return null;
}

export function readSchedule(lines: TextLine[]): ScheduleDraft {
  const items: ScheduleItemDraft[] = [];
  const days: ScheduleDraft['days'] = [];
  let inSchedule = false;
  let day: { date: string; weekdayText: string | null } | null = null;
  // Hours may sit on lines of their own before what happens ("06h30", "11h00", "Đoàn tập trung").
  let hours: string[] = [];
  for (const l of lines) {
    if (SCHEDULE_HEADING.test(l.text)) {
      inSchedule = true;
      continue;
    }
    if (inSchedule && HEADING.test(l.text) && !/^\d+\.\s*$/.test(l.text)) {
      if (!/^\d+\.\s/u.test(l.text) || /^\d+\.\s+\p{Lu}/u.test(l.text)) inSchedule = false;
    }
    if (!inSchedule) continue;
    let text = l.text;
    // A day starts with its date, the weekday next to it: "18/7/2022 (thứ 2)", "Thứ Ba, ngày …".
    const before = /^[-+•]?\s*(thứ\s*\S+|chủ\s*nhật)\s*,?\s*(?:ngày\s*)?/iu.exec(text);
    const rest = before ? text.slice(before[0].length) : text.replace(/^[-+•]\s*/u, '');
    const [date] = allDates(rest);
    if (date && date.at === 0) {
      text = rest.slice(date.raw.length).trim();
      const weekday = WEEKDAY_WRITTEN.exec(text);
      if (weekday) text = text.slice(weekday[0].length);
      day = {
        date: date.iso,
        weekdayText: clean(before?.[1]?.replace(/,$/u, '') ?? weekday?.[1] ?? '') || null,
      };
      days.push({ ...day, line: l.line });
      hours = [];
    }
    if (!day) continue;
    const leading = /^[\s:–-]*((?:\d{1,2}\s*h\s*\d{0,2}[\s–-]*)+)/iu.exec(text);
    if (leading) {
      hours.push(
        ...[...leading[1]!.matchAll(TIME)].map((m) => `${m[1]!.padStart(2, '0')}h${m[2] ?? '00'}`),
      );
      text = text.slice(leading[0].length);
    }
    const description = clean(text).replace(/^[-:]\s*/u, '');
    if (description.length < 6 || TABLE_HEADER.test(description)) continue;
    items.push({
      date: day.date,
      weekdayText: day.weekdayText,
      startTime: hours[0] ?? null,
      endTime: hours[1] ?? null,
      description,
      line: l.line,
    });
    hours = [];
  }
  const total = lines
    .map((l) =>
      /^(?:Tổng cộng|Tổng số)\s*:?\s*(\d+)\s+(?:người|thành viên|đại biểu)/iu.exec(l.text),
    )
    .find(Boolean);
  return {
    window: statedWindow(lines),
    days,
    items,
    statedHeadcount: total ? Number(total[1]) : null,
  };
}
