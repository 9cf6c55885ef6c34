// The add-in's operation types come from the schema: GraphQL Code Generator's own CLI, run here
// against the running server (the introspection query any client tool sends), writes exactly the
// files in addin/src/taskpane/gql that `npm run codegen` wrote from schema.graphql (with the same
// afterAllFileWrite steps: the header's reason, then Prettier). A type changed
// on the server without `npm run schema && npm run codegen` fails here.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import prettier from 'prettier';
import config, { OUTPUT } from '../../../codegen.ts';
import { markGenerated } from '../../../scripts/codegen-header.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('operation types generated from the running server', () => {
  let server: TestServer;
  let out: string;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    out = mkdtempSync(path.join(tmpdir(), 'tonghop-codegen-'));
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    rmSync(out, { recursive: true, force: true });
  });

  test('are the committed ones', async () => {
    const generated = path.join(out, 'gql/');
    const fromServer = {
      ...config,
      schema: `${server.app.url}/graphql`,
      generates: { [generated]: config.generates[OUTPUT] },
      hooks: {},
    };
    const file = path.join(out, 'codegen.json');
    writeFileSync(file, JSON.stringify(fromServer));
    await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', file],
      { cwd: root },
    );
    const files = readdirSync(generated).sort();
    expect(files).toEqual(readdirSync(path.join(root, OUTPUT)).sort());
    for (const name of files) {
      const committed = path.join(root, OUTPUT, name);
      const options = await prettier.resolveConfig(committed);
      const written = markGenerated(readFileSync(path.join(generated, name), 'utf8'));
      const text = await prettier.format(written, {
        ...options,
        filepath: committed,
      });
      expect([name, text]).toEqual([name, readFileSync(committed, 'utf8')]);
    }
  }, 120_000);
});
