// The schema as a file: schema.graphql in the repository is the running schema (npm run schema
// writes it), GET /schema.graphql serves it, and what any standard tool learns through
// graphql-js's own introspection query is that same schema, whatever the depth limit.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildClientSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { schema, schemaText } from '../../../server/graphql/schema.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const committed = readFileSync(
  fileURLToPath(new URL('../../../schema.graphql', import.meta.url)),
  'utf8',
);

describe('the schema as a file', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  }, 180_000);
  afterAll(async () => server?.close());

  test('schema.graphql is the running schema (run `npm run schema` after changing a type)', () => {
    expect(committed).toBe(schemaText());
  });

  test('GET /schema.graphql serves it', async () => {
    const res = await fetch(`${server.app.url}/schema.graphql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/graphql');
    expect(await res.text()).toBe(committed);
  });

  test.each([
    ['as GraphiQL and Postman send it', {}],
    [
      'with every option codegen and Apollo Sandbox may add',
      {
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      },
    ],
  ])('getIntrospectionQuery() %s is answered with the whole schema', async (_how, options) => {
    const res = await server.gql<IntrospectionQuery>(getIntrospectionQuery(options));
    expect(res.errors).toBeUndefined();
    const learned = buildClientSchema(res.data!);
    expect(printSchema(lexicographicSortSchema(learned))).toBe(
      printSchema(lexicographicSortSchema(schema)),
    );
  });
});
