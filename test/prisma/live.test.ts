// The live part of the demo (prisma/seed/live.ts): which period is current on any day of the year
// (its deadline ahead, the previous one's passed), the story of its sample reports, and loading —
// twice on one day changes nothing, on a day of the next period it adds that period's request and
// leaves every earlier row as it was; without demo accounts, requests but no reports.
import { migrate } from '../../server/db/migrate.ts';
import { readSeedFiles } from '../../prisma/seed/load.ts';
import {
  liveKey,
  livePeriods,
  liveTimeline,
  seedDemo,
  spread,
  type LivePeriod,
} from '../../prisma/seed/live.ts';
import type { SeedLiveReport } from '../../prisma/seed/types.ts';
import { formatVietnamTime, vietnamInstant } from '../../shared/time/vietnam.ts';
import { freshDatabase, targets } from '../support/databases.ts';
import type { Database } from '../../server/db/database.ts';

const DAY = 86_400_000;
const at = (vietnamTime: string) => new Date(`${vietnamTime}:00+07:00`);
const shown = (p: LivePeriod) => `${p.period.label} ${formatVietnamTime(p.deadline)}`;

describe('the current period, relative to the moment of loading', () => {
  test('quarters, due 5 days after the Nghị định 09 cutoff at 17:00', () => {
    const on = (t: string) => {
      const { current, previous } = livePeriods('QUARTER', 5, at(t));
      return [shown(current), shown(previous)];
    };
    expect(on('2026-12-02T09:00')).toEqual([
      'Quý IV/2026 19/12/2026 17:00',
      'Quý III/2026 19/09/2026 17:00',
    ]);
    // On the deadline day the quarter is still current until 17:00, then the next one is.
    expect(on('2026-12-19T16:59')[0]).toBe('Quý IV/2026 19/12/2026 17:00');
    expect(on('2026-12-19T17:00')).toEqual([
      'Quý I/2027 19/03/2027 17:00',
      'Quý IV/2026 19/12/2026 17:00',
    ]);
    expect(on('2027-01-01T00:00')[0]).toBe('Quý I/2027 19/03/2027 17:00');
  });

  test('on every day of two years, in every kind: the current is ahead, the previous passed', () => {
    const start = at('2026-01-01T00:00').getTime();
    for (const kind of ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const) {
      for (let t = start; t < start + 730 * DAY; t += DAY / 4 + 7 * 60_000) {
        const now = new Date(t);
        const { current, previous } = livePeriods(kind, 5, now);
        expect(current.deadline.getTime()).toBeGreaterThan(t);
        expect(previous.deadline.getTime()).toBeLessThanOrEqual(t);
        // Consecutive periods: the previous window ends the day before the current one starts.
        const dayAfter = new Date(
          new Date(`${previous.period.cutoffEnd}T00:00:00Z`).getTime() + DAY,
        );
        expect(dayAfter.toISOString().slice(0, 10)).toBe(current.period.cutoffStart);
      }
    }
  });

  test('each period has its own key', () => {
    const { current, previous } = livePeriods('QUARTER', 5, at('2026-12-02T09:00'));
    expect([liveKey('NA-CDS-QUY', current.period), liveKey('NA-CDS-QUY', previous.period)]).toEqual(
      ['NA-CDS-QUY-2026-Q4', 'NA-CDS-QUY-2026-Q3'],
    );
    const month = livePeriods('MONTH', 5, at('2026-12-02T09:00')).current.period;
    expect(liveKey('X', month)).toBe('X-2026-T12');
  });
});

describe('the story of the sample reports', () => {
  const states = (...s: SeedLiveReport['state'][]) => s.map((state) => ({ state }));

  test('spread: evenly inside the window, on whole minutes', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-01T04:00:00Z');
    expect(spread(from, to, 3).map((d) => d.toISOString())).toEqual([
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T02:00:00.000Z',
      '2026-01-01T03:00:00.000Z',
    ]);
  });

  test('on every day: sent before now, on time before the deadline, late after it', () => {
    const start = at('2026-01-01T00:00').getTime();
    for (let t = start; t < start + 400 * DAY; t += DAY / 3 + 11 * 60_000) {
      const now = new Date(t);
      const { current, previous } = livePeriods('QUARTER', 5, now);
      const cur = liveTimeline(current, 'current', states('SUBMITTED', 'RETURNED', 'DRAFT'), now);
      expect(cur.openedAt.getTime()).toBeLessThan(t);
      for (const r of cur.times) {
        expect(r.at.getTime()).toBeGreaterThanOrEqual(cur.openedAt.getTime());
        expect(r.at.getTime()).toBeLessThanOrEqual(t);
        expect(r.at.getTime()).toBeLessThan(current.deadline.getTime());
      }
      expect(cur.times[1]!.decidedAt!.getTime()).toBeGreaterThanOrEqual(cur.times[1]!.at.getTime());
      expect(cur.times[1]!.decidedAt!.getTime()).toBeLessThanOrEqual(t);

      const prev = liveTimeline(previous, 'previous', states('ACCEPTED', 'SUBMITTED', 'LATE'), now);
      expect(prev.openedAt.getTime()).toBe(
        vietnamInstant(previous.period.cutoffStart, '08:00').getTime(),
      );
      const [accepted, onTime, late] = prev.times as [
        (typeof prev.times)[0],
        (typeof prev.times)[0],
        (typeof prev.times)[0],
      ];
      expect(onTime.at.getTime()).toBeLessThan(previous.deadline.getTime());
      expect(accepted.at.getTime()).toBeLessThan(previous.deadline.getTime());
      expect(accepted.decidedAt!.getTime()).toBeLessThanOrEqual(t);
      expect(late.at.getTime()).toBeGreaterThan(Math.min(previous.deadline.getTime(), t - 1));
      expect(late.at.getTime()).toBeLessThanOrEqual(t);
    }
  });
});

/** Every row of every table, as text, by table. */
async function rows(db: Database): Promise<Map<string, Set<string>>> {
  const tables = await db.sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  const out = new Map<string, Set<string>>();
  for (const { name } of tables) {
    const found = await db.sql.query<{ row: string }>(`SELECT x::text AS row FROM "${name}" x`);
    out.set(name, new Set(found.map((r) => r.row)));
  }
  return out;
}

describe.each(targets)('loading the live demo on %s', (target) => {
  let db: Database;
  const today = at('2026-12-02T09:00');
  beforeAll(async () => {
    db = await freshDatabase(target);
    await migrate(db.sql);
    await seedDemo(db, readSeedFiles(), { demoUsers: true, now: today });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  test('twice on the same day changes nothing', async () => {
    const before = await rows(db);
    const again = await seedDemo(db, readSeedFiles(), {
      demoUsers: true,
      now: new Date(today.getTime() + 6 * 3_600_000),
    });
    expect(again.created).toEqual({});
    expect(await rows(db)).toEqual(before);
  }, 120_000);

  test('on a day of the next quarter: its request is added, nothing earlier is touched', async () => {
    const before = await rows(db);
    const later = at('2026-12-21T08:00');
    const report = await seedDemo(db, readSeedFiles(), { demoUsers: true, now: later });
    expect(report.created).toMatchObject({ reportRequests: 1, reportRecipients: 144 });
    const after = await rows(db);
    for (const [table, had] of before) {
      const still = after.get(table)!;
      expect([...had].filter((r) => !still.has(r))).toEqual([]);
    }
    const requests = await db.prisma.reportRequest.findMany({
      where: { key: { startsWith: 'NA-CDS-QUY-' } },
      select: { key: true, deadline: true, _count: { select: { submissions: true } } },
      orderBy: { key: 'asc' },
    });
    expect(requests.map((r) => [r.key, formatVietnamTime(r.deadline)])).toEqual([
      ['NA-CDS-QUY-2026-Q3', '19/09/2026 17:00'],
      ['NA-CDS-QUY-2026-Q4', '19/12/2026 17:00'],
      ['NA-CDS-QUY-2027-Q1', '19/03/2027 17:00'],
    ]);
    // Quý IV/2026 is past its deadline now and keeps what it had; no sample report was added.
    expect(requests[1]!._count.submissions).toBe(11);
  }, 120_000);
});

test('without demo accounts: the requests, no accounts, no sample reports', async () => {
  const db = await freshDatabase('pglite');
  try {
    await migrate(db.sql);
    const report = await seedDemo(db, readSeedFiles(), {
      demoUsers: false,
      now: at('2026-12-02T09:00'),
    });
    expect(report.created).toMatchObject({ reportRequests: 5 });
    expect(report.created.users).toBeUndefined();
    expect(await db.prisma.user.count()).toBe(0);
    expect(await db.prisma.submission.count()).toBe(0);
  } finally {
    await db.close();
  }
}, 180_000);
