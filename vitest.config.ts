import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no export map: Node loads its CommonJS build for Yoga and Pothos, while Vite
    // would pick the ESM build for our sources. Two copies break `instanceof GraphQLError`.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Each file opens its own databases (PGlite in memory, a scratch PostgreSQL database). The
    // limits catch a hang, not slowness: on a busy 2-core machine the migration-drift test took
    // 67 s against a limit of 60, so they leave room for a machine several times slower than idle.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
