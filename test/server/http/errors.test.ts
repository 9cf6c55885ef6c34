// One error story over HTTP: whatever the path, a refusal answers the status the one table gives
// its code, in GraphQL's error shape.
import { ERROR_STATUS, errorBody } from '../../../server/http/errors.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('errors over HTTP', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    token = await server.login('syte.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => server?.close());

  test.each([
    ['an unknown path', '/nowhere', {}, 'NOT_FOUND'],
    ['a body that is not JSON', '/graphql', { method: 'POST', body: '{"query":' }, 'BAD_REQUEST'],
    [
      'a body over 1 MB without a token',
      '/graphql',
      {
        method: 'POST',
        body: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(1_100_000) }),
      },
      'PAYLOAD_TOO_LARGE',
    ],
    ['a file without a token', '/files/requests/x/sheet.xlsx', {}, 'UNAUTHENTICATED'],
    [
      'a file method that does not exist',
      '/files/requests/x/consolidated.xlsx',
      { method: 'POST', body: 'x', auth: true },
      'METHOD_NOT_ALLOWED',
    ],
    ['a request that does not exist', '/files/requests/x/sheet.xlsx', { auth: true }, 'NOT_FOUND'],
  ] as const)('%s', async (_what, path, init, code) => {
    const { auth, ...rest } = init as { auth?: boolean; method?: string; body?: string };
    const res = await fetch(`${server.app.url}${path}`, {
      ...rest,
      headers: {
        'content-type': 'application/json',
        ...(auth ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    expect(res.status).toBe(ERROR_STATUS[code]);
    const body = (await res.json()) as ReturnType<typeof errorBody>;
    expect(body).toEqual({
      errors: [{ message: expect.any(String), extensions: expect.objectContaining({ code }) }],
    });
    expect(body.errors[0]!.message.length).toBeGreaterThan(5);
  });
});
