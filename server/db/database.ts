// One database handle for both targets: PGlite (embedded PostgreSQL in a folder) by default, or
// a PostgreSQL server named by DATABASE_URL. Prisma runs over the matching driver adapter; raw
// SQL (migrations, hand-written queries) goes through `sql`.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client.ts';
import { LOCK_FILE, lockDataDir } from './lock.ts';
import { keptEmptyDatabase } from './empty-database.ts';
import { loadPostgresDriver } from '../libraries.ts';

export type Row = Record<string, unknown>;

/** Raw SQL access that behaves the same on PGlite and PostgreSQL. */
export interface Sql {
  /**
   * `name` makes it a prepared statement on a PostgreSQL server: planned once per connection,
   * for hot statements whose planning costs more than their execution. PGlite ignores it.
   */
  query<T = Row>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Several statements, no parameters. */
  exec(text: string): Promise<void>;
  /** Runs fn in one transaction: all of it is applied, or none. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  sql: Sql;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | null;
  /** Folder for PGlite; undefined or memory:// keeps it in memory (tests). */
  dataDir?: string;
  /** Log every SQL statement Prisma sends (the N+1 test counts them). */
  onQuery?: (sql: string) => void;
  /**
   * The folder of a closed embedded database that a folder holding no database yet starts as a
   * copy of: a first start copies the demo's base (prisma/seed/base.ts), each test database the
   * demo or an empty database made once per run (DATA_SNAPSHOT, test/setup/global-setup.ts). A
   * plain file copy: PGlite reads the files it needs as it goes, where a tarball (its dump) is
   * unpacked whole into memory first (0.45 against 0.9 s for the demo).
   */
  startFrom?: string | null;
}

/**
 * Interactive transactions (prisma.$transaction(fn)) wait and run longer than Prisma's 2 s / 5 s
 * defaults: loading the shipped frameworks or a large import is one transaction of several
 * seconds, and on a busy 2-core machine it outlived the default timeout and was rolled back.
 */
export const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 60_000 } as const;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

function pgliteSql(db: Pick<PGlite, 'query' | 'exec'>): Omit<Sql, 'transaction'> {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const result = await db.query<T>(text, params);
      return result.rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
  };
}

/** Whether an embedded database's folder already holds a database (memory:// never does). */
export function holdsDatabase(dataDir: string | undefined): boolean {
  return (
    !!dataDir && !dataDir.startsWith('memory://') && existsSync(path.join(dataDir, 'PG_VERSION'))
  );
}

/**
 * PGlite runs PostgreSQL inside this process, and zeroes its whole buffer pool each time it opens:
 * PostgreSQL's default 128 MB costs about 0.6 s of every start, and of every test database. The
 * embedded database is the demo's and a small province's (tens of MB), so 32 MB holds what it
 * reads often; the operating system's file cache holds the rest. A PostgreSQL server
 * (DATABASE_URL) keeps its own settings.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

function createPglite(dataDir: string | undefined): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm }, startParams: PGLITE_START_PARAMS });
}

/** The folder of the empty embedded database kept for this PGlite version (empty-database.ts). */
export function emptyPgliteFolder(): Promise<string> {
  return keptEmptyDatabase(async (folder) => (await createPglite(folder)).close());
}

/**
 * What a folder holding no database yet starts as a copy of when nothing else is named: the kept
 * empty database, made now if none is kept. Null when none can be kept (generated/ not writable):
 * initdb then runs in the folder itself, as PGlite does.
 */
async function emptyDatabaseToCopy(): Promise<string | null> {
  try {
    return await emptyPgliteFolder();
  } catch {
    return null;
  }
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  if (options.startFrom) {
    // DATA_SNAPSHOT names the folder: a wrong one is said before anything is written.
    if (!holdsDatabase(options.startFrom)) {
      throw new Error(
        `${options.startFrom} không chứa cơ sở dữ liệu nhúng nào để bắt đầu từ đó / holds no embedded database to start from.`,
      );
    }
    if (!options.dataDir || options.dataDir.startsWith('memory://')) {
      throw new Error(
        `Cơ sở dữ liệu ${options.startFrom} chỉ chép được vào một thư mục, không vào memory:// / a database to start from is copied into a folder, not memory://.`,
      );
    }
  }
  let unlock: () => void = () => undefined;
  if (options.dataDir && !options.dataDir.startsWith('memory://')) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  let pglite: PGlite;
  try {
    if (
      options.dataDir &&
      !options.dataDir.startsWith('memory://') &&
      !holdsDatabase(options.dataDir)
    ) {
      const startFrom = options.startFrom ?? (await emptyDatabaseToCopy());
      if (startFrom) {
        const lock = path.join(startFrom, LOCK_FILE);
        cpSync(startFrom, options.dataDir, { recursive: true, filter: (f) => f !== lock });
      }
    }
    pglite = await createPglite(options.dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const sql: Sql = {
    ...pgliteSql(pglite),
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          ...pgliteSql(tx),
          transaction: () => {
            throw new Error('Nested transactions are not supported');
          },
        }),
      ),
  };
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(pglite),
    transactionOptions: TRANSACTION_LIMITS,
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    prisma.$on('query' as never, (e: { query: string }) => onQuery(e.query));
  }
  return {
    kind: 'pglite',
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}

function poolSql(client: pg.Pool | pg.PoolClient): Omit<Sql, 'transaction'> {
  return {
    async query<T>(text: string, params?: unknown[], name?: string) {
      const result = await client.query(
        name ? { name, text, values: params } : { text, values: params },
      );
      return result.rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const { pg, PrismaPg } = await loadPostgresDriver();
  // As many connections as Prisma's own pool: the hottest reads (sign-in token, report sheet) go
  // through this one, and with fewer than the requests in flight they wait for each other.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (PostgreSQL restarting) is an 'error' event: without
  // a listener it would end the process. The pool opens a new connection on the next query.
  pool.on('error', () => undefined);
  const sql: Sql = {
    ...poolSql(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          ...poolSql(client),
          transaction: () => {
            throw new Error('Nested transactions are not supported');
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    transactionOptions: TRANSACTION_LIMITS,
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    prisma.$on('query' as never, (e: { query: string }) => onQuery(e.query));
  }
  return {
    kind: 'postgres',
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
