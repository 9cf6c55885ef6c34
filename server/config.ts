// Configuration from the environment (README.md lists every variable).
import path from 'node:path';
import type { BlockList } from 'node:net';
import { parseTrustedProxies } from './auth/client-address.ts';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database, used when databaseUrl is absent. */
  dataDir: string;
  /** postgres://… of a PostgreSQL server; replaces the embedded database. */
  databaseUrl: string | null;
  /** Load the demo data (the five seed documents) into an empty database. */
  seedDemo: boolean;
  /** HTTPS port for the Excel add-in (Office loads add-ins over HTTPS only); null: off. */
  addinPort: number | null;
  /** Reverse proxies believed about the client they forward for (X-Forwarded-For); null: none. */
  trustedProxies: BlockList | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? Number(env.PORT) : 4000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT phải là số cổng hợp lệ (0–65535), nhận được "${env.PORT}".`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql://');
  }
  // The demo loads on the embedded database by default; on a server only when asked for.
  const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === '1' || env.SEED_DEMO === 'true' : !databaseUrl;
  // The add-in's HTTPS port: 3000 as Office's tools expect, a free one when PORT is (tests).
  const addinPort =
    env.ADDIN_PORT === 'off'
      ? null
      : env.ADDIN_PORT
        ? Number(env.ADDIN_PORT)
        : port === 0
          ? 0
          : 3000;
  if (addinPort !== null && (!Number.isInteger(addinPort) || addinPort < 0 || addinPort > 65535)) {
    throw new Error(`ADDIN_PORT phải là số cổng hợp lệ hoặc "off", nhận được "${env.ADDIN_PORT}".`);
  }
  // A mistyped entry stops the server here, with its name.
  const trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES ?? '');
  return {
    addinPort,
    port,
    host: env.HOST ?? '0.0.0.0',
    // memory:// keeps the embedded database in memory (tests, trying things out).
    dataDir: env.DATA_DIR?.startsWith('memory://')
      ? env.DATA_DIR
      : path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    seedDemo,
    trustedProxies,
  };
}
