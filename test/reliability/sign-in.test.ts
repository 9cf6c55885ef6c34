// Signing in across two server instances on one PostgreSQL (DESIGN.md §4 scale-out, §7 access):
// wrong passwords are limited per account and per address with the counters in the database, so
// changing instance does not reset them; behind a trusted proxy the address is the client's it
// forwards for, and nobody else can choose their address with X-Forwarded-For; a revoked token
// stops working on the other instance at once, an expired one is refused; and no password ever shows in the servers' output or the
// database.
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { freshPostgresUrl } from '../support/databases.ts';
import { graphql, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { pgBin } from '../support/postgres-server.ts';
import {
  MAX_ATTEMPTS_PER_ACCOUNT,
  MAX_ATTEMPTS_PER_ADDRESS,
} from '../../server/auth/rate-limit.ts';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
// Distinctive strings, so that finding one anywhere means it leaked.
const WRONG = 'sai-Mk-7Qz!wrong';
const NEW_USER_PASSWORD = 'mat-khau-moi-9Xk#';

interface Answer {
  status: number;
  code: string | undefined;
  message: string | undefined;
  token: string | undefined;
}

/**
 * A login from a chosen loopback address (127.0.0.0/8 all reach this machine), saying it forwards
 * for another when `forwardedFor` is given, as a reverse proxy does.
 */
function loginFrom(
  url: string,
  from: string,
  email: string,
  password: string,
  forwardedFor?: string,
): Promise<Answer> {
  const body = JSON.stringify({ query: LOGIN, variables: { e: email, p: password } });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/graphql`,
      {
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          const json = JSON.parse(text) as {
            data?: { login: { token: string } } | null;
            errors?: { message: string; extensions?: { code?: string } }[];
          };
          resolve({
            status: res.statusCode ?? 0,
            code: json.errors?.[0]?.extensions?.code,
            message: json.errors?.[0]?.message,
            token: json.data?.login.token,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('signing in across two instances on one PostgreSQL', () => {
  let databaseUrl: string;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    databaseUrl = await freshPostgresUrl({ demo: true });
    // Instance a sits behind a reverse proxy on 127.0.0.1; b trusts nobody's X-Forwarded-For.
    a = await startServerProcess({
      env: { DATABASE_URL: databaseUrl, SEED_DEMO: '1', TRUSTED_PROXIES: '127.0.0.1' },
    });
    b = await startServerProcess({ env: { DATABASE_URL: databaseUrl, SEED_DEMO: '0' } });
  }, 300_000);
  afterAll(async () => {
    await a?.kill('SIGTERM');
    await b?.kill('SIGTERM');
  });

  test(`after ${MAX_ATTEMPTS_PER_ACCOUNT} wrong passwords on either instance the account waits, even with the right one`, async () => {
    const from = '127.0.0.2';
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT; i++) {
      const wrong = await loginFrom(i % 2 ? a.url : b.url, from, 'syte.nghean@demo.vn', WRONG);
      expect([wrong.code, wrong.token]).toEqual(['UNAUTHENTICATED', undefined]);
    }
    const refused = await loginFrom(a.url, from, 'SyTe.NgheAn@demo.vn', 'demo-2023');
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', token: undefined });
    expect(refused.message).toMatch(/đăng nhập sai quá nhiều lần; vui lòng thử lại sau \d+ phút/);
    // Another account from the same address is not held back by this one.
    const other = await loginFrom(b.url, from, 'sogddt.nghean@demo.vn', 'demo-2023');
    expect(other.token).toMatch(/^th_/);
  });

  test(`after ${MAX_ATTEMPTS_PER_ADDRESS} failed sign-ins from one address, across accounts, that address waits`, async () => {
    const from = '127.0.0.3';
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) {
      const wrong = await loginFrom(i % 2 ? a.url : b.url, from, `khong-co-${i}@demo.vn`, WRONG);
      expect(wrong.code).toBe('UNAUTHENTICATED');
    }
    const refused = await loginFrom(b.url, from, 'phantich@demo.vn', 'demo-2023');
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', token: undefined });
    expect(refused.message).toMatch(/từ địa chỉ này/);
    // The same account from another address signs in.
    const elsewhere = await loginFrom(a.url, '127.0.0.4', 'phantich@demo.vn', 'demo-2023');
    expect(elsewhere.token).toMatch(/^th_/);
  }, 120_000);

  test('behind a trusted proxy each client it forwards for has its own limit; nobody else can pick an address', async () => {
    const proxy = '127.0.0.1';
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) {
      const wrong = await loginFrom(a.url, proxy, `ai-do-${i}@demo.vn`, WRONG, '198.51.100.7');
      expect(wrong.code).toBe('UNAUTHENTICATED');
    }
    // A client may send its own X-Forwarded-For; the proxy appends the address it saw, which wins.
    const refused = await loginFrom(
      a.url,
      proxy,
      'phantich@demo.vn',
      'demo-2023',
      '203.0.113.99, 198.51.100.7',
    );
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toMatch(/từ địa chỉ này/);
    // Another client behind the same proxy is not held back.
    const neighbour = await loginFrom(
      a.url,
      proxy,
      'phantich@demo.vn',
      'demo-2023',
      '198.51.100.8',
    );
    expect(neighbour.token).toMatch(/^th_/);

    // Not from the proxy: the header is not believed, so changing it does not escape the limit.
    const from = '127.0.0.7';
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) {
      const url = i % 2 ? a.url : b.url;
      const wrong = await loginFrom(url, from, `ai-khac-${i}@demo.vn`, WRONG, `192.0.2.${i + 1}`);
      expect(wrong.code).toBe('UNAUTHENTICATED');
    }
    for (const url of [a.url, b.url]) {
      const spoofed = await loginFrom(url, from, 'phantich@demo.vn', 'demo-2023', '192.0.2.200');
      expect(spoofed).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', token: undefined });
    }
  }, 180_000);

  test('a token revoked on one instance is refused by the other at once; an expired one is refused', async () => {
    const session = (await loginFrom(a.url, '127.0.0.5', 'quantri@demo.vn', 'demo-2023')).token!;
    const made = await graphql<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      a.url,
      'mutation { createApiToken(name: "Máy trạm") { token apiToken { id } } }',
      {},
      session,
    );
    const apiToken = made.data!.createApiToken.token;
    expect((await graphql(b.url, '{ me { id } }', {}, apiToken)).data).toBeTruthy();
    const revoked = await graphql(
      b.url,
      'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }',
      { id: made.data!.createApiToken.apiToken.id },
      session,
    );
    expect(revoked.errors).toBeUndefined();
    for (const url of [a.url, b.url]) {
      const res = await graphql(url, '{ me { id } }', {}, apiToken);
      expect([res.status, res.errors?.[0]?.message, res.data ?? null]).toEqual([
        401,
        'Token đã bị thu hồi.',
        null,
      ]);
      const file = await fetch(`${url}/files/requests/x/sheet.xlsx`, {
        headers: { authorization: `Bearer ${apiToken}` },
      });
      expect(file.status).toBe(401);
    }

    // A session past its 12 hours: make it age by moving its expiry into the past.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(
        `UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 minute' WHERE "tokenHash" = encode(sha256($1::bytea), 'hex')`,
        [session],
      );
    } finally {
      await client.end();
    }
    const expired = await graphql(b.url, '{ me { id } }', {}, session);
    expect([expired.status, expired.errors?.[0]?.message]).toEqual([
      401,
      'Phiên đăng nhập đã hết hạn.',
    ]);
  });

  test('no password is ever written to the output or the database', async () => {
    const admin = (await loginFrom(b.url, '127.0.0.6', 'quantri@demo.vn', 'demo-2023')).token!;
    const org = await graphql<{ orgs: { edges: { node: { id: string } }[] } }>(
      a.url,
      '{ orgs(search: "so y te nghe an", first: 1) { edges { node { id } } } }',
      {},
      admin,
    );
    const input = {
      email: 'moi@demo.vn',
      name: 'Người mới',
      password: NEW_USER_PASSWORD,
      orgId: org.data!.orgs.edges[0]!.node.id,
      roles: ['REPORTER'],
    };
    const created = await graphql(
      a.url,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input },
      admin,
    );
    expect(created.errors).toBeUndefined();
    // Refused ones too: a duplicate, a too-short password, a wrong one, a bad one at sign-in.
    const duplicate = await graphql(
      b.url,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input },
      admin,
    );
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await graphql(
      b.url,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { ...input, email: 'ngan@demo.vn', password: 'Ng4n!' } },
      admin,
    );
    const signedIn = await loginFrom(a.url, '127.0.0.6', 'moi@demo.vn', NEW_USER_PASSWORD);
    expect(signedIn.token).toMatch(/^th_/);
    await loginFrom(b.url, '127.0.0.6', 'moi@demo.vn', `${NEW_USER_PASSWORD}-x`);

    const output = a.output() + b.output();
    expect(output).toMatch(/Sẵn sàng/); // the output is really captured
    for (const secret of [WRONG, NEW_USER_PASSWORD, 'Ng4n!', 'demo-2023'])
      expect(output).not.toContain(secret);

    // The whole database as text: hashes only.
    const dump = execFileSync(`${pgBin()}/pg_dump`, ['--data-only', databaseUrl], {
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'], // its warnings about circular keys are not ours
    }).toString();
    expect(dump).toContain('moi@demo.vn');
    for (const secret of [WRONG, NEW_USER_PASSWORD, 'Ng4n!', 'demo-2023'])
      expect(dump).not.toContain(secret);
  });
});
