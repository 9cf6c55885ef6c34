import { combinedProgress, taskStatus } from '../../../server/tasks/status.ts';

describe('task status', () => {
  const today = new Date('2024-01-01T00:00:00Z');
  const due = (iso: string | null) => ({ dueDate: iso ? new Date(iso) : null });
  test('reported progress first; without it, whether the deadline passed', () => {
    expect(taskStatus(due('2023-08-15'), 'HOAN_THANH', today)).toBe('DONE');
    expect(taskStatus(due('2023-08-15'), 'DANG_TRIEN_KHAI', today)).toBe('OVERDUE');
    expect(taskStatus(due('2024-08-15'), 'DANG_TRIEN_KHAI', today)).toBe('IN_PROGRESS');
    expect(taskStatus(due(null), null, today)).toBe('NOT_REPORTED');
    expect(taskStatus(due('2023-08-15'), null, today)).toBe('OVERDUE');
  });
  test('one progress for a task several agencies report on', () => {
    expect(combinedProgress(['HOAN_THANH', 'HOAN_THANH'])).toBe('HOAN_THANH');
    expect(combinedProgress(['HOAN_THANH', 'CHUA_TRIEN_KHAI'])).toBe('DANG_TRIEN_KHAI');
    expect(combinedProgress(['CHUA_TRIEN_KHAI'])).toBe('CHUA_TRIEN_KHAI');
    expect(combinedProgress(['x'])).toBeNull();
  });
});
