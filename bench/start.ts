// How long `npm start` takes until GET /healthz answers 200: on an empty data folder (the first
// start: the demo loaded, without the national catalogue) and again on that folder (a restart).
// Each run spawns the command README gives, `npm start`, in a fresh folder on a free port with the
// add-in's HTTPS server off, stops it with SIGTERM once healthy, and starts it again. The demo's
// base is made first, untimed, as `npm install` makes it (prisma/seed/base.ts).
// `npx tsx bench/start.ts [runs]` prints the medians.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/postgres-server.ts';
import { isRunning, LOCK_FILE, lockOwner } from '../server/db/lock.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface StartFigures {
  /** Median ms from spawning `npm start` on an empty folder to /healthz 200. */
  firstStartMs: number;
  /** Median ms from spawning it again on the folder the first start left. */
  restartMs: number;
  runs: { firstStartMs: number; restartMs: number }[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The process id in the data folder's lock file, or null. */
function holder(dataDir: string): number | null {
  try {
    return lockOwner(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'));
  } catch {
    return null;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `npm start` on dataDir; resolves with the ms until /healthz said 200, and a stop. */
async function timedStart(dataDir: string): Promise<{ ms: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const started = performance.now();
  // Its own process group: npm does not pass SIGTERM on to the server, the group gets it.
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ADDIN_PORT: 'off' },
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  for (;;) {
    if (exited) throw new Error(`npm start dừng trước khi sẵn sàng:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await pause(25);
  }
  const ms = performance.now() - started;
  return {
    ms,
    async stop() {
      process.kill(-child.pid!, 'SIGTERM');
      await exit;
      // The folder is free once the process holding its lock has ended (npm may end first).
      while (holder(dataDir) !== null && isRunning(holder(dataDir)!)) await pause(25);
    },
  };
}

export async function measureStart(runs = 3): Promise<StartFigures> {
  const made = spawnSync('npm', ['run', '--silent', 'db:demo-base'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`npm run db:demo-base thất bại:\n${made.stderr}`);
  const figures: StartFigures['runs'] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-start-'));
    try {
      const first = await timedStart(dataDir);
      await first.stop();
      const again = await timedStart(dataDir);
      await again.stop();
      figures.push({ firstStartMs: Math.round(first.ms), restartMs: Math.round(again.ms) });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    firstStartMs: median(figures.map((f) => f.firstStartMs)),
    restartMs: median(figures.map((f) => f.restartMs)),
    runs: figures,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const runs = Number(process.argv[2] ?? 3);
  const figures = await measureStart(runs);
  console.log(
    `npm start → /healthz 200: lần đầu (thư mục trống) ${figures.firstStartMs} ms, ` +
      `khởi động lại ${figures.restartMs} ms (trung vị ${runs} lần)`,
  );
  console.log(JSON.stringify(figures));
}
