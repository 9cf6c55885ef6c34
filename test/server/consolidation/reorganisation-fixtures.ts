// Cases of the 2025 reorganisation the demo data does not have, made in a test's database with
// Prisma: in Nghệ An, under thành phố Vinh (closed 30/6/2025), two wards merged into a new one
// (A + B → X) and a commune split between two new ones (S → Y, Z); X, Y and Z opened on 1/7/2025
// directly under the province. Codes carry "T19" so they meet no real or demo unit, and the
// successions are between these units only, whatever else the database holds.
import type { PrismaClient } from '../../../generated/prisma/client.ts';
import { searchTextOf } from '../../../shared/text/fold.ts';

export interface FixtureOrg {
  code: string;
  name: string;
  kind: 'PEOPLES_COMMITTEE' | 'DEPARTMENT';
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parent: string;
  validFrom?: string;
  validTo?: string;
}

const day = (iso?: string) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export async function addOrgs(
  prisma: PrismaClient,
  orgs: FixtureOrg[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const o of orgs) {
    const parent = await prisma.org.findUniqueOrThrow({ where: { code: o.parent } });
    const path = `${parent.path}${o.code}/`;
    const made = await prisma.org.create({
      data: {
        code: o.code,
        name: o.name,
        kind: o.kind,
        level: o.level,
        parentId: parent.id,
        path,
        depth: parent.depth + 1,
        validFrom: day(o.validFrom),
        validTo: day(o.validTo),
        searchText: searchTextOf(o.name),
      },
    });
    ids[o.code] = made.id;
  }
  return ids;
}

export async function addSuccessions(
  prisma: PrismaClient,
  links: { from: string; to: string; kind: 'MERGE' | 'SPLIT' | 'ABSORB'; effectiveOn: string }[],
): Promise<void> {
  for (const l of links) {
    const [from, to] = await Promise.all([
      prisma.org.findUniqueOrThrow({ where: { code: l.from } }),
      prisma.org.findUniqueOrThrow({ where: { code: l.to } }),
    ]);
    await prisma.orgSuccession.create({
      data: {
        predecessorId: from.id,
        successorId: to.id,
        kind: l.kind,
        effectiveOn: day(l.effectiveOn)!,
      },
    });
  }
}

const commune = (
  code: string,
  name: string,
  dates: { validFrom?: string; validTo?: string },
  parent = 'NA.VINH',
): FixtureOrg => ({ code, name, kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE', parent, ...dates });

/** Makes the units and successions; returns their ids by code. */
export async function reorganiseVinh(prisma: PrismaClient): Promise<Record<string, string>> {
  const closed = { validTo: '2025-06-30' };
  const opened = { validFrom: '2025-07-01' };
  const ids = await addOrgs(prisma, [
    commune('NA.VINH.T19A', 'UBND phường Thử A', closed),
    commune('NA.VINH.T19B', 'UBND phường Thử B', closed),
    commune('NA.VINH.T19S', 'UBND xã Thử S', closed),
    commune('NA.T19X', 'UBND phường Thử X', opened, 'NA'),
    commune('NA.T19Y', 'UBND xã Thử Y', opened, 'NA'),
    commune('NA.T19Z', 'UBND xã Thử Z', opened, 'NA'),
  ]);
  const on = '2025-07-01';
  await addSuccessions(prisma, [
    { from: 'NA.VINH.T19A', to: 'NA.T19X', kind: 'MERGE', effectiveOn: on },
    { from: 'NA.VINH.T19B', to: 'NA.T19X', kind: 'MERGE', effectiveOn: on },
    { from: 'NA.VINH.T19S', to: 'NA.T19Y', kind: 'SPLIT', effectiveOn: on },
    { from: 'NA.VINH.T19S', to: 'NA.T19Z', kind: 'SPLIT', effectiveOn: on },
  ]);
  return ids;
}
