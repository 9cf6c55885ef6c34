// Vietnam's clock: UTC+7 all year, whatever the machine's own time zone.
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
