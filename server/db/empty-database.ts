// An empty embedded database (initdb done, nothing else) kept once per PGlite version in
// generated/pglite-empty/<version>/, so that an embedded database made in an empty folder starts
// as a copy of it. PGlite runs initdb inside WebAssembly: about 4 s of CPU, paid otherwise by
// every new database (a first start without the demo, the demo's base at install, each test run),
// where the copy of the closed folder takes a fraction of a second.
//
// What initdb writes depends on PostgreSQL's build only, so the PGlite version is the whole key: a
// folder of another version is never copied, and is removed once this version's is made.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where the kept empty databases are (generated/ is made by `npm install`, never committed). */
export const emptyDatabaseDir = path.join(root, 'generated', 'pglite-empty');

/** The installed PGlite's version: what the kept database was made by. */
export function pgliteVersion(): string {
  // Its package.json is not among the package's exports: found from the entry point instead.
  let folder = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(folder, 'package.json'))) folder = path.dirname(folder);
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    version: string;
  };
  return String(manifest.version);
}

/**
 * The folder of the empty database kept for `version`, made by `create` (which initdbs the folder
 * it is given and closes it) when none is kept. Built in a folder of its own and renamed into
 * place, so a copy never sees half of it; two processes making it at once each build theirs and
 * the first rename wins.
 */
export async function keptEmptyDatabase(
  create: (folder: string) => Promise<void>,
  { dir = emptyDatabaseDir, version = pgliteVersion() }: { dir?: string; version?: string } = {},
): Promise<string> {
  if (!/^[0-9A-Za-z.+-]+$/.test(version)) throw new Error(`Phiên bản PGlite lạ: ${version}`);
  const folder = path.join(dir, version);
  if (existsSync(path.join(folder, 'PG_VERSION'))) return folder;
  mkdirSync(dir, { recursive: true });
  const building = path.join(dir, `.building-${randomUUID()}`);
  try {
    await create(building);
    try {
      renameSync(building, folder);
    } catch (error) {
      // Made meanwhile by another process: that one is as good.
      if (!existsSync(path.join(folder, 'PG_VERSION'))) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  for (const name of readdirSync(dir)) {
    if (name !== version && !name.startsWith('.building-')) {
      rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
  return folder;
}
