// A sheet's table as a grid of cells, the way a spreadsheet holds it: the first column keeps each
// row's key (hidden from staff), then one column per template column. The .xlsx export and the
// Excel add-in lay tables out with it, and read filled grids back into SaveReport rows with it.
import type { RawCell } from '../cells/parse.ts';
import type { SaveRowInput, SheetColumn, SheetTable } from './sheet.ts';

export type GridCell = RawCell;

/**
 * The table's rows as grid lines (without the header): [key, value per column]. `toCell` turns a
 * canonical value into what the spreadsheet holds (a number, a date serial, a label…). Group
 * rows carry their label in the first column after the key.
 */
export function tableGrid<T>(
  table: SheetTable,
  toCell: (column: SheetColumn, value: string | null) => T,
): (T | string | null)[][] {
  return table.rows.map((row) => [
    row.key,
    ...table.columns.map((c, i) =>
      row.isGroup
        ? i === 0
          ? row.label
          : null
        : toCell(c, row.cells.find((x) => x.columnKey === c.key)?.value ?? null),
    ),
  ]);
}

const isBlank = (v: GridCell) => v === null || v === undefined || v === '';

/**
 * Grid lines read back from a spreadsheet into SaveReport rows: rows with a key update that row;
 * rows without a key that have any value become new open rows; group and read-only rows and
 * read-only columns are left out (they are not the agency's to change). `columnKeys` gives the
 * column of each grid position after the key, as it was written.
 */
export function gridToRows(
  table: SheetTable,
  columnKeys: string[],
  lines: GridCell[][],
): SaveRowInput[] {
  const editable = columnKeys
    .map((key, i) => ({ key, at: i + 1, column: table.columns.find((c) => c.key === key) }))
    .filter((c) => c.column && !c.column.readOnly);
  const known = new Map(table.rows.map((r) => [r.key, r]));
  const rows: SaveRowInput[] = [];
  for (const line of lines) {
    const rawKey = line[0];
    const key = isBlank(rawKey) ? null : String(rawKey);
    const existing = key ? known.get(key) : undefined;
    if (existing && (existing.isGroup || existing.readOnly)) continue;
    const cells = editable.map((c) => ({ columnKey: c.key, value: line[c.at] ?? null }));
    if (!key && cells.every((c) => isBlank(c.value))) continue;
    rows.push(key ? { key, cells } : { cells });
  }
  return rows;
}
