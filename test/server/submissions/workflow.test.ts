// The reporting workflow over HTTP with the contract's operations, on the demo data: Sở Y tế
// Nghệ An fills its Phụ lục 01–03 sheet, saves, sends late, is returned with a reason, sends
// again and is accepted; Sở TT&TT consolidates. Every step checks what a user would see.
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Target } from '../../support/databases.ts';
import { fullReport } from '../../support/reports.ts';
import type { Json } from '../../support/json.ts';

const SHEET = contractOperation('ReportSheet');
const SAVE = contractOperation('SaveReport');
const CONSOLIDATION = contractOperation('Consolidation');
const RETURN = contractOperation('ReturnSubmission');
const ACCEPT = contractOperation('AcceptSubmission');

describe.each<Target>(['pglite', 'postgres'])('reporting workflow on %s', (target) => {
  let server: TestServer;
  let requestId: string;
  let syt: string;
  let reporter: string;
  let consolidator: string;
  let keyNo = 0;
  const key = () => `${target}-k${++keyNo}`;
  const save = (input: Json, token = reporter) =>
    server.gql<Json>(SAVE, { input: { requestId, ...input } }, token);

  beforeAll(async () => {
    server = await startTestServer(target);
    const prisma = server.app.db.prisma;
    requestId = (
      await prisma.reportRequest.findUniqueOrThrow({ where: { key: 'NA-403-SOKET-SO-HUYEN' } })
    ).id;
    syt = (await prisma.org.findUniqueOrThrow({ where: { code: 'NA.SYT' } })).id;
    reporter = await server.login('syte.nghean@demo.vn');
    consolidator = await server.login('stttt.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('Sở Y tế sees the tasks it leads and those given to all departments, not others', async () => {
    const res = await server.gql<Json>(SHEET, { requestId }, reporter);
    expect(res.errors).toBeUndefined();
    const sheet = res.data!.reportSheet;
    expect(sheet.org.name).toBe('Sở Y tế tỉnh Nghệ An');
    expect(sheet.submission).toBeNull();
    const pl03 = sheet.tables.find((t: Json) => t.key === 'pl03');
    expect(pl03.rows.map((r: Json) => r.key)).toEqual([
      'group:II',
      'II.4',
      'group:IV',
      'IV.2',
      'IV.9',
    ]);
    // A group row as the appendix shows it: a heading with nothing to fill.
    expect(pl03.rows[0]).toMatchObject({
      label: 'II. Bảo đảm An toàn thông tin',
      readOnly: true,
      cells: [],
    });
    expect(pl03.rows[1]).toMatchObject({ group: 'group:II', readOnly: false });
    const iv2 = pl03.rows.find((r: Json) => r.key === 'IV.2');
    expect(iv2.cells.find((c: Json) => c.columnKey === 'don_vi_chu_tri').value).toBe('Sở Y tế');
    const lead = pl03.columns.find((c: Json) => c.key === 'don_vi_chu_tri');
    expect(lead.readOnly).toBe(true);
    const progress = pl03.columns.find((c: Json) => c.key === 'tien_do');
    expect(progress.options.map((o: Json) => o.label)).toEqual([
      'Hoàn thành',
      'Đang triển khai',
      'Chưa triển khai',
    ]);
    expect(sheet.outline.find((s: Json) => s.key === 'A.I').answer).toBeNull();

    const education = await server.login('sogddt.nghean@demo.vn');
    const other = await server.gql<Json>(SHEET, { requestId }, education);
    const keys = other
      .data!.reportSheet.tables.find((t: Json) => t.key === 'pl03')
      .rows.map((r: Json) => r.key);
    expect(keys).toContain('II.4');
    expect(keys).not.toContain('IV.2');
  });

  test('a save with any problem saves nothing', async () => {
    const res = await save({
      baseVersion: 0,
      idempotencyKey: key(),
      tables: [
        {
          key: 'pl03',
          rows: [
            {
              key: 'IV.2',
              cells: [
                { columnKey: 'ket_qua', value: 'Đúng' },
                { columnKey: 'tien_do', value: 'Xong rồi' },
              ],
            },
          ],
        },
      ],
    });
    expect(res.data!.saveReport.submission).toBeNull();
    expect(res.data!.saveReport.problems).toEqual([
      {
        tableKey: 'pl03',
        rowKey: 'IV.2',
        columnKey: 'tien_do',
        message:
          'Bảng "Phụ lục 03", dòng "IV.2. Số hóa, xây dựng CSDL, HTTT dùng c…", cột "Tiến độ": "Xong rồi" không có trong danh sách ("Hoàn thành", "Đang triển khai", "Chưa triển khai").',
      },
    ]);
    const sheet = await server.gql<Json>(SHEET, { requestId }, reporter);
    expect(sheet.data!.reportSheet.submission).toBeNull();
    const iv2 = sheet.data!.reportSheet.tables[1].rows.find((r: Json) => r.key === 'IV.2');
    expect(iv2.cells.find((c: Json) => c.columnKey === 'ket_qua').value).toBeNull();
  });

  test('a draft: saved, replayed by its key without a new version, hidden from the consolidator', async () => {
    const k = key();
    const input = {
      baseVersion: 0,
      idempotencyKey: k,
      tables: [
        {
          key: 'pl03',
          rows: [{ key: 'IV.2', cells: [{ columnKey: 'ket_qua', value: '  Bản nháp  ' }] }],
        },
      ],
    };
    const first = await save(input);
    expect(first.data!.saveReport).toMatchObject({
      submission: { status: 'DRAFT', version: 1, late: false, submittedAt: null },
      problems: [],
    });
    const again = await save(input);
    expect(again.data!.saveReport).toEqual(first.data!.saveReport);
    const reused = await save({ ...input, tables: [] });
    expect(reused.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const stale = await save({ ...input, idempotencyKey: key() });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });

    const mine = await server.gql<Json>(SHEET, { requestId }, reporter);
    expect(mine.data!.reportSheet.submission).toMatchObject({ status: 'DRAFT', version: 1 });
    const iv2 = mine.data!.reportSheet.tables[1].rows.find((r: Json) => r.key === 'IV.2');
    expect(iv2.cells.find((c: Json) => c.columnKey === 'ket_qua').value).toBe('Bản nháp');

    const theirs = await server.gql<Json>(SHEET, { requestId, orgId: syt }, consolidator);
    expect(theirs.data!.reportSheet.submission).toBeNull();
    const hidden = theirs.data!.reportSheet.tables[1].rows.find((r: Json) => r.key === 'IV.2');
    expect(hidden.cells.find((c: Json) => c.columnKey === 'ket_qua').value).toBeNull();
    const view = await server.gql<Json>(CONSOLIDATION, { requestId }, consolidator);
    expect(view.data!.reportRequest.submissions).toEqual([]);
    expect(view.data!.reportRequest.missingOrgs.map((o: Json) => o.id)).toContain(syt);
    // Nor is anything of the draft merged into the tables.
    expect(JSON.stringify(view.data!.reportRequest.consolidated)).not.toContain('Bản nháp');
  });

  test('sending with required cells empty lists them; complete, it is sent late after 20/8/2023', async () => {
    const incomplete = await save({ baseVersion: 1, idempotencyKey: key(), submit: true });
    const where = incomplete.data!.saveReport.problems.map(
      (p: Json) => `${p.tableKey}/${p.rowKey}/${p.columnKey}`,
    );
    expect(where).toEqual(['pl03/II.4/ket_qua', 'pl03/IV.9/ket_qua']);

    const sent = await save({ baseVersion: 1, idempotencyKey: key(), submit: true, ...fullReport });
    expect(sent.data!.saveReport.problems).toEqual([]);
    expect(sent.data!.saveReport.submission).toMatchObject({
      status: 'SUBMITTED',
      version: 2,
      late: true,
    });
    expect(Date.parse(sent.data!.saveReport.submission.submittedAt)).toBeGreaterThan(
      Date.parse('2023-08-20T17:00:00Z'),
    );

    const draftOver = await save({ baseVersion: 2, idempotencyKey: key() });
    expect(draftOver.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  test('the consolidator sees completeness, every table merged and the answers', async () => {
    const res = await server.gql<Json>(CONSOLIDATION, { requestId }, consolidator);
    expect(res.errors).toBeUndefined();
    const r = res.data!.reportRequest;
    expect(r.completeness).toEqual({
      expected: 42,
      submitted: 1,
      onTime: 0,
      late: 1,
      missing: 41,
      returned: 0,
      accepted: 0,
    });
    expect(r.submissions).toEqual([
      expect.objectContaining({
        status: 'SUBMITTED',
        late: true,
        org: { id: syt, name: 'Sở Y tế tỉnh Nghệ An' },
      }),
    ]);
    expect(r.missingOrgs).toHaveLength(41);
    const pl03 = r.consolidated.tables.find((t: Json) => t.key === 'pl03');
    // Every task some recipient leads is a row (Phụ lục 03 lists them all), in the plan's groups.
    expect(pl03.rows.filter((x: Json) => !x.key.startsWith('group:'))).toHaveLength(38);
    expect(
      pl03.rows.filter((x: Json) => x.key.startsWith('group:')).map((x: Json) => x.label),
    ).toEqual([
      'I. Chính quyền số',
      'II. Bảo đảm An toàn thông tin',
      'III. Phát triển nhân lực Chuyển đổi số',
      'IV. Chuyển đổi số các lĩnh vực',
    ]);
    const iv2 = pl03.rows.find((x: Json) => x.key === 'IV.2');
    expect(iv2.byOrg).toEqual([
      {
        org: { id: syt, name: 'Sở Y tế tỉnh Nghệ An' },
        cells: expect.arrayContaining([
          { columnKey: 'ket_qua', value: 'Kho dữ liệu ngành Y tế đã vận hành' },
          { columnKey: 'tien_do', value: 'DANG_TRIEN_KHAI' },
        ]),
      },
    ]);
    expect(iv2.totals).toEqual(
      expect.arrayContaining([
        { columnKey: 'tt', value: 'IV.2' },
        { columnKey: 'tien_do', value: '1' },
      ]),
    );
    const pl02 = r.consolidated.tables.find((t: Json) => t.key === 'pl02');
    expect(pl02.rows.map((x: Json) => x.label)).toEqual([
      'Sở Y tế tỉnh Nghệ An',
      'Sở Y tế tỉnh Nghệ An – dòng 1',
    ]);
    expect(pl02.rows[1].byOrg[0].cells).toContainEqual({
      columnKey: 'ket_qua',
      value: '=HYPERLINK("http://x")',
    });
    const answer = r.consolidated.outline.find((s: Json) => s.key === 'A.I');
    expect(answer.answers).toEqual([
      {
        org: { id: syt, name: 'Sở Y tế tỉnh Nghệ An' },
        text: 'Sở đã ban hành kế hoạch triển khai.',
      },
    ]);

    // The progress sent feeds the plan's task status.
    const planId = (
      await server.app.db.prisma.document.findUniqueOrThrow({
        where: { key: 'NA-586-KH-UBND-2022' },
      })
    ).id;
    const plan = (await server.gql<Json>(contractOperation('Plan'), { id: planId }, consolidator))
      .data!.plan;
    const status = (code: string) => plan.tasks.find((t: Json) => t.code === code).status;
    expect([status('IV.2'), status('II.4'), status('I.1')]).toEqual([
      'IN_PROGRESS',
      'DONE',
      'NOT_REPORTED',
    ]);

    const overdue = await server.gql<Json>(
      'query($id: ID!) { reportRequest(id: $id) { overdueOrgs { id } } }',
      { id: requestId },
      consolidator,
    );
    expect(overdue.data!.reportRequest.overdueOrgs).toHaveLength(41);
    expect(overdue.data!.reportRequest.overdueOrgs.map((o: Json) => o.id)).not.toContain(syt);

    const asReporter = await server.gql<Json>(CONSOLIDATION, { requestId }, reporter);
    expect(asReporter.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('returned with a reason, corrected, sent again, accepted and locked', async () => {
    const submissionId = (await server.gql<Json>(SHEET, { requestId }, reporter)).data!.reportSheet
      .submission.id;
    const noReason = await server.gql<Json>(
      RETURN,
      { id: submissionId, reason: '  ' },
      consolidator,
    );
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const byReporter = await server.gql<Json>(RETURN, { id: submissionId, reason: 'x' }, reporter);
    expect(byReporter.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const returned = await server.gql<Json>(
      RETURN,
      { id: submissionId, reason: 'Bổ sung số liệu mục IV.2' },
      consolidator,
    );
    expect(returned.data!.returnSubmission).toEqual({
      id: submissionId,
      status: 'RETURNED',
      returnReason: 'Bổ sung số liệu mục IV.2',
      version: 2,
    });
    const seen = await server.gql<Json>(SHEET, { requestId }, reporter);
    expect(seen.data!.reportSheet.submission).toMatchObject({ status: 'RETURNED', version: 2 });
    const completeness = await server.gql<Json>(CONSOLIDATION, { requestId }, consolidator);
    expect(completeness.data!.reportRequest.completeness).toMatchObject({
      submitted: 0,
      returned: 1,
      missing: 41,
    });

    // The return changed the status, not the content: the agency corrects from the same version.
    const fixing = await save({
      baseVersion: 2,
      idempotencyKey: key(),
      tables: [
        {
          key: 'pl03',
          rows: [
            { key: 'IV.2', cells: [{ columnKey: 'ket_qua', value: 'Kho dữ liệu: 1.250 hồ sơ' }] },
          ],
        },
      ],
    });
    expect(fixing.data!.saveReport.submission).toMatchObject({ status: 'RETURNED', version: 3 });
    const resent = await save({ baseVersion: 3, idempotencyKey: key(), submit: true });
    expect(resent.data!.saveReport.submission).toMatchObject({
      status: 'SUBMITTED',
      version: 4,
      late: true,
    });

    const accepted = await server.gql<Json>(ACCEPT, { id: submissionId }, consolidator);
    expect(accepted.data!.acceptSubmission).toEqual({ id: submissionId, status: 'ACCEPTED' });
    const locked = await save({ baseVersion: 4, idempotencyKey: key(), submit: true });
    expect(locked.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(locked.errors?.[0]?.message).toContain('tiếp nhận');
    const twice = await server.gql<Json>(ACCEPT, { id: submissionId }, consolidator);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  test('every change left an audit event; every save an immutable version', async () => {
    const prisma = server.app.db.prisma;
    const submission = await prisma.submission.findUniqueOrThrow({
      where: { requestId_orgId: { requestId, orgId: syt } },
    });
    const events = await prisma.auditEvent.findMany({
      where: { entityId: submission.id },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => [e.action, e.beforeVersion, e.afterVersion])).toEqual([
      ['submission.save', 0, 1],
      ['submission.submit', 1, 2],
      ['submission.return', 2, 2],
      ['submission.save', 2, 3],
      ['submission.submit', 3, 4],
      ['submission.accept', 4, 4],
    ]);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'syte.nghean@demo.vn' } });
    expect(events[0]!.actorId).toBe(user.id);
    expect(events[2]!.details).toEqual({ reason: 'Bổ sung số liệu mục IV.2' });
    const versions = await prisma.submissionVersion.findMany({
      where: { submissionId: submission.id },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'DRAFT'],
      [2, 'SUBMITTED'],
      [3, 'RETURNED'],
      [4, 'SUBMITTED'],
    ]);
    const sentFirst = versions[1]!.snapshot as Json;
    const iv2 = sentFirst.tables
      .find((t: Json) => t.key === 'pl03')
      .rows.find((r: Json) => r.key === 'IV.2');
    expect(iv2.cells.ket_qua).toBe('Kho dữ liệu ngành Y tế đã vận hành');
  });
});
