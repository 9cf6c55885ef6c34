// LibreOffice headless, to check that a real spreadsheet program reads the files we produce.
// Installed from Debian by scripts/ensure-libreoffice.sh when missing; each run gets its own
// throw-away profile so it never clashes with a desktop session.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

let ready = false;

/** Calc and Writer, and Times New Roman's metrics (the script checks; once per test file). */
function ensureInstalled(): void {
  if (ready) return;
  execFileSync('sh', [path.join(root, 'scripts/ensure-libreoffice.sh')], { stdio: 'inherit' });
  ready = true;
}

/** Converts a file with LibreOffice ("csv", "xlsx", "pdf") and returns the converted bytes. */
export function convertWithLibreOffice(input: Buffer, inputName: string, to: string): Buffer {
  ensureInstalled();
  const dir = mkdtempSync(path.join(tmpdir(), 'tonghop-lo-'));
  try {
    const file = path.join(dir, inputName);
    writeFileSync(file, input);
    const out = path.join(dir, 'out');
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        to,
        '--outdir',
        out,
        file,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const produced = readdirSync(out);
    if (produced.length !== 1)
      throw new Error(`LibreOffice produced ${produced.join(', ') || 'nothing'}`);
    return readFileSync(path.join(out, produced[0]!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
