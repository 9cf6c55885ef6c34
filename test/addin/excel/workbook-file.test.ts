// A report workbook as a file: pulled by the add-in, filled, saved, closed and opened again (on
// another computer, another day), and the sheet the server lets agencies download opened in
// Excel with the add-in. The strict double saves to and opens real .xlsx files
// (test/support/excel-double/file.ts), with what Excel keeps and what it gives anew.
import ExcelJS from 'exceljs';
import {
  hasUnsentEdits,
  markProblems,
  pullReport,
  readReport,
  type ReportIdentity,
} from '../../../addin/src/excel/report-workbook.ts';
import { loadStored } from '../../../addin/src/excel/report-store.ts';
import { enqueueSave, workingCopy } from '../../../addin/src/excel/report-queue.ts';
import { checkSave } from '../../../shared/reporting/check-save.ts';
import type { Sheet } from '../../../shared/reporting/sheet.ts';
import {
  REPORT_SETTING_KEY,
  type SheetSnapshot,
} from '../../../shared/reporting/workbook-record.ts';
import { ADDIN_ID } from '../../../server/addin/manifest.ts';
import { addPackageParts, readPackageParts } from '../../../server/files/addin-parts.ts';
import { sheetToXlsx } from '../../../server/files/sheet-xlsx.ts';
import { excelHost } from '../../../addin/src/excel/host.ts';
import { ExcelDouble, type ExcelDoubleOptions } from '../../support/excel-double/index.ts';
import {
  openWorkbookFile,
  positionalSheetId,
  saveWorkbookFile,
} from '../../support/excel-double/file.ts';
import { column, openTasksTable, outline } from '../../support/sheets.ts';

const OTHER_ADDIN = 'aaaaaaaa-1111-4222-8333-444444444444';
const HOST: ExcelDoubleOptions = { api: '1.18', locale: 'vi-VN' };

const sheet: Sheet = {
  outline: outline('+ Đã làm xong phần việc chính', 'Đánh giá chung.'),
  tables: [
    {
      key: 'pl03',
      title: 'Phụ lục 03: BÁO CÁO NHIỆM VỤ',
      description: 'Các nhiệm vụ được giao',
      allowOpenRows: false,
      columns: [
        column('tt', 'TT', 'TEXT', { readOnly: true }),
        column('ket_qua', 'Kết quả', 'LONG_TEXT', { required: true }),
        column('so_luong', 'Số lượng', 'INTEGER'),
        column('ty_le', 'Tỷ lệ (%)', 'PERCENT'),
        column('ngay', 'Ngày hoàn thành', 'DATE'),
        column('dat', 'Đạt', 'BOOLEAN'),
        // A label with a comma: the list lives on the hidden "_lists" sheet.
        column('tien_do', 'Tiến độ', 'CHOICE', {
          options: [
            { key: 'XONG', label: 'Hoàn thành, đúng hạn' },
            { key: 'DANG', label: 'Đang triển khai' },
          ],
        }),
      ],
      rows: [
        {
          key: 'group:I',
          group: null,
          label: 'I. Chính quyền số',
          isGroup: true,
          readOnly: true,
          open: false,
          cells: [],
        },
        ...['01', '1.10', 'I.3'].map((key, i) => ({
          key,
          group: 'group:I',
          label: `Nhiệm vụ ${key}`,
          isGroup: false,
          readOnly: false,
          open: false,
          cells: [
            { columnKey: 'tt', value: key },
            { columnKey: 'ket_qua', value: i === 0 ? '- Thiếu số liệu' : null },
            { columnKey: 'so_luong', value: i === 1 ? '1500' : null },
            { columnKey: 'ty_le', value: i === 1 ? '80' : null },
            { columnKey: 'ngay', value: i === 1 ? '2023-08-20' : null },
            { columnKey: 'dat', value: i === 1 ? 'true' : null },
            { columnKey: 'tien_do', value: i === 1 ? 'DANG' : null },
          ],
        })),
      ],
    },
    openTasksTable(),
  ],
};

const snapshot: SheetSnapshot = {
  request: { id: 'req-1', title: 'Báo cáo sơ kết', deadline: '2024-03-14T10:00:00.000Z' },
  org: { id: 'org-syt', name: 'Sở Y tế tỉnh Nghệ An' },
  template: { id: 'tpl-1', code: 'NA-403-PL01-03', name: 'Phụ lục 01–03', version: 1 },
  submission: { id: 'sub-1', status: 'DRAFT', version: 2, returnReason: null },
  ...sheet,
};

const identity: ReportIdentity = {
  requestId: 'req-1',
  requestTitle: 'Báo cáo sơ kết',
  orgId: 'org-syt',
  orgName: 'Sở Y tế tỉnh Nghệ An',
  templateCode: 'NA-403-PL01-03',
  templateVersion: 1,
  baseVersion: 2,
};

const hostOf = (book: ExcelDouble) => excelHost({ run: book.run, requirements: book.requirements });

/** The changes a reading makes to `sheet`, as "row/column" → canonical value. */
const changes = (input: Parameters<typeof checkSave>[1]) => {
  const checked = checkSave(sheet, input, { submit: false, newRowKey: (_t, n) => `new-${n}` });
  return {
    problems: checked.problems,
    cells: Object.fromEntries(checked.cells.map((c) => [`${c.rowKey}/${c.columnKey}`, c.value])),
    answers: checked.answers.filter(
      (a) => a.text !== (sheet.outline.find((s) => s.key === a.key)?.answer ?? null),
    ),
  };
};

/** An empty workbook file with these web extensions, as another tool might write it. */
async function fileWithAddins(addins: { id: string; settings: [string, string][] }[]) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Trang 1').getCell('A1').value = 'Báo cáo tự làm';
  return addPackageParts(Buffer.from(await wb.xlsx.writeBuffer()), {
    webExtensions: addins.map((a) => ({
      reference: { id: a.id, version: '1.0.0.0', store: 'developer', storeType: 'Registry' },
      properties: a.settings,
      taskpane: { visible: true, dockstate: 'right', width: 350, row: 4 },
    })),
    customXmlParts: [],
  });
}

describe('a pulled report saved to a file and opened again', () => {
  const book = new ExcelDouble(HOST);
  const host = hostOf(book);
  let file: Buffer;
  let reopened: ExcelDouble;

  beforeAll(async () => {
    const stored = await pullReport(host, identity, sheet, snapshot);
    book.userTypes('Phụ lục 03', 'C5', 'Đã triển khai xong');
    book.userTypes('Phụ lục 03', 'C6', '- Chưa có số liệu');
    book.userTypes('Phụ lục 03', 'D7', '2.000');
    book.userTypes('Đề cương', 'B5', 'Đã ban hành kế hoạch');
    // A save made offline waits in the workbook: a second custom XML part.
    await host.run((context) =>
      enqueueSave(context, stored, {
        key: 'save-1',
        baseVersion: 2,
        submit: false,
        queuedAt: '2024-03-01T08:00:00.000Z',
        input: { tables: [], answers: [{ key: 'A.I', text: 'Đã ban hành kế hoạch' }] },
      }),
    );
    file = await saveWorkbookFile(book.state(), ADDIN_ID);
    reopened = ExcelDouble.fromState(await openWorkbookFile(file, ADDIN_ID), HOST);
  });

  test('the file holds the setting and both custom XML parts, for this add-in', async () => {
    expect(book.xmlParts.size).toBe(2);
    const parts = await readPackageParts(file);
    expect(parts.customXmlParts).toEqual([...book.xmlParts].map(([id, xml]) => ({ id, xml })));
    expect(parts.webExtensions).toHaveLength(1);
    expect(parts.webExtensions[0]!.reference.id).toBe(ADDIN_ID);
    expect(new Map(parts.webExtensions[0]!.properties).get(REPORT_SETTING_KEY)).toBe(
      book.settings.get(REPORT_SETTING_KEY),
    );
  });

  test('reopened: the record, the waiting save and the kept sheet come back as they were', async () => {
    const host2 = hostOf(reopened);
    const before = await host.run(loadStored);
    expect(await host2.run(loadStored)).toEqual(before);
    expect(reopened.settings.get(REPORT_SETTING_KEY)).toBe(book.settings.get(REPORT_SETTING_KEY));
    expect([...reopened.xmlParts]).toEqual([...book.xmlParts]);
    const copy = await workingCopy(host2);
    expect(copy?.snapshot).toEqual(snapshot);
    expect(copy?.queue.map((q) => [q.key, q.input])).toEqual([
      ['save-1', { tables: [], answers: [{ key: 'A.I', text: 'Đã ban hành kế hoạch' }] }],
    ]);
  });

  test('reopened: readReport reads the same values; text stays text; the sheets stay protected', async () => {
    const host2 = hostOf(reopened);
    const first = await readReport(host, sheet);
    const again = await readReport(hostOf(reopened), sheet);
    expect(again?.input).toEqual(first?.input);
    expect(changes(again!.input)).toEqual({
      problems: [],
      cells: {
        '01/ket_qua': 'Đã triển khai xong',
        '1.10/ket_qua': '- Chưa có số liệu',
        'I.3/so_luong': '2000',
      },
      answers: [{ key: 'A.I', text: 'Đã ban hành kế hoạch' }],
    });
    expect(reopened.cell('Phụ lục 03', 'A5')).toMatchObject({ value: '01', formula: null });
    expect(reopened.cell('Phụ lục 03', 'A6')).toMatchObject({ value: '1.10', numberFormat: '@' });
    expect(reopened.cell('Phụ lục 03', 'C6')).toMatchObject({
      value: '- Chưa có số liệu',
      formula: null,
      numberFormat: '@',
      locked: false,
    });
    expect(reopened.cell('Phụ lục 03', 'D7')).toMatchObject({ value: '2.000', formula: null });
    expect(reopened.sheet('Phụ lục 03').hiddenColumns.has(0)).toBe(true);
    expect(reopened.sheet('Phụ lục 03').protection.protected).toBe(true);
    expect(reopened.sheet('_lists').visibility).toBe(book.sheet('_lists').visibility);
    // Open cells take typing as text, the plan's cells refuse it.
    reopened.userTypes('Phụ lục 03', 'D5', '1.234');
    expect(reopened.cell('Phụ lục 03', 'D5').value).toBe('1.234');
    expect(() => reopened.userTypes('Phụ lục 03', 'B5', 'sửa')).toThrow('protected');
    expect(await hasUnsentEdits(host2, sheet)).toBe(true);
  });

  test('worksheets keep the IDs Excel gave them (xr:uid); a file without them gets new ones, never names', async () => {
    expect(reopened.sheets.map((s) => [s.name, s.id])).toEqual(
      book.sheets.map((s) => [s.name, s.id]),
    );
    // The same workbook once rewritten by a tool that drops xr:uid (ExcelJS): IDs by position.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const stripped = await openWorkbookFile(Buffer.from(await wb.xlsx.writeBuffer()), ADDIN_ID);
    expect(stripped.sheets.map((s) => s.id)).toEqual(
      book.sheets.map((_, i) => positionalSheetId(i)),
    );
    expect(stripped.sheets.map((s) => s.id)).not.toContain('Phụ lục 03');
    // ExcelJS drops the add-in's parts too: the add-in finds no report there.
    const stray = ExcelDouble.fromState(stripped, HOST);
    expect(await hostOf(stray).run(loadStored)).toBeNull();
  });

  test('the state is plain JSON: it moves from one page to another as it is', () => {
    const state = book.state();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const moved = ExcelDouble.fromState(JSON.parse(JSON.stringify(state)), HOST);
    expect(moved.state()).toEqual(state);
  });
});

describe("another add-in's settings", () => {
  const forged = JSON.stringify(JSON.stringify({ requestId: 'x', orgId: 'y', tables: [] }));

  test('are not this add-in’s: the add-in finds no report; the other add-in sees its own', async () => {
    const file = await fileWithAddins([
      { id: OTHER_ADDIN, settings: [[REPORT_SETTING_KEY, forged]] },
      { id: ADDIN_ID.toUpperCase(), settings: [['tonghop.theme', '"sáng"']] },
    ]);
    const ours = await openWorkbookFile(file, ADDIN_ID);
    expect(ours.settings).toEqual([['tonghop.theme', '"sáng"']]);
    const book = ExcelDouble.fromState(ours, HOST);
    expect(await hostOf(book).run(loadStored)).toBeNull();
    expect(await readReport(hostOf(book), sheet)).toBeNull();
    const value = await hostOf(book).run(async (context) => {
      const s = context.workbook.settings.getItemOrNullObject('tonghop.theme');
      s.load('value');
      await context.sync();
      return s.value;
    });
    expect(value).toBe('sáng');

    const theirs = await openWorkbookFile(file, OTHER_ADDIN);
    expect(theirs.settings).toEqual([[REPORT_SETTING_KEY, forged]]);

    // Saved again by this add-in's Excel: the other add-in's part stays, untouched.
    const resaved = await readPackageParts(await saveWorkbookFile(book.state(), ADDIN_ID));
    expect(resaved.webExtensions.map((e) => [e.reference.id, e.properties])).toEqual(
      expect.arrayContaining([
        [ADDIN_ID.toUpperCase(), [['tonghop.theme', '"sáng"']]],
        [OTHER_ADDIN, [[REPORT_SETTING_KEY, forged]]],
      ]),
    );
  });
});

describe("the server's report sheet opened in Excel with the add-in", () => {
  let book: ExcelDouble;

  beforeAll(async () => {
    const xlsx = await sheetToXlsx(
      {
        requestId: 'req-1',
        requestTitle: 'Báo cáo sơ kết',
        periodLabel: 'Quý I/2024',
        deadline: new Date(snapshot.request.deadline),
        orgId: 'org-syt',
        orgName: 'Sở Y tế tỉnh Nghệ An',
        templateCode: 'NA-403-PL01-03',
        templateName: 'Phụ lục 01–03',
        templateVersion: 1,
        submissionVersion: 2,
        status: 'DRAFT',
      },
      sheet,
      { addinId: ADDIN_ID, snapshot },
    );
    book = ExcelDouble.fromState(await openWorkbookFile(xlsx, ADDIN_ID), HOST);
  });

  test('worksheets have the IDs Excel gives a file without them; the record names them', async () => {
    expect(book.sheets.map((s) => [s.name, s.id, s.visibility])).toEqual([
      ['Thông tin', positionalSheetId(0), 'Visible'],
      ['Đề cương', positionalSheetId(1), 'Visible'],
      ['_lists', positionalSheetId(2), 'VeryHidden'],
      ['Phụ lục 03', positionalSheetId(3), 'Visible'],
      ['Phụ lục 02', positionalSheetId(4), 'Visible'],
      ['_meta', positionalSheetId(5), 'VeryHidden'],
    ]);
    const stored = await hostOf(book).run(loadStored);
    expect(stored).toMatchObject({
      ...identity,
      outlineSheetId: 'Đề cương',
      tables: [
        {
          key: 'pl03',
          sheetId: 'Phụ lục 03',
          columns: ['tt', 'ket_qua', 'so_luong', 'ty_le', 'ngay', 'dat', 'tien_do'],
          rows: 4,
        },
        { key: 'pl02', sheetId: 'Phụ lục 02', columns: ['noi_dung', 'ghi_chu'], rows: 20 },
      ],
      marked: [],
      status: 'DRAFT',
      queue: [],
    });
    expect((await workingCopy(hostOf(book)))?.snapshot).toEqual(snapshot);
  });

  test('readReport reads what the server wrote, then what a person types', async () => {
    const host = hostOf(book);
    expect(await hasUnsentEdits(host, sheet)).toBe(false);
    const first = await readReport(host, sheet);
    expect(changes(first!.input)).toEqual({ problems: [], cells: {}, answers: [] });
    // The server's cells are typed (numbers, dates), read the Vietnamese way here.
    book.userTypes('Phụ lục 03', 'D7', '2.500');
    book.userTypes('Phụ lục 03', 'C7', 'Đã xong');
    book.userTypes('Phụ lục 02', 'B4', 'Tuyên truyền');
    book.userTypes('Đề cương', 'B5', 'Đã ban hành kế hoạch');
    const read = await readReport(host, sheet);
    expect(changes(read!.input)).toEqual({
      problems: [],
      cells: {
        'I.3/so_luong': '2500',
        'I.3/ket_qua': 'Đã xong',
        'new-0/noi_dung': 'Tuyên truyền',
      },
      answers: [{ key: 'A.I', text: 'Đã ban hành kế hoạch' }],
    });
    expect(read!.input.tables?.find((t) => t.key === 'pl02')?.rows).toEqual([
      {
        cells: [
          { columnKey: 'noi_dung', value: 'Tuyên truyền' },
          { columnKey: 'ghi_chu', value: null },
        ],
      },
    ]);
  });

  test('problems are marked on the protected sheets the server wrote (no password to give)', async () => {
    const host = hostOf(book);
    const marked = await markProblems(host, sheet, [
      { tableKey: 'pl03', rowKey: '01', columnKey: 'ket_qua', message: 'Cần ghi kết quả.' },
    ]);
    expect(marked).toBe(1);
    expect(book.cell('Phụ lục 03', 'C5').fill).toBe('#FFC7CE');
    expect(book.sheet('Phụ lục 03').protection.protected).toBe(true);
  });
});
