// The demo's base (prisma/seed/base.ts): a first start that copies it and loads the day's
// requests holds the same demo as one that seeds everything; what the seed stamped with its clock
// moves to the moment of the start; and a base made from other migrations is never used.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { freshPglite } from '../support/databases.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadShippedFrameworks } from '../../server/dti/load.ts';
import { readSeedFiles } from '../../prisma/seed/load.ts';
import { seedDemo, seedLive } from '../../prisma/seed/live.ts';
import {
  demoBaseInputs,
  demoBaseKey,
  ensureDemoBase,
  findDemoBase,
  refreshSeedTimes,
  type DemoBase,
} from '../../prisma/seed/base.ts';

const DAY = 86_400_000;
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'tonghop-demo-base-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * What a person sees of the demo, without ids. Instants the seed took from its clock (within
 * minutes of `now`) read as "now"; those the live part dates in the past are compared as they are.
 */
async function demoOf(db: Database, now: Date) {
  const when = (t: Date | null) =>
    t && Math.abs(now.getTime() - new Date(t).getTime()) < 10 * 60_000 ? 'now' : t;
  const dated = <T extends Record<string, unknown>>(rows: T[], keys: (keyof T)[]) =>
    rows.map((r) => ({ ...r, ...Object.fromEntries(keys.map((k) => [k, when(r[k] as Date)])) }));
  const tables = await db.sql.query<{ table: string }>(
    `SELECT table_name AS "table" FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table } of tables) {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = row!.n;
  }
  const users = await db.sql.query(
    `SELECT u.email, u.name, o.code AS org,
            array_agg(r.role || ':' || coalesce(s.code, '') ORDER BY r.role, s.code) AS roles
     FROM "User" u JOIN "Org" o ON o.id = u."orgId"
     LEFT JOIN "UserRole" r ON r."userId" = u.id LEFT JOIN "Org" s ON s.id = r."scopeOrgId"
     GROUP BY u.email, u.name, o.code ORDER BY u.email`,
  );
  const requests = dated(
    await db.sql.query(
      `SELECT key, title, deadline, "createdAt" FROM "ReportRequest" ORDER BY key`,
    ),
    ['createdAt'],
  );
  const submissions = dated(
    await db.sql.query(
      `SELECT q.key, o.code AS org, s.status, s."createdAt", s."returnedAt", s."acceptedAt"
       FROM "Submission" s JOIN "ReportRequest" q ON q.id = s."requestId"
       JOIN "Org" o ON o.id = s."orgId" ORDER BY q.key, o.code`,
    ),
    ['createdAt', 'returnedAt', 'acceptedAt'],
  );
  return { counts, users, requests, submissions };
}

describe('a first start from the demo base', () => {
  let base: DemoBase;
  let seeded: Database;
  let fromBase: Database;

  beforeAll(async () => {
    // The base `npm install` made for this code (made now if it is missing), as npm start uses it.
    const made = await ensureDemoBase(demoBaseKey(demoBaseInputs()));
    base = made!;
    seeded = await freshPglite();
    fromBase = await openDatabase({ dataDir: path.join(scratch, 'data'), startFrom: base.folder });
  }, 600_000);
  afterAll(async () => {
    await seeded?.close();
    await fromBase?.close();
  });

  test('holds the same demo as a start that seeds it, for the same day', async () => {
    const now = new Date();
    await migrate(seeded.sql);
    await loadShippedFrameworks(seeded.prisma);
    await seedDemo(seeded, readSeedFiles(), { demoUsers: true, now });

    await refreshSeedTimes(fromBase.sql, base.stamp, now);
    expect(await migrate(fromBase.sql)).toEqual([]);
    expect(await loadShippedFrameworks(fromBase.prisma)).toEqual([]);
    await seedLive(fromBase, readSeedFiles(), { demoUsers: true, baseLoaded: true, now });

    const expected = await demoOf(seeded, now);
    const actual = await demoOf(fromBase, now);
    expect(actual.counts).toEqual(expected.counts);
    expect(actual.users).toEqual(expected.users);
    expect(actual.requests).toEqual(expected.requests);
    expect(actual.submissions).toEqual(expected.submissions);
    expect(actual.submissions.length).toBeGreaterThan(0);
  }, 600_000);

  test('what the seed stamped with its clock moves to the start; dates of the files stay', async () => {
    const copy = await openDatabase({
      dataDir: path.join(scratch, 'later'),
      startFrom: base.folder,
    });
    try {
      await movesToTheStart(copy);
    } finally {
      await copy.close();
    }
  });

  async function movesToTheStart(fromBase: Database) {
    const later = new Date(new Date(base.stamp.seededTo).getTime() + 30 * DAY);
    const before = await fromBase.sql.query<{ key: string; issuedOn: Date | null }>(
      `SELECT key, "issuedOn" FROM "Document" ORDER BY key`,
    );
    await refreshSeedTimes(fromBase.sql, base.stamp, later);
    const [published] = await fromBase.sql.query<{ first: Date }>(
      `SELECT min("publishedAt") AS first FROM "ReportTemplate" WHERE "publishedAt" IS NOT NULL`,
    );
    const [orgs] = await fromBase.sql.query<{ first: Date }>(
      `SELECT min("createdAt") AS first FROM "Org"`,
    );
    const movedFrom = new Date(base.stamp.seededFrom).getTime() + 30 * DAY;
    expect(new Date(published!.first).getTime()).toBeGreaterThanOrEqual(movedFrom);
    expect(new Date(orgs!.first).getTime()).toBeGreaterThanOrEqual(movedFrom);
    expect(await fromBase.sql.query(`SELECT key, "issuedOn" FROM "Document" ORDER BY key`)).toEqual(
      before,
    );
    expect(before.some((d) => d.issuedOn !== null)).toBe(true);
  }
});

describe('making the demo base', () => {
  test('is built in a folder of its own, then stamped; bases of other keys are removed', async () => {
    const bases = path.join(scratch, 'made');
    const other = 'a'.repeat(64);
    mkdirSync(path.join(bases, other), { recursive: true });
    writeFileSync(path.join(bases, other, 'PG_VERSION'), '17\n');
    writeFileSync(path.join(bases, `${other}.json`), '{}');
    const key = 'b'.repeat(64);
    let whileBuilding: string[] = [];
    const before = Date.now();
    // Only the migrations: what is built does not matter here, where it goes does.
    const made = await ensureDemoBase(key, bases, async (db) => {
      await migrate(db.sql);
      whileBuilding = readdirSync(bases);
    });
    expect(made?.folder).toBe(path.join(bases, key));
    expect(existsSync(path.join(bases, key, 'PG_VERSION'))).toBe(true);
    expect(new Date(made!.stamp.seededFrom).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(made!.stamp.seededTo).getTime()).toBeGreaterThanOrEqual(
      new Date(made!.stamp.seededFrom).getTime(),
    );
    expect(findDemoBase(key, bases)).toEqual(made);
    expect(existsSync(path.join(bases, other))).toBe(false);
    expect(existsSync(path.join(bases, `${other}.json`))).toBe(false);
    // While it was built, only a building folder was there: no half-made base under its key.
    expect(whileBuilding.filter((n) => n.startsWith(key))).toEqual([]);
    expect(whileBuilding.some((n) => n.startsWith('.building-'))).toBe(true);
    expect(readdirSync(bases).filter((n) => n.startsWith('.building-'))).toEqual([]);

    // A second call finds it and builds nothing.
    let builtAgain = false;
    await ensureDemoBase(key, bases, async () => {
      builtAgain = true;
    });
    expect(builtAgain).toBe(false);
  }, 120_000);
});

describe('the key of the demo base', () => {
  const repo = () => {
    const dir = mkdtempSync(path.join(scratch, 'repo-'));
    for (const [name, text] of Object.entries({
      'prisma/migrations/20260101000000_init/migration.sql': 'CREATE TABLE a (id int);',
      'prisma/seed/data/demo.json': '{}',
      'server/app.ts': 'export {};',
    })) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  };
  const keyOf = (dir: string) => demoBaseKey(demoBaseInputs(dir));

  test('changes with a migration added or edited, and with the seed files', () => {
    const dir = repo();
    const first = keyOf(dir);
    expect(keyOf(dir)).toBe(first);
    const added = path.join(dir, 'prisma/migrations/20260201000000_more/migration.sql');
    mkdirSync(path.dirname(added));
    writeFileSync(added, 'ALTER TABLE a ADD b int;');
    const withAdded = keyOf(dir);
    expect(withAdded).not.toBe(first);
    writeFileSync(added, 'ALTER TABLE a ADD c int;');
    expect(keyOf(dir)).not.toBe(withAdded);
    writeFileSync(path.join(dir, 'prisma/seed/data/demo.json'), '{"documents":[]}');
    expect(new Set([first, withAdded, keyOf(dir)]).size).toBe(3);
  });

  test('a base kept for other migrations is not used', () => {
    const bases = path.join(scratch, 'kept');
    const dir = repo();
    const old = keyOf(dir);
    mkdirSync(path.join(bases, old), { recursive: true });
    writeFileSync(path.join(bases, old, 'PG_VERSION'), '17\n');
    const stamp = { seededFrom: new Date().toISOString(), seededTo: new Date().toISOString() };
    writeFileSync(path.join(bases, `${old}.json`), JSON.stringify(stamp));
    expect(findDemoBase(old, bases)?.folder).toBe(path.join(bases, old));

    writeFileSync(
      path.join(dir, 'prisma/migrations/20260101000000_init/migration.sql'),
      'CREATE TABLE a (id bigint);',
    );
    expect(findDemoBase(keyOf(dir), bases)).toBeNull();
  });
});
