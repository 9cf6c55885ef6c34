// `orgs(search:)` over the whole national catalogue (34 provinces, 3 321 commune-level units and
// the demo's agencies): the GraphQL round trip of a signed-in consolidator, median and p95 in ms,
// on PGlite and PostgreSQL, with the catalogue's load time and the database's size.
// Alone: `npx tsx bench/org-search.ts [runs]`.
import { loadConfig } from '../server/config.ts';
import { startApp } from '../server/app.ts';
import { loadCatalogue } from '../server/orgs/catalogue.ts';
import { startPostgres } from '../test/support/postgres-server.ts';

export interface OrgSearchFigures {
  database: 'pglite' | 'postgres';
  catalogueLoadSeconds: number;
  databaseSize: string;
  orgs: number;
  medianMs: number;
  p95Ms: number;
}

/** What people type: a new commune's name without diacritics, part of a name, a department. */
const QUERIES = ['xa nghi loc', 'phuong thanh vinh', 'dac khu phu quoc', 'nghi', 'so khoa hoc'];

const QUERY = 'query($q: String!) { orgs(search: $q, first: 20) { edges { node { id name } } } }';

async function measure(
  database: OrgSearchFigures['database'],
  env: Record<string, string>,
  runs: number,
): Promise<OrgSearchFigures> {
  const app = await startApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), () => undefined);
  try {
    const started = performance.now();
    await loadCatalogue(app.db.prisma);
    const catalogueLoadSeconds = Math.round((performance.now() - started) / 100) / 10;
    const post = async (query: string, variables: object, token?: string) => {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: Record<string, { token?: string }> };
    };
    const login = await post(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: 'stttt.nghean@demo.vn', p: 'demo-2023' },
    );
    const token = login.data?.login?.token;
    if (!token) throw new Error('Không đăng nhập được tài khoản demo.');
    for (const q of QUERIES) await post(QUERY, { q }, token);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await post(QUERY, { q: QUERIES[i % QUERIES.length] }, token);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
    const [size] = await app.db.sql.query<{ size: string }>(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
    );
    return {
      database,
      catalogueLoadSeconds,
      databaseSize: size?.size ?? '?',
      orgs: await app.db.prisma.org.count(),
      medianMs: at(0.5),
      p95Ms: at(0.95),
    };
  } finally {
    await app.close();
  }
}

export async function measureOrgSearch(runs: number): Promise<OrgSearchFigures[]> {
  const out = [await measure('pglite', { DATA_DIR: 'memory://' }, runs)];
  const server = await startPostgres();
  try {
    out.push(await measure('postgres', { DATABASE_URL: server.url(), SEED_DEMO: '1' }, runs));
  } finally {
    await server.stop();
  }
  return out;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log(JSON.stringify(await measureOrgSearch(Number(process.argv[2] ?? 100)), null, 2));
}
