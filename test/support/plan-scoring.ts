// Scores the plan reader against the hand-written readings in test/fixtures/plan-import: item by
// item, a found target must carry the same value, level and year as one the clerk wrote down and
// quote the same words; a task counts when its text matches and its lead agency is the same
// agency (however abbreviated); a basis by its number (by its words when it has none). Findings
// the clerk did not write down are counted as false. The same scoring runs on the corpus of real
// plans from other provinces (test/fixtures/plan-import/corpus) with their heading fields, per
// layout, and on the documents added last alone: the leave-out figure, how the reader does on
// documents it was not tuned on. Run alone (`npx tsx test/support/plan-scoring.ts [--corpus]`)
// it prints the tables.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPlan, type PlanReading } from '../../server/plans/reading/read-plan.ts';
import { logicalLines } from '../../server/plans/reading/text.ts';
import { orgNameKey } from '../../server/orgs/match.ts';
import { searchTokens } from '../../shared/text/fold.ts';

interface ExpectedReading {
  number?: string | null;
  issuedOn?: string | null;
  issuerName?: string | null;
  bases: { number: string | null; issuedOn?: string | null; quote: string }[];
  targets: {
    quote: string;
    value: number | null;
    valueMax: number | null;
    targetYear: number | null;
    level: string | null;
  }[];
  tasks: { quote: string; leadOrgName: string | null }[];
  budget?: { lines: { quote: string; amount: number | null }[] } | null;
  findings: { quote: string; what: string }[];
  /** Corpus documents: how the text is laid out ("portal-table", "bases-section", …). */
  layouts?: string[];
  province?: string;
  level?: string;
  kind?: string;
  year?: number;
  source?: { url: string; portal: string };
}

/** Found of present, and what the reader added that the clerk did not write down. */
export interface Tally {
  found: number;
  present: number;
  extra: number;
}

export interface SeedScore {
  seed: string;
  /** Heading fields the clerk wrote down, and how many the reader got right. */
  heading: { right: number; present: number; wrong: string[] };
  targets: Tally;
  tasks: { rightLead: number; matched: number; present: number; extra: number };
  bases: Tally & { rightDate: number };
  budgetLines: { found: number; present: number };
  findings: { found: number; present: number; falseFindings: number };
  layouts: string[];
  /** Corpus documents: where and what they are. */
  about: { province?: string; level?: string; kind?: string; year?: number; site?: string };
  reading: PlanReading;
  /** What the reader missed, for working on it. */
  missed: {
    targets: string[];
    tasks: string[];
    bases: string[];
    findings: string[];
    extraTasks: string[];
    extraBases: string[];
    falseFindings: string[];
  };
}

const fixtures = fileURLToPath(new URL('../fixtures/plan-import/', import.meta.url));
const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const corpus = `${fixtures}corpus/`;

const expectedIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.replace('.expected.json', '.txt'))
    .sort();

/** The five seeds the reader was built on. */
export const seedFiles = (): string[] => expectedIn(fixtures);

/** The corpus of real plans, in the order they were added (their number). */
export const corpusFiles = (): string[] => expectedIn(corpus);

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

/** Scores one seed (by file name) or corpus document (`corpus/<file>`). */
export function scoreSeed(file: string): SeedScore {
  const inCorpus = file.startsWith('corpus/');
  const text = readFileSync(inCorpus ? `${fixtures}${file}` : `${seeds}${file}`, 'utf8');
  const expected = JSON.parse(
    readFileSync(`${fixtures}${file.replace('.txt', '.expected.json')}`, 'utf8'),
  ) as ExpectedReading;
  const reading = readPlan(text);

  const heading = { right: 0, present: 0, wrong: [] as string[] };
  const checkField = (name: string, want: string | null | undefined, got: string | null) => {
    if (want === undefined) return;
    heading.present++;
    const same =
      name === 'issuerName' && want && got ? orgNameKey(want) === orgNameKey(got) : want === got;
    if (same) heading.right++;
    else heading.wrong.push(`${name}: ${JSON.stringify(want)} ≠ ${JSON.stringify(got)}`);
  };
  checkField('number', expected.number, reading.number);
  checkField('issuedOn', expected.issuedOn, reading.issuedOn);
  checkField('issuerName', expected.issuerName, reading.issuerName);

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
  // A finding is true when it points at the line a clerk's finding quotes (its first line, for a
  // quote that runs over several).
  const lineText = new Map(logicalLines(text).map((l) => [l.line, l.text]));
  const findings = pair(expected.findings, reading.findings, (e, f) =>
    f.line !== null && covers(lineText.get(f.line) ?? '', e.quote.split('\n')[0]!) >= 0.8 ? 1 : 0,
  );
  const trueLines = new Set(
    [...findings.values()].map((f) => f.line).filter((l): l is number => l !== null),
  );
  // Several findings on a line a clerk flagged (one per schedule day) are not false.
  const falseFindings = reading.findings.filter((f) => f.line === null || !trueLines.has(f.line));
  const foundBases = new Set(bases.values());
  return {
    seed: file,
    heading,
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
      rightDate: [...bases].filter(
        ([e, f]) => e.issuedOn === undefined || e.issuedOn === f.issuedOn,
      ).length,
    },
    budgetLines: { found: budgetLines.size, present: expected.budget?.lines.length ?? 0 },
    findings: {
      found: findings.size,
      present: expected.findings.length,
      falseFindings: falseFindings.length,
    },
    layouts: expected.layouts ?? [],
    about: {
      province: expected.province,
      level: expected.level,
      kind: expected.kind,
      year: expected.year,
      site: expected.source?.portal,
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
      extraBases: reading.bases
        .filter((f) => !foundBases.has(f))
        .map((f) => `${f.line} ${f.number} ${f.title}`),
      falseFindings: falseFindings.map((f) => `${f.line} ${f.message}`),
    },
  };
}

export const scoreCorpus = (): SeedScore[] => corpusFiles().map((f) => scoreSeed(`corpus/${f}`));

export function scoreTable(scores: SeedScore[]): string {
  const rows = scores.map(
    (s) =>
      `| ${s.seed.replace(/^corpus\//, '').slice(0, 3)} | ${s.targets.found}/${s.targets.present} (+${s.targets.extra}) | ${s.tasks.rightLead}/${s.tasks.present} (text ${s.tasks.matched}, +${s.tasks.extra}) | ${s.bases.found}/${s.bases.present} (+${s.bases.extra}) | ${s.budgetLines.found}/${s.budgetLines.present} | ${s.findings.found}/${s.findings.present} | ${s.findings.falseFindings} |`,
  );
  return [
    '| seed | targets found/present (+extra) | tasks right lead/present (text found, +extra) | bases found/present (+extra) | budget lines | findings found/present | false findings |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Sums over documents: per field, found of present and the reader's extra items. */
export interface Totals {
  documents: number;
  heading: Tally;
  bases: Tally & { rightDate: number };
  targets: Tally;
  taskLeads: Tally;
  findings: Tally;
}

export function totals(scores: SeedScore[]): Totals {
  const sum = (f: (s: SeedScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  return {
    documents: scores.length,
    heading: {
      found: sum((s) => s.heading.right),
      present: sum((s) => s.heading.present),
      extra: 0,
    },
    bases: {
      found: sum((s) => s.bases.found),
      present: sum((s) => s.bases.present),
      extra: sum((s) => s.bases.extra),
      rightDate: sum((s) => s.bases.rightDate),
    },
    targets: {
      found: sum((s) => s.targets.found),
      present: sum((s) => s.targets.present),
      extra: sum((s) => s.targets.extra),
    },
    taskLeads: {
      found: sum((s) => s.tasks.rightLead),
      present: sum((s) => s.tasks.present),
      extra: sum((s) => s.tasks.extra),
    },
    findings: {
      found: sum((s) => s.findings.found),
      present: sum((s) => s.findings.present),
      extra: sum((s) => s.findings.falseFindings),
    },
  };
}

/** Share found, 1 when there was nothing to find. */
export const share = (t: Tally): number => (t.present ? t.found / t.present : 1);

const cell = (t: Tally) =>
  `${t.found}/${t.present} (${(share(t) * 100).toFixed(1)} %)${t.extra ? ` +${t.extra}` : ''}`;

/** How many documents the leave-out figure is taken on: the ones added last. */
export const LEAVE_OUT = 10;

/** The corpus by field: all documents, per layout, and the documents added last. */
export function corpusTable(scores: SeedScore[]): string {
  const rows: [string, SeedScore[]][] = [['all documents', scores]];
  const layouts = [...new Set(scores.flatMap((s) => s.layouts))].sort();
  for (const layout of layouts) {
    rows.push([`layout ${layout}`, scores.filter((s) => s.layouts.includes(layout))]);
  }
  rows.push([`the last ${LEAVE_OUT} added`, scores.slice(-LEAVE_OUT)]);
  return [
    '| documents | n | heading fields | bases (+false) | basis dates | targets (+extra) | task leads (+extra) | findings (+false) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(([name, group]) => {
      const t = totals(group);
      return `| ${name} | ${t.documents} | ${cell(t.heading)} | ${cell(t.bases)} | ${t.bases.rightDate}/${t.bases.found} | ${cell(t.targets)} | ${cell(t.taskLeads)} | ${cell(t.findings)} |`;
    }),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const onCorpus = process.argv.includes('--corpus');
  const scores = onCorpus ? scoreCorpus() : seedFiles().map(scoreSeed);
  console.log(scoreTable(scores));
  if (onCorpus) console.log(`\n${corpusTable(scores)}`);
  // --missed <file prefix> <what>: the items the reader missed, to work on them.
  const at = process.argv.indexOf('--missed');
  if (at > 0) {
    const prefix = process.argv[at + 1] ?? '';
    const what = process.argv[at + 2] ?? 'targets';
    for (const s of scores.filter((x) => x.seed.replace(/^corpus\//, '').startsWith(prefix))) {
      const items =
        what === 'heading' ? s.heading.wrong : s.missed[what as keyof SeedScore['missed']];
      for (const m of items) console.log(`${s.seed}: ${m.slice(0, 300)}`);
    }
  }
}
