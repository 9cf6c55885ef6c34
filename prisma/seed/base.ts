// The demo's base: the embedded database as `npm start` loads it on an empty folder, up to (not
// including) the live requests, kept as a closed database's folder in generated/demo-base/<key>/
// (made by `npm install`, or by the first start that finds none) so a first start copies it into
// its empty folder instead of creating a database, migrating and seeding again.
//
// Kept correct three ways:
// - Its key is a hash of everything that could change what it holds: the migrations, the seed and
//   catalogue files, and the code of server/, shared/ and prisma/ (and the lockfile). A base of
//   another key is never loaded; the start makes the base of its own key first.
// - The live requests depend on the day (live.ts): they are never in the base; the start loads
//   them on top of it for today, exactly as after a fresh seed.
// - What the seed stamped with the clock (createdAt, publishedAt, …) is moved to the moment of the
//   start (refreshSeedTimes): every timestamp the seeding window holds is shifted by the time since.
// Migrations added later are part of the key: an older base is not loaded, never migrated.
import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database, type Sql } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadShippedFrameworks } from '../../server/dti/load.ts';
import { seedDemoBase } from './live.ts';
import { readSeedFiles } from './load.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where the base and its stamp are kept (generated/ is made by `npm install`, never committed). */
export const demoBaseDir = path.join(root, 'generated', 'demo-base');

/** What the base is made from, relative to the repository (folders are read whole). */
export const DEMO_BASE_INPUTS = ['prisma', 'server', 'shared', 'package-lock.json'];

/** Built files and bundles under the inputs that are not what the base is made from. */
const NOT_INPUT = new Set(['dist', 'node_modules']);

export interface InputFile {
  /** Relative to the repository, with forward slashes. */
  name: string;
  text: Buffer;
}

/** The files the base depends on, in a stable order. */
export function demoBaseInputs(base: string = root, inputs = DEMO_BASE_INPUTS): InputFile[] {
  const files: InputFile[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(path.join(base, rel), { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!NOT_INPUT.has(e.name)) walk(child);
      } else if (e.isFile()) {
        files.push({ name: child, text: readFileSync(path.join(base, child)) });
      }
    }
  };
  for (const input of inputs) {
    const full = path.join(base, input);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) walk(input);
    else files.push({ name: input, text: readFileSync(full) });
  }
  return files;
}

/** The key of a base made from these files: any change of name or content changes it. */
export function demoBaseKey(files: InputFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(`${f.name}\0${f.text.length}\0`);
    hash.update(f.text);
  }
  return hash.digest('hex');
}

/** What the stamp beside the base's folder says. */
export interface DemoBaseStamp {
  /** The seeding window: every timestamp in it was stamped by the seed's clock. */
  seededFrom: string;
  seededTo: string;
}

export interface DemoBase {
  /** A closed embedded database's folder, copied into an empty data folder to start from. */
  folder: string;
  stamp: DemoBaseStamp;
}

const KEY = /^[0-9a-f]{64}$/;

/** The base kept for this key, or null (none, or only of other files). */
export function findDemoBase(key: string, dir: string = demoBaseDir): DemoBase | null {
  try {
    const stamp = JSON.parse(readFileSync(path.join(dir, `${key}.json`), 'utf8')) as DemoBaseStamp;
    const folder = path.join(dir, key);
    return existsSync(path.join(folder, 'PG_VERSION')) ? { folder, stamp } : null;
  } catch {
    return null;
  }
}

/**
 * The base of `key`, made now when none is kept: the database is built in a folder of its own,
 * closed (so its files are whole), then renamed into place and stamped; bases of other keys are
 * removed. Two processes making it at once each build their own; the first rename wins, and
 * the other answers null until the winner's stamp is written (its caller seeds as before).
 */
export async function ensureDemoBase(
  key: string,
  dir: string = demoBaseDir,
  build: (db: Database) => Promise<void> = buildDemoBase,
): Promise<DemoBase | null> {
  const found = findDemoBase(key, dir);
  if (found) return found;
  mkdirSync(dir, { recursive: true });
  const building = path.join(dir, `.building-${randomUUID()}`);
  const seededFrom = new Date();
  try {
    const db = await openDatabase({ dataDir: building });
    try {
      await build(db);
    } finally {
      await db.close();
    }
    const stamp: DemoBaseStamp = {
      seededFrom: seededFrom.toISOString(),
      seededTo: new Date().toISOString(),
    };
    try {
      renameSync(building, path.join(dir, key));
    } catch {
      // made meanwhile by another process: that one is used once stamped
      return findDemoBase(key, dir);
    }
    const stampFile = path.join(dir, `${key}.json`);
    writeFileSync(`${stampFile}.${process.pid}`, JSON.stringify(stamp));
    renameSync(`${stampFile}.${process.pid}`, stampFile);
    for (const name of readdirSync(dir)) {
      const other = name.replace(/\.json$/, '');
      if (KEY.test(other) && other !== key) {
        rmSync(path.join(dir, name), { recursive: true, force: true });
      }
    }
    return { folder: path.join(dir, key), stamp };
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** What `npm start` loads before the live requests, in the same order (live.ts seedDemo). */
export async function buildDemoBase(db: Database): Promise<void> {
  await migrate(db.sql);
  await loadShippedFrameworks(db.prisma);
  await seedDemoBase(db, readSeedFiles(), { demoUsers: true });
}

/**
 * Moves what the seed stamped with its clock to `now`: every timestamp column's values inside the
 * seeding window are shifted by the time since (the window is seconds long; no date of the seed
 * files falls in it). One statement, so the start pays one round trip, not one per column.
 */
export async function refreshSeedTimes(
  sql: Sql,
  stamp: DemoBaseStamp,
  now: Date = new Date(),
): Promise<void> {
  const from = new Date(stamp.seededFrom).getTime();
  const to = new Date(stamp.seededTo).getTime();
  const shiftMs = now.getTime() - to;
  if (!(shiftMs > 0) || !Number.isFinite(from) || !Number.isFinite(to)) return;
  await sql.exec(`DO $refresh$
DECLARE c record; bound text;
BEGIN
  FOR c IN
    SELECT col.table_name, col.column_name, col.data_type
    FROM information_schema.columns col
    JOIN information_schema.tables t
      ON t.table_schema = col.table_schema AND t.table_name = col.table_name
    WHERE col.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND col.data_type IN ('timestamp with time zone', 'timestamp without time zone')
  LOOP
    -- $2 and $3 are instants; a column without time zone holds them as UTC.
    bound := CASE WHEN c.data_type = 'timestamp with time zone' THEN '%s'
      ELSE '(%s AT TIME ZONE ''UTC'')' END;
    EXECUTE format(
      'UPDATE %I SET %I = %I + $1 WHERE %I BETWEEN ' || format(bound, '$2') || ' AND '
        || format(bound, '$3'),
      c.table_name, c.column_name, c.column_name, c.column_name)
    USING make_interval(secs => ${shiftMs} / 1000.0),
      to_timestamp(${from} / 1000.0), to_timestamp(${to} / 1000.0);
  END LOOP;
END $refresh$`);
}
