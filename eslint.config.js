// ESLint flat config: typescript-eslint's recommended rules over every workspace, formatting left to Prettier.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Domain boundaries (docs/architecture.md). A subgraph imports its own domain's tables (`@hub/db/<domain>`) and reaches
 * another domain's data only through that domain's read API (`@hub/db/<domain>/read`) or the graph. The kit, the
 * authorization library and the router import no tables at all: the decision point (`@hub/authz`) reads through the
 * read APIs. The kit is the platform under the authorization library and never imports it. Every table at once
 * (`@hub/db/schema`) is for seeds, migrations and tests, which are exempt.
 */
const DOMAINS = ['parties', 'roles', 'delegations', 'consents', 'evidence'];
const TESTS = ['**/*.test.ts', 'test/**'];

function boundaries(files, own, extraPaths = []) {
  return {
    files,
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@hub/db/schema', message: 'Every table at once is for seeds, migrations and tests only.' },
            { name: '@hub/db/testing', message: 'Fixtures written straight to the tables are for tests only.' },
            ...DOMAINS.filter((d) => d !== own).map((d) => ({
              name: `@hub/db/${d}`,
              message: `The ${d} domain owns these tables: read them through its read API, @hub/db/${d}/read.`,
            })),
            ...extraPaths,
          ],
          patterns: [{ regex: '(^|/)db/src(/|$)', message: 'Import the database through the entry points of @hub/db.' }],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '**/*.generated.*', 'db/drizzle/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // A variable assigned once but read earlier by a closure (a late-bound handler) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...DOMAINS.map((d) => boundaries([`subgraphs/${d}/**`], d)),
  boundaries(['subgraphs/kit/**'], null, [
    { name: '@hub/authz', message: 'The kit is the platform under @hub/authz: the authorization library imports the kit, never the reverse.' },
  ]),
  boundaries(['subgraphs/authz/**', 'router/**'], null),
  {
    // Tests and benchmarks read loosely typed JSON answers.
    files: ['test/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  {
    // Plain JavaScript run by Node: autocannon's request hooks (CommonJS) and install scripts.
    files: ['**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', Buffer: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
