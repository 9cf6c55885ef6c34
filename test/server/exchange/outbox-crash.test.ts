// The outbox as `npm start` runs it: server processes of their own on PostgreSQL, against a local
// HTTP receiver started here. The receiver is down for a while (503), then holds one request
// without answering; that server is killed with SIGKILL right then. Two other instances start at
// once. Every sent version arrives; dropping repeats by Idempotency-Key, none arrives twice; no
// key is ever in flight twice at the same time; the one held when the server died is sent again
// under its key once its claim's lease ends; a receiver answering 400 gets exactly maxAttempts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractOperation } from '../../support/contract.ts';
import { freshPostgresUrl } from '../../support/databases.ts';
import type { Json } from '../../support/json.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { quarterlyTables } from '../../support/quarterly-demo.ts';
import { reached } from '../../support/reached.ts';

const SAVE = contractOperation('SaveReport');
const RECEIVER = `mutation($input: ExchangeReceiverInput!) { saveExchangeReceiver(input: $input) { id } }`;
const OUTBOX_ENV = { SEED_DEMO: '0', EXCHANGE_EVERY_MS: '200', EXCHANGE_LEASE_MS: '3000' };

type Mode = 'down' | 'hold' | 'ok';

let databaseUrl: string;
let app: TestServer;
let receiver: http.Server;
let mode: Mode = 'down';
let held: (() => void) | null = null;
const answered: { key: string; status: number }[] = [];
const inFlight = new Map<string, number>();
let mostInFlightPerKey = 0;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const key = String(req.headers['idempotency-key']);
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    mostInFlightPerKey = Math.max(mostInFlightPerKey, inFlight.get(key)!);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight.set(key, inFlight.get(key)! - 1);
    };
    req.on('close', finish);
    res.on('finish', finish);
    req.resume();
    req.on('end', () => {
      const answer = (status: number, body: string) => {
        answered.push({ key: `${req.url} ${key}`, status });
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(body);
      };
      if (req.url === '/bad') return answer(400, 'dataSet không tồn tại');
      if (mode === 'down') return answer(503, 'Bảo trì');
      if (mode === 'hold') {
        mode = 'ok'; // only this one is held; the test kills its sender now
        held = () => res.destroy();
        return;
      }
      answer(200, '{"status":"SUCCESS"}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  databaseUrl = await freshPostgresUrl({ demo: true });
  // The in-process server answers GraphQL; its own outbox runs once at start, before any receiver.
  app = await startTestServer('postgres', {
    DATABASE_URL: databaseUrl,
    EXCHANGE_EVERY_MS: '3600000',
  });
  const admin = await app.login('quantri@demo.vn');
  for (const input of [
    {
      schemeCode: 'DHIS2-NA',
      name: 'DHIS2 tỉnh',
      url: `${base}/api/dataValueSets`,
      format: 'DHIS2_JSON',
      templateCodes: ['NA-CDS-QUY'],
      maxAttempts: 30,
      retryBaseMs: 100,
    },
    {
      schemeCode: 'DHIS2-NA',
      name: 'Hệ thống cũ',
      url: `${base}/bad`,
      format: 'ADX_XML',
      templateCodes: ['NA-CDS-QUY'],
      maxAttempts: 3,
      retryBaseMs: 100,
    },
  ]) {
    expect((await app.gql<Json>(RECEIVER, { input }, admin)).errors).toBeUndefined();
  }
  const prisma = app.app.db.prisma;
  const request = await prisma.reportRequest.findFirstOrThrow({
    where: { template: { code: 'NA-CDS-QUY' }, status: 'OPEN' },
    orderBy: { period: { start: 'desc' } },
  });
  // Four sent versions: three communes, one of them sending a correction.
  for (const [email, code, value] of [
    ['ubnd.truongvinh@demo.vn', 'DVHC.16690', '10'],
    ['ubnd.thanhvinh@demo.vn', 'DVHC.16681', '20'],
    ['ubnd.cualo@demo.vn', 'DVHC.16732', '30'],
    ['ubnd.cualo@demo.vn', 'DVHC.16732', '31'],
  ] as const) {
    const org = await prisma.org.findUniqueOrThrow({ where: { code } });
    const existing = await prisma.submission.findUnique({
      where: { requestId_orgId: { requestId: request.id, orgId: org.id } },
    });
    const res = await app.gql<Json>(
      SAVE,
      {
        input: {
          requestId: request.id,
          baseVersion: existing?.version ?? 0,
          idempotencyKey: `crash-${code}-${value}`,
          submit: true,
          answers: [{ key: 'ket_qua', text: 'Theo kế hoạch.' }],
          tables: quarterlyTables(() => value),
        },
      },
      await app.login(email),
    );
    expect(res.data!.saveReport.problems).toEqual([]);
  }
}, 240_000);
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await app?.close();
  await new Promise((r) => receiver?.close(r));
}, 60_000);

test('down, killed mid-delivery, two instances: every version once by key; 400 tried maxAttempts times', async () => {
  const prisma = app.app.db.prisma;
  const queued = await prisma.exchangeDelivery.findMany({ include: { receiver: true } });
  expect(queued).toHaveLength(8);
  const keys = new Set(queued.map((d) => d.key));
  expect(keys.size).toBe(4);

  // Down for a while: each of the four is refused twice, and logged with the answer.
  const first = await startServerProcess({ env: { DATABASE_URL: databaseUrl, ...OUTBOX_ENV } });
  processes.push(first);
  await reached('eight refusals', () =>
    answered.filter((a) => a.status === 503).length >= 8 ? true : null,
  );
  const log = await prisma.exchangeAttempt.findFirstOrThrow({ where: { httpStatus: 503 } });
  expect(log).toMatchObject({ answer: 'Bảo trì', ok: false });

  // The receiver holds the next request; its server dies right then.
  mode = 'hold';
  await reached('a held request', () => held);
  expect(await first.kill('SIGKILL')).toBeNull();
  held!();

  // Two instances start together and finish the work.
  processes.push(
    ...(await Promise.all([
      startServerProcess({ env: { DATABASE_URL: databaseUrl, ...OUTBOX_ENV } }),
      startServerProcess({ env: { DATABASE_URL: databaseUrl, ...OUTBOX_ENV } }),
    ])),
  );
  await reached('every delivery settled', async () => {
    const open = await prisma.exchangeDelivery.count({
      where: { status: { in: ['PENDING', 'FAILED'] } },
    });
    return open === 0 ? true : null;
  });

  const delivered = answered.filter((a) => a.status === 200).map((a) => a.key);
  // Every sent version arrived, and after dropping repeats by key none twice (here none at all:
  // the held one was never answered, so it was sent again and answered once).
  expect(new Set(delivered)).toEqual(new Set([...keys].map((k) => `/api/dataValueSets ${k}`)));
  expect(delivered).toHaveLength(4);
  expect(mostInFlightPerKey).toBe(1);
  const main = await prisma.exchangeDelivery.findMany({
    where: { receiver: { name: 'DHIS2 tỉnh' } },
  });
  expect(main.every((d) => d.status === 'DELIVERED')).toBe(true);
  // The 400 receiver: three attempts each, logged with its answer, then no more.
  const refused = await prisma.exchangeDelivery.findMany({
    where: { receiver: { name: 'Hệ thống cũ' } },
    include: { log: true },
  });
  expect(refused.map((d) => [d.status, d.attempts, d.log.length])).toEqual(
    Array(4).fill(['GAVE_UP', 3, 3]),
  );
  expect(
    refused[0]!.log.every((a) => a.httpStatus === 400 && a.answer === 'dataSet không tồn tại'),
  ).toBe(true);
  expect(answered.filter((a) => a.key.startsWith('/bad '))).toHaveLength(12);
}, 240_000);
