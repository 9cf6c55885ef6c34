// Groups of agencies ("all departments of Nghệ An", "all district committees of the province"):
// every org of a kind and/or level inside a subtree, optionally only those a rule keeps — for a
// request, the units that exist when their report is due (server/requests/reach.ts): district
// committees stopped on 30/6/2025, so a 2023 request still goes to them and a 2026 one does not.
import type { PrismaClient, OrgKind, AdminLevel } from '../../generated/prisma/client.ts';

export interface OrgGroup {
  kind?: OrgKind | null;
  level?: AdminLevel | null;
  /** Root of the subtree (included if it matches). */
  withinOrgId?: string | null;
}

export interface GroupMember {
  id: string;
  code: string;
  name: string;
  path: string;
  level: AdminLevel | null;
  validFrom: Date | null;
  validTo: Date | null;
}

export async function orgsInGroup(
  prisma: Pick<PrismaClient, 'org'>,
  group: OrgGroup,
  keep: (org: GroupMember) => boolean = () => true,
): Promise<GroupMember[]> {
  let pathPrefix: string | undefined;
  if (group.withinOrgId) {
    const root = await prisma.org.findUnique({
      where: { id: group.withinOrgId },
      select: { path: true },
    });
    if (!root) return [];
    pathPrefix = root.path;
  }
  const members = await prisma.org.findMany({
    where: {
      ...(group.kind ? { kind: group.kind } : {}),
      ...(group.level ? { level: group.level } : {}),
      ...(pathPrefix ? { path: { startsWith: pathPrefix } } : {}),
    },
    select: {
      id: true,
      code: true,
      name: true,
      path: true,
      level: true,
      validFrom: true,
      validTo: true,
    },
    orderBy: [{ path: 'asc' }],
  });
  // The rule is a plain function, so a group and an agency named one by one are judged alike.
  return members.filter(keep);
}
