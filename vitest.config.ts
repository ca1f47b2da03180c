import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Projects: pure rules (common), the server once per database engine, and the web components.
 * The PostgreSQL project is added when ONEGRID_TEST_PG=1 (scripts/test.mjs decides; under CI it is mandatory).
 */
const withPg = process.env.ONEGRID_TEST_PG === '1';
const server = (name: string, db: string) => ({
  test: {
    name,
    include: ['server/**/__tests__/**/*.test.ts'],
    environment: 'node',
    env: { ONEGRID_TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'common', include: ['common/**/__tests__/**/*.test.ts'], environment: 'node' } },
      server('server-sqlite', 'sqlite'),
      ...(withPg ? [server('server-pg', 'postgres')] : []),
      ...(existsSync('./web/vitest.config.ts') ? ['./web/vitest.config.ts'] : []),
    ],
  },
});
