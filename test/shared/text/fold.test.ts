import { foldVietnamese, searchTextOf } from '../../../shared/text/fold.ts';

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

  it('joins several fields and skips empty ones', () => {
    expect(searchTextOf('Sở Thông tin và Truyền thông', null, 'Sở TT&TT')).toBe(
      'so thong tin va truyen thong | so tt&tt',
    );
  });
});
