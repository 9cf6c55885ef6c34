import { describe, expect, test } from '@jest/globals';
import { checkSave } from '../../../shared/reporting/check-save.ts';
import type { Sheet, SheetColumn } from '../../../shared/reporting/sheet.ts';
import { outline } from '../../support/sheets.ts';

const column = (key: string, over: Partial<SheetColumn> = {}): SheetColumn => ({
  key,
  label: key,
  type: 'TEXT',
  required: false,
  readOnly: false,
  options: [],
  aggregate: 'NONE',
  ...over,
});

/** A small Phụ lục 03-like sheet: a group row, two task rows, an open table. */
function sheet(): Sheet {
  return {
    outline: outline(null),
    tables: [
      {
        key: 'pl03',
        title: 'Phụ lục 03: BÁO CÁO NHIỆM VỤ',
        description: null,
        allowOpenRows: false,
        columns: [
          column('tt', { label: 'TT', readOnly: true }),
          column('ket_qua', { label: 'Kết quả', type: 'LONG_TEXT', required: true }),
          column('so_luong', { label: 'Số lượng', type: 'INTEGER' }),
        ],
        rows: [
          {
            key: 'group:IV',
            group: null,
            label: 'IV. Chuyển đổi số',
            isGroup: true,
            readOnly: true,
            open: false,
            cells: [],
          },
          {
            key: 'IV.2',
            group: 'group:IV',
            label: 'IV.2. Kho dữ liệu y tế',
            isGroup: false,
            readOnly: false,
            open: false,
            cells: [
              { columnKey: 'tt', value: 'IV.2' },
              { columnKey: 'ket_qua', value: null },
              { columnKey: 'so_luong', value: '3' },
            ],
          },
          {
            key: 'IV.9',
            group: 'group:IV',
            label: 'IV.9. CSDL bộ ngành',
            isGroup: false,
            readOnly: false,
            open: false,
            cells: [
              { columnKey: 'tt', value: 'IV.9' },
              { columnKey: 'ket_qua', value: null },
              { columnKey: 'so_luong', value: null },
            ],
          },
        ],
      },
      {
        key: 'pl02',
        title: 'Phụ lục 02',
        description: null,
        allowOpenRows: true,
        columns: [column('noi_dung', { label: 'Nội dung', required: true }), column('ghi_chu')],
        rows: [
          {
            key: 'm-1',
            group: null,
            label: 'Dòng thêm 1',
            isGroup: false,
            readOnly: false,
            open: true,
            cells: [
              { columnKey: 'noi_dung', value: 'Cũ' },
              { columnKey: 'ghi_chu', value: null },
            ],
          },
        ],
      },
    ],
  };
}

const options = (submit = false) => ({
  submit,
  newRowKey: (t: string, n: number) => `new-${t}-${n}`,
});

describe('checking a save against the sheet', () => {
  test('typed values become canonical changes; unchanged cells are not changes', () => {
    const r = checkSave(
      sheet(),
      {
        tables: [
          {
            key: 'pl03',
            rows: [
              {
                key: 'IV.2',
                cells: [
                  { columnKey: 'ket_qua', value: ' Đã xong ' },
                  { columnKey: 'so_luong', value: '3' },
                  { columnKey: 'tt', value: 'IV.2' },
                ],
              },
            ],
          },
        ],
      },
      options(),
    );
    expect(r.problems).toEqual([]);
    expect(r.cells).toEqual([
      { tableKey: 'pl03', rowKey: 'IV.2', columnKey: 'ket_qua', value: 'Đã xong' },
    ]);
  });

  test('every problem names table, row and column in Vietnamese', () => {
    const r = checkSave(
      sheet(),
      {
        tables: [
          {
            key: 'pl03',
            rows: [
              {
                key: 'IV.2',
                cells: [
                  { columnKey: 'so_luong', value: '2,5' },
                  { columnKey: 'tt', value: 'IV.7' },
                  { columnKey: 'khong_co', value: 'x' },
                ],
              },
              { key: 'IX.1', cells: [] },
              { key: 'group:IV', cells: [{ columnKey: 'ket_qua', value: 'x' }] },
            ],
          },
          { key: 'pl99', rows: [] },
        ],
      },
      options(),
    );
    expect(r.problems.map((p) => [p.tableKey, p.rowKey, p.columnKey, p.message])).toEqual([
      [
        'pl03',
        'IV.2',
        'so_luong',
        'Bảng "Phụ lục 03", dòng "IV.2. Kho dữ liệu y tế", cột "Số lượng": "2,5" không phải là số nguyên.',
      ],
      [
        'pl03',
        'IV.2',
        'tt',
        'Bảng "Phụ lục 03", dòng "IV.2. Kho dữ liệu y tế", cột "TT": ô chỉ đọc, không sửa.',
      ],
      [
        'pl03',
        'IV.2',
        'khong_co',
        'Bảng "Phụ lục 03", dòng "IV.2. Kho dữ liệu y tế": không có cột "khong_co".',
      ],
      ['pl03', 'IX.1', null, 'Bảng "Phụ lục 03": không có dòng "IX.1".'],
      [
        'pl03',
        'group:IV',
        'ket_qua',
        'Bảng "Phụ lục 03", dòng "IV. Chuyển đổi số", cột "Kết quả": dòng tiêu đề nhóm không nhập số liệu.',
      ],
      ['pl99', null, null, 'Mẫu báo cáo không có bảng "pl99".'],
    ]);
  });

  test('required cells and sections only block sending, not a draft', () => {
    const input = {
      tables: [
        { key: 'pl03', rows: [{ key: 'IV.2', cells: [{ columnKey: 'ket_qua', value: 'Xong' }] }] },
      ],
    };
    expect(checkSave(sheet(), input, options(false)).problems).toEqual([]);
    const sent = checkSave(sheet(), input, options(true)).problems;
    expect(sent.map((p) => [p.tableKey, p.rowKey, p.columnKey])).toEqual([
      ['pl03', 'IV.9', 'ket_qua'],
      [null, 'A.I', null],
    ]);
    expect(sent[1]!.message).toBe(
      'Đề cương, mục "I. Kết quả": bắt buộc trả lời trước khi gửi báo cáo.',
    );
  });

  test('open rows: added without a key, removed by clearing them, refused where not allowed', () => {
    const r = checkSave(
      sheet(),
      {
        tables: [
          {
            key: 'pl02',
            rows: [
              { cells: [{ columnKey: 'noi_dung', value: 'Mới' }] },
              { key: 'm-1', cells: [{ columnKey: 'noi_dung', value: '' }] },
              { cells: [{ columnKey: 'noi_dung', value: ' ' }] },
            ],
          },
        ],
      },
      options(),
    );
    expect(r.problems).toEqual([]);
    expect(r.addedRows).toEqual([{ tableKey: 'pl02', rowKey: 'new-pl02-0' }]);
    expect(r.removedRows).toEqual([{ tableKey: 'pl02', rowKey: 'm-1' }]);
    expect(r.merged.tables[1]!.rows.map((x) => x.key)).toEqual(['new-pl02-0']);
    const refused = checkSave(
      sheet(),
      { tables: [{ key: 'pl03', rows: [{ cells: [{ columnKey: 'ket_qua', value: 'x' }] }] }] },
      options(),
    );
    expect(refused.problems[0]!.message).toBe('Bảng "Phụ lục 03": bảng này không cho thêm dòng.');
  });

  test('answers: unknown sections and headings refused, text kept', () => {
    const r = checkSave(
      sheet(),
      {
        answers: [
          { key: 'A.I', text: 'Đã triển khai' },
          { key: 'A', text: 'x' },
          { key: 'Z', text: 'x' },
        ],
      },
      options(),
    );
    expect(r.answers).toEqual([{ key: 'A.I', text: 'Đã triển khai' }]);
    expect(r.problems.map((p) => p.message)).toEqual([
      'Đề cương, mục "A. Tình hình": mục chỉ là tiêu đề, không trả lời.',
      'Đề cương không có mục "Z".',
    ]);
  });

  test('a flood of errors is capped with a count of the rest', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ key: `X${i}`, cells: [] }));
    const r = checkSave(sheet(), { tables: [{ key: 'pl03', rows }] }, options());
    expect(r.problems).toHaveLength(201);
    expect(r.problems[200]!.message).toContain('Còn 100 lỗi khác');
  });

  test('the sheet given is never modified', () => {
    const s = sheet();
    const before = JSON.stringify(s);
    checkSave(
      s,
      { tables: [{ key: 'pl02', rows: [{ cells: [{ columnKey: 'noi_dung', value: 'Mới' }] }] }] },
      options(),
    );
    expect(JSON.stringify(s)).toBe(before);
  });
});
