// Two server instances on one PostgreSQL: each has its own connections (its own Prisma client and
// pool), both run the reminders at the same moment, several times. Each person is reminded once
// per rule, the consolidator gets one summary, and each message is sent once.
import type { MessagingConfig } from '../../../server/config.ts';
import { openDatabase, type Database } from '../../../server/db/database.ts';
import { runReminders } from '../../../server/reminders/run.ts';
import { addDays } from '../../../server/reminders/rules.ts';
import { vietnamInstant } from '../../../shared/time/vietnam.ts';
import { freshPostgresUrl } from '../../support/databases.ts';
import { startSmtpServer, type SmtpServer } from '../../support/smtp-server.ts';
import { makeAgencies, openRequest } from './fixture.ts';

const TITLE = 'Báo cáo thử hai máy chủ';
const at = (offset: number, time: string) => vietnamInstant(addDays('2027-02-10', offset), time);

let one: Database;
let two: Database;
let smtp: SmtpServer;
let messaging: MessagingConfig;
let requestId: string;

beforeAll(async () => {
  const url = await freshPostgresUrl({ demo: true }); // migrated, with the demo's accounts
  one = await openDatabase({ databaseUrl: url });
  const agencies = await makeAgencies(one.prisma, 'HAIMAY');
  requestId = await openRequest(one.prisma, agencies, {
    title: TITLE,
    deadline: vietnamInstant('2027-02-10', '17:00'),
  });
  two = await openDatabase({ databaseUrl: url });
  smtp = await startSmtpServer();
  messaging = {
    email: { smtpUrl: smtp.url, from: 'Sở KH&CN Nghệ An <baocao@skhcn.nghean.gov.vn>' },
    smsWebhookUrl: null,
    publicUrl: 'https://baocao.skhcn.nghean.gov.vn',
  };
}, 180_000);
afterAll(async () => {
  await smtp?.stop();
  await one?.close();
  await two?.close();
});

const problems: string[] = [];
const run = (db: Database, now: Date) =>
  runReminders(db.prisma, messaging, now, { log: (line) => problems.push(line) });
const arrived = () =>
  smtp.received
    .filter((r) => r.subject.includes(TITLE))
    .map((r) => `${r.to.join(',')} ${r.subject.split(' ', 1)[0]}`)
    .sort();

test('two instances at once remind each person once, and again at once send nothing more', async () => {
  await Promise.all([run(one, at(-3, '07:00')), run(two, at(-3, '07:00'))]);
  const once = [
    'canbo.haimay1@thu.vn [Nhắc',
    'lanhdao.haimay3@thu.vn [Chờ',
    'stttt.nghean@demo.vn [Tình',
    'vanthu.haimay1@thu.vn [Nhắc',
  ];
  expect(arrived()).toEqual(once);
  await Promise.all([
    run(one, at(-3, '07:15')),
    run(two, at(-3, '07:15')),
    run(one, at(-3, '07:15')),
    run(two, at(-3, '07:15')),
  ]);
  expect(arrived()).toEqual(once);

  // The next rule, four runs on the two instances at once.
  await Promise.all([
    run(one, at(0, '08:00')),
    run(two, at(0, '08:00')),
    run(one, at(0, '08:00')),
    run(two, at(0, '08:00')),
  ]);
  expect(arrived()).toEqual([...once, ...once].sort());
  const stored = await one.prisma.outgoingMessage.findMany({
    where: { requestId },
    select: { messageId: true, status: true, attempts: true },
  });
  expect(stored).toHaveLength(8);
  expect(stored.every((m) => m.status === 'SENT' && m.attempts === 1)).toBe(true);
  expect(
    smtp.received
      .filter((r) => r.subject.includes(TITLE))
      .map((r) => r.messageId)
      .sort(),
  ).toEqual(stored.map((m) => m.messageId).sort());
  expect(await one.prisma.reminder.count({ where: { requestId } })).toBe(4);
  expect(problems).toEqual([]);
});
