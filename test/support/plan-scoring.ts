// Scores the plan reader against the hand-written readings in test/fixtures/plan-import: item by
// item, a found target must carry the same value, level and year as one the clerk wrote down and
// quote the same words; a task counts when its text matches and its lead agency is the same
// agency (however abbreviated); a basis by its number. Findings the clerk did not write down are
// counted as false. Run alone (`npx tsx test/support/plan-scoring.ts`) it prints the table.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPlan, type PlanReading } from '../../server/plans/reading/read-plan.ts';
import { logicalLines } from '../../server/plans/reading/text.ts';
import { orgNameKey } from '../../server/orgs/match.ts';
import { searchTokens } from '../../shared/text/fold.ts';

interface ExpectedReading {
  seed: string;
  bases: { number: string | null; quote: string }[];
  targets: {
    quote: string;
    value: number | null;
    valueMax: number | null;
    targetYear: number | null;
    level: string | null;
  }[];
  tasks: { quote: string; leadOrgName: string | null }[];
  budget: { lines: { quote: string; amount: number | null }[] } | null;
  findings: { quote: string; what: string }[];
}

export interface SeedScore {
  seed: string;
  targets: { found: number; present: number; extra: number };
  tasks: { rightLead: number; matched: number; present: number; extra: number };
  bases: { found: number; present: number; extra: number };
  budgetLines: { found: number; present: number };
  findings: { found: number; present: number; falseFindings: number };
  reading: PlanReading;
  /** What the reader missed, for working on it. */
  missed: {
    targets: string[];
    tasks: string[];
    bases: string[];
    findings: string[];
    extraTasks: string[];
  };
}

const fixtures = fileURLToPath(new URL('../fixtures/plan-import/', import.meta.url));
const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

export const seedFiles = (): string[] =>
  readdirSync(fixtures)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.replace('.expected.json', '.txt'))
    .sort();

/** How much of the quote's words the text has (a clerk's quote may be cut short). */
function covers(text: string, quote: string): number {
  const words = searchTokens(quote);
  if (!words.length) return 0;
  const have = new Set(searchTokens(text));
  return words.filter((w) => have.has(w)).length / words.length;
}

const sameLead = (a: string | null, b: string | null) =>
  (a === null && b === null) || (a !== null && b !== null && orgNameKey(a) === orgNameKey(b));

/** Pairs each expected item with at most one found item, best first. */
function pair<E, F>(expected: E[], found: F[], fits: (e: E, f: F) => number): Map<E, F> {
  const out = new Map<E, F>();
  const used = new Set<F>();
  for (const e of expected) {
    let best: F | null = null;
    let bestFit = 0;
    for (const f of found) {
      if (used.has(f)) continue;
      const fit = fits(e, f);
      if (fit > bestFit) [best, bestFit] = [f, fit];
    }
    if (best !== null) {
      out.set(e, best);
      used.add(best);
    }
  }
  return out;
}

export function scoreSeed(file: string): SeedScore {
  const text = readFileSync(`${seeds}${file}`, 'utf8');
  const expected = JSON.parse(
    readFileSync(`${fixtures}${file.replace('.txt', '.expected.json')}`, 'utf8'),
  ) as ExpectedReading;
  const reading = readPlan(text);

  const targets = pair(expected.targets, reading.targets, (e, f) => {
    if (e.value !== f.value || (e.valueMax ?? null) !== f.valueMax) return 0;
    if (e.level !== f.level || e.targetYear !== f.targetYear) return 0;
    const fit = Math.max(covers(f.statement, e.quote), covers(e.quote, f.statement));
    return fit >= 0.5 ? fit : 0;
  });
  const tasks = pair(expected.tasks, reading.tasks, (e, f) => {
    const fit = Math.max(covers(f.title, e.quote), covers(e.quote, f.title));
    // Between two equally worded tasks, the one with the same lead.
    return fit >= 0.6 ? fit + (sameLead(e.leadOrgName, f.leadOrgName) ? 0.01 : 0) : 0;
  });
  const bases = pair(expected.bases, reading.bases, (e, f) =>
    e.number ? (e.number === f.number ? 1 : 0) : covers(f.title, e.quote) >= 0.6 ? 1 : 0,
  );
  const budgetLines = pair(expected.budget?.lines ?? [], reading.budget.lines, (e, f) =>
    e.amount === f.amount && covers(f.description, e.quote) >= 0.5 ? 1 : 0,
  );
  // A finding is true when it points at the line a clerk's finding quotes.
  const lineText = new Map(logicalLines(text).map((l) => [l.line, l.text]));
  const findings = pair(expected.findings, reading.findings, (e, f) =>
    f.line !== null && covers(lineText.get(f.line) ?? '', e.quote) >= 0.8 ? 1 : 0,
  );
  const trueLines = new Set(
    [...findings.values()].map((f) => f.line).filter((l): l is number => l !== null),
  );
  return {
    seed: file,
    targets: {
      found: targets.size,
      present: expected.targets.length,
      extra: reading.targets.length - targets.size,
    },
    tasks: {
      rightLead: [...tasks].filter(([e, f]) => sameLead(e.leadOrgName, f.leadOrgName)).length,
      matched: tasks.size,
      present: expected.tasks.length,
      extra: reading.tasks.length - tasks.size,
    },
    bases: {
      found: bases.size,
      present: expected.bases.length,
      extra: reading.bases.length - bases.size,
    },
    budgetLines: { found: budgetLines.size, present: expected.budget?.lines.length ?? 0 },
    findings: {
      found: findings.size,
      present: expected.findings.length,
      // Several findings on a line a clerk flagged (one per schedule day) are not false.
      falseFindings: reading.findings.filter((f) => f.line === null || !trueLines.has(f.line))
        .length,
    },
    reading,
    missed: {
      targets: expected.targets.filter((e) => !targets.has(e)).map((e) => JSON.stringify(e)),
      tasks: expected.tasks
        .filter((e) => !tasks.has(e) || !sameLead(e.leadOrgName, tasks.get(e)!.leadOrgName))
        .map((e) => `[${e.leadOrgName} | found ${tasks.get(e)?.leadOrgName}] ${e.quote}`),
      bases: expected.bases.filter((e) => !bases.has(e)).map((e) => JSON.stringify(e)),
      findings: expected.findings.filter((e) => !findings.has(e)).map((e) => e.quote),
      extraTasks: reading.tasks
        .filter((f) => ![...tasks.values()].includes(f))
        .map((f) => `${f.line} [${f.leadOrgName}] ${f.title}`),
    },
  };
}

export function scoreTable(scores: SeedScore[]): string {
  const rows = scores.map(
    (s) =>
      `| ${s.seed.slice(0, 3)} | ${s.targets.found}/${s.targets.present} (+${s.targets.extra}) | ${s.tasks.rightLead}/${s.tasks.present} (text ${s.tasks.matched}, +${s.tasks.extra}) | ${s.bases.found}/${s.bases.present} (+${s.bases.extra}) | ${s.budgetLines.found}/${s.budgetLines.present} | ${s.findings.found}/${s.findings.present} | ${s.findings.falseFindings} |`,
  );
  return [
    '| seed | targets found/present (+extra) | tasks right lead/present (text found, +extra) | bases found/present (+extra) | budget lines | findings found/present | false findings |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scores = seedFiles().map(scoreSeed);
  console.log(scoreTable(scores));
  // --missed <seed prefix> <what>: the items the reader missed, to work on them.
  const at = process.argv.indexOf('--missed');
  if (at > 0) {
    const s = scores.find((x) => x.seed.startsWith(process.argv[at + 1] ?? ''));
    const what = (process.argv[at + 2] ?? 'targets') as keyof SeedScore['missed'];
    for (const m of s?.missed[what] ?? []) console.log(m.slice(0, 300));
  }
}
