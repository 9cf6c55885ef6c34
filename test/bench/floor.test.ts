// The benchmark compares the Consolidation query with a hand-written SQL statement; the
// comparison is honest only if both compute the same thing. On a small synthetic province: the
// same completeness, the same totals per row and column, the same agencies in the same order.
import { readFileSync } from 'node:fs';
import { consolidationText, type FloorConsolidation } from '../../bench/floor.ts';
import { buildProvince, consolidationKey } from '../../bench/province.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const contract = readFileSync(
  new URL('../../docs/contract/reporting.graphql', import.meta.url),
  'utf8',
);
const start = contract.indexOf('query Consolidation(');
const consolidation = contract.slice(start, start + contract.slice(start).search(/\n}\n/) + 2);

interface GraphqlConsolidation {
  reportRequest: {
    completeness: Record<string, number>;
    consolidated: {
      tables: {
        key: string;
        rows: {
          key: string;
          totals: { columnKey: string; value: string | null }[];
          byOrg: { org: { id: string } }[];
        }[];
      }[];
    };
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('pglite');
});
afterAll(() => server.close());

test('the SQL floor computes what the Consolidation query returns', async () => {
  const scale = {
    communes: 7,
    departments: 2,
    tasks: 12,
    saveRows: 3,
    consolidationScales: [5],
    saveAgencies: 1,
    sample: 3, // two reports copied in SQL, as the quick benchmark does
  };
  const province = await buildProvince(server.app.db, scale);
  const requestId = province.requests.get(consolidationKey(5))!;
  const res = await server.gql<GraphqlConsolidation>(
    consolidation,
    { requestId },
    province.consolidatorToken,
  );
  expect(res.errors).toBeUndefined();
  const ours = res.data!.reportRequest;
  const floor = JSON.parse(
    await consolidationText(server.app.db.sql, requestId),
  ) as FloorConsolidation;

  // The contract's query does not ask every count the floor computes (pendingApproval): the floor
  // must agree on every one it does ask.
  expect(floor.completeness).toMatchObject(ours.completeness);
  expect(ours.completeness.submitted).toBe(5);
  const rows = ours.consolidated.tables[0]!.rows.filter((r) => r.byOrg.length);
  const floorRows = floor.tables[0]!.rows;
  expect(floorRows.map((r) => r.key)).toEqual(rows.map((r) => r.key));
  rows.forEach((row, i) => {
    const f = floorRows[i]!;
    expect(f.byOrg.map((o) => o.org.id)).toEqual(row.byOrg.map((o) => o.org.id));
    for (const f2 of f.totals) {
      const ourTotal = row.totals.find((t) => t.columnKey === f2.columnKey)!.value;
      if (f2.value === null) expect(ourTotal).toBeNull();
      else expect(Number(ourTotal)).toBeCloseTo(Number(f2.value), 6);
    }
  });
});
