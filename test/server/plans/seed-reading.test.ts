// The plan reader against what a careful clerk wrote down by hand for each seed
// (test/fixtures/plan-import): targets, tasks with their lead agency, bases, budget lines and the
// review findings, item by item. The floors are the reader's present figures; a change that loses
// any of them fails here. The table is written to .tmp/plan-reading-scores.md for the record.
import { mkdirSync, writeFileSync } from 'node:fs';
import { scoreSeed, scoreTable, seedFiles, type SeedScore } from '../../support/plan-scoring.ts';

const scores = seedFiles().map(scoreSeed);

afterAll(() => {
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/plan-reading-scores.md', `${scoreTable(scores)}\n`);
});

/** [targets, tasks with the right lead, bases, budget lines, findings] found, and false findings. */
const floors: Record<string, [number, number, number, number, number, number]> = {
  '000': [0, 6, 2, 10, 3, 0],
  '001': [37, 76, 1, 0, 0, 0],
  '002': [32, 53, 4, 0, 0, 0],
  '003': [5, 29, 6, 1, 3, 0],
  '004': [0, 50, 1, 0, 1, 0],
};

test.each(scores.map((s): [string, SeedScore] => [s.seed, s]))('%s', (_seed, score) => {
  const [targets, tasks, bases, budgetLines, findings, falseFindings] =
    floors[score.seed.slice(0, 3)]!;
  expect(score.targets.found).toBeGreaterThanOrEqual(targets);
  expect(score.tasks.rightLead).toBeGreaterThanOrEqual(tasks);
  expect(score.bases.found).toBeGreaterThanOrEqual(bases);
  expect(score.budgetLines.found).toBeGreaterThanOrEqual(budgetLines);
  expect(score.findings.found).toBeGreaterThanOrEqual(findings);
  expect(score.findings.falseFindings).toBeLessThanOrEqual(falseFindings);
  // What the reader adds beyond the clerk's reading stays small.
  expect(score.targets.extra).toBeLessThanOrEqual(Math.max(2, score.targets.present / 10));
  expect(score.tasks.extra).toBeLessThanOrEqual(Math.max(3, score.tasks.present / 10));
});

test('every seed together: most of what a clerk finds', () => {
  const sum = (f: (s: SeedScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  expect(sum((s) => s.targets.found) / sum((s) => s.targets.present)).toBeGreaterThan(0.95);
  expect(sum((s) => s.tasks.rightLead) / sum((s) => s.tasks.present)).toBeGreaterThan(0.9);
  expect(sum((s) => s.bases.found)).toBe(sum((s) => s.bases.present));
});
