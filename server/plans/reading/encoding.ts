// Vietnamese text in legacy 8-bit font encodings, recognised and converted to Unicode (NFC).
//
// Before Unicode, Vietnamese documents were typed in fonts whose 8-bit codes stand for
// Vietnamese letters; read without those fonts (as Latin-1 or Windows-1252) they show as
// "Céng hoµ x· héi chñ nghÜa ViÖt Nam" (TCVN3) or "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam" (VNI).
// Copies also arrive in decomposed Unicode (NFD: base letter + combining marks).
//
// Standards, and the public references the tables below were checked against:
// - TCVN3 = TCVN 5712:1993 form VN3 ("ABC", the .VnTime/.VnArial fonts). VN3 adds 75 codes to
//   ASCII: the 67 lower-case letters with diacritics, 7 capitals without tone marks
//   (Ă Â Ê Ô Ơ Ư Đ) and the no-break space; it assigns nothing in 0x80–0x9F (Wikipedia, "VSCII",
//   https://en.wikipedia.org/wiki/VSCII). Every code was compared with glibc's converter for
//   TCVN5712-1 (`iconv -f TCVN5712-1`; VN1 is a superset of VN3 with the same lower-case
//   positions) and with UniKey's vnconv TCVN3 table (ukengine/data.cpp in
//   https://github.com/vn-input/ibus-unikey).
// - VNI = the VNI-Windows font encoding (VNI-Times, VNI-Helve, …): a base letter followed by a
//   diacritic byte. Compared with UniKey's VNI-WIN table (same data.cpp) and with xvnkb's vni.h
//   (https://github.com/lamdao/xvnkb).
// - Windows-1252 (for 0x80–0x9F, see CP1252_C1) and Unicode normalization (UAX #15) for NFD.
//
// Limitations:
// - Capitals with tone marks do not exist in VN3: documents set them in the ".VnTimeH" capitals
//   font, which draws the lower-case codes as capitals (Wikipedia, "VSCII"). The codes are the same, so they convert
//   to lower-case letters: "CéNG HOµ" → "CộNG HOà". Which words were in the capitals font is
//   known only to the document's formatting, not to its text.
// - TCVN3 "ư" is 0xAD, the soft hyphen; copies that drop soft hyphens lose the letter
//   ("tr" 0xAD "êng", trường, arrives as "trêng" and reads "trờng"); that cannot be undone.
// - VN1/VN2 capitals (0x80–0x9F and the other VN1-only codes), VNI-Mac and VNI-DOS are not read.
// - The word-shape check in detection knows Vietnamese syllables, not words: it tells encodings
//   apart, it does not spell-check.
// - Fewer than MIN_EVIDENCE telling words is not enough to call a text legacy: it stays UNICODE.

export type TextEncoding = 'UNICODE' | 'NFD' | 'TCVN3' | 'VNI';

export interface Recoded {
  text: string;
  from: TextEncoding;
}

/** Vietnamese name for a finding. */
export const ENCODING_NAME: Record<Exclude<TextEncoding, 'UNICODE'>, string> = {
  TCVN3: 'TCVN3 (ABC)',
  VNI: 'VNI',
  NFD: 'Unicode tổ hợp (NFD)',
};

// ---------------------------------------------------------------------------------------------
// Tables

/**
 * TCVN 5712:1993 VN3: code (hex) followed by the letter, one vowel per group, tones in the order
 * sắc, huyền, hỏi, ngã, nặng.
 */
const TCVN3_TABLE = [
  'a1Ă a2Â a3Ê a4Ô a5Ơ a6Ư a7Đ', // capitals, no tone marks
  'a8ă a9â aaê abô acơ adư aeđ', // 0xAD is the soft-hyphen code point
  'b8á b5à b6ả b7ã b9ạ',
  'beắ bbằ bcẳ bdẵ c6ặ',
  'caấ c7ầ c8ẩ c9ẫ cbậ',
  'd0é ccè ceẻ cfẽ d1ẹ',
  'd5ế d2ề d3ể d4ễ d6ệ',
  'ddí d7ì d8ỉ dcĩ deị',
  'e3ó dfò e1ỏ e2õ e4ọ',
  'e8ố e5ồ e6ổ e7ỗ e9ộ',
  'edớ eaờ ebở ecỡ eeợ',
  'f3ú efù f1ủ f2ũ f4ụ',
  'f8ứ f5ừ f6ử f7ữ f9ự',
  'fdý faỳ fbỷ fcỹ feỵ',
].join(' ');

const byteChar = (hex: string) => String.fromCharCode(parseInt(hex, 16));

const TCVN3 = new Map<string, string>(
  TCVN3_TABLE.split(' ').map((pair) => [byteChar(pair.slice(0, 2)), pair.slice(2)]),
);

/**
 * VNI-Windows diacritic bytes written after a vowel (lower-case forms; each capital form is the
 * Latin-1 capital of the same letter, 0x20 lower, as in the published table). The meaning is in
 * VIQR notation (RFC 1456): ^ circumflex, ( breve; ' sắc, ` huyền, ? hỏi, ~ ngã, . nặng.
 */
const VNI_MARK_TABLE =
  "f9' f8` fb? f5~ ef. e2^ e1^' e0^` e5^? e3^~ e4^. ea( e9(' e8(` fa(? fc(~ eb(.";

/**
 * VNI-Windows letters written as one byte (lower-case forms, capitals as above): ơ ư đ, the five
 * toned i's, and ỵ — the one toned y that is not y + mark (0xEE, capital 0xCE, in both references).
 */
const VNI_LETTER_TABLE = 'f4ơ f6ư f1đ edí ecì e6ỉ f3ĩ f2ị eeỵ';

const SHAPE: Record<string, string> = { '^': '\u0302', '(': '\u0306' };
const TONE: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '?': '\u0309',
  '~': '\u0303',
  '.': '\u0323',
};
/** Which vowels take a shape mark: â ê ô, and ă. */
const SHAPE_BASES: Record<string, string> = { '\u0302': 'aeo', '\u0306': 'a' };

interface VniMark {
  shape: string;
  tone: string;
}

const VNI_MARKS = new Map<string, VniMark>(
  VNI_MARK_TABLE.split(' ').flatMap((entry) => {
    const mark: VniMark = {
      shape: SHAPE[entry.slice(2).replace(/[^^(]/g, '')] ?? '',
      tone: TONE[entry.slice(2).replace(/[\^(]/g, '')] ?? '',
    };
    const lower = byteChar(entry.slice(0, 2));
    return [
      [lower, mark],
      [lower.toUpperCase(), mark],
    ];
  }),
);

/** Vowels a VNI mark may follow: the ASCII ones, and ơ ư (written ô ö). */
const VNI_BASES = new Map<string, string>([
  ['a', 'a'],
  ['e', 'e'],
  ['o', 'o'],
  ['u', 'u'],
  ['y', 'y'],
  ['\u00f4', 'ơ'],
  ['\u00f6', 'ư'],
]);

const VNI_LETTERS = new Map<string, string>(
  VNI_LETTER_TABLE.split(' ').flatMap((pair) => {
    const lower = byteChar(pair.slice(0, 2));
    const letter = pair.slice(2);
    return [
      [lower, letter],
      [lower.toUpperCase(), letter.toUpperCase()],
    ];
  }),
);

/**
 * Windows-1252 at 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned). Neither legacy
 * encoding puts letters there (VN3 assigns nothing in C1): the Windows fonts keep the Windows
 * punctuation, which UniKey's TCVN3 and VNI-WIN tables map to the Windows-1252 symbols. A copy decoded as Latin-1 shows these bytes as C1 controls U+0080–U+009F; they are
 * turned into the punctuation they stand for. Copies decoded as Windows-1252 already have it.
 */
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * PDFs set in .VnTime extract 0xAD (ư) as U+2212 MINUS SIGN and 0xB7 (ã) as U+2219 BULLET
 * OPERATOR, by the glyph names of the font ("n−íc" for "nước"; documented with samples in
 * the 0.1.17 entry of viparse's changelog, https://github.com/TrizenX/viparse). Read as letters
 * only next to a letter: a minus sign between digits stays a minus sign.
 */
const TCVN3_PDF_GLYPHS = new Map([
  ['\u2212', 'ư'],
  ['\u2219', 'ã'],
]);

// ---------------------------------------------------------------------------------------------
// Conversion

interface Decoded {
  text: string;
  /** Every non-ASCII character was a code of the encoding. */
  clean: boolean;
}

const fromC1 = (c: string): string | undefined => {
  const code = c.charCodeAt(0);
  return code >= 0x80 && code <= 0x9f ? CP1252_C1[code - 0x80] : undefined;
};

/** Characters that make up words in any of the readings (letters, legacy codes, marks). */
const WORD_CHAR =
  /(?:[A-Za-z\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be\u00c0-\u00ff\u0100-\u024f\u1e00-\u1eff\u2212\u2219]|\p{Mn})/u;
const WORD = new RegExp(`${WORD_CHAR.source}+`, 'gu');

function fromTcvn3(text: string): Decoded {
  let out = '';
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const mapped = TCVN3.get(c) ?? fromC1(c);
    const glyph = TCVN3_PDF_GLYPHS.get(c);
    if (mapped !== undefined) out += mapped;
    else if (glyph && (isWordChar(text[i - 1]) || isWordChar(text[i + 1]))) out += glyph;
    else {
      out += c;
      if (c > '\u007f' && c !== '\u00a0') clean = false;
    }
  }
  return { text: out, clean };
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && !TCVN3_PDF_GLYPHS.has(c) && WORD_CHAR.test(c);
}

function fromVni(text: string): Decoded {
  let out = '';
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const lower = c.toLowerCase();
    const base = VNI_BASES.get(lower);
    if (base !== undefined) {
      let letter = base;
      const mark = VNI_MARKS.get(text[i + 1] ?? '');
      if (mark && (!mark.shape || SHAPE_BASES[mark.shape]!.includes(base))) {
        letter += mark.shape + mark.tone;
        i++;
        // Not in the published table, accepted because the bytes can mean nothing else: the shape
        // mark and the tone mark as two bytes ("aâù" for "ấ").
        const tone = mark.shape && !mark.tone ? VNI_MARKS.get(text[i + 1] ?? '') : undefined;
        if (tone && !tone.shape) {
          letter += tone.tone;
          i++;
        }
      }
      letter = letter.normalize('NFC');
      out += c === lower ? letter : letter.toUpperCase();
      continue;
    }
    const mapped = VNI_LETTERS.get(c) ?? fromC1(c);
    if (mapped !== undefined) out += mapped;
    else {
      out += c;
      if (c > '\u007f' && c !== '\u00a0') clean = false;
    }
  }
  return { text: out, clean };
}

// ---------------------------------------------------------------------------------------------
// Detection: every word with a non-ASCII character votes for the readings (Unicode, TCVN3,
// VNI) in which it is a well-formed Vietnamese syllable and against those in which it is not.
// "Céng" reads as a syllable in Unicode and in TCVN3, "hoµ" only in TCVN3 (hoà), "hoøa" only in
// VNI (hòa). A word with letters neither legacy encoding can produce (ệ, ư, đ, combining marks)
// votes against both, so Unicode text keeps Unicode; ASCII words vote for nothing. A legacy
// reading wins with at least MIN_EVIDENCE votes and more than the Unicode reading; otherwise
// the text is NFD when more letters are decomposed than precomposed.

/** Fewer telling words than this never make a text legacy. */
const MIN_EVIDENCE = 3;

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const INITIAL = '(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?';
const FINAL = '(?:ch|ng|nh|[cmnpt])';
/** Vowel groups that may end a syllable or take a final consonant. */
const OPEN_OR_CLOSED = 'uyê|oa|oe|uê|uơ|uy|a|e|ê|i|o|ô|ơ|u|ư|y';
/** Vowel groups that need a final consonant (ăn, ân, tiên, yên, muôn, người, xoăn, xuân). */
const CLOSED = 'uyê|oă|uâ|iê|yê|uô|ươ|ă|â';
/** Vowel groups that end the syllable. */
const OPEN =
  'oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu|yêu|iêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ưa|ua';
const SYLLABLE = new RegExp(
  `^${INITIAL}(?:(?:${OPEN_OR_CLOSED})${FINAL}?|(?:${CLOSED})${FINAL}|(?:${OPEN}))$`,
  'u',
);

/** A well-formed Vietnamese syllable: initial, vowels, final, at most one tone mark. */
function isSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE_MARKS) ?? [];
  if (tones.length > 1) return false;
  const bare = nfd.replace(TONE_MARKS, '').normalize('NFC');
  if (!SYLLABLE.test(bare)) return false;
  // A syllable closed by c, ch, p or t carries sắc or nặng.
  return !/(?:c|ch|p|t)$/u.test(bare) || tones[0] === '\u0301' || tones[0] === '\u0323';
}

function vote({ text, clean }: Decoded): number {
  if (!/[aeiouy]/iu.test(text.normalize('NFD'))) return 0; // "QĐ", "x·": nothing to judge
  return clean && isSyllable(text) ? 1 : -1;
}

interface Tally {
  unicode: number;
  tcvn3: number;
  vni: number;
  /** Letters followed by combining marks that NFC composes. */
  decomposed: number;
  /** Letters with diacritics written precomposed. */
  precomposed: number;
}

function tally(text: string): Tally {
  const t: Tally = { unicode: 0, tcvn3: 0, vni: 0, decomposed: 0, precomposed: 0 };
  const seen = new Map<string, readonly [number, number, number]>();
  for (const [word] of text.matchAll(WORD)) {
    if (/^[A-Za-z]+$/u.test(word)) continue; // reads the same in every encoding
    let votes = seen.get(word);
    if (!votes) {
      votes = [
        // In Unicode a soft hyphen is only a hyphenation hint inside the word.
        vote({ text: word.replace(/\u00ad/gu, '').normalize('NFC'), clean: true }),
        vote(fromTcvn3(word)),
        vote(fromVni(word)),
      ];
      seen.set(word, votes);
    }
    t.unicode += votes[0];
    t.tcvn3 += votes[1];
    t.vni += votes[2];
  }
  for (const [cluster] of text.matchAll(/\p{L}\p{M}+/gu)) {
    if (cluster.normalize('NFC') !== cluster) t.decomposed++;
  }
  for (const [letter] of text.matchAll(/[\u00c0-\u024f\u1e00-\u1eff]/gu)) {
    if (letter.normalize('NFD') !== letter) t.precomposed++;
  }
  return t;
}

/** Which encoding a text is in, judged from the whole text (a few stray characters do not decide). */
export function detectEncoding(text: string): TextEncoding {
  const t = tally(text);
  const [legacy, score] =
    t.vni > t.tcvn3 ? (['VNI', t.vni] as const) : (['TCVN3', t.tcvn3] as const);
  if (score >= MIN_EVIDENCE && score > t.unicode) return legacy;
  return t.decomposed > t.precomposed ? 'NFD' : 'UNICODE';
}

/**
 * The text as precomposed Unicode (NFC), converted from what detectEncoding found. Line breaks
 * kept exactly (same number of lines, each line maps to the same line).
 */
export function toUnicode(text: string): Recoded {
  const from = detectEncoding(text);
  const converted =
    from === 'TCVN3'
      ? capitalsAgain(text, fromTcvn3(text).text)
      : from === 'VNI'
        ? fromVni(text).text
        : text;
  return { text: converted.normalize('NFC'), from };
}

/**
 * A TCVN3 line set in the capitals font: no plain lower-case letter anywhere, and some word
 * mixes legacy codes with plain capitals after its first letter ("CéNG", "HO¹CH"). "Sè: 12/KH"
 * is no evidence: "Số" and "SỐ" are the same codes, and "KH-UBND" is an acronym in any font.
 */
function isCapitalsLine(line: string): boolean {
  if (/[a-z]/.test(line)) return false;
  return line
    .split(/[\s,.;:()/-]+/)
    .some((word) => /[^\p{ASCII}]/u.test(word) && /[A-Z]/.test(word.slice(1)));
}

/**
 * TCVN3 has no toned capitals: a heading set in the capitals font (.VnTimeH) converts to lower
 * case ("CéNG HOµ" → "CộNG HOà"). A line whose plain letters are all capitals was such a heading:
 * it is capitalised whole ("CỘNG HOÀ"), so it still reads as a heading. Mixed lines stay.
 */
function capitalsAgain(original: string, converted: string): string {
  const before = original.split('\n');
  return converted
    .split('\n')
    .map((line, i) => (isCapitalsLine(before[i] ?? '') ? line.toUpperCase() : line))
    .join('\n');
}
