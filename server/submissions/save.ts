// SaveReport: an agency saves a draft of its report or sends it. All or nothing — any problem and
// nothing is written; based on an old version → CONFLICT; the same idempotency key returns the
// first result without a new version. Sending makes an immutable version, late after the deadline
// that applies to the agency's level. Every save writes an audit event.
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma, Submission } from '../../generated/prisma/client.ts';
import { checkSave, type CheckedSave } from '../../shared/reporting/check-save.ts';
import type { Problem, SaveInput } from '../../shared/reporting/sheet.ts';
import { canEditSubmission } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { Context } from '../graphql/context.ts';
import { AppError, badInput, conflict, forbidden, unauthenticated } from '../graphql/errors.ts';
import { deadlineFor } from '../requests/deadlines.ts';
import { recordTargetMeasurements } from '../consolidation/measurements.ts';
import { openSheet, type OpenedSheet } from '../sheets/sheet.ts';
import { lastPeriodOf } from '../sheets/last-period.ts';
import { changeWarnings, sheetCells } from '../../shared/reporting/last-period.ts';
import { snapshotOf, writeValues, writeVersion } from './store.ts';
import { isUniqueViolation } from '../db/unique.ts';
import { queueDeliveries } from '../exchange/outbox.ts';

export interface SaveReportInput extends SaveInput {
  requestId: string;
  orgId?: string | null;
  baseVersion: number;
  idempotencyKey: string;
  submit?: boolean | null;
}

export interface SaveResult {
  submission: Submission | null;
  problems: Problem[];
  /**
   * Numbers that moved by more than the template's factor since the agency's last sent period
   * (shared/reporting/last-period.ts): told, never refused. Empty when there are problems.
   */
  warnings: Problem[];
}

const OPERATION = 'saveReport';

function hashOf(input: SaveReportInput): string {
  const content: Partial<SaveReportInput> = { ...input };
  delete content.idempotencyKey;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** A stored first result, with its dates revived. */
function revive(response: unknown): SaveResult {
  const r = response as {
    submission: Record<string, unknown> | null;
    problems: Problem[];
    warnings?: Problem[];
  };
  const s = r.submission;
  // Results kept before warnings existed have none.
  const warnings = r.warnings ?? [];
  if (!s) return { submission: null, problems: r.problems, warnings };
  const dates = ['submittedAt', 'returnedAt', 'acceptedAt', 'createdAt', 'updatedAt'] as const;
  const revived: Record<string, unknown> = { ...s };
  for (const d of dates) revived[d] = s[d] ? new Date(s[d] as string) : null;
  return { submission: revived as unknown as Submission, problems: r.problems, warnings };
}

async function earlierResult(
  ctx: Context,
  userId: string,
  input: SaveReportInput,
  hash: string,
): Promise<SaveResult | null> {
  const record = await ctx.prisma.idempotencyRecord.findUnique({
    where: { userId_key: { userId, key: input.idempotencyKey } },
  });
  if (!record) return null;
  if (record.operation !== OPERATION || record.requestHash !== hash) {
    throw conflict(
      'Khóa idempotencyKey này đã dùng cho một lần lưu có nội dung khác; mỗi lần lưu mới cần một khóa mới.',
    );
  }
  return revive(record.response);
}

function checkArguments(input: SaveReportInput): void {
  if (!/^[\x21-\x7e]{1,200}$/.test(input.idempotencyKey)) {
    throw badInput('idempotencyKey phải có 1–200 ký tự ASCII in được, không có khoảng trắng.');
  }
  if (!Number.isInteger(input.baseVersion) || input.baseVersion < 0) {
    throw badInput('baseVersion phải là số nguyên không âm (0 khi chưa lưu lần nào).');
  }
}

/**
 * What sending to the consolidating department records: when, by whom, and whether late — a
 * report once sent on time stays on time when corrected and sent again after the deadline.
 */
export function sentFacts(
  current: { submittedAt: Date | null; late: boolean } | null,
  deadline: Date,
  now: Date,
  userId: string,
): Prisma.SubmissionUncheckedUpdateInput {
  const sentOnTimeBefore = Boolean(current?.submittedAt) && current?.late === false;
  return {
    submittedAt: now,
    submittedById: userId,
    late: sentOnTimeBefore ? false : now.getTime() > deadline.getTime(),
    returnReason: null,
  };
}

/**
 * Staff cannot change a report that is with its leader or was sent after the leader's approval:
 * the leader returns it (or withdraws the approval) first.
 */
function lockedByApproval(status: string, requiresApproval: boolean): boolean {
  return (
    status === 'PENDING_APPROVAL' ||
    status === 'APPROVED' ||
    (requiresApproval && status === 'SUBMITTED')
  );
}

const LOCKED_MESSAGE = {
  PENDING_APPROVAL:
    'Báo cáo đang chờ lãnh đạo đơn vị duyệt nên không sửa được; muốn sửa, đề nghị lãnh đạo trả lại.',
  APPROVED:
    'Báo cáo đã được lãnh đạo đơn vị duyệt và khóa số liệu; muốn sửa, đề nghị lãnh đạo trả lại hoặc bỏ duyệt.',
  SUBMITTED:
    'Báo cáo đã được lãnh đạo duyệt và gửi; muốn sửa, đề nghị lãnh đạo bỏ duyệt hoặc chờ đơn vị tổng hợp trả lại.',
} as const;

const isConflict = (error: unknown) =>
  error instanceof AppError && error.extensions.code === 'CONFLICT';

export async function saveReport(
  ctx: Context,
  input: SaveReportInput,
  now: Date = new Date(),
): Promise<SaveResult> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  checkArguments(input);
  const hash = hashOf(input);
  const replay = await earlierResult(ctx, viewer.userId, input, hash);
  if (replay) return replay;
  try {
    return await applySave(ctx, viewer, input, hash, now);
  } catch (error) {
    if (!isUniqueViolation(error) && !isConflict(error)) throw error;
    // Another save won the race. If it was this same save (a retry racing its first attempt, which
    // may have committed after the check above), its result is recorded under the key.
    const first = await earlierResult(ctx, viewer.userId, input, hash);
    if (first) return first;
    throw isConflict(error)
      ? error
      : conflict('Báo cáo vừa được lưu từ nơi khác; tải lại rồi lưu.');
  }
}

/** Checks and writes one save (no idempotency here: saveReport answers retries). */
async function applySave(
  ctx: Context,
  viewer: Viewer,
  input: SaveReportInput,
  hash: string,
  now: Date,
): Promise<SaveResult> {
  const opened = await openSheet(ctx, input.requestId, input.orgId);
  if (!canEditSubmission(viewer, opened.org.path)) {
    throw forbidden('Chỉ cán bộ báo cáo của đơn vị mới lưu hoặc gửi được báo cáo này.');
  }
  if (opened.request.status === 'CLOSED') {
    throw conflict('Yêu cầu báo cáo đã đóng; không nhận thêm báo cáo.');
  }
  const current = opened.submission;
  const currentVersion = current?.version ?? 0;
  if (input.baseVersion !== currentVersion) {
    throw conflict(
      `Báo cáo đã được lưu ở phiên bản ${currentVersion} (bạn đang sửa từ phiên bản ${input.baseVersion}); tải lại rồi lưu.`,
      { currentVersion },
    );
  }
  if (current?.status === 'ACCEPTED') {
    throw conflict('Báo cáo đã được tiếp nhận và khóa; không sửa được nữa.');
  }
  const submit = input.submit === true;
  const requirement = opened.request.row;
  if (current && lockedByApproval(current.status, requirement.requiresApproval)) {
    throw conflict(LOCKED_MESSAGE[current.status as keyof typeof LOCKED_MESSAGE], {
      status: current.status,
    });
  }
  if (current?.status === 'SUBMITTED' && !submit) {
    throw conflict(
      'Báo cáo đã gửi: muốn sửa thì gửi lại bản đã sửa (submit), hoặc chờ đơn vị tổng hợp trả lại.',
    );
  }

  const movedAway = await rowsAskedOfOthers(ctx, opened, input);
  if (movedAway.length) {
    const existing = current
      ? await ctx.prisma.submission.findUnique({ where: { id: current.id } })
      : null;
    return { submission: existing, problems: movedAway, warnings: [] };
  }
  const checked = checkSave(opened.sheet, input, {
    submit,
    newRowKey: () => `m-${randomBytes(6).toString('base64url')}`,
  });
  if (checked.problems.length) {
    const existing = current
      ? await ctx.prisma.submission.findUnique({ where: { id: current.id } })
      : null;
    return { submission: existing, problems: checked.problems, warnings: [] };
  }

  const warnings = await changesSinceLastPeriod(ctx, viewer, opened, checked);
  // The request's own deadline came with the sheet; only the per-level ones are read.
  const levelDeadlines = await ctx.prisma.requestLevelDeadline.findMany({
    where: { requestId: opened.request.id },
    select: { level: true, deadline: true },
  });
  const deadline = deadlineFor(
    { deadline: opened.request.deadline, deadlines: levelDeadlines },
    opened.org.level,
  );
  // With approval required, "send" presents the report to the agency's leader; the leader sends.
  const presents = submit && requirement.requiresApproval;
  const nextStatus = presents
    ? 'PENDING_APPROVAL'
    : submit
      ? 'SUBMITTED'
      : current?.status === 'RETURNED'
        ? 'RETURNED'
        : 'DRAFT';
  const statusData: Prisma.SubmissionUncheckedUpdateInput = {
    status: nextStatus,
    version: currentVersion + 1,
    updatedById: viewer.userId,
    ...(presents
      ? { returnReason: null }
      : submit
        ? sentFacts(current, deadline, now, viewer.userId)
        : {}),
  };

  return ctx.prisma.$transaction(async (tx) => {
    let submission: Submission;
    if (!current) {
      submission = await tx.submission.create({
        data: {
          ...(statusData as Prisma.SubmissionUncheckedCreateInput),
          requestId: opened.request.id,
          orgId: opened.org.id,
        },
      });
    } else {
      const moved = await tx.submission.updateMany({
        where: { id: current.id, version: currentVersion },
        data: statusData,
      });
      if (moved.count !== 1) {
        throw conflict('Báo cáo vừa được lưu từ nơi khác; tải lại rồi lưu.');
      }
      submission = await tx.submission.findUniqueOrThrow({ where: { id: current.id } });
    }
    await writeValues(tx, submission.id, checked, !current);
    if (opened.routing.routed) await stillAskedOfUs(tx, opened, checked);
    await writeVersion(tx, {
      submissionId: submission.id,
      version: submission.version,
      status: submission.status,
      snapshot: snapshotOf(checked.merged),
      createdById: viewer.userId,
    });
    await recordAudit(tx, ctx, {
      action: presents ? 'submission.present' : submit ? 'submission.submit' : 'submission.save',
      entityType: 'Submission',
      entityId: submission.id,
      beforeVersion: currentVersion,
      afterVersion: submission.version,
      details: {
        requestId: opened.request.id,
        orgId: opened.org.id,
        changedCells: checked.cells.length,
        addedRows: checked.addedRows.length,
        removedRows: checked.removedRows.length,
        answers: checked.answers.length,
        late: submission.late,
      },
    });
    if (submit && !presents) {
      await recordTargetMeasurements(tx, opened.request.id);
      await queueDeliveries(tx, submission);
    }
    const result: SaveResult = { submission, problems: [], warnings };
    await tx.idempotencyRecord.create({
      data: {
        userId: viewer.userId,
        key: input.idempotencyKey,
        operation: OPERATION,
        requestHash: hash,
        response: JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue,
      },
    });
    return result;
  });
}

/** The change warnings of what is saved; the last period is read only when a column checks. */
async function changesSinceLastPeriod(
  ctx: Context,
  viewer: Viewer,
  opened: OpenedSheet,
  checked: CheckedSave,
): Promise<Problem[]> {
  const checks = opened.sheet.tables.some((t) => t.columns.some((c) => c.changeFactor));
  if (!checks) return [];
  const last = await lastPeriodOf(ctx.db.sql, viewer, opened.request.id, opened.org, opened.sheet);
  return last ? changeWarnings(checked.merged, last, sheetCells(checked.merged)) : [];
}

/**
 * Rows of the save that the request asks of another agency (RequestRowRoute; a workbook pulled
 * before the department moved them), each named with the agency it now belongs to.
 */
async function rowsAskedOfOthers(
  ctx: Context,
  opened: OpenedSheet,
  input: SaveReportInput,
): Promise<Problem[]> {
  const found: { tableKey: string; rowKey: string; orgId: string; label: string }[] = [];
  for (const table of input.tables ?? []) {
    const elsewhere = opened.routing.elsewhere.get(table.key);
    if (!elsewhere) continue;
    for (const row of table.rows) {
      const orgId = row.key ? elsewhere.get(row.key) : undefined;
      if (orgId && row.key) {
        const label = opened.template.tables
          .find((t) => t.key === table.key)
          ?.rows.find((r) => r.key === row.key)?.label;
        found.push({ tableKey: table.key, rowKey: row.key, orgId, label: label ?? row.key });
      }
    }
  }
  if (!found.length) return [];
  const names = new Map(
    (
      await ctx.prisma.org.findMany({
        where: { id: { in: [...new Set(found.map((f) => f.orgId))] } },
        select: { id: true, name: true },
      })
    ).map((o) => [o.id, o.name]),
  );
  return found.map((f) => ({
    tableKey: f.tableKey,
    rowKey: f.rowKey,
    columnKey: null,
    message: `Dòng "${f.label}" đã giao cho ${names.get(f.orgId) ?? 'đơn vị khác'}; tải lại báo cáo rồi lưu.`,
  }));
}

/**
 * Inside the save's transaction: the rows written are still this agency's. The routes are read
 * FOR SHARE, so a department moving one of them (server/dti/assessment.ts, which writes the route
 * first) either finished before — and this save is refused — or waits until it commits and then
 * finds the value written and refuses the move.
 */
async function stillAskedOfUs(
  tx: Prisma.TransactionClient,
  opened: OpenedSheet,
  checked: CheckedSave,
): Promise<void> {
  if (!checked.cells.length) return;
  const routes = await tx.$queryRaw<{ tableKey: string; rowKey: string; orgId: string }[]>`
    SELECT "tableKey", "rowKey", "orgId" FROM "RequestRowRoute"
    WHERE "requestId" = ${opened.request.id} FOR SHARE`;
  const owner = new Map(routes.map((r) => [`${r.tableKey}\u0000${r.rowKey}`, r.orgId]));
  const moved = checked.cells.some((c) => {
    const orgId = owner.get(`${c.tableKey}\u0000${c.rowKey}`);
    return orgId !== undefined && orgId !== opened.org.id;
  });
  if (moved) {
    throw conflict('Một số dòng vừa được giao cho đơn vị khác; tải lại báo cáo rồi lưu.');
  }
}
