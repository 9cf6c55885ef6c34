// The states of an agency's report, and what counts as sent, said once for the server, its SQL,
// the add-in and the bench.

export const SUBMISSION_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'] as const;
/** draft → submitted → returned (with a reason) → submitted … → accepted. */
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A recipient's standing on a request: its report's status, or nothing started. */
export type RecipientState = 'NOT_STARTED' | SubmissionStatus;

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
