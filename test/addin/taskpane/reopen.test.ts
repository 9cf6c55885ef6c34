// The workbook carries the report across a closed file, a pane started with no network, and a
// file downloaded from the server: the strict double saves its workbook to a real .xlsx and
// opens it again (test/support/excel-double/file.ts), the page is reloaded with the network cut
// (Chromium offline: page and service worker), and the pane picks up where the file left off.
import type { Page } from 'playwright-core';
import { ADDIN_ID } from '../../../server/addin/manifest.ts';
import {
  excelBook,
  openTaskpane,
  signIn,
  trustingCertificateOf,
  type TaskpaneSession,
} from '../../support/browser.ts';
import { REOPEN_KEY, type DoubleState } from '../../support/excel-double/index.ts';
import { openWorkbookFile, saveWorkbookFile } from '../../support/excel-double/file.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const REQUEST = 'Báo cáo sơ kết 01 năm triển khai Kế hoạch số 586/KH-UBND';

describe('a report workbook closed, reopened, downloaded', () => {
  let server: TestServer;
  let session: TaskpaneSession;
  let page: Page;
  const book = excelBook(() => page);

  /** Saves the workbook as Excel would, to a real .xlsx. */
  const saveFile = async () =>
    saveWorkbookFile(await book((b) => b.state() as DoubleState), ADDIN_ID);
  /** Opens a file in the page's Excel: the page is loaded again with the file's workbook. */
  const openFile = async (file: Buffer) => {
    const state = await openWorkbookFile(file, ADDIN_ID);
    await page.evaluate(
      `sessionStorage.setItem(${JSON.stringify(REOPEN_KEY)}, ${JSON.stringify(JSON.stringify(state))})`,
    );
    await page.reload();
  };
  const submission = () =>
    server.app.db.prisma.submission.findFirst({
      where: {
        request: { title: { startsWith: REQUEST } },
        org: { name: 'Sở Y tế tỉnh Nghệ An' },
      },
      include: { cells: true },
    });

  beforeAll(async () => {
    server = await startTestServer('pglite');
    session = await openTaskpane({
      server,
      viewport: { width: 380, height: 1000 },
      // The service worker is refused over an untrusted certificate: only this one is trusted.
      chromiumArgs: [await trustingCertificateOf(new URL(server.app.addinUrl!).origin)],
    });
    page = session.page;
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  test('saved with a waiting save, reopened with the network cut: the pane starts and shows it, then sends it', async () => {
    await signIn(page, 'syte.nghean@demo.vn');
    await page.getByText(REQUEST).click();
    await page.getByRole('button', { name: 'Tải mẫu vào bảng tính' }).click();
    await page.getByText('Đã tải mẫu vào bảng tính.').waitFor();
    await page.waitForFunction('navigator.serviceWorker.controller !== null', null, {
      timeout: 30_000,
    });

    await page.context().setOffline(true);
    await book((b) => b.userTypes('Phụ lục 03', 'E5', 'Đã trang bị 120 máy tính'));
    await page.getByRole('button', { name: 'Lưu nháp' }).first().click();
    await page.locator('[data-waiting="1"]').waitFor();
    expect(await submission()).toBeNull();

    // Closed and opened again, on a pane that has no network to start from.
    const file = await saveFile();
    await openFile(file);
    await page.locator('[data-workbook-report]', { hasText: REQUEST }).waitFor();
    await page.locator('[data-connection="offline"]', { hasText: 'Ngoại tuyến' }).waitFor();
    await page.locator('[data-waiting="1"]', { hasText: 'Đang chờ gửi (1)' }).waitFor();
    expect(await page.evaluate('window.tonghopOfficeSource')).toBe('local');
    expect(await book((b) => b.cell('Phụ lục 03', 'E5').value)).toBe('Đã trang bị 120 máy tính');

    await page.context().setOffline(false);
    await page.evaluate("window.dispatchEvent(new Event('focus'))");
    await page.getByText('Đã lưu nháp, phiên bản 1.').waitFor();
    const saved = await submission();
    expect(saved).toMatchObject({ version: 1, status: 'DRAFT' });
    expect(saved!.cells.map((v) => v.value)).toContain('Đã trang bị 120 máy tính');
  }, 120_000);

  test('the sheet downloaded from the server opens as the report, and is filled and sent offline', async () => {
    const token = await server.login('syte.nghean@demo.vn');
    const requestId = (await submission())!.requestId;
    const res = await fetch(`${server.app.url}/files/requests/${requestId}/sheet.xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    await openFile(Buffer.from(await res.arrayBuffer()));
    // The pane knows the report before anything is pulled.
    await page.getByText(REQUEST).first().waitFor();
    expect(
      await book(
        (b) => JSON.parse(JSON.parse(b.settings.get('tonghop.report')!) as string) as unknown,
      ),
    ).toMatchObject({ requestId, baseVersion: 1, status: 'DRAFT', queue: [] });

    await page.context().setOffline(true);
    await book((b) => b.userTypes('Phụ lục 03', 'E7', '- Kho dữ liệu ngành Y tế đã vận hành'));
    await page.getByRole('button', { name: 'Gửi báo cáo' }).first().click();
    // Checked offline with the shared rules against the server's sheet the file carries.
    await page.getByText(/^1 lỗi, chưa lưu gì/).waitFor();
    await book((b) => b.userTypes('Phụ lục 03', 'E8', 'Đã cập nhật CSDL quốc gia'));
    await page.getByRole('button', { name: 'Gửi báo cáo' }).first().click();
    await page.locator('[data-waiting="1"]').waitFor();
    await page.context().setOffline(false);
    await page.evaluate("window.dispatchEvent(new Event('focus'))");
    await page.getByText('Đã gửi báo cáo, phiên bản 2 (trễ hạn).').waitFor();
    const sent = await submission();
    expect(sent).toMatchObject({ version: 2, status: 'SUBMITTED' });
    expect(sent!.cells.map((v) => v.value)).toEqual(
      expect.arrayContaining(['Đã trang bị 120 máy tính', '- Kho dữ liệu ngành Y tế đã vận hành']),
    );
  }, 120_000);
});
