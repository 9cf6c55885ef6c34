// The sign-in limits on both storage targets: which counters an attempt counts against, the
// attempt after the last one allowed refused with when to try again, a window that starts with
// the first attempt (failures on either side of a quarter hour are not forgiven), and a
// successful sign-in that clears its account.
import { jest } from '@jest/globals';
import { migrate } from '../../../server/db/migrate.ts';
import type { Database } from '../../../server/db/database.ts';
import {
  loginLimiters,
  loginLimitKeys,
  LOGIN_WINDOW_MS,
  MAX_ATTEMPTS_PER_ACCOUNT,
  MAX_ATTEMPTS_PER_ADDRESS,
  retryAfterSeconds,
} from '../../../server/auth/rate-limit.ts';
import { freshDatabase, targets } from '../../support/databases.ts';

describe('login rate limits', () => {
  it('counts an attempt against the account as typed (case, spaces, Unicode form) and the address', () => {
    expect(loginLimitKeys(' SyTe.NgheAn@demo.vn ', '10.0.0.7')).toEqual([
      { kind: 'account', key: 'syte.nghean@demo.vn' },
      { kind: 'address', key: '10.0.0.7' },
    ]);
    expect(loginLimitKeys('Sở@x.vn'.normalize('NFD'), null)).toEqual([
      { kind: 'account', key: 'sở@x.vn' },
    ]);
  });

  it('says when to try again in whole minutes', () => {
    expect(retryAfterSeconds(7.5 * 60_000)).toBe(8 * 60);
    expect(retryAfterSeconds(10)).toBe(60);
  });
});

describe.each(targets)('login rate limits on %s', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(target);
    await migrate(db.sql);
  }, 120_000);
  afterAll(async () => db?.close());
  afterEach(() => jest.useRealTimers());
  // Only the clock moves; the database's own timers stay real.
  const at = (iso: string) =>
    jest.useFakeTimers({
      now: new Date(iso),
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'],
    });

  it('refuses the attempt after the last one allowed, across a quarter hour', async () => {
    const limits = loginLimiters(db.prisma);
    const keys = loginLimitKeys(`a-${target}@demo.vn`, '10.1.1.1');
    at('2026-12-02T12:14:30Z');
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT; i++) expect(await limits.count(keys)).toBeNull();
    // A fixed window would have begun at 12:15 and forgiven all ten.
    at('2026-12-02T12:15:30Z');
    const refused = await limits.count(keys);
    expect(refused).toEqual({ limit: keys[0], retryAfterSeconds: 14 * 60 });
    // The window ends 15 minutes after the first attempt.
    at(new Date(Date.parse('2026-12-02T12:14:30Z') + LOGIN_WINDOW_MS + 1000).toISOString());
    expect(await limits.count(keys)).toBeNull();
  });

  it('a successful sign-in clears its account and gives its address the attempt back', async () => {
    const limits = loginLimiters(db.prisma);
    const keys = loginLimitKeys(`b-${target}@demo.vn`, '10.2.2.2');
    at('2026-12-02T13:00:00Z');
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT; i++) await limits.count(keys);
    await limits.forgive(keys);
    expect(await limits.count(keys)).toBeNull();
    const rows = await db.prisma.rateLimiterFlexible.findMany({ orderBy: { key: 'asc' } });
    expect(rows.filter((r) => r.key.includes(`b-${target}`)).map((r) => r.points)).toEqual([1]);
    expect(rows.find((r) => r.key === 'login:address:10.2.2.2')?.points).toBe(
      MAX_ATTEMPTS_PER_ACCOUNT,
    );
    expect(MAX_ATTEMPTS_PER_ADDRESS).toBeGreaterThan(MAX_ATTEMPTS_PER_ACCOUNT);
  });
});
