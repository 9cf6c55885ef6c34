// Recurring reports: Bến Tre's monthly pilot report (May–December 2021) opens one request per
// month, due five days after the cutoff, never twice.
import { duePeriods, openDueScheduledRequests } from '../../../server/requests/schedules.ts';
import { scheduledDeadline } from '../../../shared/reporting/period.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';

test('a period is due once its cutoff window opens; the deadline counts from the cutoff', () => {
  expect(scheduledDeadline('2021-09-14', 5).toISOString()).toBe('2021-09-19T10:00:00.000Z');
  expect(duePeriods('MONTH', '2021-05-01', '2021-12-31', '2021-09-14').map((p) => p.label)).toEqual(
    ['Tháng 5/2021', 'Tháng 6/2021', 'Tháng 7/2021', 'Tháng 8/2021', 'Tháng 9/2021'],
  );
  // 15/9 opens October's window (15/9–14/10).
  expect(duePeriods('MONTH', '2021-05-01', '2021-12-31', '2021-09-15').at(-1)!.label).toBe(
    'Tháng 10/2021',
  );
  expect(duePeriods('QUARTER', '2024-01-01', null, '2024-03-15').map((p) => p.label)).toEqual([
    'Quý I/2024',
    'Quý II/2024',
  ]);
});

describe('the Bến Tre monthly schedule', () => {
  let server: TestServer;
  const titles = async () =>
    (
      await server.app.db.prisma.reportRequest.findMany({
        where: { schedule: { key: 'BT-2140-THIDIEM-HANGTHANG' } },
        orderBy: { deadline: 'asc' },
        include: { _count: { select: { recipients: true } } },
      })
    ).map((r) => `${r.title} | ${r.deadline.toISOString()} | ${r._count.recipients}`);

  beforeAll(async () => {
    server = await startTestServer('pglite');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('starting the server today opens nothing for a schedule that ended in 2021', async () => {
    expect(await titles()).toEqual([
      'Báo cáo kết quả thí điểm chuyển đổi số Tháng 9/2021 | 2021-09-19T10:00:00.000Z | 12',
    ]);
  });

  test('on 20/11/2021 the December request opens; running again opens nothing', async () => {
    const prisma = server.app.db.prisma;
    const now = new Date('2021-11-20T03:00:00Z');
    const [a, b] = await Promise.all([
      openDueScheduledRequests(prisma, { now }),
      openDueScheduledRequests(prisma, { now }),
    ]);
    expect(a.length + b.length).toBe(1);
    expect(await openDueScheduledRequests(prisma, { now })).toEqual([]);
    expect(await titles()).toEqual([
      'Báo cáo kết quả thí điểm chuyển đổi số Tháng 9/2021 | 2021-09-19T10:00:00.000Z | 12',
      'Báo cáo kết quả thí điểm chuyển đổi số Tháng 12/2021 | 2021-12-19T10:00:00.000Z | 12',
    ]);
  });

  test('the consolidator may backfill the months missed, once', async () => {
    const token = await server.login('stttt.bentre@demo.vn');
    const op = 'mutation { openScheduledRequests(backfill: true) { title period { label } } }';
    const res = await server.gql<Json>(op, {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.openScheduledRequests.map((r: Json) => r.period.label)).toEqual([
      'Tháng 5/2021',
      'Tháng 6/2021',
      'Tháng 7/2021',
      'Tháng 8/2021',
      'Tháng 10/2021',
      'Tháng 11/2021',
    ]);
    expect((await server.gql<Json>(op, {}, token)).data!.openScheduledRequests).toEqual([]);
    // Nghệ An's consolidator has no schedule of Bến Tre's to open.
    const na = await server.login('stttt.nghean@demo.vn');
    expect((await server.gql<Json>(op, {}, na)).data!.openScheduledRequests).toEqual([]);
  });

  test('a consolidator sets up a quarterly report for its province only', async () => {
    const prisma = server.app.db.prisma;
    const template = await prisma.reportTemplate.findFirstOrThrow({
      where: { code: 'BT-2140-THIDIEM-THANG' },
    });
    const bt = await prisma.org.findUniqueOrThrow({ where: { code: 'BT' } });
    const na = await prisma.org.findUniqueOrThrow({ where: { code: 'NA' } });
    const token = await server.login('stttt.bentre@demo.vn');
    const create = (withinOrgId: string) =>
      server.gql<Json>(
        `mutation($input: CreateReportScheduleInput!) { createReportSchedule(input: $input) { id periodKind titlePattern consolidator { code } } }`,
        {
          input: {
            templateId: template.id,
            periodKind: 'QUARTER',
            titlePattern: 'Báo cáo chuyển đổi số {period}',
            deadlineDaysAfterCutoff: 5,
            startsOn: '2024-01-01',
            endsOn: '2024-12-31',
            recipientGroups: [{ kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE', withinOrgId }],
          },
        },
        token,
      );
    const made = await create(bt.id);
    expect(made.errors).toBeUndefined();
    expect(made.data!.createReportSchedule).toMatchObject({
      periodKind: 'QUARTER',
      consolidator: { code: 'BT.STTTT' },
    });
    expect((await create(na.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
