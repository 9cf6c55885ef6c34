// The last period in a new sheet: which cells are pre-filled from what the agency last sent, and
// which numbers are flagged for moving by more than the template's factor (hand-computed cases).
import { describe, expect, test } from '@jest/globals';
import {
  carryForwardCells,
  changeFactorProblem,
  changeWarnings,
  hasCarryForward,
  sheetCells,
  type LastPeriod,
} from '../../../shared/reporting/last-period.ts';
import type { SaveInput, Sheet, SheetColumn, SheetRow } from '../../../shared/reporting/sheet.ts';

const column = (key: string, over: Partial<SheetColumn> = {}): SheetColumn => ({
  key,
  label: key,
  type: 'INTEGER',
  required: false,
  readOnly: false,
  options: [],
  aggregate: 'SUM',
  ...over,
});

const row = (key: string, label: string, over: Partial<SheetRow> = {}): SheetRow => ({
  key,
  group: null,
  label,
  isGroup: false,
  readOnly: false,
  open: false,
  cells: [],
  ...over,
});

/**
 * Staff table: "so_can_bo" (a stock) carries forward, "tuyen_moi" (hired this period) does not
 * and is checked with factor 3; a percent table checked with 1.5; a read-only code column that
 * is marked carry-forward in vain.
 */
function sheet(): Sheet {
  return {
    outline: [],
    tables: [
      {
        key: 'nhan_luc',
        title: 'Biểu 03: Nhân lực chuyển đổi số',
        description: null,
        allowOpenRows: true,
        columns: [
          column('ma', { label: 'Mã', type: 'TEXT', readOnly: true, carryForward: true }),
          column('so_can_bo', { label: 'Số cán bộ', carryForward: true, changeFactor: 3 }),
          column('tuyen_moi', { label: 'Tuyển mới trong kỳ', changeFactor: 3 }),
          column('ghi_chu', { label: 'Ghi chú', type: 'TEXT' }),
          column('muc', {
            label: 'Mức',
            type: 'CHOICE',
            carryForward: true,
            options: [{ key: 'A', label: 'Đạt' }],
          }),
        ],
        rows: [
          row('group:I', 'I. Cấp tỉnh', { isGroup: true, readOnly: true }),
          row('so_tu_phap', 'Sở Tư pháp'),
          row('so_y_te', 'Sở Y tế'),
          row('khoa', 'Dòng khóa', { readOnly: true }),
          row('n-abcdefgh12', 'Dòng thêm 1', { open: true }),
        ],
      },
      {
        key: 'ty_le',
        title: 'Biểu 02: Tỷ lệ',
        description: null,
        allowOpenRows: false,
        columns: [column('gia_tri', { label: 'Tỷ lệ (%)', type: 'PERCENT', changeFactor: 1.5 })],
        rows: [
          row('truc_tuyen', 'Tỷ lệ hồ sơ trực tuyến'),
          row('wifi', 'Điểm Wi-Fi', { carryForward: true }),
        ],
      },
    ],
  };
}

const previous: LastPeriod = {
  periodLabel: 'Quý I/2026',
  tables: [
    {
      key: 'nhan_luc',
      rows: [
        {
          key: 'so_tu_phap',
          cells: [
            { columnKey: 'ma', value: 'STP' },
            { columnKey: 'so_can_bo', value: '120' },
            { columnKey: 'tuyen_moi', value: '4' },
            { columnKey: 'ghi_chu', value: 'Đủ biên chế' },
            { columnKey: 'muc', value: 'B' },
          ],
        },
        {
          key: 'so_y_te',
          cells: [
            { columnKey: 'so_can_bo', value: '35' },
            { columnKey: 'muc', value: 'A' },
          ],
        },
        { key: 'khoa', cells: [{ columnKey: 'so_can_bo', value: '9' }] },
        { key: 'n-abcdefgh12', cells: [{ columnKey: 'so_can_bo', value: '7' }] },
      ],
    },
    {
      key: 'ty_le',
      rows: [
        { key: 'truc_tuyen', cells: [{ columnKey: 'gia_tri', value: '80' }] },
        { key: 'wifi', cells: [{ columnKey: 'gia_tri', value: '12' }] },
      ],
    },
  ],
};

/** The workbook as read back: every keyed row, with what a person typed. */
const current = (
  typed: Record<string, Record<string, string | number | null>> = {},
): SaveInput => ({
  tables: [
    {
      key: 'nhan_luc',
      rows: ['so_tu_phap', 'so_y_te', 'n-abcdefgh12'].map((key) => ({
        key,
        cells: ['so_can_bo', 'tuyen_moi', 'ghi_chu', 'muc'].map((columnKey) => ({
          columnKey,
          value: typed[key]?.[columnKey] ?? null,
        })),
      })),
    },
    {
      key: 'ty_le',
      rows: ['truc_tuyen', 'wifi'].map((key) => ({
        key,
        cells: [{ columnKey: 'gia_tri', value: typed[key]?.gia_tri ?? null }],
      })),
    },
  ],
});

describe('carryForwardCells', () => {
  test('fills only empty carry-forward cells, from the last period', () => {
    expect(carryForwardCells(sheet(), previous, current())).toEqual([
      { tableKey: 'nhan_luc', rowKey: 'so_tu_phap', columnKey: 'so_can_bo', value: '120' },
      { tableKey: 'nhan_luc', rowKey: 'so_y_te', columnKey: 'so_can_bo', value: '35' },
      { tableKey: 'nhan_luc', rowKey: 'so_y_te', columnKey: 'muc', value: 'A' },
      // A row marked carry-forward carries each of its cells.
      { tableKey: 'ty_le', rowKey: 'wifi', columnKey: 'gia_tri', value: '12' },
    ]);
  });

  test('what a person typed stays, even a zero; blank text counts as empty', () => {
    const cells = carryForwardCells(
      sheet(),
      previous,
      current({
        so_tu_phap: { so_can_bo: 0 },
        so_y_te: { so_can_bo: '  ' },
        wifi: { gia_tri: '15' },
      }),
    );
    expect(cells.map((c) => `${c.rowKey}.${c.columnKey}=${c.value}`)).toEqual([
      'so_y_te.so_can_bo=35',
      'so_y_te.muc=A',
    ]);
  });

  test('never read-only columns or rows, group or open rows, flows, or a choice no longer offered', () => {
    const keys = carryForwardCells(sheet(), previous, current()).map(
      (c) => `${c.rowKey}.${c.columnKey}`,
    );
    expect(keys).not.toContain('so_tu_phap.ma');
    expect(keys).not.toContain('khoa.so_can_bo');
    expect(keys).not.toContain('n-abcdefgh12.so_can_bo');
    expect(keys).not.toContain('so_tu_phap.tuyen_moi');
    expect(keys).not.toContain('so_tu_phap.ghi_chu');
    // "B" was a choice last period; this version offers only "A".
    expect(keys).not.toContain('so_tu_phap.muc');
  });

  test('nothing to fill without a last period value or without the row in the workbook', () => {
    expect(
      carryForwardCells(sheet(), { periodLabel: 'Quý I/2026', tables: [] }, current()),
    ).toEqual([]);
    expect(carryForwardCells(sheet(), previous, { tables: [] })).toEqual([]);
  });

  test('hasCarryForward: only when some fillable cell carries', () => {
    expect(hasCarryForward(sheet())).toBe(true);
    const none = sheet();
    none.tables = none.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => ({ ...c, carryForward: c.readOnly })),
      rows: t.rows.map((r) => ({ ...r, carryForward: false })),
    }));
    expect(hasCarryForward(none)).toBe(false);
  });
});

/** What is sent: one cell per (row, column, value). */
const sending = (...cells: [string, string, string, string | null][]) =>
  cells.map(([tableKey, rowKey, columnKey, value]) => ({ tableKey, rowKey, columnKey, value }));

describe('changeWarnings', () => {
  test('DHIS2 min-max: above f × old or below old / f, with row, column, both values and period', () => {
    const warnings = changeWarnings(
      sheet(),
      previous,
      sending(
        ['nhan_luc', 'so_tu_phap', 'so_can_bo', '480'], // 480 > 3 × 120
        ['nhan_luc', 'so_y_te', 'so_can_bo', '105'], // 105 = 3 × 35: at the threshold, not over
        ['nhan_luc', 'so_tu_phap', 'tuyen_moi', '1'], // 1 ≥ 4 / 3? no: 1 < 1,33 → falls 4 times
      ),
    );
    expect(warnings).toEqual([
      {
        tableKey: 'nhan_luc',
        rowKey: 'so_tu_phap',
        columnKey: 'so_can_bo',
        message:
          'Bảng "Biểu 03", dòng "Sở Tư pháp", cột "Số cán bộ": 480 so với 120 kỳ Quý I/2026 (gấp 4 lần, ngưỡng 3 lần)',
      },
      {
        tableKey: 'nhan_luc',
        rowKey: 'so_tu_phap',
        columnKey: 'tuyen_moi',
        message:
          'Bảng "Biểu 03", dòng "Sở Tư pháp", cột "Tuyển mới trong kỳ": 1 so với 4 kỳ Quý I/2026 (giảm 4 lần, ngưỡng 3 lần)',
      },
    ]);
  });

  test('percent columns, in Vietnamese numbers; a ratio near the threshold shows enough decimals', () => {
    expect(
      changeWarnings(sheet(), previous, sending(['ty_le', 'truc_tuyen', 'gia_tri', '120.5'])).map(
        (w) => w.message,
      ),
    ).toEqual([
      'Bảng "Biểu 02", dòng "Tỷ lệ hồ sơ trực tuyến", cột "Tỷ lệ (%)": 120,5% so với 80% kỳ Quý I/2026 (gấp 1,51 lần, ngưỡng 1,5 lần)',
    ]);
    // 80 / 1,5 = 53,33…: 53,4 is within, 53,3 below.
    expect(
      changeWarnings(sheet(), previous, sending(['ty_le', 'truc_tuyen', 'gia_tri', '53.4'])),
    ).toEqual([]);
    expect(
      changeWarnings(sheet(), previous, sending(['ty_le', 'truc_tuyen', 'gia_tri', '53.3']))[0]!
        .message,
    ).toMatch(/53,3% so với 80% kỳ Quý I\/2026 \(giảm 1,501 lần, ngưỡng 1,5 lần\)$/);
  });

  test('old 0: never flagged (no ratio); new 0 after a number: flagged as a fall to 0', () => {
    const zero: LastPeriod = {
      periodLabel: 'Quý IV/2025',
      tables: [
        {
          key: 'nhan_luc',
          rows: [
            { key: 'so_tu_phap', cells: [{ columnKey: 'so_can_bo', value: '0' }] },
            { key: 'so_y_te', cells: [{ columnKey: 'so_can_bo', value: '35' }] },
          ],
        },
      ],
    };
    const warnings = changeWarnings(
      sheet(),
      zero,
      sending(
        ['nhan_luc', 'so_tu_phap', 'so_can_bo', '500'],
        ['nhan_luc', 'so_y_te', 'so_can_bo', '0'],
      ),
    );
    expect(warnings.map((w) => w.message)).toEqual([
      'Bảng "Biểu 03", dòng "Sở Y tế", cột "Số cán bộ": 0 so với 35 kỳ Quý IV/2025 (giảm về 0, ngưỡng 3 lần)',
    ]);
  });

  test('negative numbers: magnitudes compared when both negative; a change of sign is flagged', () => {
    const sheetD = sheet();
    sheetD.tables[0]!.columns[1] = column('so_can_bo', {
      label: 'Chênh lệch',
      type: 'DECIMAL',
      changeFactor: 2,
    });
    const negative: LastPeriod = {
      periodLabel: 'Quý I/2026',
      tables: [
        {
          key: 'nhan_luc',
          rows: [
            { key: 'so_tu_phap', cells: [{ columnKey: 'so_can_bo', value: '-10' }] },
            { key: 'so_y_te', cells: [{ columnKey: 'so_can_bo', value: '-10' }] },
          ],
        },
      ],
    };
    const messages = changeWarnings(
      sheetD,
      negative,
      sending(
        ['nhan_luc', 'so_tu_phap', 'so_can_bo', '-25.5'], // |−25,5| > 2 × |−10|
        ['nhan_luc', 'so_y_te', 'so_can_bo', '3'],
      ),
    ).map((w) => w.message);
    expect(messages).toEqual([
      'Bảng "Biểu 03", dòng "Sở Tư pháp", cột "Chênh lệch": -25,5 so với -10 kỳ Quý I/2026 (gấp 2,6 lần, ngưỡng 2 lần)',
      'Bảng "Biểu 03", dòng "Sở Y tế", cột "Chênh lệch": 3 so với -10 kỳ Quý I/2026 (đổi dấu, ngưỡng 2 lần)',
    ]);
    expect(
      changeWarnings(sheetD, negative, sending(['nhan_luc', 'so_y_te', 'so_can_bo', '-19'])),
    ).toEqual([]);
  });

  test('nothing to compare: empty now or then, no factor, text columns, open rows', () => {
    expect(
      changeWarnings(
        sheet(),
        previous,
        sending(
          ['nhan_luc', 'so_tu_phap', 'so_can_bo', null],
          ['nhan_luc', 'so_y_te', 'tuyen_moi', '999'], // nothing sent there last period
          ['nhan_luc', 'so_tu_phap', 'ghi_chu', 'Thiếu'],
          ['nhan_luc', 'n-abcdefgh12', 'so_can_bo', '7000'],
        ),
      ),
    ).toEqual([]);
    const unchecked = sheet();
    unchecked.tables[0]!.columns = unchecked.tables[0]!.columns.map((c) => ({
      ...c,
      changeFactor: null,
    }));
    expect(
      changeWarnings(unchecked, previous, sending(['nhan_luc', 'so_tu_phap', 'so_can_bo', '4800'])),
    ).toEqual([]);
  });

  test('sheetCells lists every filled cell of a sheet, the input of a check before sending', () => {
    const s = sheet();
    s.tables[1]!.rows[0]!.cells = [{ columnKey: 'gia_tri', value: '95' }];
    s.tables[1]!.rows[1]!.cells = [{ columnKey: 'gia_tri', value: null }];
    expect(sheetCells(s)).toEqual(sending(['ty_le', 'truc_tuyen', 'gia_tri', '95']));
  });
});

describe('changeFactorProblem', () => {
  test('a factor must be a number above 1; absent is no check', () => {
    expect(changeFactorProblem(undefined)).toBeNull();
    expect(changeFactorProblem(null)).toBeNull();
    expect(changeFactorProblem(3)).toBeNull();
    expect(changeFactorProblem(1.5)).toBeNull();
    expect(changeFactorProblem(1)).toBe(
      'Hệ số thay đổi phải lớn hơn 1 (đang là 1): 3 nghĩa là cảnh báo khi số liệu gấp hoặc giảm hơn 3 lần so với kỳ trước.',
    );
    expect(changeFactorProblem(0.5)).toMatch(/phải lớn hơn 1 \(đang là 0,5\)/);
    expect(changeFactorProblem('3')).toMatch(/phải là một số/);
    expect(changeFactorProblem(Number.NaN)).toMatch(/phải là một số/);
  });
});
