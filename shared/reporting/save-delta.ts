// What a save has to carry: only what differs from the version it is based on. The add-in reads
// every cell of the workbook, but sends the cells whose value changed (or that do not read as a
// value at all, so the server names the problem), the rows the agency added, and the answers it
// changed. The server merges a save cell by cell over the base version, so the result is the
// same as sending everything, and a 2,000-row appendix edited in ten cells sends ten cells.
// Values go in their canonical form where they read (GraphQL's CellInput.value is a String, and a
// number pasted into Excel arrives here as a number); what does not read goes as written, for the
// server to name.
import { canonicalFromNumber, parseCell, type CellColumn, type RawCell } from '../cells/parse.ts';
import type { SaveInput, SheetColumn, Sheet } from './sheet.ts';

/** A save as it travels: every value a string, or null for an empty cell. */
export interface WireCell {
  columnKey: string;
  value: string | null;
}
export interface WireSaveInput {
  tables: { key: string; rows: { key?: string | null; cells: WireCell[] }[] }[];
  answers: { key: string; text: string | null }[];
}

/** A raw cell as text, without reading it (booleans and Excel's numbers canonically). */
function asText(raw: RawCell): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return canonicalFromNumber(raw);
  return String(raw);
}

/** A raw cell as it travels: canonical where it reads as a value (`reads`), else as written. */
function wireCell(
  column: CellColumn | undefined,
  raw: RawCell,
): { value: string | null; reads: boolean } {
  if (!column) return { value: asText(raw), reads: false };
  const parsed = parseCell(column, raw);
  return parsed.ok ? { value: parsed.value, reads: true } : { value: asText(raw), reads: false };
}

export function changedInput(sheet: Sheet, input: SaveInput): WireSaveInput {
  const tables: WireSaveInput['tables'] = [];
  for (const t of input.tables ?? []) {
    const table = sheet.tables.find((x) => x.key === t.key);
    if (!table) {
      tables.push({
        key: t.key,
        rows: t.rows.map((r) => ({
          key: r.key,
          cells: r.cells.map((c) => ({ columnKey: c.columnKey, value: asText(c.value) })),
        })),
      });
      continue;
    }
    const columns = new Map<string, SheetColumn>(table.columns.map((c) => [c.key, c]));
    // Looked up once per row read back: a 2,000-row appendix is not searched 2,000 times.
    const baseRows = new Map(table.rows.map((r) => [r.key, r]));
    const rows: WireSaveInput['tables'][number]['rows'] = [];
    for (const r of t.rows) {
      const row = r.key ? baseRows.get(r.key) : undefined;
      const cells: WireCell[] = [];
      for (const c of r.cells) {
        const { value, reads } = wireCell(columns.get(c.columnKey), c.value);
        const base = row?.cells.find((x) => x.columnKey === c.columnKey)?.value ?? null;
        // A row the base has sends only the cells that changed (or do not read).
        if (!row || !reads || value !== base) cells.push({ columnKey: c.columnKey, value });
      }
      // A row added in the workbook and emptied again before the server had it: nothing to send.
      if (!row && r.key && cells.every((c) => c.value === null || c.value.trim() === '')) continue;
      // A new open row, or a key the server will refuse by name, goes whole.
      if (!row) rows.push({ ...(r.key ? { key: r.key } : {}), cells });
      else if (cells.length) rows.push({ key: r.key, cells });
    }
    if (rows.length) tables.push({ key: t.key, rows });
  }
  const answers = (input.answers ?? [])
    .filter((a) => {
      const section = sheet.outline.find((s) => s.key === a.key);
      if (!section) return true;
      const parsed = parseCell({ type: 'LONG_TEXT' }, a.text);
      return !parsed.ok || parsed.value !== section.answer;
    })
    .map((a) => ({ key: a.key, text: a.text ?? null }));
  return { tables, answers };
}

/** True when the save changes nothing. */
export function isEmptyInput(input: SaveInput | WireSaveInput): boolean {
  return !(input.tables ?? []).length && !(input.answers ?? []).length;
}
