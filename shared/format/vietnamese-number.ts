// Vietnamese number formatting: "314.400.000" with dots between thousands, and amounts read out in
// words as documents write them under a budget total ("Ba trăm mười bốn triệu, bốn trăm nghìn
// đồng"). Used for budget totals on the server, in exported sheets and in review checks.

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** 314400000 → "314.400.000"; negative numbers keep their sign. */
export function formatThousands(value: number | bigint): string {
  const text = value.toString();
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

/**
 * A decimal as Vietnamese write it, rounded: 1000 → "1.000", 85.735 → "85,74", 12.5 → "12,5"
 * (scores and points in messages and sheets).
 */
export function formatDecimal(value: number, fractionDigits = 2): string {
  const scale = 10 ** fractionDigits;
  const rounded = Math.round(Math.abs(value) * scale);
  const whole = Math.floor(rounded / scale);
  const fraction = String(rounded % scale)
    .padStart(fractionDigits, '0')
    .replace(/0+$/, '');
  const text = fraction ? `${formatThousands(whole)},${fraction}` : formatThousands(whole);
  return value < 0 && rounded > 0 ? `-${text}` : text;
}

/** Reads one group of three digits; `full` when a higher group precedes it ("không trăm linh năm"). */
function readGroup(n: number, full: boolean): string {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  if (hundreds > 0 || full) words.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(DIGITS[tens]!, 'mươi');
  }
  if (units > 0) {
    if (units === 1 && tens >= 2) words.push('mốt');
    else if (units === 4 && tens >= 2) words.push('tư');
    else if (units === 5 && tens >= 1) words.push('lăm');
    else words.push(DIGITS[units]!);
  }
  return words.join(' ');
}

/** 314400000 → "ba trăm mười bốn triệu, bốn trăm nghìn" (groups separated by commas). */
export function numberToWords(value: number | bigint): string {
  let n = BigInt(value);
  if (n < 0n) return `âm ${numberToWords(-n)}`;
  if (n === 0n) return 'không';
  const groups: number[] = [];
  while (n > 0n) {
    groups.push(Number(n % 1000n));
    n /= 1000n;
  }
  if (groups.length > SCALES.length) throw new RangeError('Số quá lớn để đọc thành chữ.');
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    const words = readGroup(g, i < groups.length - 1);
    parts.push(SCALES[i] ? `${words} ${SCALES[i]}` : words);
  }
  return parts.join(', ');
}

/** An amount in đồng as written under a total: "Ba trăm mười bốn triệu, bốn trăm nghìn đồng". */
export function moneyInWords(amount: number | bigint): string {
  const words = numberToWords(amount);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} đồng`;
}

/** Compares two readings ignoring case, punctuation, spacing and Unicode form. */
export function sameWords(a: string, b: string): boolean {
  const variants: Record<string, string> = { lẻ: 'linh', ngàn: 'nghìn', tỉ: 'tỷ' };
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .toLowerCase()
      .replace(/[.,;:()]/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => variants[w] ?? w)
      .join(' ');
  return norm(a) === norm(b);
}
