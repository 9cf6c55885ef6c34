// The reminder run, every 15 minutes on every server instance: for each open request, each agency
// whose rule is due today (rules.ts) and that has not sent is reminded once. "Once" is a row:
// the Reminder of (rule, agency) is inserted with ON CONFLICT DO NOTHING, and only the run that
// inserted it writes, in the same transaction, the messages (the outbox) and the in-app
// notifications — so a second run the same day, or a second instance at the same moment, writes
// nothing more. The consolidating department gets one summary of the request per day it was
// reminded about (how many pending, who is late), keyed so two instances write it once. Then the
// outbox is delivered (server/messages/deliver.ts).
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { MessagingConfig } from '../config.ts';
import { holdsRoleOver } from '../auth/access.ts';
import {
  completenessOf,
  RECIPIENT_SUBMISSION_SELECT,
  recipientStatuses,
} from '../consolidation/merge.ts';
import {
  closeChannels,
  openChannels,
  type Channels,
  type LetterFor,
} from '../messages/channels.ts';
import { deliverPending, type DeliveryResult } from '../messages/deliver.ts';
import { enqueueMessages, type NewMessage } from '../messages/outbox.ts';
import { deadlineFor } from '../requests/deadlines.ts';
import type { SubmissionStatus } from '../../shared/reporting/status.ts';
import { vietnamDay } from '../../shared/time/vietnam.ts';
import {
  reminderNotification,
  reminderSms,
  reminderSubject,
  reminderText,
  summarySubject,
  summaryText,
  type ReminderFacts,
  type RequestFacts,
} from './messages.ts';
import {
  audienceFor,
  dueRule,
  MAX_OFFSET_DAYS,
  MIN_OFFSET_DAYS,
  peopleToRemind,
  type Audience,
  type Person,
} from './rules.ts';

export interface ReminderOptions {
  /** The công văn đôn đốc for rules marked attachLetter (server/documents/). */
  letterFor?: LetterFor;
  log?: (message: string) => void;
  /** Deliver through these instead of the ones `messaging` configures (tests). */
  channels?: Channels;
}

export interface ReminderRunResult {
  /** Agencies reminded by this run. */
  reminded: number;
  /** Messages written to the outbox (reminders and summaries). */
  messages: number;
  notifications: number;
  summaries: number;
  delivery: DeliveryResult;
}

const DAY_MS = 86_400_000;

type Db = PrismaClient;

/** Open requests with rules, whose deadlines are near enough for a rule to fall on today. */
async function candidateRequests(prisma: Db, now: Date) {
  const from = new Date(now.getTime() - (MAX_OFFSET_DAYS + 2) * DAY_MS);
  const to = new Date(now.getTime() + (-MIN_OFFSET_DAYS + 2) * DAY_MS);
  const near = { gte: from, lte: to };
  return prisma.reportRequest.findMany({
    where: {
      status: 'OPEN',
      reminderRules: { some: { removedAt: null } },
      OR: [{ deadline: near }, { deadlines: { some: { deadline: near } } }],
    },
    select: {
      id: true,
      title: true,
      deadline: true,
      requiresSignature: true,
      consolidatorOrgId: true,
      consolidatorOrg: { select: { name: true, path: true } },
      period: { select: { label: true } },
      deadlines: { select: { level: true, deadline: true } },
      reminderRules: {
        where: { removedAt: null },
        select: { id: true, offsetDays: true, attachLetter: true },
      },
    },
    orderBy: { deadline: 'asc' },
  });
}

type Request = Awaited<ReturnType<typeof candidateRequests>>[number];

const personOf = (u: {
  id: string;
  email: string;
  name: string;
  active: boolean;
  orgId: string;
  roles: {
    role: Person['roles'][number]['role'];
    scopeOrgId: string | null;
    scope: { path: string } | null;
  }[];
}): Person => ({
  ...u,
  roles: u.roles.map((r) => ({
    role: r.role,
    scopeOrgId: r.scopeOrgId,
    scopePath: r.scope?.path ?? null,
  })),
});

const userSelect = {
  id: true,
  email: true,
  name: true,
  active: true,
  orgId: true,
  roles: { select: { role: true, scopeOrgId: true, scope: { select: { path: true } } } },
} as const;

interface Due {
  org: {
    id: string;
    code: string;
    name: string;
    level: string | null;
    path: string;
    email: string | null;
    phone: string | null;
  };
  rule: { id: string; offsetDays: number; attachLetter: boolean };
  audience: Audience;
  deadline: Date;
  submission: { status: SubmissionStatus; returnReason: string | null } | null;
}

interface RequestOutcome {
  reminded: number;
  messages: number;
  notifications: number;
  summaries: number;
}

/** One request: who is due, then the once-only insert with its messages, in one transaction. */
async function remindFor(
  prisma: Db,
  request: Request,
  messaging: MessagingConfig,
  now: Date,
  letters: boolean,
): Promise<RequestOutcome> {
  const none = { reminded: 0, messages: 0, notifications: 0, summaries: 0 };
  const deadlines = { deadline: request.deadline, deadlines: request.deadlines };
  const levels = [null, ...request.deadlines.map((d) => d.level)];
  // Most runs: no rule falls on today for any level of this request; nothing more is read.
  if (!levels.some((l) => dueRule(request.reminderRules, deadlineFor(deadlines, l), now))) {
    return none;
  }
  const [recipients, submissions] = await Promise.all([
    prisma.reportRecipient.findMany({
      where: { requestId: request.id },
      // In one order everywhere: two instances inserting the same reminders cannot deadlock.
      orderBy: { orgId: 'asc' },
      select: {
        org: {
          select: {
            id: true,
            code: true,
            name: true,
            level: true,
            path: true,
            email: true,
            phone: true,
          },
        },
      },
    }),
    prisma.submission.findMany({
      where: { requestId: request.id },
      select: RECIPIENT_SUBMISSION_SELECT,
    }),
  ]);
  const submissionOf = new Map(submissions.map((s) => [s.orgId, s]));
  let due: Due[] = [];
  for (const { org } of recipients) {
    const deadline = deadlineFor(deadlines, org.level);
    const rule = dueRule(request.reminderRules, deadline, now);
    const submission = submissionOf.get(org.id) ?? null;
    const audience = audienceFor(submission?.status);
    if (rule && audience) due.push({ org, rule, audience, deadline, submission });
  }
  if (due.length) {
    // Already reminded by an earlier run: not worth reading their people again.
    const done = await prisma.reminder.findMany({
      where: {
        ruleId: { in: [...new Set(due.map((d) => d.rule.id))] },
        orgId: { in: due.map((d) => d.org.id) },
      },
      select: { ruleId: true, orgId: true },
    });
    const seen = new Set(done.map((r) => `${r.ruleId}|${r.orgId}`));
    due = due.filter((d) => !seen.has(`${d.rule.id}|${d.org.id}`));
  }
  if (!due.length) return none;

  const orgIds = due.map((d) => d.org.id);
  const [users, consolidators] = await Promise.all([
    prisma.user.findMany({
      where: {
        active: true,
        OR: [{ orgId: { in: orgIds } }, { roles: { some: { scopeOrgId: { in: orgIds } } } }],
      },
      select: userSelect,
    }),
    messaging.email
      ? prisma.user.findMany({
          where: {
            active: true,
            orgId: request.consolidatorOrgId,
            roles: { some: { role: 'CONSOLIDATOR' } },
          },
          select: userSelect,
          orderBy: { email: 'asc' },
        })
      : Promise.resolve([]),
  ]);
  const people = users.map(personOf);
  const facts: RequestFacts = {
    id: request.id,
    title: request.title,
    periodLabel: request.period.label,
    consolidatorName: request.consolidatorOrg.name,
    requiresSignature: request.requiresSignature,
  };
  const planned = due.map((d) => {
    const who = peopleToRemind(d.org, people, d.audience);
    const f: ReminderFacts = {
      request: facts,
      agency: d.org,
      audience: who.audience,
      state: d.submission?.status ?? 'NOT_STARTED',
      returnReason: d.submission?.returnReason ?? null,
      deadline: d.deadline,
      now,
      publicUrl: messaging.publicUrl,
      // The letter names the agencies overdue: it goes to staff of one, not before its deadline.
      withLetter:
        letters &&
        d.rule.attachLetter &&
        who.audience === 'STAFF' &&
        now.getTime() > d.deadline.getTime(),
    };
    return { d, who, f, id: randomUUID() };
  });

  return prisma.$transaction(
    async (tx) => {
      const inserted = await tx.$queryRawUnsafe<{ id: string; orgId: string }[]>(
        `INSERT INTO "Reminder" ("id", "requestId", "orgId", "ruleId", "audience", "createdAt")
         SELECT x.id, $1, x.org, x.rule, x.aud::"ReminderAudience", $6::timestamptz AT TIME ZONE 'UTC'
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS x(id, org, rule, aud)
         ON CONFLICT ("ruleId", "orgId") DO NOTHING
         RETURNING "id", "orgId"`,
        request.id,
        planned.map((p) => p.id),
        planned.map((p) => p.d.org.id),
        planned.map((p) => p.d.rule.id),
        planned.map((p) => p.who.audience),
        now.toISOString(),
      );
      const mine = new Set(inserted.map((r) => r.id));
      const ours = planned.filter((p) => mine.has(p.id));
      if (!ours.length) return none; // another run or instance reminded them first

      const messages: NewMessage[] = [];
      const notifications: {
        userId: string;
        title: string;
        body: string;
        requestId: string;
        reminderId: string;
        createdAt: Date;
      }[] = [];
      for (const { d, who, f, id } of ours) {
        const common = {
          kind: 'REMINDER' as const,
          requestId: request.id,
          orgId: d.org.id,
          reminderId: id,
        };
        if (messaging.email) {
          const subject = reminderSubject(f);
          const text = reminderText(f);
          for (const address of who.emails) {
            messages.push({
              ...common,
              channel: 'EMAIL',
              address,
              subject,
              text,
              attachLetter: f.withLetter,
            });
          }
        }
        // Phones are the agency's (Org.phone): its staff, not its leader.
        const phone = d.org.phone?.trim();
        if (messaging.smsWebhookUrl && phone && who.audience === 'STAFF') {
          messages.push({
            ...common,
            channel: 'SMS',
            address: phone,
            subject: reminderSubject(f),
            text: reminderSms(f),
          });
        }
        const note = reminderNotification(f);
        for (const userId of who.userIds) {
          notifications.push({
            userId,
            ...note,
            requestId: request.id,
            reminderId: id,
            createdAt: now,
          });
        }
      }
      const from = messaging.email?.from ?? null;
      let written = await enqueueMessages(tx, messages, from, now);
      const noted = notifications.length
        ? (await tx.notification.createMany({ data: notifications, skipDuplicates: true })).count
        : 0;

      let summaries = 0;
      const to = consolidators
        .map(personOf)
        .filter((u) =>
          holdsRoleOver(
            { userId: u.id, orgId: u.orgId, orgPath: '', roles: u.roles },
            'CONSOLIDATOR',
            request.consolidatorOrg.path,
          ),
        )
        .map((u) => u.email.trim().toLowerCase())
        .filter(Boolean);
      if (messaging.email && to.length) {
        const statuses = recipientStatuses(
          recipients.map(({ org }) => ({
            org,
            deadline: deadlineFor(deadlines, org.level),
            submission: submissionOf.get(org.id) ?? null,
          })),
          now,
        );
        const c = completenessOf(statuses);
        const summary = {
          request: facts,
          now,
          expected: c.expected,
          sent: c.submitted,
          pending: c.expected - c.submitted,
          pendingApproval: c.pendingApproval,
          late: statuses
            .filter((s) => s.overdue)
            .map((s) => ({ name: s.org.name, deadline: s.deadline, state: s.state })),
          reminded: ours.map((p) => p.d.org.name),
        };
        const day = vietnamDay(now);
        const subject = summarySubject(summary);
        const text = summaryText(summary);
        summaries = await enqueueMessages(
          tx,
          [...new Set(to)].map((address) => ({
            kind: 'SUMMARY',
            channel: 'EMAIL',
            address,
            subject,
            text,
            requestId: request.id,
            orgId: request.consolidatorOrgId,
            // Once a day per request and reader, whichever instance writes it first.
            key: `summary:${request.consolidatorOrgId}:${request.id}:${day}:${address}`,
          })),
          from,
          now,
        );
        written += summaries;
      }
      return { reminded: ours.length, messages: written, notifications: noted, summaries };
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
}

/**
 * One run at `now`: reminders written for every open request, then everything due in the outbox
 * delivered. With no channel configured only the in-app notifications are written.
 */
export async function runReminders(
  prisma: Db,
  messaging: MessagingConfig,
  now: Date = new Date(),
  options: ReminderOptions = {},
): Promise<ReminderRunResult> {
  const total = { reminded: 0, messages: 0, notifications: 0, summaries: 0 };
  for (const request of await candidateRequests(prisma, now)) {
    try {
      const r = await remindFor(prisma, request, messaging, now, Boolean(options.letterFor));
      total.reminded += r.reminded;
      total.messages += r.messages;
      total.notifications += r.notifications;
      total.summaries += r.summaries;
    } catch (error) {
      // One request's trouble does not keep the others' reminders back; the next run retries it.
      options.log?.(
        `Không nhắc được yêu cầu "${request.title}": ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const channels = options.channels ?? openChannels(messaging, { ...options, now });
  try {
    return { ...total, delivery: await deliverPending(prisma, channels, now) };
  } finally {
    if (!options.channels) closeChannels(channels);
  }
}

/** How often reminders are looked for, and how often the outbox is sent between runs. */
export const REMINDER_EVERY_MS = 15 * 60_000;
export const DELIVERY_EVERY_MS = 60_000;

function runLine(r: ReminderRunResult): string {
  const failures = r.delivery.failures.slice(0, 3).map((f) => `${f.address}: ${f.error}`);
  return (
    `Nhắc hạn: ${r.reminded} đơn vị được nhắc (${r.messages} thư/tin nhắn, ${r.notifications} thông báo, ` +
    `${r.summaries} bản tình hình cho đơn vị tổng hợp); đã gửi ${r.delivery.sent}, lỗi ${r.delivery.failed}` +
    (failures.length ? ` (${failures.join('; ')})` : '') +
    '.'
  );
}

/**
 * Reminders now, then every 15 minutes; between runs, the outbox every minute, so an invitation or
 * a message that failed does not wait a quarter of an hour. Runs never overlap; the timer does not
 * keep the process alive; the stop function waits for the run in progress.
 */
export function runReminderSchedule(
  prisma: Db,
  messaging: MessagingConfig,
  log: (message: string) => void,
  options: { letterFor?: LetterFor } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let lastRun = -Infinity;
  let stopped = false;
  let busy = false;
  const tick = () => {
    // A run still going (a slow relay) is not queued behind: the next tick after it does the work.
    if (busy) return;
    busy = true;
    running = Promise.resolve()
      .then(async () => {
        if (stopped) return;
        const now = new Date();
        if (now.getTime() - lastRun >= REMINDER_EVERY_MS) {
          lastRun = now.getTime();
          log(runLine(await runReminders(prisma, messaging, now, { ...options, log })));
          return;
        }
        const channels = openChannels(messaging, { ...options, log, now });
        try {
          const d = await deliverPending(prisma, channels, now);
          if (d.sent || d.failed) log(`Gửi thư/tin nhắn: đã gửi ${d.sent}, lỗi ${d.failed}.`);
        } finally {
          closeChannels(channels);
        }
      })
      .catch((error: unknown) =>
        log(`Không chạy được nhắc hạn: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (busy = false));
  };
  tick();
  const timer = setInterval(tick, DELIVERY_EVERY_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
