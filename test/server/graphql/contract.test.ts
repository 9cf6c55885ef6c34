// The contract operations of auth, orgs and plans (and ReportingPeriod) against the real server
// over HTTP, on the demo data.
import { parse, validate } from 'graphql';
import { schema } from '../../../server/graphql/schema.ts';
import { contractOperation, contractOperations } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

import { contractPeriodExamples } from '../../support/period-examples.ts';

describe('contract operations validate against the schema', () => {
  const ops = [...contractOperations()];
  it('finds every operation of docs/contract', () => {
    expect(ops.map(([n]) => n).sort()).toEqual(
      [
        'CreateApiToken',
        'CreateUser',
        'ImportPlanText',
        'PlanFindings',
        'AcceptSubmission',
        'Consolidation',
        'Login',
        'Me',
        'MyReportRequests',
        'OpenReportRequest',
        'Orgs',
        'Plan',
        'Plans',
        'ReportSheet',
        'ReportingPeriod',
        'ReturnSubmission',
        'RevokeApiToken',
        'SaveReport',
      ].sort(),
    );
  });
  it.each(ops)('%s validates', (_name, op) => {
    expect(validate(schema, parse(op.text)).map((e) => e.message)).toEqual([]);
  });
});

describe('contract behaviour on the demo data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  describe('auth', () => {
    it('Login with a wrong password: UNAUTHENTICATED, no token', async () => {
      const res = await server.gql(contractOperation('Login'), {
        email: 'syte.nghean@demo.vn',
        password: 'sai',
      });
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const unknown = await server.gql(contractOperation('Login'), {
        email: 'ai@demo.vn',
        password: 'demo-2023',
      });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(unknown.errors?.[0]?.message).toBe(res.errors?.[0]?.message);
    });

    it('Login returns a token and the user with roles and agency', async () => {
      const res = await server.gql<{ login: { token: string; user: Record<string, unknown> } }>(
        contractOperation('Login'),
        { email: 'SYTE.nghean@demo.vn', password: 'demo-2023' },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.login.token).toMatch(/^th_/);
      expect(res.data?.login.user).toMatchObject({
        email: 'syte.nghean@demo.vn',
        roles: ['REPORTER'],
        org: { code: 'NA.SYT', name: 'Sở Y tế tỉnh Nghệ An' },
      });
    });

    it('Me without a token: UNAUTHENTICATED; with one: the user', async () => {
      const anonymous = await server.gql(contractOperation('Me'));
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const token = await server.login('ubnd.binhdai@demo.vn');
      const me = await server.gql<{ me: Record<string, unknown> }>(
        contractOperation('Me'),
        {},
        token,
      );
      expect(me.data?.me).toMatchObject({
        email: 'ubnd.binhdai@demo.vn',
        roles: ['REPORTER'],
        org: { name: 'UBND huyện Bình Đại', kind: 'PEOPLES_COMMITTEE', level: 'DISTRICT' },
      });
      const garbage = await server.gql(contractOperation('Me'), {}, 'th_not-a-token');
      expect(garbage.status).toBe(401);
      expect(garbage.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('CreateApiToken shows the token once; it works until RevokeApiToken', async () => {
      const session = await server.login('stttt.nghean@demo.vn');
      const created = await server.gql<{
        createApiToken: {
          token: string;
          apiToken: { id: string; name: string; createdAt: string };
        };
      }>(contractOperation('CreateApiToken'), { name: 'Excel máy phòng CĐS' }, session);
      const { token, apiToken } = created.data!.createApiToken;
      expect(apiToken.name).toBe('Excel máy phòng CĐS');
      const stored = await server.app.db.prisma.apiToken.findUniqueOrThrow({
        where: { id: apiToken.id },
      });
      expect(stored.tokenHash).not.toContain(token);
      expect(JSON.stringify(stored)).not.toContain(token);
      const me = await server.gql<{ me: { email: string } }>(contractOperation('Me'), {}, token);
      expect(me.data?.me.email).toBe('stttt.nghean@demo.vn');
      // Another user may not revoke it.
      const other = await server.login('syte.nghean@demo.vn');
      const stolen = await server.gql(
        contractOperation('RevokeApiToken'),
        { id: apiToken.id },
        other,
      );
      expect(stolen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const revoked = await server.gql<{ revokeApiToken: { id: string; revokedAt: string } }>(
        contractOperation('RevokeApiToken'),
        { id: apiToken.id },
        session,
      );
      expect(revoked.data?.revokeApiToken.revokedAt).toBeTruthy();
      const after = await server.gql(contractOperation('Me'), {}, token);
      expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('CreateUser: admins only; a duplicate email is BAD_USER_INPUT', async () => {
      const admin = await server.login('quantri@demo.vn');
      const syt = await server.app.db.prisma.org.findUniqueOrThrow({ where: { code: 'NA.SYT' } });
      const input = {
        email: 'nguyenvana.syt@nghean.gov.vn',
        name: 'Nguyễn Văn A',
        password: 'mat-khau-dai',
        orgId: syt.id,
        roles: ['REPORTER'],
      };
      const reporter = await server.login('syte.nghean@demo.vn');
      const refused = await server.gql(contractOperation('CreateUser'), { input }, reporter);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const created = await server.gql<{ createUser: Record<string, unknown> }>(
        contractOperation('CreateUser'),
        { input },
        admin,
      );
      expect(created.data?.createUser).toMatchObject({
        email: 'nguyenvana.syt@nghean.gov.vn',
        roles: ['REPORTER'],
        org: { name: 'Sở Y tế tỉnh Nghệ An' },
      });
      const again = await server.gql(contractOperation('CreateUser'), { input }, admin);
      expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await server.app.db.prisma.user.count({ where: { email: input.email } })).toBe(1);
      const login = await server.gql(contractOperation('Login'), {
        email: input.email,
        password: 'mat-khau-dai',
      });
      expect(login.errors).toBeUndefined();
    });
  });

  describe('orgs', () => {
    const names = async (search: string, token: string) => {
      const res = await server.gql<{
        orgs: { totalCount: number; edges: { node: { name: string } }[] };
      }>(contractOperation('Orgs'), { search, first: 50 }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.orgs;
    };
    it.each([
      ['so y te', 'so y te'],
      ['upper case', 'SỞ Y TẾ'],
      ['decomposed', 'Sở Y tế'.normalize('NFD')],
    ])('search ignores diacritics, case and Unicode form (%s)', async (_what, search) => {
      const token = await server.login('phantich@demo.vn');
      const found = await names(search, token);
      expect(found.edges.map((e) => e.node.name)).toContain('Sở Y tế tỉnh Nghệ An');
      expect(
        found.edges.every((e) => /Y tế/i.test(e.node.name) || e.node.name.includes('Y Tế')),
      ).toBe(true);
    });

    it('pages with first/after and counts the whole result', async () => {
      const token = await server.login('phantich@demo.vn');
      const first = await server.gql<{
        orgs: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { id: string } }[];
        };
      }>(contractOperation('Orgs'), { search: 'UBND', first: 5 }, token);
      const page1 = first.data!.orgs;
      expect(page1.edges).toHaveLength(5);
      expect(page1.totalCount).toBeGreaterThan(5);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const second = await server.gql<typeof first.data>(
        contractOperation('Orgs'),
        { search: 'UBND', first: 5, after: page1.pageInfo.endCursor },
        token,
      );
      const ids1 = page1.edges.map((e) => e.node.id);
      const ids2 = second.data!.orgs.edges.map((e) => e.node.id);
      expect(ids2).toHaveLength(5);
      expect(ids1.filter((id) => ids2.includes(id))).toEqual([]);
    });

    it('needs a token', async () => {
      const res = await server.gql(contractOperation('Orgs'), { search: 'y te' });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('plans', () => {
    const search = async (text: string) => {
      const token = await server.login('phantich@demo.vn');
      const res = await server.gql<{
        plans: { totalCount: number; edges: { node: Record<string, unknown> }[] };
      }>(contractOperation('Plans'), { search: text, first: 10 }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.plans;
    };

    it.each(['393/KH-UBND', 'chuyen doi so ha tinh'])(
      'search "%s" finds Hà Tĩnh 393/KH-UBND',
      async (text) => {
        const found = await search(text);
        expect(found.edges.map((e) => e.node.number)).toContain('393/KH-UBND');
        const ht = found.edges.find((e) => e.node.number === '393/KH-UBND')!.node;
        expect(ht).toMatchObject({ issuedOn: '2020-10-29', status: 'ISSUED' });
      },
    );

    it('Plan: the per-level sentence as three targets, and the study tour budget in words', async () => {
      const token = await server.login('phantich@demo.vn');
      const ht = (await search('393/KH-UBND')).edges[0]!.node as { id: string };
      const res = await server.gql<{
        plan: { targets: Record<string, unknown>[]; tasks: unknown[]; sections: unknown[] };
      }>(contractOperation('Plan'), { id: ht.id }, token);
      expect(res.errors).toBeUndefined();
      const perLevel = res
        .data!.plan.targets.filter((t) =>
          String(t.statement).startsWith('90% hồ sơ công việc tại cấp tỉnh'),
        )
        .map((t) => [t.level, t.value, t.unit, t.comparator, t.targetYear]);
      expect(perLevel).toEqual(
        expect.arrayContaining([
          ['PROVINCE', 90, 'PERCENT', 'AT_LEAST', 2025],
          ['DISTRICT', 80, 'PERCENT', 'AT_LEAST', 2025],
          ['COMMUNE', 60, 'PERCENT', 'AT_LEAST', 2025],
        ]),
      );
      expect(
        res.data!.plan.targets.every((t) => t.latestValue === null && t.progress === null),
      ).toBe(true);
      expect(res.data!.plan.sections.length).toBeGreaterThan(5);

      const tour = await server.app.db.prisma.document.findFirstOrThrow({
        where: { source: '000_65a3cc8534e8e28f.txt' },
      });
      const budget = await server.gql<{
        plan: { number: string | null; budget: Record<string, unknown> };
      }>(contractOperation('Plan'), { id: tour.id }, token);
      expect(budget.data!.plan.number).toBeNull();
      expect(budget.data!.plan.budget).toMatchObject({
        total: 314400000,
        totalInWords: 'Ba trăm mười bốn triệu, bốn trăm nghìn đồng',
      });
      expect((budget.data!.plan.budget.lines as unknown[]).length).toBe(10);
    });

    it('Plan: Nghệ An 586 tasks with their lead agencies', async () => {
      const token = await server.login('phantich@demo.vn');
      const plan = await server.app.db.prisma.document.findFirstOrThrow({
        where: { number: '586/KH-UBND' },
      });
      const res = await server.gql<{
        plan: { tasks: { code: string; leadOrg: { name: string } | null; status: string }[] };
      }>(contractOperation('Plan'), { id: plan.id }, token);
      const tasks = res.data!.plan.tasks;
      expect(tasks).toHaveLength(38);
      expect(tasks.find((t) => t.code === 'IV.2')?.leadOrg?.name).toBe('Sở Y tế tỉnh Nghệ An');
      expect(tasks.find((t) => t.code === 'IV.9')?.leadOrg).toBeNull();
    });

    it('Plan with an unknown id: NOT_FOUND', async () => {
      const token = await server.login('phantich@demo.vn');
      const res = await server.gql(
        contractOperation('Plan'),
        { id: '00000000-0000-0000-0000-000000000000' },
        token,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('ReportingPeriod', () => {
    it.each(contractPeriodExamples)('%j', async (vars, label, cutoffStart, cutoffEnd) => {
      const res = await server.gql<{ reportingPeriod: Record<string, unknown> }>(
        contractOperation('ReportingPeriod'),
        vars,
      );
      expect(res.data?.reportingPeriod).toMatchObject({
        kind: vars.kind,
        label,
        cutoffStart,
        cutoffEnd,
      });
    });

    it('a month 13 is BAD_USER_INPUT', async () => {
      const res = await server.gql(contractOperation('ReportingPeriod'), {
        kind: 'MONTH',
        year: 2023,
        number: 13,
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
