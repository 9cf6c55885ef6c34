// The last period in the sheet, on the live demo (NA-CDS-QUY, its two quarters as loaded today):
// a reporter's sheet brings what the agency sent the quarter before, never another agency's; a
// quarter the agency did not send (a draft, a report returned) is skipped for the one before it;
// saveReport saves and sends whatever the change warnings say, and tells them.
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';
import { openQuarter, quarterAfter } from '../../support/quarterly-demo.ts';

const SHEET = `query($requestId: ID!, $orgId: ID) {
  reportSheet(requestId: $requestId, orgId: $orgId) {
    submission { version status }
    tables { key columns { key carryForward changeFactor } rows { key carryForward } }
    lastPeriod { requestId periodLabel sentAt
      tables { key rows { key cells { columnKey value } } } }
  } }`;
const SAVE = `mutation($input: SaveReportInput!) { saveReport(input: $input) {
  submission { status version } problems { message } warnings { tableKey rowKey columnKey message }
} }`;

/** table.row.column → value, as the last period's values come. */
const valuesOf = (last: Json): Record<string, string> =>
  Object.fromEntries(
    last.tables.flatMap((t: Json) =>
      t.rows.flatMap((r: Json) =>
        r.cells.map((c: Json) => [`${t.key}.${r.key}.${c.columnKey}`, c.value]),
      ),
    ),
  );

describe('the last period in the sheet (live demo)', () => {
  let server: TestServer;
  let truongVinh: string;
  let thanhVinh: string;
  let consolidator: string;
  let current: { id: string; label: string };
  let previous: { id: string; label: string };
  let next: { id: string; label: string };
  const orgs: Record<string, string> = {};

  const sheet = async (requestId: string, token: string, orgId?: string) =>
    server.gql<Json>(SHEET, { requestId, orgId }, token);

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.app.db.prisma;
    for (const code of ['NA', 'DVHC.16690', 'DVHC.16681', 'DVHC.17464', 'NA.SGDDT']) {
      orgs[code] = (await prisma.org.findUniqueOrThrow({ where: { code } })).id;
    }
    const live = await prisma.reportRequest.findMany({
      where: { template: { code: 'NA-CDS-QUY' } },
      include: { period: true },
      orderBy: { period: { start: 'asc' } },
    });
    expect(live).toHaveLength(2);
    previous = { id: live[0]!.id, label: live[0]!.period.label };
    current = { id: live[1]!.id, label: live[1]!.period.label };
    truongVinh = await server.login('ubnd.truongvinh@demo.vn');
    thanhVinh = await server.login('ubnd.thanhvinh@demo.vn');
    consolidator = await server.login('stttt.nghean@demo.vn');
    // The quarter after the current one, opened as the Sở would, to the same groups.
    const q = quarterAfter(live[1]!.period);
    const id = await openQuarter(server.gql, consolidator, live[1]!.templateId, q, orgs.NA!);
    next = { id, label: q.label };
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('the template says what carries forward and by what factor a number may move', async () => {
    const res = await sheet(current.id, truongVinh);
    expect(res.errors).toBeUndefined();
    const [soLieu, tyLe] = res.data!.reportSheet.tables;
    // Wi-Fi points in operation are a stock; the quarter's applications are not.
    expect(soLieu.rows.filter((r: Json) => r.carryForward).map((r: Json) => r.key)).toEqual([
      'wifi_cong_cong',
    ]);
    expect(soLieu.columns.find((c: Json) => c.key === 'gia_tri')).toEqual({
      key: 'gia_tri',
      carryForward: false,
      changeFactor: 3,
    });
    expect(tyLe.columns.find((c: Json) => c.key === 'gia_tri').changeFactor).toBe(1.5);
    // The template as defined: the factor for the template, the percent column's own.
    const tpl = await server.gql<Json>(
      `{ reportTemplates(code: "NA-CDS-QUY") { changeFactor
          tables { key columns { key carryForward changeFactor } rows { key carryForward } } } }`,
      {},
      truongVinh,
    );
    expect(tpl.errors).toBeUndefined();
    const [template] = tpl.data!.reportTemplates;
    expect(template.changeFactor).toBe(3);
    expect(
      template.tables.map((t: Json) => ({
        key: t.key,
        own: t.columns.filter((c: Json) => c.changeFactor !== null).map((c: Json) => c.key),
        carried: t.rows.filter((r: Json) => r.carryForward).map((r: Json) => r.key),
      })),
    ).toEqual([
      { key: 'so_lieu', own: [], carried: ['wifi_cong_cong'] },
      { key: 'ty_le', own: ['gia_tri'], carried: [] },
    ]);
  });

  test('a reporter sees what its agency sent the quarter before', async () => {
    const res = await sheet(current.id, truongVinh);
    expect(res.errors).toBeUndefined();
    const last = res.data!.reportSheet.lastPeriod;
    expect(last).toMatchObject({ requestId: previous.id, periodLabel: previous.label });
    expect(Number.isNaN(Date.parse(last.sentAt))).toBe(false);
    // Trường Vinh's sample report of the previous quarter (prisma/seed/data/05-nghe-an-2025.json).
    expect(valuesOf(last)).toMatchObject({
      'so_lieu.ho_so_tiep_nhan.gia_tri': '2315',
      'so_lieu.wifi_cong_cong.gia_tri': '16',
      'ty_le.ty_le_truc_tuyen.gia_tri': '88.6',
    });
  });

  test('never another agency’s: each reporter gets its own, and asking for another is refused', async () => {
    const own = await sheet(current.id, thanhVinh);
    expect(own.errors).toBeUndefined();
    expect(valuesOf(own.data!.reportSheet.lastPeriod)['so_lieu.wifi_cong_cong.gia_tri']).toBe('12');
    const other = await sheet(current.id, truongVinh, orgs['DVHC.16681']);
    expect(other.data?.reportSheet ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('an agency that sent nothing before has no last period', async () => {
    // Diễn Châu sent the current quarter only; its sheet is read by the Sở that oversees it.
    const res = await sheet(current.id, consolidator, orgs['DVHC.17464']);
    expect(res.errors).toBeUndefined();
    expect(res.data!.reportSheet.lastPeriod).toBeNull();
  });

  test('a quarter the agency did not send is skipped: a draft, or a report returned', async () => {
    // Trường Vinh's current quarter is a draft: the next quarter's last period is the one before.
    const draft = await sheet(next.id, truongVinh);
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.reportSheet.lastPeriod).toMatchObject({
      requestId: previous.id,
      periodLabel: previous.label,
    });
    // Thành Vinh sent both: its last period is the current quarter.
    const sent = await sheet(next.id, thanhVinh);
    expect(sent.data!.reportSheet.lastPeriod).toMatchObject({
      requestId: current.id,
      periodLabel: current.label,
    });
    expect(valuesOf(sent.data!.reportSheet.lastPeriod)['so_lieu.wifi_cong_cong.gia_tri']).toBe(
      '15',
    );
    // Sở GD&ĐT's current report was returned; the Sở, overseeing it, sees the quarter before.
    const returned = await sheet(next.id, consolidator, orgs['NA.SGDDT']);
    expect(returned.errors).toBeUndefined();
    expect(returned.data!.reportSheet.lastPeriod).toMatchObject({ periodLabel: previous.label });
  });

  test('saveReport saves and sends with change warnings, and tells them', async () => {
    const opened = await sheet(current.id, truongVinh);
    const version = opened.data!.reportSheet.submission.version;
    const input = (submit: boolean, baseVersion: number) => ({
      requestId: current.id,
      baseVersion,
      idempotencyKey: `last-period-${submit}`,
      submit,
      answers: [{ key: 'ket_qua', text: 'Triển khai theo kế hoạch.' }],
      tables: [
        {
          key: 'so_lieu',
          // 9.000 applications against 2.315 last quarter: more than 3 times.
          rows: [
            { key: 'ho_so_tiep_nhan', cells: [{ columnKey: 'gia_tri', value: '9000' }] },
            { key: 'hop_truc_tuyen', cells: [{ columnKey: 'gia_tri', value: '12' }] },
            // The rows the demo's draft left empty, filled before sending.
            ...(submit
              ? [
                  { key: 'ho_so_toan_trinh', cells: [{ columnKey: 'gia_tri', value: '1700' }] },
                  { key: 'van_ban_ky_so', cells: [{ columnKey: 'gia_tri', value: '950' }] },
                ]
              : []),
          ],
        },
        {
          key: 'ty_le',
          rows: ['ty_le_truc_tuyen', 'ty_le_ky_so', 'ty_le_so_hoa'].map((key) => ({
            key,
            cells: [{ columnKey: 'gia_tri', value: '90' }],
          })),
        },
      ],
    });
    const draft = await server.gql<Json>(SAVE, { input: input(false, version) }, truongVinh);
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.saveReport.problems).toEqual([]);
    expect(draft.data!.saveReport.submission).toEqual({ status: 'DRAFT', version: version + 1 });
    expect(draft.data!.saveReport.warnings).toEqual([
      {
        tableKey: 'so_lieu',
        rowKey: 'ho_so_tiep_nhan',
        columnKey: 'gia_tri',
        message: `Bảng "Biểu 01", dòng "Số hồ sơ thủ tục hành chính tiếp nhận", cột "Giá trị": 9.000 so với 2.315 kỳ ${previous.label} (gấp 3,9 lần, ngưỡng 3 lần)`,
      },
    ]);
    const sent = await server.gql<Json>(SAVE, { input: input(true, version + 1) }, truongVinh);
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.saveReport.problems).toEqual([]);
    expect(sent.data!.saveReport.submission.status).toBe('SUBMITTED');
    expect(sent.data!.saveReport.warnings).toHaveLength(1);
  });
});
