// The agency's last period in a new period's sheet (issue 24): the values it last sent for the
// same template, what of them may start the new period (carry forward: stocks such as staff or
// Wi-Fi points, never a period's flows), and numbers that moved by more than the template's
// factor since then, flagged as warnings before sending as DHIS2's min-max checks do. Warnings
// never stop a save or a send. The server answers them with saveReport; the add-in lists them
// before "Gửi báo cáo" and fills the carried cells; both with these functions.
import { cellNumber } from '../cells/parse.ts';
import { formatDecimal } from '../format/vietnamese-number.ts';
import { cellPlace, type CellChange } from './check-save.ts';
import type { Problem, SaveInput, Sheet, SheetCell, SheetColumn, SheetRow } from './sheet.ts';

/** The values this agency last sent for the template, keyed as the current sheet keys them. */
export interface LastPeriod {
  /** "Quý I/2026". */
  periodLabel: string;
  tables: { key: string; rows: { key: string; cells: SheetCell[] }[] }[];
}

/** A change warning: where, and what a person reads. */
export type ChangeWarning = Problem & { tableKey: string; rowKey: string; columnKey: string };

const NUMERIC = new Set<SheetColumn['type']>(['INTEGER', 'DECIMAL', 'PERCENT', 'MONEY']);

/**
 * Why a change factor cannot be used, or null when it can. A factor of 1 or less would flag
 * every value that is not exactly the same as last time.
 */
export function changeFactorProblem(factor: unknown): string | null {
  if (factor === null || factor === undefined) return null;
  if (typeof factor !== 'number' || !Number.isFinite(factor))
    return 'Hệ số thay đổi phải là một số (ví dụ 3: cảnh báo khi số liệu gấp hoặc giảm hơn 3 lần so với kỳ trước).';
  if (factor <= 1)
    return `Hệ số thay đổi phải lớn hơn 1 (đang là ${formatDecimal(factor)}): 3 nghĩa là cảnh báo khi số liệu gấp hoặc giảm hơn 3 lần so với kỳ trước.`;
  return null;
}

/** Whether a cell of this row and column may start from the last sent value. */
export const carriesForward = (row: SheetRow, column: SheetColumn): boolean =>
  !row.isGroup &&
  !row.open &&
  !row.readOnly &&
  !column.readOnly &&
  Boolean(column.carryForward || row.carryForward);

/** The template lets some cell of this sheet start from the last period. */
export const hasCarryForward = (sheet: Sheet): boolean =>
  sheet.tables.some((t) => t.rows.some((r) => t.columns.some((c) => carriesForward(r, c))));

/** Last period's value of one cell, or null. */
function lastValue(
  previous: LastPeriod,
  tableKey: string,
  rowKey: string,
  columnKey: string,
): string | null {
  const row = previous.tables.find((t) => t.key === tableKey)?.rows.find((r) => r.key === rowKey);
  return row?.cells.find((c) => c.columnKey === columnKey)?.value ?? null;
}

/** A canonical value last period that still fits the column (a choice may be gone, a type changed). */
function fits(column: SheetColumn, value: string): boolean {
  switch (column.type) {
    case 'INTEGER':
      return Number.isInteger(cellNumber(value));
    case 'DECIMAL':
    case 'PERCENT':
    case 'MONEY':
      return cellNumber(value) !== null;
    case 'BOOLEAN':
      return value === 'true' || value === 'false';
    case 'CHOICE':
      return column.options.some((o) => o.key === value);
    case 'DATE':
      return /^\d{4}-\d{2}-\d{2}$/.test(value);
    default:
      return true;
  }
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && !v.trim());

/**
 * The cells to pre-fill from the last period: only cells that carry forward (their column or
 * their row says so; never read-only, bound or group cells, never open rows, whose keys are the
 * agency's own each period), only where the current workbook (`current`, as read back) has the
 * row and leaves the cell empty — whatever a person typed stays — and only values that still fit
 * the column.
 */
export function carryForwardCells(
  sheet: Sheet,
  previous: LastPeriod,
  current: SaveInput,
): CellChange[] {
  const out: CellChange[] = [];
  for (const table of sheet.tables) {
    const currentRows = new Map(
      (current.tables?.find((t) => t.key === table.key)?.rows ?? []).flatMap((r) =>
        r.key ? [[r.key, r] as const] : [],
      ),
    );
    for (const row of table.rows) {
      const now = currentRows.get(row.key);
      if (!now) continue;
      for (const column of table.columns) {
        if (!carriesForward(row, column)) continue;
        const typed = now.cells.find((c) => c.columnKey === column.key);
        if (!typed || !blank(typed.value)) continue;
        const value = lastValue(previous, table.key, row.key, column.key);
        if (value === null || !fits(column, value)) continue;
        out.push({ tableKey: table.key, rowKey: row.key, columnKey: column.key, value });
      }
    }
  }
  return out;
}

/** Every filled cell of a sheet (the merged sheet of a save: what is being sent). */
export function sheetCells(sheet: Sheet): CellChange[] {
  return sheet.tables.flatMap((t) =>
    t.rows.flatMap((r) =>
      r.cells
        .filter((c) => c.value !== null)
        .map((c) => ({ tableKey: t.key, rowKey: r.key, columnKey: c.columnKey, value: c.value })),
    ),
  );
}

/** A number as the message shows it: "1.234,5", "92,6%", "314.400.000 đ". */
function shown(column: SheetColumn, n: number): string {
  const text = formatDecimal(n);
  return column.type === 'PERCENT' ? `${text}%` : column.type === 'MONEY' ? `${text} đ` : text;
}

/**
 * How a new value compares with last period's under factor `f`, or null when it is within it.
 * DHIS2-style min-max: flagged when new > f × old or new < old / f, on magnitudes. Defined cases
 * a ratio cannot decide:
 * - old = 0: never flagged — any value over nothing has no ratio, and starting from zero is the
 *   ordinary first period of a service (a commune's first Wi-Fi points);
 * - new = 0 with old ≠ 0: flagged ("giảm về 0"), it is the largest fall there is;
 * - old and new of opposite signs (a decimal that can be negative): flagged ("đổi dấu"), no
 *   factor of one reaches the other.
 */
function changeNote(old: number, value: number, f: number): string | null {
  const limit = formatDecimal(f);
  const threshold = `ngưỡng ${limit} lần`;
  // As many decimals as it takes not to read like the threshold itself ("1,51", not "1,5").
  const times = (ratio: number) => {
    let digits = 1;
    while (digits < 4 && formatDecimal(ratio, digits) === limit) digits++;
    return formatDecimal(ratio, digits);
  };
  if (old === 0) return null;
  if (value === 0) return `giảm về 0, ${threshold}`;
  if (Math.sign(old) !== Math.sign(value)) return `đổi dấu, ${threshold}`;
  const ratio = Math.abs(value) / Math.abs(old);
  if (ratio > f) return `gấp ${times(ratio)} lần, ${threshold}`;
  if (ratio < 1 / f) return `giảm ${times(1 / ratio)} lần, ${threshold}`;
  return null;
}

/**
 * Numbers that moved by more than their column's factor since the last period (warnings, never
 * errors): numeric and percent columns with a factor, cells filled both now and then, rows
 * matched by key. `cells` is what is being sent, in canonical form (sheetCells of the merged sheet).
 */
export function changeWarnings(
  sheet: Sheet,
  previous: LastPeriod,
  cells: readonly CellChange[],
): ChangeWarning[] {
  const warnings: ChangeWarning[] = [];
  for (const cell of cells) {
    const table = sheet.tables.find((t) => t.key === cell.tableKey);
    const column = table?.columns.find((c) => c.key === cell.columnKey);
    const row = table?.rows.find((r) => r.key === cell.rowKey);
    if (!table || !column || !row || row.isGroup || row.open) continue;
    const f = column.changeFactor;
    if (!NUMERIC.has(column.type) || f === null || f === undefined || !(f > 1)) continue;
    const value = cellNumber(cell.value);
    const old = cellNumber(lastValue(previous, table.key, row.key, column.key));
    if (value === null || old === null) continue;
    const note = changeNote(old, value, f);
    if (!note) continue;
    warnings.push({
      tableKey: table.key,
      rowKey: row.key,
      columnKey: column.key,
      message: `${cellPlace(table, row, column)}: ${shown(column, value)} so với ${shown(column, old)} kỳ ${previous.periodLabel} (${note})`,
    });
  }
  return warnings;
}
