// An indicator over four quarters for every commune of Nghệ An, on the live demo: its two quarters
// (as loaded today) and the two before them, opened here and answered by three communes through
// the API. The series equals each quarter's consolidation, commune by commune and for the province;
// a quarter a commune did not send is MISSING; the same table comes as CSV (with a BOM) and .xlsx.
import ExcelJS from 'exceljs';
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';
import { reportingPeriod } from '../../../shared/reporting/period.ts';
import { openQuarter, quarterBefore, quarterlyTables } from '../../support/quarterly-demo.ts';

const SAVE = contractOperation('SaveReport');
const CONSOLIDATION = contractOperation('Consolidation');
const SERIES = `query($input: IndicatorSeriesInput!, $first: Int, $after: String) {
  indicatorSeries(input: $input, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { org { id code name kind level } period { label start end } value state sent expected } }
  } }`;

const ROW = 'ho_so_truc_tuyen';

describe('indicator series over four quarters', () => {
  let server: TestServer;
  let consolidator: string;
  let input: Json;
  let requestIds: string[] = [];
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.app.db.prisma;
    consolidator = await server.login('stttt.nghean@demo.vn');
    const na = await prisma.org.findUniqueOrThrow({ where: { code: 'NA' } });
    for (const code of ['DVHC.16690', 'DVHC.16681', 'DVHC.16732']) {
      codes[code] = (await prisma.org.findUniqueOrThrow({ where: { code } })).id;
    }
    // The live demo's two quarters, as loaded today.
    const live = await prisma.reportRequest.findMany({
      where: { template: { code: 'NA-CDS-QUY' } },
      include: { period: true },
      orderBy: { period: { start: 'asc' } },
    });
    expect(live).toHaveLength(2);
    const first = live[0]!.period;
    const previous = reportingPeriod({ kind: 'QUARTER', year: first.year, number: first.number });
    const q2 = quarterBefore(previous);
    const q1 = quarterBefore(q2);
    // The two quarters before them, opened as the Sở would, to the same groups.
    const opened: string[] = [];
    for (const q of [q1, q2]) {
      opened.push(await openQuarter(server.gql, consolidator, live[0]!.templateId, q, na.id));
    }
    requestIds = [...opened, ...live.map((r) => r.id)];
    // Three communes answer the first quarter; in the second, Thành Vinh sends nothing.
    const send = async (email: string, requestId: string, value: string) => {
      const token = await server.login(email);
      const res = await server.gql<Json>(
        SAVE,
        {
          input: {
            requestId,
            baseVersion: 0,
            idempotencyKey: `series-${email}-${requestId}`,
            submit: true,
            answers: [{ key: 'ket_qua', text: 'Triển khai theo kế hoạch.' }],
            // Every required cell: the row followed here, and the others of the sheet.
            tables: quarterlyTables((key) => (key === ROW ? value : '1')),
          },
        },
        token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.saveReport.problems).toEqual([]);
      expect(res.data!.saveReport.submission.status).toBe('SUBMITTED');
    };
    await send('ubnd.truongvinh@demo.vn', opened[0]!, '100');
    await send('ubnd.thanhvinh@demo.vn', opened[0]!, '200');
    await send('ubnd.cualo@demo.vn', opened[0]!, '40');
    await send('ubnd.truongvinh@demo.vn', opened[1]!, '110');
    await send('ubnd.cualo@demo.vn', opened[1]!, '50');
    input = {
      templateCode: 'NA-CDS-QUY',
      tableKey: 'so_lieu',
      rowKey: ROW,
      columnKey: 'gia_tri',
      periodKind: 'QUARTER',
      from: q1.start,
      to: live[1]!.period.end.toISOString().slice(0, 10),
      withinOrgId: na.id,
    };
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  /** Every point, page by page (100 at a time), as the Relay connection gives them. */
  const allPoints = async (extra: Json = {}) => {
    const points: Json[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: Json | null; errors?: unknown } = await server.gql<Json>(
        SERIES,
        { input: { ...input, ...extra }, first: 100, after },
        consolidator,
      );
      expect(res.errors).toBeUndefined();
      const page = res.data!.indicatorSeries;
      points.push(...page.edges.map((e: Json) => e.node));
      if (!page.pageInfo.hasNextPage) return points;
      after = page.pageInfo.endCursor;
    }
  };

  /** Each quarter's consolidation of the row: the total and each agency's value. */
  const consolidations = async () =>
    Promise.all(
      requestIds.map(async (requestId) => {
        const res = await server.gql<Json>(CONSOLIDATION, { requestId }, consolidator);
        expect(res.errors).toBeUndefined();
        const table = res.data!.reportRequest.consolidated.tables.find(
          (t: Json) => t.key === 'so_lieu',
        );
        const row = table.rows.find((r: Json) => r.key === ROW);
        return {
          total: row.totals.find((c: Json) => c.columnKey === 'gia_tri')?.value ?? null,
          byOrg: new Map<string, string | null>(
            row.byOrg.map((o: Json) => [
              o.org.id,
              o.cells.find((c: Json) => c.columnKey === 'gia_tri')?.value ?? null,
            ]),
          ),
        };
      }),
    );

  test('every commune × four quarters; each value is what that quarter’s consolidation shows for it', async () => {
    const points = await allPoints({ level: 'COMMUNE' });
    const communes = new Set(points.map((p) => p.org.id));
    expect(communes.size).toBe(130);
    expect(points).toHaveLength(130 * 4);
    const quarters = [...new Set(points.map((p) => p.period.label))];
    expect(quarters).toHaveLength(4);
    const per = await consolidations();
    for (const p of points) {
      const q = quarters.indexOf(p.period.label);
      expect([p.org.code, q, p.value]).toEqual([
        p.org.code,
        q,
        per[q]!.byOrg.get(p.org.id) ?? null,
      ]);
    }
    const of = (code: string, q: number) =>
      points.find((p) => p.org.id === codes[code] && p.period.label === quarters[q]);
    expect(of('DVHC.16690', 0)).toMatchObject({ value: '100', state: 'COMPLETE', sent: 1 });
    // Thành Vinh sent in the first quarter and not in the second: missing, not zero.
    expect(of('DVHC.16681', 0)).toMatchObject({ value: '200', state: 'COMPLETE' });
    expect(of('DVHC.16681', 1)).toMatchObject({
      value: null,
      state: 'MISSING',
      sent: 0,
      expected: 1,
    });
  });

  test('rolled up to the province, each quarter equals the consolidation’s total', async () => {
    const points = await allPoints({ level: 'PROVINCE' });
    expect(points.map((p) => p.org.code)).toEqual(['NA', 'NA', 'NA', 'NA']);
    const per = await consolidations();
    expect(points.map((p) => p.value)).toEqual(per.map((c) => c.total));
    expect(points[1]).toMatchObject({ value: '160', state: 'PARTIAL', sent: 2 });
  });

  test('a group of agencies: the departments alone, or the commune committees alone', async () => {
    const everyone = await allPoints();
    const departments = await allPoints({ groupKind: 'DEPARTMENT' });
    const communes = await allPoints({ groupKind: 'PEOPLES_COMMITTEE', groupLevel: 'COMMUNE' });
    expect(departments.length).toBeGreaterThan(0);
    expect(departments.every((p) => p.org.kind === 'DEPARTMENT')).toBe(true);
    expect(communes).toHaveLength(130 * 4);
    expect(communes.every((p) => p.org.level === 'COMMUNE')).toBe(true);
    // Together they are everyone asked, point for point.
    const key = (p: Json) => `${p.org.id} ${p.period.label} ${p.value} ${p.state}`;
    expect([...departments, ...communes].map(key).sort()).toEqual(everyone.map(key).sort());
    // The file takes the same filter, and names a wrong one.
    const query = new URLSearchParams({ ...(input as Record<string, string>), groupKind: 'SO' });
    const csv = await fetch(`${server.app.url}/files/series.csv?${query}`, {
      headers: { authorization: `Bearer ${consolidator}` },
    });
    expect(csv.status).toBe(400);
    expect(((await csv.json()) as Json).errors[0].message).toMatch(/^groupKind phải là một trong/);
  });

  test('the same table as CSV (UTF-8 with a BOM) and as .xlsx', async () => {
    const query = new URLSearchParams({ ...(input as Record<string, string>), level: 'COMMUNE' });
    const csv = await fetch(`${server.app.url}/files/series.csv?${query}`, {
      headers: { authorization: `Bearer ${consolidator}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Mã đơn vị,Đơn vị,Tên cũ,Kỳ,Từ ngày,Đến ngày,Giá trị,Tình trạng,Đã gửi,Phải gửi',
    );
    expect(lines).toHaveLength(1 + 130 * 4);
    const thanhVinh = lines.filter((l) => l.includes('Thành Vinh'));
    expect(thanhVinh[0]).toMatch(/,200,Đủ,1,1$/);
    expect(thanhVinh[1]).toMatch(/,,Chưa gửi,0,1$/);

    const xlsx = await fetch(`${server.app.url}/files/series.xlsx?${query}`, {
      headers: { authorization: `Bearer ${consolidator}` },
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + 130 * 4);
    const row = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find(
        (r) => String(r.getCell(2).value).includes('Trường Vinh') && r.getCell(7).value === 100,
      );
    expect(row?.getCell(8).value).toBe('Đủ');
  });

  test('only those who oversee the agencies read it; a bad range is refused', async () => {
    const reporter = await server.login('syte.nghean@demo.vn');
    const refused = await server.gql<Json>(SERIES, { input }, reporter);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await server.gql<Json>(
      SERIES,
      { input: { ...input, from: '2026-13-01' } },
      consolidator,
    );
    expect(bad.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Khoảng thời gian "2026-13-01"/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const csv = await fetch(`${server.app.url}/files/series.csv?templateCode=NA-CDS-QUY`, {
      headers: { authorization: `Bearer ${consolidator}` },
    });
    expect(csv.status).toBe(400);
    expect(((await csv.json()) as Json).errors[0].message).toMatch(/^Thiếu tham số: tableKey/);
  });
});
