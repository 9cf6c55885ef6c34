// Applies prisma/migrations/*/migration.sql in name order, recording each in Prisma's own
// `_prisma_migrations` table so none runs twice. Each migration runs in one transaction with its
// record, all pending ones in a single transaction: a failure leaves the database as it was. A lock keeps two starting instances from
// migrating at once.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './database.ts';

export const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = migrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const createTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every instance of this project.
const LOCK_ID = 7_393_586_403;

export class MigrationError extends Error {}

/** Applies what is pending; returns the names applied now. */
export async function migrate(
  sql: Sql,
  migrations: Migration[] = readMigrations(),
): Promise<string[]> {
  return sql.transaction(async (tx) => {
    // Transaction-scoped: released at commit or rollback, also when the process dies.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.exec(createTable);
    const applied = await tx.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const known = new Map(applied.map((m) => [m.migration_name, m.checksum]));
    for (const [name, checksum] of known) {
      const file = migrations.find((m) => m.name === name);
      if (file && file.checksum !== checksum) {
        throw new MigrationError(
          `Migration ${name} đã được áp dụng nhưng tệp SQL của nó đã bị sửa (checksum khác). ` +
            'Hãy khôi phục tệp và viết thay đổi thành một migration mới.',
        );
      }
    }
    const pending = migrations.filter((m) => !known.has(m.name));
    for (const m of pending) {
      try {
        await tx.exec(m.sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(
          `Migration ${m.name} thất bại, cơ sở dữ liệu giữ nguyên: ${reason}`,
        );
      }
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), m.checksum, m.name],
      );
    }
    return pending.map((m) => m.name);
  });
}
