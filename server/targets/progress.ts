// How far a measured value reaches a target, in percent points (100 = met), by the target's
// comparator: "at least 80%" measured 60 is 75; "top 15" measured rank 20 is 75; "at most 5"
// measured 4 is met. Null when nothing is measured or the target has no number.
export type Comparator =
  'AT_LEAST' | 'MORE_THAN' | 'AT_MOST' | 'LESS_THAN' | 'EQUAL' | 'TOP_N' | 'RANGE';
export type TargetUnit = 'PERCENT' | 'COUNT' | 'MONEY' | 'RANK' | 'BOOLEAN' | 'TEXT';

export interface TargetGoal {
  unit: TargetUnit;
  comparator: Comparator;
  value: number | null;
  valueMax?: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const capped = (n: number) => round1(Math.max(0, Math.min(100, n)));

export function targetProgress(
  goal: TargetGoal,
  measured: number | null | undefined,
): number | null {
  if (measured === null || measured === undefined || !Number.isFinite(measured)) return null;
  if (goal.unit === 'TEXT') return null;
  if (goal.unit === 'BOOLEAN') return measured >= 1 ? 100 : 0;
  const target = goal.value;
  if (target === null || target === undefined) return null;
  switch (goal.comparator) {
    case 'AT_LEAST':
    case 'EQUAL':
    case 'RANGE': // reaching the lower bound meets a range
      return target <= 0 ? (measured >= target ? 100 : 0) : capped((measured / target) * 100);
    case 'MORE_THAN':
      if (measured > target) return 100;
      return target <= 0 ? 0 : Math.min(99.9, capped((measured / target) * 100));
    case 'AT_MOST':
      return measured <= target ? 100 : capped((target / measured) * 100);
    case 'LESS_THAN':
      return measured < target
        ? 100
        : measured <= 0
          ? 0
          : Math.min(99.9, capped((target / measured) * 100));
    case 'TOP_N': // a rank: 1 is best
      return measured <= target ? 100 : capped((target / measured) * 100);
  }
}
