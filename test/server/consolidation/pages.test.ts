// The consolidated report in pages: walking every page (tables, then each table's agencies, and
// each outline section's answers) gives exactly the whole `consolidated` answer, as reported and
// in today's structure (Bến Tre's districts were abolished on 1/7/2025, so the two differ), and
// bad paging arguments are refused clearly.
import { contractOperation } from '../../support/contract.ts';
import { targets } from '../../support/databases.ts';
import type { Json } from '../../support/json.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const SAVE = contractOperation('SaveReport');

const PLACED = 'unit { id } placement displayName';
const CELLS = 'cells { columnKey value }';
const ROW_HEAD = `key group label isGroup totals { columnKey value } rollup { org { id } ${CELLS} }`;
const WHOLE = `query($id: ID!, $s: ConsolidationStructure) { reportRequest(id: $id) {
  consolidated(structure: $s) {
    outline { key number heading depth answers { org { id } text ${PLACED} } }
    tables { key title description columns { key label type aggregate readOnly }
      rows { ${ROW_HEAD} byOrg { org { id } ${CELLS} ${PLACED} } } }
  } } }`;
const TABLES = `query($id: ID!, $s: ConsolidationStructure, $t: String, $a: String, $n: Int) {
  reportRequest(id: $id) { consolidatedPages(structure: $s) {
    tables(first: 1, after: $t) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { key title description columns { key label type aggregate readOnly }
        rows { ${ROW_HEAD} reporting }
        agencies(first: $n, after: $a) {
          pageInfo { hasNextPage endCursor }
          edges { node { org { id } ${PLACED} rows { rowKey ${CELLS} }
            addedRows { ${ROW_HEAD} byOrg { org { id } ${CELLS} ${PLACED} } } } }
        } } }
    } } } }`;
const OUTLINE = `query($id: ID!, $s: ConsolidationStructure, $a: String, $key: String) {
  reportRequest(id: $id) { consolidatedPages(structure: $s) {
    outline(key: $key) { key number heading depth
      answers(first: 1, after: $a) { pageInfo { hasNextPage endCursor }
        edges { node { org { id } text ${PLACED} } } } }
  } } }`;

describe.each(targets)('consolidation in pages (%s)', (target) => {
  let server: TestServer;
  let admin: string;

  async function gql(query: string, variables: Record<string, unknown>): Promise<Json> {
    const res = await server.gql<Json>(query, variables, admin);
    expect(res.errors).toBeUndefined();
    return res.data!.reportRequest;
  }

  /** Every page walked (agencies `size` at a time), put back together as `consolidated`. */
  async function walk(id: string, s: string, size: number): Promise<Json> {
    const tables: Json[] = [];
    let t: string | null = null;
    for (;;) {
      const agencies: Json[] = [];
      const pageAt = async (a: string | null): Promise<Json> => {
        const page: Json = (await gql(TABLES, { id, s, t, a, n: size })).consolidatedPages.tables;
        const { agencies: some, ...table } = page.edges[0].node;
        agencies.push(...some.edges.map((e: Json) => e.node));
        return { page, table, next: some.pageInfo.hasNextPage ? some.pageInfo.endCursor : null };
      };
      const { page: more, table, next: second } = await pageAt(null);
      for (let next = second; next;) next = (await pageAt(next)).next;
      const { rows, ...head } = table;
      tables.push({
        ...head,
        rows: [
          ...rows.map(({ reporting, ...row }: Json) => {
            const byOrg = agencies.flatMap((ag) =>
              ag.rows
                .filter((r: Json) => r.rowKey === row.key)
                .map((r: Json) => ({
                  org: ag.org,
                  cells: r.cells,
                  unit: ag.unit,
                  placement: ag.placement,
                  displayName: ag.displayName,
                })),
            );
            expect(reporting).toBe(byOrg.length);
            return { ...row, byOrg };
          }),
          ...agencies.flatMap((ag) => ag.addedRows),
        ],
      });
      if (!more.pageInfo.hasNextPage) break;
      t = more.pageInfo.endCursor;
    }
    const sections: Json[] = (await gql(OUTLINE, { id, s, a: null })).consolidatedPages.outline;
    const outline = [];
    for (const section of sections) {
      const answers: Json[] = [];
      let page = section.answers;
      for (;;) {
        answers.push(...page.edges.map((e: Json) => e.node));
        if (!page.pageInfo.hasNextPage) break;
        const next: Json = await gql(OUTLINE, {
          id,
          s,
          a: page.pageInfo.endCursor,
          key: section.key,
        });
        page = next.consolidatedPages.outline[0].answers;
      }
      outline.push({ ...section, answers });
    }
    return { outline, tables };
  }

  beforeAll(async () => {
    server = await startTestServer(target);
    admin = await server.login('quantri@demo.vn');
    // Bến Tre's pilot: a district and its commune send, averaging their rates to a decimal.
    const requestId = (
      await server.app.db.prisma.reportRequest.findUniqueOrThrow({
        where: { key: 'BT-2140-THIDIEM-2021-09' },
      })
    ).id;
    const binhDai = await server.login('ubnd.binhdai@demo.vn');
    for (const [code, figure] of [
      ['BT.BINHDAI', '4'],
      ['BT.BINHDAI.BINHTHOI', '11'],
    ] as const) {
      const orgId = (await server.app.db.prisma.org.findUniqueOrThrow({ where: { code } })).id;
      const sheet = (
        await server.gql<Json>(
          'query($r: ID!, $o: ID) { reportSheet(requestId: $r, orgId: $o) { outline { key required } tables { key rows { key } } submission { version } } }',
          { r: requestId, o: orgId },
          binhDai,
        )
      ).data!.reportSheet;
      const [targetsTable, figures] = sheet.tables;
      const saved = await server.gql<Json>(
        SAVE,
        {
          input: {
            requestId,
            orgId,
            baseVersion: sheet.submission?.version ?? 0,
            idempotencyKey: `pages-${code}`,
            submit: true,
            answers: sheet.outline
              .filter((s: Json) => s.required)
              .map((s: Json) => ({ key: s.key, text: `${code}: đã triển khai` })),
            tables: [
              {
                key: targetsTable.key,
                rows: targetsTable.rows.map((r: Json) => ({
                  key: r.key,
                  cells: [{ columnKey: 'ty_le', value: code.length > 10 ? '30.5%' : '70%' }],
                })),
              },
              {
                key: figures.key,
                rows: figures.rows.map((r: Json) => ({
                  key: r.key,
                  cells: [{ columnKey: 'gia_tri', value: figure }],
                })),
              },
            ],
          },
        },
        binhDai,
      );
      expect(saved.errors).toBeUndefined();
      expect(saved.data!.saveReport.problems).toEqual([]);
    }
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  test('walking every page gives the whole consolidation, in both structures', async () => {
    const requests = await server.app.db.prisma.reportRequest.findMany({
      where: { submissions: { some: { status: { in: ['SUBMITTED', 'ACCEPTED'] } } } },
      select: { id: true, key: true },
    });
    expect(requests.map((r) => r.key)).toContain('BT-2140-THIDIEM-2021-09');
    for (const { id } of requests) {
      for (const s of ['AS_REPORTED', 'CURRENT']) {
        const whole = (await gql(WHOLE, { id, s })).consolidated;
        expect(await walk(id, s, 1)).toEqual(whole);
      }
    }
  }, 240_000);

  test('bad cursors and pages too large are refused, in Vietnamese', async () => {
    const id = (
      await server.app.db.prisma.reportRequest.findUniqueOrThrow({
        where: { key: 'BT-2140-THIDIEM-2021-09' },
      })
    ).id;
    const errorOf = async (variables: Record<string, unknown>) => {
      const res = await server.gql<Json>(TABLES, { id, s: 'AS_REPORTED', ...variables }, admin);
      return res.errors?.[0]?.message;
    };
    expect(await errorOf({ n: 401 })).toMatch(/first\) phải từ 1 đến 400/);
    expect(await errorOf({ a: 'không-phải-con-trỏ' })).toMatch(/Con trỏ phân trang/);
    // A cursor of one list is not one of another: the tables' cursor given to the agencies.
    const first = (await gql(TABLES, { id, s: 'AS_REPORTED', n: 1 })).consolidatedPages.tables;
    expect(await errorOf({ a: first.pageInfo.endCursor })).toMatch(/Con trỏ phân trang/);
    // Nor one of the other structure.
    const agencyCursor = first.edges[0].node.agencies.pageInfo.endCursor;
    const other = await server.gql<Json>(TABLES, { id, s: 'CURRENT', a: agencyCursor }, admin);
    expect(other.errors?.[0]?.message).toMatch(/Con trỏ phân trang/);
  });
});
