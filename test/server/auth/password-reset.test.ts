// Codes by email, against the real server on the demo data and a real SMTP server this test runs:
// "Quên mật khẩu?" emails a one-time reset code (30 minutes), which sets a new password once and
// ends the account's other sessions; asking never tells whether an address has an account; a
// roster import and issueActivationCode email each new person their activation code. What the
// person reads is checked as a mail program decodes it (mailparser). Without SMTP nothing is
// emailed and "Quên mật khẩu?" says to ask an administrator.
import ExcelJS from 'exceljs';
import { SECRET_REMOVED } from '../../../server/messages/outbox.ts';
import {
  invitationMessage,
  passwordResetMessage,
  RESET_STEPS,
} from '../../../server/auth/code-messages.ts';
import { activationCodeProblem, wrongFormProblem } from '../../../server/auth/activation.ts';
import { NO_EMAIL } from '../../../server/auth/password-reset.ts';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import {
  mailTo,
  startSmtpServer,
  type ReceivedMail,
  type SmtpServer,
} from '../../support/smtp-server.ts';
import type { Json } from '../../support/json.ts';

const REQUEST = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
const RESET = `mutation($email: String!, $code: String!, $password: String!) {
  resetPassword(email: $email, code: $code, newPassword: $password) { token user { email } } }`;
const ACTIVATE = `mutation($email: String!, $code: String!, $password: String!) {
  activateAccount(email: $email, code: $code, newPassword: $password) { token user { email } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = '{ me { email } }';
const ISSUE =
  'mutation($id: ID!) { issueActivationCode(userId: $id, validDays: 3) { email code expiresAt emailed } }';

const RESET_SUBJECT = 'Mã đặt lại mật khẩu';
const INVITE_SUBJECT = 'Mã kích hoạt tài khoản';
const CODE = /[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}/;
const codeIn = (mail: ReceivedMail, label: string) => {
  const found = new RegExp(`${label}: (${CODE.source})`).exec(mail.text);
  if (!found) throw new Error(`no code in ${mail.text}`);
  return found[1]!;
};
/** Every password this file types: none may ever be in an email. */
const PASSWORDS = ['demo-2023', 'Mật khẩu mới 2026', 'Sở Y tế đặt lại 1', 'Hoa kích hoạt 2026'];

describe('the emails, as plain functions', () => {
  const to = {
    email: 'le.thi.hoa@nghean.gov.vn',
    name: 'Lê Thị Hoa',
    orgName: 'Sở Y tế tỉnh Nghệ An',
    code: 'K7QM-3XPA-9TRC',
    expiresAt: new Date('2026-01-05T10:30:00Z'),
  };

  test('a reset: the code, its expiry on Vietnam time, the steps in the add-in, no link to a page', () => {
    const m = passwordResetMessage(to, null);
    expect(m).toMatchObject({ kind: 'PASSWORD_RESET', channel: 'EMAIL', address: to.email });
    expect(m.subject).toBe('Mã đặt lại mật khẩu – Tổng hợp – Báo cáo chuyển đổi số');
    expect(m.text).toContain('Kính gửi Lê Thị Hoa,');
    expect(m.text).toContain('Mã đặt lại mật khẩu: K7QM-3XPA-9TRC');
    expect(m.text).toContain('Mã dùng được một lần, đến 05/01/2026 17:30 (giờ Việt Nam).');
    expect(m.text).toContain(`Cách dùng: ${RESET_STEPS}`);
    expect(RESET_STEPS).toMatch(/bấm nút "Báo cáo" trong nhóm "Tổng hợp".*"Quên mật khẩu\?"/);
    expect(m.text).not.toMatch(/https?:/);
    // With a public address, the address to type in the pane, still no page.
    expect(passwordResetMessage(to, 'https://baocao.nghean.gov.vn').text).toContain(
      'Địa chỉ máy chủ (ô "Địa chỉ máy chủ" cuối phần bổ trợ, nếu cần): https://baocao.nghean.gov.vn',
    );
  });

  test('an invitation: who invites, to which agency, the code and how to activate', () => {
    const m = invitationMessage(to, { name: 'Nguyễn Văn An', orgName: 'UBND tỉnh Nghệ An' }, null);
    expect(m).toMatchObject({ kind: 'INVITATION', channel: 'EMAIL', address: to.email });
    expect(m.subject).toBe('Mã kích hoạt tài khoản báo cáo chuyển đổi số – Sở Y tế tỉnh Nghệ An');
    expect(m.text).toContain(
      'Nguyễn Văn An (UBND tỉnh Nghệ An) đã tạo cho bạn tài khoản le.thi.hoa@nghean.gov.vn thuộc Sở Y tế tỉnh Nghệ An',
    );
    expect(m.text).toContain('Mã kích hoạt: K7QM-3XPA-9TRC');
    expect(m.text).toContain('đến 05/01/2026 17:30 (giờ Việt Nam)');
    expect(m.text).toContain('bấm "Kích hoạt tài khoản", nhập thư điện tử, mã kích hoạt');
    expect(m.text).toContain('Mã hết hạn thì hãy xin Nguyễn Văn An cấp mã mới.');
  });

  test('a reset code that no longer works says so in its own words', () => {
    const now = new Date('2026-01-05T11:00:00Z');
    expect(
      activationCodeProblem(
        { expiresAt: new Date('2026-01-05T10:30:00Z'), usedAt: null },
        now,
        'PASSWORD_RESET',
      ),
    ).toBe(
      'Mã đặt lại mật khẩu đã hết hạn lúc 05/01/2026 17:30. Hãy chọn "Quên mật khẩu?" để nhận mã mới.',
    );
    expect(
      activationCodeProblem(
        { expiresAt: new Date('2026-01-05T12:00:00Z'), usedAt: new Date('2026-01-05T10:45:00Z') },
        now,
        'PASSWORD_RESET',
      ),
    ).toMatch(/^Mã đặt lại mật khẩu này đã được dùng lúc 05\/01\/2026 17:45\. /);
    expect(wrongFormProblem('PASSWORD_RESET')).toBe(
      'Đây là mã đặt lại mật khẩu; hãy nhập mã này ở mục "Quên mật khẩu?".',
    );
    expect(wrongFormProblem('ACTIVATION')).toBe(
      'Đây là mã kích hoạt; hãy nhập mã này ở mục "Kích hoạt tài khoản".',
    );
  });
});

describe('with SMTP', () => {
  let server: TestServer;
  let inbox: SmtpServer;
  const prisma = () => server.app.db.prisma;
  const outbox = (address: string, kind: 'INVITATION' | 'PASSWORD_RESET') =>
    prisma().outgoingMessage.findMany({ where: { address, kind }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    inbox = await startSmtpServer();
    server = await startTestServer('pglite', {
      SMTP_URL: inbox.url,
      MAIL_FROM: 'Tổng hợp Nghệ An <baocao@nghean.gov.vn>',
      PUBLIC_URL: 'https://baocao.nghean.gov.vn',
    });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await inbox?.stop();
  });

  test('"Quên mật khẩu?": one email with the code; it sets a new password once and ends other sessions', async () => {
    const email = 'syte.nghean@demo.vn';
    const before = await server.login(email);
    // An API token made with the old password: whoever knew it must lose it too.
    const made = await server.gql<Json>(
      'mutation { createApiToken(name: "Excel") { token } }',
      {},
      before,
    );
    const apiToken = made.data!.createApiToken.token as string;
    const asked = await server.gql(REQUEST, { email: ' SyTe.NgheAn@demo.vn ' });
    expect(asked.errors).toBeUndefined();
    expect(asked.data).toEqual({ requestPasswordReset: true });

    const mail = await inbox.next(mailTo(email, RESET_SUBJECT));
    expect(mail.subject).toBe('Mã đặt lại mật khẩu – Tổng hợp – Báo cáo chuyển đổi số');
    // The subject travelled as RFC 2047 words, decoded back to the Vietnamese above.
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/im);
    expect(mail.mail.from?.value).toEqual([
      { name: 'Tổng hợp Nghệ An', address: 'baocao@nghean.gov.vn' },
    ]);
    const code = codeIn(mail, 'Mã đặt lại mật khẩu');
    const user = await prisma().user.findUniqueOrThrow({
      where: { email },
      include: { activationCodes: true, org: true },
    });
    const stored = user.activationCodes.filter((c) => c.purpose === 'PASSWORD_RESET');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.codeHash).not.toContain(code.replace(/-/g, ''));
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(30 * 60_000);
    expect(mail.text).toContain(`Kính gửi ${user.name},`);
    expect(mail.text).toContain(`(${user.org.name})`);
    expect(mail.text).toContain(
      `Mã dùng được một lần, đến ${formatVietnamTime(stored[0]!.expiresAt)} (giờ Việt Nam).`,
    );
    expect(mail.text).toContain('https://baocao.nghean.gov.vn');
    // Exactly one: one message written for it, with the Message-ID the mail carries (received
    // once: the last test); in no agency's send log.
    const written = await outbox(email, 'PASSWORD_RESET');
    expect(written.map((m) => [m.messageId, m.orgId, m.requestId])).toEqual([
      [mail.mail.messageId, null, null],
    ]);
    // Once sent, the code is no longer in the database's copy of the message.
    let kept = written[0]!;
    for (let i = 0; i < 50 && kept.status !== 'SENT'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      kept = (await outbox(email, 'PASSWORD_RESET'))[0]!;
    }
    expect([kept.status, kept.text.includes(code)]).toEqual(['SENT', false]);
    expect(kept.text).toBe(SECRET_REMOVED);

    const weak = await server.gql(RESET, { email, code, password: 'ngan' });
    expect(weak.errors?.[0]).toMatchObject({
      message: 'Mật khẩu cần ít nhất 8 ký tự.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // Typed in the activation form: told where it belongs, and not used up.
    const elsewhere = await server.gql(ACTIVATE, { email, code, password: 'Mật khẩu mới 2026' });
    expect(elsewhere.errors?.[0]?.message).toBe(
      'Đây là mã đặt lại mật khẩu; hãy nhập mã này ở mục "Quên mật khẩu?".',
    );

    const done = await server.gql<Json>(RESET, {
      email,
      code: code.toLowerCase().replace(/-/g, ' '),
      password: 'Mật khẩu mới 2026',
    });
    expect(done.errors).toBeUndefined();
    expect(done.data!.resetPassword.user).toEqual({ email });
    expect((await server.gql<Json>(ME, {}, done.data!.resetPassword.token)).data!.me).toEqual({
      email,
    });
    // The session signed in before is over; the old password no longer works, the new one does.
    const old = await server.gql(ME, {}, before);
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const oldApi = await server.gql(ME, {}, apiToken);
    expect(oldApi.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const oldPassword = await server.gql(LOGIN, { email, password: 'demo-2023' });
    expect(oldPassword.errors?.[0]).toMatchObject({ message: 'Sai email hoặc mật khẩu.' });
    const newPassword = await server.gql(LOGIN, { email, password: 'Mật khẩu mới 2026' });
    expect(newPassword.errors).toBeUndefined();

    const again = await server.gql(RESET, { email, code, password: 'Sở Y tế đặt lại 1' });
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(again.errors?.[0]?.message).toMatch(
      /^Mã đặt lại mật khẩu này đã được dùng lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\. Hãy đăng nhập bằng mật khẩu đã đặt/,
    );
    const events = await prisma().auditEvent.findMany({
      where: { entityId: user.id, action: { startsWith: 'account.password-reset' } },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['account.password-reset-request', null],
      ['account.password-reset', user.id],
    ]);
    // Nothing more was written for the address: a reset sends no email with the new password.
    expect(await outbox(email, 'PASSWORD_RESET')).toHaveLength(1);
  }, 60_000);

  test('an expired code and an earlier one are refused with the reason; a code is bound to its account', async () => {
    const email = 'sogddt.nghean@demo.vn';
    expect((await server.gql(REQUEST, { email })).data).toEqual({ requestPasswordReset: true });
    expect((await server.gql(REQUEST, { email })).data).toEqual({ requestPasswordReset: true });
    const first = codeIn(await inbox.next(mailTo(email, RESET_SUBJECT), 0), 'Mã đặt lại mật khẩu');
    const second = codeIn(await inbox.next(mailTo(email, RESET_SUBJECT), 1), 'Mã đặt lại mật khẩu');
    expect(second).not.toBe(first);

    // Someone else's address with this code: as wrong as any code.
    const other = await server.gql(RESET, {
      email: 'ubnd.truongvinh@demo.vn',
      code: second,
      password: 'Sở Y tế đặt lại 1',
    });
    expect(other.errors?.[0]?.message).toBe('Email hoặc mã đặt lại mật khẩu không đúng.');
    // The newest email is the one that counts.
    const earlier = await server.gql(RESET, { email, code: first, password: 'Sở Y tế đặt lại 1' });
    expect(earlier.errors?.[0]?.message).toBe('Email hoặc mã đặt lại mật khẩu không đúng.');

    const user = await prisma().user.findUniqueOrThrow({ where: { email } });
    await prisma().activationCode.updateMany({
      where: { userId: user.id, purpose: 'PASSWORD_RESET', usedAt: null },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const expired = await server.gql(RESET, { email, code: second, password: 'Sở Y tế đặt lại 1' });
    expect(expired.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(expired.errors?.[0]?.message).toMatch(
      /^Mã đặt lại mật khẩu đã hết hạn lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\. Hãy chọn "Quên mật khẩu\?" để nhận mã mới\.$/,
    );
    // The password is the one it was.
    expect((await server.gql(LOGIN, { email, password: 'demo-2023' })).errors).toBeUndefined();
  }, 60_000);

  test('an address without an account gets the same answer, and nothing is written or sent', async () => {
    const written = () => prisma().outgoingMessage.count({ where: { kind: 'PASSWORD_RESET' } });
    const codes = () => prisma().activationCode.count({ where: { purpose: 'PASSWORD_RESET' } });
    const before = [await written(), await codes()];
    for (const email of ['khong.co.ai@nghean.gov.vn', 'không phải địa chỉ']) {
      const res = await server.gql(REQUEST, { email });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ requestPasswordReset: true });
    }
    expect([await written(), await codes()]).toEqual(before);
  });

  test('a roster import emails each new person their activation code; the administrator still sees it', async () => {
    const admin = await server.login('quantri@demo.vn');
    const inviter = await prisma().user.findUniqueOrThrow({
      where: { email: 'quantri@demo.vn' },
      include: { org: true },
    });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tài khoản');
    ws.addRow(['Thư điện tử', 'Họ và tên', 'Đơn vị', 'Vai trò']);
    ws.addRow(['le.thi.hoa@nghean.gov.vn', 'Lê Thị Hoa', 'Sở Y tế', 'Báo cáo']);
    ws.addRow(['tran.minh@nghean.gov.vn', 'Trần Minh', 'Sở Giáo dục và Đào tạo', 'Báo cáo']);
    const na = await prisma().org.findUniqueOrThrow({ where: { code: 'NA' } });
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const run = (dryRun: boolean) =>
      server.gql<Json>(
        `mutation($root: ID!, $file: String!, $dryRun: Boolean!) {
          importOrgsAndUsers(rootOrgId: $root, file: $file, dryRun: $dryRun) {
            problems { text } activationCodes { email name orgName code expiresAt emailed } } }`,
        { root: na.id, file, dryRun },
        admin,
      );
    const written = await prisma().outgoingMessage.count({ where: { kind: 'INVITATION' } });
    expect((await run(true)).data!.importOrgsAndUsers.activationCodes).toEqual([]);
    expect(await prisma().outgoingMessage.count({ where: { kind: 'INVITATION' } })).toBe(written);

    const res = await run(false);
    expect(res.errors).toBeUndefined();
    expect(res.data!.importOrgsAndUsers.problems).toEqual([]);
    const codes = res.data!.importOrgsAndUsers.activationCodes as Json[];
    expect(codes.map((c) => [c.email, c.emailed])).toEqual([
      ['le.thi.hoa@nghean.gov.vn', true],
      ['tran.minh@nghean.gov.vn', true],
    ]);
    for (const c of codes) {
      const mail = await inbox.next(mailTo(c.email, INVITE_SUBJECT));
      expect(mail.subject).toBe(`Mã kích hoạt tài khoản báo cáo chuyển đổi số – ${c.orgName}`);
      expect(codeIn(mail, 'Mã kích hoạt')).toBe(c.code);
      expect(mail.text).toContain(`Kính gửi ${c.name},`);
      expect(mail.text).toContain(
        `${inviter.name} (${inviter.org.name}) đã tạo cho bạn tài khoản ${c.email} thuộc ${c.orgName}`,
      );
      expect(mail.text).toContain(`đến ${formatVietnamTime(new Date(c.expiresAt))} (giờ Việt Nam)`);
      expect(mail.text).toContain('bấm "Kích hoạt tài khoản"');
    }
    // The emailed code activates the account.
    const hoa = codes[0]!;
    const mailed = codeIn(await inbox.next(mailTo(hoa.email, INVITE_SUBJECT)), 'Mã kích hoạt');
    const activated = await server.gql<Json>(ACTIVATE, {
      email: hoa.email,
      code: mailed,
      password: 'Hoa kích hoạt 2026',
    });
    expect(activated.errors).toBeUndefined();

    // A code issued again is emailed too, and only the newest works.
    const minh = await prisma().user.findUniqueOrThrow({ where: { email: codes[1]!.email } });
    const issued = await server.gql<Json>(ISSUE, { id: minh.id }, admin);
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueActivationCode.emailed).toBe(true);
    const again = await inbox.next(mailTo(minh.email, INVITE_SUBJECT), 1);
    expect(codeIn(again, 'Mã kích hoạt')).toBe(issued.data!.issueActivationCode.code);
    const stale = await server.gql(ACTIVATE, {
      email: minh.email,
      code: codes[1]!.code,
      password: 'Hoa kích hoạt 2026',
    });
    expect(stale.errors?.[0]?.message).toBe('Email hoặc mã kích hoạt không đúng.');
    // The import's two written in one statement (same time): in address order, then the new code.
    const invitations = await prisma().outgoingMessage.findMany({
      where: { kind: 'INVITATION' },
      orderBy: [{ createdAt: 'asc' }, { address: 'asc' }],
    });
    expect(invitations.map((m) => [m.address, m.orgId, m.requestId])).toEqual([
      [hoa.email, null, null],
      [minh.email, null, null],
      [minh.email, null, null],
    ]);
  }, 60_000);

  test('each message came once, and no email ever holds a password', () => {
    const ours = inbox.matching(
      (m) => m.subject.startsWith(RESET_SUBJECT) || m.subject.startsWith(INVITE_SUBJECT),
    );
    expect(ours).toHaveLength(6);
    expect(new Set(ours.map((m) => m.mail.messageId)).size).toBe(6);
    for (const mail of inbox.received) {
      for (const password of PASSWORDS) {
        expect(mail.raw).not.toContain(password);
        expect(mail.text).not.toContain(password);
      }
    }
  });

  test('asking counts against the sign-in limits, for any address alike', async () => {
    for (const email of ['khong.co.ai@nghean.gov.vn', 'ubnd.cualo@demo.vn']) {
      // One request already counted for the first address above.
      const tries = email.startsWith('khong') ? 9 : 10;
      for (let i = 0; i < tries; i++) {
        expect((await server.gql(REQUEST, { email })).data).toEqual({ requestPasswordReset: true });
      }
      const limited = await server.gql(REQUEST, { email });
      expect(limited.status).toBe(429);
      expect(limited.errors?.[0]).toMatchObject({
        message: expect.stringMatching(
          /^Đã yêu cầu đặt lại mật khẩu hoặc đăng nhập sai quá nhiều lần; vui lòng thử lại sau \d+ phút\.$/,
        ),
        extensions: { code: 'TOO_MANY_REQUESTS' },
      });
    }
    // The account's sign-in counter is the same.
    const login = await server.gql(LOGIN, { email: 'ubnd.cualo@demo.vn', password: 'demo-2023' });
    expect(login.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
  }, 60_000);
});

describe('without SMTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('"Quên mật khẩu?" says to ask an administrator, whatever the address; codes are not emailed', async () => {
    for (const email of ['syte.nghean@demo.vn', 'khong.co.ai@nghean.gov.vn']) {
      const res = await server.gql(REQUEST, { email });
      expect(res.errors?.[0]).toMatchObject({
        message: NO_EMAIL,
        extensions: { code: 'FORBIDDEN' },
      });
    }
    expect(NO_EMAIL).toBe(
      'Máy chủ này chưa được cấu hình gửi thư điện tử, nên không gửi được mã đặt lại mật khẩu. Hãy nhờ quản trị của đơn vị cấp cho bạn một mã kích hoạt mới, rồi chọn "Kích hoạt tài khoản" để đặt mật khẩu mới.',
    );
    const user = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: 'syte.nghean@demo.vn' },
    });
    const issued = await server.gql<Json>(
      ISSUE,
      { id: user.id },
      await server.login('quantri@demo.vn'),
    );
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueActivationCode.emailed).toBe(false);
    expect(
      await server.app.db.prisma.outgoingMessage.count({
        where: { kind: { in: ['INVITATION', 'PASSWORD_RESET'] } },
      }),
    ).toBe(0);
  }, 60_000);
});
