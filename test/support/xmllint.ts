// libxml2's xmllint, an independent validator of the ADX messages we write: installed from Debian
// by scripts/ensure-xmllint.sh when missing, so a test never passes by skipping the check.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let ready = false;

/** Validates `xml` against the schema file; the validator's own messages when it is invalid. */
export function validateXml(xml: string, schemaFile: string): { valid: boolean; output: string } {
  if (!ready) {
    execFileSync('sh', [path.join(root, 'scripts/ensure-xmllint.sh')], { stdio: 'inherit' });
    ready = true;
  }
  const run = spawnSync('xmllint', ['--noout', '--schema', schemaFile, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  return { valid: run.status === 0, output: `${run.stdout}${run.stderr}` };
}
