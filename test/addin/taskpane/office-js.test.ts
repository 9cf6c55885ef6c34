// The task pane loads Office.js from Microsoft's CDN, as Microsoft requires of add-ins, and falls
// back to the copy its own server serves when the CDN fails or does not answer in time; a CDN
// answer arriving after the fallback is never run beside it. Each way the pane then works.
import type { Page } from 'playwright-core';
import {
  OFFICE_CDN,
  openTaskpane,
  servingCdn,
  type TaskpaneSession,
} from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** Which Office.js the page ran, and the scripts it fetched. */
async function loaded(page: Page) {
  await page.waitForFunction('window.tonghopOfficeSource !== undefined', null, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  return page.evaluate(() => ({
    source: (globalThis as { tonghopOfficeSource?: string }).tonghopOfficeSource,
    office: typeof (globalThis as { Office?: { onReady?: unknown } }).Office?.onReady,
    scripts: performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js')),
  }));
}

describe('Office.js in the task pane', () => {
  let server: TestServer;
  const sessions: TaskpaneSession[] = [];
  const open = async (cdn: Parameters<typeof openTaskpane>[0]['cdn']) => {
    const session = await openTaskpane({ viewport: { width: 360, height: 700 }, server, cdn });
    sessions.push(session);
    return session.page;
  };
  beforeAll(async () => {
    server = await startTestServer('pglite');
  }, 180_000);
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await server?.close();
  });

  test('from the CDN when it answers; the local copy is not fetched', async () => {
    const page = await open(servingCdn);
    const seen = await loaded(page);
    expect(seen.source).toBe('cdn');
    expect(seen.office).toBe('function');
    expect(seen.scripts).toContain('/lib/1/hosted/office.js');
    expect(seen.scripts).not.toContain('/office-js/office.js');
  }, 60_000);

  test('the local copy when the CDN cannot be reached', async () => {
    const page = await open((route) => route.abort('internetdisconnected'));
    const seen = await loaded(page);
    expect(seen.source).toBe('local');
    expect(seen.office).toBe('function');
    expect(seen.scripts).toContain('/office-js/office.js');
  }, 60_000);

  test('the local copy when the CDN hangs; its late answer is never run', async () => {
    const started = Date.now();
    const page = await open((route) => {
      // Answers after the pane has given up on it (5 s).
      setTimeout(
        () =>
          void route
            .fulfill({ body: 'window.cdnRanLate = true;', contentType: 'text/javascript' })
            .catch(() => undefined),
        7_000,
      );
    });
    const seen = await loaded(page);
    expect(seen.source).toBe('local');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
    await page.waitForTimeout(Math.max(0, started + 8_500 - Date.now()));
    expect(
      await page.evaluate(() => (globalThis as { cdnRanLate?: boolean }).cdnRanLate),
    ).toBeUndefined();
    expect(await page.evaluate(() => typeof (globalThis as { Office?: unknown }).Office)).toBe(
      'object',
    );
  }, 60_000);

  test('an http:// server address is refused in the pane, with the reason', async () => {
    const page = await open((route) => route.abort());
    await loaded(page);
    await page.locator('input[name="server"]').fill('http://baocao.nghean.gov.vn');
    await page.getByRole('button', { name: 'Lưu địa chỉ' }).click();
    await page.getByText('Excel chỉ cho phần bổ trợ gọi máy chủ qua https://').waitFor();
  }, 60_000);

  test("the page asks Microsoft's CDN first", async () => {
    const html = await (await fetch(`${server.app.url}/taskpane.html`)).text();
    expect(html).toContain(OFFICE_CDN);
    expect(html.indexOf(OFFICE_CDN)).toBeLessThan(html.indexOf('/office-js/office.js'));
  });
});
