// Hostile input against a real server process on PostgreSQL (DESIGN.md §7 "bad input"): every
// argument of every query and mutation, read from the schema, spoiled one at a time (boundary
// numbers, wrong types, huge and strange strings, NFD, NUL, lone surrogates, SQL and formula
// injection), as every role; then whole requests that are themselves hostile (10 MB bodies,
// invalid UTF-8, deep nesting, aliases, batches) and .xlsx uploads that are broken, huge or zip
// bombs. Nothing may answer 5xx or show a stack trace or SQL, and a refused request changes no
// row (a trigger on every table notes each change, so "nothing changed" is seen, not assumed).
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { schema } from '../../server/graphql/schema.ts';
import { freshPostgresUrl } from '../support/databases.ts';
import { fuzzInput, LEAK, random, rootFields, type IdPool } from '../support/fuzz.ts';
import { graphql, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { contractOperation } from '../support/contract.ts';
import { zipBomb } from '../support/zip-bomb.ts';

const FULL = process.env.RELIABILITY === 'full';
/** Inputs per run: a quick sample in `npm test`, many more in `npm run reliability`. */
const INPUTS = Number(process.env.FUZZ_INPUTS ?? (FULL ? 100_000 : 1_200));
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);

const actors = [
  'syte.nghean@demo.vn', // reporter
  'stttt.nghean@demo.vn', // consolidator
  'quantri@demo.vn', // admin
  'phantich@demo.vn', // analyst
  null, // nobody signed in
] as const;

interface Failure {
  what: string;
  problem: string;
}

describe('hostile input', () => {
  let databaseUrl: string;
  let server: ServerProcess;
  let db: pg.Client;
  const tokens = new Map<string, string>();
  let ids: IdPool;
  let requestId: string;
  const failures: Failure[] = [];
  let tried = 0;

  // The last change's number, read by its primary key: as cheap at the 100,000th input as at the
  // first (a count(*) grows with every change the accepted mutations make).
  const changes = async () =>
    Number(
      (await db.query<{ n: string | null }>('SELECT max(seq) AS n FROM fuzz_change')).rows[0]!.n ??
        0,
    );

  beforeAll(async () => {
    databaseUrl = await freshPostgresUrl({ demo: true });
    server = await startServerProcess({ env: { DATABASE_URL: databaseUrl, SEED_DEMO: '1' } });
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    for (const email of actors) {
      if (!email) continue;
      const res = await graphql<{ login: { token: string } }>(
        server.url,
        'mutation($e: String!) { login(email: $e, password: "demo-2023") { token } }',
        { e: email },
      );
      tokens.set(email, res.data!.login.token);
    }
    requestId = (
      await db.query<{ id: string }>(
        `SELECT id FROM "ReportRequest" WHERE key = 'NA-403-SOKET-SO-HUYEN'`,
      )
    ).rows[0]!.id;
    // A draft, so submission ids exist to aim at.
    await graphql(
      server.url,
      contractOperation('SaveReport'),
      { input: { requestId, baseVersion: 0, idempotencyKey: 'fuzz-first' } },
      tokens.get('syte.nghean@demo.vn'),
    );
    const column = async (sql: string) =>
      (await db.query<{ id: string }>(sql)).rows.map((r) => r.id);
    const actorTokens = [...tokens.values()];
    ids = {
      org: await column('SELECT id FROM "Org" ORDER BY random() LIMIT 20'),
      plan: await column('SELECT id FROM "Document" LIMIT 10'),
      document: await column('SELECT id FROM "Document" LIMIT 10'),
      template: await column('SELECT id FROM "ReportTemplate"'),
      request: await column('SELECT id FROM "ReportRequest" LIMIT 10'),
      submission: await column('SELECT id FROM "Submission"'),
      user: await column('SELECT id FROM "User"'),
    };
    const hashes = (
      await db.query<{ h: string }>(
        `SELECT encode(sha256(t::bytea), 'hex') AS h FROM unnest($1::text[]) t`,
        [actorTokens],
      )
    ).rows.map((r) => r.h);
    // Tokens to aim revokeApiToken at: never the ones the fuzzer signs in with.
    ids.token = (
      await db.query<{ id: string }>(
        `SELECT id FROM "ApiToken" WHERE NOT ("tokenHash" = ANY($1))`,
        [hashes],
      )
    ).rows.map((r) => r.id);
    // Every change to every table is noted (RateLimiterFlexible aside: a refused login is meant to
    // count; so is a token's lastUsedAt, which is why only its revocation counts here).
    await db.query(`
      CREATE TABLE fuzz_change (seq bigserial PRIMARY KEY, tbl text NOT NULL);
      CREATE FUNCTION fuzz_note() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO fuzz_change (tbl) VALUES (TG_TABLE_NAME); RETURN NULL; END $$;`);
    const tables = (
      await db.query<{ t: string }>(
        `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'
           AND tablename NOT IN ('_prisma_migrations', 'fuzz_change', 'RateLimiterFlexible')`,
      )
    ).rows.map((r) => r.t);
    for (const t of tables) {
      const events =
        t === 'ApiToken'
          ? 'INSERT OR DELETE OR UPDATE OF "revokedAt"'
          : 'INSERT OR UPDATE OR DELETE';
      await db.query(
        `CREATE TRIGGER fuzz_note AFTER ${events} ON "${t}" FOR EACH ROW EXECUTE FUNCTION fuzz_note()`,
      );
    }
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await server?.kill('SIGTERM');
    mkdirSync('.tmp', { recursive: true });
    writeFileSync(
      '.tmp/reliability-fuzz.json',
      JSON.stringify({ inputs: tried, seed: SEED, failures: failures.length }, null, 2),
    );
  });

  /** Checks one answer: no 5xx, nothing leaked, and no row changed when it was refused. */
  function judge(
    what: string,
    status: number,
    text: string,
    refused: boolean,
    changed: boolean,
  ): void {
    tried++;
    if (status >= 500) failures.push({ what, problem: `HTTP ${status}: ${text.slice(0, 300)}` });
    // An unexpected failure inside a resolver answers 200 with this code: a 5xx in all but name.
    if (text.includes('INTERNAL_SERVER_ERROR'))
      failures.push({ what, problem: `internal error: ${text.slice(0, 300)}` });
    const leak = LEAK.exec(text);
    if (leak) failures.push({ what, problem: `leaks "${leak[0]}": ${text.slice(0, 300)}` });
    if (refused && changed)
      failures.push({ what, problem: `refused but changed rows: ${text.slice(0, 200)}` });
  }

  test(`${INPUTS} spoiled arguments over every query and mutation, as every role`, async () => {
    const firstFailure = failures.length;
    const rnd = random(SEED);
    const roots = rootFields(schema);
    // Each input's "after" is the next one's "before": one read of the change log per input.
    let before = await changes();
    for (let i = 0; i < INPUTS; i++) {
      const root = roots[i % roots.length]!;
      const input = fuzzInput(root, ids, rnd);
      const actor = actors[Math.floor(rnd() * actors.length)]!;
      const res = await graphql<Record<string, { problems?: unknown[] } | null>>(
        server.url,
        input.query,
        input.variables,
        actor ? tokens.get(actor) : undefined,
      );
      const after = await changes();
      const value = res.data?.[input.field];
      const refused =
        input.operation === 'query' ||
        !value ||
        Boolean(res.errors?.length) ||
        Boolean(value.problems?.length);
      judge(
        `#${i} ${input.field} (${input.description}) as ${actor ?? 'anonymous'}: ${JSON.stringify(input.variables).slice(0, 200)}`,
        res.status,
        res.text,
        refused,
        after !== before,
      );
      before = after;
    }
    expect(failures.slice(firstFailure, firstFailure + 10)).toEqual([]);
  }, 3_600_000);

  test('whole requests that are hostile: huge, not UTF-8, too deep, too wide, batched', async () => {
    const firstFailure = failures.length;
    const token = tokens.get('quantri@demo.vn')!;
    const raw = async (
      what: string,
      body: Buffer | string,
      headers: Record<string, string> = {},
      method = 'POST',
    ) => {
      const before = await changes();
      const res = await fetch(
        `${server.url}/graphql${method === 'GET' ? `?query=${encodeURIComponent(String(body))}` : ''}`,
        {
          method,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            ...headers,
          },
          body: method === 'GET' ? undefined : body,
        },
      );
      const text = await res.text();
      judge(what, res.status, text, true, (await changes()) !== before);
      return res.status;
    };
    expect(
      await raw(
        '10 MB body',
        JSON.stringify({
          query: '{ me { id } }',
          variables: { pad: 'x'.repeat(10 * 1024 * 1024) },
        }),
      ),
    ).toBe(413);
    await raw(
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('{"query":"{ orgs(search: \\"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
        Buffer.from('\\") { totalCount } }"}'),
      ]),
    );
    await raw('invalid UTF-8 in JSON structure', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await raw(
      '10 000 nested braces',
      JSON.stringify({ query: `{ me ${'{ org '.repeat(5000)}${'}'.repeat(5000)} }` }),
    );
    await raw(
      'nested lists in variables',
      // Written by hand: JSON.stringify itself cannot go this deep.
      `{"query":"query($s: String) { orgs(search: $s) { totalCount } }","variables":{"s":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
    );
    await raw(
      '10 000 aliases',
      JSON.stringify({
        query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
      }),
    );
    await raw(
      'a batch of 1000 operations',
      JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' }))),
    );
    await raw(
      'a mutation over GET',
      'mutation { createApiToken(name: "qua GET") { token } }',
      {},
      'GET',
    );
    await raw(
      'form-encoded (CSRF)',
      'query=mutation%20%7B%20createApiToken(name%3A%22x%22)%20%7B%20token%20%7D%20%7D',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    await raw('query is a number', JSON.stringify({ query: 42 }));
    await raw('variables are a string', JSON.stringify({ query: '{ me { id } }', variables: 'x' }));
    await raw(
      'unknown operation name',
      JSON.stringify({ query: '{ me { id } }', operationName: 'Khac' }),
    );
    await raw(
      'a NUL inside the query',
      JSON.stringify({ query: '{ orgs(search: "a\u0000b") { totalCount } }' }),
    );
    expect(failures.slice(firstFailure, firstFailure + 10)).toEqual([]);
  }, 300_000);

  test('uploaded .xlsx files that are broken, huge or zip bombs are refused and change nothing', async () => {
    const firstFailure = failures.length;
    const token = tokens.get('syte.nghean@demo.vn')!;
    const sheetUrl = `${server.url}/files/requests/${requestId}/sheet.xlsx`;
    const real = Buffer.from(
      await (
        await fetch(sheetUrl, { headers: { authorization: `Bearer ${token}` } })
      ).arrayBuffer(),
    );
    const upload = async (what: string, body: Buffer) => {
      const before = await changes();
      const res = await fetch(`${sheetUrl}?submit=1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `up-${tried}` },
        body,
      });
      const text = await res.text();
      judge(`upload: ${what}`, res.status, text, res.status !== 200, (await changes()) !== before);
      return res.status;
    };
    const rnd = random(SEED + 1);
    // At most 64 KB drawn, repeated beyond: drawing 11 million bytes one by one took 9 s of
    // the test in jest's VM.
    const noise = (n: number) => {
      const block = Buffer.from(
        Array.from({ length: Math.min(n, 65_536) }, () => Math.floor(rnd() * 256)),
      );
      return n > block.length ? Buffer.alloc(n, block) : block;
    };
    expect(await upload('random bytes', noise(5000))).toBe(400);
    expect(await upload('empty', Buffer.alloc(0))).toBe(400);
    expect(await upload('the real file cut in half', real.subarray(0, real.length >> 1))).toBe(400);
    const flipped = Buffer.from(real);
    for (let i = 100; i < flipped.length - 200; i += 97) flipped[i] = flipped[i]! ^ 0xff;
    expect(await upload('the real file with bytes flipped', flipped)).toBe(400);
    expect(await upload('11 MB', Buffer.concat([real, noise(11 * 1024 * 1024)]))).toBe(413);
    expect(await upload('a zip bomb that says what it is', zipBomb(300, 'honest'))).toBe(400);
    expect(await upload('a zip bomb that lies about its size', zipBomb(300, 'lying'))).toBe(400);
    expect(failures.slice(firstFailure, firstFailure + 10)).toEqual([]);
  }, 300_000);
});
