// Vietnam's clock: UTC+7 all year, whatever the machine's own time zone.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  formatVietnamDay,
  formatVietnamTime,
  vietnamDay,
  vietnamInstant,
  vietnamLocalInput,
  withVietnamOffset,
} from '../../../shared/time/vietnam.ts';
import { isSent, SENT_STATUSES_SQL } from '../../../shared/reporting/status.ts';

describe("Vietnam's clock", () => {
  test('a deadline at 17:00 in Vietnam is 10:00 UTC, and reads back the same', () => {
    const due = vietnamInstant('2023-08-20', '17:00');
    expect(due.toISOString()).toBe('2023-08-20T10:00:00.000Z');
    expect(formatVietnamTime(due)).toBe('20/08/2023 17:00');
    expect(formatVietnamDay('2023-08-20')).toBe('20/08/2023');
    expect(vietnamLocalInput(due)).toBe('2023-08-20T17:00');
    expect(withVietnamOffset('2023-08-20T17:00')).toBe('2023-08-20T17:00:00+07:00');
  });

  test('every date a person reads is dd/mm/yyyy: day and month padded, four-digit year', () => {
    expect(formatVietnamDay('2023-08-20')).toBe('20/08/2023');
    expect(formatVietnamDay('2023-8-5')).toBe('05/08/2023');
    expect(formatVietnamDay('2025-03-01')).toBe('01/03/2025');
    // An instant: its day in Vietnam (17:00 UTC is already the next day there).
    expect(formatVietnamDay(new Date('2023-08-19T16:59:00Z'))).toBe('19/08/2023');
    expect(formatVietnamDay(new Date('2023-08-19T17:00:00Z'))).toBe('20/08/2023');
    // A stored calendar day (midnight UTC) is that day.
    expect(formatVietnamDay(new Date('2025-02-28T00:00:00Z'))).toBe('28/02/2025');
    expect(formatVietnamTime('2023-08-05T01:05:00Z')).toBe('05/08/2023 08:05');
    expect(formatVietnamTime(new Date('2026-12-31T17:30:00Z'))).toBe('01/01/2027 00:30');
    // Not a day: shown as it is rather than mangled.
    expect(formatVietnamDay('Quý I/2024')).toBe('Quý I/2024');
  });

  test('nothing else writes dates for people: no locale formatting of dates anywhere', () => {
    // "20/8/23" came from toLocaleString('vi-VN', { dateStyle: 'short' }) in the task pane.
    const root = path.resolve(import.meta.dirname, '../../..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? e.name === 'gql' || e.name === 'node_modules'
            ? []
            : files(path.join(dir, e.name))
          : /\.tsx?$/.test(e.name)
            ? [path.join(dir, e.name)]
            : [],
      );
    const scanned = ['addin/src', 'server', 'shared'].flatMap((d) => files(path.join(root, d)));
    expect(scanned.length).toBeGreaterThan(100);
    const offenders = scanned
      .filter((f) =>
        /toLocaleDateString|toLocaleTimeString|dateStyle|timeStyle|Intl\.DateTimeFormat/.test(
          readFileSync(f, 'utf8'),
        ),
      )
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  test('the day turns at midnight in Vietnam, 17:00 UTC the day before', () => {
    expect(vietnamDay(new Date('2023-08-19T16:59:00Z'))).toBe('2023-08-19');
    expect(vietnamDay(new Date('2023-08-19T17:00:00Z'))).toBe('2023-08-20');
  });
});

describe('what counts as sent', () => {
  test('submitted and accepted reports, nothing else', () => {
    expect(['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED', 'NOT_STARTED', null].map(isSent)).toEqual(
      [false, true, false, true, false, false],
    );
    expect(SENT_STATUSES_SQL).toBe("('SUBMITTED', 'ACCEPTED')");
  });
});
