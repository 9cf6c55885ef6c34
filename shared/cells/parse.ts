// One cell, from what a person typed to the canonical form the server stores, and back to what a
// person reads. The server validates SaveReport and uploaded files with it; the add-in checks
// cells with it before sending. Canonical forms (contract README): numbers "1234.5", percent in
// percent points ("80" is 80%), money in whole đồng, dates "2023-08-20", booleans "true"/"false",
// a choice's key, text as typed (NFC, trimmed); null when empty.
//
// Numbers are read the Vietnamese way first: "." groups thousands and "," marks decimals
// ("1.234,5" is 1234.5; "1.500" is 1500, as staff mean it). A single "." followed by anything
// but exactly three digits is a decimal point, so canonical values ("1234.5", "0.75") read back
// as sent. Excel's own numbers are passed as numbers and never go through this guessing.
import { foldVietnamese } from '../text/fold.ts';
import { formatVietnamDay } from '../time/vietnam.ts';
import type { ChoiceOption, ColumnType } from '../reporting/sheet.ts';

export interface CellColumn {
  type: ColumnType;
  options?: ChoiceOption[];
}

export type CellResult = { ok: true; value: string | null } | { ok: false; message: string };

export type RawCell = string | number | boolean | null | undefined;

/** Longest text a cell takes; beyond it a sheet is unreadable and a database row is abused. */
export const MAX_TEXT_LENGTH = { TEXT: 2_000, LONG_TEXT: 30_000 } as const;
/** Digits a number may carry: beyond 15 a double (and Excel) loses them. */
const MAX_DIGITS = 15;

const ok = (value: string | null): CellResult => ({ ok: true, value });
const fail = (message: string): CellResult => ({ ok: false, message });

/** A raw value shortened for a message, so a huge paste does not make a huge error. */
export function quoted(raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ');
  return `"${oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine}"`;
}

/** Control characters other than tab and newline have no place in a report (and break XML). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

function cleanText(raw: string): string {
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

export function parseCell(column: CellColumn, raw: RawCell): CellResult {
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw === 'number') return parseNumberValue(column, raw);
  if (typeof raw === 'boolean') return parseCell(column, raw ? 'true' : 'false');
  const text = cleanText(raw);
  if (text === '') return ok(null);
  switch (column.type) {
    case 'TEXT':
    case 'LONG_TEXT': {
      const max = MAX_TEXT_LENGTH[column.type];
      return text.length > max
        ? fail(`dài ${text.length} ký tự, vượt quá ${max} ký tự cho phép`)
        : ok(text);
    }
    case 'INTEGER':
      return parseInteger(text, 'số nguyên');
    case 'MONEY':
      return parseInteger(stripCurrency(text), 'số tiền (đồng, số nguyên)');
    case 'DECIMAL':
      return parseDecimal(text);
    case 'PERCENT':
      return parseDecimal(text.replace(/\s*%$/, ''));
    case 'DATE':
      return parseDate(text);
    case 'BOOLEAN':
      return parseBoolean(text);
    case 'CHOICE':
      return parseChoice(text, column.options ?? []);
  }
}

/** A number as Excel holds it: no separators to guess, only the column's type to respect. */
function parseNumberValue(column: CellColumn, n: number): CellResult {
  if (!Number.isFinite(n)) return fail('không phải là số hợp lệ');
  const text = canonicalFromNumber(n);
  switch (column.type) {
    case 'INTEGER':
    case 'MONEY':
      if (!Number.isInteger(n)) return fail(`${formatNumberVi(text)} không phải là số nguyên`);
      return Number.isSafeInteger(n) ? ok(text) : fail(`${formatNumberVi(text)} quá lớn`);
    case 'DECIMAL':
    case 'PERCENT':
      return ok(text);
    case 'BOOLEAN':
      return n === 1 || n === 0 ? ok(n === 1 ? 'true' : 'false') : parseBoolean(text);
    case 'DATE':
      return fail(`${formatNumberVi(text)} không phải là ngày (ngày/tháng/năm, ví dụ 20/8/2023)`);
    default:
      return parseCell(column, text);
  }
}

/** A JS number in canonical text, without exponent notation ("0.000001", not "1e-6"). */
export function canonicalFromNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  const text = String(n);
  if (!/e/i.test(text)) return text;
  // Exponent notation only appears beyond 1e21 or below 1e-6; toFixed covers the small side.
  return Math.abs(n) < 1 ? n.toFixed(20).replace(/\.?0+$/, '') : BigInt(Math.round(n)).toString();
}

function stripCurrency(text: string): string {
  return text.replace(/\s*(đồng|đ|vnđ|vnd)\.?$/i, '');
}

interface Digits {
  negative: boolean;
  whole: string;
  fraction: string;
}

/**
 * Splits a typed number into sign, whole and fraction digits, by the Vietnamese convention
 * (see the file comment). Null when it is not a number at all.
 */
function readNumber(text: string): Digits | null {
  let t = text.replace(/[\s\u00a0\u202f]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    // Accountants write negatives in parentheses.
    negative = true;
    t = t.slice(1, -1);
  }
  if (/^[-−]/.test(t)) {
    negative = !negative;
    t = t.slice(1);
  } else if (t.startsWith('+')) {
    t = t.slice(1);
  }
  const dots = (t.match(/\./g) ?? []).length;
  const commas = (t.match(/,/g) ?? []).length;
  let whole: string;
  let fraction = '';
  if (dots && commas) {
    const decimalMark = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    const groupMark = decimalMark === ',' ? '.' : ',';
    const [w, f, extra] = t.split(decimalMark);
    if (extra !== undefined || f === undefined) return null;
    if (!validGroups(w!, groupMark)) return null;
    whole = w!.split(groupMark).join('');
    fraction = f;
  } else if (commas) {
    if (commas === 1) [whole, fraction] = t.split(',') as [string, string];
    else if (validGroups(t, ',')) whole = t.split(',').join('');
    else return null;
  } else if (dots > 1 || (dots === 1 && /^[1-9]\d{0,2}\.\d{3}$/.test(t))) {
    if (!validGroups(t, '.')) return null;
    whole = t.split('.').join('');
  } else if (dots === 1) {
    [whole, fraction] = t.split('.') as [string, string];
  } else {
    whole = t;
  }
  if (whole === '' && fraction !== '') whole = '0';
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return null;
  return { negative, whole, fraction };
}

/** "1.234.567": the first group 1-3 digits, every later one exactly 3. */
function validGroups(text: string, mark: string): boolean {
  const groups = text.split(mark);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

function canonicalDigits({ negative, whole, fraction }: Digits): string {
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  const body = f ? `${w}.${f}` : w;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

const tooLong = (d: Digits) =>
  d.whole.replace(/^0+/, '').length + d.fraction.replace(/0+$/, '').length > MAX_DIGITS;

function parseInteger(text: string, what: string): CellResult {
  const digits = readNumber(text);
  if (!digits) return fail(`${quoted(text)} không phải là ${what}`);
  if (/[1-9]/.test(digits.fraction)) return fail(`${quoted(text)} không phải là ${what}`);
  const canonical = canonicalDigits({ ...digits, fraction: '' });
  if (!Number.isSafeInteger(Number(canonical))) return fail(`${quoted(text)} quá lớn`);
  return ok(canonical);
}

function parseDecimal(text: string): CellResult {
  const digits = readNumber(text);
  if (!digits) return fail(`${quoted(text)} không phải là số (ví dụ 1.234,5)`);
  if (tooLong(digits)) return fail(`${quoted(text)} có quá ${MAX_DIGITS} chữ số`);
  return ok(canonicalDigits(digits));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A real calendar date as ISO, or null (31/2 is not a date). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > last ? null : `${year}-${pad2(month)}-${pad2(day)}`;
}

function parseDate(text: string): CellResult {
  const folded = foldVietnamese(text);
  let parts: [number, number, number] | null = null;
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(folded);
  if (ymd) parts = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})$/.exec(folded);
  if (!parts && dmy) {
    if (dmy[3]!.length !== 4) return fail(`${quoted(text)}: năm phải đủ 4 chữ số (20/8/2023)`);
    parts = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  }
  const words = /^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$/.exec(folded);
  if (!parts && words) parts = [Number(words[3]), Number(words[2]), Number(words[1])];
  if (!parts) return fail(`${quoted(text)} không phải là ngày (ngày/tháng/năm, ví dụ 20/8/2023)`);
  const iso = isoDate(...parts);
  return iso ? ok(iso) : fail(`${quoted(text)} không phải là ngày có thật`);
}

const TRUE_WORDS = new Set(['co', 'x', 'dung', 'yes', 'y', 'true', '1', 'roi', 'da']);
const FALSE_WORDS = new Set(['khong', 'sai', 'no', 'n', 'false', '0', 'chua']);

function parseBoolean(text: string): CellResult {
  const folded = foldVietnamese(text).replace(/[.!]$/, '');
  if (TRUE_WORDS.has(folded)) return ok('true');
  if (FALSE_WORDS.has(folded)) return ok('false');
  return fail(`${quoted(text)}: chọn "Có" hoặc "Không"`);
}

function parseChoice(text: string, options: ChoiceOption[]): CellResult {
  const byKey = options.find((o) => o.key === text || o.key.toLowerCase() === text.toLowerCase());
  if (byKey) return ok(byKey.key);
  const folded = foldVietnamese(text);
  const byLabel = options.find((o) => foldVietnamese(o.label) === folded);
  if (byLabel) return ok(byLabel.key);
  const labels = options.map((o) => `"${o.label}"`).join(', ');
  return fail(`${quoted(text)} không có trong danh sách (${labels})`);
}

/** A canonical number as Vietnamese read it: "1234.5" → "1.234,5". */
export function formatNumberVi(canonical: string): string {
  const [whole, fraction] = canonical.split('.');
  const negative = whole!.startsWith('-');
  const grouped = (negative ? whole!.slice(1) : whole!).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** A canonical value as a person reads it in Vietnamese ("80" in a percent column: "80%"). */
export function formatCell(column: CellColumn, value: string | null): string {
  if (value === null) return '';
  switch (column.type) {
    case 'INTEGER':
    case 'DECIMAL':
      return formatNumberVi(value);
    case 'PERCENT':
      return `${formatNumberVi(value)}%`;
    case 'MONEY':
      return `${formatNumberVi(value)} đ`;
    case 'DATE':
      return formatVietnamDay(value);
    case 'BOOLEAN':
      return value === 'true' ? 'Có' : 'Không';
    case 'CHOICE':
      return column.options?.find((o) => o.key === value)?.label ?? value;
    default:
      return value;
  }
}

/** The number in a canonical numeric cell, or null. */
export function cellNumber(value: string | null): number | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
