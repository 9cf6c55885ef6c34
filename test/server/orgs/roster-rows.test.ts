// One row of the roster file, read cell by cell: the Vietnamese column names, choices by label or
// key, codes, emails, phones that lost their 0, dates as Vietnamese write them, and roles with
// whom they cover. Each problem names its column.
import {
  ORG_COLUMNS,
  USER_COLUMNS,
  columnOfHeader,
  placeText,
} from '../../../server/orgs/roster/columns.ts';
import {
  cellText,
  dayAfter,
  dayBefore,
  orgCodeOf,
  parseOrgRow,
  parseRoles,
  parseUserRow,
  phoneOf,
} from '../../../server/orgs/roster/rows.ts';

describe('columns', () => {
  test('the headers are Vietnamese, in the order name, kind, level, parent, code, email, phone', () => {
    expect(ORG_COLUMNS.map((c) => c.header)).toEqual([
      'Tên đơn vị',
      'Loại đơn vị',
      'Cấp',
      'Đơn vị cấp trên',
      'Mã đơn vị',
      'Thư điện tử',
      'Điện thoại',
      'Ngừng hoạt động từ ngày',
    ]);
    expect(USER_COLUMNS.map((c) => c.header)).toEqual([
      'Thư điện tử',
      'Họ và tên',
      'Đơn vị',
      'Vai trò',
    ]);
  });

  test('a header is recognised whatever its case, accents or a script’s English key', () => {
    expect(columnOfHeader(ORG_COLUMNS, 'TÊN ĐƠN VỊ')?.key).toBe('name');
    expect(columnOfHeader(ORG_COLUMNS, 'don vi cap tren')?.key).toBe('parent');
    expect(columnOfHeader(ORG_COLUMNS, 'phone')?.key).toBe('phone');
    expect(columnOfHeader(USER_COLUMNS, 'Họ tên')?.key).toBe('name');
    expect(columnOfHeader(USER_COLUMNS, 'Ghi chú')).toBeNull();
  });

  test('a place is said as sheet, row, column', () => {
    expect(placeText('Đơn vị', 7, 'Đơn vị cấp trên')).toBe(
      'Trang "Đơn vị", dòng 7, cột "Đơn vị cấp trên"',
    );
    expect(placeText('Tài khoản', null, null)).toBe('Trang "Tài khoản"');
  });
});

describe('an agency row', () => {
  test('choices by label or key, code in capitals, email lower case, dates the Vietnamese way', () => {
    const read = parseOrgRow({
      name: '  Trung tâm   Chuyển đổi số  ',
      kind: 'đơn vị sự nghiệp, trung tâm',
      level: 'PROVINCE',
      parent: 'NA.SKHCN',
      code: 'na.skhcn.ttcds',
      email: ' TTCDS@NgheAn.gov.vn ',
      phone: '0238 3598 888',
      closeFrom: '1/7/2025',
    });
    expect(read.problems).toEqual([]);
    expect(read.value).toEqual({
      name: 'Trung tâm Chuyển đổi số',
      kind: 'AGENCY',
      level: 'PROVINCE',
      parent: 'NA.SKHCN',
      code: 'NA.SKHCN.TTCDS',
      email: 'ttcds@nghean.gov.vn',
      phone: '0238 3598 888',
      closeFrom: '2025-07-01',
    });
  });

  test('blank cells stay unknown, except the name, which is required', () => {
    const read = parseOrgRow({ name: null });
    expect(read.problems).toEqual([{ column: 'name', message: 'Tên đơn vị không được để trống.' }]);
    expect(read.value.kind).toBeNull();
    expect(read.value.closeFrom).toBeNull();
  });

  test('each wrong cell is one problem naming its column', () => {
    const read = parseOrgRow({
      name: 'Sở Ảo',
      kind: 'Sở',
      level: 'Cấp thôn',
      code: 'NA/SYT',
      email: 'so-ao@',
      phone: '12345',
      closeFrom: '31/2/2025',
    });
    expect(read.problems.map((p) => p.column)).toEqual([
      'kind',
      'level',
      'code',
      'email',
      'phone',
      'closeFrom',
    ]);
    expect(read.problems[0]!.message).toContain('"Sở" không có trong danh sách');
    expect(read.problems[0]!.message).toContain('"Sở, ban, ngành"');
    expect(read.problems[3]!.message).toBe('"so-ao@" không phải là địa chỉ thư điện tử.');
    expect(read.problems[5]!.message).toBe('"31/2/2025" không phải là ngày có thật.');
  });

  test('a phone number Excel turned into a number gets its leading 0 back', () => {
    expect(phoneOf(2383844550)).toEqual({ ok: true, value: '02383844550' });
    expect(phoneOf(912345678)).toEqual({ ok: true, value: '0912345678' });
    expect(phoneOf('0238.3844.550, 0912 345 678')).toEqual({
      ok: true,
      value: '0238.3844.550, 0912 345 678',
    });
    expect(phoneOf('+84 912 345 678')).toEqual({ ok: true, value: '+84 912 345 678' });
    expect(phoneOf('gọi tổng đài')).toEqual({ ok: false });
    expect(phoneOf(123)).toEqual({ ok: false });
  });

  test('codes: capitals, digits and separators between them', () => {
    expect(orgCodeOf('na.syt')).toBe('NA.SYT');
    expect(orgCodeOf('NA.VINH.HUNG_BINH')).toBe('NA.VINH.HUNG_BINH');
    expect(orgCodeOf('NA..SYT')).toBeNull();
    expect(orgCodeOf('Sở Y tế')).toBeNull();
    expect(orgCodeOf('A'.repeat(61))).toBeNull();
  });

  test('closed from a day means open until the day before', () => {
    expect(dayBefore('2025-07-01')).toBe('2025-06-30');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayAfter('2025-06-30')).toBe('2025-07-01');
    expect(dayAfter('2025-12-31')).toBe('2026-01-01');
  });

  test('text is NFC, one space between words, no control characters or half surrogates', () => {
    expect(cellText('Sở Y tế'.normalize('NFD'))).toBe('Sở Y tế');
    expect(cellText('a\u0000b\tc')).toBe('a b c');
    expect(cellText('x\ud800y')).toBe('x y');
    expect(cellText('🇻🇳')).toBe('🇻🇳');
    expect(cellText('   ')).toBeNull();
    expect(cellText(2024)).toBe('2024');
  });
});

describe('roles', () => {
  test('labels, keys, several with commas, each with whom it covers', () => {
    expect(parseRoles('Báo cáo, Tổng hợp (toàn tỉnh)')).toEqual({
      ok: true,
      roles: [
        { role: 'REPORTER', scope: { kind: 'own' } },
        { role: 'CONSOLIDATOR', scope: { kind: 'root' } },
      ],
    });
    expect(parseRoles('quan tri; ANALYST (NA.VINH)')).toEqual({
      ok: true,
      roles: [
        { role: 'ADMIN', scope: { kind: 'own' } },
        { role: 'ANALYST', scope: { kind: 'org', ref: 'NA.VINH' } },
      ],
    });
    // The same role twice is one role.
    expect(parseRoles('Báo cáo, báo cáo')).toEqual({
      ok: true,
      roles: [{ role: 'REPORTER', scope: { kind: 'own' } }],
    });
  });

  test('an unknown role is named with the roles there are', () => {
    expect(parseRoles('Báo cáo, Giám đốc')).toEqual({
      ok: false,
      message:
        '"Giám đốc" không phải là vai trò ("Báo cáo", "Lãnh đạo duyệt", "Tổng hợp", "Phân tích", "Quản trị").',
    });
  });
});

describe('an account row', () => {
  test('email required and normalised; name, agency and roles as written', () => {
    expect(
      parseUserRow({
        email: 'NguyenVanA@NgheAn.gov.vn',
        name: 'Nguyễn  Văn A',
        org: 'NA.SYT',
        roles: 'Báo cáo',
      }),
    ).toEqual({
      value: {
        email: 'nguyenvana@nghean.gov.vn',
        name: 'Nguyễn Văn A',
        org: 'NA.SYT',
        roles: [{ role: 'REPORTER', scope: { kind: 'own' } }],
      },
      problems: [],
    });
  });

  test('a bad email and a bad role are two problems, one per column', () => {
    const read = parseUserRow({ email: 'khong-phai-email', name: 'A', roles: 'Sếp' });
    expect(read.problems).toEqual([
      { column: 'email', message: '"khong-phai-email" không phải là địa chỉ thư điện tử.' },
      {
        column: 'roles',
        message:
          '"Sếp" không phải là vai trò ("Báo cáo", "Lãnh đạo duyệt", "Tổng hợp", "Phân tích", "Quản trị").',
      },
    ]);
  });
});
