// Resolving the Authorization header to the signed-in user with their roles and scopes.
import type { Database } from '../db/database.ts';
import { prismaRow } from '../db/rows.ts';
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

// Every request runs this, so it is one statement (token, user, agency, roles with their scopes)
// rather than the five Prisma would send for the same nested read.
const TOKEN_SQL = `
SELECT json_build_object(
  'id', t."id", 'lastUsedAt', t."lastUsedAt", 'expiresAt', t."expiresAt",
  'revokedAt', t."revokedAt", 'userId', u."id", 'email', u."email", 'name', u."name",
  'active', u."active", 'orgId', u."orgId", 'orgPath', o."path",
  'roles', (SELECT coalesce(json_agg(json_build_object('role', r."role", 'scopePath', s."path")), '[]')
            FROM "UserRole" r LEFT JOIN "Org" s ON s."id" = r."scopeOrgId"
            WHERE r."userId" = u."id")
) AS token
FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" JOIN "Org" o ON o."id" = u."orgId"
WHERE t."tokenHash" = $1`;

interface TokenRow extends Principal {
  id: string;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  email: string;
  name: string;
  active: boolean;
}

export async function viewerFromHeader(
  db: Pick<Database, 'sql' | 'prisma'>,
  authorization: string | undefined,
  now = new Date(),
): Promise<ViewerResult> {
  if (!authorization) return { viewer: null, problem: null };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1])
    return { viewer: null, problem: 'Tiêu đề Authorization phải có dạng "Bearer <token>".' };
  const [found] = await db.sql.query<{ token: Record<string, unknown> }>(
    TOKEN_SQL,
    [hashToken(match[1])],
    'viewer-token',
  );
  if (!found) return { viewer: null, problem: 'Token không hợp lệ.' };
  const token = prismaRow<TokenRow>('ApiToken', found.token);
  if (token.revokedAt) return { viewer: null, problem: 'Token đã bị thu hồi.' };
  if (token.expiresAt && token.expiresAt <= now)
    return { viewer: null, problem: 'Phiên đăng nhập đã hết hạn.' };
  if (!token.active) return { viewer: null, problem: 'Tài khoản đã bị khóa.' };
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    viewer: {
      tokenId: token.id,
      userId: token.userId,
      email: token.email,
      name: token.name,
      orgId: token.orgId,
      orgPath: token.orgPath,
      roles: token.roles.map((r) => ({ role: r.role as Role, scopePath: r.scopePath ?? null })),
    },
  };
}
