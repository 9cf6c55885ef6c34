// A running server for API tests: the real HTTP stack on a free port, with the demo data.
import { startApp, type App } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { freshPostgresUrl, pgliteSnapshot, scratchDataDir, type Target } from './databases.ts';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface TestServer {
  app: App;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphqlResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** `extraEnv`: more configuration, e.g. TRUST_ANCHORS for signature tests. */
export async function startTestServer(
  target: Target = 'pglite',
  extraEnv: Record<string, string> = {},
): Promise<TestServer> {
  // The embedded database in a folder of its own, a copy of the demo made once per run
  // (test/setup/demo-snapshot.ts), removed when the server stops.
  const scratch = target === 'pglite' ? scratchDataDir() : null;
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    ...(scratch
      ? { DATA_DIR: scratch.dataDir, DATA_SNAPSHOT: pgliteSnapshot(true) }
      : { DATABASE_URL: await freshPostgresUrl({ demo: true }), SEED_DEMO: '1' }),
    ...extraEnv,
  };
  let app: App;
  try {
    app = await startApp(loadConfig(env), () => undefined);
  } catch (error) {
    scratch?.remove();
    throw error;
  }
  const gql = async <T>(query: string, variables?: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GraphqlResponse<T>;
    return { ...body, status: res.status };
  };
  const tokens = new Map<string, string>();
  return {
    app,
    gql,
    async login(email, password = 'demo-2023') {
      const cached = tokens.get(email);
      if (cached) return cached;
      const res = await gql<{ login: { token: string } }>(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: email, p: password },
      );
      const token = res.data?.login.token;
      if (!token) throw new Error(`login ${email} failed: ${JSON.stringify(res.errors)}`);
      tokens.set(email, token);
      return token;
    },
    async close() {
      try {
        await app.close();
      } finally {
        scratch?.remove();
      }
    },
  };
}
