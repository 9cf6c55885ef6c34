// Hostile requests get a clear refusal: too deep, too many (aliased) fields, too large a body,
// not JSON; an unexpected failure shows no stack trace or SQL.
import { GraphQLError } from 'graphql';
import {
  formatError,
  MAX_BODY_BYTES,
  MAX_SIGNED_IN_BODY_BYTES,
} from '../../../server/graphql/http.ts';
import {
  MAX_DEPTH,
  MAX_FIELDS,
  MAX_SYNTAX_NESTING,
  syntaxNesting,
} from '../../../server/graphql/limits.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('request limits', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    token = await server.login('phantich@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it(`refuses a query nested deeper than ${MAX_DEPTH}`, async () => {
    let selection = 'id';
    for (let i = 0; i < MAX_DEPTH; i++) selection = `id parent { ${selection} }`;
    const res = await server.gql(
      `{ orgs(first: 1) { edges { node { ${selection} } } } }`,
      {},
      token,
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/lồng quá sâu/);
    expect(res.data).toBeUndefined();
  });

  it('accepts a query of ordinary depth', async () => {
    const res = await server.gql(
      '{ orgs(first: 1) { edges { node { id parent { id parent { id } } } } } }',
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
  });

  it(`refuses more than ${MAX_FIELDS} fields, aliases included`, async () => {
    const aliases = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => `a${i}: __typename`).join(' ');
    const res = await server.gql(`{ ${aliases} }`, {}, token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/quá nhiều trường/);
  });

  it('refuses fragments that multiply fields', async () => {
    const fragments = ['fragment F0 on Org { id name code }'];
    for (let i = 1; i < 11; i++)
      fragments.push(
        `fragment F${i} on Org { a: parent { ...F${i - 1} } b: parent { ...F${i - 1} } }`,
      );
    const res = await server.gql(
      `{ orgs(first: 1) { edges { node { ...F10 } } } } ${fragments.join(' ')}`,
      {},
      token,
    );
    expect(res.errors?.[0]?.message).toMatch(/quá nhiều trường|lồng quá sâu/);
  });

  it('refuses introspection nested 5,000 levels deep, and 10,000 aliased introspections', async () => {
    let selection = 'name';
    for (let i = 0; i < 5000; i++) selection = `ofType { ${selection} }`;
    const deep = await server.gql(`{ __schema { types { fields { type { ${selection} } } } } }`);
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0]?.message).toMatch(/lồng quá sâu/);
    const aliases = Array.from(
      { length: 10_000 },
      (_, i) => `a${i}: __schema { queryType { name } }`,
    );
    const wide = await server.gql(`{ ${aliases.join(' ')} }`);
    expect(wide.status).toBe(400);
    expect(wide.errors?.[0]?.message).toMatch(/quá nhiều trường/);
    expect(wide.data).toBeUndefined();
  });

  it('refuses a body over the limit with 413 before reading it all', async () => {
    const body = JSON.stringify({
      query: `{ __typename }`,
      variables: { pad: 'x'.repeat(MAX_BODY_BYTES) },
    });
    const res = await fetch(`${server.app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(json.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('takes a larger body only with a valid token: the first save of a large appendix', async () => {
    const post = (bytes: number, authorization?: string) =>
      fetch(`${server.app.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({
          query: '{ __typename }',
          variables: { pad: 'ạ'.repeat(bytes / 3) },
        }),
      });
    const twoMegabytes = 2 * 1024 * 1024;
    expect((await post(twoMegabytes, `Bearer ${token}`)).status).toBe(200);
    expect((await post(twoMegabytes)).status).toBe(413);
    const wrong = await post(twoMegabytes, 'Bearer khong-phai-token');
    expect(wrong.status).toBe(413);
    const over = await post(MAX_SIGNED_IN_BODY_BYTES + 1024, `Bearer ${token}`);
    expect(over.status).toBe(413);
    const json = (await over.json()) as { errors: { message: string }[] };
    expect(json.errors[0]?.message).toBe('Yêu cầu quá lớn (tối đa 8 MB).');
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(`${server.app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
  });

  it('masks unexpected errors outside development: no stack, no SQL', () => {
    const internal = {
      message:
        'Invalid `prisma.org.findMany()` invocation: SELECT "public"."Org" ... relation does not exist',
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        stacktrace: ['Error: at server/orgs/schema.ts:42'],
      },
    };
    const masked = formatError(internal, false);
    expect(JSON.stringify(masked)).not.toMatch(/SELECT|prisma|stacktrace|schema\.ts/);
    expect(masked.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(formatError(internal, true)).toEqual(internal);
    const client = {
      message: 'Không tìm thấy kế hoạch x.',
      extensions: { code: 'NOT_FOUND', stacktrace: ['…'] },
    };
    expect(formatError(client, false)).toEqual({
      message: client.message,
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('says the database is unavailable (retry later), with no detail, when it cannot be reached', () => {
    const internal = {
      message: "Invalid `prisma.submission.findUnique()` invocation: Can't reach database server",
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        stacktrace: ['at server/submissions/save.ts:9'],
      },
    };
    const cause = new GraphQLError('x', {
      originalError: Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
        code: 'P1001',
      }),
    });
    for (const development of [false, true]) {
      const said = formatError(internal, development, cause);
      expect(said.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
      expect(said.message).toMatch(/^Cơ sở dữ liệu tạm thời không truy cập được/);
      expect(JSON.stringify(said)).not.toMatch(/prisma|127\.0\.0\.1|save\.ts/);
    }
  });
});

describe('nesting counted in the text, before parsing', () => {
  it('counts brackets, not those in strings, block strings or comments', () => {
    expect(syntaxNesting('{ me { org { id } } }')).toBe(3);
    expect(syntaxNesting('query($s: [String!]) { orgs(search: "{{{[[(") { totalCount } }')).toBe(2);
    expect(syntaxNesting('{ a # {{{{{{\n b(x: """ {{{ \\""" {{ """) }')).toBe(2);
    expect(syntaxNesting('{ a(s: "\\" { {") }')).toBe(2);
  });

  it(`allows every query a person or a tool writes; refuses beyond ${MAX_SYNTAX_NESTING}`, () => {
    expect(syntaxNesting(`{ me ${'{ org '.repeat(5000)}${'}'.repeat(5000)} }`)).toBe(5001);
    expect(MAX_SYNTAX_NESTING).toBeGreaterThan(MAX_DEPTH + 20);
  });
});
