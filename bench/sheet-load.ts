// ReportSheet under load against PostGraphile on one PostgreSQL kept between runs, to compare
// changes quickly (bench/run.ts measures the same as part of the whole bench):
//   npx tsx bench/sheet-load.ts setup [communes]   builds the province, writes the state file
//   npx tsx bench/sheet-load.ts load [seconds] [rounds] [ours|peer|both|ours,ours:ENV=1,peer]
//   npx tsx bench/sheet-load.ts stop               stops the database and removes it
// `ours:NAME=value` starts a server with that environment beside the others, rounds alternating:
// e.g. ours:GRAPHQL_COMPILE_AFTER_RUNS=1000000000 is the server without compiled execution.
// CPU ms per request (the server's and PostgreSQL's) is steadier than requests/s on a shared
// machine. BENCH_PROFILE_DIR writes V8 CPU profiles of the server.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { freePort, pgBin, startPostgres } from '../test/support/postgres-server.ts';
import { peerQuery } from './peer-postgraphile.ts';
import { buildProvince, communeCode, consolidationKey } from './province.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const stateFile = '/tmp/sheet-load-state.json';

interface State {
  url: string;
  dir: string;
  token: string;
  variables: { requestId: string; orgId: string };
}

const contract = readFileSync(path.join(root, 'docs/contract/reporting.graphql'), 'utf8');
function operation(name: string): string {
  const start = contract.search(new RegExp(`^(query|mutation) ${name}\\b`, 'm'));
  const rest = contract.slice(start);
  return rest.slice(0, rest.search(/\n}\n/) + 2);
}

async function setup(communes: number): Promise<void> {
  const server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const db = await openDatabase({ databaseUrl: server.url('bench') });
  await migrate(db.sql);
  const province = await buildProvince(
    db,
    {
      communes,
      departments: 20,
      tasks: 40,
      saveRows: 1000,
      consolidationScales: [100],
      saveAgencies: 4,
      sample: 100,
    },
    console.log,
  );
  await db.close();
  const state: State = {
    url: server.url('bench'),
    dir: server.dir,
    token: province.reporterToken,
    variables: {
      requestId: province.requests.get(consolidationKey(100))!,
      orgId: province.orgs.get(communeCode(0))!,
    },
  };
  writeFileSync(stateFile, JSON.stringify(state));
  console.log(state);
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU of this cluster's backends only: other PostgreSQL servers may run on the machine. */
function postgresCpu(): Map<number, number> {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
  const postmaster = readFileSync(path.join(state.dir, 'data', 'postmaster.pid'), 'utf8').split(
    '\n',
  )[0];
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)') && stat.split(') ')[1]!.split(' ')[1] === postmaster)
        used.set(Number(entry), cpuMs(Number(entry)));
    } catch {
      // ended meanwhile
    }
  }
  return used;
}

async function child(args: string[], env: NodeJS.ProcessEnv, port: number, ready: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}${ready}`, {
      method: ready === '/healthz' ? 'GET' : 'POST',
    })
      .then((r) => ready !== '/healthz' || r.status === 200)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return proc;
}

async function load(seconds: number, rounds: number, which: string): Promise<void> {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
  const targets: { name: string; pid: number; url: string; body: string; token?: string }[] = [];
  const procs = [];
  // "ours", "peer", "both", or server variants by environment: "ours,ours:SHEET_X=1,peer".
  const wanted = which === 'both' ? ['ours', 'peer'] : which.split(',');
  for (const spec of wanted.filter((w) => w.startsWith('ours'))) {
    const extra = Object.fromEntries(
      spec
        .split(':')
        .slice(1)
        .map((kv) => kv.split('=') as [string, string]),
    );
    const port = await freePort();
    const profileDir = process.env.BENCH_PROFILE_DIR;
    const proc = await child(
      [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'server/main.ts'],
      {
        DATABASE_URL: state.url,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        ADDIN_PORT: 'off',
        SEED_DEMO: '0',
        ...extra,
      },
      port,
      '/healthz',
    );
    procs.push(proc);
    targets.push({
      name: spec,
      pid: proc.pid!,
      url: `http://127.0.0.1:${port}/graphql`,
      body: JSON.stringify({ query: operation('ReportSheet'), variables: state.variables }),
      token: state.token,
    });
  }
  if (wanted.includes('peer')) {
    const port = await freePort();
    const proc = await child(
      ['bench/peer-postgraphile.ts', state.url, String(port)],
      { GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
      port,
      '/graphql',
    );
    procs.push(proc);
    targets.push({
      name: 'peer',
      pid: proc.pid!,
      url: `http://127.0.0.1:${port}/graphql`,
      body: JSON.stringify({ query: peerQuery, variables: state.variables }),
    });
  }
  const hammer = (t: (typeof targets)[number], duration: number) =>
    autocannon({
      url: t.url,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(t.token ? { authorization: `Bearer ${t.token}` } : {}),
      },
      body: t.body,
      connections: 8,
      duration,
    });
  const totals = new Map(
    targets.map((t) => [t.name, { requests: 0, cpu: 0, db: 0, rates: [] as number[] }]),
  );
  for (const t of targets) {
    const sample = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(t.token ? { authorization: `Bearer ${t.token}` } : {}),
      },
      body: t.body,
    });
    const text = await sample.text();
    if (text.includes('"errors"')) throw new Error(text.slice(0, 300));
    console.log(`${t.name}: ${Buffer.byteLength(text)} bytes`);
    await hammer(t, Math.max(2, seconds / 2));
  }
  for (let round = 0; round < rounds; round++) {
    for (const t of round % 2 ? [...targets].reverse() : targets) {
      const before = cpuMs(t.pid);
      const dbBefore = postgresCpu();
      const result = await hammer(t, seconds);
      const total = totals.get(t.name)!;
      total.cpu += cpuMs(t.pid) - before;
      for (const [pid, ms] of postgresCpu()) total.db += ms - (dbBefore.get(pid) ?? 0);
      total.requests += result.requests.total;
      total.rates.push(Math.round(result.requests.average));
      if (result.non2xx || result.errors)
        console.log(`${t.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
  }
  for (const [name, t] of totals) {
    console.log(
      `${name}: ${t.rates.join(', ')} req/s; server ${(t.cpu / t.requests).toFixed(3)} ms + PostgreSQL ${(t.db / t.requests).toFixed(3)} ms = ${((t.cpu + t.db) / t.requests).toFixed(3)} ms CPU/request`,
    );
  }
  for (const proc of procs) {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

const [command = 'load', a, b, c] = process.argv.slice(2);
if (command === 'setup') await setup(Number(a ?? 200));
else if (command === 'stop') {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
  const pgctl = [
    path.join(pgBin(), 'pg_ctl'),
    'stop',
    '-m',
    'fast',
    '-D',
    path.join(state.dir, 'data'),
  ];
  // PostgreSQL runs as its own user when we are root (test/support/postgres-server.ts).
  execFileSync(
    process.getuid?.() === 0 ? 'runuser' : pgctl[0]!,
    process.getuid?.() === 0 ? ['-u', 'postgres', '--', ...pgctl] : pgctl.slice(1),
  );
  rmSync(state.dir, { recursive: true, force: true });
  rmSync(stateFile);
} else await load(Number(a ?? 6), Number(b ?? 3), c ?? 'both');
