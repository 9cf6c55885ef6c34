// DTI in GraphQL: the frameworks as their decisions publish them, a province's self-assessments
// with their scores and the year before, and the department's choice of who answers what.
import type { Org } from '../../generated/prisma/client.ts';
import { DtiAnswerSource, DtiScoring, DtiValueKind } from '../../generated/prisma/enums.ts';
import { canConsolidate, oversees } from '../auth/access.ts';
import { builder } from '../graphql/builder.ts';
import { AdminLevelEnum } from '../graphql/enums.ts';
import { badInput, forbidden, notFound } from '../graphql/errors.ts';
import '../orgs/schema.ts';
import {
  componentOwners,
  frameworkFacts,
  openDtiAssessment,
  overseenAssessment,
  setComponentOwner,
  type OwnerChoice,
} from './assessment.ts';
import { provinceOf } from '../consolidation/todays-structure.ts';
import type { ComponentScore, DtiScores, Subtotal } from './score.ts';
import { assessmentScores, yearBefore, type YearBefore } from './scores.ts';
import { componentRowKey } from './template.ts';

const ScoringEnum = builder.enumType('DtiScoring', {
  description:
    'Cách quy giá trị ra điểm: PROPORTIONAL (tỷ lệ % × điểm tối đa), YES_NO (Có: đủ điểm), CLAIMED (đơn vị tự chấm, kèm tài liệu kiểm chứng), NOT_SCORED (không tính điểm)',
  values: Object.values(DtiScoring),
});
const ValueKindEnum = builder.enumType('DtiValueKind', { values: Object.values(DtiValueKind) });
const AnswerSourceEnum = builder.enumType('DtiAnswerSource', {
  description:
    'Ai cung cấp giá trị: PROVINCE (tỉnh tự đánh giá), MINISTRY (Bộ đo), SURVEY (khảo sát)',
  values: Object.values(DtiAnswerSource),
});

interface SourceJson {
  url?: string;
  quote?: string;
  derived?: string;
  title?: string;
  what?: string;
}
const sourceOf = (json: unknown): SourceJson =>
  json && typeof json === 'object' ? (json as SourceJson) : {};

const DtiSourceRef = builder.objectRef<SourceJson>('DtiSource').implement({
  description: 'Nơi đọc được số liệu của quyết định',
  fields: (t) => ({
    url: t.string({ resolve: (s) => s.url ?? '' }),
    title: t.string({ nullable: true, resolve: (s) => s.title ?? null }),
    what: t.string({ nullable: true, resolve: (s) => s.what ?? null }),
    quote: t.string({ nullable: true, resolve: (s) => s.quote ?? null }),
    derived: t.string({
      nullable: true,
      description: 'Số liệu không in trong văn bản mà suy ra từ số liệu in: cách suy ra',
      resolve: (s) => s.derived ?? null,
    }),
  }),
});

builder.prismaObject('DtiComponent', {
  description: 'Chỉ số thành phần',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    maxPoints: t.exposeFloat('maxPoints', {
      nullable: true,
      description: 'Điểm tối đa; null khi quyết định không công bố',
    }),
    measure: t.exposeString('measure', { nullable: true }),
    valueKind: t.expose('valueKind', { type: ValueKindEnum }),
    scoring: t.expose('scoring', { type: ScoringEnum }),
    evidence: t.exposeString('evidence', { nullable: true, description: 'Tài liệu kiểm chứng' }),
    answeredBy: t.expose('answeredBy', { type: AnswerSourceEnum }),
    usualOwner: t.exposeString('usualOwner', { nullable: true }),
    source: t.field({ type: DtiSourceRef, resolve: (c) => sourceOf(c.source) }),
  }),
});

builder.prismaObject('DtiMainIndicator', {
  description: 'Chỉ số chính',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    groupCode: t.exposeString('groupCode', { nullable: true }),
    groupName: t.exposeString('groupName', { nullable: true }),
    maxPoints: t.exposeFloat('maxPoints', { nullable: true }),
    scored: t.exposeBoolean('scored'),
    componentCount: t.exposeInt('componentCount', {
      nullable: true,
      description: 'Số chỉ số thành phần theo quyết định',
    }),
    source: t.field({ type: DtiSourceRef, resolve: (m) => sourceOf(m.source) }),
    components: t.relation('components', { query: { orderBy: { sortOrder: 'asc' } } }),
  }),
});

builder.prismaObject('DtiFramework', {
  description:
    'Bộ chỉ số chuyển đổi số (DTI) theo một quyết định, cho một cấp; không sửa sau khi nạp',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    decisionNumber: t.exposeString('decisionNumber'),
    issuedOn: t.expose('issuedOn', { type: 'Date' }),
    issuer: t.exposeString('issuer'),
    title: t.exposeString('title'),
    level: t.expose('level', { type: AdminLevelEnum }),
    maxPoints: t.exposeFloat('maxPoints', { nullable: true }),
    componentCount: t.exposeInt('componentCount', {
      nullable: true,
      description: 'Số chỉ số thành phần theo quyết định',
    }),
    recordedComponents: t.relationCount('components', {
      description: 'Số chỉ số thành phần đã ghi (bằng componentCount khi đã nạp đủ phụ lục)',
    }),
    indexScale: t.exposeString('indexScale', { nullable: true }),
    scoringRule: t.exposeString('scoringRule', { nullable: true }),
    sources: t.field({
      type: [DtiSourceRef],
      resolve: (f) => (Array.isArray(f.sources) ? f.sources.map(sourceOf) : []),
    }),
    notes: t.stringList({
      description: 'Những gì quyết định không công bố hoặc chưa đọc được',
      resolve: (f) =>
        Array.isArray(f.notes) ? f.notes.filter((n): n is string => typeof n === 'string') : [],
    }),
    mainIndicators: t.relation('mainIndicators', { query: { orderBy: { sortOrder: 'asc' } } }),
    components: t.relation('components', { query: { orderBy: { sortOrder: 'asc' } } }),
  }),
});

const SubtotalRef = builder.objectRef<Subtotal>('DtiSubtotal').implement({
  description: 'Điểm của một nhóm chỉ số (chỉ số chính, nhóm, tổng)',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    points: t.exposeFloat('points', {
      description: 'Tổng điểm các chỉ số thành phần đã tính được',
    }),
    maxPoints: t.exposeFloat('maxPoints', { nullable: true }),
    index: t.exposeFloat('index', {
      nullable: true,
      description:
        'Điểm ÷ điểm tối đa (thang 0–1 như bảng xếp hạng); null khi còn chỉ số chưa tính được',
    }),
    components: t.exposeInt('components'),
    unknownComponents: t.exposeInt('unknownComponents', {
      description: 'Số chỉ số thành phần chưa tính được điểm',
    }),
  }),
});

const ComponentScoreRef = builder.objectRef<ComponentScore>('DtiComponentScore').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    mainCode: t.exposeString('mainCode'),
    name: t.exposeString('name'),
    maxPoints: t.exposeFloat('maxPoints', { nullable: true }),
    points: t.exposeFloat('points', { nullable: true }),
    answeredBy: t.field({ type: AnswerSourceEnum, resolve: (s) => s.answeredBy }),
    org: t.prismaField({
      type: 'Org',
      nullable: true,
      description: 'Đơn vị trả lời',
      resolve: (query, s, _args, ctx) =>
        s.orgId ? ctx.prisma.org.findUnique({ ...query, where: { id: s.orgId } }) : null,
    }),
    answered: t.exposeBoolean('answered'),
    hasEvidence: t.exposeBoolean('hasEvidence'),
    problem: t.exposeString('problem', { nullable: true }),
  }),
});

const OrgScoreRef = builder.objectRef<Subtotal>('DtiOrgScore').implement({
  description: 'Điểm các chỉ số thành phần một đơn vị trả lời',
  fields: (t) => ({
    org: t.prismaField({
      type: 'Org',
      resolve: (query, s, _args, ctx) =>
        ctx.prisma.org.findUniqueOrThrow({ ...query, where: { id: s.code } }),
    }),
    points: t.exposeFloat('points'),
    maxPoints: t.exposeFloat('maxPoints', { nullable: true }),
    index: t.exposeFloat('index', { nullable: true }),
    components: t.exposeInt('components'),
    unknownComponents: t.exposeInt('unknownComponents'),
  }),
});

const ScoresRef = builder.objectRef<DtiScores>('DtiScores').implement({
  description: 'Điểm tính từ các báo cáo đã gửi, theo bộ chỉ số của đợt đánh giá',
  fields: (t) => ({
    total: t.field({ type: SubtotalRef, resolve: (s) => s.total }),
    groups: t.field({ type: [SubtotalRef], resolve: (s) => s.groups }),
    mainIndicators: t.field({ type: [SubtotalRef], resolve: (s) => s.mains }),
    components: t.field({ type: [ComponentScoreRef], resolve: (s) => s.components }),
    byOrg: t.field({ type: [OrgScoreRef], resolve: (s) => s.byOrg }),
    selfAssessed: t.field({
      type: SubtotalRef,
      description:
        'Các chỉ số tỉnh tự đánh giá (trừ chỉ số Bộ đo): điểm và chỉ số 0–1 của phần này, biết được trước khi Bộ công bố',
      resolve: (s) => s.selfAssessed,
    }),
    unanswered: t.stringList({
      description: 'Mã các chỉ số thành phần tỉnh phải trả lời mà chưa có giá trị gửi lên',
      resolve: (s) => s.unanswered,
    }),
    withoutEvidence: t.stringList({
      description: 'Mã các chỉ số đã trả lời mà chưa có tài liệu kiểm chứng',
      resolve: (s) => s.withoutEvidence,
    }),
    measuredByMinistry: t.stringList({ resolve: (s) => s.measuredByMinistry }),
  }),
});

const YearBeforeRef = builder.objectRef<YearBefore>('DtiYearBefore').implement({
  description: 'Kết quả năm trước, để so sánh',
  fields: (t) => ({
    year: t.exposeInt('year'),
    how: t.exposeString('how', {
      description:
        'OWN (đợt của chính tỉnh), PREDECESSORS (trung bình các tỉnh trước sáp nhập), UNKNOWN',
    }),
    frameworkCode: t.exposeString('frameworkCode', { nullable: true }),
    index: t.exposeFloat('index', { nullable: true }),
    points: t.exposeFloat('points', { nullable: true }),
    mainIndicators: t.field({
      type: [
        builder.objectRef<YearBefore['mains'][number]>('DtiMainIndex').implement({
          fields: (f) => ({
            code: f.exposeString('code'),
            name: f.exposeString('name'),
            index: f.exposeFloat('index', { nullable: true }),
          }),
        }),
      ],
      resolve: (y) => y.mains,
    }),
    note: t.exposeString('note'),
  }),
});

const OwnerChoiceRef = builder.objectRef<OwnerChoice>('DtiOwnerChoice').implement({
  description: 'Đơn vị trả lời một chỉ số thành phần',
  fields: (t) => ({
    componentCode: t.exposeString('componentCode'),
    how: t.exposeString('how', {
      description:
        'SET (đơn vị tổng hợp đã giao), MATCHED (theo tên đơn vị thường nắm số liệu), DEFAULT (đơn vị tổng hợp tự trả lời), ROUTED (được giao trong đợt đánh giá này)',
    }),
    org: t.prismaField({
      type: 'Org',
      resolve: (query, o, _args, ctx) =>
        ctx.prisma.org.findUniqueOrThrow({ ...query, where: { id: o.orgId } }),
    }),
  }),
});

builder.prismaObject('DtiAssessment', {
  description: 'Đợt tự đánh giá DTI của một tỉnh trong một năm (một yêu cầu báo cáo)',
  fields: (t) => ({
    id: t.exposeID('id'),
    year: t.exposeInt('year'),
    framework: t.relation('framework'),
    province: t.relation('province'),
    request: t.relation('request'),
    scores: t.field({
      type: ScoresRef,
      resolve: async (a, _args, ctx) => (await assessmentScores(ctx.prisma, a)).scores,
    }),
    yearBefore: t.field({
      type: YearBeforeRef,
      resolve: (a, _args, ctx) => yearBefore(ctx.prisma, a.provinceOrgId, a.year),
    }),
    owners: t.field({
      type: [OwnerChoiceRef],
      description: 'Ai trả lời từng chỉ số thành phần trong đợt này',
      resolve: async (a, _args, ctx) => {
        const routes = await ctx.prisma.requestRowRoute.findMany({
          where: { requestId: a.requestId },
        });
        const framework = (await frameworkFacts(ctx.prisma, { id: a.frameworkId }))!;
        const byRow = new Map(routes.map((r) => [r.rowKey, r.orgId]));
        return framework.components.flatMap((c) => {
          const orgId = byRow.get(componentRowKey(c.code));
          return orgId ? [{ componentCode: c.code, orgId, how: 'ROUTED' as const }] : [];
        });
      },
    }),
  }),
});

builder.queryFields((t) => ({
  dtiFrameworks: t.prismaField({
    type: ['DtiFramework'],
    authScopes: { authenticated: true },
    description: 'Các bộ chỉ số DTI đã nạp, mới nhất trước',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.dtiFramework.findMany({ ...query, orderBy: { issuedOn: 'desc' } }),
  }),
  dtiFramework: t.prismaField({
    type: 'DtiFramework',
    authScopes: { authenticated: true },
    args: { code: t.arg.string({ required: true }) },
    resolve: async (query, _root, { code }, ctx) => {
      const found = await ctx.prisma.dtiFramework.findUnique({ ...query, where: { code } });
      if (!found) throw notFound(`bộ chỉ số ${code}`);
      return found;
    },
  }),
  dtiAssessment: t.prismaField({
    type: 'DtiAssessment',
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      await overseenAssessment(ctx, id);
      return ctx.prisma.dtiAssessment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  dtiAssessments: t.prismaField({
    type: ['DtiAssessment'],
    authScopes: { authenticated: true },
    description: 'Các đợt tự đánh giá của tỉnh (mặc định: tỉnh của người dùng), năm mới trước',
    args: { provinceOrgId: t.arg.id({ required: false }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = ctx.viewer!;
      const province: Org | null = args.provinceOrgId
        ? await ctx.prisma.org.findUnique({ where: { id: args.provinceOrgId } })
        : await provinceOf(
            ctx.prisma,
            await ctx.prisma.org.findUniqueOrThrow({ where: { id: viewer.orgId } }),
          );
      if (!province) {
        throw args.provinceOrgId
          ? notFound(`tỉnh ${args.provinceOrgId}`)
          : badInput('Đơn vị của bạn không thuộc tỉnh nào: nêu provinceOrgId.');
      }
      if (province.kind !== 'PEOPLES_COMMITTEE' || province.level !== 'PROVINCE') {
        throw badInput(`${province.name} không phải UBND tỉnh, thành phố.`);
      }
      if (!oversees(viewer, province.path)) {
        throw forbidden('Chỉ đơn vị tổng hợp, phân tích hoặc quản trị của tỉnh xem được điểm DTI.');
      }
      return ctx.prisma.dtiAssessment.findMany({
        ...query,
        where: { provinceOrgId: province.id },
        orderBy: { year: 'desc' },
      });
    },
  }),
  dtiComponentOwners: t.field({
    type: [OwnerChoiceRef],
    authScopes: { role: 'CONSOLIDATOR' },
    description:
      'Ai sẽ trả lời từng chỉ số thành phần khi đơn vị mở đợt tự đánh giá theo bộ chỉ số này',
    args: { frameworkCode: t.arg.string({ required: true }) },
    resolve: async (_root, { frameworkCode }, ctx) => {
      const viewer = ctx.viewer!;
      const framework = await frameworkFacts(ctx.prisma, { code: frameworkCode });
      if (!framework) throw notFound(`bộ chỉ số ${frameworkCode}`);
      const consolidator = await ctx.prisma.org.findUniqueOrThrow({ where: { id: viewer.orgId } });
      const province = await provinceOf(ctx.prisma, consolidator);
      if (!province || !canConsolidate(viewer, province.path)) {
        throw forbidden('Chỉ đơn vị tổng hợp của tỉnh mới xem và giao chỉ số cho các đơn vị.');
      }
      return componentOwners(ctx.prisma, framework, consolidator, province, new Date());
    },
  }),
}));

const OpenDtiAssessmentInput = builder.inputType('OpenDtiAssessmentInput', {
  fields: (t) => ({
    frameworkCode: t.string({ required: true, description: 'Mã bộ chỉ số, ví dụ DTI-922-2022' }),
    year: t.int({ required: true, description: 'Năm được đánh giá' }),
    deadline: t.string({ required: true, description: 'Hạn gửi, ISO 8601' }),
    title: t.string({ required: false }),
    requiresApproval: t.boolean({ required: false }),
  }),
});

const SetDtiOwnerInput = builder.inputType('SetDtiComponentOwnerInput', {
  fields: (t) => ({
    frameworkCode: t.string({ required: true }),
    componentCode: t.string({ required: true }),
    orgId: t.id({ required: true }),
    assessmentId: t.id({
      required: false,
      description: 'Giao lại ngay trong đợt đang mở này (nếu đơn vị cũ chưa ghi số liệu)',
    }),
  }),
});

builder.mutationFields((t) => ({
  openDtiAssessment: t.prismaField({
    type: 'DtiAssessment',
    authScopes: { role: 'CONSOLIDATOR' },
    description:
      'Mở đợt tự đánh giá DTI của tỉnh: sinh mẫu từ bộ chỉ số và gửi mỗi chỉ số thành phần cho đơn vị trả lời',
    args: { input: t.arg({ type: OpenDtiAssessmentInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const created = await openDtiAssessment(ctx, input);
      return ctx.prisma.dtiAssessment.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
  setDtiComponentOwner: t.field({
    type: OwnerChoiceRef,
    authScopes: { role: 'CONSOLIDATOR' },
    description:
      'Giao một chỉ số thành phần cho đơn vị trả lời (các đợt sau, và đợt đang mở nếu nêu)',
    args: { input: t.arg({ type: SetDtiOwnerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const saved = await setComponentOwner(ctx, input);
      return { componentCode: input.componentCode, orgId: saved.orgId, how: 'SET' as const };
    },
  }),
}));
