// A request's reminder rules: the defaults it opens with, and the consolidator's changes. A rule
// taken out is kept (removedAt) with the reminders it sent, so putting the same offset back —
// or changing whether it carries the letter — never sends a reminder again.
import type { Prisma } from '../../generated/prisma/client.ts';
import { canConsolidate } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { visibleRequestsWhere } from '../requests/visibility.ts';
import { checkReminderRules, DEFAULT_REMINDER_RULES, ReminderRuleError } from './rules.ts';

/** A new request's rules (server/requests/open.ts), in the transaction that opens it. */
export async function createDefaultRules(
  tx: Prisma.TransactionClient,
  requestId: string,
): Promise<void> {
  await tx.reminderRule.createMany({
    data: DEFAULT_REMINDER_RULES.map((r) => ({ requestId, ...r })),
  });
}

export async function setReminderRules(
  ctx: Context,
  requestId: string,
  input: readonly { offsetDays: number; attachLetter?: boolean | null }[],
): Promise<void> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const request = await ctx.prisma.reportRequest.findFirst({
    where: { AND: [{ id: requestId }, visibleRequestsWhere(viewer)] },
    select: { id: true, consolidatorOrg: { select: { path: true } } },
  });
  if (!request) throw notFound(`yêu cầu báo cáo ${requestId}`);
  if (!canConsolidate(viewer, request.consolidatorOrg.path)) {
    throw forbidden('Chỉ đơn vị tổng hợp của yêu cầu này mới đặt lịch nhắc hạn.');
  }
  let rules;
  try {
    rules = checkReminderRules(input);
  } catch (error) {
    if (error instanceof ReminderRuleError) throw badInput(error.message);
    throw error;
  }
  const now = new Date();
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.reminderRule.findMany({
      where: { requestId, removedAt: null },
      select: { offsetDays: true, attachLetter: true },
      orderBy: { offsetDays: 'asc' },
    });
    const wanted = new Set(rules.map((r) => r.offsetDays));
    await tx.reminderRule.updateMany({
      where: { requestId, removedAt: null, offsetDays: { notIn: [...wanted] } },
      data: { removedAt: now },
    });
    for (const r of rules) {
      await tx.reminderRule.upsert({
        where: { requestId_offsetDays: { requestId, offsetDays: r.offsetDays } },
        create: { requestId, offsetDays: r.offsetDays, attachLetter: r.attachLetter },
        update: { attachLetter: r.attachLetter, removedAt: null },
      });
    }
    await recordAudit(tx, ctx, {
      action: 'request.reminderRules',
      entityType: 'ReportRequest',
      entityId: requestId,
      details: { before, after: rules.map((r) => ({ ...r })) },
    });
  });
}
