import { describe, expect, test } from '@jest/globals';
import { cellNumber, formatCell, parseCell, type CellColumn } from '../../../shared/cells/parse.ts';

const col = (type: CellColumn['type'], options?: CellColumn['options']): CellColumn => ({
  type,
  options,
});
const value = (c: CellColumn, raw: string | number | boolean | null) => {
  const r = parseCell(c, raw);
  if (!r.ok) throw new Error(`expected ${String(raw)} to parse: ${r.message}`);
  return r.value;
};
const problem = (c: CellColumn, raw: string) => {
  const r = parseCell(c, raw);
  if (r.ok) throw new Error(`expected ${raw} to be refused, got ${String(r.value)}`);
  return r.message;
};

describe('numbers typed the Vietnamese way', () => {
  test.each([
    ['1.234,5', '1234.5'],
    ['1.234.567', '1234567'],
    ['1 234,5', '1234.5'],
    ['12,75', '12.75'],
    ['-3,5', '-3.5'],
    ['(1.000,5)', '-1000.5'],
    ['1.500', '1500'], // staff mean fifteen hundred
    ['0.125', '0.125'], // thousands never start with 0
    ['0,50', '0.5'],
    ['1,234.5', '1234.5'], // typed on an English keyboard
    ['1234.5', '1234.5'], // canonical, as scripts and the add-in send it
    ['2.5', '2.5'], // a single dot before other than three digits: a decimal point
    ['1.2345', '1.2345'],
    [' 007 ', '7'],
  ])('decimal %s → %s', (raw, expected) => expect(value(col('DECIMAL'), raw)).toBe(expected));

  test.each([
    ['1.234', '1234'], // an integer has no decimals: the dot groups thousands
    ['12.000.000', '12000000'],
    ['42', '42'],
    ['1.234,0', '1234'],
  ])('integer %s → %s', (raw, expected) => expect(value(col('INTEGER'), raw)).toBe(expected));

  test('integers refuse fractions and words, naming what they got', () => {
    expect(problem(col('INTEGER'), '1,5')).toBe('"1,5" không phải là số nguyên');
    expect(problem(col('INTEGER'), 'mười')).toContain('không phải là số nguyên');
    expect(problem(col('DECIMAL'), '1.23.4')).toContain('không phải là số');
    expect(problem(col('DECIMAL'), '12abc')).toContain('không phải là số');
  });

  test('money in đồng, with or without the unit', () => {
    expect(value(col('MONEY'), '314.400.000 đ')).toBe('314400000');
    expect(value(col('MONEY'), '1.000.000đồng')).toBe('1000000');
    expect(value(col('MONEY'), '2.500 VNĐ')).toBe('2500');
    expect(problem(col('MONEY'), '1,5 đ')).toContain('số tiền');
    expect(problem(col('MONEY'), '99999999999999999999')).toContain('quá lớn');
  });

  test('percent in percent points', () => {
    expect(value(col('PERCENT'), '80%')).toBe('80');
    expect(value(col('PERCENT'), '80,5 %')).toBe('80.5');
    expect(value(col('PERCENT'), '60')).toBe('60');
    expect(value(col('PERCENT'), 92.5)).toBe('92.5');
  });

  test('numbers from Excel arrive as numbers: nothing to guess', () => {
    expect(value(col('DECIMAL'), 1.234)).toBe('1.234');
    expect(value(col('DECIMAL'), 0.000001)).toBe('0.000001');
    expect(problem(col('INTEGER'), 1.5 as unknown as string)).toBe('1,5 không phải là số nguyên');
    expect(value(col('INTEGER'), 1234)).toBe('1234');
    expect(problem(col('DECIMAL'), '1234567890123456789')).toContain('15 chữ số');
  });
});

describe('dates', () => {
  test.each([
    ['20/8/2023', '2023-08-20'],
    ['05-06-2023', '2023-06-05'],
    ['5.6.2023', '2023-06-05'],
    ['2023-08-20', '2023-08-20'],
    ['ngày 15 tháng 8 năm 2023', '2023-08-15'],
    ['29/2/2024', '2024-02-29'],
  ])('%s → %s', (raw, expected) => expect(value(col('DATE'), raw)).toBe(expected));

  test('impossible dates and two-digit years are refused', () => {
    expect(problem(col('DATE'), '31/2/2023')).toBe('"31/2/2023" không phải là ngày có thật');
    expect(problem(col('DATE'), '29/2/2023')).toContain('không phải là ngày có thật');
    expect(problem(col('DATE'), '20/8/23')).toContain('4 chữ số');
    expect(problem(col('DATE'), 'tuần sau')).toContain('ngày/tháng/năm');
  });
});

describe('yes/no and choices', () => {
  test.each(['có', 'Có', 'CÓ', 'co', 'x', 'Đúng', 'true', 'yes', '1'])('%s is yes', (raw) =>
    expect(value(col('BOOLEAN'), raw)).toBe('true'),
  );
  test.each(['không', 'Không', 'KHONG', 'chưa', 'sai', 'false', '0'])('%s is no', (raw) =>
    expect(value(col('BOOLEAN'), raw)).toBe('false'),
  );
  test('anything else asks for Có or Không', () =>
    expect(problem(col('BOOLEAN'), 'có lẽ')).toContain('"Có" hoặc "Không"'));

  const progress = col('CHOICE', [
    { key: 'HOAN_THANH', label: 'Hoàn thành' },
    { key: 'DANG_TRIEN_KHAI', label: 'Đang triển khai' },
  ]);
  test('a choice by its key or its label, in any case or Unicode form', () => {
    expect(value(progress, 'HOAN_THANH')).toBe('HOAN_THANH');
    expect(value(progress, 'hoan_thanh')).toBe('HOAN_THANH');
    expect(value(progress, 'đang triển khai')).toBe('DANG_TRIEN_KHAI');
    expect(value(progress, 'Hoàn thành'.normalize('NFD'))).toBe('HOAN_THANH');
    expect(value(progress, 'hoan thanh')).toBe('HOAN_THANH');
  });
  test('an unknown choice lists the labels', () =>
    expect(problem(progress, 'Xong')).toBe(
      '"Xong" không có trong danh sách ("Hoàn thành", "Đang triển khai")',
    ));
});

describe('text', () => {
  test('kept as typed, in NFC, trimmed, line breaks unified, control characters dropped', () => {
    expect(value(col('TEXT'), '  Sở Y tế\u0007 '.normalize('NFD'))).toBe('Sở Y tế');
    expect(value(col('LONG_TEXT'), 'dòng 1\r\ndòng 2')).toBe('dòng 1\ndòng 2');
    expect(value(col('TEXT'), '=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
  });
  test('empty is null whatever the type', () => {
    for (const t of ['TEXT', 'INTEGER', 'DATE', 'BOOLEAN', 'CHOICE'] as const) {
      expect(value(col(t), '   ')).toBeNull();
      expect(value(col(t), null)).toBeNull();
    }
  });
  test('overlong text is refused with its length', () =>
    expect(problem(col('TEXT'), 'a'.repeat(2001))).toContain('2001 ký tự'));
});

describe('formatting back for people', () => {
  test('canonical values read the Vietnamese way', () => {
    expect(formatCell(col('DECIMAL'), '1234.5')).toBe('1.234,5');
    expect(formatCell(col('PERCENT'), '80')).toBe('80%');
    expect(formatCell(col('MONEY'), '314400000')).toBe('314.400.000 đ');
    expect(formatCell(col('DATE'), '2023-08-20')).toBe('20/08/2023');
    expect(formatCell(col('BOOLEAN'), 'true')).toBe('Có');
    expect(formatCell(col('CHOICE', [{ key: 'A', label: 'Ánh' }]), 'A')).toBe('Ánh');
    expect(formatCell(col('TEXT'), null)).toBe('');
  });
  test('what is formatted parses back to the same value', () => {
    for (const [type, v] of [
      ['DECIMAL', '1234.5'],
      ['DECIMAL', '1234'],
      ['DECIMAL', '1.5'],
      ['INTEGER', '1234567'],
      ['PERCENT', '80.25'],
      ['MONEY', '314400000'],
      ['DATE', '2023-08-20'],
      ['BOOLEAN', 'false'],
    ] as const) {
      expect(value(col(type), formatCell(col(type), v))).toBe(v);
    }
  });
  test('cellNumber reads canonical numbers', () => {
    expect(cellNumber('1234.5')).toBe(1234.5);
    expect(cellNumber(null)).toBeNull();
  });
});
