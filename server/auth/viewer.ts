// Resolving the Authorization header to the signed-in user with their roles and scopes.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { hashToken } from './tokens.ts';
import type { Principal, Role } from './access.ts';

export interface Viewer extends Principal {
  tokenId: string;
  email: string;
  name: string;
}

export type ViewerResult = { viewer: Viewer } | { viewer: null; problem: string | null };

// lastUsedAt is informational; writing it on every request would turn reads into writes.
const TOUCH_EVERY_MS = 5 * 60_000;

export async function viewerFromHeader(
  prisma: PrismaClient,
  authorization: string | undefined,
  now = new Date(),
): Promise<ViewerResult> {
  if (!authorization) return { viewer: null, problem: null };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1])
    return { viewer: null, problem: 'Tiêu đề Authorization phải có dạng "Bearer <token>".' };
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    include: {
      user: {
        include: {
          org: { select: { path: true } },
          roles: { include: { scope: { select: { path: true } } } },
        },
      },
    },
  });
  if (!token) return { viewer: null, problem: 'Token không hợp lệ.' };
  if (token.revokedAt) return { viewer: null, problem: 'Token đã bị thu hồi.' };
  if (token.expiresAt && token.expiresAt <= now)
    return { viewer: null, problem: 'Phiên đăng nhập đã hết hạn.' };
  if (!token.user.active) return { viewer: null, problem: 'Tài khoản đã bị khóa.' };
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  const u = token.user;
  return {
    viewer: {
      tokenId: token.id,
      userId: u.id,
      email: u.email,
      name: u.name,
      orgId: u.orgId,
      orgPath: u.org.path,
      roles: u.roles.map((r) => ({ role: r.role as Role, scopePath: r.scope?.path ?? null })),
    },
  };
}
