// Configuration from the environment (README.md lists every variable).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseTrustedProxies, type TrustedProxies } from './auth/client-address.ts';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database, used when databaseUrl is absent. */
  dataDir: string;
  /**
   * The folder of a closed embedded database that an empty DATA_DIR starts as a copy of
   * (DATA_SNAPSHOT; the tests' demo, made once per run).
   */
  dataSnapshot: string | null;
  /** postgres://… of a PostgreSQL server; replaces the embedded database. */
  databaseUrl: string | null;
  /** Load the demo data (the five seed documents) into an empty database. */
  seedDemo: boolean;
  /** HTTPS port for the Excel add-in (Office loads add-ins over HTTPS only); null: off. */
  addinPort: number | null;
  /** Reverse proxies believed about the client they forward for (X-Forwarded-For); null: none. */
  trustedProxies: TrustedProxies | null;
  /** https://host[:port] where Office reaches the add-in; null: https://localhost:<addinPort>. */
  addinPublicUrl: string | null;
  /** The certificate and key (PEM) of the add-in's HTTPS server; null: a generated one. */
  addinCertificate: { certFile: string; keyFile: string } | null;
  /** Other origins whose pages may call /graphql and /files (the add-in's own always may). */
  corsOrigins: string[];
  /**
   * Files (PEM) of the certificate authorities whose signatures are trusted (the government CA's
   * root in production), and of their revocation lists, refreshed by the administrator.
   */
  trust: { anchors: string[]; crls: string[] };
  /** How messages leave the server (reminders, invitations, password resets). */
  messaging: MessagingConfig;
  /** The outbox to other systems (server/exchange/outbox.ts): how often, how long a claim holds. */
  exchange: { everyMs: number; leaseMs: number };
}

export interface MessagingConfig {
  /** smtp(s)://user:pass@host:port of the mail relay, and the sender; null: no email is sent. */
  email: { smtpUrl: string; from: string } | null;
  /** An SMS/Zalo gateway taking {to, text} as JSON (server/messages/channels.ts); null: none. */
  smsWebhookUrl: string | null;
  /** Where people reach the service, for the links in messages; null: the server's own address. */
  publicUrl: string | null;
}

/** An origin as browsers send it: scheme, host and port, no path. */
function origin(text: string, variable: string, httpsOnly: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `${variable}: "${text}" không phải là địa chỉ (ví dụ https://baocao.tinh.gov.vn).`,
    );
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new Error(
      `${variable}: "${text}" chỉ gồm giao thức, tên máy và cổng, không có đường dẫn.`,
    );
  }
  if (httpsOnly ? url.protocol !== 'https:' : !/^https?:$/.test(url.protocol)) {
    throw new Error(
      `${variable}: "${text}" phải bắt đầu bằng https:// (Office chỉ nạp phần bổ trợ qua HTTPS).`,
    );
  }
  return url.origin;
}

/** A comma-separated list of files; a missing one stops the server here, with its name. */
function trustFiles(list: string | undefined, variable: string): string[] {
  const files = (list ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => path.resolve(f));
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`${variable}: không có tệp "${file}".`);
  }
  return files;
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
  const addinPublicUrl = env.ADDIN_PUBLIC_URL?.trim()
    ? origin(env.ADDIN_PUBLIC_URL.trim(), 'ADDIN_PUBLIC_URL', true)
    : null;
  const certFile = env.ADDIN_CERT_FILE?.trim() || null;
  const keyFile = env.ADDIN_KEY_FILE?.trim() || null;
  if (!certFile !== !keyFile) {
    throw new Error(
      'ADDIN_CERT_FILE và ADDIN_KEY_FILE phải được đặt cùng nhau (chứng chỉ và khóa).',
    );
  }
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => origin(o, 'CORS_ORIGINS', false));
  const trust = {
    anchors: trustFiles(env.TRUST_ANCHORS, 'TRUST_ANCHORS'),
    crls: trustFiles(env.TRUST_CRLS, 'TRUST_CRLS'),
  };
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new Error(`SMTP_URL: "${smtpUrl}" phải bắt đầu bằng smtp:// hoặc smtps://.`);
  }
  const mailFrom = env.MAIL_FROM?.trim() || null;
  if (smtpUrl && !mailFrom) {
    throw new Error(
      'MAIL_FROM: cần địa chỉ người gửi khi đã đặt SMTP_URL (ví dụ "Sở KH&CN <baocao@tinh.gov.vn>").',
    );
  }
  const smsWebhookUrl = env.SMS_WEBHOOK_URL?.trim() || null;
  if (smsWebhookUrl && !/^https?:\/\//.test(smsWebhookUrl)) {
    throw new Error(`SMS_WEBHOOK_URL: "${smsWebhookUrl}" phải bắt đầu bằng http:// hoặc https://.`);
  }
  const messaging: MessagingConfig = {
    email: smtpUrl && mailFrom ? { smtpUrl, from: mailFrom } : null,
    smsWebhookUrl,
    publicUrl: env.PUBLIC_URL ? origin(env.PUBLIC_URL.trim(), 'PUBLIC_URL', false) : null,
  };
  const duration = (variable: string, fallback: number, min: number): number => {
    const text = env[variable]?.trim();
    const ms = text ? Number(text) : fallback;
    if (!Number.isInteger(ms) || ms < min) {
      throw new Error(`${variable} phải là số mili giây, ít nhất ${min}, nhận được "${text}".`);
    }
    return ms;
  };
  const exchange = {
    everyMs: duration('EXCHANGE_EVERY_MS', 30_000, 100),
    leaseMs: duration('EXCHANGE_LEASE_MS', 5 * 60_000, 1_000),
  };
  return {
    messaging,
    exchange,
    trust,
    addinPublicUrl,
    addinCertificate:
      certFile && keyFile
        ? { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) }
        : null,
    corsOrigins,
    addinPort,
    port,
    host: env.HOST ?? '0.0.0.0',
    // memory:// keeps the embedded database in memory (tests, trying things out).
    dataDir: env.DATA_DIR?.startsWith('memory://')
      ? env.DATA_DIR
      : path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    dataSnapshot: env.DATA_SNAPSHOT ? path.resolve(env.DATA_SNAPSHOT) : null,
    seedDemo,
    trustedProxies,
  };
}
