// Saving, sending, returning and accepting reports in GraphQL; the rules live in save.ts and
// review.ts.
import { builder } from '../graphql/builder.ts';
import { SubmissionStatusEnum } from '../graphql/enums.ts';
import { ProblemRef } from '../sheets/schema.ts';
import { acceptSubmission, returnSubmission } from './review.ts';
import { saveReport, type SaveResult } from './save.ts';

builder.prismaObjectFields('Submission', (t) => ({
  returnedAt: t.expose('returnedAt', { type: 'DateTime', nullable: true }),
  acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true }),
  request: t.relation('request'),
  versions: t.relation('versions', {
    description: 'Các phiên bản đã lưu, mới nhất trước; bản đã gửi không bao giờ bị sửa',
    query: { orderBy: { version: 'desc' } },
  }),
}));

builder.prismaObject('SubmissionVersion', {
  fields: (t) => ({
    version: t.exposeInt('version'),
    status: t.expose('status', { type: SubmissionStatusEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    createdBy: t.relation('createdBy', { nullable: true }),
  }),
});

const CellInput = builder.inputType('CellInput', {
  fields: (t) => ({
    columnKey: t.string({ required: true }),
    value: t.string({ required: false }),
  }),
});
const RowInput = builder.inputType('RowInput', {
  description: 'Một dòng; không có key: dòng mới do đơn vị thêm',
  fields: (t) => ({
    key: t.string({ required: false }),
    cells: t.field({ type: [CellInput], required: true }),
  }),
});
const TableInput = builder.inputType('TableInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    rows: t.field({ type: [RowInput], required: true }),
  }),
});
const AnswerInput = builder.inputType('AnswerInput', {
  fields: (t) => ({ key: t.string({ required: true }), text: t.string({ required: false }) }),
});
const SaveReportInput = builder.inputType('SaveReportInput', {
  fields: (t) => ({
    requestId: t.id({ required: true }),
    orgId: t.id({ required: false, description: 'Mặc định: đơn vị của người dùng' }),
    baseVersion: t.int({ required: true, description: '0 khi chưa lưu lần nào' }),
    idempotencyKey: t.string({ required: true }),
    submit: t.boolean({ required: false, description: 'true: gửi báo cáo; bỏ trống: lưu nháp' }),
    tables: t.field({ type: [TableInput], required: false }),
    answers: t.field({ type: [AnswerInput], required: false }),
  }),
});

const SaveReportPayload = builder.objectRef<SaveResult>('SaveReportPayload').implement({
  fields: (t) => ({
    submission: t.prismaField({
      type: 'Submission',
      nullable: true,
      description: 'Báo cáo sau khi lưu; khi có lỗi: như trước khi lưu (null nếu chưa có)',
      resolve: (_query, r) => r.submission,
    }),
    problems: t.field({ type: [ProblemRef], resolve: (r) => r.problems }),
  }),
});

builder.mutationFields((t) => ({
  saveReport: t.field({
    type: SaveReportPayload,
    authScopes: { role: 'REPORTER' },
    description:
      'Lưu nháp hoặc gửi báo cáo; có lỗi thì không lưu gì. Cùng idempotencyKey: trả lại kết quả lần đầu.',
    args: { input: t.arg({ type: SaveReportInput, required: true }) },
    resolve: (_root, { input }, ctx) => saveReport(ctx, input),
  }),
  returnSubmission: t.prismaField({
    type: 'Submission',
    authScopes: { role: 'CONSOLIDATOR' },
    description: 'Trả lại báo cáo đã gửi, kèm lý do (bắt buộc); đơn vị sửa rồi gửi lại',
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (_query, _root, { id, reason }, ctx) => returnSubmission(ctx, id, reason),
  }),
  acceptSubmission: t.prismaField({
    type: 'Submission',
    authScopes: { role: 'CONSOLIDATOR' },
    description: 'Tiếp nhận báo cáo đã gửi; từ đó báo cáo bị khóa',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_query, _root, { id }, ctx) => acceptSubmission(ctx, id),
  }),
}));
