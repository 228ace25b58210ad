import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of graphql, or two realms of it break the schema.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['**/*.test.ts', 'test/**/*.e2e.ts'],
    // test/faults starts its own Postgres and whole deployments: `npm run test:faults` (vitest.faults.config.ts).
    exclude: ['**/node_modules/**', '.data/**', 'test/faults/**'],
    setupFiles: ['./vitest.setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
