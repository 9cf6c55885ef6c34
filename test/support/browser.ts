// Real Chromium (Debian's package) for task pane tests, and the add-in bundles they need:
// the task pane as `npm install` builds it, and the strict Excel double bundled for the browser.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import tls from 'node:tls';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import type { ExcelDouble, ExcelDoubleOptions } from './excel-double/index.ts';
import { startTestServer, type TestServer } from './server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(args: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    execFileSync('sh', [path.join(root, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', ...args] });
}

/** A bundle `npm install` builds, built now if this checkout has none yet. */
function ensureBuilt(file: string, script: string): void {
  if (existsSync(path.join(root, file))) return;
  execFileSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
}

export const ensureTaskpaneBuilt = () => {
  ensureBuilt('addin/dist/taskpane.js', 'build:addin');
  ensureBuilt('addin/dist/service-worker.js', 'build:addin');
};
export const ensureExplorerBuilt = () =>
  ensureBuilt('server/explorer/dist/graphiql.js', 'build:explorer');

/**
 * test/support/excel-double/browser.ts as one script to inject into the page. Bundled with
 * esbuild (as the server's bundle is, scripts/start-server.mjs): tens of milliseconds, where
 * webpack took most of a second in every task pane test file.
 */
export async function excelDoubleScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, 'test/support/excel-double/browser.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/** Microsoft's CDN for Office.js, as the task pane asks for it, and where its files live. */
export const OFFICE_CDN_ROOT = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
export const OFFICE_CDN = `${OFFICE_CDN_ROOT}office.js`;

/** A CDN that answers with the npm copy's files, as Microsoft's would with its own. */
export function servingCdn(route: Route): Promise<void> {
  const name = new URL(route.request().url()).pathname.slice('/lib/1/hosted/'.length);
  const file = path.join(root, 'node_modules/@microsoft/office-js/dist', name);
  if (!name || name.includes('..') || !existsSync(file)) return route.fulfill({ status: 404 });
  return route.fulfill({ path: file, contentType: 'text/javascript; charset=utf-8' });
}

export interface TaskpaneSession {
  server: TestServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export interface TaskpaneOptions {
  viewport: { width: number; height: number };
  /** The Excel the double plays (ExcelApi version, locale, library). */
  excel?: ExcelDoubleOptions;
  /** What the page meets at Microsoft's CDN; by default whatever this machine's network does. */
  cdn?: (route: Route) => Promise<void> | void;
  /** A server already running (several panes on one server). */
  server?: TestServer;
  /** More configuration of the server started here (e.g. TRUST_ANCHORS). */
  serverEnv?: Record<string, string>;
  /** More Chromium switches (e.g. trusting the test certificate where the context's
   * ignoreHTTPSErrors does not reach: service worker scripts). */
  chromiumArgs?: string[];
}

/**
 * A real server on the embedded database and the task pane it serves, open in Chromium with the
 * Excel double in the page (window.tonghopExcelDouble).
 */
export async function openTaskpane(options: TaskpaneOptions): Promise<TaskpaneSession> {
  ensureTaskpaneBuilt();
  const [script, server] = await Promise.all([
    excelDoubleScript(),
    options.server ?? startTestServer('pglite', options.serverEnv),
  ]);
  const browser = await launchChromium(options.chromiumArgs);
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: options.viewport,
  });
  if (options.cdn) await context.route(`${OFFICE_CDN_ROOT}**`, options.cdn);
  await context.addInitScript({
    content: `globalThis.tonghopExcelOptions = ${JSON.stringify(options.excel ?? {})};\n${script}`,
  });
  const page = await context.newPage();
  await page.goto(`${server.app.addinUrl}/taskpane.html`);
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      if (!options.server) await server.close();
    },
  };
}

/** Runs a function on the page's Excel double (and an argument, passed as JSON). */
export function excelBook(page: () => Page) {
  return <T, A = null>(fn: (b: ExcelDouble, arg: A) => T, arg: A | null = null) =>
    page().evaluate(
      `(${fn.toString()})(globalThis.tonghopExcelDouble, ${JSON.stringify(arg)})`,
    ) as Promise<T>;
}

/** Signs in on the pane with a demo account. */
export async function signIn(page: Page, email: string, password = 'demo-2023'): Promise<void> {
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * Chromium's switch trusting the add-in server's own certificate (its key's SHA-256), read from
 * the server over TLS. The context's ignoreHTTPSErrors lets the page load, but a service worker
 * is refused on a certificate error ("An SSL certificate error occurred when fetching the
 * script"); in production the certificate is one Office trusts and nothing of this is needed.
 * Narrower than --ignore-certificate-errors: only this key is trusted.
 */
export async function trustingCertificateOf(origin: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  const socket = tls.connect({ host: hostname, port: Number(port), rejectUnauthorized: false });
  await new Promise((resolve, reject) =>
    socket.once('secureConnect', resolve).once('error', reject),
  );
  const spki = socket.getPeerX509Certificate()!.publicKey.export({ type: 'spki', format: 'der' });
  socket.end();
  return `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`;
}
