#!/usr/bin/env node
// Screenshots of every page (dark and light) against a running `aitp serve` that serves the
// built dashboard, to look at the pages; not a test. The easiest way to get such a server:
//   bash scripts/e2e.sh build/bin/aitp web/e2e/screenshots.mjs        (from the repository root)
// or by hand:
//   AITP_E2E_URL=http://127.0.0.1:8000 AITP_E2E_USER=admin AITP_E2E_PASSWORD=... \
//     node e2e/screenshots.mjs [outdir]
// The folder is outdir, else $AITP_SHOTS_DIR, else /tmp/aitp-shots.
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './browser.mjs';

const out = path.resolve(process.argv[2] ?? process.env.AITP_SHOTS_DIR ?? '/tmp/aitp-shots');
const base = process.env.AITP_E2E_URL?.replace(/\/+$/, '');
const USER = process.env.AITP_E2E_USER;
const PASSWORD = process.env.AITP_E2E_PASSWORD;
if (!base || !USER || !PASSWORD) {
  console.error('screenshots: set AITP_E2E_URL, AITP_E2E_USER and AITP_E2E_PASSWORD');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

const { context, close } = await launch();
const page = await context.newPage();
page.on('pageerror', (e) => console.error('pageerror:', e.message));
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
try {
  for (const theme of ['dark', 'light']) {
    await page.goto(base + '/login');
    await page.evaluate((t) => localStorage.setItem('aitp-theme', t), theme);
    await page.goto(base + '/login');
    await page.screenshot({ path: path.join(out, `${theme}-login.png`) });
    await page.fill('[data-testid=login-username]', USER);
    await page.fill('[data-testid=login-password]', PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=page]');
    if (theme === 'dark') {
      // A backtest while it runs and once it is done, so the result pages are not empty.
      await page.goto(base + '/backtest');
      await page.waitForSelector('[data-testid=backtest-dataset] option', { state: 'attached' });
      await page.click('[data-testid=run-backtest]');
      await page.waitForSelector('[data-testid=progress-bar]');
      await page.screenshot({ path: path.join(out, 'dark-backtest-running.png'), fullPage: true });
      await page.waitForSelector('[data-testid=job-progress][data-terminal=true]', { timeout: 120000 });
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(out, 'dark-backtest-done.png'), fullPage: true });
    }
    for (const [name, route] of [['dashboard', '/'], ['market', '/market'], ['data', '/data'], ['screening', '/screening'], ['backtest', '/backtest']]) {
      await page.goto(base + route);
      await page.waitForTimeout(1200);
      await page.screenshot({ path: path.join(out, `${theme}-${name}.png`), fullPage: true });
    }
    await page.click('[data-testid=logout]');
    await page.waitForURL('**/login');
  }
} finally {
  await close();
}
console.log(`screenshots in ${out}`);
