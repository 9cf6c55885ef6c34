// Deadline reminders end to end on the embedded database, with a real SMTP server started here
// (smtp-server, read back with mailparser), a local SMS/Zalo gateway double, and a fake clock:
// the run is given the day and hour. Three departments owe a report due 17:00 on 05/01/2027: one
// has not sent, one has sent, one's report waits for its leader. The consolidator sets the rules
// and reads the send log over GraphQL; reminded users read their notifications in the pane's
// queries.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessagingConfig } from '../../../server/config.ts';
import JSZip from 'jszip';
import { reminderLetterFor } from '../../../server/reminders/letter.ts';
import { runReminders } from '../../../server/reminders/run.ts';
import { addDays } from '../../../server/reminders/rules.ts';
import { vietnamInstant } from '../../../shared/time/vietnam.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startSmtpServer, type ReceivedMail, type SmtpServer } from '../../support/smtp-server.ts';
import { makeAgencies, openRequest, type Agencies } from './fixture.ts';
import type { Json } from '../../support/json.ts';

const TITLE = 'Báo cáo thử nhắc hạn quý IV/2026';
const DEADLINE_DAY = '2027-01-05';
const deadline = vietnamInstant(DEADLINE_DAY, '17:00');
/** `offset` days from the deadline's day, at `time` Vietnam time. */
const day = (offset: number, time = '09:00') => vietnamInstant(addDays(DEADLINE_DAY, offset), time);
/** The request's period (AD_HOC, 01/07–31/12/2026), as people read it. */
const PERIOD = 'Từ 01/07/2026 đến 31/12/2026';
const FROM = 'Sở KH&CN Nghệ An <baocao@skhcn.nghean.gov.vn>';
const CONSOLIDATOR = 'stttt.nghean@demo.vn';

let server: TestServer;
let smtp: SmtpServer;
let gateway: http.Server;
const texts: { to: string; text: string; id: string }[] = [];
let messaging: MessagingConfig;
let agencies: Agencies;
let requestId: string;

beforeAll(async () => {
  server = await startTestServer('pglite');
  smtp = await startSmtpServer();
  gateway = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      texts.push(JSON.parse(body) as (typeof texts)[number]);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  messaging = {
    email: { smtpUrl: smtp.url, from: FROM },
    smsWebhookUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/zalo`,
    publicUrl: server.app.url,
  };
  agencies = await makeAgencies(server.app.db.prisma, 'NHAC');
  requestId = await openRequest(server.app.db.prisma, agencies, { title: TITLE, deadline });
}, 180_000);
afterAll(async () => {
  await server?.close();
  await smtp?.stop();
  await new Promise((resolve) => gateway?.close(resolve));
});

/** What a run could not do (logged, not thrown): nothing, in every test. */
const problems: string[] = [];
afterEach(() => expect(problems.splice(0)).toEqual([]));

const run = (now: Date, m: MessagingConfig = messaging) =>
  runReminders(server.app.db.prisma, m, now, {
    letterFor: reminderLetterFor(server.app.db),
    log: (line) => problems.push(line),
  });

/** Ours among what arrived (a run also reminds for the demo's own requests). */
const ours = (from = 0): ReceivedMail[] =>
  smtp.received.slice(from).filter((r) => r.subject.includes(TITLE));
const tag = (r: ReceivedMail) => `${r.to.join(',')} ${r.subject.split(' ', 1)[0]}`;
const phone = '0912 000 001';

const setRules = async (rules: Json[], email = CONSOLIDATOR) =>
  server.gql<Json>(
    `mutation($id: ID!, $rules: [ReminderRuleInput!]!) {
       setReminderRules(requestId: $id, rules: $rules) { id reminderRules { offsetDays attachLetter } }
     }`,
    { id: requestId, rules },
    await server.login(email),
  );

const ruleOffsets = async () =>
  (
    await server.gql<Json>(
      'query($id: ID!) { reportRequest(id: $id) { reminderRules { offsetDays attachLetter } } }',
      { id: requestId },
      await server.login(CONSOLIDATOR),
    )
  ).data!.reportRequest.reminderRules as Json[];

test('a request opens with the default rules; only its consolidator changes them, with checked input', async () => {
  expect((await ruleOffsets()).map((r) => r.offsetDays)).toEqual([-3, 0, 1, 3]);

  const reporter = await setRules([{ offsetDays: 1 }], 'canbo.nhac1@thu.vn');
  expect(reporter.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const otherProvince = await setRules([{ offsetDays: 1 }], 'stttt.bentre@demo.vn');
  expect(otherProvince.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

  const bad = await setRules([{ offsetDays: 61 }, { offsetDays: -3 }, { offsetDays: -3 }]);
  expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(bad.errors?.[0]?.message).toBe(
    'Mốc nhắc thứ 1: số ngày so với hạn phải từ -30 (30 ngày trước hạn) đến 60 (60 ngày sau hạn); đã nhập 61. ' +
      'Mốc nhắc "3 ngày trước hạn" (-3) bị nhập trùng.',
  );
  expect((await ruleOffsets()).map((r) => r.offsetDays)).toEqual([-3, 0, 1, 3]);

  const set = await setRules([{ offsetDays: 1, attachLetter: true }, { offsetDays: -3 }]);
  expect(set.errors).toBeUndefined();
  expect(set.data!.setReminderRules.reminderRules).toEqual([
    { offsetDays: -3, attachLetter: false },
    { offsetDays: 1, attachLetter: true },
  ]);
});

test('day by day: staff of the agency that has not sent get one email at −3 days and one at +1, the leader instead of staff for the report waiting for approval, the agency that sent nothing', async () => {
  const byDay: Record<string, string[]> = {};
  const smsByDay: Record<string, string[]> = {};
  // Before office hours on the −3 day: nothing yet.
  await run(day(-3, '06:30'));
  expect(ours()).toEqual([]);
  for (let d = -5; d <= 5; d++) {
    const before = smtp.received.length;
    const smsBefore = texts.length;
    await run(day(d));
    byDay[d] = ours(before).map(tag).sort();
    smsByDay[d] = texts
      .slice(smsBefore)
      .filter((t) => t.to === phone)
      .map((t) => t.text.split(' ', 1)[0]!);
  }
  const reminded = (staffTag: string) => [
    `canbo.nhac1@thu.vn ${staffTag}`,
    'lanhdao.nhac3@thu.vn [Chờ',
    'stttt.nghean@demo.vn [Tình',
    `vanthu.nhac1@thu.vn ${staffTag}`,
  ];
  expect(byDay).toEqual({
    '-5': [],
    '-4': [],
    '-3': reminded('[Nhắc'),
    '-2': [],
    '-1': [],
    '0': [],
    '1': reminded('[Quá'),
    '2': [],
    '3': [],
    '4': [],
    '5': [],
  });
  // The agency's phone (Org.phone) gets the short text on the same days; leaders have none here.
  expect(smsByDay).toEqual({
    '-5': [],
    '-4': [],
    '-3': ['[Nhắc'],
    '-2': [],
    '-1': [],
    '0': [],
    '1': ['[Quá'],
    '2': [],
    '3': [],
    '4': [],
    '5': [],
  });
});

test('the messages read as written: Vietnamese subject and text, the deadline in Vietnam time, how to open the report', async () => {
  const prisma = server.app.db.prisma;
  const consolidator = await prisma.org.findUniqueOrThrow({ where: { code: 'NA.SKHCN' } });
  const staff = ours().find((r) => r.to[0] === 'canbo.nhac1@thu.vn')!;
  expect(staff.subject).toBe(`[Nhắc hạn] ${TITLE} — hạn 17:00 ngày 05/01/2027`);
  expect(staff.rawSubject).toMatch(/^=\?UTF-8\?[QB]\?/i);
  const link = `${server.app.url}/files/requests/${requestId}/sheet.xlsx?orgId=${agencies.late.id}`;
  expect(staff.text.trim().split('\n')).toEqual([
    `Kính gửi: ${agencies.late.name},`,
    '',
    `${consolidator.name} trân trọng nhắc: ${agencies.late.name} chưa gửi báo cáo "${TITLE}" (${PERIOD}).`,
    'Hạn gửi: 17:00 ngày 05/01/2027 (giờ Việt Nam) — còn 3 ngày.',
    'Tình trạng hiện nay: Nháp (chưa gửi).',
    '',
    'Cách mở và gửi báo cáo:',
    `- Trong Excel: thẻ Trang đầu (Home) → nhóm "Tổng hợp" → nút "Báo cáo", đăng nhập, chọn "${TITLE}" trong danh sách báo cáo phải gửi, bấm "Tải mẫu vào bảng tính", điền rồi "Gửi báo cáo".`,
    `- Hoặc tải bảng tính của đơn vị sau khi đăng nhập (gửi kèm mã truy cập: tiêu đề Authorization: Bearer <mã>), điền rồi tải lên lại cùng địa chỉ: ${link}`,
    '',
    `Thư này do hệ thống Tổng hợp – Báo cáo chuyển đổi số gửi tự động theo lịch nhắc hạn của ${consolidator.name}; đơn vị đã gửi báo cáo sẽ không nhận thêm thư nhắc.`,
  ]);
  // The Message-ID is the one in the send log.
  const row = await prisma.outgoingMessage.findFirstOrThrow({
    where: { requestId, address: 'canbo.nhac1@thu.vn', status: 'SENT' },
    orderBy: { createdAt: 'asc' },
  });
  expect(staff.messageId).toBe(row.messageId);
  // The link gives the agency's sheet to its signed-in staff.
  const sheet = await fetch(link, {
    headers: { authorization: `Bearer ${await server.login('canbo.nhac1@thu.vn')}` },
  });
  expect(sheet.status).toBe(200);
  expect(sheet.headers.get('content-type')).toMatch(/spreadsheetml/);

  const overdue = ours().find(
    (r) => r.to[0] === 'vanthu.nhac1@thu.vn' && r.subject.startsWith('[Quá'),
  )!;
  expect(overdue.subject).toBe(`[Quá hạn] ${TITLE} — hạn 17:00 ngày 05/01/2027`);
  expect(overdue.text).toContain(
    'Hạn gửi: 17:00 ngày 05/01/2027 (giờ Việt Nam) — đã quá hạn 1 ngày.',
  );
  expect(overdue.text).toContain(`Kèm theo thư này là công văn đôn đốc của ${consolidator.name}.`);
  // The công văn đôn đốc the department downloads, naming the agencies overdue.
  const [letter] = overdue.mail.attachments;
  expect(letter!.filename).toBe('Công văn đôn đốc - Báo cáo thử nhắc hạn quý IV 2026.docx');
  const xml = await (
    await JSZip.loadAsync(letter!.content)
  )
    .file('word/document.xml')!
    .async('string');
  const words = xml.replace(/<[^>]+>/g, '');
  expect(words).toContain(agencies.late.name);
  expect(words).toContain(agencies.waiting.name);
  expect(words).not.toContain(agencies.sent.name);

  const leader = ours().find((r) => r.to[0] === 'lanhdao.nhac3@thu.vn')!;
  expect(leader.subject).toBe(`[Chờ duyệt] ${TITLE} — hạn 17:00 ngày 05/01/2027`);
  expect(leader.text).toContain(
    `trân trọng nhắc: báo cáo "${TITLE}" (${PERIOD}) của ${agencies.waiting.name} đang chờ lãnh đạo đơn vị duyệt.`,
  );
  expect(leader.text).toContain('chọn "Chờ duyệt", mở báo cáo, bấm "Duyệt" rồi "Gửi Sở".');
  expect(leader.mail.attachments).toEqual([]);

  const summary = ours()
    .filter((r) => r.to[0] === CONSOLIDATOR)
    .at(-1)!;
  expect(summary.subject).toBe(`[Tình hình nộp] ${TITLE} — 2 đơn vị chưa gửi, 2 quá hạn`);
  expect(summary.text).toContain(
    '- Phải báo cáo: 3 đơn vị; đã gửi: 1; chưa gửi: 2 (trong đó 1 đang chờ lãnh đạo đơn vị duyệt).',
  );
  expect(summary.text).toContain(
    `- Quá hạn chưa gửi: 2 đơn vị:\n  1. ${agencies.late.name} — hạn 17:00 ngày 05/01/2027 (Nháp (chưa gửi))\n  2. ${agencies.waiting.name} — hạn 17:00 ngày 05/01/2027 (Chờ duyệt)`,
  );

  const sms = texts.find((t) => t.to === phone)!;
  expect(sms.text).toBe(
    `[Nhắc hạn] ${agencies.late.name} chưa gửi báo cáo "${TITLE}"; hạn 17:00 ngày 05/01/2027 (còn 3 ngày). Mở Excel → Tổng hợp → Báo cáo để gửi.`,
  );
});

const counts = async () => {
  const prisma = server.app.db.prisma;
  return {
    reminders: await prisma.reminder.count({ where: { requestId } }),
    messages: await prisma.outgoingMessage.count({ where: { requestId } }),
    notifications: await prisma.notification.count({ where: { requestId } }),
  };
};

test('running again the same day, twice at once, or after the rules changed sends nothing more', async () => {
  const before = await counts();
  const received = smtp.received.length;
  const sms = texts.length;
  await run(day(-3, '10:00'));
  await Promise.all([run(day(1, '11:00')), run(day(1, '11:00'))]);
  // The +1 rule kept (its letter turned off), −3 taken out and put back: none of it sends again.
  expect((await setRules([{ offsetDays: 1 }, { offsetDays: 4 }])).errors).toBeUndefined();
  expect(
    (await setRules([{ offsetDays: -3 }, { offsetDays: 1 }, { offsetDays: 4 }])).errors,
  ).toBeUndefined();
  await run(day(-3, '15:00'));
  await run(day(1, '15:00'));
  expect(ours(received)).toEqual([]);
  expect(texts.slice(sms).filter((t) => t.to === phone)).toEqual([]);
  expect(await counts()).toEqual(before);

  // A rule due today, two runs at once: each person gets it once.
  await Promise.all([run(day(4)), run(day(4))]);
  expect(ours(received).map(tag).sort()).toEqual([
    'canbo.nhac1@thu.vn [Quá',
    'lanhdao.nhac3@thu.vn [Chờ',
    'stttt.nghean@demo.vn [Tình',
    'vanthu.nhac1@thu.vn [Quá',
  ]);
  expect(texts.slice(sms).filter((t) => t.to === phone)).toHaveLength(1);
});

const messageLog = async (email = CONSOLIDATOR) =>
  server.gql<Json>(
    `query($id: ID!) { reportRequest(id: $id) { messageLog {
       kind channel address subject status attempts lastError sentAt createdAt org { id name } } } }`,
    { id: requestId },
    await server.login(email),
  );

test('relay down: logged as failed with the reason, retried at the next runs, delivered, nothing lost', async () => {
  expect(
    (await setRules([{ offsetDays: -3 }, { offsetDays: 1 }, { offsetDays: 4 }, { offsetDays: 5 }]))
      .errors,
  ).toBeUndefined();
  const received = smtp.received.length;
  await smtp.stop();
  await run(day(5));
  const failed = (await messageLog()).data!.reportRequest.messageLog.filter(
    (m: Json) => m.status === 'FAILED',
  );
  expect(failed.map((m: Json) => m.address).sort()).toEqual([
    'canbo.nhac1@thu.vn',
    'lanhdao.nhac3@thu.vn',
    'stttt.nghean@demo.vn',
    'vanthu.nhac1@thu.vn',
  ]);
  for (const m of failed) {
    expect(m).toMatchObject({ channel: 'EMAIL', attempts: 1, sentAt: null });
    expect(m.lastError).toMatch(
      new RegExp(`^Không kết nối được máy chủ thư 127\\.0\\.0\\.1:${smtp.port}: .*ECONNREFUSED`),
    );
  }
  // The relay is back but busy: refused with 451, logged with its answer.
  await smtp.start();
  smtp.refuse = { code: 451, text: '4.3.0 Hệ thống đang bận, thử lại sau' };
  await run(day(5, '09:15'));
  const busy = (await messageLog()).data!.reportRequest.messageLog.filter(
    (m: Json) => m.status === 'FAILED',
  );
  expect(busy).toHaveLength(4);
  for (const m of busy) {
    expect(m.attempts).toBe(2);
    expect(m.lastError).toBe(
      `Máy chủ thư 127.0.0.1:${smtp.port} từ chối thư: 451 4.3.0 Hệ thống đang bận, thử lại sau`,
    );
  }
  smtp.refuse = null;
  await run(day(5, '09:30'));
  expect(ours(received).map(tag).sort()).toEqual([
    'canbo.nhac1@thu.vn [Quá',
    'lanhdao.nhac3@thu.vn [Chờ',
    'stttt.nghean@demo.vn [Tình',
    'vanthu.nhac1@thu.vn [Quá',
  ]);
  const log = (await messageLog()).data!.reportRequest.messageLog as Json[];
  expect(log.filter((m) => m.status !== 'SENT')).toEqual([]);
  expect(
    log
      .filter((m) => m.attempts === 3)
      .map((m) => m.address)
      .sort(),
  ).toEqual(failed.map((m: Json) => m.address).sort());
  // The log names the agency reminded, and summaries the consolidating department.
  const staffRow = log.find((m) => m.address === 'vanthu.nhac1@thu.vn' && m.attempts === 3)!;
  expect(staffRow).toMatchObject({ kind: 'REMINDER', org: { name: agencies.late.name } });
  expect(log.find((m) => m.kind === 'SUMMARY')!.org.id).toBeTruthy();
  expect(log.some((m) => m.channel === 'SMS' && m.address === phone)).toBe(true);

  const reporter = await messageLog('canbo.nhac1@thu.vn');
  expect(reporter.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('the reminded users see the reminders in the pane and mark them read', async () => {
  const mine = async (email: string, unreadOnly = false) =>
    (
      await server.gql<Json>(
        'query($u: Boolean) { myNotifications(unreadOnly: $u) { id title body createdAt readAt request { id title } } }',
        { u: unreadOnly },
        await server.login(email),
      )
    ).data!.myNotifications.filter((n: Json) => n.request?.id === requestId) as Json[];
  const staff = await mine('canbo.nhac1@thu.vn');
  // −3, +1, +4 and +5: newest first.
  expect(staff.map((n) => n.title)).toEqual([
    `[Quá hạn] ${TITLE}`,
    `[Quá hạn] ${TITLE}`,
    `[Quá hạn] ${TITLE}`,
    `[Nhắc hạn] ${TITLE}`,
  ]);
  expect(staff[3]).toMatchObject({
    body: `${agencies.late.name} chưa gửi báo cáo (Nháp (chưa gửi)). Hạn gửi 17:00 ngày 05/01/2027 — còn 3 ngày.`,
    readAt: null,
    request: { id: requestId, title: TITLE },
  });
  expect((await mine('lanhdao.nhac3@thu.vn')).map((n) => n.title)[0]).toBe(`[Chờ duyệt] ${TITLE}`);
  // Staff of the agency waiting for its leader, and of the one that sent: nothing. Inactive: nothing.
  expect(await mine('canbo.nhac3@thu.vn')).toEqual([]);
  expect(await mine('canbo.nhac2@thu.vn')).toEqual([]);
  const inactive = await server.app.db.prisma.user.findUniqueOrThrow({
    where: { email: 'nghiviec.nhac1@thu.vn' },
    select: { _count: { select: { notifications: true } } },
  });
  expect(inactive._count.notifications).toBe(0);

  const mark = async (email: string, ids?: string[]) =>
    (
      await server.gql<Json>(
        'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }',
        ids ? { ids } : {},
        await server.login(email),
      )
    ).data!.markNotificationsRead as number;
  const leaders = await mine('lanhdao.nhac3@thu.vn');
  expect(await mark('canbo.nhac1@thu.vn', [leaders[0]!.id])).toBe(0); // not theirs
  expect(await mark('canbo.nhac1@thu.vn', [staff[0]!.id])).toBe(1);
  expect(await mark('canbo.nhac1@thu.vn', [staff[0]!.id])).toBe(0);
  expect((await mine('canbo.nhac1@thu.vn', true)).length).toBe(3);
  expect(await mark('canbo.nhac1@thu.vn')).toBeGreaterThanOrEqual(3);
  expect(await mine('canbo.nhac1@thu.vn', true)).toEqual([]);
  expect((await mine('lanhdao.nhac3@thu.vn', true)).length).toBe(leaders.length);
});

test('without SMTP nothing is sent or queued, yet the in-app reminders are written; a closed request reminds nobody', async () => {
  const prisma = server.app.db.prisma;
  const march = vietnamInstant('2027-03-10', '17:00');
  const open = await openRequest(prisma, agencies, {
    title: 'Báo cáo thử không có thư',
    deadline: march,
  });
  const closed = await openRequest(prisma, agencies, {
    title: 'Báo cáo thử đã đóng',
    deadline: march,
    status: 'CLOSED',
  });
  const received = smtp.received.length;
  const sms = texts.length;
  await run(vietnamInstant('2027-03-07', '09:00'), {
    email: null,
    smsWebhookUrl: null,
    publicUrl: null,
  });
  expect(smtp.received.length).toBe(received);
  expect(texts.length).toBe(sms);
  expect(await prisma.outgoingMessage.count({ where: { requestId: { in: [open, closed] } } })).toBe(
    0,
  );
  const reminders = await prisma.reminder.findMany({
    where: { requestId: open },
    select: { orgId: true, audience: true },
    orderBy: { audience: 'asc' },
  });
  expect(reminders).toEqual([
    { orgId: agencies.late.id, audience: 'STAFF' },
    { orgId: agencies.waiting.id, audience: 'LEADER' },
  ]);
  const notified = await prisma.notification.findMany({
    where: { requestId: open },
    select: { user: { select: { email: true } } },
  });
  expect(notified.map((n) => n.user.email).sort()).toEqual([
    'canbo.nhac1@thu.vn',
    'lanhdao.nhac3@thu.vn',
  ]);
  expect(await prisma.reminder.count({ where: { requestId: closed } })).toBe(0);
  expect(await prisma.notification.count({ where: { requestId: closed } })).toBe(0);
});
