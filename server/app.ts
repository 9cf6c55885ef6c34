// Starting the service: open the database, apply pending migrations, load the demo data into an
// empty database when configured, then serve HTTP. `GET /healthz` answers 200 only once all of
// that is done, so a load balancer or a test can wait for it.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { holdsDatabase, openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { isEmpty, readSeedFiles } from '../prisma/seed/load.ts';
import { loadShippedFrameworks } from './dti/load.ts';
import { holdsLiveDemo, seedDemo, seedLive } from '../prisma/seed/live.ts';
import {
  demoBaseInputs,
  demoBaseKey,
  ensureDemoBase,
  refreshSeedTimes,
} from '../prisma/seed/base.ts';
import { createGraphqlHandler } from './graphql/http.ts';
import { schemaText } from './graphql/schema.ts';
import { explorerPage, loadExamples, serveExplorerAsset } from './explorer/page.ts';
import { runSchedules } from './requests/schedules.ts';
import { runReminderSchedule } from './reminders/run.ts';
import { runExchangeOutbox } from './exchange/outbox.ts';
import { reminderLetterFor } from './reminders/letter.ts';
import { handleFileRequest } from './files/routes.ts';
import cors from 'cors';
import express from 'express';
import { HttpError, sendError } from './http/errors.ts';
import {
  developmentCertificate,
  filesChangedAt,
  providedCertificate,
  type Certificate,
} from './addin/certificate.ts';
import { serveAddinFile } from './addin/files.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import { addressReader, fromTrustedProxy } from './auth/client-address.ts';
import { formatVietnamDay } from '../shared/time/vietnam.ts';

export interface App {
  db: Database;
  server: http.Server;
  url: string;
  /** https://localhost:<port> serving the Excel add-in, or null when off. */
  addinUrl: string | null;
  /** Reads ADDIN_CERT_FILE/ADDIN_KEY_FILE again if they changed (done every minute). */
  reloadCertificate(): Promise<boolean>;
  /** Stops in order; `stage` hears each step, so a stop that hangs can say where. */
  close(stage?: (step: string) => void): Promise<void>;
}

/** How long requests under way may take to finish once the server is asked to stop. */
const STOP_GRACE_MS = 5_000;

/** How often the provided certificate's files are looked at for a renewal. */
const CERTIFICATE_CHECK_MS = 60_000;

export type Log = (message: string) => void;

/** How long a client should wait before trying again while the server is starting. */
const STARTING_RETRY_SECONDS = 5;

/** Starting (or restarting after a crash): a client should come back, not give up. */
const starting = () =>
  new HttpError('SERVICE_UNAVAILABLE', 'Máy chủ đang khởi động; vui lòng thử lại sau ít giây.', {
    retryAfterSeconds: STARTING_RETRY_SECONDS,
  });

/** Where the server looked and what to check: the address without the password in the URL. */
function unreachableMessage(databaseUrl: string, error: unknown): string {
  let where = 'DATABASE_URL';
  try {
    const url = new URL(databaseUrl);
    where = `${url.hostname}:${url.port || '5432'}, cơ sở dữ liệu "${url.pathname.slice(1)}"`;
  } catch {
    // a malformed URL is named by the variable only
  }
  const reason = error instanceof Error ? error.message.trim().split('\n').pop() : '';
  return (
    `không kết nối được PostgreSQL (${where}): ${reason}. ` +
    'Hãy kiểm tra máy chủ PostgreSQL đang chạy và DATABASE_URL đúng, rồi khởi động lại.'
  );
}

export async function startApp(config: Config, log: Log = console.log): Promise<App> {
  // The add-in's certificate first: a wrong one stops the server before anything is opened.
  const provided = config.addinCertificate;
  const publicHost = config.addinPublicUrl ? new URL(config.addinPublicUrl).hostname : null;
  const readCertificate = (): Promise<Certificate> =>
    provided
      ? Promise.resolve(providedCertificate(provided.certFile, provided.keyFile, publicHost))
      : developmentCertificate(config.dataDir);
  let certificateAt = provided ? filesChangedAt(provided.certFile, provided.keyFile) : 0;
  const certificate = config.addinPort !== null ? await readCertificate() : null;
  let ready = false;
  // Filled in once the database is ready; until then /graphql, /files and /healthz answer 503.
  const handlers: {
    graphql?: Awaited<ReturnType<typeof createGraphqlHandler>>;
    database?: Database;
  } = {};
  const explorer = explorerPage(loadExamples());
  /** https://localhost:<port> of the add-in's HTTPS server, once it listens. */
  let addinUrl: string | null = null;
  const addressOf = addressReader(config.trustedProxies);
  // Pages of other origins may call the API only when named: the add-in's own HTTPS origin(s)
  // and CORS_ORIGINS. The cors package answers preflights and writes the headers.
  const allowedOrigins = new Set(config.corsOrigins);
  if (config.addinPublicUrl) allowedOrigins.add(config.addinPublicUrl);
  const corsHeaders = cors({
    origin: (origin, done) => done(null, !!origin && allowedOrigins.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: [
      'content-type',
      'authorization',
      'idempotency-key',
      'apollo-require-preflight',
    ],
    exposedHeaders: ['retry-after', 'content-disposition'],
    maxAge: 600,
  });
  /** What nobody foresaw: logged, and answered 500 without detail (or the socket dropped). */
  const answerUnforeseen = (path: string, error: unknown, res: http.ServerResponse) => {
    log(`Lỗi khi xử lý ${path}: ${error instanceof Error ? error.message : String(error)}`);
    if (res.headersSent) res.destroy();
    else sendError(res, new HttpError('INTERNAL_SERVER_ERROR', 'Lỗi máy chủ nội bộ.'));
  };
  const web = express();
  web.disable('x-powered-by');
  web.disable('etag');
  // Preflights answered, CORS headers written, for the API only.
  web.use(['/graphql', '/files'], corsHeaders);
  web.get('/graphql', (req, res, next) => {
    if (!(req.headers.accept ?? '').includes('text/html')) return next();
    res.set('cache-control', 'no-cache').type('html').send(explorer);
  });
  // Reached only while starting: a ready server answers /graphql before Express (serve below).
  web.use('/graphql', (_req, _res, next) => next(starting()));
  // The old explorer's address (the manifest's SupportUrl) leads to GraphiQL.
  web.get(['/explorer', '/explorer/'], (_req, res) => res.redirect(302, '/graphql'));
  web.get('/explorer/assets/{*file}', (req, res, next) => {
    if (!serveExplorerAsset(res, req.path)) next();
  });
  web.get('/schema.graphql', (_req, res) => {
    // The schema as SDL, the same text as schema.graphql in the repository.
    res.set('cache-control', 'no-cache').type('application/graphql; charset=utf-8');
    res.send(schemaText());
  });
  web.get('/healthz', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'starting' });
  });
  web.use('/files', (_req, _res, next) => next(ready ? undefined : starting()));
  web.use(async (req, res, next) => {
    if (!req.path.startsWith('/files/')) return next();
    if (!(await handleFileRequest(handlers.database!, req, res, addressOf))) next();
  });
  web.use((req, res, next) => {
    // Behind a TLS-terminating proxy named in TRUSTED_PROXIES, its X-Forwarded-Proto says HTTPS.
    const secure =
      req.protocol === 'https' ||
      (fromTrustedProxy(req, config.trustedProxies) &&
        req.headers['x-forwarded-proto'] === 'https');
    // The manifest names the public address, or the HTTPS one this request came by; a plain
    // HTTP request is pointed at the HTTPS server.
    const origin =
      config.addinPublicUrl ??
      (secure ? `https://${req.headers.host ?? 'localhost'}` : (addinUrl ?? 'https://localhost'));
    if (!serveAddinFile(req, res, { origin, secure })) next();
  });
  web.use((_req, _res, next) => next(new HttpError('NOT_FOUND', 'Không tìm thấy / Not found.')));
  // Every refusal and failure in the one error shape; what nobody foresaw is logged, not told.
  web.use(
    (error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendError(res, error);
      else answerUnforeseen(req.path, error, res);
    },
  );
  /**
   * Every request: GraphQL goes straight to Apollo once the server is ready (the hot path, see
   * server/graphql/http.ts), with its CORS headers; the rest, and GraphiQL's page, to Express.
   */
  /** Requests being answered, so a stop that must cut them can say which (method, path, since). */
  const inFlight = new Map<http.IncomingMessage, number>();
  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight.set(req, Date.now());
    res.once('close', () => inFlight.delete(req));
    const graphql = handlers.graphql;
    const path = (req.url ?? '/').split('?', 1)[0];
    const page = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if (path !== '/graphql' || page || !graphql) {
      web(req, res);
      return;
    }
    corsHeaders(req, res, () => {
      graphql.handle(req, res).catch((error: unknown) => answerUnforeseen(path, error, res));
    });
  };
  const server = http.createServer(serve);
  // Idle connections stay open longer than clients keep theirs (Node's 5 s is shorter than many
  // proxies' and the add-in's pauses), so a client never reuses a socket the server just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Listen first: /healthz says 503 "starting" while the database gets ready.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  let db: Database | undefined;
  try {
    // The first start of the embedded demo on a folder copies the demo's base made by this very
    // code (prisma/seed/base.ts; made now when none is kept), then loads the day's requests.
    const firstDemo =
      !config.databaseUrl &&
      config.seedDemo &&
      !config.dataSnapshot &&
      !config.dataDir.startsWith('memory://') &&
      !holdsDatabase(config.dataDir);
    const base = firstDemo ? await ensureDemoBase(demoBaseKey(demoBaseInputs())) : null;
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      startFrom: base?.folder ?? config.dataSnapshot,
    });
    log(
      config.databaseUrl
        ? 'Cơ sở dữ liệu: PostgreSQL (DATABASE_URL)'
        : `Cơ sở dữ liệu nhúng (PGlite) tại ${config.dataDir}`,
    );
    if (base) {
      await refreshSeedTimes(db.sql, base.stamp);
      log('Đã nạp bản nền của dữ liệu demo (generated/demo-base).');
    }
    const applied = await migrate(db.sql);
    log(applied.length ? `Đã áp dụng migration: ${applied.join(', ')}` : 'Lược đồ đã cập nhật.');
    for (const f of await loadShippedFrameworks(db.prisma)) {
      log(
        `Đã nạp bộ chỉ số ${f.code}: ${f.mainIndicators} chỉ số chính, ${f.components} chỉ số thành phần.`,
      );
    }
    if (config.seedDemo) {
      const files = readSeedFiles();
      if (await isEmpty(db.prisma)) {
        const report = await seedDemo(db, files, { demoUsers: true });
        log(`Đã nạp dữ liệu demo: ${JSON.stringify(report.created)}`);
      } else if (base) {
        // The base holds all but the requests of the day's periods (prisma/seed/live.ts).
        const report = await seedLive(db, files, { demoUsers: true, baseLoaded: true });
        log(`Đã nạp dữ liệu demo (yêu cầu của kỳ hiện tại): ${JSON.stringify(report.created)}`);
      } else if (await holdsLiveDemo(db.prisma, files)) {
        // The demo loaded on an earlier day: a new quarter gets its request (prisma/seed/live.ts).
        const report = await seedLive(db, files, { demoUsers: true });
        if (Object.keys(report.created).length) {
          log(`Đã thêm yêu cầu báo cáo demo của kỳ mới: ${JSON.stringify(report.created)}`);
        }
      }
    }
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    await db?.close();
    throw config.databaseUrl && isDatabaseUnavailable(error)
      ? new Error(unreachableMessage(config.databaseUrl, error), { cause: error })
      : error;
  }
  handlers.graphql = await createGraphqlHandler(db, {
    log,
    addressOf,
    trust: config.trust,
    messaging: config.messaging,
  });
  handlers.database = db;
  // The add-in over HTTPS: the same service, so the task pane talks to its own origin.
  let addin: https.Server | null = null;
  const reloadCertificate = async (): Promise<boolean> => {
    if (!addin || !provided) return false;
    const at = filesChangedAt(provided.certFile, provided.keyFile);
    if (at === certificateAt) return false;
    try {
      const next = await readCertificate();
      addin.setSecureContext({ key: next.key, cert: next.cert });
      certificateAt = at;
      log(`Đã nạp lại chứng chỉ ${next.file} (hết hạn ${formatVietnamDay(next.validTo)}).`);
      return true;
    } catch (error) {
      // Half-copied files, a wrong key: the running certificate stays until the files are right.
      log(`Chưa nạp lại chứng chỉ: ${(error as Error).message}`);
      return false;
    }
  };
  let certificateTimer: NodeJS.Timeout | null = null;
  if (certificate) {
    addin = https.createServer({ key: certificate.key, cert: certificate.cert }, serve);
    addin.keepAliveTimeout = server.keepAliveTimeout;
    const addinServer = addin;
    await new Promise<void>((resolve, reject) => {
      addinServer.once('error', reject);
      addinServer.listen(config.addinPort!, config.host, () => resolve());
    });
    addinUrl = `https://localhost:${(addin.address() as AddressInfo).port}`;
    allowedOrigins.add(addinUrl);
    log(
      `Phần bổ trợ Excel: ${config.addinPublicUrl ?? addinUrl}/manifest.xml${certificate.file ? ` (chứng chỉ ${certificate.file}, hết hạn ${formatVietnamDay(certificate.validTo)})` : ''}`,
    );
    if (provided) {
      certificateTimer = setInterval(() => void reloadCertificate(), CERTIFICATE_CHECK_MS);
      certificateTimer.unref();
    }
  }
  const stopSchedules = runSchedules(db.prisma, log);
  // Deadline reminders and the outbox (server/reminders/run.ts); links in messages point at the
  // public address, else the add-in's (the same service); rules marked so attach the công văn.
  const stopReminders = runReminderSchedule(
    db.prisma,
    {
      ...config.messaging,
      publicUrl: config.messaging.publicUrl ?? config.addinPublicUrl,
    },
    log,
    { letterFor: reminderLetterFor(db) },
  );
  const stopExchange = runExchangeOutbox(db.prisma, config.exchange, log);
  ready = true;
  log(`Sẵn sàng tại ${url} (GET /healthz)`);
  const database = db;
  return {
    db: database,
    server,
    url,
    addinUrl,
    reloadCertificate,
    async close(stage = () => {}) {
      if (certificateTimer) clearInterval(certificateTimer);
      stage('lịch mở yêu cầu định kỳ');
      await stopSchedules();
      stage('nhắc hạn và gửi thư');
      await stopReminders();
      stage('gửi dữ liệu sang hệ thống khác');
      await stopExchange();
      stage('các yêu cầu HTTP đang chạy');
      // Requests under way get a grace period to finish; then their connections are cut (a client
      // retries with its idempotency key), so a stuck one cannot keep the server from stopping.
      const servers = addin ? [server, addin] : [server];
      const closed = Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      for (const s of servers) s.closeIdleConnections();
      const grace = setTimeout(() => {
        const now = Date.now();
        const cut = [...inFlight].map(([r, at]) => `${r.method} ${r.url} (${now - at} ms)`);
        if (cut.length) log(`Dừng máy chủ: cắt ${cut.length} yêu cầu chưa xong: ${cut.join(', ')}`);
        for (const s of servers) s.closeAllConnections();
      }, STOP_GRACE_MS);
      await closed;
      clearTimeout(grace);
      stage('GraphQL');
      await handlers.graphql?.stop();
      stage('đóng cơ sở dữ liệu');
      await database.close();
    },
  };
}
