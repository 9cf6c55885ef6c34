// Filling a report with no connection, in real Chromium against a real server, Excel played by
// the strict double: the network to the server is cut by the test (Playwright routing), saves
// wait in the workbook with their keys, and once the server answers again they go in order,
// each applied once. A save made on a version someone else replaced meanwhile is not applied:
// the pane shows both sides and waits for the person.
import type { Page, Route } from 'playwright-core';
import { hashPassword } from '../../../server/auth/password.ts';
import { excelBook, openTaskpane, signIn, type TaskpaneSession } from '../../support/browser.ts';
import type { TestServer } from '../../support/server.ts';

const REQUEST = 'Báo cáo sơ kết 01 năm triển khai Kế hoạch số 586/KH-UBND';

interface Record {
  baseVersion: number;
  status: string | null;
  queue: { key: string; baseVersion: number; submit: boolean }[];
  sheetParts: string[];
}

describe('offline filling: the workbook is the store', () => {
  let session: TaskpaneSession;
  let server: TestServer;
  let page: Page;
  const book = excelBook(() => page);
  const record = () =>
    book((b) => JSON.parse(JSON.parse(b.settings.get('tonghop.report')!) as string) as Record);
  /** Every SaveReport body that left the page, and whether the network let it through. */
  const saves: { body: string; reached: boolean }[] = [];
  let offline = false;
  const network = async (route: Route) => {
    const body = route.request().postData() ?? '';
    const isSave = body.includes('mutation SaveReport');
    if (offline) {
      if (isSave) saves.push({ body, reached: false });
      await route.abort('internetdisconnected');
      return;
    }
    if (isSave) saves.push({ body, reached: true });
    await route.continue();
  };
  const goOnline = async () => {
    offline = false;
    // The pane checks the server when it gets the focus (and on a timer).
    await page.evaluate("window.dispatchEvent(new Event('focus'))");
  };

  beforeAll(async () => {
    session = await openTaskpane({
      viewport: { width: 380, height: 1000 },
      excel: { api: '1.18', locale: 'vi-VN' },
    });
    ({ server, page } = session);
    await page.route('**/graphql', network);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  test('two saves made offline go once each, in order, when the server answers again', async () => {
    const prisma = server.app.db.prisma;
    await signIn(page, 'syte.nghean@demo.vn');
    await page.getByText(REQUEST).click();
    await page.getByRole('button', { name: 'Tải mẫu vào bảng tính' }).click();
    await page.getByText('Đã tải mẫu vào bảng tính.').waitFor();
    const submission = () =>
      prisma.submission.findFirst({
        where: {
          request: { title: { startsWith: REQUEST } },
          org: { name: 'Sở Y tế tỉnh Nghệ An' },
        },
        include: { versions: { orderBy: { version: 'asc' } } },
      });
    expect(await submission()).toBeNull();

    offline = true;
    await book((b) => b.userTypes('Phụ lục 03', 'E5', 'Đã trang bị 120 máy tính'));
    await page.getByRole('button', { name: 'Lưu nháp' }).first().click();
    await page.locator('[data-connection="offline"]', { hasText: 'Ngoại tuyến' }).waitFor();
    await page.locator('[data-waiting="1"]', { hasText: 'Đang chờ gửi (1)' }).waitFor();
    // A cell typed wrong is found here, offline, by the shared rules: nothing queued for it.
    await book((b) => b.userTypes('Phụ lục 03', 'H5', 'Sắp xong'));
    await page.getByRole('button', { name: 'Lưu nháp' }).first().click();
    await page.getByText(/^1 lỗi, chưa lưu gì/).waitFor();
    expect((await record()).queue).toHaveLength(1);
    await book((b) => b.userTypes('Phụ lục 03', 'H5', 'Đang triển khai'));
    await book((b) => b.userTypes('Phụ lục 03', 'E7', '- Kho dữ liệu ngành Y tế đã vận hành'));
    await page.getByRole('button', { name: 'Lưu nháp' }).first().click();
    await page.locator('[data-waiting="2"]', { hasText: 'Đang chờ gửi (2)' }).waitFor();
    const queued = await record();
    expect(queued.queue.map((q) => q.baseVersion)).toEqual([0, 1]);
    expect(queued.baseVersion).toBe(0);
    // Nothing reached the server.
    expect(await submission()).toBeNull();
    expect(saves.every((s) => !s.reached)).toBe(true);

    await goOnline();
    await page
      .getByText('Đã gửi 2 lần lưu đang chờ, theo đúng thứ tự; báo cáo ở phiên bản 2.')
      .waitFor();
    const saved = await submission();
    expect(saved).toMatchObject({ status: 'DRAFT', version: 2 });
    expect(saved!.versions.map((v) => v.version)).toEqual([1, 2]);
    const reached = saves
      .filter((s) => s.reached)
      .map(
        (s) =>
          (
            JSON.parse(s.body) as {
              variables: { input: { idempotencyKey: string; baseVersion: number } };
            }
          ).variables.input,
      );
    expect(reached.map((r) => [r.idempotencyKey, r.baseVersion])).toEqual(
      queued.queue.map((q) => [q.key, q.baseVersion]),
    );
    for (const q of queued.queue) {
      expect(await prisma.idempotencyRecord.count({ where: { key: q.key } })).toBe(1);
    }
    expect(
      await prisma.auditEvent.count({ where: { action: 'submission.save', entityId: saved!.id } }),
    ).toBe(2);
    // The values, as typed, each in the version that carried it.
    const cells = await prisma.cellValue.findMany({ where: { submissionId: saved!.id } });
    expect(cells.map((c) => c.value)).toEqual(
      expect.arrayContaining([
        'Đã trang bị 120 máy tính',
        'DANG_TRIEN_KHAI',
        '- Kho dữ liệu ngành Y tế đã vận hành',
      ]),
    );
    const after = await record();
    expect(after).toMatchObject({ baseVersion: 2, status: 'DRAFT', queue: [] });
    await page.locator('[data-connection="offline"]').waitFor({ state: 'detached' });

    // No token or password anywhere the workbook keeps things: settings, parts, cells.
    const token = await page.evaluate<string | null>(`(() => {
      for (const k of Object.keys(localStorage)) {
        const held = JSON.parse(localStorage.getItem(k) || '{}');
        if (held.token) return held.token;
      }
      return null;
    })()`);
    expect(token).toBeTruthy();
    const everything = await book((b) =>
      JSON.stringify({
        settings: [...b.settings],
        parts: [...b.xmlParts],
        cells: b.sheets.map((ws) => [...ws.cells.values()].map((c) => c.value)),
      }),
    );
    expect(everything).toContain('Đã trang bị 120 máy tính');
    for (const secret of [token!, 'demo-2023', 'Bearer']) expect(everything).not.toContain(secret);
  }, 120_000);

  test('a save made on a version someone else replaced is not applied; both values are shown', async () => {
    const prisma = server.app.db.prisma;
    const mine = await prisma.user.findUniqueOrThrow({
      where: { email: 'syte.nghean@demo.vn' },
      include: { roles: true },
    });
    await prisma.user.create({
      data: {
        email: 'syte2.nghean@test.vn',
        name: 'Chuyên viên thứ hai Sở Y tế',
        orgId: mine.orgId,
        passwordHash: await hashPassword('demo-2023'),
        roles: { create: mine.roles.map((r) => ({ role: r.role, scopeOrgId: r.scopeOrgId })) },
      },
    });
    const other = await server.login('syte2.nghean@test.vn');
    const current = await prisma.submission.findFirstOrThrow({
      where: { request: { title: { startsWith: REQUEST } }, orgId: mine.orgId },
    });

    // Offline, we change E5; meanwhile the colleague changes E5 and E8 on the server.
    offline = true;
    await book((b) => b.userTypes('Phụ lục 03', 'E5', 'Đã trang bị 150 máy tính'));
    await page.getByRole('button', { name: 'Lưu nháp' }).first().click();
    await page.locator('[data-waiting="1"]').waitFor();
    // The row and column of E5, as the workbook knows them.
    const place = await book((b, name) => {
      const stored = JSON.parse(JSON.parse(b.settings.get('tonghop.report')!) as string) as {
        tables: { key: string; sheetId: string; columns: string[] }[];
      };
      const ws = b.sheet(name);
      const t = stored.tables.find((x) => x.sheetId === ws.id)!;
      return { table: t.key, row: String(b.cell(name, 'A5').value), column: t.columns[3]! };
    }, 'Phụ lục 03');
    const theirs = await server.gql<{ saveReport: { submission: { version: number } } }>(
      `mutation($input: SaveReportInput!) { saveReport(input: $input) { submission { version } } }`,
      {
        input: {
          requestId: current.requestId,
          baseVersion: 2,
          idempotencyKey: 'colleague-1',
          tables: [
            {
              key: place.table,
              rows: [
                {
                  key: place.row,
                  cells: [{ columnKey: place.column, value: 'Đã trang bị 130 máy tính' }],
                },
              ],
            },
          ],
        },
      },
      other,
    );
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.saveReport.submission.version).toBe(3);

    await goOnline();
    const conflict = page.locator('[data-conflict]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('người khác đã lưu báo cáo (nay ở phiên bản 3)');
    const row = conflict.locator('[data-conflict-cell]').first();
    expect(await row.locator('[data-side="ours"]').textContent()).toBe('Đã trang bị 150 máy tính');
    expect(await row.locator('[data-side="server"]').textContent()).toBe(
      'Đã trang bị 130 máy tính',
    );
    // Not applied: the server still holds the colleague's version.
    expect(await prisma.submission.findUniqueOrThrow({ where: { id: current.id } })).toMatchObject({
      version: 3,
    });
    expect((await record()).queue).toHaveLength(1);

    // "Keep mine": our cell over their version, then the workbook shows what the server holds.
    await page.getByRole('button', { name: 'Giữ số liệu của tôi' }).click();
    await page.getByText('Đã lưu nháp, phiên bản 4.').waitFor();
    const values = await prisma.cellValue.findMany({ where: { submissionId: current.id } });
    expect(values.map((v) => v.value)).toContain('Đã trang bị 150 máy tính');
    expect(await record()).toMatchObject({ baseVersion: 4, queue: [] });
  }, 120_000);
});
