// The agency a document is issued by, as its heading and signature block need it: its name under
// its parent's, its abbreviation for the number, the place before the date (its province or
// commune, from the org tree), who signs for it, and how to reach it.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import {
  agencyHeading,
  agencySymbol,
  headOffice,
  parentHeading,
  placeName,
  type HeadOffice,
} from './nd30.ts';

export interface Issuer {
  id: string;
  name: string;
  /** II.2: the heading's lines, in capitals. */
  parentHeading: string | null;
  agencyHeading: string;
  /** The parent agency's name as written ("Ủy ban nhân dân tỉnh Nghệ An"), for "Nơi nhận". */
  parentName: string | null;
  /** II.3: "SKHCN". */
  symbol: string;
  /** II.4: "Nghệ An". */
  place: string;
  head: HeadOffice;
  email: string | null;
  phone: string | null;
}

interface TreeOrg {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  level: string | null;
  parentId: string | null;
  path: string;
  email: string | null;
  phone: string | null;
}

/** The committee whose unit names the place: the nearest on the agency's path, itself first. */
export function placeCommittee<O extends { kind: string; path: string; code: string }>(
  org: O,
  lineage: O[],
): O | null {
  const byCode = new Map(lineage.map((o) => [o.code, o]));
  const codes = org.path.split('/').filter(Boolean).reverse();
  for (const code of codes) {
    const o = code === org.code ? org : byCode.get(code);
    if (o?.kind === 'PEOPLES_COMMITTEE') return o;
  }
  return null;
}

/**
 * The parent named above the agency (II.2, cơ quan chủ quản): a department's committee or the
 * department a unit belongs to; none for a committee, which heads its own documents.
 */
export function shownParent<O extends { id: string; kind: string }>(
  org: O & { parentId: string | null },
  lineage: O[],
): O | null {
  if (org.kind === 'PEOPLES_COMMITTEE' || !org.parentId) return null;
  const parent = lineage.find((o) => o.id === org.parentId);
  return parent && parent.kind !== 'GOVERNMENT' ? parent : null;
}

export function issuerOf(org: TreeOrg, lineage: TreeOrg[]): Issuer {
  const parent = shownParent(org, lineage);
  const committee = placeCommittee(org, lineage);
  return {
    id: org.id,
    name: org.name,
    parentHeading: parent ? parentHeading(parent.name) : null,
    agencyHeading: agencyHeading(org.name, parent !== null),
    parentName: parent?.name ?? null,
    symbol: agencySymbol(org),
    place: committee ? placeName(committee.name) : '',
    head: headOffice(org),
    email: org.email,
    phone: org.phone,
  };
}

const SELECT = {
  id: true,
  code: true,
  name: true,
  shortName: true,
  kind: true,
  level: true,
  parentId: true,
  path: true,
  email: true,
  phone: true,
} as const;

export async function loadIssuer(prisma: PrismaClient, orgId: string): Promise<Issuer> {
  const org = await prisma.org.findUniqueOrThrow({ where: { id: orgId }, select: SELECT });
  const codes = org.path.split('/').filter(Boolean);
  const lineage = await prisma.org.findMany({
    where: { OR: [{ code: { in: codes } }, ...(org.parentId ? [{ id: org.parentId }] : [])] },
    select: SELECT,
  });
  return issuerOf(org, lineage);
}
