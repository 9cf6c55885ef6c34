// The progress agencies reported for a plan's tasks: every sent report (submitted or accepted)
// of a request on the plan, in the task rows of its tables, read once per plan per operation.
import type { Context } from '../graphql/context.ts';
import { combinedProgress, REPORTED } from './status.ts';
import { SENT_STATUSES_SQL } from '../../shared/reporting/status.ts';
import { Prisma } from '../../generated/prisma/client.ts';

interface ProgressCell {
  rowKey: string;
  orgId: string;
  value: string;
  submittedAt: Date | null;
}

async function loadProgress(ctx: Context, planId: string): Promise<Map<string, string>> {
  const keys = Object.keys(REPORTED);
  const cells = await ctx.prisma.$queryRaw<ProgressCell[]>`
    SELECT c."rowKey", s."orgId", c."value", s."submittedAt"
    FROM "CellValue" c
    JOIN "Submission" s ON s."id" = c."submissionId"
    JOIN "ReportRequest" r ON r."id" = s."requestId"
    JOIN "TemplateTable" t ON t."templateId" = r."templateId" AND t."key" = c."tableKey"
    WHERE r."planId" = ${planId} AND s."status" IN ${Prisma.raw(SENT_STATUSES_SQL)}
      AND t."rowMode" = 'TASKS' AND c."value" = ANY(${keys})
    ORDER BY s."submittedAt" ASC`;
  // The latest report of each agency for each task, then one progress per task.
  const latest = new Map<string, Map<string, string>>();
  for (const c of cells) {
    const byOrg = latest.get(c.rowKey) ?? new Map<string, string>();
    byOrg.set(c.orgId, c.value);
    latest.set(c.rowKey, byOrg);
  }
  const progress = new Map<string, string>();
  for (const [code, byOrg] of latest) {
    const combined = combinedProgress([...byOrg.values()]);
    if (combined) progress.set(code, combined);
  }
  return progress;
}

const perOperation = new WeakMap<Context, Map<string, Promise<Map<string, string>>>>();

/** Task code → reported progress key (HOAN_THANH …) for the plan. */
export function reportedProgress(ctx: Context, planId: string): Promise<Map<string, string>> {
  let cache = perOperation.get(ctx);
  if (!cache) perOperation.set(ctx, (cache = new Map()));
  let pending = cache.get(planId);
  if (!pending) {
    pending = loadProgress(ctx, planId);
    cache.set(planId, pending);
  }
  return pending;
}
