// Delivering the outbox to a real SMTP server: each message once even when two deliveries run at
// the same moment; a message held by another instance's lease is left alone until the lease ends
// (an instance killed mid-send), then sent again with the same Message-ID; a failure is logged
// with the relay's answer and tried again later, never dropped. The clock is passed in.
import { migrate } from '../../../server/db/migrate.ts';
import { closeChannels, openChannels, type Channels } from '../../../server/messages/channels.ts';
import { deliverPending, LEASE_MS, retryDelayMs } from '../../../server/messages/deliver.ts';
import { enqueueMessages, type NewMessage } from '../../../server/messages/outbox.ts';
import type { Database } from '../../../server/db/database.ts';
import { freshDatabase } from '../../support/databases.ts';
import { startSmtpServer, type SmtpServer } from '../../support/smtp-server.ts';

const FROM = 'Sở KH&CN Nghệ An <baocao@skhcn.nghean.gov.vn>';
const MIN = 60_000;

let db: Database;
let smtp: SmtpServer;
let channels: Channels;
beforeAll(async () => {
  db = await freshDatabase('pglite');
  await migrate(db.sql);
  smtp = await startSmtpServer();
  channels = openChannels({
    email: { smtpUrl: smtp.url, from: FROM },
    smsWebhookUrl: null,
    publicUrl: null,
  });
}, 120_000);
afterAll(async () => {
  closeChannels(channels);
  await smtp?.stop();
  await db?.close();
});
beforeEach(async () => {
  await db.prisma.outgoingMessage.deleteMany();
  smtp.received.length = 0;
  smtp.refuse = null;
});

const mail = (i: number): NewMessage => ({
  kind: 'REMINDER',
  channel: 'EMAIL',
  address: `vanthu${i}@thu.vn`,
  subject: `[Nhắc hạn] Báo cáo thử số ${i}`,
  text: `Kính gửi đơn vị số ${i}.`,
});

async function enqueue(count: number, now: Date) {
  await db.prisma.$transaction((tx) =>
    enqueueMessages(
      tx,
      Array.from({ length: count }, (_, i) => mail(i + 1)),
      FROM,
      now,
    ),
  );
  return db.prisma.outgoingMessage.findMany({ orderBy: { address: 'asc' } });
}

const rows = () =>
  db.prisma.outgoingMessage.findMany({
    orderBy: { address: 'asc' },
    select: { address: true, status: true, attempts: true, lastError: true, sentAt: true },
  });

test('two deliveries at the same moment send each message once, with its stored Message-ID', async () => {
  const now = new Date('2027-01-02T02:00:00Z');
  const stored = await enqueue(6, now);
  const [a, b] = await Promise.all([
    deliverPending(db.prisma, channels, now),
    deliverPending(db.prisma, channels, now),
  ]);
  expect(a.sent + b.sent).toBe(6);
  expect(smtp.received.map((r) => r.messageId).sort()).toEqual(
    stored.map((m) => m.messageId).sort(),
  );
  expect((await rows()).every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
  // Nothing is due any more: a third run sends nothing.
  expect((await deliverPending(db.prisma, channels, now)).sent).toBe(0);
  expect(smtp.received).toHaveLength(6);
});

test('a message held by a killed instance waits for its lease to end, then goes with the same Message-ID', async () => {
  const now = new Date('2027-01-02T02:00:00Z');
  const [held] = await enqueue(2, now);
  // Another instance claimed it a minute ago and was killed while sending it.
  await db.prisma.outgoingMessage.update({
    where: { id: held!.id },
    data: { lockedUntil: new Date(now.getTime() - MIN + LEASE_MS) },
  });
  await deliverPending(db.prisma, channels, now);
  expect(smtp.received.map((r) => r.to[0])).toEqual(['vanthu2@thu.vn']);
  expect((await rows()).map((r) => r.status)).toEqual(['PENDING', 'SENT']);
  // Once the lease has run out, the next run sends it.
  await deliverPending(db.prisma, channels, new Date(now.getTime() + LEASE_MS));
  expect(smtp.received.map((r) => r.to[0])).toEqual(['vanthu2@thu.vn', 'vanthu1@thu.vn']);
  expect(smtp.received[1]!.messageId).toBe(held!.messageId);
});

test('a refusing relay: logged as failed with its answer, tried again later, delivered then', async () => {
  const now = new Date('2027-01-02T02:00:00Z');
  await enqueue(2, now);
  smtp.refuse = { code: 451, text: '4.7.1 Greylisted, please try again' };
  const first = await deliverPending(db.prisma, channels, now);
  expect(first).toMatchObject({ sent: 0, failed: 2 });
  const failed = await rows();
  expect(failed.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
    [
      'FAILED',
      1,
      `Máy chủ thư 127.0.0.1:${smtp.port} từ chối thư: 451 4.7.1 Greylisted, please try again`,
    ],
    [
      'FAILED',
      1,
      `Máy chủ thư 127.0.0.1:${smtp.port} từ chối thư: 451 4.7.1 Greylisted, please try again`,
    ],
  ]);
  smtp.refuse = null;
  // Not before its time (5 minutes after the first attempt)…
  expect((await deliverPending(db.prisma, channels, new Date(now.getTime() + 2 * MIN))).sent).toBe(
    0,
  );
  // …then delivered, each once; the reason of the failure stays in the log beside the success.
  expect((await deliverPending(db.prisma, channels, new Date(now.getTime() + 6 * MIN))).sent).toBe(
    2,
  );
  expect(smtp.received).toHaveLength(2);
  expect((await rows()).map((r) => [r.status, r.attempts, Boolean(r.lastError)])).toEqual([
    ['SENT', 2, true],
    ['SENT', 2, true],
  ]);
});

test('waits between attempts grow, up to six hours', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / MIN)).toEqual([
    5, 10, 20, 40, 80, 160, 320, 360, 360,
  ]);
  expect(retryDelayMs(1, true) / MIN).toBe(360);
});

test('messages of a channel that is not configured wait for it; nothing is sent or lost', async () => {
  const now = new Date('2027-01-02T02:00:00Z');
  await enqueue(1, now);
  expect(await deliverPending(db.prisma, {}, now)).toEqual({ sent: 0, failed: 0, failures: [] });
  expect((await rows()).map((r) => r.status)).toEqual(['PENDING']);
});
