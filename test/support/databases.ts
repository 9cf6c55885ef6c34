// The two storage targets every storage test runs on: PGlite (embedded, in a scratch folder) and
// the real PostgreSQL started by test/setup/global-setup.ts, a fresh database per call.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../../server/db/database.ts';

export type Target = 'pglite' | 'postgres';
export const targets: Target[] = ['pglite', 'postgres'];

/**
 * A new database on the tests' PostgreSQL: empty, or (`demo`) a copy of the demo as an empty
 * database gets it at the server's first start (test/setup/demo-snapshot.ts), so the server
 * starting on it finds the demo loaded, as on a restart.
 */
export async function freshPostgresUrl({ demo = false }: { demo?: boolean } = {}): Promise<string> {
  const base = process.env.TEST_POSTGRES_URL;
  if (!base)
    throw new Error('TEST_POSTGRES_URL is not set: run the tests through jest (global setup).');
  const template = demo ? process.env.TEST_POSTGRES_DEMO : undefined;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The folder of a closed embedded database made once per run (test/setup/global-setup.ts): the
 * demo as `npm start` loads it, or an empty one (initdb done, nothing migrated).
 */
export function pgliteSnapshot(demo: boolean): string {
  const snapshot = demo ? process.env.TEST_DEMO_SNAPSHOT : process.env.TEST_EMPTY_SNAPSHOT;
  if (!snapshot) {
    throw new Error(
      `${demo ? 'TEST_DEMO_SNAPSHOT' : 'TEST_EMPTY_SNAPSHOT'} is not set: run the tests through jest (global setup).`,
    );
  }
  return snapshot;
}

/**
 * Where the embedded test databases are made: in memory (/dev/shm, tmpfs) where the machine has
 * it. Each is a copy of a closed folder of about 60 MB in 1,300 files, removed once closed, about
 * a hundred times a run: on the ext4 disk of the machines this runs on, 0.6–1.2 s to copy and
 * 0.15–0.3 s to remove; in memory 0.09 and 0.03 s.
 */
export function scratchRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** A new folder for one embedded test database, and its removal once the database is closed. */
export function scratchDataDir(): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(path.join(scratchRoot(), 'tonghop-test-db-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * A new embedded database in a folder of its own: empty, or (`demo`) holding the demo as `npm
 * start` loads it. It starts as a copy of a database made once per run instead of running
 * initdb, the migrations and the seed again (initdb is 6–10 s of CPU and the seed about 9 s, the
 * copy about half a second); its folder is removed when it is closed.
 */
export async function freshPglite({
  demo = false,
  ...options
}: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir' | 'startFrom'> & {
  demo?: boolean;
} = {}): Promise<Database> {
  const startFrom = pgliteSnapshot(demo);
  const scratch = scratchDataDir();
  try {
    const db = await openDatabase({ ...options, dataDir: scratch.dataDir, startFrom });
    return {
      ...db,
      async close() {
        try {
          await db.close();
        } finally {
          scratch.remove();
        }
      },
    };
  } catch (error) {
    scratch.remove();
    throw error;
  }
}

export async function freshDatabase(
  target: Target,
  options: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir' | 'startFrom'> = {},
): Promise<Database> {
  if (target === 'pglite') return freshPglite(options);
  return openDatabase({ ...options, databaseUrl: await freshPostgresUrl() });
}
