// The approval rules as an access table: every operation that acts on an agency's report × every
// state the report can be in × who tries it, against a real server. The operations come from the
// schema (every mutation answering a Submission, and the payload to sign), so a new one without a
// column here fails the test. The report is put in each state directly before each try.
import { schema } from '../../../server/graphql/schema.ts';
import { fullReport, openApprovalRequest } from '../../support/reports.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import { SUBMISSION_STATUSES } from '../../../shared/reporting/status.ts';

type Actor = 'staff' | 'leader' | 'otherLeader' | 'consolidator' | 'admin';
type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT';
// Every state there is, in the order the table's letters below follow: a new state makes the
// table one letter short, and the test says so.
const STATES = SUBMISSION_STATUSES;
const ACTORS: Actor[] = ['staff', 'leader', 'otherLeader', 'consolidator', 'admin'];

const emails: Record<Actor, string> = {
  staff: 'syte.nghean@demo.vn',
  leader: 'giamdoc.syte.nghean@demo.vn',
  otherLeader: 'lanhdao.sogddt.thu@demo.vn',
  consolidator: 'stttt.nghean@demo.vn',
  admin: 'quantri@demo.vn',
};

/** One letter per state, in STATES' order: o ok, F forbidden, N not found, C conflict, B bad input. */
const CODES: Record<string, Outcome> = {
  o: 'ok',
  F: 'FORBIDDEN',
  N: 'NOT_FOUND',
  C: 'CONFLICT',
  B: 'BAD_USER_INPUT',
};

interface Column {
  /** GraphQL for the action; $id is the report, $version its current version. */
  query: (ids: { requestId: string; id: string; version: number; key: string }) => {
    query: string;
    variables: Record<string, unknown>;
  };
  /** Per actor, the outcome in each state (DRAFT PENDING APPROVED SUBMITTED RETURNED ACCEPTED). */
  expect: Record<Actor, string>;
}

const byId = (query: string) => (ids: { id: string; version: number }) => ({
  query,
  variables: { id: ids.id, version: ids.version },
});

// Nobody outside the agency sees a report before it is sent (NOT_FOUND); only the leader approves,
// returns to staff and signs; staff and leader send what was approved; the leader or an
// administrator withdraws an approval until the Sở accepts; staff cannot change what is with the
// leader or was sent after approval.
const table: Record<string, Column> = {
  saveReport: {
    query: ({ requestId, version, key }) => ({
      query:
        'mutation($input: SaveReportInput!) { saveReport(input: $input) { submission { id } problems { message } } }',
      variables: {
        input: { requestId, baseVersion: version, idempotencyKey: key, ...fullReport },
      },
    }),
    expect: {
      staff: 'oCCCoC',
      leader: 'FFFFFF',
      otherLeader: 'FFFFFF',
      consolidator: 'FFFFFF',
      admin: 'FFFFFF',
    },
  },
  approveSubmission: {
    query: byId(
      'mutation($id: ID!, $version: Int!) { approveSubmission(id: $id, version: $version) { id } }',
    ),
    expect: {
      staff: 'FFFFFF',
      leader: 'CoCCCC',
      otherLeader: 'NNNNNN',
      consolidator: 'FFFFFF',
      admin: 'FFFFFF',
    },
  },
  returnToStaff: {
    query: byId(
      'mutation($id: ID!) { returnToStaff(id: $id, reason: "Sửa số liệu dòng II.4") { id } }',
    ),
    expect: {
      staff: 'FFFFFF',
      leader: 'CooCCC',
      otherLeader: 'NNNNNN',
      consolidator: 'FFFFFF',
      admin: 'FFFFFF',
    },
  },
  unapproveSubmission: {
    query: byId('mutation($id: ID!) { unapproveSubmission(id: $id) { id } }'),
    expect: {
      staff: 'FFFFFF',
      leader: 'CCooCC',
      otherLeader: 'NNNNNN',
      consolidator: 'FFFFFF',
      admin: 'NNNoCC',
    },
  },
  sendSubmission: {
    query: byId('mutation($id: ID!) { sendSubmission(id: $id) { id } }'),
    expect: {
      staff: 'CCoCCC',
      leader: 'CCoCCC',
      otherLeader: 'NNNNNN',
      consolidator: 'FFFFFF',
      admin: 'FFFFFF',
    },
  },
  signingPayload: {
    query: byId('query($id: ID!) { signingPayload(submissionId: $id) { digest } }'),
    expect: {
      staff: 'FFFFFF',
      leader: 'CCoCCC',
      otherLeader: 'NNNNNN',
      consolidator: 'FFFFFF',
      admin: 'FFFFFF',
    },
  },
  // A signature that is not base64 DER: refused as bad input, but only once the state allows it.
  signSubmission: {
    query: byId(
      'mutation($id: ID!, $version: Int!) { signSubmission(input: { submissionId: $id, version: $version, form: KT, cms: "AAAA" }) { id } }',
    ),
    expect: {
      staff: 'FFFFFF',
      leader: 'CCBCCC',
      otherLeader: 'NNNNNN',
      consolidator: 'FFFFFF',
      admin: 'FFFFFF',
    },
  },
  returnSubmission: {
    query: byId('mutation($id: ID!) { returnSubmission(id: $id, reason: "Thiếu số liệu") { id } }'),
    expect: {
      staff: 'FFFFFF',
      leader: 'FFFFFF',
      otherLeader: 'FFFFFF',
      consolidator: 'NNNoCC',
      admin: 'FFFFFF',
    },
  },
  acceptSubmission: {
    query: byId('mutation($id: ID!) { acceptSubmission(id: $id) { id } }'),
    expect: {
      staff: 'FFFFFF',
      leader: 'FFFFFF',
      otherLeader: 'FFFFFF',
      consolidator: 'NNNoCC',
      admin: 'FFFFFF',
    },
  },
};

describe('approval rules: role × state × action', () => {
  let server: TestServer;
  let requestId: string;
  let submissionId: string;
  let keyNo = 0;

  beforeAll(async () => {
    server = await startTestServer();
    const prisma = server.app.db.prisma;
    // A leader of another agency (Sở GD&ĐT): sees nothing of Sở Y tế's reports.
    const gddt = await prisma.org.findUniqueOrThrow({ where: { code: 'NA.SGDDT' } });
    await prisma.user.create({
      data: {
        email: emails.otherLeader,
        name: 'Lãnh đạo Sở GD&ĐT (thử)',
        orgId: gddt.id,
        passwordHash: await hashPassword('demo-2023'),
        roles: { create: [{ role: 'APPROVER', scopeOrgId: gddt.id }] },
      },
    });
    ({ requestId } = await openApprovalRequest(server));
    const staff = await server.login(emails.staff);
    const saved = await server.gql<{ saveReport: { submission: { id: string } } }>(
      'mutation($input: SaveReportInput!) { saveReport(input: $input) { submission { id } } }',
      { input: { requestId, baseVersion: 0, idempotencyKey: 'table-0', ...fullReport } },
      staff,
    );
    submissionId = saved.data!.saveReport.submission.id;
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('has a column for every mutation that answers a report, and the payload to sign', () => {
    const mutations = schema.getMutationType()!.getFields();
    const onReports = Object.values(mutations)
      .filter((f) => /\bSubmission\b|SaveReportPayload/.test(String(f.type)))
      .map((f) => f.name);
    expect([...onReports, 'signingPayload'].sort()).toEqual(Object.keys(table).sort());
  });

  it('says an outcome for every actor in every state', () => {
    for (const [action, column] of Object.entries(table)) {
      for (const actor of ACTORS) {
        expect({ action, actor, letters: column.expect[actor].length }).toEqual({
          action,
          actor,
          letters: STATES.length,
        });
      }
    }
  });

  const cases = Object.entries(table).flatMap(([action, column]) =>
    ACTORS.flatMap((actor) =>
      STATES.map((state, i) => {
        const code = column.expect[actor][i]!;
        return [action, actor, state, CODES[code]!, column] as const;
      }),
    ),
  );

  it.each(cases)(
    '%s by %s on a %s report → %s',
    async (_action, actor, state, expected, column) => {
      const prisma = server.app.db.prisma;
      const approved = ['APPROVED', 'SUBMITTED', 'ACCEPTED'].includes(state);
      const sent = ['SUBMITTED', 'RETURNED', 'ACCEPTED'].includes(state);
      const report = await prisma.submission.update({
        where: { id: submissionId },
        data: {
          status: state,
          approvedAt: approved ? new Date() : null,
          submittedAt: sent ? new Date() : null,
        },
      });
      const token = await server.login(emails[actor]);
      const { query, variables } = column.query({
        requestId,
        id: submissionId,
        version: report.version,
        key: `table-${++keyNo}`,
      });
      const res = await server.gql(query, variables, token);
      const outcome = res.errors?.length ? res.errors[0]!.extensions?.code : 'ok';
      expect({ outcome, message: res.errors?.[0]?.message }).toMatchObject({ outcome: expected });
    },
  );
});
