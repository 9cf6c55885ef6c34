// Legal bases wherever a plan lists them, recognised by a document's shape (type word, number,
// "ngày …", issuer), and the slips a reviewer flags in them. The texts are written for these
// tests in the layouts real plans use (test/fixtures/plan-import/corpus holds the real ones).
import { kindCodeOf, readBases } from '../../../server/plans/reading/bases.ts';
import { knownDocumentOf } from '../../../server/plans/reading/catalogue.ts';
import { readHeader } from '../../../server/plans/reading/header.ts';
import { readPlan } from '../../../server/plans/reading/read-plan.ts';
import { logicalLines } from '../../../server/plans/reading/text.ts';
import { asTcvn3 } from '../../support/legacy-encodings.ts';

const bases = (text: string) => {
  const lines = logicalLines(text);
  const header = readHeader(lines);
  return readBases(lines, header.bodyStart, header.number).map((b) => [b.number, b.issuedOn]);
};

const HEAD = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
An Phú, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
CHUYỂN ĐỔI SỐ TỈNH AN PHÚ NĂM 2024`;

test('numbers of every kind: party, decree with its year, council, directive, ministry letter', () => {
  const text = `${HEAD}
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Nghị định số 137/2024/NĐ-CP ngày 23/10/2024 của Chính phủ; Nghị quyết số 25/NQ-HĐND ngày 17/9/2021 của Hội đồng nhân dân tỉnh; Chỉ thị số 05/CT-TTg ngày 23/02/2023; Công văn số 3816/BKHCN-CĐS ngày 14/9/2025 của Bộ Khoa học và Công nghệ; Kế hoạch số 131-KH/TU ngày 11/3/2022 của Ban Thường vụ Tỉnh ủy;
I. MỤC ĐÍCH, YÊU CẦU`;
  expect(bases(text)).toEqual([
    ['57-NQ/TW', '2024-12-22'],
    ['137/2024/NĐ-CP', '2024-10-23'],
    ['25/NQ-HĐND', '2021-09-17'],
    ['05/CT-TTg', '2023-02-23'],
    ['3816/BKHCN-CĐS', '2025-09-14'],
    ['131-KH/TU', '2022-03-11'],
  ]);
  expect(kindCodeOf('57-NQ/TW')).toBe('NQ');
  expect(kindCodeOf('137/2024/NĐ-CP')).toBe('NĐ');
  expect(kindCodeOf('77/2015/QH13')).toBe('QH');
});

test('a bases section after the purpose, numbered, with a date wrapped over two lines', () => {
  const text = `${HEAD}
I. MỤC ĐÍCH
Nâng cao hiệu quả quản lý.
II. CĂN CỨ
XÂY DỰNG KẾ HOẠCH
1. Quyết định số 749/QĐ-TTg ngày 03
tháng 6 năm 2020 của Thủ tướng Chính phủ;
2. Luật Công nghệ thông tin ngày 29/6/2006;
III. NHIỆM VỤ
1. Sở Tài chính thực hiện Quyết định số 999/QĐ-UBND ngày 01/01/2024.`;
  expect(bases(text)).toEqual([
    ['749/QĐ-TTg', '2020-06-03'],
    [null, '2006-06-29'],
  ]);
});

test('bullets without "Căn cứ", a "Theo đề nghị" line, and a law cited by name and number', () => {
  const text = `${HEAD}
- Luật An toàn thông tin mạng số 86/2015/QH13 ngày 19/11/2015;
- các Quyết định của Thủ tướng Chính phủ: số 942/QĐ-TTg ngày 15/6/2021, số 146/QĐ-TTg ngày 28/01/2022;
Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 16/TTr- SKHCN ngày 09/3/2024.
I. MỤC TIÊU`;
  expect(bases(text)).toEqual([
    ['86/2015/QH13', '2015-11-19'],
    ['942/QĐ-TTg', '2021-06-15'],
    ['146/QĐ-TTg', '2022-01-28'],
    ['16/TTr-SKHCN', '2024-03-09'],
  ]);
});

test('a decision: its bases before "QUYẾT ĐỊNH:", not its articles; the plan\'s own number aside', () => {
  const text = `ỦY BAN NHÂN DÂN TỈNH AN PHÚ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 88/QĐ-UBND
An Phú, ngày 10 tháng 01 năm 2025
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2025
ỦY BAN NHÂN DÂN TỈNH AN PHÚ
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;
Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2025, thay thế Quyết định số 10/QĐ-UBND ngày 01/01/2024.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.`;
  const plan = readPlan(text);
  expect(plan).toMatchObject({
    number: '88/QĐ-UBND',
    issuedOn: '2025-01-10',
    issuerName: 'Ủy ban nhân dân tỉnh An Phú',
  });
  expect(plan.bases.map((b) => [b.kind, b.number, b.issuedOn])).toEqual([
    ['Luật', null, '2015-06-19'],
    ['Luật', null, '2019-11-22'],
    ['Nghị quyết', '71/NQ-CP', '2025-04-01'],
  ]);
  expect(plan.bases[1]!.title).toMatch(/^Luật sửa đổi, bổ sung .* Luật Tổ chức chính quyền/u);
});

test('a law portal copy: metadata table, flattened heading, "Số hiệu" when the number line is lost', () => {
  const text = `Kế hoạch 246/KH-UBND năm 2024 chuyển đổi số tỉnh An Phú
| Số hiệu | 246/KH-UBND |
| Ngày ban hành | 06/11/2024 |
| Cơ quan ban hành | Tỉnh An Phú |
ỦY BAN NHÂN DÂN
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
|
KẾ HOẠCH
CHUYỂN ĐỔI SỐ NĂM 2025
Thực hiện Công văn số
3816/BTTTT-CĐS ngày 14/9/2024 của Bộ Thông tin và Truyền thông, UBND tỉnh xây dựng Kế hoạch như sau:
Phần I
ĐÁNH GIÁ KẾT QUẢ NĂM 2024
Đã thực hiện Nghị quyết số 49-NQ/TU, đạt 100% chỉ tiêu.`;
  const plan = readPlan(text);
  expect(plan).toMatchObject({
    number: '246/KH-UBND',
    issuedOn: '2024-11-06',
    issuerName: 'Ủy ban nhân dân tỉnh An Phú',
  });
  expect(plan.bases.map((b) => b.number)).toEqual(['3816/BTTTT-CĐS']);
  // Last year's results are no targets.
  expect(plan.targets).toEqual([]);
});

test('a commune page run into one line is still read, bases and all', () => {
  const bases =
    '- Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ; - Kế hoạch số 59/KH-UBND ngày 01/3/2022 của UBND huyện; ';
  const text = `Trang thông tin điện tử xã Tân Lập https://example.invalid/banner.jpg Thứ hai - 11/11/2024 I. CĂN CỨ LẬP KẾ HOẠCH ${bases.repeat(3)}II. MỤC TIÊU 1. Đến năm 2025, 100% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng.`;
  const plan = readPlan(text);
  expect(plan.issuerName).toBe('Ủy ban nhân dân xã Tân Lập');
  expect(plan.bases.map((b) => b.number)).toEqual(['749/QĐ-TTg', '59/KH-UBND']);
  expect(plan.targets).toContainEqual(
    expect.objectContaining({ value: 100, level: 'COMMUNE', targetYear: 2025 }),
  );
});

test('slips in the bases become findings on their lines; correct bases do not', () => {
  const text = `${HEAD}
Căn cứ Nghị quyết số 17/NQ-CP ngày 09/3/2019 của Chính phủ về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến năm 2025;
Căn cứ Quyết định số 749/QĐ-TT ngày 03/6/2020 của Thủ tướng Chính phủ;
Căn cứ Quyết định số 2323/BTTTT-THH ngày 31/12/2019 của Bộ trưởng Bộ Thông tin và Truyền thông;
Căn cứ Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Ban Chấp hành Trung ương;
Căn cứ Quyết định số 411/QĐ-TTg ngày 31 tháng 3 tháng 2022 của Thủ tướng Chính phủ;
Căn cứ Kế hoạch số 30/KH-UBND ngày 20/3/2024 của UBND tỉnh;
Căn cứ Căn cứ Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ;
Căn cứ các Nghị định của Chính phủ: số 64/2007/NĐ-CP ngày 10/4/2007; số 50/NQ-CP ngày 17/4/2020;
I. MỤC TIÊU`;
  const plan = readPlan(text);
  const at = (fragment: string) => {
    const line = text.split('\n').findIndex((l) => l.includes(fragment)) + 1;
    return plan.findings.filter((f) => f.line === line).map((f) => f.message);
  };
  expect(at('17/NQ-CP')).toEqual([expect.stringMatching(/ban hành ngày 07\/03\/2019/u)]);
  expect(at('749/QĐ-TT ')).toEqual([expect.stringMatching(/đúng là 749\/QĐ-TTg/u)]);
  expect(at('2323/BTTTT')).toEqual([expect.stringMatching(/thiếu chữ viết tắt tên loại "QĐ"/u)]);
  expect(at('52-NQ/TW')).toEqual([expect.stringMatching(/do Bộ Chính trị ban hành/u)]);
  expect(at('411/QĐ-TTg')).toEqual([expect.stringMatching(/"ngày 31 tháng 3 tháng 2022"/u)]);
  expect(at('30/KH-UBND')).toEqual([expect.stringMatching(/sau ngày ban hành kế hoạch/u)]);
  expect(at('Căn cứ Căn cứ')).toEqual([expect.stringMatching(/gõ lặp/u)]);
  expect(at('các Nghị định')).toEqual([
    expect.stringMatching(/50\/NQ-CP: được gọi là Nghị định nhưng .* của nghị quyết/u),
  ]);
  expect(plan.bases.map((b) => b.number)).toContain('749/QĐ-TT');
});

test('a known document: matched by number, by a slip, or a law by its name; a new law is not', () => {
  const basis = (number: string | null, issuedOn: string | null, title = '', subject = '') => ({
    kind: 'Quyết định',
    number,
    issuedOn,
    title,
    subject,
    line: 1,
    dateText: null,
  });
  expect(knownDocumentOf(basis('57- NQ/TW', null))?.known.issuedOn).toBe('2024-12-22');
  expect(knownDocumentOf(basis('749/QĐ-TT', '2020-06-03'))).toMatchObject({
    known: { number: '749/QĐ-TTg' },
    slip: true,
  });
  const law = 'Luật Tổ chức chính quyền địa phương ngày 19/6/2015';
  expect(knownDocumentOf(basis(null, '2015-06-19', law))?.known.number).toBe('77/2015/QH13');
  // The 2025 law of the same name is another law, not a wrong date of the 2015 one.
  const newLaw = 'Luật Tổ chức chính quyền địa phương ngày 16/6/2025';
  expect(knownDocumentOf(basis(null, '2025-06-16', newLaw))).toBeNull();
  // "17/NQ-CP" of another year is another resolution — unless its words say which it is.
  expect(knownDocumentOf(basis('17/NQ-CP', '2020-03-09'))).toBeNull();
  const described = basis(
    '17/NQ-CP',
    '2020-03-09',
    '',
    'của Chính phủ về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử',
  );
  expect(knownDocumentOf(described)?.known.issuedOn).toBe('2019-03-07');
});

test('a plan typed in TCVN3 reads like its Unicode text, with a finding that says so', () => {
  // Typed in the .VnTime fonts: written out from the published TCVN3 codes.
  const tcvn3 = asTcvn3(
    `${HEAD}\nCăn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;\nI. MỤC TIÊU`,
  );
  expect(tcvn3).not.toContain('Căn cứ');
  const plan = readPlan(tcvn3);
  expect(plan.encoding).toBe('TCVN3');
  expect(plan).toMatchObject({
    number: '12/KH-UBND',
    issuedOn: '2024-03-05',
    issuerName: 'Ủy ban nhân dân tỉnh An Phú',
    title: 'CHUYỂN ĐỔI SỐ TỈNH AN PHÚ NĂM 2024',
  });
  expect(plan.bases.map((b) => [b.number, b.issuedOn])).toEqual([['749/QĐ-TTg', '2020-06-03']]);
  expect(plan.findings[0]).toMatchObject({ line: 1, message: expect.stringMatching(/TCVN3/u) });
  // Decomposed Unicode (NFD) is read as NFC.
  const nfd = readPlan(
    `${HEAD}\nCăn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020;\nI. MỤC TIÊU`.normalize('NFD'),
  );
  expect(nfd.encoding).toBe('NFD');
  expect(nfd.number).toBe('12/KH-UBND');
});
