// The empty embedded database kept once per PGlite version (server/db/empty-database.ts): a new
// database in an empty folder is a copy of it, works like one made by initdb, and never writes
// back into it; it is made once, a folder of another version is removed, and a failed build
// leaves nothing behind to be copied.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyPgliteFolder, openDatabase } from '../../../server/db/database.ts';
import { keptEmptyDatabase, pgliteVersion } from '../../../server/db/empty-database.ts';
import { migrate } from '../../../server/db/migrate.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-empty-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Stands for initdb: what the kept folder's logic needs is a folder holding PG_VERSION. */
const fakeInitdb = (calls: string[]) => async (folder: string) => {
  calls.push(folder);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'PG_VERSION'), '17\n');
};

test('a database in an empty folder starts as the kept copy, migrates, and leaves it untouched', async () => {
  const kept = await emptyPgliteFolder();
  expect(path.basename(kept)).toBe(pgliteVersion());
  const before = readdirSync(kept, { recursive: true }).length;
  const db = await openDatabase({ dataDir: path.join(dir, 'data') });
  try {
    expect((await migrate(db.sql)).length).toBeGreaterThan(10);
    const [row] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "Org"');
    expect(row!.n).toBe(0);
  } finally {
    await db.close();
  }
  // The migrated tables are in the copy only: a second new database is empty again.
  const again = await openDatabase({ dataDir: path.join(dir, 'again') });
  try {
    const tables = await again.sql.query(
      `SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'Org'`,
    );
    expect(tables).toEqual([]);
  } finally {
    await again.close();
  }
  expect(readdirSync(kept, { recursive: true }).length).toBe(before);
}, 60_000);

test('made once per version; another version’s folder is removed', async () => {
  const calls: string[] = [];
  const old = await keptEmptyDatabase(fakeInitdb(calls), { dir, version: '0.5.15' });
  const folder = await keptEmptyDatabase(fakeInitdb(calls), { dir, version: '0.5.16' });
  expect(await keptEmptyDatabase(fakeInitdb(calls), { dir, version: '0.5.16' })).toBe(folder);
  expect(calls).toHaveLength(2);
  expect(existsSync(old)).toBe(false);
  expect(readdirSync(dir)).toEqual(['0.5.16']);
});

test('a build that fails keeps nothing, and the next call builds again', async () => {
  const failing = async (folder: string) => {
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'PG_VERSION'), '17\n');
    throw new Error('initdb hỏng');
  };
  await expect(keptEmptyDatabase(failing, { dir, version: '0.5.16' })).rejects.toThrow(
    'initdb hỏng',
  );
  expect(readdirSync(dir)).toEqual([]);
  const calls: string[] = [];
  await keptEmptyDatabase(fakeInitdb(calls), { dir, version: '0.5.16' });
  expect(calls).toHaveLength(1);
});

test('a version that is not a plain version string is refused, writing nothing', async () => {
  await expect(
    keptEmptyDatabase(fakeInitdb([]), { dir: path.join(dir, 'kept'), version: '../x' }),
  ).rejects.toThrow('Phiên bản PGlite lạ: ../x');
  expect(readdirSync(dir)).toEqual([]);
});
