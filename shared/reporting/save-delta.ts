// What a save has to carry: only what differs from the version it is based on. The add-in reads
// every cell of the workbook, but sends the cells whose value changed (or that do not read as a
// value at all, so the server names the problem), the rows the agency added, and the answers it
// changed. The server merges a save cell by cell over the base version, so the result is the
// same as sending everything, and a 2,000-row appendix edited in ten cells sends ten cells.
import { parseCell } from '../cells/parse.ts';
import type { SaveInput, SaveRowInput, SaveTableInput, Sheet } from './sheet.ts';

export function changedInput(sheet: Sheet, input: SaveInput): SaveInput {
  const tables: SaveTableInput[] = [];
  for (const t of input.tables ?? []) {
    const table = sheet.tables.find((x) => x.key === t.key);
    if (!table) {
      tables.push(t);
      continue;
    }
    const rows: SaveRowInput[] = [];
    for (const r of t.rows) {
      const row = r.key ? table.rows.find((x) => x.key === r.key) : undefined;
      if (!row) {
        // A new open row, or a key the server will refuse by name.
        rows.push(r);
        continue;
      }
      const cells = r.cells.filter((c) => {
        const column = table.columns.find((x) => x.key === c.columnKey);
        if (!column) return true;
        const parsed = parseCell(column, c.value);
        const current = row.cells.find((x) => x.columnKey === c.columnKey)?.value ?? null;
        return !parsed.ok || parsed.value !== current;
      });
      if (cells.length) rows.push({ key: r.key, cells });
    }
    if (rows.length) tables.push({ key: t.key, rows });
  }
  const answers = (input.answers ?? []).filter((a) => {
    const section = sheet.outline.find((s) => s.key === a.key);
    if (!section) return true;
    const parsed = parseCell({ type: 'LONG_TEXT' }, a.text);
    return !parsed.ok || parsed.value !== section.answer;
  });
  return { tables, answers };
}

/** True when the save changes nothing. */
export function isEmptyInput(input: SaveInput): boolean {
  return !(input.tables ?? []).length && !(input.answers ?? []).length;
}
