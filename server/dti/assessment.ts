// A province's DTI self-assessment for a year: the consolidating department opens it from a
// framework, and it becomes an ordinary report request (template generated from the framework)
// whose rows are routed, component by component, to the agency that owns each one. Who owns a
// component is the department's own mapping (DtiComponentOwner), else the province's agency whose
// name matches the framework's usual owner, else the department itself.
import type { Org, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { reportingPeriod } from '../../shared/reporting/period.ts';
import { STATE_LABEL } from '../../shared/reporting/status.ts';
import { canConsolidate, oversees } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { matchOrgName, orgIndex } from '../orgs/match.ts';
import { createRequest, instant } from '../requests/open.ts';
import { provinceOf } from '../consolidation/todays-structure.ts';
import { isUniqueViolation } from '../db/unique.ts';
import { existsOn } from '../orgs/validity.ts';
import { vietnamDay } from '../../shared/time/vietnam.ts';
import {
  DTI_TABLE,
  componentRowKey,
  ensureDtiTemplate,
  type TemplateFramework,
} from './template.ts';
import type { DtiScoring, DtiSource } from './framework-file.ts';
import { measuredByMinistry } from './score.ts';

type Tx = Prisma.TransactionClient;
type Db = Pick<PrismaClient, 'org' | 'dtiFramework' | 'dtiComponentOwner'> | Tx;

export interface FrameworkFacts extends TemplateFramework {
  id: string;
  level: string;
  maxPoints: number | null;
  componentCount: number | null;
  mainIndicators: (TemplateFramework['mainIndicators'][number] & {
    groupCode: string | null;
    groupName: string | null;
    componentCount: number | null;
  })[];
  components: (TemplateFramework['components'][number] & {
    id: string;
    usualOwner: string | null;
  })[];
}

/** A framework with its indicators, by code or id. */
export async function frameworkFacts(
  db: Db,
  where: { code: string } | { id: string },
): Promise<FrameworkFacts | null> {
  const f = await db.dtiFramework.findUnique({
    where,
    include: {
      mainIndicators: { orderBy: { sortOrder: 'asc' } },
      components: { orderBy: { sortOrder: 'asc' }, include: { mainIndicator: true } },
    },
  });
  if (!f) return null;
  return {
    id: f.id,
    code: f.code,
    decisionNumber: f.decisionNumber,
    level: f.level,
    maxPoints: f.maxPoints,
    componentCount: f.componentCount,
    mainIndicators: f.mainIndicators.map((m) => ({
      code: m.code,
      name: m.name,
      groupCode: m.groupCode,
      groupName: m.groupName,
      maxPoints: m.maxPoints,
      componentCount: m.componentCount,
      scored: m.scored,
    })),
    components: f.components.map((c) => ({
      id: c.id,
      code: c.code,
      mainCode: c.mainIndicator.code,
      name: c.name,
      maxPoints: c.maxPoints,
      scoring: c.scoring as DtiScoring,
      answeredBy: c.answeredBy as DtiSource,
      measure: c.measure,
      usualOwner: c.usualOwner,
    })),
  };
}

/** Why a framework cannot be assessed on yet, or null when it can. */
export function notAssessable(f: FrameworkFacts): string | null {
  if (f.level !== 'PROVINCE') return `Bộ chỉ số ${f.code} không dành cho cấp tỉnh.`;
  if (!f.components.length) {
    return `Bộ chỉ số ${f.code} (${f.decisionNumber}) chưa có danh sách chỉ số thành phần: nạp phụ lục của quyết định trước (npm run db:dti -- <tệp>).`;
  }
  return null;
}

export interface OwnerChoice {
  componentCode: string;
  orgId: string;
  /**
   * SET: the department chose it; MATCHED: the usual owner's name; DEFAULT: the department;
   * ROUTED: as an open assessment asks it.
   */
  how: 'SET' | 'MATCHED' | 'DEFAULT' | 'ROUTED';
}

/**
 * Who answers each component the province answers, for a consolidating department: its own
 * choices, else the agency of the province (existing on `on`) whose name the usual owner gives.
 */
export async function componentOwners(
  db: Db,
  framework: FrameworkFacts,
  consolidator: Pick<Org, 'id' | 'path'>,
  province: Pick<Org, 'path'>,
  on: Date,
): Promise<OwnerChoice[]> {
  const set = new Map(
    (
      await db.dtiComponentOwner.findMany({
        where: { consolidatorOrgId: consolidator.id, component: { frameworkId: framework.id } },
        include: { component: { select: { code: true } } },
      })
    ).map((o) => [o.component.code, o.orgId]),
  );
  const day = vietnamDay(on);
  const agencies = (
    await db.org.findMany({
      where: { path: { startsWith: province.path }, level: 'PROVINCE' },
      select: {
        id: true,
        name: true,
        shortName: true,
        aliases: true,
        validFrom: true,
        validTo: true,
      },
    })
  ).filter((o) => existsOn(o, day));
  const index = orgIndex(agencies);
  return framework.components.map((c) => {
    // What the Ministry measures is shown to the department itself, not asked of anyone.
    if (measuredByMinistry(c.answeredBy)) {
      return { componentCode: c.code, orgId: consolidator.id, how: 'DEFAULT' as const };
    }
    const chosen = set.get(c.code);
    if (chosen) return { componentCode: c.code, orgId: chosen, how: 'SET' as const };
    const matched = c.usualOwner ? matchOrgName(c.usualOwner, index) : null;
    return matched
      ? { componentCode: c.code, orgId: matched.id, how: 'MATCHED' as const }
      : { componentCode: c.code, orgId: consolidator.id, how: 'DEFAULT' as const };
  });
}

export interface OpenDtiAssessmentInput {
  frameworkCode: string;
  year: number;
  deadline: string;
  title?: string | null;
  requiresApproval?: boolean | null;
}

/** The consolidating department opens its province's self-assessment for a year. */
export async function openDtiAssessment(ctx: Context, input: OpenDtiAssessmentInput) {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const deadline = instant(input.deadline, 'Hạn gửi');
  if (!Number.isInteger(input.year) || input.year < 2020 || input.year > 2100) {
    throw badInput(`Năm đánh giá ${input.year} không hợp lệ.`);
  }
  const framework = await frameworkFacts(ctx.prisma, { code: input.frameworkCode });
  if (!framework) throw notFound(`bộ chỉ số ${input.frameworkCode}`);
  const why = notAssessable(framework);
  if (why) throw badInput(why);
  const consolidator = await ctx.prisma.org.findUniqueOrThrow({ where: { id: viewer.orgId } });
  const province = await provinceOf(ctx.prisma, consolidator);
  if (!province || !canConsolidate(viewer, province.path)) {
    throw forbidden('Chỉ đơn vị tổng hợp của tỉnh mới mở đợt tự đánh giá DTI của tỉnh.');
  }
  const typed = input.title?.normalize('NFC').trim();
  if (typed && typed.length > 500) throw badInput('Tiêu đề dài quá 500 ký tự.');
  const taken = await ctx.prisma.dtiAssessment.findUnique({
    where: { provinceOrgId_year: { provinceOrgId: province.id, year: input.year } },
    include: { framework: { select: { code: true } } },
  });
  if (taken) {
    throw conflict(
      `${province.name} đã có đợt tự đánh giá DTI năm ${input.year} (bộ chỉ số ${taken.framework.code}).`,
    );
  }
  const owners = await componentOwners(ctx.prisma, framework, consolidator, province, deadline);
  const title =
    typed || `Tự đánh giá Chỉ số chuyển đổi số (DTI) năm ${input.year} của ${province.name}`;
  const asked = new Set(
    framework.components.filter((c) => !measuredByMinistry(c.answeredBy)).map((c) => c.code),
  );
  // Those who answer something; the department sees the Ministry's rows only if it answers too.
  const recipients = [
    ...new Set(owners.filter((o) => asked.has(o.componentCode)).map((o) => o.orgId)),
  ];
  if (!recipients.length)
    throw badInput(`Bộ chỉ số ${framework.code} không có chỉ số nào tỉnh tự đánh giá.`);
  try {
    return await ctx.prisma.$transaction((tx) =>
      openInTransaction(tx, ctx, {
        framework,
        province,
        consolidator,
        owners,
        recipients,
        title,
        deadline,
        input,
      }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw conflict(`${province.name} vừa mở đợt tự đánh giá DTI năm ${input.year} từ nơi khác.`);
  }
}

async function openInTransaction(
  tx: Tx,
  ctx: Context,
  o: {
    framework: FrameworkFacts;
    province: Org;
    consolidator: Org;
    owners: OwnerChoice[];
    recipients: string[];
    title: string;
    deadline: Date;
    input: OpenDtiAssessmentInput;
  },
) {
  const { framework, province, consolidator, owners, title, deadline, input } = o;
  const viewer = ctx.viewer!;
  {
    const templateId = await ensureDtiTemplate(tx, framework);
    const { request } = await createRequest(tx, {
      templateId,
      period: reportingPeriod({ kind: 'YEAR', year: input.year }),
      kind: 'THEMATIC',
      title,
      deadline,
      consolidatorOrgId: consolidator.id,
      requirement: {
        requiresApproval: input.requiresApproval ?? false,
        requiresSignature: false,
      },
      createdById: viewer.userId,
      recipientOrgIds: o.recipients,
      groups: [],
    });
    await tx.requestRowRoute.createMany({
      data: owners.map((owner) => ({
        requestId: request.id,
        tableKey: DTI_TABLE,
        rowKey: componentRowKey(owner.componentCode),
        orgId: owner.orgId,
      })),
    });
    const assessment = await tx.dtiAssessment.create({
      data: {
        frameworkId: framework.id,
        provinceOrgId: province.id,
        year: input.year,
        requestId: request.id,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'dti.open',
      entityType: 'DtiAssessment',
      entityId: assessment.id,
      details: { framework: framework.code, year: input.year, requestId: request.id },
    });
    return assessment;
  }
}

export interface SetOwnerInput {
  frameworkCode: string;
  componentCode: string;
  orgId: string;
  /** Also routes the component of this open assessment to the agency. */
  assessmentId?: string | null;
}

/** States in which an agency's report can still take a new row. */
const TAKES_NEW_ROWS = ['DRAFT', 'RETURNED'] as const;

/**
 * The department changes who answers a component: for its later assessments and, when one is
 * named, in an open assessment too — unless the agency answering it now has already written a
 * value there (it would be lost to the assessment), or the new one's report is beyond changing.
 */
export async function setComponentOwner(ctx: Context, input: SetOwnerInput) {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const framework = await frameworkFacts(ctx.prisma, { code: input.frameworkCode });
  if (!framework) throw notFound(`bộ chỉ số ${input.frameworkCode}`);
  const component = framework.components.find((c) => c.code === input.componentCode);
  if (!component) throw notFound(`chỉ số thành phần ${input.componentCode} của ${framework.code}`);
  if (measuredByMinistry(component.answeredBy)) {
    throw badInput(`Chỉ số ${component.code} do Bộ đo; tỉnh không giao đơn vị trả lời.`);
  }
  const consolidator = await ctx.prisma.org.findUniqueOrThrow({ where: { id: viewer.orgId } });
  const province = await provinceOf(ctx.prisma, consolidator);
  if (!province || !canConsolidate(viewer, province.path)) {
    throw forbidden('Chỉ đơn vị tổng hợp của tỉnh mới giao chỉ số cho các đơn vị.');
  }
  const owner = await ctx.prisma.org.findUnique({ where: { id: input.orgId } });
  if (!owner) throw notFound(`đơn vị ${input.orgId}`);
  if (!owner.path.startsWith(province.path)) {
    throw badInput(`${owner.name} không thuộc ${province.name}.`);
  }
  if (!existsOn(owner, vietnamDay(new Date()))) {
    throw badInput(`${owner.name} không còn hoạt động; chọn đơn vị kế thừa.`);
  }
  return ctx.prisma.$transaction(async (tx) => {
    if (input.assessmentId) {
      await reroute(tx, input.assessmentId, { framework, province, owner, code: component.code });
    }
    const saved = await tx.dtiComponentOwner.upsert({
      where: {
        consolidatorOrgId_componentId: {
          consolidatorOrgId: consolidator.id,
          componentId: component.id,
        },
      },
      create: {
        consolidatorOrgId: consolidator.id,
        componentId: component.id,
        orgId: owner.id,
        updatedById: viewer.userId,
      },
      update: { orgId: owner.id, updatedById: viewer.userId },
    });
    await recordAudit(tx, ctx, {
      action: 'dti.owner',
      entityType: 'DtiComponentOwner',
      entityId: saved.id,
      details: {
        framework: framework.code,
        component: component.code,
        orgId: owner.id,
        assessmentId: input.assessmentId ?? null,
      },
    });
    return saved;
  });
}

/**
 * Moves a component of an open assessment to another agency. The route row is written first: it
 * holds the row lock a save checks against (server/submissions/save.ts), so a save racing this
 * either committed its value before (and the check below refuses) or sees the new route and is
 * refused itself.
 */
async function reroute(
  tx: Tx,
  assessmentId: string,
  o: { framework: FrameworkFacts; province: Org; owner: Org; code: string },
): Promise<void> {
  const assessment = await tx.dtiAssessment.findUnique({
    where: { id: assessmentId },
    include: { request: true },
  });
  if (!assessment || assessment.provinceOrgId !== o.province.id) {
    throw notFound(`đợt tự đánh giá ${assessmentId}`);
  }
  if (assessment.frameworkId !== o.framework.id) {
    throw badInput(
      `Đợt tự đánh giá năm ${assessment.year} không dùng bộ chỉ số ${o.framework.code}.`,
    );
  }
  if (assessment.request.status === 'CLOSED') {
    throw conflict('Đợt tự đánh giá đã đóng; không giao lại được.');
  }
  const requestId = assessment.requestId;
  const rowKey = componentRowKey(o.code);
  const key = { requestId_tableKey_rowKey: { requestId, tableKey: DTI_TABLE, rowKey } };
  const before = await tx.requestRowRoute.findUnique({ where: key });
  if (before?.orgId === o.owner.id) return;
  const report = await tx.submission.findUnique({
    where: { requestId_orgId: { requestId, orgId: o.owner.id } },
  });
  if (report && !(TAKES_NEW_ROWS as readonly string[]).includes(report.status)) {
    throw conflict(
      `Báo cáo của ${o.owner.name} đang ở trạng thái "${STATE_LABEL[report.status]}"; chỉ giao thêm chỉ số khi báo cáo còn nháp hoặc bị trả lại.`,
    );
  }
  await tx.requestRowRoute.upsert({
    where: key,
    create: { requestId, tableKey: DTI_TABLE, rowKey, orgId: o.owner.id },
    update: { orgId: o.owner.id },
  });
  if (before) {
    const written = await tx.cellValue.findFirst({
      where: {
        submission: { requestId, orgId: before.orgId },
        tableKey: DTI_TABLE,
        rowKey,
        value: { not: null },
      },
      include: { submission: { include: { org: { select: { name: true } } } } },
    });
    if (written) {
      throw conflict(
        `${written.submission.org.name} đã ghi số liệu cho chỉ số ${o.code}; xóa số liệu đó trước khi giao cho đơn vị khác.`,
      );
    }
    // An agency left with nothing to answer, and nothing started, owes no report.
    const [left, started] = await Promise.all([
      tx.requestRowRoute.count({ where: { requestId, orgId: before.orgId } }),
      tx.submission.count({ where: { requestId, orgId: before.orgId } }),
    ]);
    if (!left && !started) {
      await tx.reportRecipient.deleteMany({ where: { requestId, orgId: before.orgId } });
    }
  }
  await tx.reportRecipient.upsert({
    where: { requestId_orgId: { requestId, orgId: o.owner.id } },
    create: { requestId, orgId: o.owner.id },
    update: {},
  });
}

/** The assessment, if the viewer oversees its province (the values are the agencies' sent ones). */
export async function overseenAssessment(ctx: Context, id: string) {
  if (!ctx.viewer) throw unauthenticated();
  const assessment = await ctx.prisma.dtiAssessment.findUnique({
    where: { id },
    include: { province: true },
  });
  if (!assessment) throw notFound(`đợt tự đánh giá ${id}`);
  if (!oversees(ctx.viewer, assessment.province.path)) {
    throw forbidden('Chỉ đơn vị tổng hợp, phân tích hoặc quản trị của tỉnh xem được điểm DTI.');
  }
  return assessment;
}
