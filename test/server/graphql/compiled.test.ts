// Compiled execution (server/graphql/compiled.ts) answers exactly as graphql-js did: the same
// request sent until its document is compiled gets the same status and the same bytes, data and
// errors alike (refusals by access, NOT_FOUND, bad variables, a field's error mid-answer).
import { getIntrospectionQuery, parse, Kind } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { schema } from '../../../server/graphql/schema.ts';
import { COMPILE_AFTER_RUNS } from '../../../server/graphql/compiled.ts';
import { contractOperation, contractOperations } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('every query of the contract compiles', () => {
  const queries = [...contractOperations()].filter(([, op]) => {
    const def = parse(op.text).definitions[0];
    return def?.kind === Kind.OPERATION_DEFINITION && def.operation === 'query';
  });
  it('finds the queries', () => {
    expect(queries.map(([name]) => name)).toEqual(
      expect.arrayContaining(['ReportSheet', 'Consolidation', 'MyReportRequests', 'Me']),
    );
  });
  it.each(queries)('%s', (_name, op) => {
    expect(isCompiledQuery(compileQuery(schema, parse(op.text)))).toBe(true);
  });
});

describe('compiled answers are graphql-js answers, byte for byte', () => {
  let server: TestServer;
  let requestId: string;
  let otherAgency: string;
  let reporter: string;
  let consolidator: string;

  /** The raw answer: status and body as sent. */
  const raw = async (body: unknown, token?: string) => {
    const res = await fetch(`${server.app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.text() };
  };

  /** Sends the request past compilation; every answer must equal the first. */
  const sameEveryTime = async (body: unknown, token?: string) => {
    const first = await raw(body, token);
    for (let run = 1; run < COMPILE_AFTER_RUNS + 3; run++) {
      expect(await raw(body, token)).toEqual(first);
    }
    return first;
  };

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.app.db.prisma;
    requestId = (
      await prisma.reportRequest.findUniqueOrThrow({ where: { key: 'NA-403-SOKET-SO-HUYEN' } })
    ).id;
    otherAgency = (await prisma.org.findUniqueOrThrow({ where: { code: 'NA.SYT' } })).id;
    reporter = await server.login('syte.nghean@demo.vn');
    consolidator = await server.login('stttt.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('ReportSheet, as its reporter and as its consolidator', async () => {
    const query = contractOperation('ReportSheet');
    const own = await sameEveryTime({ query, variables: { requestId } }, reporter);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body).data.reportSheet.org.name).toBe('Sở Y tế tỉnh Nghệ An');
    const seen = await sameEveryTime(
      { query, variables: { requestId, orgId: otherAgency } },
      consolidator,
    );
    expect(JSON.parse(seen.body).data.reportSheet.tables.length).toBeGreaterThan(0);
  });

  it('refusals: NOT_FOUND, FORBIDDEN, UNAUTHENTICATED', async () => {
    const query = contractOperation('ReportSheet');
    const missing = await sameEveryTime({ query, variables: { requestId: 'khong-co' } }, reporter);
    expect(JSON.parse(missing.body).errors[0].extensions.code).toBe('NOT_FOUND');
    const viewer = await server.login('ubnd.binhdai@demo.vn');
    const other = await sameEveryTime(
      { query, variables: { requestId, orgId: otherAgency } },
      viewer,
    );
    expect(JSON.parse(other.body).errors[0].extensions.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const anonymous = await sameEveryTime({ query: contractOperation('Me') });
    expect(JSON.parse(anonymous.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('variables graphql-js refuses, and a field failing in the middle of an answer', async () => {
    const query = contractOperation('ReportSheet');
    const badType = await sameEveryTime({ query, variables: { requestId: { id: 5 } } }, reporter);
    expect(badType.status).toBe(400);
    expect(JSON.parse(badType.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const noVariable = await sameEveryTime({ query, variables: {} }, reporter);
    expect(noVariable.status).toBe(400);
    const unknownName = await sameEveryTime(
      { query, variables: { requestId }, operationName: 'Khac' },
      reporter,
    );
    // As Apollo answers a name no operation has: 400, OPERATION_RESOLUTION_FAILURE.
    expect(unknownName.status).toBe(400);
    expect(JSON.parse(unknownName.body).errors[0].extensions.code).toBe(
      'OPERATION_RESOLUTION_FAILURE',
    );
    expect(JSON.parse(unknownName.body).errors[0].message).toBe('Unknown operation named "Khac".');
    // A nullable field's error leaves the rest of the answer: each sheet alias resolves alone.
    const partial = await sameEveryTime(
      {
        query: `query($a: ID!, $b: ID!) {
          a: reportSheet(requestId: $a) { org { name } }
          b: reportSheet(requestId: $b) { org { name } }
          me { email }
        }`,
        variables: { a: requestId, b: 'khong-co' },
      },
      reporter,
    );
    const answer = JSON.parse(partial.body);
    expect(answer.data).toBeNull();
    expect(answer.errors.map((e: { path: string[] }) => e.path)).toEqual([['b']]);
  });

  it('connections, lists and nested relations (Orgs, MyReportRequests, Consolidation)', async () => {
    const orgs = await sameEveryTime(
      { query: contractOperation('Orgs'), variables: { search: 'nghe an', first: 3 } },
      reporter,
    );
    expect(JSON.parse(orgs.body).data.orgs.edges.length).toBeGreaterThan(0);
    const mine = await sameEveryTime({ query: contractOperation('MyReportRequests') }, reporter);
    expect(JSON.parse(mine.body).data.myReportRequests.length).toBeGreaterThan(0);
    const consolidated = await sameEveryTime(
      { query: contractOperation('Consolidation'), variables: { requestId } },
      consolidator,
    );
    expect(JSON.parse(consolidated.body).data.reportRequest.id).toBe(requestId);
  });

  it('introspection, as the explorer and codegen send it, and __typename', async () => {
    const schemaAnswer = await sameEveryTime({ query: getIntrospectionQuery() });
    expect(JSON.parse(schemaAnswer.body).data.__schema.queryType.name).toBe('Query');
    const typename = await sameEveryTime(
      { query: '{ __typename me { __typename email } }' },
      reporter,
    );
    expect(JSON.parse(typename.body).data.me.__typename).toBe('User');
  });
});
