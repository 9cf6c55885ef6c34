// An embedded database that starts as a copy of a closed one (the demo's base at a first start,
// DATA_SNAPSHOT): the copy holds what the original held, later writes stay in the copy, and a
// wrong folder is refused with its name before anything is written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../server/db/database.ts';
import { pgliteSnapshot } from '../../support/databases.ts';

describe('an embedded database started from a closed one', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-start-from-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the demo, and what it writes stays out of the original', async () => {
    const demo = pgliteSnapshot(true);
    const count = 'SELECT count(*)::int AS n FROM "User"';
    const copy = await openDatabase({ dataDir: path.join(dir, 'a'), startFrom: demo });
    try {
      const [before] = await copy.sql.query<{ n: number }>(count);
      expect(before!.n).toBeGreaterThan(5);
      await copy.sql.query('UPDATE "User" SET "name" = $1', ['Đã đổi']);
    } finally {
      await copy.close();
    }
    const other = await openDatabase({ dataDir: path.join(dir, 'b'), startFrom: demo });
    try {
      const names = await other.sql.query<{ name: string }>('SELECT "name" FROM "User"');
      expect(names.some((u) => u.name === 'Đã đổi')).toBe(false);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('refuses a folder holding no database, and memory://, writing nothing', async () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const target = path.join(dir, 'data');
    await expect(openDatabase({ dataDir: target, startFrom: empty })).rejects.toThrow(
      `${empty} không chứa cơ sở dữ liệu nhúng nào`,
    );
    expect(existsSync(target)).toBe(false);
    await expect(
      openDatabase({ dataDir: 'memory://', startFrom: pgliteSnapshot(false) }),
    ).rejects.toThrow('chỉ chép được vào một thư mục, không vào memory://');
    expect(readdirSync(dir)).toEqual(['empty']);
  });
});
