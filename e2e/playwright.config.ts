import { defineConfig } from '@playwright/test';

/** Stories run against the real server (built web app, demo community on a fresh SQLite file) in Debian's Chromium. */
const PORT = Number(process.env.E2E_PORT ?? 3999);
export const E2E_PASSWORD = 'E2e-Demo-Pass-2026';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? '../.tmp/playwright.json' }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.ONEGRID_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'rm -rf .tmp/e2e-data && node bin/onegrid.js serve',
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      ONEGRID_DATA_DIR: '.tmp/e2e-data',
      ONEGRID_DEMO: 'true',
      ONEGRID_DEMO_PASSWORD: E2E_PASSWORD,
      ONEGRID_LOGIN_RATE_LIMIT: '0',
      LOG_LEVEL: 'warn',
    },
  },
});
