// The rules behind the conflict view: which cells a person must look at when saves made offline
// meet a report someone else saved, and what "keep mine" sends.
import { conflictingCells, mergeSaves } from '../../../shared/reporting/save-conflict.ts';
import type { Sheet } from '../../../shared/reporting/sheet.ts';
import { column } from '../../support/sheets.ts';

const sheetWith = (values: Record<string, string | null>, answer: string | null = null): Sheet => ({
  outline: [
    {
      key: 'I',
      number: 'I',
      heading: 'Kết quả',
      guidance: null,
      depth: 0,
      answerable: true,
      required: false,
      answer,
    },
  ],
  tables: [
    {
      key: 'pl',
      title: 'Phụ lục 02. Kết quả',
      description: null,
      allowOpenRows: true,
      columns: [column('so_luong', 'Số lượng', 'INTEGER'), column('ghi_chu', 'Ghi chú', 'TEXT')],
      rows: ['r1', 'r2'].map((key, i) => ({
        key,
        group: null,
        label: `Dòng ${i + 1}`,
        isGroup: false,
        readOnly: false,
        open: false,
        cells: [
          { columnKey: 'so_luong', value: values[`${key}.so_luong`] ?? null },
          { columnKey: 'ghi_chu', value: values[`${key}.ghi_chu`] ?? null },
        ],
      })),
    },
  ],
});

test('only cells both sides changed, to different values, are conflicts; shown as in Excel', () => {
  const base = sheetWith({ 'r1.so_luong': '1000', 'r2.ghi_chu': 'cũ' });
  const ours = sheetWith({ 'r1.so_luong': '1500', 'r2.ghi_chu': 'mới' }, 'Đã xong');
  // They changed r1 too (differently), r2 to the same value as ours, and nothing else.
  const server = sheetWith({ 'r1.so_luong': '1200', 'r2.ghi_chu': 'mới' });
  expect(conflictingCells(base, ours, server)).toEqual([
    {
      place: expect.stringContaining('Dòng 1 · Số lượng'),
      base: '1.000',
      ours: '1.500',
      server: '1.200',
    },
    { place: 'I. Kết quả', base: '', ours: 'Đã xong', server: '' },
  ]);
});

test('nothing changed on the server: the cells we changed are still listed only where they differ', () => {
  const base = sheetWith({ 'r1.so_luong': '1' });
  const ours = sheetWith({ 'r1.so_luong': '2' });
  expect(conflictingCells(base, ours, ours)).toEqual([]);
  expect(conflictingCells(base, ours, base)).toHaveLength(1);
});

test('merged saves: the last value of each cell and answer, rows in first-seen order', () => {
  const merged = mergeSaves([
    {
      tables: [
        {
          key: 'pl',
          rows: [
            { key: 'r2', cells: [{ columnKey: 'ghi_chu', value: 'a' }] },
            { key: 'n-abcdefgh12', cells: [{ columnKey: 'ghi_chu', value: 'mới' }] },
          ],
        },
      ],
      answers: [{ key: 'I', text: 'nháp' }],
    },
    {
      tables: [
        {
          key: 'pl',
          rows: [
            { key: 'r1', cells: [{ columnKey: 'so_luong', value: '5' }] },
            {
              key: 'r2',
              cells: [
                { columnKey: 'ghi_chu', value: 'b' },
                { columnKey: 'so_luong', value: null },
              ],
            },
          ],
        },
      ],
      answers: [{ key: 'I', text: 'xong' }],
    },
  ]);
  expect(merged).toEqual({
    tables: [
      {
        key: 'pl',
        rows: [
          {
            key: 'r2',
            cells: [
              { columnKey: 'ghi_chu', value: 'b' },
              { columnKey: 'so_luong', value: null },
            ],
          },
          { key: 'n-abcdefgh12', cells: [{ columnKey: 'ghi_chu', value: 'mới' }] },
          { key: 'r1', cells: [{ columnKey: 'so_luong', value: '5' }] },
        ],
      },
    ],
    answers: [{ key: 'I', text: 'xong' }],
  });
});
