// A throw-away PostgreSQL cluster from Debian's package, in a temporary folder, listening on a
// free local port: the "real PostgreSQL" of the tests and benchmarks.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PostgresServer {
  url: (database?: string) => string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const find = () =>
    existsSync(base)
      ? readdirSync(base)
          .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
          .sort((a, b) => Number(b) - Number(a))
      : [];
  let versions = find();
  if (!versions.length) {
    execFileSync('sh', [path.join(root, 'scripts/ensure-postgres.sh')], { stdio: 'inherit' });
    versions = find();
  }
  if (!versions[0]) throw new Error('Không tìm thấy PostgreSQL (initdb) sau khi cài đặt.');
  return path.join(base, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// PostgreSQL refuses to run as root: run its programs as the `postgres` user then.
const asRoot = process.getuid?.() === 0;
function run(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: 'pipe' });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const port = await freePort();
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=on',
  ];
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(bin, 'postgres'), ...args]]
    : [path.join(bin, 'postgres'), args];
  const proc = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
  let log = '';
  proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const url = (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
      break;
    } catch {
      if (Date.now() > deadline || proc.exitCode !== null) {
        throw new Error(`PostgreSQL không khởi động được:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    port,
    dir,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a fresh database on the server (each test file gets its own). */
export function createDatabase(server: PostgresServer, name: string): string {
  const bin = binDir();
  run(path.join(bin, 'createdb'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(server.port),
    '-U',
    'postgres',
    name,
  ]);
  return server.url(name);
}
