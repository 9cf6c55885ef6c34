// Authentication in GraphQL: login, me, API tokens, users (docs/contract/auth.graphql).
import { builder } from '../graphql/builder.ts';
import { RoleEnum } from '../graphql/enums.ts';
import { badInput, notFound, unauthenticated } from '../graphql/errors.ts';
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
