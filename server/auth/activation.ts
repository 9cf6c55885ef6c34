// One-time activation codes: an account made by an administrator (from a roster file, or a code
// issued again) has no password; the person sets their own with the code handed to them on paper.
// No password ever travels in a file or through the administrator. A code is random, shown once,
// kept only as a hash of the user and the code, valid ACTIVATION_DAYS days, and works once.
// Activation is a sign-in: it counts against the same limits as `login` (server/auth/rate-limit.ts)
// and answers with a session token.
import { createHash, randomInt } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { formatVietnamTime } from '../../shared/time/vietnam.ts';
import { recordAudit } from '../audit/audit.ts';
import { badInput, tooManyRequests, unauthenticated } from '../graphql/errors.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { loginLimiters, loginLimitKeys } from './rate-limit.ts';
import { issueToken } from './tokens.ts';
import { normalEmail } from './users.ts';

/** How long a code stays valid unless the administrator chooses otherwise. */
export const ACTIVATION_DAYS = 14;
export const MAX_ACTIVATION_DAYS = 90;

/** Letters and digits nobody misreads on paper: no 0/O, 1/I/L. 31 symbols, 12 of them ≈ 59 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 12;

/** A new code, grouped for reading aloud and typing: "K7QM-3XPA-9TRC". */
export function newActivationCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** A code as typed: case, spaces and dashes do not matter. */
export function normalActivationCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-–.]/g, '');
}

/** What is stored: the code bound to its user, so a guess cannot be tried against every account. */
export function hashActivationCode(userId: string, code: string): string {
  return createHash('sha256')
    .update(`${userId}:${normalActivationCode(code)}`)
    .digest('hex');
}

export interface StoredCode {
  expiresAt: Date;
  usedAt: Date | null;
}

/** Why a code that matched cannot be used (Vietnamese), or null when it still works. */
export function activationCodeProblem(code: StoredCode, now: Date): string | null {
  if (code.usedAt) {
    return (
      `Mã kích hoạt này đã được dùng lúc ${formatVietnamTime(code.usedAt)}. ` +
      'Hãy đăng nhập bằng mật khẩu đã đặt; nếu quên mật khẩu, xin quản trị cấp mã mới.'
    );
  }
  if (code.expiresAt <= now) {
    return (
      `Mã kích hoạt đã hết hạn lúc ${formatVietnamTime(code.expiresAt)}. ` +
      'Hãy xin quản trị của đơn vị cấp mã mới.'
    );
  }
  return null;
}

/** The days a code may be valid for: a whole number from 1 to MAX_ACTIVATION_DAYS. */
export function validDaysProblem(days: number): string | null {
  return Number.isInteger(days) && days >= 1 && days <= MAX_ACTIVATION_DAYS
    ? null
    : `Thời hạn của mã kích hoạt phải từ 1 đến ${MAX_ACTIVATION_DAYS} ngày.`;
}

export interface IssuedCode {
  userId: string;
  code: string;
  expiresAt: Date;
}

/**
 * Issues a user's code, inside the caller's transaction: any earlier unused code of the user
 * stops working (the newest paper is the one that counts).
 */
export async function issueActivationCode(
  tx: Pick<Prisma.TransactionClient, 'activationCode'>,
  userId: string,
  days = ACTIVATION_DAYS,
  now = new Date(),
): Promise<IssuedCode> {
  const code = newActivationCode();
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  await tx.activationCode.deleteMany({ where: { userId, usedAt: null } });
  await tx.activationCode.create({
    data: { userId, codeHash: hashActivationCode(userId, code), expiresAt, createdAt: now },
  });
  return { userId, code, expiresAt };
}

/** Codes for accounts that have none yet (just made), written in one statement. */
export async function issueFirstActivationCodes(
  tx: Pick<Prisma.TransactionClient, 'activationCode'>,
  userIds: string[],
  days = ACTIVATION_DAYS,
  now = new Date(),
): Promise<IssuedCode[]> {
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  const issued = userIds.map((userId) => ({ userId, code: newActivationCode(), expiresAt }));
  await tx.activationCode.createMany({
    data: issued.map((i) => ({
      userId: i.userId,
      codeHash: hashActivationCode(i.userId, i.code),
      expiresAt,
      createdAt: now,
    })),
  });
  return issued;
}

const WRONG = 'Email hoặc mã kích hoạt không đúng.';

/**
 * Sets the password of the account the code was issued for and signs the person in. A wrong email
 * or code says nothing about which was wrong; a right code that was used or expired says so.
 */
export async function activateAccount(
  prisma: PrismaClient,
  input: { email: string; code: string; newPassword: string },
  address: string | null,
  now = new Date(),
): Promise<{ token: string; userId: string }> {
  // The password's own rule first: a weak choice should not cost a sign-in attempt.
  const weak = passwordProblem(input.newPassword);
  if (weak) throw badInput(weak);
  if (input.email.length > 254 || input.code.length > 100) throw unauthenticated(WRONG);
  const keys = loginLimitKeys(input.email, address);
  const limits = loginLimiters(prisma);
  const exceeded = await limits.count(keys);
  if (exceeded) {
    const wait = exceeded.retryAfterSeconds;
    throw tooManyRequests(
      `Đã thử kích hoạt hoặc đăng nhập sai quá nhiều lần; vui lòng thử lại sau ${wait / 60} phút.`,
      wait,
    );
  }
  const email = normalEmail(input.email);
  const user = email ? await prisma.user.findUnique({ where: { email } }) : null;
  const stored = user
    ? await prisma.activationCode.findUnique({
        where: { codeHash: hashActivationCode(user.id, input.code) },
      })
    : null;
  if (!user || !stored || stored.userId !== user.id) throw unauthenticated(WRONG);
  const problem = activationCodeProblem(stored, now);
  if (problem) throw unauthenticated(problem);
  if (!user.active) throw unauthenticated('Tài khoản đã bị khóa; hãy liên hệ quản trị.');

  const passwordHash = await hashPassword(input.newPassword);
  const result = await prisma.$transaction(async (tx) => {
    // Used once: of two activations at the same moment only one finds the code unused.
    const taken = await tx.activationCode.updateMany({
      where: { id: stored.id, usedAt: null },
      data: { usedAt: now },
    });
    if (taken.count !== 1) return null;
    await tx.activationCode.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, lastLoginAt: now },
    });
    await recordAudit(
      tx,
      { viewer: { userId: user.id, orgId: user.orgId }, address },
      { action: 'account.activate', entityType: 'User', entityId: user.id },
    );
    const { token } = await issueToken(tx, user.id, 'SESSION', 'Kích hoạt tài khoản', now);
    return { token, userId: user.id };
  });
  if (!result) {
    throw unauthenticated(activationCodeProblem({ ...stored, usedAt: now }, now) ?? WRONG);
  }
  await limits.forgive(keys);
  return result;
}
