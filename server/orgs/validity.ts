// When a unit exists: from validFrom to validTo, both days included, either end open when unset
// (districts closed on 30/6/2025; the communes that replaced them opened on 1/7/2025). Days are
// compared as Vietnam calendar days ("2025-06-30"), never as instants.
import { formatVietnamDay } from '../../shared/time/vietnam.ts';

export interface Validity {
  validFrom: Date | null;
  validTo: Date | null;
}

/** A stored date column (midnight UTC) as its day, "2025-06-30". */
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** The unit exists on at least one day from `start` to `end` (ISO days, both included). */
export function existsDuring(org: Validity, start: string, end: string): boolean {
  return (
    (org.validFrom === null || dayOf(org.validFrom) <= end) &&
    (org.validTo === null || dayOf(org.validTo) >= start)
  );
}

/** The unit exists on `day` (ISO day). */
export function existsOn(org: Validity, day: string): boolean {
  return existsDuring(org, day, day);
}

/** "từ 01/07/2025", "đến 30/06/2025", "từ … đến …", or "" for a unit with no dates. */
export function validityText(org: Validity): string {
  const from = org.validFrom ? `từ ${formatVietnamDay(dayOf(org.validFrom))}` : '';
  const to = org.validTo ? `đến ${formatVietnamDay(dayOf(org.validTo))}` : '';
  return [from, to].filter(Boolean).join(' ');
}
