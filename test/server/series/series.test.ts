// The series table: every unit asked × every period, values combined by the column's rule, a
// period nobody sent marked MISSING (not 0), a merged agency counted under its successor.
import { buildSeries, type SeriesTarget } from '../../../server/series/series.ts';

interface Unit {
  id: string;
  path: string;
}
const periods = [
  { label: 'Quý I/2026', start: '2026-01-01', end: '2026-03-31' },
  { label: 'Quý II/2026', start: '2026-04-01', end: '2026-06-30' },
];
const units: Record<string, Unit> = {
  a: { id: 'a', path: '/P/a/' },
  b: { id: 'b', path: '/P/b/' },
};
// "old" was merged into "a": its reports count under a, with its old name.
const targetOf = (orgId: string): SeriesTarget<Unit> | null =>
  orgId === 'old'
    ? { unit: units.a!, formerName: 'Xã Cũ' }
    : orgId in units
      ? { unit: units[orgId]!, formerName: null }
      : null;
const byPath = (x: Unit, y: Unit) => (x.path < y.path ? -1 : 1);

test('sums per unit and period, partial and missing periods marked', () => {
  const points = buildSeries(
    periods,
    [
      { period: 0, orgId: 'a', sent: true, value: '10' },
      { period: 0, orgId: 'old', sent: true, value: '5' },
      { period: 0, orgId: 'b', sent: true, value: '7' },
      { period: 1, orgId: 'a', sent: true, value: '12' },
      { period: 1, orgId: 'old', sent: false, value: null },
      { period: 1, orgId: 'b', sent: false, value: null },
      { period: 1, orgId: 'elsewhere', sent: true, value: '99' },
    ],
    targetOf,
    'SUM',
    byPath,
  );
  expect(
    points.map((p) => [p.unit.id, p.period.label, p.value, p.state, p.sent, p.expected]),
  ).toEqual([
    ['a', 'Quý I/2026', '15', 'COMPLETE', 2, 2],
    ['a', 'Quý II/2026', '12', 'PARTIAL', 1, 2],
    ['b', 'Quý I/2026', '7', 'COMPLETE', 1, 1],
    ['b', 'Quý II/2026', null, 'MISSING', 0, 1],
  ]);
  expect(points[0]!.formerNames).toEqual(['Xã Cũ']);
});

test('a unit not asked in a period is NOT_ASKED; an average is over the agencies that sent', () => {
  const points = buildSeries(
    periods,
    [
      { period: 0, orgId: 'a', sent: true, value: '80' },
      { period: 0, orgId: 'old', sent: true, value: '60' },
    ],
    targetOf,
    'AVERAGE',
    byPath,
  );
  expect(points.map((p) => [p.period.label, p.value, p.state])).toEqual([
    ['Quý I/2026', '70', 'COMPLETE'],
    ['Quý II/2026', null, 'NOT_ASKED'],
  ]);
});

test('a text column shows a value only where one agency sent it', () => {
  const points = buildSeries(
    periods.slice(0, 1),
    [
      { period: 0, orgId: 'a', sent: true, value: 'Hoàn thành' },
      { period: 0, orgId: 'old', sent: true, value: 'Đang làm' },
      { period: 0, orgId: 'b', sent: true, value: 'Hoàn thành' },
    ],
    targetOf,
    'LIST',
    byPath,
  );
  expect(points.map((p) => p.value)).toEqual([null, 'Hoàn thành']);
});
