/// <reference types="office-js" />
// The consolidating department's sheets: who has reported (with a chart of statuses and the
// overdue highlighted), the consolidated tables laid out like the appendix, and one agency's report
// opened read-only for review. Agencies' ids sit in the hidden column A of every line that names
// one, so "the agency on the selected row" can be opened or reviewed from any of these sheets.
// Text columns are formatted as text before values land (a return reason "- Thiếu số liệu" is no
// formula); numbers stay numbers to sum and pivot. Large sheets go in blocks under Excel on the
// web's 5 MB limit, so the syncs grow with the data's size in blocks, not with its rows; only the
// add-in's own worksheets are ever replaced.
import {
  COMPLETENESS_HEADER,
  completenessFigures,
  completenessLine,
  consolidatedLines,
  contactsOf,
  stateCounts,
} from '../../../shared/reporting/consolidated-layout.ts';
import type {
  Completeness,
  ConsolidatedTableView,
  RecipientState,
} from '../../../shared/reporting/consolidated.ts';
import { tableGrid } from '../../../shared/reporting/grid.ts';
import {
  outlineHeading,
  sectionTitle,
  shortTableName,
  type Sheet,
  type SheetColumn,
} from '../../../shared/reporting/sheet.ts';
import {
  DATE_TIME_FORMAT,
  GROUP_FILL,
  HEADER_FILL,
  TEXT_FORMAT,
  WARNING_FILL,
  columnLetter,
  columnWidths,
  displayCellValue,
  excelDateTime,
  replaceWorksheets,
  runsOf,
  worksheetNamer,
} from './workbook.ts';
import type { ExcelHost } from './host.ts';
import { BlockWriter } from './payload.ts';
import { NUMBER_FORMATS } from '../../../shared/reporting/spreadsheet.ts';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';

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

const text = (n: number) => Array.from({ length: n }, () => TEXT_FORMAT);

async function writeCompleteness(
  w: BlockWriter,
  ws: Excel.Worksheet,
  heading: RequestHeading,
  completeness: Completeness,
  recipients: RecipientLine[],
): Promise<void> {
  await w.small(12);
  const head = ws.getRange('B1:B3');
  head.numberFormat = [[TEXT_FORMAT], [TEXT_FORMAT], [TEXT_FORMAT]];
  head.values = [
    [heading.title],
    [`Kỳ báo cáo: ${heading.periodLabel}; hạn gửi ${formatVietnamTime(heading.deadline)}`],
    [`Số liệu lúc ${formatVietnamTime(heading.at)}; bấm "Làm mới tình hình nộp" để cập nhật`],
  ];
  ws.getRange('B1').format.font.bold = true;
  const figures = completenessFigures(completeness);
  await w.grid(ws, 5, 1, figures, [TEXT_FORMAT, null]);
  // The chart's data: every state with its count, so a state with none still shows as zero.
  const counts = stateCounts(recipients);
  await w.grid(ws, 5, 4, [['Trạng thái', 'Số đơn vị'], ...counts], [TEXT_FORMAT, null]);
  await w.small(6);
  ws.getRange('E5:F5').format.font.bold = true;
  const chart = ws.charts.add(
    'ColumnClustered' as Excel.ChartType,
    ws.getRange(`E5:F${5 + counts.length}`),
    'Columns' as Excel.ChartSeriesBy,
  );
  chart.title.text = 'Tình hình nộp báo cáo';
  chart.legend.visible = false;
  chart.setPosition('H1', 'M12');

  const header = ['Mã đơn vị', ...COMPLETENESS_HEADER, 'Liên hệ'];
  const last = columnLetter(header.length - 1);
  const top = RECIPIENTS_HEADER_ROW;
  const bottom = top + Math.max(recipients.length, 1);
  const lines: (string | number)[][] = recipients.map((r, i) => [
    r.org.id,
    ...completenessLine(r, i, excelDateTime),
    contactsOf(r.org),
  ]);
  if (!lines.length) lines.push(['', '', '(không có đơn vị nào)', '', '', '', '', '', '', '']);
  // Text everywhere but STT, the time sent and the version (columns B, F and H).
  const formats = header.map((_, i) =>
    i === 1 || i === 7 ? null : i === 5 ? DATE_TIME_FORMAT : TEXT_FORMAT,
  );
  await w.grid(ws, top, 0, [header, ...lines], formats);
  await w.small(4);
  const table = ws.tables.add(`A${top}:${last}${bottom}`, true);
  table.style = 'TableStyleLight9';
  // Overdue agencies stand out: the reminder list starts with them.
  const overdue = runsOf(recipients.flatMap((r, i) => (r.overdue ? [top + 1 + i] : [])));
  await w.small(overdue.length);
  for (const [a, b] of overdue) ws.getRange(`B${a}:${last}${b}`).format.fill.color = WARNING_FILL;
  await columnWidths(w, ws, [
    ['B:B', 36],
    ['C:C', 260],
    ['D:H', 90],
    ['I:J', 220],
  ]);
  await w.small(3);
  ws.getRange('A:A').columnHidden = true;
  ws.getRange(`I${top + 1}:J${bottom}`).format.wrapText = true;
  ws.freezePanes.freezeRows(top);
}

/** The completeness sheet, replaced with fresh figures. Three syncs (more past ~3 MB of lines). */
export async function pullCompleteness(
  host: ExcelHost,
  heading: RequestHeading,
  completeness: Completeness,
  recipients: RecipientLine[],
): Promise<void> {
  await host.run(async (context) => {
    const [fresh] = await replaceWorksheets(context, 'completeness', [
      { name: COMPLETENESS_SHEET },
    ]);
    const w = new BlockWriter(context);
    await writeCompleteness(w, fresh!.ws, heading, completeness, recipients);
    fresh!.ws.activate();
    await w.flush();
  });
}

/** Each column's number format: numbers and dates by type, everything else text. */
const columnFormat = (c: SheetColumn) => NUMBER_FORMATS[c.type] ?? TEXT_FORMAT;

async function writeConsolidatedTable(
  w: BlockWriter,
  ws: Excel.Worksheet,
  table: ConsolidatedTableView,
): Promise<void> {
  const columns = table.columns;
  const last = columnLetter(columns.length + 1);
  await w.small(3);
  ws.getRange('B1:B2').numberFormat = [[TEXT_FORMAT], [TEXT_FORMAT]];
  ws.getRange('B1:B2').values = [[table.title], [table.description ?? '']];
  ws.getRange('B1').format.font.bold = true;
  const top = CONSOLIDATED_HEADER_ROW;
  const lines = consolidatedLines(table);
  const bottom = top + lines.length;
  const header = ['Mã đơn vị', 'Đơn vị', ...columns.map((c) => c.label)];
  await w.grid(ws, top, 0, [header], text(header.length));
  // Values under their formats: an agency's "=..." is never a formula here either.
  await w.grid(
    ws,
    top + 1,
    0,
    lines.map((l) => [
      l.orgId ?? '',
      l.label,
      ...columns.map((c, i) => displayCellValue(c, l.values[i] ?? null)),
    ]),
    [TEXT_FORMAT, TEXT_FORMAT, ...columns.map(columnFormat)],
  );
  await w.small(4);
  const headerRange = ws.getRange(`A${top}:${last}${top}`);
  headerRange.format.font.bold = true;
  headerRange.format.fill.color = HEADER_FILL;
  headerRange.format.wrapText = true;
  const rowsOf = (kind: string) => lines.flatMap((l, i) => (l.kind === kind ? [top + 1 + i] : []));
  const groups = runsOf(rowsOf('group'));
  const totals = runsOf(rowsOf('total'));
  const rollups = runsOf(rowsOf('rollup'));
  await w.small(groups.length * 2 + totals.length + rollups.length);
  for (const [a, b] of groups) {
    const range = ws.getRange(`B${a}:${last}${b}`);
    range.format.fill.color = GROUP_FILL;
    range.format.font.bold = true;
  }
  for (const [a, b] of totals) ws.getRange(`B${a}:${last}${b}`).format.font.bold = true;
  for (const [a, b] of rollups) ws.getRange(`B${a}:B${b}`).format.font.italic = true;
  await columnWidths(w, ws, [
    ['B:B', 220],
    ...columns.map((c, i): [string, number] => {
      const col = columnLetter(2 + i);
      return [`${col}:${col}`, c.type === 'LONG_TEXT' ? 300 : c.type === 'TEXT' ? 170 : 90];
    }),
  ]);
  await w.small(3);
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

async function writeConsolidatedOutline(
  w: BlockWriter,
  ws: Excel.Worksheet,
  outline: ConsolidatedSectionView[],
): Promise<void> {
  const lines: [string, string, string][] = [['', 'ĐỀ CƯƠNG: CÂU TRẢ LỜI CỦA CÁC ĐƠN VỊ', '']];
  const headings: number[] = [1];
  for (const s of outline) {
    lines.push(['', outlineHeading(s), '']);
    headings.push(lines.length);
    if (!s.answers.length) lines.push(['', '', '(chưa có đơn vị nào trả lời)']);
    for (const a of s.answers) lines.push([a.org.id, a.org.name, a.text]);
  }
  await w.grid(ws, 1, 0, lines, text(3));
  const bold = runsOf(headings);
  await w.small(bold.length + 4);
  ws.getRange(`A1:C${lines.length}`).format.wrapText = true;
  for (const [a, b] of bold) ws.getRange(`B${a}:C${b}`).format.font.bold = true;
  ws.getRange('B:B').format.columnWidth = 220;
  ws.getRange('C:C').format.columnWidth = 520;
  ws.getRange('A:A').columnHidden = true;
}

/** The consolidation, its tables' names known first so their sheets can be made at once. */
export interface ConsolidationSource {
  tables: { title: string }[];
  hasOutline: boolean;
  /** Table `i` whole, its agencies read page by page. */
  table(i: number): Promise<ConsolidatedTableView>;
  outline(): Promise<ConsolidatedSectionView[]>;
}

/** A consolidation already whole (a test's, or a small one) as a source. */
export function wholeSource(consolidated: {
  tables: ConsolidatedTableView[];
  outline: ConsolidatedSectionView[];
}): ConsolidationSource {
  return {
    tables: consolidated.tables,
    hasOutline: consolidated.outline.length > 0,
    table: async (i) => consolidated.tables[i]!,
    outline: async () => consolidated.outline,
  };
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

/**
 * Every consolidated table into its sheet (and the outline answers): three syncs, and one more
 * for each further block of about 3 MB (3,321 communes × 40 rows is a few blocks).
 */
export async function pullConsolidated(
  host: ExcelHost,
  consolidated: { tables: ConsolidatedTableView[]; outline: ConsolidatedSectionView[] },
): Promise<string[]> {
  return pullConsolidatedPages(host, wholeSource(consolidated));
}

/**
 * The consolidation read in pages into its sheets: the sheets made at once from the tables'
 * names, then each table written as soon as its agencies' pages are in (the next table is read
 * after), then the outline. The same sheets as pullConsolidated for the same data, in blocks of
 * about 3 MB that go out as they fill while the next pages are read.
 */
export async function pullConsolidatedPages(
  host: ExcelHost,
  source: ConsolidationSource,
): Promise<string[]> {
  return host.run(async (context) => {
    const names = consolidatedSheetNames(source.tables, source.hasOutline);
    const wanted = [...names.tables, ...(names.outline ? [names.outline] : [])];
    const fresh = await replaceWorksheets(
      context,
      'consolidated',
      wanted.map((name) => ({ name })),
    );
    const w = new BlockWriter(context);
    for (const i of source.tables.keys()) {
      await writeConsolidatedTable(w, fresh[i]!.ws, await source.table(i));
    }
    if (names.outline) {
      await writeConsolidatedOutline(w, fresh[fresh.length - 1]!.ws, await source.outline());
    }
    fresh[0]?.ws.activate();
    await w.flush();
    return fresh.map((f) => f.name);
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
 * sheet: the consolidator reads it, the agency's values cannot be changed from here. Three syncs
 * (more for a very large report).
 */
export async function pullReview(host: ExcelHost, review: ReviewedReport): Promise<string> {
  return host.run(async (context) => {
    const [fresh] = await replaceWorksheets(context, `review:${review.org.id}`, [
      { name: reviewSheetName(review.org.name) },
    ]);
    const ws = fresh!.ws;
    const w = new BlockWriter(context);
    const sent = review.submittedAt
      ? `, gửi lúc ${formatVietnamTime(review.submittedAt)}${review.late ? ' (trễ hạn)' : ''}`
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
    // Each line's formats: text, except a table's numeric and date columns.
    const formats: string[][] = lines.map(() => text(width + 1));
    for (const table of review.sheet.tables) {
      lines.push([''], ['', table.title]);
      formats.push(text(width + 1), text(width + 1));
      bold.push(lines.length);
      lines.push(['Mã dòng', ...table.columns.map((c) => c.label)]);
      formats.push(text(width + 1));
      headers.push(lines.length);
      const grid = tableGrid(table, displayCellValue);
      table.rows.forEach((row, i) => {
        lines.push(grid[i]!.map((v) => v ?? ''));
        formats.push([
          TEXT_FORMAT,
          ...Array.from({ length: width }, (_, c) =>
            table.columns[c] ? columnFormat(table.columns[c]) : TEXT_FORMAT,
          ),
        ]);
        if (row.isGroup) groups.push(lines.length);
      });
    }
    const answered = review.sheet.outline.filter((s) => s.answerable);
    if (answered.length) {
      lines.push([''], ['', 'ĐỀ CƯƠNG']);
      formats.push(text(width + 1), text(width + 1));
      bold.push(lines.length);
      for (const s of answered) {
        lines.push(['', sectionTitle(s)]);
        bold.push(lines.length);
        lines.push([s.key, s.answer ?? '(chưa trả lời)']);
        formats.push(text(width + 1), text(width + 1));
      }
    }
    const last = columnLetter(width);
    const grid = lines.map((l) => Array.from({ length: width + 1 }, (_, i) => l[i] ?? ''));
    // Formats differ line by line here, so they go line by line with the values, in blocks.
    await writeWithFormats(w, ws, grid, formats);
    const headerRuns = runsOf(headers);
    const groupRuns = runsOf(groups);
    await w.small(bold.length + headerRuns.length * 2 + groupRuns.length * 2 + 5);
    ws.getRange(`A1:${last}${grid.length}`).format.wrapText = true;
    for (const r of bold) ws.getRange(`B${r}`).format.font.bold = true;
    for (const [a, b] of headerRuns) {
      const range = ws.getRange(`B${a}:${last}${b}`);
      range.format.font.bold = true;
      range.format.fill.color = HEADER_FILL;
    }
    for (const [a, b] of groupRuns) {
      const range = ws.getRange(`B${a}:${last}${b}`);
      range.format.font.bold = true;
      range.format.fill.color = GROUP_FILL;
    }
    ws.getRange(`B:${last}`).format.columnWidth = 170;
    ws.getRange('A:A').columnHidden = true;
    ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
    ws.activate();
    await w.flush();
    return fresh!.name;
  });
}

/** Lines whose formats differ from line to line: each run of same-format lines in one write. */
async function writeWithFormats(
  w: BlockWriter,
  ws: Excel.Worksheet,
  grid: (string | number)[][],
  formats: string[][],
): Promise<void> {
  let start = 0;
  while (start < grid.length) {
    const key = JSON.stringify(formats[start]);
    let end = start + 1;
    while (end < grid.length && JSON.stringify(formats[end]) === key) end += 1;
    await w.grid(ws, start + 1, 0, grid.slice(start, end), formats[start]!);
    start = end;
  }
}

/**
 * The agency on the selected row of the completeness, consolidated or outline sheets (its id is in
 * the hidden column A), or null. Two syncs.
 */
export async function selectedOrgId(host: ExcelHost): Promise<string | null> {
  return host.run(async (context) => {
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
