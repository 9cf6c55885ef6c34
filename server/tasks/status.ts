// A task's status as reports show it: the newest progress an agency reported for it, or, when
// nobody has reported, whether its deadline has passed.
export type TaskStatus = 'NOT_REPORTED' | 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE' | 'OVERDUE';

/** Keys of the progress choice column in task tables (Phụ lục 03's "Tiến độ"). */
const REPORTED: Record<string, TaskStatus> = {
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
