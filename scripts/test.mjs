// @ts-check
// `npm test`: ESLint and Prettier, the type check, and jest. The first two (about 80 s, one core)
// run beside jest rather than before it: jest's workers wait on Chromium, server processes and
// PostgreSQL part of their time, which the checks fill. Jest's output is shown as it comes (its
// summary line last); each check's output is shown once it has finished, so lines never
// interleave. Any failure fails the whole; arguments go to jest (`npm test -- test/server`).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Runs a command in the checkout; resolves with its exit code and, unless shown live, its output.
 * @param {string} command
 * @param {string[]} args
 * @param {boolean} live
 * @returns {Promise<{ code: number, output: string, seconds: number }>}
 */
function run(command, args, live) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.once('error', (error) => resolve({ code: 1, output: String(error), seconds: 0 }));
    child.once('exit', (code, signal) =>
      resolve({
        code: code ?? (signal ? 1 : 0),
        output,
        seconds: Math.round((performance.now() - started) / 1000),
      }),
    );
  });
}

/** The checks one after the other (one core), each reported when it ends. */
async function checks() {
  let failed = 0;
  /** @type {[string, string][]} */
  const steps = [
    ['ESLint, Prettier', 'lint'],
    ['tsc', 'typecheck'],
  ];
  for (const [name, script] of steps) {
    const result = await run(npm, ['run', '-s', script], false);
    process.stdout.write(
      `\n── npm run ${script} (${name}): ${result.code ? 'LỖI / FAILED' : 'ok'}, ${result.seconds} s ──\n${result.output}`,
    );
    if (result.code) failed = result.code;
  }
  return failed;
}

// jest's own command line is the `jest` script in package.json, kept in one place.
const jest = run(npm, ['run', '-s', 'jest', '--', ...process.argv.slice(2)], true);
const [checksCode, jestResult] = await Promise.all([checks(), jest]);
process.exitCode = checksCode || jestResult.code;
