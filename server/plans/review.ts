// The review checks on a stored plan (Plan.findings): the same rules as on imported text, run on
// what is stored now — budget lines and totals, deadlines against the issue date, targets over the
// years, and each activity's schedule and delegation. A plan imported from text also gets the
// checks only its text can answer (weekdays written next to dates, the outline's labels), each
// with its line; stored values stand for themselves and carry no line.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import {
  basisFindings,
  budgetFindings,
  dateWordFindings,
  doubledWordFindings,
  ownNumberFindings,
  deadlineFindings,
  headcountFinding,
  outlineFindings,
  scheduleFindings,
  targetFindings,
  weekdayFinding,
  weekdayFindings,
  weekdayOf,
  scheduleWindowFindings,
  delegationFindings,
  resultsBeforeEndFindings,
  type Finding,
} from './reading/findings.ts';
import { readBases } from './reading/bases.ts';
import { readHeader } from './reading/header.ts';
import { logicalLines } from './reading/text.ts';

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Quantities kept with a budget line: [{"quantity":22,"unit":"người"}]. */
function quantities(factors: unknown): number[] {
  if (!Array.isArray(factors)) return [];
  return factors
    .map((f) => (f && typeof f === 'object' ? (f as { quantity?: unknown }).quantity : null))
    .filter((q): q is number => typeof q === 'number');
}

export async function storedPlanFindings(
  prisma: Pick<PrismaClient, 'document'>,
  planId: string,
): Promise<Finding[]> {
  const plan = await prisma.document.findUnique({
    where: { id: planId },
    include: {
      budgetLines: { orderBy: { sortOrder: 'asc' } },
      deadlines: { orderBy: { sortOrder: 'asc' } },
      targets: { orderBy: { sortOrder: 'asc' } },
      activities: {
        orderBy: { sortOrder: 'asc' },
        include: { schedule: { orderBy: { sortOrder: 'asc' } }, participants: true },
      },
    },
  });
  if (!plan) return [];
  const out: Finding[] = [];

  out.push(
    ...budgetFindings({
      lines: plan.budgetLines.map((l) => {
        const q = quantities(l.factors);
        return {
          description: l.description,
          factors: l.unitPrice !== null ? [...q, Number(l.unitPrice)] : q,
          amount: Number(l.amount),
          line: null,
        };
      }),
      total: plan.statedBudgetTotal !== null ? Number(plan.statedBudgetTotal) : null,
      totalLine: null,
      totalInWords: plan.statedBudgetTotalInWords,
      totalInWordsLine: null,
    }),
  );
  out.push(
    ...deadlineFindings(
      plan.deadlines.map((d) => ({ date: iso(d.date)!, text: d.text, line: null })),
      iso(plan.issuedOn),
    ),
  );
  out.push(...targetFindings(plan.targets.map((t) => ({ ...t, line: null }))));

  // Results are due after the plan's activities end: the span from the first start to the last end.
  const starts = plan.activities.map((a) => iso(a.startDate)).filter((d): d is string => !!d);
  const ends = plan.activities.map((a) => iso(a.endDate)).filter((d): d is string => !!d);
  if (starts.length && ends.length) {
    out.push(
      ...resultsBeforeEndFindings(
        plan.deadlines.map((d) => ({ date: iso(d.date)!, text: d.text, line: null })),
        { from: starts.sort()[0]!, to: ends.sort().at(-1)!, line: null },
      ),
    );
  }
  // An imported plan is checked on its text, where each finding has its line; the activities
  // stored from that text would only repeat the same findings without one.
  for (const a of plan.sourceText ? [] : plan.activities) {
    // One check per day written: a day's several items share its weekday.
    const days = new Map(
      a.schedule.filter((s) => s.date).map((s) => [`${iso(s.date)}|${s.weekdayText}`, s]),
    );
    for (const item of days.values()) {
      const written = item.weekdayText ? weekdayOf(item.weekdayText) : null;
      const finding =
        item.date && written !== null ? weekdayFinding(iso(item.date)!, written, null) : null;
      if (finding) out.push(finding);
    }
    if (a.startDate && a.endDate) {
      out.push(
        ...scheduleWindowFindings(
          { from: iso(a.startDate)!, to: iso(a.endDate)!, line: null },
          a.schedule.filter((s) => s.date).map((s) => ({ date: iso(s.date)!, line: null })),
        ),
      );
    }
    if (a.statedHeadcount !== null && a.participants.length) {
      const counted = a.participants.reduce((sum, p) => sum + p.count, 0);
      const finding = headcountFinding(a.statedHeadcount, counted, null);
      if (finding) out.push(finding);
    }
  }

  if (plan.sourceText) {
    // Only the text knows the weekdays written in it, its schedule, its outline's labels and
    // how it cites its bases.
    const lines = logicalLines(plan.sourceText);
    const header = readHeader(lines);
    out.push(
      ...weekdayFindings(lines),
      ...scheduleFindings(lines),
      ...delegationFindings(lines),
      ...outlineFindings(lines, header.bodyStart),
      ...ownNumberFindings(lines, header),
      ...basisFindings(readBases(lines, header.bodyStart, header.number), header.issuedOn),
      ...dateWordFindings(lines),
      ...doubledWordFindings(lines),
    );
  }
  // Stored values first, then the text's findings in reading order.
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
