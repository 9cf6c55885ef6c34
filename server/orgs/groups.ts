// Groups of agencies ("all departments of Nghệ An", "all district committees of the province"):
// every org of a kind and/or level inside a subtree, optionally only those in existence during a
// period (district committees stopped on 30/6/2025; a 2023 request still goes to them).
import type { PrismaClient, OrgKind, AdminLevel } from '../../generated/prisma/client.ts';

export interface OrgGroup {
  kind?: OrgKind | null;
  level?: AdminLevel | null;
  /** Root of the subtree (included if it matches). */
  withinOrgId?: string | null;
}

export interface DateWindow {
  start: Date;
  end: Date;
}

export async function orgsInGroup(
  prisma: Pick<PrismaClient, 'org'>,
  group: OrgGroup,
  existingDuring?: DateWindow,
): Promise<{ id: string; code: string; name: string; path: string }[]> {
  let pathPrefix: string | undefined;
  if (group.withinOrgId) {
    const root = await prisma.org.findUnique({
      where: { id: group.withinOrgId },
      select: { path: true },
    });
    if (!root) return [];
    pathPrefix = root.path;
  }
  return prisma.org.findMany({
    where: {
      ...(group.kind ? { kind: group.kind } : {}),
      ...(group.level ? { level: group.level } : {}),
      ...(pathPrefix ? { path: { startsWith: pathPrefix } } : {}),
      ...(existingDuring
        ? {
            AND: [
              { OR: [{ validFrom: null }, { validFrom: { lte: existingDuring.end } }] },
              { OR: [{ validTo: null }, { validTo: { gte: existingDuring.start } }] },
            ],
          }
        : {}),
    },
    select: { id: true, code: true, name: true, path: true },
    orderBy: [{ path: 'asc' }],
  });
}
