// The contract operations the add-in sends, as ../shared/contract writes them (compared by
// test/addin/taskpane/operations.test.ts); ReportSheet asks for more fields the schema offers.
export const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user { id name email roles org { id code name } }
  }
}`;

export const ME = `query Me {
  me { id name email roles org { id code name kind level } }
}`;

export const MY_REPORT_REQUESTS = `query MyReportRequests {
  myReportRequests {
    id title deadline status
    period { label }
    template { id code name version }
    mySubmission { id status version submittedAt late returnReason }
  }
}`;

// The contract's ReportSheet plus what the add-in needs to check cells exactly as the server
// does (group rows, required sections, open rows, aggregate rules).
export const REPORT_SHEET = `query ReportSheet($requestId: ID!, $orgId: ID) {
  reportSheet(requestId: $requestId, orgId: $orgId) {
    request { id title deadline }
    org { id name }
    template { id code name version }
    outline { key number heading guidance answer depth answerable required }
    tables {
      key title description allowOpenRows
      columns { key label type required readOnly aggregate options { key label } }
      rows { key group label readOnly isGroup open cells { columnKey value } }
    }
    submission { id status version returnReason }
  }
}`;

export const SAVE_REPORT = `mutation SaveReport($input: SaveReportInput!) {
  saveReport(input: $input) {
    submission { id status version submittedAt late }
    problems { tableKey rowKey columnKey message }
  }
}`;
