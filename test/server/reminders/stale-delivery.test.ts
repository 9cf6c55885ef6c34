// A reminder written while the mail relay was down waits in the outbox; if the agency sends its
// report meanwhile, the reminder is cancelled with the reason instead of telling them "chưa gửi".
// One that still holds goes when the relay is back (nothing lost).
import { runReminders } from '../../../server/reminders/run.ts';
import type { MessagingConfig } from '../../../server/config.ts';
import { startSmtpServer, type SmtpServer } from '../../support/smtp-server.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { makeAgencies, openRequest, type Agencies } from './fixture.ts';

const TITLE = 'Báo cáo thử thư nhắc đã cũ';
const deadline = new Date('2026-12-20T10:00:00Z'); // 17:00 Vietnam time
let server: TestServer;
let smtp: SmtpServer;
let agencies: Agencies;
let requestId: string;
let messaging: MessagingConfig;

beforeAll(async () => {
  server = await startTestServer('pglite');
  smtp = await startSmtpServer();
  messaging = {
    email: { smtpUrl: smtp.url, from: 'Sở KH&CN <baocao@skhcn.vn>' },
    smsWebhookUrl: null,
    publicUrl: null,
  };
  agencies = await makeAgencies(server.app.db.prisma, 'CU');
  requestId = await openRequest(server.app.db.prisma, agencies, { title: TITLE, deadline });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await smtp?.stop();
});

test('sent meanwhile: cancelled with the reason, never received; the leader’s still goes', async () => {
  const prisma = server.app.db.prisma;
  // Reminders only (the consolidator's summary names the title too).
  const ours = () =>
    smtp.received.filter(
      (r) => r.subject.includes(TITLE) && !r.subject.startsWith('[Tình hình nộp]'),
    );
  smtp.refuse = { code: 451, text: '4.3.0 Hệ thống đang bận' };
  // Three days before, 09:00 in Vietnam.
  await runReminders(prisma, messaging, new Date('2026-12-17T02:00:00Z'));
  const waiting = await prisma.outgoingMessage.findMany({
    where: { requestId, kind: 'REMINDER' },
    select: { address: true, status: true, orgId: true },
  });
  expect(waiting.length).toBeGreaterThan(1);
  expect(new Set(waiting.map((m) => m.status))).toEqual(new Set(['FAILED']));
  expect(ours()).toEqual([]);

  // The late agency sends; the relay comes back.
  await prisma.submission.updateMany({
    where: { requestId, orgId: agencies.late.id },
    data: { status: 'SUBMITTED', submittedAt: new Date('2026-12-17T03:00:00Z') },
  });
  smtp.refuse = null;
  await runReminders(prisma, messaging, new Date('2026-12-17T05:00:00Z'));

  const after = await prisma.outgoingMessage.findMany({
    where: { requestId, kind: 'REMINDER' },
    select: { address: true, status: true, orgId: true, lastError: true },
  });
  const late = after.filter((m) => m.orgId === agencies.late.id);
  expect(late.length).toBeGreaterThan(0);
  for (const m of late) {
    expect([m.status, m.lastError]).toEqual(['CANCELLED', 'Không gửi: đơn vị đã gửi báo cáo.']);
  }
  const leader = after.filter((m) => m.orgId === agencies.waiting.id);
  expect(leader.map((m) => m.status)).toEqual(leader.map(() => 'SENT'));
  expect(
    ours()
      .map((r) => r.to[0])
      .sort(),
  ).toEqual(leader.map((m) => m.address).sort());
  expect(ours().some((r) => late.some((m) => r.to.includes(m.address)))).toBe(false);
}, 60_000);
