// An indicator as a series: one template cell (table, row, column) across the periods of a kind
// and the agencies of a subtree, as a table of (agency, period, value) — DHIS2's data × period ×
// org unit. Each report is placed where its agency is today (the roll-up rule of
// consolidation/structure.ts: a merged commune under its successor, its old name kept), rolled up
// to the level asked, and combined by the column's own rule. A period in which an agency was asked
// and sent nothing is MISSING, never zero.
import type { Aggregate } from '../../shared/reporting/sheet.ts';
import { aggregateValues } from '../consolidation/aggregate.ts';

export interface SeriesPeriod {
  label: string;
  start: string;
  end: string;
}

/** One recipient of one period's request: what it sent, if anything. */
export interface SeriesReport {
  period: number;
  orgId: string;
  sent: boolean;
  value: string | null;
}

/** Where a reporting agency's numbers go: the unit shown, and its old name when it is not that unit. */
export interface SeriesTarget<U> {
  unit: U;
  formerName: string | null;
}

export type SeriesState = 'COMPLETE' | 'PARTIAL' | 'MISSING' | 'NOT_ASKED';

export interface SeriesPoint<U> {
  unit: U;
  period: SeriesPeriod;
  /** The column's rule over the values sent; null when nothing was sent. */
  value: string | null;
  /** COMPLETE: every agency asked sent; PARTIAL: some did; MISSING: none; NOT_ASKED: none asked. */
  state: SeriesState;
  sent: number;
  expected: number;
  /** The old names of agencies counted here that are today part of this unit. */
  formerNames: string[];
}

/**
 * Every unit that was asked in any period × every period, in the units' order, then by period.
 * Text columns (LIST, NONE) have a value only where a single agency sent one.
 */
export function buildSeries<U extends { id: string }>(
  periods: SeriesPeriod[],
  reports: SeriesReport[],
  targetOf: (orgId: string) => SeriesTarget<U> | null,
  rule: Aggregate,
  compareUnits: (a: U, b: U) => number,
): SeriesPoint<U>[] {
  interface Cell {
    values: (string | null)[];
    sent: number;
    expected: number;
    formerNames: Set<string>;
  }
  const units = new Map<string, U>();
  const cells = new Map<string, Cell>();
  for (const r of reports) {
    const target = targetOf(r.orgId);
    if (!target) continue;
    units.set(target.unit.id, target.unit);
    const key = `${target.unit.id}\u0000${r.period}`;
    let cell = cells.get(key);
    if (!cell)
      cells.set(key, (cell = { values: [], sent: 0, expected: 0, formerNames: new Set() }));
    cell.expected++;
    if (target.formerName) cell.formerNames.add(target.formerName);
    if (r.sent) {
      cell.sent++;
      cell.values.push(r.value);
    }
  }
  const combine = (values: (string | null)[]): string | null => {
    if (rule === 'LIST' || rule === 'NONE') {
      const filled = values.filter((v) => v !== null && v !== '');
      return filled.length === 1 ? filled[0]! : null;
    }
    return aggregateValues(rule, values);
  };
  const points: SeriesPoint<U>[] = [];
  for (const unit of [...units.values()].sort(compareUnits)) {
    periods.forEach((period, i) => {
      const cell = cells.get(`${unit.id}\u0000${i}`);
      const sent = cell?.sent ?? 0;
      const expected = cell?.expected ?? 0;
      points.push({
        unit,
        period,
        value: sent ? combine(cell!.values) : null,
        state: !expected
          ? 'NOT_ASKED'
          : !sent
            ? 'MISSING'
            : sent < expected
              ? 'PARTIAL'
              : 'COMPLETE',
        sent,
        expected,
        formerNames: [...(cell?.formerNames ?? [])].sort(),
      });
    });
  }
  return points;
}
