// The two storage targets every storage test runs on: PGlite (embedded, in memory here) and the
// real PostgreSQL started by test/setup/global-setup.ts, a fresh database per call.
import { randomBytes } from 'node:crypto';
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
 * A new embedded database in memory: empty, or (`demo`) holding the demo as `npm start` loads it.
 * It starts from the databases made once per run (test/setup/global-setup.ts) instead of running
 * initdb, the migrations and the seed again: initdb is 6–10 s of CPU and the seed about 9 s, a
 * start from the tarball about 2 s.
 */
export function freshPglite({
  demo = false,
  ...options
}: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir' | 'snapshot'> & {
  demo?: boolean;
} = {}): Promise<Database> {
  const snapshot = demo ? process.env.TEST_DEMO_SNAPSHOT : process.env.TEST_EMPTY_SNAPSHOT;
  if (demo && !snapshot) {
    throw new Error('TEST_DEMO_SNAPSHOT is not set: run the tests through jest (global setup).');
  }
  return openDatabase({ ...options, snapshot: snapshot ?? null });
}

export async function freshDatabase(
  target: Target,
  options: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir' | 'snapshot'> = {},
): Promise<Database> {
  if (target === 'pglite') return freshPglite(options);
  return openDatabase({ ...options, databaseUrl: await freshPostgresUrl() });
}
