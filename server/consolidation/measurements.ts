// Reports measure targets: where a template column is bound to a target ("target.measured" on a
// row generated from a target, or a column tied to one target), the values agencies send become
// the target's measured values — one per agency and one for the whole request by the column's
// rule — and feed Plan.targets.latestValue / progress. Recomputed from the sent reports whenever
// one is sent, returned or accepted, so a returned report stops counting until it is sent again.
// Read per agency, they can be placed in today's structure (measurementsByUnit).
import type {
  Org,
  Prisma,
  PrismaClient,
  TargetMeasurement,
} from '../../generated/prisma/client.ts';
import { aggregateValues } from './aggregate.ts';
import { asReported, type Placed, type StructureView } from './merge.ts';
import { todaysView, type Structure } from './structure.ts';
import { loadTodaysStructure } from './todays-structure.ts';
import { templateShape, type TemplateShape } from '../sheets/template-shape.ts';
import { SENT_STATUSES } from '../../shared/reporting/status.ts';

type Tx = Prisma.TransactionClient;

export interface MeasuredCell {
  targetId: string;
  tableKey: string;
  rowKey: string;
  columnKey: string;
  rule: Parameters<typeof aggregateValues>[0];
}

/**
 * The cells of a template that measure targets: a "target.measured" column on rows generated
 * from the plan's targets (by code) or on fixed rows tied to a target, and a column tied to one
 * target where its table has a single row. Said once for the measurements and the series.
 */
export function measuredCells(
  shape: TemplateShape,
  targetByCode: Map<string, string>,
): MeasuredCell[] {
  const measured: MeasuredCell[] = [];
  for (const table of shape.tables) {
    const measureColumn = table.columns.find((c) => c.binding === 'target.measured');
    if (measureColumn && table.rowMode === 'TARGETS') {
      for (const [code, targetId] of targetByCode) {
        measured.push({
          targetId,
          tableKey: table.key,
          rowKey: code,
          columnKey: measureColumn.key,
          rule: measureColumn.aggregate,
        });
      }
    }
    if (measureColumn && table.rowMode === 'FIXED') {
      for (const row of table.rows.filter((r) => r.targetId)) {
        measured.push({
          targetId: row.targetId!,
          tableKey: table.key,
          rowKey: row.key,
          columnKey: measureColumn.key,
          rule: measureColumn.aggregate,
        });
      }
    }
    const dataRows = table.rows.filter((r) => !r.isGroup);
    for (const column of table.columns.filter((c) => c.targetId)) {
      // A column tied to one target measures it only where the table has a single row to read.
      if (dataRows.length === 1) {
        measured.push({
          targetId: column.targetId!,
          tableKey: table.key,
          rowKey: dataRows[0]!.key,
          columnKey: column.key,
          rule: column.aggregate,
        });
      }
    }
  }
  return measured;
}

export async function recordTargetMeasurements(tx: Tx, requestId: string): Promise<void> {
  const request = await tx.reportRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { title: true, planId: true, templateId: true, period: true },
  });
  const shape = await templateShape(tx as Parameters<typeof templateShape>[0], request.templateId);
  if (!shape) return;
  const targets = request.planId
    ? await tx.target.findMany({
        where: { planId: request.planId },
        select: { id: true, code: true },
      })
    : [];
  const targetByCode = new Map(targets.map((t) => [t.code, t.id]));
  const measured = measuredCells(shape, targetByCode);
  await tx.targetMeasurement.deleteMany({ where: { requestId } });
  if (!measured.length) return;

  const cells = await tx.cellValue.findMany({
    where: {
      submission: { requestId, status: { in: [...SENT_STATUSES] } },
      OR: measured.map((m) => ({ tableKey: m.tableKey, rowKey: m.rowKey, columnKey: m.columnKey })),
    },
    select: {
      tableKey: true,
      rowKey: true,
      columnKey: true,
      value: true,
      submission: { select: { id: true, orgId: true } },
    },
  });
  const measuredOn = request.period.end;
  const base = {
    measuredOn,
    periodLabel: request.period.label,
    source: 'REPORT' as const,
    requestId,
    note: request.title,
  };
  const rows: Prisma.TargetMeasurementCreateManyInput[] = [];
  for (const m of measured) {
    const values = cells.filter(
      (c) =>
        c.tableKey === m.tableKey &&
        c.rowKey === m.rowKey &&
        c.columnKey === m.columnKey &&
        c.value !== null,
    );
    if (!values.length) continue;
    for (const v of values) {
      rows.push({
        ...base,
        targetId: m.targetId,
        orgId: v.submission.orgId,
        submissionId: v.submission.id,
        value: Number(v.value),
      });
    }
    const whole = aggregateValues(
      m.rule === 'LIST' || m.rule === 'NONE' ? 'AVERAGE' : m.rule,
      values.map((v) => v.value),
    );
    if (whole !== null)
      rows.push({ ...base, targetId: m.targetId, orgId: null, value: Number(whole) });
  }
  if (rows.length) await tx.targetMeasurement.createMany({ data: rows });
}

export interface UnitMeasurement extends Placed {
  measurement: TargetMeasurement;
  org: Org;
}

/**
 * A target's measured values per agency, each placed in the structure asked for: as reported, or
 * in today's structure (structure.ts) — an old commune's value under the new commune that
 * succeeded it, with its old name; a district's under the province as "đơn vị cũ". The stored
 * measurements are never rewritten, and none is added: the value for the whole request stays the
 * one measured then, so nothing counts twice.
 */
export async function measurementsByUnit(
  prisma: PrismaClient,
  targetId: string,
  structure: Structure,
  options: { requestId?: string | null; now?: Date } = {},
): Promise<UnitMeasurement[]> {
  const rows = await prisma.targetMeasurement.findMany({
    where: {
      targetId,
      orgId: { not: null },
      ...(options.requestId ? { requestId: options.requestId } : {}),
    },
    include: { org: true, request: { select: { consolidatorOrg: true } } },
    orderBy: [{ measuredOn: 'desc' }, { createdAt: 'desc' }],
  });
  const measured = rows.filter((r): r is typeof r & { org: Org } => r.org !== null);
  const orgs = [...new Map(measured.map((r) => [r.org.id, r.org])).values()];
  let view: StructureView = asReported([]);
  // The request's consolidating agency decides where an old unit with no province goes.
  const root = measured.find((r) => r.request)?.request?.consolidatorOrg ?? orgs[0];
  if (structure === 'CURRENT' && root) {
    const today = await loadTodaysStructure(prisma, orgs, root, options.now ?? new Date());
    view = todaysView(today, orgs);
  }
  // Stable: within one agency, the newest first as read.
  return measured
    .map((r) => ({ measurement: r, org: r.org, ...view.place(r.org) }))
    .sort((a, b) => view.compare(a.org, b.org));
}
