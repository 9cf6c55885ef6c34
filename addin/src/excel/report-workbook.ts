/// <reference types="office-js" />
// The add-in's only door to Excel. A report sheet from the server becomes worksheets (one per
// table, laid out as an Excel table, plus the outline); the filled worksheets become a SaveReport
// input; problems the server or the shared checks find are marked on their cells. Every function
// queues its work and syncs a fixed number of times, however many rows the report has: Excel on
// the web pays a network round trip per context.sync().
import { checkSave } from '../../../shared/reporting/check-save.ts';
import { gridToRows, tableGrid, type GridCell } from '../../../shared/reporting/grid.ts';
import {
  shortTableName,
  type Problem,
  type SaveInput,
  type Sheet,
  type SheetColumn,
  type SheetTable,
} from '../../../shared/reporting/sheet.ts';
import {
  GREY,
  GROUP_FILL,
  PROBLEM_FILL,
  columnLetter,
  excelCellValue,
  rawFromExcel,
  replaceWorksheets,
  worksheetNamer,
  type ExcelRun,
} from './workbook.ts';
import { NUMBER_FORMATS } from '../../../shared/reporting/spreadsheet.ts';

export interface ReportIdentity {
  requestId: string;
  requestTitle: string;
  orgId: string;
  orgName: string;
  templateCode: string;
  templateVersion: number;
  /** The submission version the values were pulled at: the base of the next save. */
  baseVersion: number;
}

/** What the workbook remembers about the report in it (workbook settings survive save/reopen). */
export interface StoredReport extends ReportIdentity {
  outlineSheet: string | null;
  tables: { key: string; sheet: string; columns: string[] }[];
  /** Cells marked with a problem, to clear them next time. */
  marked: { sheet: string; address: string }[];
}

export const SETTING_KEY = 'tonghop.report';
/** Rows above the data in a table worksheet: title, description; the header is row 3. */
const HEADER_ROW = 3;
const SPARE_OPEN_ROWS = 20;

function validationRule(column: SheetColumn): Excel.DataValidationRule | null {
  // Operators as the strings Office.js accepts: the Excel namespace is not there outside Excel.
  const between = { formula1: -1e15, formula2: 1e15, operator: 'Between' as const };
  switch (column.type) {
    case 'INTEGER':
    case 'MONEY':
      return { wholeNumber: between };
    case 'DECIMAL':
    case 'PERCENT':
      return { decimal: between };
    case 'DATE':
      return { date: { formula1: '1900-01-01', operator: 'GreaterThan' as const } };
    case 'BOOLEAN':
      return { list: { inCellDropDown: true, source: 'Có,Không' } };
    case 'CHOICE':
      // Labels with commas cannot go in an inline list; those columns are checked on save.
      return column.options.some((o) => o.label.includes(','))
        ? null
        : { list: { inCellDropDown: true, source: column.options.map((o) => o.label).join(',') } };
    default:
      return null;
  }
}

/** The worksheet names the report uses. */
function sheetNames(sheet: Sheet): { outline: string | null; tables: string[] } {
  const name = worksheetNamer();
  return {
    outline: sheet.outline.length ? name('Đề cương') : null,
    tables: sheet.tables.map((t) => name(shortTableName(t.title))),
  };
}

function writeTable(ws: Excel.Worksheet, table: SheetTable): void {
  const width = table.columns.length + 1;
  const last = columnLetter(width - 1);
  ws.getRange('B1').values = [[table.title]];
  ws.getRange('B1').format.font.bold = true;
  if (table.description) ws.getRange('B2').values = [[table.description]];
  const spare = table.allowOpenRows ? SPARE_OPEN_ROWS : 0;
  const dataRows = table.rows.length + spare;
  const header = [
    ['Mã dòng', ...table.columns.map((c) => (c.required ? `${c.label} (*)` : c.label))],
  ];
  const grid = tableGrid(table, excelCellValue) as (string | number | null)[][];
  const lines = [
    ...grid,
    ...Array.from({ length: spare }, () => Array<string>(width).fill('')),
  ].map((line) => line.map((v) => v ?? ''));
  const lastRow = HEADER_ROW + dataRows;
  // Text columns are formatted as text before values land, so nothing typed there is a formula.
  table.columns.forEach((c, i) => {
    const col = columnLetter(i + 1);
    const data = ws.getRange(`${col}${HEADER_ROW + 1}:${col}${Math.max(lastRow, HEADER_ROW + 1)}`);
    data.numberFormat = Array.from({ length: Math.max(dataRows, 1) }, () => [
      NUMBER_FORMATS[c.type] ?? '@',
    ]);
    data.format.wrapText = c.type === 'LONG_TEXT' || c.type === 'TEXT';
    data.format.columnWidth = c.type === 'LONG_TEXT' ? 300 : c.type === 'TEXT' ? 160 : 90;
    if (c.readOnly) {
      data.format.fill.color = GREY;
    } else {
      data.format.protection.locked = false;
      const rule = validationRule(c);
      if (rule) {
        data.dataValidation.clear();
        data.dataValidation.rule = rule;
        data.dataValidation.errorAlert = {
          showAlert: true,
          style: 'Stop',
          title: c.label,
          message: `Giá trị không hợp lệ cho cột "${c.label}".`,
        };
      }
    }
  });
  ws.getRange(`A${HEADER_ROW}:${last}${HEADER_ROW}`).values = header;
  if (lines.length) ws.getRange(`A${HEADER_ROW + 1}:${last}${lastRow}`).values = lines;
  const excelTable = ws.tables.add(
    `A${HEADER_ROW}:${last}${Math.max(lastRow, HEADER_ROW + 1)}`,
    true,
  );
  excelTable.style = 'TableStyleLight9';
  excelTable.showBandedRows = false;
  // Group rows are headings; read-only rows stay locked like the plan's columns.
  table.rows.forEach((row, i) => {
    if (!row.isGroup && !row.readOnly) return;
    const r = ws.getRange(`B${HEADER_ROW + 1 + i}:${last}${HEADER_ROW + 1 + i}`);
    r.format.fill.color = row.isGroup ? GROUP_FILL : GREY;
    r.format.font.bold = row.isGroup;
    r.format.protection.locked = true;
  });
  ws.getRange('A:A').columnHidden = true;
  ws.freezePanes.freezeRows(HEADER_ROW);
  ws.protection.protect({
    allowFormatColumns: true,
    allowFormatRows: true,
    allowAutoFilter: true,
    allowInsertRows: table.allowOpenRows,
    allowSort: false,
  });
}

function writeOutline(ws: Excel.Worksheet, sheet: Sheet): void {
  const lines: string[][] = [['', 'ĐỀ CƯƠNG BÁO CÁO']];
  const answerRows: number[] = [];
  const headingRows: number[] = [];
  for (const s of sheet.outline) {
    lines.push(['', `${'   '.repeat(s.depth)}${[s.number, s.heading].filter(Boolean).join('. ')}`]);
    headingRows.push(lines.length);
    if (s.guidance) lines.push(['', s.guidance]);
    if (s.answerable) {
      lines.push([s.key, excelCellValue({ type: 'LONG_TEXT' } as SheetColumn, s.answer) as string]);
      answerRows.push(lines.length);
    }
  }
  const all = ws.getRange(`A1:B${lines.length}`);
  all.numberFormat = lines.map(() => ['@', '@']);
  all.values = lines;
  all.format.wrapText = true;
  ws.getRange('B:B').format.columnWidth = 600;
  ws.getRange('A:A').columnHidden = true;
  for (const r of headingRows) ws.getRange(`B${r}`).format.font.bold = true;
  for (const r of answerRows) {
    const cell = ws.getRange(`B${r}`);
    cell.format.protection.locked = false;
    cell.format.rowHeight = 60;
  }
  ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
}

async function loadStored(context: Excel.RequestContext): Promise<StoredReport | null> {
  const setting = context.workbook.settings.getItemOrNullObject(SETTING_KEY);
  setting.load('value');
  await context.sync();
  if (setting.isNullObject) return null;
  try {
    return JSON.parse(String(setting.value)) as StoredReport;
  } catch {
    return null;
  }
}

function saveStored(context: Excel.RequestContext, stored: StoredReport): void {
  context.workbook.settings.add(SETTING_KEY, JSON.stringify(stored));
}

/**
 * Lays the report out in the workbook, replacing the report's worksheets if they are there.
 * Two syncs: one to see which worksheets exist, one to write everything.
 */
export async function pullReport(
  run: ExcelRun,
  identity: ReportIdentity,
  sheet: Sheet,
): Promise<StoredReport> {
  return run(async (context) => {
    const names = sheetNames(sheet);
    const wanted = [names.outline, ...names.tables].filter((n): n is string => n !== null);
    const fresh = await replaceWorksheets(context, wanted);
    if (names.outline) writeOutline(fresh.get(names.outline)!, sheet);
    sheet.tables.forEach((t, i) => writeTable(fresh.get(names.tables[i]!)!, t));
    fresh.get(wanted[0]!)?.activate();
    const stored: StoredReport = {
      ...identity,
      outlineSheet: names.outline,
      tables: sheet.tables.map((t, i) => ({
        key: t.key,
        sheet: names.tables[i]!,
        columns: t.columns.map((c) => c.key),
      })),
      marked: [],
    };
    saveStored(context, stored);
    await context.sync();
    return stored;
  });
}

export interface ReadReport {
  stored: StoredReport;
  input: SaveInput;
}

/** Reads the report's worksheets back. Two syncs: the settings, then every sheet's used range. */
export async function readReport(run: ExcelRun, sheet: Sheet): Promise<ReadReport | null> {
  return run(async (context) => {
    const stored = await loadStored(context);
    if (!stored) return null;
    const ranges = stored.tables.map((t) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(t.sheet);
      const used = ws.getUsedRangeOrNullObject();
      used.load(['values', 'rowIndex', 'columnIndex']);
      return used;
    });
    const outline = stored.outlineSheet
      ? context.workbook.worksheets
          .getItemOrNullObject(stored.outlineSheet)
          .getUsedRangeOrNullObject()
      : null;
    outline?.load('values');
    await context.sync();
    const tables = stored.tables.flatMap((t, i) => {
      const table = sheet.tables.find((x) => x.key === t.key);
      const used = ranges[i]!;
      if (!table || used.isNullObject) return [];
      // Lines below the header, columns from A, whatever the used range's origin.
      const lines = used.values
        .map((line, r) => ({ line, row: used.rowIndex + r }))
        .filter((x) => x.row >= HEADER_ROW)
        .map(({ line }) =>
          Array.from({ length: t.columns.length + 1 }, (_, c) => {
            const value = line[c - used.columnIndex];
            const column =
              c === 0 ? undefined : table.columns.find((x) => x.key === t.columns[c - 1]);
            return column ? rawFromExcel(column, value) : ((value ?? null) as GridCell);
          }),
        );
      return [{ key: t.key, rows: gridToRows(table, t.columns, lines) }];
    });
    const answers =
      outline && !outline.isNullObject
        ? outline.values
            .filter(
              (line) =>
                typeof line[0] === 'string' &&
                sheet.outline.some((s) => s.key === line[0] && s.answerable),
            )
            .map((line) => ({
              key: String(line[0]),
              text: line[1] === '' || line[1] == null ? null : String(line[1]),
            }))
        : [];
    return { stored, input: { tables, answers } };
  });
}

/**
 * True when the report's worksheets differ from `sheet` (the server's latest): anything typed,
 * cleared or added that was not sent. Checked with the same code as a save.
 */
export async function hasUnsentEdits(run: ExcelRun, sheet: Sheet): Promise<boolean> {
  const read = await readReport(run, sheet);
  if (!read) return false;
  const checked = checkSave(sheet, read.input, { submit: false, newRowKey: (t, n) => `${t}-${n}` });
  const answered = new Map(sheet.outline.map((s) => [s.key, s.answer]));
  return (
    checked.problems.length > 0 ||
    checked.cells.length > 0 ||
    checked.addedRows.length > 0 ||
    checked.removedRows.length > 0 ||
    checked.answers.some((a) => a.text !== (answered.get(a.key) ?? null))
  );
}

/**
 * Cell notes came with ExcelApi 1.18; older Excel (2019, 2021) only gets the red fill, and the
 * task pane lists the messages. Outside Office (tests) the fake has notes.
 */
function notesSupported(): boolean {
  if (typeof Office === 'undefined' || !Office.context?.requirements) return true;
  return Office.context.requirements.isSetSupported('ExcelApi', '1.18');
}

/**
 * Marks each problem on its cell (a red fill and a note with the message) and clears the marks
 * of problems that are gone. Three syncs whatever the number of problems.
 */
export async function markProblems(
  run: ExcelRun,
  sheet: Sheet,
  problems: Problem[],
): Promise<number> {
  return run(async (context) => {
    const stored = await loadStored(context);
    if (!stored) return 0;
    const withNotes = notesSupported();
    const notes = (withNotes ? stored.marked : []).map((m) => {
      const note = context.workbook.worksheets
        .getItem(m.sheet)
        .notes.getItemOrNullObject(m.address);
      note.load('isNullObject');
      return note;
    });
    await context.sync();
    stored.marked.forEach((m, i) => {
      const ws = context.workbook.worksheets.getItem(m.sheet);
      ws.getRange(m.address).format.fill.clear();
      if (notes[i] && !notes[i].isNullObject) notes[i].delete();
    });
    const marked: StoredReport['marked'] = [];
    for (const p of problems) {
      const place = locate(stored, sheet, p);
      if (!place) continue;
      const ws = context.workbook.worksheets.getItem(place.sheet);
      ws.getRange(place.address).format.fill.color = PROBLEM_FILL;
      if (withNotes) ws.notes.add(place.address, p.message);
      marked.push(place);
    }
    saveStored(context, { ...stored, marked });
    await context.sync();
    return marked.length;
  });
}

/** Where a problem sits: its cell, or the row's first editable cell, or the outline answer. */
function locate(
  stored: StoredReport,
  sheet: Sheet,
  p: Problem,
): { sheet: string; address: string } | null {
  if (p.tableKey === null) {
    if (!stored.outlineSheet) return null;
    // Rows as writeOutline laid them out: a title, then per section its heading, guidance, answer.
    let row = 1;
    for (const s of sheet.outline) {
      row += 1 + (s.guidance ? 1 : 0);
      if (s.answerable) row += 1;
      if (s.key === p.rowKey) return { sheet: stored.outlineSheet, address: `B${row}` };
    }
    return null;
  }
  const t = stored.tables.find((x) => x.key === p.tableKey);
  const table = sheet.tables.find((x) => x.key === p.tableKey);
  if (!t || !table) return null;
  const rowIndex = table.rows.findIndex((r) => r.key === p.rowKey);
  if (rowIndex < 0) return null;
  const columnIndex = p.columnKey
    ? t.columns.indexOf(p.columnKey)
    : table.columns.findIndex((c) => !c.readOnly);
  return {
    sheet: t.sheet,
    address: `${columnLetter(Math.max(columnIndex, 0) + 1)}${HEADER_ROW + 1 + rowIndex}`,
  };
}

/** After a save the workbook's values are that version: the next save is based on it. */
export async function setBaseVersion(run: ExcelRun, version: number): Promise<void> {
  await run(async (context) => {
    const stored = await loadStored(context);
    if (stored) saveStored(context, { ...stored, baseVersion: version });
    await context.sync();
  });
}
