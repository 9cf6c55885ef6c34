// Rows read by hand-written SQL as JSON stand in for Prisma's: their dates must be the same
// instants Prisma would give, whatever the machine's time zone.
import { prismaRow } from '../../../server/db/rows.ts';

test('a timestamp read as JSON is the UTC instant Prisma gives, and a date is its midnight UTC', () => {
  const row = prismaRow<{ deadline: Date; closedAt: Date | null; title: string }>('ReportRequest', {
    deadline: '2025-07-15T08:30:00.123',
    closedAt: null,
    title: 'Báo cáo',
  });
  expect(row.deadline.toISOString()).toBe('2025-07-15T08:30:00.123Z');
  expect(row.closedAt).toBeNull();
  expect(row.title).toBe('Báo cáo');
  const due = (dueDate: string | null) => prismaRow<{ dueDate: Date | null }>('Task', { dueDate });
  expect(due('2025-12-31').dueDate!.toISOString()).toBe('2025-12-31T00:00:00.000Z');
  expect(due(null).dueDate).toBeNull();
});

test('columns that are not dates are left as they came, and an unknown model is refused', () => {
  const org = prismaRow<{ code: string; path: string }>('Org', { code: 'BT', path: '/BT/' });
  expect(org).toEqual({ code: 'BT', path: '/BT/' });
  expect(() => prismaRow('Nothing', {})).toThrow('Unknown model Nothing');
});
