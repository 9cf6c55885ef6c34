// Checking a save against the agency's sheet before anything is written: every cell parsed by
// shared/cells/parse.ts, unknown tables, rows and columns refused, read-only cells unchanged, and,
// when the report is sent, every required cell and section filled. The server runs it inside
// SaveReport (all or nothing: any problem, nothing saved); the add-in runs it before sending so
// staff see problems on the cells at once. Every problem names table, row and column.
import { parseCell, quoted, formatCell, MAX_TEXT_LENGTH } from '../cells/parse.ts';
import type {
  Problem,
  SaveCellInput,
  SaveInput,
  Sheet,
  SheetColumn,
  SheetRow,
  SheetSection,
  SheetTable,
} from './sheet.ts';
import { sectionTitle, shortTableName } from './sheet.ts';

export interface CellChange {
  tableKey: string;
  rowKey: string;
  columnKey: string;
  value: string | null;
}

export interface CheckedSave {
  problems: Problem[];
  /** Cells whose value changes (null: cleared). */
  cells: CellChange[];
  /** Open rows added by this save, with the keys given to them. */
  addedRows: { tableKey: string; rowKey: string }[];
  /** Open rows left with no value at all: the agency removed them. */
  removedRows: { tableKey: string; rowKey: string }[];
  answers: { key: string; text: string | null }[];
  /** The sheet as it will be once saved. */
  merged: Sheet;
}

export interface CheckOptions {
  /** Sending the report: required cells and sections must be filled. */
  submit: boolean;
  /** Key for the n-th new open row of a table. */
  newRowKey: (tableKey: string, n: number) => string;
}

/**
 * A key the add-in gives a row a person added, before the server has seen it: written into the
 * row's hidden key cell at once, so the next save (or the same save sent again after a lost
 * answer, or a queue of saves made offline) names the same row instead of adding it again.
 */
export const CLIENT_ROW_KEY = /^n-[A-Za-z0-9_-]{8,40}$/;

/** A fresh key for a row added in the workbook. */
export function clientRowKey(random: () => string = () => crypto.randomUUID()): string {
  return `n-${random()
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 24)}`;
}

/** Beyond this many problems the rest are summed up: nobody reads 5,000 messages. */
export const MAX_PROBLEMS = 200;

/** Where a cell is, as messages name it: Bảng "Phụ lục 02", dòng "…", cột "…". */
export const cellPlace = (
  table: SheetTable,
  row?: SheetRow | null,
  column?: SheetColumn | null,
): string =>
  [
    `Bảng ${quoted(shortTableName(table.title))}`,
    row ? `dòng ${quoted(row.label)}` : null,
    column ? `cột ${quoted(column.label)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
const where = cellPlace;

const cloneSheet = (sheet: Sheet): Sheet => ({
  outline: sheet.outline.map((s) => ({ ...s })),
  tables: sheet.tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c })) })),
  })),
});

/** A row the agency adds to an open table, at its end. */
function newOpenRow(table: SheetTable, key: string): SheetRow {
  const row: SheetRow = {
    key,
    group: null,
    label: `Dòng thêm ${table.rows.filter((r) => r.open).length + 1}`,
    isGroup: false,
    readOnly: false,
    open: true,
    cells: table.columns.map((c) => ({ columnKey: c.key, value: null })),
  };
  table.rows.push(row);
  return row;
}

function setCell(row: SheetRow, columnKey: string, value: string | null): void {
  const cell = row.cells.find((c) => c.columnKey === columnKey);
  if (cell) cell.value = value;
  else row.cells.push({ columnKey, value });
}

export function checkSave(sheet: Sheet, input: SaveInput, options: CheckOptions): CheckedSave {
  const merged = cloneSheet(sheet);
  const problems: Problem[] = [];
  const cells = new Map<string, CellChange>();
  const addedRows: CheckedSave['addedRows'] = [];
  const seenTables = new Set<string>();

  for (const tableInput of input.tables ?? []) {
    const table = merged.tables.find((t) => t.key === tableInput.key);
    if (!table) {
      problems.push({
        tableKey: tableInput.key,
        rowKey: null,
        columnKey: null,
        message: `Mẫu báo cáo không có bảng ${quoted(tableInput.key)}.`,
      });
      continue;
    }
    if (seenTables.has(table.key)) {
      problems.push({
        tableKey: table.key,
        rowKey: null,
        columnKey: null,
        message: `${where(table)}: bảng được gửi hai lần trong một lần lưu.`,
      });
      continue;
    }
    seenTables.add(table.key);
    // By key: a 1,000-row sheet looked up row by row with find() was a million comparisons.
    const rowsByKey = new Map<string, SheetRow>();
    for (const r of table.rows) if (!rowsByKey.has(r.key)) rowsByKey.set(r.key, r);
    const seenRows = new Set<string>();
    let added = 0;
    for (const rowInput of tableInput.rows) {
      let row: SheetRow | undefined;
      if (rowInput.key === null || rowInput.key === undefined || rowInput.key === '') {
        if (!rowInput.cells.some((c) => String(c.value ?? '').trim() !== '')) continue;
        if (!table.allowOpenRows) {
          problems.push({
            tableKey: table.key,
            rowKey: null,
            columnKey: null,
            message: `${where(table)}: bảng này không cho thêm dòng.`,
          });
          continue;
        }
        row = newOpenRow(table, options.newRowKey(table.key, added++));
        rowsByKey.set(row.key, row);
        addedRows.push({ tableKey: table.key, rowKey: row.key });
      } else {
        row = rowsByKey.get(rowInput.key);
        if (!row && CLIENT_ROW_KEY.test(rowInput.key) && table.allowOpenRows) {
          // Added in the workbook and named there: the row keeps the name it was given.
          if (!rowInput.cells.some((c) => String(c.value ?? '').trim() !== '')) continue;
          row = newOpenRow(table, rowInput.key);
          rowsByKey.set(row.key, row);
          addedRows.push({ tableKey: table.key, rowKey: row.key });
          seenRows.add(row.key);
          applyRow(table, row, rowInput.cells, problems, cells);
          continue;
        }
        if (!row) {
          problems.push({
            tableKey: table.key,
            rowKey: rowInput.key,
            columnKey: null,
            message: `${where(table)}: không có dòng ${quoted(rowInput.key)}.`,
          });
          continue;
        }
        if (seenRows.has(row.key)) {
          problems.push({
            tableKey: table.key,
            rowKey: row.key,
            columnKey: null,
            message: `${where(table, row)}: dòng được gửi hai lần trong một lần lưu.`,
          });
          continue;
        }
        seenRows.add(row.key);
      }
      applyRow(table, row, rowInput.cells, problems, cells);
    }
  }

  const answers = applyAnswers(merged.outline, input.answers ?? [], problems);
  const removedRows = removeEmptyOpenRows(merged, cells);
  if (options.submit) problems.push(...missingRequired(merged));

  return {
    problems: capped(problems),
    cells: [...cells.values()],
    addedRows: addedRows.filter((a) => !removedRows.some((r) => r.rowKey === a.rowKey)),
    removedRows: removedRows.filter((r) => !addedRows.some((a) => a.rowKey === r.rowKey)),
    answers,
    merged,
  };
}

function applyRow(
  table: SheetTable,
  row: SheetRow,
  inputs: SaveCellInput[],
  problems: Problem[],
  changes: Map<string, CellChange>,
): void {
  const seenColumns = new Set<string>();
  for (const cellInput of inputs) {
    const column = table.columns.find((c) => c.key === cellInput.columnKey);
    const locate = { tableKey: table.key, rowKey: row.key, columnKey: cellInput.columnKey };
    if (!column) {
      problems.push({
        ...locate,
        message: `${where(table, row)}: không có cột ${quoted(cellInput.columnKey)}.`,
      });
      continue;
    }
    if (seenColumns.has(column.key)) {
      problems.push({ ...locate, message: `${where(table, row, column)}: ô được gửi hai lần.` });
      continue;
    }
    seenColumns.add(column.key);
    const current = row.cells.find((c) => c.columnKey === column.key)?.value ?? null;
    const parsed = parseCell(column, cellInput.value);
    if (row.isGroup || row.readOnly || column.readOnly) {
      // Sending a read-only cell back unchanged (a whole sheet read from Excel) is fine.
      const unchanged =
        (parsed.ok && parsed.value === current) ||
        String(cellInput.value ?? '').trim() === formatCell(column, current);
      if (!unchanged) {
        const why = row.isGroup ? 'dòng tiêu đề nhóm không nhập số liệu' : 'ô chỉ đọc, không sửa';
        problems.push({ ...locate, message: `${where(table, row, column)}: ${why}.` });
      }
      continue;
    }
    if (!parsed.ok) {
      problems.push({ ...locate, message: `${where(table, row, column)}: ${parsed.message}.` });
      continue;
    }
    if (parsed.value !== current) {
      setCell(row, column.key, parsed.value);
      changes.set(`${table.key}\u0000${row.key}\u0000${column.key}`, {
        tableKey: table.key,
        rowKey: row.key,
        columnKey: column.key,
        value: parsed.value,
      });
    }
  }
}

function applyAnswers(
  outline: SheetSection[],
  inputs: { key: string; text?: string | null }[],
  problems: Problem[],
): { key: string; text: string | null }[] {
  const answers = new Map<string, string | null>();
  for (const a of inputs) {
    const section = outline.find((s) => s.key === a.key);
    const problem = (message: string) =>
      problems.push({ tableKey: null, rowKey: a.key, columnKey: null, message });
    if (!section) {
      problem(`Đề cương không có mục ${quoted(a.key)}.`);
      continue;
    }
    const label = `Đề cương, mục ${quoted(sectionTitle(section))}`;
    if (!section.answerable) {
      if ((a.text ?? '').trim() !== '') problem(`${label}: mục chỉ là tiêu đề, không trả lời.`);
      continue;
    }
    if (answers.has(section.key)) {
      problem(`${label}: được gửi hai lần.`);
      continue;
    }
    const parsed = parseCell({ type: 'LONG_TEXT' }, a.text);
    if (!parsed.ok) {
      problem(`${label}: ${parsed.message} (tối đa ${MAX_TEXT_LENGTH.LONG_TEXT}).`);
      continue;
    }
    answers.set(section.key, parsed.value);
    if (parsed.value !== section.answer) section.answer = parsed.value;
  }
  return [...answers].map(([key, text]) => ({ key, text }));
}

/** An open row whose editable cells are all empty is gone: that is how Excel users delete. */
function removeEmptyOpenRows(
  merged: Sheet,
  changes: Map<string, CellChange>,
): { tableKey: string; rowKey: string }[] {
  const removed: { tableKey: string; rowKey: string }[] = [];
  for (const table of merged.tables) {
    const editable = table.columns.filter((c) => !c.readOnly).map((c) => c.key);
    table.rows = table.rows.filter((row) => {
      if (!row.open) return true;
      const empty = editable.every(
        (k) => (row.cells.find((c) => c.columnKey === k)?.value ?? null) === null,
      );
      if (!empty) return true;
      removed.push({ tableKey: table.key, rowKey: row.key });
      for (const k of editable) changes.delete(`${table.key}\u0000${row.key}\u0000${k}`);
      return false;
    });
  }
  return removed;
}

function missingRequired(merged: Sheet): Problem[] {
  const problems: Problem[] = [];
  for (const table of merged.tables) {
    const required = table.columns.filter((c) => c.required && !c.readOnly);
    for (const row of table.rows) {
      if (row.isGroup || row.readOnly) continue;
      for (const column of required) {
        if ((row.cells.find((c) => c.columnKey === column.key)?.value ?? null) === null) {
          problems.push({
            tableKey: table.key,
            rowKey: row.key,
            columnKey: column.key,
            message: `${where(table, row, column)}: bắt buộc nhập trước khi gửi báo cáo.`,
          });
        }
      }
    }
  }
  for (const section of merged.outline) {
    if (section.answerable && section.required && section.answer === null) {
      problems.push({
        tableKey: null,
        rowKey: section.key,
        columnKey: null,
        message: `Đề cương, mục ${quoted(sectionTitle(section))}: bắt buộc trả lời trước khi gửi báo cáo.`,
      });
    }
  }
  return problems;
}

function capped(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      tableKey: null,
      rowKey: null,
      columnKey: null,
      message: `Còn ${problems.length - MAX_PROBLEMS} lỗi khác chưa liệt kê; sửa các lỗi trên rồi lưu lại.`,
    },
  ];
}
