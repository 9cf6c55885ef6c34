// Documents and plans in GraphQL (docs/contract/plans.graphql): sections, targets with their
// measured values and progress, tasks with their agencies, budgets, activities, references.
import { builder } from '../graphql/builder.ts';
import {
  AdminLevelEnum,
  ComparatorEnum,
  DocumentKindEnum,
  DocumentStatusEnum,
  PillarEnum,
  PlanKindEnum,
  TargetUnitEnum,
} from '../graphql/enums.ts';
import { notFound } from '../graphql/errors.ts';
import { OrgRef } from '../orgs/schema.ts';
import { targetProgress } from '../targets/progress.ts';
import { targetCourse, type TargetCourse } from '../targets/course.ts';
import { vietnamDay } from '../../shared/time/vietnam.ts';
import { taskStatus } from '../tasks/status.ts';
import { reportedProgress } from '../tasks/progress.ts';
import { budgetSummary } from './budget.ts';
import { planSearchWhere } from './search.ts';

/**
 * The value that speaks for the whole plan: a measurement not tied to one agency (a report
 * request's consolidated value, or one entered for the province).
 */
const WHOLE_MEASUREMENT = { orgId: null };

const TaskStatusEnum = builder.enumType('TaskStatus', {
  values: ['NOT_REPORTED', 'NOT_STARTED', 'IN_PROGRESS', 'DONE', 'OVERDUE'] as const,
});

const ReferenceKindEnum = builder.enumType('ReferenceKind', {
  values: [
    'BASIS',
    'IMPLEMENTS',
    'REVIEWS',
    'AMENDS',
    'SUPERSEDES',
    'ATTACHMENT_OF',
    'MENTIONS',
  ] as const,
});

builder.prismaObject('PlanSection', {
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number', { nullable: true }),
    heading: t.exposeString('heading'),
    body: t.exposeString('body', { nullable: true }),
    depth: t.exposeInt('depth'),
  }),
});

builder.prismaObject('TargetMeasurement', {
  fields: (t) => ({
    id: t.exposeID('id'),
    value: t.exposeFloat('value', { nullable: true }),
    textValue: t.exposeString('textValue', { nullable: true }),
    measuredOn: t.expose('measuredOn', { type: 'Date' }),
    periodLabel: t.exposeString('periodLabel', { nullable: true }),
    source: t.exposeString('source'),
    org: t.relation('org', { nullable: true }),
  }),
});

const CoursePointRef = builder
  .objectRef<TargetCourse['points'][number]>('TargetCoursePoint')
  .implement({
    fields: (t) => ({
      measuredOn: t.expose('measuredOn', { type: 'Date' }),
      periodLabel: t.exposeString('periodLabel', { nullable: true }),
      value: t.exposeFloat('value'),
      progress: t.exposeFloat('progress', { nullable: true }),
    }),
  });

const TargetCourseRef = builder.objectRef<TargetCourse>('TargetCourse').implement({
  description: 'Chỉ tiêu qua các kỳ: giá trị đo, xu hướng và có kịp đạt trước hết năm mục tiêu',
  fields: (t) => ({
    points: t.field({ type: [CoursePointRef], resolve: (c) => c.points }),
    trendPerYear: t.exposeFloat('trendPerYear', {
      nullable: true,
      description: 'Thay đổi mỗi năm theo đường xu hướng (bình phương nhỏ nhất)',
    }),
    projected: t.exposeFloat('projected', {
      nullable: true,
      description: 'Giá trị dự kiến ngày 31/12 của năm mục tiêu',
    }),
    projectedProgress: t.exposeFloat('projectedProgress', { nullable: true }),
    onCourse: t.exposeBoolean('onCourse', {
      nullable: true,
      description: 'Kịp đạt chỉ tiêu; null khi chưa đủ số liệu để biết',
    }),
    note: t.exposeString('note'),
  }),
});

builder.prismaObject('Target', {
  description: 'Chỉ tiêu: câu gốc và ý nghĩa đã phân tích / a target',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    statement: t.exposeString('statement', { description: 'Câu chỉ tiêu như trong văn bản' }),
    metric: t.exposeString('metric'),
    unit: t.expose('unit', { type: TargetUnitEnum }),
    comparator: t.expose('comparator', { type: ComparatorEnum }),
    value: t.exposeFloat('value', { nullable: true }),
    valueMax: t.exposeFloat('valueMax', { nullable: true }),
    textValue: t.exposeString('textValue', { nullable: true }),
    targetYear: t.exposeInt('targetYear', { nullable: true }),
    level: t.expose('level', { type: AdminLevelEnum, nullable: true }),
    pillar: t.expose('pillar', { type: PillarEnum, nullable: true }),
    responsibleOrgs: t.field({
      type: [OrgRef],
      select: { orgs: { select: { org: true } } },
      resolve: (target) => target.orgs.map((o) => o.org),
    }),
    measurements: t.relation('measurements', { query: { orderBy: { measuredOn: 'desc' } } }),
    latestValue: t.float({
      nullable: true,
      description: 'Giá trị đo mới nhất (từ báo cáo đã gửi hoặc đã tiếp nhận)',
      select: {
        measurements: {
          where: WHOLE_MEASUREMENT,
          orderBy: [{ measuredOn: 'desc' }, { createdAt: 'desc' }],
          take: 1,
          select: { value: true },
        },
      },
      resolve: (target) => target.measurements[0]?.value ?? null,
    }),
    progress: t.float({
      nullable: true,
      description: 'Mức đạt chỉ tiêu, điểm phần trăm (100 = đạt); null khi chưa có số đo',
      select: {
        unit: true,
        comparator: true,
        value: true,
        valueMax: true,
        measurements: {
          where: WHOLE_MEASUREMENT,
          orderBy: [{ measuredOn: 'desc' }, { createdAt: 'desc' }],
          take: 1,
          select: { value: true },
        },
      },
      resolve: (target) => targetProgress(target, target.measurements[0]?.value),
    }),
    course: t.field({
      type: TargetCourseRef,
      description:
        'Giá trị đo từng kỳ (cả tỉnh, hoặc của một đơn vị), xu hướng và có kịp đạt trước hết năm mục tiêu',
      args: { orgId: t.arg.id({ required: false, description: 'Bỏ trống: cả tỉnh' }) },
      select: (args) => ({
        unit: true,
        comparator: true,
        value: true,
        valueMax: true,
        targetYear: true,
        measurements: {
          where: { orgId: args.orgId ?? null, value: { not: null } },
          orderBy: [{ measuredOn: 'asc' }, { createdAt: 'asc' }],
          select: { measuredOn: true, periodLabel: true, value: true },
        },
      }),
      resolve: (target) =>
        targetCourse(
          target,
          target.measurements.map((m) => ({
            measuredOn: m.measuredOn.toISOString().slice(0, 10),
            periodLabel: m.periodLabel,
            value: m.value!,
          })),
          vietnamDay(new Date()),
        ),
    }),
  }),
});

builder.prismaObject('Task', {
  description: 'Nhiệm vụ / a task',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    groupCode: t.exposeString('groupCode', { nullable: true }),
    groupTitle: t.exposeString('groupTitle', { nullable: true }),
    title: t.exposeString('title'),
    leadName: t.exposeString('leadName', {
      nullable: true,
      description: 'Đơn vị chủ trì như văn bản ghi',
    }),
    leadOrg: t.relation('leadOrg', { nullable: true }),
    coordinatingOrgs: t.field({
      type: [OrgRef],
      select: {
        assignments: {
          where: { role: 'COORDINATING', orgId: { not: null } },
          select: { org: true },
        },
      },
      resolve: (task) => task.assignments.flatMap((a) => (a.org ? [a.org] : [])),
    }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true }),
    dueDate: t.expose('dueDate', { type: 'Date', nullable: true }),
    deadlineText: t.exposeString('deadlineText', { nullable: true }),
    budget: t.expose('budget', { type: 'Money', nullable: true }),
    status: t.field({
      type: TaskStatusEnum,
      description:
        'Theo báo cáo đã gửi (cột Tiến độ); chưa ai báo cáo thì theo hạn: OVERDUE khi đã quá hạn',
      select: { dueDate: true, planId: true, code: true },
      resolve: async (task, _args, ctx) =>
        taskStatus(task, (await reportedProgress(ctx, task.planId)).get(task.code) ?? null),
    }),
  }),
});

const BudgetLineRef = builder.prismaObject('BudgetLine', {
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code', { nullable: true }),
    description: t.exposeString('description'),
    unitPrice: t.expose('unitPrice', { type: 'Money', nullable: true }),
    amount: t.expose('amount', { type: 'Money' }),
    fundingSource: t.exposeString('fundingSource', { nullable: true }),
    factors: t.field({
      type: [BudgetFactor],
      resolve: (line) =>
        Array.isArray(line.factors) ? (line.factors as { quantity: number; unit: string }[]) : [],
    }),
  }),
});

const BudgetFactor = builder
  .objectRef<{ quantity: number; unit: string }>('BudgetFactor')
  .implement({
    fields: (t) => ({ quantity: t.exposeFloat('quantity'), unit: t.exposeString('unit') }),
  });

const Budget = builder
  .objectRef<ReturnType<typeof budgetSummary<{ amount: bigint; id: string }>>>('Budget')
  .implement({
    description: 'Dự toán kinh phí / a budget',
    fields: (t) => ({
      total: t.field({ type: 'Money', resolve: (b) => b.total }),
      totalInWords: t.exposeString('totalInWords', { description: 'Tổng số tiền bằng chữ' }),
      lines: t.field({ type: [BudgetLineRef], resolve: (b) => b.lines as never }),
    }),
  });

builder.prismaObject('ScheduleItem', {
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.expose('date', { type: 'Date', nullable: true }),
    weekdayText: t.exposeString('weekdayText', { nullable: true }),
    startTime: t.exposeString('startTime', { nullable: true }),
    endTime: t.exposeString('endTime', { nullable: true }),
    description: t.exposeString('description'),
    location: t.exposeString('location', { nullable: true }),
  }),
});

builder.prismaObject('Participant', {
  fields: (t) => ({
    id: t.exposeID('id'),
    orgName: t.exposeString('orgName'),
    org: t.relation('org', { nullable: true }),
    personName: t.exposeString('personName', { nullable: true }),
    role: t.exposeString('role', { nullable: true }),
    count: t.exposeInt('count'),
  }),
});

builder.prismaObject('Activity', {
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    kind: t.exposeString('kind'),
    theme: t.exposeString('theme', { nullable: true }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true }),
    location: t.exposeString('location', { nullable: true }),
    schedule: t.relation('schedule', { query: { orderBy: { sortOrder: 'asc' } } }),
    participants: t.relation('participants', { query: { orderBy: { sortOrder: 'asc' } } }),
  }),
});

builder.prismaObject('DocumentDeadline', {
  fields: (t) => ({ date: t.expose('date', { type: 'Date' }), text: t.exposeString('text') }),
});

builder.prismaObject('DocumentReference', {
  fields: (t) => ({
    kind: t.expose('kind', { type: ReferenceKindEnum }),
    document: t.relation('to'),
  }),
});

export const DocumentRef = builder.prismaObject('Document', {
  description: 'Văn bản: kế hoạch, quyết định, nghị quyết … / a legal document',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number', { nullable: true }),
    kind: t.expose('kind', { type: DocumentKindEnum }),
    title: t.exposeString('title'),
    issuedOn: t.expose('issuedOn', { type: 'Date', nullable: true }),
    status: t.expose('status', { type: DocumentStatusEnum }),
    issuer: t.relation('issuer', { nullable: true }),
    issuerName: t.exposeString('issuerName', { nullable: true }),
    references: t.relation('referencesOut'),
  }),
});

// A Plan is a document of kind PLAN with its outline, targets, tasks and budget.
export const PlanRef = builder.prismaObject('Document', {
  variant: 'Plan',
  description: 'Kế hoạch / a plan',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number', {
      nullable: true,
      description: 'Số hiệu như văn bản ghi ("0155/KH-UBND"); trống ở bản dự thảo',
    }),
    kind: t.expose('kind', { type: DocumentKindEnum }),
    planKind: t.expose('planKind', { type: PlanKindEnum, nullable: true }),
    title: t.exposeString('title'),
    issuedOn: t.expose('issuedOn', { type: 'Date', nullable: true }),
    place: t.exposeString('place', { nullable: true }),
    status: t.expose('status', { type: DocumentStatusEnum }),
    issuer: t.relation('issuer', { nullable: true }),
    issuerName: t.exposeString('issuerName', { nullable: true }),
    signerName: t.exposeString('signerName', { nullable: true }),
    signerTitle: t.exposeString('signerTitle', { nullable: true }),
    periodStart: t.exposeInt('periodStart', { nullable: true }),
    periodEnd: t.exposeInt('periodEnd', { nullable: true }),
    visionYear: t.exposeInt('visionYear', { nullable: true }),
    references: t.relation('referencesOut'),
    sections: t.relation('sections', { query: { orderBy: { sortOrder: 'asc' } } }),
    targets: t.relation('targets', { query: { orderBy: { sortOrder: 'asc' } } }),
    tasks: t.relation('tasks', { query: { orderBy: { sortOrder: 'asc' } } }),
    activities: t.relation('activities', { query: { orderBy: { sortOrder: 'asc' } } }),
    deadlines: t.relation('deadlines', { query: { orderBy: { sortOrder: 'asc' } } }),
    budget: t.field({
      type: Budget,
      nullable: true,
      description: 'Dự toán kinh phí; null khi kế hoạch không có dòng dự toán',
      select: { budgetLines: { orderBy: { sortOrder: 'asc' } } },
      resolve: (doc) => (doc.budgetLines.length ? budgetSummary(doc.budgetLines) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  plans: t.prismaConnection(
    {
      type: PlanRef,
      cursor: 'id',
      authScopes: { authenticated: true },
      description:
        'Tìm kế hoạch theo số hiệu hoặc trích yếu, không phân biệt dấu ("393/KH-UBND", "chuyen doi so ha tinh").',
      args: {
        search: t.arg.string({ required: false }),
        status: t.arg({ type: DocumentStatusEnum, required: false }),
        year: t.arg.int({ required: false, description: 'Kế hoạch có hiệu lực trong năm này' }),
        issuerWithinOrgId: t.arg.id({ required: false }),
      },
      resolve: async (query, _root, args, ctx) =>
        ctx.prisma.document.findMany({
          ...query,
          where: await planSearchWhere(ctx.prisma, args),
          orderBy: [{ issuedOn: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
        }),
      totalCount: async (_root, args, ctx) =>
        ctx.prisma.document.count({ where: await planSearchWhere(ctx.prisma, args) }),
    },
    {},
  ),
  plan: t.prismaField({
    type: PlanRef,
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const plan = await ctx.prisma.document.findFirst({ ...query, where: { id, kind: 'PLAN' } });
      if (!plan) throw notFound(`kế hoạch ${id}`);
      return plan;
    },
  }),
  document: t.prismaField({
    type: DocumentRef,
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const doc = await ctx.prisma.document.findUnique({ ...query, where: { id } });
      if (!doc) throw notFound(`văn bản ${id}`);
      return doc;
    },
  }),
}));
