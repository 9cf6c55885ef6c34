// Old units in today's structure: follow successions (mergers, absorptions, renames, transfers,
// splits) from a unit to the units that carry on its work today. A unit still in existence is its
// own current unit; one that ended without a recorded successor stays itself. "Today" is a
// Vietnam calendar day: a unit closed on 30/6/2025 still exists all that day.
import { vietnamDay } from '../../shared/time/vietnam.ts';
import { dayOf } from './validity.ts';

export interface LineageOrg {
  id: string;
  validTo: Date | null;
}

/** Still in existence on `today` (its validTo, if any, is today or later). */
export const existsToday = (org: LineageOrg, today: Date): boolean =>
  org.validTo === null || dayOf(org.validTo) >= vietnamDay(today);

export function currentUnits<O extends LineageOrg>(
  start: O,
  successorsOf: (id: string) => O[],
  today: Date = new Date(),
): O[] {
  const found = new Map<string, O>();
  const seen = new Set<string>();
  const visit = (org: O): void => {
    if (seen.has(org.id)) return; // a cycle in bad data must not loop forever
    seen.add(org.id);
    const next = successorsOf(org.id);
    if (existsToday(org, today) || next.length === 0) {
      found.set(org.id, org);
      return;
    }
    next.forEach(visit);
  };
  visit(start);
  return [...found.values()];
}

/**
 * The one unit in existence today that carries on an ended unit, through any chain of
 * successions (Sở TT&TT Bến Tre → Sở KH&CN Bến Tre; UBND tỉnh Bến Tre → UBND tỉnh Vĩnh Long).
 * Null for a unit that still exists, one abolished with no successor (the districts in 2025), one
 * whose work went to several units (a commune split between two new ones), and one whose chain
 * ends in a unit that itself ended with none.
 */
export function singleSuccessor<O extends LineageOrg>(
  org: O,
  successorsOf: (id: string) => O[],
  today: Date = new Date(),
): O | null {
  if (existsToday(org, today)) return null;
  const units = currentUnits(org, successorsOf, today);
  const only = units.length === 1 ? units[0]! : null;
  return only && only.id !== org.id && existsToday(only, today) ? only : null;
}
