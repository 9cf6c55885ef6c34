// Approval inside the agency, as people live it on a real server: staff present the report to the
// leader, the leader returns it with a reason, staff correct it, the leader approves (values
// locked), sends; the Sở counts it only from then on; the leader withdraws the approval while the
// Sở has not accepted it; after acceptance it cannot be withdrawn; the history tells every step.
import { fullReport, openApprovalRequest } from '../../support/reports.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';

/** The tables of a report as `saveReport` takes them; rows of a free-row table have no key. */
type ReportTables = {
  key: string;
  rows: { key?: string; cells: { columnKey: string; value: string }[] }[];
}[];

const SAVE = `mutation($input: SaveReportInput!) {
  saveReport(input: $input) { submission { id status version returnReason } problems { message } }
}`;
const STATE = `query($id: ID!) { reportRequest(id: $id) {
  requiresApproval requiresSignature
  completeness { expected submitted missing pendingApproval }
  submissions { id status approvedAt history { action label actorName actorRole reason } }
} }`;

describe('approval inside the agency', () => {
  let server: TestServer;
  let requestId: string;
  let staff: string;
  let leader: string;
  let consolidator: string;
  let keyNo = 0;
  const save = (version: number, submit = false, tables: ReportTables = fullReport.tables) =>
    server.gql<Json>(
      SAVE,
      {
        input: {
          requestId,
          baseVersion: version,
          idempotencyKey: `appr-${++keyNo}`,
          submit,
          answers: fullReport.answers,
          tables,
        },
      },
      staff,
    );
  const state = async (token: string) =>
    (await server.gql<Json>(STATE, { id: requestId }, token)).data!.reportRequest;

  beforeAll(async () => {
    server = await startTestServer();
    ({ requestId } = await openApprovalRequest(server));
    staff = await server.login('syte.nghean@demo.vn');
    leader = await server.login('giamdoc.syte.nghean@demo.vn');
    consolidator = await server.login('stttt.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('present, return to staff, correct, approve, locked, send, withdraw, accept', async () => {
    const request = await state(consolidator);
    expect(request).toMatchObject({ requiresApproval: true, requiresSignature: false });

    // Staff "send": with approval required it goes to the leader, not to the Sở.
    const presented = await save(0, true);
    expect(presented.data!.saveReport).toMatchObject({
      problems: [],
      submission: { status: 'PENDING_APPROVAL', version: 1 },
    });
    const id = presented.data!.saveReport.submission.id as string;
    const queue = await server.gql<Json>('{ approvalQueue { id status } }', {}, leader);
    expect(queue.data!.approvalQueue).toContainEqual({ id, status: 'PENDING_APPROVAL' });

    // The Sở does not see it yet; completeness says it waits for the leader.
    const seen = await state(consolidator);
    expect(seen.submissions).toEqual([]);
    expect(seen.completeness).toMatchObject({ expected: 1, submitted: 0, pendingApproval: 1 });

    // Staff cannot change it while it is with the leader.
    const locked = await save(1);
    expect(locked.errors?.[0]).toMatchObject({
      message: expect.stringContaining('đang chờ lãnh đạo đơn vị duyệt'),
      extensions: { code: 'CONFLICT' },
    });

    // The leader returns it with a reason: a draft again, editable, the reason shown to staff.
    const returned = await server.gql<Json>(
      'mutation($id: ID!, $r: String!) { returnToStaff(id: $id, reason: $r) { status returnReason } }',
      { id, r: 'Số máy tính trang bị chưa khớp với báo cáo quý trước.' },
      leader,
    );
    expect(returned.data!.returnToStaff).toEqual({
      status: 'DRAFT',
      returnReason: 'Số máy tính trang bị chưa khớp với báo cáo quý trước.',
    });
    const corrected: ReportTables = structuredClone(fullReport.tables);
    const computers = corrected[0]!.rows.find((r) => r.key === 'II.4')!;
    computers.cells = [{ columnKey: 'ket_qua', value: 'Trang bị 118 máy tính' }];
    const fixed = await save(1, false, corrected);
    expect(fixed.data!.saveReport.submission).toMatchObject({ status: 'DRAFT', version: 2 });
    const again = await save(2, true, corrected);
    expect(again.data!.saveReport.submission).toMatchObject({
      status: 'PENDING_APPROVAL',
      version: 3,
      returnReason: null,
    });

    // Approving names the version read: an older one is refused.
    const stale = await server.gql<Json>(
      'mutation($id: ID!) { approveSubmission(id: $id, version: 2) { status } }',
      { id },
      leader,
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const approved = await server.gql<Json>(
      'mutation($id: ID!) { approveSubmission(id: $id, version: 3) { status approvedAt } }',
      { id },
      leader,
    );
    expect(approved.data!.approveSubmission.status).toBe('APPROVED');
    expect(approved.data!.approveSubmission.approvedAt).not.toBeNull();

    // Approved values are locked.
    const afterApproval = await save(3);
    expect(afterApproval.errors?.[0]).toMatchObject({
      message: expect.stringContaining('đã được lãnh đạo đơn vị duyệt'),
      extensions: { code: 'CONFLICT' },
    });

    // Staff send what the leader approved; the Sở now counts it.
    const sent = await server.gql<Json>(
      'mutation($id: ID!) { sendSubmission(id: $id) { status submittedAt late } }',
      { id },
      staff,
    );
    expect(sent.data!.sendSubmission).toMatchObject({ status: 'SUBMITTED', late: false });
    expect((await state(consolidator)).completeness).toMatchObject({
      submitted: 1,
      pendingApproval: 0,
    });

    // The leader withdraws the approval: it leaves the consolidation, back with the leader.
    const withdrawn = await server.gql<Json>(
      'mutation($id: ID!) { unapproveSubmission(id: $id, reason: "Cần bổ sung số liệu") { status approvedAt } }',
      { id },
      leader,
    );
    expect(withdrawn.data!.unapproveSubmission).toEqual({
      status: 'PENDING_APPROVAL',
      approvedAt: null,
    });
    expect((await state(consolidator)).completeness).toMatchObject({
      submitted: 0,
      pendingApproval: 1,
    });

    // Approved and sent again; the Sở accepts; from then on nobody withdraws it.
    await server.gql(
      'mutation($id: ID!) { approveSubmission(id: $id, version: 3) { id } }',
      { id },
      leader,
    );
    await server.gql('mutation($id: ID!) { sendSubmission(id: $id) { id } }', { id }, leader);
    const accepted = await server.gql<Json>(
      'mutation($id: ID!) { acceptSubmission(id: $id) { status } }',
      { id },
      consolidator,
    );
    expect(accepted.data!.acceptSubmission.status).toBe('ACCEPTED');
    const late = await server.gql<Json>(
      'mutation($id: ID!) { unapproveSubmission(id: $id) { status } }',
      { id },
      leader,
    );
    expect(late.errors?.[0]).toMatchObject({
      message: 'Đơn vị tổng hợp đã tiếp nhận báo cáo; không bỏ duyệt được nữa.',
      extensions: { code: 'CONFLICT' },
    });

    // The history, as the Sở reads it: who did what, in which role, with the reasons.
    const history = (await state(consolidator)).submissions[0].history as Json[];
    expect(history.map((e) => [e.label, e.actorRole])).toEqual([
      ['Trình lãnh đạo duyệt', 'REPORTER'],
      ['Lãnh đạo trả lại cho cán bộ', 'APPROVER'],
      ['Lưu nháp', 'REPORTER'],
      ['Trình lãnh đạo duyệt', 'REPORTER'],
      ['Lãnh đạo đã duyệt', 'APPROVER'],
      ['Gửi đơn vị tổng hợp (sau khi duyệt)', 'REPORTER'],
      ['Bỏ duyệt', 'APPROVER'],
      ['Lãnh đạo đã duyệt', 'APPROVER'],
      ['Gửi đơn vị tổng hợp (sau khi duyệt)', 'APPROVER'],
      ['Đơn vị tổng hợp tiếp nhận', 'CONSOLIDATOR'],
    ]);
    expect(history[1]).toMatchObject({
      actorName: 'Lãnh đạo Sở Y tế Nghệ An',
      reason: 'Số máy tính trang bị chưa khớp với báo cáo quý trước.',
    });
    expect(history[6]!.reason).toBe('Cần bổ sung số liệu');
  });

  test("a request that needs no approval keeps the direct way, and refuses the leader's moves", async () => {
    const prisma = server.app.db.prisma;
    const review = await prisma.reportRequest.findUniqueOrThrow({
      where: { key: 'NA-403-SOKET-SO-HUYEN' },
    });
    expect(review.requiresApproval).toBe(false);
    const saved = await server.gql<Json>(
      SAVE,
      {
        input: {
          requestId: review.id,
          baseVersion: 0,
          idempotencyKey: 'direct-1',
          submit: true,
          ...fullReport,
        },
      },
      staff,
    );
    expect(saved.data!.saveReport.submission.status).toBe('SUBMITTED');
    const approve = await server.gql<Json>(
      'mutation($id: ID!) { approveSubmission(id: $id, version: 1) { id } }',
      { id: saved.data!.saveReport.submission.id },
      leader,
    );
    expect(approve.errors?.[0]?.message).toContain('không cần lãnh đạo đơn vị duyệt');
  });

  test('a signature brings approval with it; the template gives the defaults', async () => {
    const { requestId: signed } = await openApprovalRequest(server, {
      requiresApproval: false,
      requiresSignature: true,
    });
    const r = await server.gql<Json>(
      'query($id: ID!) { reportRequest(id: $id) { requiresApproval requiresSignature } }',
      { id: signed },
      consolidator,
    );
    expect(r.data!.reportRequest).toEqual({ requiresApproval: true, requiresSignature: true });
  });
});
