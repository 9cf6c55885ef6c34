// A province's DTI self-assessment over HTTP on the demo: Sở KH&CN Nghệ An opens it for 2025
// from 922/2022, each component goes to the department that owns it, Sở Y tế and Sở GD&ĐT
// answer through the API, the Sở returns, accepts and scores, and exports for the national
// system. 922/2022's components could not be read (prisma/catalogue/dti/README.md): the test
// completes the framework with a list of the decision's shape (test/support/dti.ts), through the
// loader a real appendix goes through.
import ExcelJS from 'exceljs';
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { shippedFrameworkText, withTestComponents } from '../../support/dti.ts';
import { convertWithLibreOffice } from '../../support/libreoffice.ts';
import { loadFramework } from '../../../server/dti/load.ts';
import { FrameworkFileError } from '../../../server/dti/framework-file.ts';
import { EXPORT_COLUMNS, EXPORT_HEADER_ROWS } from '../../../server/dti/export-xlsx.ts';
import type { Json } from '../../support/json.ts';

const SHEET = contractOperation('ReportSheet');
const SAVE = contractOperation('SaveReport');
const RETURN = contractOperation('ReturnSubmission');
const ACCEPT = contractOperation('AcceptSubmission');

const FRAMEWORKS = `{ dtiFrameworks { code decisionNumber issuedOn maxPoints componentCount
  recordedComponents notes mainIndicators { code name maxPoints scored componentCount
  source { url derived } } } }`;
const OPEN = `mutation($input: OpenDtiAssessmentInput!) { openDtiAssessment(input: $input) {
  id year framework { code } request { id title } } }`;
const SET_OWNER = `mutation($input: SetDtiComponentOwnerInput!) {
  setDtiComponentOwner(input: $input) { componentCode how org { name } } }`;
const OWNERS = `query($code: String!) { dtiComponentOwners(frameworkCode: $code) {
  componentCode how org { code } } }`;
const SCORES = `query($id: ID!) { dtiAssessment(id: $id) { year framework { code }
  scores { total { points maxPoints index unknownComponents }
    mainIndicators { code points maxPoints index }
    byOrg { org { code } points }
    selfAssessed { points maxPoints index unknownComponents }
    components { code points problem org { code } }
    unanswered withoutEvidence measuredByMinistry }
  yearBefore { year how frameworkCode points index note } } }`;

describe('DTI self-assessment on the demo', () => {
  let server: TestServer;
  let consolidator: string;
  let health: string;
  let education: string;
  const ids: Record<string, string> = {};
  let assessmentId = '';
  let requestId = '';
  let keyNo = 0;
  const gql = async (query: string, variables: Json, token: string) => {
    const res = await server.gql<Json>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const cell = (columnKey: string, value: string) => ({ columnKey, value });
  /** Saves rows of the DTI table as the agency; submit sends. */
  const save = async (
    token: string,
    rows: { key: string; cells: { columnKey: string; value: string }[] }[],
    submit = true,
  ) => {
    const sheet = await gql(SHEET, { requestId }, token);
    const res = await gql(
      SAVE,
      {
        input: {
          requestId,
          baseVersion: sheet.reportSheet.submission?.version ?? 0,
          idempotencyKey: `dti-${++keyNo}`,
          submit,
          tables: [{ key: 'chi_so_dti', rows }],
        },
      },
      token,
    );
    return res.saveReport as Json;
  };
  const scores = async () => (await gql(SCORES, { id: assessmentId }, consolidator)).dtiAssessment;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.app.db.prisma;
    for (const code of ['NA', 'NA.SKHCN', 'NA.SYT', 'NA.SGDDT', 'NA.SNV', 'NA.STC']) {
      ids[code] = (await prisma.org.findUniqueOrThrow({ where: { code } })).id;
    }
    consolidator = await server.login('stttt.nghean@demo.vn');
    health = await server.login('syte.nghean@demo.vn');
    education = await server.login('sogddt.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('the stored frameworks: 922/2022 with 9 main indicators, 98 components, 1,000 points; 405/2025 with 8 and 47', async () => {
    const { dtiFrameworks } = await gql(FRAMEWORKS, {}, consolidator);
    expect(dtiFrameworks.map((f: Json) => f.code)).toEqual(['DTI-405-2025', 'DTI-922-2022']);
    const [f405, f922] = dtiFrameworks as [Json, Json];
    const sum = (f: Json, key: string) =>
      f.mainIndicators.reduce((n: number, m: Json) => n + (m[key] ?? 0), 0);
    expect(f922.mainIndicators).toHaveLength(9);
    expect(f922.componentCount).toBe(98);
    expect(sum(f922, 'componentCount')).toBe(98);
    expect(f922.maxPoints).toBe(1000);
    expect(sum(f922, 'maxPoints')).toBe(1000);
    expect(f922.mainIndicators.find((m: Json) => m.name === 'Đô thị thông minh')).toMatchObject({
      maxPoints: 0,
      scored: false,
    });
    expect(f405.mainIndicators).toHaveLength(8);
    expect(f405.componentCount).toBe(47);
    expect(f405.maxPoints).toBeNull();
    // What could not be read is said, not filled in.
    expect(f922.recordedComponents).toBe(0);
    expect(f922.notes[0]).toMatch(/Chưa ghi 98 chỉ số thành phần/);
  });

  test('an assessment does not open on a framework whose components are not recorded', async () => {
    const prisma = server.app.db.prisma;
    const requests = await prisma.reportRequest.count();
    const res = await server.gql<Json>(
      OPEN,
      {
        input: { frameworkCode: 'DTI-922-2022', year: 2025, deadline: '2026-03-15T17:00:00+07:00' },
      },
      consolidator,
    );
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/chưa có danh sách chỉ số thành phần/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await prisma.reportRequest.count()).toBe(requests);
    expect(await prisma.dtiAssessment.count()).toBe(0);
  });

  test('completed from an appendix, each component goes to the department that owns it', async () => {
    const prisma = server.app.db.prisma;
    const text = withTestComponents(shippedFrameworkText('dti-922-2022.json'), {
      ministryMain: '7',
    });
    expect(await loadFramework(prisma, text)).toMatchObject({
      outcome: 'completed',
      components: 98,
    });
    const { dtiComponentOwners } = await gql(OWNERS, { code: 'DTI-922-2022' }, consolidator);
    const owner = (code: string) => dtiComponentOwners.find((o: Json) => o.componentCode === code);
    expect(owner('1.1')).toMatchObject({ how: 'MATCHED', org: { code: 'NA.SYT' } });
    expect(owner('1.2')).toMatchObject({ how: 'MATCHED', org: { code: 'NA.SGDDT' } });
    expect(owner('1.3')).toMatchObject({ how: 'MATCHED', org: { code: 'NA.SNV' } });
    expect(owner('1.4')).toMatchObject({ how: 'DEFAULT', org: { code: 'NA.SKHCN' } });
    const set = await gql(
      SET_OWNER,
      { input: { frameworkCode: 'DTI-922-2022', componentCode: '1.4', orgId: ids['NA.SYT'] } },
      consolidator,
    );
    expect(set.setDtiComponentOwner).toMatchObject({
      how: 'SET',
      org: { name: 'Sở Y tế tỉnh Nghệ An' },
    });

    const opened = await gql(
      OPEN,
      {
        input: { frameworkCode: 'DTI-922-2022', year: 2025, deadline: '2026-03-15T17:00:00+07:00' },
      },
      consolidator,
    );
    assessmentId = opened.openDtiAssessment.id;
    requestId = opened.openDtiAssessment.request.id;
    expect(opened.openDtiAssessment.request.title).toBe(
      'Tự đánh giá Chỉ số chuyển đổi số (DTI) năm 2025 của Ủy ban nhân dân tỉnh Nghệ An',
    );
    // Sở Y tế's sheet holds its own components, under their main indicators, and nobody else's.
    const sheet = (await gql(SHEET, { requestId }, health)).reportSheet;
    const rows: Json[] = sheet.tables[0].rows;
    const keys = rows.map((r) => r.key);
    expect(keys.slice(0, 5)).toEqual(['main_1', 'dti_1_1', 'dti_1_4', 'dti_1_5', 'dti_1_9']);
    expect(keys).not.toContain('dti_1_2');
    expect(keys).not.toContain('dti_7_22'); // measured by the Ministry: the department sees it
    const row11 = rows.find((r) => r.key === 'dti_1_1')!;
    expect(row11.label).toMatch(/^1\.1\. /);
    expect(row11.cells.find((c: Json) => c.columnKey === 'diem_toi_da').value).toBe('10');
    // A row asked of another department cannot be written by this one.
    const stray = await save(health, [{ key: 'dti_1_2', cells: [cell('co_khong', 'Có')] }], false);
    expect(stray.problems).toHaveLength(1);
    expect(stray.problems[0]).toMatchObject({ rowKey: 'dti_1_2' });
    // The department sees what the Ministry measures, read-only.
    const own = (await gql(SHEET, { requestId }, consolidator)).reportSheet.tables[0]
      .rows as Json[];
    expect(own.find((r) => r.key === 'dti_7_22')).toMatchObject({ readOnly: true });
  });

  test('two departments answer, the Sở returns one, it changes one answer, and the score moves by that component’s formula', async () => {
    const y = await save(health, [
      { key: 'dti_1_1', cells: [cell('ty_le', '80%'), cell('minh_chung', 'QĐ 15/QĐ-SYT')] }, // 10 × 80% = 8
      { key: 'dti_1_5', cells: [cell('co_khong', 'Có'), cell('minh_chung', 'KH 20/KH-SYT')] }, // 10
      { key: 'dti_1_9', cells: [cell('diem_tu_cham', '7')] }, // 7, no evidence
    ]);
    expect(y.problems).toEqual([]);
    expect(y.submission.status).toBe('SUBMITTED');
    const g = await save(education, [
      { key: 'dti_1_2', cells: [cell('co_khong', 'Không'), cell('minh_chung', 'BC 3/BC-SGDĐT')] }, // 0
      { key: 'dti_1_6', cells: [cell('diem_tu_cham', '6.5'), cell('minh_chung', 'QĐ 7')] }, // 6,5
      { key: 'dti_1_10', cells: [cell('ty_le', '45'), cell('minh_chung', 'BC 9')] }, // 10 × 45% = 4,5
    ]);
    expect(g.problems).toEqual([]);

    let s = await scores();
    expect(s.scores.mainIndicators[0]).toMatchObject({
      code: '1',
      points: 36,
      maxPoints: 100,
      index: null,
    });
    expect(s.scores.total).toMatchObject({ points: 36, maxPoints: 1000, index: null });
    const byOrg = Object.fromEntries(
      s.scores.byOrg.map((o: Json) => [o.org.code, o.points] as const),
    );
    expect(byOrg).toEqual({ 'NA.SYT': 25, 'NA.SGDDT': 11, 'NA.SNV': 0, 'NA.SKHCN': 0 });
    expect(s.scores.selfAssessed).toMatchObject({ points: 36, index: null });
    expect(s.scores.withoutEvidence).toEqual(['1.9']);
    expect(s.scores.unanswered).toContain('1.3');
    expect(s.scores.unanswered).not.toContain('1.1');
    expect(s.scores.measuredByMinistry).toEqual(['7.22']);
    expect(s.yearBefore).toMatchObject({ year: 2024, how: 'UNKNOWN' });

    // Returned with a reason, Sở Y tế corrects 1.1 to 50% and sends again: 10 × 50% = 5, so 3 less.
    const submissions = await server.app.db.prisma.submission.findMany({ where: { requestId } });
    const ofHealth = submissions.find((x) => x.orgId === ids['NA.SYT'])!;
    await gql(
      RETURN,
      { id: ofHealth.id, reason: 'Tỷ lệ 1.1 chưa khớp báo cáo quý IV.' },
      consolidator,
    );
    // Meanwhile the Sở gives 1.4 (not answered yet) to Sở Tài chính, which becomes a recipient; a
    // workbook still holding that row is told where it went; given back, Sở Tài chính owes nothing.
    const move = (componentCode: string, orgId: string) =>
      server.gql<Json>(
        SET_OWNER,
        { input: { frameworkCode: 'DTI-922-2022', componentCode, orgId, assessmentId } },
        consolidator,
      );
    expect((await move('1.4', ids['NA.STC']!)).errors).toBeUndefined();
    const recipient = (orgId: string) =>
      server.app.db.prisma.reportRecipient.count({ where: { requestId, orgId } });
    expect(await recipient(ids['NA.STC']!)).toBe(1);
    const stale = await save(health, [{ key: 'dti_1_4', cells: [cell('ty_le', '60')] }], false);
    expect(stale.problems).toEqual([
      {
        tableKey: 'chi_so_dti',
        rowKey: 'dti_1_4',
        columnKey: null,
        message: expect.stringMatching(
          /^Dòng "1\.4\. .*" đã giao cho Sở Tài chính tỉnh Nghệ An; tải lại báo cáo rồi lưu\.$/,
        ),
      },
    ]);
    expect((await move('1.4', ids['NA.SYT']!)).errors).toBeUndefined();
    expect(await recipient(ids['NA.STC']!)).toBe(0);

    const again = await save(health, [{ key: 'dti_1_1', cells: [cell('ty_le', '50')] }]);
    expect(again.problems).toEqual([]);
    for (const sub of submissions) await gql(ACCEPT, { id: sub.id }, consolidator);
    s = await scores();
    expect(s.scores.total.points).toBe(33);
    expect(s.scores.components.find((c: Json) => c.code === '1.1')).toMatchObject({
      points: 5,
      problem: null,
      org: { code: 'NA.SYT' },
    });
  });

  test('a component is not moved away from an agency that answered it, nor to a report already sent', async () => {
    const prisma = server.app.db.prisma;
    const move = (componentCode: string, orgId: string) =>
      server.gql<Json>(
        SET_OWNER,
        { input: { frameworkCode: 'DTI-922-2022', componentCode, orgId, assessmentId } },
        consolidator,
      );
    const answered = await move('1.1', ids['NA.SGDDT']!);
    expect(answered.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^Báo cáo của Sở Giáo dục và Đào tạo tỉnh Nghệ An đang ở trạng thái "Đã tiếp nhận"/,
      ),
      extensions: { code: 'CONFLICT' },
    });
    const toSkhcn = await move('1.1', ids['NA.SKHCN']!);
    expect(toSkhcn.errors?.[0]).toMatchObject({
      message:
        'Sở Y tế tỉnh Nghệ An đã ghi số liệu cho chỉ số 1.1; xóa số liệu đó trước khi giao cho đơn vị khác.',
      extensions: { code: 'CONFLICT' },
    });
    const route = await prisma.requestRowRoute.findFirstOrThrow({
      where: { requestId, rowKey: 'dti_1_1' },
    });
    expect(route.orgId).toBe(ids['NA.SYT']);

    // 1.3 (Sở Nội vụ, unanswered) to Sở Tài chính: it leaves Sở Nội vụ's sheet for the other's.
    expect((await move('1.3', ids['NA.STC']!)).errors).toBeUndefined();
    const rowsOf = async (orgId: string) =>
      (
        (await gql(SHEET, { requestId, orgId }, consolidator)).reportSheet.tables[0].rows as Json[]
      ).map((r) => r.key);
    expect(await rowsOf(ids['NA.STC']!)).toEqual(['main_1', 'dti_1_3']);
    expect(await rowsOf(ids['NA.SNV']!)).not.toContain('dti_1_3');
  });

  test('a department of another province neither opens, routes nor reads Nghệ An’s', async () => {
    const other = await server.login('stttt.bentre@demo.vn');
    const read = await server.gql<Json>(SCORES, { id: assessmentId }, other);
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const route = await server.gql<Json>(
      SET_OWNER,
      {
        input: {
          frameworkCode: 'DTI-922-2022',
          componentCode: '1.7',
          orgId: ids['NA.SYT'],
          assessmentId,
        },
      },
      other,
    );
    expect(route.errors?.[0]?.extensions).toMatchObject({
      code: expect.stringMatching(/BAD_USER_INPUT|FORBIDDEN/),
    });
    const list = await server.gql<Json>(
      'query($p: ID) { dtiAssessments(provinceOrgId: $p) { id } }',
      { p: ids['NA'] },
      other,
    );
    expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('only those who oversee the province read the scores', async () => {
    const res = await server.gql<Json>(SCORES, { id: assessmentId }, education);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const analyst = await server.login('phantich@demo.vn');
    const read = await server.gql<Json>(SCORES, { id: assessmentId }, analyst);
    expect(read.data?.dtiAssessment.scores.total.points).toBe(33);
  });

  test('the next year on another framework leaves 2025 as it was, and shows it as the year before', async () => {
    const prisma = server.app.db.prisma;
    const before = await scores();
    // A loaded framework is never rewritten: another list for 922/2022 is refused.
    const other = withTestComponents(shippedFrameworkText('dti-922-2022.json'));
    await expect(loadFramework(prisma, other)).rejects.toThrow(FrameworkFileError);
    // The next year uses another framework (here a copy under its own code).
    await loadFramework(
      prisma,
      withTestComponents(shippedFrameworkText('dti-922-2022.json'), { code: 'TEST-DTI-B' }),
    );
    const opened = await gql(
      OPEN,
      { input: { frameworkCode: 'TEST-DTI-B', year: 2026, deadline: '2027-03-15T17:00:00+07:00' } },
      consolidator,
    );
    const next = opened.openDtiAssessment;
    expect(next.framework.code).toBe('TEST-DTI-B');
    const previousRequest = requestId;
    requestId = next.request.id;
    const sent = await save(health, [
      { key: 'dti_1_1', cells: [cell('ty_le', '100'), cell('minh_chung', 'x')] },
    ]);
    expect(sent.problems).toEqual([]);
    requestId = previousRequest;
    expect(await scores()).toEqual(before);
    const later = await gql(SCORES, { id: next.id }, consolidator);
    expect(later.dtiAssessment.scores.total.points).toBe(10);
    expect(later.dtiAssessment.yearBefore).toMatchObject({
      year: 2025,
      how: 'OWN',
      frameworkCode: 'DTI-922-2022',
      points: 33,
      index: null,
    });
    // A second 2025 assessment is refused.
    const twice = await server.gql<Json>(
      OPEN,
      { input: { frameworkCode: 'TEST-DTI-B', year: 2025, deadline: '2026-03-15T17:00:00+07:00' } },
      consolidator,
    );
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  });

  test('the export for the national system: one row per component, and LibreOffice reads it back the same', async () => {
    const res = await fetch(`${server.app.url}/files/dti/${assessmentId}/export.xlsx`, {
      headers: { authorization: `Bearer ${consolidator}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/DTI%202025/);
    const file = Buffer.from(await res.arrayBuffer());
    const rowsOf = async (buffer: Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(buffer as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const rows: (string | number | null)[][] = [];
      sheet.eachRow((row, n) => {
        if (n < EXPORT_HEADER_ROWS) return;
        rows.push(
          EXPORT_COLUMNS.map((_, i) => {
            const v = row.getCell(i + 1).value;
            return v === null || v === undefined ? null : (v as string | number);
          }),
        );
      });
      return rows;
    };
    const rows = await rowsOf(file);
    expect(rows[0]).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(1 + 98);
    expect(rows[1]).toEqual([
      '1.1',
      expect.stringMatching(/^Chỉ số thử 1\.1/),
      50,
      'QĐ 15/QĐ-SYT',
      null,
      10,
      'Sở Y tế tỉnh Nghệ An',
      null,
    ]);
    expect(rows.find((r) => r[0] === '7.22')?.[6]).toBe('Bộ đo');
    const back = await rowsOf(convertWithLibreOffice(file, 'dti.xlsx', 'xlsx'));
    expect(back).toEqual(rows);

    const refused = await fetch(`${server.app.url}/files/dti/${assessmentId}/export.xlsx`, {
      headers: { authorization: `Bearer ${health}` },
    });
    expect(refused.status).toBe(403);
  }, 180_000);
});
