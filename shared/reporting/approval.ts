// The approval inside an agency (issue 20): what a request requires, and which state each action
// moves a report to — or why it cannot. One table for the server's rules (server/submissions/
// approval.ts), the add-in's buttons and the access tests. Who may act is server/auth/access.ts.
import type { SubmissionStatus } from './status.ts';

export interface ApprovalRequirement {
  /** The agency's leader approves before the report leaves the agency. */
  requiresApproval: boolean;
  /** The approved version carries the leader's digital signature. */
  requiresSignature: boolean;
}

/**
 * What a request requires: what its consolidator asked, else its template's defaults. A
 * signature is the leader's, so it brings approval with it.
 */
export function approvalRequirement(
  asked: Partial<Record<keyof ApprovalRequirement, boolean | null | undefined>>,
  template: ApprovalRequirement,
): ApprovalRequirement {
  const requiresSignature = asked.requiresSignature ?? template.requiresSignature;
  const requiresApproval =
    requiresSignature || (asked.requiresApproval ?? template.requiresApproval);
  return { requiresApproval, requiresSignature };
}

/**
 * What the leader and the agency do with a report:
 * - `present`: staff send it to the leader (saveReport with submit, when approval is required);
 * - `approve`: the leader approves the version they read (values locked);
 * - `returnToStaff`: the leader sends it back with a reason (editable again);
 * - `unapprove`: the approval is withdrawn (also from a sent report, until the Sở accepts it);
 * - `sign`: the leader signs the approved version;
 * - `send`: the approved (and, if required, signed) report goes to the Sở.
 */
export type ApprovalAction =
  'present' | 'approve' | 'returnToStaff' | 'unapprove' | 'sign' | 'send';

export const APPROVAL_ACTIONS: readonly ApprovalAction[] = [
  'present',
  'approve',
  'returnToStaff',
  'unapprove',
  'sign',
  'send',
];

export type Transition = { ok: true; to: SubmissionStatus } | { ok: false; message: string };

const refuse = (message: string): Transition => ({ ok: false, message });
const to = (status: SubmissionStatus): Transition => ({ ok: true, to: status });

const NOT_REQUIRED =
  'Yêu cầu báo cáo này không cần lãnh đạo đơn vị duyệt; cán bộ gửi thẳng cho đơn vị tổng hợp.';

/** Why a report in `from` cannot take `action`, in words for the person who tried. */
const STATE_WORDS: Record<SubmissionStatus | 'NONE', string> = {
  NONE: 'chưa được lưu lần nào',
  DRAFT: 'đang là bản nháp của cán bộ',
  PENDING_APPROVAL: 'đang chờ lãnh đạo duyệt',
  APPROVED: 'đã được duyệt, chưa gửi',
  SUBMITTED: 'đã gửi đơn vị tổng hợp',
  RETURNED: 'đã bị đơn vị tổng hợp trả lại, đang chờ cán bộ sửa',
  ACCEPTED: 'đã được đơn vị tổng hợp tiếp nhận',
};

/**
 * The state `action` moves a report in `from` to (null: nothing saved yet), for a request with
 * `requirement`; or the refusal, in Vietnamese.
 */
export function approvalTransition(
  action: ApprovalAction,
  from: SubmissionStatus | null,
  requirement: ApprovalRequirement,
): Transition {
  if (!requirement.requiresApproval) return refuse(NOT_REQUIRED);
  const state = STATE_WORDS[from ?? 'NONE'];
  switch (action) {
    case 'present':
      return from === null || from === 'DRAFT' || from === 'RETURNED'
        ? to('PENDING_APPROVAL')
        : refuse(`Báo cáo ${state}; chỉ trình duyệt được bản nháp hoặc bản bị trả lại.`);
    case 'approve':
      return from === 'PENDING_APPROVAL'
        ? to('APPROVED')
        : refuse(`Báo cáo ${state}; chỉ duyệt được báo cáo cán bộ đã trình.`);
    case 'returnToStaff':
      return from === 'PENDING_APPROVAL' || from === 'APPROVED'
        ? to('DRAFT')
        : refuse(
            `Báo cáo ${state}; chỉ trả lại cho cán bộ được báo cáo đang chờ duyệt hoặc đã duyệt mà chưa gửi.`,
          );
    case 'unapprove':
      if (from === 'ACCEPTED') {
        return refuse('Đơn vị tổng hợp đã tiếp nhận báo cáo; không bỏ duyệt được nữa.');
      }
      return from === 'APPROVED' || from === 'SUBMITTED'
        ? to('PENDING_APPROVAL')
        : refuse(`Báo cáo ${state}; chỉ bỏ duyệt được báo cáo đã duyệt hoặc đã gửi.`);
    case 'sign':
      return from === 'APPROVED'
        ? to('APPROVED')
        : refuse(`Báo cáo ${state}; chỉ ký số được bản đã duyệt, trước khi gửi.`);
    case 'send':
      return from === 'APPROVED'
        ? to('SUBMITTED')
        : refuse(`Báo cáo ${state}; chỉ gửi được báo cáo lãnh đạo đã duyệt.`);
  }
}
