// Reminders in GraphQL: a request's rules (the consolidator changes them), its send log, and the
// signed-in user's in-app notifications, which the task pane shows.
import { builder } from '../graphql/builder.ts';
import { forbidden } from '../graphql/errors.ts';
import { canConsolidate } from '../auth/access.ts';
import { MessageChannel, MessageKind, MessageStatus } from '../../generated/prisma/enums.ts';
import { setReminderRules } from './manage.ts';
import { MAX_OFFSET_DAYS, MAX_RULES, MIN_OFFSET_DAYS } from './rules.ts';

const MessageKindEnum = builder.enumType('MessageKind', { values: Object.values(MessageKind) });
const MessageChannelEnum = builder.enumType('MessageChannel', {
  values: Object.values(MessageChannel),
});
const MessageStatusEnum = builder.enumType('MessageStatus', {
  values: Object.values(MessageStatus),
});

builder.prismaObject('ReminderRule', {
  description: 'Một mốc nhắc hạn: số ngày so với hạn gửi của từng đơn vị (âm: trước hạn)',
  fields: (t) => ({
    id: t.exposeID('id'),
    offsetDays: t.exposeInt('offsetDays', {
      description: '−3: 3 ngày trước hạn; 0: ngày hạn; 1: 1 ngày sau hạn',
    }),
    attachLetter: t.exposeBoolean('attachLetter', {
      description: 'Thư nhắc gửi kèm công văn đôn đốc (.docx)',
    }),
  }),
});

builder.prismaObject('OutgoingMessage', {
  description: 'Một thư hoặc tin nhắn trong nhật ký gửi: đã gửi, lỗi (lý do), sẽ gửi lại',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: MessageKindEnum }),
    channel: t.expose('channel', { type: MessageChannelEnum }),
    address: t.exposeString('address'),
    subject: t.exposeString('subject'),
    status: t.expose('status', { type: MessageStatusEnum }),
    attempts: t.exposeInt('attempts', { description: 'Số lần đã thử gửi' }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Lý do lần gửi lỗi gần nhất, kèm trả lời của máy chủ thư',
    }),
    nextAttemptAt: t.expose('nextAttemptAt', {
      type: 'DateTime',
      description: 'Lần gửi (lại) tiếp theo, nếu chưa gửi được',
    }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    org: t.relation('org', { nullable: true, description: 'Đơn vị được nhắc' }),
  }),
});

builder.prismaObject('Notification', {
  description: 'Thông báo trong phần bổ trợ (nhắc hạn …)',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    request: t.relation('request', { nullable: true }),
  }),
});

builder.prismaObjectFields('ReportRequest', (t) => ({
  reminderRules: t.relation('reminderRules', {
    description: 'Các mốc nhắc hạn, theo số ngày so với hạn gửi',
    query: { where: { removedAt: null }, orderBy: { offsetDays: 'asc' } },
  }),
  messageLog: t.prismaField({
    type: ['OutgoingMessage'],
    description:
      'Nhật ký thư và tin nhắn nhắc hạn của yêu cầu (mới nhất trước, tối đa 1000), cho đơn vị tổng hợp',
    select: { consolidatorOrg: { select: { path: true } } },
    resolve: (query, req, _args, ctx) => {
      if (!canConsolidate(ctx.viewer, req.consolidatorOrg.path)) {
        throw forbidden('Chỉ đơn vị tổng hợp của yêu cầu này mới xem nhật ký gửi.');
      }
      return ctx.prisma.outgoingMessage.findMany({
        ...query,
        where: { requestId: req.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: 1000,
      });
    },
  }),
}));

const ReminderRuleInput = builder.inputType('ReminderRuleInput', {
  fields: (t) => ({
    offsetDays: t.int({
      required: true,
      description: `Số ngày so với hạn gửi của đơn vị, từ ${MIN_OFFSET_DAYS} đến ${MAX_OFFSET_DAYS}`,
    }),
    attachLetter: t.boolean({ required: false, description: 'Gửi kèm công văn đôn đốc' }),
  }),
});

builder.mutationField('setReminderRules', (t) =>
  t.prismaField({
    type: 'ReportRequest',
    authScopes: { role: 'CONSOLIDATOR' },
    description: `Đặt các mốc nhắc hạn của yêu cầu (tối đa ${MAX_RULES}; danh sách rỗng: không nhắc). Đơn vị đã được nhắc ở một mốc sẽ không bị nhắc lại.`,
    args: {
      requestId: t.arg.id({ required: true }),
      rules: t.arg({ type: [ReminderRuleInput], required: true }),
    },
    resolve: async (query, _root, { requestId, rules }, ctx) => {
      await setReminderRules(ctx, requestId, rules);
      return ctx.prisma.reportRequest.findUniqueOrThrow({ ...query, where: { id: requestId } });
    },
  }),
);

builder.queryField('myNotifications', (t) =>
  t.prismaField({
    type: ['Notification'],
    authScopes: { authenticated: true },
    description: 'Thông báo của người dùng, mới nhất trước (tối đa 100)',
    args: { unreadOnly: t.arg.boolean({ required: false }) },
    resolve: (query, _root, { unreadOnly }, ctx) =>
      ctx.prisma.notification.findMany({
        ...query,
        where: { userId: ctx.viewer!.userId, ...(unreadOnly ? { readAt: null } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: 100,
      }),
  }),
);

builder.mutationField('markNotificationsRead', (t) =>
  t.int({
    authScopes: { authenticated: true },
    description:
      'Đánh dấu đã đọc các thông báo của mình (bỏ trống ids: tất cả); trả về số thông báo vừa đánh dấu',
    args: { ids: t.arg.idList({ required: false }) },
    resolve: async (_root, { ids }, ctx) =>
      (
        await ctx.prisma.notification.updateMany({
          where: {
            userId: ctx.viewer!.userId,
            readAt: null,
            ...(ids ? { id: { in: ids } } : {}),
          },
          data: { readAt: new Date() },
        })
      ).count,
  }),
);
