// GraphiQL at /graphql in real Chromium, with no request leaving the machine: the schema loads
// through the standard introspection query, the contract operations are there as examples, and
// Sở Y tế's token runs Me and shows the answer. /explorer, where the manifest's SupportUrl points,
// leads there.
import type { Browser, Page } from 'playwright-core';
import { ensureExplorerBuilt, launchChromium } from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('GraphiQL in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    ensureExplorerBuilt();
    server = await startTestServer('pglite');
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === 'localhost' || hostname === '127.0.0.1') return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('runs Me with a token, offline; the examples and the documentation are there', async () => {
    const token = await server.login('syte.nghean@demo.vn');
    await page.goto(`${server.app.url}/explorer`);
    expect(new URL(page.url()).pathname).toBe('/graphql');
    await page.locator('.graphiql-container').waitFor();
    await page.locator('input[name="token"]').fill(token);

    await page.getByRole('button', { name: 'Show Ví dụ' }).click();
    await page.locator('[data-example="ReportSheet"]').waitFor();
    await page.locator('[data-example="Me"]').click();
    await page.locator('.graphiql-query-editor').getByText('query Me').waitFor();
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await response.getByText('syte.nghean@demo.vn').waitFor();
    // Monaco shows spaces as non-breaking ones.
    const shown = (await response.textContent())!.replace(/\u00a0/g, ' ');
    expect(shown).toContain('"code": "NA.SYT"');
    expect(shown).toContain('"roles": [        "REPORTER"');

    // The schema came through introspection: the documentation explorer lists the root types.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).waitFor();
    expect(elsewhere).toEqual([]);
  }, 120_000);
});
