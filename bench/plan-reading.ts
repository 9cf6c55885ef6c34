// How long the plan reader takes per document, on the five seeds (whole plans, 17–42 kB) and the
// corpus of real plan openings (test/fixtures/plan-import): median and slowest of the per-document
// medians, in ms. Part of `npm run bench`; alone: `npx tsx bench/plan-reading.ts`.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPlan } from '../server/plans/reading/read-plan.ts';

export interface PlanReadingFigures {
  documents: number;
  runs: number;
  /** Median over documents of each document's median reading time. */
  medianMs: number;
  /** The slowest document's median, and which it is. */
  slowestMs: number;
  slowest: string;
}

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

function texts(): [string, string][] {
  const seeds = readdirSync(`${fixtures}seeds`)
    .filter((f) => f.endsWith('.txt'))
    .map((f): [string, string] => [`seeds/${f}`, readFileSync(`${fixtures}seeds/${f}`, 'utf8')]);
  const corpus = readdirSync(`${fixtures}plan-import/corpus`)
    .filter((f) => f.endsWith('.txt'))
    .map((f): [string, string] => [
      `corpus/${f}`,
      readFileSync(`${fixtures}plan-import/corpus/${f}`, 'utf8'),
    ]);
  return [...seeds, ...corpus];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

export function measurePlanReading(runs: number): PlanReadingFigures {
  const documents = texts();
  // Warm the regular expressions and the catalogue once.
  for (const [, text] of documents) readPlan(text);
  const perDocument = documents.map(([name, text]) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      readPlan(text);
      times.push(performance.now() - start);
    }
    return { name, ms: median(times) };
  });
  const slowest = perDocument.reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    documents: documents.length,
    runs,
    medianMs: round(median(perDocument.map((d) => d.ms))),
    slowestMs: round(slowest.ms),
    slowest: slowest.name,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(measurePlanReading(Number(process.argv[2] ?? 20)), null, 2));
}
