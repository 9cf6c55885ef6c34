// Real Chromium (Debian's package) for task pane tests, and the add-in bundles they need:
// the task pane as `npm install` builds it, and the fake Excel bundled for the browser.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import { chromium, type Browser } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    execFileSync('sh', [path.join(root, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** The task pane bundle, built if this checkout has none yet. */
export function ensureTaskpaneBuilt(): void {
  if (existsSync(path.join(root, 'addin/dist/taskpane.js'))) return;
  execFileSync('npm', ['run', 'build:addin'], { cwd: root, stdio: 'inherit' });
}

/** test/support/fake-excel-browser.ts as one script to inject into the page. */
export async function fakeExcelScript(): Promise<string> {
  const out = mkdtempSync(path.join(tmpdir(), 'tonghop-fake-excel-'));
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    entry: path.join(root, 'test/support/fake-excel-browser.ts'),
    output: { path: out, filename: 'fake-excel.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' } },
          },
        },
      ],
    },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) =>
      error || stats?.hasErrors() ? reject(error ?? new Error(stats!.toString())) : resolve(),
    ),
  );
  return readFileSync(path.join(out, 'fake-excel.js'), 'utf8');
}
