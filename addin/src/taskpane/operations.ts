// The contract operations the add-in sends, as docs/contract writes them (compared by
// test/addin/taskpane/operations.test.ts); ReportSheet and MyReportRequests ask for more fields
// the schema offers (the leader's approval and signature, issue 20).
// Each is written with graphql(`…`): npm run codegen types its result and variables from
// schema.graphql (./gql/), so the pane's data is typed by the schema, not by hand.
import { graphql } from './gql/index.ts';

export const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user {
        id
        name
        email
        roles
        org {
          id
          code
          name
        }
      }
    }
  }
`);

// A new account's first sign-in: the one-time code and the password the person chooses.
export const ACTIVATE_ACCOUNT = graphql(`
  mutation ActivateAccount($email: String!, $code: String!, $newPassword: String!) {
    activateAccount(email: $email, code: $code, newPassword: $newPassword) {
      token
      user {
        id
        name
        email
        roles
        org {
          id
          code
          name
        }
      }
    }
  }
`);

// "Quên mật khẩu?": the server emails a one-time reset code (always true: it never tells whether
// an address has an account), then the code and the new password sign in like activation.
export const REQUEST_PASSWORD_RESET = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const RESET_PASSWORD = graphql(`
  mutation ResetPassword($email: String!, $code: String!, $newPassword: String!) {
    resetPassword(email: $email, code: $code, newPassword: $newPassword) {
      token
      user {
        id
        name
        email
        roles
        org {
          id
          code
          name
        }
      }
    }
  }
`);

export const ME = graphql(`
  query Me {
    me {
      id
      name
      email
      roles
      org {
        id
        code
        name
        kind
        level
      }
    }
  }
`);

/** A report's signature as people read it: who signed, in which form, valid or why not. */
export const SIGNATURE_SUMMARY_FIELDS = graphql(`
  fragment SignatureSummary on SubmissionSignature {
    version
    form
    signerName
    signerOffice
    signerTitle
    signedAt
    valid
    problem
    summary
    signedCopyUrl
  }
`);

/** One step of a report's history (saved, presented, approved, signed, sent, returned…). */
export const HISTORY_EVENT_FIELDS = graphql(`
  fragment HistoryEvent on SubmissionEvent {
    action
    label
    at
    actorName
    form
    afterVersion
    reason
  }
`);

export const MY_REPORT_REQUESTS = graphql(`
  query MyReportRequests {
    myReportRequests {
      id
      title
      deadline
      status
      period {
        label
      }
      template {
        id
        code
        name
        version
      }
      requiresApproval
      requiresSignature
      mySubmission {
        id
        status
        version
        submittedAt
        late
        returnReason
        approvedAt
        signature {
          ...SignatureSummary
        }
      }
    }
  }
`);

/** A template column as the sheets lay it out and the shared checks read it. */
export const COLUMN_FIELDS = graphql(`
  fragment Column on SheetColumn {
    key
    label
    type
    required
    readOnly
    carryForward
    changeFactor
    aggregate
    options {
      key
      label
    }
  }
`);

/** One agency's values on a consolidated row. */
export const AGENCY_CELLS_FIELDS = graphql(`
  fragment AgencyCells on OrgCells {
    org {
      id
      name
    }
    cells {
      columnKey
      value
    }
  }
`);

// The contract's ReportSheet plus what the add-in needs to check cells exactly as the server
// does (group rows, required sections, open rows, aggregate rules).
export const REPORT_SHEET = graphql(`
  query ReportSheet($requestId: ID!, $orgId: ID) {
    reportSheet(requestId: $requestId, orgId: $orgId) {
      request {
        id
        title
        deadline
      }
      org {
        id
        name
      }
      template {
        id
        code
        name
        version
      }
      outline {
        key
        number
        heading
        guidance
        answer
        depth
        answerable
        required
      }
      tables {
        key
        title
        description
        allowOpenRows
        columns {
          ...Column
        }
        rows {
          key
          group
          label
          readOnly
          isGroup
          open
          carryForward
          cells {
            columnKey
            value
          }
        }
      }
      submission {
        id
        status
        version
        returnReason
      }
      lastPeriod {
        requestId
        periodLabel
        sentAt
        tables {
          key
          rows {
            key
            cells {
              columnKey
              value
            }
          }
        }
      }
    }
  }
`);

export const SAVE_REPORT = graphql(`
  mutation SaveReport($input: SaveReportInput!) {
    saveReport(input: $input) {
      submission {
        id
        status
        version
        submittedAt
        late
      }
      problems {
        tableKey
        rowKey
        columnKey
        message
      }
    }
  }
`);

// ───────────── The consolidating department ─────────────

export const OPEN_REPORT_REQUEST = graphql(`
  mutation OpenReportRequest($input: OpenReportRequestInput!) {
    openReportRequest(input: $input) {
      id
      title
      deadline
      status
      period {
        kind
        label
        cutoffStart
        cutoffEnd
      }
      template {
        id
        code
        name
        version
      }
      recipients {
        id
        name
      }
    }
  }
`);

/** Who has reported: what the completeness sheet and the review list need. */
export const STANDING_FIELDS = graphql(`
  fragment Standing on ReportRequest {
    id
    title
    deadline
    requiresApproval
    requiresSignature
    period {
      label
    }
    completeness {
      expected
      submitted
      onTime
      late
      missing
      pendingApproval
      returned
      accepted
    }
    recipientStatuses {
      org {
        id
        name
        level
        email
        phone
      }
      state
      submissionId
      version
      submittedAt
      late
      returnReason
      overdue
    }
  }
`);

// The consolidation in pages (ReportRequest.consolidatedPages), for thousands of agencies: the
// tables' heads (columns, each row's totals and roll-ups) five at a time, then each table's
// agencies a page at a time after its endCursor, and the outline's answers likewise. Walking every
// page gives exactly the Consolidation's `consolidated`.
export const CONSOLIDATION_TABLES = graphql(`
  query ConsolidationTables($requestId: ID!, $after: String) {
    reportRequest(id: $requestId) {
      consolidatedPages {
        tables(first: 5, after: $after) {
          edges {
            cursor
            node {
              key
              title
              description
              columns {
                ...Column
              }
              rows {
                key
                group
                label
                isGroup
                reporting
                totals {
                  columnKey
                  value
                }
                rollup {
                  ...AgencyCells
                }
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`);

// One table's agencies, a page after another: the table is the one after `tableAfter` (null: the
// first), its agencies those after `after`.
export const CONSOLIDATION_AGENCIES = graphql(`
  query ConsolidationAgencies($requestId: ID!, $tableAfter: String, $first: Int!, $after: String) {
    reportRequest(id: $requestId) {
      consolidatedPages {
        tables(first: 1, after: $tableAfter) {
          edges {
            node {
              agencies(first: $first, after: $after) {
                edges {
                  node {
                    org {
                      id
                      name
                    }
                    rows {
                      rowKey
                      cells {
                        columnKey
                        value
                      }
                    }
                    addedRows {
                      key
                      group
                      label
                      isGroup
                      totals {
                        columnKey
                        value
                      }
                      byOrg {
                        ...AgencyCells
                      }
                      rollup {
                        ...AgencyCells
                      }
                    }
                  }
                }
                pageInfo {
                  hasNextPage
                  endCursor
                }
              }
            }
          }
        }
      }
    }
  }
`);

// The outline's sections with their answers, a page at a time: every section's first page, or
// (with `key`) one section's page after `after`.
export const CONSOLIDATION_OUTLINE = graphql(`
  query ConsolidationOutline($requestId: ID!, $key: String, $first: Int!, $after: String) {
    reportRequest(id: $requestId) {
      consolidatedPages {
        outline(key: $key) {
          key
          number
          depth
          heading
          answers(first: $first, after: $after) {
            edges {
              node {
                org {
                  id
                  name
                }
                text
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  }
`);

// The contract's Consolidation plus what the sheets show: each agency's standing with its
// contacts, the roll-ups by district, and the outline's numbering. The pane itself reads the
// consolidation in pages (above); this whole answer stays as the contract's shape, checked field
// for field in test/addin/taskpane/operations.test.ts.
export const CONSOLIDATION = graphql(`
  query Consolidation($requestId: ID!) {
    reportRequest(id: $requestId) {
      ...Standing
      submissions {
        id
        status
        version
        submittedAt
        late
        org {
          id
          name
        }
      }
      missingOrgs {
        id
        name
      }
      consolidated {
        outline {
          key
          number
          depth
          heading
          answers {
            org {
              id
              name
            }
            text
          }
        }
        tables {
          key
          title
          description
          columns {
            ...Column
          }
          rows {
            key
            group
            label
            isGroup
            totals {
              columnKey
              value
            }
            byOrg {
              ...AgencyCells
            }
            rollup {
              ...AgencyCells
            }
          }
        }
      }
    }
  }
`);

/** Who has reported, without the merged tables: what "Làm mới tình hình nộp" needs. */
export const COMPLETENESS = graphql(`
  query Completeness($requestId: ID!) {
    reportRequest(id: $requestId) {
      ...Standing
    }
  }
`);

export const RETURN_SUBMISSION = graphql(`
  mutation ReturnSubmission($id: ID!, $reason: String!) {
    returnSubmission(id: $id, reason: $reason) {
      id
      status
      returnReason
      version
    }
  }
`);

export const ACCEPT_SUBMISSION = graphql(`
  mutation AcceptSubmission($id: ID!) {
    acceptSubmission(id: $id) {
      id
      status
    }
  }
`);

export const OVERSEEN_REQUESTS = graphql(`
  query OverseenRequests {
    reportRequests(first: 100, status: OPEN) {
      edges {
        node {
          id
          title
          deadline
          viewerOversees
          recipientCount
          period {
            label
          }
          template {
            name
          }
        }
      }
    }
  }
`);

/** What the open-request form offers: templates, plans, and the consolidator's province. */
export const OPEN_REQUEST_CHOICES = graphql(`
  query OpenRequestChoices {
    me {
      org {
        id
        name
        parent {
          id
          name
        }
      }
    }
    reportTemplates {
      id
      code
      name
      version
      status
    }
    plans(first: 100) {
      edges {
        node {
          id
          number
          title
        }
      }
    }
  }
`);

export const FIND_ORGS = graphql(`
  query FindOrgs($search: String!, $within: ID) {
    orgs(search: $search, withinOrgId: $within, first: 8) {
      edges {
        node {
          id
          name
          level
        }
      }
    }
  }
`);

export const RECIPIENT_PREVIEW = graphql(`
  query RecipientPreview(
    $period: PeriodInput!
    $deadline: String
    $ids: [ID!]
    $groups: [RecipientGroupInput!]
  ) {
    recipientPreview(
      period: $period
      deadline: $deadline
      recipientOrgIds: $ids
      recipientGroups: $groups
    ) {
      count
      orgs(first: 5) {
        id
        name
      }
      outsideScope {
        id
        name
      }
      notExisting {
        id
        name
      }
    }
  }
`);

/**
 * One agency's report as the consolidator reviews it: its signature and history. The request's
 * reports the consolidator may read, picked by agency in the pane (the schema has no query for
 * one report by id).
 */
export const SUBMISSION_REVIEW = graphql(`
  query SubmissionReview($requestId: ID!) {
    reportRequest(id: $requestId) {
      id
      submissions {
        id
        org {
          id
        }
        signature {
          ...SignatureSummary
        }
        history {
          ...HistoryEvent
        }
      }
    }
  }
`);

// ───────────── The agency's leader (issue 20) ─────────────

/** Reports waiting for the leader, or approved and not yet sent, in the leader's agencies. */
export const APPROVAL_QUEUE = graphql(`
  query ApprovalQueue {
    approvalQueue {
      id
      status
      version
      updatedAt
      approvedAt
      org {
        id
        name
      }
      request {
        id
        title
        deadline
        requiresSignature
        period {
          label
        }
      }
      signature {
        ...SignatureSummary
      }
      history {
        ...HistoryEvent
      }
    }
  }
`);

export const APPROVE_SUBMISSION = graphql(`
  mutation ApproveSubmission($id: ID!, $version: Int!) {
    approveSubmission(id: $id, version: $version) {
      id
      status
      version
      approvedAt
    }
  }
`);

export const RETURN_TO_STAFF = graphql(`
  mutation ReturnToStaff($id: ID!, $reason: String!) {
    returnToStaff(id: $id, reason: $reason) {
      id
      status
      returnReason
    }
  }
`);

export const UNAPPROVE_SUBMISSION = graphql(`
  mutation UnapproveSubmission($id: ID!, $reason: String) {
    unapproveSubmission(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const SEND_SUBMISSION = graphql(`
  mutation SendSubmission($id: ID!) {
    sendSubmission(id: $id) {
      id
      status
      version
      submittedAt
      late
    }
  }
`);

// Reminders that reached the signed-in user (deadline reminders, a report waiting for them).
export const MY_NOTIFICATIONS = graphql(`
  query MyNotifications($unreadOnly: Boolean) {
    myNotifications(unreadOnly: $unreadOnly) {
      id
      title
      body
      createdAt
      readAt
      request {
        id
        title
      }
    }
  }
`);

export const MARK_NOTIFICATIONS_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

// A request's automatic reminders as its consolidating department sets them, and the send log.
export const MESSAGE_LOG_FIELDS = graphql(`
  fragment MessageLog on OutgoingMessage {
    id
    kind
    channel
    address
    subject
    status
    attempts
    lastError
    sentAt
    createdAt
    org {
      id
      name
    }
  }
`);

export const REMINDERS = graphql(`
  query Reminders($requestId: ID!) {
    reportRequest(id: $requestId) {
      id
      reminderRules {
        id
        offsetDays
        attachLetter
      }
      messageLog {
        ...MessageLog
      }
    }
  }
`);

export const SET_REMINDER_RULES = graphql(`
  mutation SetReminderRules($requestId: ID!, $rules: [ReminderRuleInput!]!) {
    setReminderRules(requestId: $requestId, rules: $rules) {
      id
      reminderRules {
        id
        offsetDays
        attachLetter
      }
    }
  }
`);
