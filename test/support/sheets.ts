// Building blocks for report sheets in tests.
import type { SheetColumn, SheetSection, SheetTable } from '../../shared/reporting/sheet.ts';

/** A template column: editable, optional, no aggregate unless `over` says otherwise. */
export const column = (
  key: string,
  label: string,
  type: SheetColumn['type'],
  over: Partial<SheetColumn> = {},
): SheetColumn => ({
  key,
  label,
  type,
  required: false,
  readOnly: false,
  options: [],
  aggregate: 'NONE',
  ...over,
});

/**
 * The outline of a Phụ lục-like report: a heading that takes no answer ("A. Tình hình") and a
 * required section under it ("I. Kết quả") with `answer`.
 */
export const outline = (
  answer: string | null = null,
  guidance: string | null = null,
): SheetSection[] => [
  {
    key: 'A',
    number: 'A',
    heading: 'Tình hình',
    guidance,
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
    answer,
  },
];

/** Phụ lục 02's table: open (the agency adds its own rows), none added yet. */
export const openTasksTable = (): SheetTable => ({
  key: 'pl02',
  title: 'Phụ lục 02: NHIỆM VỤ CHUNG',
  description: null,
  allowOpenRows: true,
  columns: [
    column('noi_dung', 'Nội dung', 'LONG_TEXT', { required: true }),
    column('ghi_chu', 'Ghi chú', 'TEXT'),
  ],
  rows: [],
});
