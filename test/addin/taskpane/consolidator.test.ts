// The consolidating department's task pane in real Chromium against a real server on the embedded
// database, only Excel played by the strict double (ExcelApi 1.10, an en-US person): Sở TT&TT Nghệ An opens a request to every department for Quý I/2024
// (the Nghị định 09 window and the recipient count shown before confirming), Sở Y tế sends through
// the API, the consolidator loads completeness, returns the report (a reason required), Sở Y tế
// sends again, the consolidator refreshes and accepts, and loads the consolidated tables.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { contractOperation } from '../../support/contract.ts';
import { excelBook, openTaskpane, signIn, type TaskpaneSession } from '../../support/browser.ts';
import { fullReport } from '../../support/reports.ts';
import type { TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';

const screenshots = fileURLToPath(new URL('../../../.tmp/screenshots/', import.meta.url));
const SAVE = contractOperation('SaveReport');

describe('the consolidator in the task pane', () => {
  let session: TaskpaneSession;
  let server: TestServer;
  let page: Page;
  let reporter: string;
  const book = excelBook(() => page);
  /** Sở Y tế's line on the completeness sheet: [status (E), version (H), row number]. */
  const sytLine = () =>
    book((b) => {
      const cells = b.sheet('Tình hình nộp').cells;
      for (const [key, cell] of cells) {
        if (cell.value !== 'Sở Y tế tỉnh Nghệ An') continue;
        const row = Number(key.split(',')[0]);
        return [cells.get(`${row},4`)?.value, cells.get(`${row},7`)?.value, row + 1];
      }
      throw new Error('Sở Y tế is not on the completeness sheet');
    });
  const send = async (requestId: string, baseVersion: number, key: string) => {
    const res = await server.gql<Json>(
      SAVE,
      { input: { requestId, baseVersion, idempotencyKey: key, submit: true, ...fullReport } },
      reporter,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.saveReport.problems).toEqual([]);
    return res.data!.saveReport.submission;
  };

  beforeAll(async () => {
    session = await openTaskpane({
      viewport: { width: 380, height: 1000 },
      excel: { api: '1.10', locale: 'en-US' },
    });
    ({ server, page } = session);
    reporter = await server.login('syte.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  test('open a request, watch it come in, return with a reason, accept, consolidate', async () => {
    const prisma = server.app.db.prisma;
    await signIn(page, 'stttt.nghean@demo.vn');
    await page.getByRole('tab', { name: 'Tổng hợp' }).waitFor();
    await page.getByText('Yêu cầu báo cáo đang mở').waitFor();

    // ── Open a request: the window and the count are shown before anything is created.
    await page.getByRole('button', { name: 'Mở yêu cầu báo cáo' }).click();
    const template = await prisma.reportTemplate.findFirstOrThrow({
      where: { code: 'NA-403-PL01-03' },
    });
    const plan = await prisma.document.findUniqueOrThrow({ where: { key: 'NA-586-KH-UBND-2022' } });
    await page.locator('select[name="template"]').selectOption(template.id);
    await page.locator('select[name="plan"]').selectOption(plan.id);
    await page.locator('select[name="period-kind"]').selectOption('QUARTER');
    await page.locator('select[name="period-number"]').selectOption('1');
    await page.locator('input[name="period-year"]').fill('2024');
    await page.getByText('Quý I/2024: số liệu từ 15/12/2023 đến 14/03/2024').waitFor();
    expect(await page.locator('input[name="deadline"]').inputValue()).toBe('2024-03-19T17:00');
    expect(await page.locator('input[name="title"]').inputValue()).toBe(
      `${template.name} Quý I/2024`,
    );
    await page.getByRole('button', { name: 'Xem lại và mở' }).click();
    await page.getByText('Chưa có đơn vị nào nhận yêu cầu.').waitFor();

    await page.getByLabel('Tất cả sở, ban, ngành cấp tỉnh').check();
    // The departments there on the deadline (19/03/2024): not those set up on 01/03/2025.
    const due = new Date('2024-03-19T00:00:00Z');
    const departments = await prisma.org.count({
      where: {
        path: { startsWith: '/NA/' },
        kind: 'DEPARTMENT',
        level: 'PROVINCE',
        AND: [
          { OR: [{ validFrom: null }, { validFrom: { lte: due } }] },
          { OR: [{ validTo: null }, { validTo: { gte: due } }] },
        ],
      },
    });
    expect(departments).toBeGreaterThan(15);
    await page.getByText(`${departments} đơn vị sẽ nhận yêu cầu`).waitFor();
    const requestsBefore = await prisma.reportRequest.count();
    await page.getByRole('button', { name: 'Xem lại và mở' }).click();
    await page.getByText(`tới ${departments} đơn vị?`).waitFor();
    expect(await prisma.reportRequest.count()).toBe(requestsBefore);
    await page.getByRole('button', { name: 'Xác nhận mở yêu cầu' }).click();
    await page
      .getByText(`Đã mở yêu cầu "${template.name} Quý I/2024" tới ${departments}`)
      .waitFor();
    const request = await prisma.reportRequest.findFirstOrThrow({
      where: { title: `${template.name} Quý I/2024` },
      include: { _count: { select: { recipients: true } } },
    });
    expect(request._count.recipients).toBe(departments);
    expect(request.deadline.toISOString()).toBe('2024-03-19T10:00:00.000Z');
    await page.getByText(`Đã gửi 0/${departments}`).waitFor();

    // ── Sở Y tế sends; the consolidator loads who has reported.
    const first = await send(request.id, 0, 'syt-q1-1');
    await page.getByRole('button', { name: 'Tải tình hình nộp' }).click();
    await page.getByText('Đã cập nhật trang "Tình hình nộp".').waitFor();
    await page.getByText(`Đã gửi 1/${departments}`).waitFor();
    expect(await sytLine()).toEqual(['Đã gửi', 1, expect.any(Number)]);
    const chart = await book((b) => b.sheet('Tình hình nộp').charts[0]);
    expect(chart!.data).toContainEqual(['Đã gửi', 1]);
    expect(chart!.data).toContainEqual(['Chưa làm', departments - 1]);

    // ── Review: the agency on the selected row, read-only; returning needs a reason.
    const [, , row] = await sytLine();
    await book((b, r) => b.select('Tình hình nộp', `C${r}`), row);
    await page.getByRole('button', { name: 'Đơn vị ở dòng đang chọn' }).click();
    await page.locator('[data-agency-state="SUBMITTED"]').waitFor();
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page.getByText('Đã mở báo cáo (chỉ đọc) ở trang "BC Sở Y tế tỉnh Nghệ An"').waitFor();
    expect(await book((b) => b.sheet('BC Sở Y tế tỉnh Nghệ An').protection.protected)).toBe(true);
    const reviewed = await book((b) =>
      [...b.sheet('BC Sở Y tế tỉnh Nghệ An').cells.values()].map((c) => c.value),
    );
    expect(reviewed).toContain('Kho dữ liệu ngành Y tế đã vận hành');

    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await page.getByText('Cần ghi lý do trả lại').waitFor();
    expect((await prisma.submission.findUniqueOrThrow({ where: { id: first.id } })).status).toBe(
      'SUBMITTED',
    );
    await page.locator('textarea[name="return-reason"]').fill('Bổ sung số máy tính đã trang bị');
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await page.getByText('Đã trả lại báo cáo của Sở Y tế tỉnh Nghệ An.').waitFor();
    // The completeness sheet follows by itself; past the deadline, the line is highlighted.
    expect(await sytLine()).toEqual(['Bị trả lại – quá hạn', 1, row]);
    expect(await book((b, r) => b.cell('Tình hình nộp', `C${r}`).fill, row)).toBe('#FFEB9C');
    const returned = await prisma.submission.findUniqueOrThrow({ where: { id: first.id } });
    expect(returned).toMatchObject({
      status: 'RETURNED',
      returnReason: 'Bổ sung số máy tính đã trang bị',
    });

    // ── Sở Y tế corrects and sends again; refreshed, accepted.
    await send(request.id, returned.version, 'syt-q1-2');
    await page.getByRole('button', { name: 'Làm mới tình hình nộp' }).click();
    await page.getByText('Đã cập nhật trang "Tình hình nộp".').waitFor();
    expect(await sytLine()).toEqual(['Đã gửi', 2, row]);
    expect(await book((b, r) => b.cell('Tình hình nộp', `C${r}`).fill, row)).toBeNull();
    await page.locator('[data-agency-state="SUBMITTED"]').waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.getByText('Đã tiếp nhận báo cáo của Sở Y tế tỉnh Nghệ An.').waitFor();
    await page.locator('[data-agency-state="ACCEPTED"]').waitFor();
    expect(await sytLine()).toEqual(['Đã tiếp nhận', 2, row]);
    expect((await prisma.submission.findUniqueOrThrow({ where: { id: first.id } })).status).toBe(
      'ACCEPTED',
    );

    // ── The consolidated tables, and the list of those still owing, for a reminder.
    await page.getByRole('button', { name: 'Tải bảng tổng hợp' }).click();
    await page.getByText('Đã tổng hợp 1 báo cáo đã gửi').waitFor();
    const names = await book((b) => b.sheets.map((s) => s.name));
    expect(names).toEqual(expect.arrayContaining(['TH Phụ lục 02', 'TH Phụ lục 03']));
    const consolidated = await book((b) =>
      [...b.sheet('TH Phụ lục 03').cells.values()].map((c) => c.value),
    );
    expect(consolidated).toEqual(
      expect.arrayContaining(['Sở Y tế tỉnh Nghệ An', 'Kho dữ liệu ngành Y tế đã vận hành']),
    );
    await page.getByRole('button', { name: /Danh sách chưa nộp/ }).click();
    const reminder = await page.locator('textarea[name="reminder"]').inputValue();
    expect(reminder.split('\n')).toHaveLength(departments - 1);
    expect(reminder).toContain('Sở Giáo dục và Đào tạo tỉnh Nghệ An');
    expect(reminder).not.toContain('Sở Y tế');

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'consolidator.png'), fullPage: true });
  }, 180_000);
});
