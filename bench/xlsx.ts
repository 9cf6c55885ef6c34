// The consolidated .xlsx of a large province on its own (issue 25's figure, without the whole
// `npm run bench`): a synthetic province of N communes (bench/province.ts) on a throw-away
// PostgreSQL, then, run after run, a fresh server process downloads the file while its resident
// memory is sampled (bench/consolidation-pages.ts), and the same server answers the contract's
// Consolidation query (one unmeasured run, one timed) for the ratio. `--root=DIR` (repeatable)
// serves from another copy of the project, e.g. the code before a change
// (`git worktree add /tmp/xlsx-before main`), the roots taking turns so drift hits them alike.
// `--full` builds the province as the full `npm run bench` does (every report through saveReport,
// the 100 and 1,000 agency requests beside it) instead of as the quick run does.
//   nice npx tsx bench/xlsx.ts --communes=3321 --runs=2 [--full] [--root=/tmp/xlsx-before --root=.]
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { contractOperation } from '../test/support/contract.ts';
import { freePort, startPostgres } from '../test/support/postgres-server.ts';
import { xlsxMemoryMb, type XlsxFigures } from './consolidation-pages.ts';
import { buildProvince, consolidationKey, consolidationScalesFor } from './province.ts';

const here = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

interface Options {
  communes: number;
  runs: number;
  roots: string[];
  full: boolean;
}

function optionsFrom(argv: string[]): Options {
  const number = (name: string, fallback: number) => {
    const found = argv.find((a) => a.startsWith(`--${name}=`));
    const value = found ? Number(found.slice(name.length + 3)) : fallback;
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`--${name} phải là số nguyên dương`);
    return value;
  };
  const roots = argv.filter((a) => a.startsWith('--root=')).map((a) => path.resolve(a.slice(7)));
  return {
    communes: number('communes', 3321),
    runs: number('runs', 2),
    roots: roots.length ? roots : [here],
    full: argv.includes('--full'),
  };
}

/** `server/main.ts` of `root` as its own process, as `npm run bench` starts it (production). */
async function startServer(root: string, databaseUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      ADDIN_PORT: 'off',
      SEED_DEMO: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 200) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null || waited > 180_000) {
      child.kill();
      throw new Error(`Máy chủ ở ${root} không khởi động được:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The contract's Consolidation query once, ms. */
async function consolidationMs(url: string, token: string, requestId: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: contractOperation('Consolidation'), variables: { requestId } }),
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors":[')) {
    throw new Error(`Consolidation ${res.status}: ${text.slice(0, 500)}`);
  }
  return Math.round(performance.now() - started);
}

interface RunFigures extends XlsxFigures {
  root: string;
  run: number;
  consolidationMs: number;
  xlsxVsConsolidation: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main(): Promise<void> {
  const options = optionsFrom(process.argv.slice(2));
  const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  console.log(
    `.xlsx tổng hợp ${options.communes} xã, ${options.runs} lượt; tải máy ${loadAtStart}`,
  );
  const postgres = await startPostgres();
  const results: RunFigures[] = [];
  try {
    const admin = new pg.Client({ connectionString: postgres.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const databaseUrl = postgres.url('bench');
    const db = await openDatabase({ databaseUrl });
    let requestId: string;
    let token: string;
    try {
      await migrate(db.sql);
      const started = Date.now();
      // As the quick run builds it (100 reports through saveReport, the rest copied in SQL), or
      // with --full as the full run does.
      const province = await buildProvince(
        db,
        {
          communes: options.communes,
          departments: 20,
          tasks: 40,
          saveRows: 10,
          consolidationScales: options.full
            ? consolidationScalesFor(options.communes)
            : [options.communes],
          saveAgencies: 2,
          sample: options.full ? null : 100,
        },
        (m) => console.log(`  ${m}`),
      );
      console.log(`Tỉnh giả lập xong sau ${((Date.now() - started) / 1000).toFixed(1)} s`);
      requestId = province.requests.get(consolidationKey(options.communes))!;
      token = province.consolidatorToken;
    } finally {
      await db.close();
    }
    for (let run = 0; run < options.runs; run++) {
      // The roots take turns, the order alternating run by run.
      const roots = run % 2 ? [...options.roots].reverse() : options.roots;
      for (const root of roots) {
        // A fresh server per file: its memory rise is the file's alone.
        const server = await startServer(root, databaseUrl);
        try {
          const xlsx = await xlsxMemoryMb(server.url, token, requestId, server.pid);
          await consolidationMs(server.url, token, requestId);
          const ms = await consolidationMs(server.url, token, requestId);
          const figures = {
            root,
            run: run + 1,
            ...xlsx,
            consolidationMs: ms,
            xlsxVsConsolidation: ratio(xlsx.xlsxMs, ms),
          };
          results.push(figures);
          console.log(
            `  lượt ${run + 1}, ${root}: .xlsx ${xlsx.xlsxMs} ms (${(xlsx.bytes / 1e6).toFixed(1)} MB), bộ nhớ tăng ${xlsx.xlsxMemoryMb} MB; Consolidation ${ms} ms; tỉ lệ ${figures.xlsxVsConsolidation}`,
          );
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await postgres.stop();
  }
  console.log(`\nKết quả (${options.communes} xã, trung vị ${options.runs} lượt):`);
  const summary = options.roots.map((root) => {
    const mine = results.filter((r) => r.root === root);
    const s = {
      root,
      xlsxMemoryMb: median(mine.map((r) => r.xlsxMemoryMb)),
      xlsxMs: median(mine.map((r) => r.xlsxMs)),
      consolidationMs: median(mine.map((r) => r.consolidationMs)),
      xlsxVsConsolidation: median(mine.map((r) => r.xlsxVsConsolidation)),
      memoryRuns: mine.map((r) => r.xlsxMemoryMb),
      ratioRuns: mine.map((r) => r.xlsxVsConsolidation),
    };
    console.log(
      `  ${root}: bộ nhớ tăng ${s.xlsxMemoryMb} MB (${s.memoryRuns.join(', ')}), .xlsx ${s.xlsxMs} ms, Consolidation ${s.consolidationMs} ms, tỉ lệ ${s.xlsxVsConsolidation} (${s.ratioRuns.join(', ')})`,
    );
    return s;
  });
  console.log(JSON.stringify({ communes: options.communes, loadAtStart, summary, results }));
}

await main();
