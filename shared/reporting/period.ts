// Reporting periods and their data cutoff windows, per Nghị định 09/2019/NĐ-CP Điều 12:
// month: the 15th of the previous month to the 14th; quarter: the 15th of the month before the
// quarter to the 14th of its last month; six months: 15/12–14/6 and 15/6–14/12; year: 15/12 of
// the previous year to 14/12; nine months (as provinces use it): 15/12–14/9. Ad-hoc and thematic
// reports carry explicit dates. Dates are ISO strings (YYYY-MM-DD), computed without time zones.
import { formatVietnamDay, vietnamInstant } from '../time/vietnam.ts';

export type PeriodKind = 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'NINE_MONTHS' | 'YEAR' | 'AD_HOC';

export interface PeriodInput {
  kind: PeriodKind;
  year: number;
  number?: number | null;
  start?: string | null;
  end?: string | null;
}

export interface Period {
  kind: PeriodKind;
  year: number;
  /** Month, quarter or half; 0 where the kind has none. */
  number: number;
  label: string;
  start: string;
  end: string;
  cutoffStart: string;
  cutoffEnd: string;
}

export class PeriodError extends Error {}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** The 15th of the month before month m of year y (m may be 1: December of y-1). */
const fifteenthBefore = (y: number, m: number): string =>
  m === 1 ? iso(y - 1, 12, 15) : iso(y, m - 1, 15);

const ROMAN = ['I', 'II', 'III', 'IV'];

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

function requireNumber(input: PeriodInput, max: number, what: string): number {
  const n = input.number;
  if (n === undefined || n === null || !Number.isInteger(n) || n < 1 || n > max) {
    throw new PeriodError(`Kỳ báo cáo ${what} cần số thứ tự từ 1 đến ${max}.`);
  }
  return n;
}

/** The period a kind, year and number name, with its label and cutoff window. */
export function reportingPeriod(input: PeriodInput): Period {
  const { kind, year } = input;
  if (!Number.isInteger(year) || year < 1945 || year > 2200) {
    throw new PeriodError(`Năm báo cáo không hợp lệ: ${year}.`);
  }
  switch (kind) {
    case 'MONTH': {
      const m = requireNumber(input, 12, 'tháng');
      return {
        kind,
        year,
        number: m,
        label: `Tháng ${m}/${year}`,
        start: iso(year, m, 1),
        end: iso(year, m, lastDay(year, m)),
        cutoffStart: fifteenthBefore(year, m),
        cutoffEnd: iso(year, m, 14),
      };
    }
    case 'QUARTER': {
      const q = requireNumber(input, 4, 'quý');
      const first = 3 * q - 2;
      const last = 3 * q;
      return {
        kind,
        year,
        number: q,
        label: `Quý ${ROMAN[q - 1]}/${year}`,
        start: iso(year, first, 1),
        end: iso(year, last, lastDay(year, last)),
        cutoffStart: fifteenthBefore(year, first),
        cutoffEnd: iso(year, last, 14),
      };
    }
    case 'HALF_YEAR': {
      const h = requireNumber(input, 2, '6 tháng');
      return h === 1
        ? {
            kind,
            year,
            number: 1,
            label: `6 tháng đầu năm ${year}`,
            start: iso(year, 1, 1),
            end: iso(year, 6, 30),
            cutoffStart: iso(year - 1, 12, 15),
            cutoffEnd: iso(year, 6, 14),
          }
        : {
            kind,
            year,
            number: 2,
            label: `6 tháng cuối năm ${year}`,
            start: iso(year, 7, 1),
            end: iso(year, 12, 31),
            cutoffStart: iso(year, 6, 15),
            cutoffEnd: iso(year, 12, 14),
          };
    }
    case 'NINE_MONTHS':
      return {
        kind,
        year,
        number: 0,
        label: `9 tháng năm ${year}`,
        start: iso(year, 1, 1),
        end: iso(year, 9, 30),
        cutoffStart: iso(year - 1, 12, 15),
        cutoffEnd: iso(year, 9, 14),
      };
    case 'YEAR':
      return {
        kind,
        year,
        number: 0,
        label: `Năm ${year}`,
        start: iso(year, 1, 1),
        end: iso(year, 12, 31),
        cutoffStart: iso(year - 1, 12, 15),
        cutoffEnd: iso(year, 12, 14),
      };
    case 'AD_HOC': {
      const { start, end } = input;
      if (!start || !end || !isIsoDate(start) || !isIsoDate(end)) {
        throw new PeriodError(
          'Kỳ báo cáo đột xuất cần ngày bắt đầu và ngày kết thúc dạng YYYY-MM-DD.',
        );
      }
      if (start > end) throw new PeriodError('Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc.');
      return {
        kind,
        year,
        number: 0,
        label: `Từ ${formatVietnamDay(start)} đến ${formatVietnamDay(end)}`,
        start,
        end,
        cutoffStart: start,
        cutoffEnd: end,
      };
    }
    default:
      throw new PeriodError(`Loại kỳ báo cáo không hợp lệ: ${String(kind)}.`);
  }
}

/** The periods of a kind whose cutoff ends fall between two dates, in order (for schedules). */
export function periodsBetween(
  kind: Exclude<PeriodKind, 'AD_HOC'>,
  from: string,
  to: string,
): Period[] {
  const out: Period[] = [];
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(to.slice(0, 4)) + 1;
  const numbers: Record<typeof kind, number[]> = {
    MONTH: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    QUARTER: [1, 2, 3, 4],
    HALF_YEAR: [1, 2],
    NINE_MONTHS: [0],
    YEAR: [0],
  };
  for (let y = firstYear; y <= lastYear; y++) {
    for (const n of numbers[kind]) {
      const p = reportingPeriod({ kind, year: y, number: n || null });
      if (p.start >= from && p.end <= to) out.push(p);
    }
  }
  return out;
}

/**
 * A deadline some days after a cutoff, at 17:00 Vietnam time (the end of the working day):
 * schedules set it, the task pane proposes it. "2021-09-14" + 5 → 2021-09-19T17:00:00+07:00.
 */
export function scheduledDeadline(cutoffEnd: string, daysAfter: number): Date {
  const day = vietnamInstant(cutoffEnd, '17:00');
  day.setUTCDate(day.getUTCDate() + daysAfter);
  return day;
}

/** Days from the cutoff to the deadline proposed when none is set yet: a working week to send. */
export const PROPOSED_DAYS_AFTER_CUTOFF = 5;

/** The deadline proposed for a period when none is typed yet: 17:00, five days after its cutoff. */
export const proposedDeadline = (cutoffEnd: string): Date =>
  scheduledDeadline(cutoffEnd, PROPOSED_DAYS_AFTER_CUTOFF);

/** A request title from a pattern: "{period}" becomes the period's label (or it is appended). */
export function scheduledTitle(pattern: string, period: Period): string {
  return pattern.includes('{period}')
    ? pattern.replace('{period}', period.label)
    : `${pattern} ${period.label}`;
}
