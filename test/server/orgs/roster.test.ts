// Agencies and accounts from a roster file, against the real server on the demo data: Nghệ An's
// administrator downloads the template (its agencies and accounts as they are), fills it in a
// spreadsheet (ExcelJS here), sees the dry run, applies it; bad rows are refused whole, by sheet,
// row and column; new accounts get one-time activation codes, which set the password once.
import ExcelJS from 'exceljs';
import { fingerprint, type TableFingerprint } from '../../support/fingerprint.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { KIND_LABEL, ROLE_CHOICES } from '../../../server/orgs/roster/columns.ts';
import type { Json } from '../../support/json.ts';

const RESULT = `
  dryRun applied
  problems { sheet row column message text }
  orgChanges { action row orgId code name parentName changes { field before after } }
  userChanges { action row userId email name orgName orgCode roles changes { field before after } }
  summary { orgsCreated orgsChanged orgsClosed orgsUnchanged usersCreated usersChanged usersUnchanged }
  activationCodes { email name orgName orgCode code expiresAt }
  activationList { fileName contentType base64 }
  activationListHtml`;
const IMPORT = `mutation($root: ID!, $file: String!, $dryRun: Boolean!) {
  importOrgsAndUsers(rootOrgId: $root, file: $file, dryRun: $dryRun) { ${RESULT} } }`;
const ACTIVATE = `mutation($email: String!, $code: String!, $password: String!) {
  activateAccount(email: $email, code: $code, newPassword: $password) { token user { email name } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

describe('agencies and accounts from a roster file', () => {
  let server: TestServer;
  let admin: string;
  let na: string;
  let bt: string;

  const prisma = () => server.app.db.prisma;
  /** Every table but those every request may touch (token use, sign-in counters). */
  const database = async () => {
    const all = await fingerprint((text) => server.app.db.sql.query(text));
    return Object.fromEntries(
      Object.entries(all).filter(([t]) => t !== 'ApiToken' && t !== 'RateLimiterFlexible'),
    ) as Record<string, TableFingerprint>;
  };
  const template = async (root = na, token = admin) => {
    const res = await server.gql<Json>(
      'query($root: ID!) { orgImportTemplate(rootOrgId: $root) { fileName contentType base64 } }',
      { root },
      token,
    );
    return res;
  };
  const load = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    return wb;
  };
  const templateBook = async () =>
    load(Buffer.from((await template()).data!.orgImportTemplate.base64, 'base64'));
  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
  /** Writes rows after the last filled one; returns the row numbers used. */
  const append = (ws: ExcelJS.Worksheet, rows: (string | number | null)[][]) => {
    let r = 4;
    while (ws.getCell(r, 1).value) r++;
    return rows.map((values) => {
      values.forEach((v, i) => (ws.getCell(r, i + 1).value = v));
      return r++;
    });
  };
  const rowOf = (ws: ExcelJS.Worksheet, column: number, text: string) => {
    for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, column).value === text) return r;
    throw new Error(`no row ${text}`);
  };
  const upload = async (wb: ExcelJS.Workbook, dryRun: boolean, token = admin) => {
    const res = await server.gql<Json>(
      IMPORT,
      { root: na, file: (await bytes(wb)).toString('base64'), dryRun },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.importOrgsAndUsers as Json;
  };

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const org = (code: string) =>
      prisma()
        .org.findUniqueOrThrow({ where: { code } })
        .then((o) => o.id);
    na = await org('NA');
    bt = await org('BT');
    // Nghệ An's own administrator: ADMIN over the province's tree only.
    const made = await server.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          email: 'quantri.nghean@demo.vn',
          name: 'Quản trị tỉnh Nghệ An',
          password: 'quan-tri-2025',
          orgId: na,
          roles: ['ADMIN'],
        },
      },
      await server.login('quantri@demo.vn'),
    );
    expect(made.errors).toBeUndefined();
    admin = await server.login('quantri.nghean@demo.vn', 'quan-tri-2025');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('the template: frozen headers, notes, an example, drop-downs, the province as it is', async () => {
    const http = await fetch(`${server.app.url}/files/orgs/${na}/roster.xlsx`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(http.status).toBe(200);
    expect(http.headers.get('content-disposition')).toContain('.xlsx');
    const res = await template();
    expect(res.data!.orgImportTemplate.fileName).toBe(
      'Danh sách đơn vị và tài khoản - Ủy ban nhân dân tỉnh Nghệ An.xlsx',
    );

    for (const body of [
      Buffer.from(await http.arrayBuffer()),
      Buffer.from(res.data!.orgImportTemplate.base64, 'base64'),
    ]) {
      const wb = await load(body);
      expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
        ['Đơn vị', 'visible'],
        ['Tài khoản', 'visible'],
        ['_danh_sach', 'veryHidden'],
      ]);
      const orgs = wb.getWorksheet('Đơn vị')!;
      expect(orgs.getRow(1).values).toEqual([
        undefined,
        'Tên đơn vị',
        'Loại đơn vị',
        'Cấp',
        'Đơn vị cấp trên',
        'Mã đơn vị',
        'Thư điện tử',
        'Điện thoại',
        'Ngừng hoạt động từ ngày',
      ]);
      expect(orgs.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
      expect(String(orgs.getCell('A2').value)).toMatch(/^Bắt buộc\. Tên đầy đủ/);
      expect(orgs.getCell('D2').value).toContain('Mã hoặc tên của đơn vị có sẵn');
      expect(orgs.getRow(3).values).toEqual([
        undefined,
        'Trung tâm Chuyển đổi số tỉnh Nghệ An',
        'Đơn vị sự nghiệp, trung tâm',
        'Cấp tỉnh',
        'Sở Khoa học và Công nghệ tỉnh Nghệ An',
        'NA.SKHCN.TTCDS',
        'ttcds@nghean.gov.vn',
        '0238 3598 888',
        undefined,
        '← dòng ví dụ, không được nhập',
      ]);
      // The province first, then each agency followed by those under it.
      expect(orgs.getRow(4).values).toEqual([
        undefined,
        'Ủy ban nhân dân tỉnh Nghệ An',
        'Ủy ban nhân dân',
        'Cấp tỉnh',
        undefined,
        'NA',
      ]);
      const syt = rowOf(orgs, 5, 'NA.SYT');
      expect(orgs.getRow(syt).values).toEqual([
        undefined,
        'Sở Y tế tỉnh Nghệ An',
        'Sở, ban, ngành',
        'Cấp tỉnh',
        'NA',
        'NA.SYT',
      ]);
      expect(orgs.getCell(rowOf(orgs, 5, 'NA.VINH'), 8).value).toBe('01/07/2025');
      expect(orgs.getCell(rowOf(orgs, 5, 'NA.VINH.HUNGBINH'), 4).value).toBe('NA.VINH');

      // Drop-down lists for kind and level (strict) and roles (a warning: several may be typed),
      // on every data row and the spare rows after them.
      const lists = wb.getWorksheet('_danh_sach')!;
      expect(lists.getCell('A1').value).toBe('tonghop-roster/1 NA');
      const column = (letter: string, n: number) =>
        Array.from({ length: n }, (_, i) => lists.getCell(`${letter}${i + 1}`).value);
      expect(column('B', 14)).toEqual(Object.values(KIND_LABEL));
      expect(column('C', 4)).toEqual(['Trung ương', 'Cấp tỉnh', 'Cấp huyện', 'Cấp xã']);
      expect(column('D', ROLE_CHOICES.length)).toEqual(ROLE_CHOICES);
      for (const r of [4, syt, syt + 600]) {
        expect(orgs.getCell(r, 2).dataValidation).toMatchObject({
          type: 'list',
          formulae: ["'_danh_sach'!$B$1:$B$14"],
          errorStyle: 'stop',
        });
        expect(orgs.getCell(r, 3).dataValidation).toMatchObject({
          type: 'list',
          formulae: ["'_danh_sach'!$C$1:$C$4"],
        });
      }
      const users = wb.getWorksheet('Tài khoản')!;
      expect(users.getRow(1).values).toEqual([
        undefined,
        'Thư điện tử',
        'Họ và tên',
        'Đơn vị',
        'Vai trò',
      ]);
      expect(users.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(users.getCell('D4').dataValidation).toMatchObject({
        type: 'list',
        formulae: [`'_danh_sach'!$D$1:$D$${ROLE_CHOICES.length}`],
        errorStyle: 'warning',
      });
      const stttt = await prisma().user.findUniqueOrThrow({
        where: { email: 'stttt.nghean@demo.vn' },
        include: { org: true },
      });
      expect(users.getRow(rowOf(users, 1, stttt.email)).values).toEqual([
        undefined,
        stttt.email,
        stttt.name,
        stttt.org.code,
        'Tổng hợp (toàn tỉnh)',
      ]);
      expect(users.getCell(rowOf(users, 1, 'quantri.nghean@demo.vn'), 4).value).toBe('Quản trị');
    }
  });

  test('uploaded back as it came, the template changes nothing', async () => {
    const before = await database();
    const result = await upload(await templateBook(), false);
    expect(result).toMatchObject({
      applied: true,
      problems: [],
      orgChanges: [],
      userChanges: [],
      activationCodes: [],
    });
    expect(result.summary.orgsUnchanged).toBe(
      await prisma().org.count({ where: { path: { startsWith: '/NA/' } } }),
    );
    expect(result.summary.usersUnchanged).toBe(
      await prisma().user.count({ where: { org: { path: { startsWith: '/NA/' } } } }),
    );
    expect(await database()).toEqual(before);
  });

  test('three bad rows: three messages by sheet, row and column, and nothing is applied', async () => {
    const wb = await templateBook();
    const [unknownParent, good] = append(wb.getWorksheet('Đơn vị')!, [
      ['Trung tâm Dữ liệu tỉnh', 'Đơn vị sự nghiệp, trung tâm', null, 'Sở Dữ liệu'],
      ['Trung tâm Chuyển đổi số tỉnh', 'AGENCY', null, 'NA.SKHCN'],
    ]);
    const [badEmail, , unknownRole] = append(wb.getWorksheet('Tài khoản')!, [
      ['nguyen.van.b@', 'Nguyễn Văn B', 'NA.SYT', 'Báo cáo'],
      ['tran.thi.c@nghean.gov.vn', 'Trần Thị C', 'Trung tâm Chuyển đổi số tỉnh', 'Báo cáo'],
      ['le.van.d@nghean.gov.vn', 'Lê Văn D', 'NA.SYT', 'Báo cáo, Giám đốc'],
    ]);
    expect(good).toBe(unknownParent! + 1);
    const before = await database();
    for (const dryRun of [true, false]) {
      const result = await upload(wb, dryRun);
      expect(result.applied).toBe(false);
      expect(result.activationCodes).toEqual([]);
      expect(result.problems.map((p: Json) => p.text)).toEqual([
        `Trang "Đơn vị", dòng ${unknownParent}, cột "Đơn vị cấp trên": Không tìm thấy đơn vị "Sở Dữ liệu" trong Ủy ban nhân dân tỉnh Nghệ An hay trong trang "Đơn vị" (ghi mã hoặc tên đúng).`,
        `Trang "Tài khoản", dòng ${badEmail}, cột "Thư điện tử": "nguyen.van.b@" không phải là địa chỉ thư điện tử.`,
        `Trang "Tài khoản", dòng ${unknownRole}, cột "Vai trò": "Giám đốc" không phải là vai trò ("Báo cáo", "Lãnh đạo duyệt", "Tổng hợp", "Phân tích", "Quản trị").`,
      ]);
    }
    expect(await database()).toEqual(before);
    expect(await prisma().user.count({ where: { email: 'tran.thi.c@nghean.gov.vn' } })).toBe(0);
  });

  test('a file that is not a roster is refused with the reason', async () => {
    const notBase64 = await server.gql(IMPORT, { root: na, file: '%%%', dryRun: true }, admin);
    expect(notBase64.errors?.[0]).toMatchObject({
      message: 'Tệp phải được gửi dưới dạng base64 của một tệp .xlsx.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const text = Buffer.from('Tên đơn vị;Loại\nSở Y tế;Sở').toString('base64');
    const notXlsx = await server.gql(IMPORT, { root: na, file: text, dryRun: true }, admin);
    expect(notXlsx.errors?.[0]?.message).toBe('Tệp không phải bảng tính .xlsx hợp lệ.');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'Tên đơn vị';
    const other = await upload(wb, true);
    expect(other.problems.map((p: Json) => p.text)).toEqual([
      'Trang "Đơn vị": Tệp không có trang "Đơn vị" hay "Tài khoản" (hãy dùng tệp mẫu tải về).',
    ]);
  });

  test('only administrators of the province may download or upload its roster', async () => {
    const reporter = await server.login('syte.nghean@demo.vn');
    expect((await template(na, reporter)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await template(bt);
    expect(other.errors?.[0]).toMatchObject({
      message: 'Bạn không quản trị UBND tỉnh Bến Tre.',
      extensions: { code: 'FORBIDDEN' },
    });
    const http = await fetch(`${server.app.url}/files/orgs/${bt}/roster.xlsx`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(http.status).toBe(403);
    const file = (await bytes(await templateBook())).toString('base64');
    const upload = await server.gql(IMPORT, { root: bt, file, dryRun: true }, admin);
    expect(upload.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe('a good file', () => {
    let wb: ExcelJS.Workbook;
    let codes: Json[];
    const chosen = 'Mật khẩu của Hoa 2025';

    beforeAll(async () => {
      wb = await templateBook();
      const orgs = wb.getWorksheet('Đơn vị')!;
      // The phone typed into a General cell: Excel dropped its leading 0.
      append(orgs, [
        [
          'Trung tâm Chuyển đổi số tỉnh Nghệ An',
          'Đơn vị sự nghiệp, trung tâm',
          null,
          'Sở Khoa học và Công nghệ',
          null,
          'ttcds@nghean.gov.vn',
          2383598888,
        ],
        [
          'Phòng Dữ liệu số',
          'AGENCY',
          null,
          'Trung tâm Chuyển đổi số tỉnh Nghệ An',
          'NA.TTCDS.PDL',
        ],
      ]);
      const gddt = rowOf(orgs, 5, 'NA.SGDDT');
      orgs.getCell(gddt, 6).value = 'sogddt@nghean.gov.vn';
      orgs.getCell(gddt, 7).value = '0238 3844 668';
      orgs.getCell(rowOf(orgs, 5, 'NA.DIENLUC'), 8).value = '01/01/2026';
      const users = wb.getWorksheet('Tài khoản')!;
      append(users, [
        [
          'le.thi.hoa@nghean.gov.vn',
          'Lê Thị Hoa',
          'Trung tâm Chuyển đổi số tỉnh Nghệ An',
          'Báo cáo',
        ],
        ['Tran.Minh@NgheAn.gov.vn', 'Trần Minh', 'NA.SKHCN', 'Tổng hợp (toàn tỉnh)'],
      ]);
      users.getCell(rowOf(users, 1, 'syte.nghean@demo.vn'), 2).value = 'Nguyễn Thị Y Tế';
    });

    test('the dry run shows what would be created, changed and closed, and changes nothing', async () => {
      const before = await database();
      const result = await upload(wb, true);
      expect(result).toMatchObject({
        dryRun: true,
        applied: false,
        problems: [],
        activationCodes: [],
      });
      expect(result.summary).toMatchObject({
        orgsCreated: 2,
        orgsChanged: 1,
        orgsClosed: 1,
        usersCreated: 2,
        usersChanged: 1,
      });
      expect(
        result.orgChanges.map((c: Json) => [c.action, c.code, c.name, c.parentName, c.orgId]),
      ).toEqual([
        [
          'UPDATE',
          'NA.SGDDT',
          'Sở Giáo dục và Đào tạo tỉnh Nghệ An',
          'Ủy ban nhân dân tỉnh Nghệ An',
          expect.any(String),
        ],
        [
          'CLOSE',
          'NA.DIENLUC',
          'Điện lực Nghệ An',
          'Ủy ban nhân dân tỉnh Nghệ An',
          expect.any(String),
        ],
        [
          'CREATE',
          'NA.SKHCN.TTCDSTNA',
          'Trung tâm Chuyển đổi số tỉnh Nghệ An',
          'Sở Khoa học và Công nghệ tỉnh Nghệ An',
          null,
        ],
        [
          'CREATE',
          'NA.TTCDS.PDL',
          'Phòng Dữ liệu số',
          'Trung tâm Chuyển đổi số tỉnh Nghệ An',
          null,
        ],
      ]);
      expect(result.orgChanges[0].changes).toEqual([
        { field: 'Thư điện tử', before: null, after: 'sogddt@nghean.gov.vn' },
        { field: 'Điện thoại', before: null, after: '0238 3844 668' },
      ]);
      expect(result.orgChanges[1].changes).toEqual([
        { field: 'Ngừng hoạt động từ ngày', before: null, after: '01/01/2026' },
      ]);
      expect(result.userChanges.map((c: Json) => [c.action, c.email, c.orgCode, c.roles])).toEqual([
        ['UPDATE', 'syte.nghean@demo.vn', 'NA.SYT', 'Báo cáo'],
        ['CREATE', 'le.thi.hoa@nghean.gov.vn', 'NA.SKHCN.TTCDSTNA', 'Báo cáo'],
        ['CREATE', 'tran.minh@nghean.gov.vn', 'NA.SKHCN', 'Tổng hợp (toàn tỉnh)'],
      ]);
      expect(await database()).toEqual(before);
    });

    test('applied: agencies and accounts made, each new account with a code shown once', async () => {
      const result = await upload(wb, false);
      expect(result).toMatchObject({ dryRun: false, applied: true, problems: [] });
      codes = result.activationCodes;
      expect(codes.map((c) => [c.email, c.name, c.orgCode])).toEqual([
        ['le.thi.hoa@nghean.gov.vn', 'Lê Thị Hoa', 'NA.SKHCN.TTCDSTNA'],
        ['tran.minh@nghean.gov.vn', 'Trần Minh', 'NA.SKHCN'],
      ]);
      for (const c of codes) {
        expect(c.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
        const days = (Date.parse(c.expiresAt) - Date.now()) / 86_400_000;
        expect(days).toBeGreaterThan(13.9);
        expect(days).toBeLessThanOrEqual(14);
      }
      expect(codes[0]!.code).not.toBe(codes[1]!.code);

      const p = prisma();
      const center = await p.org.findUniqueOrThrow({
        where: { code: 'NA.SKHCN.TTCDSTNA' },
        include: { parent: true, children: true },
      });
      expect(center).toMatchObject({
        name: 'Trung tâm Chuyển đổi số tỉnh Nghệ An',
        kind: 'AGENCY',
        level: 'PROVINCE',
        path: '/NA/NA.SKHCN/NA.SKHCN.TTCDSTNA/',
        depth: 2,
        email: 'ttcds@nghean.gov.vn',
        phone: '02383598888',
      });
      expect(center.parent!.code).toBe('NA.SKHCN');
      expect(center.children.map((c) => [c.code, c.path])).toEqual([
        ['NA.TTCDS.PDL', '/NA/NA.SKHCN/NA.SKHCN.TTCDSTNA/NA.TTCDS.PDL/'],
      ]);
      expect((await p.org.findUniqueOrThrow({ where: { code: 'NA.DIENLUC' } })).validTo).toEqual(
        new Date('2025-12-31T00:00:00Z'),
      );
      const hoa = await p.user.findUniqueOrThrow({
        where: { email: 'le.thi.hoa@nghean.gov.vn' },
        include: { roles: { include: { scope: true } }, activationCodes: true },
      });
      expect(hoa.passwordHash).toBeNull();
      expect(hoa.roles.map((r) => [r.role, r.scope?.code])).toEqual([
        ['REPORTER', 'NA.SKHCN.TTCDSTNA'],
      ]);
      const minh = await p.user.findUniqueOrThrow({
        where: { email: 'tran.minh@nghean.gov.vn' },
        include: { roles: { include: { scope: true } } },
      });
      expect(minh.roles.map((r) => [r.role, r.scope?.code])).toEqual([['CONSOLIDATOR', 'NA']]);
      // Only a hash of the code is kept.
      expect(hoa.activationCodes).toHaveLength(1);
      const dump = JSON.stringify(await p.activationCode.findMany());
      for (const c of codes) {
        expect(dump).not.toContain(c.code);
        expect(dump).not.toContain(c.code.replace(/-/g, ''));
      }
      expect(
        (await p.user.findUniqueOrThrow({ where: { email: 'syte.nghean@demo.vn' } })).name,
      ).toBe('Nguyễn Thị Y Tế');
      const events = await p.auditEvent.findMany({ where: { action: { startsWith: 'org.' } } });
      expect(events.map((e) => e.action).sort()).toEqual([
        'org.close',
        'org.create',
        'org.create',
        'org.update',
      ]);

      // The list to print: one agency per page, agency / name / email / code / expiry.
      expect(result.activationList.fileName).toBe(
        'Mã kích hoạt - Ủy ban nhân dân tỉnh Nghệ An.xlsx',
      );
      const list = (await load(Buffer.from(result.activationList.base64, 'base64'))).worksheets[0]!;
      expect(list.getRow(3).values).toEqual([
        undefined,
        'Đơn vị',
        'Họ và tên',
        'Thư điện tử',
        'Mã kích hoạt',
        'Hết hạn',
      ]);
      expect([4, 5].map((r) => [list.getCell(r, 1).value, list.getCell(r, 4).value])).toEqual([
        ['Sở Khoa học và Công nghệ tỉnh Nghệ An', codes[1]!.code],
        ['Trung tâm Chuyển đổi số tỉnh Nghệ An', codes[0]!.code],
      ]);
      expect(result.activationListHtml).toContain(`<td class="code">${codes[0]!.code}</td>`);
      expect(result.activationListHtml).toContain('<h2>Trung tâm Chuyển đổi số tỉnh Nghệ An</h2>');
    });

    test('the same file again changes nothing and issues no code', async () => {
      const before = await database();
      const result = await upload(wb, false);
      expect(result).toMatchObject({
        applied: true,
        problems: [],
        orgChanges: [],
        userChanges: [],
        activationCodes: [],
        activationList: null,
      });
      expect(await database()).toEqual(before);
    });

    test('the consolidator sees the imported contacts of agencies that have not reported', async () => {
      const consolidator = await server.login('stttt.nghean@demo.vn');
      const requestId = (
        await prisma().reportRequest.findUniqueOrThrow({ where: { key: 'NA-403-SOKET-SO-HUYEN' } })
      ).id;
      const res = await server.gql<Json>(
        'query($id: ID!) { reportRequest(id: $id) { missingOrgs { code email phone } overdueOrgs { code email phone } } }',
        { id: requestId },
        consolidator,
      );
      expect(res.errors).toBeUndefined();
      const contacts = { code: 'NA.SGDDT', email: 'sogddt@nghean.gov.vn', phone: '0238 3844 668' };
      expect(res.data!.reportRequest.missingOrgs).toContainEqual(contacts);
      expect(res.data!.reportRequest.overdueOrgs).toContainEqual(contacts);
    });

    test('a code activates its account once; the person then signs in with their password', async () => {
      const hoa = codes[0]!;
      // No password yet: nothing signs in, not even the dummy an unknown email is checked against.
      for (const password of ['x', '', 'demo-2023']) {
        const res = await server.gql(LOGIN, { email: hoa.email, password });
        expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const weak = await server.gql(ACTIVATE, {
        email: hoa.email,
        code: hoa.code,
        password: 'ngan',
      });
      expect(weak.errors?.[0]).toMatchObject({
        message: 'Mật khẩu cần ít nhất 8 ký tự.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const wrong = await server.gql(ACTIVATE, {
        email: hoa.email,
        code: 'AAAA-BBBB-CCCC',
        password: chosen,
      });
      expect(wrong.errors?.[0]).toMatchObject({
        message: 'Email hoặc mã kích hoạt không đúng.',
        extensions: { code: 'UNAUTHENTICATED' },
      });

      // Typed as people type: lower case, spaces instead of dashes.
      const typed = hoa.code.toLowerCase().replace(/-/g, ' ');
      const done = await server.gql<Json>(ACTIVATE, {
        email: ' Le.Thi.Hoa@nghean.gov.vn ',
        code: typed,
        password: chosen,
      });
      expect(done.errors).toBeUndefined();
      expect(done.data!.activateAccount.user).toEqual({ email: hoa.email, name: 'Lê Thị Hoa' });
      const me = await server.gql<Json>(
        '{ me { email org { code } } }',
        {},
        done.data!.activateAccount.token,
      );
      expect(me.data!.me).toEqual({ email: hoa.email, org: { code: 'NA.SKHCN.TTCDSTNA' } });

      const again = await server.gql(ACTIVATE, {
        email: hoa.email,
        code: hoa.code,
        password: 'mat-khau-khac-1',
      });
      expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(again.errors?.[0]?.message).toMatch(
        /^Mã kích hoạt này đã được dùng lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\. Hãy đăng nhập bằng mật khẩu đã đặt/,
      );
      const signedIn = await server.gql<Json>(LOGIN, { email: hoa.email, password: chosen });
      expect(signedIn.errors).toBeUndefined();
      expect(signedIn.data!.login.token).toMatch(/^th_/);
      const old = await server.gql(LOGIN, { email: hoa.email, password: 'mat-khau-khac-1' });
      expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    test('an expired code is refused; the administrator issues a new one, which works', async () => {
      const minh = codes[1]!;
      const p = prisma();
      const user = await p.user.findUniqueOrThrow({ where: { email: minh.email } });
      await p.activationCode.updateMany({
        where: { userId: user.id },
        data: { expiresAt: new Date(Date.now() - 60_000) },
      });
      const expired = await server.gql(ACTIVATE, {
        email: minh.email,
        code: minh.code,
        password: 'Trần Minh 2025',
      });
      expect(expired.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(expired.errors?.[0]?.message).toMatch(
        /^Mã kích hoạt đã hết hạn lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\. Hãy xin quản trị của đơn vị cấp mã mới\.$/,
      );

      const issue =
        'mutation($id: ID!) { issueActivationCode(userId: $id, validDays: 3) { email code expiresAt } }';
      const reporter = await server.login('syte.nghean@demo.vn');
      expect(
        (await server.gql(issue, { id: user.id }, reporter)).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
      const btUser = await p.user.findUniqueOrThrow({ where: { email: 'ubnd.binhdai@demo.vn' } });
      expect((await server.gql(issue, { id: btUser.id }, admin)).errors?.[0]).toMatchObject({
        message: 'Bạn không quản trị UBND huyện Bình Đại.',
      });
      const fresh = await server.gql<Json>(issue, { id: user.id }, admin);
      expect(fresh.errors).toBeUndefined();
      const next = fresh.data!.issueActivationCode;
      expect((Date.parse(next.expiresAt) - Date.now()) / 86_400_000).toBeCloseTo(3, 1);
      // The old paper no longer works at all; the new one does.
      const oldPaper = await server.gql(ACTIVATE, {
        email: minh.email,
        code: minh.code,
        password: 'Trần Minh 2025',
      });
      expect(oldPaper.errors?.[0]?.message).toBe('Email hoặc mã kích hoạt không đúng.');
      // Used from two places at once: one wins, the other is told the code was used.
      const passwords = ['Trần Minh 2025', 'Trần Minh 2026'];
      const both = await Promise.all(
        passwords.map((password) =>
          server.gql(ACTIVATE, { email: minh.email, code: next.code, password }),
        ),
      );
      const won = both.findIndex((r) => !r.errors);
      expect(won).toBeGreaterThanOrEqual(0);
      expect(both[1 - won]!.errors?.[0]?.message).toMatch(/^Mã kích hoạt này đã được dùng lúc/);
      const login = await server.gql(LOGIN, { email: minh.email, password: passwords[won] });
      expect(login.errors).toBeUndefined();
      const lost = await server.gql(LOGIN, { email: minh.email, password: passwords[1 - won] });
      expect(lost.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  test('moving an agency by its parent: it and everything under it follow', async () => {
    const wb = await templateBook();
    const orgs = wb.getWorksheet('Đơn vị')!;
    orgs.getCell(rowOf(orgs, 5, 'NA.STTTT.TTCNTT'), 4).value = 'Sở Khoa học và Công nghệ';
    append(orgs, [['Phòng Hạ tầng số', 'AGENCY', null, 'NA.STTTT.TTCNTT']]);
    const result = await upload(wb, false);
    expect(result.problems).toEqual([]);
    expect(result.orgChanges.map((c: Json) => [c.action, c.code, c.parentName])).toEqual([
      ['UPDATE', 'NA.STTTT.TTCNTT', 'Sở Khoa học và Công nghệ tỉnh Nghệ An'],
      ['CREATE', 'NA.STTTT.TTCNTT.PHTS', 'Trung tâm Công nghệ thông tin và Truyền thông Nghệ An'],
    ]);
    const moved = await prisma().org.findMany({
      where: { code: { startsWith: 'NA.STTTT.TTCNTT' } },
      select: { code: true, path: true, depth: true, parent: { select: { code: true } } },
      orderBy: { code: 'asc' },
    });
    expect(moved).toEqual([
      {
        code: 'NA.STTTT.TTCNTT',
        path: '/NA/NA.SKHCN/NA.STTTT.TTCNTT/',
        depth: 2,
        parent: { code: 'NA.SKHCN' },
      },
      {
        code: 'NA.STTTT.TTCNTT.PHTS',
        path: '/NA/NA.SKHCN/NA.STTTT.TTCNTT/NA.STTTT.TTCNTT.PHTS/',
        depth: 3,
        parent: { code: 'NA.STTTT.TTCNTT' },
      },
    ]);
    // Nothing is left under the old path.
    expect(
      await prisma().org.count({
        where: { path: { startsWith: '/NA/NA.STTTT/NA.STTTT.TTCNTT/' } },
      }),
    ).toBe(0);
  });

  test('activation attempts count against the account like wrong passwords', async () => {
    const user = await prisma().user.findUniqueOrThrow({
      where: { email: 'sogddt.nghean@demo.vn' },
    });
    const issued = await server.gql<Json>(
      'mutation($id: ID!) { issueActivationCode(userId: $id) { code } }',
      { id: user.id },
      admin,
    );
    const code = issued.data!.issueActivationCode.code;
    for (let i = 0; i < 10; i++) {
      const res = await server.gql(ACTIVATE, {
        email: user.email,
        code: `ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '2')}`,
        password: 'mat-khau-moi-1',
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const limited = await server.gql(ACTIVATE, {
      email: user.email,
      code,
      password: 'mat-khau-moi-1',
    });
    expect(limited.status).toBe(429);
    expect(limited.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    // The code was not used up by the refusal, and the old password still works... once the
    // window is over; the account's counter is the same as for login.
    const login = await server.gql(LOGIN, { email: user.email, password: 'demo-2023' });
    expect(login.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(
      (await prisma().activationCode.findFirstOrThrow({ where: { userId: user.id } })).usedAt,
    ).toBeNull();
  });
});
