// Opening a report request: the period (Nghị định 09 arithmetic, or explicit dates for ad-hoc
// and thematic reports), the deadline (optionally one per recipient level), and the recipients —
// named agencies and groups ("all departments and all district committees of Nghệ An") — that
// exist when their report is due (reach.ts: a named agency that does not is refused, a group
// leaves it out). The seed loader and recurring schedules open requests through the same
// functions.
import { approvalRequirement, type ApprovalRequirement } from '../../shared/reporting/approval.ts';
import type { AdminLevel, OrgKind, Prisma, ReportRequest } from '../../generated/prisma/client.ts';
import {
  PeriodError,
  reportingPeriod,
  proposedDeadline,
  type Period,
  type PeriodInput,
} from '../../shared/reporting/period.ts';
import { canConsolidate } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { orgsInGroup, type OrgGroup } from '../orgs/groups.ts';
import { notExistingMessage, reaches, type NamedOrg, type ReachTime } from './reach.ts';
import { createDefaultRules } from '../reminders/manage.ts';
import { formatVietnamDay, vietnamDay } from '../../shared/time/vietnam.ts';

type Tx = Prisma.TransactionClient;

const isoDay = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The stored period for the computed one (periods are shared by the requests of a kind). */
export async function findOrCreatePeriod(tx: Tx, p: Period) {
  const key = {
    kind: p.kind,
    year: p.year,
    number: p.number,
    start: isoDay(p.start),
    end: isoDay(p.end),
  };
  const existing = await tx.reportingPeriod.findUnique({
    where: { kind_year_number_start_end: key },
  });
  if (existing) return existing;
  return tx.reportingPeriod.create({
    data: {
      ...key,
      label: p.label,
      cutoffStart: isoDay(p.cutoffStart),
      cutoffEnd: isoDay(p.cutoffEnd),
    },
  });
}

export interface RecipientGroupSpec {
  kind?: OrgKind | null;
  level?: AdminLevel | null;
  withinOrgId?: string | null;
}

export interface Recipient extends NamedOrg {
  path: string;
}

/**
 * Named agencies and groups, as the distinct agencies they stand for, in tree order: those that
 * exist at the time given (reach.ts). Named agencies that do not are returned apart, for the
 * caller to refuse (opening a request) or leave out (a schedule named them before a change).
 */
export async function expandRecipients(
  tx: Pick<Tx, 'org'>,
  orgIds: string[],
  groups: RecipientGroupSpec[],
  when: ReachTime,
): Promise<{ recipients: Recipient[]; notExisting: Recipient[] }> {
  const named = await tx.org.findMany({
    where: { id: { in: orgIds } },
    select: { id: true, path: true, name: true, level: true, validFrom: true, validTo: true },
  });
  const missing = orgIds.filter((id) => !named.some((o) => o.id === id));
  if (missing.length) throw badInput(`Không có đơn vị ${missing.join(', ')}.`);
  const all = new Map<string, Recipient>();
  const notExisting: Recipient[] = [];
  for (const o of named) {
    if (reaches(o, when)) all.set(o.id, o);
    else notExisting.push(o);
  }
  for (const g of groups) {
    for (const o of await orgsInGroup(tx, g as OrgGroup, (m) => reaches(m, when))) all.set(o.id, o);
  }
  const byPath = (a: Recipient, b: Recipient) => (a.path < b.path ? -1 : 1);
  return { recipients: [...all.values()].sort(byPath), notExisting: notExisting.sort(byPath) };
}

export interface RequestSpec {
  key?: string;
  templateId: string;
  planId?: string | null;
  period: Period;
  kind: 'PERIODIC' | 'THEMATIC' | 'AD_HOC';
  title: string;
  deadline: Date;
  levelDeadlines?: { level: AdminLevel; deadline: Date }[];
  consolidatorOrgId: string;
  scheduleId?: string | null;
  note?: string | null;
  /** What the agency's leader must do before a report is sent (signature implies approval). */
  requirement?: ApprovalRequirement;
  createdById?: string | null;
  status?: 'OPEN' | 'CLOSED';
  recipientOrgIds: string[];
  groups: RecipientGroupSpec[];
  /**
   * Named agencies that do not exist at the deadline are refused (a person chose them); a
   * recurring schedule, whose list may predate a change, leaves them out instead.
   */
  leaveOutNotExisting?: boolean;
}

/** Creates the request with its recipients; refuses a request that would reach nobody. */
export async function createRequest(
  tx: Tx,
  spec: RequestSpec,
): Promise<{ request: ReportRequest; recipients: Recipient[] }> {
  const when: ReachTime = {
    request: { deadline: spec.deadline, deadlines: spec.levelDeadlines ?? [] },
  };
  const { recipients, notExisting } = await expandRecipients(
    tx,
    spec.recipientOrgIds,
    spec.groups,
    when,
  );
  if (notExisting.length && !spec.leaveOutNotExisting) {
    throw badInput(await notExistingMessage(tx, notExisting, when));
  }
  const period = await findOrCreatePeriod(tx, spec.period);
  if (!recipients.length) {
    const why = spec.groups.length
      ? ` (không đơn vị nào trong các nhóm đã chọn hoạt động vào hạn gửi ${formatVietnamDay(vietnamDay(spec.deadline))})`
      : '';
    throw badInput(`Yêu cầu báo cáo chưa có đơn vị nào phải báo cáo${why}.`);
  }
  const request = await tx.reportRequest.create({
    data: {
      key: spec.key,
      templateId: spec.templateId,
      planId: spec.planId ?? undefined,
      periodId: period.id,
      kind: spec.kind,
      title: spec.title,
      deadline: spec.deadline,
      status: spec.status ?? 'OPEN',
      consolidatorOrgId: spec.consolidatorOrgId,
      scheduleId: spec.scheduleId ?? undefined,
      note: spec.note ?? undefined,
      requiresApproval: spec.requirement?.requiresApproval ?? false,
      requiresSignature: spec.requirement?.requiresSignature ?? false,
      createdById: spec.createdById ?? undefined,
      deadlines: { create: spec.levelDeadlines ?? [] },
      recipients: { create: recipients.map((o) => ({ orgId: o.id })) },
      groups: {
        create: spec.groups.map((g) => ({
          kind: g.kind,
          level: g.level,
          withinOrgId: g.withinOrgId,
        })),
      },
    },
  });
  // Reminders from the start: −3, 0, +1, +3 days (server/reminders/rules.ts), changed later by
  // the consolidator.
  await createDefaultRules(tx, request.id);
  return { request, recipients };
}

export interface OpenReportRequestInput {
  templateId: string;
  planId?: string | null;
  title: string;
  kind?: 'PERIODIC' | 'THEMATIC' | 'AD_HOC' | null;
  period: PeriodInput;
  deadline: string;
  recipientOrgIds?: string[] | null;
  recipientGroups?: RecipientGroupSpec[] | null;
  levelDeadlines?: { level: AdminLevel; deadline: string }[] | null;
  note?: string | null;
  /** Unset: the template's defaults. */
  requiresApproval?: boolean | null;
  requiresSignature?: boolean | null;
}

/** An ISO 8601 instant a person typed, or a BAD_USER_INPUT naming the field. */
export function instant(text: string, what: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(at.getTime())) {
    throw badInput(
      `${what} "${text}" không hợp lệ: ghi theo ISO 8601, ví dụ 2023-08-20T17:00:00+07:00.`,
    );
  }
  return at;
}

function periodOf(input: PeriodInput): Period {
  try {
    return reportingPeriod(input);
  } catch (error) {
    if (error instanceof PeriodError) throw badInput(error.message);
    throw error;
  }
}

function levelDeadlinesOf(
  input: { level: AdminLevel; deadline: string }[] | null | undefined,
): { level: AdminLevel; deadline: Date }[] {
  const levelDeadlines = (input ?? []).map((d) => ({
    level: d.level,
    deadline: instant(d.deadline, `Hạn gửi cho cấp ${d.level}`),
  }));
  if (new Set(levelDeadlines.map((d) => d.level)).size !== levelDeadlines.length) {
    throw badInput('Mỗi cấp chỉ có một hạn gửi.');
  }
  return levelDeadlines;
}

export interface RecipientPreviewResult {
  recipients: string[];
  outside: string[];
  /** Named agencies that do not exist at the deadline: opening would refuse them. */
  notExisting: string[];
}

/**
 * Who a request would reach, before it is opened: the consolidator sees the count, any agency
 * outside its scope and any named agency that does not exist at the deadline, while choosing.
 * Same expansion as opening (at the deadline given, else the one the pane proposes), nothing
 * written.
 */
export async function previewRecipients(
  ctx: Context,
  input: {
    period: PeriodInput;
    deadline?: string | null;
    levelDeadlines?: { level: AdminLevel; deadline: string }[] | null;
    recipientOrgIds?: string[] | null;
    recipientGroups?: RecipientGroupSpec[] | null;
  },
): Promise<RecipientPreviewResult> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const p = periodOf(input.period);
  const deadline = input.deadline
    ? instant(input.deadline, 'Hạn gửi')
    : proposedDeadline(p.cutoffEnd);
  const levelDeadlines = levelDeadlinesOf(input.levelDeadlines);
  const { recipients, notExisting } = await expandRecipients(
    ctx.prisma,
    [...new Set(input.recipientOrgIds ?? [])],
    input.recipientGroups ?? [],
    { request: { deadline, deadlines: levelDeadlines } },
  );
  return {
    recipients: recipients.map((o) => o.id),
    outside: recipients.filter((o) => !canConsolidate(viewer, o.path)).map((o) => o.id),
    notExisting: notExisting.map((o) => o.id),
  };
}

/**
 * The consolidating department opens a request for agencies within its scope (a consolidator's
 * role is held over a subtree; the request is consolidated by the consolidator's own agency).
 */
export async function openReportRequest(
  ctx: Context,
  input: OpenReportRequestInput,
): Promise<ReportRequest> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const title = input.title.normalize('NFC').trim();
  if (!title) throw badInput('Yêu cầu báo cáo cần có tiêu đề.');
  if (title.length > 500) throw badInput('Tiêu đề dài quá 500 ký tự.');
  const period = periodOf(input.period);
  const deadline = instant(input.deadline, 'Hạn gửi');
  const levelDeadlines = levelDeadlinesOf(input.levelDeadlines);
  const recipientOrgIds = [...new Set(input.recipientOrgIds ?? [])];
  const groups = input.recipientGroups ?? [];
  if (!recipientOrgIds.length && !groups.length) {
    throw badInput(
      'Chọn đơn vị phải báo cáo: theo tên (recipientOrgIds) hoặc theo nhóm (recipientGroups).',
    );
  }
  const template = await ctx.prisma.reportTemplate.findUnique({ where: { id: input.templateId } });
  if (!template) throw notFound(`mẫu báo cáo ${input.templateId}`);
  if (template.status !== 'PUBLISHED') {
    throw badInput(`Mẫu báo cáo "${template.name}" chưa ban hành (phiên bản ${template.version}).`);
  }
  if (input.planId && !(await ctx.prisma.document.findUnique({ where: { id: input.planId } }))) {
    throw notFound(`kế hoạch ${input.planId}`);
  }
  return ctx.prisma.$transaction(async (tx) => {
    const { request, recipients } = await createRequest(tx, {
      templateId: template.id,
      planId: input.planId,
      period,
      kind: input.kind ?? (period.kind === 'AD_HOC' ? 'AD_HOC' : 'PERIODIC'),
      title,
      deadline,
      levelDeadlines,
      consolidatorOrgId: viewer.orgId,
      note: input.note?.trim() || null,
      requirement: approvalRequirement(input, template),
      createdById: viewer.userId,
      recipientOrgIds,
      groups,
    });
    // Throwing inside the transaction undoes the request: nothing is left half-opened.
    const outside = recipients.filter((o) => !canConsolidate(viewer, o.path));
    if (outside.length) {
      const names = outside.slice(0, 5).map((o) => o.name);
      const more = outside.length > 5 ? ` và ${outside.length - 5} đơn vị khác` : '';
      throw forbidden(
        `Không thể yêu cầu đơn vị ngoài phạm vi tổng hợp của bạn: ${names.join(', ')}${more}.`,
      );
    }
    await recordAudit(tx, ctx, {
      action: 'request.open',
      entityType: 'ReportRequest',
      entityId: request.id,
      details: { recipients: recipients.length, period: period.label },
    });
    return request;
  });
}
