// The embedded database as `npm start` leaves it on an empty folder (migrated, demo loaded with
// its accounts), made once per test run and written as a tarball: each test server on the
// embedded database starts from it (DATA_SNAPSHOT) instead of loading the demo again, which took
// most of a test file's start. Made the same way startApp loads the demo, so nothing differs.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadShippedFrameworks } from '../../server/dti/load.ts';
import { readSeedFiles } from '../../prisma/seed/load.ts';
import { seedDemo } from '../../prisma/seed/live.ts';

/** What startApp does to an empty database with SEED_DEMO: migrations, frameworks, the demo. */
async function loadDemo(db: Database): Promise<void> {
  await migrate(db.sql);
  await loadShippedFrameworks(db.prisma);
  await seedDemo(db, readSeedFiles(), { demoUsers: true });
}

export async function writeDemoSnapshot(file: string): Promise<void> {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await loadDemo(db);
    const tarball = await db.dump!();
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
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
