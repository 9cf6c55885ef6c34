// Tasks across plans, for analysts: filter by plan, lead agency subtree, deadline.
import { builder } from '../graphql/builder.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { subtreePrefix } from '../orgs/subtree.ts';

interface TaskFilter {
  planId?: string | null;
  leadWithinOrgId?: string | null;
  dueBefore?: string | null;
}

async function taskWhere(
  prisma: Pick<PrismaClient, 'org'>,
  f: TaskFilter,
): Promise<Prisma.TaskWhereInput> {
  const where: Prisma.TaskWhereInput = {};
  if (f.planId) where.planId = f.planId;
  if (f.dueBefore) where.dueDate = { lt: new Date(`${f.dueBefore}T00:00:00Z`) };
  if (f.leadWithinOrgId) {
    where.leadOrg = { path: { startsWith: await subtreePrefix(prisma, f.leadWithinOrgId) } };
  }
  return where;
}

builder.queryFields((t) => ({
  tasks: t.prismaConnection(
    {
      type: 'Task',
      cursor: 'id',
      authScopes: { authenticated: true },
      description: 'Nhiệm vụ của mọi kế hoạch, có lọc / tasks across plans',
      args: {
        planId: t.arg.id({ required: false }),
        leadWithinOrgId: t.arg.id({
          required: false,
          description: 'Đơn vị chủ trì trong cây đơn vị này',
        }),
        dueBefore: t.arg({
          type: 'Date',
          required: false,
          description: 'Hạn hoàn thành trước ngày này',
        }),
      },
      resolve: async (query, _root, args, ctx) =>
        ctx.prisma.task.findMany({
          ...query,
          where: await taskWhere(ctx.prisma, args),
          orderBy: [{ planId: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }],
        }),
      totalCount: async (_root, args, ctx) =>
        ctx.prisma.task.count({ where: await taskWhere(ctx.prisma, args) }),
    },
    {},
  ),
}));
