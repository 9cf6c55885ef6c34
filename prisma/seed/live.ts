// The demo as it is loaded today: the static seed documents (load.ts), then what is relative to
// the day of loading — the national catalogue's units of the demo's province (its communes since
// 1/7/2025), the accounts of its agencies, and the live requests (`live` in the data files): the
// request of the current period, due in the future, and of the period before, whose deadline has
// passed, each with sample reports sent by the agencies' demo accounts through the project's own
// save, return and accept, dated as if they had happened in the days before.
//
// The current period is the first of its kind whose deadline — its Nghị định 09 cutoff plus the
// request's days, at 17:00 Vietnam time (scheduledDeadline, the rule of schedules and of the task
// pane's proposal) — is after the moment of loading; the previous period is the one before it, so
// its deadline has passed. Quarterly, 5 days: loaded on 02/12/2026 the current is Quý IV/2026 (due
// 19/12/2026 17:00) and the previous Quý III/2026 (due 19/09/2026); loaded on 20/12/2026 they are
// Quý I/2027 (data from 15/12/2026, due 19/03/2027) and Quý IV/2026.
//
// Requests are keyed by period ("NA-CDS-QUY-2026-Q4") and made with their sample reports only
// when missing: loading again on the same day changes nothing; on a day in a later period it adds
// that period's request (and the previous one's if it is missing) and never touches an existing
// request or report, so what people did in the demo stays as they left it.
import { seedExchangeDemo } from './exchange.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { hashPassword } from '../../server/auth/password.ts';
import type { Viewer } from '../../server/auth/viewer.ts';
import type { Database } from '../../server/db/database.ts';
import type { Context } from '../../server/graphql/context.ts';
import { loadCatalogue } from '../../server/orgs/catalogue.ts';
import { createRequest } from '../../server/requests/open.ts';
import { saveReport } from '../../server/submissions/save.ts';
import { acceptSubmission, returnSubmission } from '../../server/submissions/review.ts';
import {
  reportingPeriod,
  scheduledDeadline,
  scheduledTitle,
  type Period,
} from '../../shared/reporting/period.ts';
import type { SaveInput } from '../../shared/reporting/sheet.ts';
import { vietnamDay, vietnamInstant } from '../../shared/time/vietnam.ts';
import { DEMO_PASSWORD, SeedError, readSeedFiles, seed, type SeedReport } from './load.ts';
import type { SeedFile, SeedLiveReport, SeedLiveRequest, SeedUser } from './types.ts';

type Files = { name: string; data: SeedFile }[];
type LiveKind = SeedLiveRequest['periodKind'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A period of a live request with its deadline. */
export interface LivePeriod {
  period: Period;
  deadline: Date;
}

const COUNT: Record<LiveKind, number> = { MONTH: 12, QUARTER: 4, HALF_YEAR: 2, YEAR: 1 };

/** The current period (first deadline after `now`) and the one before it (deadline passed). */
export function livePeriods(
  kind: LiveKind,
  daysAfterCutoff: number,
  now: Date,
): { current: LivePeriod; previous: LivePeriod } {
  const year = Number(vietnamDay(now).slice(0, 4));
  const all: LivePeriod[] = [];
  for (let y = year - 1; y <= year + 1; y++) {
    for (let n = 1; n <= COUNT[kind]; n++) {
      const period = reportingPeriod({ kind, year: y, number: kind === 'YEAR' ? null : n });
      all.push({ period, deadline: scheduledDeadline(period.cutoffEnd, daysAfterCutoff) });
    }
  }
  all.sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  const i = all.findIndex((p) => p.deadline.getTime() > now.getTime());
  return { current: all[i]!, previous: all[i - 1]! };
}

const SUFFIX: Record<LiveKind, (n: number) => string> = {
  MONTH: (n) => `-T${String(n).padStart(2, '0')}`,
  QUARTER: (n) => `-Q${n}`,
  HALF_YEAR: (n) => `-H${n}`,
  YEAR: () => '',
};

/** The key of a live request's period: "NA-CDS-QUY" + Quý IV/2026 → "NA-CDS-QUY-2026-Q4". */
export const liveKey = (key: string, period: Period): string =>
  `${key}-${period.year}${SUFFIX[period.kind as LiveKind](period.number)}`;

/** `n` instants evenly inside (from, to), on whole minutes. */
export function spread(from: Date, to: Date, n: number): Date[] {
  const step = (to.getTime() - from.getTime()) / (n + 1);
  return Array.from(
    { length: n },
    (_, i) => new Date(Math.floor((from.getTime() + step * (i + 1)) / 60_000) * 60_000),
  );
}

/** When a sample report was saved or sent, and when it was returned or accepted. */
export interface ReportTimes {
  at: Date;
  decidedAt: Date | null;
}

/**
 * The story of a live request told backwards from `now`: opened on the first day of its data
 * window; in the current period the reports came in over the last two weeks; in the previous one
 * those on time between the cutoff and the deadline, the late ones in the week after it (never
 * after `now`); a return or acceptance halfway between the sending and `now`.
 */
export function liveTimeline(
  live: LivePeriod,
  which: 'current' | 'previous',
  reports: Pick<SeedLiveReport, 'state'>[],
  now: Date,
): { openedAt: Date; times: ReportTimes[] } {
  const openedAt = new Date(
    Math.min(vietnamInstant(live.period.cutoffStart, '08:00').getTime(), now.getTime() - HOUR),
  );
  const late = (r: Pick<SeedLiveReport, 'state'>) => r.state === 'LATE';
  const onTime = reports.filter((r) => !late(r)).length;
  const lateCount = reports.length - onTime;
  const [from, to] =
    which === 'current'
      ? [new Date(Math.max(openedAt.getTime(), now.getTime() - 14 * DAY)), now]
      : [vietnamInstant(live.period.cutoffEnd, '08:00'), live.deadline];
  const inTime = spread(from, to, onTime);
  const after = spread(
    live.deadline,
    new Date(Math.min(now.getTime(), live.deadline.getTime() + 7 * DAY)),
    lateCount,
  );
  const times = reports.map((r) => {
    // A late one at least a minute after the deadline (loaded just after it: at `now`).
    const at = late(r)
      ? new Date(
          Math.min(
            Math.max(after.shift()!.getTime(), live.deadline.getTime() + 60_000),
            now.getTime(),
          ),
        )
      : inTime.shift()!;
    const decided = r.state === 'RETURNED' || r.state === 'ACCEPTED';
    return { at, decidedAt: decided ? spread(at, now, 1)[0]! : null };
  });
  return { openedAt, times };
}

/** A sample report as a save: its values, and its answers when it is sent. */
export function liveSaveInput(report: SeedLiveReport): SaveInput {
  return {
    tables: Object.entries(report.values).map(([key, rows]) => ({
      key,
      rows: Object.entries(rows).map(([rowKey, cells]) => ({
        key: rowKey,
        cells: Object.entries(cells).map(([columnKey, value]) => ({ columnKey, value })),
      })),
    })),
    answers: Object.entries(report.answers ?? {}).map(([key, text]) => ({ key, text })),
  };
}

export interface LiveOptions {
  /** The demo accounts exist (embedded database, or asked for): sample reports need them. */
  demoUsers: boolean;
  now?: Date;
  /** The demo password's hash, when the caller already has one (scrypt is slow on purpose). */
  passwordHash?: string;
  /** seedLiveBase has run on this database: the live requests alone are missing. */
  baseLoaded?: boolean;
}

export interface DemoOptions extends LiveOptions {
  /**
   * Called once everything that does not depend on the day is loaded, before the live requests:
   * the moment to keep the database as the demo's base (prisma/seed/base.ts).
   */
  onBase?: () => Promise<void>;
}

/**
 * The static demo (load.ts) and then the live part: what `npm start` loads into an empty embedded
 * database, and `npm run db:seed`. The part that does not depend on the day comes first
 * (seedDemoBase), then the requests of the day's periods.
 */
export async function seedDemo(
  db: Pick<Database, 'prisma' | 'sql'>,
  files: Files = readSeedFiles(),
  options: DemoOptions = { demoUsers: false },
): Promise<SeedReport> {
  const passwordHash =
    options.passwordHash ?? (options.demoUsers ? await hashPassword(DEMO_PASSWORD) : undefined);
  const report = await seedDemoBase(db, files, { ...options, passwordHash });
  await options.onBase?.();
  const live = await seedLive(db, files, { ...options, passwordHash, baseLoaded: true });
  for (const [what, n] of Object.entries(live.created)) {
    report.created[what] = (report.created[what] ?? 0) + n;
  }
  return report;
}

/**
 * The demo without its live requests, the same whatever the day: the static documents, the
 * catalogue's units of its provinces and its accounts, the exchange scheme (prisma/seed/base.ts).
 */
export async function seedDemoBase(
  db: Pick<Database, 'prisma' | 'sql'>,
  files: Files = readSeedFiles(),
  options: LiveOptions = { demoUsers: false },
): Promise<SeedReport> {
  const passwordHash =
    options.passwordHash ?? (options.demoUsers ? await hashPassword(DEMO_PASSWORD) : undefined);
  const report = await seed(db.prisma, files, { demoUsers: options.demoUsers, passwordHash });
  const base = await seedLiveBase(db, files, { ...options, passwordHash });
  for (const [what, n] of Object.entries(base.created)) {
    report.created[what] = (report.created[what] ?? 0) + n;
  }
  const codes = await seedExchangeDemo(db.prisma);
  if (codes) report.created.exchangeCodes = codes;
  return report;
}

/** True when the database holds a live request of the demo (it was loaded here before). */
export async function holdsLiveDemo(
  prisma: Pick<PrismaClient, 'reportRequest'>,
  files: Files = readSeedFiles(),
): Promise<boolean> {
  const keys = files.flatMap((f) => (f.data.live?.requests ?? []).map((r) => r.key));
  if (!keys.length) return false;
  const found = await prisma.reportRequest.findFirst({
    where: { OR: keys.map((k) => ({ key: { startsWith: `${k}-` } })) },
    select: { id: true },
  });
  return found !== null;
}

/** The demo's live requests (static demo loaded): the provinces and accounts they need. */
function liveParts(files: Files) {
  return files.flatMap((f) => (f.data.live ? [{ file: f.name, live: f.data.live }] : []));
}

/** Org ids by code, and a clear error naming the seed file when one is missing. */
async function orgsByCode(prisma: PrismaClient) {
  const orgs = new Map(
    (await prisma.org.findMany({ select: { id: true, code: true, path: true } })).map((o) => [
      o.code,
      o,
    ]),
  );
  const orgOf = (code: string, where: string) => {
    const org = orgs.get(code);
    if (!org) throw new SeedError(`${where}: không có đơn vị mã "${code}"`);
    return org;
  };
  return { orgOf, orgId: (code: string, where: string): string => orgOf(code, where).id };
}

/**
 * What the live requests need that does not depend on the day (the static demo must be there):
 * the national catalogue's units of the demo's provinces and the demo accounts. Adds only what is
 * missing.
 */
export async function seedLiveBase(
  db: Pick<Database, 'prisma'>,
  files: Files = readSeedFiles(),
  options: LiveOptions = { demoUsers: false },
): Promise<SeedReport> {
  const prisma = db.prisma;
  const created: Record<string, number> = {};
  const count = (what: string, n: number) => {
    if (n) created[what] = (created[what] ?? 0) + n;
  };
  const lives = liveParts(files);
  const provinces = [...new Set(lives.flatMap(({ live }) => live.catalogueProvinces ?? []))];
  if (provinces.length) {
    const reports = await loadCatalogue(prisma, { provinces });
    count(
      'orgs',
      reports.reduce((n, r) => n + r.created, 0),
    );
    count(
      'orgSuccessions',
      reports.reduce((n, r) => n + r.successions, 0),
    );
  }
  const users = options.demoUsers
    ? lives.flatMap(({ file, live }) => (live.users ?? []).map((u) => ({ file, u })))
    : [];
  if (users.length) {
    const { orgId } = await orgsByCode(prisma);
    const hash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
    count('users', await createUsers(prisma, users, hash, orgId));
  }
  return { created };
}

/** The live part alone (the static demo must be there): adds only what is missing. */
export async function seedLive(
  db: Pick<Database, 'prisma' | 'sql'>,
  files: Files = readSeedFiles(),
  options: LiveOptions = { demoUsers: false },
): Promise<SeedReport> {
  const prisma = db.prisma;
  const now = options.now ?? new Date();
  const created: Record<string, number> = {};
  const count = (what: string, n = 1) => {
    if (n) created[what] = (created[what] ?? 0) + n;
  };
  const lives = liveParts(files);
  const planned = lives.flatMap(({ file, live }) =>
    (live.requests ?? []).flatMap((r) => {
      const { current, previous } = livePeriods(r.periodKind, r.deadlineDaysAfterCutoff, now);
      return [
        { file, r, live: previous, which: 'previous' as const, reports: r.reports.previous },
        { file, r, live: current, which: 'current' as const, reports: r.reports.current },
      ].map((p) => ({ ...p, key: liveKey(r.key, p.live.period) }));
    }),
  );
  const existing = new Set(
    (
      await prisma.reportRequest.findMany({
        where: { key: { in: planned.map((p) => p.key) } },
        select: { key: true },
      })
    ).map((r) => r.key),
  );
  const missing = planned.filter((p) => !existing.has(p.key));
  if (!missing.length) return { created };

  if (!options.baseLoaded) {
    for (const [what, n] of Object.entries((await seedLiveBase(db, files, options)).created)) {
      count(what, n);
    }
  }
  const { orgOf, orgId } = await orgsByCode(prisma);

  const reporterFor = options.demoUsers ? await reporters(prisma) : () => undefined;
  for (const p of missing) {
    const where = `${p.file} ${p.key}`;
    if (p.which === 'current' && p.reports.some((r) => r.state === 'LATE')) {
      throw new SeedError(`${where}: kỳ hiện tại chưa đến hạn, không có báo cáo gửi trễ`);
    }
    const template = await prisma.reportTemplate.findFirst({
      where: { code: p.r.template, status: 'PUBLISHED' },
      orderBy: { version: 'desc' },
      select: { id: true },
    });
    if (!template)
      throw new SeedError(`${where}: không có mẫu báo cáo đã ban hành "${p.r.template}"`);
    const plan = p.r.plan
      ? await prisma.document.findUnique({ where: { key: p.r.plan }, select: { id: true } })
      : null;
    if (p.r.plan && !plan) throw new SeedError(`${where}: không có văn bản "${p.r.plan}"`);
    const consolidatorOrgId = orgId(p.r.consolidator, where);
    const consolidator = options.demoUsers ? await reviewerOf(prisma, consolidatorOrgId) : null;
    const { openedAt, times } = liveTimeline(p.live, p.which, p.reports, now);
    const { request, recipients } = await prisma.$transaction((tx) =>
      createRequest(tx, {
        key: p.key,
        templateId: template.id,
        planId: plan?.id,
        period: p.live.period,
        kind: 'PERIODIC',
        title: scheduledTitle(p.r.titlePattern, p.live.period),
        deadline: p.live.deadline,
        consolidatorOrgId,
        note: p.r.note,
        createdById: consolidator?.userId,
        recipientOrgIds: (p.r.recipients ?? []).map((c) => orgId(c, where)),
        groups: (p.r.groups ?? []).map((g) => ({
          kind: g.kind,
          level: g.level,
          withinOrgId: orgId(g.within, where),
        })),
      }),
    );
    await prisma.reportRequest.update({ where: { id: request.id }, data: { createdAt: openedAt } });
    count('reportRequests');
    count('reportRecipients', recipients.length);
    if (!options.demoUsers) continue;
    for (const [i, report] of p.reports.entries()) {
      const at = `${where} ${report.org}`;
      const agency = orgOf(report.org, at);
      const reporter = reporterFor(agency.path);
      if (!reporter) throw new SeedError(`${at}: không có tài khoản demo báo cáo cho đơn vị này`);
      await sendSample(
        db,
        request.id,
        agency.id,
        report,
        times[i]!,
        { reporter, consolidator },
        at,
      );
      count('submissions');
    }
  }
  return { created };
}

async function createUsers(
  prisma: PrismaClient,
  users: { file: string; u: SeedUser }[],
  passwordHash: string,
  orgId: (code: string, where: string) => string,
): Promise<number> {
  let made = 0;
  for (const { file, u } of users) {
    const email = u.email.toLowerCase();
    if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) continue;
    await prisma.user.create({
      data: {
        email,
        name: u.name,
        passwordHash,
        orgId: orgId(u.org, `${file} ${u.email}`),
        roles: {
          create: u.roles.map((r) => ({
            role: r.role,
            scopeOrgId: r.scope ? orgId(r.scope, `${file} ${u.email}`) : null,
          })),
        },
      },
    });
    made++;
  }
  return made;
}

const viewerSelect = {
  id: true,
  email: true,
  name: true,
  orgId: true,
  org: { select: { path: true } },
  roles: { select: { role: true, scope: { select: { path: true } } } },
} as const;

function asViewer(user: {
  id: string;
  email: string;
  name: string;
  orgId: string;
  org: { path: string };
  roles: { role: Viewer['roles'][number]['role']; scope: { path: string } | null }[];
}): Viewer {
  return {
    tokenId: '',
    userId: user.id,
    email: user.email,
    name: user.name,
    orgId: user.orgId,
    orgPath: user.org.path,
    roles: user.roles.map((r) => ({ role: r.role, scopePath: r.scope?.path ?? null })),
  };
}

/** A demo account of the consolidating department that holds CONSOLIDATOR. */
async function reviewerOf(prisma: PrismaClient, orgId: string): Promise<Viewer | null> {
  const user = await prisma.user.findFirst({
    where: { orgId, active: true, roles: { some: { role: 'CONSOLIDATOR' } } },
    orderBy: { email: 'asc' },
    select: viewerSelect,
  });
  return user ? asViewer(user) : null;
}

/** The demo accounts that report, and the one that reports for an agency (by its path). */
async function reporters(prisma: PrismaClient): Promise<(orgPath: string) => Viewer | undefined> {
  const all = (
    await prisma.user.findMany({
      where: { active: true, roles: { some: { role: 'REPORTER' } } },
      orderBy: { email: 'asc' },
      select: viewerSelect,
    })
  ).map(asViewer);
  return (orgPath) =>
    all.find((v) =>
      v.roles.some(
        (r) => r.role === 'REPORTER' && (r.scopePath === null || orgPath.startsWith(r.scopePath)),
      ),
    );
}

/**
 * One sample report through the project's own save (and return or acceptance), then dated to the
 * moment its story gives it: the submission, its version and its audit events.
 */
async function sendSample(
  db: Pick<Database, 'prisma' | 'sql'>,
  requestId: string,
  agencyId: string,
  report: SeedLiveReport,
  times: ReportTimes,
  { reporter, consolidator }: { reporter: Viewer; consolidator: Viewer | null },
  where: string,
): Promise<void> {
  const prisma = db.prisma;
  const ctx = (viewer: Viewer): Context => ({ db: db as Database, prisma, viewer, address: null });
  const sent = report.state !== 'DRAFT';
  const result = await saveReport(
    ctx(reporter),
    {
      ...liveSaveInput(report),
      requestId,
      orgId: agencyId,
      baseVersion: 0,
      idempotencyKey: `demo-${requestId}-${report.org}`,
      submit: sent,
    },
    times.at,
  );
  if (!result.submission || result.problems.length) {
    const first = result.problems[0];
    throw new SeedError(`${where}: báo cáo mẫu không lưu được (${first?.message ?? '?'})`);
  }
  const id = result.submission.id;
  await dated(prisma, id, times.at);
  if (report.state === 'RETURNED' || report.state === 'ACCEPTED') {
    if (!consolidator) throw new SeedError(`${where}: không có tài khoản demo của đơn vị tổng hợp`);
    if (report.state === 'RETURNED') {
      if (!report.reason) throw new SeedError(`${where}: báo cáo bị trả lại cần lý do (reason)`);
      await returnSubmission(ctx(consolidator), id, report.reason);
    } else {
      await acceptSubmission(ctx(consolidator), id);
    }
    await decided(prisma, id, report.state, times.decidedAt!);
  }
}

/** The first save of a sample report, dated `at`. */
async function dated(prisma: PrismaClient, id: string, at: Date): Promise<void> {
  await prisma.$transaction([
    prisma.submission.update({ where: { id }, data: { createdAt: at, updatedAt: at } }),
    prisma.submissionVersion.updateMany({ where: { submissionId: id }, data: { createdAt: at } }),
    prisma.auditEvent.updateMany({
      where: { entityType: 'Submission', entityId: id },
      data: { at },
    }),
  ]);
}

/** Its return or acceptance, dated `at`. */
async function decided(
  prisma: PrismaClient,
  id: string,
  state: 'RETURNED' | 'ACCEPTED',
  at: Date,
): Promise<void> {
  const action = state === 'RETURNED' ? 'submission.return' : 'submission.accept';
  await prisma.$transaction([
    prisma.submission.update({
      where: { id },
      data:
        state === 'RETURNED'
          ? { returnedAt: at, updatedAt: at }
          : { acceptedAt: at, updatedAt: at },
    }),
    prisma.auditEvent.updateMany({
      where: { entityType: 'Submission', entityId: id, action },
      data: { at },
    }),
  ]);
}
