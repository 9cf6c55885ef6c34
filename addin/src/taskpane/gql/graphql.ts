/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AdminLevel = 'CENTRAL' | 'COMMUNE' | 'DISTRICT' | 'PROVINCE';

export type Aggregate = 'AVERAGE' | 'COUNT' | 'LIST' | 'MAX' | 'MIN' | 'NONE' | 'SUM';

export type AnswerInput = {
  key: string;
  text?: string | null | undefined;
};

export type CellInput = {
  columnKey: string;
  value?: string | null | undefined;
};

export type ColumnType =
  | 'BOOLEAN'
  | 'CHOICE'
  | 'DATE'
  | 'DECIMAL'
  | 'INTEGER'
  | 'LONG_TEXT'
  | 'MONEY'
  | 'PERCENT'
  | 'TEXT';

export type LevelDeadlineInput = {
  /** Thời điểm ISO 8601 */
  deadline: string;
  level: AdminLevel;
};

export type OpenReportRequestInput = {
  /** Thời điểm ISO 8601 */
  deadline: string;
  kind?: ReportKind | null | undefined;
  /** Hạn riêng cho một cấp (ví dụ cấp xã muộn hơn) */
  levelDeadlines?: Array<LevelDeadlineInput> | null | undefined;
  note?: string | null | undefined;
  period: PeriodInput;
  planId?: string | null | undefined;
  recipientGroups?: Array<RecipientGroupInput> | null | undefined;
  recipientOrgIds?: Array<string> | null | undefined;
  templateId: string;
  title: string;
};

export type OrgKind =
  | 'AGENCY'
  | 'ASSOCIATION'
  | 'DEPARTMENT'
  | 'ENTERPRISE'
  | 'GOVERNMENT'
  | 'MASS_ORGANIZATION'
  | 'MINISTRY'
  | 'OTHER'
  | 'PARTY_COMMITTEE'
  | 'PEOPLES_COMMITTEE'
  | 'PEOPLES_COUNCIL'
  | 'PRESS'
  | 'STEERING_COMMITTEE'
  | 'UNIVERSITY';

/** Kỳ báo cáo: theo Nghị định 09 (kind, year, number) hoặc AD_HOC với ngày cụ thể */
export type PeriodInput = {
  /** AD_HOC: ngày kết thúc YYYY-MM-DD */
  end?: string | null | undefined;
  kind: PeriodKind;
  /** Tháng 1–12, quý 1–4, nửa năm 1–2 */
  number?: number | null | undefined;
  /** AD_HOC: ngày bắt đầu YYYY-MM-DD */
  start?: string | null | undefined;
  year: number;
};

export type PeriodKind = 'AD_HOC' | 'HALF_YEAR' | 'MONTH' | 'NINE_MONTHS' | 'QUARTER' | 'YEAR';

/** Một nhóm đơn vị: theo loại và/hoặc cấp, trong một cây con */
export type RecipientGroupInput = {
  /** Loại đơn vị, ví dụ DEPARTMENT, PEOPLES_COMMITTEE */
  kind?: string | null | undefined;
  level?: AdminLevel | null | undefined;
  /** Gốc cây con, ví dụ UBND tỉnh */
  withinOrgId?: string | null | undefined;
};

export type RecipientState = 'ACCEPTED' | 'DRAFT' | 'NOT_STARTED' | 'RETURNED' | 'SUBMITTED';

export type ReportKind = 'AD_HOC' | 'PERIODIC' | 'THEMATIC';

export type RequestStatus = 'CLOSED' | 'OPEN';

export type Role = 'ADMIN' | 'ANALYST' | 'CONSOLIDATOR' | 'REPORTER';

/** Một dòng; không có key: dòng mới do đơn vị thêm */
export type RowInput = {
  cells: Array<CellInput>;
  key?: string | null | undefined;
};

export type SaveReportInput = {
  answers?: Array<AnswerInput> | null | undefined;
  /** 0 khi chưa lưu lần nào */
  baseVersion: number;
  idempotencyKey: string;
  /** Mặc định: đơn vị của người dùng */
  orgId?: string | null | undefined;
  requestId: string;
  /** true: gửi báo cáo; bỏ trống: lưu nháp */
  submit?: boolean | null | undefined;
  tables?: Array<TableInput> | null | undefined;
};

export type SubmissionStatus = 'ACCEPTED' | 'DRAFT' | 'RETURNED' | 'SUBMITTED';

export type TableInput = {
  key: string;
  rows: Array<RowInput>;
};

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;

export type LoginMutation = {
  login: {
    token: string;
    user: {
      id: string;
      name: string;
      email: string;
      roles: Array<Role>;
      org: { id: string; code: string; name: string };
    };
  };
};

export type MeQueryVariables = Exact<{ [key: string]: never }>;

export type MeQuery = {
  me: {
    id: string;
    name: string;
    email: string;
    roles: Array<Role>;
    org: { id: string; code: string; name: string; kind: OrgKind; level: AdminLevel | null };
  };
};

export type MyReportRequestsQueryVariables = Exact<{ [key: string]: never }>;

export type MyReportRequestsQuery = {
  myReportRequests: Array<{
    id: string;
    title: string;
    deadline: string;
    status: RequestStatus;
    period: { label: string };
    template: { id: string; code: string; name: string; version: number };
    mySubmission: {
      id: string;
      status: SubmissionStatus;
      version: number;
      submittedAt: string | null;
      late: boolean;
      returnReason: string | null;
    } | null;
  }>;
};

export type ColumnFragment = {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  readOnly: boolean;
  aggregate: Aggregate;
  options: Array<{ key: string; label: string }>;
};

export type AgencyCellsFragment = {
  org: { id: string; name: string };
  cells: Array<{ columnKey: string; value: string | null }>;
};

export type ReportSheetQueryVariables = Exact<{
  requestId: string;
  orgId?: string | null | undefined;
}>;

export type ReportSheetQuery = {
  reportSheet: {
    request: { id: string; title: string; deadline: string };
    org: { id: string; name: string };
    template: { id: string; code: string; name: string; version: number };
    outline: Array<{
      key: string;
      number: string | null;
      heading: string;
      guidance: string | null;
      answer: string | null;
      depth: number;
      answerable: boolean;
      required: boolean;
    }>;
    tables: Array<{
      key: string;
      title: string;
      description: string | null;
      allowOpenRows: boolean;
      columns: Array<{
        key: string;
        label: string;
        type: ColumnType;
        required: boolean;
        readOnly: boolean;
        aggregate: Aggregate;
        options: Array<{ key: string; label: string }>;
      }>;
      rows: Array<{
        key: string;
        group: string | null;
        label: string;
        readOnly: boolean;
        isGroup: boolean;
        open: boolean;
        cells: Array<{ columnKey: string; value: string | null }>;
      }>;
    }>;
    submission: {
      id: string;
      status: SubmissionStatus;
      version: number;
      returnReason: string | null;
    } | null;
  };
};

export type SaveReportMutationVariables = Exact<{
  input: SaveReportInput;
}>;

export type SaveReportMutation = {
  saveReport: {
    submission: {
      id: string;
      status: SubmissionStatus;
      version: number;
      submittedAt: string | null;
      late: boolean;
    } | null;
    problems: Array<{
      tableKey: string | null;
      rowKey: string | null;
      columnKey: string | null;
      message: string;
    }>;
  };
};

export type OpenReportRequestMutationVariables = Exact<{
  input: OpenReportRequestInput;
}>;

export type OpenReportRequestMutation = {
  openReportRequest: {
    id: string;
    title: string;
    deadline: string;
    status: RequestStatus;
    period: { kind: PeriodKind; label: string; cutoffStart: string; cutoffEnd: string };
    template: { id: string; code: string; name: string; version: number };
    recipients: Array<{ id: string; name: string }>;
  };
};

export type StandingFragment = {
  id: string;
  title: string;
  deadline: string;
  period: { label: string };
  completeness: {
    expected: number;
    submitted: number;
    onTime: number;
    late: number;
    missing: number;
    returned: number;
    accepted: number;
  };
  recipientStatuses: Array<{
    state: RecipientState;
    submissionId: string | null;
    version: number;
    submittedAt: string | null;
    late: boolean;
    returnReason: string | null;
    overdue: boolean;
    org: {
      id: string;
      name: string;
      level: AdminLevel | null;
      email: string | null;
      phone: string | null;
    };
  }>;
};

export type ConsolidationQueryVariables = Exact<{
  requestId: string;
}>;

export type ConsolidationQuery = {
  reportRequest: {
    id: string;
    title: string;
    deadline: string;
    submissions: Array<{
      id: string;
      status: SubmissionStatus;
      version: number;
      submittedAt: string | null;
      late: boolean;
      org: { id: string; name: string };
    }>;
    missingOrgs: Array<{ id: string; name: string }>;
    consolidated: {
      outline: Array<{
        key: string;
        number: string | null;
        depth: number;
        heading: string;
        answers: Array<{ text: string; org: { id: string; name: string } }>;
      }>;
      tables: Array<{
        key: string;
        title: string;
        description: string | null;
        columns: Array<{
          key: string;
          label: string;
          type: ColumnType;
          required: boolean;
          readOnly: boolean;
          aggregate: Aggregate;
          options: Array<{ key: string; label: string }>;
        }>;
        rows: Array<{
          key: string;
          group: string | null;
          label: string;
          isGroup: boolean;
          totals: Array<{ columnKey: string; value: string | null }>;
          byOrg: Array<{
            org: { id: string; name: string };
            cells: Array<{ columnKey: string; value: string | null }>;
          }>;
          rollup: Array<{
            org: { id: string; name: string };
            cells: Array<{ columnKey: string; value: string | null }>;
          }>;
        }>;
      }>;
    };
    period: { label: string };
    completeness: {
      expected: number;
      submitted: number;
      onTime: number;
      late: number;
      missing: number;
      returned: number;
      accepted: number;
    };
    recipientStatuses: Array<{
      state: RecipientState;
      submissionId: string | null;
      version: number;
      submittedAt: string | null;
      late: boolean;
      returnReason: string | null;
      overdue: boolean;
      org: {
        id: string;
        name: string;
        level: AdminLevel | null;
        email: string | null;
        phone: string | null;
      };
    }>;
  };
};

export type CompletenessQueryVariables = Exact<{
  requestId: string;
}>;

export type CompletenessQuery = {
  reportRequest: {
    id: string;
    title: string;
    deadline: string;
    period: { label: string };
    completeness: {
      expected: number;
      submitted: number;
      onTime: number;
      late: number;
      missing: number;
      returned: number;
      accepted: number;
    };
    recipientStatuses: Array<{
      state: RecipientState;
      submissionId: string | null;
      version: number;
      submittedAt: string | null;
      late: boolean;
      returnReason: string | null;
      overdue: boolean;
      org: {
        id: string;
        name: string;
        level: AdminLevel | null;
        email: string | null;
        phone: string | null;
      };
    }>;
  };
};

export type ReturnSubmissionMutationVariables = Exact<{
  id: string;
  reason: string;
}>;

export type ReturnSubmissionMutation = {
  returnSubmission: {
    id: string;
    status: SubmissionStatus;
    returnReason: string | null;
    version: number;
  };
};

export type AcceptSubmissionMutationVariables = Exact<{
  id: string;
}>;

export type AcceptSubmissionMutation = {
  acceptSubmission: { id: string; status: SubmissionStatus };
};

export type OverseenRequestsQueryVariables = Exact<{ [key: string]: never }>;

export type OverseenRequestsQuery = {
  reportRequests: {
    edges: Array<{
      node: {
        id: string;
        title: string;
        deadline: string;
        viewerOversees: boolean;
        recipientCount: number;
        period: { label: string };
        template: { name: string };
      };
    }>;
  };
};

export type OpenRequestChoicesQueryVariables = Exact<{ [key: string]: never }>;

export type OpenRequestChoicesQuery = {
  me: { org: { id: string; name: string; parent: { id: string; name: string } | null } };
  reportTemplates: Array<{
    id: string;
    code: string;
    name: string;
    version: number;
    status: string;
  }>;
  plans: { edges: Array<{ node: { id: string; number: string | null; title: string } }> };
};

export type FindOrgsQueryVariables = Exact<{
  search: string;
  within?: string | null | undefined;
}>;

export type FindOrgsQuery = {
  orgs: { edges: Array<{ node: { id: string; name: string; level: AdminLevel | null } }> };
};

export type RecipientPreviewQueryVariables = Exact<{
  period: PeriodInput;
  ids?: Array<string> | string | null | undefined;
  groups?: Array<RecipientGroupInput> | RecipientGroupInput | null | undefined;
}>;

export type RecipientPreviewQuery = {
  recipientPreview: {
    count: number;
    orgs: Array<{ id: string; name: string }>;
    outsideScope: Array<{ id: string; name: string }>;
  };
};

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ColumnFragmentDoc = new TypedDocumentString(
  `
    fragment Column on SheetColumn {
  key
  label
  type
  required
  readOnly
  aggregate
  options {
    key
    label
  }
}
    `,
  { fragmentName: 'Column' },
) as unknown as TypedDocumentString<ColumnFragment, unknown>;
export const AgencyCellsFragmentDoc = new TypedDocumentString(
  `
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
    `,
  { fragmentName: 'AgencyCells' },
) as unknown as TypedDocumentString<AgencyCellsFragment, unknown>;
export const StandingFragmentDoc = new TypedDocumentString(
  `
    fragment Standing on ReportRequest {
  id
  title
  deadline
  period {
    label
  }
  completeness {
    expected
    submitted
    onTime
    late
    missing
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
    `,
  { fragmentName: 'Standing' },
) as unknown as TypedDocumentString<StandingFragment, unknown>;
export const LoginDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const MeDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const MyReportRequestsDocument = new TypedDocumentString(`
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
    mySubmission {
      id
      status
      version
      submittedAt
      late
      returnReason
    }
  }
}
    `) as unknown as TypedDocumentString<MyReportRequestsQuery, MyReportRequestsQueryVariables>;
export const ReportSheetDocument = new TypedDocumentString(`
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
  }
}
    fragment Column on SheetColumn {
  key
  label
  type
  required
  readOnly
  aggregate
  options {
    key
    label
  }
}`) as unknown as TypedDocumentString<ReportSheetQuery, ReportSheetQueryVariables>;
export const SaveReportDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<SaveReportMutation, SaveReportMutationVariables>;
export const OpenReportRequestDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<
  OpenReportRequestMutation,
  OpenReportRequestMutationVariables
>;
export const ConsolidationDocument = new TypedDocumentString(`
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
    fragment Column on SheetColumn {
  key
  label
  type
  required
  readOnly
  aggregate
  options {
    key
    label
  }
}
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
fragment Standing on ReportRequest {
  id
  title
  deadline
  period {
    label
  }
  completeness {
    expected
    submitted
    onTime
    late
    missing
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
}`) as unknown as TypedDocumentString<ConsolidationQuery, ConsolidationQueryVariables>;
export const CompletenessDocument = new TypedDocumentString(`
    query Completeness($requestId: ID!) {
  reportRequest(id: $requestId) {
    ...Standing
  }
}
    fragment Standing on ReportRequest {
  id
  title
  deadline
  period {
    label
  }
  completeness {
    expected
    submitted
    onTime
    late
    missing
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
}`) as unknown as TypedDocumentString<CompletenessQuery, CompletenessQueryVariables>;
export const ReturnSubmissionDocument = new TypedDocumentString(`
    mutation ReturnSubmission($id: ID!, $reason: String!) {
  returnSubmission(id: $id, reason: $reason) {
    id
    status
    returnReason
    version
  }
}
    `) as unknown as TypedDocumentString<
  ReturnSubmissionMutation,
  ReturnSubmissionMutationVariables
>;
export const AcceptSubmissionDocument = new TypedDocumentString(`
    mutation AcceptSubmission($id: ID!) {
  acceptSubmission(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<
  AcceptSubmissionMutation,
  AcceptSubmissionMutationVariables
>;
export const OverseenRequestsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<OverseenRequestsQuery, OverseenRequestsQueryVariables>;
export const OpenRequestChoicesDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<OpenRequestChoicesQuery, OpenRequestChoicesQueryVariables>;
export const FindOrgsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<FindOrgsQuery, FindOrgsQueryVariables>;
export const RecipientPreviewDocument = new TypedDocumentString(`
    query RecipientPreview($period: PeriodInput!, $ids: [ID!], $groups: [RecipientGroupInput!]) {
  recipientPreview(
    period: $period
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
  }
}
    `) as unknown as TypedDocumentString<RecipientPreviewQuery, RecipientPreviewQueryVariables>;
