// The path prefix of an org's subtree, for "within this agency" filters. An unknown id matches
// nothing rather than everything.
import type { PrismaClient } from '../../generated/prisma/client.ts';

// Every path starts with "/": this prefix matches no org. (Not NUL, which PostgreSQL text refuses.)
const NOTHING = '(không có)';

export async function subtreePrefix(
  prisma: Pick<PrismaClient, 'org'>,
  orgId: string,
): Promise<string> {
  const root = await prisma.org.findUnique({ where: { id: orgId }, select: { path: true } });
  return root?.path ?? NOTHING;
}
