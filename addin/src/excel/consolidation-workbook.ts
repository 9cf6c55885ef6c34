/// <reference types="office-js" />
// The consolidating department's sheets: who has reported (with a chart of statuses and the
// overdue highlighted), the consolidated tables laid out like the appendix, and one agency's report
// opened read-only for review. Agencies' ids sit in the hidden column A of every line that names
// one, so "the agency on the selected row" can be opened or reviewed from any of these sheets.
// Each function syncs a fixed number of times, however many agencies and rows there are.
import {
  COMPLETENESS_HEADER,
  completenessFigures,
  completenessLine,
  consolidatedLines,
  stateCounts,
} from '../../../shared/reporting/consolidated-layout.ts';
import type {
  Completeness,
  ConsolidatedTable,
  RecipientState,
} from '../../../shared/reporting/consolidated.ts';
import { tableGrid } from '../../../shared/reporting/grid.ts';
import { shortTableName, type Sheet, type SheetColumn } from '../../../shared/reporting/sheet.ts';
import {
  DATE_TIME_FORMAT,
  GROUP_FILL,
  HEADER_FILL,
  WARNING_FILL,
  columnLetter,
  excelCellValue,
  excelDateTime,
  replaceWorksheets,
  worksheetNamer,
  type ExcelRun,
} from './workbook.ts';
import { NUMBER_FORMATS } from '../../../shared/reporting/spreadsheet.ts';

export const COMPLETENESS_SHEET = 'Tình hình nộp';
/** The recipients' header row on the completeness sheet; the summary and chart sit above it. */
export const RECIPIENTS_HEADER_ROW = 14;
const CONSOLIDATED_HEADER_ROW = 3;

export interface RecipientLine {
  org: {
    id: string;
    name: string;
    level: string | null;
    email: string | null;
    phone: string | null;
  };
  state: RecipientState;
  submittedAt: string | null;
  late: boolean;
  version: number;
  returnReason: string | null;
  overdue: boolean;
}

export interface RequestHeading {
  title: string;
  periodLabel: string;
  deadline: string;
  /** When the figures were read from the server. */
  at: Date;
}

/** Same-kind neighbours as ranges of row numbers: [first, last] pairs. */
function runs(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

const vietnamTime = (at: Date | string) =>
  new Date(at).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  });

function writeCompleteness(
  ws: Excel.Worksheet,
  heading: RequestHeading,
  completeness: Completeness,
  recipients: RecipientLine[],
): void {
  ws.getRange('B1:B3').values = [
    [heading.title],
    [`Kỳ báo cáo: ${heading.periodLabel}; hạn gửi ${vietnamTime(heading.deadline)}`],
    [`Số liệu lúc ${vietnamTime(heading.at)}; bấm "Làm mới tình hình nộp" để cập nhật`],
  ];
  ws.getRange('B1').format.font.bold = true;
  const figures = completenessFigures(completeness);
  ws.getRange(`B5:C${4 + figures.length}`).values = figures;
  // The chart's data: every state with its count, so a state with none still shows as zero.
  const counts = stateCounts(recipients);
  const chartData = ws.getRange(`E5:F${5 + counts.length}`);
  chartData.values = [['Trạng thái', 'Số đơn vị'], ...counts];
  ws.getRange('E5:F5').format.font.bold = true;
  const chart = ws.charts.add('ColumnClustered', chartData, 'Columns');
  chart.title.text = 'Tình hình nộp báo cáo';
  chart.legend.visible = false;
  chart.setPosition('H1', 'M12');

  const header = ['Mã đơn vị', ...COMPLETENESS_HEADER, 'Liên hệ'];
  const last = columnLetter(header.length - 1);
  const top = RECIPIENTS_HEADER_ROW;
  const bottom = top + Math.max(recipients.length, 1);
  const lines = recipients.map((r, i) => [
    r.org.id,
    ...completenessLine(r, i, excelDateTime),
    [r.org.email, r.org.phone].filter(Boolean).join(', '),
  ]);
  if (!lines.length) lines.push(['', '', '(không có đơn vị nào)', '', '', '', '', '', '', '']);
  ws.getRange(`A${top}:${last}${top}`).values = [header];
  ws.getRange(`F${top + 1}:F${bottom}`).numberFormat = lines.map(() => [DATE_TIME_FORMAT]);
  ws.getRange(`A${top + 1}:${last}${bottom}`).values = lines;
  const table = ws.tables.add(`A${top}:${last}${bottom}`, true);
  table.style = 'TableStyleLight9';
  // Overdue agencies stand out: the reminder list starts with them.
  const overdue = recipients.flatMap((r, i) => (r.overdue ? [top + 1 + i] : []));
  for (const [a, b] of runs(overdue))
    ws.getRange(`B${a}:${last}${b}`).format.fill.color = WARNING_FILL;
  ws.getRange('A:A').columnHidden = true;
  ws.getRange('B:B').format.columnWidth = 36;
  ws.getRange('C:C').format.columnWidth = 260;
  ws.getRange('D:H').format.columnWidth = 90;
  ws.getRange('I:J').format.columnWidth = 220;
  ws.getRange(`I${top + 1}:J${bottom}`).format.wrapText = true;
  ws.freezePanes.freezeRows(top);
}

/** The completeness sheet, replaced with fresh figures. Two syncs. */
export async function pullCompleteness(
  run: ExcelRun,
  heading: RequestHeading,
  completeness: Completeness,
  recipients: RecipientLine[],
): Promise<void> {
  await run(async (context) => {
    const fresh = await replaceWorksheets(context, [COMPLETENESS_SHEET]);
    const ws = fresh.get(COMPLETENESS_SHEET)!;
    writeCompleteness(ws, heading, completeness, recipients);
    ws.activate();
    await context.sync();
  });
}

function formatColumns(
  ws: Excel.Worksheet,
  columns: SheetColumn[],
  firstColumn: number,
  top: number,
  bottom: number,
): void {
  columns.forEach((c, i) => {
    const col = columnLetter(firstColumn + i);
    const format = NUMBER_FORMATS[c.type];
    if (format && bottom >= top) {
      ws.getRange(`${col}${top}:${col}${bottom}`).numberFormat = Array.from(
        { length: bottom - top + 1 },
        () => [format],
      );
    }
    ws.getRange(`${col}:${col}`).format.columnWidth =
      c.type === 'LONG_TEXT' ? 300 : c.type === 'TEXT' ? 170 : 90;
  });
}

function writeConsolidatedTable(ws: Excel.Worksheet, table: ConsolidatedTable): void {
  const columns = table.columns;
  const last = columnLetter(columns.length + 1);
  ws.getRange('B1:B2').values = [[table.title], [table.description ?? '']];
  ws.getRange('B1').format.font.bold = true;
  const top = CONSOLIDATED_HEADER_ROW;
  const header = ws.getRange(`A${top}:${last}${top}`);
  header.values = [['Mã đơn vị', 'Đơn vị', ...columns.map((c) => c.label)]];
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  header.format.wrapText = true;
  const lines = consolidatedLines(table);
  const bottom = top + lines.length;
  formatColumns(ws, columns, 2, top + 1, bottom);
  // Text columns as text, so an agency's "=..." is never a formula here either.
  columns.forEach((c, i) => {
    if (!NUMBER_FORMATS[c.type] && lines.length) {
      const col = columnLetter(2 + i);
      ws.getRange(`${col}${top + 1}:${col}${bottom}`).numberFormat = lines.map(() => ['@']);
    }
  });
  if (lines.length) {
    ws.getRange(`A${top + 1}:${last}${bottom}`).values = lines.map((l) => [
      l.orgId ?? '',
      l.label,
      ...columns.map((c, i) => excelCellValue(c, l.values[i] ?? null)),
    ]);
  }
  const rowsOf = (kind: string) => lines.flatMap((l, i) => (l.kind === kind ? [top + 1 + i] : []));
  for (const [a, b] of runs(rowsOf('group'))) {
    const range = ws.getRange(`B${a}:${last}${b}`);
    range.format.fill.color = GROUP_FILL;
    range.format.font.bold = true;
  }
  for (const [a, b] of runs(rowsOf('total')))
    ws.getRange(`B${a}:${last}${b}`).format.font.bold = true;
  for (const [a, b] of runs(rowsOf('rollup'))) ws.getRange(`B${a}:B${b}`).format.font.italic = true;
  ws.getRange('B:B').format.columnWidth = 220;
  if (lines.length) ws.getRange(`B${top + 1}:${last}${bottom}`).format.wrapText = true;
  ws.getRange('A:A').columnHidden = true;
  ws.freezePanes.freezeRows(top);
}

export interface ConsolidatedSectionView {
  key: string;
  number: string | null;
  heading: string;
  depth: number;
  answers: { org: { id: string; name: string }; text: string }[];
}

function writeConsolidatedOutline(ws: Excel.Worksheet, outline: ConsolidatedSectionView[]): void {
  const lines: [string, string, string][] = [['', 'ĐỀ CƯƠNG: CÂU TRẢ LỜI CỦA CÁC ĐƠN VỊ', '']];
  const headings: number[] = [1];
  for (const s of outline) {
    lines.push([
      '',
      `${'   '.repeat(s.depth)}${[s.number, s.heading].filter(Boolean).join('. ')}`,
      '',
    ]);
    headings.push(lines.length);
    if (!s.answers.length) lines.push(['', '', '(chưa có đơn vị nào trả lời)']);
    for (const a of s.answers) {
      lines.push([
        a.org.id,
        a.org.name,
        excelCellValue({ type: 'LONG_TEXT' } as SheetColumn, a.text) as string,
      ]);
    }
  }
  const all = ws.getRange(`A1:C${lines.length}`);
  all.numberFormat = lines.map(() => ['@', '@', '@']);
  all.values = lines;
  all.format.wrapText = true;
  for (const [a, b] of runs(headings)) ws.getRange(`B${a}:C${b}`).format.font.bold = true;
  ws.getRange('B:B').format.columnWidth = 220;
  ws.getRange('C:C').format.columnWidth = 520;
  ws.getRange('A:A').columnHidden = true;
}

/** The worksheet names of the consolidated report, "TH" (tổng hợp) before each. */
export function consolidatedSheetNames(
  tables: { title: string }[],
  hasOutline: boolean,
): { tables: string[]; outline: string | null } {
  const name = worksheetNamer();
  name(COMPLETENESS_SHEET);
  return {
    tables: tables.map((t) => name(`TH ${shortTableName(t.title)}`)),
    outline: hasOutline ? name('TH Đề cương') : null,
  };
}

/** Every consolidated table into its sheet (and the outline answers). Two syncs. */
export async function pullConsolidated(
  run: ExcelRun,
  consolidated: { tables: ConsolidatedTable[]; outline: ConsolidatedSectionView[] },
): Promise<string[]> {
  return run(async (context) => {
    const names = consolidatedSheetNames(consolidated.tables, consolidated.outline.length > 0);
    const wanted = [...names.tables, ...(names.outline ? [names.outline] : [])];
    const fresh = await replaceWorksheets(context, wanted);
    consolidated.tables.forEach((t, i) => writeConsolidatedTable(fresh.get(names.tables[i]!)!, t));
    if (names.outline) writeConsolidatedOutline(fresh.get(names.outline)!, consolidated.outline);
    fresh.get(wanted[0]!)?.activate();
    await context.sync();
    return wanted;
  });
}

export interface ReviewedReport {
  sheet: Sheet;
  org: { id: string; name: string };
  requestTitle: string;
  status: string;
  version: number;
  submittedAt: string | null;
  late: boolean;
  returnReason: string | null;
}

/** The review sheet's name for an agency: "BC" (báo cáo) and its name. */
export function reviewSheetName(orgName: string): string {
  return worksheetNamer()(`BC ${orgName}`);
}

/**
 * One agency's report, every table under the other and then the outline answers, in a protected
 * sheet: the consolidator reads it, the agency's values cannot be changed from here. Two syncs.
 */
export async function pullReview(run: ExcelRun, review: ReviewedReport): Promise<string> {
  return run(async (context) => {
    const name = reviewSheetName(review.org.name);
    const fresh = await replaceWorksheets(context, [name]);
    const ws = fresh.get(name)!;
    const sent = review.submittedAt
      ? `, gửi lúc ${vietnamTime(review.submittedAt)}${review.late ? ' (trễ hạn)' : ''}`
      : '';
    const lines: (string | number)[][] = [
      ['', `Báo cáo của ${review.org.name}`],
      ['', review.requestTitle],
      ['', `Trạng thái: ${review.status}, phiên bản ${review.version}${sent}`],
    ];
    if (review.returnReason) lines.push(['', `Lý do trả lại: ${review.returnReason}`]);
    const bold: number[] = [1];
    const headers: number[] = [];
    const groups: number[] = [];
    const width = Math.max(1, ...review.sheet.tables.map((t) => t.columns.length));
    const formats: { column: SheetColumn; at: number; from: number; to: number }[] = [];
    for (const table of review.sheet.tables) {
      lines.push([''], ['', table.title]);
      bold.push(lines.length);
      lines.push(['Mã dòng', ...table.columns.map((c) => c.label)]);
      headers.push(lines.length);
      const from = lines.length + 1;
      const grid = tableGrid(table, excelCellValue);
      table.rows.forEach((row, i) => {
        lines.push(grid[i]!.map((v) => v ?? ''));
        if (row.isGroup) groups.push(lines.length);
      });
      table.columns.forEach((column, i) =>
        formats.push({ column, at: i + 1, from, to: lines.length }),
      );
    }
    const answered = review.sheet.outline.filter((s) => s.answerable);
    if (answered.length) {
      lines.push([''], ['', 'ĐỀ CƯƠNG']);
      bold.push(lines.length);
      for (const s of answered) {
        lines.push(['', [s.number, s.heading].filter(Boolean).join('. ')]);
        bold.push(lines.length);
        lines.push([
          s.key,
          s.answer
            ? excelCellValue({ type: 'LONG_TEXT' } as SheetColumn, s.answer)
            : '(chưa trả lời)',
        ]);
      }
    }
    const last = columnLetter(width);
    const grid = lines.map((l) => Array.from({ length: width + 1 }, (_, i) => l[i] ?? ''));
    const all = ws.getRange(`A1:${last}${grid.length}`);
    all.numberFormat = grid.map((l) => l.map(() => '@'));
    for (const f of formats) {
      const format = NUMBER_FORMATS[f.column.type];
      if (format && f.to >= f.from) {
        const col = columnLetter(f.at);
        ws.getRange(`${col}${f.from}:${col}${f.to}`).numberFormat = Array.from(
          { length: f.to - f.from + 1 },
          () => [format],
        );
      }
    }
    all.values = grid;
    all.format.wrapText = true;
    for (const r of bold) ws.getRange(`B${r}`).format.font.bold = true;
    for (const r of headers) {
      const range = ws.getRange(`B${r}:${last}${r}`);
      range.format.font.bold = true;
      range.format.fill.color = HEADER_FILL;
    }
    for (const [a, b] of runs(groups)) {
      const range = ws.getRange(`B${a}:${last}${b}`);
      range.format.font.bold = true;
      range.format.fill.color = GROUP_FILL;
    }
    ws.getRange(`B:${last}`).format.columnWidth = 170;
    ws.getRange('A:A').columnHidden = true;
    ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
    ws.activate();
    await context.sync();
    return name;
  });
}

/**
 * The agency on the selected row of the completeness, consolidated or outline sheets (its id is in
 * the hidden column A), or null. Two syncs.
 */
export async function selectedOrgId(run: ExcelRun): Promise<string | null> {
  return run(async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.load('rowIndex');
    await context.sync();
    const key = cell.worksheet.getRange(`A${cell.rowIndex + 1}`);
    key.load('values');
    await context.sync();
    const id = key.values[0]?.[0];
    return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  });
}
