// `npm run bench [-- --quick] [--json]`: builds a synthetic province (bench/province.ts) on a
// throw-away PostgreSQL (Debian's, started here) and on PGlite, then measures, as median and p95
// over repeated runs, SaveReport of a large sheet against a multi-row INSERT, the contract's
// Consolidation query against one hand-written SQL statement (bench/floor.ts) at several scales,
// and ReportSheet throughput under concurrent load (autocannon) with the server's memory, beside
// PostGraphile v5 serving the equivalent read on the same database. The server and the peer run
// as their own processes; results go to bench/results/<mode>.json (<mode>-custom.json when any
// option is given) and the terminal.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Database } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { freePort, startPostgres } from '../test/support/postgres-server.ts';
import { consolidationText, insertCells } from './floor.ts';
import {
  consolidationPageMs,
  rssMb,
  xlsxMemoryMb,
  type PageFigures,
  type XlsxFigures,
} from './consolidation-pages.ts';
import { peerQuery } from './peer-postgraphile.ts';
import { measureOrgSearch, type OrgSearchFigures } from './org-search.ts';
import { measurePlanReading, type PlanReadingFigures } from './plan-reading.ts';
import { measureStart, type StartFigures } from './start.ts';
import { indicatorSeries } from '../server/series/load.ts';
import { buildSeries } from './series.ts';
import {
  buildProvince,
  cellsFor,
  contextFor,
  communeCode,
  consolidationKey,
  consolidationScalesFor,
  reportInput,
  SAVE_REQUEST,
  TABLE,
  taskCode,
  type Province,
  type ProvinceScale,
} from './province.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Settings {
  mode: 'quick' | 'full';
  scale: ProvinceScale;
  /** Timed repetitions after one untimed warm-up. */
  saveRuns: number;
  consolidationRuns: number;
  loadSeconds: number;
  /** Load rounds per server, ours and the peer's taking turns, so drift hits both alike. */
  loadRounds: number;
  connections: number;
}

/** The same settings at another number of communes. */
function withCommunes(settings: Settings, communes: number): Settings {
  return {
    ...settings,
    scale: {
      ...settings.scale,
      communes,
      consolidationScales: consolidationScalesFor(communes),
    },
  };
}

function settingsFrom(argv: string[]): Settings & { json: boolean } {
  const quick = argv.includes('--quick');
  const option = (name: string, fallback: number) => {
    const found = argv.find((a) => a.startsWith(`--${name}=`));
    const value = found ? Number(found.split('=')[1]) : fallback;
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`--${name} phải là số nguyên dương`);
    return value;
  };
  const saveRuns = option('save-runs', quick ? 5 : 20);
  const communes = option('communes', 3321);
  return {
    mode: quick ? 'quick' : 'full',
    json: argv.includes('--json'),
    saveRuns,
    consolidationRuns: option('consolidation-runs', quick ? 2 : 7),
    loadSeconds: option('seconds', quick ? 6 : 20),
    loadRounds: option('rounds', quick ? 3 : 5),
    connections: option('connections', 8),
    scale: {
      communes,
      departments: 20,
      tasks: option('tasks', 40),
      saveRows: option('rows', 1000),
      consolidationScales: consolidationScalesFor(communes),
      // Each timed save, and each floor insert, gets an agency that has not reported yet.
      saveAgencies: 2 * (saveRuns + 1),
      sample: quick ? 100 : null,
    },
  };
}

// ─── figures ───

interface Timing {
  median: number;
  p95: number;
  runs: number[];
}

/** Median and p95 (nearest rank) of the runs, in milliseconds. */
function timing(runs: number[]): Timing {
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { median: round(at(0.5)), p95: round(at(0.95)), runs: runs.map(round) };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Unmeasured runs before the first consolidation scale, for a long-running server's steady state.
 * One was not enough, nor three: a fresh server process answered its first fifteen 100-agency
 * consolidations in 863, 215, 192, 353, 213, 152, 141, 139, 139, 129, 140, 137, 128, 145 and 120
 * ms while V8 optimised the code (2026-12-04, PostgreSQL). The floor's SQL gets the same.
 */
const CONSOLIDATION_WARM_UPS = 10;

/** Downloads of the largest consolidated .xlsx (each several seconds): three, one when quick. */
const xlsxRuns = (settings: Settings) => (settings.mode === 'quick' ? 1 : 3);

/**
 * Timed runs at a consolidation scale: the smallest (100 agencies, a few hundred ms a run) gets
 * at least seven even in the quick run, where two runs' median was mostly the noise of one.
 */
const consolidationRunsAt = (settings: Settings, n: number) =>
  n === settings.scale.consolidationScales[0]
    ? Math.max(settings.consolidationRuns, 7)
    : settings.consolidationRuns;

async function repeat(
  runs: number,
  fn: (run: number) => Promise<unknown>,
  warmUps = 1,
): Promise<Timing> {
  // Caches, prepared plans, and V8's optimised code: a long-running server's steady state.
  for (let i = 0; i < warmUps; i++) await fn(-1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(() => fn(i)));
  return timing(times);
}

// ─── processes ───

interface Child {
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  ready: () => Promise<boolean>,
): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; !(await ready().catch(() => false)); waited += 200) {
    if (child.exitCode !== null || waited > 180_000) {
      child.kill();
      throw new Error(`${args.join(' ')} không khởi động được:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    process: child,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Child> {
  const port = await freePort();
  // BENCH_PROFILE_DIR: each server process writes a V8 CPU profile there when it stops (open it
  // in Chrome's DevTools), to see where a figure's time goes.
  const profileDir = process.env.BENCH_PROFILE_DIR;
  return startChild(
    [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'server/main.ts'],
    // As a server in production runs: graphql-js skips its development checks.
    {
      ...env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      ADDIN_PORT: 'off',
      SEED_DEMO: '0',
    },
    port,
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200,
  );
}

async function startPeer(databaseUrl: string): Promise<Child> {
  const port = await freePort();
  return startChild(
    ['bench/peer-postgraphile.ts', databaseUrl, String(port)],
    { GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
    port,
    async () => (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST' })).status > 0,
  );
}

// ─── GraphQL over HTTP ───

/** A JSON POST's headers, signed in with `token` when there is one. */
const jsonHeaders = (token?: string | null): Record<string, string> => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

async function postGraphql(url: string, query: string, variables: object, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: jsonHeaders(token),
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  if (res.status !== 200 || text.startsWith('{"errors"') || text.includes('"errors":[')) {
    throw new Error(`GraphQL ${res.status}: ${text.slice(0, 500)}`);
  }
  return text;
}

const contract = readFileSync(path.join(root, 'docs/contract/reporting.graphql'), 'utf8');
/** One operation of the contract file, exactly as written there. */
function operation(name: string): string {
  const start = contract.search(new RegExp(`^(query|mutation) ${name}\\b`, 'm'));
  if (start < 0) throw new Error(`contract: no operation ${name}`);
  const rest = contract.slice(start);
  const end = rest.search(/\n}\n/);
  return rest.slice(0, end + 2);
}

// ─── one database ───

interface LoadFigures {
  /** The median round's. */
  requestsPerSecond: number;
  /** Requests/s of each round. */
  rounds: number[];
  latencyMs: { p50: number; p97_5: number; p99: number };
  requests: number;
  non2xx: number;
  errors: number;
  rssIdleMb: number;
  rssPeakMb: number;
  responseBytes: number;
  /**
   * CPU time the serving process spent per request (user + system; the database's own is not in
   * it, except PGlite's, which runs inside the server). Steadier than requests/s when other work
   * shares the cores.
   */
  cpuMsPerRequest: number;
  /** CPU time of the PostgreSQL server per request (null on PGlite, where it is the server's). */
  databaseCpuMsPerRequest: number | null;
}

/** The bench cluster's postmaster (its data folder's postmaster.pid), set when it starts. */
let postmasterPid: string | null = null;

/**
 * CPU time of each process of the bench's own PostgreSQL cluster so far, in ms, by pid: the
 * postmaster's children only, since other clusters on the machine (a test run's) are not ours.
 */
function postgresCpu(): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = stat.split(') ')[1]!.split(' ')[1];
      if (stat.includes('(postgres)') && parent === postmasterPid)
        used.set(Number(entry), cpuMs(Number(entry)));
    } catch {
      // the process ended meanwhile
    }
  }
  return used;
}

/**
 * PostgreSQL's CPU time between two snapshots. A process that ended in between (a connection of
 * an earlier server, an autovacuum worker) is left out rather than subtracted: the connections
 * serving the load stay open through it.
 */
function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpu()) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** CPU time a process has used so far, in ms (Linux: utime + stime in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A server under load test: the request it is sent and what its rounds gave so far. */
interface LoadTarget {
  child: Child;
  body: string;
  token: string | null;
  rssIdleMb: number;
  rssPeakMb: number;
  responseBytes: number;
  rounds: autocannon.Result[];
  cpuMs: number;
  databaseCpuMs: number | null;
}

/** Checks the server answers the request without error, and notes its memory at rest. */
async function loadTarget(
  child: Child,
  body: string,
  token: string | null,
  database: boolean,
): Promise<LoadTarget> {
  const sample = await fetch(`${child.url}/graphql`, {
    method: 'POST',
    headers: jsonHeaders(token),
    body,
  });
  const text = await sample.text();
  if (sample.status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 500));
  const rssIdleMb = rssMb(child.process.pid!);
  return {
    child,
    body,
    token,
    rssIdleMb,
    rssPeakMb: rssIdleMb,
    responseBytes: Buffer.byteLength(text),
    rounds: [],
    cpuMs: 0,
    databaseCpuMs: database ? 0 : null,
  };
}

/** Load on one server for some seconds (autocannon). */
function hammer(target: LoadTarget, settings: Settings, seconds: number) {
  return autocannon({
    url: `${target.child.url}/graphql`,
    method: 'POST',
    headers: jsonHeaders(target.token),
    body: target.body,
    connections: settings.connections,
    duration: seconds,
  });
}

/** Load that is not counted, for the code to be compiled and the caches filled first. */
async function warmUp(target: LoadTarget, settings: Settings): Promise<void> {
  await hammer(target, settings, Math.max(1, settings.loadSeconds / 2));
}

/** One round of load on one server, its CPU time and memory watched. */
async function loadRound(target: LoadTarget, settings: Settings): Promise<void> {
  const pid = target.child.process.pid!;
  const watch = setInterval(() => (target.rssPeakMb = Math.max(target.rssPeakMb, rssMb(pid))), 100);
  const cpuBefore = cpuMs(pid);
  const databaseBefore = target.databaseCpuMs === null ? null : postgresCpu();
  const result = await hammer(target, settings, settings.loadSeconds);
  clearInterval(watch);
  target.cpuMs += cpuMs(pid) - cpuBefore;
  if (target.databaseCpuMs !== null && databaseBefore)
    target.databaseCpuMs += postgresCpuSince(databaseBefore);
  target.rounds.push(result);
}

/** The rounds in figures: the median round's throughput and latencies, CPU over all of them. */
function loadFigures(target: LoadTarget): LoadFigures {
  const byRate = [...target.rounds].sort((a, b) => a.requests.average - b.requests.average);
  const median = byRate[Math.floor((byRate.length - 1) / 2)]!;
  const requests = target.rounds.reduce((n, r) => n + r.requests.total, 0);
  const perRequest = (ms: number) => Math.round((ms / Math.max(1, requests)) * 100) / 100;
  return {
    requestsPerSecond: Math.round(median.requests.average * 10) / 10,
    rounds: target.rounds.map((r) => Math.round(r.requests.average * 10) / 10),
    latencyMs: { p50: median.latency.p50, p97_5: median.latency.p97_5, p99: median.latency.p99 },
    requests,
    non2xx: target.rounds.reduce((n, r) => n + r.non2xx, 0),
    errors: target.rounds.reduce((n, r) => n + r.errors, 0),
    rssIdleMb: target.rssIdleMb,
    rssPeakMb: target.rssPeakMb,
    responseBytes: target.responseBytes,
    cpuMsPerRequest: perRequest(target.cpuMs),
    databaseCpuMsPerRequest:
      target.databaseCpuMs === null ? null : perRequest(target.databaseCpuMs),
  };
}

interface TargetFigures {
  generationSeconds: number;
  save: { graphql: Timing; insert: Timing; ratio: number; rows: number; cells: number };
  consolidation: Record<
    string,
    { graphql: Timing; sql: Timing; ratio: number; graphqlBytes: number; sqlBytes: number }
  >;
  consolidationVsSql: number;
  consolidationScaling: number | null;
  sheet: LoadFigures;
  peer: LoadFigures | null;
  sheetVsPostgraphile: number | null;
  save1000VsInsert: number;
  /** One template cell over 8 quarters × up to 1,000 communes (bench/series.ts). */
  series: { points: number; timing: Timing };
  /** The largest consolidation in pages and as a streamed .xlsx (bench/consolidation-pages.ts). */
  pages: PageFigures &
    XlsxFigures & { communes: number; xlsxVsConsolidation: number; xlsxRunsMs: number[] };
}

async function measureTarget(
  kind: 'postgres' | 'pglite',
  settings: Settings,
  log: (message: string) => void,
  postgresUrl: string | null,
): Promise<{ figures: TargetFigures; version: string }> {
  const { scale } = settings;
  const dataDir = kind === 'pglite' ? mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-')) : null;
  try {
    const db: Database = await openDatabase({
      databaseUrl: postgresUrl,
      dataDir: dataDir ?? undefined,
    });
    const [{ version }] = (await db.sql.query<{ version: string }>('SELECT version()')) as [
      { version: string },
    ];
    await migrate(db.sql);
    const built = Date.now();
    const province = await buildProvince(db, scale, (m) => log(`${kind}: ${m}`));
    const generationSeconds = Math.round((Date.now() - built) / 100) / 10;
    log(`${kind}: tỉnh giả lập xong sau ${generationSeconds} s`);

    // Floors, in this process on the same database, before the server opens it.
    const saveRequestId = province.requests.get(SAVE_REQUEST)!;
    const floorAgencies = Array.from({ length: settings.saveRuns + 1 }, (_, i) =>
      province.orgs.get(communeCode(settings.saveRuns + 1 + i))!,
    );
    const floorSubmissions = await db.sql.query<{ id: string }>(
      `INSERT INTO "Submission" ("id", "requestId", "orgId", "updatedAt")
       SELECT gen_random_uuid()::text, $1, o, now() FROM unnest($2::text[]) AS o RETURNING "id"`,
      [saveRequestId, floorAgencies],
    );
    const floorCells = (commune: number) =>
      Array.from({ length: scale.saveRows }, (_, j) =>
        cellsFor(commune, j).map((c) => ({ tableKey: TABLE, rowKey: taskCode(j), ...c })),
      ).flat();
    const insert = await repeat(settings.saveRuns, (run) =>
      insertCells(db.sql, floorSubmissions[run + 1]!.id, floorCells(run + 1)),
    );
    const sqlTimes = new Map<number, { t: Timing; bytes: number }>();
    for (const n of scale.consolidationScales) {
      const requestId = province.requests.get(consolidationKey(n))!;
      let bytes = 0;
      // The first scale warms the code paths and plans up for the larger ones.
      const t = await repeat(
        consolidationRunsAt(settings, n),
        async () => {
          bytes = Buffer.byteLength(await consolidationText(db.sql, requestId));
        },
        n === scale.consolidationScales[0] ? CONSOLIDATION_WARM_UPS : 0,
      );
      sqlTimes.set(n, { t, bytes });
      log(`${kind}: SQL tổng hợp ${n} đơn vị: trung vị ${t.median} ms`);
    }
    // The indicator series (issue 24), in this process like the floors: 1,000 communes × 8
    // quarters read and placed in today's structure, the whole table at once.
    const seriesInput = await buildSeries(db, province);
    const seriesCtx = await contextFor(db, province.consolidatorToken);
    let seriesPoints = 0;
    const seriesTiming = await repeat(settings.consolidationRuns, async () => {
      seriesPoints = (await indicatorSeries(seriesCtx, seriesInput)).points.length;
    });
    log(`${kind}: chuỗi số liệu ${seriesPoints} điểm: trung vị ${seriesTiming.median} ms`);
    await db.close();

    const server = await startServer(
      postgresUrl ? { DATABASE_URL: postgresUrl } : { DATA_DIR: dataDir! },
    );
    let save: Timing;
    const consolidation: TargetFigures['consolidation'] = {};
    try {
      const saveReport = operation('SaveReport');
      save = await repeat(settings.saveRuns, (run) =>
        postGraphql(
          server.url,
          saveReport,
          { input: largeSave(province, run + 1) },
          province.reporterToken,
        ),
      );
      log(`${kind}: SaveReport ${scale.saveRows} dòng: trung vị ${save.median} ms`);
      const query = operation('Consolidation');
      for (const n of scale.consolidationScales) {
        const requestId = province.requests.get(consolidationKey(n))!;
        let bytes = 0;
        const t = await repeat(
          consolidationRunsAt(settings, n),
          async () => {
            bytes = Buffer.byteLength(
              await postGraphql(server.url, query, { requestId }, province.consolidatorToken),
            );
          },
          n === scale.consolidationScales[0] ? CONSOLIDATION_WARM_UPS : 0,
        );
        const floor = sqlTimes.get(n)!;
        consolidation[String(n)] = {
          graphql: t,
          sql: floor.t,
          ratio: ratio(t.median, floor.t.median),
          graphqlBytes: bytes,
          sqlBytes: floor.bytes,
        };
        log(`${kind}: Consolidation ${n} đơn vị: trung vị ${t.median} ms`);
      }
    } finally {
      await server.stop();
    }
    // The largest consolidation in pages and as .xlsx, on a fresh server: its memory is the file's.
    const largest = scale.consolidationScales[scale.consolidationScales.length - 1]!;
    const pagesServer = await startServer(
      postgresUrl ? { DATABASE_URL: postgresUrl } : { DATA_DIR: dataDir! },
    );
    let pages: TargetFigures['pages'];
    try {
      const requestId = province.requests.get(consolidationKey(largest))!;
      const token = province.consolidatorToken;
      // The memory is the first download's, on the fresh server; the time is the median of the
      // downloads, as the consolidation's is of its runs. One download is noisy: 10.4 s in the
      // full run of 2026-12-05; alone the next day, six downloads took 6.0–7.6 s each
      // (bench/xlsx.ts, three of them on the full run's province with --full).
      const downloads: XlsxFigures[] = [];
      for (let run = 0; run < xlsxRuns(settings); run++) {
        downloads.push(
          await xlsxMemoryMb(pagesServer.url, token, requestId, pagesServer.process.pid!),
        );
      }
      const xlsxTiming = timing(downloads.map((d) => d.xlsxMs));
      const xlsx = { ...downloads[0]!, xlsxMs: xlsxTiming.median, xlsxRunsMs: xlsxTiming.runs };
      const paged = await consolidationPageMs(pagesServer.url, token, requestId);
      pages = {
        communes: largest,
        ...paged,
        ...xlsx,
        xlsxVsConsolidation: ratio(xlsx.xlsxMs, consolidation[String(largest)]!.graphql.median),
      };
      log(
        `${kind}: ${largest} đơn vị theo trang: trang đầu ${paged.firstPageMs} ms (lần đầu ${paged.firstPageColdMs} ms), trang lớn nhất ${paged.largestPageBytes} byte, ${paged.pages} trang ${paged.allPagesMs} ms; .xlsx ${xlsx.xlsxMs} ms (${xlsx.xlsxRunsMs.join(', ')}), bộ nhớ tăng ${xlsx.xlsxMemoryMb} MB`,
      );
    } finally {
      await pagesServer.stop();
    }
    // The load runs on fresh servers, ours and the peer's side by side, taking turns round by
    // round (the order alternating) so that whatever else the machine does weighs on both alike.
    // Fresh: the national-scale consolidations above leave a heap of hundreds of MB that would
    // otherwise be measured as the sheet's.
    const servers: Child[] = [];
    let sheet: LoadFigures;
    let peer: LoadFigures | null = null;
    try {
      const sheetServer = await startServer(
        postgresUrl ? { DATABASE_URL: postgresUrl } : { DATA_DIR: dataDir! },
      );
      servers.push(sheetServer);
      const ours = await loadTarget(
        sheetServer,
        JSON.stringify({ query: operation('ReportSheet'), variables: sheetVariables(province) }),
        province.reporterToken,
        postgresUrl !== null,
      );
      const targets = [ours];
      if (postgresUrl) {
        const peerServer = await startPeer(postgresUrl);
        servers.push(peerServer);
        const body = JSON.stringify({ query: peerQuery, variables: sheetVariables(province) });
        targets.push(await loadTarget(peerServer, body, null, true));
      }
      for (const target of targets) await warmUp(target, settings);
      for (let round = 0; round < settings.loadRounds; round++) {
        for (const target of round % 2 ? [...targets].reverse() : targets)
          await loadRound(target, settings);
      }
      sheet = loadFigures(ours);
      log(`${kind}: ReportSheet ${sheet.rounds.join(', ')} yêu cầu/s`);
      if (targets[1]) {
        peer = loadFigures(targets[1]);
        log(`${kind}: PostGraphile ${peer.rounds.join(', ')} yêu cầu/s`);
      }
    } finally {
      for (const child of servers) await child.stop();
    }

    const scales = scale.consolidationScales;
    const first = consolidation[String(scales[0])]!;
    const last = consolidation[String(scales[scales.length - 1])]!;
    return {
      version,
      figures: {
        generationSeconds,
        save: {
          graphql: save,
          insert,
          ratio: ratio(save.median, insert.median),
          rows: scale.saveRows,
          cells: scale.saveRows * 5,
        },
        consolidation,
        consolidationVsSql: Math.max(...Object.values(consolidation).map((c) => c.ratio)),
        consolidationScaling:
          scales.length > 1
            ? ratio(
                last.graphql.median / first.graphql.median,
                scales[scales.length - 1]! / scales[0]!,
              )
            : null,
        sheet,
        peer,
        sheetVsPostgraphile: peer ? ratio(sheet.requestsPerSecond, peer.requestsPerSecond) : null,
        save1000VsInsert: ratio(save.median, insert.median),
        series: { points: seriesPoints, timing: seriesTiming },
        pages,
      },
    };
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The large sheet, saved by commune `n` (one that has not reported yet) and sent. */
function largeSave(province: Province, n: number) {
  const input = reportInput(
    province.requests.get(SAVE_REQUEST)!,
    province.orgs.get(communeCode(n))!,
    n,
    province.scale.saveRows,
  );
  return { ...input, idempotencyKey: `bench-large-${n}-${Date.now()}` };
}

/** A commune that sent its report for the 100-agency request: its sheet with values. */
function sheetVariables(province: Province) {
  return {
    requestId: province.requests.get(consolidationKey(province.scale.consolidationScales[0]!))!,
    orgId: province.orgs.get(communeCode(0))!,
  };
}

function machine(versions: Record<string, string>) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    ...versions,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const log = (m: string) => {
    if (!settings.json) console.log(m);
    else console.error(m);
  };
  const started = Date.now();
  const loadAtStart = machine({});
  log(`Đo hiệu năng (${settings.mode}): ${JSON.stringify(settings.scale)}`);
  // In-process and without a database: before the servers load the machine.
  const planReading = measurePlanReading(settings.mode === 'quick' ? 10 : 30);
  const orgSearch = await measureOrgSearch(settings.mode === 'quick' ? 50 : 200);
  // `npm start` on an empty folder and again on it (bench/start.ts), before the bench's own
  // PostgreSQL and servers share the cores.
  const start = await measureStart(settings.mode === 'quick' ? 2 : 3);
  log(
    `npm start → /healthz: lần đầu ${start.firstStartMs} ms, khởi động lại ${start.restartMs} ms`,
  );
  const server = await startPostgres();
  postmasterPid = readFileSync(path.join(server.dir, 'data', 'postmaster.pid'), 'utf8').split(
    '\n',
  )[0]!;
  let postgres: Awaited<ReturnType<typeof measureTarget>>;
  try {
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    postgres = await measureTarget('postgres', settings, log, server.url('bench'));
  } finally {
    await server.stop();
  }
  // Quick mode keeps PGlite (one process, no parallelism) to 1,000 communes to stay within 5
  // minutes; the national scale is measured on PGlite by the full run.
  const pgliteSettings =
    settings.mode === 'quick'
      ? withCommunes(settings, Math.min(1000, settings.scale.communes))
      : settings;
  const pglite = await measureTarget('pglite', pgliteSettings, log, null);
  const p = postgres.figures;
  const summary = {
    consolidationVsSql: p.consolidationVsSql,
    // Issue 25's name for the same figure: the worst of the three scales.
    consolidationVsSqlMax: p.consolidationVsSql,
    consolidationScaling: p.consolidationScaling,
    sheetVsPostgraphile: p.sheetVsPostgraphile,
    save1000VsInsert: p.save1000VsInsert,
    seriesMs: p.series.timing.median,
    consolidationPageMs: p.pages.firstPageMs,
    xlsxMemoryMb: p.pages.xlsxMemoryMb,
    // npm start on an empty folder to /healthz 200 (with the demo); restartMs on that folder.
    startMs: start.firstStartMs,
    restartMs: start.restartMs,
    mode: settings.mode,
    headlineDatabase: 'postgres',
    durationSeconds: Math.round((Date.now() - started) / 1000),
    startedAt: new Date(started).toISOString(),
    machine: {
      ...loadAtStart,
      postgres: postgres.version,
      pglite: pglite.version,
    },
    settings: {
      scale: settings.scale,
      pgliteCommunes: pgliteSettings.scale.communes,
      saveRuns: settings.saveRuns,
      consolidationRuns: settings.consolidationRuns,
      loadSeconds: settings.loadSeconds,
      loadRounds: settings.loadRounds,
      connections: settings.connections,
    },
    postgres: p,
    pglite: pglite.figures,
    planReading,
    orgSearch,
    start,
  };
  const dir = path.join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  // A run with options of its own is a try, not the record: it goes beside it, untracked by git.
  const custom = process.argv.slice(2).some((a) => /^--[a-z-]+=/.test(a));
  const file = `${settings.mode}${custom ? '-custom' : ''}.json`;
  writeFileSync(path.join(dir, file), `${JSON.stringify(summary, null, 2)}\n`);
  log(report(summary));
  if (settings.json) console.log(JSON.stringify(summary));
}

/** CPU per request: the server's, and PostgreSQL's beside it. */
const cpu = (f: LoadFigures) =>
  `${f.cpuMsPerRequest}${f.databaseCpuMsPerRequest === null ? '' : ` + CSDL ${f.databaseCpuMsPerRequest}`} ms/yêu cầu`;

function report(s: {
  start: StartFigures;
  planReading: PlanReadingFigures;
  orgSearch: OrgSearchFigures[];
  postgres: TargetFigures;
  pglite: TargetFigures;
  durationSeconds: number;
  mode: string;
}): string {
  const lines = [`\nKết quả (${s.mode}, ${s.durationSeconds} s) — trung vị / p95, ms`];
  lines.push(
    `npm start → /healthz 200: thư mục trống ${s.start.firstStartMs} ms, khởi động lại ${s.start.restartMs} ms`,
  );
  for (const o of s.orgSearch) {
    lines.push(
      `Tìm đơn vị (${o.database}, ${o.orgs} đơn vị): trung vị ${o.medianMs} ms, p95 ${o.p95Ms} ms; nạp danh mục ${o.catalogueLoadSeconds} s, CSDL ${o.databaseSize}`,
    );
  }
  const r = s.planReading;
  lines.push(
    `Đọc kế hoạch: ${r.documents} văn bản, trung vị ${r.medianMs} ms, chậm nhất ${r.slowestMs} ms (${r.slowest})`,
  );
  for (const [name, f] of [
    ['PostgreSQL', s.postgres],
    ['PGlite', s.pglite],
  ] as const) {
    lines.push(`${name}:`);
    lines.push(
      `  SaveReport ${f.save.rows} dòng ${f.save.graphql.median} / ${f.save.graphql.p95}; INSERT ${f.save.insert.median} / ${f.save.insert.p95}; tỉ lệ ${f.save.ratio}`,
    );
    for (const [n, c] of Object.entries(f.consolidation)) {
      lines.push(
        `  Consolidation ${n}: GraphQL ${c.graphql.median} / ${c.graphql.p95}; SQL ${c.sql.median} / ${c.sql.p95}; tỉ lệ ${c.ratio}`,
      );
    }
    lines.push(
      `  ReportSheet ${f.sheet.requestsPerSecond} yêu cầu/s (p50 ${f.sheet.latencyMs.p50} ms, CPU ${cpu(f.sheet)}), RSS ${f.sheet.rssIdleMb} → ${f.sheet.rssPeakMb} MB`,
    );
    if (f.peer) {
      lines.push(
        `  PostGraphile ${f.peer.requestsPerSecond} yêu cầu/s (p50 ${f.peer.latencyMs.p50} ms, CPU ${cpu(f.peer)}), RSS ${f.peer.rssIdleMb} → ${f.peer.rssPeakMb} MB`,
      );
    }
    lines.push(
      `  Chuỗi số liệu ${f.series.points} điểm (8 quý × xã): ${f.series.timing.median} / ${f.series.timing.p95}`,
    );
    lines.push(
      `  consolidationVsSql ${f.consolidationVsSql}, consolidationScaling ${f.consolidationScaling}, sheetVsPostgraphile ${f.sheetVsPostgraphile ?? '—'}, save1000VsInsert ${f.save1000VsInsert}`,
    );
  }
  return lines.join('\n');
}

await main();
