// What the exchange formats carry, read from our records: one sent version of an agency's report
// (its immutable snapshot, so a delivery made days later sends exactly what was sent), or a
// request's consolidated totals under the province. Access is the callers' (schema.ts, files.ts);
// the outbox reads versions it queued itself.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Period } from '../../shared/reporting/period.ts';
import { vietnamDay } from '../../shared/time/vietnam.ts';
import { isSent, type SubmissionStatus } from '../../shared/reporting/status.ts';
import { openConsolidation } from '../consolidation/consolidate.ts';
import { provinceOf } from '../consolidation/todays-structure.ts';
import type { Context } from '../graphql/context.ts';
import { notFound } from '../graphql/errors.ts';
import { templateShape, type TemplateShape } from '../sheets/template-shape.ts';
import type { ReportValues } from './data-value-set.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A stored period as the shared Period (its label and cutoff as stored). */
function periodOf(p: {
  kind: string;
  year: number;
  number: number;
  label: string;
  start: Date;
  end: Date;
  cutoffStart: Date;
  cutoffEnd: Date;
}): Period {
  return {
    kind: p.kind as Period['kind'],
    year: p.year,
    number: p.number,
    label: p.label,
    start: day(p.start),
    end: day(p.end),
    cutoffStart: day(p.cutoffStart),
    cutoffEnd: day(p.cutoffEnd),
  };
}

/** "Hồ sơ trực tuyến – Giá trị": how a cell is named when the mapping lacks it. */
function labelOf(shape: TemplateShape, tableKey: string, rowKey: string, columnKey: string) {
  const table = shape.tables.find((t) => t.key === tableKey);
  const row = table?.rows.find((r) => r.key === rowKey)?.label ?? rowKey;
  const column = table?.columns.find((c) => c.key === columnKey)?.label ?? columnKey;
  return `${row} – ${column}`;
}

interface Snapshot {
  tables?: { key: string; rows: { key: string; cells: Record<string, string | null> }[] }[];
}

export interface SentVersion {
  values: ReportValues;
  submissionId: string;
  version: number;
  orgPath: string;
  status: SubmissionStatus;
}

/**
 * One sent version of a report: `version`, or the one it stands at when it is sent now. A
 * version counts as sent when its record says so, or when the report stands at it and is sent
 * (a report sent by its leader keeps the version staff presented). `queued`: the outbox's own
 * version, which was sent when it was queued. NOT_FOUND otherwise: a draft is not for others.
 */
export async function sentVersion(
  prisma: PrismaClient,
  submissionId: string,
  version?: number | null,
  queued = false,
): Promise<SentVersion> {
  const submission = await prisma.submission.findUnique({
    where: { id: submissionId },
    select: {
      id: true,
      status: true,
      version: true,
      org: { select: { code: true, name: true, path: true } },
      request: { select: { templateId: true, period: true } },
    },
  });
  const wanted = version ?? submission?.version ?? 0;
  const record = submission
    ? await prisma.submissionVersion.findUnique({
        where: { submissionId_version: { submissionId, version: wanted } },
        select: { version: true, status: true, snapshot: true, createdAt: true },
      })
    : null;
  const standsSent =
    submission?.version === wanted && isSent(submission.status as SubmissionStatus);
  const sent =
    record && (queued || standsSent || isSent(record.status as SubmissionStatus)) ? record : null;
  if (!submission || !sent) {
    throw notFound(version ? `phiên bản ${version} đã gửi của báo cáo` : 'bản đã gửi của báo cáo');
  }
  const shape = (await templateShape(prisma, submission.request.templateId))!;
  const snapshot = sent.snapshot as Snapshot;
  const cells: ReportValues['cells'] = [];
  for (const table of snapshot.tables ?? []) {
    for (const row of table.rows) {
      for (const [columnKey, value] of Object.entries(row.cells)) {
        if (value === null) continue;
        cells.push({
          templateCode: shape.code,
          tableKey: table.key,
          rowKey: row.key,
          columnKey,
          value,
          label: labelOf(shape, table.key, row.key, columnKey),
        });
      }
    }
  }
  return {
    values: {
      templateCode: shape.code,
      period: periodOf(submission.request.period),
      orgCode: submission.org.code,
      orgName: submission.org.name,
      completedOn: vietnamDay(sent.createdAt),
      cells,
    },
    submissionId: submission.id,
    version: sent.version,
    orgPath: submission.org.path,
    status: submission.status as SubmissionStatus,
  };
}

/**
 * A request's consolidated totals, as the province's values (the consolidation's own access rule
 * applies: those who oversee the consolidating department). Complete when the request is closed.
 */
export async function consolidatedValues(ctx: Context, requestId: string): Promise<ReportValues> {
  const opened = await openConsolidation(ctx, requestId);
  const request = await ctx.prisma.reportRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { templateId: true, period: true, closedAt: true, consolidatorOrg: true },
  });
  const province =
    (await provinceOf(ctx.prisma, request.consolidatorOrg)) ?? request.consolidatorOrg;
  const shape = (await templateShape(ctx.prisma, request.templateId))!;
  const cells: ReportValues['cells'] = [];
  for (const table of opened.consolidated.tables) {
    // The province's figures are the columns the consolidation computes (sums, averages…); a
    // read-only label or a list of the agencies' notes is not a value of the province.
    const computed = new Set(
      table.columns
        .filter((c) => !c.readOnly && c.aggregate !== 'NONE' && c.aggregate !== 'LIST')
        .map((c) => c.key),
    );
    for (const row of table.rows) {
      if (row.isGroup) continue;
      for (const total of row.totals) {
        if (total.value === null || !computed.has(total.columnKey)) continue;
        cells.push({
          templateCode: shape.code,
          tableKey: table.key,
          rowKey: row.key,
          columnKey: total.columnKey,
          value: total.value,
          label: labelOf(shape, table.key, row.key, total.columnKey),
        });
      }
    }
  }
  return {
    templateCode: shape.code,
    period: periodOf(request.period),
    orgCode: province.code,
    orgName: province.name,
    completedOn: request.closedAt ? vietnamDay(request.closedAt) : null,
    cells,
  };
}

/** The reporting period our records hold for a DHIS2 period, if any request uses it. */
export const samePeriod = (a: Period, b: { kind: string; start: Date; end: Date }): boolean =>
  a.kind === b.kind && a.start === day(b.start) && a.end === day(b.end);
