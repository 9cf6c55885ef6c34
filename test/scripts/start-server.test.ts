// `npm start` runs the server from a bundle (scripts/start-server.mjs): it must never run code
// older than its sources, and each module must still find its files from its own address.
// Checked on a scratch project of two modules, with the checkout's esbuild.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serverBuild } from '../../scripts/start-server.mjs';

const checkout = fileURLToPath(new URL('../..', import.meta.url));
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tonghop-start-'));
  mkdirSync(path.join(root, 'server/db'), { recursive: true });
  symlinkSync(path.join(checkout, 'node_modules'), path.join(root, 'node_modules'));
  writeFileSync(
    path.join(root, 'server/db/where.ts'),
    "export const migrations: string = new URL('./migrations/', import.meta.url).href;\n",
  );
  writeFileSync(
    path.join(root, 'server/main.ts'),
    "import { migrations } from './db/where.ts';\nconsole.log(`v1 ${migrations}`);\n",
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** What the bundle prints when Node runs it. */
const run = (bundle: string, ...args: string[]) =>
  execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8' }).trim();

test('a built bundle runs, and each module keeps its own address', async () => {
  const server = serverBuild(root);
  expect(server.isFresh()).toBe(false);
  expect(await server.ensure()).toBe(true);
  expect(server.isFresh()).toBe(true);
  // where.ts's own folder, not the bundle's (.build/server/).
  expect(run(server.bundle)).toBe(
    `v1 ${pathToFileURL(path.join(root, 'server/db/migrations')).href}/`,
  );
  expect(await server.ensure()).toBe(false);
});

test('a changed source file is rebuilt before the next start', async () => {
  const server = serverBuild(root);
  await server.ensure();
  const main = path.join(root, 'server/main.ts');
  writeFileSync(
    main,
    "import { migrations } from './db/where.ts';\nconsole.log(`v2 ${migrations}`);\n",
  );
  // Another modification time than the one recorded, even if the size happened to be the same.
  const earlier = new Date(Date.now() - 60_000);
  utimesSync(main, earlier, earlier);
  expect(server.isFresh()).toBe(false);
  expect(await server.ensure()).toBe(true);
  expect(run(server.bundle)).toMatch(/^v2 /);
});

test('an imported module changed, or a checkout moved, makes the bundle stale', async () => {
  await serverBuild(root).ensure();
  const where = path.join(root, 'server/db/where.ts');
  writeFileSync(where, "export const migrations: string = 'elsewhere';\n");
  const earlier = new Date(Date.now() - 60_000);
  utimesSync(where, earlier, earlier);
  expect(serverBuild(root).isFresh()).toBe(false);
  await serverBuild(root).ensure();
  expect(serverBuild(root).isFresh()).toBe(true);
  expect(run(serverBuild(root).bundle)).toBe('v1 elsewhere');
  // The same files under another path: the module addresses inside would be wrong.
  const moved = `${root}-moved`;
  execFileSync('cp', ['-a', root, moved]);
  try {
    expect(serverBuild(moved).isFresh()).toBe(false);
  } finally {
    rmSync(moved, { recursive: true, force: true });
  }
});

test('a module loaded on first use, and its packages, are not loaded by the start', async () => {
  writeFileSync(
    path.join(root, 'server/late.ts'),
    "import canonicalize from 'canonicalize';\n" +
      "export const text = `${canonicalize({ b: 1, a: 2 })} ${new URL('.', import.meta.url).href}`;\n",
  );
  writeFileSync(
    path.join(root, 'server/main.ts'),
    "if (process.argv.includes('late')) console.log((await import('./late.ts')).text);\n" +
      "else console.log('early');\n",
  );
  const server = serverBuild(root);
  await server.ensure();
  // The entry does not import the package: only the chunk loaded on first use does.
  expect(readFileSync(server.bundle, 'utf8')).not.toMatch(/canonicalize/);
  expect(run(server.bundle)).toBe('early');
  expect(run(server.bundle, 'late')).toBe(
    `{"a":2,"b":1} ${pathToFileURL(path.join(root, 'server')).href}/`,
  );
});

test("packages are bundled, CommonJS ones calling Node's require; those kept stay in node_modules", async () => {
  writeFileSync(
    path.join(root, 'server/main.ts'),
    // debug: CommonJS, requires Node's tty and util. pg: kept (an optional native binding).
    "import createDebug from 'debug';\nimport pg from 'pg';\n" +
      "console.log(`${createDebug('tonghop').namespace} ${typeof pg.Pool}`);\n",
  );
  const server = serverBuild(root);
  await server.ensure();
  const built = readFileSync(server.bundle, 'utf8');
  expect(built).toMatch(/from "pg"/);
  expect(built).not.toMatch(/from "debug"/);
  expect(run(server.bundle)).toBe('tonghop function');
});
