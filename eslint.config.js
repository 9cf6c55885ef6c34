import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  // addin/src/taskpane/gql is written by npm run codegen.
  {
    ignores: [
      'node_modules/',
      'generated/',
      'data/',
      'coverage/',
      '.build/',
      '.tmp/',
      'addin/dist/',
      'server/explorer/dist/',
      'addin/src/taskpane/gql/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The task pane's components: the rules of hooks, and dependencies that are all declared.
  { files: ['addin/src/**/*.tsx', 'addin/src/**/*.ts'], ...reactHooks.configs.flat.recommended },
);
