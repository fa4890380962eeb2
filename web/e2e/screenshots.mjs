#!/usr/bin/env node
// Screenshots of every page (dark and light) against the mock server and the built dist/, or
// against a running server when AITP_E2E_URL (+ AITP_E2E_USER / AITP_E2E_PASSWORD) is set.
//   node e2e/screenshots.mjs [outdir] [--empty]   (default /tmp/aitp-shots)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer } from './mock-server.mjs';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? '/tmp/aitp-shots');
const empty = process.argv.includes('--empty');
fs.mkdirSync(out, { recursive: true });

const external = process.env.AITP_E2E_URL;
const srv = external
  ? { url: external.replace(/\/+$/, ''), close: async () => {} }
  : await startMockServer({ port: 0, staticDir: path.resolve(here, '../dist'), quiet: true, empty, jobMs: 1500 });
const USER = external ? process.env.AITP_E2E_USER : 'admin';
const PASSWORD = external ? process.env.AITP_E2E_PASSWORD : 'mock-password-123';
const { context, close } = await launch();
const page = await context.newPage();
page.on('pageerror', (e) => console.error('pageerror:', e.message));
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
try {
  for (const theme of ['dark', 'light']) {
    await page.goto(srv.url + '/login');
    await page.evaluate((t) => localStorage.setItem('aitp-theme', t), theme);
    await page.goto(srv.url + '/login');
    await page.screenshot({ path: path.join(out, `${theme}-login.png`) });
    await page.fill('[data-testid=login-username]', USER);
    await page.fill('[data-testid=login-password]', PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=page]');
    for (const [name, route] of [['dashboard', '/'], ['market', '/market'], ['data', '/data'], ['screening', '/screening'], ['backtest', '/backtest']]) {
      await page.goto(srv.url + route);
      await page.waitForTimeout(1200);
      await page.screenshot({ path: path.join(out, `${theme}${empty ? '-empty' : ''}-${name}.png`), fullPage: true });
    }
    if (theme === 'dark' && !empty && !external) {
      await page.goto(srv.url + '/backtest');
      await page.waitForSelector('[data-testid=compare-check]');
      const checks = await page.$$('[data-testid=compare-check]');
      for (const c of checks.slice(0, 2)) await c.check();
      await page.click('[data-testid=compare-button]');
      await page.waitForSelector('[data-testid=compare-table]');
      await page.click('[data-testid=run-backtest]');
      await page.waitForSelector('[data-testid=progress-bar]');
      await page.waitForTimeout(700);
      await page.screenshot({ path: path.join(out, 'dark-backtest-running.png'), fullPage: true });
      await page.waitForSelector('[data-testid=job-progress][data-status=completed]');
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(out, 'dark-backtest-done.png'), fullPage: true });
    }
    await page.click('[data-testid=logout]');
    await page.waitForURL('**/login');
  }
} finally {
  await close();
  await srv.close();
}
console.log(`screenshots in ${out}`);
