// Report requests in GraphQL, as access allows (server/requests/visibility.ts).
import { builder } from '../graphql/builder.ts';
import {
  AdminLevelEnum,
  PeriodKindEnum,
  ReportKindEnum,
  SubmissionStatusEnum,
} from '../graphql/enums.ts';
import { badInput, notFound } from '../graphql/errors.ts';
import { OrgKind } from '../../generated/prisma/enums.ts';
import { openReportRequest, previewRecipients, type RecipientPreviewResult } from './open.ts';
import { owedFirst } from './owed.ts';
import { createSchedule, openDueScheduledRequests } from './schedules.ts';
import { scopesOf } from '../auth/access.ts';
import { ReportingPeriodType } from '../reporting/schema.ts';
import { storedPeriod } from './stored-period.ts';
import { visibleRequestsWhere, visibleSubmissionsWhere } from './visibility.ts';
import type {
  AdminLevel as AdminLevelValue,
  OrgKind as OrgKindValue,
  Prisma,
} from '../../generated/prisma/client.ts';
import type { Period } from '../../shared/reporting/period.ts';
import { SENT_STATUSES } from '../../shared/reporting/status.ts';
import { vietnamInstant } from '../../shared/time/vietnam.ts';

const RequestStatusEnum = builder.enumType('RequestStatus', {
  values: ['OPEN', 'CLOSED'] as const,
});

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

export const ReportRequestRef = builder.prismaObject('ReportRequest', {
  description: 'Yêu cầu báo cáo / a report request',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    kind: t.expose('kind', { type: ReportKindEnum }),
    deadline: t.expose('deadline', { type: 'DateTime' }),
    status: t.expose('status', { type: RequestStatusEnum }),
    note: t.exposeString('note', { nullable: true }),
    requiresApproval: t.exposeBoolean('requiresApproval', {
      description: 'Lãnh đạo đơn vị duyệt báo cáo trước khi gửi',
    }),
    requiresSignature: t.exposeBoolean('requiresSignature', {
      description: 'Bản gửi phải có chữ ký số hợp lệ của lãnh đạo đơn vị',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    template: t.relation('template'),
    plan: t.relation('plan', { nullable: true }),
    consolidatorOrg: t.relation('consolidatorOrg'),
    period: t.field({
      type: ReportingPeriodType,
      select: { period: true },
      resolve: ({ period: p }): Period => storedPeriod(p),
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
      args.dueBefore ? { deadline: { lt: vietnamInstant(args.dueBefore) } } : {},
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

// ───────────── Opening requests, and what an agency owes ─────────────

const PeriodInput = builder.inputType('PeriodInput', {
  description: 'Kỳ báo cáo: theo Nghị định 09 (kind, year, number) hoặc AD_HOC với ngày cụ thể',
  fields: (t) => ({
    kind: t.field({ type: PeriodKindEnum, required: true }),
    year: t.int({ required: true }),
    number: t.int({ required: false, description: 'Tháng 1–12, quý 1–4, nửa năm 1–2' }),
    start: t.string({ required: false, description: 'AD_HOC: ngày bắt đầu YYYY-MM-DD' }),
    end: t.string({ required: false, description: 'AD_HOC: ngày kết thúc YYYY-MM-DD' }),
  }),
});

const RecipientGroupInput = builder.inputType('RecipientGroupInput', {
  description: 'Một nhóm đơn vị: theo loại và/hoặc cấp, trong một cây con',
  fields: (t) => ({
    kind: t.string({
      required: false,
      description: 'Loại đơn vị, ví dụ DEPARTMENT, PEOPLES_COMMITTEE',
    }),
    level: t.field({ type: AdminLevelEnum, required: false }),
    withinOrgId: t.id({ required: false, description: 'Gốc cây con, ví dụ UBND tỉnh' }),
  }),
});

const LevelDeadlineInput = builder.inputType('LevelDeadlineInput', {
  fields: (t) => ({
    level: t.field({ type: AdminLevelEnum, required: true }),
    deadline: t.string({ required: true, description: 'Thời điểm ISO 8601' }),
  }),
});

const OpenReportRequestInput = builder.inputType('OpenReportRequestInput', {
  fields: (t) => ({
    templateId: t.id({ required: true }),
    planId: t.id({ required: false }),
    title: t.string({ required: true }),
    kind: t.field({ type: ReportKindEnum, required: false }),
    period: t.field({ type: PeriodInput, required: true }),
    deadline: t.string({ required: true, description: 'Thời điểm ISO 8601' }),
    recipientOrgIds: t.idList({ required: false }),
    recipientGroups: t.field({ type: [RecipientGroupInput], required: false }),
    levelDeadlines: t.field({
      type: [LevelDeadlineInput],
      required: false,
      description: 'Hạn riêng cho một cấp (ví dụ cấp xã muộn hơn)',
    }),
    note: t.string({ required: false }),
    requiresApproval: t.boolean({
      required: false,
      description: 'Lãnh đạo đơn vị duyệt trước khi gửi; bỏ trống: theo mẫu báo cáo',
    }),
    requiresSignature: t.boolean({
      required: false,
      description: 'Bản đã duyệt phải có chữ ký số của lãnh đạo (kéo theo phải duyệt)',
    }),
  }),
});

const orgKinds: ReadonlySet<string> = new Set(Object.values(OrgKind));

/** A group as the client wrote it; the org kind arrives as a string (contract) and is checked. */
function groupSpec(g: {
  kind?: string | null;
  level?: AdminLevelValue | null;
  withinOrgId?: string | null;
}) {
  if (g.kind && !orgKinds.has(g.kind)) {
    throw badInput(
      `Loại đơn vị "${g.kind}" không có; dùng một trong: ${[...orgKinds].join(', ')}.`,
    );
  }
  return {
    kind: (g.kind as OrgKindValue | null) ?? null,
    level: g.level ?? null,
    withinOrgId: g.withinOrgId ?? null,
  };
}

const LevelDeadline = builder.prismaObject('RequestLevelDeadline', {
  fields: (t) => ({
    level: t.expose('level', { type: AdminLevelEnum }),
    deadline: t.expose('deadline', { type: 'DateTime' }),
  }),
});

builder.prismaObject('ReportRecipientGroup', {
  fields: (t) => ({
    kind: t.exposeString('kind', { nullable: true }),
    level: t.expose('level', { type: AdminLevelEnum, nullable: true }),
    within: t.relation('within', { nullable: true }),
  }),
});

builder.prismaObjectFields('ReportRequest', (t) => ({
  deadlines: t.relation('deadlines', {
    type: LevelDeadline,
    description: 'Hạn riêng theo cấp, nếu có',
  }),
  recipientGroups: t.relation('groups', { description: 'Các nhóm đơn vị như lúc mở yêu cầu' }),
  recipientCount: t.relationCount('recipients'),
  mySubmission: t.prismaField({
    type: 'Submission',
    nullable: true,
    description: 'Báo cáo của đơn vị người dùng cho yêu cầu này (null: chưa làm)',
    select: { id: true },
    resolve: (query, req, _args, ctx) =>
      ctx.prisma.submission.findUnique({
        ...query,
        where: { requestId_orgId: { requestId: req.id, orgId: ctx.viewer!.orgId } },
      }),
  }),
}));

builder.mutationField('openReportRequest', (t) =>
  t.prismaField({
    type: 'ReportRequest',
    authScopes: { role: 'CONSOLIDATOR' },
    description: 'Mở yêu cầu báo cáo tới các đơn vị (theo tên hoặc theo nhóm)',
    args: { input: t.arg({ type: OpenReportRequestInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const groups = (input.recipientGroups ?? []).map(groupSpec);
      const request = await openReportRequest(ctx, { ...input, recipientGroups: groups });
      return ctx.prisma.reportRequest.findUniqueOrThrow({ ...query, where: { id: request.id } });
    },
  }),
);

const RecipientPreview = builder.objectRef<RecipientPreviewResult>('RecipientPreview').implement({
  description:
    'Những đơn vị sẽ nhận yêu cầu, trước khi mở: các đơn vị hoạt động vào hạn gửi (theo tên và theo nhóm)',
  fields: (t) => ({
    count: t.int({ resolve: (p) => p.recipients.length }),
    orgs: t.prismaField({
      type: ['Org'],
      description: 'Theo thứ tự cây tổ chức',
      args: { first: t.arg.int({ required: false }) },
      resolve: (query, p, { first }, ctx) =>
        ctx.prisma.org.findMany({
          ...query,
          where: { id: { in: p.recipients } },
          orderBy: { path: 'asc' },
          take: Math.max(0, Math.min(first ?? 50, 500)),
        }),
    }),
    outsideScope: t.prismaField({
      type: ['Org'],
      description: 'Đơn vị ngoài phạm vi tổng hợp của người dùng: yêu cầu sẽ bị từ chối',
      resolve: (query, p, _args, ctx) =>
        ctx.prisma.org.findMany({
          ...query,
          where: { id: { in: p.outside } },
          orderBy: { path: 'asc' },
        }),
    }),
    notExisting: t.prismaField({
      type: ['Org'],
      description:
        'Đơn vị chọn theo tên nhưng không hoạt động vào hạn gửi (đã giải thể, sáp nhập hoặc chưa thành lập): yêu cầu sẽ bị từ chối; không tính trong count',
      resolve: (query, p, _args, ctx) =>
        ctx.prisma.org.findMany({
          ...query,
          where: { id: { in: p.notExisting } },
          orderBy: { path: 'asc' },
        }),
    }),
  }),
});

builder.queryField('recipientPreview', (t) =>
  t.field({
    type: RecipientPreview,
    authScopes: { role: 'CONSOLIDATOR' },
    description:
      'Xem trước các đơn vị sẽ nhận yêu cầu (theo tên và theo nhóm): những đơn vị hoạt động vào hạn gửi',
    args: {
      period: t.arg({ type: PeriodInput, required: true }),
      deadline: t.arg.string({
        required: false,
        description:
          'Hạn gửi, ISO 8601; mặc định 17:00 ngày thứ 5 sau ngày chốt số liệu (như ô soạn yêu cầu đề xuất)',
      }),
      levelDeadlines: t.arg({ type: [LevelDeadlineInput], required: false }),
      recipientOrgIds: t.arg.idList({ required: false }),
      recipientGroups: t.arg({ type: [RecipientGroupInput], required: false }),
    },
    resolve: (_root, args, ctx) =>
      previewRecipients(ctx, {
        period: args.period,
        deadline: args.deadline,
        levelDeadlines: args.levelDeadlines,
        recipientOrgIds: args.recipientOrgIds,
        recipientGroups: (args.recipientGroups ?? []).map(groupSpec),
      }),
  }),
);

builder.queryField('myReportRequests', (t) =>
  t.prismaField({
    type: ['ReportRequest'],
    authScopes: { authenticated: true },
    description:
      'Yêu cầu đang mở mà đơn vị của người dùng phải báo cáo: chưa gửi trước, hạn gần nhất trước',
    resolve: async (query, _root, _args, ctx) => {
      const orgId = ctx.viewer!.orgId;
      const requests = await ctx.prisma.reportRequest.findMany({
        ...query,
        where: { status: 'OPEN', recipients: { some: { orgId } } },
        orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
      });
      const sent = new Set(
        (
          await ctx.prisma.submission.findMany({
            where: {
              orgId,
              requestId: { in: requests.map((r) => r.id) },
              status: { in: [...SENT_STATUSES] },
            },
            select: { requestId: true },
          })
        ).map((s) => s.requestId),
      );
      return owedFirst(requests, (r) => sent.has(r.id));
    },
  }),
);

builder.mutationField('openScheduledRequests', (t) =>
  t.prismaField({
    type: ['ReportRequest'],
    authScopes: { role: 'CONSOLIDATOR' },
    description: 'Mở ngay các yêu cầu định kỳ đến hạn của đơn vị mình (máy chủ cũng tự mở mỗi giờ)',
    args: {
      backfill: t.arg.boolean({
        required: false,
        description: 'Mở cả các kỳ đã quá hạn mà chưa có yêu cầu',
      }),
    },
    resolve: async (query, _root, args, ctx) => {
      const scopes = scopesOf(ctx.viewer, 'CONSOLIDATOR');
      const only = scopes.includes(null)
        ? {}
        : { OR: scopes.map((p) => ({ consolidator: { path: { startsWith: p! } } })) };
      const ids = await openDueScheduledRequests(ctx.prisma, {
        only,
        backfill: args.backfill ?? false,
      });
      return ctx.prisma.reportRequest.findMany({
        ...query,
        where: { id: { in: ids } },
        orderBy: { deadline: 'asc' },
      });
    },
  }),
);

builder.prismaObject('ReportSchedule', {
  description: 'Báo cáo định kỳ: mỗi kỳ tự mở một yêu cầu',
  fields: (t) => ({
    id: t.exposeID('id'),
    periodKind: t.expose('periodKind', { type: PeriodKindEnum }),
    titlePattern: t.exposeString('titlePattern'),
    deadlineDaysAfterCutoff: t.exposeInt('deadlineDaysAfterCutoff'),
    startsOn: t.expose('startsOn', { type: 'Date' }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true }),
    active: t.exposeBoolean('active'),
    template: t.relation('template'),
    consolidator: t.relation('consolidator'),
    requests: t.relation('requests', { query: { orderBy: { deadline: 'asc' } } }),
  }),
});

const CreateReportScheduleInput = builder.inputType('CreateReportScheduleInput', {
  fields: (t) => ({
    templateId: t.id({ required: true }),
    planId: t.id({ required: false }),
    periodKind: t.field({ type: PeriodKindEnum, required: true }),
    titlePattern: t.string({ required: true, description: '{period} được thay bằng tên kỳ' }),
    deadlineDaysAfterCutoff: t.int({ required: true }),
    startsOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
    endsOn: t.string({ required: false }),
    recipientOrgIds: t.idList({ required: false }),
    recipientGroups: t.field({ type: [RecipientGroupInput], required: false }),
  }),
});

builder.mutationField('createReportSchedule', (t) =>
  t.prismaField({
    type: 'ReportSchedule',
    authScopes: { role: 'CONSOLIDATOR' },
    args: { input: t.arg({ type: CreateReportScheduleInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const schedule = await createSchedule(ctx, {
        ...input,
        recipientGroups: (input.recipientGroups ?? []).map(groupSpec),
      });
      return ctx.prisma.reportSchedule.findUniqueOrThrow({ ...query, where: { id: schedule.id } });
    },
  }),
);

builder.queryField('reportSchedules', (t) =>
  t.prismaField({
    type: ['ReportSchedule'],
    authScopes: { authenticated: true },
    description: 'Báo cáo định kỳ do đơn vị trong phạm vi của người dùng tổng hợp',
    resolve: (query, _root, _args, ctx) => {
      const scopes = ctx.viewer!.roles.map((g) => g.scopePath);
      return ctx.prisma.reportSchedule.findMany({
        ...query,
        where: scopes.includes(null)
          ? {}
          : { OR: scopes.map((p) => ({ consolidator: { path: { startsWith: p! } } })) },
        orderBy: { createdAt: 'asc' },
      });
    },
  }),
);
