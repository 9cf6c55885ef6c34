// What the exchange formats carry, read from our records: one sent version of an agency's report
// (its immutable snapshot, so a delivery made days later sends exactly what was sent), or a
// request's consolidated totals under the province. Access is the callers' (schema.ts, files.ts);
// the outbox reads versions it queued itself.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { vietnamDay } from '../../shared/time/vietnam.ts';
import { isSent, SENT_STATUSES, type SubmissionStatus } from '../../shared/reporting/status.ts';
import { openConsolidation } from '../consolidation/consolidate.ts';
import { provinceOf } from '../consolidation/todays-structure.ts';
import type { Context } from '../graphql/context.ts';
import { notFound } from '../graphql/errors.ts';
import { templateShape, type TemplateShape } from '../sheets/template-shape.ts';
import { storedPeriod } from '../requests/stored-period.ts';
import type { ReportValues } from './data-value-set.ts';

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
      submittedAt: true,
      org: { select: { code: true, name: true, path: true } },
      request: { select: { templateId: true, period: true } },
    },
  });
  if (!submission) throw notFound('báo cáo');
  const standsSent = isSent(submission.status as SubmissionStatus);
  // Unnamed: the version it stands at when sent now, else the newest whose record was sent (a
  // report returned and being corrected still has its last sent version for other systems).
  const wanted =
    version ??
    (standsSent
      ? submission.version
      : ((
          await prisma.submissionVersion.findFirst({
            where: { submissionId, status: { in: [...SENT_STATUSES] } },
            orderBy: { version: 'desc' },
            select: { version: true },
          })
        )?.version ?? 0));
  const record = await prisma.submissionVersion.findUnique({
    where: { submissionId_version: { submissionId, version: wanted } },
    select: { version: true, status: true, snapshot: true, createdAt: true },
  });
  const current = submission.version === wanted && standsSent;
  const sent =
    record && (queued || current || isSent(record.status as SubmissionStatus)) ? record : null;
  if (!sent) {
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
      period: storedPeriod(submission.request.period),
      orgCode: submission.org.code,
      orgName: submission.org.name,
      // Sent by the leader: the day it went, not the day staff presented it.
      completedOn: vietnamDay(
        current && submission.submittedAt ? submission.submittedAt : sent.createdAt,
      ),
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
    period: storedPeriod(request.period),
    orgCode: province.code,
    orgName: province.name,
    completedOn: request.closedAt ? vietnamDay(request.closedAt) : null,
    cells,
  };
}
