// Every message the service sends (reminders, summaries, invitations, password resets) is first
// written to OutgoingMessage, in the same transaction as what caused it, and then delivered by
// deliverPending (server/messages/deliver.ts). So nothing is lost when the mail relay is down or
// the server stops mid-run, the consolidator reads one send log, and a message sent again after
// a crash carries the same Message-ID, which lets mail systems drop the repeat.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.ts';

export type MessageKind = 'REMINDER' | 'SUMMARY' | 'INVITATION' | 'PASSWORD_RESET';
export type MessageChannel = 'EMAIL' | 'SMS';

/**
 * Kinds whose text holds a one-time code (activation, password reset): kept until sent, then
 * replaced by SECRET_REMOVED, so the send log never shows a code that still works.
 */
export const carriesSecret = (kind: MessageKind): boolean =>
  kind === 'INVITATION' || kind === 'PASSWORD_RESET';
export const SECRET_REMOVED = '(Nội dung có mã dùng một lần, đã xoá sau khi gửi.)';

export interface NewMessage {
  kind: MessageKind;
  channel: MessageChannel;
  /** An email address, or a phone number for SMS. */
  address: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Once-only key where no reminder row makes the message unique (a summary: org and day). */
  key?: string | null;
  requestId?: string | null;
  orgId?: string | null;
  reminderId?: string | null;
  /** Attach the request's công văn đôn đốc (.docx) when sending. */
  attachLetter?: boolean;
}

/** A Message-ID (RFC 5322 §3.6.4) of the sender's domain, fixed when the message is written. */
export function newMessageId(from: string | null): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from ?? '')?.[1] ?? 'tonghop.local';
  return `<${randomUUID()}@${domain}>`;
}

/**
 * Writes messages to the outbox inside the caller's transaction. A message whose key is already
 * there is left out (another run or instance wrote it): the count says how many were written.
 * `now` (a run's clock, which tests set) is when they were written and are first due.
 */
export async function enqueueMessages(
  tx: Prisma.TransactionClient,
  messages: NewMessage[],
  from: string | null,
  now?: Date,
): Promise<number> {
  if (!messages.length) return 0;
  const written = await tx.outgoingMessage.createMany({
    data: messages.map((m) => ({
      kind: m.kind,
      channel: m.channel,
      address: m.address,
      subject: m.subject,
      text: m.text,
      html: m.html ?? null,
      key: m.key ?? null,
      requestId: m.requestId ?? null,
      orgId: m.orgId ?? null,
      reminderId: m.reminderId ?? null,
      attachLetter: m.attachLetter ?? false,
      messageId: newMessageId(from),
      ...(now ? { createdAt: now, nextAttemptAt: now } : {}),
    })),
    skipDuplicates: true,
  });
  return written.count;
}
