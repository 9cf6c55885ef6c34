// What a roster file would do to a province's tree, decided without a database: rows matched to
// agencies by code, then by name under the parent they name; new agencies with their codes; what
// changes, closes or moves; accounts and their roles; and every problem by sheet, row and column.
import {
  planRoster,
  rolesText,
  suggestCode,
  type RosterFile,
  type RosterSnapshot,
  type TreeOrg,
} from '../../../server/orgs/roster/plan.ts';
import type { OrgColumnKey, UserColumnKey } from '../../../server/orgs/roster/columns.ts';
import type { RawCell } from '../../../shared/cells/parse.ts';

const org = (o: Partial<TreeOrg> & Pick<TreeOrg, 'id' | 'code' | 'name' | 'parentId' | 'path'>) =>
  ({
    shortName: null,
    aliases: [],
    kind: 'DEPARTMENT',
    level: 'PROVINCE',
    validFrom: null,
    validTo: null,
    email: null,
    phone: null,
    ...o,
  }) as TreeOrg;

const root = org({
  id: 'na',
  code: 'NA',
  name: 'Ủy ban nhân dân tỉnh Nghệ An',
  shortName: 'UBND tỉnh Nghệ An',
  kind: 'PEOPLES_COMMITTEE',
  parentId: null,
  path: '/NA/',
});
const syt = org({
  id: 'syt',
  code: 'NA.SYT',
  name: 'Sở Y tế tỉnh Nghệ An',
  aliases: ['Sở Y tế'],
  parentId: 'na',
  path: '/NA/NA.SYT/',
  email: 'syt@nghean.gov.vn',
});
const stttt = org({
  id: 'stttt',
  code: 'NA.STTTT',
  name: 'Sở Thông tin và Truyền thông tỉnh Nghệ An',
  shortName: 'Sở TT&TT',
  parentId: 'na',
  path: '/NA/NA.STTTT/',
});
const cntt = org({
  id: 'cntt',
  code: 'NA.STTTT.CNTT',
  name: 'Trung tâm Công nghệ thông tin và Truyền thông Nghệ An',
  kind: 'AGENCY',
  parentId: 'stttt',
  path: '/NA/NA.STTTT/NA.STTTT.CNTT/',
});
const vinh = org({
  id: 'vinh',
  code: 'NA.VINH',
  name: 'Ủy ban nhân dân thành phố Vinh',
  kind: 'PEOPLES_COMMITTEE',
  level: 'DISTRICT',
  parentId: 'na',
  path: '/NA/NA.VINH/',
  validFrom: new Date('2000-01-01T00:00:00Z'),
});
const anhson = org({
  id: 'anhson',
  code: 'NA.ANHSON',
  name: 'Ủy ban nhân dân huyện Anh Sơn',
  kind: 'PEOPLES_COMMITTEE',
  level: 'DISTRICT',
  parentId: 'na',
  path: '/NA/NA.ANHSON/',
});
const vhVinh = org({
  id: 'vh-vinh',
  code: 'NA.VINH.VH',
  name: 'Phòng Văn hóa và Thông tin',
  kind: 'AGENCY',
  level: 'DISTRICT',
  parentId: 'vinh',
  path: '/NA/NA.VINH/NA.VINH.VH/',
});
const vhAnhson = org({
  id: 'vh-anhson',
  code: 'NA.ANHSON.VH',
  name: 'Phòng Văn hóa và Thông tin',
  kind: 'AGENCY',
  level: 'DISTRICT',
  parentId: 'anhson',
  path: '/NA/NA.ANHSON/NA.ANHSON.VH/',
});
const orgs = [root, syt, stttt, cntt, vinh, anhson, vhVinh, vhAnhson];

const snapshot = (): RosterSnapshot => ({
  root,
  orgs,
  users: [
    {
      id: 'u-syt',
      email: 'syte@nghean.gov.vn',
      name: 'Chuyên viên Sở Y tế',
      orgId: 'syt',
      roles: [{ role: 'REPORTER', scopeOrgId: 'syt' }],
    },
    {
      id: 'u-tttt',
      email: 'tttt@nghean.gov.vn',
      name: 'Chuyên viên Sở TT&TT',
      orgId: 'stttt',
      roles: [
        { role: 'CONSOLIDATOR', scopeOrgId: 'na' },
        { role: 'ANALYST', scopeOrgId: null },
      ],
    },
  ],
  takenCodes: new Set([...orgs.map((o) => o.code), 'NA.SYT.TTYT']),
  outsideCodes: new Map([['BT.SYT', 'Sở Y tế tỉnh Bến Tre']]),
  outsideEmails: new Set(['quantri@demo.vn']),
});

type OrgRow = Partial<Record<OrgColumnKey, RawCell>>;
type UserRow = Partial<Record<UserColumnKey, RawCell>>;
const file = (orgRows: OrgRow[], userRows: UserRow[] = [], rootCode: string | null = 'NA') =>
  ({
    rootCode,
    orgRows: orgRows.map((cells, i) => ({ row: i + 4, cells })),
    userRows: userRows.map((cells, i) => ({ row: i + 4, cells })),
    problems: [],
  }) satisfies RosterFile;

/** The rows the template writes for the tree as it is. */
const asWritten: OrgRow[] = orgs.map((o) => ({
  name: o.name,
  kind: o.kind,
  level: o.level,
  parent: orgs.find((p) => p.id === o.parentId)?.code ?? null,
  code: o.code,
  email: o.email,
}));

test('the tree written as it is changes nothing', () => {
  const plan = planRoster(
    snapshot(),
    file(asWritten, [
      { email: 'syte@nghean.gov.vn', name: 'Chuyên viên Sở Y tế', org: 'NA.SYT', roles: 'Báo cáo' },
      {
        email: 'tttt@nghean.gov.vn',
        name: 'Chuyên viên Sở TT&TT',
        org: 'NA.STTTT',
        roles: 'Tổng hợp (toàn tỉnh)',
      },
    ]),
  );
  expect(plan).toEqual({
    orgs: [],
    users: [],
    unchangedOrgs: orgs.length,
    unchangedUsers: 2,
    problems: [],
  });
});

test('matched by code, a new name renames; matched by name (an alias), the name stays', () => {
  const plan = planRoster(
    snapshot(),
    file([
      { name: 'Sở Khoa học và Công nghệ tỉnh Nghệ An', code: 'na.stttt' },
      { name: 'so y te', phone: '0238 3844 550' },
    ]),
  );
  expect(plan.problems).toEqual([]);
  expect(plan.orgs.map((s) => [s.action, s.code, s.name, s.renamedFrom, s.changes])).toEqual([
    [
      'UPDATE',
      'NA.STTTT',
      'Sở Khoa học và Công nghệ tỉnh Nghệ An',
      'Sở Thông tin và Truyền thông tỉnh Nghệ An',
      [
        {
          field: 'Tên đơn vị',
          before: 'Sở Thông tin và Truyền thông tỉnh Nghệ An',
          after: 'Sở Khoa học và Công nghệ tỉnh Nghệ An',
        },
      ],
    ],
    [
      'UPDATE',
      'NA.SYT',
      'Sở Y tế tỉnh Nghệ An',
      null,
      [{ field: 'Điện thoại', before: null, after: '0238 3844 550' }],
    ],
  ]);
});

test('two agencies of one name: the parent tells them apart; without it, a problem', () => {
  const plan = planRoster(
    snapshot(),
    file([
      { name: 'Phòng Văn hóa và Thông tin', parent: 'UBND thành phố Vinh', email: 'vh@vinh.vn' },
      { name: 'Phòng Văn hóa và Thông tin', email: 'vh@anhson.vn' },
    ]),
  );
  expect(plan.orgs.map((s) => [s.code, s.email])).toEqual([['NA.VINH.VH', 'vh@vinh.vn']]);
  expect(plan.problems).toEqual([
    {
      sheet: 'Đơn vị',
      row: 5,
      column: 'Tên đơn vị',
      message:
        'Có 2 đơn vị tên "Phòng Văn hóa và Thông tin" (mã NA.VINH.VH, NA.ANHSON.VH): ghi mã hoặc đơn vị cấp trên để chỉ rõ.',
    },
  ]);
});

test('new agencies: a code from the parent, the parent’s level, a parent that is a later row', () => {
  const plan = planRoster(
    snapshot(),
    file([
      { name: 'Phòng Kế hoạch', kind: 'Đơn vị sự nghiệp, trung tâm', parent: 'trung tam y te' },
      { name: 'Trung tâm Y tế', kind: 'AGENCY', parent: 'Sở Y tế' },
      { name: 'Trung tâm Chuyển đổi số', kind: 'AGENCY', code: 'NA.TTCDS', level: 'Cấp tỉnh' },
    ]),
  );
  expect(plan.problems).toEqual([]);
  expect(plan.orgs.map((s) => [s.action, s.code, s.name, s.level, s.parentName])).toEqual([
    // NA.SYT.TTYT is taken (by an agency elsewhere): the next one is chosen.
    ['CREATE', 'NA.SYT.TTYT2', 'Trung tâm Y tế', 'PROVINCE', 'Sở Y tế tỉnh Nghệ An'],
    ['CREATE', 'NA.SYT.TTYT2.PKH', 'Phòng Kế hoạch', 'PROVINCE', 'Trung tâm Y tế'],
    ['CREATE', 'NA.TTCDS', 'Trung tâm Chuyển đổi số', 'PROVINCE', 'Ủy ban nhân dân tỉnh Nghệ An'],
  ]);
  expect(suggestCode('NA', 'Sở Tư pháp', () => false)).toBe('NA.STP');
});

test('a new agency needs its kind; a parent nobody knows is named with the row', () => {
  const plan = planRoster(
    snapshot(),
    file([
      { name: 'Trung tâm A' },
      { name: 'Trung tâm B', kind: 'AGENCY', parent: 'Sở Không Có' },
      { name: 'Trung tâm C', kind: 'AGENCY', parent: 'BT.SYT' },
    ]),
  );
  expect(plan.orgs).toEqual([]);
  expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
    [4, 'Loại đơn vị', 'Đơn vị mới cần có loại đơn vị (chọn trong danh sách).'],
    [
      5,
      'Đơn vị cấp trên',
      'Không tìm thấy đơn vị "Sở Không Có" trong Ủy ban nhân dân tỉnh Nghệ An hay trong trang "Đơn vị" (ghi mã hoặc tên đúng).',
    ],
    [
      6,
      'Đơn vị cấp trên',
      '"Sở Y tế tỉnh Bến Tre" (mã BT.SYT) ở ngoài Ủy ban nhân dân tỉnh Nghệ An.',
    ],
  ]);
});

test('closing: from a day, so open until the day before; not before it opened', () => {
  const plan = planRoster(
    snapshot(),
    file([
      {
        name: 'Sở Thông tin và Truyền thông tỉnh Nghệ An',
        code: 'NA.STTTT',
        closeFrom: '01/03/2025',
      },
      { name: 'UBND thành phố Vinh', closeFrom: '1/1/1999' },
    ]),
  );
  expect(plan.orgs.map((s) => [s.action, s.code, s.validTo, s.changes])).toEqual([
    [
      'CLOSE',
      'NA.STTTT',
      '2025-02-28',
      [{ field: 'Ngừng hoạt động từ ngày', before: null, after: '01/03/2025' }],
    ],
  ]);
  expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
    [
      5,
      'Ngừng hoạt động từ ngày',
      'Đơn vị bắt đầu hoạt động từ 01/01/2000; ngày ngừng hoạt động phải sau ngày đó.',
    ],
  ]);
});

test('moving an agency by its code; never under its own child', () => {
  const moved = planRoster(
    snapshot(),
    file([{ name: cntt.name, code: cntt.code, parent: 'NA.SYT' }]),
  );
  expect(moved.problems).toEqual([]);
  expect(moved.orgs.map((s) => [s.code, s.moved, s.parentRef, s.changes])).toEqual([
    [
      'NA.STTTT.CNTT',
      true,
      'syt',
      [
        {
          field: 'Đơn vị cấp trên',
          before: 'Sở Thông tin và Truyền thông tỉnh Nghệ An',
          after: 'Sở Y tế tỉnh Nghệ An',
        },
      ],
    ],
  ]);
  const cycle = planRoster(
    snapshot(),
    file([{ name: stttt.name, code: stttt.code, parent: cntt.code }]),
  );
  expect(cycle.orgs).toEqual([]);
  expect(cycle.problems.map((p) => p.message)).toEqual([
    'Đơn vị cấp trên nằm trong chính các đơn vị trực thuộc dòng này (thành vòng).',
  ]);
});

test('codes: one per row, none of another province, and a known name keeps its own code', () => {
  const plan = planRoster(
    snapshot(),
    file([
      { name: 'Trung tâm X', kind: 'AGENCY', code: 'NA.X' },
      { name: 'Trung tâm Y', kind: 'AGENCY', code: 'NA.X' },
      { name: 'Sở Y tế Bến Tre', kind: 'DEPARTMENT', code: 'BT.SYT' },
      { name: 'Sở Y tế tỉnh Nghệ An', code: 'NA.SYT2' },
      { name: 'Sở Y tế', email: 'a@b.vn' },
      { name: 'Sở Y tế tỉnh Nghệ An', email: 'c@d.vn' },
    ]),
  );
  expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
    [5, 'Mã đơn vị', 'Mã NA.X đã có ở dòng 4.'],
    [
      6,
      'Mã đơn vị',
      'Mã BT.SYT là của "Sở Y tế tỉnh Bến Tre", ngoài Ủy ban nhân dân tỉnh Nghệ An.',
    ],
    [
      7,
      'Mã đơn vị',
      'Đã có đơn vị "Sở Y tế tỉnh Nghệ An" với mã NA.SYT: ghi mã NA.SYT để sửa đơn vị đó; đơn vị mới cần tên khác (mã của đơn vị có sẵn không đổi được).',
    ],
    [9, null, 'Dòng này và dòng 8 cùng chỉ đơn vị "Sở Y tế tỉnh Nghệ An" (mã NA.SYT).'],
  ]);
});

test('the root of the file keeps its place and stays open; a file for another province is refused', () => {
  const plan = planRoster(
    snapshot(),
    file([
      { name: root.name, code: 'NA', parent: 'VN', closeFrom: '1/7/2025', email: 'ubnd@na.vn' },
    ]),
  );
  expect(plan.problems.map((p) => p.column)).toEqual([
    'Đơn vị cấp trên',
    'Ngừng hoạt động từ ngày',
  ]);
  const other = planRoster(snapshot(), file(asWritten, [], 'BT'));
  expect(other.problems.map((p) => p.message)).toEqual([
    'Tệp này được tải về cho đơn vị mã BT, không phải cho Ủy ban nhân dân tỉnh Nghệ An (NA).',
  ]);
  expect(other.orgs).toEqual([]);
});

describe('accounts', () => {
  test('new accounts: roles over their agency, the province, or a named agency', () => {
    const plan = planRoster(
      snapshot(),
      file(
        [{ name: 'Trung tâm Chuyển đổi số', kind: 'AGENCY', code: 'NA.TTCDS' }],
        [
          {
            email: 'A@NgheAn.gov.vn',
            name: 'Nguyễn Văn A',
            org: 'Trung tâm Chuyển đổi số',
            roles: 'Báo cáo, Tổng hợp (toàn tỉnh)',
          },
          {
            email: 'b@nghean.gov.vn',
            name: 'Trần Thị B',
            org: 'NA.SYT',
            roles: 'Phân tích (NA.VINH)',
          },
        ],
      ),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.users.map((u) => [u.action, u.email, u.orgRef, u.roles, u.rolesText])).toEqual([
      [
        'CREATE',
        'a@nghean.gov.vn',
        'new:4',
        [
          { role: 'REPORTER', scopeRef: 'new:4' },
          { role: 'CONSOLIDATOR', scopeRef: 'na' },
        ],
        'Báo cáo, Tổng hợp (toàn tỉnh)',
      ],
      [
        'CREATE',
        'b@nghean.gov.vn',
        'syt',
        [{ role: 'ANALYST', scopeRef: 'vinh' }],
        'Phân tích (NA.VINH)',
      ],
    ]);
  });

  test('an account moved to another agency takes the roles over its old agency along', () => {
    const plan = planRoster(
      snapshot(),
      file([], [{ email: 'syte@nghean.gov.vn', org: 'Sở TT&TT' }]),
    );
    expect(plan.users.map((u) => [u.action, u.roles, u.changes])).toEqual([
      [
        'UPDATE',
        [{ role: 'REPORTER', scopeRef: 'stttt' }],
        [
          {
            field: 'Đơn vị',
            before: 'Sở Y tế tỉnh Nghệ An',
            after: 'Sở Thông tin và Truyền thông tỉnh Nghệ An',
          },
          { field: 'Vai trò', before: 'Báo cáo', after: 'Báo cáo' },
        ],
      ],
    ]);
  });

  test('roles within the province are those written; roles elsewhere are not the file’s', () => {
    const plan = planRoster(
      snapshot(),
      file([], [{ email: 'tttt@nghean.gov.vn', roles: 'Báo cáo, Tổng hợp (toàn tỉnh)' }]),
    );
    expect(plan.users.map((u) => [u.roles, u.changes])).toEqual([
      [
        [
          { role: 'REPORTER', scopeRef: 'stttt' },
          { role: 'CONSOLIDATOR', scopeRef: 'na' },
        ],
        [
          {
            field: 'Vai trò',
            before: 'Tổng hợp (toàn tỉnh)',
            after: 'Báo cáo, Tổng hợp (toàn tỉnh)',
          },
        ],
      ],
    ]);
  });

  test('problems: what a new account lacks, twice the same email, an account of elsewhere', () => {
    const plan = planRoster(
      snapshot(),
      file(
        [],
        [
          { email: 'moi@nghean.gov.vn' },
          { email: 'x@nghean.gov.vn', name: 'X', org: 'Sở Y tế', roles: 'Báo cáo' },
          { email: 'X@nghean.gov.vn', name: 'X', org: 'Sở Y tế', roles: 'Báo cáo' },
          { email: 'quantri@demo.vn', name: 'Quản trị', roles: 'Quản trị' },
          { email: 'y@nghean.gov.vn', name: 'Y', org: 'Sở Ảo', roles: 'Báo cáo' },
        ],
      ),
    );
    expect(plan.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['Tài khoản', 4, 'Họ và tên'],
      ['Tài khoản', 4, 'Đơn vị'],
      ['Tài khoản', 4, 'Vai trò'],
      ['Tài khoản', 6, 'Thư điện tử'],
      ['Tài khoản', 7, 'Thư điện tử'],
      ['Tài khoản', 8, 'Đơn vị'],
    ]);
    expect(plan.problems[4]!.message).toBe(
      'Tài khoản quantri@demo.vn thuộc một đơn vị ngoài Ủy ban nhân dân tỉnh Nghệ An; không sửa được từ tệp này.',
    );
  });

  test('a problem is reported once: not again where an account or a child names that agency', () => {
    const plan = planRoster(
      snapshot(),
      file(
        [
          { name: 'Trung tâm Mới', kind: 'AGENCY', email: 'khong-phai-email' },
          { name: 'Phòng Một', kind: 'AGENCY', parent: 'Trung tâm Mới' },
        ],
        [{ email: 'moi@nghean.gov.vn', name: 'Người Mới', org: 'Trung tâm Mới', roles: 'Báo cáo' }],
      ),
    );
    expect(plan.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['Đơn vị', 4, 'Thư điện tử'],
    ]);
    expect(plan.orgs).toEqual([]);
    expect(plan.users).toEqual([]);
  });

  test('roles are written own agency first, the province as "toàn tỉnh", others by code', () => {
    expect(
      rolesText(
        [
          { role: 'ADMIN', scope: 'na' },
          { role: 'CONSOLIDATOR', scope: 'vinh' },
          { role: 'REPORTER', scope: 'syt' },
        ],
        'syt',
        'na',
        (id) => orgs.find((o) => o.id === id)!.code,
      ),
    ).toBe('Báo cáo, Tổng hợp (NA.VINH), Quản trị (toàn tỉnh)');
  });
});
