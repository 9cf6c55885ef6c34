// The add-in's Excel module against a faithful fake of Excel's object model: the layout staff
// see, what comes back when they type, problems marked on cells, and round trips (syncs) that do
// not grow with the number of rows.
import {
  hasUnsentEdits,
  markProblems,
  pullReport,
  readReport,
  type ReportIdentity,
} from '../../../addin/src/excel/report-workbook.ts';
import { checkSave } from '../../../shared/reporting/check-save.ts';
import type { Sheet, SheetRow } from '../../../shared/reporting/sheet.ts';
import { FakeWorkbook } from '../../support/fake-excel.ts';
import { column } from '../../support/sheets.ts';

const columns = [
  column('tt', 'TT', 'TEXT', { readOnly: true }),
  column('ket_qua', 'Kết quả', 'LONG_TEXT', { required: true }),
  column('so_luong', 'Số lượng', 'INTEGER'),
  column('ty_le', 'Tỷ lệ (%)', 'PERCENT'),
  column('ngay', 'Ngày hoàn thành', 'DATE'),
  column('dat', 'Đạt', 'BOOLEAN'),
  column('tien_do', 'Tiến độ', 'CHOICE', {
    options: [
      { key: 'HOAN_THANH', label: 'Hoàn thành' },
      { key: 'DANG_TRIEN_KHAI', label: 'Đang triển khai' },
    ],
  }),
];

/** A Phụ lục 03-like sheet of `n` task rows in groups of 50, an open table and an outline. */
function sheetOf(n: number): Sheet {
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
    rows.push({
      key: `T.${i}`,
      group: `group:${Math.floor(i / 50)}`,
      label: `T.${i}. Nhiệm vụ ${i}`,
      isGroup: false,
      readOnly: false,
      open: false,
      cells: columns.map((c) => ({
        columnKey: c.key,
        value: c.key === 'tt' ? `T.${i}` : c.key === 'ket_qua' && i === 0 ? '=1+2' : null,
      })),
    });
  }
  return {
    outline: [
      {
        key: 'A',
        number: 'A',
        heading: 'Tình hình',
        guidance: 'Đánh giá chung.',
        depth: 0,
        answerable: false,
        required: false,
        answer: null,
      },
      {
        key: 'A.I',
        number: 'I',
        heading: 'Kết quả',
        guidance: null,
        depth: 1,
        answerable: true,
        required: true,
        answer: 'Đã làm',
      },
    ],
    tables: [
      {
        key: 'pl03',
        title: 'Phụ lục 03: BÁO CÁO NHIỆM VỤ',
        description: 'Các nhiệm vụ được giao',
        allowOpenRows: false,
        columns,
        rows,
      },
      {
        key: 'pl02',
        title: 'Phụ lục 02: NHIỆM VỤ CHUNG',
        description: null,
        allowOpenRows: true,
        columns: [
          column('noi_dung', 'Nội dung', 'LONG_TEXT', { required: true }),
          column('ghi_chu', 'Ghi chú', 'TEXT'),
        ],
        rows: [],
      },
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

describe('pulling a report into worksheets', () => {
  const sheet = sheetOf(120);
  const book = new FakeWorkbook();
  beforeAll(async () => {
    await pullReport(book.run, identity, sheet);
  });

  test('one worksheet per table and the outline, beside what the workbook already had', () => {
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Sheet1',
      'Đề cương',
      'Phụ lục 03',
      'Phụ lục 02',
    ]);
    expect(book.activeSheet).toBe('Đề cương');
  });

  test('a header, the row keys hidden in column A, group rows as headings', () => {
    expect(book.cell('Phụ lục 03', 'B3').value).toBe('TT');
    expect(book.cell('Phụ lục 03', 'C3').value).toBe('Kết quả (*)');
    expect(book.sheet('Phụ lục 03').hiddenColumns.has(0)).toBe(true);
    expect(book.cell('Phụ lục 03', 'A4').value).toBe('group:0');
    expect(book.cell('Phụ lục 03', 'B4')).toMatchObject({
      value: 'Nhóm 0',
      bold: true,
      locked: true,
    });
    expect(book.cell('Phụ lục 03', 'A5').value).toBe('T.0');
    expect(book.sheet('Phụ lục 03').tables).toEqual([
      { address: 'A3:H126', hasHeaders: true, style: 'TableStyleLight9' },
    ]);
    expect(book.sheet('Phụ lục 03').frozenRows).toBe(3);
  });

  test('plan columns greyed and locked, the rest open, typed, validated; the sheet protected', () => {
    expect(book.cell('Phụ lục 03', 'B5')).toMatchObject({
      value: 'T.0',
      locked: true,
      fill: '#EDEDED',
    });
    expect(book.cell('Phụ lục 03', 'D5')).toMatchObject({ locked: false, numberFormat: '#,##0' });
    expect(book.cell('Phụ lục 03', 'D5').validation).toMatchObject({
      wholeNumber: { operator: 'Between' },
    });
    expect(book.cell('Phụ lục 03', 'E5').numberFormat).toBe('0.##"%"');
    expect(book.cell('Phụ lục 03', 'F5').numberFormat).toBe('dd/mm/yyyy');
    expect(book.cell('Phụ lục 03', 'G5').validation).toEqual({
      list: { inCellDropDown: true, source: 'Có,Không' },
    });
    expect(book.cell('Phụ lục 03', 'H5').validation).toEqual({
      list: { inCellDropDown: true, source: 'Hoàn thành,Đang triển khai' },
    });
    expect(book.sheet('Phụ lục 03').protected).toBe(true);
  });

  test('text that looks like a formula stays text', () => {
    expect(book.cell('Phụ lục 03', 'C5')).toMatchObject({ value: '=1+2', formula: false });
  });

  test('the outline: headings, guidance, an open answer cell under each question', () => {
    expect(book.cell('Đề cương', 'B2').value).toBe('A. Tình hình');
    expect(book.cell('Đề cương', 'B3').value).toBe('Đánh giá chung.');
    expect(book.cell('Đề cương', 'B4').value).toBe('   I. Kết quả');
    expect(book.cell('Đề cương', 'B5')).toMatchObject({ value: 'Đã làm', locked: false });
  });

  test('what staff type comes back as a SaveReport input the shared checks accept', async () => {
    expect(await hasUnsentEdits(book.run, sheet)).toBe(false);
    book.userTypes('Phụ lục 03', 'C6', 'Đã triển khai');
    book.userTypes('Phụ lục 03', 'D6', '1.234');
    book.userTypes('Phụ lục 03', 'E6', 85.5);
    book.userTypes('Phụ lục 03', 'F6', 45158); // 20/08/2023 as Excel holds dates
    book.userTypes('Phụ lục 03', 'G6', 'Có');
    book.userTypes('Phụ lục 03', 'H6', 'Đang triển khai');
    book.userTypes('Phụ lục 02', 'B4', 'Tuyên truyền');
    book.userTypes('Đề cương', 'B5', 'Đã làm xong');
    expect(() => book.userTypes('Phụ lục 03', 'B6', 'sửa')).toThrow('protected');
    expect(await hasUnsentEdits(book.run, sheet)).toBe(true);

    const read = await readReport(book.run, sheet);
    expect(read?.stored).toMatchObject({ requestId: 'req-1', orgId: 'org-syt', baseVersion: 0 });
    const checked = checkSave(sheet, read!.input, {
      submit: false,
      newRowKey: (_t, n) => `new-${n}`,
    });
    expect(checked.problems).toEqual([]);
    const changed = Object.fromEntries(
      checked.cells.map((c) => [`${c.rowKey}/${c.columnKey}`, c.value]),
    );
    expect(changed).toEqual({
      'T.1/ket_qua': 'Đã triển khai',
      'T.1/so_luong': '1234',
      'T.1/ty_le': '85.5',
      'T.1/ngay': '2023-08-20',
      'T.1/dat': 'true',
      'T.1/tien_do': 'DANG_TRIEN_KHAI',
      'new-0/noi_dung': 'Tuyên truyền',
    });
    expect(checked.answers).toEqual([{ key: 'A.I', text: 'Đã làm xong' }]);
  });

  test('problems marked on their cells with a note; marks of fixed problems cleared', async () => {
    const problem = (rowKey: string, columnKey: string, message: string) => ({
      tableKey: 'pl03',
      rowKey,
      columnKey,
      message,
    });
    await markProblems(book.run, sheet, [
      problem('T.1', 'so_luong', 'Bảng "Phụ lục 03", dòng "T.1", cột "Số lượng": quá lớn.'),
      problem('T.2', 'ket_qua', 'bắt buộc nhập trước khi gửi báo cáo.'),
      { tableKey: null, rowKey: 'A.I', columnKey: null, message: 'Đề cương: bắt buộc trả lời.' },
    ]);
    expect(book.cell('Phụ lục 03', 'D6').fill).toBe('#FFC7CE');
    expect(book.sheet('Phụ lục 03').notes.get('D6')).toContain('quá lớn');
    expect(book.sheet('Phụ lục 03').notes.get('C7')).toContain('bắt buộc');
    expect(book.sheet('Đề cương').notes.get('B5')).toContain('bắt buộc trả lời');

    await markProblems(book.run, sheet, [
      problem('T.2', 'ket_qua', 'bắt buộc nhập trước khi gửi báo cáo.'),
    ]);
    expect(book.cell('Phụ lục 03', 'D6').fill).toBeNull();
    expect(book.sheet('Phụ lục 03').notes.has('D6')).toBe(false);
    expect(book.sheet('Phụ lục 03').notes.has('C7')).toBe(true);
    expect(book.sheet('Đề cương').notes.size).toBe(0);
  });

  test('pulling again replaces the report worksheets', async () => {
    await pullReport(book.run, { ...identity, baseVersion: 3 }, sheet);
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Sheet1',
      'Đề cương',
      'Phụ lục 03',
      'Phụ lục 02',
    ]);
    expect(book.cell('Phụ lục 03', 'C6').value).toBe('');
    expect((await readReport(book.run, sheet))?.stored.baseVersion).toBe(3);
  });
});

test('round trips to Excel do not grow with the number of rows (20 vs 2,000)', async () => {
  const syncs = async (rows: number) => {
    const book = new FakeWorkbook();
    const sheet = sheetOf(rows);
    const count = async (step: () => Promise<unknown>) => {
      const before = book.syncs;
      await step();
      return book.syncs - before;
    };
    return {
      pull: await count(() => pullReport(book.run, identity, sheet)),
      read: await count(() => readReport(book.run, sheet)),
      mark: await count(() =>
        markProblems(
          book.run,
          sheet,
          sheet.tables[0]!.rows.filter((r) => !r.isGroup).map((r) => ({
            tableKey: 'pl03',
            rowKey: r.key,
            columnKey: 'ket_qua',
            message: 'bắt buộc',
          })),
        ),
      ),
    };
  };
  const small = await syncs(20);
  const large = await syncs(2000);
  expect(small).toEqual({ pull: 2, read: 2, mark: 3 });
  expect(large).toEqual(small);
}, 60_000);
