// Recurring reports (Bến Tre's monthly pilot report): a schedule opens one request per period, as
// soon as the period's data-cutoff window starts, due a set number of days after the cutoff at
// 17:00 Vietnam time. Periods whose deadline has already passed are not opened unless asked
// (backfill): a server started after a long pause should not flood agencies with overdue
// requests. Running it again, or on two servers at once, opens nothing twice: a schedule has at
// most one request per period (unique in the database). Each request reaches the agencies that
// exist at its deadline (reach.ts): agencies the schedule names that closed since are left out,
// and a period with nobody left to ask opens nothing.
import { approvalRequirement } from '../../shared/reporting/approval.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import {
  isIsoDate,
  periodsBetween,
  scheduledDeadline,
  scheduledTitle,
  type Period,
} from '../../shared/reporting/period.ts';
import { canConsolidate } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { AppError, badInput, forbidden, unauthenticated } from '../graphql/errors.ts';
import { createRequest, expandRecipients, type RecipientGroupSpec } from './open.ts';
import { notExistingMessage, OPEN_END, type ReachTime } from './reach.ts';
import { vietnamDay } from '../../shared/time/vietnam.ts';
import { isUniqueViolation } from '../db/unique.ts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The periods of a schedule whose cutoff window has started by `today`. */
export function duePeriods(
  kind: Parameters<typeof periodsBetween>[0],
  startsOn: string,
  endsOn: string | null,
  today: string,
): Period[] {
  // A period may end after today and still be due: its cutoff window is already open.
  const horizon = `${Number(today.slice(0, 4)) + 1}-12-31`;
  const last = endsOn && endsOn < horizon ? endsOn : horizon;
  return periodsBetween(kind, startsOn, last).filter((p) => p.cutoffStart <= today);
}

/** Opens every request that active schedules owe by `now`; returns the ids opened. */
export interface ScheduleRun {
  now?: Date;
  /** Only these schedules (a consolidator's own). */
  only?: Prisma.ReportScheduleWhereInput;
  /** Also open periods whose deadline has passed. */
  backfill?: boolean;
}

export async function openDueScheduledRequests(
  prisma: PrismaClient,
  { now = new Date(), only = {}, backfill = false }: ScheduleRun = {},
): Promise<string[]> {
  const today = vietnamDay(now);
  const schedules = await prisma.reportSchedule.findMany({
    where: { AND: [only, { active: true, startsOn: { lte: new Date(`${today}T00:00:00Z`) } }] },
    include: {
      groups: true,
      requests: { select: { period: true } },
      template: { select: { requiresApproval: true, requiresSignature: true } },
    },
  });
  const opened: string[] = [];
  for (const s of schedules) {
    if (s.periodKind === 'AD_HOC') continue;
    const have = new Set(s.requests.map((r) => `${r.period.year}-${r.period.number}`));
    const due = duePeriods(s.periodKind, isoDay(s.startsOn), s.endsOn && isoDay(s.endsOn), today);
    for (const period of due.filter((p) => !have.has(`${p.year}-${p.number}`))) {
      const deadline = scheduledDeadline(period.cutoffEnd, s.deadlineDaysAfterCutoff);
      if (!backfill && deadline.getTime() < now.getTime()) continue;
      try {
        const { request } = await prisma.$transaction((tx) =>
          createRequest(tx, {
            templateId: s.templateId,
            planId: s.planId,
            period,
            kind: 'PERIODIC',
            title: scheduledTitle(s.titlePattern, period),
            deadline,
            consolidatorOrgId: s.consolidatorOrgId,
            scheduleId: s.id,
            // A schedule opens requests as its template says: approval, signature.
            requirement: approvalRequirement({}, s.template),
            recipientOrgIds: s.recipientOrgIds,
            groups: s.groups.map((g) => ({
              kind: g.kind,
              level: g.level,
              withinOrgId: g.withinOrgId,
            })),
            leaveOutNotExisting: true,
          }),
        );
        opened.push(request.id);
      } catch (error) {
        // Nobody the schedule names exists at this period's deadline (all closed in a change):
        // nothing to open for it, and the other schedules still run.
        if (error instanceof AppError && error.extensions.code === 'BAD_USER_INPUT') continue;
        // Another server opened the same period a moment ago: that is the one request.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
  return opened;
}

/**
 * Opens what is due now, then every hour; the timer does not keep the process alive. The stop
 * function waits for a run in progress, so the database is not closed under it.
 */
export function runSchedules(
  prisma: PrismaClient,
  log: (message: string) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = openDueScheduledRequests(prisma).then(
      (ids) => ids.length && log(`Đã mở ${ids.length} yêu cầu báo cáo định kỳ.`),
      (error: unknown) =>
        log(
          `Không mở được yêu cầu định kỳ: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  };
  run();
  const timer = setInterval(run, 3600_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export interface CreateScheduleInput {
  templateId: string;
  planId?: string | null;
  periodKind: 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'NINE_MONTHS' | 'YEAR' | 'AD_HOC';
  titlePattern: string;
  deadlineDaysAfterCutoff: number;
  startsOn: string;
  endsOn?: string | null;
  recipientOrgIds?: string[] | null;
  recipientGroups?: RecipientGroupSpec[] | null;
}

/** A consolidating department sets up a recurring report for agencies within its scope. */
export async function createSchedule(ctx: Context, input: CreateScheduleInput) {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  if (input.periodKind === 'AD_HOC')
    throw badInput('Báo cáo định kỳ cần kỳ tháng, quý, 6 tháng, 9 tháng hoặc năm.');
  if (!isIsoDate(input.startsOn) || (input.endsOn && !isIsoDate(input.endsOn))) {
    throw badInput('Ngày bắt đầu, kết thúc ghi dạng YYYY-MM-DD.');
  }
  if (input.endsOn && input.endsOn < input.startsOn)
    throw badInput('Ngày kết thúc phải sau ngày bắt đầu.');
  if (
    !Number.isInteger(input.deadlineDaysAfterCutoff) ||
    input.deadlineDaysAfterCutoff < 0 ||
    input.deadlineDaysAfterCutoff > 60
  ) {
    throw badInput('Hạn gửi tính từ ngày chốt số liệu: từ 0 đến 60 ngày.');
  }
  const titlePattern = input.titlePattern.normalize('NFC').trim();
  if (!titlePattern) throw badInput('Báo cáo định kỳ cần có tiêu đề (dùng {period} cho tên kỳ).');
  const template = await ctx.prisma.reportTemplate.findUnique({ where: { id: input.templateId } });
  if (!template || template.status !== 'PUBLISHED')
    throw badInput('Mẫu báo cáo không có hoặc chưa ban hành.');
  const groups = input.recipientGroups ?? [];
  const orgIds = [...new Set(input.recipientOrgIds ?? [])];
  return ctx.prisma.$transaction(async (tx) => {
    // The agencies that exist while the schedule runs, to check the scope (an agency named that
    // does not exist at any time then is refused); each request expands the groups again and
    // keeps those that exist at its own deadline.
    const when: ReachTime = {
      during: { start: input.startsOn, end: input.endsOn ?? OPEN_END },
    };
    const { recipients: reach, notExisting } = await expandRecipients(tx, orgIds, groups, when);
    if (notExisting.length) throw badInput(await notExistingMessage(tx, notExisting, when));
    if (!reach.length) throw badInput('Chọn đơn vị phải báo cáo.');
    const outside = reach.filter((o) => !canConsolidate(viewer, o.path));
    if (outside.length) {
      throw forbidden(
        `Không thể yêu cầu đơn vị ngoài phạm vi tổng hợp của bạn: ${outside
          .slice(0, 5)
          .map((o) => o.name)
          .join(', ')}.`,
      );
    }
    const schedule = await tx.reportSchedule.create({
      data: {
        templateId: template.id,
        planId: input.planId ?? undefined,
        periodKind: input.periodKind,
        titlePattern,
        deadlineDaysAfterCutoff: input.deadlineDaysAfterCutoff,
        startsOn: new Date(`${input.startsOn}T00:00:00Z`),
        endsOn: input.endsOn ? new Date(`${input.endsOn}T00:00:00Z`) : undefined,
        consolidatorOrgId: viewer.orgId,
        recipientOrgIds: orgIds,
        groups: {
          create: groups.map((g) => ({ kind: g.kind, level: g.level, withinOrgId: g.withinOrgId })),
        },
      },
    });
    await recordAudit(tx, ctx, {
      action: 'schedule.create',
      entityType: 'ReportSchedule',
      entityId: schedule.id,
      details: { recipients: reach.length },
    });
    return schedule;
  });
}
