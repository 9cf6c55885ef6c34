// A new account's activation code, emailed to the person when the server has SMTP: from a roster
// import and from issueActivationCode alike. Written to the outbox in the transaction that issued
// the codes, so a code is emailed exactly when it exists. The administrator still sees each code
// once, as without SMTP (a printed list stays possible); without SMTP nothing is written.
import type { Prisma } from '../../generated/prisma/client.ts';
import type { MessagingConfig } from '../config.ts';
import type { Context } from '../graphql/context.ts';
import { closeChannels, openChannels } from '../messages/channels.ts';
import { deliverPending } from '../messages/deliver.ts';
import { enqueueMessages } from '../messages/outbox.ts';
import { invitationMessage, type CodeRecipient } from './code-messages.ts';

/** Writes one invitation per recipient; how many were written (0 without SMTP). */
export async function enqueueInvitations(
  tx: Prisma.TransactionClient,
  messaging: Pick<MessagingConfig, 'email' | 'publicUrl'> | undefined,
  inviterId: string | null,
  recipients: CodeRecipient[],
): Promise<number> {
  const email = messaging?.email;
  if (!email || !recipients.length) return 0;
  const inviter = inviterId
    ? await tx.user.findUnique({
        where: { id: inviterId },
        select: { name: true, org: { select: { name: true } } },
      })
    : null;
  const from = inviter
    ? { name: inviter.name, orgName: inviter.org.name }
    : { name: 'Quản trị hệ thống', orgName: 'Tổng hợp – Báo cáo chuyển đổi số' };
  // No orgId: the text holds the code, and belongs in no agency's send log.
  return enqueueMessages(
    tx,
    recipients.map((r) => invitationMessage(r, from, messaging.publicUrl)),
    email.from,
  );
}

/**
 * Sends what a request just wrote to the outbox without waiting for the scheduler's next run
 * (server/reminders/run.ts, every minute), through the same deliverPending and its leases, so a
 * message goes once whoever sends it. Never awaited: a slow or unreachable mail relay must neither
 * slow the answer nor, by its timing, tell whether an address has an account; what fails stays in
 * the outbox, logged on the message, for the next run.
 */
export function deliverSoon(ctx: Pick<Context, 'prisma' | 'messaging'>): void {
  const messaging = ctx.messaging;
  if (!messaging?.email) return;
  void (async () => {
    // A due reminder carrying the công văn đôn đốc is the scheduler's to send: only it can make
    // the letter. Then everything waits for its run, a minute at most.
    const withLetter = await ctx.prisma.outgoingMessage.count({
      where: {
        attachLetter: true,
        status: { in: ['PENDING', 'FAILED'] },
        nextAttemptAt: { lte: new Date() },
      },
    });
    if (withLetter) return;
    const channels = openChannels(messaging);
    try {
      await deliverPending(ctx.prisma, channels);
    } finally {
      closeChannels(channels);
    }
  })().catch(() => {
    // Left in the outbox for the scheduler; a failed send is logged on the message itself.
  });
}
