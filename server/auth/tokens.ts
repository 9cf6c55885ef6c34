// Bearer tokens: random, shown once, stored only as a SHA-256 hash. Login makes a SESSION token
// that expires; createApiToken makes a long-lived API token for the add-in or a script. Both can
// be revoked.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient, TokenKind } from '../../generated/prisma/client.ts';

export const SESSION_HOURS = 12;

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export function newTokenValue(): string {
  return `th_${randomBytes(32).toString('base64url')}`;
}

export async function issueToken(
  prisma: Pick<PrismaClient, 'apiToken'>,
  userId: string,
  kind: TokenKind,
  name: string,
  now = new Date(),
) {
  const token = newTokenValue();
  const apiToken = await prisma.apiToken.create({
    data: {
      userId,
      kind,
      name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      expiresAt: kind === 'SESSION' ? new Date(now.getTime() + SESSION_HOURS * 3600_000) : null,
    },
  });
  return { token, apiToken };
}
