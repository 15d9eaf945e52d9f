import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start their own simulators on ephemeral ports: safe to run files in parallel.
    pool: 'forks',
    // One migrated registry snapshot per run; tests open in-memory registries from it (test/helpers/registry.ts).
    globalSetup: ['test/helpers/registry-snapshot.global.ts'],
  },
});
