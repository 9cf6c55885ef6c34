import { foldVietnamese, searchPatterns, searchTextOf } from '../../../shared/text/fold.ts';

describe('foldVietnamese', () => {
  const target = 'so y te';
  it.each([
    ['plain', 'Sở Y tế'],
    ['upper case', 'SỞ Y TẾ'],
    ['decomposed (NFD)', 'Sở Y tế'.normalize('NFD')],
    ['no diacritics', 'so y te'],
    ['extra spaces', '  Sở   Y\ttế '],
  ])('folds %s to the same text', (_what, input) => {
    expect(foldVietnamese(input)).toBe(target);
  });

  it('folds đ and Đ to d', () => {
    expect(foldVietnamese('Đề cương báo cáo Đắk Lắk')).toBe('de cuong bao cao dak lak');
  });

  it('keeps digits and punctuation of document numbers', () => {
    expect(foldVietnamese('393/KH-UBND')).toBe('393/kh-ubnd');
  });

  it('indexes the words of several fields, skipping empty ones', () => {
    expect(searchTextOf('Sở Thông tin và Truyền thông', null, 'Sở TT&TT')).toBe(
      ' so thong tin va truyen thong so tt tt ',
    );
  });

  it('turns a query into word-start patterns that match the indexed text', () => {
    const indexed = searchTextOf('393/KH-UBND', 'Chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025');
    const matches = (q: string) => searchPatterns(q).every((p) => indexed.includes(p));
    expect(matches('393/KH-UBND')).toBe(true);
    expect(matches('chuyen doi so ha tinh')).toBe(true);
    expect(matches('CHUYỂN ĐỔI SỐ'.normalize('NFD'))).toBe(true);
    expect(matches('tinh nghe an')).toBe(false);
    // a word must start a word: "inh" is inside "tinh", not a word of its own
    expect(matches('inh')).toBe(false);
  });
});
