// Reminders and the Sở's documents in the task pane, in real Chromium against a real server on the
// demo data (Excel played by the strict double): the reminder job runs three days before Sở Y
// tế's deadline, and its reporter finds the reminder in the pane and marks it read; the
// consolidator downloads the báo cáo tổng hợp and the công văn đôn đốc of last quarter's request
// (its late agencies) from the pane, sets the request's reminder days and reads the send log.
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { runReminders } from '../../../server/reminders/run.ts';
import { deadlineFor } from '../../../server/requests/deadlines.ts';
import { openTaskpane, signIn, type TaskpaneSession } from '../../support/browser.ts';
import type { TestServer } from '../../support/server.ts';

const DAY = 86_400_000;
const noMail = { email: null, smsWebhookUrl: null, publicUrl: null };

describe('reminders and documents in the task pane', () => {
  let session: TaskpaneSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openTaskpane({ viewport: { width: 380, height: 1000 } });
    ({ server, page } = session);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  const signOut = async () => {
    await page.getByText('Đăng xuất').click();
    await page.getByLabel('Mật khẩu').waitFor();
  };

  test('a reporter sees the reminder the job wrote for its agency, and marks it read', async () => {
    const prisma = server.app.db.prisma;
    const syt = await prisma.org.findFirstOrThrow({ where: { name: 'Sở Y tế tỉnh Nghệ An' } });
    // The demo's request Sở Y tế still has to send, due in the future.
    const owed = await prisma.reportRequest.findFirstOrThrow({
      where: {
        status: 'OPEN',
        deadline: { gt: new Date() },
        recipients: { some: { orgId: syt.id } },
        submissions: { none: { orgId: syt.id, status: { not: 'DRAFT' } } },
      },
      include: { deadlines: true },
      orderBy: { deadline: 'asc' },
    });
    const deadline = deadlineFor(owed, syt.level);
    // 09:00 in Vietnam, three days before: the first default reminder is due.
    const day = new Date(deadline.getTime() + 7 * 3600_000 - 3 * DAY).toISOString().slice(0, 10);
    const run = await runReminders(prisma, noMail, new Date(`${day}T02:00:00Z`));
    expect(run.notifications).toBeGreaterThan(0);

    // The server's own run at its start may have written one for today too: the pane shows
    // every unread one the database holds for this request.
    const unread = () =>
      prisma.notification.findMany({
        where: { user: { email: 'syte.nghean@demo.vn' }, requestId: owed.id, readAt: null },
      });
    const before = (await unread()).length;
    expect(before).toBeGreaterThan(0);

    await signIn(page, 'syte.nghean@demo.vn');
    const notices = page.locator('[data-notifications]');
    await notices.getByText(/^Thông báo mới \(\d+\)$/).waitFor();
    const mine = notices.locator('[data-notification]', { hasText: owed.title });
    await mine.first().waitFor();
    expect(await mine.count()).toBe(before);
    await mine.first().getByText(`[Nhắc hạn] ${owed.title}`).waitFor();
    await mine.first().getByRole('button', { name: 'Đã đọc' }).click();
    // The card goes once the server has it read (up to 10 s).
    for (let i = 0; i < 100 && (await mine.count()) !== before - 1; i++) {
      await page.waitForTimeout(100);
    }
    expect(await mine.count()).toBe(before - 1);
    expect((await unread()).length).toBe(before - 1);
    await signOut();
  }, 120_000);

  test('the consolidator downloads both documents, sets the reminder days, reads the log', async () => {
    const prisma = server.app.db.prisma;
    const sokhcn = await prisma.org.findFirstOrThrow({
      where: { name: 'Sở Khoa học và Công nghệ tỉnh Nghệ An' },
    });
    // Last quarter's request: past its deadline, agencies still late.
    const lateRequest = await prisma.reportRequest.findFirstOrThrow({
      where: { consolidatorOrgId: sokhcn.id, status: 'OPEN', deadline: { lt: new Date() } },
      orderBy: { deadline: 'desc' },
    });

    await signIn(page, 'stttt.nghean@demo.vn');
    const card = page.locator(`[data-request="${lateRequest.id}"]`);
    await card.click();
    await page.locator('[data-completeness]').waitFor();

    for (const [button, kind] of [
      ['Tải báo cáo tổng hợp', 'Báo cáo tổng hợp'],
      ['Tải công văn đôn đốc', 'Công văn đôn đốc'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${kind}.*\\.docx$`));
      const docx = await JSZip.loadAsync(await readFile((await download.path())!));
      const xml = await docx.file('word/document.xml')!.async('string');
      expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      await page.getByText(`Đã tải "${download.suggestedFilename()}".`).waitFor();
    }

    const reminders = page.locator('[data-reminders]');
    const offsets = reminders.getByLabel(/Nhắc vào các ngày/);
    expect(await offsets.inputValue()).toBe('-3, 0, 1, 3');
    await offsets.fill('-5, 0, hai');
    await reminders.getByRole('button', { name: 'Lưu mốc nhắc' }).click();
    await reminders.getByText('"hai" không phải là số ngày (ví dụ -3 hoặc 1).').waitFor();
    await offsets.fill('-5, 0, 2');
    await reminders.getByRole('button', { name: 'Lưu mốc nhắc' }).click();
    await page.getByText('Đã lưu 3 mốc nhắc hạn.').waitFor();
    const rules = await prisma.reminderRule.findMany({
      where: { requestId: lateRequest.id, removedAt: null },
      orderBy: { offsetDays: 'asc' },
    });
    expect(rules.map((r) => r.offsetDays)).toEqual([-5, 0, 2]);
    await reminders.getByText(/^Nhật ký gửi \(\d+\)$/).waitFor();
  }, 120_000);
});
