// A request's period as stored (dates) in the shared Period's shape (ISO days), said once for the
// GraphQL type and the exchange formats.
import type { Period } from '../../shared/reporting/period.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

export interface StoredPeriod {
  kind: string;
  year: number;
  number: number;
  label: string;
  start: Date;
  end: Date;
  cutoffStart: Date;
  cutoffEnd: Date;
}

export const storedPeriod = (p: StoredPeriod): Period => ({
  kind: p.kind as Period['kind'],
  year: p.year,
  number: p.number,
  label: p.label,
  start: day(p.start),
  end: day(p.end),
  cutoffStart: day(p.cutoffStart),
  cutoffEnd: day(p.cutoffEnd),
});
