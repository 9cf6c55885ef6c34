// The states of an agency's report, what counts as sent, and what people read for each, said once
// for the server, its SQL, the add-in, the files and the bench.

export const SUBMISSION_STATUSES = [
  'DRAFT',
  'PENDING_APPROVAL',
  'APPROVED',
  'SUBMITTED',
  'RETURNED',
  'ACCEPTED',
] as const;
/**
 * draft → (pending approval → approved, when the request asks for the leader's approval) →
 * submitted → returned (with a reason) → … → accepted.
 */
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A recipient's standing on a request: its report's status, or nothing started. */
export type RecipientState = 'NOT_STARTED' | SubmissionStatus;

/** What a person reads for each state, in the pane, the sheets and the consolidated files. */
export const STATE_LABEL: Record<RecipientState, string> = {
  NOT_STARTED: 'Chưa làm',
  DRAFT: 'Nháp (chưa gửi)',
  PENDING_APPROVAL: 'Chờ duyệt',
  APPROVED: 'Đã duyệt, chưa gửi',
  SUBMITTED: 'Đã gửi',
  RETURNED: 'Bị trả lại',
  ACCEPTED: 'Đã tiếp nhận',
};

/**
 * Sent to the consolidating department and not returned since: what consolidation, completeness
 * and target measurements count.
 */
export const SENT_STATUSES = [
  'SUBMITTED',
  'ACCEPTED',
] as const satisfies readonly SubmissionStatus[];

export const isSent = (status: string | null | undefined): boolean =>
  (SENT_STATUSES as readonly string[]).includes(status ?? '');

/** SENT_STATUSES as a SQL list, for raw statements: IN ('SUBMITTED', 'ACCEPTED'). */
export const SENT_STATUSES_SQL = `(${SENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Still inside the agency: nobody outside it reads these (a draft, or a report its leader has not
 * sent yet). A report returned by the Sở was sent once, so the Sở still reads it.
 */
export const INSIDE_AGENCY_STATUSES = [
  'DRAFT',
  'PENDING_APPROVAL',
  'APPROVED',
] as const satisfies readonly SubmissionStatus[];

export const isInsideAgency = (status: string | null | undefined): boolean =>
  (INSIDE_AGENCY_STATUSES as readonly string[]).includes(status ?? '');

/** With the leader: staff cannot change the values until the leader returns it (DESIGN §7). */
export const LOCKED_FOR_STAFF_STATUSES = [
  'PENDING_APPROVAL',
  'APPROVED',
  'SUBMITTED',
  'ACCEPTED',
] as const satisfies readonly SubmissionStatus[];
