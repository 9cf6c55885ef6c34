// A province's DTI self-assessment for a year: the consolidating department opens it from a
// framework, and it becomes an ordinary report request (template generated from the framework)
// whose rows are routed, component by component, to the agency that owns each one. Who owns a
// component is the department's own mapping (DtiComponentOwner), else the province's agency whose
// name matches the framework's usual owner, else the department itself.
import type { Org, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { reportingPeriod } from '../../shared/reporting/period.ts';
import { canConsolidate, oversees } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { matchOrgName, orgIndex } from '../orgs/match.ts';
import { createRequest } from '../requests/open.ts';
import {
  DTI_TABLE,
  componentRowKey,
  ensureDtiTemplate,
  type TemplateFramework,
} from './template.ts';
import type { DtiScoring, DtiSource } from './framework-file.ts';

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

/** The province whose committee heads the department's branch of the tree ("/NA/…" → NA). */
export async function provinceOf(db: Db, orgPath: string): Promise<Org | null> {
  const codes = orgPath.split('/').filter(Boolean);
  const orgs = await db.org.findMany({
    where: { code: { in: codes }, level: 'PROVINCE', kind: 'PEOPLES_COMMITTEE' },
  });
  return orgs[0] ?? null;
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
  const agencies = await db.org.findMany({
    where: {
      path: { startsWith: province.path },
      level: 'PROVINCE',
      OR: [{ validTo: null }, { validTo: { gte: on } }],
      AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: on } }] }],
    },
    select: { id: true, name: true, shortName: true, aliases: true },
  });
  const index = orgIndex(agencies);
  return framework.components.map((c) => {
    // What the Ministry measures is shown to the department itself, not asked of anyone.
    if (c.answeredBy === 'MINISTRY' || c.answeredBy === 'SURVEY') {
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
  const deadline = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(input.deadline)
    ? new Date(input.deadline)
    : new Date(NaN);
  if (Number.isNaN(deadline.getTime())) {
    throw badInput(
      `Hạn gửi "${input.deadline}" không hợp lệ: ghi theo ISO 8601, ví dụ 2026-03-15T17:00:00+07:00.`,
    );
  }
  if (!Number.isInteger(input.year) || input.year < 2020 || input.year > 2100) {
    throw badInput(`Năm đánh giá ${input.year} không hợp lệ.`);
  }
  const framework = await frameworkFacts(ctx.prisma, { code: input.frameworkCode });
  if (!framework) throw notFound(`bộ chỉ số ${input.frameworkCode}`);
  const why = notAssessable(framework);
  if (why) throw badInput(why);
  const consolidator = await ctx.prisma.org.findUniqueOrThrow({ where: { id: viewer.orgId } });
  const province = await provinceOf(ctx.prisma, consolidator.path);
  if (!province || !canConsolidate(viewer, province.path)) {
    throw forbidden('Chỉ đơn vị tổng hợp của tỉnh mới mở đợt tự đánh giá DTI của tỉnh.');
  }
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
    input.title?.normalize('NFC').trim() ||
    `Tự đánh giá Chỉ số chuyển đổi số (DTI) năm ${input.year} của ${province.name}`;
  return ctx.prisma.$transaction(async (tx) => {
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
      // The department answers what nobody else owns, and sees what the Ministry measures.
      recipientOrgIds: [...new Set([consolidator.id, ...owners.map((o) => o.orgId)])],
      groups: [],
    });
    await tx.requestRowRoute.createMany({
      data: owners.map((o) => ({
        requestId: request.id,
        tableKey: DTI_TABLE,
        rowKey: componentRowKey(o.componentCode),
        orgId: o.orgId,
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
  });
}

export interface SetOwnerInput {
  frameworkCode: string;
  componentCode: string;
  orgId: string;
  /** Also routes the component of this open assessment to the agency. */
  assessmentId?: string | null;
}

/**
 * The department changes who answers a component: for its later assessments and, when one is
 * named, in an open assessment too — unless the agency answering it now has already written a
 * value there (that value would be lost to the assessment).
 */
export async function setComponentOwner(ctx: Context, input: SetOwnerInput) {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const framework = await frameworkFacts(ctx.prisma, { code: input.frameworkCode });
  if (!framework) throw notFound(`bộ chỉ số ${input.frameworkCode}`);
  const component = framework.components.find((c) => c.code === input.componentCode);
  if (!component) throw notFound(`chỉ số thành phần ${input.componentCode} của ${framework.code}`);
  if (component.answeredBy === 'MINISTRY' || component.answeredBy === 'SURVEY') {
    throw badInput(`Chỉ số ${component.code} do Bộ đo; tỉnh không giao đơn vị trả lời.`);
  }
  const consolidator = await ctx.prisma.org.findUniqueOrThrow({ where: { id: viewer.orgId } });
  const province = await provinceOf(ctx.prisma, consolidator.path);
  if (!province || !canConsolidate(viewer, province.path)) {
    throw forbidden('Chỉ đơn vị tổng hợp của tỉnh mới giao chỉ số cho các đơn vị.');
  }
  const owner = await ctx.prisma.org.findUnique({ where: { id: input.orgId } });
  if (!owner) throw notFound(`đơn vị ${input.orgId}`);
  if (!owner.path.startsWith(province.path)) {
    throw badInput(`${owner.name} không thuộc ${province.name}.`);
  }
  return ctx.prisma.$transaction(async (tx) => {
    if (input.assessmentId) {
      const assessment = await tx.dtiAssessment.findUnique({
        where: { id: input.assessmentId },
        include: { request: true },
      });
      if (!assessment || assessment.provinceOrgId !== province.id) {
        throw notFound(`đợt tự đánh giá ${input.assessmentId}`);
      }
      if (assessment.frameworkId !== framework.id) {
        throw badInput(
          `Đợt tự đánh giá năm ${assessment.year} không dùng bộ chỉ số ${framework.code}.`,
        );
      }
      if (assessment.request.status === 'CLOSED') {
        throw conflict('Đợt tự đánh giá đã đóng; không giao lại được.');
      }
      const rowKey = componentRowKey(component.code);
      const route = await tx.requestRowRoute.findUnique({
        where: {
          requestId_tableKey_rowKey: {
            requestId: assessment.requestId,
            tableKey: DTI_TABLE,
            rowKey,
          },
        },
      });
      if (route && route.orgId !== owner.id) {
        const written = await tx.cellValue.findFirst({
          where: {
            submission: { requestId: assessment.requestId, orgId: route.orgId },
            tableKey: DTI_TABLE,
            rowKey,
            value: { not: null },
          },
          include: { submission: { include: { org: { select: { name: true } } } } },
        });
        if (written) {
          throw conflict(
            `${written.submission.org.name} đã ghi số liệu cho chỉ số ${component.code}; xóa số liệu đó trước khi giao cho đơn vị khác.`,
          );
        }
      }
      await tx.requestRowRoute.upsert({
        where: {
          requestId_tableKey_rowKey: {
            requestId: assessment.requestId,
            tableKey: DTI_TABLE,
            rowKey,
          },
        },
        create: { requestId: assessment.requestId, tableKey: DTI_TABLE, rowKey, orgId: owner.id },
        update: { orgId: owner.id },
      });
      await tx.reportRecipient.upsert({
        where: { requestId_orgId: { requestId: assessment.requestId, orgId: owner.id } },
        create: { requestId: assessment.requestId, orgId: owner.id },
        update: {},
      });
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

/** The assessment, if the viewer oversees its province (the values are the agencies' sent ones). */
export async function overseenAssessment(ctx: Context, id: string) {
  if (!ctx.viewer) throw unauthenticated();
  const assessment = await ctx.prisma.dtiAssessment.findUnique({
    where: { id },
    include: { province: { select: { path: true } } },
  });
  if (!assessment) throw notFound(`đợt tự đánh giá ${id}`);
  if (!oversees(ctx.viewer, assessment.province.path)) {
    throw forbidden('Chỉ đơn vị tổng hợp, phân tích hoặc quản trị của tỉnh xem được điểm DTI.');
  }
  return assessment;
}
