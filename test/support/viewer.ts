// A signed-in consolidator of Nghệ An for tests that execute the schema in-process (no token,
// no login): the Sở TT&TT demo agency with the CONSOLIDATOR role over the province.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../server/auth/viewer.ts';

export async function ngheAnConsolidator(prisma: Pick<PrismaClient, 'org'>): Promise<Viewer> {
  const org = await prisma.org.findUniqueOrThrow({ where: { code: 'NA.STTTT' } });
  return {
    tokenId: 't',
    userId: 'u',
    email: 'a@b.c',
    name: 'Consolidator',
    orgId: org.id,
    orgPath: org.path,
    roles: [{ role: 'CONSOLIDATOR', scopePath: '/NA/' }],
  };
}
