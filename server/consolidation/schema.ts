// The consolidator's fields on ReportRequest: completeness, each recipient's standing, the
// agencies still missing, and the consolidated report. One consolidation is computed per
// request per operation however many of these fields a query asks for.
import type { Org } from '../../generated/prisma/client.ts';
import type {
  Completeness,
  ConsolidatedAnswer,
  ConsolidatedRow,
  ConsolidatedSection,
  ConsolidatedTable,
  Consolidated,
  OrgCells,
  OrgRef,
  RecipientStatus,
} from '../../shared/reporting/consolidated.ts';
import { builder } from '../graphql/builder.ts';
import { OrgRef as OrgType } from '../orgs/schema.ts';
import { CellRef, SheetColumnRef } from '../sheets/schema.ts';
import { openConsolidation } from './consolidate.ts';
import { oversees } from '../auth/access.ts';
import { isSent, SUBMISSION_STATUSES } from '../../shared/reporting/status.ts';

// consolidate.ts loads whole Org rows for every org it names, so they serve the Org type as is.
const asOrg = (org: OrgRef) => org as unknown as Org;

const CompletenessRef = builder.objectRef<Completeness>('Completeness').implement({
  description: 'Tình hình nộp báo cáo',
  fields: (t) => ({
    expected: t.exposeInt('expected', { description: 'Số đơn vị phải báo cáo' }),
    submitted: t.exposeInt('submitted', { description: 'Đã gửi (kể cả đã tiếp nhận)' }),
    onTime: t.exposeInt('onTime'),
    late: t.exposeInt('late'),
    missing: t.exposeInt('missing', { description: 'Chưa gửi (chưa làm hoặc mới lưu nháp)' }),
    returned: t.exposeInt('returned', { description: 'Bị trả lại, chưa gửi lại' }),
    accepted: t.exposeInt('accepted'),
  }),
});

const RecipientStateEnum = builder.enumType('RecipientState', {
  values: ['NOT_STARTED', ...SUBMISSION_STATUSES] as const,
});

const RecipientStatusRef = builder.objectRef<RecipientStatus>('RecipientStatus').implement({
  description: 'Một đơn vị phải báo cáo và tình trạng của nó',
  fields: (t) => ({
    org: t.field({ type: OrgType, resolve: (r) => asOrg(r.org) }),
    state: t.field({ type: RecipientStateEnum, resolve: (r) => r.state }),
    submissionId: t.exposeID('submissionId', { nullable: true }),
    version: t.exposeInt('version'),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    late: t.exposeBoolean('late'),
    returnReason: t.exposeString('returnReason', { nullable: true }),
    deadline: t.expose('deadline', { type: 'DateTime' }),
    overdue: t.exposeBoolean('overdue', { description: 'Chưa gửi và đã quá hạn' }),
  }),
});

const OrgCellsRef = builder.objectRef<OrgCells>('OrgCells').implement({
  fields: (t) => ({
    org: t.field({ type: OrgType, resolve: (o) => asOrg(o.org) }),
    cells: t.field({ type: [CellRef], resolve: (o) => o.cells }),
  }),
});

const ConsolidatedRowRef = builder.objectRef<ConsolidatedRow>('ConsolidatedRow').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    group: t.exposeString('group', { nullable: true }),
    label: t.exposeString('label'),
    isGroup: t.exposeBoolean('isGroup'),
    totals: t.field({
      type: [CellRef],
      description: 'Theo quy tắc của cột (cộng, trung bình, …); cột chỉ đọc: giá trị của dòng',
      resolve: (r) => r.totals,
    }),
    byOrg: t.field({
      type: [OrgCellsRef],
      description: 'Giá trị của từng đơn vị, theo thứ tự cây tổ chức',
      resolve: (r) => r.byOrg,
    }),
    rollup: t.field({
      type: [OrgCellsRef],
      description: 'Cộng dồn lên cấp huyện, cấp tỉnh cho các cột số',
      resolve: (r) => r.rollup,
    }),
  }),
});

const ConsolidatedTableRef = builder.objectRef<ConsolidatedTable>('ConsolidatedTable').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    columns: t.field({ type: [SheetColumnRef], resolve: (tb) => tb.columns }),
    rows: t.field({ type: [ConsolidatedRowRef], resolve: (tb) => tb.rows }),
  }),
});

const ConsolidatedAnswerRef = builder
  .objectRef<ConsolidatedAnswer>('ConsolidatedAnswer')
  .implement({
    fields: (t) => ({
      org: t.field({ type: OrgType, resolve: (a) => asOrg(a.org) }),
      text: t.exposeString('text'),
    }),
  });

const ConsolidatedSectionRef = builder
  .objectRef<ConsolidatedSection>('ConsolidatedSection')
  .implement({
    fields: (t) => ({
      key: t.exposeString('key'),
      number: t.exposeString('number', { nullable: true }),
      heading: t.exposeString('heading'),
      depth: t.exposeInt('depth'),
      answers: t.field({ type: [ConsolidatedAnswerRef], resolve: (s) => s.answers }),
    }),
  });

const ConsolidatedRef = builder.objectRef<Consolidated>('ConsolidatedReport').implement({
  description: 'Báo cáo tổng hợp từ các báo cáo đã gửi (đã gửi hoặc đã tiếp nhận)',
  fields: (t) => ({
    outline: t.field({ type: [ConsolidatedSectionRef], resolve: (c) => c.outline }),
    tables: t.field({ type: [ConsolidatedTableRef], resolve: (c) => c.tables }),
  }),
});

builder.prismaObjectFields('ReportRequest', (t) => ({
  viewerOversees: t.boolean({
    description: 'Người dùng được xem tình hình nộp và bản tổng hợp của yêu cầu này',
    select: { consolidatorOrg: { select: { path: true } } },
    resolve: (r, _args, ctx) => oversees(ctx.viewer!, r.consolidatorOrg.path),
  }),
  completeness: t.field({
    type: CompletenessRef,
    select: { id: true },
    resolve: async (r, _args, ctx) => (await openConsolidation(ctx, r.id)).completeness,
  }),
  recipientStatuses: t.field({
    type: [RecipientStatusRef],
    description: 'Từng đơn vị phải báo cáo: trạng thái, thời điểm gửi, trễ hạn, lý do trả lại',
    select: { id: true },
    resolve: async (r, _args, ctx) => (await openConsolidation(ctx, r.id)).recipients,
  }),
  missingOrgs: t.field({
    type: [OrgType],
    description: 'Đơn vị chưa gửi (chưa làm, mới lưu nháp, hoặc bị trả lại chưa gửi lại)',
    select: { id: true },
    resolve: async (r, _args, ctx) =>
      (await openConsolidation(ctx, r.id)).recipients
        .filter((s) => !isSent(s.state))
        .map((s) => asOrg(s.org)),
  }),
  overdueOrgs: t.field({
    type: [OrgType],
    description: 'Đơn vị đã quá hạn mà chưa gửi (kể cả bị trả lại chưa gửi lại), để nhắc',
    select: { id: true },
    resolve: async (r, _args, ctx) =>
      (await openConsolidation(ctx, r.id)).recipients
        .filter((s) => s.overdue)
        .map((s) => asOrg(s.org)),
  }),
  consolidated: t.field({
    type: ConsolidatedRef,
    select: { id: true },
    resolve: async (r, _args, ctx) => (await openConsolidation(ctx, r.id)).consolidated,
  }),
}));
