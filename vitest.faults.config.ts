import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * `npm run test:faults`: faults injected into the running hub. The files under test/faults start their own Postgres
 * (initdb in a temporary folder, its own port) and the router and subgraphs as separate processes, then restart
 * the database and stop processes under load; test/resilience holds the in-process fault tests. One file at a time:
 * each one already runs a whole deployment.
 */
export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['test/faults/**/*.e2e.ts', 'test/resilience/**/*.e2e.ts'],
    exclude: ['**/node_modules/**', '.data/**'],
    setupFiles: ['./vitest.setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
