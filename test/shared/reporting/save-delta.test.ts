// Only what changed since the base version is sent, and the server's merge of that equals the
// merge of everything the workbook holds.
import { describe, expect, test } from '@jest/globals';
import { checkSave } from '../../../shared/reporting/check-save.ts';
import { changedInput, isEmptyInput } from '../../../shared/reporting/save-delta.ts';
import type { SaveInput, Sheet } from '../../../shared/reporting/sheet.ts';
import { column } from '../../support/sheets.ts';

const base: Sheet = {
  outline: [
    {
      key: 'I',
      number: 'I',
      heading: 'Kết quả',
      guidance: null,
      depth: 0,
      answerable: true,
      required: false,
      answer: 'Đã làm',
    },
  ],
  tables: [
    {
      key: 'pl03',
      title: 'Phụ lục 03',
      description: null,
      allowOpenRows: false,
      columns: [
        column('ten', 'Nhiệm vụ', 'TEXT', { readOnly: true }),
        column('so', 'Số', 'INTEGER'),
        column('kq', 'Kết quả', 'LONG_TEXT'),
      ],
      rows: ['1', '2', '3'].map((key) => ({
        key,
        group: null,
        label: key,
        isGroup: false,
        readOnly: false,
        open: false,
        cells: [
          { columnKey: 'ten', value: `Nhiệm vụ ${key}` },
          { columnKey: 'so', value: '1500' },
          { columnKey: 'kq', value: null },
        ],
      })),
    },
    {
      key: 'pl02',
      title: 'Phụ lục 02',
      description: null,
      allowOpenRows: true,
      columns: [column('nd', 'Nội dung', 'LONG_TEXT')],
      rows: [
        {
          key: 'mo-1',
          group: null,
          label: 'Dòng thêm 1',
          isGroup: false,
          readOnly: false,
          open: true,
          cells: [{ columnKey: 'nd', value: 'Tập huấn' }],
        },
      ],
    },
  ],
};

/** Everything the workbook holds, as read back: row 2 changed, row 3 typed wrong, a row added, one cleared. */
const workbook: SaveInput = {
  tables: [
    {
      key: 'pl03',
      rows: [
        {
          key: '1',
          cells: [
            { columnKey: 'so', value: '1.500' },
            { columnKey: 'kq', value: null },
          ],
        },
        {
          key: '2',
          cells: [
            { columnKey: 'so', value: '1.600' },
            { columnKey: 'kq', value: 'Xong' },
          ],
        },
        {
          key: '3',
          cells: [
            { columnKey: 'so', value: 'nhiều' },
            { columnKey: 'kq', value: null },
          ],
        },
      ],
    },
    {
      key: 'pl02',
      rows: [
        { key: 'mo-1', cells: [{ columnKey: 'nd', value: '' }] },
        { cells: [{ columnKey: 'nd', value: 'Hội thảo' }] },
      ],
    },
  ],
  answers: [{ key: 'I', text: 'Đã làm' }],
};

describe('changedInput', () => {
  const delta = changedInput(base, workbook);

  test('carries changed cells (canonical), cells that do not read (as written), new and cleared open rows; not the rest', () => {
    expect(delta).toEqual({
      tables: [
        {
          key: 'pl03',
          rows: [
            {
              key: '2',
              cells: [
                { columnKey: 'so', value: '1600' },
                { columnKey: 'kq', value: 'Xong' },
              ],
            },
            { key: '3', cells: [{ columnKey: 'so', value: 'nhiều' }] },
          ],
        },
        {
          key: 'pl02',
          rows: [
            { key: 'mo-1', cells: [{ columnKey: 'nd', value: null }] },
            { cells: [{ columnKey: 'nd', value: 'Hội thảo' }] },
          ],
        },
      ],
      answers: [],
    });
  });

  test('the server merges the delta into the same sheet as everything, with the same problems', () => {
    const options = { submit: false, newRowKey: (t: string, n: number) => `${t}-${n}` };
    const all = checkSave(base, workbook, options);
    const some = checkSave(base, delta, options);
    expect(some.problems).toEqual(all.problems);
    const fixed = (input: SaveInput): SaveInput => ({
      ...input,
      tables: input.tables!.map((t) => ({
        ...t,
        rows: t.rows.map((r) => ({
          ...r,
          cells: r.cells.map((c) => (c.value === 'nhiều' ? { ...c, value: '7' } : c)),
        })),
      })),
    });
    expect(checkSave(base, fixed(delta), options).merged).toEqual(
      checkSave(base, fixed(workbook), options).merged,
    );
  });

  test('what travels is text: a number pasted into Excel goes as its canonical string', () => {
    const pasted = changedInput(base, {
      tables: [{ key: 'pl03', rows: [{ key: '2', cells: [{ columnKey: 'so', value: 1600.5 }] }] }],
    });
    expect(pasted.tables[0]!.rows[0]!.cells).toEqual([{ columnKey: 'so', value: '1600.5' }]);
  });

  test('nothing changed: nothing to send', () => {
    const same = changedInput(base, {
      tables: [{ key: 'pl03', rows: [{ key: '1', cells: [{ columnKey: 'so', value: '1.500' }] }] }],
      answers: [{ key: 'I', text: ' Đã làm ' }],
    });
    expect(isEmptyInput(same)).toBe(true);
  });

  test('a row added in the workbook and emptied before it was sent: nothing to send', () => {
    const emptied = changedInput(base, {
      tables: [
        {
          key: 'pl02',
          rows: [{ key: 'n-abcdefgh1234', cells: [{ columnKey: 'nd', value: '  ' }] }],
        },
      ],
    });
    expect(isEmptyInput(emptied)).toBe(true);
  });
});
