import { defineConfig } from '@playwright/test';

/**
 * The console's browser tests: Debian's chromium (no browser download), against the four services
 * and the web service started as processes on the PostgreSQL log (support/global-setup.ts).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.pw.ts',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 20_000 },
  outputDir: '../../../tmp/playwright-results',
  reporter: [['list'], ['json', { outputFile: process.env.KINERJA_PLAYWRIGHT_JSON ?? '../../../tmp/playwright-results.json' }]],
  use: {
    browserName: 'chromium',
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
