// Spreadsheet conventions both the server's .xlsx files and the Excel add-in follow: the number
// format of each column type, and the rules of a worksheet's name.
import type { ColumnType } from './sheet.ts';

/** The layout of a table's worksheet: title and description above, the header on this row. */
export const TABLE_HEADER_ROW = 3;
/** Empty rows offered under a table where the agency may add rows of its own. */
export const SPARE_OPEN_ROWS = 20;
/** The hidden worksheet holding choice lists too long or too comma-laden to write inline. */
export const LISTS_SHEET = '_lists';

/** Excel's number formats for each column type (percent in percent points: 80 shows "80%"). */
export const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  INTEGER: '#,##0',
  DECIMAL: '#,##0.##',
  PERCENT: '0.##"%"',
  MONEY: '#,##0" đ"',
  DATE: 'dd/mm/yyyy',
};

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const clean =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Bang';
  let name = clean.slice(0, 31);
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = clean.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}
