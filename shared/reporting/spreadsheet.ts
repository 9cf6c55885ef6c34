// Spreadsheet conventions both the server's .xlsx files and the Excel add-in follow: the layout
// of a table's and of the outline's worksheet, the number format of each column type, and the
// rules of a worksheet's name.
import { outlineHeading, type ColumnType, type SheetSection } from './sheet.ts';
import { VIETNAM_DAY_FORMAT } from '../time/vietnam.ts';

/** The layout of a table's worksheet: title and description above, the header on this row. */
export const TABLE_HEADER_ROW = 3;
/** Empty rows offered under a table where the agency may add rows of its own. */
export const SPARE_OPEN_ROWS = 20;
/** The hidden worksheet holding choice lists too long or too comma-laden to write inline. */
export const LISTS_SHEET = '_lists';

export interface OutlineLine {
  kind: 'title' | 'heading' | 'guidance' | 'answer';
  /** Column A (hidden): the section's key on its answer line, where the answer is read back. */
  key: string;
  /** Column B. */
  text: string;
  /** The section the line belongs to; null for the title. */
  section: string | null;
}

/**
 * The outline's worksheet line by line: the title, then for each section its heading (indented
 * by depth), its guidance and, where it takes one, its answer.
 */
export function outlineLines(outline: SheetSection[]): OutlineLine[] {
  const lines: OutlineLine[] = [
    { kind: 'title', key: '', text: 'ĐỀ CƯƠNG BÁO CÁO', section: null },
  ];
  for (const s of outline) {
    lines.push({ kind: 'heading', key: '', text: outlineHeading(s), section: s.key });
    if (s.guidance) lines.push({ kind: 'guidance', key: '', text: s.guidance, section: s.key });
    if (s.answerable) {
      lines.push({ kind: 'answer', key: s.key, text: s.answer ?? '', section: s.key });
    }
  }
  return lines;
}

/** Excel's number formats for each column type (percent in percent points: 80 shows "80%"). */
/**
 * Excel's text format. A cell a person fills with words is formatted as text, so what is typed
 * stays as typed: "- Thiếu số liệu" or "=1+2" is not taken for a formula, "01" keeps its zero.
 */
export const TEXT_FORMAT = '@';

export const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  INTEGER: '#,##0',
  DECIMAL: '#,##0.##',
  PERCENT: '0.##"%"',
  MONEY: '#,##0" đ"',
  DATE: VIETNAM_DAY_FORMAT,
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
