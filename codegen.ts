// The add-in's operation types, generated from schema.graphql (npm run codegen): each operation in
// addin/src/taskpane/operations.ts, written with graphql(`…`), comes back typed with its result
// and variables, so the pane never types an answer by hand. test/addin/taskpane/codegen.test.ts
// runs the same generation against a running server's introspection and compares.
import type { CodegenConfig } from '@graphql-codegen/cli';

export const OUTPUT = 'addin/src/taskpane/gql/';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['addin/src/taskpane/operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    [OUTPUT]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Plain strings on the wire (no graphql-js in the pane), typed for TypeScript.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        importExtension: '.ts',
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: {
          ID: 'string',
          Date: 'string',
          DateTime: 'string',
          Money: 'number',
        },
      },
    },
  },
  hooks: { afterAllFileWrite: ['tsx scripts/codegen-header.ts', 'prettier --write'] },
};

export default config;
