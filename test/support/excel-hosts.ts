// The Excel hosts the add-in is tested on, as the strict double plays them: the oldest the
// manifest accepts without notes (ExcelApi 1.10, Excel 2021/2024 have up to 1.14/1.17) and a
// current Microsoft 365 (1.18, notes), each with an en-US and a vi-VN person at the keyboard.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { excelHost, type ExcelHost } from '../../addin/src/excel/host.ts';
import { ExcelDouble, type ExcelDoubleOptions } from './excel-double/index.ts';

export const HOSTS: (ExcelDoubleOptions & { api: string; locale: 'en-US' | 'vi-VN' })[] = [
  { api: '1.10', locale: 'en-US' },
  { api: '1.10', locale: 'vi-VN' },
  { api: '1.18', locale: 'en-US' },
  { api: '1.18', locale: 'vi-VN' },
];

export const MB = 1024 * 1024;

export function doubleHost(options: ExcelDoubleOptions = {}): {
  book: ExcelDouble;
  host: ExcelHost;
} {
  const book = new ExcelDouble(options);
  return { book, host: excelHost({ run: book.run, requirements: book.requirements }) };
}

/** Syncs and the largest request and answer of `step`, on `book`. */
export async function measured(
  book: ExcelDouble,
  step: () => Promise<unknown>,
): Promise<{ syncs: number; largestRequest: number; largestResponse: number }> {
  const syncs = book.syncs;
  const from = book.requests.length;
  await step();
  const records = book.requests.slice(from);
  return {
    syncs: book.syncs - syncs,
    largestRequest: Math.max(0, ...records.map((r) => r.requestBytes)),
    largestResponse: Math.max(0, ...records.map((r) => r.responseBytes)),
  };
}

const figuresFile = fileURLToPath(new URL('../../.tmp/excel-payload.json', import.meta.url));

/** Keeps measured figures for the record (.tmp/excel-payload.json). */
export function recordFigures(name: string, figures: unknown): void {
  mkdirSync(path.dirname(figuresFile), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(figuresFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // first figures of this run
  }
  all[name] = figures;
  writeFileSync(figuresFile, `${JSON.stringify(all, null, 2)}\n`);
}
