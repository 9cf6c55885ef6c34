// Reading a plan's text and the review checks, on the seeds and on a document written for these
// tests in another layout. (The full per-seed reading against hand-written fixtures comes with
// the rest of the reader.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { factorsOf } from '../../../server/plans/reading/budget.ts';
import { readPlan } from '../../../server/plans/reading/read-plan.ts';

const seed = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../shared/seeds/${name}`, import.meta.url)), 'utf8');

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
  expect(messages).toContain('173: Ngày 22/7/2022 là thứ Sáu, không phải thứ Bảy.');
  expect(messages).toContainEqual(
    expect.stringMatching(
      /^105: Lịch trình ghi ngày 18\/7\/2022, ngoài thời gian đã nêu \(từ 1\/8\/2022 đến 6\/8\/2022/,
    ),
  );
  // The delegation (2 named + 3 + 3 + 14 agencies = 22) and the money are right: no finding.
  expect(messages.filter((m) => /người|đ\b|bằng chữ/.test(m))).toEqual([]);
  expect(plan.findings.every((f) => f.severity === 'ERROR')).toBe(true);
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
    '26: Dòng kinh phí "In tài liệu": 50 × 20.000 = 1.000.000 đ, nhưng thành tiền ghi 1.500.000 đ.',
  );
  expect(text).toContain(
    '28: Tổng cộng ghi 8.000.000 đ, nhưng cộng 2 dòng kinh phí được 7.500.000 đ.',
  );
  expect(text).toContain(
    '28: Số tiền bằng chữ "Bảy triệu năm trăm nghìn đồng" không khớp với 8.000.000 đ',
  );
  // 17/7/2023 was a Monday, not a Tuesday; 19/7/2023 a Wednesday (right), but outside 17–18/7.
  expect(text).toContain('23: Ngày 17/7/2023 là thứ Hai, không phải thứ Ba.');
  expect(text).not.toContain('19/7/2023 là');
  expect(text).toContain(
    '24: Lịch trình ghi ngày 19/7/2023, ngoài thời gian đã nêu (từ 17/7/2023 đến 18/7/2023',
  );
  expect(text).toContain(
    '21: Thành phần đoàn ghi tổng cộng 5 người, nhưng các dòng liệt kê ở trên cộng được 3 người.',
  );
  expect(text).toContain('31: Thời hạn 30/5/2023');
  expect(text).toContain('trước ngày ban hành kế hoạch 5/6/2023');
  expect(text).toContain('15: Chỉ tiêu năm 2030 (70) thấp hơn chỉ tiêu năm 2025 (80)');
  expect(plan.findings).toHaveLength(8);
});
