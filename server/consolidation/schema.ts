// The consolidator's fields on ReportRequest: completeness, each recipient's standing, the
// agencies still missing, and the consolidated report — as reported, or in today's structure
// (structure.ts). One consolidation is computed per request per operation however many of these
// fields a query asks for.
import type { ObjectFieldBuilder } from '@pothos/core';
import type { Org } from '../../generated/prisma/client.ts';
import type {
  Completeness,
  ConsolidatedRow,
  ConsolidatedSection,
  ConsolidatedTable,
  Consolidated,
  OrgRef,
  RecipientStatus,
} from '../../shared/reporting/consolidated.ts';
import type { Placed, PlacedOrgCells } from './merge.ts';
import { builder } from '../graphql/builder.ts';
import { OrgRef as OrgType } from '../orgs/schema.ts';
import { CellRef, SheetColumnRef } from '../sheets/schema.ts';
import { openConsolidation } from './consolidate.ts';
import {
  AGENCIES_PER_PAGE,
  agenciesPage,
  ANSWERS_PER_PAGE,
  answersPage,
  openPagedConsolidation,
  outlineSections,
  TABLES_PER_PAGE,
  tablesPage,
  tableTotals,
  type ConsolidatedAgency,
  type ConsolidatedRowTotals,
  type PagedConsolidation,
  type SectionPiece,
  type TablePiece,
} from './pages.ts';
import { measurementsByUnit, type UnitMeasurement } from './measurements.ts';
import { targetProgress } from '../targets/progress.ts';
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
    pendingApproval: t.exposeInt('pendingApproval', {
      description: 'Chờ lãnh đạo đơn vị duyệt (đã trình hoặc đã duyệt, chưa gửi)',
    }),
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

export const ConsolidationStructureEnum = builder.enumType('ConsolidationStructure', {
  description: 'Cách xếp các đơn vị trong bản tổng hợp',
  values: {
    AS_REPORTED: {
      description: 'Như lúc báo cáo: mỗi đơn vị ở chỗ của nó trong cây tổ chức khi đó',
    },
    CURRENT: {
      description:
        'Theo cơ cấu hiện nay: đơn vị cũ xếp dưới đơn vị kế thừa duy nhất của nó; đơn vị giải thể hoặc chia tách (không có một đơn vị kế thừa) xếp dưới tỉnh là "đơn vị cũ". Tổng không đổi: mỗi báo cáo tính một lần',
    },
  } as const,
});

const UnitPlacementEnum = builder.enumType('UnitPlacement', {
  description: 'Đơn vị báo cáo nằm ở đâu trong cơ cấu đang xem',
  values: {
    SELF: { description: 'Chính nó (còn hoạt động, hoặc xem như lúc báo cáo)' },
    SUCCESSOR: {
      description: 'Dưới đơn vị kế thừa duy nhất hiện nay (sáp nhập, hợp nhất, đổi tên)',
    },
    FORMER: {
      description:
        'Đơn vị cũ không có một đơn vị kế thừa (giải thể, chia tách): dưới tỉnh hiện nay, tính một lần',
    },
  } as const,
});

/** unit, placement and displayName on anything placed in a structure (defaults: as reported). */
function placedFields<T extends { org: OrgRef } & Partial<Placed>>(
  t: ObjectFieldBuilder<typeof builder.$inferSchemaTypes, T>,
) {
  return {
    unit: t.field({
      type: OrgType,
      description: 'Đơn vị mà nó được xếp dưới trong cơ cấu đang xem (như lúc báo cáo: chính nó)',
      resolve: (o) => asOrg(o.unit ?? o.org),
    }),
    placement: t.field({
      type: UnitPlacementEnum,
      resolve: (o) => o.placement ?? 'SELF',
    }),
    displayName: t.string({
      description:
        'Tên đơn vị như đã báo cáo, kèm "(đơn vị cũ)" hoặc "(nay thuộc …)" theo cơ cấu hiện nay',
      resolve: (o) => o.displayName ?? o.org.name,
    }),
  };
}

const OrgCellsRef = builder.objectRef<PlacedOrgCells>('OrgCells').implement({
  fields: (t) => ({
    org: t.field({
      type: OrgType,
      description: 'Đơn vị đã gửi báo cáo (tên cũ giữ nguyên)',
      resolve: (o) => asOrg(o.org),
    }),
    cells: t.field({ type: [CellRef], resolve: (o) => o.cells }),
    ...placedFields(t),
  }),
});

/** A consolidated row's heading, totals and roll-ups: the whole answer's and a page's alike. */
function rowFields<T extends Omit<ConsolidatedRow, 'byOrg'>>(
  t: ObjectFieldBuilder<typeof builder.$inferSchemaTypes, T>,
) {
  return {
    key: t.string({ resolve: (r) => r.key }),
    group: t.string({ nullable: true, resolve: (r) => r.group }),
    label: t.string({ resolve: (r) => r.label }),
    isGroup: t.boolean({ resolve: (r) => r.isGroup }),
    totals: t.field({
      type: [CellRef],
      description: 'Theo quy tắc của cột (cộng, trung bình, …); cột chỉ đọc: giá trị của dòng',
      resolve: (r) => r.totals,
    }),
    rollup: t.field({
      type: [OrgCellsRef],
      description: 'Cộng dồn lên cấp huyện, cấp tỉnh cho các cột số',
      resolve: (r) => r.rollup,
    }),
  };
}

const ConsolidatedRowRef = builder.objectRef<ConsolidatedRow>('ConsolidatedRow').implement({
  fields: (t) => ({
    ...rowFields(t),
    byOrg: t.field({
      type: [OrgCellsRef],
      description: 'Giá trị của từng đơn vị, theo thứ tự cây tổ chức',
      resolve: (r) => r.byOrg,
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
  .objectRef<{ org: OrgRef; text: string } & Partial<Placed>>('ConsolidatedAnswer')
  .implement({
    fields: (t) => ({
      org: t.field({ type: OrgType, resolve: (a) => asOrg(a.org) }),
      text: t.exposeString('text'),
      ...placedFields(t),
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

const ConsolidatedRowTotalsRef = builder
  .objectRef<ConsolidatedRowTotals>('ConsolidatedRowTotals')
  .implement({
    description:
      'Một dòng của bảng tổng hợp: tổng và cộng dồn trên mọi báo cáo đã gửi (không phải trên một trang)',
    fields: (t) => ({
      ...rowFields(t),
      reporting: t.exposeInt('reporting', { description: 'Số đơn vị đã báo cáo dòng này' }),
    }),
  });

const AgencyRowCellsRef = builder
  .objectRef<ConsolidatedAgency['rows'][number]>('ConsolidatedAgencyRow')
  .implement({
    fields: (t) => ({
      rowKey: t.exposeString('rowKey'),
      cells: t.field({ type: [CellRef], resolve: (r) => r.cells }),
    }),
  });

const ConsolidatedAgencyRef = builder
  .objectRef<ConsolidatedAgency>('ConsolidatedAgency')
  .implement({
    description: 'Một đơn vị trong một bảng tổng hợp: giá trị của nó ở mọi dòng nó đã báo cáo',
    fields: (t) => ({
      org: t.field({
        type: OrgType,
        description: 'Đơn vị đã gửi báo cáo (tên cũ giữ nguyên)',
        resolve: (o) => asOrg(o.org),
      }),
      ...placedFields(t),
      rows: t.field({
        type: [AgencyRowCellsRef],
        description: 'Các dòng chung mà đơn vị đã báo cáo, theo thứ tự của bảng',
        resolve: (o) => o.rows,
      }),
      addedRows: t.field({
        type: [ConsolidatedRowRef],
        description: 'Các dòng đơn vị tự thêm: dòng tiêu đề mang tên đơn vị, rồi từng dòng',
        resolve: (o) => o.addedRows,
      }),
    }),
  });

const ConsolidatedTablePieceRef = builder
  .objectRef<TablePiece>('ConsolidatedTablePiece')
  .implement({
    description:
      'Một bảng của bản tổng hợp theo trang: tổng của các dòng, rồi các đơn vị từng trang',
    fields: (t) => ({
      key: t.string({ resolve: (p) => p.table.key }),
      title: t.string({ resolve: (p) => p.table.title }),
      description: t.string({ nullable: true, resolve: (p) => p.table.description }),
      columns: t.field({ type: [SheetColumnRef], resolve: (p) => p.columns }),
      rows: t.field({
        type: [ConsolidatedRowTotalsRef],
        description: 'Các dòng chung với tổng và cộng dồn (trên mọi báo cáo đã gửi)',
        resolve: (p, _args, ctx) => tableTotals(ctx, p),
      }),
      agencies: t.connection({
        type: ConsolidatedAgencyRef,
        description: `Các đơn vị đã báo cáo bảng này, theo thứ tự cây tổ chức của cách xếp đã chọn; first từ 1 đến ${AGENCIES_PER_PAGE.max} (mặc định ${AGENCIES_PER_PAGE.default}), after: endCursor của trang trước`,
        resolve: (p, args, ctx) => agenciesPage(ctx, p, args),
      }),
    }),
  });

const ConsolidatedSectionPieceRef = builder
  .objectRef<SectionPiece>('ConsolidatedSectionPiece')
  .implement({
    fields: (t) => ({
      key: t.string({ resolve: (p) => p.section.key }),
      number: t.string({ nullable: true, resolve: (p) => p.section.number }),
      heading: t.string({ resolve: (p) => p.section.heading }),
      depth: t.int({ resolve: (p) => p.section.depth }),
      answers: t.connection({
        type: ConsolidatedAnswerRef,
        description: `Câu trả lời của các đơn vị theo thứ tự cây tổ chức; first từ 1 đến ${ANSWERS_PER_PAGE.max} (mặc định ${ANSWERS_PER_PAGE.default})`,
        resolve: (p, args, ctx) => answersPage(ctx, p, args),
      }),
    }),
  });

const ConsolidatedPagesRef = builder.objectRef<PagedConsolidation>('ConsolidatedPages').implement({
  description:
    'Bản tổng hợp theo từng phần (bảng, rồi đơn vị từng trang), cho các yêu cầu lớn: đi hết các trang được đúng bản tổng hợp đầy đủ',
  fields: (t) => ({
    structure: t.field({ type: ConsolidationStructureEnum, resolve: (p) => p.structure }),
    outline: t.field({
      type: [ConsolidatedSectionPieceRef],
      description: 'Các mục đề cương có câu trả lời; key: chỉ mục này (để lấy trang sau của nó)',
      args: { key: t.arg.string({ required: false }) },
      resolve: (p, { key }) =>
        outlineSections(p).filter((s) => key == null || s.section.key === key),
    }),
    tables: t.connection({
      type: ConsolidatedTablePieceRef,
      description: `Các bảng theo thứ tự của mẫu; first từ 1 đến ${TABLES_PER_PAGE.max} (mặc định ${TABLES_PER_PAGE.default})`,
      resolve: (p, args) => tablesPage(p, args),
    }),
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
  consolidatedPages: t.field({
    type: ConsolidatedPagesRef,
    description:
      'Bản tổng hợp theo trang: như consolidated, nhưng lấy từng bảng và từng trang đơn vị (cho hàng nghìn đơn vị)',
    select: { id: true },
    args: {
      structure: t.arg({
        type: ConsolidationStructureEnum,
        required: false,
        defaultValue: 'AS_REPORTED',
      }),
    },
    resolve: (r, { structure }, ctx) =>
      openPagedConsolidation(ctx, r.id, structure ?? 'AS_REPORTED'),
  }),
  consolidated: t.field({
    type: ConsolidatedRef,
    select: { id: true },
    args: {
      structure: t.arg({
        type: ConsolidationStructureEnum,
        required: false,
        defaultValue: 'AS_REPORTED',
        description:
          'AS_REPORTED (mặc định): như lúc báo cáo; CURRENT: theo cơ cấu hiện nay, đơn vị cũ giữ tên',
      }),
    },
    resolve: async (r, { structure }, ctx) =>
      (await openConsolidation(ctx, r.id, new Date(), structure ?? 'AS_REPORTED')).consolidated,
  }),
}));

const UnitMeasurementRef = builder
  .objectRef<UnitMeasurement & { progress: number | null }>('UnitMeasurement')
  .implement({
    description: 'Một giá trị đo của chỉ tiêu do một đơn vị báo cáo, xếp theo cơ cấu đang xem',
    fields: (t) => ({
      org: t.field({
        type: OrgType,
        description: 'Đơn vị đã báo cáo (tên cũ giữ nguyên)',
        resolve: (m) => m.org,
      }),
      ...placedFields(t),
      measurementId: t.id({ resolve: (m) => m.measurement.id }),
      value: t.float({ nullable: true, resolve: (m) => m.measurement.value }),
      periodLabel: t.string({ nullable: true, resolve: (m) => m.measurement.periodLabel }),
      measuredOn: t.field({ type: 'Date', resolve: (m) => m.measurement.measuredOn }),
      progress: t.float({
        nullable: true,
        description: 'Mức đạt chỉ tiêu của riêng giá trị này, điểm phần trăm',
        resolve: (m) => m.progress,
      }),
    }),
  });

builder.prismaObjectFields('Target', (t) => ({
  measurementsByUnit: t.field({
    type: [UnitMeasurementRef],
    description:
      'Giá trị đo theo từng đơn vị (mới nhất trước trong mỗi đơn vị), như lúc báo cáo hoặc theo cơ cấu hiện nay: đơn vị cũ dưới đơn vị kế thừa, giữ tên cũ; giá trị chung của mỗi yêu cầu không đổi',
    select: { id: true, unit: true, comparator: true, value: true, valueMax: true },
    args: {
      structure: t.arg({
        type: ConsolidationStructureEnum,
        required: false,
        defaultValue: 'AS_REPORTED',
      }),
      requestId: t.arg.id({ required: false, description: 'Chỉ các giá trị từ yêu cầu này' }),
    },
    resolve: async (target, { structure, requestId }, ctx) =>
      (
        await measurementsByUnit(ctx.prisma, target.id, structure ?? 'AS_REPORTED', {
          requestId,
        })
      ).map((m) => ({ ...m, progress: targetProgress(target, m.measurement.value) })),
  }),
}));
