// Exchange on the live demo, through the API: a commune's sent report as DHIS2 dataValueSets JSON
// and as ADX (valid against the XSD the ADX profile's transform generated from the kept DSD,
// checked by xmllint); the same JSON, typed elsewhere, imported for another commune through
// saveReport's checks and exported back unchanged; an unmapped value stops the export by name;
// a bad mapping table is refused whole.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';
import { validateXml } from '../../support/xmllint.ts';
import { quarterlyTables, SO_LIEU } from '../../support/quarterly-demo.ts';

const SAVE = contractOperation('SaveReport');
const IMPORT = `mutation($schemeCode: String!, $payload: String!, $baseVersion: Int!, $key: String!, $submit: Boolean) {
  importDataValueSet(schemeCode: $schemeCode, payload: $payload, baseVersion: $baseVersion, idempotencyKey: $key, submit: $submit) {
    submission { id status version } problems { rowKey columnKey message } importCount { imported updated deleted ignored }
  } }`;
const SCHEME = `query { exchangeScheme(code: "DHIS2-NA") { code owner { code } codes { kind ours code categoryOptionCombo } } }`;
const SET_CODES = `mutation($codes: [ExchangeCodeInput!]!) { setExchangeCodes(schemeCode: "DHIS2-NA", codes: $codes) { code } }`;

const ADX_DIR = fileURLToPath(new URL('../../../prisma/exchange/adx/', import.meta.url));

describe('DHIS2 and ADX exchange on the demo', () => {
  let server: TestServer;
  let consolidator: string;
  let requestId: string;
  let sentId: string;

  const file = async (path: string, token = consolidator) =>
    fetch(`${server.app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.app.db.prisma;
    consolidator = await server.login('stttt.nghean@demo.vn');
    const live = await prisma.reportRequest.findMany({
      where: { template: { code: 'NA-CDS-QUY' }, status: 'OPEN' },
      orderBy: { period: { start: 'desc' } },
    });
    requestId = live[0]!.id;
    const token = await server.login('ubnd.truongvinh@demo.vn');
    // The demo may hold Trường Vinh's draft of this quarter already: save over it.
    const truongVinh = await prisma.org.findUniqueOrThrow({ where: { code: 'DVHC.16690' } });
    const existing = await prisma.submission.findUnique({
      where: { requestId_orgId: { requestId, orgId: truongVinh.id } },
    });
    const res = await server.gql<Json>(
      SAVE,
      {
        input: {
          requestId,
          baseVersion: existing?.version ?? 0,
          idempotencyKey: 'exchange-truongvinh',
          submit: true,
          answers: [{ key: 'ket_qua', text: 'Triển khai theo kế hoạch.' }],
          tables: quarterlyTables((key) => String(100 + SO_LIEU.indexOf(key)), {
            rate: '87.5',
            note: (key) => (key === 'ho_so_truc_tuyen' ? 'Gồm cả hồ sơ qua bưu chính' : ''),
          }),
        },
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.saveReport.problems).toEqual([]);
    sentId = res.data!.saveReport.submission.id;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  test('the demo’s mapping table: a data set, nine data elements, every agency asked', async () => {
    const res = await server.gql<Json>(SCHEME, {}, consolidator);
    expect(res.errors).toBeUndefined();
    const codes = res.data!.exchangeScheme.codes as Json[];
    expect(codes.filter((c) => c.kind === 'DATA_SET')).toEqual([
      { kind: 'DATA_SET', ours: 'NA-CDS-QUY', code: 'CDS_QUY', categoryOptionCombo: '' },
    ]);
    expect(codes.filter((c) => c.kind === 'DATA_ELEMENT')).toHaveLength(9);
    expect(codes.find((c) => c.ours === 'DVHC.16690')?.code).toBe('VN_16690');
  });

  test('a sent report as dataValueSets JSON; the same JSON imported for another commune and read back', async () => {
    const res = await file(`/files/exchange/DHIS2-NA/submissions/${sentId}.json`);
    expect(res.status).toBe(200);
    const set = (await res.json()) as Json;
    expect(set).toMatchObject({
      dataSet: 'CDS_QUY',
      orgUnit: 'VN_16690',
      period: expect.stringMatching(/^\d{4}Q[1-4]$/),
    });
    expect(set.dataValues).toHaveLength(9);
    // The row's note travels as the value's comment, as DHIS2 keeps it.
    expect(set.dataValues[1]).toEqual({
      dataElement: 'CDS_HS_TRUC_TUYEN',
      period: set.period,
      orgUnit: 'VN_16690',
      value: '101',
      comment: 'Gồm cả hồ sơ qua bưu chính',
    });

    // Typed elsewhere for Thành Vinh: the same payload under its org unit.
    const elsewhere = {
      ...set,
      orgUnit: 'VN_16681',
      dataValues: set.dataValues.map((v: Json) => ({ ...v, orgUnit: 'VN_16681' })),
    };
    const thanhVinh = await server.login('ubnd.thanhvinh@demo.vn');
    const prisma = server.app.db.prisma;
    const org = await prisma.org.findUniqueOrThrow({ where: { code: 'DVHC.16681' } });
    const base =
      (
        await prisma.submission.findUnique({
          where: { requestId_orgId: { requestId, orgId: org.id } },
        })
      )?.version ?? 0;
    // The sheet's own checks apply: a value that is not a number refuses the whole import.
    const broken = {
      ...elsewhere,
      dataValues: elsewhere.dataValues.map((v: Json, i: number) =>
        i === 0 ? { ...v, value: 'nhiều' } : v,
      ),
    };
    const refused = await server.gql<Json>(
      IMPORT,
      {
        schemeCode: 'DHIS2-NA',
        payload: JSON.stringify(broken),
        baseVersion: base,
        key: 'import-1',
        submit: true,
      },
      thanhVinh,
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.importDataValueSet.problems[0]).toMatchObject({
      rowKey: 'ho_so_tiep_nhan',
      columnKey: 'gia_tri',
    });
    expect(refused.data!.importDataValueSet.importCount).toEqual({
      imported: 0,
      updated: 0,
      deleted: 0,
      ignored: 9,
    });
    // Another commune's staff cannot import into Thành Vinh's report.
    const cuaLo = await server.login('ubnd.cualo@demo.vn');
    const foreign = await server.gql<Json>(
      IMPORT,
      {
        schemeCode: 'DHIS2-NA',
        payload: JSON.stringify(elsewhere),
        baseVersion: base,
        key: 'import-2',
        submit: true,
      },
      cuaLo,
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const sent = await server.gql<Json>(
      IMPORT,
      {
        schemeCode: 'DHIS2-NA',
        payload: JSON.stringify(elsewhere),
        baseVersion: base,
        key: 'import-3',
        submit: true,
      },
      thanhVinh,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.importDataValueSet).toMatchObject({
      submission: { status: 'SUBMITTED', version: base + 1 },
      problems: [],
    });
    const counted = sent.data!.importDataValueSet.importCount;
    expect(counted.imported + counted.updated + counted.ignored).toBe(9);
    expect(counted.deleted).toBe(0);
    // Exported again: exactly the values it was given.
    const back = (await (
      await file(
        `/files/exchange/DHIS2-NA/submissions/${sent.data!.importDataValueSet.submission.id}.json`,
      )
    ).json()) as Json;
    expect(back.dataValues).toEqual(elsewhere.dataValues);
  });

  test('ADX of the report and of the consolidation validate against the kept XSD (xmllint)', async () => {
    const xsd = `${ADX_DIR}CDS_QUY.adx.xsd`;
    const report = await file(`/files/exchange/DHIS2-NA/submissions/${sentId}.adx.xml`);
    expect(report.status).toBe(200);
    const xml = await report.text();
    expect(xml).toMatch(/<group dataSet="CDS_QUY" orgUnit="VN_16690" period="\d{4}-\d{2}-01\/P3M"/);
    expect(validateXml(xml, xsd)).toEqual({ valid: true, output: '- validates\n' });
    const consolidated = await (
      await file(`/files/exchange/DHIS2-NA/requests/${requestId}.adx.xml`)
    ).text();
    expect(validateXml(consolidated, xsd)).toEqual({ valid: true, output: '- validates\n' });
    // A wrong code is caught by the schema, not only by us.
    const wrong = validateXml(xml.replace('CDS_HS_TRUC_TUYEN', 'CDS_KHONG_CO'), xsd);
    expect(wrong.valid).toBe(false);
    expect(wrong.output).toMatch(/CDS_KHONG_CO/);
  });

  test('the DSD the server gives is the kept one the XSD was generated from', async () => {
    const res = await file('/files/exchange/DHIS2-NA/templates/NA-CDS-QUY.dsd.xml');
    expect(res.status).toBe(200);
    const prepared = /<mes:Prepared>[^<]*<\/mes:Prepared>/;
    const kept = readFileSync(`${ADX_DIR}CDS_QUY.dsd.xml`, 'utf8');
    expect((await res.text()).replace(prepared, '')).toBe(kept.replace(prepared, ''));
    // Every code of the DSD's codelists is an enumeration of the XSD, and no other.
    const xsd = readFileSync(`${ADX_DIR}CDS_QUY.adx.xsd`, 'utf8');
    const dsdCodes = [...kept.matchAll(/<str:Code id="([^"]+)"/g)].map((m) => m[1]).sort();
    const xsdCodes = [...xsd.matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(xsdCodes).toEqual(dsdCodes);
  });

  test('receivers: bad ones refused whole; the authentication header is never read back', async () => {
    const admin = await server.login('quantri@demo.vn');
    const SAVE_RECEIVER = `mutation($input: ExchangeReceiverInput!) { saveExchangeReceiver(input: $input) { id name url hasAuthHeader templateCodes } }`;
    const RECEIVERS = `query { exchangeScheme(code: "DHIS2-NA") { receivers { id name url format hasAuthHeader templateCodes maxAttempts retryBaseMs active } } }`;
    const good = {
      schemeCode: 'DHIS2-NA',
      name: 'DHIS2 tỉnh',
      url: 'https://dhis2.nghean.gov.vn/api/dataValueSets',
      format: 'DHIS2_JSON',
      authHeader: 'Authorization: ApiToken d2p_secret_123',
      templateCodes: ['NA-CDS-QUY'],
    };
    for (const [change, message] of [
      [{ authHeader: 'Authorization: ApiToken sệ' }, /ASCII in được/],
      [{ authHeader: 'Idempotency-Key: x' }, /do hệ thống tự đặt/],
      [{ url: 'ftp://dhis2.nghean.gov.vn/' }, /phải là http\(s\)/],
      [{ templateCodes: ['KHONG-CO'] }, /Không có mẫu báo cáo KHONG-CO/],
      [{ maxAttempts: 0 }, /Số lần thử tối đa/],
    ] as const) {
      const res = await server.gql<Json>(SAVE_RECEIVER, { input: { ...good, ...change } }, admin);
      expect(res.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
        message: expect.stringMatching(message),
      });
    }
    expect((await server.gql<Json>(RECEIVERS, {}, admin)).data!.exchangeScheme.receivers).toEqual(
      [],
    );
    const saved = await server.gql<Json>(SAVE_RECEIVER, { input: good }, admin);
    expect(saved.data!.saveExchangeReceiver).toMatchObject({
      hasAuthHeader: true,
      templateCodes: ['NA-CDS-QUY'],
    });
    const read = await server.gql<Json>(RECEIVERS, {}, admin);
    expect(read.data!.exchangeScheme.receivers).toHaveLength(1);
    expect(JSON.stringify(read)).not.toContain('d2p_secret_123');
    const audit = await server.app.db.prisma.auditEvent.findMany({
      where: { action: { startsWith: 'exchange.receiver' } },
    });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('d2p_secret_123');
    // Addresses and the delivery log are for administrators, not the consolidator.
    const byConsolidator = await server.gql<Json>(RECEIVERS, {}, consolidator);
    expect(byConsolidator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('an unmapped value stops the export by name; a bad table is refused whole', async () => {
    const before = await server.gql<Json>(SCHEME, {}, consolidator);
    const codes = (before.data!.exchangeScheme.codes as Json[]).filter(
      (c) => c.code !== 'CDS_TL_SO_HOA',
    );
    const cut = await server.gql<Json>(SET_CODES, { codes }, consolidator);
    expect(cut.errors).toBeUndefined();
    const res = await file(`/files/exchange/DHIS2-NA/submissions/${sentId}.json`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).errors[0].message).toMatch(
      /Bảng mã chưa có mã cho: ô "[^"]+" \(ty_le\/ty_le_so_hoa\/gia_tri\)/,
    );
    const bad = await server.gql<Json>(
      SET_CODES,
      {
        codes: [
          ...codes,
          { kind: 'DATA_ELEMENT', ours: 'NA-CDS-QUY/so_lieu/khong_co/gia_tri', code: 'X' },
          { kind: 'ORG_UNIT', ours: 'NA', code: 'VN_16690' },
        ],
      },
      consolidator,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/không có ô so_lieu\/khong_co\/gia_tri/);
    expect(bad.errors![0]!.message).toMatch(/cùng mã VN_16690|cùng là đơn vị NA/);
    const after = await server.gql<Json>(SCHEME, {}, consolidator);
    expect(after.data!.exchangeScheme.codes).toHaveLength(codes.length);
    // A reporter reads no mapping table and sets none.
    const reporter = await server.login('syte.nghean@demo.vn');
    expect((await server.gql<Json>(SCHEME, {}, reporter)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
