/* eslint-disable */
import * as types from './graphql.ts';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        name\n        email\n        roles\n        org {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n': typeof types.LoginDocument;
  '\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n      org {\n        id\n        code\n        name\n        kind\n        level\n      }\n    }\n  }\n': typeof types.MeDocument;
  '\n  query MyReportRequests {\n    myReportRequests {\n      id\n      title\n      deadline\n      status\n      period {\n        label\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      mySubmission {\n        id\n        status\n        version\n        submittedAt\n        late\n        returnReason\n      }\n    }\n  }\n': typeof types.MyReportRequestsDocument;
  '\n  fragment Column on SheetColumn {\n    key\n    label\n    type\n    required\n    readOnly\n    aggregate\n    options {\n      key\n      label\n    }\n  }\n': typeof types.ColumnFragmentDoc;
  '\n  fragment AgencyCells on OrgCells {\n    org {\n      id\n      name\n    }\n    cells {\n      columnKey\n      value\n    }\n  }\n': typeof types.AgencyCellsFragmentDoc;
  '\n  query ReportSheet($requestId: ID!, $orgId: ID) {\n    reportSheet(requestId: $requestId, orgId: $orgId) {\n      request {\n        id\n        title\n        deadline\n      }\n      org {\n        id\n        name\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      outline {\n        key\n        number\n        heading\n        guidance\n        answer\n        depth\n        answerable\n        required\n      }\n      tables {\n        key\n        title\n        description\n        allowOpenRows\n        columns {\n          ...Column\n        }\n        rows {\n          key\n          group\n          label\n          readOnly\n          isGroup\n          open\n          cells {\n            columnKey\n            value\n          }\n        }\n      }\n      submission {\n        id\n        status\n        version\n        returnReason\n      }\n    }\n  }\n': typeof types.ReportSheetDocument;
  '\n  mutation SaveReport($input: SaveReportInput!) {\n    saveReport(input: $input) {\n      submission {\n        id\n        status\n        version\n        submittedAt\n        late\n      }\n      problems {\n        tableKey\n        rowKey\n        columnKey\n        message\n      }\n    }\n  }\n': typeof types.SaveReportDocument;
  '\n  mutation OpenReportRequest($input: OpenReportRequestInput!) {\n    openReportRequest(input: $input) {\n      id\n      title\n      deadline\n      status\n      period {\n        kind\n        label\n        cutoffStart\n        cutoffEnd\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      recipients {\n        id\n        name\n      }\n    }\n  }\n': typeof types.OpenReportRequestDocument;
  '\n  fragment Standing on ReportRequest {\n    id\n    title\n    deadline\n    period {\n      label\n    }\n    completeness {\n      expected\n      submitted\n      onTime\n      late\n      missing\n      returned\n      accepted\n    }\n    recipientStatuses {\n      org {\n        id\n        name\n        level\n        email\n        phone\n      }\n      state\n      submissionId\n      version\n      submittedAt\n      late\n      returnReason\n      overdue\n    }\n  }\n': typeof types.StandingFragmentDoc;
  '\n  query Consolidation($requestId: ID!) {\n    reportRequest(id: $requestId) {\n      ...Standing\n      submissions {\n        id\n        status\n        version\n        submittedAt\n        late\n        org {\n          id\n          name\n        }\n      }\n      missingOrgs {\n        id\n        name\n      }\n      consolidated {\n        outline {\n          key\n          number\n          depth\n          heading\n          answers {\n            org {\n              id\n              name\n            }\n            text\n          }\n        }\n        tables {\n          key\n          title\n          description\n          columns {\n            ...Column\n          }\n          rows {\n            key\n            group\n            label\n            isGroup\n            totals {\n              columnKey\n              value\n            }\n            byOrg {\n              ...AgencyCells\n            }\n            rollup {\n              ...AgencyCells\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.ConsolidationDocument;
  '\n  query Completeness($requestId: ID!) {\n    reportRequest(id: $requestId) {\n      ...Standing\n    }\n  }\n': typeof types.CompletenessDocument;
  '\n  mutation ReturnSubmission($id: ID!, $reason: String!) {\n    returnSubmission(id: $id, reason: $reason) {\n      id\n      status\n      returnReason\n      version\n    }\n  }\n': typeof types.ReturnSubmissionDocument;
  '\n  mutation AcceptSubmission($id: ID!) {\n    acceptSubmission(id: $id) {\n      id\n      status\n    }\n  }\n': typeof types.AcceptSubmissionDocument;
  '\n  query OverseenRequests {\n    reportRequests(first: 100, status: OPEN) {\n      edges {\n        node {\n          id\n          title\n          deadline\n          viewerOversees\n          recipientCount\n          period {\n            label\n          }\n          template {\n            name\n          }\n        }\n      }\n    }\n  }\n': typeof types.OverseenRequestsDocument;
  '\n  query OpenRequestChoices {\n    me {\n      org {\n        id\n        name\n        parent {\n          id\n          name\n        }\n      }\n    }\n    reportTemplates {\n      id\n      code\n      name\n      version\n      status\n    }\n    plans(first: 100) {\n      edges {\n        node {\n          id\n          number\n          title\n        }\n      }\n    }\n  }\n': typeof types.OpenRequestChoicesDocument;
  '\n  query FindOrgs($search: String!, $within: ID) {\n    orgs(search: $search, withinOrgId: $within, first: 8) {\n      edges {\n        node {\n          id\n          name\n          level\n        }\n      }\n    }\n  }\n': typeof types.FindOrgsDocument;
  '\n  query RecipientPreview($period: PeriodInput!, $ids: [ID!], $groups: [RecipientGroupInput!]) {\n    recipientPreview(period: $period, recipientOrgIds: $ids, recipientGroups: $groups) {\n      count\n      orgs(first: 5) {\n        id\n        name\n      }\n      outsideScope {\n        id\n        name\n      }\n    }\n  }\n': typeof types.RecipientPreviewDocument;
};
const documents: Documents = {
  '\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        name\n        email\n        roles\n        org {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n':
    types.LoginDocument,
  '\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n      org {\n        id\n        code\n        name\n        kind\n        level\n      }\n    }\n  }\n':
    types.MeDocument,
  '\n  query MyReportRequests {\n    myReportRequests {\n      id\n      title\n      deadline\n      status\n      period {\n        label\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      mySubmission {\n        id\n        status\n        version\n        submittedAt\n        late\n        returnReason\n      }\n    }\n  }\n':
    types.MyReportRequestsDocument,
  '\n  fragment Column on SheetColumn {\n    key\n    label\n    type\n    required\n    readOnly\n    aggregate\n    options {\n      key\n      label\n    }\n  }\n':
    types.ColumnFragmentDoc,
  '\n  fragment AgencyCells on OrgCells {\n    org {\n      id\n      name\n    }\n    cells {\n      columnKey\n      value\n    }\n  }\n':
    types.AgencyCellsFragmentDoc,
  '\n  query ReportSheet($requestId: ID!, $orgId: ID) {\n    reportSheet(requestId: $requestId, orgId: $orgId) {\n      request {\n        id\n        title\n        deadline\n      }\n      org {\n        id\n        name\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      outline {\n        key\n        number\n        heading\n        guidance\n        answer\n        depth\n        answerable\n        required\n      }\n      tables {\n        key\n        title\n        description\n        allowOpenRows\n        columns {\n          ...Column\n        }\n        rows {\n          key\n          group\n          label\n          readOnly\n          isGroup\n          open\n          cells {\n            columnKey\n            value\n          }\n        }\n      }\n      submission {\n        id\n        status\n        version\n        returnReason\n      }\n    }\n  }\n':
    types.ReportSheetDocument,
  '\n  mutation SaveReport($input: SaveReportInput!) {\n    saveReport(input: $input) {\n      submission {\n        id\n        status\n        version\n        submittedAt\n        late\n      }\n      problems {\n        tableKey\n        rowKey\n        columnKey\n        message\n      }\n    }\n  }\n':
    types.SaveReportDocument,
  '\n  mutation OpenReportRequest($input: OpenReportRequestInput!) {\n    openReportRequest(input: $input) {\n      id\n      title\n      deadline\n      status\n      period {\n        kind\n        label\n        cutoffStart\n        cutoffEnd\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      recipients {\n        id\n        name\n      }\n    }\n  }\n':
    types.OpenReportRequestDocument,
  '\n  fragment Standing on ReportRequest {\n    id\n    title\n    deadline\n    period {\n      label\n    }\n    completeness {\n      expected\n      submitted\n      onTime\n      late\n      missing\n      returned\n      accepted\n    }\n    recipientStatuses {\n      org {\n        id\n        name\n        level\n        email\n        phone\n      }\n      state\n      submissionId\n      version\n      submittedAt\n      late\n      returnReason\n      overdue\n    }\n  }\n':
    types.StandingFragmentDoc,
  '\n  query Consolidation($requestId: ID!) {\n    reportRequest(id: $requestId) {\n      ...Standing\n      submissions {\n        id\n        status\n        version\n        submittedAt\n        late\n        org {\n          id\n          name\n        }\n      }\n      missingOrgs {\n        id\n        name\n      }\n      consolidated {\n        outline {\n          key\n          number\n          depth\n          heading\n          answers {\n            org {\n              id\n              name\n            }\n            text\n          }\n        }\n        tables {\n          key\n          title\n          description\n          columns {\n            ...Column\n          }\n          rows {\n            key\n            group\n            label\n            isGroup\n            totals {\n              columnKey\n              value\n            }\n            byOrg {\n              ...AgencyCells\n            }\n            rollup {\n              ...AgencyCells\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.ConsolidationDocument,
  '\n  query Completeness($requestId: ID!) {\n    reportRequest(id: $requestId) {\n      ...Standing\n    }\n  }\n':
    types.CompletenessDocument,
  '\n  mutation ReturnSubmission($id: ID!, $reason: String!) {\n    returnSubmission(id: $id, reason: $reason) {\n      id\n      status\n      returnReason\n      version\n    }\n  }\n':
    types.ReturnSubmissionDocument,
  '\n  mutation AcceptSubmission($id: ID!) {\n    acceptSubmission(id: $id) {\n      id\n      status\n    }\n  }\n':
    types.AcceptSubmissionDocument,
  '\n  query OverseenRequests {\n    reportRequests(first: 100, status: OPEN) {\n      edges {\n        node {\n          id\n          title\n          deadline\n          viewerOversees\n          recipientCount\n          period {\n            label\n          }\n          template {\n            name\n          }\n        }\n      }\n    }\n  }\n':
    types.OverseenRequestsDocument,
  '\n  query OpenRequestChoices {\n    me {\n      org {\n        id\n        name\n        parent {\n          id\n          name\n        }\n      }\n    }\n    reportTemplates {\n      id\n      code\n      name\n      version\n      status\n    }\n    plans(first: 100) {\n      edges {\n        node {\n          id\n          number\n          title\n        }\n      }\n    }\n  }\n':
    types.OpenRequestChoicesDocument,
  '\n  query FindOrgs($search: String!, $within: ID) {\n    orgs(search: $search, withinOrgId: $within, first: 8) {\n      edges {\n        node {\n          id\n          name\n          level\n        }\n      }\n    }\n  }\n':
    types.FindOrgsDocument,
  '\n  query RecipientPreview($period: PeriodInput!, $ids: [ID!], $groups: [RecipientGroupInput!]) {\n    recipientPreview(period: $period, recipientOrgIds: $ids, recipientGroups: $groups) {\n      count\n      orgs(first: 5) {\n        id\n        name\n      }\n      outsideScope {\n        id\n        name\n      }\n    }\n  }\n':
    types.RecipientPreviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        name\n        email\n        roles\n        org {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Me {\n    me {\n      id\n      name\n      email\n      roles\n      org {\n        id\n        code\n        name\n        kind\n        level\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyReportRequests {\n    myReportRequests {\n      id\n      title\n      deadline\n      status\n      period {\n        label\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      mySubmission {\n        id\n        status\n        version\n        submittedAt\n        late\n        returnReason\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').MyReportRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment Column on SheetColumn {\n    key\n    label\n    type\n    required\n    readOnly\n    aggregate\n    options {\n      key\n      label\n    }\n  }\n',
): typeof import('./graphql.ts').ColumnFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AgencyCells on OrgCells {\n    org {\n      id\n      name\n    }\n    cells {\n      columnKey\n      value\n    }\n  }\n',
): typeof import('./graphql.ts').AgencyCellsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ReportSheet($requestId: ID!, $orgId: ID) {\n    reportSheet(requestId: $requestId, orgId: $orgId) {\n      request {\n        id\n        title\n        deadline\n      }\n      org {\n        id\n        name\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      outline {\n        key\n        number\n        heading\n        guidance\n        answer\n        depth\n        answerable\n        required\n      }\n      tables {\n        key\n        title\n        description\n        allowOpenRows\n        columns {\n          ...Column\n        }\n        rows {\n          key\n          group\n          label\n          readOnly\n          isGroup\n          open\n          cells {\n            columnKey\n            value\n          }\n        }\n      }\n      submission {\n        id\n        status\n        version\n        returnReason\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').ReportSheetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SaveReport($input: SaveReportInput!) {\n    saveReport(input: $input) {\n      submission {\n        id\n        status\n        version\n        submittedAt\n        late\n      }\n      problems {\n        tableKey\n        rowKey\n        columnKey\n        message\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').SaveReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation OpenReportRequest($input: OpenReportRequestInput!) {\n    openReportRequest(input: $input) {\n      id\n      title\n      deadline\n      status\n      period {\n        kind\n        label\n        cutoffStart\n        cutoffEnd\n      }\n      template {\n        id\n        code\n        name\n        version\n      }\n      recipients {\n        id\n        name\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').OpenReportRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment Standing on ReportRequest {\n    id\n    title\n    deadline\n    period {\n      label\n    }\n    completeness {\n      expected\n      submitted\n      onTime\n      late\n      missing\n      returned\n      accepted\n    }\n    recipientStatuses {\n      org {\n        id\n        name\n        level\n        email\n        phone\n      }\n      state\n      submissionId\n      version\n      submittedAt\n      late\n      returnReason\n      overdue\n    }\n  }\n',
): typeof import('./graphql.ts').StandingFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Consolidation($requestId: ID!) {\n    reportRequest(id: $requestId) {\n      ...Standing\n      submissions {\n        id\n        status\n        version\n        submittedAt\n        late\n        org {\n          id\n          name\n        }\n      }\n      missingOrgs {\n        id\n        name\n      }\n      consolidated {\n        outline {\n          key\n          number\n          depth\n          heading\n          answers {\n            org {\n              id\n              name\n            }\n            text\n          }\n        }\n        tables {\n          key\n          title\n          description\n          columns {\n            ...Column\n          }\n          rows {\n            key\n            group\n            label\n            isGroup\n            totals {\n              columnKey\n              value\n            }\n            byOrg {\n              ...AgencyCells\n            }\n            rollup {\n              ...AgencyCells\n            }\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').ConsolidationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Completeness($requestId: ID!) {\n    reportRequest(id: $requestId) {\n      ...Standing\n    }\n  }\n',
): typeof import('./graphql.ts').CompletenessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReturnSubmission($id: ID!, $reason: String!) {\n    returnSubmission(id: $id, reason: $reason) {\n      id\n      status\n      returnReason\n      version\n    }\n  }\n',
): typeof import('./graphql.ts').ReturnSubmissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AcceptSubmission($id: ID!) {\n    acceptSubmission(id: $id) {\n      id\n      status\n    }\n  }\n',
): typeof import('./graphql.ts').AcceptSubmissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OverseenRequests {\n    reportRequests(first: 100, status: OPEN) {\n      edges {\n        node {\n          id\n          title\n          deadline\n          viewerOversees\n          recipientCount\n          period {\n            label\n          }\n          template {\n            name\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').OverseenRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OpenRequestChoices {\n    me {\n      org {\n        id\n        name\n        parent {\n          id\n          name\n        }\n      }\n    }\n    reportTemplates {\n      id\n      code\n      name\n      version\n      status\n    }\n    plans(first: 100) {\n      edges {\n        node {\n          id\n          number\n          title\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').OpenRequestChoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query FindOrgs($search: String!, $within: ID) {\n    orgs(search: $search, withinOrgId: $within, first: 8) {\n      edges {\n        node {\n          id\n          name\n          level\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').FindOrgsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RecipientPreview($period: PeriodInput!, $ids: [ID!], $groups: [RecipientGroupInput!]) {\n    recipientPreview(period: $period, recipientOrgIds: $ids, recipientGroups: $groups) {\n      count\n      orgs(first: 5) {\n        id\n        name\n      }\n      outsideScope {\n        id\n        name\n      }\n    }\n  }\n',
): typeof import('./graphql.ts').RecipientPreviewDocument;

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
