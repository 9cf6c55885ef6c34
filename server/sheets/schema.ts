// ReportSheet in GraphQL: the template instantiated for one agency, with its values so far.
import { builder } from '../graphql/builder.ts';
import { OrgRef } from '../orgs/schema.ts';
import { ReportRequestRef } from '../requests/schema.ts';
import { ReportTemplateRef } from '../templates/schema.ts';
import { AggregateEnum, ColumnTypeEnum, SubmissionStatusEnum } from '../graphql/enums.ts';
import type {
  ChoiceOption,
  Problem,
  SheetCell,
  SheetColumn,
  SheetRow,
  SheetSection,
  SheetTable,
} from '../../shared/reporting/sheet.ts';
import { openSheet, type OpenedSheet, type SheetSubmission } from './sheet.ts';
import { lastPeriodOf, type SheetLastPeriod } from './last-period.ts';

export const CellRef = builder.objectRef<SheetCell>('Cell').implement({
  description: 'Một ô: mã cột và giá trị dạng chuẩn (null khi trống)',
  fields: (t) => ({
    columnKey: t.exposeString('columnKey'),
    value: t.exposeString('value', { nullable: true }),
  }),
});

const SheetChoice = builder.objectRef<ChoiceOption>('SheetChoice').implement({
  fields: (t) => ({ key: t.exposeString('key'), label: t.exposeString('label') }),
});

export const SheetColumnRef = builder.objectRef<SheetColumn>('SheetColumn').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    label: t.exposeString('label'),
    type: t.field({ type: ColumnTypeEnum, resolve: (c) => c.type }),
    required: t.exposeBoolean('required'),
    readOnly: t.exposeBoolean('readOnly'),
    aggregate: t.field({ type: AggregateEnum, resolve: (c) => c.aggregate }),
    options: t.field({ type: [SheetChoice], resolve: (c) => c.options }),
    carryForward: t.boolean({
      description:
        'Kỳ mới được điền sẵn từ số liệu đơn vị đã gửi kỳ trước (số tồn: cán bộ, điểm Wi-Fi)',
      resolve: (c) => c.carryForward ?? false,
    }),
    changeFactor: t.float({
      nullable: true,
      description:
        'Cảnh báo (không phải lỗi) khi số liệu gấp hoặc giảm hơn chừng này lần so với kỳ trước; null: không kiểm tra',
      resolve: (c) => c.changeFactor ?? null,
    }),
  }),
});

const SheetRowRef = builder.objectRef<SheetRow>('SheetRow').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    group: t.exposeString('group', { nullable: true }),
    label: t.exposeString('label'),
    isGroup: t.exposeBoolean('isGroup'),
    readOnly: t.exposeBoolean('readOnly'),
    open: t.exposeBoolean('open', { description: 'Dòng do đơn vị tự thêm' }),
    carryForward: t.boolean({
      description: 'Mọi ô của dòng được điền sẵn từ kỳ trước (một số tồn giữa các số phát sinh)',
      resolve: (r) => r.carryForward ?? false,
    }),
    cells: t.field({ type: [CellRef], resolve: (r) => r.cells }),
  }),
});

const SheetTableRef = builder.objectRef<SheetTable>('SheetTable').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    allowOpenRows: t.exposeBoolean('allowOpenRows'),
    columns: t.field({ type: [SheetColumnRef], resolve: (tb) => tb.columns }),
    rows: t.field({ type: [SheetRowRef], resolve: (tb) => tb.rows }),
  }),
});

const SheetSectionRef = builder.objectRef<SheetSection>('SheetSection').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    number: t.exposeString('number', { nullable: true }),
    heading: t.exposeString('heading'),
    guidance: t.exposeString('guidance', { nullable: true }),
    depth: t.exposeInt('depth'),
    answerable: t.exposeBoolean('answerable'),
    required: t.exposeBoolean('required'),
    answer: t.exposeString('answer', { nullable: true }),
  }),
});

const SheetSubmissionRef = builder.objectRef<SheetSubmission>('SheetSubmission').implement({
  description: 'Trạng thái báo cáo của đơn vị khi mở biểu',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({ type: SubmissionStatusEnum, resolve: (s) => s.status }),
    version: t.exposeInt('version'),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    late: t.exposeBoolean('late'),
    returnReason: t.exposeString('returnReason', { nullable: true }),
  }),
});

export const ProblemRef = builder.objectRef<Problem>('Problem').implement({
  description: 'Một lỗi khi lưu: bảng, dòng, cột và lời giải thích (tableKey null: mục đề cương)',
  fields: (t) => ({
    tableKey: t.exposeString('tableKey', { nullable: true }),
    rowKey: t.exposeString('rowKey', { nullable: true }),
    columnKey: t.exposeString('columnKey', { nullable: true }),
    message: t.exposeString('message'),
  }),
});

type LastPeriodRow = SheetLastPeriod['tables'][number]['rows'][number];
const LastPeriodRowRef = builder.objectRef<LastPeriodRow>('LastPeriodRow').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    cells: t.field({ type: [CellRef], resolve: (r) => r.cells }),
  }),
});

const LastPeriodTableRef = builder
  .objectRef<SheetLastPeriod['tables'][number]>('LastPeriodTable')
  .implement({
    fields: (t) => ({
      key: t.exposeString('key'),
      rows: t.field({ type: [LastPeriodRowRef], resolve: (tb) => tb.rows }),
    }),
  });

const LastPeriodRef = builder.objectRef<SheetLastPeriod>('LastPeriod').implement({
  description: 'Kỳ trước của đơn vị: báo cáo gần nhất đã gửi cùng mẫu, cùng loại kỳ',
  fields: (t) => ({
    requestId: t.exposeID('requestId'),
    periodLabel: t.exposeString('periodLabel', { description: '"Quý I/2026"' }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    tables: t.field({
      type: [LastPeriodTableRef],
      description: 'Giá trị đã gửi, theo mã bảng, dòng, cột của biểu hiện tại (chỉ những ô còn có)',
      resolve: (p) => p.tables,
    }),
  }),
});

const ReportSheetRef = builder.objectRef<OpenedSheet>('ReportSheet').implement({
  description: 'Mẫu báo cáo dựng cho một đơn vị, kèm giá trị đã lưu',
  fields: (t) => ({
    // The rows loaded to build the sheet; relations selected beyond them are loaded by Pothos.
    request: t.field({ type: ReportRequestRef, resolve: (s) => s.request.row }),
    org: t.field({ type: OrgRef, resolve: (s) => s.org }),
    template: t.field({ type: ReportTemplateRef, resolve: (s) => s.template.row }),
    outline: t.field({ type: [SheetSectionRef], resolve: (s) => s.sheet.outline }),
    tables: t.field({ type: [SheetTableRef], resolve: (s) => s.sheet.tables }),
    submission: t.field({
      type: SheetSubmissionRef,
      nullable: true,
      description: 'Null khi chưa lưu lần nào (hoặc là bản nháp của đơn vị khác)',
      resolve: (s) => s.submission,
    }),
    lastPeriod: t.field({
      type: LastPeriodRef,
      nullable: true,
      description:
        'Số liệu đơn vị đã gửi kỳ gần nhất trước kỳ này (cùng mã mẫu, cùng loại kỳ); null khi chưa gửi kỳ nào',
      resolve: (s, _args, ctx) =>
        ctx.viewer ? lastPeriodOf(ctx.db.sql, ctx.viewer, s.request.id, s.org, s.sheet) : null,
    }),
  }),
});

builder.queryField('reportSheet', (t) =>
  t.field({
    type: ReportSheetRef,
    authScopes: { authenticated: true },
    description: 'Biểu báo cáo của một đơn vị cho một yêu cầu (mặc định: đơn vị của người dùng)',
    args: { requestId: t.arg.id({ required: true }), orgId: t.arg.id({ required: false }) },
    resolve: (_root, args, ctx) => openSheet(ctx, args.requestId, args.orgId),
  }),
);
