// Dates as plans write them: "ngày 03 tháng 6 năm 2020", "03/6/2020", "03-6-2020", and the slips
// copies carry ("ngày 31 tháng 3 tháng 2022", "ngày 22 ngày 12 tháng 2024"), which still say
// which day is meant; the review checks name the slip (findings.ts).
import { isoDate } from '../../../shared/cells/parse.ts';

const DATE_WORDS =
  /ngày\s+(\d{1,2})\s+(?:tháng|ngày)\s+(\d{1,2})\s+(?:năm|tháng)\s+(\d{4})(?!\d)/iu;
const DATE_SLASH = /(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/u;

/** "ngày 03 tháng 6 năm 2020" or "03/6/2020" → "2020-06-03". */
export function readDate(text: string): string | null {
  const words = DATE_WORDS.exec(text);
  if (words) return isoDate(Number(words[3]), Number(words[2]), Number(words[1]));
  const slash = DATE_SLASH.exec(text);
  return slash ? isoDate(Number(slash[4]), Number(slash[3]), Number(slash[1])) : null;
}

/** A date whose words are slipped: a word repeated ("… tháng 3 tháng 2022", "ngày 22 ngày 12"). */
export const SLIPPED_DATE =
  /ngày\s+\d{1,2}\s+(?:ngày\s+\d{1,2}\s+(?:tháng|năm)|tháng\s+\d{1,2}\s+tháng)\s+\d{4}/iu;

/** Every date in a text, with where it starts. */
export function allDates(text: string): { iso: string; at: number; raw: string }[] {
  const out: { iso: string; at: number; raw: string }[] = [];
  for (const m of text.matchAll(new RegExp(DATE_WORDS.source, 'giu'))) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso) out.push({ iso, at: m.index, raw: m[0] });
  }
  // Only "/" here: "03-6-2020" in running text is as often a range of days as a date.
  for (const m of text.matchAll(/(?<!\d)(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})(?!\d)/gu)) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso) out.push({ iso, at: m.index, raw: m[0] });
  }
  return out.sort((a, b) => a.at - b.at);
}
