// Requests reach only units that exist when their report is due (server/requests/reach.ts): the
// rule itself, then opening requests over HTTP on the demo data (districts and communes closed on
// 30/6/2025) plus new communes opened on 1/7/2025 (test fixtures).
import { CATALOGUE_VERSIONS, readCatalogue } from '../../../server/orgs/catalogue.ts';
import { existsAtDeadline, dueDay } from '../../../server/requests/reach.ts';
import { openDueScheduledRequests } from '../../../server/requests/schedules.ts';
import { existsOn } from '../../../server/orgs/validity.ts';
import { vietnamDay } from '../../../shared/time/vietnam.ts';
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { reorganiseVinh } from '../consolidation/reorganisation-fixtures.ts';
import type { Json } from '../../support/json.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('the rule: an agency exists on the day its report is due', () => {
  const district = { level: 'DISTRICT', validFrom: null, validTo: d('2025-06-30') };
  const commune = { level: 'COMMUNE', validFrom: d('2025-07-01'), validTo: null };
  const due = (deadline: string, communes?: string) => ({
    deadline: new Date(deadline),
    deadlines: communes ? [{ level: 'COMMUNE', deadline: new Date(communes) }] : [],
  });

  test('the deadline day on Vietnam time: closed on 30/6 is there until midnight', () => {
    expect(existsAtDeadline(district, due('2025-06-30T23:59:59+07:00'))).toBe(true);
    expect(existsAtDeadline(district, due('2025-07-01T00:30:00+07:00'))).toBe(false);
    expect(dueDay(due('2025-07-01T00:30:00+07:00'), 'DISTRICT')).toBe('2025-07-01');
    expect(existsAtDeadline(commune, due('2025-06-30T23:59:59+07:00'))).toBe(false);
    expect(existsAtDeadline(commune, due('2025-07-01T00:30:00+07:00'))).toBe(true);
  });
  test("a period straddling the change is decided by the deadline, each level's own", () => {
    // Quý II/2025 due 19/6: the old units; the same quarter with communes due 5/7: the new ones.
    const q2 = due('2025-06-19T17:00:00+07:00', '2025-07-05T17:00:00+07:00');
    expect(existsAtDeadline(district, q2)).toBe(true);
    expect(existsAtDeadline(commune, q2)).toBe(true);
    expect(existsAtDeadline({ ...district, level: 'COMMUNE' }, q2)).toBe(false);
  });
  test('a unit with no dates always exists', () => {
    expect(existsOn({ validFrom: null, validTo: null }, '1900-01-01')).toBe(true);
  });
});

describe('opening requests across the 2025 reorganisation', () => {
  let server: TestServer;
  let consolidator: string;
  const ids: Record<string, string> = {};
  const OPEN = contractOperation('OpenReportRequest');
  const count = () => server.app.db.prisma.reportRequest.count();
  const input = (over: Json) => ({
    input: {
      templateId: ids.template,
      title: 'Báo cáo chuyển đổi số',
      period: { kind: 'QUARTER', year: 2026, number: 1 },
      deadline: '2026-03-19T17:00:00+07:00',
      ...over,
    },
  });
  const withinNA = (level: string, kind = 'PEOPLES_COMMITTEE') => ({
    kind,
    level,
    withinOrgId: ids.NA,
  });
  async function codesReached(over: Json): Promise<string[]> {
    const res = await server.gql<Json>(OPEN, input(over), consolidator);
    expect(res.errors).toBeUndefined();
    const orgs = await server.app.db.prisma.org.findMany({
      where: { id: { in: res.data!.openReportRequest.recipients.map((o: Json) => o.id) } },
    });
    return orgs.map((o) => o.code);
  }

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.app.db.prisma;
    Object.assign(ids, await reorganiseVinh(prisma));
    for (const code of ['NA', 'NA.VINH', 'NA.SYT', 'NA.STTTT', 'BT.BINHDAI']) {
      ids[code] = (await prisma.org.findUniqueOrThrow({ where: { code } })).id;
    }
    ids.template = (
      await prisma.reportTemplate.findFirstOrThrow({ where: { code: 'NA-403-PL04' } })
    ).id;
    consolidator = await server.login('stttt.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('a 2026 request naming a closed district is refused, naming it and its dates; nothing is opened', async () => {
    const before = await count();
    const res = await server.gql<Json>(
      OPEN,
      input({ recipientOrgIds: [ids['NA.SYT'], ids['NA.VINH']] }),
      consolidator,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const message = res.errors![0]!.message;
    expect(message).toContain('Ủy ban nhân dân thành phố Vinh');
    expect(message).toContain('đến 30/06/2025');
    expect(message).toContain('hạn gửi 19/03/2026');
    expect(message).not.toContain('Sở Y tế');
    expect(await count()).toBe(before);
  });

  test('a unit merged away is refused with the unit that succeeded it', async () => {
    const res = await server.gql<Json>(
      OPEN,
      input({ recipientOrgIds: [ids['NA.STTTT']] }),
      consolidator,
    );
    expect(res.errors?.[0]?.message).toContain(
      'Sở Thông tin và Truyền thông tỉnh Nghệ An (hoạt động đến 28/02/2025, hạn gửi 19/03/2026; đơn vị kế thừa: Sở Khoa học và Công nghệ tỉnh Nghệ An)',
    );
  });

  test('a 2026 group request reaches no closed unit, and the new communes', async () => {
    const reached = await codesReached({
      recipientGroups: [
        withinNA('PROVINCE', 'DEPARTMENT'),
        withinNA('DISTRICT'),
        withinNA('COMMUNE'),
      ],
    });
    const orgs = await server.app.db.prisma.org.findMany({ where: { code: { in: reached } } });
    expect(orgs.every((o) => existsOn(o, '2026-03-19'))).toBe(true);
    expect(reached).toEqual(expect.arrayContaining(['NA.T19X', 'NA.T19Y', 'NA.T19Z', 'NA.SYT']));
    for (const closed of ['NA.VINH', 'NA.CUALO', 'NA.VINH.HUNGBINH', 'NA.VINH.T19A', 'NA.STTTT']) {
      expect(reached).not.toContain(closed);
    }
  });

  test('Quý I/2026 to all commune committees of Nghệ An: exactly its units of today', async () => {
    const reached = await codesReached({ recipientGroups: [withinNA('COMMUNE')] });
    const orgs = await server.app.db.prisma.org.findMany({
      where: { code: { in: reached } },
      select: { code: true, adminCode: true },
    });
    // Every commune-level unit of the province in the catalogue, once; none closed.
    const today = readCatalogue(CATALOGUE_VERSIONS.at(-1)!)
      .units.filter((u) => u.province === '40')
      .map((u) => u.code)
      .sort();
    expect(orgs.flatMap((o) => (o.adminCode ? [o.adminCode] : [])).sort()).toEqual(today);
    // The rest are this file's own fixtures of a merger and a split, in force in 2026.
    expect(
      orgs
        .filter((o) => !o.adminCode)
        .map((o) => o.code)
        .sort(),
    ).toEqual(['NA.T19X', 'NA.T19Y', 'NA.T19Z']);
  });

  test('a group of district committees in 2026 reaches nobody: refused, nothing opened', async () => {
    const before = await count();
    const res = await server.gql<Json>(
      OPEN,
      input({ recipientGroups: [withinNA('DISTRICT')] }),
      consolidator,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      'Yêu cầu báo cáo chưa có đơn vị nào phải báo cáo (không đơn vị nào trong các nhóm đã chọn hoạt động vào hạn gửi 19/03/2026).',
    );
    expect(await count()).toBe(before);
  });

  test('Quý II/2025 due 19/6: the old communes, not the new ones', async () => {
    const reached = await codesReached({
      period: { kind: 'QUARTER', year: 2025, number: 2 },
      deadline: '2025-06-19T17:00:00+07:00',
      recipientGroups: [withinNA('COMMUNE')],
    });
    expect(reached).toEqual(
      expect.arrayContaining(['NA.VINH.T19A', 'NA.VINH.T19B', 'NA.VINH.T19S', 'NA.VINH.HUNGBINH']),
    );
    expect(reached.filter((c) => c.startsWith('NA.T19'))).toEqual([]);
  });

  test.each([
    [
      'Quý II/2025 due 5/7',
      { kind: 'QUARTER', year: 2025, number: 2 },
      '2025-07-05T17:00:00+07:00',
    ],
    ['Quý III/2025', { kind: 'QUARTER', year: 2025, number: 3 }, '2025-09-19T17:00:00+07:00'],
    ['Năm 2025', { kind: 'YEAR', year: 2025 }, '2025-12-19T17:00:00+07:00'],
  ])('%s: the new communes only', async (_label, period, deadline) => {
    const reached = await codesReached({
      period,
      deadline,
      recipientGroups: [withinNA('COMMUNE')],
    });
    expect(reached).toEqual(expect.arrayContaining(['NA.T19X', 'NA.T19Y', 'NA.T19Z']));
    const orgs = await server.app.db.prisma.org.findMany({ where: { code: { in: reached } } });
    const day = vietnamDay(new Date(deadline));
    expect(orgs.filter((o) => !existsOn(o, day))).toEqual([]);
    expect(reached).not.toContain('NA.VINH.T19A');
  });

  test('each level by its own deadline: districts due 19/6, communes due 5/7', async () => {
    const reached = await codesReached({
      period: { kind: 'QUARTER', year: 2025, number: 2 },
      deadline: '2025-06-19T17:00:00+07:00',
      levelDeadlines: [{ level: 'COMMUNE', deadline: '2025-07-05T17:00:00+07:00' }],
      recipientGroups: [withinNA('DISTRICT'), withinNA('COMMUNE')],
    });
    expect(reached).toContain('NA.VINH');
    expect(reached).toContain('NA.T19X');
    expect(reached).not.toContain('NA.VINH.T19A');
  });

  test('a new commune named for a period due before it opened is refused', async () => {
    const res = await server.gql<Json>(
      OPEN,
      input({
        period: { kind: 'QUARTER', year: 2025, number: 2 },
        deadline: '2025-06-19T17:00:00+07:00',
        recipientOrgIds: [ids['NA.T19X']],
      }),
      consolidator,
    );
    expect(res.errors?.[0]?.message).toContain(
      'UBND phường Thử X (hoạt động từ 01/07/2025, hạn gửi 19/06/2025)',
    );
  });

  test('the preview shows a named agency that would be refused, and does not count it', async () => {
    const q = `query($period: PeriodInput!, $ids: [ID!], $deadline: String) {
      recipientPreview(period: $period, recipientOrgIds: $ids, deadline: $deadline) {
        count notExisting { name } outsideScope { name }
      }
    }`;
    const ids2 = [ids['NA.SYT'], ids['NA.VINH']];
    const in2026 = await server.gql<Json>(
      q,
      { period: { kind: 'QUARTER', year: 2026, number: 1 }, ids: ids2 },
      consolidator,
    );
    expect(in2026.data!.recipientPreview).toEqual({
      count: 1,
      notExisting: [{ name: 'Ủy ban nhân dân thành phố Vinh' }],
      outsideScope: [],
    });
    const in2025 = await server.gql<Json>(
      q,
      {
        period: { kind: 'QUARTER', year: 2025, number: 2 },
        ids: ids2,
        deadline: '2025-06-19T17:00:00+07:00',
      },
      consolidator,
    );
    expect(in2025.data!.recipientPreview).toMatchObject({ count: 2, notExisting: [] });
  });

  test('a schedule may not name a unit closed before it starts; its requests leave out units closed since', async () => {
    const create = (startsOn: string, orgIds: string[]) =>
      server.gql<Json>(
        `mutation($input: CreateReportScheduleInput!) { createReportSchedule(input: $input) { id } }`,
        {
          input: {
            templateId: ids.template,
            periodKind: 'QUARTER',
            titlePattern: 'Báo cáo cấp xã {period}',
            deadlineDaysAfterCutoff: 5,
            startsOn,
            endsOn: '2025-12-31',
            recipientOrgIds: orgIds,
          },
        },
        consolidator,
      );
    const named = [ids['NA.VINH.T19A']!, ids['NA.T19X']!];
    const refused = await create('2025-07-01', named);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('UBND phường Thử A (hoạt động đến 30/06/2025');

    const made = await create('2025-04-01', named);
    expect(made.errors).toBeUndefined();
    const prisma = server.app.db.prisma;
    const opened = await openDueScheduledRequests(prisma, {
      now: new Date('2025-12-20T03:00:00Z'),
      backfill: true,
      only: { id: made.data!.createReportSchedule.id },
    });
    const requests = await prisma.reportRequest.findMany({
      where: { id: { in: opened } },
      include: { period: true, recipients: { include: { org: true } } },
      orderBy: { deadline: 'asc' },
    });
    expect(requests.map((r) => [r.period.label, r.recipients.map((x) => x.org.code)])).toEqual([
      ['Quý II/2025', ['NA.VINH.T19A']],
      ['Quý III/2025', ['NA.T19X']],
      ['Quý IV/2025', ['NA.T19X']],
    ]);
  });
});
