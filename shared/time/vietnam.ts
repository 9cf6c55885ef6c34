// Vietnam's clock, said once: UTC+7 all year, no daylight saving (Asia/Ho_Chi_Minh). Deadlines are
// set and shown on it, dates of reports are its days, Excel's serials count on it.

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** As ISO 8601 writes the offset. */
export const VIETNAM_OFFSET = '+07:00';

/** The instant whose UTC fields read Vietnam's wall clock at `at`. */
const onVietnamClock = (at: Date) => new Date(at.getTime() + VIETNAM_OFFSET_MS);
const pad = (n: number) => String(n).padStart(2, '0');

/** The day it is in Vietnam at `at`: "2023-08-20". */
export function vietnamDay(at: Date): string {
  return onVietnamClock(at).toISOString().slice(0, 10);
}

/** "2023-08-20" at "17:00" in Vietnam, as an instant. */
export function vietnamInstant(day: string, time = '00:00'): Date {
  return new Date(`${day}T${time}:00${VIETNAM_OFFSET}`);
}

/** A wall-clock time typed for Vietnam ("2024-03-19T17:00") as ISO 8601 with its offset. */
export function withVietnamOffset(local: string): string {
  return `${local}:00${VIETNAM_OFFSET}`;
}

/** `at` as a datetime-local field shows it on Vietnam's clock: "2024-03-19T17:00". */
export function vietnamLocalInput(at: Date): string {
  return onVietnamClock(at).toISOString().slice(0, 16);
}

// Every date a person reads — pane, sheets, .xlsx files, messages — is written by one of the two
// functions below: day and month always two digits, the year four ("20/08/2023", never "20/8/23").

/**
 * A day as Vietnamese write it: "2023-08-20" → "20/08/2023" (also "2023-8-5" → "05/08/2023"); an
 * instant → its day in Vietnam. Text that is not a day is returned as it is.
 */
export function formatVietnamDay(day: string | Date): string {
  if (day instanceof Date) return formatVietnamDay(vietnamDay(day));
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(day.trim());
  return m ? `${pad(Number(m[3]))}/${pad(Number(m[2]))}/${m[1]}` : day;
}

/** "20/08/2023 17:00", Vietnam time. */
export function formatVietnamTime(at: Date | string): string {
  const v = onVietnamClock(typeof at === 'string' ? new Date(at) : at);
  return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
}

/** The same two as Excel number formats, for cells that hold a date or a date and time. */
export const VIETNAM_DAY_FORMAT = 'dd/mm/yyyy';
export const VIETNAM_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
