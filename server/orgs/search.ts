// The filter behind `orgs(search, kind, level, withinOrgId)`: the query is folded the same way as
// the stored searchText (shared/text/fold.ts), so diacritics, case and Unicode form do not matter.
import type { Prisma, PrismaClient, OrgKind, AdminLevel } from '../../generated/prisma/client.ts';
import { searchPatterns } from '../../shared/text/fold.ts';
import { subtreePrefix } from './subtree.ts';
import { badInput } from '../graphql/errors.ts';

export interface OrgFilter {
  search?: string | null;
  kind?: OrgKind | null;
  level?: AdminLevel | null;
  withinOrgId?: string | null;
}

export const MAX_SEARCH_LENGTH = 200;

export async function orgSearchWhere(
  prisma: Pick<PrismaClient, 'org'>,
  filter: OrgFilter,
): Promise<Prisma.OrgWhereInput> {
  const where: Prisma.OrgWhereInput = {};
  if (filter.search) {
    if (filter.search.length > MAX_SEARCH_LENGTH) {
      throw badInput(`Chuỗi tìm kiếm dài quá ${MAX_SEARCH_LENGTH} ký tự.`);
    }
    where.AND = searchPatterns(filter.search).map((p) => ({ searchText: { contains: p } }));
  }
  if (filter.kind) where.kind = filter.kind;
  if (filter.level) where.level = filter.level;
  if (filter.withinOrgId) {
    where.path = { startsWith: await subtreePrefix(prisma, filter.withinOrgId) };
  }
  return where;
}
