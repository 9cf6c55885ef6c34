// The workbook's contents as the double keeps them: worksheets of cells with their formats,
// protection, validation, notes, tables and charts, and the addresses that name them.
import type { CellValue } from './entries.ts';

export interface DoubleValidation {
  rule: Record<string, unknown> | null;
  errorAlert: { showAlert?: boolean; style?: string; title?: string; message?: string } | null;
  prompt: { showPrompt?: boolean; title?: string; message?: string } | null;
}

export interface DoubleCell {
  value: CellValue;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  bold: boolean;
  italic: boolean;
  locked: boolean;
  wrapText: boolean;
  horizontalAlignment: string;
  validation: DoubleValidation | null;
  hyperlink: { documentReference?: string; address?: string; textToDisplay?: string } | null;
}

export interface DoubleChart {
  type: string;
  /** The source range's address and its values when the chart was made. */
  source: string;
  data: unknown[][];
  seriesBy: string;
  title: string;
  legend: boolean;
  position: [string, string?] | null;
}

export interface ProtectionOptions {
  allowAutoFilter?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowEditObjects?: boolean;
  allowEditScenarios?: boolean;
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertHyperlinks?: boolean;
  allowInsertRows?: boolean;
  allowPivotTables?: boolean;
  allowSort?: boolean;
  selectionMode?: string;
}

export interface DoubleSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Cells by "row,column" (both from 0). */
  cells: Map<string, DoubleCell>;
  protection: { protected: boolean; options: ProtectionOptions };
  hiddenColumns: Set<number>;
  columnWidths: Map<number, number>;
  /** Notes by cell address ("D6"). */
  notes: Map<string, string>;
  tables: { address: string; hasHeaders: boolean; style: string | null }[];
  charts: DoubleChart[];
  frozenRows: number;
}

export const cellKey = (r: number, c: number) => `${r},${c}`;

export const blankCell = (): DoubleCell => ({
  value: '',
  formula: null,
  numberFormat: 'General',
  fill: null,
  bold: false,
  italic: false,
  locked: true,
  wrapText: false,
  horizontalAlignment: 'General',
  validation: null,
  hyperlink: null,
});

/** True when the cell has neither a value nor anything set on it (not in the used range). */
export function isBlank(cell: DoubleCell): boolean {
  return JSON.stringify(cell) === JSON.stringify(blankCell());
}

export function emptySheet(id: string, name: string): DoubleSheet {
  return {
    id,
    name,
    visibility: 'Visible',
    cells: new Map(),
    protection: { protected: false, options: {} },
    hiddenColumns: new Set(),
    columnWidths: new Map(),
    notes: new Map(),
    tables: [],
    charts: [],
    frozenRows: 0,
  };
}

export const MAX_ROW = 1_048_575;
export const MAX_COLUMN = 16_383;

export interface Bounds {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B3", "A3:H10", "A:A", "$A$1"; null when it is not an address. */
export function parseAddress(address: string): Bounds | null {
  const part = (a: string) => {
    const m = /^([A-Z]{1,3})?(\d{1,7})?$/.exec(a.replace(/\$/g, ''));
    if (!m || (!m[1] && !m[2])) return null;
    return { c: m[1] ? columnIndex(m[1]) : null, r: m[2] ? Number(m[2]) - 1 : null };
  };
  const [a, b, extra] = address.split(':');
  if (extra !== undefined || !a) return null;
  const p = part(a);
  const q = part(b ?? a);
  if (!p || !q) return null;
  const bounds = { r0: p.r ?? 0, c0: p.c ?? 0, r1: q.r ?? MAX_ROW, c1: q.c ?? MAX_COLUMN };
  if (bounds.r1 < bounds.r0 || bounds.c1 < bounds.c0 || bounds.r1 > MAX_ROW) return null;
  return bounds;
}

export const isUnbounded = (b: Bounds) => b.r1 - b.r0 >= MAX_ROW || b.c1 - b.c0 >= MAX_COLUMN;

export function addressOf(b: Bounds): string {
  const a = `${columnLetters(b.c0)}${b.r0 + 1}`;
  const z = `${columnLetters(b.c1)}${b.r1 + 1}`;
  return a === z ? a : `${a}:${z}`;
}

/** The smallest block holding every cell that is not blank, or null for an empty sheet. */
export function usedBounds(sheet: DoubleSheet, valuesOnly: boolean): Bounds | null {
  let b: Bounds | null = null;
  for (const [k, cell] of sheet.cells) {
    if (valuesOnly ? cell.value === '' : isBlank(cell)) continue;
    const [r, c] = k.split(',').map(Number) as [number, number];
    b = b
      ? {
          r0: Math.min(b.r0, r),
          c0: Math.min(b.c0, c),
          r1: Math.max(b.r1, r),
          c1: Math.max(b.c1, c),
        }
      : { r0: r, c0: c, r1: r, c1: c };
  }
  return b;
}
