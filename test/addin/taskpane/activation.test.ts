// A new account's first sign-in in the task pane, in real Chromium against a real server: the
// administrator's roster import made the account and its one-time code; the person opens
// "Kích hoạt tài khoản", types the code and a password twice, and is signed in. The same code a
// second time is refused with the reason; the password chosen signs in from then on.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { openTaskpane, signIn, type TaskpaneSession } from '../../support/browser.ts';
import type { TestServer } from '../../support/server.ts';

describe('activating an account in the task pane', () => {
  let session: TaskpaneSession;
  let server: TestServer;
  let page: Page;
  let code: string;
  const email = 'pham.thu@nghean.gov.vn';
  const chosen = 'Phạm Thu chọn 2025';
  const status = () => page.getByRole('status').textContent();

  beforeAll(async () => {
    session = await openTaskpane({
      viewport: { width: 360, height: 900 },
      excel: { api: '1.18', locale: 'vi-VN' },
    });
    ({ server, page } = session);
    // A roster a script made: only the accounts sheet, headers and one row.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tài khoản');
    ws.addRow(['Thư điện tử', 'Họ và tên', 'Đơn vị', 'Vai trò']);
    ws.addRow([email, 'Phạm Thu', 'Sở Y tế', 'Báo cáo']);
    const na = await server.app.db.prisma.org.findUniqueOrThrow({ where: { code: 'NA' } });
    const res = await server.gql<{
      importOrgsAndUsers: { problems: unknown[]; activationCodes: { code: string }[] };
    }>(
      `mutation($root: ID!, $file: String!) { importOrgsAndUsers(rootOrgId: $root, file: $file, dryRun: false) {
        problems { text } activationCodes { code } } }`,
      { root: na.id, file: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') },
      await server.login('quantri@demo.vn'),
    );
    expect(res.data?.importOrgsAndUsers.problems).toEqual([]);
    code = res.data!.importOrgsAndUsers.activationCodes[0]!.code;
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  const fill = async (typedCode: string, password: string, repeat: string) => {
    await page.getByLabel('Thư điện tử').fill(email);
    await page.getByLabel('Mã kích hoạt').fill(typedCode);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(password);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(repeat);
    await page.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
  };

  test('the code, a password typed twice, and the person is signed in', async () => {
    await page.getByRole('button', { name: 'Kích hoạt tài khoản' }).click();
    await page.getByText('Tài khoản mới: nhập thư điện tử, mã kích hoạt').waitFor();

    await fill(code, chosen, `${chosen}!`);
    await page.getByText('Hai lần nhập mật khẩu mới không giống nhau.').waitFor();
    const user = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email },
      include: { activationCodes: true },
    });
    expect(user.passwordHash).toBeNull();
    expect(user.activationCodes.map((c) => c.usedAt)).toEqual([null]);

    await fill(code.toLowerCase(), chosen, chosen);
    await page.getByText('Phạm Thu — Sở Y tế tỉnh Nghệ An').waitFor();
    expect(await status()).toBe(
      'Đã kích hoạt tài khoản. Từ nay hãy đăng nhập bằng mật khẩu vừa đặt.',
    );
    await page.getByText('Báo cáo sơ kết 01 năm triển khai Kế hoạch số 586/KH-UBND').waitFor();
  }, 120_000);

  test('the same code again is refused; the chosen password signs in', async () => {
    await page.getByText('Đăng xuất').click();
    await page.getByRole('button', { name: 'Kích hoạt tài khoản' }).click();
    await fill(code, 'mat-khau-khac-2025', 'mat-khau-khac-2025');
    await page.getByText(/^Mã kích hoạt này đã được dùng lúc/).waitFor();
    expect(await status()).toMatch(
      /^Mã kích hoạt này đã được dùng lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\. Hãy đăng nhập bằng mật khẩu đã đặt/,
    );

    await page.getByRole('button', { name: 'Quay lại đăng nhập' }).click();
    await signIn(page, email, chosen);
    await page.getByText('Phạm Thu — Sở Y tế tỉnh Nghệ An').waitFor();
  }, 120_000);
});
