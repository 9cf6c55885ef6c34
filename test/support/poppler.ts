// Poppler's command-line tools, an independent reader of the PDFs we sign: installed from Debian by
// scripts/ensure-poppler.sh when missing, so a test never passes by skipping the check.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let ready = false;

/** Runs a poppler tool (`pdftotext`, `pdfsig`, `pdftoppm`) and returns what it printed on stdout. */
export function poppler(tool: 'pdftotext' | 'pdfsig' | 'pdftoppm', args: string[]): string {
  if (!ready) {
    execFileSync('sh', [path.join(root, 'scripts/ensure-poppler.sh')], { stdio: 'inherit' });
    ready = true;
  }
  return execFileSync(tool, args, { encoding: 'utf8' });
}
