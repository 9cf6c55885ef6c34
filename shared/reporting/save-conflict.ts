// Saves made offline meet a report someone else saved meanwhile: the server refuses them (their
// base version is gone) and nothing is overwritten. These rules say what the person is shown —
// each cell both sides changed, as it was, as they typed it, as the server holds it now — and
// what "keep mine" sends: every change of theirs in one save over the server's version, so the
// server keeps the other person's changes to every other cell.
import { formatCell } from '../cells/parse.ts';
import type { WireSaveInput } from './save-delta.ts';
import { sectionTitle, shortTableName, type Sheet } from './sheet.ts';

/** One cell (or outline answer) changed by the waiting saves that differs on the server. */
export interface ConflictCell {
  /** Where it is: "Bảng Hạ tầng số · Dòng 2 · Số lượng", or the section's title. */
  place: string;
  /** When the person started (the workbook's base version), as shown in Excel. */
  base: string;
  /** Theirs: what the waiting saves would write. */
  ours: string;
  /** What the server holds now. */
  server: string;
}

type Values = Map<string, { place: string; value: string | null; shown: string }>;

/** Every cell and answer of a sheet by a stable address, with its place and shown value. */
function valuesOf(sheet: Sheet): Values {
  const out: Values = new Map();
  for (const table of sheet.tables) {
    const columns = new Map(table.columns.map((c) => [c.key, c]));
    for (const row of table.rows) {
      for (const cell of row.cells) {
        const column = columns.get(cell.columnKey);
        if (!column) continue;
        out.set(`${table.key}\u0000${row.key}\u0000${cell.columnKey}`, {
          place: `Bảng ${shortTableName(table.title)} · ${row.label} · ${column.label}`,
          value: cell.value,
          shown: formatCell(column, cell.value),
        });
      }
    }
  }
  for (const section of sheet.outline) {
    if (!section.answerable) continue;
    out.set(`\u0000${section.key}`, {
      place: sectionTitle(section),
      value: section.answer,
      shown: section.answer ?? '',
    });
  }
  return out;
}

/**
 * The cells the waiting saves changed (ours differs from base) whose value on the server is not
 * ours: the ones a person has to look at. A cell both changed to the same value is no conflict.
 */
export function conflictingCells(base: Sheet, ours: Sheet, server: Sheet): ConflictCell[] {
  const before = valuesOf(base);
  const now = valuesOf(server);
  const out: ConflictCell[] = [];
  for (const [address, mine] of valuesOf(ours)) {
    const was = before.get(address);
    if ((was?.value ?? null) === mine.value) continue;
    const theirs = now.get(address);
    if ((theirs?.value ?? null) === mine.value) continue;
    out.push({
      place: mine.place,
      base: was?.shown ?? '',
      ours: mine.shown,
      server: theirs?.shown ?? '',
    });
  }
  return out;
}

/**
 * The waiting saves as one: for each cell and answer the last value written, rows in the order
 * they first appear. Sent over the server's current version, it changes exactly what they did.
 */
export function mergeSaves(saves: readonly WireSaveInput[]): WireSaveInput {
  const tables = new Map<string, Map<string, Map<string, string | null>>>();
  const unkeyed = new Map<string, WireSaveInput['tables'][number]['rows']>();
  const answers = new Map<string, string | null>();
  for (const save of saves) {
    for (const t of save.tables) {
      const rows = tables.get(t.key) ?? new Map<string, Map<string, string | null>>();
      tables.set(t.key, rows);
      for (const r of t.rows) {
        // A row without a key is new in each save that has it: kept as it came.
        if (!r.key) {
          unkeyed.set(t.key, [...(unkeyed.get(t.key) ?? []), r]);
          continue;
        }
        const cells = rows.get(r.key) ?? new Map<string, string | null>();
        rows.set(r.key, cells);
        for (const c of r.cells) cells.set(c.columnKey, c.value);
      }
    }
    for (const a of save.answers) answers.set(a.key, a.text);
  }
  return {
    tables: [...tables].map(([key, rows]) => ({
      key,
      rows: [
        ...[...rows].map(([rowKey, cells]) => ({
          key: rowKey,
          cells: [...cells].map(([columnKey, value]) => ({ columnKey, value })),
        })),
        ...(unkeyed.get(key) ?? []),
      ],
    })),
    answers: [...answers].map(([key, text]) => ({ key, text })),
  };
}
