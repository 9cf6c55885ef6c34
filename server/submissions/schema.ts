// Saving, sending, approving, returning and accepting reports in GraphQL; the rules live in
// save.ts, approval.ts and review.ts.
import { builder } from '../graphql/builder.ts';
import { RoleEnum, SigningFormEnum, SubmissionStatusEnum } from '../graphql/enums.ts';
import { scopesOf } from '../auth/access.ts';
import { loadSigning } from '../libraries.ts';
import { approveSubmission, returnToStaff, sendApproved, unapproveSubmission } from './approval.ts';
import { historyOf, type HistoryEvent } from './history.ts';
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
    warnings: t.field({
      type: [ProblemRef],
      description:
        'Cảnh báo (đã lưu, không phải lỗi): số liệu gấp hoặc giảm quá hệ số so với kỳ trước đơn vị đã gửi',
      resolve: (r) => r.warnings,
    }),
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

// The leader's part (approval.ts): approve, return to staff, withdraw an approval, send.
builder.prismaObjectFields('Submission', (t) => ({
  approvedAt: t.expose('approvedAt', {
    type: 'DateTime',
    nullable: true,
    description: 'Lãnh đạo đơn vị duyệt lúc; trống khi chưa duyệt hoặc đã bỏ duyệt',
  }),
  history: t.field({
    type: [SubmissionEventRef],
    description: 'Diễn biến của báo cáo: lưu, trình, duyệt, ký, gửi, trả lại, tiếp nhận (cũ trước)',
    resolve: async (s, _args, ctx) =>
      historyOf(
        await ctx.prisma.auditEvent.findMany({
          where: { entityType: 'Submission', entityId: s.id },
          orderBy: { at: 'asc' },
          select: {
            action: true,
            at: true,
            beforeVersion: true,
            afterVersion: true,
            details: true,
            actor: { select: { name: true } },
          },
        }),
      ),
  }),
}));

const SubmissionEventRef = builder.objectRef<HistoryEvent>('SubmissionEvent').implement({
  description: 'Một bước trong diễn biến của báo cáo (sự kiện kiểm toán)',
  fields: (t) => ({
    action: t.exposeString('action'),
    label: t.exposeString('label'),
    at: t.expose('at', { type: 'DateTime' }),
    actorName: t.exposeString('actorName', { nullable: true }),
    actorRole: t.expose('actorRole', { type: RoleEnum, nullable: true }),
    form: t.expose('form', { type: SigningFormEnum, nullable: true }),
    beforeVersion: t.exposeInt('beforeVersion', { nullable: true }),
    afterVersion: t.exposeInt('afterVersion', { nullable: true }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  approvalQueue: t.prismaField({
    type: ['Submission'],
    authScopes: { role: 'APPROVER' },
    description: 'Báo cáo chờ lãnh đạo duyệt hoặc đã duyệt mà chưa gửi, trong phạm vi lãnh đạo',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.submission.findMany({
        ...query,
        where: {
          status: { in: ['PENDING_APPROVAL', 'APPROVED'] },
          OR: scopesOf(ctx.viewer, 'APPROVER').map((scope) => ({
            org: { path: { startsWith: scope ?? '' } },
          })),
        },
        orderBy: [{ updatedAt: 'asc' }],
        take: 500,
      }),
  }),
}));

builder.mutationFields((t) => ({
  approveSubmission: t.prismaField({
    type: 'Submission',
    authScopes: { role: 'APPROVER' },
    description: 'Lãnh đạo duyệt đúng phiên bản đã xem; từ đó số liệu bị khóa',
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }) },
    resolve: (_query, _root, { id, version }, ctx) => approveSubmission(ctx, id, version),
  }),
  returnToStaff: t.prismaField({
    type: 'Submission',
    authScopes: { role: 'APPROVER' },
    description: 'Lãnh đạo trả lại cho cán bộ kèm lý do (bắt buộc); báo cáo thành bản nháp',
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (_query, _root, { id, reason }, ctx) => returnToStaff(ctx, id, reason),
  }),
  unapproveSubmission: t.prismaField({
    type: 'Submission',
    authScopes: { anyRole: ['APPROVER', 'ADMIN'] },
    description:
      'Bỏ duyệt (lãnh đạo hoặc quản trị); cả khi đã gửi, trừ khi đơn vị tổng hợp đã tiếp nhận',
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: false }) },
    resolve: (_query, _root, { id, reason }, ctx) => unapproveSubmission(ctx, id, reason),
  }),
  sendSubmission: t.prismaField({
    type: 'Submission',
    authScopes: { anyRole: ['APPROVER', 'REPORTER'] },
    description:
      'Gửi đơn vị tổng hợp báo cáo đã được lãnh đạo duyệt (kèm chữ ký số hợp lệ nếu yêu cầu cần)',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_query, _root, { id }, ctx) =>
      sendApproved(ctx, id, async (found) => (await loadSigning()).signatureProblem(ctx, found)),
  }),
}));
