// A receiver's payload from report values: DHIS2 dataValueSets JSON (one set, or a list under
// "dataValueSets" for several agencies), or one ADX message. One place for both, so the outbox,
// the files and the tests send the same bytes.
import { toAdx } from './adx.ts';
import type { CodeBook } from './code-book.ts';
import { toDataValueSet, type ReportValues } from './data-value-set.ts';
import { adxPeriod } from './periods.ts';

export type PayloadFormat = 'DHIS2_JSON' | 'ADX_XML';

export function renderPayload(
  format: PayloadFormat,
  reports: ReportValues[],
  book: CodeBook,
  exported: Date,
): string {
  if (format === 'ADX_XML') {
    return toAdx(
      reports.map((r) => toDataValueSet(r, book, adxPeriod)),
      exported,
    );
  }
  const sets = reports.map((r) => toDataValueSet(r, book));
  return JSON.stringify(sets.length === 1 ? sets[0] : { dataValueSets: sets }, null, 2);
}
