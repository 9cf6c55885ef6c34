// Old units in today's structure: follow successions (mergers, absorptions) from a unit to the
// units that carry on its work today. A unit still in existence is its own current unit; one
// that ended without a recorded successor stays itself.
export interface LineageOrg {
  id: string;
  validTo: Date | null;
}

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
    if (org.validTo === null || org.validTo >= today || next.length === 0) {
      found.set(org.id, org);
      return;
    }
    next.forEach(visit);
  };
  visit(start);
  return [...found.values()];
}
