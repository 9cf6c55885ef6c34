// A target over time: the value measured each period (from the reports sent), the trend as the
// least-squares line through them, and whether that line reaches the goal by the end of the
// target year (31/12) — "on course". Before the year ends the projection decides; after it, the
// last value measured. One value is not a trend: the course is then unknown, and says so.
import { targetProgress, type TargetGoal } from './progress.ts';

export interface MeasuredPoint {
  /** The day the period's data were cut off (ISO). */
  measuredOn: string;
  periodLabel: string | null;
  value: number;
}

export interface TargetCourse {
  points: (MeasuredPoint & { progress: number | null })[];
  /** Change per year along the trend line; null with fewer than two periods. */
  trendPerYear: number | null;
  /** The trend line's value on 31/12 of the target year. */
  projected: number | null;
  /** Progress (100 = met) of the projection, or of the last value once the year is over. */
  projectedProgress: number | null;
  onCourse: boolean | null;
  /** Why the course is what it is, in Vietnamese. */
  note: string;
}

const DAY_MS = 86_400_000;
/** Years since 1970 as a fraction, for the line's slope per year. */
const yearsOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS / 365.25;
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

export function targetCourse(
  goal: TargetGoal & { targetYear: number | null },
  measured: MeasuredPoint[],
  today: string,
): TargetCourse {
  const points = [...measured]
    .sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : a.measuredOn > b.measuredOn ? 1 : 0))
    .map((p) => ({ ...p, progress: targetProgress(goal, p.value) }));
  const last = points.at(-1);
  const base = { points, trendPerYear: null, projected: null, projectedProgress: null };
  if (!last) return { ...base, onCourse: null, note: 'Chưa có số đo nào từ báo cáo đã gửi.' };
  if (goal.unit === 'TEXT' || goal.value === null) {
    return { ...base, onCourse: null, note: 'Chỉ tiêu không có con số để so.' };
  }
  const yearEnd = goal.targetYear ? `${goal.targetYear}-12-31` : null;
  if (yearEnd && today > yearEnd) {
    const progress = targetProgress(goal, last.value);
    return {
      ...base,
      projectedProgress: progress,
      onCourse: progress === null ? null : progress >= 100,
      note: `Năm ${goal.targetYear} đã qua: theo số đo cuối (${last.periodLabel ?? last.measuredOn}).`,
    };
  }
  if (points.length < 2) {
    return {
      ...base,
      onCourse: null,
      note: 'Mới có một kỳ đo; cần ít nhất hai kỳ để thấy xu hướng.',
    };
  }
  // Least squares: value = a + b × years.
  const xs = points.map((p) => yearsOf(p.measuredOn));
  const ys = points.map((p) => p.value);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / sxx;
  if (!yearEnd) {
    return {
      ...base,
      trendPerYear: round(slope),
      onCourse: null,
      note: 'Chỉ tiêu không ghi năm phải đạt.',
    };
  }
  const projected = my + slope * (yearsOf(yearEnd) - mx);
  const progress = targetProgress(goal, projected);
  return {
    points,
    trendPerYear: round(slope),
    projected: round(projected),
    projectedProgress: progress,
    onCourse: progress === null ? null : progress >= 100,
    note: `Theo xu hướng của ${points.length} kỳ đo, đến 31/12/${goal.targetYear}.`,
  };
}
