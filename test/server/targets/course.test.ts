// A target's course: the trend line through the periods measured and whether it reaches the goal
// by the end of the target year, checked against lines computed by hand.
import { targetCourse } from '../../../server/targets/course.ts';

const goal = {
  unit: 'PERCENT' as const,
  comparator: 'AT_LEAST' as const,
  value: 80,
  targetYear: 2026,
};
const q = (measuredOn: string, value: number, periodLabel: string) => ({
  measuredOn,
  value,
  periodLabel,
});

test('rising about 20 points a year from 40: about 70 by the end of 2026, short of 80', () => {
  // Measured on 30/6/2025, 31/12/2025, 30/6/2026: about +20 a year, line at 31/12/2026 ≈ 70.
  const c = targetCourse(
    goal,
    [
      q('2026-06-30', 60, 'Quý II/2026'),
      q('2025-06-30', 40, '6 tháng 2025'),
      q('2025-12-31', 50, 'Năm 2025'),
    ],
    '2026-07-15',
  );
  expect(c.points.map((p) => p.periodLabel)).toEqual(['6 tháng 2025', 'Năm 2025', 'Quý II/2026']);
  expect(c.points.map((p) => p.progress)).toEqual([50, 62.5, 75]);
  expect(c.trendPerYear).toBeCloseTo(20, 0);
  expect(c.projected).toBeCloseTo(70, 0);
  expect(c.onCourse).toBe(false);
  expect(c.projectedProgress).toBeCloseTo(87.5, 0);
});

test('rising fast enough is on course; falling to under a ceiling is too', () => {
  const c = targetCourse(
    goal,
    [q('2025-12-31', 70, 'Năm 2025'), q('2026-06-30', 78, 'Quý II')],
    '2026-07-01',
  );
  expect(c.onCourse).toBe(true);
  const ceiling = {
    unit: 'COUNT' as const,
    comparator: 'AT_MOST' as const,
    value: 5,
    targetYear: 2026,
  };
  const d = targetCourse(ceiling, [q('2025-12-31', 9, 'a'), q('2026-06-30', 7, 'b')], '2026-07-01');
  expect(d.projected).toBeCloseTo(5, 0);
  expect(d.onCourse).toBe(true);
});

test('one period is not a trend; a year already over is judged by its last value', () => {
  expect(targetCourse(goal, [q('2026-03-31', 90, 'Quý I')], '2026-04-01')).toMatchObject({
    onCourse: null,
    note: 'Mới có một kỳ đo; cần ít nhất hai kỳ để thấy xu hướng.',
  });
  const over = targetCourse(
    goal,
    [q('2026-06-30', 70, 'Quý II'), q('2026-12-31', 82, 'Năm 2026')],
    '2027-02-01',
  );
  expect(over).toMatchObject({ onCourse: true, projectedProgress: 100, trendPerYear: null });
  expect(targetCourse(goal, [], '2026-01-01')).toMatchObject({ onCourse: null, points: [] });
});
