// Old reports in today's structure, over HTTP: the consolidation of a request as reported (the
// default, as the contract's operations ask) and with structure: CURRENT — old units under their
// single successor with their old names, or once under the province as "đơn vị cũ" — and a
// target's measured values placed the same way. Reports are sent with Prisma (what saveReport
// stores: a sent submission with its cells), so each case states its values plainly.
import { execute, parse } from 'graphql';
import type { PrismaClient } from '../../../generated/prisma/client.ts';
import { recordTargetMeasurements } from '../../../server/consolidation/measurements.ts';
import type { Database } from '../../../server/db/database.ts';
import { freshPglite } from '../../support/databases.ts';
import { schema } from '../../../server/graphql/schema.ts';
import { contractOperation } from '../../support/contract.ts';
import { ngheAnConsolidator } from '../../support/viewer.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { reorganiseVinh } from './reorganisation-fixtures.ts';
import type { Json } from '../../support/json.ts';

const BOTH = `query($id: ID!) { reportRequest(id: $id) {
  plain: consolidated { ...C }
  asReported: consolidated(structure: AS_REPORTED) { ...C }
  current: consolidated(structure: CURRENT) { ...C }
} }
fragment C on ConsolidatedReport {
  outline { key answers { org { code name } unit { code name } placement displayName text } }
  tables { key rows { key
    totals { columnKey value }
    byOrg { org { code name } unit { code name } placement displayName cells { columnKey value } }
    rollup { org { code name } cells { columnKey value } }
  } }
}`;

type Cell = [table: string, row: string, column: string, value: string];

async function send(
  prisma: PrismaClient,
  requestId: string,
  code: string,
  cells: Cell[],
  answers: [section: string, text: string][] = [],
): Promise<void> {
  const org = await prisma.org.findUniqueOrThrow({ where: { code } });
  await prisma.submission.create({
    data: {
      requestId,
      orgId: org.id,
      status: 'SUBMITTED',
      version: 1,
      submittedAt: new Date('2025-06-18T03:00:00Z'),
      cells: {
        create: cells.map(([tableKey, rowKey, columnKey, value]) => ({
          tableKey,
          rowKey,
          columnKey,
          value,
        })),
      },
      answers: { create: answers.map(([sectionKey, text]) => ({ sectionKey, text })) },
    },
  });
}

const row = (c: Json, table: string, key: string) =>
  c.tables.find((t: Json) => t.key === table).rows.find((r: Json) => r.key === key);
const entries = (r: Json) =>
  r.byOrg.map((o: Json) => [o.org.code, o.placement, o.unit.code, o.displayName]);
const rollups = (r: Json, column: string) =>
  r.rollup.map((o: Json) => [o.org.code, o.cells.find((c: Json) => c.columnKey === column)?.value]);
/** Every data row's totals, as one list: what the two structures must agree on. */
const allTotals = (c: Json) =>
  c.tables.flatMap((t: Json) => t.rows.map((r: Json) => [t.key, r.key, r.totals]));

describe("consolidations in today's structure", () => {
  let server: TestServer;
  let prisma: PrismaClient;
  let naConsolidator: string;
  let btConsolidator: string;
  const consolidation = async (id: string, token: string) => {
    const res = await server.gql<Json>(BOTH, { id }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.reportRequest;
  };
  const requestId = async (key: string) =>
    (await prisma.reportRequest.findUniqueOrThrow({ where: { key } })).id;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    prisma = server.app.db.prisma;
    await reorganiseVinh(prisma);
    naConsolidator = await server.login('stttt.nghean@demo.vn');
    btConsolidator = await server.login('stttt.bentre@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test("two wards merged into one, a commune split in two: Quý II/2025 in today's structure", async () => {
    const ids = Object.fromEntries(
      (
        await prisma.org.findMany({
          where: { code: { in: ['NA.VINH.T19A', 'NA.VINH.T19B', 'NA.VINH.T19S'] } },
        })
      ).map((o) => [o.code, o.id]),
    );
    const template = await prisma.reportTemplate.findFirstOrThrow({
      where: { code: 'NA-403-PL04' },
    });
    const opened = await server.gql<Json>(
      contractOperation('OpenReportRequest'),
      {
        input: {
          templateId: template.id,
          title: 'Báo cáo cấp xã Quý II/2025',
          period: { kind: 'QUARTER', year: 2025, number: 2 },
          deadline: '2025-06-19T17:00:00+07:00',
          recipientOrgIds: Object.values(ids),
        },
      },
      naConsolidator,
    );
    expect(opened.errors).toBeUndefined();
    const id = opened.data!.openReportRequest.id;
    const figures: Record<string, [string, string]> = {
      'NA.VINH.T19A': ['10', 'phường A'],
      'NA.VINH.T19B': ['20', 'phường B'],
      'NA.VINH.T19S': ['40', 'xã S'],
    };
    for (const [code, [rate, note]] of Object.entries(figures)) {
      await send(prisma, id, code, [
        ['so_lieu', 'hs_truc_tuyen', 'gia_tri', rate],
        ['so_lieu', 'hs_truc_tuyen', 'ghi_chu', note],
      ]);
    }
    const c = await consolidation(id, naConsolidator);
    const reported = row(c.asReported, 'so_lieu', 'hs_truc_tuyen');
    const current = row(c.current, 'so_lieu', 'hs_truc_tuyen');

    expect(allTotals(c.current)).toEqual(allTotals(c.asReported));
    expect(current.totals).toContainEqual({ columnKey: 'gia_tri', value: '23.3333333333' });
    expect(entries(reported)).toEqual([
      ['NA.VINH.T19A', 'SELF', 'NA.VINH.T19A', 'UBND phường Thử A'],
      ['NA.VINH.T19B', 'SELF', 'NA.VINH.T19B', 'UBND phường Thử B'],
      ['NA.VINH.T19S', 'SELF', 'NA.VINH.T19S', 'UBND xã Thử S'],
    ]);
    expect(entries(current)).toEqual([
      ['NA.VINH.T19A', 'SUCCESSOR', 'NA.T19X', 'UBND phường Thử A (nay thuộc UBND phường Thử X)'],
      ['NA.VINH.T19B', 'SUCCESSOR', 'NA.T19X', 'UBND phường Thử B (nay thuộc UBND phường Thử X)'],
      ['NA.VINH.T19S', 'FORMER', 'NA', 'UBND xã Thử S (đơn vị cũ)'],
    ]);
    // The values stay the agency's own, under its old name.
    expect(current.byOrg[0].org.name).toBe('UBND phường Thử A');
    expect(current.byOrg[0].cells).toEqual(reported.byOrg[0].cells);
    expect(rollups(reported, 'gia_tri')).toEqual([
      ['NA', '23.3333333333'],
      ['NA.VINH', '23.3333333333'],
    ]);
    // The split commune counts once, in the province: never in Y or Z.
    expect(rollups(current, 'gia_tri')).toEqual([
      ['NA', '23.3333333333'],
      ['NA.T19X', '15'],
    ]);
  });

  test("Nghệ An's 2023 review: as reported under the old districts; today, the districts are old units under the province", async () => {
    const id = await requestId('NA-403-SOKET-SO-HUYEN');
    const recipients = (
      await prisma.reportRecipient.findMany({
        where: { requestId: id },
        include: { org: { select: { code: true } } },
      })
    ).map((r) => r.org.code);
    // Both Sở TT&TT (absorbed in 2025) and Sở KH&CN (which absorbed it) were asked in 2023.
    expect(recipients).toEqual(expect.arrayContaining(['NA.STTTT', 'NA.SKHCN', 'NA.VINH']));
    const sent: [string, string][] = [
      ['NA.VINH', 'HOAN_THANH'],
      ['NA.CUALO', 'DANG_TRIEN_KHAI'],
      ['NA.SYT', 'HOAN_THANH'],
      ['NA.STTTT', 'HOAN_THANH'],
      ['NA.SKHCN', 'DANG_TRIEN_KHAI'],
    ];
    for (const [code, progress] of sent) {
      await send(
        prisma,
        id,
        code,
        [
          ['pl03', 'II.4', 'ket_qua', `${code}: đã trang bị`],
          ['pl03', 'II.4', 'tien_do', progress],
        ],
        [['A.I', `${code}: đã ban hành kế hoạch`]],
      );
    }
    const c = await consolidation(id, naConsolidator);
    expect(c.plain).toEqual(c.asReported);
    expect(allTotals(c.current)).toEqual(allTotals(c.asReported));
    const task = row(c.current, 'pl03', 'II.4');
    expect(task.totals).toContainEqual({ columnKey: 'tien_do', value: '5' });

    const asReported = entries(row(c.asReported, 'pl03', 'II.4'));
    expect(asReported.map((e: string[]) => e[0])).toEqual([
      'NA.CUALO',
      'NA.SKHCN',
      'NA.STTTT',
      'NA.SYT',
      'NA.VINH',
    ]);
    expect(asReported.every((e: string[]) => e[1] === 'SELF' && e[2] === e[0])).toBe(true);
    expect(entries(task)).toEqual([
      ['NA.SKHCN', 'SELF', 'NA.SKHCN', 'Sở Khoa học và Công nghệ tỉnh Nghệ An'],
      [
        'NA.STTTT',
        'SUCCESSOR',
        'NA.SKHCN',
        'Sở Thông tin và Truyền thông tỉnh Nghệ An (nay thuộc Sở Khoa học và Công nghệ tỉnh Nghệ An)',
      ],
      ['NA.SYT', 'SELF', 'NA.SYT', 'Sở Y tế tỉnh Nghệ An'],
      ['NA.CUALO', 'FORMER', 'NA', 'Ủy ban nhân dân thị xã Cửa Lò (đơn vị cũ)'],
      ['NA.VINH', 'FORMER', 'NA', 'Ủy ban nhân dân thành phố Vinh (đơn vị cũ)'],
    ]);
    // Text is listed per agency in both; the count rolls into the province once per report, and
    // into Sở KH&CN for the department it absorbed (its own report is its own line).
    expect(rollups(task, 'tien_do')).toEqual([
      ['NA', '5'],
      ['NA.SKHCN', '1'],
    ]);
    const answers = (x: Json) =>
      x.outline
        .find((s: Json) => s.key === 'A.I')
        .answers.map((a: Json) => [a.org.code, a.placement, a.unit.code, a.text]);
    expect(answers(c.current)).toContainEqual([
      'NA.VINH',
      'FORMER',
      'NA',
      'NA.VINH: đã ban hành kế hoạch',
    ]);
    expect(
      answers(c.current)
        .map((a: string[]) => a[0])
        .sort(),
    ).toEqual(
      answers(c.asReported)
        .map((a: string[]) => a[0])
        .sort(),
    );
  });

  test("Nghệ An's communes in 2023: each old commune today under its successor or the province, totals unchanged", async () => {
    const id = await requestId('NA-403-SOKET-XA');
    const communes = ['NA.VINH.HUNGBINH', 'NA.CUALO.NGHITHUY', 'NA.HOANGMAI.MAIHUNG'];
    for (const [i, code] of communes.entries()) {
      await send(prisma, id, code, [['so_lieu', 'hs_truc_tuyen', 'gia_tri', String(30 + 10 * i)]]);
    }
    const c = await consolidation(id, naConsolidator);
    expect(allTotals(c.current)).toEqual(allTotals(c.asReported));
    const current = row(c.current, 'so_lieu', 'hs_truc_tuyen');
    expect(current.totals).toContainEqual({ columnKey: 'gia_tri', value: '40' });
    // Whatever successions the catalogue records for them, an old commune is never itself today,
    // keeps its name, and sits under a unit that exists today — or is an old unit of Nghệ An.
    const units = await prisma.org.findMany({
      where: { code: { in: current.byOrg.map((o: Json) => o.unit.code) } },
    });
    expect(units.every((u) => u.validTo === null)).toBe(true);
    for (const o of current.byOrg) {
      expect(communes).toContain(o.org.code);
      expect(o.placement).not.toBe('SELF');
      if (o.placement === 'FORMER') expect(o.unit.code).toBe('NA');
      expect(o.displayName.startsWith(o.org.name)).toBe(true);
    }
    expect(rollups(current, 'gia_tri')).toContainEqual(['NA', '40']);
    // The catalogue's merger map: phường Hưng Bình is part of phường Thành Vinh since 1/7/2025.
    expect(current.byOrg.find((o: Json) => o.org.code === 'NA.VINH.HUNGBINH')).toMatchObject({
      placement: 'SUCCESSOR',
      unit: { name: 'Ủy ban nhân dân phường Thành Vinh' },
      org: { name: 'Ủy ban nhân dân phường Hưng Bình' },
    });
  });

  test("Bến Tre's 2021 reports: under Vĩnh Long today, as the succession says; measured values placed alike, never rewritten", async () => {
    const id = await requestId('BT-2140-THIDIEM-2021-09');
    const sent: [string, string, string, string][] = [
      ['BT.BINHDAI', '4', 'II.1.1.5.DISTRICT', '70'],
      ['BT.BINHDAI.BINHTHOI', '10', 'II.2.1.5', '30'],
      ['BT.CHAUTHANH.TANTHACH', '1250', 'II.2.1.5', '60'],
    ];
    for (const [code, cameras, target, rate] of sent) {
      await send(prisma, id, code, [
        ['so_lieu', 'so_camera', 'gia_tri', cameras],
        ['chi_tieu', target, 'ty_le', rate],
      ]);
    }
    await prisma.$transaction((tx) => recordTargetMeasurements(tx, id));
    const c = await consolidation(id, btConsolidator);
    expect(allTotals(c.current)).toEqual(allTotals(c.asReported));
    const reported = row(c.asReported, 'so_lieu', 'so_camera');
    const current = row(c.current, 'so_lieu', 'so_camera');
    expect(current.totals).toContainEqual({ columnKey: 'gia_tri', value: '1264' });
    expect(rollups(reported, 'gia_tri')).toEqual([
      ['BT', '1264'],
      ['BT.BINHDAI', '10'],
      ['BT.CHAUTHANH', '1250'],
    ]);
    expect(rollups(current, 'gia_tri')).toContainEqual(['VL', '1264']);
    expect(rollups(current, 'gia_tri').map((r: string[]) => r[0])).not.toContain('BT');
    expect(entries(current)).toContainEqual([
      'BT.BINHDAI',
      'FORMER',
      'VL',
      'UBND huyện Bình Đại (đơn vị cũ)',
    ]);
    expect(current.byOrg.map((o: Json) => o.org.name)).toEqual(
      reported.byOrg.map((o: Json) => o.org.name),
    );

    const stored = async () =>
      (
        await prisma.targetMeasurement.findMany({
          where: { requestId: id },
          orderBy: { id: 'asc' },
        })
      ).map((m) => [m.id, m.orgId, m.value]);
    const before = await stored();
    const plan = await prisma.document.findUniqueOrThrow({
      where: { key: 'BT-2140-KH-UBND-2021' },
    });
    const q = `query($id: ID!) { plan(id: $id) { targets { code latestValue progress
      asReported: measurementsByUnit { org { code name } unit { code } placement value progress periodLabel }
      current: measurementsByUnit(structure: CURRENT) { org { code name } unit { code name } placement displayName value progress }
    } } }`;
    const res = await server.gql<Json>(q, { id: plan.id }, btConsolidator);
    expect(res.errors).toBeUndefined();
    const target = (code: string) =>
      res.data!.plan.targets.find((t: Json) => t.code === code) as Json;
    expect(target('II.1.1.5.DISTRICT')).toMatchObject({
      latestValue: 70,
      progress: 87.5,
      asReported: [
        {
          org: { code: 'BT.BINHDAI' },
          unit: { code: 'BT.BINHDAI' },
          placement: 'SELF',
          value: 70,
          progress: 87.5,
          periodLabel: 'Tháng 9/2021',
        },
      ],
      current: [
        {
          org: { code: 'BT.BINHDAI', name: 'UBND huyện Bình Đại' },
          unit: { code: 'VL', name: 'UBND tỉnh Vĩnh Long' },
          placement: 'FORMER',
          displayName: 'UBND huyện Bình Đại (đơn vị cũ)',
          value: 70,
          progress: 87.5,
        },
      ],
    });
    // Two communes' rates, each once; the request's own value (their average) is unchanged.
    const communes = target('II.2.1.5');
    expect(communes.latestValue).toBe(45);
    expect(communes.current.map((m: Json) => [m.org.code, m.unit.code, m.value])).toEqual([
      ['BT.BINHDAI.BINHTHOI', 'VL', 30],
      ['BT.CHAUTHANH.TANTHACH', 'VL', 60],
    ]);
    expect(await stored()).toEqual(before);
  });
});

describe("today's structure: statement count", () => {
  let db: Database;
  let statements = 0;
  beforeAll(async () => {
    db = await freshPglite({ demo: true, onQuery: () => (statements += 1) });
  }, 180_000);
  afterAll(async () => {
    await db.close();
  });

  async function countFor(requestId: string, structure: string): Promise<number> {
    const viewer = await ngheAnConsolidator(db.prisma);
    statements = 0;
    const result = await execute({
      schema,
      document: parse(
        `query($id: ID!) { reportRequest(id: $id) { consolidated(structure: ${structure}) { tables { rows { key byOrg { org { id } unit { id } placement } rollup { org { id } } } } } } }`,
      ),
      variableValues: { id: requestId },
      contextValue: { db, prisma: db.prisma, viewer, address: null },
    });
    expect(result.errors).toBeUndefined();
    return statements;
  }

  it('a few statements more than as reported, however many old units reported', async () => {
    const request = await db.prisma.reportRequest.findUniqueOrThrow({
      where: { key: 'NA-403-SOKET-XA' },
      include: { recipients: true },
    });
    const ids = request.recipients.map((r) => r.orgId);
    const sendAll = async (orgIds: string[]) => {
      for (const orgId of orgIds) {
        await db.prisma.submission.create({
          data: {
            requestId: request.id,
            orgId,
            status: 'SUBMITTED',
            version: 1,
            submittedAt: new Date(),
            cells: {
              create: [{ tableKey: 'so_lieu', rowKey: 'vb_di', columnKey: 'gia_tri', value: '90' }],
            },
          },
        });
      }
    };
    await sendAll(ids.slice(0, 2));
    await countFor(request.id, 'AS_REPORTED'); // reads the published template once
    const asReported = await countFor(request.id, 'AS_REPORTED');
    const current = await countFor(request.id, 'CURRENT');
    await sendAll(ids.slice(2));
    expect(await countFor(request.id, 'CURRENT')).toBe(current);
    // Each round reads ancestors and successions together (old communes, then their district and
    // province, then what succeeded those): 19 and 24 statements on the demo data.
    expect(current - asReported).toBeLessThanOrEqual(8);
  }, 120_000);
});
