// Authentication in GraphQL: login, me, API tokens, users (docs/contract/auth.graphql), accounts
// activated with a one-time code (activation.ts, emailed as an invitation when the server has
// SMTP: invitations.ts), and a forgotten password reset with an emailed code (password-reset.ts).
import { builder } from '../graphql/builder.ts';
import { RoleEnum } from '../graphql/enums.ts';
import { badInput, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { canAdminister } from './access.ts';
import {
  ACTIVATION_DAYS,
  activateAccount,
  issueActivationCode,
  validDaysProblem,
} from './activation.ts';
import { recordAudit } from '../audit/audit.ts';
import { deliverSoon, enqueueInvitations } from './invitations.ts';
import { requestPasswordReset, resetPassword } from './password-reset.ts';
import { issueToken } from './tokens.ts';
import { createUser, login, revokeToken } from './users.ts';

export const UserRef = builder.prismaObject('User', {
  description: 'Tài khoản người dùng / a user account',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    roles: t.field({
      type: [RoleEnum],
      select: { roles: { select: { role: true } } },
      resolve: (user) => [...new Set(user.roles.map((r) => r.role))],
    }),
    org: t.relation('org'),
    lastLoginAt: t.expose('lastLoginAt', { type: 'DateTime', nullable: true }),
  }),
});

export const ApiTokenRef = builder.prismaObject('ApiToken', {
  description: 'Token truy cập; giá trị chỉ hiện một lần khi tạo / an access token',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'Vài ký tự đầu, để nhận ra token' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const LoginPayload = builder
  .objectRef<{ token: string; userId: string }>('LoginPayload')
  .implement({
    fields: (t) => ({
      token: t.exposeString('token'),
      user: t.prismaField({
        type: 'User',
        resolve: (query, parent, _args, ctx) =>
          ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: parent.userId } }),
      }),
    }),
  });

/** A code just issued: shown this once, to print and hand over (only its hash is kept). */
export interface IssuedActivation {
  email: string;
  name: string;
  orgName: string;
  orgCode: string;
  code: string;
  expiresAt: Date;
  /** Also emailed to the person (the server has SMTP). */
  emailed?: boolean;
}

export const IssuedActivationCodeRef = builder
  .objectRef<IssuedActivation>('IssuedActivationCode')
  .implement({
    description:
      'Mã kích hoạt vừa cấp: chỉ hiện lần này, để in và trao cho người dùng / a one-time activation code, shown once',
    fields: (t) => ({
      email: t.exposeString('email'),
      name: t.exposeString('name'),
      orgName: t.exposeString('orgName'),
      orgCode: t.exposeString('orgCode'),
      code: t.exposeString('code', { description: 'Chỉ hiện lần này / shown once' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      emailed: t.boolean({
        description:
          'Mã cũng được gửi tới thư điện tử của người dùng (máy chủ có cấu hình SMTP; nhật ký gửi cho biết đã tới chưa) / also emailed to the person',
        resolve: (c) => c.emailed ?? false,
      }),
    }),
  });

const CreateApiTokenPayload = builder
  .objectRef<{ token: string; apiTokenId: string }>('CreateApiTokenPayload')
  .implement({
    fields: (t) => ({
      token: t.exposeString('token', { description: 'Chỉ hiện lần này / shown once' }),
      apiToken: t.prismaField({
        type: 'ApiToken',
        resolve: (query, parent, _args, ctx) =>
          ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: parent.apiTokenId } }),
      }),
    }),
  });

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    name: t.string({ required: true }),
    password: t.string({ required: true }),
    orgId: t.id({ required: true }),
    roles: t.field({ type: [RoleEnum], required: true }),
  }),
});

builder.queryFields((t) => ({
  me: t.prismaField({
    type: 'User',
    description: 'Người đang đăng nhập / the signed-in user',
    resolve: async (query, _root, _args, ctx) => {
      if (!ctx.viewer) throw unauthenticated();
      return ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: ctx.viewer.userId } });
    },
  }),
  myApiTokens: t.prismaField({
    type: ['ApiToken'],
    authScopes: { authenticated: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.apiToken.findMany({
        ...query,
        where: { userId: ctx.viewer!.userId, kind: 'API' },
        orderBy: { createdAt: 'desc' },
      }),
  }),
}));

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginPayload,
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, { email, password }, ctx) => {
      if (email.length > 254 || password.length > 1000)
        throw unauthenticated('Sai email hoặc mật khẩu.');
      return login(ctx.prisma, email, password, ctx.address);
    },
  }),
  createApiToken: t.field({
    type: CreateApiTokenPayload,
    authScopes: { authenticated: true },
    args: { name: t.arg.string({ required: true }) },
    resolve: async (_root, { name }, ctx) => {
      const clean = name.trim();
      if (!clean || clean.length > 100)
        throw badInput('Tên token không được để trống (tối đa 100 ký tự).');
      const { token, apiToken } = await issueToken(ctx.prisma, ctx.viewer!.userId, 'API', clean);
      return { token, apiTokenId: apiToken.id };
    },
  }),
  revokeApiToken: t.prismaField({
    type: 'ApiToken',
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const token = await revokeToken(ctx.prisma, ctx.viewer!, id);
      const found = await ctx.prisma.apiToken.findUnique({ ...query, where: { id: token.id } });
      if (!found) throw notFound(`token ${id}`);
      return found;
    },
  }),
  activateAccount: t.field({
    type: LoginPayload,
    description:
      'Kích hoạt tài khoản bằng mã được cấp, đặt mật khẩu và đăng nhập (giới hạn số lần thử như login) / activate an account with its one-time code, set the password and sign in',
    args: {
      email: t.arg.string({ required: true }),
      code: t.arg.string({ required: true }),
      newPassword: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => activateAccount(ctx.prisma, args, ctx.address),
  }),
  requestPasswordReset: t.boolean({
    description:
      'Quên mật khẩu: gửi mã đặt lại mật khẩu (một lần, 30 phút) tới thư điện tử nếu địa chỉ có tài khoản; luôn trả lời true, không cho biết địa chỉ có tài khoản hay không. Tính vào giới hạn đăng nhập. Máy chủ chưa cấu hình SMTP thì báo lỗi: hãy xin quản trị cấp mã / "forgot password": emails a one-time reset code; always true',
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_root, { email }, ctx) => {
      const { issuing } = await requestPasswordReset(ctx.prisma, ctx.messaging, email, ctx.address);
      issuing.then(
        (queued) => queued && deliverSoon(ctx),
        // Nothing written, nothing sent: the person asks again; the answer was the same anyway.
        (error: unknown) =>
          console.error(
            `Không tạo được mã đặt lại mật khẩu: ${error instanceof Error ? error.message : String(error)}`,
          ),
      );
      return true;
    },
  }),
  resetPassword: t.field({
    type: LoginPayload,
    description:
      'Đặt mật khẩu mới bằng mã đặt lại mật khẩu đã nhận qua thư và đăng nhập; các phiên đăng nhập khác của tài khoản kết thúc / set a new password with the emailed reset code and sign in; other sessions end',
    args: {
      email: t.arg.string({ required: true }),
      code: t.arg.string({ required: true }),
      newPassword: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => resetPassword(ctx.prisma, args, ctx.address),
  }),
  issueActivationCode: t.field({
    type: IssuedActivationCodeRef,
    description:
      "Cấp mã kích hoạt mới cho một tài khoản (mã cũ chưa dùng hết hiệu lực); dùng cả khi người dùng quên mật khẩu. Quản trị viên của đơn vị / issue a new activation code (ADMIN over the user's agency)",
    authScopes: { role: 'ADMIN' },
    args: {
      userId: t.arg.id({ required: true }),
      validDays: t.arg.int({ required: false, defaultValue: ACTIVATION_DAYS }),
    },
    resolve: async (_root, { userId, validDays }, ctx) => {
      const days = validDays ?? ACTIVATION_DAYS;
      const wrong = validDaysProblem(days);
      if (wrong) throw badInput(wrong);
      const user = await ctx.prisma.user.findUnique({
        where: { id: userId },
        include: { org: true },
      });
      if (!user) throw notFound(`tài khoản ${userId}`);
      if (!canAdminister(ctx.viewer, user.org.path)) {
        throw forbidden(`Bạn không quản trị ${user.org.name}.`);
      }
      const issued = await ctx.prisma.$transaction(async (tx) => {
        const made = await issueActivationCode(tx, user.id, days);
        const emailed = await enqueueInvitations(tx, ctx.messaging, ctx.viewer!.userId, [
          { email: user.email, name: user.name, orgName: user.org.name, ...made },
        ]);
        await recordAudit(
          tx,
          { viewer: ctx.viewer, address: ctx.address },
          {
            action: 'account.activation-code',
            entityType: 'User',
            entityId: user.id,
            details: { emailed: emailed > 0 },
          },
        );
        return { ...made, emailed: emailed > 0 };
      });
      if (issued.emailed) deliverSoon(ctx);
      return {
        email: user.email,
        name: user.name,
        orgName: user.org.name,
        orgCode: user.org.code,
        code: issued.code,
        expiresAt: issued.expiresAt,
        emailed: issued.emailed,
      };
    },
  }),
  createUser: t.prismaField({
    type: 'User',
    description: 'Chỉ quản trị viên / ADMIN only',
    authScopes: { role: 'ADMIN' },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const user = await createUser(ctx.prisma, ctx.viewer!, input);
      return ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
}));
