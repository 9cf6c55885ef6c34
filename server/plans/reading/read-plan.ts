// A plan's text read into a draft a clerk reviews before saving: the heading, legal bases,
// outline, targets, tasks with their lead agencies, budget and deadlines — and the review
// findings on it. Pure: matching agencies to the org tree and saving happen in import.ts.
import { readBudget, type BudgetDraft } from './budget.ts';
import { readDeadlines, readOutline, type DeadlineDraft, type SectionDraft } from './body.ts';
import { planYearOf, readTargets, type TargetDraft } from './targets.ts';
import { readTasks, type TaskDraft } from './tasks.ts';
import {
  ATTACHED_TO,
  attachmentFindings,
  basisFindings,
  budgetFindings,
  dateWordFindings,
  doubledWordFindings,
  deadlineFindings,
  delegationFindings,
  outlineFindings,
  ownNumberFindings,
  resultsBeforeEndFindings,
  scheduleFindings,
  targetFindings,
  weekdayFindings,
  type Finding,
} from './findings.ts';
import { readBases, type LegalBasis } from './bases.ts';
import { readHeader, type PlanHeader } from './header.ts';
import { readSchedule, type ScheduleDraft } from './schedule.ts';
import { ENCODING_NAME, toUnicode, type TextEncoding } from './encoding.ts';
import { logicalLines } from './text.ts';

export interface PlanReading extends Omit<PlanHeader, 'bodyStart'> {
  /** The text as read: in Unicode (NFC), whatever encoding it came in. */
  text: string;
  encoding: TextEncoding;
  bases: LegalBasis[];
  sections: SectionDraft[];
  targets: TargetDraft[];
  tasks: TaskDraft[];
  budget: BudgetDraft;
  deadlines: DeadlineDraft[];
  /** The activity's stated dates, schedule and delegation size, when the plan has them. */
  schedule: ScheduleDraft;
  findings: Finding[];
}

export function readPlan(written: string): PlanReading {
  // Old copies in TCVN3 (ABC) or VNI fonts, or decomposed Unicode: read as Unicode (NFC).
  const { text, from } = toUnicode(written);
  const lines = logicalLines(text);
  const read = readHeader(lines);
  // A copy that lost its "Số: …" line: the number as the appendices cite the plan.
  const cited = read.number ? null : lines.map((l) => ATTACHED_TO.exec(l.text)?.[1]).find(Boolean);
  const header = cited ? { ...read, number: cited.replace(/\s+/g, '') } : read;
  const { bodyStart, ...heading } = header;
  const sections = readOutline(lines, bodyStart);
  const targets = readTargets(lines, bodyStart, planYearOf(header.title));
  const budget = readBudget(lines);
  const deadlines = readDeadlines(lines, bodyStart);
  const schedule = readSchedule(lines);
  const bases = readBases(lines, header.bodyStart, header.number);
  const findings = [
    ...(from === 'UNICODE'
      ? []
      : [
          {
            line: 1,
            severity: 'INFO' as const,
            message: `Văn bản gõ bằng bảng mã ${ENCODING_NAME[from]}; đã chuyển sang Unicode dựng sẵn để đọc. Nên lưu lại bản Unicode.`,
          },
        ]),
    ...ownNumberFindings(lines, header),
    ...basisFindings(bases, header.issuedOn),
    ...dateWordFindings(lines),
    ...doubledWordFindings(lines),
    ...budgetFindings(budget),
    ...weekdayFindings(lines),
    ...scheduleFindings(lines),
    ...delegationFindings(lines),
    ...outlineFindings(lines, bodyStart),
    ...attachmentFindings(lines, header.number, header.issuedOn),
    ...deadlineFindings(deadlines, header.issuedOn),
    ...resultsBeforeEndFindings(deadlines, schedule.window),
    ...targetFindings(targets),
  ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    ...heading,
    text,
    encoding: from,
    bases,
    sections,
    targets,
    tasks: readTasks(lines, bodyStart),
    budget,
    deadlines,
    schedule,
    findings,
  };
}
