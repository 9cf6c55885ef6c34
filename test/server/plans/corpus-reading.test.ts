// The plan reader on real plans from other provinces (test/fixtures/plan-import/corpus): the
// openings of 60 plans and decisions from 48 provinces, each read by hand before the reader was
// changed for them. What a consolidator importing another province's plan needs: its number,
// date and issuer, every legal basis with its date, and no review finding a clerk would call
// false. The tables go to .tmp/plan-corpus-scores.md for the record.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  corpusTable,
  LEAVE_OUT,
  scoreCorpus,
  scoreTable,
  share,
  totals,
} from '../../support/plan-scoring.ts';

const scores = scoreCorpus();

afterAll(() => {
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/plan-corpus-scores.md', `${scoreTable(scores)}\n\n${corpusTable(scores)}\n`);
});

test('the corpus: 40+ documents from 25+ provinces and 5+ sites, 2020–2026, every level', () => {
  const kinds = (f: (s: (typeof scores)[number]) => unknown) => new Set(scores.map(f));
  expect(scores.length).toBeGreaterThanOrEqual(40);
  expect(kinds((s) => s.about.province).size).toBeGreaterThanOrEqual(25);
  expect(kinds((s) => s.about.site).size).toBeGreaterThanOrEqual(5);
  expect(kinds((s) => s.about.level)).toEqual(new Set(['PROVINCE', 'DISTRICT', 'COMMUNE']));
  expect([...kinds((s) => s.about.kind)]).toEqual(expect.arrayContaining(['PLAN', 'DECISION']));
  const years = scores.map((s) => s.about.year ?? 0);
  expect([Math.min(...years), Math.max(...years)]).toEqual([2020, 2026]);
});

test('bases: at least 95 % found, with their dates, and next to none invented', () => {
  const all = totals(scores);
  expect(share(all.bases)).toBeGreaterThanOrEqual(0.95);
  expect(all.bases.rightDate / all.bases.found).toBeGreaterThanOrEqual(0.95);
  expect(all.bases.extra).toBeLessThanOrEqual(Math.ceil(all.bases.present * 0.02));
});

test('number, date and issuer of each document: at least 95 % right', () => {
  expect(share(totals(scores).heading)).toBeGreaterThanOrEqual(0.95);
});

test('targets where the openings reach them, and no task or target read from preambles', () => {
  const all = totals(scores);
  expect(all.targets.present).toBeGreaterThan(0);
  expect(share(all.targets)).toBeGreaterThanOrEqual(0.95);
  expect(all.targets.extra).toBeLessThanOrEqual(Math.ceil(all.targets.present * 0.1));
  // The stored openings stop before any plan's task list (task leads are scored on the seeds):
  // what the reader takes for a task here is a preamble or a result read as a duty.
  expect(all.taskLeads.extra).toBe(0);
});

test('no review finding a clerk would call false', () => {
  const falseOnes = scores.flatMap((s) => s.missed.falseFindings.map((f) => `${s.seed}: ${f}`));
  expect(falseOnes).toEqual([]);
});

test(`the ${LEAVE_OUT} documents added last hold the same floor`, () => {
  expect(share(totals(scores.slice(-LEAVE_OUT)).bases)).toBeGreaterThanOrEqual(0.85);
});
