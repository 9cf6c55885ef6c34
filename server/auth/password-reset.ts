// "Quên mật khẩu?": a code of purpose PASSWORD_RESET, valid RESET_MINUTES, emailed to the
// account's address; the person types it in the pane with a new password (resetPassword, which
// is activation.ts's redeemCode). The request always answers the same, so it tells nobody whether
// an address has an account; it counts against the sign-in limits, so it can be neither a way to
// probe accounts nor to flood someone's mailbox. Without SMTP there is no email to send: the
// answer says to ask an administrator for a code, whatever the address.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { recordAudit } from '../audit/audit.ts';
import type { MessagingConfig } from '../config.ts';
import { forbidden, tooManyRequests } from '../graphql/errors.ts';
import { enqueueMessages } from '../messages/outbox.ts';
import { issueCode, redeemCode } from './activation.ts';
import { passwordResetMessage } from './code-messages.ts';
import { loginLimiters, loginLimitKeys } from './rate-limit.ts';
import { normalEmail } from './users.ts';

/** Long enough to open the mail and the add-in, short enough that an old mail is worthless. */
export const RESET_MINUTES = 30;

export const NO_EMAIL =
  'Máy chủ này chưa được cấu hình gửi thư điện tử, nên không gửi được mã đặt lại mật khẩu. ' +
  'Hãy nhờ quản trị của đơn vị cấp cho bạn một mã kích hoạt mới, rồi chọn "Kích hoạt tài khoản" để đặt mật khẩu mới.';

/**
 * Emails a reset code when the address is an active account's; answers true either way. `issuing`
 * settles once the code and its message are written (true) or there was none to write (false).
 */
export async function requestPasswordReset(
  prisma: PrismaClient,
  messaging: Pick<MessagingConfig, 'email' | 'publicUrl'> | undefined,
  typed: string,
  address: string | null,
  now = new Date(),
): Promise<{ issuing: Promise<boolean> }> {
  const email = messaging?.email;
  if (!email) throw forbidden(NO_EMAIL);
  const normal = normalEmail(typed);
  // Counted under the address as the account is found (trimmed, lower case), so spaces or case
  // cannot make a fresh count for the same account.
  const keys = loginLimitKeys(normal ?? typed.trim().toLowerCase().slice(0, 254), address);
  const exceeded = await loginLimiters(prisma).count(keys);
  if (exceeded) {
    const wait = exceeded.retryAfterSeconds;
    throw tooManyRequests(
      `Đã yêu cầu đặt lại mật khẩu hoặc đăng nhập sai quá nhiều lần; vui lòng thử lại sau ${wait / 60} phút.`,
      wait,
    );
  }
  const user = normal
    ? await prisma.user.findUnique({ where: { email: normal }, include: { org: true } })
    : null;
  if (!user?.active) return { issuing: Promise.resolve(false) };
  // Not awaited: the answer comes as fast for an account as for none, so its timing does not
  // tell which addresses have accounts. The caller delivers once it is written.
  const issuing = prisma.$transaction(async (tx) => {
    const issued = await issueCode(tx, user.id, 'PASSWORD_RESET', RESET_MINUTES * 60_000, now);
    const message = passwordResetMessage(
      {
        email: user.email,
        name: user.name,
        orgName: user.org.name,
        code: issued.code,
        expiresAt: issued.expiresAt,
      },
      messaging.publicUrl,
    );
    // No orgId or requestId: the text holds the code, and belongs in no agency's send log.
    await enqueueMessages(tx, [message], email.from);
    await recordAudit(
      tx,
      { viewer: null, address },
      {
        action: 'account.password-reset-request',
        entityType: 'User',
        entityId: user.id,
        details: { expiresAt: issued.expiresAt.toISOString() },
      },
    );
    return true;
  });
  return { issuing };
}

/** Sets a new password with an emailed reset code and signs in (see redeemCode). */
export function resetPassword(
  prisma: PrismaClient,
  input: { email: string; code: string; newPassword: string },
  address: string | null,
  now = new Date(),
): Promise<{ token: string; userId: string }> {
  return redeemCode(prisma, input, address, 'PASSWORD_RESET', now);
}
