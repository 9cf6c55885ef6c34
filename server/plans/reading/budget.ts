// Budget lines as plans write them: "Vé máy bay Nha Trang – Đà Nẵng (22 người x 2.500.000đ)
// 55.000.000", the factors in brackets and the amount after; then "Tổng cộng … 314.400.000" and
// the total in words "(Ba trăm mười bốn triệu, bốn trăm nghìn đồng)".
import type { TextLine } from './text.ts';

export interface BudgetLineDraft {
  description: string;
  /** The factors as written (quantities, unit price), when the line gives them. */
  factors: number[];
  amount: number;
  line: number;
  /** The amount has no unit and is too small to be money ("khoảng 1.000"): a line cut short. */
  cutShort?: boolean;
}

export interface BudgetDraft {
  lines: BudgetLineDraft[];
  total: number | null;
  totalLine: number | null;
  totalInWords: string | null;
  totalInWordsLine: number | null;
}

/** "2.500.000", "2.500.000đ", "314.400.000 đồng", "1,5" → a number (Vietnamese separators). */
export function moneyNumber(raw: string): number | null {
  const t = raw.replace(/\s*(đ|đồng|VNĐ|vnđ)\.?$/u, '').trim();
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d+(,\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return null;
}

const AMOUNT_AT_END = /(\d{1,3}(?:\.\d{3})+)\s*(?:đ|đồng)?\s*$/u;
const MONEY_LIKE = /^\d{1,3}(?:\.\d{3})+/u;

/**
 * The factors inside "(22 người x 6 ngày x 200.000đ/ngày)": the first number of each "x" part,
 * and any money-like figure after it in the same part ("08 phòng 800.000đ", a missing "x").
 * A count that only describes ("xe 24 chỗ") is not a factor.
 */
export function factorsOf(expression: string): number[] {
  const parts = expression.split(/\s[x×]\s|\s\*\s/u);
  if (parts.length < 2) return [];
  const out: number[] = [];
  for (const part of parts) {
    const numbers = [...part.matchAll(/\d[\d.,]*/gu)].map((m) => m[0].replace(/[.,]$/, ''));
    if (!numbers.length) return [];
    numbers.forEach((n, i) => {
      if (i > 0 && !MONEY_LIKE.test(n)) return;
      const v = moneyNumber(n);
      if (v !== null) out.push(v);
    });
  }
  return out;
}

export function readBudget(lines: TextLine[]): BudgetDraft {
  const draft: BudgetDraft = {
    lines: [],
    total: null,
    totalLine: null,
    totalInWords: null,
    totalInWordsLine: null,
  };
  lines.forEach((l, i) => {
    const text = l.cells ? l.cells.join(' ') : l.text;
    if (/^(Tổng cộng|Tổng kinh phí|Cộng)\b/iu.test(text)) {
      // The figure may sit on this line, or after the words on the next ones.
      for (const candidate of [l, lines[i + 1], lines[i + 2]]) {
        if (!candidate) continue;
        const words = /\(([^()]*(?:triệu|nghìn|ngàn|tỷ)[^()]*đồng[^()]*)\)/iu.exec(candidate.text);
        if (words && draft.totalInWords === null) {
          draft.totalInWords = words[1]!.trim();
          draft.totalInWordsLine = candidate.line;
        }
        const amount = /(\d{1,3}(?:\.\d{3})+)/u.exec(candidate.text);
        if (amount && draft.total === null) {
          draft.total = moneyNumber(amount[1]!);
          draft.totalLine = candidate.line;
          break;
        }
      }
      return;
    }
    // "Ước khái toán kinh phí thực hiện: khoảng **1.500.000.000 đồng** (*Một tỷ … đồng*)".
    const estimate =
      /(?:khái toán|dự toán|tổng)\s+kinh phí[^:]{0,40}:\s*(?:khoảng\s*)?\**\s*(\d{1,3}(?:\.\d{3})+)\s*(?:đồng|đ)/iu.exec(
        text,
      );
    if (estimate && draft.total === null) {
      draft.total = moneyNumber(estimate[1]!);
      draft.totalLine = l.line;
      const words = /\(\**([^()*]*(?:tỷ|triệu|nghìn|ngàn)[^()*]*đồng)\**\)/iu.exec(text);
      if (words) {
        draft.totalInWords = words[1]!.trim();
        draft.totalInWordsLine = l.line;
      }
      return;
    }
    // Sources: "- Kinh phí từ ngân sách nhà nước: khoảng 500.000.000 đồng (…)".
    const source =
      /^[-+•]?\s*((?:Kinh phí|Nguồn|Ngân sách)[^:]{3,120}):\s*(?:khoảng\s*)?(\d{1,3}(?:\.\d{3})*)(\s*(?:đồng|đ)\b)?/iu.exec(
        text,
      );
    if (source) {
      const value = moneyNumber(source[2]!);
      if (value !== null) {
        draft.lines.push({
          description: source[1]!.trim(),
          factors: [],
          amount: value,
          line: l.line,
          ...(!source[3] && value < 1_000_000 ? { cutShort: true } : {}),
        });
      }
      return;
    }
    const bracket = /\(([^()]*\d[^()]*\s[x×]\s[^()]*)\)/u.exec(text);
    const amount = AMOUNT_AT_END.exec(text);
    if (!bracket || !amount) return;
    const factors = factorsOf(bracket[1]!);
    const value = moneyNumber(amount[1]!);
    if (value === null) return;
    draft.lines.push({
      // As a clerk types it: the item with its factors in brackets, without the amount.
      description: text
        .slice(0, bracket.index + bracket[0].length)
        .replace(/^\d+\.?\s*(\|\s*)?/u, '')
        .trim(),
      factors,
      amount: value,
      line: l.line,
    });
  });
  return draft;
}
