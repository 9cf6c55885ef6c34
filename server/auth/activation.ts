// One-time codes: an account made by an administrator (from a roster file, or a code issued again)
// has no password; the person sets their own with the code handed to them on paper (or emailed,
// when the server has SMTP). A forgotten password is reset the same way with a code of purpose
// PASSWORD_RESET, emailed on request (password-reset.ts). No password ever travels in a file, an
// email or through the administrator. A code is random, shown once, kept only as a hash of the
// user and the code, valid for a while, and works once. Using one is a sign-in: it counts against
// the same limits as `login` (server/auth/rate-limit.ts), ends the account's other sessions and
// answers with a session token.
import { createHash, randomInt } from 'node:crypto';
import type { CodePurpose, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
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

/** How each kind of code is named and what a person does about one that no longer works. */
const WORDS: Record<
  CodePurpose,
  { code: string; used: string; renew: string; wrong: string; form: string }
> = {
  ACTIVATION: {
    code: 'Mã kích hoạt',
    used: 'Hãy đăng nhập bằng mật khẩu đã đặt; nếu quên mật khẩu, xin quản trị cấp mã mới.',
    renew: 'Hãy xin quản trị của đơn vị cấp mã mới.',
    wrong: 'Email hoặc mã kích hoạt không đúng.',
    form: '"Kích hoạt tài khoản"',
  },
  PASSWORD_RESET: {
    code: 'Mã đặt lại mật khẩu',
    used: 'Hãy đăng nhập bằng mật khẩu đã đặt; nếu quên mật khẩu, chọn "Quên mật khẩu?" để nhận mã mới.',
    renew: 'Hãy chọn "Quên mật khẩu?" để nhận mã mới.',
    wrong: 'Email hoặc mã đặt lại mật khẩu không đúng.',
    form: '"Quên mật khẩu?"',
  },
};

/** Why a code that matched cannot be used (Vietnamese), or null when it still works. */
export function activationCodeProblem(
  code: StoredCode,
  now: Date,
  purpose: CodePurpose = 'ACTIVATION',
): string | null {
  const words = WORDS[purpose];
  if (code.usedAt) {
    return `${words.code} này đã được dùng lúc ${formatVietnamTime(code.usedAt)}. ${words.used}`;
  }
  if (code.expiresAt <= now) {
    return `${words.code} đã hết hạn lúc ${formatVietnamTime(code.expiresAt)}. ${words.renew}`;
  }
  return null;
}

/** A right code typed in the other form: which form it belongs to. */
export function wrongFormProblem(codePurpose: CodePurpose): string {
  const words = WORDS[codePurpose];
  return `Đây là ${words.code.toLowerCase()}; hãy nhập mã này ở mục ${words.form}.`;
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
 * Issues a user's code of one purpose, inside the caller's transaction: any earlier unused code of
 * the user for that purpose stops working (the newest paper or email is the one that counts). A
 * reset requested by anyone leaves the administrator's activation code alone.
 */
export async function issueCode(
  tx: Pick<Prisma.TransactionClient, 'activationCode'>,
  userId: string,
  purpose: CodePurpose,
  validMs: number,
  now = new Date(),
): Promise<IssuedCode> {
  const code = newActivationCode();
  const expiresAt = new Date(now.getTime() + validMs);
  await tx.activationCode.deleteMany({ where: { userId, purpose, usedAt: null } });
  await tx.activationCode.create({
    data: {
      userId,
      purpose,
      codeHash: hashActivationCode(userId, code),
      expiresAt,
      createdAt: now,
    },
  });
  return { userId, code, expiresAt };
}

/** An administrator's activation code for one account (issueActivationCode). */
export function issueActivationCode(
  tx: Pick<Prisma.TransactionClient, 'activationCode'>,
  userId: string,
  days = ACTIVATION_DAYS,
  now = new Date(),
): Promise<IssuedCode> {
  return issueCode(tx, userId, 'ACTIVATION', days * 86_400_000, now);
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

/**
 * Sets the password of the account the code was issued for and signs the person in. A wrong email
 * or code says nothing about which was wrong; a right code that was used or expired says so.
 */
export function activateAccount(
  prisma: PrismaClient,
  input: { email: string; code: string; newPassword: string },
  address: string | null,
  now = new Date(),
): Promise<{ token: string; userId: string }> {
  return redeemCode(prisma, input, address, 'ACTIVATION', now);
}

/**
 * Uses a code of the purpose the form is for: the account's password becomes the one chosen, its
 * other unused codes and its sessions end (whoever knew the old password is signed out; API
 * tokens, made on purpose for scripts, stay), and the person is signed in with a new session.
 */
export async function redeemCode(
  prisma: PrismaClient,
  input: { email: string; code: string; newPassword: string },
  address: string | null,
  purpose: CodePurpose,
  now = new Date(),
): Promise<{ token: string; userId: string }> {
  const words = WORDS[purpose];
  // The password's own rule first: a weak choice should not cost a sign-in attempt.
  const weak = passwordProblem(input.newPassword);
  if (weak) throw badInput(weak);
  if (input.email.length > 254 || input.code.length > 100) throw unauthenticated(words.wrong);
  const keys = loginLimitKeys(input.email, address);
  const limits = loginLimiters(prisma);
  const exceeded = await limits.count(keys);
  if (exceeded) {
    const wait = exceeded.retryAfterSeconds;
    const tried = purpose === 'ACTIVATION' ? 'kích hoạt' : 'đặt lại mật khẩu';
    throw tooManyRequests(
      `Đã thử ${tried} hoặc đăng nhập sai quá nhiều lần; vui lòng thử lại sau ${wait / 60} phút.`,
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
  if (!user || !stored || stored.userId !== user.id) throw unauthenticated(words.wrong);
  // A locked account says only that: nothing more about its codes (used when, expired).
  if (!user.active) throw unauthenticated('Tài khoản đã bị khóa; hãy liên hệ quản trị.');
  if (stored.purpose !== purpose) throw unauthenticated(wrongFormProblem(stored.purpose));
  const problem = activationCodeProblem(stored, now, purpose);
  if (problem) throw unauthenticated(problem);

  const passwordHash = await hashPassword(input.newPassword);
  const result = await prisma.$transaction(async (tx) => {
    // Used once: of two uses at the same moment only one finds the code unused.
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
    const ended = await tx.apiToken.updateMany({
      // Activation ends sessions only; a reset (the password may have been known to someone)
      // also ends the API tokens made with it.
      where: {
        userId: user.id,
        revokedAt: null,
        ...(purpose === 'PASSWORD_RESET' ? {} : { kind: 'SESSION' as const }),
      },
      data: { revokedAt: now },
    });
    await recordAudit(
      tx,
      { viewer: { userId: user.id, orgId: user.orgId }, address },
      {
        action: purpose === 'ACTIVATION' ? 'account.activate' : 'account.password-reset',
        entityType: 'User',
        entityId: user.id,
        details: { sessionsEnded: ended.count },
      },
    );
    const { token } = await issueToken(
      tx,
      user.id,
      'SESSION',
      purpose === 'ACTIVATION' ? 'Kích hoạt tài khoản' : 'Đặt lại mật khẩu',
      now,
    );
    return { token, userId: user.id };
  });
  if (!result) {
    throw unauthenticated(
      activationCodeProblem({ ...stored, usedAt: now }, now, purpose) ?? words.wrong,
    );
  }
  await limits.forgive(keys);
  return result;
}
