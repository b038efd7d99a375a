import { defineConfig } from 'vitest/config';

// Browser end-to-end tests against a running Tapak (TAPAK_E2E_BASE_URL, e.g. http://localhost:3000).
// Run: TAPAK_E2E_BASE_URL=http://localhost:3000 npx vitest run --config tests/e2e/vitest.config.ts
export default defineConfig({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['**/*.e2e.ts'],
    globalSetup: ['globalSetup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // One browser, one page, tests in order: they build on each other like a planner's session.
    fileParallelism: false,
  },
});
