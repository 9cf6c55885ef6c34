// The signing forms of Nghị định 30/2020 and the signature block's lines they give: a deputy
// signs "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC", a commune's report "TM. ỦY BAN NHÂN DÂN" over
// "CHỦ TỊCH", the head under their own office alone.
import {
  SIGNING_FORMS,
  isSigningForm,
  signingFormOf,
  signingLine,
} from '../../../shared/signing/forms.ts';

describe('signing forms', () => {
  test('the six forms with the prefixes the decree writes', () => {
    expect(SIGNING_FORMS.map((f) => [f.code, f.prefix])).toEqual([
      ['DIRECT', ''],
      ['TM', 'TM.'],
      ['Q', 'Q.'],
      ['KT', 'KT.'],
      ['TL', 'TL.'],
      ['TUQ', 'TUQ.'],
    ]);
    for (const form of SIGNING_FORMS) {
      expect(form.label).toMatch(/\p{L}/u);
      expect(form.description).toMatch(/Điều 13|Phụ lục I/);
      // Each example is what signingLine gives for it.
      const [first, second] = form.example;
      const office = form.prefix ? first!.slice(form.prefix.length + 1) : first!;
      expect(signingLine(form.code, office, second ?? null)).toEqual(form.example);
    }
  });

  test('signature block lines', () => {
    expect(signingLine('KT', 'GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC')).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(signingLine('TM', 'Ủy ban nhân dân', 'Chủ tịch')).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ]);
    expect(signingLine('TL', ' giám  đốc ', 'Chánh Văn phòng')).toEqual([
      'TL. GIÁM ĐỐC',
      'CHÁNH VĂN PHÒNG',
    ]);
    expect(signingLine('Q', 'Giám đốc', null)).toEqual(['Q. GIÁM ĐỐC']);
    // The same office twice is written once.
    expect(signingLine('Q', 'Giám đốc', 'GIÁM ĐỐC')).toEqual(['Q. GIÁM ĐỐC']);
    expect(signingLine('DIRECT', null, 'Giám đốc')).toEqual(['GIÁM ĐỐC']);
    expect(signingLine('DIRECT', 'Giám đốc', undefined)).toEqual(['GIÁM ĐỐC']);
    expect(signingLine('DIRECT', '', '')).toEqual([]);
    // Decomposed input (some keyboards) comes out composed.
    expect(signingLine('KT', 'Giám đốc'.normalize('NFD'), null)).toEqual(['KT. GIÁM ĐỐC']);
  });

  test('codes as typed on a command line', () => {
    expect(signingFormOf('kt')).toBe('KT');
    expect(signingFormOf('TUQ.')).toBe('TUQ');
    expect(signingFormOf(' direct ')).toBe('DIRECT');
    expect(signingFormOf('KY THAY')).toBeNull();
    expect(isSigningForm('TM')).toBe(true);
    expect(isSigningForm('tm')).toBe(false);
    expect(isSigningForm(3)).toBe(false);
  });
});
