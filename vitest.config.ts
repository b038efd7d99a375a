import { defineConfig } from 'vitest/config';

// Three projects: the pure core, the server's own unit tests, and the integration suites under tests/
// that run against one database engine at a time (TAPAK_TEST_ENGINE=pglite|postgres, see scripts/test.mjs).
export default defineConfig({
  test: {
    projects: [
      'web/vitest.config.ts',
      'tests/e2e/vitest.config.ts',
      { test: { name: 'core', include: ['core/test/**/*.test.ts'], environment: 'node' } },
      {
        test: { name: 'server-unit', include: ['server/test/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
