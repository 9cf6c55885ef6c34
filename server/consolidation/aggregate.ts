// How a column's values combine across agencies (the template says which rule): sums for counts,
// averages for rates, and so on. Plain arithmetic on canonical cell values.
import type { Aggregate } from '../../shared/reporting/sheet.ts';
import { canonicalFromNumber } from '../../shared/cells/parse.ts';

/** Rounds away binary noise (0.1 + 0.2) without hiding real decimals. */
const tidy = (n: number) => Number(n.toPrecision(12));

/**
 * The aggregate of the non-empty values, as a canonical string; null when nothing was reported
 * (and for LIST and NONE, which are not numbers: text is listed per agency instead).
 * COUNT counts the agencies that filled the cell, whatever its type.
 */
export function aggregateValues(rule: Aggregate, values: (string | null)[]): string | null {
  const filled = values.filter((v): v is string => v !== null && v !== '');
  if (rule === 'COUNT') return filled.length ? String(filled.length) : null;
  if (rule === 'LIST' || rule === 'NONE') return null;
  const numbers = filled.map(Number).filter((n) => Number.isFinite(n));
  if (!numbers.length) return null;
  switch (rule) {
    case 'SUM':
      return canonicalFromNumber(tidy(numbers.reduce((a, b) => a + b, 0)));
    case 'AVERAGE':
      return canonicalFromNumber(tidy(numbers.reduce((a, b) => a + b, 0) / numbers.length));
    case 'MIN':
      return canonicalFromNumber(Math.min(...numbers));
    case 'MAX':
      return canonicalFromNumber(Math.max(...numbers));
  }
}

/** Numeric rules roll up the org tree; COUNT too (it counts agencies beneath). */
export const rollsUp = (rule: Aggregate): boolean => rule !== 'LIST' && rule !== 'NONE';
