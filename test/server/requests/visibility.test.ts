// Which requests a user sees, decided two ways: the database filter (visibleRequestsWhere, used by
// lists and lookups) and the quick rule ReportSheet applies to the facts it has already read
// (seesRequestOf). They must agree, or a sheet would open for a request its list hides.
import type { Database } from '../../../server/db/database.ts';
import { freshPglite } from '../../support/databases.ts';
import type { Principal, Role } from '../../../server/auth/access.ts';
import {
  seesRequestOf,
  visibleRequestsWhere,
  visibleSubmissionsWhere,
} from '../../../server/requests/visibility.ts';

let db: Database;
beforeAll(async () => {
  // The demo as npm start loads it: every demo user, the seeded requests and the day's ones.
  db = await freshPglite({ demo: true });
}, 180_000);
afterAll(async () => {
  await db.close();
});

/** Every demo user as signed in, and every role over the province, a department, a district and a commune. */
async function principals(): Promise<{ label: string; principal: Principal }[]> {
  const users = await db.prisma.user.findMany({
    include: { org: true, roles: { include: { scope: true } } },
  });
  const out = users.map((u) => ({
    label: u.email,
    principal: {
      userId: u.id,
      orgId: u.orgId,
      orgPath: u.org.path,
      roles: u.roles.map((r) => ({ role: r.role as Role, scopePath: r.scope?.path ?? null })),
    },
  }));
  const orgs = await db.prisma.org.findMany({ orderBy: { path: 'asc' } });
  const someOf = (level: string) => orgs.filter((o) => o.level === level).slice(0, 2);
  const scopes = [
    null,
    ...someOf('PROVINCE'),
    ...orgs.filter((o) => o.kind === 'DEPARTMENT').slice(0, 3),
    ...someOf('DISTRICT'),
    ...someOf('COMMUNE'),
  ];
  for (const role of ['REPORTER', 'CONSOLIDATOR', 'ANALYST', 'ADMIN'] as const)
    for (const scope of scopes)
      out.push({
        label: `${role} over ${scope?.name ?? 'everything'}`,
        principal: {
          userId: 'x',
          orgId: scope?.id ?? orgs[0]!.id,
          orgPath: scope?.path ?? orgs[0]!.path,
          roles: [{ role, scopePath: scope?.path ?? null }],
        },
      });
  return out;
}

test('a request is visible exactly when the quick rule shows it through one of its recipients', async () => {
  const requests = await db.prisma.reportRequest.findMany({
    include: { consolidatorOrg: true, recipients: { include: { org: true } } },
  });
  expect(requests.length).toBeGreaterThan(1);
  const disagreements: string[] = [];
  let visiblePairs = 0;
  let hiddenPairs = 0;
  for (const { label, principal } of await principals()) {
    const visible = new Set(
      (
        await db.prisma.reportRequest.findMany({
          where: visibleRequestsWhere(principal),
          select: { id: true },
        })
      ).map((r) => r.id),
    );
    for (const r of requests) {
      const quick = r.recipients.some((x) =>
        seesRequestOf(principal, {
          consolidatorPath: r.consolidatorOrg.path,
          recipientPath: x.org.path,
        }),
      );
      if (quick !== visible.has(r.id))
        disagreements.push(`${label} / ${r.title}: quick ${quick}, database ${visible.has(r.id)}`);
      if (visible.has(r.id)) visiblePairs++;
      else hiddenPairs++;
    }
  }
  expect(disagreements).toEqual([]);
  // Both outcomes occur, so the agreement is not that of two rules always saying the same word.
  expect(visiblePairs).toBeGreaterThan(10);
  expect(hiddenPairs).toBeGreaterThan(10);
}, 120_000);

test('a role over everything sees every sent submission, and no one else’s draft', async () => {
  // Two recipients' reports: one sent, one still a draft. Recipients without a report yet: which
  // ones the demo's day has sent depends on the date.
  const reported = new Set(
    (await db.prisma.submission.findMany({ select: { requestId: true, orgId: true } })).map(
      (s) => `${s.requestId} ${s.orgId}`,
    ),
  );
  const recipients = (
    await db.prisma.reportRecipient.findMany({ orderBy: [{ requestId: 'asc' }, { orgId: 'asc' }] })
  )
    .filter((r) => !reported.has(`${r.requestId} ${r.orgId}`))
    .slice(0, 2);
  expect(recipients).toHaveLength(2);
  for (const [i, r] of recipients.entries())
    await db.prisma.submission.create({
      data: { requestId: r.requestId, orgId: r.orgId, status: i ? 'DRAFT' : 'SUBMITTED' },
    });
  const sent = await db.prisma.submission.count({ where: { status: { not: 'DRAFT' } } });
  expect(sent).toBeGreaterThan(0);
  for (const role of ['CONSOLIDATOR', 'ANALYST', 'ADMIN'] as const) {
    const org = await db.prisma.org.findFirstOrThrow({ where: { level: 'PROVINCE' } });
    const principal: Principal = {
      userId: 'x',
      orgId: org.id,
      orgPath: org.path,
      roles: [{ role, scopePath: null }],
    };
    const seen = await db.prisma.submission.count({ where: visibleSubmissionsWhere(principal) });
    expect([role, seen]).toEqual([role, sent]);
  }
});
