// The add-in's report worksheets against the strict Excel double, on the hosts people use
// (ExcelApi 1.10 without notes and 1.18 with them, an en-US and a vi-VN person at the keyboard):
// what staff see, what comes back when they type the Vietnamese way, problems marked on protected
// sheets, a person's own worksheets left alone, cell edit mode, and payloads under Excel on the
// web's 5 MB limit at 2,000 rows of long text.
import { jest } from '@jest/globals';
import { ExcelError } from '../../../addin/src/excel/host.ts';
import {
  hasUnsentEdits,
  markProblems,
  pullReport,
  readReport,
  tableProtection,
  type ReportIdentity,
} from '../../../addin/src/excel/report-workbook.ts';
import {
  enqueueSave,
  clearQueue,
  settleFirst,
  workingCopy,
  type WaitingSave,
} from '../../../addin/src/excel/report-queue.ts';
import type { ExcelHost } from '../../../addin/src/excel/host.ts';
import {
  adoptWorksheets,
  loadStored,
  type StoredReport,
} from '../../../addin/src/excel/report-store.ts';
import type { SheetSnapshot } from '../../../shared/reporting/workbook-record.ts';
import { checkSave } from '../../../shared/reporting/check-save.ts';
import { changedInput } from '../../../shared/reporting/save-delta.ts';
import { MAX_SIGNED_IN_REQUEST_BYTES } from '../../../shared/reporting/save-size.ts';
import type { Problem, Sheet, SheetColumn, SheetRow } from '../../../shared/reporting/sheet.ts';
import { doubleHost, HOSTS, MB, measured, recordFigures } from '../../support/excel-hosts.ts';
import { column, openTasksTable, outline } from '../../support/sheets.ts';

/** 20 agencies' names: a choice list of over 255 characters, so it lives on a hidden sheet. */
const AGENCIES = Array.from({ length: 20 }, (_, i) => ({
  key: `DV${i + 1}`,
  label: `Phòng Văn hóa và Thông tin số ${i + 1}`,
}));

const columns: SheetColumn[] = [
  column('tt', 'TT', 'TEXT', { readOnly: true }),
  column('ket_qua', 'Kết quả thực hiện nhiệm vụ trong kỳ báo cáo (mô tả)', 'LONG_TEXT', {
    required: true,
  }),
  column('so_luong', 'Số lượng', 'INTEGER'),
  column('ty_le', 'Tỷ lệ (%)', 'PERCENT'),
  column('kinh_phi', 'Kinh phí', 'MONEY'),
  column('so_thuc', 'Chỉ số', 'DECIMAL'),
  column('ngay', 'Ngày hoàn thành', 'DATE'),
  column('dat', 'Đạt', 'BOOLEAN'),
  column('tien_do', 'Tiến độ', 'CHOICE', {
    options: [
      { key: 'HOAN_THANH', label: 'Hoàn thành' },
      { key: 'DANG_TRIEN_KHAI', label: 'Đang triển khai' },
    ],
  }),
  column('phoi_hop', 'Đơn vị phối hợp thực hiện (chọn trong danh mục)', 'CHOICE', {
    options: AGENCIES,
  }),
  column('kho_khan', 'Khó khăn, vướng mắc và nguyên nhân', 'LONG_TEXT'),
  column('de_xuat', 'Đề xuất, kiến nghị', 'LONG_TEXT'),
];
const ANSWERS = new Set(['ket_qua', 'kho_khan', 'de_xuat']);

const LONG =
  'Đã triển khai đồng bộ hệ thống quản lý văn bản và điều hành, kết nối liên thông bốn cấp chính quyền, ký số trên thiết bị di động cho lãnh đạo. ';

/** A Phụ lục 03-like sheet of `n` task rows in groups of 50 (keys "01", "1.10", "T.2"…), an open table. */
function sheetOf(n: number, answer: (i: number) => string | null = () => null): Sheet {
  const rows: SheetRow[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) {
      rows.push({
        key: `group:${i / 50}`,
        group: null,
        label: `Nhóm ${i / 50}`,
        isGroup: true,
        readOnly: true,
        open: false,
        cells: [],
      });
    }
    // Keys Excel would take for numbers if they were not text: "01", "1.10".
    const key = i === 0 ? '01' : i === 1 ? '1.10' : `T.${i}`;
    rows.push({
      key,
      group: `group:${Math.floor(i / 50)}`,
      label: `${key}. Nhiệm vụ ${i}`,
      isGroup: false,
      readOnly: false,
      open: false,
      cells: columns.map((c) => ({
        columnKey: c.key,
        value:
          c.key === 'tt'
            ? key
            : c.key === 'ket_qua' && i === 1
              ? '- Thiếu số liệu'
              : c.key === 'ket_qua' && i === 2
                ? '=1+2'
                : ANSWERS.has(c.key)
                  ? answer(i)
                  : null,
      })),
    });
  }
  return {
    outline: outline('+ Đã làm xong phần việc chính', 'Đánh giá chung.'),
    tables: [
      {
        key: 'pl03',
        title: 'Phụ lục 03: BÁO CÁO NHIỆM VỤ',
        description: 'Các nhiệm vụ được giao',
        allowOpenRows: false,
        columns,
        rows,
      },
      openTasksTable(),
    ],
  };
}

const identity: ReportIdentity = {
  requestId: 'req-1',
  requestTitle: 'Báo cáo sơ kết',
  orgId: 'org-syt',
  orgName: 'Sở Y tế tỉnh Nghệ An',
  templateCode: 'NA-403-PL01-03',
  templateVersion: 1,
  baseVersion: 0,
};

const changes = (sheet: Sheet, input: Parameters<typeof checkSave>[1]) => {
  const checked = checkSave(sheet, input, { submit: false, newRowKey: (_t, n) => `new-${n}` });
  return {
    problems: checked.problems,
    cells: Object.fromEntries(checked.cells.map((c) => [`${c.rowKey}/${c.columnKey}`, c.value])),
    answers: checked.answers,
  };
};

describe.each(HOSTS)('Excel at ExcelApi $api, typed in $locale', (options) => {
  const sheet = sheetOf(120);
  const { book, host } = doubleHost(options);
  beforeAll(async () => {
    await pullReport(host, identity, sheet);
  });

  test('one worksheet per table and the outline; choice lists too long for a cell on a hidden sheet', () => {
    expect(book.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Sheet1', 'Visible'],
      ['Đề cương', 'Visible'],
      ['Phụ lục 03', 'Visible'],
      ['Phụ lục 02', 'Visible'],
      ['_lists', 'VeryHidden'],
    ]);
    expect(book.activeSheet).toBe('Đề cương');
    expect(book.cell('_lists', 'A20').value).toBe('Phòng Văn hóa và Thông tin số 20');
  });

  test('row keys and text stay as written: "01", "1.10", "- Thiếu số liệu", "=1+2"', () => {
    const pl03 = book.sheet('Phụ lục 03');
    expect(pl03.hiddenColumns.has(0)).toBe(true);
    expect(book.cell('Phụ lục 03', 'B3').value).toBe('TT');
    expect(book.cell('Phụ lục 03', 'A4').value).toBe('group:0');
    expect(book.cell('Phụ lục 03', 'A5')).toMatchObject({ value: '01', formula: null });
    expect(book.cell('Phụ lục 03', 'A6')).toMatchObject({ value: '1.10', formula: null });
    expect(book.cell('Phụ lục 03', 'B6')).toMatchObject({ value: '1.10', fill: '#EDEDED' });
    expect(book.cell('Phụ lục 03', 'C6')).toMatchObject({
      value: '- Thiếu số liệu',
      formula: null,
    });
    expect(book.cell('Phụ lục 03', 'C7')).toMatchObject({ value: '=1+2', formula: null });
    expect(book.cell('Đề cương', 'B5')).toMatchObject({
      value: '+ Đã làm xong phần việc chính',
      formula: null,
      locked: false,
    });
  });

  test('input cells are text, open, with the choice lists and a hint; the sheet protected', () => {
    const pl03 = book.sheet('Phụ lục 03');
    expect(book.cell('Phụ lục 03', 'D5')).toMatchObject({ locked: false, numberFormat: '@' });
    expect(book.cell('Phụ lục 03', 'B4')).toMatchObject({
      value: 'Nhóm 0',
      bold: true,
      locked: true,
    });
    expect(book.cell('Phụ lục 03', 'E5').validation?.prompt?.message).toContain('80%');
    expect(book.cell('Phụ lục 03', 'I5').validation?.rule).toEqual({
      list: { inCellDropDown: true, source: 'Có,Không' },
    });
    expect(book.cell('Phụ lục 03', 'J5').validation?.rule).toEqual({
      list: { inCellDropDown: true, source: 'Hoàn thành,Đang triển khai' },
    });
    expect(book.cell('Phụ lục 03', 'K5').validation?.rule).toEqual({
      list: { inCellDropDown: true, source: "='_lists'!$A$1:$A$20" },
    });
    // A title over 32 characters would fail the whole pull: it is cut.
    expect(book.cell('Phụ lục 03', 'K5').validation).toMatchObject({
      errorAlert: { style: 'Warning', title: 'Đơn vị phối hợp thực hiện (chọn…' },
      prompt: { title: 'Đơn vị phối hợp thực hiện (chọn…' },
    });
    expect(pl03.tables).toEqual([
      { address: 'A3:M126', hasHeaders: true, style: 'TableStyleLight9' },
    ]);
    expect(pl03.frozenRows).toBe(3);
    expect(pl03.protection).toEqual({
      protected: true,
      options: tableProtection(sheet.tables[0]!),
    });
    expect(() => book.userTypes('Phụ lục 03', 'B6', 'sửa')).toThrow('protected');
  });

  test('typed the Vietnamese way, stored as the person meant it', async () => {
    expect(await hasUnsentEdits(host, sheet)).toBe(false);
    book.userTypes('Phụ lục 03', 'C8', '- Chưa có số liệu quý II');
    book.userTypes('Phụ lục 03', 'D8', '1.500');
    book.userTypes('Phụ lục 03', 'E8', '80%');
    book.userTypes('Phụ lục 03', 'F8', '314.400.000 đ');
    book.userTypes('Phụ lục 03', 'G8', '1.234,5');
    book.userTypes('Phụ lục 03', 'H8', '20/8/2023');
    book.userTypes('Phụ lục 03', 'I8', 'có');
    book.userTypes('Phụ lục 03', 'J8', 'Đang triển khai');
    book.userTypes('Phụ lục 03', 'K8', 'Phòng Văn hóa và Thông tin số 17');
    book.userTypes('Phụ lục 02', 'B4', '=Tuyên truyền');
    book.userTypes('Đề cương', 'B5', 'Đã làm xong');
    expect(await hasUnsentEdits(host, sheet)).toBe(true);

    const read = await readReport(host, sheet);
    expect(read?.stored).toMatchObject({ requestId: 'req-1', orgId: 'org-syt', baseVersion: 0 });
    const row = sheet.tables[0]!.rows[4]!.key;
    expect(changes(sheet, read!.input)).toEqual({
      problems: [],
      cells: {
        [`${row}/ket_qua`]: '- Chưa có số liệu quý II',
        [`${row}/so_luong`]: '1500',
        [`${row}/ty_le`]: '80',
        [`${row}/kinh_phi`]: '314400000',
        [`${row}/so_thuc`]: '1234.5',
        [`${row}/ngay`]: '2023-08-20',
        [`${row}/dat`]: 'true',
        [`${row}/tien_do`]: 'DANG_TRIEN_KHAI',
        [`${row}/phoi_hop`]: 'DV17',
        'new-0/noi_dung': '=Tuyên truyền',
      },
      answers: [{ key: 'A.I', text: 'Đã làm xong' }],
    });
    // Only what changed goes to the server.
    const delta = changedInput(sheet, read!.input);
    expect(delta.tables?.map((t) => [t.key, t.rows.length])).toEqual([
      ['pl03', 1],
      ['pl02', 1],
    ]);
  });

  test('problems marked on the protected sheets, then cleared, the protection as it was', async () => {
    const at = (rowIndex: number) => sheet.tables[0]!.rows[rowIndex]!.key;
    const problems: Problem[] = [
      { tableKey: 'pl03', rowKey: at(4), columnKey: 'so_luong', message: 'Số lượng: quá lớn.' },
      { tableKey: 'pl03', rowKey: at(5), columnKey: 'ket_qua', message: 'bắt buộc nhập.' },
      { tableKey: 'pl03', rowKey: at(5), columnKey: 'tt', message: 'ô chỉ đọc, không sửa.' },
      { tableKey: null, rowKey: 'A.I', columnKey: null, message: 'Đề cương: bắt buộc trả lời.' },
    ];
    expect(await markProblems(host, sheet, problems)).toBe(4);
    expect(book.cell('Phụ lục 03', 'D8').fill).toBe('#FFC7CE');
    expect(book.cell('Phụ lục 03', 'B9').fill).toBe('#FFC7CE');
    if (options.api === '1.18') {
      expect(book.sheet('Phụ lục 03').notes.get('D8')).toContain('quá lớn');
      expect(book.sheet('Đề cương').notes.get('B5')).toContain('bắt buộc trả lời');
      expect(() => book.sheet('Lỗi cần sửa')).toThrow();
    } else {
      // No notes before ExcelApi 1.18: the problems listed on a sheet, each linked to its cell.
      expect(book.sheet('Phụ lục 03').notes.size).toBe(0);
      expect(book.cell('Lỗi cần sửa', 'C2').value).toBe('Số lượng: quá lớn.');
      expect(book.cell('Lỗi cần sửa', 'B2')).toMatchObject({
        value: 'Phụ lục 03!D8',
        hyperlink: { documentReference: "'Phụ lục 03'!D8" },
      });
      expect(book.cell('Lỗi cần sửa', 'B5').value).toBe('Đề cương!B5');
    }
    for (const name of ['Phụ lục 03', 'Đề cương']) {
      expect(book.sheet(name).protection.protected).toBe(true);
    }
    expect(book.sheet('Phụ lục 03').protection.options).toEqual(tableProtection(sheet.tables[0]!));

    await markProblems(host, sheet, [problems[1]!]);
    expect(book.cell('Phụ lục 03', 'D8').fill).toBeNull();
    expect(book.cell('Phụ lục 03', 'B9').fill).toBe('#EDEDED');
    expect(book.cell('Phụ lục 03', 'C9').fill).toBe('#FFC7CE');
    await markProblems(host, sheet, []);
    expect(book.cell('Phụ lục 03', 'C9').fill).toBeNull();
    expect(book.sheet('Phụ lục 03').notes.size).toBe(0);
    expect(book.sheets.some((s) => s.name === 'Lỗi cần sửa')).toBe(false);
    expect(book.sheet('Phụ lục 03').protection.protected).toBe(true);
  });

  test('pulling again replaces the report worksheets', async () => {
    await pullReport(host, { ...identity, baseVersion: 3 }, sheet);
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Sheet1',
      'Đề cương',
      'Phụ lục 03',
      'Phụ lục 02',
      '_lists',
    ]);
    expect(book.cell('Phụ lục 03', 'D8').value).toBe('');
    expect((await readReport(host, sheet))?.stored.baseVersion).toBe(3);
  });
});

test('Office.js without notes (the npm copy) in an Excel that has them: problems still shown', async () => {
  const { book, host } = doubleHost({ api: '1.18', library: 'npm' });
  const sheet = sheetOf(5);
  await pullReport(host, identity, sheet);
  const key = sheet.tables[0]!.rows[1]!.key;
  await markProblems(host, sheet, [
    { tableKey: 'pl03', rowKey: key, columnKey: 'so_luong', message: 'Số lượng: quá lớn.' },
  ]);
  expect(book.cell('Phụ lục 03', 'D5').fill).toBe('#FFC7CE');
  expect(book.cell('Lỗi cần sửa', 'C2').value).toBe('Số lượng: quá lớn.');
});

test("a person's own worksheets are never deleted; the add-in's are found by ID after a rename", async () => {
  const { book, host } = doubleHost();
  const mine = book.userAddsSheet('Phụ lục 03');
  book.userTypes('Phụ lục 03', 'A1', 'Số liệu của tôi');
  book.userAddsSheet('đề cương');
  const sheet = sheetOf(3);
  await pullReport(host, identity, sheet);
  const names = [
    'Sheet1',
    'Phụ lục 03',
    'đề cương',
    'Đề cương (2)',
    'Phụ lục 03 (2)',
    'Phụ lục 02',
    '_lists',
  ];
  expect(book.sheets.map((s) => s.name)).toEqual(names);
  expect(book.cell('Phụ lục 03', 'A1').value).toBe('Số liệu của tôi');

  book.sheet('Phụ lục 03 (2)').name = 'PL03 đã điền';
  book.userTypes('PL03 đã điền', 'D5', '7');
  const read = await readReport(host, sheet);
  expect(changes(sheet, read!.input).cells).toEqual({
    [`${sheet.tables[0]!.rows[1]!.key}/so_luong`]: '7',
  });

  await pullReport(host, identity, sheet);
  expect(book.sheets.map((s) => s.name)).toEqual(names);
  expect(book.sheets).toContain(mine);
  expect(book.cell('Phụ lục 03 (2)', 'D5').value).toBe('');
});

describe('cell edit mode', () => {
  test('an Excel that can wait runs the batch once the person presses Enter', async () => {
    const { book, host } = doubleHost({ api: '1.18' });
    const sheet = sheetOf(3);
    await pullReport(host, identity, sheet);
    book.startEditing('Phụ lục 03', 'D5');
    let done = false;
    const reading = readReport(host, sheet).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    book.finishEditing('12');
    const read = await reading;
    expect(changes(sheet, read!.input).cells).toEqual({
      [`${sheet.tables[0]!.rows[1]!.key}/so_luong`]: '12',
    });
  });

  test('an Excel that cannot: a clear message, and the same click works once the cell is left', async () => {
    const { book, host } = doubleHost({ api: '1.10' });
    const sheet = sheetOf(3);
    await pullReport(host, identity, sheet);
    book.startEditing('Phụ lục 03', 'D5');
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const failed = await readReport(host, sheet).catch((e: unknown) => e);
    // Excel's details go to the console for whoever investigates.
    expect(logged).toHaveBeenCalledWith('Excel: InvalidOperation', expect.stringContaining('sync'));
    logged.mockRestore();
    expect(failed).toBeInstanceOf(ExcelError);
    expect(failed).toMatchObject({ kind: 'cellEdit', retry: true });
    expect((failed as Error).message).toContain('Nhấn Enter hoặc Esc');
    book.finishEditing('12');
    expect((await readReport(host, sheet))?.input.tables?.length).toBe(2);
  });
});

/** Queues a save in the workbook, as the pane does after checking it. */
const enqueue = (host: ExcelHost, save: WaitingSave) =>
  host.run(async (context) => {
    await enqueueSave(context, (await loadStored(context))!, save);
  });

/** The sheet as the server gives it, with what the workbook keeps besides the tables. */
const snapshotOf = (sheet: Sheet, version: number): SheetSnapshot => ({
  ...sheet,
  request: { id: 'req-1', title: 'Báo cáo', deadline: '2026-12-31T10:00:00.000Z' },
  org: { id: 'org-1', name: 'UBND xã' },
  template: { id: 't-1', code: 'PL', name: 'Phụ lục', version: 1 },
  submission: version ? { id: 's-1', status: 'DRAFT', version, returnReason: null } : null,
});

test('saves waiting to be sent stay in the workbook, in order, content and key, until settled', async () => {
  const { book, host } = doubleHost({ api: '1.10' });
  const sheet = sheetOf(3);
  await pullReport(host, identity, sheet, snapshotOf(sheet, 0));
  const snapshotParts = book.xmlParts.size;
  expect(snapshotParts).toBeGreaterThan(0);
  const text = `${'Nội dung có "]]>" và 🙂 '.repeat(40_000)}\u0000`;
  const input = {
    tables: [{ key: 'pl02', rows: [{ cells: [{ columnKey: 'noi_dung', value: text }] }] }],
    answers: [],
  };
  const second = { tables: [], answers: [{ key: 'I', text: 'Đã xong' }] };
  await enqueue(host, { key: 'k-1', baseVersion: 0, submit: false, queuedAt: 'a', input });
  await enqueue(host, { key: 'k-2', baseVersion: 1, submit: true, queuedAt: 'b', input: second });
  expect(book.xmlParts.size).toBeGreaterThan(snapshotParts + 2);
  const copy = await workingCopy(host);
  expect(copy?.queue).toEqual([
    { key: 'k-1', baseVersion: 0, submit: false, queuedAt: 'a', input },
    { key: 'k-2', baseVersion: 1, submit: true, queuedAt: 'b', input: second },
  ]);
  expect(copy?.snapshot?.tables).toEqual(sheet.tables);
  expect(book.largestRequest).toBeLessThan(4 * MB);
  // The first answered: it leaves the queue, the base moves on; the second waits. Settling it
  // again (a second sender with the same answer) does not take the second one off.
  await settleFirst(host, 'k-1', { version: 1, status: 'DRAFT', snapshot: snapshotOf(sheet, 1) });
  await settleFirst(host, 'k-1', { version: 1, status: 'DRAFT', snapshot: snapshotOf(sheet, 1) });
  const after = await workingCopy(host);
  expect(after?.queue.map((q) => q.key)).toEqual(['k-2']);
  expect(after?.stored).toMatchObject({ baseVersion: 1, status: 'DRAFT' });
  expect(after?.snapshot?.submission?.version).toBe(1);
  // A part lost (the file edited outside Excel): no half a save is ever sent; it leaves the
  // queue, and the record says so.
  const record = JSON.parse(JSON.parse(book.settings.get('tonghop.report')!) as string) as {
    queue: { parts: string[] }[];
  };
  book.xmlParts.delete(record.queue[0]!.parts[0]!);
  expect((await workingCopy(host))?.queue).toEqual([]);
  expect(
    (JSON.parse(JSON.parse(book.settings.get('tonghop.report')!) as string) as typeof record).queue,
  ).toEqual([]);
  // Dropped on request: the queue goes, the base stays; only the base sheet's parts remain.
  await clearQueue(host);
  expect((await workingCopy(host))?.queue).toEqual([]);
  expect(book.xmlParts.size).toBe(snapshotParts);
  expect((await readReport(host, sheet))?.stored).toMatchObject({
    baseVersion: 1,
    status: 'DRAFT',
  });
});

test('2,000 rows of long Vietnamese text: no Excel request or answer over 4 MB, syncs that do not grow with rows', async () => {
  const figures: Record<string, unknown> = {};
  const measure = async (rows: number) => {
    const { book, host } = doubleHost({ api: '1.10' });
    const sheet = sheetOf(rows, (i) => `${LONG}(${i})`);
    const pull = await measured(book, () => pullReport(host, identity, sheet));
    let input: Awaited<ReturnType<typeof readReport>> = null;
    const read = await measured(book, async () => (input = await readReport(host, sheet)));
    const problems = sheet.tables[0]!.rows.filter((r) => !r.isGroup)
      .slice(0, 200)
      .map((r) => ({ tableKey: 'pl03', rowKey: r.key, columnKey: 'ket_qua', message: 'bắt buộc' }));
    const mark = await measured(book, () => markProblems(host, sheet, problems));
    // The largest first save: every long answer is new to a server that has nothing yet.
    const empty: Sheet = {
      ...sheet,
      tables: sheet.tables.map((t) => ({
        ...t,
        rows: t.rows.map((r) => ({
          ...r,
          cells: r.cells.map((c) => ({ ...c, value: c.columnKey === 'tt' ? c.value : null })),
        })),
      })),
    };
    const delta = changedInput(empty, input!.input);
    const body = JSON.stringify({ query: 'mutation SaveReport…', variables: { input: delta } });
    const keep = await measured(book, () =>
      enqueue(host, { key: 'k', baseVersion: 0, submit: false, queuedAt: '', input: delta }),
    );
    return { pull, read, mark, keep, saveBodyBytes: new TextEncoder().encode(body).length };
  };
  const small = await measure(20);
  const large = await measure(2000);
  figures.rows20 = small;
  figures.rows2000 = large;
  recordFigures('report-2000-rows', figures);
  for (const step of ['pull', 'read', 'mark', 'keep'] as const) {
    expect(large[step].largestRequest).toBeLessThanOrEqual(4 * MB);
    expect(large[step].largestResponse).toBeLessThanOrEqual(4 * MB);
    expect(large[step].syncs).toBe(small[step].syncs);
  }
  expect(large.saveBodyBytes).toBeGreaterThan(1024 * 1024);
  expect(large.saveBodyBytes).toBeLessThan(MAX_SIGNED_IN_REQUEST_BYTES);
}, 120_000);

test('answers far longer than usual: written and read back in blocks under 5 MB', async () => {
  const { book, host } = doubleHost({ api: '1.18' });
  // ~6,600 characters in each of 900 answers: about 8 MB, more than one answer of Excel's.
  const sheet = sheetOf(300, (i) => `${LONG.repeat(45)}(${i})`);
  await pullReport(host, identity, sheet);
  const read = await readReport(host, sheet);
  expect(changes(sheet, read!.input)).toMatchObject({ problems: [], cells: {} });
  const refused = book.requests.filter((r) => r.failed);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.length).toBeLessThanOrEqual(2);
  expect(refused.every((r) => r.responseBytes > 5 * MB)).toBe(true);
  expect(book.requests.filter((r) => !r.failed).every((r) => r.responseBytes <= 5 * MB)).toBe(true);
  expect(book.largestRequest).toBeLessThanOrEqual(4 * MB);
}, 120_000);

test('reopened where the worksheet IDs are new: found by name and kept; a renamed sheet by ID', async () => {
  const { book, host } = doubleHost({ api: '1.18' });
  const sheet = sheetOf(3);
  await pullReport(host, identity, sheet);
  const record = () =>
    JSON.parse(JSON.parse(book.settings.get('tonghop.report')!) as string) as StoredReport;
  const pulled = record();
  // Another session: Office.js promises no ID beyond the session it was read in.
  book.settings.set(
    'tonghop.report',
    JSON.stringify(
      JSON.stringify({
        ...pulled,
        outlineSheetId: '{GONE-0}',
        tables: pulled.tables.map((t, i) => ({ ...t, sheetId: `{GONE-${i + 1}}` })),
      }),
    ),
  );
  await expect(readReport(host, sheet)).rejects.toThrow('ItemNotFound');
  await host.run(adoptWorksheets);
  expect(record()).toEqual(pulled);
  expect((await readReport(host, sheet))?.input.tables).toHaveLength(2);
  // Renamed by a person: still found by its ID, and the new name is kept.
  book.sheet('Phụ lục 03').name = 'PL03 đã sửa';
  await host.run(adoptWorksheets);
  expect(record().tables.map((t) => t.sheetName)).toContain('PL03 đã sửa');
});
