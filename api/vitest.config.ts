import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Two projects: the whole suite on a fresh PostgreSQL database (created and dropped by the
// global setup), and the database smoke tests again on embedded PGlite, the default runtime.
export default defineConfig({
  // One copy of graphql for test code and for the libraries, which Node resolves to its CommonJS build.
  resolve: { alias: { graphql: fileURLToPath(import.meta.resolve('graphql')) } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/postgres-setup.ts'],
          env: { TEST_DATABASE: 'postgres' },
        },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['test/db/**/*.test.ts', 'test/jobs/queue.test.ts', 'test/services/run-command.test.ts', 'test/realtime/subscriptions.test.ts', 'test/api/catalog.test.ts', 'test/api/paging.test.ts'],
          env: { TEST_DATABASE: 'pglite' },
        },
      },
    ],
  },
});
