// How Excel turns an entry into a cell: text written by code through Range.values, and text a
// person types. The two differ, and the add-in must survive both.
//
// - Code (Range.values) is not locale-aware: "Locale-shaped strings (such as the date "19-8-2025"
//   …) are stored as text", while a string starting with "=", "+" or "-" "Excel interprets … as
//   a formula" (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-values-member).
//   Numeric text in the invariant (en-US) shape becomes a number ("01" → 1, "1.10" → 1.1,
//   "0912…" → 912…), as the issue that asked for this double found in Excel; the page does not
//   say it, so the double takes the harsher reading. A cell formatted as text ("@") keeps the
//   string as written: that is the practice Microsoft gives for long numbers ("Be sure to set the
//   cell format before you type the number",
//   https://learn.microsoft.com/en-us/troubleshoot/microsoft-365-apps/excel/long-numbers-incorrectly-in-excel).
//   A leading apostrophe is not documented for Range.values, so the double keeps it as written.
// - A person typing is read in their locale: en-US groups with "," and marks decimals with ".",
//   vi-VN the other way round; dates are month/day/year in en-US and day/month/year in vi-VN;
//   "80%" is 0.8. (Application.decimalSeparator: "based on the local Excel settings",
//   https://learn.microsoft.com/en-us/javascript/api/excel/excel.application.) In a text cell what
//   is typed stays text.

export type Locale = 'en-US' | 'vi-VN';
export type CellValue = string | number | boolean;

export interface Entry {
  value: CellValue;
  /** The formula the entry became, if it did. */
  formula: string | null;
  /** A number format Excel gives the cell for the entry ("80%" → "0%"), if any. */
  impliedFormat: string | null;
}

export const TEXT_FORMAT = '@';
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  'en-US': { group: ',', decimal: '.' },
  'vi-VN': { group: '.', decimal: ',' },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A number written the locale's way ("1,234.5" in en-US, "1.234,5" in vi-VN), or null. */
export function localeNumber(text: string, locale: Locale): number | null {
  const { group, decimal } = SEPARATORS[locale];
  const g = escape(group);
  const d = escape(decimal);
  const shape = new RegExp(`^([+-]?)(\\d{1,3}(?:${g}\\d{3})+|\\d+)?(?:${d}(\\d+))?$`);
  const m = shape.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const whole = (m[2] ?? '0').split(group).join('');
  const n = Number(`${whole}.${m[3] ?? '0'}`);
  return m[1] === '-' ? -n : n;
}

/** A date as a serial number: ISO anywhere; m/d/yyyy in en-US, d/m/yyyy in vi-VN. */
export function localeDate(text: string, locale: Locale | null): number | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  let parts: [number, number, number] | null = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : null;
  const slashed = locale ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim()) : null;
  if (!parts && slashed) {
    const [a, b, y] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
    parts = locale === 'en-US' ? [y, a, b] : [y, b, a];
  }
  if (!parts) return null;
  const [y, m, d] = parts;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (m < 1 || m > 12 || back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return null;
  return (ms - EXCEL_EPOCH) / 86_400_000;
}

const text = (value: string): Entry => ({ value, formula: null, impliedFormat: null });
const number = (value: CellValue, impliedFormat: string | null = null): Entry => ({
  value,
  formula: null,
  impliedFormat,
});

/** A formula the double cannot evaluate shows Excel's error for unknown names. */
function formula(entry: string, locale: Locale): Entry {
  const body = entry.startsWith('=') ? entry.slice(1) : entry;
  const n = localeNumber(body, locale);
  return { value: n ?? '#NAME?', formula: `=${body}`, impliedFormat: null };
}

/** Numbers, percentages, dates and booleans as `locale` reads them; anything else is text. */
function interpret(entry: string, locale: Locale, dateLocale: Locale | null): Entry {
  const n = localeNumber(entry, locale);
  if (n !== null) return number(n);
  const percent = /^(.*\S)\s*%$/.exec(entry);
  const p = percent ? localeNumber(percent[1]!, locale) : null;
  if (p !== null) return number(p / 100, '0%');
  const date = localeDate(entry, dateLocale);
  if (date !== null) return number(date, locale === 'en-US' ? 'm/d/yyyy' : 'dd/mm/yyyy');
  if (/^(true|false)$/i.test(entry)) {
    return { value: entry.toLowerCase() === 'true', formula: null, impliedFormat: null };
  }
  return text(entry);
}

/** What a cell holds after code writes `value` to Range.values. */
export function writtenEntry(value: unknown, numberFormat: string): Entry {
  if (typeof value === 'number' || typeof value === 'boolean') return number(value);
  const s = String(value);
  if (numberFormat === TEXT_FORMAT || s === '') return text(s);
  if (/^[=+-]./s.test(s)) return formula(s, 'en-US');
  // Not locale-aware: invariant numbers and ISO dates only, so "20/8/2023" stays text.
  return interpret(s, 'en-US', null);
}

/** What a cell holds after a person types `typed` in an Excel set to `locale`. */
export function typedEntry(typed: string, numberFormat: string, locale: Locale): Entry {
  if (numberFormat === TEXT_FORMAT || typed === '') return text(typed);
  if (typed.startsWith("'")) return text(typed.slice(1));
  if (/^[=+-]./s.test(typed)) {
    // "-5" and "+5" are numbers; "- Thiếu số liệu" is a formula Excel cannot compute.
    const n = localeNumber(typed, locale);
    return n !== null ? number(n) : formula(typed, locale);
  }
  return interpret(typed, locale, locale);
}
