// How a column's values combine across agencies (the template says which rule): sums for counts,
// averages for rates, and so on. Plain arithmetic on canonical cell values, in two steps so that
// the database can do the first: a summary of the values (how many filled, how many numbers,
// their exact sum, least and greatest), which adds up across groups of agencies, then the rule
// applied to the summary. The whole consolidation summarises in JS (summarize), a page of it in
// SQL (SUMMARY_SQL); both end in aggregateSummary, so the rule is written once.
import type { Aggregate } from '../../shared/reporting/sheet.ts';
import { canonicalFromNumber } from '../../shared/cells/parse.ts';

/** Rounds away binary noise (0.1 + 0.2) without hiding real decimals. */
const tidy = (n: number) => Number(n.toPrecision(12));

/** A value that counts as a number for SUM, AVERAGE, MIN and MAX: a canonical decimal. */
export const NUMBER_PATTERN = '^-?[0-9]+(\\.[0-9]+)?$';
const NUMBER = new RegExp(NUMBER_PATTERN);
const isNumber = (v: string) => NUMBER.test(v);

/** What the rules need of a set of values; summaries of disjoint sets add up. */
export interface ValueSummary {
  /** Non-empty values, whatever their type. */
  filled: number;
  /** Values that are numbers (NUMBER_PATTERN). */
  numbers: number;
  /** Their exact sum, least and greatest, as decimal text; null when there are none. */
  sum: string | null;
  min: string | null;
  max: string | null;
}

/** Exact sum of decimal texts (no binary rounding, whatever the order). */
function exactSum(values: string[]): string {
  // Whole numbers add exactly as doubles while every partial sum stays a safe integer.
  let fast = 0;
  for (const v of values) {
    fast += Number(v);
    if (v.includes('.') || !Number.isSafeInteger(fast)) return decimalSum(values);
  }
  return String(fast);
}

function decimalSum(values: string[]): string {
  const scale = Math.max(0, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  const total = values.reduce((acc, v) => {
    const [whole, fraction = ''] = v.split('.');
    return acc + BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
  }, 0n);
  if (!scale) return total.toString();
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  return `${total < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export function summarize(values: (string | null)[]): ValueSummary {
  const filled = values.filter((v): v is string => v !== null && v !== '');
  const numbers = filled.filter(isNumber);
  const byValue = (a: string, b: string) => Number(a) - Number(b);
  const sorted = [...numbers].sort(byValue);
  return {
    filled: filled.length,
    numbers: numbers.length,
    sum: numbers.length ? exactSum(numbers) : null,
    min: sorted[0] ?? null,
    max: sorted[sorted.length - 1] ?? null,
  };
}

/** A text column `value` as a number where it is one (NUMBER_PATTERN), else NULL (SQL). */
export const NUMBER_SQL = (value: string) =>
  `CASE WHEN ${value} ~ '${NUMBER_PATTERN}' THEN ${value}::numeric END`;

/**
 * The summary of the non-null values of a text column `value`, whose number (NUMBER_SQL) is in
 * column `num`, as SQL select expressions named like ValueSummary's fields (aggregate functions:
 * use with GROUP BY).
 */
export const SUMMARY_SQL = (value: string, num: string) => `
  count(*) FILTER (WHERE ${value} <> '')::int AS "filled",
  count(${num})::int AS "numbers",
  sum(${num})::text AS "sum",
  min(${num})::text AS "min",
  max(${num})::text AS "max"`;

/** Summaries of groups added up (SQL, over columns named as SUMMARY_SQL names them). */
export const SUMMARIES_SQL = `
  sum("filled")::int AS "filled", sum("numbers")::int AS "numbers",
  sum("sum"::numeric)::text AS "sum", min("min"::numeric)::text AS "min",
  max("max"::numeric)::text AS "max"`;

/**
 * The rule applied to a summary, as a canonical string; null when nothing was reported (and for
 * LIST and NONE, which are not numbers: text is listed per agency instead). COUNT counts the
 * agencies that filled the cell, whatever its type.
 */
export function aggregateSummary(rule: Aggregate, s: ValueSummary): string | null {
  if (rule === 'COUNT') return s.filled ? String(s.filled) : null;
  if (rule === 'LIST' || rule === 'NONE') return null;
  if (!s.numbers || s.sum === null || s.min === null || s.max === null) return null;
  switch (rule) {
    case 'SUM':
      return canonicalFromNumber(tidy(Number(s.sum)));
    case 'AVERAGE':
      return canonicalFromNumber(tidy(Number(s.sum) / s.numbers));
    case 'MIN':
      return canonicalFromNumber(Number(s.min));
    case 'MAX':
      return canonicalFromNumber(Number(s.max));
  }
}

/** The aggregate of the non-empty values (see aggregateSummary). */
export function aggregateValues(rule: Aggregate, values: (string | null)[]): string | null {
  return aggregateSummary(rule, summarize(values));
}

/** Numeric rules roll up the org tree; COUNT too (it counts agencies beneath). */
export const rollsUp = (rule: Aggregate): boolean => rule !== 'LIST' && rule !== 'NONE';
