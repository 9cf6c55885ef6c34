// A plan's budget: its lines, their total and the total read out in Vietnamese words.
import { moneyInWords } from '../../shared/format/vietnamese-number.ts';

export interface BudgetLineAmount {
  amount: bigint;
}

export function budgetSummary<L extends BudgetLineAmount>(lines: L[]) {
  const total = lines.reduce((sum, l) => sum + l.amount, 0n);
  return { total, totalInWords: moneyInWords(total), lines };
}
