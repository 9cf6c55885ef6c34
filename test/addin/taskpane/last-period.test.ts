// The last period in the task pane, in real Chromium against the live demo, Excel played by the
// strict double: the Sở opens the quarter after the demo's current one; UBND phường Cửa Lò, which
// sent the current quarter, loads the new one, types a note of its own, and "Điền số liệu kỳ
// trước" fills only the empty carry-forward cells (the Wi-Fi points, a stock) — never the
// quarter's flows, never what was typed. A number more than three times last quarter's is listed
// before sending; "Quay lại" sends nothing, a draft saves regardless, "Vẫn gửi" sends.
import type { Page } from 'playwright-core';
import { excelBook, openTaskpane, signIn, type TaskpaneSession } from '../../support/browser.ts';
import type { TestServer } from '../../support/server.ts';
import { reportingPeriod, type Period } from '../../../shared/reporting/period.ts';
import { openQuarter, quarterAfter } from '../../support/quarterly-demo.ts';

describe('the last period in the task pane', () => {
  let session: TaskpaneSession;
  let server: TestServer;
  let page: Page;
  let current: Period;
  let next: Period;
  let requestId: string;
  const book = excelBook(() => page);

  beforeAll(async () => {
    session = await openTaskpane({
      viewport: { width: 380, height: 1000 },
      excel: { api: '1.18', locale: 'vi-VN' },
    });
    ({ server, page } = session);
    const prisma = server.app.db.prisma;
    const live = await prisma.reportRequest.findMany({
      where: { template: { code: 'NA-CDS-QUY' } },
      include: { period: true },
      orderBy: { period: { start: 'asc' } },
    });
    const p = live[1]!.period;
    current = reportingPeriod({ kind: 'QUARTER', year: p.year, number: p.number });
    next = quarterAfter(p);
    const na = await prisma.org.findUniqueOrThrow({ where: { code: 'NA' } });
    const consolidator = await server.login('stttt.nghean@demo.vn');
    requestId = await openQuarter(server.gql, consolidator, live[1]!.templateId, next, na.id);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  /** Cửa Lò's report on the new quarter, as stored. */
  const stored = () =>
    server.app.db.prisma.submission.findFirst({
      where: { requestId, org: { code: 'DVHC.16732' } },
      include: { cells: true },
    });

  test('fill from the last period, warned before sending, sent after confirming', async () => {
    await signIn(page, 'ubnd.cualo@demo.vn');
    const card = page.locator('[data-request]', { hasText: next.label });
    await card.waitFor();
    await card.click();
    await page.getByRole('button', { name: 'Tải mẫu vào bảng tính' }).click();
    await page.getByText('Đã tải mẫu vào bảng tính.').waitFor();

    // Biểu 01: rows 4–9 (ho_so_tiep_nhan … wifi_cong_cong); D is "Giá trị", E "Ghi chú".
    await book((b) => b.userTypes('Biểu 01', 'E9', 'Thêm 2 điểm tại bến xe'));
    const fill = page.getByRole('button', { name: 'Điền số liệu kỳ trước' });
    expect(await fill.getAttribute('data-fill-last-period')).toBe(current.label);
    const syncsBefore = await book((b) => b.syncs);
    await fill.click();
    await page.getByText(`Đã điền 1 ô từ số liệu kỳ ${current.label}.`).waitFor();
    const after = await book((b) => ({
      wifi: b.cell('Biểu 01', 'D9').value,
      note: b.cell('Biểu 01', 'E9').value,
      flow: b.cell('Biểu 01', 'D4').value,
      percent: b.cell('Biểu 02', 'C4').value,
      syncs: b.syncs,
    }));
    // Last quarter's 12 Wi-Fi points and nothing else: the typed note stays, flows stay empty.
    expect(after).toMatchObject({
      wifi: '12',
      note: 'Thêm 2 điểm tại bến xe',
      flow: '',
      percent: '',
    });
    // The working copy and the cells read back (three syncs each), then the fill's four, however
    // many cells: ten round trips.
    expect(after.syncs - syncsBefore).toBeLessThanOrEqual(10);
    // A second press finds nothing left empty to fill.
    await fill.click();
    await page.getByText(`Không còn ô trống nào để điền từ kỳ ${current.label}.`).waitFor();

    // The rest of the quarter: 5.000 applications against 1.340 last quarter (over 3 times).
    await book((b) => {
      const values = ['5000', '1200', '900', '530', '7'];
      values.forEach((v, i) => b.userTypes('Biểu 01', `D${4 + i}`, v));
      ['83', '97', '85'].forEach((v, i) => b.userTypes('Biểu 02', `C${4 + i}`, v));
      for (let r = 1; r < 30; r++) {
        if (b.cell('Đề cương', `A${r}`).value === 'ket_qua') {
          b.userTypes('Đề cương', `B${r}`, 'Mở rộng thanh toán không dùng tiền mặt.');
        }
      }
    });
    const send = page.getByRole('button', { name: 'Gửi báo cáo' });
    await send.click();
    const warnings = page.locator('[data-change-warnings]');
    await warnings.waitFor();
    await page.getByText(`1 số liệu thay đổi nhiều so với kỳ ${current.label}.`).waitFor();
    expect(await page.locator('[data-change-warning]').allTextContents()).toEqual([
      `Bảng "Biểu 01", dòng "Số hồ sơ thủ tục hành chính tiếp nhận", cột "Giá trị": 5.000 so với 1.340 kỳ ${current.label} (gấp 3,7 lần, ngưỡng 3 lần)`,
    ]);
    expect(await stored()).toBeNull();

    // Going back sends nothing.
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await warnings.waitFor({ state: 'detached' });
    expect(await stored()).toBeNull();

    // A draft is saved whatever the warnings say.
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu nháp, phiên bản 1.').waitFor();
    expect(await page.locator('[data-change-warnings]').count()).toBe(0);
    expect((await stored())?.status).toBe('DRAFT');

    // Sending asks again; "Vẫn gửi" sends.
    await send.click();
    await warnings.waitFor();
    await page.getByRole('button', { name: 'Vẫn gửi' }).click();
    await page.getByText('Đã gửi báo cáo, phiên bản 2.').waitFor();
    await warnings.waitFor({ state: 'detached' });
    const sent = await stored();
    expect(sent?.status).toBe('SUBMITTED');
    const value = (rowKey: string, columnKey: string) =>
      sent?.cells.find((c) => c.rowKey === rowKey && c.columnKey === columnKey)?.value;
    expect(value('wifi_cong_cong', 'gia_tri')).toBe('12');
    expect(value('wifi_cong_cong', 'ghi_chu')).toBe('Thêm 2 điểm tại bến xe');
    expect(value('ho_so_tiep_nhan', 'gia_tri')).toBe('5000');
  }, 120_000);
});
