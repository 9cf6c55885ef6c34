// Sending what the outbox holds (server/messages/outbox.ts). Each due message — never sent, or
// failed and due for another attempt — is first claimed with a lease: one UPDATE that succeeds
// only when nobody holds it, so with several server instances one sends it at a time. Then it is
// sent and marked SENT, or FAILED with the reason (the relay's own answer) and a later time to try
// again. A server killed mid-send leaves that one message claimed until its lease ends; the next
// run sends it again, with the same Message-ID. The rows are the send log.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { cancelStaleReminders } from '../reminders/stale.ts';
import type { Channel, Channels, Sendable } from './channels.ts';
import { carriesSecret, SECRET_REMOVED, type MessageChannel } from './outbox.ts';

/** How long a claim holds a message: longer than the channels' own timeouts. */
export const LEASE_MS = 5 * 60_000;
const BATCH = 100;

/**
 * When to try again after `attempts` failed: 5 minutes, then doubling, at most 6 hours; a
 * permanent refusal (an unknown mailbox) is tried again only after the longest wait, in case
 * the address was fixed meanwhile. Nothing is dropped.
 */
export function retryDelayMs(attempts: number, permanent = false): number {
  const longest = 6 * 3_600_000;
  if (permanent) return longest;
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), longest);
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  /** The failures of this run, for the log line. */
  failures: { address: string; error: string }[];
}

const DUE_STATUSES = ['PENDING', 'FAILED'] as const;

/**
 * Sends every due message of the configured channels (others wait for theirs to be configured).
 * `now` is the time the run starts at (a test's fake clock); it advances with the real clock
 * while the run goes on, so a long run's leases are measured from when each message is claimed.
 */
export async function deliverPending(
  prisma: PrismaClient,
  channels: Channels,
  now: Date = new Date(),
): Promise<DeliveryResult> {
  const startedAt = Date.now();
  const clock = () => new Date(now.getTime() + (Date.now() - startedAt));
  const configured = (Object.keys(channels) as MessageChannel[]).filter((c) => channels[c]);
  const result: DeliveryResult = { sent: 0, failed: 0, failures: [] };
  if (!configured.length) return result;
  // Reminders are the one kind whose reason to go can lapse while they wait (the agency sent).
  await cancelStaleReminders(prisma, now);
  const free = (at: Date) => [{ lockedUntil: null }, { lockedUntil: { lt: at } }];
  for (;;) {
    const at = clock();
    const due = await prisma.outgoingMessage.findMany({
      where: {
        channel: { in: configured },
        status: { in: [...DUE_STATUSES] },
        nextAttemptAt: { lte: at },
        OR: free(at),
      },
      orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take: BATCH,
    });
    let claimedAny = false;
    for (const m of due) {
      const claimAt = clock();
      const lease = new Date(claimAt.getTime() + LEASE_MS);
      const claimed = await prisma.outgoingMessage.updateMany({
        where: {
          id: m.id,
          status: { in: [...DUE_STATUSES] },
          nextAttemptAt: { lte: claimAt },
          OR: free(claimAt),
        },
        data: { lockedUntil: lease },
      });
      if (claimed.count !== 1) continue; // another instance has it, or sent it meanwhile
      claimedAny = true;
      const outcome = await sendOne(channels[m.channel]!, m);
      const doneAt = clock();
      if (outcome.ok) {
        // Sent is sent, even if the lease ran out meanwhile.
        await prisma.outgoingMessage.update({
          where: { id: m.id },
          data: {
            status: 'SENT',
            sentAt: doneAt,
            attempts: { increment: 1 },
            lockedUntil: null,
            // A one-time code stays in the database no longer than it takes to send it.
            ...(carriesSecret(m.kind) ? { text: SECRET_REMOVED, html: null } : {}),
          },
        });
        result.sent++;
      } else {
        // Only while still ours: a late failure must not undo another instance's success.
        await prisma.outgoingMessage.updateMany({
          where: { id: m.id, lockedUntil: lease, status: { in: [...DUE_STATUSES] } },
          data: {
            status: 'FAILED',
            attempts: { increment: 1 },
            lastError: outcome.error.slice(0, 2000),
            nextAttemptAt: new Date(
              doneAt.getTime() + retryDelayMs(m.attempts + 1, outcome.permanent),
            ),
            lockedUntil: null,
          },
        });
        result.failed++;
        result.failures.push({ address: m.address, error: outcome.error });
      }
    }
    if (due.length < BATCH || !claimedAny) return result;
  }
}

async function sendOne(
  channel: Channel,
  m: Sendable,
): Promise<{ ok: true } | { ok: false; error: string; permanent: boolean }> {
  try {
    const r = await channel.send(m);
    if ('error' in r) return { ok: false, error: r.error, permanent: r.permanent ?? false };
    return { ok: true };
  } catch (error) {
    // A channel says why it failed; a throw is a fault of ours, still logged on the message.
    return {
      ok: false,
      error: `Lỗi khi gửi: ${error instanceof Error ? error.message : String(error)}`,
      permanent: false,
    };
  }
}
