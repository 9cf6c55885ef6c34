// Consolidating Bến Tre's monthly pilot report: numbers summed by the column's rule, communes
// rolled up into their district and everything into the province, and the rates agencies send
// becoming the plan's measured values (Plan.targets.latestValue / progress).
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';

const SHEET = contractOperation('ReportSheet');
const SAVE = contractOperation('SaveReport');
const CONSOLIDATION = contractOperation('Consolidation');
const PLAN = contractOperation('Plan');

describe('Bến Tre pilot report, consolidated', () => {
  let server: TestServer;
  let requestId: string;
  let planId: string;
  const org: Record<string, string> = {};
  let binhDai: string;
  let consolidator: string;
  let tanThach: string;
  let n = 0;

  /** Sends an agency's whole sheet: every rate and figure filled from the functions given. */
  async function sendReport(
    token: string,
    orgCode: string,
    rate: (targetCode: string) => number,
    figure: (rowKey: string) => string,
  ) {
    const sheet = (
      await server.gql<Json>(
        'query($r: ID!, $o: ID) { reportSheet(requestId: $r, orgId: $o) { outline { key required } tables { key rows { key } } submission { version } } }',
        { r: requestId, o: org[orgCode] },
        token,
      )
    ).data!.reportSheet;
    const [targets, figures] = sheet.tables;
    const res = await server.gql<Json>(
      SAVE,
      {
        input: {
          requestId,
          orgId: org[orgCode],
          baseVersion: sheet.submission?.version ?? 0,
          idempotencyKey: `bt-${++n}`,
          submit: true,
          answers: sheet.outline
            .filter((s: Json) => s.required)
            .map((s: Json) => ({ key: s.key, text: `${orgCode}: đã triển khai` })),
          tables: [
            {
              key: targets.key,
              rows: targets.rows.map((r: Json) => ({
                key: r.key,
                cells: [{ columnKey: 'ty_le', value: `${rate(r.key)}%` }],
              })),
            },
            {
              key: figures.key,
              rows: figures.rows.map((r: Json) => ({
                key: r.key,
                cells: [{ columnKey: 'gia_tri', value: figure(r.key) }],
              })),
            },
          ],
        },
      },
      token,
    );
    expect(res.data?.saveReport.problems).toEqual([]);
    return res.data!.saveReport.submission;
  }

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.app.db.prisma;
    requestId = (
      await prisma.reportRequest.findUniqueOrThrow({ where: { key: 'BT-2140-THIDIEM-2021-09' } })
    ).id;
    planId = (await prisma.document.findUniqueOrThrow({ where: { key: 'BT-2140-KH-UBND-2021' } }))
      .id;
    for (const code of [
      'BT',
      'BT.BINHDAI',
      'BT.BINHDAI.BINHTHOI',
      'BT.CHAUTHANH',
      'BT.CHAUTHANH.TANTHACH',
    ]) {
      org[code] = (await prisma.org.findUniqueOrThrow({ where: { code } })).id;
    }
    binhDai = await server.login('ubnd.binhdai@demo.vn');
    consolidator = await server.login('stttt.bentre@demo.vn');
    const admin = await server.login('quantri@demo.vn');
    const made = await server.gql<Json>(
      contractOperation('CreateUser'),
      {
        input: {
          email: 'ubnd.tanthach@demo.vn',
          name: 'Cán bộ UBND xã Tân Thạch',
          password: 'mat-khau-tan-thach',
          orgId: org['BT.CHAUTHANH.TANTHACH'],
          roles: ['REPORTER'],
        },
      },
      admin,
    );
    expect(made.errors).toBeUndefined();
    tanThach = await server.login('ubnd.tanthach@demo.vn', 'mat-khau-tan-thach');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('a district reports district targets, a commune commune targets', async () => {
    const district = (await server.gql<Json>(SHEET, { requestId }, binhDai)).data!.reportSheet;
    const commune = (
      await server.gql<Json>(SHEET, { requestId, orgId: org['BT.BINHDAI.BINHTHOI'] }, binhDai)
    ).data!.reportSheet;
    const keys = (s: Json) => s.tables[0].rows.map((r: Json) => r.key);
    expect(keys(district)).toContain('II.1.1.5.DISTRICT');
    expect(keys(district)).not.toContain('II.2.1.5');
    expect(keys(commune)).toContain('II.2.1.5');
    expect(keys(commune)).not.toContain('II.1.1.5.DISTRICT');
    const row = district.tables[0].rows.find((r: Json) => r.key === 'II.1.1.5.DISTRICT');
    expect(row.cells.find((c: Json) => c.columnKey === 'muc_tieu').value).toBe('80');
  });

  test('numbers are summed, rolled up by district and into the province; rates feed the plan', async () => {
    // Bình Đại (district), Bình Thới (its commune, reported by the district's staff), Tân Thạch
    // (a commune of Châu Thành, by its own staff).
    const camerasOf = {
      'BT.BINHDAI': '4',
      'BT.BINHDAI.BINHTHOI': '10',
      'BT.CHAUTHANH.TANTHACH': '1.250',
    };
    const sent = await sendReport(
      binhDai,
      'BT.BINHDAI',
      (code) => (code === 'II.1.1.5.DISTRICT' ? 70 : 100),
      (k) => (k === 'so_camera' ? camerasOf['BT.BINHDAI'] : '0'),
    );
    expect(sent).toMatchObject({ status: 'SUBMITTED', late: true });
    await sendReport(
      binhDai,
      'BT.BINHDAI.BINHTHOI',
      (code) => (code === 'II.2.1.5' ? 30 : 100),
      (k) => (k === 'so_camera' ? camerasOf['BT.BINHDAI.BINHTHOI'] : '0'),
    );
    await sendReport(
      tanThach,
      'BT.CHAUTHANH.TANTHACH',
      (code) => (code === 'II.2.1.5' ? 60 : 100),
      (k) => (k === 'so_camera' ? camerasOf['BT.CHAUTHANH.TANTHACH'] : '0'),
    );

    const res = await server.gql<Json>(CONSOLIDATION, { requestId }, consolidator);
    expect(res.errors).toBeUndefined();
    const r = res.data!.reportRequest;
    expect(r.completeness).toMatchObject({ expected: 12, submitted: 3, late: 3, missing: 9 });
    const cameras = r.consolidated.tables
      .find((t: Json) => t.key === 'so_lieu')
      .rows.find((x: Json) => x.key === 'so_camera');
    expect(cameras.totals).toContainEqual({ columnKey: 'gia_tri', value: '1264' });
    expect(cameras.byOrg.map((o: Json) => o.org.id)).toEqual([
      org['BT.BINHDAI'],
      org['BT.BINHDAI.BINHTHOI'],
      org['BT.CHAUTHANH.TANTHACH'],
    ]);

    // The roll-up is not in the contract's query; ask for it.
    const rolled = await server.gql<Json>(
      `query($id: ID!) { reportRequest(id: $id) { consolidated { tables { key rows { key rollup { org { id } cells { columnKey value } } } } } } }`,
      { id: requestId },
      consolidator,
    );
    const rollup = rolled
      .data!.reportRequest.consolidated.tables.find((t: Json) => t.key === 'so_lieu')
      .rows.find((x: Json) => x.key === 'so_camera').rollup;
    expect(rollup).toEqual([
      { org: { id: org.BT }, cells: [{ columnKey: 'gia_tri', value: '1264' }] },
      { org: { id: org['BT.BINHDAI'] }, cells: [{ columnKey: 'gia_tri', value: '10' }] },
      { org: { id: org['BT.CHAUTHANH'] }, cells: [{ columnKey: 'gia_tri', value: '1250' }] },
    ]);

    const plan = (await server.gql<Json>(PLAN, { id: planId }, consolidator)).data!.plan;
    const target = (code: string) => plan.targets.find((t: Json) => t.id === targetIds[code]);
    const targetIds = Object.fromEntries(
      (await server.app.db.prisma.target.findMany({ where: { planId } })).map((t) => [
        t.code,
        t.id,
      ]),
    );
    expect(target('II.1.1.5.DISTRICT')).toMatchObject({ latestValue: 70, progress: 87.5 });
    // Two communes: the column averages their rates (30% and 60%) against the 60% target.
    expect(target('II.2.1.5')).toMatchObject({ latestValue: 45, progress: 75 });
  });

  test('a target over time: the periods measured, province-wide and per agency, and its course', async () => {
    const target = await server.app.db.prisma.target.findFirstOrThrow({
      where: { planId, code: 'II.1.1.5.DISTRICT' },
    });
    const COURSE = `query($id: ID!, $org: ID) { plan(id: $id) { targets { id targetYear
      course(orgId: $org) { points { periodLabel value progress } onCourse projectedProgress note } } } }`;
    const courseOf = async (orgId: string | null) =>
      (
        await server.gql<Json>(COURSE, { id: planId, org: orgId }, consolidator)
      ).data!.plan.targets.find((t: Json) => t.id === target.id);
    const whole = await courseOf(null);
    expect(whole.course.points).toEqual([
      { periodLabel: 'Tháng 9/2021', value: 70, progress: 87.5 },
    ]);
    const ofBinhDai = await courseOf(org['BT.BINHDAI']!);
    expect(ofBinhDai.course.points.map((p: Json) => p.value)).toEqual([70]);
    // 2021's pilot target: its year is over, so the last value decides — 70 of 80, not met.
    expect(whole.targetYear).toBeLessThan(new Date().getFullYear());
    expect(whole.course).toMatchObject({ onCourse: false, projectedProgress: 87.5 });
    expect(whole.course.note).toMatch(/đã qua: theo số đo cuối \(Tháng 9\/2021\)/);
  });

  test('the indicator series by the target it measures equals the target’s measured value', async () => {
    const target = await server.app.db.prisma.target.findFirstOrThrow({
      where: { planId, code: 'II.1.1.5.DISTRICT' },
    });
    const bt = await server.app.db.prisma.org.findUniqueOrThrow({ where: { code: 'BT' } });
    const SERIES = `query($input: IndicatorSeriesInput!) { indicatorSeries(input: $input, first: 10) {
      edges { node { org { code } formerNames period { label } value state } } } }`;
    const input = {
      targetId: target.id,
      periodKind: 'MONTH',
      from: '2021-09-01',
      to: '2021-09-30',
      withinOrgId: bt.id,
      level: 'PROVINCE',
    };
    const res = await server.gql<Json>(SERIES, { input }, consolidator);
    expect(res.errors).toBeUndefined();
    // Bến Tre is part of Vĩnh Long since 2025: its 2021 figure is shown there, with the names of
    // the units it came from.
    expect(res.data!.indicatorSeries.edges.map((e: Json) => e.node)).toEqual([
      {
        org: { code: 'VL' },
        formerNames: expect.arrayContaining(['UBND huyện Bình Đại']),
        period: { label: 'Tháng 9/2021' },
        value: '70',
        state: 'PARTIAL',
      },
    ]);
    // Neither a target nor a whole cell: named.
    const neither = await server.gql<Json>(
      SERIES,
      { input: { ...input, targetId: null, tableKey: 'x' } },
      consolidator,
    );
    expect(neither.errors?.[0]?.message).toMatch(
      /^Thiếu tham số: templateCode, rowKey, columnKey \(hoặc targetId/,
    );
  });

  test('a returned report stops counting until it is sent again', async () => {
    const submission = (
      await server.gql<Json>(SHEET, { requestId, orgId: org['BT.BINHDAI.BINHTHOI'] }, consolidator)
    ).data!.reportSheet.submission;
    const returned = await server.gql<Json>(
      contractOperation('ReturnSubmission'),
      { id: submission.id, reason: 'Tỷ lệ hồ sơ xử lý trên mạng chưa đúng' },
      consolidator,
    );
    expect(returned.data!.returnSubmission.status).toBe('RETURNED');
    const plan = (await server.gql<Json>(PLAN, { id: planId }, consolidator)).data!.plan;
    const communeTarget = await server.app.db.prisma.target.findFirstOrThrow({
      where: { planId, code: 'II.2.1.5' },
    });
    expect(plan.targets.find((t: Json) => t.id === communeTarget.id).latestValue).toBe(60);
    const res = await server.gql<Json>(CONSOLIDATION, { requestId }, consolidator);
    expect(res.data!.reportRequest.completeness).toMatchObject({ submitted: 2, returned: 1 });
    const cameras = res
      .data!.reportRequest.consolidated.tables.find((t: Json) => t.key === 'so_lieu')
      .rows.find((x: Json) => x.key === 'so_camera');
    expect(cameras.totals).toContainEqual({ columnKey: 'gia_tri', value: '1254' });
  });
});
