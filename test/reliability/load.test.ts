// Load (DESIGN.md §4 scale-out, §7 nothing lost): 200 agencies, each with its own reporter, save
// drafts and send their reports at the same time through two server instances on one PostgreSQL,
// retrying on the same idempotency keys as a client on a bad network does (answers given up on,
// the same save on both instances at once, an old save sent again late), while readers look at
// the sheets. Afterwards every acknowledged save is stored exactly once, versions have no gap,
// the values are those of the last acknowledged save, nothing half-written was ever seen, the
// consolidating department counts every report, and no answer was a 5xx.
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../server/db/database.ts';
import { makeAgencies, type Agencies } from '../support/agencies.ts';
import { freshPostgresUrl } from '../support/databases.ts';
import { halfWritten, startClients, type ClientOptions } from '../support/report-clients.ts';
import { graphql, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { checkStoredSaves } from '../support/stored-saves.ts';

const FULL = process.env.RELIABILITY === 'full';
const AGENCIES = 200;
/** Saves per agency (the last one sends): fewer in `npm test`, more in `npm run reliability`. */
const SAVES = FULL ? 6 : 3;

describe(`${AGENCIES} agencies saving at once through two instances on one PostgreSQL`, () => {
  let databaseUrl: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let made: Agencies;

  beforeAll(async () => {
    databaseUrl = await freshPostgresUrl({ demo: true });
    a = await startServerProcess({ env: { DATABASE_URL: databaseUrl, SEED_DEMO: '1' } });
    b = await startServerProcess({ env: { DATABASE_URL: databaseUrl, SEED_DEMO: '0' } });
    const db = await openDatabase({ databaseUrl });
    try {
      made = await makeAgencies(db, AGENCIES, 'TAI');
    } finally {
      await db.close();
    }
  }, 300_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  }, 120_000);

  test('every acknowledged save is there exactly once, the last one wins, no 5xx', async () => {
    const options: ClientOptions = {
      urls: [a.url, b.url],
      requestId: made.requestId,
      saves: SAVES,
      seed: 9,
      duplicateRate: 0.2,
      lostAnswerRate: 0.2,
      lateReplayRate: 0.3,
      maxAttempts: 20,
    };
    const started = Date.now();
    const { stats, acks, observations, finished } = startClients(made.agencies, options, 2, 0);
    await finished();
    const seconds = (Date.now() - started) / 1000;

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = await checkStoredSaves(
      async (sql, params) => (await client.query(sql, params)).rows,
      made.requestId,
      acks,
    ).finally(() => client.end());

    // What the consolidating department sees: every agency has sent its report.
    const consolidator = await graphql<{ login: { token: string } }>(
      b.url,
      'mutation { login(email: "stttt.nghean@demo.vn", password: "demo-2023") { token } }',
    );
    const seen = await graphql<{
      reportRequest: { completeness: { expected: number; submitted: number; missing: number } };
    }>(
      a.url,
      'query($id: ID!) { reportRequest(id: $id) { completeness { expected submitted missing } } }',
      { id: made.requestId },
      consolidator.data!.login.token,
    );

    const serverErrors = Object.entries(stats.byStatus)
      .filter(([outcome]) => Number(outcome) >= 500)
      .reduce((n, [, count]) => n + count, 0);
    const figures = {
      agencies: AGENCIES,
      savesPerAgency: SAVES,
      acknowledged: stats.acknowledged,
      storedVersions: stored.versions,
      requests: stats.requests,
      byOutcome: stats.byStatus,
      retries: stats.retries,
      duplicated: stats.duplicated,
      answersGivenUpOn: stats.lostAnswers,
      lateReplays: stats.lateReplays,
      sheetReads: stats.reads,
      serverErrors,
      seconds,
    };
    mkdirSync('.tmp/reliability', { recursive: true });
    writeFileSync('.tmp/reliability/load.json', JSON.stringify(figures, null, 2));

    expect(stats.failures.slice(0, 10)).toEqual([]);
    expect(stats.acknowledged).toBe(AGENCIES * SAVES);
    expect(stored.problems.slice(0, 10)).toEqual([]);
    expect(stored.versions).toBe(AGENCIES * SAVES);
    expect(halfWritten(observations, acks).slice(0, 10)).toEqual([]);
    expect(seen.data?.reportRequest.completeness).toEqual({
      expected: AGENCIES,
      submitted: AGENCIES,
      missing: 0,
    });
    expect(serverErrors).toBe(0);
    // The retries really happened (otherwise this proves less than it says).
    expect(stats.duplicated).toBeGreaterThan(0);
    expect(stats.byStatus.abandoned ?? 0).toBeGreaterThan(0);
    expect(stats.lateReplays).toBeGreaterThan(0);
    expect(observations.length).toBeGreaterThan(0);
  }, 900_000);
});
