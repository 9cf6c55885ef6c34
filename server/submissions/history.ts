// A report's history as people read it: every save, presentation, approval, signature, sending,
// return and acceptance, from the audit events each of them wrote (server/audit/audit.ts).
import type { Role } from '../../shared/auth/roles.ts';
import { SIGNING_FORMS, type SigningForm } from '../../shared/signing/forms.ts';

export interface HistoryEvent {
  action: string;
  label: string;
  at: Date;
  actorName: string | null;
  actorRole: Role | null;
  form: SigningForm | null;
  beforeVersion: number | null;
  afterVersion: number | null;
  reason: string | null;
}

interface AuditRow {
  action: string;
  at: Date;
  beforeVersion: number | null;
  afterVersion: number | null;
  details: unknown;
  actor: { name: string } | null;
}

/** What each action is called, and the role it is taken in when the event does not say. */
const ACTIONS: Record<string, { label: string; role: Role }> = {
  'submission.save': { label: 'Lưu nháp', role: 'REPORTER' },
  'submission.present': { label: 'Trình lãnh đạo duyệt', role: 'REPORTER' },
  'submission.approve': { label: 'Lãnh đạo đã duyệt', role: 'APPROVER' },
  'submission.returnToStaff': { label: 'Lãnh đạo trả lại cho cán bộ', role: 'APPROVER' },
  'submission.unapprove': { label: 'Bỏ duyệt', role: 'APPROVER' },
  'submission.sign': { label: 'Ký số', role: 'APPROVER' },
  'submission.send': { label: 'Gửi đơn vị tổng hợp (sau khi duyệt)', role: 'APPROVER' },
  'submission.submit': { label: 'Gửi đơn vị tổng hợp', role: 'REPORTER' },
  'submission.return': { label: 'Đơn vị tổng hợp trả lại', role: 'CONSOLIDATOR' },
  'submission.accept': { label: 'Đơn vị tổng hợp tiếp nhận', role: 'CONSOLIDATOR' },
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function historyOf(rows: AuditRow[]): HistoryEvent[] {
  return rows.map((row) => {
    const details = (row.details ?? {}) as Record<string, unknown>;
    const known = ACTIONS[row.action];
    const role = text(details.role) as Role | null;
    const form = text(details.form);
    return {
      action: row.action,
      label: known?.label ?? row.action,
      at: row.at,
      actorName: row.actor?.name ?? null,
      actorRole: role ?? known?.role ?? null,
      form: form && SIGNING_FORMS.some((f) => f.code === form) ? (form as SigningForm) : null,
      beforeVersion: row.beforeVersion,
      afterVersion: row.afterVersion,
      reason: text(details.reason),
    };
  });
}
