// Starts one real PostgreSQL (Debian's package) for the whole run; each test file creates its own
// database on it (test/support/databases.ts). Also makes the embedded demo database once
// (demo-snapshot.ts), which every test server on the embedded database starts from, and the same
// demo as a template database on PostgreSQL, which the PostgreSQL test servers copy; tests wanting
// an empty embedded database of their own copy the one kept at install. And builds the server's
// bundle that `npm start` runs (scripts/start-server.mjs), for the tests that start server
// processes: once here, not once per worker racing the others.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { scratchRoot } from '../support/databases.ts';
import { writeDemoSnapshot, writeDemoTemplate } from './demo-snapshot.ts';
import globalTeardown from './global-teardown.ts';
import { emptyPgliteFolder } from '../../server/db/database.ts';

/** The template database holding the demo on the tests' PostgreSQL. */
const DEMO_TEMPLATE = 'demo_template';

declare global {
  var __postgres: PostgresServer | undefined;
  var __snapshotDir: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  const snapshotDir = () =>
    (globalThis.__snapshotDir ??= mkdtempSync(path.join(scratchRoot(), 'tonghop-snapshot-')));
  const snapshot = async () => {
    if (process.env.TEST_DEMO_SNAPSHOT) return;
    const dir = path.join(snapshotDir(), 'demo');
    await writeDemoSnapshot(dir);
    process.env.TEST_DEMO_SNAPSHOT = dir;
  };
  const empty = async () => {
    // The one `npm install` keeps (server/db/empty-database.ts): tests only ever copy it.
    process.env.TEST_EMPTY_SNAPSHOT ??= await emptyPgliteFolder();
  };
  const postgres = async () => {
    if (process.env.TEST_POSTGRES_URL) return; // a server given from outside
    const server = await startPostgres();
    globalThis.__postgres = server;
    process.env.TEST_POSTGRES_URL = server.url();
    await writeDemoTemplate(server.url(), DEMO_TEMPLATE);
    process.env.TEST_POSTGRES_DEMO = DEMO_TEMPLATE;
  };
  const bundle = async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    await promisify(execFile)(process.execPath, ['scripts/start-server.mjs', '--build'], {
      cwd: root,
    });
  };
  // Every part ends before a failure is reported: jest runs no teardown after a failed setup, so
  // what was made (the PostgreSQL server, the snapshot folder) is removed here.
  const results = await Promise.allSettled([bundle(), snapshot(), empty(), postgres()]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await globalTeardown();
    throw failure.reason;
  }
}
