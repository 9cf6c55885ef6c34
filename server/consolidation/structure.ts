// Old reports in today's structure. Reports stay with the agency that sent them (nothing is
// rewritten); a consolidation or a target's measurements viewed "in today's structure" place each
// reporting agency where its work is today, by the roll-up rule:
//
// - an agency that still exists is shown as itself (SELF);
// - an ended agency whose successions (merge, absorb, rename, transfer, any chain of them) end in
//   exactly one unit that exists today is shown under that unit, with its own old name (SUCCESSOR);
// - an ended agency with no single successor — abolished with none (the district committees on
//   1/7/2025) or split between several units — is shown once, as "đơn vị cũ" with its name, under
//   its province as the province is today (Bến Tre's districts under Vĩnh Long), or under the
//   request's consolidating root when it has no province (FORMER). Never under each successor.
//
// Numbers roll up into the unit an agency is placed under (its successor, or its province for an
// old unit) and into today's district and province committees above that unit. Every sent report
// is one entry wherever it is placed, so totals over a request are the same in both structures.
import type { OrgRef } from '../../shared/reporting/consolidated.ts';
import { existsToday, singleSuccessor } from '../orgs/lineage.ts';
import type { StructureView } from './merge.ts';

export type Structure = 'AS_REPORTED' | 'CURRENT';
export type PlacementKind = 'SELF' | 'SUCCESSOR' | 'FORMER';

export interface StructureOrg extends OrgRef {
  kind: string;
  validTo: Date | null;
}

/** What the rule needs to know of today's structure around the agencies placed. */
export interface TodaysStructure<O extends StructureOrg> {
  today: Date;
  byCode: (code: string) => O | undefined;
  successorsOf: (id: string) => O[];
  /** The request's consolidating root as it is today (its province committee, or itself). */
  root: O;
}

export interface Placement<O extends StructureOrg> {
  /** The agency as it reported, under its own (old) name. */
  org: O;
  how: PlacementKind;
  /** Where it is shown today: itself, its single successor, or its province today (or the root). */
  unit: O;
  /** Today's units its numbers roll up into, nearest first: the unit it is placed under, then the
   * district and province committees above that unit (each as it is today). */
  rollsInto: O[];
}

const isCommittee = (o: StructureOrg, level: 'DISTRICT' | 'PROVINCE') =>
  o.kind === 'PEOPLES_COMMITTEE' && o.level === level;
const rollsUpHere = (o: StructureOrg) => isCommittee(o, 'DISTRICT') || isCommittee(o, 'PROVINCE');

/** The units above an org (outermost first), as far as the structure knows them. */
function ancestorsOf<O extends StructureOrg>(org: O, s: TodaysStructure<O>): O[] {
  return org.path
    .split('/')
    .filter((code) => code && code !== org.code)
    .map((code) => s.byCode(code))
    .filter((o): o is O => Boolean(o));
}

/** An org as it is today: itself while it exists, else its single successor, else none. */
export function todaysUnit<O extends StructureOrg>(org: O, s: TodaysStructure<O>): O | null {
  return existsToday(org, s.today) ? org : singleSuccessor(org, s.successorsOf, s.today);
}

/** The roll-up rule for one reporting agency. */
export function placeInTodaysStructure<O extends StructureOrg>(
  org: O,
  s: TodaysStructure<O>,
): Placement<O> {
  let how: PlacementKind;
  let unit: O;
  if (existsToday(org, s.today)) {
    how = 'SELF';
    unit = org;
  } else {
    const successor = singleSuccessor(org, s.successorsOf, s.today);
    if (successor) {
      how = 'SUCCESSOR';
      unit = successor;
    } else {
      how = 'FORMER';
      const province = ancestorsOf(org, s)
        .reverse()
        .find((a) => isCommittee(a, 'PROVINCE'));
      unit = (province && todaysUnit(province, s)) ?? s.root;
    }
  }
  const rollsInto = new Map<string, O>();
  if (unit.id !== org.id) rollsInto.set(unit.id, unit);
  for (const above of ancestorsOf(unit, s).reverse()) {
    if (!rollsUpHere(above)) continue;
    const today = todaysUnit(above, s);
    if (today && today.id !== org.id) rollsInto.set(today.id, today);
  }
  return { org, how, unit, rollsInto: [...rollsInto.values()] };
}

const RANK: Record<PlacementKind, number> = { SELF: 0, SUCCESSOR: 1, FORMER: 2 };
/** Old units come after everything else under their province: after all its paths. */
const blockOf = (p: Placement<StructureOrg>) =>
  p.how === 'FORMER' ? `${p.unit.path}\uffff` : p.unit.path;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of today's tree: a unit, then the old units placed under it (by their old place in
 * the tree), then the units below it; old units with no single successor last under their
 * province.
 */
export function compareInTodaysStructure(
  a: Placement<StructureOrg>,
  b: Placement<StructureOrg>,
): number {
  return cmp(orderKeyInTodaysStructure(a), orderKeyInTodaysStructure(b));
}

/**
 * The same order as one string (block, rank, old path; NUL sorts before any character of a
 * path, so a block before the blocks it is a prefix of): what a page's cursor holds.
 */
export function orderKeyInTodaysStructure(p: Placement<StructureOrg>): string {
  return `${blockOf(p)}\u0000${RANK[p.how]}\u0000${p.org.path}`;
}

/** The name shown for an agency in today's structure, its old name always visible. */
export function placedName(p: Placement<StructureOrg>): string {
  switch (p.how) {
    case 'SELF':
      return p.org.name;
    case 'SUCCESSOR':
      return `${p.org.name} (nay thuộc ${p.unit.name})`;
    case 'FORMER':
      return `${p.org.name} (đơn vị cũ)`;
  }
}

/**
 * A view of today's structure for merge.ts: each agency placed by the rule, roll-up parents the
 * units they roll into, in the order of today's tree.
 */
export function todaysView<O extends StructureOrg>(
  s: TodaysStructure<O>,
  reporting: O[],
): StructureView {
  const placements = new Map<string, Placement<O>>();
  const placementOf = (org: OrgRef): Placement<O> => {
    let p = placements.get(org.id);
    if (!p) placements.set(org.id, (p = placeInTodaysStructure(org as O, s)));
    return p;
  };
  const parents = new Map<string, O>();
  for (const org of reporting) {
    for (const unit of placementOf(org).rollsInto) parents.set(unit.id, unit);
  }
  return {
    parents: [...parents.values()].sort((a, b) => cmp(a.path, b.path)).map((org) => ({ org })),
    rollsInto: (org, parent) => placementOf(org).rollsInto.some((u) => u.id === parent.id),
    compare: (a, b) => compareInTodaysStructure(placementOf(a), placementOf(b)),
    orderKey: (org) => orderKeyInTodaysStructure(placementOf(org)),
    place: (org) => {
      const p = placementOf(org);
      return { unit: p.unit, placement: p.how, displayName: placedName(p) };
    },
  };
}
