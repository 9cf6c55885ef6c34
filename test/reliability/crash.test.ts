// Crashes (DESIGN.md §7 nothing lost): the server killed with SIGKILL while agencies are saving,
// then started again, on the embedded database and on PostgreSQL; PostgreSQL itself stopped (as
// a crash, and as a fast shutdown) and started again while they write. Clients retry with their
// idempotency keys until each save is acknowledged. Afterwards every save is applied exactly once
// with versions 1…n, the values are the last save's, readers never saw a half-written report, and
// no request failed with an unexpected error. A server that cannot start says why and stops.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { readSeedFiles, seed } from '../../prisma/seed/load.ts';
import { makeAgencies, type Agencies } from '../support/agencies.ts';
import { freePort, startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import {
  halfWritten,
  startClients,
  type ClientOptions,
  type ClientRun,
  type ClientStats,
} from '../support/report-clients.ts';
import { ServerExited, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { checkStoredSaves, type Query, type StoredSummary } from '../support/stored-saves.ts';

const FULL = process.env.RELIABILITY === 'full';
/**
 * Kills of the embedded server (twice that on PostgreSQL, each instance in turn) and stops of
 * PostgreSQL (a crash, then a fast shutdown, alternately): few in `npm test`, more in the full run.
 */
const KILLS = FULL ? 6 : 1;
const DATABASE_RESTARTS = FULL ? 4 : 2;
const AGENCIES = 12;
/** Saves acknowledged between two blows, so each lands while saves are going on. */
const BETWEEN = FULL ? 15 : 8;

const figures: Record<string, unknown> = {};
afterAll(() => {
  mkdirSync('.tmp/reliability', { recursive: true });
  writeFileSync('.tmp/reliability/crash.json', JSON.stringify(figures, null, 2));
});

/** Waits for something the clients make happen; the limit only stops a stuck test. */
async function reached(what: string, condition: () => boolean, limitMs = 300_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Run = Omit<ClientRun, 'finished'>;

/** Agencies saving (and readers reading) through `urls` while `blows` strikes; then all finish. */
async function writeThrough(
  made: Agencies,
  urls: string[],
  seed: number,
  blows: (stats: ClientStats) => Promise<void>,
): Promise<Run> {
  let done = false;
  const options: ClientOptions = {
    urls,
    requestId: made.requestId,
    saves: 100_000,
    enough: () => done,
    seed,
    duplicateRate: 0.15,
    lostAnswerRate: 0.1,
    lateReplayRate: 0.3,
    maxAttempts: 300,
  };
  const { stats, acks, observations, finished } = startClients(made.agencies, options, 3, seed);
  try {
    await blows(stats);
    // And a few more saves once everything is back, before everyone sends.
    const after = stats.acknowledged;
    await reached('saves after the last blow', () => stats.acknowledged >= after + BETWEEN);
  } finally {
    done = true;
    await finished();
  }
  return { stats, acks, observations };
}

/** What a user would notice, checked after the run. */
function expectNothingLost(run: Run, stored: StoredSummary): void {
  expect(run.stats.failures.slice(0, 10)).toEqual([]);
  expect(stored.problems.slice(0, 10)).toEqual([]);
  expect(stored.versions).toBe(run.stats.acknowledged);
  expect(halfWritten(run.observations, run.acks).slice(0, 10)).toEqual([]);
  // Transport failures and "try again later" are expected here; an unexpected error is not.
  expect(run.stats.byStatus['500'] ?? 0).toBe(0);
  expect(run.stats.byCode.INTERNAL_SERVER_ERROR ?? 0).toBe(0);
}

/** What the servers wrote to their log about failures nobody foresaw (see expectNothingLost). */
const unexpected = (servers: ServerProcess[]) =>
  servers.flatMap((s) => s.output().split('\n')).filter((l) => l.includes('Lỗi không lường trước'));

const summary = (run: Run, stored: StoredSummary) => ({
  agencies: AGENCIES,
  acknowledged: run.stats.acknowledged,
  storedVersions: stored.versions,
  requests: run.stats.requests,
  byOutcome: run.stats.byStatus,
  byCode: run.stats.byCode,
  retries: run.stats.retries,
  sheetReads: run.observations.length,
});

/** Every server process killed so far, to read their logs afterwards. */
const killed: ServerProcess[] = [];

/** SIGKILL one of the servers while saves are in flight, start it again; `count` times. */
function kills(servers: ServerProcess[], count: number, inFlight: number[]) {
  return async (stats: ClientStats) => {
    for (let i = 0; i < count; i++) {
      const before = stats.acknowledged;
      await reached('saves in flight', () => stats.acknowledged >= before + BETWEEN);
      await reached('a save in flight', () => stats.savesInFlight > 0);
      inFlight.push(stats.savesInFlight);
      const victim = i % servers.length;
      await servers[victim]!.kill('SIGKILL');
      killed.push(servers[victim]!);
      servers[victim] = await servers[victim]!.restart();
    }
  };
}

describe('a server killed with SIGKILL in the middle of saves, on the embedded database', () => {
  let dir: string;
  let made: Agencies;
  let server: ServerProcess;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-crash-'));
    // The database is prepared before the server starts: PGlite is one process's at a time.
    const db = await openDatabase({ dataDir: dir });
    try {
      await migrate(db.sql);
      await seed(db.prisma, readSeedFiles(), { demoUsers: true });
      made = await makeAgencies(db, AGENCIES, 'NHUNG');
    } finally {
      await db.close();
    }
    server = await startServerProcess({ env: { DATA_DIR: dir } });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  test('every save is applied exactly once, nothing half-written shows, the server comes back', async () => {
    const servers = [server];
    const inFlight: number[] = [];
    const run = await writeThrough(made, [server.url], 1, kills(servers, KILLS, inFlight));
    server = servers[0]!;
    expect(server.output()).toMatch(/Sẵn sàng/);

    // A second server on the same folder is refused, saying which process holds it.
    const second = await startServerProcess({ env: { DATA_DIR: dir } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(ServerExited);
    expect((second as ServerExited).code).toBe(1);
    expect((second as ServerExited).text).toMatch(
      new RegExp(`đang được tiến trình ${server.child.pid} dùng`),
    );

    const code = await server.kill('SIGTERM');
    expect([code, code === 0 ? '' : server.output().slice(-3000)]).toEqual([0, '']);
    const db: Database = await openDatabase({ dataDir: dir });
    let stored: StoredSummary;
    try {
      stored = await checkStoredSaves(db.sql.query as Query, made.requestId, run.acks);
    } finally {
      await db.close();
    }
    figures.embedded = { ...summary(run, stored), kills: KILLS, savesInFlightAtEachKill: inFlight };
    expect(unexpected([server, ...killed])).toEqual([]);
    expectNothingLost(run, stored);
    expect(inFlight.every((n) => n > 0)).toBe(true);
    expect(run.stats.byStatus.network ?? 0).toBeGreaterThan(0); // the kills were felt
  }, 900_000);
});

describe('on PostgreSQL (a cluster of its own): servers killed, then PostgreSQL itself stopped', () => {
  let cluster: PostgresServer;
  let forKills: Agencies;
  let forRestarts: Agencies;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    cluster = await startPostgres(); // its own, since it is going to be stopped
    servers.push(
      await startServerProcess({ env: { DATABASE_URL: cluster.url(), SEED_DEMO: '1' } }),
      await startServerProcess({ env: { DATABASE_URL: cluster.url(), SEED_DEMO: '0' } }),
    );
    const db = await openDatabase({ databaseUrl: cluster.url() });
    try {
      forKills = await makeAgencies(db, AGENCIES, 'CHU');
      forRestarts = await makeAgencies(db, AGENCIES, 'KHOI');
    } finally {
      await db.close();
    }
  }, 300_000);
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await cluster?.stop();
  }, 120_000);

  const stored = async (made: Agencies, run: Run) => {
    const client = new pg.Client({ connectionString: cluster.url() });
    await client.connect();
    return checkStoredSaves(
      async (sql, params) => (await client.query(sql, params)).rows,
      made.requestId,
      run.acks,
    ).finally(() => client.end());
  };

  test('every save is applied exactly once with two instances, each killed in turn', async () => {
    const inFlight: number[] = [];
    const urls = servers.map((s) => s.url);
    const run = await writeThrough(forKills, urls, 2, kills(servers, KILLS * 2, inFlight));
    const summaryOf = await stored(forKills, run);
    figures.postgres = {
      ...summary(run, summaryOf),
      kills: KILLS * 2,
      savesInFlightAtEachKill: inFlight,
    };
    expect(unexpected([...servers, ...killed])).toEqual([]);
    expectNothingLost(run, summaryOf);
    expect(inFlight.every((n) => n > 0)).toBe(true);
  }, 900_000);

  test('while PostgreSQL is down the servers answer "try again later", then serve again by themselves', async () => {
    const modes: ('immediate' | 'fast')[] = [];
    const running = [...servers];
    const run = await writeThrough(
      forRestarts,
      servers.map((s) => s.url),
      3,
      async (stats) => {
        for (let i = 0; i < DATABASE_RESTARTS; i++) {
          const before = stats.acknowledged;
          await reached('saves before the stop', () => stats.acknowledged >= before + BETWEEN);
          await reached('a save in flight', () => stats.savesInFlight > 0);
          const told = stats.byCode.SERVICE_UNAVAILABLE ?? 0;
          const mode = i % 2 ? 'fast' : 'immediate'; // immediate: as if PostgreSQL crashed
          modes.push(mode);
          cluster.halt(mode);
          await reached(
            'clients told to try again',
            () => (stats.byCode.SERVICE_UNAVAILABLE ?? 0) >= told + 5,
          );
          cluster.resume();
        }
      },
    );
    // The same processes served throughout: none exited or was restarted.
    expect(servers).toEqual(running);
    for (const s of servers) {
      const exit = [s.child.exitCode, s.child.signalCode];
      // What it said is part of the comparison only when it ended, to show why.
      expect([...exit, exit[0] === null ? '' : s.output().slice(-3000)]).toEqual([null, null, '']);
    }
    const summaryOf = await stored(forRestarts, run);
    figures.databaseRestarts = { ...summary(run, summaryOf), restarts: modes };
    expect(unexpected(servers)).toEqual([]);
    expectNothingLost(run, summaryOf);
    expect(run.stats.byStatus['503'] ?? 0).toBeGreaterThan(0);
  }, 900_000);
});

test('a server whose PostgreSQL cannot be reached says so and stops', async () => {
  const url = `postgres://tonghop:mat-khau-bi-mat@127.0.0.1:${await freePort()}/tonghop`;
  const refused = await startServerProcess({ env: { DATABASE_URL: url } }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(ServerExited);
  const { code, text } = refused as ServerExited;
  expect(code).toBe(1);
  expect(text).toMatch(
    /Không khởi động được máy chủ: không kết nối được PostgreSQL \(127\.0\.0\.1:\d+, cơ sở dữ liệu "tonghop"\).*DATABASE_URL/,
  );
  expect(text).not.toContain('mat-khau-bi-mat');
  expect(text).not.toMatch(/\n\s+at /); // no stack trace
}, 120_000);
