// "Quên mật khẩu?" in the task pane, in real Chromium against a real server that sends its mail to
// a real SMTP server this test runs: the person asks with their email, reads the code in the
// email that arrives, types it with a new password twice, and is signed in; the old password no
// longer works, the new one does. An address without an account gets the same answer.
import type { Page } from 'playwright-core';
import { openTaskpane, signIn, type TaskpaneSession } from '../../support/browser.ts';
import type { TestServer } from '../../support/server.ts';
import { mailTo, startSmtpServer, type SmtpServer } from '../../support/smtp-server.ts';

describe('resetting a forgotten password in the task pane', () => {
  let session: TaskpaneSession;
  let server: TestServer;
  let page: Page;
  let inbox: SmtpServer;
  const email = 'ubnd.truongvinh@demo.vn';
  const chosen = 'Trường Vinh mới 2026';
  const status = () => page.getByRole('status').textContent();
  const sentText = 'Nếu địa chỉ có tài khoản, mã đã được gửi tới thư điện tử.';

  beforeAll(async () => {
    inbox = await startSmtpServer();
    session = await openTaskpane({
      viewport: { width: 360, height: 900 },
      excel: { api: '1.18', locale: 'vi-VN' },
      serverEnv: { SMTP_URL: inbox.url, MAIL_FROM: 'Tổng hợp <baocao@nghean.gov.vn>' },
    });
    ({ server, page } = session);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    await inbox?.stop();
  });

  const ask = async (address: string) => {
    await page.getByRole('button', { name: 'Quên mật khẩu?' }).click();
    await page.getByText('Nhập thư điện tử của tài khoản').waitFor();
    await page.getByLabel('Thư điện tử').fill(address);
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.getByText(sentText).waitFor();
  };
  const fill = async (code: string, password: string, repeat: string) => {
    await page.getByLabel('Mã đặt lại mật khẩu').fill(code);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(password);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(repeat);
    await page.getByRole('button', { name: 'Đặt mật khẩu mới và đăng nhập' }).click();
  };

  test('an address without an account: the same answer, and no email', async () => {
    await ask('khong.co.ai@nghean.gov.vn');
    expect(await status()).toMatch(new RegExp(`^${sentText}`));
    expect(
      await server.app.db.prisma.outgoingMessage.count({
        where: { address: 'khong.co.ai@nghean.gov.vn' },
      }),
    ).toBe(0);
    await page.getByRole('button', { name: 'Quay lại đăng nhập' }).click();
  }, 120_000);

  test('the code from the email and a new password typed twice sign the person in', async () => {
    await ask(email);
    // The pane moved on to the code; the email is still filled in.
    await page.getByText('Nhập mã trong thư vừa nhận, rồi đặt mật khẩu mới.').waitFor();
    expect(await page.getByLabel('Thư điện tử').inputValue()).toBe(email);

    const mail = await inbox.next(mailTo(email, 'Mã đặt lại mật khẩu'));
    const code = /Mã đặt lại mật khẩu: ([A-Z0-9-]{14})/.exec(mail.text)![1]!;
    expect(mail.text).toContain('bấm "Quên mật khẩu?"');

    await fill(code, chosen, `${chosen}!`);
    await page.getByText('Hai lần nhập mật khẩu mới không giống nhau.').waitFor();
    await fill(code.toLowerCase(), chosen, chosen);
    await page.getByText('UBND phường Trường Vinh').first().waitFor();
    expect(await status()).toBe(
      'Đã đặt mật khẩu mới. Các phiên đăng nhập khác của tài khoản đã kết thúc.',
    );
  }, 120_000);

  test('the same code again is refused; the old password no longer signs in, the new one does', async () => {
    await page.getByText('Đăng xuất').click();
    await page.getByRole('button', { name: 'Quên mật khẩu?' }).click();
    await page.getByRole('button', { name: 'Tôi đã có mã' }).click();
    await page.getByLabel('Thư điện tử').fill(email);
    const mail = inbox.matching(mailTo(email, 'Mã đặt lại mật khẩu'))[0]!;
    const code = /Mã đặt lại mật khẩu: ([A-Z0-9-]{14})/.exec(mail.text)![1]!;
    await fill(code, 'mat-khau-khac-2026', 'mat-khau-khac-2026');
    await page.getByText(/^Mã đặt lại mật khẩu này đã được dùng lúc/).waitFor();

    await page.getByRole('button', { name: 'Quay lại đăng nhập' }).click();
    await signIn(page, email, 'demo-2023');
    await page.getByText('Sai email hoặc mật khẩu.').waitFor();
    await signIn(page, email, chosen);
    await page.getByText('Đăng xuất').waitFor();
  }, 120_000);
});
