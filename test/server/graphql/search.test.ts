// Search ignores diacritics, case and Unicode form on both storage targets.
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
});
