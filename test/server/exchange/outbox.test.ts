// The outbox against a local HTTP receiver, on PostgreSQL: every sent version is queued in the
// sending transaction; with the receiver down the attempts fail and are logged with its answer;
// a delivery whose server died mid-request (its claim left standing) is taken over once the lease
// ends and sent again under the same key; two runs with their own connections deliver at once
// and no delivery is sent twice; a receiver answering 400 is retried exactly maxAttempts times;
// another province's receiver never gets this province's reports. (outbox-crash.test.ts does the
// same with server processes killed and started.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';
import { openDatabase, type Database } from '../../../server/db/database.ts';
import { freshPostgresUrl } from '../../support/databases.ts';
import { deliverExchange } from '../../../server/exchange/outbox.ts';
import { quarterlyTables } from '../../support/quarterly-demo.ts';

const SAVE = contractOperation('SaveReport');
const RECEIVER = `mutation($input: ExchangeReceiverInput!) { saveExchangeReceiver(input: $input) { id hasAuthHeader } }`;

type Mode = 'down' | 'ok';
interface Received {
  key: string;
  path: string;
  auth: string | undefined;
  body: Json;
}

describe('the outbox to another system', () => {
  let server: TestServer;
  let other: Database;
  let receiver: http.Server;
  let mode: Mode = 'down';
  const received: Received[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        setTimeout(() => {
          if (req.url === '/bad') {
            res.writeHead(400, { 'content-type': 'application/json' });
            res.end('{"status":"ERROR","conflicts":[{"value":"dataSet not found"}]}');
            return;
          }
          if (mode === 'down') {
            res.writeHead(503);
            res.end('Bảo trì');
            return;
          }
          received.push({
            key: String(req.headers['idempotency-key']),
            path: req.url!,
            auth: req.headers.authorization,
            body: JSON.parse(body) as Json,
          });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"status":"SUCCESS"}');
        }, 20);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    // Its own outbox runs only at start here: the test drives the deliveries.
    const databaseUrl = await freshPostgresUrl({ demo: true });
    server = await startTestServer('postgres', {
      EXCHANGE_EVERY_MS: '3600000',
      DATABASE_URL: databaseUrl,
    });
    // A second instance's own connections to the same database.
    other = await openDatabase({ databaseUrl });
    const admin = await server.login('quantri@demo.vn');
    // Bến Tre's own scheme and a receiver of every template: Nghệ An's reports are not for it.
    const bt = await server.app.db.prisma.org.findUniqueOrThrow({ where: { code: 'BT' } });
    const scheme = await server.gql<Json>(
      'mutation($o: ID!) { createExchangeScheme(code: "DHIS2-BT", name: "DHIS2 Bến Tre", ownerOrgId: $o) { code } }',
      { o: bt.id },
      admin,
    );
    expect(scheme.errors).toBeUndefined();
    for (const input of [
      {
        schemeCode: 'DHIS2-BT',
        name: 'DHIS2 Bến Tre',
        url: `${base}/bentre`,
        format: 'DHIS2_JSON',
      },
      {
        schemeCode: 'DHIS2-NA',
        name: 'DHIS2 tỉnh',
        url: `${base}/api/dataValueSets`,
        format: 'DHIS2_JSON',
        authHeader: 'Authorization: ApiToken d2p_demo',
        templateCodes: ['NA-CDS-QUY'],
        maxAttempts: 20,
        retryBaseMs: 100,
      },
      {
        schemeCode: 'DHIS2-NA',
        name: 'Hệ thống cũ',
        url: `${base}/bad`,
        format: 'DHIS2_JSON',
        templateCodes: ['NA-CDS-QUY'],
        maxAttempts: 3,
        retryBaseMs: 100,
      },
    ]) {
      const res = await server.gql<Json>(RECEIVER, { input }, admin);
      expect(res.errors).toBeUndefined();
    }
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await other?.close();
    await new Promise((r) => receiver?.close(r));
  });

  const send = async (email: string, code: string, value: string) => {
    const prisma = server.app.db.prisma;
    const request = await prisma.reportRequest.findFirstOrThrow({
      where: { template: { code: 'NA-CDS-QUY' }, status: 'OPEN' },
      orderBy: { period: { start: 'desc' } },
    });
    const org = await prisma.org.findUniqueOrThrow({ where: { code } });
    const existing = await prisma.submission.findUnique({
      where: { requestId_orgId: { requestId: request.id, orgId: org.id } },
    });
    const token = await server.login(email);
    const res = await server.gql<Json>(
      SAVE,
      {
        input: {
          requestId: request.id,
          baseVersion: existing?.version ?? 0,
          idempotencyKey: `outbox-${email}-${value}`,
          submit: true,
          answers: [{ key: 'ket_qua', text: 'Theo kế hoạch.' }],
          tables: quarterlyTables(() => value),
        },
      },
      token,
    );
    expect(res.data!.saveReport.problems).toEqual([]);
  };

  test('down, a stale claim, two runs at once, a receiver that refuses', async () => {
    const prisma = server.app.db.prisma;
    // Four sent versions: three communes, one of them sending a correction.
    await send('ubnd.truongvinh@demo.vn', 'DVHC.16690', '10');
    await send('ubnd.thanhvinh@demo.vn', 'DVHC.16681', '20');
    await send('ubnd.cualo@demo.vn', 'DVHC.16732', '30');
    await send('ubnd.cualo@demo.vn', 'DVHC.16732', '31');
    const queued = await prisma.exchangeDelivery.findMany({ include: { receiver: true } });
    expect(queued).toHaveLength(8);
    expect(queued.some((d) => d.receiver.name === 'DHIS2 Bến Tre')).toBe(false);
    const keys = new Set(queued.map((d) => d.key));
    expect(keys.size).toBe(4);

    // The receiver is down: every attempt fails and the log keeps its answer.
    const down = await deliverExchange(prisma, { leaseMs: 2_000 });
    expect(down).toMatchObject({ delivered: 0, failed: 8 });
    const log = await prisma.exchangeAttempt.findMany({
      where: { delivery: { receiver: { name: 'DHIS2 tỉnh' } } },
    });
    expect(log.map((a) => [a.httpStatus, a.answer, a.ok])).toEqual(
      Array(4).fill([503, 'Bảo trì', false]),
    );

    // A server died while delivering one: its claim stands until the lease ends, and nobody
    // else touches it meanwhile.
    const victim = queued.find((d) => d.receiver.name === 'DHIS2 tỉnh')!;
    await prisma.exchangeDelivery.update({
      where: { id: victim.id },
      data: { lockedUntil: new Date(Date.now() + 1_500), nextAttemptAt: new Date() },
    });
    mode = 'ok';
    await new Promise((r) => setTimeout(r, 300)); // the failed ones are due again after 100 ms
    // Two runs at once, each with its own connections.
    const [a, b] = await Promise.all([
      deliverExchange(prisma, { leaseMs: 2_000 }),
      deliverExchange(other.prisma, { leaseMs: 2_000 }),
    ]);
    expect(a.delivered + b.delivered).toBe(3);
    expect(received.map((r) => r.key)).not.toContain(victim.key);
    // The lease ends: the next run takes it over and sends it, under the same key.
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await deliverExchange(prisma, { leaseMs: 2_000 })).delivered).toBe(1);

    const delivered = await prisma.exchangeDelivery.findMany({
      where: { receiver: { name: 'DHIS2 tỉnh' } },
    });
    expect(delivered.every((d) => d.status === 'DELIVERED')).toBe(true);
    // Every sent version arrived; after dropping repeats by key, none twice (and here none at all).
    expect(new Set(received.map((r) => r.key))).toEqual(keys);
    expect(received).toHaveLength(4);
    expect(
      received.every((r) => r.auth === 'ApiToken d2p_demo' && r.path === '/api/dataValueSets'),
    ).toBe(true);
    const cuaLo = received
      .filter((r) => r.body.orgUnit === 'VN_16732')
      .map((r) => r.body.dataValues[0].value)
      .sort();
    expect(cuaLo).toEqual(['30', '31']);

    // The refusing receiver: tried again after its wait, exactly maxAttempts = 3 times, then left.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 450));
      await deliverExchange(prisma, { leaseMs: 2_000 });
    }
    const refused = await prisma.exchangeDelivery.findMany({
      where: { receiver: { name: 'Hệ thống cũ' } },
      include: { log: true },
    });
    expect(refused.map((d) => [d.status, d.attempts, d.log.length])).toEqual(
      Array(4).fill(['GAVE_UP', 3, 3]),
    );
    expect(refused[0]!.log[0]).toMatchObject({
      httpStatus: 400,
      answer: expect.stringContaining('dataSet not found'),
    });
  }, 120_000);
});
