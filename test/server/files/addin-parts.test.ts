// The report sheet an agency downloads opens in Excel with the add-in, which recognises it like a
// report it pulled: the add-in's web extension with its task pane shown, the record in its
// settings, the server's sheet in custom XML parts. Checked in the file itself (every part,
// relationship and content type), through Excel with the add-in (the strict double opening the
// real file), with LibreOffice, and uploaded back as before.
import JSZip from 'jszip';
import { REPORT_SHEET } from '../../../addin/src/taskpane/operations.ts';
import { hasUnsentEdits, readReport } from '../../../addin/src/excel/report-workbook.ts';
import { loadStored } from '../../../addin/src/excel/report-store.ts';
import { excelHost } from '../../../addin/src/excel/host.ts';
import { ADDIN_ID, ADDIN_VERSION, addinManifest } from '../../../server/addin/manifest.ts';
import {
  outlineLines,
  SPARE_OPEN_ROWS,
  TABLE_HEADER_ROW,
} from '../../../shared/reporting/spreadsheet.ts';
import {
  parseRecord,
  REPORT_SETTING_KEY,
  SHEET_NAMESPACE,
  valueFromParts,
  type SheetSnapshot,
  type StoredReport,
} from '../../../shared/reporting/workbook-record.ts';
import { ExcelDouble } from '../../support/excel-double/index.ts';
import { openWorkbookFile, saveWorkbookFile } from '../../support/excel-double/file.ts';
import { columnLetters } from '../../support/excel-double/sheet.ts';
import { convertWithLibreOffice } from '../../support/libreoffice.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Json } from '../../support/json.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Each relationship of a .rels part: Id → [Type, Target]. */
const rels = (xml: string) =>
  new Map(
    [...xml.matchAll(/<Relationship Id="([^"]+)" Type="([^"]+)" Target="([^"]+)"\/>/g)].map((m) => [
      m[1]!,
      [m[2]!, m[3]!],
    ]),
  );

const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('the downloaded report sheet opens with the add-in', () => {
  let server: TestServer;
  let requestId: string;
  let reporter: string;
  let uploads = 0;

  const download = async () => {
    const res = await fetch(`${server.app.url}/files/requests/${requestId}/sheet.xlsx`, {
      headers: { authorization: `Bearer ${reporter}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const upload = async (body: Buffer, query = '') => {
    const res = await fetch(`${server.app.url}/files/requests/${requestId}/sheet.xlsx${query}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${reporter}`,
        'content-type': XLSX,
        'idempotency-key': `addin-parts-${++uploads}`,
      },
      body,
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  const reportSheet = async (): Promise<SheetSnapshot> =>
    (await server.gql<Json>(REPORT_SHEET.toString(), { requestId }, reporter)).data!.reportSheet;
  const text = async (zip: JSZip, part: string) => {
    const file = zip.file(part);
    if (!file) throw new Error(`no ${part} in the file`);
    return file.async('string');
  };
  /** The record in the add-in's setting, and the setting's value as the file holds it. */
  const recordOf = async (zip: JSZip): Promise<{ value: string; record: StoredReport }> => {
    const xml = await text(zip, 'xl/webextensions/webextension1.xml');
    const m = new RegExp(`<we:property name="${REPORT_SETTING_KEY}" value="([^"]*)"/>`).exec(xml);
    const value = unescapeXml(m![1]!);
    return { value, record: parseRecord(JSON.parse(value))! };
  };

  beforeAll(async () => {
    server = await startTestServer('pglite');
    requestId = (
      await server.app.db.prisma.reportRequest.findUniqueOrThrow({
        where: { key: 'NA-403-SOKET-SO-HUYEN' },
      })
    ).id;
    reporter = await server.login('syte.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('the web extension of the add-in, its task pane shown on the right, related and typed', async () => {
    const zip = await JSZip.loadAsync(await download());
    const root = rels(await text(zip, '_rels/.rels'));
    expect([...root.values()]).toContainEqual([
      'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes',
      'xl/webextensions/taskpanes.xml',
    ]);
    const panes = await text(zip, 'xl/webextensions/taskpanes.xml');
    expect(panes).toMatch(
      /<wetp:taskpanes xmlns:wetp="http:\/\/schemas\.microsoft\.com\/office\/webextensions\/taskpanes\/2010\/11">/,
    );
    expect(panes).toMatch(/<wetp:taskpane dockstate="right" visibility="1" width="350" row="4">/);
    const paneRef = /<wetp:webextensionref [^>]*r:id="([^"]+)"\/>/.exec(panes)![1]!;
    expect(rels(await text(zip, 'xl/webextensions/_rels/taskpanes.xml.rels')).get(paneRef)).toEqual(
      ['http://schemas.microsoft.com/office/2011/relationships/webextension', 'webextension1.xml'],
    );
    const we = await text(zip, 'xl/webextensions/webextension1.xml');
    expect(we).toMatch(
      /^<\?xml[^>]*\?>\s*<we:webextension xmlns:we="http:\/\/schemas\.microsoft\.com\/office\/webextensions\/webextension\/2010\/11" id="\{[0-9A-F-]{36}\}">/,
    );
    // Sideloaded first (Registry, "developer"), Centralized Deployment as the alternate.
    expect(we).toContain(
      `<we:reference id="${ADDIN_ID}" version="${ADDIN_VERSION}" store="developer" storeType="Registry"/>`,
    );
    expect(we).toContain(
      `<we:alternateReferences><we:reference id="${ADDIN_ID}" version="${ADDIN_VERSION}" store="EXCatalog" storeType="EXCatalog"/></we:alternateReferences>`,
    );
    expect(we).toContain('<we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>');
    expect(we).toMatch(/<we:bindings\/><we:snapshot xmlns:r="[^"]+"\/><\/we:webextension>$/);
    const types = await text(zip, '[Content_Types].xml');
    expect(types).toContain(
      '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>',
    );
    expect(types).toContain(
      '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/>',
    );
    // The manifest's task pane is the one Office opens with such a document.
    const manifest = addinManifest('https://baocao.example.vn');
    expect(manifest).toContain(`<Id>${ADDIN_ID}</Id>`);
    expect(manifest).toContain(`<Version>${ADDIN_VERSION}</Version>`);
    expect(manifest).toContain('<TaskpaneId>Office.AutoShowTaskpaneWithDocument</TaskpaneId>');
  });

  test("the add-in's setting holds this report's record, JSON-quoted; no token or password anywhere", async () => {
    const body = await download();
    const zip = await JSZip.loadAsync(body);
    const { value, record } = await recordOf(zip);
    // Office settings are JSON: the add-in stores the record's JSON text, a string setting.
    expect(typeof JSON.parse(value)).toBe('string');
    const sheet = await reportSheet();
    expect(record).toEqual({
      requestId,
      requestTitle: sheet.request.title,
      orgId: sheet.org.id,
      orgName: 'Sở Y tế tỉnh Nghệ An',
      templateCode: sheet.template.code,
      templateVersion: sheet.template.version,
      baseVersion: 0,
      outlineSheetId: 'Đề cương',
      outlineSheetName: 'Đề cương',
      // The worksheets by the names the file gives them; rows as pullReport counts them.
      tables: sheet.tables.map((t) => ({
        key: t.key,
        sheetId: { pl02: 'Phụ lục 02', pl03: 'Phụ lục 03' }[t.key],
        sheetName: { pl02: 'Phụ lục 02', pl03: 'Phụ lục 03' }[t.key],
        columns: t.columns.map((c) => c.key),
        rows: Math.max(t.rows.length + (t.allowOpenRows ? SPARE_OPEN_ROWS : 0), 1),
      })),
      marked: [],
      status: null,
      sheetParts: [expect.stringMatching(/^\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$/)],
      queue: [],
    });
    expect(sheet.tables.map((t) => t.key)).toEqual(['pl02', 'pl03']);
    for (const name of Object.keys(zip.files)) {
      const content = await zip.file(name)?.async('string');
      if (content === undefined) continue;
      expect([name, content.includes(reporter)]).toEqual([name, false]);
      expect([name, /bearer|password|mật khẩu|demo-2023/i.test(content)]).toEqual([name, false]);
    }
  });

  test("the sheet kept in custom XML parts is what the add-in's ReportSheet query answers", async () => {
    const zip = await JSZip.loadAsync(await download());
    const { record } = await recordOf(zip);
    const workbookRels = rels(await text(zip, 'xl/_rels/workbook.xml.rels'));
    const items = [...workbookRels.values()]
      .filter(
        ([type]) =>
          type === 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml',
      )
      .map(([, target]) => target);
    expect(items).toEqual(['../customXml/item1.xml']);
    expect(rels(await text(zip, 'customXml/_rels/item1.xml.rels')).get('rId1')).toEqual([
      'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps',
      'itemProps1.xml',
    ]);
    expect(await text(zip, 'customXml/itemProps1.xml')).toContain(
      `<ds:datastoreItem ds:itemID="${record.sheetParts[0]}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${SHEET_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
    );
    expect(await text(zip, '[Content_Types].xml')).toContain(
      '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>',
    );
    const kept = valueFromParts<SheetSnapshot>('sheet', [await text(zip, 'customXml/item1.xml')]);
    // What the add-in keeps of the answer (report-sync.ts snapshotOf): all but the last period,
    // which is read from the server when there is one.
    const answer: Partial<SheetSnapshot & { lastPeriod: unknown }> = await reportSheet();
    delete answer.lastPeriod;
    expect(kept).toEqual(answer);
  });

  test('the worksheets are laid out as readReport reads them', async () => {
    const state = await openWorkbookFile(await download(), ADDIN_ID);
    const book = ExcelDouble.fromState(state, { api: '1.18', locale: 'vi-VN' });
    const host = excelHost({ run: book.run, requirements: book.requirements });
    const record = (await host.run(loadStored))!;
    const sheet = await reportSheet();
    for (const t of record.tables) {
      const table = sheet.tables.find((x) => x.key === t.key)!;
      const ws = book.sheet(t.sheetId);
      expect(ws.hiddenColumns.has(0)).toBe(true);
      const header = t.columns.map(
        (_, i) => book.cell(t.sheetId, `${columnLetters(i + 1)}${TABLE_HEADER_ROW}`).value,
      );
      expect(header).toEqual(table.columns.map((c) => (c.required ? `${c.label} (*)` : c.label)));
      const keys = table.rows.map(
        (_, i) => book.cell(t.sheetId, `A${TABLE_HEADER_ROW + 1 + i}`).value,
      );
      expect(keys).toEqual(table.rows.map((r) => r.key));
    }
    const lines = outlineLines(sheet.outline);
    expect(lines.map((_, i) => book.cell(record.outlineSheetId!, `A${i + 1}`).value)).toEqual(
      lines.map((l) => l.key),
    );
    expect(lines.map((_, i) => book.cell(record.outlineSheetId!, `B${i + 1}`).value)).toEqual(
      lines.map((l) => l.text),
    );
    expect(await hasUnsentEdits(host, sheet)).toBe(false);
  });

  test('filled in Excel with the add-in and uploaded: saved as before; the next download is at the new version', async () => {
    const original = await download();
    const book = ExcelDouble.fromState(await openWorkbookFile(original, ADDIN_ID), {
      api: '1.18',
      locale: 'vi-VN',
    });
    const host = excelHost({ run: book.run, requirements: book.requirements });
    const sheet = await reportSheet();
    const rows = sheet.tables.find((t) => t.key === 'pl03')!.rows;
    const pl03 = (await host.run(loadStored))!.tables.find((t) => t.key === 'pl03')!;
    const at = (rowKey: string, columnKey: string) =>
      `${columnLetters(pl03.columns.indexOf(columnKey) + 1)}${TABLE_HEADER_ROW + 1 + rows.findIndex((r) => r.key === rowKey)}`;
    // What sending requires: each task's result and the outline's answers.
    for (const key of ['II.4', 'IV.2', 'IV.9']) {
      book.userTypes(pl03.sheetId, at(key, 'ket_qua'), `Kết quả ${key}`);
    }
    book.userTypes(pl03.sheetId, at('IV.2', 'ket_qua'), 'Đã số hóa 80% hồ sơ');
    outlineLines(sheet.outline).forEach((line, i) => {
      if (line.kind === 'answer') book.userTypes('Đề cương', `B${i + 1}`, `Trả lời ${line.key}`);
    });
    const read = await readReport(host, sheet);
    const iv2 = read!.input.tables
      ?.find((t) => t.key === 'pl03')
      ?.rows.find((r) => r.key === 'IV.2');
    expect(iv2?.cells).toContainEqual({ columnKey: 'ket_qua', value: 'Đã số hóa 80% hồ sơ' });

    // Saved by Excel, web extension and parts included, and uploaded.
    const saved = await upload(await saveWorkbookFile(book.state(), ADDIN_ID), '?submit=1');
    expect(saved.status).toBe(200);
    expect(saved.json.problems).toEqual([]);
    expect(saved.json.submission).toMatchObject({ status: 'SUBMITTED', version: 1 });
    const after = await reportSheet();
    const cell = after.tables
      .find((t) => t.key === 'pl03')!
      .rows.find((r) => r.key === 'IV.2')!
      .cells.find((c) => c.columnKey === 'ket_qua');
    expect(cell?.value).toBe('Đã số hóa 80% hồ sơ');
    // The file downloaded before that save is stale, as any other would be.
    expect((await upload(original)).status).toBe(409);

    // The next download is at the new version, and uploads as it is.
    const next = await download();
    expect((await recordOf(await JSZip.loadAsync(next))).record).toMatchObject({
      requestId,
      orgId: after.org.id,
      baseVersion: 1,
      status: 'SUBMITTED',
    });
    const again = await upload(next, '?submit=1');
    expect(again.status).toBe(200);
    expect(again.json.problems).toEqual([]);
    expect(again.json.submission).toMatchObject({ status: 'SUBMITTED', version: 2 });
  });

  test('LibreOffice still opens it', async () => {
    const body = await download();
    const csv = convertWithLibreOffice(
      body,
      'bao-cao.xlsx',
      'csv:Text - txt - csv (StarCalc):44,34,76',
    ).toString('utf8');
    expect(csv).toContain('Sở Y tế tỉnh Nghệ An');
    const resaved = await JSZip.loadAsync(convertWithLibreOffice(body, 'bao-cao.xlsx', 'xlsx'));
    const workbook = await text(resaved, 'xl/workbook.xml');
    for (const name of ['Thông tin', 'Đề cương', 'Phụ lục 02', 'Phụ lục 03']) {
      expect(workbook).toContain(`name="${name}"`);
    }
  }, 180_000);
});
