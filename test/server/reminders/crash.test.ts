// A server killed in the middle of sending reminders, as `npm start` runs it (a process of its
// own, on PostgreSQL, SMTP_URL pointing at a real SMTP server started here). The SMTP server
// takes the first message and holds the DATA of the second without answering; the process is
// killed with SIGKILL right then and started again. Every message arrives; only the one in flight
// arrives twice, with the same Message-ID, so a mail system can drop the repeat.
//
// The reminders are written by a run at a fixed clock (07:30 yesterday, Vietnam time, three days
// before the deadline) before the server starts, so the test does not depend on the hour it runs
// at; the server's own run at start delivers them. The message in flight stays claimed for its
// lease (5 minutes, server/messages/deliver.ts); the test ends the lease instead of waiting it
// out, which is what those 5 minutes would do.
import type { MessagingConfig } from '../../../server/config.ts';
import { openDatabase, type Database } from '../../../server/db/database.ts';
import { runReminders } from '../../../server/reminders/run.ts';
import { addDays } from '../../../server/reminders/rules.ts';
import { vietnamDay, vietnamInstant } from '../../../shared/time/vietnam.ts';
import { freshPostgresUrl } from '../../support/databases.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { startSmtpServer, type SmtpServer } from '../../support/smtp-server.ts';
import { makeAgencies, openRequest } from './fixture.ts';
import { reached } from '../../support/reached.ts';

const FROM = 'Sở KH&CN Nghệ An <baocao@skhcn.nghean.gov.vn>';

let url: string;
let db: Database;
let smtp: SmtpServer;
let server: ServerProcess | null = null;
let requestId: string;

beforeAll(async () => {
  url = await freshPostgresUrl({ demo: true }); // migrated, with the demo's accounts
  db = await openDatabase({ databaseUrl: url });
  const agencies = await makeAgencies(db.prisma, 'GIETMAY');
  const yesterday = addDays(vietnamDay(new Date()), -1);
  requestId = await openRequest(db.prisma, agencies, {
    title: 'Báo cáo thử máy chủ bị tắt',
    deadline: vietnamInstant(addDays(yesterday, 3), '17:00'),
  });
  smtp = await startSmtpServer();
  const messaging: MessagingConfig = {
    email: { smtpUrl: smtp.url, from: FROM },
    smsWebhookUrl: null,
    publicUrl: null,
  };
  // Written, not sent: no channel in this run.
  await runReminders(db.prisma, messaging, vietnamInstant(yesterday, '07:30'), { channels: {} });
}, 180_000);
afterAll(async () => {
  smtp?.release();
  await server?.stop();
  await smtp?.stop();
  await db?.close();
}, 60_000);

const outbox = () =>
  db.prisma.outgoingMessage.findMany({
    where: { requestId },
    select: { messageId: true, status: true, lockedUntil: true },
    orderBy: { messageId: 'asc' },
  });

test('killed while a message is in flight: after a restart each message arrives, only that one twice, with its Message-ID', async () => {
  const written = await outbox();
  // The late agency's two addresses, its leader, the consolidator's summary.
  expect(written).toHaveLength(4);
  expect(written.every((m) => m.status === 'PENDING')).toBe(true);

  const held = smtp.hold(2);
  const env = { DATABASE_URL: url, SEED_DEMO: '0', SMTP_URL: smtp.url, MAIL_FROM: FROM };
  server = await startServerProcess({ env });
  const inFlight = await held;
  expect(await server.kill('SIGKILL')).toBeNull();
  smtp.release();

  const afterKill = await outbox();
  expect(afterKill.map((m) => m.status).sort()).toEqual(['PENDING', 'PENDING', 'PENDING', 'SENT']);
  const claimed = afterKill.filter((m) => m.lockedUntil && m.lockedUntil > new Date());
  expect(claimed.map((m) => m.messageId)).toEqual([inFlight.messageId]);

  // Five minutes on, the claim has run out (see the top of the file).
  await db.prisma.outgoingMessage.updateMany({
    where: { messageId: inFlight.messageId },
    data: { lockedUntil: new Date(Date.now() - 1000) },
  });
  const restarted = await server.restart();
  server = restarted;
  await reached('every message sent', async () =>
    (await outbox()).every((m) => m.status === 'SENT') ? true : null,
  );
  const times = new Map<string, number>();
  for (const r of smtp.received) times.set(r.messageId, (times.get(r.messageId) ?? 0) + 1);
  expect(Object.fromEntries(times)).toEqual(
    Object.fromEntries(
      written.map((m) => [m.messageId, m.messageId === inFlight.messageId ? 2 : 1]),
    ),
  );
  // The run writes its summary after the last message is marked sent: wait for it too.
  await reached('the run summary', async () =>
    /Nhắc hạn: 0 đơn vị được nhắc .*; đã gửi 3, lỗi 0\./.test(restarted.output()) ? true : null,
  );
  expect(server.output()).not.toMatch(/Lỗi không lường trước|Không chạy được nhắc hạn/);
}, 240_000);
