// Targets across plans, for analysts: filter by plan, level, pillar, year, responsible subtree.
import { builder } from '../graphql/builder.ts';
import { AdminLevelEnum, PillarEnum } from '../graphql/enums.ts';
import type { Prisma, PrismaClient, AdminLevel, Pillar } from '../../generated/prisma/client.ts';
import { subtreePrefix } from '../orgs/subtree.ts';

interface TargetFilter {
  planId?: string | null;
  level?: AdminLevel | null;
  pillar?: Pillar | null;
  year?: number | null;
  responsibleWithinOrgId?: string | null;
}

async function targetWhere(
  prisma: Pick<PrismaClient, 'org'>,
  f: TargetFilter,
): Promise<Prisma.TargetWhereInput> {
  const where: Prisma.TargetWhereInput = {};
  if (f.planId) where.planId = f.planId;
  if (f.level) where.level = f.level;
  if (f.pillar) where.pillar = f.pillar;
  if (f.year) where.targetYear = f.year;
  if (f.responsibleWithinOrgId) {
    where.orgs = {
      some: {
        org: { path: { startsWith: await subtreePrefix(prisma, f.responsibleWithinOrgId) } },
      },
    };
  }
  return where;
}

builder.queryFields((t) => ({
  targets: t.prismaConnection(
    {
      type: 'Target',
      cursor: 'id',
      authScopes: { authenticated: true },
      description: 'Chỉ tiêu của mọi kế hoạch, có lọc / targets across plans',
      args: {
        planId: t.arg.id({ required: false }),
        level: t.arg({ type: AdminLevelEnum, required: false }),
        pillar: t.arg({ type: PillarEnum, required: false }),
        year: t.arg.int({ required: false, description: 'Năm mục tiêu' }),
        responsibleWithinOrgId: t.arg.id({ required: false }),
      },
      resolve: async (query, _root, args, ctx) =>
        ctx.prisma.target.findMany({
          ...query,
          where: await targetWhere(ctx.prisma, args),
          orderBy: [{ planId: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }],
        }),
      totalCount: async (_root, args, ctx) =>
        ctx.prisma.target.count({ where: await targetWhere(ctx.prisma, args) }),
    },
    {},
  ),
}));
