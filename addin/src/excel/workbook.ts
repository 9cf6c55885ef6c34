/// <reference types="office-js" />
// What every part of the add-in's Excel door shares: Excel.run's shape, column letters, how a
// canonical value is written into a cell and read back, formats and colours, and replacing a set
// of worksheets in one go.
import { canonicalFromNumber, formatCell } from '../../../shared/cells/parse.ts';
import type { GridCell } from '../../../shared/reporting/grid.ts';
import type { SheetColumn } from '../../../shared/reporting/sheet.ts';
import { uniqueSheetName } from '../../../shared/reporting/spreadsheet.ts';

/** Excel.run, or a fake of it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const GREY = '#EDEDED';
export const GROUP_FILL = '#F2F2F2';
export const PROBLEM_FILL = '#FFC7CE';
export const WARNING_FILL = '#FFEB9C';
export const HEADER_FILL = '#DDEBF7';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** An instant as an Excel date-time serial on Vietnam's clock (UTC+7, no daylight saving). */
export function excelDateTime(iso: string | Date): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return (ms + VIETNAM_OFFSET_MS - EXCEL_EPOCH) / 86_400_000;
}

/** Column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A canonical value as Excel holds it; text that looks like a formula is kept as text. */
export function excelCellValue(column: SheetColumn, value: string | null): string | number {
  if (value === null) return '';
  switch (column.type) {
    case 'INTEGER':
    case 'DECIMAL':
    case 'PERCENT':
    case 'MONEY':
      return Number(value);
    case 'DATE':
      return (Date.parse(`${value}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000;
    case 'BOOLEAN':
    case 'CHOICE':
      return formatCell(column, value);
    default:
      // A leading apostrophe tells Excel "text": "=1+2" must never become a formula.
      return /^[=+\-@]/.test(value) ? `'${value}` : value;
  }
}

/** A value read from Excel as the shared parser expects it (dates from serial numbers). */
export function rawFromExcel(column: SheetColumn, value: unknown): GridCell {
  if (value === '' || value === null || value === undefined) return null;
  if (column.type === 'DATE' && typeof value === 'number') {
    return new Date(EXCEL_EPOCH + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof value === 'number')
    return column.type === 'TEXT' || column.type === 'LONG_TEXT'
      ? canonicalFromNumber(value)
      : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** A namer of worksheets for one batch: Excel's rules, unique within the batch. */
export function worksheetNamer(): (wanted: string) => string {
  const taken = new Set<string>();
  return (wanted) => uniqueSheetName(wanted, taken);
}

/**
 * Fresh, empty worksheets with these names, replacing any that exist (one sync to list them; the
 * rest is queued). Excel keeps at least one worksheet: the new ones are added before the old go.
 */
export async function replaceWorksheets(
  context: Excel.RequestContext,
  wanted: string[],
): Promise<Map<string, Excel.Worksheet>> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  const existing = new Set(worksheets.items.map((w) => w.name));
  const fresh = new Map(
    wanted.map((n) => [n, worksheets.add(existing.has(n) ? `${n.slice(0, 25)}~new` : n)]),
  );
  for (const n of wanted) if (existing.has(n)) worksheets.getItem(n).delete();
  for (const [n, ws] of fresh) if (existing.has(n)) ws.name = n;
  return fresh;
}
