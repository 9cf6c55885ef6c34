// The embedded database as `npm start` leaves it on an empty folder (migrated, demo loaded with
// its accounts), made once per test run as a closed database folder: each test server on the
// embedded database starts as a copy of it (DATA_SNAPSHOT) instead of loading the demo again,
// which took most of a test file's start. Made the way startApp makes a first start
// (server/app.ts): a copy of the demo's base made at install, its seed times moved to now, then
// the day's requests.
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadShippedFrameworks } from '../../server/dti/load.ts';
import { readSeedFiles } from '../../prisma/seed/load.ts';
import { seedDemo, seedLive } from '../../prisma/seed/live.ts';
import {
  demoBaseInputs,
  demoBaseKey,
  ensureDemoBase,
  refreshSeedTimes,
} from '../../prisma/seed/base.ts';

/** What startApp does to an empty database with SEED_DEMO and no base: migrations, frameworks, the demo. */
async function loadDemo(db: Database): Promise<void> {
  await migrate(db.sql);
  await loadShippedFrameworks(db.prisma);
  await seedDemo(db, readSeedFiles(), { demoUsers: true });
}

/** The demo in the folder `dir` (absent or empty), closed once made. */
export async function writeDemoSnapshot(dir: string): Promise<void> {
  const base = await ensureDemoBase(demoBaseKey(demoBaseInputs()));
  // Without a base (another process is making it right now) everything is seeded, as startApp
  // then does.
  const db = await openDatabase({ dataDir: dir, startFrom: base?.folder });
  try {
    if (!base) {
      await loadDemo(db);
      return;
    }
    await refreshSeedTimes(db.sql, base.stamp);
    await migrate(db.sql);
    await loadShippedFrameworks(db.prisma);
    await seedLive(db, readSeedFiles(), { demoUsers: true, baseLoaded: true });
  } finally {
    await db.close();
  }
}

/**
 * The same demo in a database `name` on the tests' PostgreSQL, made once per run: a test that
 * wants the demo on PostgreSQL copies it (`CREATE DATABASE … TEMPLATE`, a file copy) instead of
 * migrating and seeding again (test/support/databases.ts `freshPostgresUrl({ demo: true })`).
 */
export async function writeDemoTemplate(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Closed before any copy is made: PostgreSQL copies a template nobody is connected to.
  const db = await openDatabase({ databaseUrl: url.toString() });
  try {
    await loadDemo(db);
  } finally {
    await db.close();
  }
}
