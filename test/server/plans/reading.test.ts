// Reading a plan's text and the review checks, on the seeds and on a document written for these
// tests in another layout. (The full per-seed reading against hand-written fixtures comes with
// the rest of the reader.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { factorsOf } from '../../../server/plans/reading/budget.ts';
import { readPlan } from '../../../server/plans/reading/read-plan.ts';

const seed = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/seeds/${name}`, import.meta.url)), 'utf8');

test('the heading of each seed: number, date, place, issuer, title, bases', () => {
  const haTinh = readPlan(seed('001_697926e72885db8b.txt'));
  expect(haTinh).toMatchObject({
    number: '393/KH-UBND',
    issuedOn: '2020-10-29',
    place: 'Hà Tĩnh',
    issuerName: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
    title: 'CHUYỂN ĐỔI SỐ TỈNH HÀ TĨNH GIAI ĐOẠN 2021 - 2025, ĐỊNH HƯỚNG ĐẾN NĂM 2030',
  });
  expect(haTinh.bases.map((b) => [b.number, b.issuedOn])).toEqual([['749/QĐ-TTg', '2020-06-03']]);

  // Website furniture above the heading, and a header that lost the province's name.
  const benTre = readPlan(seed('002_5fc274833e7ccf22.txt'));
  expect(benTre).toMatchObject({
    number: '2140/KH-UBND',
    issuedOn: '2021-04-22',
    place: 'Bến Tre',
    issuerName: 'Ủy ban nhân dân tỉnh Bến Tre',
  });
  expect(benTre.bases.map((b) => b.number)).toEqual(
    expect.arrayContaining(['749/QĐ-TTg', '01-NQ/TU', '2581/QĐ-UBND', '01/KL-BCĐ']),
  );

  // "Số: 140 /KH-UBND" keeps its number; the issuer comes from "… ban hành Kế hoạch".
  const quangNgai = readPlan(seed('003_e43328fcbc5cbdb4.txt'));
  expect(quangNgai).toMatchObject({
    number: '140/KH-UBND',
    issuedOn: '2023-07-13',
    issuerName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    title: 'Tổ chức Tuần lễ Chuyển đổi số tỉnh Quảng Ngãi năm 2023',
  });
  expect(quangNgai.deadlines.map((d) => d.date)).toEqual(['2023-09-15', '2023-10-15']);

  // A draft without a number or date keeps them blank.
  const khanhHoa = readPlan(seed('000_65a3cc8534e8e28f.txt'));
  expect(khanhHoa).toMatchObject({
    number: null,
    issuedOn: null,
    issuerName: 'Ban Chỉ đạo chuyển đổi số tỉnh Khánh Hòa',
  });
});

test('Hà Tĩnh: per-level targets, ranges, rankings and the year from the heading above', () => {
  const plan = readPlan(seed('001_697926e72885db8b.txt'));
  const pick = (value: number, year: number, level: string | null) =>
    plan.targets.filter((t) => t.value === value && t.targetYear === year && t.level === level);
  // "90% hồ sơ công việc tại cấp tỉnh; 80% … cấp huyện và 60% … cấp xã" (2025), and 2030's.
  expect(pick(90, 2025, 'PROVINCE')).toHaveLength(1);
  expect(pick(80, 2025, 'DISTRICT')).toHaveLength(1);
  expect(pick(60, 2025, 'COMMUNE')[0]).toMatchObject({ unit: 'PERCENT', comparator: 'AT_LEAST' });
  expect(pick(70, 2030, 'COMMUNE')).toHaveLength(1);
  expect(plan.targets).toContainEqual(
    expect.objectContaining({ comparator: 'RANGE', value: 5, valueMax: 10, targetYear: 2025 }),
  );
  expect(plan.targets).toContainEqual(
    expect.objectContaining({ comparator: 'TOP_N', value: 15, unit: 'RANK' }),
  );
  expect(plan.targets).toContainEqual(
    expect.objectContaining({ comparator: 'MORE_THAN', value: 30, targetYear: 2025 }),
  );
  expect(plan.sections.map((s) => s.number).slice(0, 5)).toEqual(['I', '1', '2', '2.1', '2.2']);
  expect(plan.findings).toEqual([]);
});

test("Khánh Hòa's draft: the budget adds up, the weekday and the schedule's dates do not", () => {
  const plan = readPlan(seed('000_65a3cc8534e8e28f.txt'));
  expect(plan.budget.lines).toHaveLength(10);
  expect(plan.budget.total).toBe(314_400_000);
  expect(plan.budget.totalInWords).toBe('Ba trăm mười bốn triệu, bốn trăm nghìn đồng');
  expect(plan.budget.lines[7]).toMatchObject({ factors: [5, 8, 800_000], amount: 32_000_000 });
  const messages = plan.findings.map((f) => `${f.line}: ${f.message}`);
  expect(messages).toContain('173: Ngày 22/07/2022 là thứ Sáu, không phải thứ Bảy.');
  // One finding at the stated dates, naming each schedule day outside them and its line.
  expect(messages).toContain(
    '38: Lịch trình xếp 5 ngày 18/07/2022 (dòng 105), 19/07/2022 (dòng 118), 20/07/2022 (dòng 131), 21/07/2022 (dòng 145), 22/07/2022 (dòng 159) ngoài thời gian đã nêu: từ 01/08/2022 đến 06/08/2022.',
  );
  // Section 3 has two sub-items labelled "b)".
  expect(messages).toContain(
    '47: Hai tiểu mục liền nhau cùng ký hiệu "b)"; tiểu mục sau phải là "c)".',
  );
  // The delegation (2 named + 3 + 3 + 14 agencies = 22) and the money are right: no finding.
  expect(messages.filter((m) => /người|đ\b|bằng chữ/.test(m))).toEqual([]);
  expect(plan.findings).toHaveLength(3);
});

test('the factors of a budget line, as plans write them', () => {
  expect(factorsOf('1 xe 24 chỗ x 2.500.000đ/xe x 2 chiều')).toEqual([1, 2_500_000, 2]);
  expect(factorsOf('05 đêm x 08 phòng 800.000đ/ phòng')).toEqual([5, 8, 800_000]);
  expect(factorsOf('22 người')).toEqual([]);
});

/** A plan written for these tests, laid out differently from the seeds, with slips in it. */
const flawed = `ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 0155/KH-UBND
Phú Yên, ngày
05 tháng 6 năm 2023
KẾ HOẠCH
Hội thảo chuyển đổi số cấp xã năm 2023
Căn cứ Nghị quyết số 52/NQ-CP ngày 22 tháng 4 năm 2022 của Chính phủ;
I. MỤC TIÊU
1. Mục tiêu đến năm 2025
- 80% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng.
2. Định hướng đến năm 2030
- 70% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng.
II. NỘI DUNG
1. Thời gian: từ ngày 17/7/2023 đến ngày 18/7/2023.
2. Thành phần
- Đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh;
- Sở Thông tin và Truyền thông: 02 cán bộ;
Tổng cộng: 5 người.
3. Chương trình
- Thứ Ba, ngày 17/7/2023: khai mạc.
- 19/7/2023 (thứ 4): tham quan.
4. Kinh phí
1. In tài liệu (50 bộ x 20.000đ) 1.500.000
2. Thuê hội trường (2 ngày x 3.000.000đ) 6.000.000
Tổng cộng: 8.000.000
(Bảy triệu năm trăm nghìn đồng)
III. TỔ CHỨC THỰC HIỆN
Các đơn vị gửi báo cáo về Sở Thông tin và Truyền thông trước ngày 30/5/2023.
`;

test('a plan in another layout: every slip found, each on its line, in Vietnamese', () => {
  const plan = readPlan(flawed);
  expect(plan).toMatchObject({
    number: '0155/KH-UBND',
    issuedOn: '2023-06-05',
    place: 'Phú Yên',
    issuerName: 'Ủy ban nhân dân tỉnh Phú Yên',
    title: 'Hội thảo chuyển đổi số cấp xã năm 2023',
  });
  expect(plan.bases).toEqual([
    expect.objectContaining({ number: '52/NQ-CP', issuedOn: '2022-04-22' }),
  ]);
  const text = plan.findings.map((f) => `${f.line}: ${f.message}`).join('\n');
  // 50 × 20.000 = 1.000.000, not 1.500.000; the total is not the sum; the words are not 8 million.
  expect(text).toContain(
    '26: Dòng kinh phí "In tài liệu (50 bộ x 20.000đ)": 50 × 20.000 = 1.000.000 đ, nhưng thành tiền ghi 1.500.000 đ.',
  );
  expect(text).toContain(
    '28: Tổng cộng ghi 8.000.000 đ, nhưng cộng 2 dòng kinh phí được 7.500.000 đ.',
  );
  expect(text).toContain(
    '28: Số tiền bằng chữ "Bảy triệu năm trăm nghìn đồng" không khớp với 8.000.000 đ',
  );
  // 17/7/2023 was a Monday, not a Tuesday; 19/7/2023 a Wednesday (right), but outside 17–18/7.
  expect(text).toContain('23: Ngày 17/07/2023 là thứ Hai, không phải thứ Ba.');
  expect(text).not.toContain('19/07/2023 là');
  expect(text).toContain(
    '17: Lịch trình xếp ngày 19/07/2023 (dòng 24) ngoài thời gian đã nêu: từ 17/07/2023 đến 18/07/2023.',
  );
  expect(text).toContain(
    '21: Thành phần đoàn ghi tổng cộng 5 người, nhưng các dòng liệt kê cộng được 3 người.',
  );
  expect(text).toContain('31: Thời hạn 30/05/2023');
  expect(text).toContain('trước ngày ban hành kế hoạch 05/06/2023');
  expect(text).toContain('15: Chỉ tiêu năm 2030 (70) thấp hơn chỉ tiêu năm 2025 (80)');
  expect(plan.findings).toHaveLength(8);
});

/** Another layout: a task table with group rows, lettered agency headings with "+" items, counts. */
const lamDong = `UBND TỈNH LÂM ĐỒNG
Số: 88/KH-UBND
Lâm Đồng, ngày 10 tháng 3 năm 2024
KẾ HOẠCH
Phát triển dữ liệu số tỉnh Lâm Đồng năm 2024
Căn cứ Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ;
Thực hiện Chương trình hành động số 12-CTr/TU ngày 02/8/2023 của Tỉnh ủy,
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
- Tối thiểu 05 mô hình thôn thông minh được triển khai.
- Từ 10% đến 15% ngân sách sự nghiệp dành cho dữ liệu số.
- 100% hồ sơ cấp tỉnh, 90% hồ sơ cấp huyện và 70% hồ sơ cấp xã được số hóa.
- Lâm Đồng thuộc nhóm 20 tỉnh dẫn đầu về dữ liệu mở.
II. NHIỆM VỤ
| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |
| I | Dữ liệu nền tảng | | | |
| 1 | Xây dựng kho dữ liệu dùng chung của tỉnh | Sở TT&TT | Sở Tài chính; Văn phòng UBND tỉnh | Quý III/2024 |
| 2 | Số hóa hồ sơ đất đai | Sở Tài nguyên và Môi trường | UBND các huyện, thành phố | Quý IV/2024 |
III. TỔ CHỨC THỰC HIỆN
a) Sở Y tế:
+ Chủ trì xây dựng cơ sở dữ liệu tiêm chủng của tỉnh;
+ Phối hợp với Sở Thông tin và Truyền thông kết nối dữ liệu khám chữa bệnh.
b) Giao UBND các huyện, thành phố rà soát, cập nhật dữ liệu dân cư trên địa bàn trước ngày 30/6/2024.
`;

test('another layout: task table, lettered agency headings, counts and the one-year plan year', () => {
  const plan = readPlan(lamDong);
  expect(plan.bases.map((b) => [b.number, b.issuedOn])).toEqual([
    ['942/QĐ-TTg', '2021-06-15'],
    ['12-CTr/TU', '2023-08-02'],
  ]);
  expect(
    plan.targets.map((t) => [t.unit, t.comparator, t.value, t.valueMax, t.level, t.targetYear]),
  ).toEqual([
    ['COUNT', 'AT_LEAST', 5, null, null, 2024],
    ['PERCENT', 'RANGE', 10, 15, null, 2024],
    ['PERCENT', 'AT_LEAST', 100, null, 'PROVINCE', 2024],
    ['PERCENT', 'AT_LEAST', 90, null, 'DISTRICT', 2024],
    ['PERCENT', 'AT_LEAST', 70, null, 'COMMUNE', 2024],
    ['RANK', 'TOP_N', 20, null, null, 2024],
  ]);
  expect(plan.tasks.map((t) => [t.code, t.leadOrgName, t.coordinatingOrgNames])).toEqual([
    ['1', 'Sở TT&TT', ['Sở Tài chính', 'Văn phòng UBND tỉnh']],
    ['2', 'Sở Tài nguyên và Môi trường', ['UBND các huyện, thành phố']],
    [null, 'Sở Y tế', []],
    [null, 'Sở Y tế', ['Sở Thông tin và Truyền thông']],
    [null, 'UBND các huyện, thành phố', []],
  ]);
  // The group row "I | Dữ liệu nền tảng" is not a task.
  expect(plan.tasks.map((t) => t.title)).not.toContain('Dữ liệu nền tảng');
  expect(plan.deadlines).toEqual([expect.objectContaining({ date: '2024-06-30', line: 23 })]);
  expect(plan.findings).toEqual([]);
});

test('an event plan: results due before the event ends, a source cut short, an appendix date', () => {
  const plan = readPlan(`Số: 21/KH-UBND
Gia Lai, ngày 02 tháng 8 năm 2024
KẾ HOẠCH
Ngày hội chuyển đổi số tỉnh Gia Lai năm 2024
I. THỜI GIAN
- Thời gian dự kiến: từ ngày 10/10 đến ngày 12/10/2024.
II. KINH PHÍ
Ước khái toán kinh phí thực hiện: khoảng 900.000.000 đồng (Chín trăm triệu đồng), trong đó:
- Kinh phí từ ngân sách tỉnh: khoảng 600.000.000 đồng.
- Kinh phí xã hội hóa: khoảng 300
III. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông
- Tổng hợp, báo cáo kết quả về UBND tỉnh trước ngày 05/10/2024.
PHỤ LỤC
(Kèm theo Kế hoạch số: 21/KH-UBND ngày 20/8/2024 của UBND tỉnh)
`);
  expect(plan.budget).toMatchObject({ total: 900_000_000, totalInWords: 'Chín trăm triệu đồng' });
  expect(plan.findings.map((f) => `${f.line}: ${f.message}`)).toEqual([
    '10: Dòng kinh phí "Kinh phí xã hội hóa" ghi số tiền 300 không có đơn vị: dòng có vẻ bị cắt cụt, nên không đối chiếu được với tổng 900.000.000 đ.',
    '13: Hạn báo cáo kết quả 05/10/2024 trước khi hoạt động kết thúc (từ 10/10/2024 đến 12/10/2024, dòng 6).',
    '15: Phụ lục ghi kèm theo Kế hoạch số 21/KH-UBND ngày 20/08/2024, nhưng kế hoạch đề ngày 02/08/2024.',
  ]);
});
