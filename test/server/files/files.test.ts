// .xlsx in and out over HTTP on the demo data: Sở Y tế downloads its Phụ lục 01–03 sheet, fills it
// in a spreadsheet and uploads it (through the same checks as SaveReport); Sở TT&TT downloads the
// consolidated report. Files are read back with exceljs, and once with LibreOffice.
import ExcelJS from 'exceljs';
import { convertWithLibreOffice } from '../../support/libreoffice.ts';
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { readUpload, zipUncompressedSize } from '../../../server/files/workbook.ts';
import { zipBomb } from '../../support/zip-bomb.ts';
import { compactValidations } from '../../../server/files/sheet-xlsx.ts';
import JSZip from 'jszip';
import type { Json } from '../../support/json.ts';

/** Every cell each sheet's data validations cover, as the file lists them (with repeats). */
async function validatedCells(xlsx: Buffer): Promise<string[][]> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/);
  const out: string[][] = [];
  for (const sheet of sheets) {
    const xml = await sheet.async('string');
    const cells: string[] = [];
    for (const m of xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)) {
      for (const range of m[1]!.split(' ')) {
        const [from, to = from] = range.split(':');
        const [, col, r1] = /^([A-Z]+)(\d+)$/.exec(from!)!;
        const r2 = Number(/(\d+)$/.exec(to!)![1]);
        for (let r = Number(r1); r <= r2; r++) cells.push(`${col}${r}`);
      }
    }
    out.push(cells);
  }
  return out;
}

describe('report sheets and consolidated reports as .xlsx', () => {
  let server: TestServer;
  let requestId: string;
  let reporter: string;
  let consolidator: string;
  let uploads = 0;

  const download = async (path: string, token: string) => {
    const res = await fetch(`${server.app.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };
  const upload = async (body: Buffer, query = '', token = reporter) => {
    const res = await fetch(`${server.app.url}/files/requests/${requestId}/sheet.xlsx${query}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'idempotency-key': `upload-${++uploads}`,
      },
      body,
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  const workbook = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    return wb;
  };
  /** The row of a table sheet whose hidden key column holds `key`. */
  const rowOf = (ws: ExcelJS.Worksheet, key: string) => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === key) found = row;
    });
    if (!found) throw new Error(`no row ${key}`);
    return found;
  };
  const columnOf = (ws: ExcelJS.Worksheet, label: string) => {
    let col = 0;
    ws.getRow(3).eachCell((cell, n) => {
      if (String(cell.value).startsWith(label)) col = n;
    });
    if (!col) throw new Error(`no column ${label}`);
    return col;
  };

  beforeAll(async () => {
    server = await startTestServer('pglite');
    requestId = (
      await server.app.db.prisma.reportRequest.findUniqueOrThrow({
        where: { key: 'NA-403-SOKET-SO-HUYEN' },
      })
    ).id;
    reporter = await server.login('syte.nghean@demo.vn');
    consolidator = await server.login('stttt.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test("an agency's sheet: typed, validated, read-only cells locked, laid out like the appendix", async () => {
    const { res, body } = await download(`/files/requests/${requestId}/sheet.xlsx`, reporter);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''S%E1%BB%9F%20Y%20t%E1%BA%BF",
    );
    const wb = await workbook(body);
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'Thông tin',
      'Đề cương',
      'Phụ lục 02',
      'Phụ lục 03',
    ]);
    const pl03 = wb.getWorksheet('Phụ lục 03')!;
    expect(pl03.getColumn(1).hidden).toBe(true);
    expect(pl03.getRow(3).values).toEqual(
      expect.arrayContaining([
        'TT',
        'Tên nhiệm vụ, dự án',
        'Đơn vị được giao chủ trì triển khai',
        'Kết quả thực hiện từ tháng 8 năm 2022 đến nay (*)',
        'Tiến độ',
      ]),
    );
    const keys: string[] = [];
    pl03.eachRow((row, n) => n > 3 && keys.push(String(row.getCell(1).value)));
    expect(keys).toEqual(['group:II', 'II.4', 'group:IV', 'IV.2', 'IV.9']);
    expect(rowOf(pl03, 'group:IV').getCell(2).value).toBe('IV. Chuyển đổi số các lĩnh vực');
    const iv2 = rowOf(pl03, 'IV.2');
    const lead = iv2.getCell(columnOf(pl03, 'Đơn vị được giao'));
    expect(lead.value).toBe('Sở Y tế');
    expect(lead.protection?.locked ?? true).toBe(true); // locked is Excel's default
    expect(lead.fill).toMatchObject({ fgColor: { argb: 'FFEDEDED' } });
    const result = iv2.getCell(columnOf(pl03, 'Kết quả'));
    expect(result.protection?.locked).toBe(false);
    const progress = iv2.getCell(columnOf(pl03, 'Tiến độ'));
    expect(progress.dataValidation).toMatchObject({ type: 'list' });
    // One validation per cell: ranges in the file never overlap (Excel would repair the file).
    const validated = await validatedCells(body);
    expect(validated.flat().length).toBeGreaterThan(0);
    for (const cells of validated) expect(new Set(cells).size).toBe(cells.length);
    // exceljs keeps the protection it read but does not declare it in its types.
    expect(
      (pl03 as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet,
    ).toBe(true);
  });

  test('a filled file uploaded and sent: values saved as if typed in SaveReport; formula text stays text', async () => {
    const { body } = await download(`/files/requests/${requestId}/sheet.xlsx`, reporter);
    const wb = await workbook(body);
    const pl03 = wb.getWorksheet('Phụ lục 03')!;
    const result = columnOf(pl03, 'Kết quả');
    const progress = columnOf(pl03, 'Tiến độ');
    for (const key of ['II.4', 'IV.2', 'IV.9'])
      rowOf(pl03, key).getCell(result).value = `Kết quả ${key}`;
    rowOf(pl03, 'IV.2').getCell(progress).value = 'Đang triển khai';
    const pl02 = wb.getWorksheet('Phụ lục 02')!;
    pl02.getRow(4).getCell(columnOf(pl02, 'Nội dung')).value = 'Tuyên truyền';
    pl02.getRow(4).getCell(columnOf(pl02, 'Ghi chú')).value = '=1+2';
    const outline = wb.getWorksheet('Đề cương')!;
    outline.eachRow((row) => {
      if (row.getCell(1).value === 'A.I') row.getCell(2).value = 'Đã ban hành kế hoạch';
    });
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const sent = await upload(filled, '?submit=1');
    expect(sent.status).toBe(200);
    expect(sent.json.problems).toEqual([]);
    expect(sent.json.submission).toMatchObject({ status: 'SUBMITTED', version: 1, late: true });

    const sheet = (
      await server.gql<Json>(contractOperation('ReportSheet'), { requestId }, reporter)
    ).data!.reportSheet;
    const cell = (table: string, row: string, col: string) =>
      sheet.tables
        .find((t: Json) => t.key === table)
        .rows.find((r: Json) => r.key === row)
        .cells.find((c: Json) => c.columnKey === col).value;
    expect(cell('pl03', 'IV.2', 'ket_qua')).toBe('Kết quả IV.2');
    expect(cell('pl03', 'IV.2', 'tien_do')).toBe('DANG_TRIEN_KHAI');
    const added = sheet.tables.find((t: Json) => t.key === 'pl02').rows[0];
    expect(added.cells).toContainEqual({ columnKey: 'ghi_chu', value: '=1+2' });
    expect(sheet.outline.find((s: Json) => s.key === 'A.I').answer).toBe('Đã ban hành kế hoạch');
  });

  test('a stale or wrong file changes nothing and says why', async () => {
    const { body } = await download(`/files/requests/${requestId}/sheet.xlsx`, reporter);
    const wb = await workbook(body);
    const pl03 = wb.getWorksheet('Phụ lục 03')!;
    rowOf(pl03, 'IV.2').getCell(columnOf(pl03, 'Tiến độ')).value = 'Xong rồi';
    const bad = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '?submit=1');
    expect(bad.status).toBe(200);
    expect(bad.json.problems).toEqual([
      expect.objectContaining({
        tableKey: 'pl03',
        rowKey: 'IV.2',
        columnKey: 'tien_do',
        message: expect.stringContaining('"Xong rồi" không có trong danh sách'),
      }),
    ]);
    const before = await server.app.db.prisma.submissionVersion.count();

    const garbage = await upload(Buffer.from('không phải bảng tính'));
    // Refusals come in the one error shape the API uses everywhere.
    expect(garbage).toEqual({
      status: 400,
      json: {
        errors: [
          {
            message: 'Tệp không phải bảng tính .xlsx hợp lệ.',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Trang 1').getCell('A1').value = 'Báo cáo tự làm';
    const foreign = await upload(Buffer.from(await plain.xlsx.writeBuffer()));
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors[0].message).toContain('không được tạo từ một biểu báo cáo');
    const huge = await upload(Buffer.alloc(11 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const noKey = await fetch(`${server.app.url}/files/requests/${requestId}/sheet.xlsx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reporter}` },
      body,
    });
    expect(noKey.status).toBe(400);
    const anonymous = await fetch(`${server.app.url}/files/requests/${requestId}/sheet.xlsx`);
    expect(anonymous.status).toBe(401);
    expect(await server.app.db.prisma.submissionVersion.count()).toBe(before);

    // Sent again from elsewhere since this file was downloaded (at version 1): it is stale.
    const resent = await server.gql<Json>(
      contractOperation('SaveReport'),
      { input: { requestId, baseVersion: 1, idempotencyKey: 'resend-1', submit: true } },
      reporter,
    );
    expect(resent.data!.saveReport.submission.version).toBe(2);
    const stale = await upload(body, '?submit=1');
    expect(stale.status).toBe(409);
    expect(stale.json.errors[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  test('a zip bomb is refused from its directory, before anything is unpacked', () => {
    // A central directory announcing a 4 GB entry.
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(0xffffffff, 24);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(0, 16);
    expect(zipUncompressedSize(Buffer.concat([entry, end]))).toBe(0xffffffff);
    expect(zipUncompressedSize(Buffer.from('PK nothing'))).toBeNull();
  });

  test('a zip bomb whose directory lies about its size is refused as one, not unpacked whole', async () => {
    // 100 MB of zeros announced as 100 bytes: JSZip alone would inflate all of it before noticing.
    await expect(readUpload(zipBomb(100, 'lying'))).rejects.toThrow(
      'Tệp giải nén ra quá lớn; không mở (có thể là tệp độc hại).',
    );
    await expect(readUpload(zipBomb(100, 'honest'))).rejects.toThrow('Tệp giải nén ra quá lớn');
  });

  test('the consolidated report: completeness, each table with text per agency, the answers', async () => {
    const { res, body } = await download(
      `/files/requests/${requestId}/consolidated.xlsx`,
      consolidator,
    );
    expect(res.status).toBe(200);
    const wb = await workbook(body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tình hình nộp',
      'Phụ lục 02',
      'Phụ lục 03',
      'Đề cương',
    ]);
    const status = wb.getWorksheet('Tình hình nộp')!;
    const lines: string[] = [];
    status.eachRow((row) => lines.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(lines).toContain(' | Số đơn vị phải báo cáo | 42');
    expect(lines.some((l) => l.includes('Sở Y tế tỉnh Nghệ An | Cấp tỉnh | Đã gửi'))).toBe(true);
    expect(lines.some((l) => l.includes('Chưa làm – quá hạn'))).toBe(true);

    const pl03 = wb.getWorksheet('Phụ lục 03')!;
    const texts: string[] = [];
    pl03.eachRow((row) => texts.push((row.values as unknown[]).slice(1).map(String).join(' | ')));
    const iv2 = texts.findIndex((t) => t.includes('IV.2 | Số hóa'));
    expect(texts[iv2 + 1]).toContain(
      'Sở Y tế tỉnh Nghệ An |  |  |  | Kết quả IV.2 |  |  | Đang triển khai',
    );
    const pl02 = wb.getWorksheet('Phụ lục 02')!;
    let formulaText: ExcelJS.Cell | undefined;
    pl02.eachRow((row) => row.eachCell((c) => c.value === '=1+2' && (formulaText = c)));
    expect(formulaText?.type).toBe(ExcelJS.ValueType.String);

    const reporterTry = await download(`/files/requests/${requestId}/consolidated.xlsx`, reporter);
    expect(reporterTry.res.status).toBe(403);
  });

  test('LibreOffice opens both files and reads what we wrote', async () => {
    const sheet = (await download(`/files/requests/${requestId}/sheet.xlsx`, reporter)).body;
    const csv = convertWithLibreOffice(
      sheet,
      'bao-cao.xlsx',
      'csv:Text - txt - csv (StarCalc):44,34,76',
    ).toString('utf8');
    expect(csv).toContain('Báo cáo sơ kết 01 năm triển khai Kế hoạch số 586/KH-UBND');
    expect(csv).toContain('Sở Y tế tỉnh Nghệ An');

    const consolidated = (
      await download(`/files/requests/${requestId}/consolidated.xlsx`, consolidator)
    ).body;
    const resaved = await workbook(convertWithLibreOffice(consolidated, 'tong-hop.xlsx', 'xlsx'));
    const names = resaved.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(['Tình hình nộp', 'Phụ lục 02', 'Phụ lục 03', 'Đề cương']),
    );
    let found = false;
    resaved
      .getWorksheet('Phụ lục 03')!
      .eachRow((row) =>
        row.eachCell((c) => (found ||= c.text.includes('Kho Dữ liệu ngành - Y tế'))),
      );
    expect(found).toBe(true);
    const counts: string[] = [];
    resaved
      .getWorksheet('Tình hình nộp')!
      .eachRow((row) => counts.push(row.getCell(2).text + '=' + row.getCell(3).text));
    expect(counts).toContain('Số đơn vị phải báo cáo=42');
  }, 180_000);
});

test('a column of twelve validated cells is written as one range, none overlapping', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Bảng');
  const rule = { type: 'decimal' as const, operator: 'greaterThanOrEqual' as const, formulae: [0] };
  for (let r = 4; r <= 15; r++) ws.getCell(`B${r}`).dataValidation = rule;
  ws.getCell('C4').dataValidation = { type: 'list', formulae: ['"Có,Không"'] };
  compactValidations(ws);
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  const [cells] = await validatedCells(body);
  expect(cells!.sort()).toEqual(
    [...Array.from({ length: 12 }, (_, i) => `B${i + 4}`), 'C4'].sort(),
  );
});
