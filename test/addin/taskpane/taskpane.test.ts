// The task pane in real Chromium against a real server on the embedded database, with only Excel
// played by the strict double (Microsoft 365, ExcelApi 1.18, a vi-VN person): Sở Y tế signs in,
// chooses its request, loads the template, fills it (one value wrong), sends, sees the problem on
// the cell, fixes it, sends again: "Đã gửi".
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { excelBook, openTaskpane, signIn, type TaskpaneSession } from '../../support/browser.ts';
import type { TestServer } from '../../support/server.ts';

const screenshots = fileURLToPath(new URL('../../../.tmp/screenshots/', import.meta.url));

describe('the task pane in Chromium', () => {
  let session: TaskpaneSession;
  let server: TestServer;
  let page: Page;
  const book = excelBook(() => page);
  const status = () => page.getByRole('status').textContent();

  beforeAll(async () => {
    session = await openTaskpane({
      viewport: { width: 360, height: 900 },
      excel: { api: '1.18', locale: 'vi-VN' },
    });
    ({ server, page } = session);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  test('sign in, pull, send with a wrong value, fix it, send; returned, corrected, sent again', async () => {
    await signIn(page, 'syte.nghean@demo.vn');
    const card = page.getByText('Báo cáo sơ kết 01 năm triển khai Kế hoạch số 586/KH-UBND');
    await card.waitFor();
    // The live demo's quarterly reports are listed too; this is the 2023 review's card.
    await page
      .locator('[data-request]', { hasText: 'Báo cáo sơ kết 01 năm' })
      .getByText('Chưa làm')
      .waitFor();
    await card.click();

    await page.getByRole('button', { name: 'Tải mẫu vào bảng tính' }).click();
    await page.getByText('Đã tải mẫu vào bảng tính.').waitFor();
    expect(await book((b) => b.sheets.map((s) => s.name))).toEqual([
      'Sheet1',
      'Đề cương',
      'Phụ lục 02',
      'Phụ lục 03',
    ]);
    // Phụ lục 03: rows II.4 (5), IV.2 (7), IV.9 (8); E is "Kết quả", H is "Tiến độ".
    await book((b) => {
      b.userTypes('Phụ lục 03', 'E5', 'Đã trang bị 120 máy tính');
      b.userTypes('Phụ lục 03', 'E7', 'Kho dữ liệu ngành Y tế đã vận hành');
      b.userTypes('Phụ lục 03', 'E8', 'Đã cập nhật CSDL quốc gia');
      b.userTypes('Phụ lục 03', 'H7', 'Xong rồi');
    });

    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByText('1 lỗi, chưa lưu gì').waitFor();
    await page.getByText('"Xong rồi" không có trong danh sách').waitFor();
    expect(await book((b) => b.cell('Phụ lục 03', 'H7').fill)).toBe('#FFC7CE');
    expect(await book((b) => b.sheet('Phụ lục 03').notes.get('H7'))).toContain(
      '"Xong rồi" không có trong danh sách',
    );
    const review = { request: { key: 'NA-403-SOKET-SO-HUYEN' } };
    expect(await server.app.db.prisma.submission.count({ where: review })).toBe(0);

    await book((b) => b.userTypes('Phụ lục 03', 'H7', 'Đang triển khai'));
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByText('Đã gửi báo cáo, phiên bản 1 (trễ hạn).').waitFor();
    expect(await status()).toBe('Đã gửi báo cáo, phiên bản 1 (trễ hạn).');
    await page.locator('[data-status="SUBMITTED"]').waitFor();
    expect(await book((b) => b.cell('Phụ lục 03', 'H7').fill)).toBeNull();
    const saved = await server.app.db.prisma.submission.findFirstOrThrow({
      where: review,
      include: { cells: true },
    });
    expect(saved.status).toBe('SUBMITTED');
    expect(saved.cells).toContainEqual(
      expect.objectContaining({ rowKey: 'IV.2', columnKey: 'tien_do', value: 'DANG_TRIEN_KHAI' }),
    );

    // Returned by Sở TT&TT with a reason: the pane shows it; the agency corrects and resends.
    const consolidator = await server.login('stttt.nghean@demo.vn');
    const returned = await server.gql(
      'mutation($id: ID!, $reason: String!) { returnSubmission(id: $id, reason: $reason) { status } }',
      { id: saved.id, reason: 'Bổ sung số liệu mục IV.2' },
      consolidator,
    );
    expect(returned.errors).toBeUndefined();
    await page.getByRole('button', { name: 'Làm mới' }).click();
    await page.locator('[data-status="RETURNED"]').waitFor();
    await page.getByText('Lý do trả lại: Bổ sung số liệu mục IV.2').waitFor();

    await book((b) => b.userTypes('Phụ lục 03', 'E7', 'Kho dữ liệu: 1.250 hồ sơ'));
    await page.getByRole('button', { name: 'Tải mẫu vào bảng tính' }).click();
    await page.getByText('Bảng tính có thay đổi chưa gửi').waitFor();
    await page.getByRole('button', { name: 'Hủy' }).click();
    expect(await book((b) => b.cell('Phụ lục 03', 'E7').value)).toBe('Kho dữ liệu: 1.250 hồ sơ');

    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByText('Đã gửi báo cáo, phiên bản 2 (trễ hạn).').waitFor();
    await page.locator('[data-status="SUBMITTED"]').waitFor();

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'taskpane.png'), fullPage: true });
  }, 120_000);

  test('English on request; signing out forgets the token', async () => {
    await page.getByText('English').click();
    await page.getByRole('button', { name: 'Send report' }).waitFor();
    await page.getByText('Sign out').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const kept = await page.evaluate("localStorage.getItem('tonghop.taskpane')");
    expect(kept).toContain('"token":null');
  }, 60_000);
});
