// ImportPlanText and Plan.findings in GraphQL (docs/contract/plans.graphql): the draft read
// from a plan's text, and the review findings on it or on a stored plan.
import { builder } from '../graphql/builder.ts';
import { AdminLevelEnum, ComparatorEnum, TargetUnitEnum } from '../graphql/enums.ts';
import { OrgRef } from '../orgs/schema.ts';
import { importPlanText, type DraftTask, type PlanImport } from './import.ts';
import type { Finding } from './reading/findings.ts';
import type { LegalBasis } from './reading/bases.ts';
import type { DeadlineDraft, SectionDraft } from './reading/body.ts';
import type { TargetDraft } from './reading/targets.ts';
import type { BudgetDraft, BudgetLineDraft } from './reading/budget.ts';
import { storedPlanFindings } from './review.ts';
import { PlanRef } from './schema.ts';

const FindingSeverityEnum = builder.enumType('FindingSeverity', {
  description: 'Mức độ: ERROR sai (số liệu, ngày tháng), WARNING cần xem lại, INFO lưu ý',
  values: ['ERROR', 'WARNING', 'INFO'] as const,
});

const PlanFindingRef = builder.objectRef<Finding>('PlanFinding').implement({
  description: 'Một điểm người rà soát cần sửa, và dòng của văn bản nơi nó nằm',
  fields: (t) => ({
    line: t.exposeInt('line', {
      nullable: true,
      description: 'Dòng trong văn bản (đếm từ 1); null khi kiểm tra trên số liệu đã lưu',
    }),
    severity: t.expose('severity', { type: FindingSeverityEnum }),
    message: t.exposeString('message'),
  }),
});

builder.objectField(PlanRef, 'findings', (t) =>
  t.field({
    type: [PlanFindingRef],
    description:
      'Kết quả rà soát: dự toán, tổng cộng, số tiền bằng chữ, thứ trong tuần, lịch trình, thành phần đoàn, thời hạn, chỉ tiêu',
    resolve: (plan, _args, ctx) => storedPlanFindings(ctx.prisma, plan.id),
  }),
);

const DraftBasisRef = builder.objectRef<LegalBasis>('DraftBasis').implement({
  fields: (t) => ({
    number: t.exposeString('number', { nullable: true }),
    issuedOn: t.expose('issuedOn', { type: 'Date', nullable: true }),
    title: t.exposeString('title'),
  }),
});

const DraftSectionRef = builder.objectRef<SectionDraft>('DraftSection').implement({
  fields: (t) => ({ number: t.exposeString('number'), heading: t.exposeString('heading') }),
});

const DraftTargetRef = builder.objectRef<TargetDraft>('DraftTarget').implement({
  fields: (t) => ({
    statement: t.exposeString('statement'),
    metric: t.exposeString('metric'),
    unit: t.expose('unit', { type: TargetUnitEnum }),
    comparator: t.expose('comparator', { type: ComparatorEnum }),
    value: t.exposeFloat('value', { nullable: true }),
    valueMax: t.exposeFloat('valueMax', { nullable: true }),
    targetYear: t.exposeInt('targetYear', { nullable: true }),
    level: t.expose('level', { type: AdminLevelEnum, nullable: true }),
  }),
});

const DraftTaskRef = builder.objectRef<DraftTask>('DraftTask').implement({
  fields: (t) => ({
    code: t.exposeString('code', { nullable: true }),
    title: t.exposeString('title'),
    leadOrgName: t.exposeString('leadOrgName', {
      nullable: true,
      description: 'Cơ quan chủ trì như văn bản ghi',
    }),
    leadOrg: t.field({
      type: OrgRef,
      nullable: true,
      description: 'Cơ quan chủ trì đã khớp với danh mục đơn vị',
      resolve: (task) => task.leadOrg,
    }),
    coordinatingOrgNames: t.exposeStringList('coordinatingOrgNames'),
  }),
});

const DraftBudgetLineRef = builder.objectRef<BudgetLineDraft>('DraftBudgetLine').implement({
  fields: (t) => ({
    description: t.exposeString('description'),
    amount: t.field({ type: 'Money', resolve: (l) => Math.round(l.amount) }),
  }),
});

const DraftBudgetRef = builder.objectRef<BudgetDraft>('DraftBudget').implement({
  fields: (t) => ({
    total: t.field({ type: 'Money', nullable: true, resolve: (b) => b.total }),
    totalInWords: t.exposeString('totalInWords', { nullable: true }),
    lines: t.field({ type: [DraftBudgetLineRef], resolve: (b) => b.lines }),
  }),
});

const DraftDeadlineRef = builder.objectRef<DeadlineDraft>('DraftDeadline').implement({
  fields: (t) => ({ date: t.expose('date', { type: 'Date' }), text: t.exposeString('text') }),
});

const PlanDraftRef = builder.objectRef<PlanImport['draft']>('PlanDraft').implement({
  description: 'Kế hoạch đọc từ văn bản, để người nhập rà soát trước khi lưu',
  fields: (t) => ({
    number: t.exposeString('number', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    issuedOn: t.expose('issuedOn', { type: 'Date', nullable: true }),
    place: t.exposeString('place', { nullable: true }),
    issuerName: t.exposeString('issuerName', { nullable: true }),
    bases: t.field({ type: [DraftBasisRef], resolve: (d) => d.bases }),
    sections: t.field({ type: [DraftSectionRef], resolve: (d) => d.sections }),
    targets: t.field({ type: [DraftTargetRef], resolve: (d) => d.targets }),
    tasks: t.field({ type: [DraftTaskRef], resolve: (d) => d.tasks }),
    budget: t.field({ type: DraftBudgetRef, resolve: (d) => d.budget }),
    deadlines: t.field({ type: [DraftDeadlineRef], resolve: (d) => d.deadlines }),
  }),
});

const PlanImportRef = builder.objectRef<PlanImport>('PlanImport').implement({
  fields: (t) => ({
    plan: t.prismaField({
      type: PlanRef,
      nullable: true,
      description: 'Kế hoạch dự thảo đã lưu; null khi dryRun',
      resolve: (query, result, _args, ctx) =>
        result.planId
          ? ctx.prisma.document.findUnique({ ...query, where: { id: result.planId } })
          : null,
    }),
    draft: t.field({ type: PlanDraftRef, resolve: (r) => r.draft }),
    findings: t.field({ type: [PlanFindingRef], resolve: (r) => r.findings }),
  }),
});

builder.mutationFields((t) => ({
  importPlanText: t.field({
    type: PlanImportRef,
    authScopes: { role: 'CONSOLIDATOR' },
    description:
      'Đọc văn bản kế hoạch thành bản dự thảo. dryRun: chỉ đọc, không lưu; nếu không, lưu thành kế hoạch DRAFT.',
    args: {
      text: t.arg.string({ required: true }),
      dryRun: t.arg.boolean({ required: false }),
    },
    resolve: (_root, { text, dryRun }, ctx) => importPlanText(ctx, text, dryRun ?? false),
  }),
}));
