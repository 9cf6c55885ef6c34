// Vietnamese as legacy documents hold it, written out as the code values published for each
// encoding (never produced by server/plans/reading/encoding.ts, so a wrong entry in its tables
// fails the tests that use these):
// - TCVN3 (TCVN 5712:1993 VN3): the values of glibc's TCVN5712-1 converter
//   (`iconv -f UTF-8 -t TCVN5712-1`), whose lower-case letters and Ă Â Ê Ô Ơ Ư Đ sit where VN3
//   puts them (https://en.wikipedia.org/wiki/VSCII).
// - VNI-Windows: UniKey's vnconv VNI-WIN table (ukengine/data.cpp,
//   https://github.com/vn-input/ibus-unikey), base letter first, then the mark byte.
// A Latin-1 or Windows-1252 reading shows code 0xNN as U+00NN.

/** "b5e9" → the characters a Latin-1 reading shows for codes 0xB5 0xE9. */
const codes = (hex: string) =>
  hex.replace(/../g, (byte) => String.fromCharCode(parseInt(byte, 16)));

/** "letter hex  letter hex …" → [letter, the letter as a legacy document shows it]. */
function published(table: string): [string, string][] {
  const parts = table.trim().split(/\s+/);
  const pairs: [string, string][] = [];
  for (let i = 0; i < parts.length; i += 2) pairs.push([parts[i]!, codes(parts[i + 1]!)]);
  return pairs;
}

// Tones in the order: none, sắc, huyền, hỏi, ngã, nặng.
export const TCVN3_PUBLISHED = published(`
  a 61  á b8  à b5  ả b6  ã b7  ạ b9
  ă a8  ắ be  ằ bb  ẳ bc  ẵ bd  ặ c6
  â a9  ấ ca  ầ c7  ẩ c8  ẫ c9  ậ cb
  e 65  é d0  è cc  ẻ ce  ẽ cf  ẹ d1
  ê aa  ế d5  ề d2  ể d3  ễ d4  ệ d6
  i 69  í dd  ì d7  ỉ d8  ĩ dc  ị de
  o 6f  ó e3  ò df  ỏ e1  õ e2  ọ e4
  ô ab  ố e8  ồ e5  ổ e6  ỗ e7  ộ e9
  ơ ac  ớ ed  ờ ea  ở eb  ỡ ec  ợ ee
  u 75  ú f3  ù ef  ủ f1  ũ f2  ụ f4
  ư ad  ứ f8  ừ f5  ử f6  ữ f7  ự f9
  y 79  ý fd  ỳ fa  ỷ fb  ỹ fc  ỵ fe
  đ ae
  Ă a1  Â a2  Ê a3  Ô a4  Ơ a5  Ư a6  Đ a7
`);

export const VNI_PUBLISHED = published(`
  a 61  á 61f9  à 61f8  ả 61fb  ã 61f5  ạ 61ef
  ă 61ea  ắ 61e9  ằ 61e8  ẳ 61fa  ẵ 61fc  ặ 61eb
  â 61e2  ấ 61e1  ầ 61e0  ẩ 61e5  ẫ 61e3  ậ 61e4
  e 65  é 65f9  è 65f8  ẻ 65fb  ẽ 65f5  ẹ 65ef
  ê 65e2  ế 65e1  ề 65e0  ể 65e5  ễ 65e3  ệ 65e4
  i 69  í ed  ì ec  ỉ e6  ĩ f3  ị f2
  o 6f  ó 6ff9  ò 6ff8  ỏ 6ffb  õ 6ff5  ọ 6fef
  ô 6fe2  ố 6fe1  ồ 6fe0  ổ 6fe5  ỗ 6fe3  ộ 6fe4
  ơ f4  ớ f4f9  ờ f4f8  ở f4fb  ỡ f4f5  ợ f4ef
  u 75  ú 75f9  ù 75f8  ủ 75fb  ũ 75f5  ụ 75ef
  ư f6  ứ f6f9  ừ f6f8  ử f6fb  ữ f6f5  ự f6ef
  y 79  ý 79f9  ỳ 79f8  ỷ 79fb  ỹ 79f5  ỵ ee
  đ f1
  A 41  Á 41d9  À 41d8  Ả 41db  Ã 41d5  Ạ 41cf
  Ă 41ca  Ắ 41c9  Ằ 41c8  Ẳ 41da  Ẵ 41dc  Ặ 41cb
  Â 41c2  Ấ 41c1  Ầ 41c0  Ẩ 41c5  Ẫ 41c3  Ậ 41c4
  E 45  É 45d9  È 45d8  Ẻ 45db  Ẽ 45d5  Ẹ 45cf
  Ê 45c2  Ế 45c1  Ề 45c0  Ể 45c5  Ễ 45c3  Ệ 45c4
  I 49  Í cd  Ì cc  Ỉ c6  Ĩ d3  Ị d2
  O 4f  Ó 4fd9  Ò 4fd8  Ỏ 4fdb  Õ 4fd5  Ọ 4fcf
  Ô 4fc2  Ố 4fc1  Ồ 4fc0  Ổ 4fc5  Ỗ 4fc3  Ộ 4fc4
  Ơ d4  Ớ d4d9  Ờ d4d8  Ở d4db  Ỡ d4d5  Ợ d4cf
  U 55  Ú 55d9  Ù 55d8  Ủ 55db  Ũ 55d5  Ụ 55cf
  Ư d6  Ứ d6d9  Ừ d6d8  Ử d6db  Ữ d6d5  Ự d6cf
  Y 59  Ý 59d9  Ỳ 59d8  Ỷ 59db  Ỹ 59d5  Ỵ ce
  Đ d1
`);

// Real phrases as legacy documents hold them. TCVN3 has no capitals with tone marks: headings set
// in the .VnTimeH capitals font use the lower-case codes, so they convert to lower-case letters.
export const TCVN3 = {
  motto: 'C\u00e9NG H\u00dfA X\u00b7 H\u00e9I CH\u00f1 NGH\u00dcA VI\u00d6T NAM',
  independence: '\u00a7\u00e9c l\u00cbp - T\u00f9 do - H\u00b9nh ph\u00f3c',
  committee: 'U\u00fb ban nh\u00a9n d\u00a9n t\u00d8nh',
  basis:
    'C\u00a8n c\u00f8 Lu\u00cbt T\u00e6 ch\u00f8c ch\u00ddnh quy\u00d2n \u00ae\u00dea ph\u00ad\u00acng ng\u00b5y 19 th\u00b8ng 6 n\u00a8m 2015',
  decision: 'Quy\u00d5t \u00ae\u00denh s\u00e8 749/Q\u00a7-TTg',
  plan: 'K\u00d5 HO\u00b9CH Chuy\u00d3n \u00ae\u00e6i s\u00e8 n\u00a8m 2021',
};
export const VNI = {
  motto: 'CO\u00c4NG HO\u00d8A XA\u00d5 HO\u00c4I CHU\u00db NGH\u00d3A VIE\u00c4T NAM',
  independence: '\u00d1o\u00e4c la\u00e4p - T\u00f6\u00ef do - Ha\u00efnh phu\u00f9c',
  committee: 'U\u00dby ban nha\u00e2n da\u00e2n t\u00e6nh',
  basis:
    'Ca\u00ean c\u00f6\u00f9 Lua\u00e4t To\u00e5 ch\u00f6\u00f9c ch\u00ednh quye\u00e0n \u00f1\u00f2a ph\u00f6\u00f4ng nga\u00f8y 19 tha\u00f9ng 6 na\u00eam 2015',
  decision: 'Quye\u00e1t \u00f1\u00f2nh so\u00e1 749/Q\u00d1-TTg',
  plan: 'KE\u00c1 HOA\u00cfCH Chuye\u00e5n \u00f1o\u00e5i so\u00e1 na\u00eam 2021',
};
export const UNICODE = {
  motto: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  independence: 'Độc lập - Tự do - Hạnh phúc',
  committee: 'Ủy ban nhân dân tỉnh',
  basis: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
  decision: 'Quyết định số 749/QĐ-TTg',
  plan: 'KẾ HOẠCH Chuyển đổi số năm 2021',
};

const TCVN3_OF = new Map(TCVN3_PUBLISHED);

/**
 * A Unicode text as a TCVN3 document shows it, from the published codes alone: capitals with a
 * tone mark have no code, so they are typed as the lower-case one in the .VnTimeH capitals font.
 */
export function asTcvn3(text: string): string {
  return [...text.normalize('NFC')]
    .map((c) =>
      /^\p{ASCII}$/u.test(c) ? c : (TCVN3_OF.get(c) ?? TCVN3_OF.get(c.toLowerCase()) ?? c),
    )
    .join('');
}
