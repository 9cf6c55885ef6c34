// The task pane starts without a connection: its service worker (addin/src/service-worker) keeps
// the pane's own files at a start online, and answers with them when the network to the add-in's
// server and Microsoft's CDN is cut; Office.js then comes from the kept local copy, with the
// files it loads. What carries a token or an agency's data (/graphql, /files) is never kept.
// Real Chromium, real server.
import type { Page, Route } from 'playwright-core';
import {
  isShellRequest,
  officeFilesToKeep,
  SHELL_CACHE,
  shellCacheKey,
} from '../../../addin/src/service-worker/shell.ts';
import {
  OFFICE_CDN,
  OFFICE_CDN_ROOT,
  openTaskpane,
  servingCdn,
  trustingCertificateOf,
  type TaskpaneSession,
} from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const ORIGIN = 'https://baocao.nghean.gov.vn';
const shell = (p: string, method = 'GET') => isShellRequest(new URL(p, ORIGIN), method, ORIGIN);

describe("what the pane's service worker keeps", () => {
  test('the pane, its bundle, the local Office.js with its files, the icons', () => {
    for (const p of [
      '/taskpane.html',
      '/taskpane.html?_host_Info=Excel$Win32$16.01$vi-VN$$$$0',
      '/addin/taskpane.js',
      '/office-js/office.js',
      '/office-js/excel-win32-16.01.js',
      '/office-js/vi-vn/office_strings.js',
      '/assets/icon-32.png',
    ])
      expect([p, shell(p)]).toEqual([p, true]);
  });

  test('never the data, a token, another origin or anything but GET', () => {
    for (const p of [
      '/graphql',
      '/graphql?query=%7Bme%7Bid%7D%7D',
      '/files/submissions/1/bao-cao.xlsx',
      '/healthz',
      '/manifest.xml',
      '/service-worker.js',
      '/addin/taskpane.js.LICENSE.txt',
      `${OFFICE_CDN_ROOT}office.js`,
      'https://may-chu-khac.gov.vn/taskpane.html',
    ])
      expect([p, shell(p)]).toEqual([p, false]);
    expect(shell('/taskpane.html', 'POST')).toBe(false);
  });

  test('the page is kept under one key whatever query Office adds', () => {
    expect(shellCacheKey(new URL('/taskpane.html?_host_Info=Excel$Win32', ORIGIN))).toBe(
      `${ORIGIN}/taskpane.html`,
    );
    expect(shellCacheKey(new URL('/office-js/office.js?v=1', ORIGIN))).toBe(
      `${ORIGIN}/office-js/office.js?v=1`,
    );
  });

  test('the Office.js files an Excel loaded become their local copies, nothing else', () => {
    expect(
      officeFilesToKeep(
        [
          `${OFFICE_CDN_ROOT}office.js`,
          `${OFFICE_CDN_ROOT}excel-win32-16.01.js?v=2`,
          `${OFFICE_CDN_ROOT}vi-vn/office_strings.js`,
          `${ORIGIN}/office-js/excel-win32-16.01.js`,
          `${OFFICE_CDN_ROOT}../../../graphql`,
          `${ORIGIN}/office-js/%2e%2e/graphql`,
          `${ORIGIN}/graphql`,
          `${ORIGIN}/addin/taskpane.js`,
          'https://may-chu-khac.gov.vn/office-js/office.js',
          'không phải địa chỉ',
        ],
        ORIGIN,
      ),
    ).toEqual([
      '/office-js/office.js',
      '/office-js/excel-win32-16.01.js',
      '/office-js/vi-vn/office_strings.js',
    ]);
  });
});

/** The browser's globals the test reads in the page (the tests' program has no DOM types). */
interface InPage {
  caches: {
    keys(): Promise<string[]>;
    open(name: string): Promise<{
      keys(): Promise<{ url: string }[]>;
      match(url: string): Promise<unknown>;
    }>;
  };
  navigator: { serviceWorker: { getRegistration(): Promise<unknown> } };
}

/** Every URL kept in every cache of the page's origin, by cache. */
function kept(page: Page) {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    const { caches } = globalThis as unknown as InPage;
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    }
    return out;
  });
}

/** Which Office.js the page ran, once the pane shows its sign-in form. */
async function started(page: Page) {
  await page.waitForFunction('window.tonghopOfficeSource !== undefined', null, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  return page.evaluate(() => ({
    source: (globalThis as { tonghopOfficeSource?: string }).tonghopOfficeSource,
    office: typeof (globalThis as { Office?: { onReady?: unknown } }).Office?.onReady,
  }));
}

describe('the task pane without a connection', () => {
  let server: TestServer;
  let session: TaskpaneSession;
  let page: Page;
  let addin: string;
  // The network, cut by the test for the add-in's origin and the CDN. Playwright's context
  // routes see the worker's own fetches too (Chromium), so a refused one is a request the worker
  // really sent and the network really refused. context.setOffline cuts the page's and the
  // worker's network as well, but not a route's own answer (the CDN stand-in): both are used.
  let offline = false;
  const refused: string[] = [];
  const network = (route: Route, online: () => Promise<void>) => {
    if (!offline) return online();
    refused.push(route.request().url());
    return route.abort('internetdisconnected');
  };

  beforeAll(async () => {
    server = await startTestServer('pglite');
    addin = new URL(server.app.addinUrl!).origin;
    session = await openTaskpane({
      server,
      chromiumArgs: [await trustingCertificateOf(addin)],
      viewport: { width: 360, height: 700 },
      cdn: (route) => network(route, () => servingCdn(route)),
    });
    page = session.page;
    await page.context().route(
      (url) => url.origin === addin,
      (route) => network(route, () => route.fallback()),
    );
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  test('started once online, it starts again offline from the kept copy', async () => {
    // Online: Office.js from the CDN; the worker installs, keeps the shell, takes the page, and
    // keeps the local copies of the files the CDN's Office.js loaded.
    expect((await started(page)).source).toBe('cdn');
    await page.waitForFunction('navigator.serviceWorker.controller !== null', null, {
      timeout: 30_000,
    });
    // The keeping happens in the worker after the pane started: polled in the page (a
    // waitForFunction predicate cannot be async).
    const keptOfficeFile = await page.evaluate(async (name) => {
      const { caches } = globalThis as unknown as InPage;
      for (let i = 0; i < 300; i++) {
        if (await (await caches.open(name)).match('/office-js/o15apptofilemappingtable.js'))
          return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    }, SHELL_CACHE);
    expect(keptOfficeFile).toBe(true);
    const shellKept = await kept(page);
    expect(Object.keys(shellKept)).toEqual([SHELL_CACHE]);
    expect(shellKept[SHELL_CACHE]!.map((u) => u.replace(addin, '')).sort()).toEqual([
      '/addin/taskpane.js',
      '/office-js/o15apptofilemappingtable.js',
      '/office-js/office.js',
      '/taskpane.html',
    ]);

    // Calls with a token and data go through the worker to the server and are never kept.
    const statuses = await page.evaluate(async () => {
      const headers = { authorization: 'Bearer khong-duoc-luu', accept: 'application/json' };
      const answers = [
        await fetch('/graphql?query=%7B__typename%7D', { headers }),
        await fetch('/graphql', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        }),
        await fetch('/files/submissions/1/bao-cao.xlsx', { headers }),
      ];
      return answers.map((r) => r.status);
    });
    expect(statuses).toHaveLength(3);
    const after = Object.values(await kept(page)).flat();
    expect(after.filter((u) => /\/graphql|\/files\//.test(u))).toEqual([]);
    expect(after.filter((u) => !u.startsWith(`${addin}/`))).toEqual([]);

    // The network goes. The cut is real: the page reaches neither the server nor the CDN, and
    // /graphql is not answered from anywhere.
    offline = true;
    await page.context().setOffline(true);
    const reach = (url: string) =>
      page.evaluate(
        (u) =>
          fetch(u, { mode: 'no-cors', cache: 'no-store' } as RequestInit).then(
            () => 'reached',
            () => 'failed',
          ),
        url,
      );
    expect(await reach('/healthz')).toBe('failed');
    expect(await reach(OFFICE_CDN)).toBe('failed');
    expect(await reach('/graphql?query=%7B__typename%7D')).toBe('failed');

    // Offline, the pane starts: the worker asked the network for the page, the bundle and
    // Office.js, was refused, and answered with the kept copies; Office.js is the local copy.
    refused.length = 0;
    await page.reload();
    expect(await started(page)).toEqual({ source: 'local', office: 'function' });
    expect(refused.map((u) => u.replace(addin, ''))).toEqual(
      expect.arrayContaining([
        '/taskpane.html',
        '/addin/taskpane.js',
        '/office-js/office.js',
        '/office-js/o15apptofilemappingtable.js',
        OFFICE_CDN,
      ]),
    );

    // Back online, Office.js from the CDN again: the CDN's copy was never kept.
    offline = false;
    await page.context().setOffline(false);
    await page.reload();
    expect((await started(page)).source).toBe('cdn');
  }, 120_000);

  test('where the worker is refused, the pane starts all the same and says why', async () => {
    // Without the switch, Chromium refuses the worker over the test certificate, as a webview
    // may refuse it by policy.
    const other = await openTaskpane({
      server,
      viewport: { width: 360, height: 700 },
      cdn: servingCdn,
    });
    try {
      const refusal = (text: string) => text.startsWith('Không đăng ký được service worker');
      const logged = other.page
        .waitForEvent('console', { predicate: (m) => refusal(m.text()), timeout: 15_000 })
        .catch(() => null);
      expect((await started(other.page)).source).toBe('cdn');
      if (!(await other.page.consoleMessages()).some((m) => refusal(m.text())))
        expect(await logged).not.toBeNull();
      expect(
        await other.page.evaluate(
          async () =>
            (await (globalThis as unknown as InPage).navigator.serviceWorker.getRegistration()) ??
            null,
        ),
      ).toBeNull();
    } finally {
      await other.close();
    }
  }, 60_000);

  test('the worker is served from the root, never cached on the way', async () => {
    const res = await fetch(`${server.app.url}/service-worker.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('tonghop-shell-');
  });
});
