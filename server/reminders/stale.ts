// Who gets a reminder is decided when it is written; it may be sent much later (the mail relay
// was down). Before sending, a reminder that no longer holds is cancelled with its reason, so an
// agency that sent meanwhile never reads "chưa gửi": the request closed, or its report moved on
// from the state that chose whom to remind (shared rule: audienceFor). A reminder late but still
// true goes (nothing lost while the relay was down).
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { audienceFor } from './rules.ts';

const DUE = ['PENDING', 'FAILED'] as const;

/** Why a reminder written for `audience` should not go now, or null when it still holds. */
export function staleReason(facts: {
  requestOpen: boolean;
  audience: 'STAFF' | 'LEADER';
  reportStatus: string | null;
}): string | null {
  if (!facts.requestOpen) return 'Không gửi: yêu cầu báo cáo đã đóng.';
  const now = audienceFor(facts.reportStatus);
  if (now === null) return 'Không gửi: đơn vị đã gửi báo cáo.';
  if (now !== facts.audience) return 'Không gửi: báo cáo đã chuyển sang bước khác.';
  return null;
}

/** Cancels the due reminders that no longer hold; returns how many. */
export async function cancelStaleReminders(prisma: PrismaClient, now: Date): Promise<number> {
  const due = await prisma.outgoingMessage.findMany({
    where: {
      kind: 'REMINDER',
      reminderId: { not: null },
      status: { in: [...DUE] },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
    select: {
      id: true,
      reminder: {
        select: {
          audience: true,
          orgId: true,
          requestId: true,
          request: { select: { status: true } },
        },
      },
    },
  });
  if (!due.length) return 0;
  const pairs = [
    ...new Map(
      due.flatMap((m) =>
        m.reminder ? [[`${m.reminder.requestId} ${m.reminder.orgId}`, m.reminder]] : [],
      ),
    ).values(),
  ];
  const reports = await prisma.submission.findMany({
    where: { OR: pairs.map((r) => ({ requestId: r.requestId, orgId: r.orgId })) },
    select: { requestId: true, orgId: true, status: true },
  });
  const statusOf = new Map(reports.map((s) => [`${s.requestId} ${s.orgId}`, s.status]));
  const byReason = new Map<string, string[]>();
  for (const m of due) {
    if (!m.reminder) continue;
    const reason = staleReason({
      requestOpen: m.reminder.request.status === 'OPEN',
      audience: m.reminder.audience,
      reportStatus: statusOf.get(`${m.reminder.requestId} ${m.reminder.orgId}`) ?? null,
    });
    if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), m.id]);
  }
  let cancelled = 0;
  for (const [reason, ids] of byReason) {
    const done = await prisma.outgoingMessage.updateMany({
      // Still due and free: one an instance is sending right now is left to it.
      where: {
        id: { in: ids },
        status: { in: [...DUE] },
        OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
      },
      data: { status: 'CANCELLED', lastError: reason, lockedUntil: null },
    });
    cancelled += done.count;
  }
  return cancelled;
}
