import {
  formatDecimal,
  formatThousands,
  moneyInWords,
  numberToWords,
  sameWords,
} from '../../../shared/format/vietnamese-number.ts';

describe('Vietnamese numbers', () => {
  it('groups thousands with dots', () => {
    expect(formatThousands(314_400_000)).toBe('314.400.000');
    expect(formatThousands(1_500_000_000n)).toBe('1.500.000.000');
    expect(formatThousands(800)).toBe('800');
    expect(formatThousands(-2_500_000)).toBe('-2.500.000');
  });

  it('writes decimals with a comma, rounded, thousands grouped', () => {
    expect(formatDecimal(1000)).toBe('1.000');
    expect(formatDecimal(85.735)).toBe('85,74');
    expect(formatDecimal(12.5)).toBe('12,5');
    expect(formatDecimal(-0.001)).toBe('0');
    expect(formatDecimal(-1234.5)).toBe('-1.234,5');
    expect(formatDecimal(0.12345, 4)).toBe('0,1235');
  });

  it('reads the study tour total as the document writes it', () => {
    expect(moneyInWords(314_400_000)).toBe('Ba trăm mười bốn triệu, bốn trăm nghìn đồng');
  });

  it.each([
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [1_005, 'một nghìn, không trăm linh năm'],
    [26_400_000, 'hai mươi sáu triệu, bốn trăm nghìn'],
    [1_500_000_000, 'một tỷ, năm trăm triệu'],
    [1_000_000_000_000n, 'một nghìn tỷ'],
  ])('%s → "%s"', (n, words) => {
    expect(numberToWords(n)).toBe(words);
  });

  it('compares readings ignoring case, punctuation and the lẻ/linh, ngàn/nghìn variants', () => {
    expect(sameWords('Ba trăm mười bốn triệu bốn trăm ngàn đồng', moneyInWords(314_400_000))).toBe(
      true,
    );
    expect(sameWords('Một trăm lẻ năm', 'một trăm linh năm')).toBe(true);
    expect(sameWords('Ba trăm mười bốn triệu đồng', moneyInWords(314_400_000))).toBe(false);
  });
});
