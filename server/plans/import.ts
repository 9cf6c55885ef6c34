// importPlanText: a plan's text read into a draft (reading/), its agencies matched to the org
// tree of the province that issued it, and, unless it is a dry run, saved as a DRAFT plan for a
// clerk to review. The text itself is kept with the plan (sourceText), so nothing written in it
// is lost when the reader misses something, and the review checks can point at its lines.
import { randomUUID } from 'node:crypto';
import type { ActivityKind, Org, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { searchTextOf } from '../../shared/text/fold.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput } from '../graphql/errors.ts';
import { matchOrgName, orgGroupOf, orgIndex, type OrgIndex } from '../orgs/match.ts';
import { knownDocumentOf } from './reading/catalogue.ts';
import { readPlan, type PlanReading } from './reading/read-plan.ts';
import { splitAgencies, type TaskDraft } from './reading/tasks.ts';

/** A plan's text is tens of kilobytes; a megabyte is a pasted file, not a plan. */
export const MAX_PLAN_TEXT = 1_000_000;

export interface DraftTask extends TaskDraft {
  /** The lead agency in the org tree: the first of several leading jointly. */
  leadOrg: Org | null;
  /** Every lead matched, when several lead jointly ("Sở Kế hoạch và Đầu tư, Sở Tài chính"). */
  leadOrgs: Org[];
}

/** The agencies a lead name stands for: one name, or several written together. */
function matchLeads(name: string, index: OrgIndex<Org>): Org[] {
  const whole = matchOrgName(name, index);
  if (whole) return [whole];
  const parts = splitAgencies(name);
  if (parts.length < 2) return [];
  return parts.map((p) => matchOrgName(p, index)).filter((o): o is Org => o !== null);
}

export interface PlanImport {
  draft: Omit<PlanReading, 'tasks' | 'findings'> & { tasks: DraftTask[] };
  findings: PlanReading['findings'];
  planId: string | null;
}

/** The orgs a plan's agencies are matched against: its issuer's province and the ministries. */
async function candidateOrgs(
  prisma: Pick<PrismaClient, 'org'>,
  issuerName: string | null,
): Promise<{ index: OrgIndex<Org>; issuer: Org | null; province: Org | null }> {
  const all = await prisma.org.findMany({ orderBy: { path: 'asc' } });
  const issuer = issuerName ? matchOrgName(issuerName, orgIndex(all)) : null;
  const rootCode = issuer?.path.split('/').filter(Boolean)[0];
  const province = rootCode ? (all.find((o) => o.code === rootCode) ?? null) : null;
  const scope = province
    ? all.filter((o) => o.path.startsWith(province.path) || o.level === 'CENTRAL')
    : all;
  return { index: orgIndex(scope), issuer, province };
}

const ACTIVITY_KINDS: [RegExp, ActivityKind][] = [
  [/tham quan|học tập kinh nghiệm|đoàn công tác/iu, 'STUDY_TOUR'],
  [/hội thảo|tọa đàm/iu, 'WORKSHOP'],
  [/hội nghị|tuần lễ|ngày hội/iu, 'CONFERENCE'],
  [/triển lãm/iu, 'EXHIBITION'],
  [/cuộc thi|hội thi/iu, 'CONTEST'],
  [/chiến dịch|ra quân/iu, 'CAMPAIGN'],
];

function activityKind(title: string): ActivityKind {
  return ACTIVITY_KINDS.find(([re]) => re.test(title))?.[1] ?? 'OTHER';
}

export function validatePlanText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw badInput('Văn bản kế hoạch trống.');
  if (text.length > MAX_PLAN_TEXT) {
    throw badInput(
      `Văn bản dài ${text.length.toLocaleString('vi-VN')} ký tự, quá giới hạn ${MAX_PLAN_TEXT.toLocaleString('vi-VN')} ký tự của một kế hoạch.`,
    );
  }
  return text;
}

export async function importPlanText(
  ctx: Context,
  text: string,
  dryRun: boolean,
): Promise<PlanImport> {
  const reading = readPlan(validatePlanText(text));
  // A short or unusual plan is still read: only a text with nothing of a plan in it is refused.
  const planLike =
    reading.title ||
    reading.number ||
    reading.sections.length ||
    reading.bases.length ||
    reading.targets.length ||
    reading.tasks.length;
  if (!planLike) {
    throw badInput(
      'Không đọc được văn bản này như một kế hoạch: không thấy trích yếu hay đề mục (I., 1., a)) nào.',
    );
  }
  const { index, issuer, province } = await candidateOrgs(ctx.prisma, reading.issuerName);
  const tasks = reading.tasks.map((t) => {
    const leadOrgs = t.leadOrgName ? matchLeads(t.leadOrgName, index) : [];
    return { ...t, leadOrgs, leadOrg: leadOrgs[0] ?? null };
  });
  const { findings, ...rest } = reading;
  const draft = { ...rest, tasks };
  if (dryRun) return { draft, findings, planId: null };

  const planId = await ctx.prisma.$transaction((tx) =>
    // The text is kept as read: in Unicode, whatever encoding it arrived in.
    saveDraft(tx, ctx, reading.text, draft, { index, issuer, province }),
  );
  return { draft, findings, planId };
}

async function saveDraft(
  tx: Prisma.TransactionClient,
  ctx: Context,
  text: string,
  draft: PlanImport['draft'],
  orgs: { index: OrgIndex<Org>; issuer: Org | null; province: Org | null },
): Promise<string> {
  const title = draft.title ?? 'Kế hoạch (chưa đọc được trích yếu)';
  const plan = await tx.document.create({
    data: {
      key: `IMPORT-${randomUUID()}`,
      kind: 'PLAN',
      status: 'DRAFT',
      number: draft.number,
      title,
      issuedOn: draft.issuedOn ? new Date(`${draft.issuedOn}T00:00:00Z`) : null,
      place: draft.place,
      issuerId: orgs.issuer?.id,
      issuerName: draft.issuerName,
      statedBudgetTotal: draft.budget.total !== null ? BigInt(draft.budget.total) : null,
      statedBudgetTotalInWords: draft.budget.totalInWords,
      source: 'Nhập từ văn bản (importPlanText)',
      sourceText: text,
      searchText: searchTextOf(draft.number, title, draft.place, draft.issuerName),
    },
  });
  const planId = plan.id;
  await tx.planSection.createMany({
    data: draft.sections.map((s, i) => ({
      documentId: planId,
      number: s.number,
      heading: s.heading,
      sortOrder: i,
      depth: /^[IVXLC]+$/u.test(s.number) ? 0 : s.number.split('.').length,
    })),
  });
  await tx.target.createMany({
    data: draft.targets.map((t, i) => ({
      planId,
      code: `CT${i + 1}`,
      statement: t.statement,
      metric: t.metric,
      unit: t.unit,
      comparator: t.comparator,
      value: t.value,
      valueMax: t.valueMax,
      targetYear: t.targetYear,
      level: t.level,
      sortOrder: i,
    })),
  });
  const codes = new Set<string>();
  for (const [i, t] of draft.tasks.entries()) {
    // The plan's own numbering where it has one and it is unique, else the order read.
    const code = t.code && !codes.has(t.code) ? t.code : `NV${i + 1}`;
    codes.add(code);
    const group = t.leadOrg || !t.leadOrgName ? null : orgGroupOf(t.leadOrgName);
    await tx.task.create({
      data: {
        planId,
        code,
        title: t.title,
        leadName: t.leadOrgName,
        leadOrgId: t.leadOrg?.id,
        sortOrder: i,
        assignments: {
          create: [
            ...(t.leadOrgs.length > 1
              ? t.leadOrgs.map((org) => ({
                  role: 'LEAD' as const,
                  orgId: org.id,
                  nameAsWritten: t.leadOrgName,
                }))
              : t.leadOrgName
                ? [
                    {
                      role: 'LEAD' as const,
                      orgId: t.leadOrg?.id,
                      groupKind: group?.kind,
                      groupLevel: group?.level,
                      groupWithinId: group ? orgs.province?.id : undefined,
                      nameAsWritten: t.leadOrgName,
                    },
                  ]
                : []),
            ...t.coordinatingOrgNames.map((name) => ({
              role: 'COORDINATING' as const,
              orgId: matchOrgName(name, orgs.index)?.id,
              nameAsWritten: name,
            })),
          ],
        },
      },
    });
  }
  await tx.budgetLine.createMany({
    data: draft.budget.lines.map((l, i) => ({
      documentId: planId,
      description: l.description,
      factors: l.factors.map((quantity) => ({ quantity })),
      amount: BigInt(Math.round(l.amount)),
      sortOrder: i,
    })),
  });
  await tx.documentDeadline.createMany({
    data: draft.deadlines.map((d, i) => ({
      documentId: planId,
      date: new Date(`${d.date}T00:00:00Z`),
      text: d.text,
      sortOrder: i,
    })),
  });
  const { window, items, statedHeadcount } = draft.schedule;
  if (window || items.length) {
    // The plan's activity (a study tour, a conference …) with its stated dates and schedule.
    await tx.activity.create({
      data: {
        documentId: planId,
        key: 'A1',
        title,
        kind: activityKind(title),
        startDate: window ? new Date(`${window.from}T00:00:00Z`) : null,
        endDate: window ? new Date(`${window.to}T00:00:00Z`) : null,
        statedHeadcount,
        schedule: {
          create: items.map((item, i) => ({
            date: new Date(`${item.date}T00:00:00Z`),
            weekdayText: item.weekdayText,
            startTime: item.startTime,
            endTime: item.endTime,
            description: item.description,
            sortOrder: i,
          })),
        },
      },
    });
  }
  // Bases already in the system are linked — by their number, or as the known document a slip
  // or a law cited by name stands for; the others stay in the kept text.
  const numbers = draft.bases
    .flatMap((b) => [b.number, knownDocumentOf(b)?.known.number])
    .filter((n): n is string => Boolean(n));
  const known = numbers.length
    ? await tx.document.findMany({ where: { number: { in: numbers } }, select: { id: true } })
    : [];
  await tx.documentReference.createMany({
    data: known.map((d) => ({ fromId: planId, toId: d.id, kind: 'BASIS' as const })),
    skipDuplicates: true,
  });
  await recordAudit(tx, ctx, {
    action: 'plan.import',
    entityType: 'Document',
    entityId: planId,
    details: {
      targets: draft.targets.length,
      tasks: draft.tasks.length,
      budgetLines: draft.budget.lines.length,
    },
  });
  return planId;
}
