/// <reference types="office-js" />
// What every part of the add-in's Excel door shares: column letters, how a canonical value is
// written into a cell and read back, formats and colours, and replacing the add-in's own
// worksheets without ever touching a person's.
import { canonicalFromNumber, formatCell } from '../../../shared/cells/parse.ts';
import type { GridCell } from '../../../shared/reporting/grid.ts';
import type { SheetColumn } from '../../../shared/reporting/sheet.ts';
import { uniqueSheetName } from '../../../shared/reporting/spreadsheet.ts';
import type { BlockWriter } from './payload.ts';
import { VIETNAM_OFFSET_MS, VIETNAM_TIME_FORMAT } from '../../../shared/time/vietnam.ts';

export type { ExcelRun, ExcelHost } from './host.ts';

export const GREY = '#EDEDED';
export const GROUP_FILL = '#F2F2F2';
export const PROBLEM_FILL = '#FFC7CE';
export const WARNING_FILL = '#FFEB9C';
export const HEADER_FILL = '#DDEBF7';
export const DATE_TIME_FORMAT = VIETNAM_TIME_FORMAT;
/**
 * Excel's text format. A cell formatted as text before anything is written keeps what is written
 * and what is typed as text: "- Thiếu số liệu" is not a formula, "01" and "0912…" keep their
 * zeros, and "1.500" or "80%" reach the shared parser as the person typed them, whatever the
 * locale of their Excel.
 */
export { TEXT_FORMAT } from '../../../shared/reporting/spreadsheet.ts';
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

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

/** A canonical value in an agency's input cell: the Vietnamese text the parser reads back. */
export function inputCellText(column: SheetColumn, value: string | null): string {
  return value === null ? '' : formatCell(column, value);
}

/**
 * A canonical value in the consolidating department's read-only sheets: numbers and dates stay
 * numbers (to sum, sort and pivot), under the column's number format; the rest is text, written
 * into text-formatted cells.
 */
export function displayCellValue(column: SheetColumn, value: string | null): string | number {
  if (value === null) return '';
  switch (column.type) {
    case 'INTEGER':
    case 'DECIMAL':
    case 'PERCENT':
    case 'MONEY':
      return Number(value);
    case 'DATE':
      return (Date.parse(`${value}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000;
    default:
      return formatCell(column, value);
  }
}

/** Whether a number format shows a value ×100 with "%" (Excel's own percent, not a quoted "%"). */
export function isPercentFormat(format: string | undefined): boolean {
  return !!format && /%/.test(format.replace(/"[^"]*"|\\./g, ''));
}

/**
 * A value read from an input cell as the shared parser expects it. Input cells are text, so this
 * is mostly a string; a number arrives only where a person pasted one over the text format, and
 * is then read by the cell's format: a date serial as its date, Excel's own percent ×100.
 */
export function rawFromExcel(column: SheetColumn, value: unknown, format?: string): GridCell {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (column.type === 'DATE') {
      return new Date(EXCEL_EPOCH + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
    }
    if (column.type === 'TEXT' || column.type === 'LONG_TEXT') return canonicalFromNumber(value);
    return isPercentFormat(format) ? Number((value * 100).toPrecision(15)) : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** A namer of worksheets for one batch: Excel's rules, unique within the batch. */
export function worksheetNamer(): (wanted: string) => string {
  const taken = new Set<string>();
  return (wanted) => uniqueSheetName(wanted, taken);
}

/** Where the add-in records which worksheets are its own, by purpose, with their IDs. */
export const OWNED_SHEETS_SETTING = 'tonghop.sheets';

export interface FreshSheet {
  ws: Excel.Worksheet;
  /** The name it got: the wanted one, or "… (2)" when a person's own sheet has that name. */
  name: string;
  id: string;
}

/**
 * Fresh, empty worksheets for `purpose` (the report, the completeness sheet, one agency's review…),
 * replacing the add-in's earlier worksheets for that purpose, found by their IDs, which survive
 * renaming. A person's own worksheet is never deleted or reused: a new sheet whose name it has
 * takes another ("Phụ lục 03 (2)"); names clash in Excel whatever their case. Excel keeps one
 * visible worksheet, so the new ones are added before the old go. Two syncs: one to list the
 * worksheets and the record, one to learn the new IDs; the record is queued for the next.
 */
export async function replaceWorksheets(
  context: Excel.RequestContext,
  purpose: string,
  wanted: { name: string; hidden?: boolean }[],
  retire: string[] = [],
): Promise<FreshSheet[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/id,items/name');
  const record = ownedSheetsRecord(context);
  await context.sync();
  const owned = ownedSheets(record);
  // Sheets of this purpose are replaced; those of the retired purposes go with them.
  const ours = new Set([purpose, ...retire].flatMap((p) => owned[p] ?? []));
  for (const p of retire) delete owned[p];
  const existing = worksheets.items.map((w) => ({ id: w.id, name: w.name }));
  const kept = new Set(existing.filter((w) => !ours.has(w.id)).map((w) => w.name.toLowerCase()));
  const finalNames = wanted.map((w) => uniqueSheetName(w.name, kept));
  // Temporary names while the old sheets of ours still hold theirs.
  const everyName = new Set([...existing.map((w) => w.name.toLowerCase()), ...kept]);
  const fresh = finalNames.map((name, i) => {
    const clash = existing.some(
      (w) => ours.has(w.id) && w.name.toLowerCase() === name.toLowerCase(),
    );
    const ws = worksheets.add(clash ? uniqueSheetName(`~${name}`, everyName) : name);
    if (wanted[i]!.hidden) ws.visibility = 'VeryHidden' as Excel.SheetVisibility;
    ws.load('id');
    return { ws, name, clash };
  });
  for (const w of existing) if (ours.has(w.id)) worksheets.getItem(w.id).delete();
  for (const f of fresh) if (f.clash) f.ws.name = f.name;
  await context.sync();
  const made = fresh.map((f) => ({ ws: f.ws, name: f.name, id: f.ws.id }));
  owned[purpose] = made.map((m) => m.id);
  context.workbook.settings.add(OWNED_SHEETS_SETTING, JSON.stringify(owned));
  return made;
}

/** The record of the add-in's own worksheets, queued to load with the next sync. */
export function ownedSheetsRecord(context: Excel.RequestContext): Excel.Setting {
  const record = context.workbook.settings.getItemOrNullObject(OWNED_SHEETS_SETTING);
  record.load('value');
  return record;
}

/**
 * Queues the removal of the add-in's worksheets for `purpose` (the problems list once nothing is
 * wrong): their proxies are loaded with the caller's next sync, `commit` deletes those present.
 */
export function retireWorksheets(
  context: Excel.RequestContext,
  record: Excel.Setting,
  purpose: string,
): { commit(): void } {
  const owned = ownedSheets(record);
  const sheets = (owned[purpose] ?? []).map((id) =>
    context.workbook.worksheets.getItemOrNullObject(id),
  );
  for (const s of sheets) s.load('id');
  return {
    commit() {
      if (!sheets.length) return;
      for (const s of sheets) if (!s.isNullObject) s.delete();
      delete owned[purpose];
      context.workbook.settings.add(OWNED_SHEETS_SETTING, JSON.stringify(owned));
    },
  };
}

function ownedSheets(record: Excel.Setting): Record<string, string[]> {
  if (record.isNullObject) return {};
  try {
    const parsed = JSON.parse(String(record.value)) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string[]>) : {};
  } catch {
    return {};
  }
}

/** Same-kind neighbours as ranges of row numbers: [first, last] pairs. */
export function runsOf(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

/** Column widths, hidden key column and frozen header: small calls, counted by the writer. */
export async function columnWidths(
  w: BlockWriter,
  ws: Excel.Worksheet,
  widths: [string, number][],
): Promise<void> {
  await w.small(widths.length);
  for (const [columns, width] of widths) ws.getRange(columns).format.columnWidth = width;
}
