// Starts one real PostgreSQL (Debian's package) for the whole run; each test file creates its own
// database on it (test/support/databases.ts).
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';

declare global {
  var __postgres: PostgresServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_POSTGRES_URL) return; // a server given from outside
  const server = await startPostgres();
  globalThis.__postgres = server;
  process.env.TEST_POSTGRES_URL = server.url();
}
