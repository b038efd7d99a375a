import { defineConfig } from 'vitest/config';

// The web's unit tests: pure modules and server-rendered components, so no DOM emulation is needed.
// Run with `npx vitest run --config web/vitest.config.ts` (or as the "web" project from the root config).
export default defineConfig({
  root: import.meta.dirname,
  test: {
    name: 'web',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
