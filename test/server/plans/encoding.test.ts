// Legacy Vietnamese encodings (server/plans/reading/encoding.ts): detection and conversion to
// Unicode. The legacy side of every case is written out as the code values published for the
// encoding, never produced by running encoding.ts backwards, so a wrong table entry fails here:
// - TCVN3 (TCVN 5712:1993 VN3): the values of glibc's TCVN5712-1 converter
//   (`iconv -f UTF-8 -t TCVN5712-1`), whose lower-case letters and Ă Â Ê Ô Ơ Ư Đ sit where VN3
//   puts them (https://en.wikipedia.org/wiki/VSCII).
// - VNI-Windows: UniKey's vnconv VNI-WIN table (ukengine/data.cpp,
//   https://github.com/vn-input/ibus-unikey), base letter first, then the mark byte.
// A Latin-1 or Windows-1252 reading shows code 0xNN as U+00NN (neither encoding has letters in
// 0x80–0x9F, where the two readings differ).
import {
  ENCODING_NAME,
  detectEncoding,
  toUnicode,
} from '../../../server/plans/reading/encoding.ts';
import {
  TCVN3,
  TCVN3_PUBLISHED,
  UNICODE,
  VNI,
  VNI_PUBLISHED,
} from '../../support/legacy-encodings.ts';

const lines = (text: string) => text.split('\n');

describe('TCVN3 (TCVN 5712:1993, ABC)', () => {
  it('reads every letter at its published code', () => {
    expect(TCVN3_PUBLISHED).toHaveLength(12 * 6 + 1 + 7);
    const document = [TCVN3.independence, ...TCVN3_PUBLISHED.map(([, legacy]) => legacy)];
    const { text, from } = toUnicode(document.join('\n'));
    expect(from).toBe('TCVN3');
    expect(lines(text)).toEqual([
      UNICODE.independence,
      ...TCVN3_PUBLISHED.map(([letter]) => letter),
    ]);
  });

  it.each([
    ['independence', UNICODE.independence],
    ['committee', 'Uỷ ban nhân dân tỉnh'],
    ['basis', UNICODE.basis],
    ['decision', UNICODE.decision],
    // .VnTimeH capitals use the lower-case codes: a line of capitals is capitalised whole, so
    // the motto reads as the heading it is; a mixed line keeps the lower-case letters.
    ['motto', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['plan', 'Kế HOạCH Chuyển đổi số năm 2021'],
  ] as const)('converts the %s line', (key, expected) => {
    expect(detectEncoding(TCVN3[key])).toBe('TCVN3');
    expect(toUnicode(TCVN3[key])).toEqual({ text: expected, from: 'TCVN3' });
  });

  it('keeps the Windows punctuation whether the copy was read as Windows-1252 or Latin-1', () => {
    const cp1252 = `\u201c${TCVN3.independence}\u201d \u2013 ${TCVN3.committee}\u2026`;
    const latin1 = `\u0093${TCVN3.independence}\u0094 \u0096 ${TCVN3.committee}\u0085`;
    const expected = `“${UNICODE.independence}” – Uỷ ban nhân dân tỉnh…`;
    expect(toUnicode(cp1252)).toEqual({ text: expected, from: 'TCVN3' });
    expect(toUnicode(latin1)).toEqual({ text: expected, from: 'TCVN3' });
  });

  it('reads ư and ã from PDF copies (U+2212, U+2219) next to letters only', () => {
    const pdf = [
      'nh\u00b5 n\u2212\u00edc', // nhà nước
      'Th\u00f1 t\u2212\u00edng Ch\u00ddnh ph\u00f1', // Thủ tướng Chính phủ
      'c\u00e9ng ho\u00b5 x\u2219 h\u00e9i', // cộng hoà xã hội
      't\u00a8ng 5 \u2212 3', // a minus sign between numbers stays one
    ].join('\n');
    expect(toUnicode(pdf)).toEqual({
      text: 'nhà nước\nThủ tướng Chính phủ\ncộng hoà xã hội\ntăng 5 − 3',
      from: 'TCVN3',
    });
  });
});

describe('VNI (VNI-Windows)', () => {
  it('reads every letter, lower-case and capital, at its published codes', () => {
    expect(VNI_PUBLISHED).toHaveLength(2 * (12 * 6 + 1));
    const document = [VNI.independence, ...VNI_PUBLISHED.map(([, legacy]) => legacy)];
    const { text, from } = toUnicode(document.join('\n'));
    expect(from).toBe('VNI');
    expect(lines(text)).toEqual([UNICODE.independence, ...VNI_PUBLISHED.map(([letter]) => letter)]);
  });

  it.each(Object.keys(VNI) as (keyof typeof VNI)[])('converts the %s line', (key) => {
    expect(detectEncoding(VNI[key])).toBe('VNI');
    expect(toUnicode(VNI[key])).toEqual({ text: UNICODE[key], from: 'VNI' });
  });

  it('converts a whole heading and keeps its lines', () => {
    const heading = [VNI.committee.toUpperCase(), VNI.motto, VNI.independence, '', VNI.plan];
    expect(toUnicode(heading.join('\n'))).toEqual({
      text: ['ỦY BAN NHÂN DÂN TỈNH', UNICODE.motto, UNICODE.independence, '', UNICODE.plan].join(
        '\n',
      ),
      from: 'VNI',
    });
  });

  it('keeps the Windows punctuation whether the copy was read as Windows-1252 or Latin-1', () => {
    const expected = `“${UNICODE.independence}” – ${UNICODE.committee}…`;
    expect(toUnicode(`\u201c${VNI.independence}\u201d \u2013 ${VNI.committee}\u2026`).text).toBe(
      expected,
    );
    expect(toUnicode(`\u0093${VNI.independence}\u0094 \u0096 ${VNI.committee}\u0085`).text).toBe(
      expected,
    );
  });

  it('tolerates the circumflex and the tone as two separate marks', () => {
    const split = `${VNI.independence}\nVie\u00e2\u00eft Nam`;
    expect(toUnicode(split).text).toBe(`${UNICODE.independence}\nViệt Nam`);
  });
});

describe('Unicode', () => {
  const vietnamese = Object.values(UNICODE).join('\n');
  // Precomposed Vietnamese that stays inside Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý.
  const latin1Rich =
    'Bà Hoa là cô giáo. Cháu bé Mai có con mèo màu nâu, và con chó tên Vàng.\n' +
    'Hôm nay cô Hà và chú Tâm dò bài, các bé chào cô; Ý chí: tán thành.';
  const english =
    'The quick brown fox jumps over the lazy dog.\nVersion 2.1 (c) 2021, 5 mm x 10 mm.';

  it.each([
    ['Vietnamese', vietnamese],
    ['Vietnamese rich in Latin-1 letters', latin1Rich],
    ['plain English', english],
  ])('leaves %s alone', (_name, text) => {
    expect(detectEncoding(text)).toBe('UNICODE');
    expect(toUnicode(text)).toEqual({ text, from: 'UNICODE' });
  });

  it('has its Latin-1-only sample in Latin-1 only', () => {
    expect([...latin1Rich].filter((c) => c.charCodeAt(0) > 0xff)).toEqual([]);
  });

  it('composes decomposed text (NFD) into NFC', () => {
    const nfd = vietnamese.normalize('NFD');
    expect(nfd).not.toBe(vietnamese);
    expect(detectEncoding(nfd)).toBe('NFD');
    expect(toUnicode(nfd)).toEqual({ text: vietnamese, from: 'NFD' });
  });

  it('is not moved by a few stray characters', () => {
    // A TCVN3 phrase pasted into a Unicode document, and foreign words with Latin-1 letters.
    const mixed = `${vietnamese}\nTrích: C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i`;
    expect(toUnicode(mixed)).toEqual({ text: mixed, from: 'UNICODE' });
    const foreign = `${english}\nCafé, naïve, Zürich, Señor Muñoz, 5 µm, © ® ° ± ½.`;
    expect(toUnicode(foreign)).toEqual({ text: foreign, from: 'UNICODE' });
    // Two words are not enough evidence to convert anything.
    expect(detectEncoding(`Trang 1 \u00a7\u00e9c l\u00cbp`)).toBe('UNICODE');
  });

  it('lets the legacy reading win over a few Unicode words in a legacy document', () => {
    const text = [TCVN3.independence, TCVN3.basis, 'Việt Nam'].join('\n');
    expect(toUnicode(text)).toEqual({
      text: [UNICODE.independence, UNICODE.basis, 'Việt Nam'].join('\n'),
      from: 'TCVN3',
    });
  });
});

describe('lines', () => {
  it.each([
    ['TCVN3', [TCVN3.motto, '', TCVN3.independence, '   ', TCVN3.basis, TCVN3.decision]],
    ['VNI', [VNI.motto, '', VNI.independence, '   ', VNI.basis, VNI.decision]],
    [
      'NFD',
      [UNICODE.motto, '', UNICODE.independence, '   ', UNICODE.basis].map((l) =>
        l.normalize('NFD'),
      ),
    ],
  ] as const)('%s keeps every line break, CRLF included', (encoding, source) => {
    for (const eol of ['\n', '\r\n']) {
      const { text, from } = toUnicode(source.join(eol));
      expect(from).toBe(encoding);
      const out = text.split(eol);
      expect(out).toHaveLength(source.length);
      out.forEach((line, i) => expect(line.trim() === '').toBe(source[i]!.trim() === ''));
    }
  });
});

it('names each finding in Vietnamese', () => {
  expect(ENCODING_NAME).toEqual({
    TCVN3: 'TCVN3 (ABC)',
    VNI: 'VNI',
    NFD: 'Unicode tổ hợp (NFD)',
  });
});
