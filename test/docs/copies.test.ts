// The contract operations, the seed documents and the design notes live in this repository
// (docs/, test/fixtures/seeds/), so a clone builds, runs and tests on its own. Where the steering
// folder they were copied from sits beside the checkout (../shared), the copies must not drift
// from it; elsewhere (a clone by itself) there is nothing to compare and this says so.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const beside = path.resolve(root, '../shared');
const copies: [string, string][] = [
  ['contract', 'docs/contract'],
  ['seeds', 'test/fixtures/seeds'],
];

const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();

describe('copies of the steering documents', () => {
  test('are in the repository', () => {
    for (const [, ours] of copies) expect(files(path.join(root, ours)).length).toBeGreaterThan(0);
    expect(existsSync(path.join(root, 'docs/DESIGN.md'))).toBe(true);
  });

  const compare = existsSync(beside) ? test : test.skip;
  compare.each(copies)('../shared/%s is the same as %s', (theirs, ours) => {
    const source = path.join(beside, theirs);
    expect(files(path.join(root, ours))).toEqual(files(source));
    for (const f of files(source)) {
      expect([f, readFileSync(path.join(root, ours, f), 'utf8')]).toEqual([
        f,
        readFileSync(path.join(source, f), 'utf8'),
      ]);
    }
  });

  compare('../shared/DESIGN.md is the same as docs/DESIGN.md', () => {
    expect(readFileSync(path.join(root, 'docs/DESIGN.md'), 'utf8')).toBe(
      readFileSync(path.join(beside, 'DESIGN.md'), 'utf8'),
    );
  });
});
