/// <reference types="office-js" />
// The agency's report in the workbook. A report sheet from the server becomes worksheets (one per
// table, laid out as an Excel table, plus the outline); the filled worksheets become a SaveReport
// input; problems are marked on their cells. Every cell a person fills is formatted as text
// before anything is written, so Excel never turns what is typed into a formula, a number or a
// date of its own: the shared parser reads "1.500", "80%" or "20/8/2023" the same in every locale.
// The report's identity, its worksheets' IDs and any save not yet answered stay in the workbook.
import { gridToRows, tableGrid, type GridCell } from '../../../shared/reporting/grid.ts';
import {
  LISTS_SHEET,
  outlineLines,
  SPARE_OPEN_ROWS,
  TABLE_HEADER_ROW as HEADER_ROW,
  type OutlineLine,
} from '../../../shared/reporting/spreadsheet.ts';
import {
  shortTableName,
  type Problem,
  type SaveInput,
  type Sheet,
  type SheetColumn,
  type SheetTable,
} from '../../../shared/reporting/sheet.ts';
import { NOTES_REQUIREMENT, type ExcelHost } from './host.ts';
import { BlockWriter, bytesOf, readBlocks } from './payload.ts';
import { deleteParts, keepSnapshot } from './report-queue.ts';
import {
  loadStored,
  saveStored,
  type QueuedSave,
  type ReportIdentity,
  type StoredReport,
} from './report-store.ts';
import type { SheetSnapshot } from '../../../shared/reporting/workbook-record.ts';
import {
  GREY,
  GROUP_FILL,
  PROBLEM_FILL,
  TEXT_FORMAT,
  columnLetter,
  columnWidths,
  inputCellText,
  rawFromExcel,
  ownedSheetsRecord,
  replaceWorksheets,
  retireWorksheets,
  runsOf,
  worksheetNamer,
} from './workbook.ts';
import { checkSave, type CellChange } from '../../../shared/reporting/check-save.ts';

export type { QueuedSave, ReportIdentity, StoredReport };

/** The add-in's worksheets of the report, and of its list of problems (older Excel). */
const REPORT_SHEETS = 'report';
const PROBLEM_SHEETS = 'report-problems';
const PROBLEMS_SHEET = 'Lỗi cần sửa';

/** What Excel lets a person do on a report worksheet: fill the open cells, size and filter. */
export function tableProtection(table: SheetTable): Excel.WorksheetProtectionOptions {
  return {
    allowFormatColumns: true,
    allowFormatRows: true,
    allowAutoFilter: true,
    allowInsertRows: table.allowOpenRows,
    allowSort: false,
  };
}
const OUTLINE_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
};

/**
 * Excel's limits on data validation text (MS-XLS DValStrings; a validation formula, so an inline
 * list, holds 255 characters): beyond them the whole pull fails.
 */
const VALIDATION_LIMITS = { title: 32, errorMessage: 225, promptMessage: 255, inlineList: 255 };
const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** What a person is told to type in a column (the validation prompt). */
const TYPE_HINTS: Partial<Record<SheetColumn['type'], string>> = {
  INTEGER: 'Số nguyên, ví dụ 1.500',
  DECIMAL: 'Số, ví dụ 1.234,5',
  PERCENT: 'Tỷ lệ phần trăm, ví dụ 80% hoặc 80',
  MONEY: 'Số tiền (đồng), ví dụ 314.400.000',
  DATE: 'Ngày/tháng/năm, ví dụ 20/8/2023',
  BOOLEAN: 'Có hoặc Không',
  CHOICE: 'Chọn trong danh sách',
};
const NUMERIC = new Set(['INTEGER', 'DECIMAL', 'PERCENT', 'MONEY']);

/** Choice columns whose labels cannot be listed inline (a comma, or over 255 characters). */
function needsListSheet(column: SheetColumn): boolean {
  if (column.type !== 'CHOICE') return false;
  const inline = column.options.map((o) => o.label).join(',');
  return (
    column.options.some((o) => o.label.includes(',')) ||
    inline.length > VALIDATION_LIMITS.inlineList
  );
}

/** The hidden list sheet's column for each choice column that needs one. */
function listColumns(sheet: Sheet): Map<SheetColumn, number> {
  const out = new Map<SheetColumn, number>();
  for (const t of sheet.tables) {
    for (const c of t.columns) if (!c.readOnly && needsListSheet(c)) out.set(c, out.size);
  }
  return out;
}

function validation(
  column: SheetColumn,
  listAt: number | undefined,
): { rule: Excel.DataValidationRule | null; prompt: string | null } {
  const hint = TYPE_HINTS[column.type] ?? null;
  if (column.type === 'BOOLEAN') {
    return { rule: { list: { inCellDropDown: true, source: 'Có,Không' } }, prompt: hint };
  }
  if (column.type === 'CHOICE' && column.options.length) {
    const source =
      listAt === undefined
        ? column.options.map((o) => o.label).join(',')
        : `='${LISTS_SHEET}'!$${columnLetter(listAt)}$1:$${columnLetter(listAt)}$${column.options.length}`;
    return { rule: { list: { inCellDropDown: true, source } }, prompt: hint };
  }
  return { rule: null, prompt: hint };
}

/** The worksheet names the report wants. */
function sheetNames(sheet: Sheet): { outline: string | null; tables: string[] } {
  const name = worksheetNamer();
  return {
    outline: sheet.outline.length ? name('Đề cương') : null,
    tables: sheet.tables.map((t) => name(shortTableName(t.title))),
  };
}

/** The fill a report cell has when nothing is wrong with it. */
function originalFill(
  table: SheetTable | null,
  rowIndex: number,
  columnIndex: number,
): string | null {
  if (!table) return null;
  const row = table.rows[rowIndex];
  if (row?.isGroup) return GROUP_FILL;
  if (row?.readOnly || table.columns[columnIndex]?.readOnly) return GREY;
  return null;
}

async function writeTable(
  w: BlockWriter,
  ws: Excel.Worksheet,
  table: SheetTable,
  lists: Map<SheetColumn, number>,
): Promise<number> {
  const width = table.columns.length + 1;
  const last = columnLetter(width - 1);
  const spare = table.allowOpenRows ? SPARE_OPEN_ROWS : 0;
  const dataRows = Math.max(table.rows.length + spare, 1);
  const lastRow = HEADER_ROW + dataRows;
  const allText = Array.from({ length: width }, () => TEXT_FORMAT);
  const title = [[table.title], [table.description ?? '']];
  await w.small(4);
  ws.getRange('B1:B2').numberFormat = [[TEXT_FORMAT], [TEXT_FORMAT]];
  ws.getRange('B1:B2').values = title;
  ws.getRange('B1').format.font.bold = true;
  const header = [
    'Mã dòng',
    ...table.columns.map((c) => (c.required ? `${c.label} (*)` : c.label)),
  ];
  const grid = tableGrid(table, inputCellText).map((line) => line.map((v) => v ?? ''));
  const lines = [
    header,
    ...grid,
    ...Array.from({ length: dataRows - grid.length }, () => Array<string>(width).fill('')),
  ];
  // Text first, then values: the row keys ("01", "1.10") and every answer stay as written.
  await w.grid(ws, HEADER_ROW, 0, lines, allText);
  await w.small(table.columns.length * 6 + 8);
  table.columns.forEach((c, i) => {
    const col = columnLetter(i + 1);
    const data = ws.getRange(`${col}${HEADER_ROW + 1}:${col}${lastRow}`);
    data.format.wrapText = c.type === 'LONG_TEXT' || c.type === 'TEXT';
    if (NUMERIC.has(c.type)) data.format.horizontalAlignment = 'Right' as Excel.HorizontalAlignment;
    if (c.readOnly) {
      data.format.fill.color = GREY;
      return;
    }
    data.format.protection.locked = false;
    const { rule, prompt } = validation(c, lists.get(c));
    data.dataValidation.clear();
    if (rule) {
      data.dataValidation.rule = rule;
      // Warning, not Stop: "có", "x" or a label in other letters still reach the shared parser,
      // which names anything it cannot read when the report is saved.
      data.dataValidation.errorAlert = {
        showAlert: true,
        style: 'Warning' as Excel.DataValidationAlertStyle,
        title: cut(c.label, VALIDATION_LIMITS.title),
        message: cut(
          `Giá trị không có trong danh sách của cột "${c.label}".`,
          VALIDATION_LIMITS.errorMessage,
        ),
      };
    }
    if (prompt) {
      data.dataValidation.prompt = {
        showPrompt: true,
        title: cut(c.label, VALIDATION_LIMITS.title),
        message: cut(prompt, VALIDATION_LIMITS.promptMessage),
      };
    }
  });
  await columnWidths(
    w,
    ws,
    table.columns.map((c, i) => {
      const col = columnLetter(i + 1);
      return [`${col}:${col}`, c.type === 'LONG_TEXT' ? 300 : c.type === 'TEXT' ? 160 : 90];
    }),
  );
  const excelTable = ws.tables.add(`A${HEADER_ROW}:${last}${lastRow}`, true);
  excelTable.style = 'TableStyleLight9';
  excelTable.showBandedRows = false;
  // Group rows are headings; read-only rows stay locked like the plan's columns.
  const groups = runsOf(table.rows.flatMap((r, i) => (r.isGroup ? [HEADER_ROW + 1 + i] : [])));
  const fixed = runsOf(
    table.rows.flatMap((r, i) => (!r.isGroup && r.readOnly ? [HEADER_ROW + 1 + i] : [])),
  );
  await w.small((groups.length + fixed.length) * 3 + 4);
  for (const [a, b] of groups) {
    const r = ws.getRange(`B${a}:${last}${b}`);
    r.format.fill.color = GROUP_FILL;
    r.format.font.bold = true;
    r.format.protection.locked = true;
  }
  for (const [a, b] of fixed) {
    const r = ws.getRange(`B${a}:${last}${b}`);
    r.format.fill.color = GREY;
    r.format.protection.locked = true;
  }
  ws.getRange('A:A').columnHidden = true;
  ws.freezePanes.freezeRows(HEADER_ROW);
  ws.protection.protect(tableProtection(table));
  return dataRows;
}

async function writeOutline(w: BlockWriter, ws: Excel.Worksheet, sheet: Sheet): Promise<void> {
  const layout = outlineLines(sheet.outline);
  const lines = layout.map((l) => [l.key, l.text]);
  const rowsOf = (...kinds: OutlineLine['kind'][]) =>
    layout.flatMap((l, i) => (kinds.includes(l.kind) ? [i + 1] : []));
  const headingRows = rowsOf('title', 'heading');
  const answerRows = rowsOf('answer');
  await w.grid(ws, 1, 0, lines, [TEXT_FORMAT, TEXT_FORMAT]);
  await w.small(headingRows.length + answerRows.length * 2 + 4);
  ws.getRange(`A1:B${lines.length}`).format.wrapText = true;
  ws.getRange('B:B').format.columnWidth = 600;
  ws.getRange('A:A').columnHidden = true;
  for (const [a, b] of runsOf(headingRows)) ws.getRange(`B${a}:B${b}`).format.font.bold = true;
  for (const r of answerRows) {
    const cell = ws.getRange(`B${r}`);
    cell.format.protection.locked = false;
    cell.format.rowHeight = 60;
  }
  ws.protection.protect(OUTLINE_PROTECTION);
}

/**
 * Lays the report out in the workbook, replacing the add-in's earlier report worksheets (never a
 * person's own). Three syncs for a report of ordinary size (list the sheets, learn the new ones'
 * IDs, write), one more for each further block of about 3 MB of cells.
 */
export async function pullReport(
  host: ExcelHost,
  identity: ReportIdentity,
  sheet: Sheet,
  /** The server's sheet as it came, kept in the workbook for working offline. */
  snapshot?: SheetSnapshot,
): Promise<StoredReport> {
  return host.run(async (context) => {
    const previous = await loadStored(context);
    const names = sheetNames(sheet);
    const lists = listColumns(sheet);
    const wanted = [
      ...(names.outline ? [{ name: names.outline }] : []),
      ...names.tables.map((name) => ({ name })),
      ...(lists.size ? [{ name: LISTS_SHEET, hidden: true }] : []),
    ];
    const fresh = await replaceWorksheets(context, REPORT_SHEETS, wanted, [PROBLEM_SHEETS]);
    const w = new BlockWriter(context);
    const outline = names.outline ? fresh[0]! : null;
    const tableSheets = fresh.slice(outline ? 1 : 0, (outline ? 1 : 0) + sheet.tables.length);
    if (lists.size) {
      const listSheet = fresh[fresh.length - 1]!;
      const longest = Math.max(...[...lists.keys()].map((c) => c.options.length));
      const columns = [...lists.keys()];
      const grid = Array.from({ length: longest }, (_, r) =>
        columns.map((c) => c.options[r]?.label ?? ''),
      );
      await w.grid(
        listSheet.ws,
        1,
        0,
        grid,
        columns.map(() => TEXT_FORMAT),
      );
    }
    if (outline) await writeOutline(w, outline.ws, sheet);
    const rows: number[] = [];
    for (const [i, t] of sheet.tables.entries()) {
      rows.push(await writeTable(w, tableSheets[i]!.ws, t, lists));
    }
    (outline ?? tableSheets[0])?.ws.activate();
    // Saves left waiting belong to the worksheets being replaced (the pane asked first).
    await deleteParts(context, [
      ...(previous?.queue.flatMap((q) => q.parts) ?? []),
      ...(previous?.sheetParts ?? []),
    ]);
    const stored: StoredReport = {
      ...identity,
      outlineSheetId: outline?.id ?? null,
      outlineSheetName: outline?.name ?? null,
      tables: sheet.tables.map((t, i) => ({
        key: t.key,
        sheetId: tableSheets[i]!.id,
        sheetName: tableSheets[i]!.name,
        columns: t.columns.map((c) => c.key),
        rows: rows[i]!,
      })),
      marked: [],
      status: snapshot?.submission?.status ?? null,
      sheetParts: [],
      queue: [],
    };
    // The cells first, then the snapshot's parts: each batch stays within Excel's request limit.
    await w.flush();
    const kept = snapshot ? await keepSnapshot(context, stored, snapshot) : stored;
    saveStored(context, kept);
    await context.sync();
    return kept;
  });
}

export interface ReadReport {
  stored: StoredReport;
  input: SaveInput;
  /** Rows a person added that were given a key by this reading (see writeRowKeys). */
  keyed: KeyedRow[];
}

/** A row added in the workbook and the key it was given: its hidden key cell is to hold it. */
export interface KeyedRow {
  sheetId: string;
  /** The worksheet row, 1-based. */
  row: number;
  key: string;
}

/**
 * Reads the report's worksheets back: the record, the size of each sheet, then the cells in
 * blocks (three syncs for a report of ordinary size).
 */
export async function readReport(
  host: ExcelHost,
  sheet: Sheet,
  /** Gives each filled row without a key (one a person added) a key, where rows may be added. */
  newRowKey?: () => string,
): Promise<ReadReport | null> {
  return host.run(async (context) => {
    const stored = await loadStored(context);
    if (!stored) return null;
    const worksheet = (id: string) => context.workbook.worksheets.getItemOrNullObject(id);
    const tableSheets = stored.tables.map((t) => worksheet(t.sheetId));
    const used = tableSheets.map((ws) => {
      const range = ws.getUsedRangeOrNullObject(true);
      range.load(['rowIndex', 'rowCount']);
      return range;
    });
    const outlineSheet = stored.outlineSheetId ? worksheet(stored.outlineSheetId) : null;
    const outlineUsed = outlineSheet?.getUsedRangeOrNullObject(true) ?? null;
    outlineUsed?.load(['rowIndex', 'rowCount']);
    await context.sync();
    const bottom = (r: Excel.Range) => (r.isNullObject ? 0 : r.rowIndex + r.rowCount);
    const requests = stored.tables.map((t, i) => ({
      ws: tableSheets[i]!,
      row: HEADER_ROW,
      column: 0,
      rows: Math.max(0, bottom(used[i]!) - HEADER_ROW),
      columns: t.columns.length + 1,
    }));
    if (outlineSheet && outlineUsed) {
      requests.push({ ws: outlineSheet, row: 0, column: 0, rows: bottom(outlineUsed), columns: 2 });
    }
    const read = await readBlocks(context, requests);
    const keyed: KeyedRow[] = [];
    const tables = stored.tables.flatMap((t, i) => {
      const table = sheet.tables.find((x) => x.key === t.key);
      if (!table || used[i]!.isNullObject) return [];
      const { values, numberFormat } = read[i]!;
      if (newRowKey && table.allowOpenRows) {
        values.forEach((line, r) => {
          const blank = (v: unknown) => v === '' || v === null || v === undefined;
          if (!blank(line[0]) || line.slice(1).every(blank)) return;
          line[0] = newRowKey();
          keyed.push({ sheetId: t.sheetId, row: HEADER_ROW + 1 + r, key: String(line[0]) });
        });
      }
      const lines = values.map((line, r) =>
        line.map((value, c): GridCell => {
          const column =
            c === 0 ? undefined : table.columns.find((x) => x.key === t.columns[c - 1]);
          return column
            ? rawFromExcel(column, value, numberFormat[r]?.[c])
            : ((value === '' ? null : value) as GridCell);
        }),
      );
      return [{ key: t.key, rows: gridToRows(table, t.columns, lines) }];
    });
    const outlineLines = outlineSheet && outlineUsed ? read[read.length - 1]!.values : [];
    const answers = outlineLines
      .filter(
        (line) =>
          typeof line[0] === 'string' &&
          sheet.outline.some((s) => s.key === line[0] && s.answerable),
      )
      .map((line) => ({
        key: String(line[0]),
        text: line[1] === '' || line[1] == null ? null : String(line[1]),
      }));
    return { stored, input: { tables, answers }, keyed };
  });
}

/**
 * Writes the keys given to added rows into their hidden key cells (column A), in the caller's
 * batch; a protected worksheet refuses a write, so it is unprotected and protected again with
 * the options it had.
 */
export async function writeRowKeys(context: Excel.RequestContext, keyed: KeyedRow[]) {
  if (!keyed.length) return;
  const sheets = new Map(
    [...new Set(keyed.map((k) => k.sheetId))].map((id) => [
      id,
      context.workbook.worksheets.getItem(id),
    ]),
  );
  for (const ws of sheets.values()) ws.protection.load(['protected', 'options']);
  await context.sync();
  const w = new BlockWriter(context);
  await w.small(sheets.size * 2 + keyed.length);
  const wasProtected = [...sheets.values()].filter((ws) => ws.protection.protected);
  const options = wasProtected.map((ws) => ws.protection.options);
  for (const ws of wasProtected) ws.protection.unprotect();
  for (const k of keyed) sheets.get(k.sheetId)!.getRange(`A${k.row}`).values = [[k.key]];
  wasProtected.forEach((ws, i) => ws.protection.protect(options[i]));
  await w.flush();
}

/**
 * Writes values into the report's input cells (the last period's carried values: carryForwardCells
 * has chosen cells that are empty and the agency's to fill). Each is found by its row's hidden key
 * in column A, since rows may have been added since the pull, and its column as pulled; written as
 * the text the parser reads back, in cells that keep their text format. A protected worksheet
 * refuses a write, so each is unprotected and protected again with the options it had. Four
 * syncs: the record, the worksheets' size and protection, their keys, the writes.
 */
export async function fillCells(
  host: ExcelHost,
  sheet: Sheet,
  cells: CellChange[],
): Promise<number> {
  if (!cells.length) return 0;
  return host.run(async (context) => {
    const stored = await loadStored(context);
    if (!stored) return 0;
    const touched = stored.tables.flatMap((t) => {
      const table = sheet.tables.find((x) => x.key === t.key);
      if (!table || !cells.some((c) => c.tableKey === t.key)) return [];
      const ws = context.workbook.worksheets.getItem(t.sheetId);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load(['rowIndex', 'rowCount']);
      ws.protection.load(['protected', 'options']);
      return [{ t, table, ws, used }];
    });
    await context.sync();
    const keyRanges = touched.map(({ ws, used }) => {
      const bottom = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
      if (bottom <= HEADER_ROW) return null;
      const range = ws.getRange(`A${HEADER_ROW + 1}:A${bottom}`);
      range.load('values');
      return range;
    });
    await context.sync();
    const w = new BlockWriter(context);
    let written = 0;
    for (const [i, { t, table, ws }] of touched.entries()) {
      const keys = keyRanges[i]?.values.map((line) => String(line[0] ?? '')) ?? [];
      const places = cells.flatMap((c) => {
        const column = table.columns.find((x) => x.key === c.columnKey);
        const at = t.columns.indexOf(c.columnKey);
        const line = keys.indexOf(c.rowKey);
        if (c.tableKey !== t.key || !column || at < 0 || line < 0) return [];
        const address = `${columnLetter(at + 1)}${HEADER_ROW + 1 + line}`;
        return [{ address, text: inputCellText(column, c.value) }];
      });
      if (!places.length) continue;
      await w.room(bytesOf(places) + 2 * 200);
      const wasProtected = ws.protection.protected;
      const options = ws.protection.options;
      if (wasProtected) ws.protection.unprotect();
      for (const p of places) ws.getRange(p.address).values = [[p.text]];
      if (wasProtected) ws.protection.protect(options);
      written += places.length;
    }
    await w.flush();
    return written;
  });
}

/**
 * True when the report's worksheets differ from `sheet` (the server's latest): anything typed,
 * cleared or added that was not sent. Checked with the same code as a save.
 */
export async function hasUnsentEdits(host: ExcelHost, sheet: Sheet): Promise<boolean> {
  const read = await readReport(host, sheet);
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

/** Each section's last row on the outline worksheet: its answer, where it takes one. */
function sectionRows(sheet: Sheet): Map<string, number> {
  const rows = new Map<string, number>();
  outlineLines(sheet.outline).forEach((l, i) => {
    if (l.section !== null) rows.set(l.section, i + 1);
  });
  return rows;
}

/** Where a problem sits: its cell, or the row's first editable cell, or the outline answer. */
function locate(
  stored: StoredReport,
  sheet: Sheet,
  outlineRows: Map<string, number>,
  p: Problem,
): { sheetId: string; address: string; fill: string | null } | null {
  if (p.tableKey === null) {
    const row = p.rowKey === null ? undefined : outlineRows.get(p.rowKey);
    if (!stored.outlineSheetId || row === undefined) return null;
    return { sheetId: stored.outlineSheetId, address: `B${row}`, fill: null };
  }
  const t = stored.tables.find((x) => x.key === p.tableKey);
  const table = sheet.tables.find((x) => x.key === p.tableKey);
  if (!t || !table) return null;
  const rowIndex = table.rows.findIndex((r) => r.key === p.rowKey);
  if (rowIndex < 0) return null;
  const at = p.columnKey
    ? t.columns.indexOf(p.columnKey)
    : table.columns.findIndex((c) => !c.readOnly);
  const columnIndex = Math.max(at, 0);
  return {
    sheetId: t.sheetId,
    address: `${columnLetter(columnIndex + 1)}${HEADER_ROW + 1 + rowIndex}`,
    fill: originalFill(table, rowIndex, columnIndex),
  };
}

/**
 * Marks each problem on its cell (a red fill and, where Excel has notes, a note with the message)
 * and clears the marks of problems that are gone. A protected worksheet refuses both, so each
 * marked sheet is unprotected, marked and protected again with the options it had, in one batch.
 * Without notes (Excel 2021/2024, ExcelApi below 1.18, or an Office.js without them) the messages
 * go to a worksheet "Lỗi cần sửa" with a link to each cell. Three syncs with notes; three more
 * for the list of problems.
 */
export async function markProblems(
  host: ExcelHost,
  sheet: Sheet,
  problems: Problem[],
): Promise<number> {
  return host.run(async (context) => {
    const record = ownedSheetsRecord(context);
    const stored = await loadStored(context);
    if (!stored) return 0;
    const outlineRows = sectionRows(sheet);
    const places = problems.map((p) => ({
      problem: p,
      place: locate(stored, sheet, outlineRows, p),
    }));
    const marked = places.flatMap((x) => (x.place ? [x.place] : []));
    const sheetIds = [...new Set([...stored.marked, ...marked].map((m) => m.sheetId))];
    const worksheets = new Map(
      sheetIds.map((id) => [id, context.workbook.worksheets.getItemOrNullObject(id)]),
    );
    // Notes need ExcelApi 1.18 and an Office.js that has them (the npm copy does not).
    const anySheet = worksheets.values().next().value as Excel.Worksheet | undefined;
    const withNotes = host.supports(NOTES_REQUIREMENT) && anySheet?.notes !== undefined;
    const listing = !withNotes && problems.length > 0;
    for (const ws of worksheets.values()) {
      ws.load('name');
      ws.protection.load(['protected', 'options']);
    }
    const oldNotes = withNotes
      ? stored.marked.map((m) => {
          const note = worksheets.get(m.sheetId)!.notes.getItemOrNullObject(m.address);
          note.load('isNullObject');
          return note;
        })
      : [];
    // A list of problems from an earlier time goes (a new one replaces it below).
    const oldList = listing ? null : retireWorksheets(context, record, PROBLEM_SHEETS);
    await context.sync();
    const present = (id: string) => !worksheets.get(id)!.isNullObject;
    const protectedSheets = [...worksheets].filter(
      ([id, ws]) => present(id) && ws.protection.protected,
    );
    const options = new Map(protectedSheets.map(([id, ws]) => [id, ws.protection.options]));
    const w = new BlockWriter(context);
    await w.small(protectedSheets.length);
    for (const [, ws] of protectedSheets) ws.protection.unprotect();
    await w.small(stored.marked.length * 2);
    stored.marked.forEach((m, i) => {
      if (!present(m.sheetId)) return;
      const cell = worksheets.get(m.sheetId)!.getRange(m.address);
      if (m.fill) cell.format.fill.color = m.fill;
      else cell.format.fill.clear();
      if (oldNotes[i] && !oldNotes[i].isNullObject) oldNotes[i].delete();
    });
    // Two problems on one cell are one mark, with both messages in its note.
    const byCell = new Map<string, { place: (typeof marked)[number]; messages: string[] }>();
    for (const { problem, place } of places) {
      if (!place || !present(place.sheetId)) continue;
      const key = `${place.sheetId}!${place.address}`;
      const entry = byCell.get(key) ?? { place, messages: [] };
      entry.messages.push(problem.message);
      byCell.set(key, entry);
    }
    await w.small(byCell.size * 2);
    for (const { place, messages } of byCell.values()) {
      const ws = worksheets.get(place.sheetId)!;
      ws.getRange(place.address).format.fill.color = PROBLEM_FILL;
      if (withNotes) ws.notes.add(place.address, messages.join('\n'));
    }
    await w.small(protectedSheets.length + 2);
    for (const [id, ws] of protectedSheets) ws.protection.protect(options.get(id));
    oldList?.commit();
    const unique = [...byCell.values()].map((x) => x.place);
    saveStored(context, { ...stored, marked: unique });
    await w.flush();
    if (listing) {
      await listProblems(context, places, (id) => (present(id) ? worksheets.get(id)!.name : null));
    }
    return unique.length;
  });
}

/** The problems as a worksheet of their own, each with a link to its cell. */
async function listProblems(
  context: Excel.RequestContext,
  places: { problem: Problem; place: { sheetId: string; address: string } | null }[],
  nameOf: (sheetId: string) => string | null,
): Promise<void> {
  const [fresh] = await replaceWorksheets(context, PROBLEM_SHEETS, [{ name: PROBLEMS_SHEET }]);
  const ws = fresh!.ws;
  const w = new BlockWriter(context);
  const lines = [
    ['STT', 'Ô', 'Lỗi cần sửa'],
    ...places.map(({ problem, place }, i) => {
      const name = place ? nameOf(place.sheetId) : null;
      return [String(i + 1), name ? `${name}!${place!.address}` : '', problem.message];
    }),
  ];
  await w.grid(ws, 1, 0, lines, [TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT]);
  await w.small(places.length + 6);
  places.forEach(({ place }, i) => {
    const name = place ? nameOf(place.sheetId) : null;
    if (!name) return;
    ws.getRange(`B${i + 2}`).hyperlink = {
      documentReference: `'${name.replace(/'/g, "''")}'!${place!.address}`,
      textToDisplay: `${name}!${place!.address}`,
    };
  });
  ws.getRange('A1:C1').format.font.bold = true;
  ws.getRange('C:C').format.columnWidth = 520;
  ws.getRange('B:B').format.columnWidth = 120;
  ws.getRange(`C2:C${lines.length}`).format.wrapText = true;
  ws.activate();
  await w.flush();
}
