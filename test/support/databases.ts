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

export async function freshDatabase(
  target: Target,
  options: Omit<DatabaseOptions, 'databaseUrl'> = {},
): Promise<Database> {
  if (target === 'pglite') return openDatabase(options);
  return openDatabase({ ...options, databaseUrl: await freshPostgresUrl() });
}
