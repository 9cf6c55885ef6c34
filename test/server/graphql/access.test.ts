// Every root field of the schema × every role × own/other agency, against the access table. The
// field list comes from the schema itself, so a new operation without a row here fails the test.
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { schema } from '../../../server/graphql/schema.ts';
import { issueToken } from '../../../server/auth/tokens.ts';

type Actor = 'anonymous' | 'reporter' | 'approver' | 'consolidator' | 'analyst' | 'admin';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

interface Row {
  /** own: about the actor's own agency/token; other: someone else's. */
  case: string;
  query: (ids: Ids) => { query: string; variables?: Record<string, unknown> };
  expect: Record<Actor, Outcome>;
}
interface Ids {
  syt: string;
  gddt: string;
  bt: string;
  na: string;
  plan: string;
  template: string;
  naRequest: string;
  btRequest: string;
  email: () => string;
}

const everyone: Record<Actor, Outcome> = {
  anonymous: 'ok',
  reporter: 'ok',
  approver: 'ok',
  consolidator: 'ok',
  analyst: 'ok',
  admin: 'ok',
};
const signedIn: Record<Actor, Outcome> = { ...everyone, anonymous: 'UNAUTHENTICATED' };
const adminOnly: Record<Actor, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  reporter: 'FORBIDDEN',
  approver: 'FORBIDDEN',
  consolidator: 'FORBIDDEN',
  analyst: 'FORBIDDEN',
  admin: 'ok',
};
/** Roles checked in the schema: only reporters may save. */
const reporterOnly: Record<Actor, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  reporter: 'ok',
  approver: 'FORBIDDEN',
  consolidator: 'FORBIDDEN',
  analyst: 'FORBIDDEN',
  admin: 'FORBIDDEN',
};
/** Only consolidators review; an unknown report is NOT_FOUND to them. */
const consolidatorOnly: Record<Actor, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  reporter: 'FORBIDDEN',
  approver: 'FORBIDDEN',
  consolidator: 'NOT_FOUND',
  analyst: 'FORBIDDEN',
  admin: 'FORBIDDEN',
};
/** An agency's own people (staff and leader) consolidate nothing and see only their agency. */
const agencyStaff = { reporter: 'FORBIDDEN', approver: 'FORBIDDEN' } as const;
/** The leader's operations, on a report that does not exist: NOT_FOUND to the roles allowed. */
const allowedOnUnknown = (...actors: Actor[]): Record<Actor, Outcome> => ({
  anonymous: 'UNAUTHENTICATED',
  reporter: 'FORBIDDEN',
  approver: 'FORBIDDEN',
  consolidator: 'FORBIDDEN',
  analyst: 'FORBIDDEN',
  admin: 'FORBIDDEN',
  ...Object.fromEntries(actors.map((a) => [a, 'NOT_FOUND'])),
});
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const onUnknown = (query: string) => () => ({ query, variables: { id: UNKNOWN } });

const openRequest = (ids: Ids, recipientOrgIds: string[]) => ({
  query: 'mutation($input: OpenReportRequestInput!) { openReportRequest(input: $input) { id } }',
  variables: {
    input: {
      templateId: ids.template,
      title: 'Báo cáo thử',
      period: { kind: 'MONTH', year: 2024, number: 1 },
      deadline: '2024-01-20T17:00:00+07:00',
      recipientOrgIds,
    },
  },
});
const saveDraft =
  'mutation($input: SaveReportInput!) { saveReport(input: $input) { submission { id } problems { message } } }';
const createUser = (orgId: string, email: string) => ({
  query: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
  variables: {
    input: { email, name: 'Thử', password: 'mat-khau-thu', orgId, roles: ['REPORTER'] },
  },
});

const table: Record<string, Row[]> = {
  login: [
    {
      case: 'any',
      query: () => ({
        query: 'mutation { login(email: "phantich@demo.vn", password: "demo-2023") { token } }',
      }),
      expect: everyone,
    },
  ],
  reportingPeriod: [
    {
      case: 'any',
      query: () => ({ query: '{ reportingPeriod(kind: YEAR, year: 2024) { label } }' }),
      expect: everyone,
    },
  ],
  me: [{ case: 'own', query: () => ({ query: '{ me { id } }' }), expect: signedIn }],
  myApiTokens: [
    { case: 'own', query: () => ({ query: '{ myApiTokens { id } }' }), expect: signedIn },
  ],
  orgs: [
    {
      case: 'any',
      query: () => ({ query: '{ orgs(first: 1) { totalCount } }' }),
      expect: signedIn,
    },
  ],
  org: [
    {
      case: 'own',
      query: (ids) => ({
        query: 'query($id: ID!) { org(id: $id) { name } }',
        variables: { id: ids.syt },
      }),
      expect: signedIn,
    },
    {
      case: 'other province',
      query: (ids) => ({
        query: 'query($id: ID!) { org(id: $id) { name } }',
        variables: { id: ids.bt },
      }),
      expect: signedIn,
    },
  ],
  plans: [
    {
      case: 'any',
      query: () => ({ query: '{ plans(first: 1) { totalCount } }' }),
      expect: signedIn,
    },
  ],
  plan: [
    {
      case: 'any',
      query: (ids) => ({
        query: 'query($id: ID!) { plan(id: $id) { title } }',
        variables: { id: ids.plan },
      }),
      expect: signedIn,
    },
  ],
  document: [
    {
      case: 'any',
      query: (ids) => ({
        query: 'query($id: ID!) { document(id: $id) { title } }',
        variables: { id: ids.plan },
      }),
      expect: signedIn,
    },
  ],
  targets: [
    {
      case: 'any',
      query: () => ({ query: '{ targets(first: 1) { totalCount } }' }),
      expect: signedIn,
    },
  ],
  tasks: [
    {
      case: 'any',
      query: () => ({ query: '{ tasks(first: 1) { totalCount } }' }),
      expect: signedIn,
    },
  ],
  reportTemplates: [
    { case: 'any', query: () => ({ query: '{ reportTemplates { id } }' }), expect: signedIn },
  ],
  reportTemplate: [
    {
      case: 'any',
      query: (ids) => ({
        query: 'query($id: ID!) { reportTemplate(id: $id) { code } }',
        variables: { id: ids.template },
      }),
      expect: signedIn,
    },
  ],
  reportRequests: [
    {
      case: 'own',
      query: () => ({ query: '{ reportRequests(first: 5) { totalCount } }' }),
      expect: signedIn,
    },
  ],
  reportRequest: [
    {
      case: 'sent to own agency, consolidated by own department',
      query: (ids) => ({
        query: 'query($id: ID!) { reportRequest(id: $id) { title } }',
        variables: { id: ids.naRequest },
      }),
      expect: signedIn,
    },
    {
      case: 'of another province',
      query: (ids) => ({
        query: 'query($id: ID!) { reportRequest(id: $id) { title } }',
        variables: { id: ids.btRequest },
      }),
      expect: {
        anonymous: 'UNAUTHENTICATED',
        reporter: 'NOT_FOUND',
        approver: 'NOT_FOUND',
        consolidator: 'NOT_FOUND',
        analyst: 'ok',
        admin: 'ok',
      },
    },
  ],
  myReportRequests: [
    {
      case: 'own agency',
      query: () => ({ query: '{ myReportRequests { id } }' }),
      expect: signedIn,
    },
  ],
  openReportRequest: [
    {
      case: 'to agencies in own province',
      query: (ids) => openRequest(ids, [ids.syt]),
      expect: { ...signedIn, ...agencyStaff, analyst: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
    {
      case: 'to an agency of another province',
      query: (ids) => openRequest(ids, [ids.bt]),
      expect: {
        ...signedIn,
        reporter: 'FORBIDDEN',
        approver: 'FORBIDDEN',
        consolidator: 'FORBIDDEN',
        analyst: 'FORBIDDEN',
        admin: 'FORBIDDEN',
      },
    },
  ],
  importPlanText: [
    {
      case: 'a dry run (nothing saved)',
      query: () => ({
        query:
          'mutation($text: String!) { importPlanText(text: $text, dryRun: true) { plan { id } } }',
        variables: { text: 'KẾ HOẠCH\nChuyển đổi số năm 2024\nI. MỤC TIÊU\n- 80% hồ sơ.' },
      }),
      expect: { ...signedIn, ...agencyStaff, analyst: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
  ],
  recipientPreview: [
    {
      case: 'groups of own province',
      query: () => ({
        query:
          '{ recipientPreview(period: { kind: QUARTER, year: 2024, number: 1 }, recipientGroups: [{ kind: "DEPARTMENT" }]) { count } }',
      }),
      expect: { ...signedIn, ...agencyStaff, analyst: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
  ],
  reportSchedules: [
    {
      case: 'within scope',
      query: () => ({ query: '{ reportSchedules { id } }' }),
      expect: signedIn,
    },
  ],
  openScheduledRequests: [
    {
      case: "own department's schedules",
      query: () => ({ query: 'mutation { openScheduledRequests { id } }' }),
      expect: { ...signedIn, ...agencyStaff, analyst: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
  ],
  createReportSchedule: [
    {
      case: 'for agencies of another province',
      query: (ids) => ({
        query:
          'mutation($input: CreateReportScheduleInput!) { createReportSchedule(input: $input) { id } }',
        variables: {
          input: {
            templateId: ids.template,
            periodKind: 'MONTH',
            titlePattern: 'Báo cáo {period}',
            deadlineDaysAfterCutoff: 5,
            startsOn: '2021-05-01',
            endsOn: '2021-12-31',
            recipientOrgIds: [ids.bt],
          },
        },
      }),
      expect: {
        ...signedIn,
        reporter: 'FORBIDDEN',
        approver: 'FORBIDDEN',
        consolidator: 'FORBIDDEN',
        analyst: 'FORBIDDEN',
        admin: 'FORBIDDEN',
      },
    },
  ],
  reportSheet: [
    {
      case: 'own agency',
      query: (ids) => ({
        query: 'query($r: ID!, $o: ID) { reportSheet(requestId: $r, orgId: $o) { org { id } } }',
        variables: { r: ids.naRequest, o: ids.syt },
      }),
      expect: signedIn,
    },
    {
      case: 'another agency of the province',
      query: (ids) => ({
        query: 'query($r: ID!, $o: ID) { reportSheet(requestId: $r, orgId: $o) { org { id } } }',
        variables: { r: ids.naRequest, o: ids.gddt },
      }),
      expect: { ...signedIn, ...agencyStaff },
    },
  ],
  saveReport: [
    {
      case: 'own agency, a draft',
      query: (ids) => ({
        query: saveDraft,
        variables: {
          input: { requestId: ids.naRequest, baseVersion: 0, idempotencyKey: ids.email() },
        },
      }),
      expect: { ...reporterOnly },
    },
    {
      case: 'another agency',
      query: (ids) => ({
        query: saveDraft,
        variables: {
          input: {
            requestId: ids.naRequest,
            orgId: ids.gddt,
            baseVersion: 0,
            idempotencyKey: ids.email(),
          },
        },
      }),
      expect: { ...reporterOnly, reporter: 'FORBIDDEN' },
    },
  ],
  returnSubmission: [
    {
      case: 'a report that does not exist',
      query: () => ({
        query: 'mutation($id: ID!) { returnSubmission(id: $id, reason: "Thiếu số liệu") { id } }',
        variables: { id: '00000000-0000-4000-8000-000000000000' },
      }),
      expect: consolidatorOnly,
    },
  ],
  acceptSubmission: [
    {
      case: 'a report that does not exist',
      query: () => ({
        query: 'mutation($id: ID!) { acceptSubmission(id: $id) { id } }',
        variables: { id: '00000000-0000-4000-8000-000000000000' },
      }),
      expect: consolidatorOnly,
    },
  ],
  approvalQueue: [
    {
      case: "within the leader's agency",
      query: () => ({ query: '{ approvalQueue { id } }' }),
      expect: { ...allowedOnUnknown(), approver: 'ok' },
    },
  ],
  signingPayload: [
    {
      case: 'a report that does not exist',
      query: onUnknown('query($id: ID!) { signingPayload(submissionId: $id) { digest } }'),
      expect: allowedOnUnknown('approver'),
    },
  ],
  approveSubmission: [
    {
      case: 'a report that does not exist',
      query: onUnknown('mutation($id: ID!) { approveSubmission(id: $id, version: 1) { id } }'),
      expect: allowedOnUnknown('approver'),
    },
  ],
  returnToStaff: [
    {
      case: 'a report that does not exist',
      query: onUnknown('mutation($id: ID!) { returnToStaff(id: $id, reason: "Sửa số") { id } }'),
      expect: allowedOnUnknown('approver'),
    },
  ],
  unapproveSubmission: [
    {
      case: 'a report that does not exist',
      query: onUnknown('mutation($id: ID!) { unapproveSubmission(id: $id) { id } }'),
      expect: allowedOnUnknown('approver', 'admin'),
    },
  ],
  signSubmission: [
    {
      case: 'a report that does not exist',
      query: onUnknown(
        'mutation($id: ID!) { signSubmission(input: { submissionId: $id, version: 1, form: KT, cms: "AAAA" }) { id } }',
      ),
      expect: allowedOnUnknown('approver'),
    },
  ],
  sendSubmission: [
    {
      case: 'a report that does not exist',
      query: onUnknown('mutation($id: ID!) { sendSubmission(id: $id) { id } }'),
      expect: allowedOnUnknown('reporter', 'approver'),
    },
  ],
  createApiToken: [
    {
      case: 'own',
      query: () => ({ query: 'mutation { createApiToken(name: "t") { token } }' }),
      expect: signedIn,
    },
  ],
  revokeApiToken: [
    {
      case: 'own token',
      query: () => ({ query: 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }' }),
      expect: signedIn,
    },
    {
      case: "another user's token",
      query: () => ({ query: 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }' }),
      expect: adminOnly,
    },
  ],
  createUser: [
    {
      case: 'in own agency',
      query: (ids) => createUser(ids.syt, ids.email()),
      expect: adminOnly,
    },
    {
      case: 'in another agency',
      query: (ids) => createUser(ids.gddt, ids.email()),
      expect: adminOnly,
    },
  ],
  orgImportTemplate: [
    {
      case: 'of a province',
      query: (ids) => ({
        query: 'query($id: ID!) { orgImportTemplate(rootOrgId: $id) { fileName } }',
        variables: { id: ids.bt },
      }),
      expect: adminOnly,
    },
  ],
  importOrgsAndUsers: [
    {
      case: 'a dry run (nothing saved)',
      query: (ids) => ({
        query:
          'mutation($id: ID!, $file: String!) { importOrgsAndUsers(rootOrgId: $id, file: $file, dryRun: true) { applied } }',
        variables: { id: ids.bt, file: emptyRoster },
      }),
      expect: adminOnly,
    },
  ],
  activateAccount: [
    {
      case: 'a wrong code',
      query: () => ({
        query:
          'mutation { activateAccount(email: "khong-co@demo.vn", code: "AAAA-BBBB-CCCC", newPassword: "mat-khau-moi") { token } }',
      }),
      expect: {
        anonymous: 'UNAUTHENTICATED',
        reporter: 'UNAUTHENTICATED',
        approver: 'UNAUTHENTICATED',
        consolidator: 'UNAUTHENTICATED',
        analyst: 'UNAUTHENTICATED',
        admin: 'UNAUTHENTICATED',
      },
    },
  ],
  // This server has no SMTP: "Quên mật khẩu?" says so to anyone, whatever the address.
  myNotifications: [
    {
      case: 'own',
      query: () => ({ query: '{ myNotifications { id } }' }),
      expect: signedIn,
    },
  ],
  markNotificationsRead: [
    {
      case: 'own, none named',
      query: () => ({ query: 'mutation { markNotificationsRead(ids: []) }' }),
      expect: signedIn,
    },
  ],
  setReminderRules: [
    {
      case: 'a request of own department',
      query: (ids) => ({
        query:
          'mutation($id: ID!) { setReminderRules(requestId: $id, rules: [{ offsetDays: -3 }, { offsetDays: 1 }]) { id } }',
        variables: { id: ids.naRequest },
      }),
      expect: { ...signedIn, ...agencyStaff, analyst: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
    {
      case: 'a request of another province',
      query: (ids) => ({
        query:
          'mutation($id: ID!) { setReminderRules(requestId: $id, rules: [{ offsetDays: -3 }]) { id } }',
        variables: { id: ids.btRequest },
      }),
      // Out of its reach, a request is not there at all (as reportRequest answers it).
      expect: {
        ...signedIn,
        ...agencyStaff,
        consolidator: 'NOT_FOUND',
        analyst: 'FORBIDDEN',
        admin: 'FORBIDDEN',
      },
    },
  ],
  requestPasswordReset: [
    {
      case: 'without SMTP',
      query: () => ({ query: 'mutation { requestPasswordReset(email: "khong-co@demo.vn") }' }),
      expect: {
        anonymous: 'FORBIDDEN',
        reporter: 'FORBIDDEN',
        approver: 'FORBIDDEN',
        consolidator: 'FORBIDDEN',
        analyst: 'FORBIDDEN',
        admin: 'FORBIDDEN',
      },
    },
  ],
  resetPassword: [
    {
      case: 'a wrong code',
      query: () => ({
        query:
          'mutation { resetPassword(email: "khong-co-2@demo.vn", code: "AAAA-BBBB-CCCC", newPassword: "mat-khau-moi") { token } }',
      }),
      expect: {
        anonymous: 'UNAUTHENTICATED',
        reporter: 'UNAUTHENTICATED',
        approver: 'UNAUTHENTICATED',
        consolidator: 'UNAUTHENTICATED',
        analyst: 'UNAUTHENTICATED',
        admin: 'UNAUTHENTICATED',
      },
    },
  ],
  indicatorSeries: [
    {
      case: 'of Nghệ An',
      query: (ids) => ({
        query:
          'query($w: ID!) { indicatorSeries(input: { templateCode: "NA-CDS-QUY", tableKey: "so_lieu", rowKey: "ho_so_truc_tuyen", columnKey: "gia_tri", periodKind: QUARTER, from: "2026-01-01", to: "2026-12-31", withinOrgId: $w }, first: 5) { edges { node { value } } } }',
        variables: { w: ids.na },
      }),
      expect: { ...signedIn, ...agencyStaff },
    },
  ],
  exchangeScheme: [
    {
      case: 'of Nghệ An',
      query: () => ({ query: '{ exchangeScheme(code: "DHIS2-NA") { code } }' }),
      expect: { ...signedIn, ...agencyStaff },
    },
  ],
  createExchangeScheme: [
    {
      case: 'for an org that does not exist',
      query: onUnknown(
        'mutation($id: ID!) { createExchangeScheme(code: "LGSP-X", name: "LGSP", ownerOrgId: $id) { code } }',
      ),
      expect: allowedOnUnknown('reporter', 'approver', 'consolidator', 'analyst', 'admin'),
    },
  ],
  setExchangeCodes: [
    {
      case: 'of a scheme that does not exist',
      query: () => ({
        query: 'mutation { setExchangeCodes(schemeCode: "KHONG-CO", codes: []) { code } }',
      }),
      expect: allowedOnUnknown('reporter', 'approver', 'consolidator', 'analyst', 'admin'),
    },
  ],
  importDataValueSet: [
    {
      case: 'under a scheme that does not exist',
      query: () => ({
        query:
          'mutation { importDataValueSet(schemeCode: "KHONG-CO", payload: "{}", baseVersion: 0, idempotencyKey: "k") { problems { message } } }',
      }),
      expect: allowedOnUnknown('reporter'),
    },
  ],
  saveExchangeReceiver: [
    {
      case: 'under a scheme that does not exist',
      query: () => ({
        query:
          'mutation { saveExchangeReceiver(input: { schemeCode: "KHONG-CO", name: "x", url: "http://127.0.0.1:9/", format: DHIS2_JSON }) { id } }',
      }),
      expect: allowedOnUnknown('admin'),
    },
  ],
  retryExchangeDelivery: [
    {
      case: 'a delivery that does not exist',
      query: onUnknown('mutation($id: ID!) { retryExchangeDelivery(id: $id) { id } }'),
      expect: allowedOnUnknown('admin'),
    },
  ],
  dtiFrameworks: [
    { case: 'any', query: () => ({ query: '{ dtiFrameworks { code } }' }), expect: signedIn },
  ],
  dtiFramework: [
    {
      case: 'a shipped one',
      query: () => ({ query: '{ dtiFramework(code: "DTI-922-2022") { code } }' }),
      expect: signedIn,
    },
  ],
  dtiAssessment: [
    {
      case: 'one that does not exist',
      query: onUnknown('query($id: ID!) { dtiAssessment(id: $id) { year } }'),
      expect: allowedOnUnknown('reporter', 'approver', 'consolidator', 'analyst', 'admin'),
    },
  ],
  dtiAssessments: [
    {
      case: 'of Nghệ An',
      query: (ids) => ({
        query: 'query($p: ID) { dtiAssessments(provinceOrgId: $p) { year } }',
        variables: { p: ids.na },
      }),
      expect: { ...signedIn, ...agencyStaff },
    },
  ],
  dtiComponentOwners: [
    {
      case: 'of own province',
      query: () => ({
        query: '{ dtiComponentOwners(frameworkCode: "DTI-922-2022") { componentCode } }',
      }),
      expect: { ...signedIn, ...agencyStaff, analyst: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
  ],
  openDtiAssessment: [
    {
      case: 'on a framework that does not exist',
      query: () => ({
        query:
          'mutation { openDtiAssessment(input: { frameworkCode: "KHONG-CO", year: 2025, deadline: "2026-03-15T17:00:00+07:00" }) { id } }',
      }),
      expect: allowedOnUnknown('consolidator'),
    },
  ],
  setDtiComponentOwner: [
    {
      case: 'on a framework that does not exist',
      query: (ids) => ({
        query:
          'mutation($o: ID!) { setDtiComponentOwner(input: { frameworkCode: "KHONG-CO", componentCode: "1.1", orgId: $o }) { how } }',
        variables: { o: ids.syt },
      }),
      expect: allowedOnUnknown('consolidator'),
    },
  ],
  issueActivationCode: [
    {
      case: 'an account that does not exist',
      query: () => ({
        query: 'mutation($id: ID!) { issueActivationCode(userId: $id) { code } }',
        variables: { id: '00000000-0000-4000-8000-000000000000' },
      }),
      expect: { ...adminOnly, admin: 'NOT_FOUND' },
    },
  ],
};

/** A roster file with an accounts sheet and no rows: a dry run of it changes nothing. */
const emptyRoster = await (async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Tài khoản').addRow(['Thư điện tử', 'Họ và tên', 'Đơn vị', 'Vai trò']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
})();

const emails: Record<Exclude<Actor, 'anonymous'>, string> = {
  reporter: 'syte.nghean@demo.vn',
  approver: 'giamdoc.syte.nghean@demo.vn',
  consolidator: 'stttt.nghean@demo.vn',
  analyst: 'phantich@demo.vn',
  admin: 'quantri@demo.vn',
};

describe('access table over every root field', () => {
  let server: TestServer;
  let ids: Ids;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    const p = server.app.db.prisma;
    const org = (code: string) => p.org.findUniqueOrThrow({ where: { code } }).then((o) => o.id);
    ids = {
      syt: await org('NA.SYT'),
      gddt: await org('NA.SGDDT'),
      bt: await org('BT'),
      na: await org('NA'),
      plan: (await p.document.findFirstOrThrow({ where: { number: '586/KH-UBND' } })).id,
      template: (await p.reportTemplate.findFirstOrThrow()).id,
      naRequest: (
        await p.reportRequest.findUniqueOrThrow({ where: { key: 'NA-403-SOKET-SO-HUYEN' } })
      ).id,
      btRequest: (
        await p.reportRequest.findUniqueOrThrow({ where: { key: 'BT-2140-THIDIEM-2021-09' } })
      ).id,
      email: () => `thu${++n}@demo.vn`,
    };
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('has a row for every query and mutation of the schema', () => {
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()),
      ...Object.keys(schema.getMutationType()!.getFields()),
    ].sort();
    expect(fields).toEqual(Object.keys(table).sort());
  });

  const cases = Object.entries(table).flatMap(([field, rows]) =>
    rows.flatMap((row) =>
      (Object.keys(row.expect) as Actor[]).map(
        (actor) => [field, row.case, actor, row.expect[actor], row] as const,
      ),
    ),
  );

  // A token past its time or revoked is refused for every operation, even those open to all.
  const refusedTokens = Object.entries(table).flatMap(([field, rows]) =>
    rows.flatMap((row) =>
      (['expired', 'revoked'] as const).map((kind) => [field, row.case, kind, row] as const),
    ),
  );
  it.each(refusedTokens)(
    '%s (%s) with an %s token → UNAUTHENTICATED',
    async (_f, _c, kind, row) => {
      const p = server.app.db.prisma;
      const user = await p.user.findUniqueOrThrow({ where: { email: emails.admin } });
      const issuedAt = kind === 'expired' ? new Date(Date.now() - 13 * 3600_000) : new Date();
      const { token, apiToken } = await issueToken(p, user.id, 'SESSION', 'thử', issuedAt);
      if (kind === 'revoked')
        await p.apiToken.update({ where: { id: apiToken.id }, data: { revokedAt: new Date() } });
      const { query, variables = {} } = row.query(ids);
      const res = await server.gql(query, { id: ids.plan, ...variables }, token);
      expect([res.status, res.errors?.[0]?.extensions?.code, res.data ?? null]).toEqual([
        401,
        'UNAUTHENTICATED',
        null,
      ]);
    },
  );

  it.each(cases)('%s (%s) as %s → %s', async (field, kase, actor, expected, row) => {
    const token = actor === 'anonymous' ? undefined : await server.login(emails[actor]);
    const { query, variables = {} } = row.query(ids);
    if (field === 'revokeApiToken') {
      const owner =
        kase === 'own token' && actor !== 'anonymous' ? emails[actor] : 'sogddt.nghean@demo.vn';
      const session = await server.login(owner);
      const made = await server.gql<{ createApiToken: { apiToken: { id: string } } }>(
        'mutation { createApiToken(name: "để thu hồi") { apiToken { id } } }',
        {},
        session,
      );
      variables.id = made.data!.createApiToken.apiToken.id;
    }
    const res = await server.gql(query, variables, token);
    const outcome = res.errors?.length ? res.errors[0]!.extensions?.code : 'ok';
    expect(outcome).toBe(expected);
  });
});
