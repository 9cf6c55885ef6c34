// A task's status as reports show it: the newest progress an agency reported for it, or, when
// nobody has reported, whether its deadline has passed.
export type TaskStatus = 'NOT_REPORTED' | 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE' | 'OVERDUE';

/** Keys of the progress choice column in task tables (Phụ lục 03's "Tiến độ"). */
export const REPORTED: Record<string, TaskStatus> = {
  HOAN_THANH: 'DONE',
  DANG_TRIEN_KHAI: 'IN_PROGRESS',
  CHUA_TRIEN_KHAI: 'NOT_STARTED',
};

export function taskStatus(
  task: { dueDate: Date | null },
  reportedProgress: string | null,
  today: Date = new Date(),
): TaskStatus {
  const reported = reportedProgress ? REPORTED[reportedProgress] : undefined;
  const overdue = task.dueDate !== null && task.dueDate.getTime() < today.getTime();
  if (reported === 'DONE') return 'DONE';
  if (overdue) return 'OVERDUE';
  return reported ?? 'NOT_REPORTED';
}

/**
 * One progress for a task several agencies report on (a task given to all departments): done
 * when every agency says done, under way as soon as one has started or finished, else not
 * started. Each agency counts with its latest report.
 */
export function combinedProgress(latestPerAgency: string[]): string | null {
  const known = latestPerAgency.filter((p) => p in REPORTED);
  if (!known.length) return null;
  if (known.every((p) => p === 'HOAN_THANH')) return 'HOAN_THANH';
  if (known.some((p) => p === 'HOAN_THANH' || p === 'DANG_TRIEN_KHAI')) return 'DANG_TRIEN_KHAI';
  return 'CHUA_TRIEN_KHAI';
}
