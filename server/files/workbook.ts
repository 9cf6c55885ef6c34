// What every workbook the server writes or reads shares: safe text (never a formula), Vietnamese
// number and date formats per column type, the look of headers and read-only cells, and the
// checks an uploaded file passes before it is opened at all (size, zip bomb).
import { inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../libraries.ts';
import type { SheetColumn } from '../../shared/reporting/sheet.ts';
import { formatCell } from '../../shared/cells/parse.ts';

export class FileError extends Error {}

/** Largest upload accepted, and the most its zip may expand to (a zip bomb is refused unread). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 60 * 1024 * 1024;
const TOO_LARGE_UNZIPPED = 'Tệp giải nén ra quá lớn; không mở (có thể là tệp độc hại).';

const solid = (argb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});
export const FILL_HEADER = solid('FFDDEBF7');
export const FILL_READ_ONLY = solid('FFEDEDED');
export const FILL_GROUP = solid('FFF2F2F2');
export const FILL_WARNING = solid('FFFCE4D6');
export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * A canonical cell value as Excel should hold it: numbers as numbers, dates as dates, choices and
 * yes/no as the words staff read, text always as text — a text that looks like a formula
 * ("=HYPERLINK(…)") is written as a string value and never evaluated.
 */
export function excelValue(
  column: Pick<SheetColumn, 'type' | 'options'>,
  value: string | null,
): ExcelJS.CellValue {
  if (value === null) return null;
  switch (column.type) {
    case 'INTEGER':
    case 'DECIMAL':
    case 'PERCENT':
    case 'MONEY':
      return Number(value);
    case 'DATE':
      return new Date(`${value}T00:00:00Z`);
    case 'BOOLEAN':
    case 'CHOICE':
      return formatCell(column, value);
    default:
      return value;
  }
}

/** A raw cell as read from a workbook: what staff see, never a formula. */
export function rawCell(value: ExcelJS.CellValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined ||
        (typeof result === 'object' && result !== null && !(result instanceof Date))
        ? null
        : rawCell(result as ExcelJS.CellValue);
    }
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return null;
  }
  return null;
}

/** One file inside a zip, as its central directory describes it. */
interface ZipEntry {
  /** 0 stored, 8 deflated: the two an .xlsx uses. */
  method: number;
  compressedSize: number;
  /** What the directory says the entry expands to; a zip bomb may lie. */
  statedSize: number;
  localHeaderOffset: number;
}

/** The central directory's entries, read before anything is decompressed; null if not a zip. */
function zipEntries(buffer: Buffer): ZipEntry[] | null {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  const from = Math.max(0, buffer.length - 65_557);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) return null;
    entries.push({
      method: buffer.readUInt16LE(offset + 10),
      compressedSize: buffer.readUInt32LE(offset + 20),
      statedSize: buffer.readUInt32LE(offset + 24),
      localHeaderOffset: buffer.readUInt32LE(offset + 42),
    });
    offset +=
      46 +
      buffer.readUInt16LE(offset + 28) +
      buffer.readUInt16LE(offset + 30) +
      buffer.readUInt16LE(offset + 32);
  }
  return entries;
}

/**
 * The total the zip's central directory says its entries expand to, read before anything is
 * decompressed. Null when the buffer is not a zip at all.
 */
export function zipUncompressedSize(buffer: Buffer): number | null {
  const entries = zipEntries(buffer);
  return entries && entries.reduce((total, entry) => total + entry.statedSize, 0);
}

/**
 * Refuses a zip whose entries expand to more than its directory says. JSZip (inside ExcelJS)
 * trusts the directory and inflates an entry whole before comparing: a 10 MB upload of deflated
 * zeros that says "100 bytes" would become gigabytes in the server's memory. Each entry is
 * inflated here with a ceiling of its stated size (zlib's maxOutputLength), so a lie costs at
 * most what the directory allowed, and the directory's total was already held to
 * MAX_UNZIPPED_BYTES.
 */
function refuseLyingEntries(buffer: Buffer, entries: ZipEntry[]): void {
  const invalid = () => new FileError('Tệp không phải bảng tính .xlsx hợp lệ.');
  for (const entry of entries) {
    const local = entry.localHeaderOffset;
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw invalid();
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) continue; // stored: its size is its compressed size
    if (entry.method !== 8) throw invalid();
    try {
      inflateRawSync(data, { maxOutputLength: Math.max(1, entry.statedSize) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FileError(TOO_LARGE_UNZIPPED);
      }
      throw invalid();
    }
  }
}

/** Opens an uploaded workbook, refusing what is not a reasonable .xlsx before reading it. */
export async function readUpload(buffer: Buffer): Promise<ExcelJS.Workbook> {
  if (buffer.length > MAX_UPLOAD_BYTES) {
    throw new FileError(`Tệp lớn quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  }
  const entries = zipEntries(buffer);
  if (entries === null) throw new FileError('Tệp không phải bảng tính .xlsx hợp lệ.');
  const stated = entries.reduce((total, entry) => total + entry.statedSize, 0);
  if (stated > MAX_UNZIPPED_BYTES) throw new FileError(TOO_LARGE_UNZIPPED);
  refuseLyingEntries(buffer, entries);
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new FileError('Tệp không phải bảng tính .xlsx hợp lệ.');
  }
  return workbook;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
