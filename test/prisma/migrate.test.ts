// Migrations apply from empty on both storage targets, are recorded so none runs twice, leave the
// database as it was when one fails, and produce exactly what schema.prisma describes.
import {
  migrate,
  readMigrations,
  MigrationError,
  type Migration,
} from '../../server/db/migrate.ts';
import {
  diffCatalogs,
  expectedCatalog,
  loadDatamodel,
  readCatalog,
} from '../../prisma/tools/catalog.ts';
import { freshDatabase, targets } from '../support/databases.ts';
import type { Database } from '../../server/db/database.ts';

const tableNames = async (db: Database) =>
  (
    await db.sql.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    )
  ).map((r) => r.name);

describe.each(targets)('migrations on %s', (target) => {
  let db: Database;
  beforeEach(async () => {
    db = await freshDatabase(target);
  });
  afterEach(async () => {
    await db.close();
  });

  it('apply from empty, are recorded, and do not run twice', async () => {
    const all = readMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(await migrate(db.sql)).toEqual(all.map((m) => m.name));
    expect(await migrate(db.sql)).toEqual([]);
    const recorded = await db.sql.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(recorded).toEqual(all.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  });

  it('produce the database schema.prisma describes (no drift)', async () => {
    await migrate(db.sql);
    const expected = expectedCatalog(await loadDatamodel());
    const actual = await readCatalog((sql) => db.sql.query(sql));
    expect(diffCatalogs(expected, actual)).toEqual([]);
    // The comparison itself sees a difference when there is one.
    await db.sql.exec('ALTER TABLE "Org" ADD COLUMN "stray" TEXT');
    const drifted = await readCatalog((sql) => db.sql.query(sql));
    expect(diffCatalogs(expected, drifted)).toEqual(['column Org.stray: not in schema']);
  });

  it('leave the database as it was when one fails', async () => {
    await migrate(db.sql);
    const before = await tableNames(db);
    const broken: Migration[] = [
      ...readMigrations(),
      { name: '29990101000000_good', sql: 'CREATE TABLE "Extra" (id int);', checksum: 'a' },
      {
        name: '29990102000000_bad',
        sql: 'CREATE TABLE "Extra2" (id int); SELECT * FROM nowhere;',
        checksum: 'b',
      },
    ];
    await expect(migrate(db.sql, broken)).rejects.toThrow(MigrationError);
    await expect(migrate(db.sql, broken)).rejects.toThrow(/29990102000000_bad thất bại/);
    expect(await tableNames(db)).toEqual(before);
    const recorded = await db.sql.query(
      'SELECT 1 FROM "_prisma_migrations" WHERE migration_name LIKE \'2999%\'',
    );
    expect(recorded).toHaveLength(0);
  });

  it('refuse to go on when an applied migration file was edited', async () => {
    const all = readMigrations();
    await migrate(db.sql, all);
    const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    await expect(migrate(db.sql, edited)).rejects.toThrow(/đã bị sửa/);
  });
});
