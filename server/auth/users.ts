// Signing in and managing users and tokens: plain functions the resolvers call.
import type { PrismaClient, Role } from '../../generated/prisma/client.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { issueToken } from './tokens.ts';
import { canAdminister, type Principal } from './access.ts';
import {
  badInput,
  forbidden,
  notFound,
  tooManyRequests,
  unauthenticated,
} from '../graphql/errors.ts';
import { loginLimiters, loginLimitKeys } from './rate-limit.ts';

// A hash to verify against when the email is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

export async function login(
  prisma: PrismaClient,
  email: string,
  password: string,
  address: string | null = null,
) {
  // Counted before the (slow) check, so parallel guesses cannot outrun the limit.
  const keys = loginLimitKeys(email, address);
  const limits = loginLimiters(prisma);
  const exceeded = await limits.count(keys);
  if (exceeded) {
    const wait = exceeded.retryAfterSeconds;
    throw tooManyRequests(
      exceeded.limit.kind === 'account'
        ? `Tài khoản này đã đăng nhập sai quá nhiều lần; vui lòng thử lại sau ${wait / 60} phút.`
        : `Có quá nhiều lần đăng nhập sai từ địa chỉ này; vui lòng thử lại sau ${wait / 60} phút.`,
      wait,
    );
  }
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  // An account not yet activated has no password: checked against the dummy for the same time,
  // and refused whatever was typed (the dummy's own password included).
  const ok = await verifyPassword(
    password,
    user?.passwordHash ?? (await (dummyHash ??= hashPassword('x'))),
  );
  if (!user?.passwordHash || !ok || !user.active) throw unauthenticated('Sai email hoặc mật khẩu.');
  await limits.forgive(keys);
  const { token } = await issueToken(prisma, user.id, 'SESSION', 'Đăng nhập');
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { token, userId: user.id };
}

export async function revokeToken(prisma: PrismaClient, viewer: Principal, id: string) {
  const token = await prisma.apiToken.findUnique({
    where: { id },
    include: { user: { include: { org: true } } },
  });
  if (!token) throw notFound(`token ${id}`);
  if (token.userId !== viewer.userId && !canAdminister(viewer, token.user.org.path))
    throw forbidden();
  if (token.revokedAt) return token;
  return prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  orgId: string;
  roles: Role[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export { MIN_PASSWORD_LENGTH } from './password.ts';

/** An email as accounts store it (trimmed, lower case), or null when it is not an address. */
export function normalEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : null;
}

/** Creates a user whose roles apply to its own agency's subtree. */
export async function createUser(prisma: PrismaClient, viewer: Principal, input: NewUser) {
  const email = normalEmail(input.email);
  if (!email) throw badInput(`Email "${input.email}" không hợp lệ.`);
  if (!input.name.trim() || input.name.length > 200)
    throw badInput('Họ tên không được để trống (tối đa 200 ký tự).');
  const weak = passwordProblem(input.password);
  if (weak) throw badInput(weak);
  if (!input.roles.length) throw badInput('Cần ít nhất một vai trò.');
  const org = await prisma.org.findUnique({ where: { id: input.orgId } });
  if (!org) throw notFound(`đơn vị ${input.orgId}`);
  if (!canAdminister(viewer, org.path)) throw forbidden('Bạn không quản trị đơn vị này.');
  if (await prisma.user.findUnique({ where: { email } })) {
    throw badInput(`Email ${email} đã được dùng cho một tài khoản khác.`);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: {
        email,
        name: input.name.trim(),
        passwordHash,
        orgId: org.id,
        roles: { create: [...new Set(input.roles)].map((role) => ({ role, scopeOrgId: org.id })) },
      },
    });
  } catch (error) {
    // Two admins creating the same email at once: the unique index decides.
    if ((error as { code?: string }).code === 'P2002') {
      throw badInput(`Email ${email} đã được dùng cho một tài khoản khác.`);
    }
    throw error;
  }
}
