// Search ignores diacritics, case and Unicode form on both storage targets; filters out of range
// are refused.
import { contractOperation } from '../../support/contract.ts';
import { targets } from '../../support/databases.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe.each(targets)('search on %s', (target) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer(target);
    token = await server.login('phantich@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it.each(['so y te', 'SỞ Y TẾ', 'Sở Y tế'.normalize('NFD'), 'Sở  y TẾ'])(
    'orgs "%s" finds Sở Y tế',
    async (search) => {
      const res = await server.gql<{ orgs: { edges: { node: { name: string } }[] } }>(
        contractOperation('Orgs'),
        { search, first: 20 },
        token,
      );
      expect(res.data?.orgs.edges.map((e) => e.node.name)).toContain('Sở Y tế tỉnh Nghệ An');
    },
  );

  it.each([
    ['393/KH-UBND', '393/KH-UBND'],
    ['393/kh-ubnd', '393/KH-UBND'],
    ['chuyen doi so ha tinh', '393/KH-UBND'],
    ['TUẦN LỄ CHUYỂN ĐỔI SỐ', '140/KH-UBND'],
    ['thi diem chuyen doi so cap huyen', '2140/KH-UBND'],
  ])('plans "%s" finds %s', async (search, number) => {
    const res = await server.gql<{ plans: { edges: { node: { number: string } }[] } }>(
      contractOperation('Plans'),
      { search, first: 20 },
      token,
    );
    expect(res.data?.plans.edges.map((e) => e.node.number)).toContain(number);
  });

  it('finds nothing for words no name has', async () => {
    const res = await server.gql<{ orgs: { totalCount: number } }>(
      contractOperation('Orgs'),
      { search: 'khong co don vi nao', first: 5 },
      token,
    );
    expect(res.data?.orgs.totalCount).toBe(0);
  });

  // Found by the fuzzer (npm run reliability): both reached the database and failed there.
  it.each([
    [
      'plans(year: -1)',
      'query($v: Int) { plans(first: 1, year: $v) { totalCount } }',
      -1,
      /Năm phải/,
    ],
    [
      'reportRequests(dueBefore: "9999-99-99")',
      'query($v: Date) { reportRequests(first: 1, dueBefore: $v) { totalCount } }',
      '9999-99-99',
      /ngày có thật/,
    ],
    [
      'tasks(dueBefore: "2025-02-30")',
      'query($v: Date) { tasks(first: 1, dueBefore: $v) { totalCount } }',
      '2025-02-30',
      /ngày có thật/,
    ],
  ])('%s is refused as bad input', async (_name, query, v, message) => {
    const res = await server.gql(query, { v }, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(message);
  });

  it('a plan year at the edge of the range is a plain search', async () => {
    const res = await server.gql<{ plans: { totalCount: number } }>(
      '{ plans(first: 1, year: 2200) { totalCount } }',
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.plans.totalCount).toBe(0);
  });
});
