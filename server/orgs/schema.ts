// Orgs in GraphQL: the tree, successors and predecessors, and a diacritic-insensitive search.
import { builder } from '../graphql/builder.ts';
import { AdminLevelEnum, AdminUnitTypeEnum, OrgKindEnum } from '../graphql/enums.ts';
import { notFound } from '../graphql/errors.ts';
import { orgSearchWhere } from './search.ts';
import { currentUnits } from './lineage.ts';

builder.prismaObject('OrgChange', {
  description: 'Một lần đơn vị đổi tên hoặc đổi loại (xã thành phường …) / a change in place',
  fields: (t) => ({
    effectiveOn: t.expose('effectiveOn', { type: 'Date' }),
    field: t.exposeString('field'),
    before: t.exposeString('before'),
    after: t.exposeString('after'),
    basis: t.exposeString('basis', { nullable: true }),
  }),
});

builder.prismaObject('OrgSuccession', {
  description: 'Kế thừa giữa hai đơn vị / one unit succeeding another',
  fields: (t) => ({
    kind: t.exposeString('kind'),
    effectiveOn: t.expose('effectiveOn', { type: 'Date' }),
    basis: t.exposeString('basis', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    predecessor: t.relation('predecessor'),
    successor: t.relation('successor'),
  }),
});

export const OrgRef = builder.prismaObject('Org', {
  description: 'Đơn vị: sở, ban, ngành, UBND các cấp … / an agency',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    shortName: t.exposeString('shortName', { nullable: true }),
    aliases: t.exposeStringList('aliases'),
    kind: t.expose('kind', { type: OrgKindEnum }),
    level: t.expose('level', { type: AdminLevelEnum, nullable: true }),
    validFrom: t.expose('validFrom', { type: 'Date', nullable: true }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    adminCode: t.exposeString('adminCode', {
      nullable: true,
      description: 'Mã đơn vị hành chính của đơn vị mà ủy ban này quản lý',
    }),
    unitType: t.expose('unitType', { type: AdminUnitTypeEnum, nullable: true }),
    changes: t.relation('changes', {
      description: 'Lịch sử đổi tên, đổi loại đơn vị',
      query: { orderBy: { effectiveOn: 'asc' } },
    }),
    parent: t.relation('parent', { nullable: true }),
    children: t.relation('children', {
      query: { orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] },
    }),
    successors: t.relation('successors', {
      description: 'Đơn vị kế thừa (sáp nhập, hợp nhất năm 2025 …)',
      query: { orderBy: { effectiveOn: 'asc' } },
    }),
    currentUnits: t.prismaField({
      type: ['Org'],
      description:
        "Đơn vị ngày nay tiếp nối đơn vị này (theo các lần sáp nhập); chính nó nếu vẫn còn / this unit in today's structure",
      resolve: async (query, org, _args, ctx) => {
        // Successions are few (a province's mergers); one query reads them all.
        const links = await ctx.prisma.orgSuccession.findMany({
          select: { predecessorId: true, successor: { select: { id: true, validTo: true } } },
        });
        const next = (id: string) =>
          links.filter((l) => l.predecessorId === id).map((l) => l.successor);
        const ids = currentUnits({ id: org.id, validTo: org.validTo }, next).map((o) => o.id);
        return ctx.prisma.org.findMany({
          ...query,
          where: { id: { in: ids } },
          orderBy: { path: 'asc' },
        });
      },
    }),
    predecessors: t.relation('predecessors', {
      description: 'Đơn vị tiền thân',
      query: { orderBy: { effectiveOn: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  orgs: t.prismaConnection(
    {
      type: 'Org',
      cursor: 'id',
      authScopes: { authenticated: true },
      description:
        'Tìm đơn vị, không phân biệt dấu, hoa thường và dạng Unicode ("so y te" tìm được "Sở Y tế").',
      args: {
        search: t.arg.string({ required: false }),
        kind: t.arg({ type: OrgKindEnum, required: false }),
        level: t.arg({ type: AdminLevelEnum, required: false }),
        withinOrgId: t.arg.id({ required: false, description: 'Chỉ trong cây đơn vị này' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const where = await orgSearchWhere(ctx.prisma, args);
        return ctx.prisma.org.findMany({
          ...query,
          where,
          orderBy: [{ path: 'asc' }, { id: 'asc' }],
        });
      },
      totalCount: async (_root, args, ctx) =>
        ctx.prisma.org.count({ where: await orgSearchWhere(ctx.prisma, args) }),
    },
    {},
  ),
  org: t.prismaField({
    type: 'Org',
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const org = await ctx.prisma.org.findUnique({ ...query, where: { id } });
      if (!org) throw notFound(`đơn vị ${id}`);
      return org;
    },
  }),
}));
