import { defineConfig } from '@playwright/test';

// Browser tests load the built production extension (.output/chrome-mv3) into Debian's Chromium and serve
// saved pages at their real URLs by route interception (tests/e2e/harness.ts).
// Route the extension service worker's own requests (the code-link API) through context.route too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS ??= '1';

export default defineConfig({
  testDir: 'tests/e2e',
  // Its own folder: Playwright empties outputDir at start, and CI keeps other reports in test-results/.
  outputDir: 'test-results/e2e-artifacts',
  timeout: 60_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: { trace: 'off', screenshot: 'off' },
});
