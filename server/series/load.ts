// Reads an indicator series (series.ts) from the reports: the requests of one template over the
// periods asked, the recipients within the subtree, the values they sent. For those who oversee
// the subtree (consolidators, analysts, administrators): only sent values are read.
import type { AdminLevel, Org, OrgKind } from '../../generated/prisma/client.ts';
import { isIsoDate, periodsBetween, type Period } from '../../shared/reporting/period.ts';
import { isSent } from '../../shared/reporting/status.ts';
import type { Aggregate, ChoiceOption, ColumnType } from '../../shared/reporting/sheet.ts';
import { choiceOptions, templateShape } from '../sheets/template-shape.ts';
import { measuredCells } from '../consolidation/measurements.ts';
import { oversees } from '../auth/access.ts';
import { placeInTodaysStructure } from '../consolidation/structure.ts';
import { loadTodaysStructure } from '../consolidation/todays-structure.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { buildSeries, type SeriesPoint, type SeriesReport, type SeriesTarget } from './series.ts';

export type SeriesPeriodKind = Exclude<Period['kind'], 'AD_HOC'>;
export type SeriesLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

/** One cell of a template, across its versions. */
export interface SeriesCell {
  templateCode: string;
  tableKey: string;
  rowKey: string;
  columnKey: string;
}

export interface SeriesInput extends SeriesCell {
  periodKind: SeriesPeriodKind;
  /** The periods whose dates lie from `from` to `to` (ISO days). */
  from: string;
  to: string;
  withinOrgId: string;
  /** Roll each agency up into the people's committee of this level; unset: each agency itself. */
  level?: SeriesLevel | null;
  /**
   * Only agencies of this group (server/orgs/groups.ts's kind and level): "the departments",
   * "the commune committees". Judged on the agency that was asked, as it was then.
   */
  group?: { kind?: OrgKind | null; level?: AdminLevel | null } | null;
}

export interface IndicatorSeries {
  column: { label: string; type: ColumnType; aggregate: Aggregate; options: ChoiceOption[] };
  rowLabel: string;
  periods: Period[];
  points: SeriesPoint<Org>[];
}

/** A series longer than this is a mistake in the range (20 years of quarters is 80). */
export const MAX_SERIES_PERIODS = 120;

export async function indicatorSeries(ctx: Context, input: SeriesInput): Promise<IndicatorSeries> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  if (!isIsoDate(input.from) || !isIsoDate(input.to) || input.from > input.to) {
    throw badInput(
      `Khoảng thời gian "${input.from}" – "${input.to}" không hợp lệ: ghi ngày dạng YYYY-MM-DD, ngày đầu trước ngày cuối.`,
    );
  }
  const within = await ctx.prisma.org.findUnique({ where: { id: input.withinOrgId } });
  if (!within) throw notFound(`đơn vị ${input.withinOrgId}`);
  if (!oversees(viewer, within.path)) {
    throw forbidden(`Bạn không có quyền xem số liệu của các đơn vị thuộc ${within.name}.`);
  }
  const periods = periodsBetween(input.periodKind, input.from, input.to);
  if (!periods.length) {
    throw badInput(`Không có kỳ nào trọn vẹn từ ${input.from} đến ${input.to}.`);
  }
  if (periods.length > MAX_SERIES_PERIODS) {
    throw badInput(`Tối đa ${MAX_SERIES_PERIODS} kỳ trong một chuỗi số liệu.`);
  }
  const column = await ctx.prisma.templateColumn.findFirst({
    where: {
      key: input.columnKey,
      table: { key: input.tableKey, template: { code: input.templateCode } },
    },
    orderBy: { table: { template: { version: 'desc' } } },
    include: { table: { include: { rows: { where: { key: input.rowKey } } } } },
  });
  if (!column) {
    throw notFound(`cột ${input.columnKey} của bảng ${input.tableKey} (mẫu ${input.templateCode})`);
  }
  // Fixed rows are in the template; a row generated from a plan (a task's code) is not.
  const row = column.table.rows[0];
  if (!row && column.table.rowMode === 'FIXED') {
    throw notFound(`dòng ${input.rowKey} của bảng ${input.tableKey}`);
  }

  const asked = {
    path: { startsWith: within.path },
    ...(input.group?.kind ? { kind: input.group.kind } : {}),
    ...(input.group?.level ? { level: input.group.level } : {}),
  };
  const requests = await ctx.prisma.reportRequest.findMany({
    where: {
      template: { code: input.templateCode },
      period: {
        kind: input.periodKind,
        start: { in: periods.map((p) => new Date(`${p.start}T00:00:00Z`)) },
      },
    },
    select: {
      id: true,
      period: { select: { start: true, end: true } },
      recipients: {
        where: { org: asked },
        select: { org: true },
      },
      submissions: {
        where: { org: asked },
        select: { id: true, orgId: true, status: true },
      },
    },
  });
  const periodIndex = new Map(periods.map((p, i) => [`${p.start}/${p.end}`, i]));
  const sentIds = requests.flatMap((r) =>
    r.submissions.filter((s) => isSent(s.status)).map((s) => s.id),
  );
  const values = new Map(
    (
      await ctx.prisma.cellValue.findMany({
        where: {
          submissionId: { in: sentIds },
          tableKey: input.tableKey,
          rowKey: input.rowKey,
          columnKey: input.columnKey,
        },
        select: { submissionId: true, value: true },
      })
    ).map((c) => [c.submissionId, c.value]),
  );
  const orgs = new Map<string, Org>();
  const reports: SeriesReport[] = [];
  for (const r of requests) {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const i = periodIndex.get(`${day(r.period.start)}/${day(r.period.end)}`);
    if (i === undefined) continue;
    const byOrg = new Map(r.submissions.map((s) => [s.orgId, s]));
    for (const { org } of r.recipients) {
      orgs.set(org.id, org);
      const submission = byOrg.get(org.id);
      const sent = Boolean(submission && isSent(submission.status));
      reports.push({
        period: i,
        orgId: org.id,
        sent,
        value: sent ? (values.get(submission!.id) ?? null) : null,
      });
    }
  }

  const structure = await loadTodaysStructure(ctx.prisma, [...orgs.values()], within, new Date());
  const targets = new Map<string, SeriesTarget<Org> | null>();
  const targetOf = (orgId: string): SeriesTarget<Org> | null => {
    if (targets.has(orgId)) return targets.get(orgId)!;
    const placement = placeInTodaysStructure(orgs.get(orgId)!, structure);
    let target: SeriesTarget<Org> | null;
    if (!input.level) {
      target = {
        unit: placement.unit,
        formerName: placement.how === 'SELF' ? null : placement.org.name,
      };
    } else {
      const unit = [placement.unit, ...placement.rollsInto].find(
        (u) => u.kind === 'PEOPLES_COMMITTEE' && u.level === input.level,
      );
      target = unit
        ? {
            unit,
            formerName:
              unit.id === placement.unit.id && placement.how !== 'SELF' ? placement.org.name : null,
          }
        : null;
    }
    targets.set(orgId, target);
    return target;
  };
  return {
    column: {
      label: column.label,
      type: column.type as ColumnType,
      aggregate: column.aggregate as Aggregate,
      options: choiceOptions(column.options),
    },
    rowLabel: row?.label ?? input.rowKey,
    periods,
    points: buildSeries(
      periods.map((p) => ({ label: p.label, start: p.start, end: p.end })),
      reports,
      targetOf,
      column.aggregate as Aggregate,
      (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    ),
  };
}

/**
 * The cell that measures a plan's target, for a series by target: found in the templates of the
 * requests opened on its plan, by the rule the measurements use (measuredCells).
 */
async function cellMeasuring(ctx: Context, targetId: string): Promise<SeriesCell> {
  const target = await ctx.prisma.target.findUnique({
    where: { id: targetId },
    select: { id: true, code: true, planId: true },
  });
  if (!target) throw notFound(`chỉ tiêu ${targetId}`);
  const requests = await ctx.prisma.reportRequest.findMany({
    where: { planId: target.planId },
    select: { templateId: true },
    distinct: ['templateId'],
  });
  for (const { templateId } of requests) {
    const shape = await templateShape(ctx.prisma, templateId);
    const cell =
      shape &&
      measuredCells(shape, new Map([[target.code, target.id]])).find(
        (m) => m.targetId === target.id,
      );
    if (shape && cell) {
      return {
        templateCode: shape.code,
        tableKey: cell.tableKey,
        rowKey: cell.rowKey,
        columnKey: cell.columnKey,
      };
    }
  }
  throw badInput(
    `Chỉ tiêu ${target.code} chưa được đo bởi ô nào của các mẫu báo cáo của kế hoạch.`,
  );
}

/** The cell asked for: by the target it measures, or named whole; what is missing, named. */
export async function seriesCell(
  ctx: Context,
  input: { targetId?: string | null } & { [K in keyof SeriesCell]?: string | null },
): Promise<SeriesCell> {
  if (input.targetId) return cellMeasuring(ctx, input.targetId);
  const keys = ['templateCode', 'tableKey', 'rowKey', 'columnKey'] as const;
  const missing = keys.filter((k) => !input[k]);
  if (missing.length) {
    throw badInput(`Thiếu tham số: ${missing.join(', ')} (hoặc targetId: chỉ tiêu cần theo dõi).`);
  }
  return {
    templateCode: input.templateCode!,
    tableKey: input.tableKey!,
    rowKey: input.rowKey!,
    columnKey: input.columnKey!,
  };
}
