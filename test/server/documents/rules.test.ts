// The rules of the documents a department issues, as plain functions: Nghị định 30/2020 Phụ lục I
// (server/documents/nd30.ts), the issuing agency from the org tree (issuer.ts), and what the báo
// cáo tổng hợp and the công văn đôn đốc say (consolidated-report.ts, reminder-letter.ts).
import {
  agencyHeading,
  agencySymbol,
  estimatedWidth,
  headOffice,
  MARGINS,
  numberLine,
  PAGE,
  parentHeading,
  placeAndDate,
  placeName,
  recipientLines,
  shortLineWidth,
  signerLines,
  withoutPlace,
} from '../../../server/documents/nd30.ts';
import { issuerOf } from '../../../server/documents/issuer.ts';
import {
  consolidatedSummary,
  documentValue,
  reportSubject,
  tableRows,
} from '../../../server/documents/consolidated-report.ts';
import {
  addressees,
  replyBy,
  timeInWords,
  toRemind,
} from '../../../server/documents/reminder-letter.ts';
import type { ConsolidatedTable, RecipientStatus } from '../../../shared/reporting/consolidated.ts';
import type { SheetColumn } from '../../../shared/reporting/sheet.ts';
import { formatVietnamTime, vietnamInstant } from '../../../shared/time/vietnam.ts';

const SKHCN = 'Sở Khoa học và Công nghệ tỉnh Nghệ An';

describe('Phụ lục I: page, margins, lines', () => {
  test('A4 and margins inside the decree ranges, in twips', () => {
    expect(PAGE).toEqual({ width: 11906, height: 16838 });
    expect(MARGINS).toEqual({ top: 1134, bottom: 1134, left: 1701, right: 850 });
  });

  test('the line under the agency is 1/3–1/2 of the name as Times New Roman sets it', () => {
    // "SỞ KHOA HỌC VÀ CÔNG NGHỆ", bold 12 pt: 3674 twips in Liberation Serif (TNR's metrics).
    const measured = 3674;
    const estimate = estimatedWidth('SỞ KHOA HỌC VÀ CÔNG NGHỆ', 12, true);
    expect(Math.abs(estimate - measured) / measured).toBeLessThan(0.1);
    const rule = shortLineWidth('SỞ KHOA HỌC VÀ CÔNG NGHỆ', 12, true, 4000);
    expect(rule / measured).toBeGreaterThanOrEqual(1 / 3);
    expect(rule / measured).toBeLessThanOrEqual(1 / 2);
    // A name longer than its column is measured by the column it wraps in.
    expect(shortLineWidth('X'.repeat(200), 12, true, 4000)).toBe(1600);
  });
});

describe('Phụ lục I: the heading block', () => {
  test.each([
    [SKHCN, null, 'SKHCN'],
    [SKHCN, 'Sở KH&CN', 'SKHCN'],
    ['Sở Thông tin và Truyền thông tỉnh Bến Tre', 'STTTT', 'STTTT'],
    ['Sở Giáo dục và Đào tạo tỉnh Nghệ An', null, 'SGDĐT'],
    ['Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An', null, 'SVHTTDL'],
    ['Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An', null, 'SLĐTBXH'],
    ['Ủy ban nhân dân tỉnh Nghệ An', 'UBND tỉnh Nghệ An', 'UBND'],
    ['Văn phòng Ủy ban nhân dân tỉnh Nghệ An', null, 'VPUBND'],
    ['Ủy ban nhân dân xã Diễn Châu', null, 'UBND'],
  ])('%s (short name %s) is abbreviated %s in its numbers', (name, shortName, symbol) => {
    expect(agencySymbol({ name, shortName })).toBe(symbol);
  });

  test('the place part of a name goes; "Xã hội" is not a place', () => {
    expect(withoutPlace(SKHCN)).toBe('Sở Khoa học và Công nghệ');
    expect(withoutPlace('Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An')).toBe(
      'Sở Lao động - Thương binh và Xã hội',
    );
    expect(withoutPlace('Ủy ban nhân dân phường Trường Vinh')).toBe('Ủy ban nhân dân');
    expect(withoutPlace('Thanh tra tỉnh')).toBe('Thanh tra tỉnh');
  });

  test('the agency under its parent, in capitals, "Ủy ban nhân dân" written UBND', () => {
    expect(parentHeading('Ủy ban nhân dân tỉnh Nghệ An')).toBe('UBND TỈNH NGHỆ AN');
    expect(agencyHeading(SKHCN, true)).toBe('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(agencyHeading('Ủy ban nhân dân xã Diễn Châu', false)).toBe(
      'ỦY BAN NHÂN DÂN XÃ DIỄN CHÂU',
    );
  });

  test('the number is left blank for the văn thư: BC-<agency> for a report, <agency>-VP for a công văn', () => {
    expect(numberLine('report', 'SKHCN')).toMatch(/^Số:\s{4,}\/BC-SKHCN$/u);
    expect(numberLine('letter', 'SKHCN')).toMatch(/^Số:\s{4,}\/SKHCN-VP$/u);
    expect(numberLine('letter', 'SKHCN', 'CĐS')).toMatch(/\/SKHCN-CĐS$/u);
  });

  test.each([
    ['Ủy ban nhân dân tỉnh Nghệ An', 'Nghệ An'],
    ['Ủy ban nhân dân thành phố Hà Nội', 'Hà Nội'],
    ['Ủy ban nhân dân thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh'],
    ['Ủy ban nhân dân phường Trường Vinh', 'Trường Vinh'],
    ['UBND xã Diễn Châu', 'Diễn Châu'],
    ['Ủy ban nhân dân phường 1', 'Phường 1'],
  ])('the place of %s is written %s', (committee, place) => {
    expect(placeName(committee)).toBe(place);
  });

  test.each([
    // 17:30 UTC on 4 January is 00:30 on 5 January in Vietnam.
    ['2026-01-04T17:30:00Z', 'Nghệ An, ngày 05 tháng 01 năm 2026'],
    ['2026-02-28T18:00:00Z', 'Nghệ An, ngày 01 tháng 3 năm 2026'],
    ['2026-02-09T03:00:00Z', 'Nghệ An, ngày 09 tháng 02 năm 2026'],
    ['2026-09-09T03:00:00Z', 'Nghệ An, ngày 09 tháng 9 năm 2026'],
    ['2026-12-15T10:00:00Z', 'Nghệ An, ngày 15 tháng 12 năm 2026'],
  ])('%s is dated "%s" (Vietnam time; leading zero for days below 10, months 1–2)', (at, line) => {
    expect(placeAndDate('Nghệ An', new Date(at))).toBe(line);
  });
});

describe('Phụ lục I: signature block and Nơi nhận', () => {
  const so = headOffice({ kind: 'DEPARTMENT', name: SKHCN });
  const committee = headOffice({ kind: 'PEOPLES_COMMITTEE', name: 'Ủy ban nhân dân xã Diễn Châu' });

  test('the head signs, or a deputy signs for them, through the signing forms', () => {
    expect(signerLines(so, false)).toEqual(['GIÁM ĐỐC']);
    expect(signerLines(so, true)).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(signerLines(committee, false)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signerLines(committee, true)).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ]);
    expect(
      signerLines(headOffice({ kind: 'DEPARTMENT', name: 'Văn phòng Ủy ban nhân dân tỉnh' }), true),
    ).toEqual(['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG']);
    expect(so.reference).toBe('Giám đốc Sở');
  });

  test('recipients one a line with ";", the last "Lưu: VT, …."', () => {
    expect(recipientLines(['Như trên', 'Giám đốc Sở (để báo cáo)'])).toEqual([
      '- Như trên;',
      '- Giám đốc Sở (để báo cáo);',
      '- Lưu: VT, VP.',
    ]);
    expect(recipientLines([])).toEqual(['- Lưu: VT, VP.']);
  });
});

describe('the issuing agency from the org tree', () => {
  const org = (
    code: string,
    name: string,
    kind: string,
    parentId: string | null,
    path: string,
  ) => ({
    id: code,
    code,
    name,
    shortName: null,
    kind,
    level: null,
    parentId,
    path,
    email: null,
    phone: null,
  });
  const province = org('NA', 'Ủy ban nhân dân tỉnh Nghệ An', 'PEOPLES_COMMITTEE', 'VN', '/NA/');
  const nation = org('VN', 'Chính phủ', 'GOVERNMENT', null, '/VN/');

  test("a department: under its province's committee, dated from the province", () => {
    const so = org('NA.SKHCN', SKHCN, 'DEPARTMENT', 'NA', '/NA/NA.SKHCN/');
    expect(issuerOf(so, [province, so])).toMatchObject({
      parentHeading: 'UBND TỈNH NGHỆ AN',
      agencyHeading: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      parentName: 'Ủy ban nhân dân tỉnh Nghệ An',
      symbol: 'SKHCN',
      place: 'Nghệ An',
      head: { office: 'Giám đốc' },
    });
  });

  test('a commune committee: its own heading, dated from the commune', () => {
    const xa = org(
      'DVHC.17464',
      'Ủy ban nhân dân xã Diễn Châu',
      'PEOPLES_COMMITTEE',
      'NA',
      '/NA/DVHC.17464/',
    );
    expect(issuerOf(xa, [province, xa, nation])).toMatchObject({
      parentHeading: null,
      agencyHeading: 'ỦY BAN NHÂN DÂN XÃ DIỄN CHÂU',
      symbol: 'UBND',
      place: 'Diễn Châu',
      head: { collective: 'Ủy ban nhân dân', office: 'Chủ tịch' },
    });
    // A province committee is not headed by the government.
    expect(issuerOf(province, [province, nation]).parentHeading).toBeNull();
  });
});

describe('the báo cáo tổng hợp', () => {
  test('the trích yếu follows the request title', () => {
    expect(reportSubject('Báo cáo tiến độ chuyển đổi số Quý III/2026')).toBe(
      'báo cáo tiến độ chuyển đổi số Quý III/2026',
    );
    expect(reportSubject('Sơ kết 01 năm Kế hoạch 586')).toBe('báo cáo Sơ kết 01 năm Kế hoạch 586');
    expect(consolidatedSummary('Báo cáo  tiến độ chuyển đổi số Quý III/2026')).toBe(
      'Tổng hợp kết quả báo cáo tiến độ chuyển đổi số Quý III/2026',
    );
  });

  const column = (key: string, type: SheetColumn['type'], more: Partial<SheetColumn> = {}) =>
    ({
      key,
      label: key,
      type,
      required: false,
      readOnly: false,
      options: [],
      aggregate: 'SUM',
      ...more,
    }) as SheetColumn;

  test('values in Vietnamese digits, averages to two decimals', () => {
    expect(documentValue(column('a', 'INTEGER'), '16688')).toBe('16.688');
    expect(documentValue(column('a', 'PERCENT'), '88.4333333333')).toBe('88,43%');
    expect(documentValue(column('a', 'MONEY'), '1500000')).toBe('1.500.000 đ');
    expect(documentValue(column('a', 'DECIMAL'), '2.5')).toBe('2,5');
    expect(documentValue(column('a', 'DATE'), '2026-01-05')).toBe('05/01/2026');
    expect(documentValue(column('a', 'TEXT'), 'hồ sơ')).toBe('hồ sơ');
    expect(documentValue(column('a', 'INTEGER'), null)).toBe('');
  });

  test("a table: groups, totals with their agencies' notes, roll-ups that add something", () => {
    const org = (id: string, name: string, path: string) => ({
      id,
      code: id,
      name,
      level: null,
      path,
    });
    const a = org('A', 'Sở Tư pháp tỉnh Nghệ An', '/NA/A/');
    const b = org('B', 'Ủy ban nhân dân xã X', '/NA/H/B/');
    const cells = (value: string | null, note: string | null = null) => [
      { columnKey: 'name', value: null },
      { columnKey: 'n', value },
      { columnKey: 'note', value: note },
    ];
    const table: ConsolidatedTable = {
      key: 't',
      title: 'Biểu 01',
      description: null,
      columns: [
        column('name', 'TEXT', { readOnly: true, aggregate: 'NONE' }),
        column('n', 'INTEGER'),
        column('note', 'TEXT', { aggregate: 'LIST' }),
      ],
      rows: [
        {
          key: 'g',
          group: null,
          label: 'I. Nhóm',
          isGroup: true,
          totals: [],
          byOrg: [],
          rollup: [],
        },
        {
          key: 'r',
          group: 'g',
          label: 'Hồ sơ',
          isGroup: false,
          totals: [
            { columnKey: 'name', value: 'Hồ sơ' },
            { columnKey: 'n', value: '3500' },
            { columnKey: 'note', value: null },
          ],
          byOrg: [
            { org: a, cells: cells('3000', 'qua VNeID') },
            { org: b, cells: cells('500') },
          ],
          rollup: [
            { org: org('H', 'Ủy ban nhân dân huyện H', '/NA/H/'), cells: cells('500') },
            { org: org('NA', 'Ủy ban nhân dân tỉnh Nghệ An', '/NA/'), cells: cells('3500') },
          ],
        },
      ],
    };
    expect(tableRows(table)).toEqual([
      { cells: ['I. Nhóm'], bold: true, merged: true },
      { cells: ['1', 'Hồ sơ', '3.500', 'Sở Tư pháp tỉnh Nghệ An: qua VNeID', '2'] },
      // The province's roll-up repeats the total: left out.
      { italics: true, cells: ['', 'Cộng Ủy ban nhân dân huyện H', '500', '', ''] },
    ]);
  });
});

describe('the công văn đôn đốc', () => {
  const status = (
    id: string,
    name: string,
    kind: string,
    level: RecipientStatus['org']['level'],
    overdue = true,
  ): RecipientStatus =>
    ({
      org: { id, code: id, name, level, path: `/NA/${id}/`, kind },
      state: 'NOT_STARTED',
      submissionId: null,
      version: 0,
      submittedAt: null,
      late: false,
      returnReason: null,
      deadline: vietnamInstant('2026-09-19', '17:00'),
      overdue,
    }) as RecipientStatus;

  test('the department does not remind itself, nor those not overdue', () => {
    const list = [
      status('SKHCN', SKHCN, 'DEPARTMENT', 'PROVINCE'),
      status('SYT', 'Sở Y tế tỉnh Nghệ An', 'DEPARTMENT', 'PROVINCE'),
      status('STP', 'Sở Tư pháp tỉnh Nghệ An', 'DEPARTMENT', 'PROVINCE', false),
    ];
    expect(toRemind(list, 'SKHCN').map((r) => r.org.id)).toEqual(['SYT']);
  });

  test('"Kính gửi" names a few agencies, and groups many (departments first)', () => {
    const few = [
      status('X1', 'Ủy ban nhân dân xã A', 'PEOPLES_COMMITTEE', 'COMMUNE'),
      status('SYT', 'Sở Y tế tỉnh Nghệ An', 'DEPARTMENT', 'PROVINCE'),
    ];
    expect(addressees(few)).toEqual(['Ủy ban nhân dân xã A', 'Sở Y tế tỉnh Nghệ An']);
    const many = [
      ...Array.from({ length: 8 }, (_, i) =>
        status(`X${i}`, `Ủy ban nhân dân xã ${i}`, 'PEOPLES_COMMITTEE', 'COMMUNE'),
      ),
      status('SYT', 'Sở Y tế tỉnh Nghệ An', 'DEPARTMENT', 'PROVINCE'),
      status('STP', 'Sở Tư pháp tỉnh Nghệ An', 'DEPARTMENT', 'PROVINCE'),
      status('TT', 'Ban Quản lý Khu kinh tế Đông Nam', 'AGENCY', 'PROVINCE'),
    ];
    expect(addressees(many)).toEqual([
      'Các sở, ban, ngành tỉnh (có tên tại danh sách dưới đây)',
      'Ủy ban nhân dân các xã, phường (có tên tại danh sách dưới đây)',
      'Ban Quản lý Khu kinh tế Đông Nam',
    ]);
  });

  test('the new time given: 17:00 three days on, a weekend moved to Monday', () => {
    const at = (day: string) => formatVietnamTime(replyBy(vietnamInstant(day, '10:00')));
    expect(at('2026-12-07')).toBe('10/12/2026 17:00'); // Monday → Thursday
    expect(at('2026-12-02')).toBe('07/12/2026 17:00'); // Wednesday → Saturday → Monday
    expect(at('2026-12-03')).toBe('07/12/2026 17:00'); // Thursday → Sunday → Monday
    // 23:30 on Sunday in Vietnam is still Sunday there (16:30 UTC).
    expect(formatVietnamTime(replyBy(new Date('2026-12-06T16:30:00Z')))).toBe('09/12/2026 17:00');
    expect(timeInWords(vietnamInstant('2026-12-07', '17:00'))).toBe('17 giờ 00 ngày 07/12/2026');
  });
});
