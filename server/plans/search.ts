// The filter behind `plans(search, status, year, issuerWithinOrgId)`.
import type { Prisma, PrismaClient, DocumentStatus } from '../../generated/prisma/client.ts';
import { searchPatterns } from '../../shared/text/fold.ts';
import { badInput } from '../graphql/errors.ts';
import { MAX_SEARCH_LENGTH } from '../orgs/search.ts';
import { subtreePrefix } from '../orgs/subtree.ts';

const YEAR_MIN = 1900;
const YEAR_MAX = 2200;

export interface PlanFilter {
  search?: string | null;
  status?: DocumentStatus | null;
  year?: number | null;
  issuerWithinOrgId?: string | null;
}

export async function planSearchWhere(
  prisma: Pick<PrismaClient, 'org' | 'document'>,
  filter: PlanFilter,
): Promise<Prisma.DocumentWhereInput> {
  const and: Prisma.DocumentWhereInput[] = [{ kind: 'PLAN' }];
  if (filter.search) {
    if (filter.search.length > MAX_SEARCH_LENGTH) {
      throw badInput(`Chuỗi tìm kiếm dài quá ${MAX_SEARCH_LENGTH} ký tự.`);
    }
    const numberQuery = filter.search.trim();
    // A query shaped like a document number ("586/KH-UBND") means that number when one has it,
    // not every plan whose title cites it.
    const byNumber: Prisma.DocumentWhereInput = {
      kind: 'PLAN',
      number: { equals: numberQuery, mode: 'insensitive' },
    };
    if (numberQuery.includes('/') && (await prisma.document.count({ where: byNumber })) > 0) {
      and.push(byNumber);
    } else {
      and.push(...searchPatterns(filter.search).map((p) => ({ searchText: { contains: p } })));
    }
  }
  if (filter.status) and.push({ status: filter.status });
  if (filter.year !== null && filter.year !== undefined) {
    const y = filter.year;
    // Beyond these the dates below cannot be stored (year -1 reached PostgreSQL as a BC date).
    if (y < YEAR_MIN || y > YEAR_MAX)
      throw badInput(`Năm phải trong khoảng ${YEAR_MIN}–${YEAR_MAX} (nhận được ${y}).`);
    and.push({
      OR: [
        { periodStart: { lte: y }, periodEnd: { gte: y } },
        {
          periodStart: null,
          issuedOn: { gte: new Date(Date.UTC(y, 0, 1)), lt: new Date(Date.UTC(y + 1, 0, 1)) },
        },
      ],
    });
  }
  if (filter.issuerWithinOrgId) {
    and.push({
      issuer: { path: { startsWith: await subtreePrefix(prisma, filter.issuerWithinOrgId) } },
    });
  }
  return { AND: and };
}
