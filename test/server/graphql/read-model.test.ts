// The rest of the model as analysts read it: orgs in today's structure, targets and tasks across
// plans with filters, templates and their versions, report requests as access allows.
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('reading the model', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });
  const asAnalyst = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await server.gql<T>(query, variables, await server.login('phantich@demo.vn'));
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const orgId = async (code: string) =>
    (await server.app.db.prisma.org.findUniqueOrThrow({ where: { code } })).id;

  it("shows old units in today's structure: Sở TT&TT → Sở KH&CN, Bến Tre → Vĩnh Long", async () => {
    const q =
      'query($id: ID!) { org(id: $id) { name validTo currentUnits { name } successors { kind effectiveOn successor { name } } } }';
    const stttt = await asAnalyst<{
      org: { currentUnits: { name: string }[]; successors: { kind: string }[] };
    }>(q, {
      id: await orgId('BT.STTTT'),
    });
    expect(stttt.org.currentUnits.map((o) => o.name)).toEqual([
      expect.stringMatching(/Khoa học và Công nghệ/),
    ]);
    expect(stttt.org.successors[0]).toMatchObject({ kind: 'ABSORB', effectiveOn: '2025-03-01' });
    const bt = await asAnalyst<{ org: { currentUnits: { name: string }[] } }>(q, {
      id: await orgId('BT'),
    });
    expect(bt.org.currentUnits.map((o) => o.name)).toEqual(['UBND tỉnh Vĩnh Long']);
    const syt = await asAnalyst<{ org: { name: string; currentUnits: { name: string }[] } }>(q, {
      id: await orgId('NA.SYT'),
    });
    expect(syt.org.currentUnits.map((o) => o.name)).toEqual([syt.org.name]);
  });

  it('filters targets by plan, level and year', async () => {
    const plan = await server.app.db.prisma.document.findFirstOrThrow({
      where: { number: '393/KH-UBND' },
    });
    const data = await asAnalyst<{
      targets: {
        totalCount: number;
        edges: { node: { level: string; targetYear: number; value: number } }[];
      };
    }>(
      'query($p: ID!) { targets(planId: $p, level: COMMUNE, year: 2025, first: 50) { totalCount edges { node { level targetYear value statement } } } }',
      { p: plan.id },
    );
    expect(data.targets.totalCount).toBeGreaterThan(0);
    expect(
      data.targets.edges.every((e) => e.node.level === 'COMMUNE' && e.node.targetYear === 2025),
    ).toBe(true);
    expect(data.targets.edges.map((e) => e.node.value)).toContain(60);
  });

  it("filters tasks by the lead agency's subtree", async () => {
    const data = await asAnalyst<{
      tasks: { totalCount: number; edges: { node: { code: string; leadOrg: { name: string } } }[] };
    }>(
      'query($o: ID!) { tasks(leadWithinOrgId: $o, first: 50) { totalCount edges { node { code leadOrg { name } } } } }',
      { o: await orgId('NA.SYT') },
    );
    expect(data.tasks.edges.map((e) => e.node.code)).toContain('IV.2');
    expect(data.tasks.edges.every((e) => e.node.leadOrg.name === 'Sở Y tế tỉnh Nghệ An')).toBe(
      true,
    );
  });

  it('lists templates with their outline, typed columns and versions', async () => {
    const data = await asAnalyst<{
      reportTemplates: {
        code: string;
        version: number;
        versions: { version: number }[];
        sections: unknown[];
        tables: {
          key: string;
          columns: { key: string; type: string; options: { key: string }[] }[];
        }[];
      }[];
    }>(
      '{ reportTemplates(code: "NA-403-PL01-03") { code version versions { version } sections { key heading } tables { key rowMode columns { key type aggregate options { key label } } } } }',
    );
    const tpl = data.reportTemplates[0]!;
    expect(tpl.versions.map((v) => v.version)).toEqual([1]);
    expect(tpl.sections.length).toBeGreaterThan(10);
    const pl03 = tpl.tables.find((t) => t.key === 'pl03')!;
    expect(pl03.columns.find((c) => c.key === 'tien_do')?.options.map((o) => o.key)).toEqual([
      'HOAN_THANH',
      'DANG_TRIEN_KHAI',
      'CHUA_TRIEN_KHAI',
    ]);
  });

  it('shows each user the requests their agency owes or their department consolidates', async () => {
    const titles = async (email: string) => {
      const res = await server.gql<{
        reportRequests: { edges: { node: { title: string; consolidatorOrg: { code: string } } }[] };
      }>(
        '{ reportRequests(first: 20) { totalCount edges { node { title consolidatorOrg { code } period { label cutoffStart } } } } }',
        {},
        await server.login(email),
      );
      return res.data!.reportRequests.edges.map((e) => e.node.consolidatorOrg.code);
    };
    // The 2023 review (consolidated by Sở TT&TT) and the live demo's last and this quarter
    // (consolidated by Sở KH&CN, which absorbed it on 01/03/2025).
    expect(await titles('syte.nghean@demo.vn')).toEqual(['NA.STTTT', 'NA.SKHCN', 'NA.SKHCN']);
    expect(await titles('ubnd.binhdai@demo.vn')).toEqual(['BT.STTTT']);
    expect((await titles('stttt.nghean@demo.vn')).sort()).toEqual([
      'NA.SKHCN',
      'NA.SKHCN',
      'NA.STTTT',
      'NA.STTTT',
    ]);
    expect(await titles('stttt.bentre@demo.vn')).toEqual(['BT.STTTT']);
    expect((await titles('phantich@demo.vn')).length).toBe(5);
  });

  it('shows a draft only to its own agency; sent reports to the consolidator and analysts', async () => {
    const p = server.app.db.prisma;
    const request = await p.reportRequest.findUniqueOrThrow({
      where: { key: 'NA-403-SOKET-SO-HUYEN' },
    });
    await p.submission.create({
      data: { requestId: request.id, orgId: await orgId('NA.SYT'), status: 'DRAFT', version: 1 },
    });
    await p.submission.create({
      data: {
        requestId: request.id,
        orgId: await orgId('NA.SGDDT'),
        status: 'SUBMITTED',
        version: 2,
        submittedAt: new Date(),
      },
    });
    const seen = async (email: string) => {
      const res = await server.gql<{
        reportRequest: { submissions: { org: { code: string }; status: string }[] };
      }>(
        'query($id: ID!) { reportRequest(id: $id) { submissions { status version org { code } } } }',
        { id: request.id },
        await server.login(email),
      );
      return res.data?.reportRequest.submissions.map((x) => `${x.org.code}:${x.status}`);
    };
    expect(await seen('syte.nghean@demo.vn')).toEqual(['NA.SYT:DRAFT']);
    expect(await seen('sogddt.nghean@demo.vn')).toEqual(['NA.SGDDT:SUBMITTED']);
    expect(await seen('stttt.nghean@demo.vn')).toEqual(['NA.SGDDT:SUBMITTED']);
    expect(await seen('phantich@demo.vn')).toEqual(['NA.SGDDT:SUBMITTED']);
  });
});
