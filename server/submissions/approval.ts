// The agency's leader between its staff and the Sở: approves the version staff presented (values
// locked), returns it to staff with a reason, withdraws an approval (not after the Sở accepted),
// and sends the approved — and, where required, signed — report. Which move is allowed from which
// state is shared/reporting/approval.ts; who may make it is server/auth/access.ts. Each move is
// one guarded UPDATE (the state and version it was decided on) and an audit event.
import type { Prisma, Submission } from '../../generated/prisma/client.ts';
import {
  approvalTransition,
  type ApprovalAction,
  type ApprovalRequirement,
} from '../../shared/reporting/approval.ts';
import type { SubmissionStatus } from '../../shared/reporting/status.ts';
import { canApprove, canReadSubmission, canSendApproved, canUnapprove } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import { recordTargetMeasurements } from '../consolidation/measurements.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { deadlineFor } from '../requests/deadlines.ts';
import { MAX_REASON_LENGTH } from './review.ts';
import { sentFacts } from './save.ts';
import { queueDeliveries } from '../exchange/outbox.ts';

type Tx = Prisma.TransactionClient;

export interface FoundSubmission {
  submission: Submission;
  orgPath: string;
  orgLevel: string | null;
  requirement: ApprovalRequirement;
  request: {
    deadline: Date;
    deadlines: { level: string; deadline: Date }[];
  };
}

/** The report as the viewer may see it (NOT_FOUND otherwise), with what its request requires. */
export async function findForApproval(ctx: Context, id: string): Promise<FoundSubmission> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const found = await ctx.prisma.submission.findUnique({
    where: { id },
    include: {
      org: { select: { path: true, level: true } },
      request: {
        select: {
          requiresApproval: true,
          requiresSignature: true,
          deadline: true,
          deadlines: { select: { level: true, deadline: true } },
        },
      },
    },
  });
  if (!found || !canReadSubmission(viewer, { orgPath: found.org.path, status: found.status })) {
    throw notFound(`báo cáo ${id}`);
  }
  const { org, request, ...submission } = found;
  return {
    submission,
    orgPath: org.path,
    orgLevel: org.level,
    requirement: {
      requiresApproval: request.requiresApproval,
      requiresSignature: request.requiresSignature,
    },
    request: { deadline: request.deadline, deadlines: request.deadlines },
  };
}

/** The state `action` leads to, or CONFLICT with the reason. */
export function transitionOrRefuse(found: FoundSubmission, action: ApprovalAction) {
  const move = approvalTransition(action, found.submission.status, found.requirement);
  if (!move.ok) throw conflict(move.message, { status: found.submission.status });
  return move.to;
}

interface Move {
  action: ApprovalAction;
  from: SubmissionStatus;
  to: SubmissionStatus;
  data: Prisma.SubmissionUncheckedUpdateInput;
  details: Record<string, Prisma.InputJsonValue | null>;
  /** Signatures of the version stop standing (the approval they rest on is gone). */
  supersedeSignatures?: boolean;
  /** What the consolidation counts changes: measure the plan's targets again. */
  remeasure?: boolean;
  extra?: (tx: Tx) => Promise<void>;
}

/** Applies one move if the report is still as it was read; records it. */
async function apply(ctx: Context, found: FoundSubmission, move: Move): Promise<Submission> {
  const { submission } = found;
  const now = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    const moved = await tx.submission.updateMany({
      where: { id: submission.id, version: submission.version, status: move.from },
      data: { ...move.data, status: move.to },
    });
    if (moved.count !== 1) throw conflict('Báo cáo vừa thay đổi; tải lại rồi thử lại.');
    if (move.supersedeSignatures) {
      await tx.submissionSignature.updateMany({
        where: { submissionId: submission.id, supersededAt: null },
        data: { supersededAt: now },
      });
    }
    await move.extra?.(tx);
    await recordAudit(tx, ctx, {
      action: `submission.${move.action}`,
      entityType: 'Submission',
      entityId: submission.id,
      beforeVersion: submission.version,
      afterVersion: submission.version,
      details: { from: move.from, to: move.to, ...move.details },
    });
    if (move.remeasure) await recordTargetMeasurements(tx, submission.requestId);
    // The leader's send is the version's send: other systems receive it now.
    if (move.to === 'SUBMITTED') await queueDeliveries(tx, submission);
    return tx.submission.findUniqueOrThrow({ where: { id: submission.id } });
  });
}

function reasonText(reason: string | null | undefined, required: boolean): string | null {
  const text = (reason ?? '').normalize('NFC').trim();
  if (!text) {
    if (required) throw badInput('Cần ghi lý do để cán bộ biết phải sửa gì.');
    return null;
  }
  if (text.length > MAX_REASON_LENGTH) throw badInput(`Lý do dài quá ${MAX_REASON_LENGTH} ký tự.`);
  return text;
}

const LEADER_ONLY = 'Chỉ lãnh đạo của đơn vị (vai trò duyệt báo cáo) mới làm được việc này.';

/** The leader approves the version they read: `version` must still be the current one. */
export async function approveSubmission(
  ctx: Context,
  id: string,
  version: number,
): Promise<Submission> {
  const found = await findForApproval(ctx, id);
  if (!canApprove(ctx.viewer, found.orgPath)) throw forbidden(LEADER_ONLY);
  const to = transitionOrRefuse(found, 'approve');
  if (found.submission.version !== version) {
    throw conflict(
      `Cán bộ đã lưu phiên bản ${found.submission.version} sau bản bạn đang xem (phiên bản ${version}); xem lại rồi duyệt.`,
      { currentVersion: found.submission.version },
    );
  }
  return apply(ctx, found, {
    action: 'approve',
    from: found.submission.status,
    to,
    data: { approvedAt: new Date(), approvedById: ctx.viewer!.userId },
    details: { role: 'APPROVER' },
  });
}

/** The leader sends the report back to staff with a reason: a draft again, editable. */
export async function returnToStaff(ctx: Context, id: string, reason: string): Promise<Submission> {
  const text = reasonText(reason, true);
  const found = await findForApproval(ctx, id);
  if (!canApprove(ctx.viewer, found.orgPath)) throw forbidden(LEADER_ONLY);
  const to = transitionOrRefuse(found, 'returnToStaff');
  return apply(ctx, found, {
    action: 'returnToStaff',
    from: found.submission.status,
    to,
    data: { approvedAt: null, approvedById: null, returnReason: text },
    details: { role: 'APPROVER', reason: text },
    supersedeSignatures: true,
  });
}

/**
 * The approval is withdrawn — by the leader or an administrator over the agency — also from a
 * report already sent (it leaves the consolidation) until the Sở accepts it.
 */
export async function unapproveSubmission(
  ctx: Context,
  id: string,
  reason?: string | null,
): Promise<Submission> {
  const text = reasonText(reason, false);
  const found = await findForApproval(ctx, id);
  if (!canUnapprove(ctx.viewer, found.orgPath)) {
    throw forbidden('Chỉ lãnh đạo đơn vị hoặc quản trị viên mới bỏ duyệt được báo cáo.');
  }
  const to = transitionOrRefuse(found, 'unapprove');
  const wasSent = found.submission.status === 'SUBMITTED';
  return apply(ctx, found, {
    action: 'unapprove',
    from: found.submission.status,
    to,
    data: { approvedAt: null, approvedById: null },
    details: {
      role: canApprove(ctx.viewer, found.orgPath) ? 'APPROVER' : 'ADMIN',
      reason: text,
      withdrawnFromConsolidation: wasSent,
    },
    supersedeSignatures: true,
    remeasure: wasSent,
  });
}

/**
 * The approved report goes to the Sở, by its leader or its staff; where a signature is required,
 * only with a valid one of this very version (`signatureStands`).
 */
export async function sendApproved(
  ctx: Context,
  id: string,
  signatureStands: (found: FoundSubmission) => Promise<string | null>,
): Promise<Submission> {
  const found = await findForApproval(ctx, id);
  if (!canSendApproved(ctx.viewer, found.orgPath)) {
    throw forbidden('Chỉ lãnh đạo hoặc cán bộ báo cáo của đơn vị mới gửi được báo cáo này.');
  }
  const to = transitionOrRefuse(found, 'send');
  if (found.requirement.requiresSignature) {
    const problem = await signatureStands(found);
    if (problem) throw conflict(problem);
  }
  const deadline = deadlineFor(found.request, found.orgLevel);
  const { submission } = found;
  return apply(ctx, found, {
    action: 'send',
    from: submission.status,
    to,
    data: sentFacts(submission, deadline, new Date(), ctx.viewer!.userId),
    details: { role: canApprove(ctx.viewer, found.orgPath) ? 'APPROVER' : 'REPORTER' },
    remeasure: true,
  });
}
