// Opening requests with the contract's OpenReportRequest, and what an agency owes
// (MyReportRequests), over HTTP on the demo data.
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { owedFirst } from '../../../server/requests/owed.ts';
import { deadlineFor } from '../../../server/requests/deadlines.ts';
import type { Json } from '../../support/json.ts';

const OPEN = contractOperation('OpenReportRequest');
const MINE = contractOperation('MyReportRequests');

test('deadlines per level, and the owed-first order', () => {
  const request = {
    deadline: new Date('2023-08-20T10:00:00Z'),
    deadlines: [{ level: 'COMMUNE', deadline: new Date('2023-08-25T10:00:00Z') }],
  };
  expect(deadlineFor(request, 'COMMUNE').toISOString()).toBe('2023-08-25T10:00:00.000Z');
  expect(deadlineFor(request, 'DISTRICT').toISOString()).toBe('2023-08-20T10:00:00.000Z');
  expect(deadlineFor(request, null).toISOString()).toBe('2023-08-20T10:00:00.000Z');
  expect(owedFirst(['a-sent', 'b', 'c-sent', 'd'], (r) => r.endsWith('sent'))).toEqual([
    'b',
    'd',
    'a-sent',
    'c-sent',
  ]);
});

describe('opening a report request', () => {
  let server: TestServer;
  let consolidator: string;
  let reporter: string;
  const ids: Record<string, string> = {};
  const input = (over: Json = {}) => ({
    input: {
      templateId: ids.template,
      planId: ids.plan,
      title: 'Báo cáo chuyển đổi số quý I/2024',
      period: { kind: 'QUARTER', year: 2024, number: 1 },
      deadline: '2024-03-20T17:00:00+07:00',
      recipientGroups: [
        { kind: 'DEPARTMENT', level: 'PROVINCE', withinOrgId: ids.NA },
        { kind: 'PEOPLES_COMMITTEE', level: 'DISTRICT', withinOrgId: ids.NA },
      ],
      ...over,
    },
  });
  const count = async () => server.app.db.prisma.reportRequest.count();

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.app.db.prisma;
    for (const code of ['NA', 'NA.SYT', 'BT.BINHDAI']) {
      ids[code] = (await prisma.org.findUniqueOrThrow({ where: { code } })).id;
    }
    ids.template = (
      await prisma.reportTemplate.findFirstOrThrow({ where: { code: 'NA-403-PL01-03' } })
    ).id;
    ids.plan = (
      await prisma.document.findUniqueOrThrow({ where: { key: 'NA-586-KH-UBND-2022' } })
    ).id;
    consolidator = await server.login('stttt.nghean@demo.vn');
    reporter = await server.login('syte.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('to all departments and district committees of Nghệ An, with the Nghị định 09 window', async () => {
    // The pane shows who will receive it before the request is opened; nothing is created.
    const before = await count();
    const preview = await server.gql<Json>(
      `query($period: PeriodInput!, $groups: [RecipientGroupInput!], $ids: [ID!]) {
        recipientPreview(period: $period, recipientGroups: $groups, recipientOrgIds: $ids) {
          count orgs(first: 3) { name } outsideScope { name }
        }
      }`,
      {
        period: input().input.period,
        groups: input().input.recipientGroups,
        ids: [ids.NA, ids['BT.BINHDAI']],
      },
      consolidator,
    );
    expect(preview.errors).toBeUndefined();
    expect(await count()).toBe(before);
    const seen = preview.data!.recipientPreview;
    expect(seen.orgs).toHaveLength(3);
    const res = await server.gql<Json>(OPEN, input(), consolidator);
    expect(res.errors).toBeUndefined();
    const r = res.data!.openReportRequest;
    expect(r).toMatchObject({
      title: 'Báo cáo chuyển đổi số quý I/2024',
      status: 'OPEN',
      deadline: '2024-03-20T10:00:00.000Z',
      period: {
        kind: 'QUARTER',
        label: 'Quý I/2024',
        cutoffStart: '2023-12-15',
        cutoffEnd: '2024-03-14',
      },
      template: { code: 'NA-403-PL01-03', version: 1 },
    });
    // Every department and district committee of Nghệ An in existence on the deadline, 20/3/2024
    // (server/requests/reach.ts): not those opened later, in the 2025 reorganisation.
    const onDeadline = new Date('2024-03-20T00:00:00Z');
    const expected = await server.app.db.prisma.org.count({
      where: {
        path: { startsWith: '/NA/' },
        OR: [
          { kind: 'DEPARTMENT', level: 'PROVINCE' },
          { kind: 'PEOPLES_COMMITTEE', level: 'DISTRICT' },
        ],
        AND: [
          { OR: [{ validFrom: null }, { validFrom: { lte: onDeadline } }] },
          { OR: [{ validTo: null }, { validTo: { gte: onDeadline } }] },
        ],
      },
    });
    expect(expected).toBeGreaterThan(30);
    expect(r.recipients).toHaveLength(expected);
    // The preview also counted the two agencies named: UBND tỉnh, and a district of Bến Tre that
    // is outside Sở TT&TT Nghệ An's scope (opening with it would be refused).
    expect(seen.count).toBe(expected + 2);
    expect(seen.outsideScope).toEqual([{ name: expect.stringContaining('Bình Đại') }]);
    expect(r.recipients.map((o: Json) => o.name)).toContain('Sở Y tế tỉnh Nghệ An');

    // Sở Y tế now owes it; nothing sent yet.
    const mine = await server.gql<Json>(MINE, {}, reporter);
    const owed = mine.data!.myReportRequests.find((x: Json) => x.id === r.id);
    expect(owed).toMatchObject({ period: { label: 'Quý I/2024' }, mySubmission: null });
  });

  test('an ad-hoc period with its dates, and a later deadline for communes', async () => {
    const res = await server.gql<Json>(
      `mutation($input: OpenReportRequestInput!) { openReportRequest(input: $input) { period { kind label cutoffStart cutoffEnd } deadlines { level deadline } recipientCount } }`,
      input({
        kind: 'THEMATIC',
        title: 'Báo cáo chuyên đề cấp xã',
        period: { kind: 'AD_HOC', year: 2023, start: '2023-01-01', end: '2023-06-30' },
        recipientGroups: [{ kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE', withinOrgId: ids.NA }],
        levelDeadlines: [{ level: 'COMMUNE', deadline: '2023-07-10T17:00:00+07:00' }],
      }),
      consolidator,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.openReportRequest).toMatchObject({
      period: { kind: 'AD_HOC', cutoffStart: '2023-01-01', cutoffEnd: '2023-06-30' },
      deadlines: [{ level: 'COMMUNE', deadline: '2023-07-10T10:00:00.000Z' }],
    });
    expect(res.data!.openReportRequest.recipientCount).toBeGreaterThan(0);
  });

  test('refused with a clear error, and nothing created', async () => {
    const before = await count();
    const cases: [Json, string, string][] = [
      [{ period: { kind: 'QUARTER', year: 2024, number: 5 } }, 'BAD_USER_INPUT', 'quý'],
      [{ deadline: 'thứ sáu tuần sau' }, 'BAD_USER_INPUT', 'ISO 8601'],
      [{ recipientGroups: [], recipientOrgIds: [] }, 'BAD_USER_INPUT', 'Chọn đơn vị'],
      [{ recipientGroups: [{ kind: 'SO' }] }, 'BAD_USER_INPUT', 'Loại đơn vị "SO"'],
      [
        { recipientOrgIds: [ids['BT.BINHDAI']], recipientGroups: [] },
        'FORBIDDEN',
        'UBND huyện Bình Đại',
      ],
      [{ title: '   ' }, 'BAD_USER_INPUT', 'tiêu đề'],
    ];
    for (const [over, code, words] of cases) {
      const res = await server.gql<Json>(OPEN, input(over), consolidator);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.errors?.[0]?.message.toLowerCase()).toContain(words.toLowerCase());
    }
    const byReporter = await server.gql<Json>(OPEN, input(), reporter);
    expect(byReporter.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  test("MyReportRequests: by deadline, with the agency's own report state", async () => {
    const review = await server.app.db.prisma.reportRequest.findUniqueOrThrow({
      where: { key: 'NA-403-SOKET-SO-HUYEN' },
    });
    const saved = await server.gql<Json>(
      contractOperation('SaveReport'),
      { input: { requestId: review.id, baseVersion: 0, idempotencyKey: 'mine-1' } },
      reporter,
    );
    expect(saved.errors).toBeUndefined();
    const res = await server.gql<Json>(MINE, {}, reporter);
    expect(
      res.data!.myReportRequests.find((r: Json) => r.id === review.id).mySubmission,
    ).toMatchObject({
      status: 'DRAFT',
      version: 1,
      late: false,
      returnReason: null,
    });
    const list = res.data!.myReportRequests;
    expect(list.map((r: Json) => r.title)).toContain(
      'Báo cáo sơ kết 01 năm triển khai Kế hoạch số 586/KH-UBND',
    );
    // Not yet sent first, then sent; each by deadline.
    const isSent = (r: Json) => ['SUBMITTED', 'ACCEPTED'].includes(r.mySubmission?.status);
    const owed = list.filter((r: Json) => !isSent(r));
    const sent = list.filter(isSent);
    expect(list).toEqual([...owed, ...sent]);
    for (const part of [owed, sent]) {
      const deadlines = part.map((r: Json) => Date.parse(r.deadline));
      expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    }
    const bt = await server.login('ubnd.binhdai@demo.vn');
    const btList = (await server.gql<Json>(MINE, {}, bt)).data!.myReportRequests;
    expect(btList.map((r: Json) => r.title)).toEqual([
      'Báo cáo kết quả thí điểm chuyển đổi số Tháng 9/2021',
    ]);
  });
});
