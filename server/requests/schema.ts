// Report requests in GraphQL, as access allows (server/requests/visibility.ts).
import { builder } from '../graphql/builder.ts';
import { ReportKindEnum, SubmissionStatusEnum } from '../graphql/enums.ts';
import { notFound } from '../graphql/errors.ts';
import { ReportingPeriodType } from '../reporting/schema.ts';
import { visibleRequestsWhere, visibleSubmissionsWhere } from './visibility.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Period } from '../../shared/reporting/period.ts';

const RequestStatusEnum = builder.enumType('RequestStatus', {
  values: ['OPEN', 'CLOSED'] as const,
});
const day = (d: Date) => d.toISOString().slice(0, 10);

builder.prismaObject('Submission', {
  description: "Báo cáo của một đơn vị cho một yêu cầu / one agency's report for a request",
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: SubmissionStatusEnum }),
    version: t.exposeInt('version'),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    late: t.exposeBoolean('late'),
    returnReason: t.exposeString('returnReason', { nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    org: t.relation('org'),
  }),
});

builder.prismaObject('ReportRequest', {
  description: 'Yêu cầu báo cáo / a report request',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    kind: t.expose('kind', { type: ReportKindEnum }),
    deadline: t.expose('deadline', { type: 'DateTime' }),
    status: t.expose('status', { type: RequestStatusEnum }),
    note: t.exposeString('note', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    template: t.relation('template'),
    plan: t.relation('plan', { nullable: true }),
    consolidatorOrg: t.relation('consolidatorOrg'),
    period: t.field({
      type: ReportingPeriodType,
      select: { period: true },
      resolve: ({ period: p }): Period => ({
        kind: p.kind,
        year: p.year,
        number: p.number,
        label: p.label,
        start: day(p.start),
        end: day(p.end),
        cutoffStart: day(p.cutoffStart),
        cutoffEnd: day(p.cutoffEnd),
      }),
    }),
    submissions: t.prismaField({
      type: ['Submission'],
      description: 'Báo cáo đã nhận, theo quyền: bản nháp chỉ đơn vị mình thấy',
      select: { id: true },
      resolve: (query, req, _args, ctx) =>
        ctx.prisma.submission.findMany({
          ...query,
          where: { AND: [{ requestId: req.id }, visibleSubmissionsWhere(ctx.viewer!)] },
          orderBy: { org: { path: 'asc' } },
        }),
    }),
    recipients: t.prismaField({
      type: ['Org'],
      description: 'Các đơn vị phải báo cáo',
      select: { id: true },
      resolve: (query, req, _args, ctx) =>
        ctx.prisma.org.findMany({
          ...query,
          where: { recipients: { some: { requestId: req.id } } },
          orderBy: { path: 'asc' },
        }),
    }),
  }),
});

async function requestFilter(
  args: { status?: 'OPEN' | 'CLOSED' | null; planId?: string | null; dueBefore?: string | null },
  viewerWhere: Prisma.ReportRequestWhereInput,
): Promise<Prisma.ReportRequestWhereInput> {
  return {
    AND: [
      viewerWhere,
      args.status ? { status: args.status } : {},
      args.planId ? { planId: args.planId } : {},
      args.dueBefore ? { deadline: { lt: new Date(`${args.dueBefore}T00:00:00+07:00`) } } : {},
    ],
  };
}

builder.queryFields((t) => ({
  reportRequests: t.prismaConnection(
    {
      type: 'ReportRequest',
      cursor: 'id',
      authScopes: { authenticated: true },
      description: 'Yêu cầu báo cáo mà người dùng được xem, hạn gần nhất trước',
      args: {
        status: t.arg({ type: RequestStatusEnum, required: false }),
        planId: t.arg.id({ required: false }),
        dueBefore: t.arg({ type: 'Date', required: false, description: 'Hạn gửi trước ngày này' }),
      },
      resolve: async (query, _root, args, ctx) =>
        ctx.prisma.reportRequest.findMany({
          ...query,
          where: await requestFilter(args, visibleRequestsWhere(ctx.viewer!)),
          orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
        }),
      totalCount: async (_root, args, ctx) =>
        ctx.prisma.reportRequest.count({
          where: await requestFilter(args, visibleRequestsWhere(ctx.viewer!)),
        }),
    },
    {},
  ),
}));

builder.queryField('reportRequest', (t) =>
  t.prismaField({
    type: 'ReportRequest',
    authScopes: { authenticated: true },
    description: 'Một yêu cầu báo cáo (NOT_FOUND nếu không có hoặc không được xem)',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const req = await ctx.prisma.reportRequest.findFirst({
        ...query,
        where: { AND: [{ id }, visibleRequestsWhere(ctx.viewer!)] },
      });
      if (!req) throw notFound(`yêu cầu báo cáo ${id}`);
      return req;
    },
  }),
);
