// A throw-away PostgreSQL cluster from Debian's package, in a temporary folder, listening on a
// free local port: the "real PostgreSQL" of the tests and benchmarks.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  chmodSync,
  chownSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PostgresServer {
  url: (database?: string) => string;
  port: number;
  dir: string;
  /** Stops the server, keeping its data: `immediate` is a crash (recovery at the next start). */
  halt(mode: 'fast' | 'immediate'): void;
  /** Starts it again on the same port and data after halt(). */
  resume(): void;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The folder of Debian's PostgreSQL programs (initdb, pg_ctl, pg_dump, pg_restore). */
export function pgBin(): string {
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

/** A local port nothing listens on (for a cluster, a server process or the bench). */
export async function freePort(): Promise<number> {
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
  const bin = pgBin();
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
  const pgctl = path.join(bin, 'pg_ctl');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const start = () => {
    try {
      // pg_ctl -w waits until the server accepts connections; the server runs detached from us.
      run(pgctl, [
        'start',
        '-w',
        '-t',
        '60',
        '-D',
        data,
        '-l',
        path.join(dir, 'server.log'),
        '-o',
        options,
      ]);
    } catch (error) {
      const log = existsSync(path.join(dir, 'server.log'))
        ? readFileSync(path.join(dir, 'server.log'), 'utf8')
        : '';
      throw new Error(`PostgreSQL không khởi động được:\n${log}`, { cause: error });
    }
  };
  start();
  const url = (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    dir,
    halt: (mode) => run(pgctl, ['stop', '-w', '-m', mode, '-D', data]),
    resume: start,
    async stop() {
      try {
        run(pgctl, ['stop', '-w', '-m', 'fast', '-D', data]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
