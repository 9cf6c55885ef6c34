// The consolidating department reviews what was sent: it returns a report with a reason (the
// agency sees it and may send again) or accepts it (locked from then on). Only sent reports can
// be reviewed. A decision changes the status, not the content: the version stays (so the
// agency's workbook, based on it, can be corrected and sent again) and an audit event records it.
import type { Submission } from '../../generated/prisma/client.ts';
import { canConsolidate, canReadSubmission } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { recordTargetMeasurements } from '../consolidation/measurements.ts';

export const MAX_REASON_LENGTH = 4_000;

type Decision = { kind: 'return'; reason: string } | { kind: 'accept' };

async function decide(ctx: Context, id: string, decision: Decision): Promise<Submission> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const found = await ctx.prisma.submission.findUnique({
    where: { id },
    include: {
      org: { select: { path: true } },
      request: { select: { consolidatorOrg: { select: { path: true } } } },
    },
  });
  if (!found || !canReadSubmission(viewer, { orgPath: found.org.path, status: found.status })) {
    throw notFound(`báo cáo ${id}`);
  }
  if (
    !canConsolidate(viewer, found.org.path) ||
    !canConsolidate(viewer, found.request.consolidatorOrg.path)
  ) {
    throw forbidden('Chỉ đơn vị tổng hợp của yêu cầu này mới trả lại hoặc tiếp nhận báo cáo.');
  }
  if (found.status !== 'SUBMITTED') {
    const state = {
      DRAFT: 'chưa gửi',
      PENDING_APPROVAL: 'đang chờ lãnh đạo đơn vị duyệt, chưa gửi',
      APPROVED: 'đã được lãnh đạo đơn vị duyệt nhưng chưa gửi',
      RETURNED: 'đã bị trả lại, đang chờ đơn vị gửi lại',
      ACCEPTED: 'đã được tiếp nhận',
      SUBMITTED: '',
    }[found.status];
    throw conflict(`Báo cáo ${state}; chỉ xem xét được báo cáo đã gửi.`);
  }
  const now = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    const moved = await tx.submission.updateMany({
      where: { id, version: found.version, status: 'SUBMITTED' },
      data:
        decision.kind === 'return'
          ? {
              status: 'RETURNED',
              returnReason: decision.reason,
              returnedAt: now,
              returnedById: viewer.userId,
            }
          : {
              status: 'ACCEPTED',
              acceptedAt: now,
              acceptedById: viewer.userId,
            },
    });
    if (moved.count !== 1) throw conflict('Báo cáo vừa thay đổi; tải lại rồi thử lại.');
    const updated = await tx.submission.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, {
      action: decision.kind === 'return' ? 'submission.return' : 'submission.accept',
      entityType: 'Submission',
      entityId: id,
      beforeVersion: found.version,
      afterVersion: updated.version,
      details: decision.kind === 'return' ? { reason: decision.reason } : {},
    });
    await recordTargetMeasurements(tx, updated.requestId);
    return updated;
  });
}

export function returnSubmission(ctx: Context, id: string, reason: string): Promise<Submission> {
  const text = reason.normalize('NFC').trim();
  if (!text) throw badInput('Cần ghi lý do trả lại để đơn vị biết phải sửa gì.');
  if (text.length > MAX_REASON_LENGTH) {
    throw badInput(`Lý do trả lại dài quá ${MAX_REASON_LENGTH} ký tự.`);
  }
  return decide(ctx, id, { kind: 'return', reason: text });
}

export function acceptSubmission(ctx: Context, id: string): Promise<Submission> {
  return decide(ctx, id, { kind: 'accept' });
}
