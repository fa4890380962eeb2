#!/usr/bin/env node
// End-to-end test of the dashboard in Debian's headless chromium (playwright-core, no browser
// download) against the real server: a running `aitp serve` that serves the built dashboard
// (scripts/e2e.sh starts one with a fresh data directory and runs this).
//
//   AITP_E2E_URL=http://127.0.0.1:8000 AITP_E2E_USER=admin AITP_E2E_PASSWORD=... node e2e/run.mjs
//
// Env: AITP_E2E_TIMEOUT_MS (wait for a job, default 120000), AITP_E2E_SCREENSHOTS (a folder
// for screenshots of failures, default /tmp/aitp-e2e), AITP_CHROMIUM (default /usr/bin/chromium),
// AITP_E2E_FRESH_SERVER=1 (the server is ours alone: also try a wrong password once, which a
// shared server would count towards its login delays), AITP_E2E_ONE_TIME_PASSWORD (the admin's
// printed first-start password: log in with it, and the change-password form sets
// AITP_E2E_PASSWORD).
// Prints one line per check and finally `E2E: N passed, M failed`; exits 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import { launch } from './browser.mjs';

const FRESH_SERVER = process.env.AITP_E2E_FRESH_SERVER === '1';
const ONE_TIME_PASSWORD = process.env.AITP_E2E_ONE_TIME_PASSWORD ?? '';
const JOB_TIMEOUT = Number(process.env.AITP_E2E_TIMEOUT_MS ?? 120000);
const SHOTS = process.env.AITP_E2E_SCREENSHOTS ?? '/tmp/aitp-e2e';
const STEP_TIMEOUT = 20000;
// Screenshots of every page at phone and desktop width, kept as test artefacts.
const ARTIFACTS = process.env.AITP_E2E_ARTIFACTS ?? '/tmp/aitp-e2e/pages';

let passed = 0;
let failed = 0;
let browser = null;

function finish(code) {
  console.log(`E2E: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

let base = process.env.AITP_E2E_URL;
const user = process.env.AITP_E2E_USER;
const password = process.env.AITP_E2E_PASSWORD;

try {
  if (!base || !user || !password) throw new Error('set AITP_E2E_URL, AITP_E2E_USER and AITP_E2E_PASSWORD (scripts/e2e.sh does)');
  base = base.replace(/\/+$/, '');
  browser = await launch();
} catch (e) {
  console.error(`E2E setup failed: ${e.message}`);
  failed++;
  finish(1);
}

const { context } = browser;
context.setDefaultTimeout(STEP_TIMEOUT);
const page = await context.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
// Content-Security-Policy violations break features silently: count them as page errors.
page.on('console', (m) => {
  if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) pageErrors.push(m.text());
});
console.log(`E2E target ${base}`);

async function check(name, fn) {
  const errorsBefore = pageErrors.length;
  const t0 = Date.now();
  try {
    await fn();
    if (pageErrors.length > errorsBefore) throw new Error(`uncaught page error: ${pageErrors.slice(errorsBefore).join(' | ')}`);
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${String(e.message ?? e).split('\n')[0]}`);
    try {
      fs.mkdirSync(SHOTS, { recursive: true });
      const f = path.join(SHOTS, `${name.replace(/[^a-z0-9]+/gi, '_')}.png`);
      await page.screenshot({ path: f, fullPage: true });
      console.log(`     screenshot: ${f}`);
    } catch {
      /* ignore */
    }
    return false;
  }
}

const tid = (id) => `[data-testid="${id}"]`;
const expect = (cond, msg) => {
  if (!cond) throw new Error(msg);
};

/** A canvas inside `selector` that has been drawn on (more than a few distinct colours). */
async function waitForDrawnCanvas(selector, timeout = STEP_TIMEOUT) {
  await page.waitForFunction(
    (sel) => {
      const root = document.querySelector(sel);
      if (!root) return false;
      for (const c of root.querySelectorAll('canvas')) {
        if (c.width < 50 || c.height < 50) continue;
        const ctx = c.getContext('2d');
        if (!ctx) continue;
        const { data } = ctx.getImageData(0, 0, c.width, c.height);
        const colours = new Set();
        for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        if (colours.size > 8) return true;
      }
      return false;
    },
    selector,
    { timeout, polling: 250 },
  );
}

/** Waits until the job the page started has finished; returns its id, throws unless it completed. */
async function waitForJobCompleted() {
  await page.waitForSelector(`${tid('job-progress')}[data-terminal=true]`, { timeout: JOB_TIMEOUT });
  const status = await page.getAttribute(tid('job-progress'), 'data-status');
  const jobId = await page.getAttribute(tid('job-progress'), 'data-job-id');
  const text = await page.textContent(tid('job-progress'));
  expect(status === 'completed', `job ${jobId} ended ${status}: ${text}`);
  return jobId;
}

const pages = [
  { name: 'dashboard', title: 'Dashboard', route: '/', ready: async () => {
    await page.waitForSelector(tid('kpi-cards'));
    const v = await page.textContent(`${tid('kpi-data-files')} ${tid('kpi-value')}`);
    expect(/\d/.test(v ?? ''), `KPI value "${v}" is not a number`);
    await page.waitForSelector(`${tid('recent-jobs')} :is(${tid('jobs-table')}, ${tid('empty')})`);
    await page.waitForSelector(`${tid('data-coverage')} ${tid('data-row')}`);
    // No venue is reachable here: the watchlist says so instead of spinning, and the header
    // badge reports the exchange state.
    await page.waitForSelector(`${tid('watchlist-card')} :is(${tid('ticker-table')}, ${tid('watchlist-unreachable')})`);
    // (in the sidebar footer, which a 390 px screen keeps folded behind the menu button)
    await page.waitForSelector(tid('exchange-health'), { state: 'attached' });
  } },
  { name: 'market', title: 'Market Analysis', route: '/market', ready: async () => {
    await page.waitForSelector(tid('symbol-select'));
    await page.waitForSelector(tid('price-chart'));
    await waitForDrawnCanvas(tid('price-chart'));
    const panes = await page.getAttribute(tid('price-chart'), 'data-panes');
    expect(panes === '3', `expected price + RSI + MACD panes, got ${panes}`);
    const readout = await page.textContent(tid('crosshair-readout'));
    expect(/O [\d,.]+\s*H [\d,.]+\s*L [\d,.]+\s*C [\d,.]+/.test(readout ?? ''), `crosshair readout "${readout}"`);
  } },
  { name: 'data', title: 'Data Management', route: '/data', ready: async () => {
    await page.waitForSelector(`${tid('files-table')} ${tid('data-row')}`);
    await page.waitForSelector(tid('generate-form'));
    await page.waitForSelector(tid('download-form'));
    await page.waitForSelector(`${tid('quality-card')} :is(${tid('quality-table')}, ${tid('empty')})`, { timeout: 60000 });
  } },
  { name: 'screening', title: 'Screening', route: '/screening', ready: async () => {
    await page.waitForSelector(tid('strategy-item'));
    await page.waitForSelector(tid('run-screen'));
    await page.waitForSelector(`${tid('screen-history')} :is(${tid('screen-results-table')}, ${tid('empty')})`);
  } },
  { name: 'backtest', title: 'Backtesting', route: '/backtest', ready: async () => {
    await page.waitForSelector(tid('backtest-form'));
    await page.waitForSelector(`${tid('backtest-strategy')} option`, { state: 'attached' });
    await page.waitForSelector(`${tid('backtest-history')} :is(${tid('backtest-history-table')}, ${tid('empty')})`);
  } },
];

let backtestJobId = null;
try {
  await check('unauthenticated visit lands on /login', async () => {
    await page.goto(base + '/');
    await page.waitForSelector(tid('login-form'));
    expect(new URL(page.url()).pathname === '/login', `at ${page.url()}`);
  });

  if (FRESH_SERVER) {
    // Only against a server of our own: failures count towards the account's login delays.
    await check('wrong password shows an error', async () => {
      await page.fill(tid('login-username'), user);
      await page.fill(tid('login-password'), 'definitely-not-the-password');
      await page.click(tid('login-submit'));
      await page.waitForSelector(tid('login-error'));
    });
  }

  if (ONE_TIME_PASSWORD) {
    await check('one-time password leads to the change-password form, which sets the password', async () => {
      await page.fill(tid('login-username'), user);
      await page.fill(tid('login-password'), ONE_TIME_PASSWORD);
      await page.click(tid('login-submit'));
      await page.waitForSelector(tid('password-required'));
      expect(new URL(page.url()).pathname === '/password', `at ${page.url()}`);
      await page.fill(tid('password-current'), ONE_TIME_PASSWORD);
      await page.fill(tid('password-new'), password);
      await page.fill(tid('password-confirm'), password);
      await page.click(tid('password-submit'));
      await page.waitForSelector(tid('kpi-cards'));
      // Sign out, so the next step signs in with the chosen password.
      await page.click(tid('logout'));
      await page.waitForSelector(tid('login-form'));
    });
  }

  const loggedIn = await check('log in', async () => {
    await page.fill(tid('login-username'), user);
    await page.fill(tid('login-password'), password);
    await page.click(tid('login-submit'));
    await page.waitForSelector(`${tid('kpi-cards')}, ${tid('login-error')}`);
    const err = await page.$(tid('login-error'));
    if (err) throw new Error(`login refused: ${await err.textContent()}`);
    await page.waitForSelector(tid('kpi-cards'));
    expect(new URL(page.url()).pathname === '/', `at ${page.url()}`);
    const who = await page.textContent(tid('current-user'));
    expect(who === user, `current user "${who}"`);
  });

  if (loggedIn) {
    // Job progress comes over /ws/system/ (polling is only the fallback).
    await check('system WebSocket connects', async () => {
      await page.waitForSelector(`${tid('ws-status')}[data-state=open]`, { timeout: 10000 });
    });
  }

  if (loggedIn) {
    for (const p of pages) {
      await check(`page ${p.name} via the sidebar`, async () => {
        await page.click(tid(`nav-${p.id ?? p.name}`));
        await page.waitForURL((u) => u.pathname === p.route);
        await p.ready();
        const title = await page.title();
        expect(title.startsWith(`${p.title} · `) && title.endsWith(' · aitp'), `tab title "${title}"`);
      });
    }


    await check('page reload keeps the session (deep link /market)', async () => {
      await page.goto(base + '/market');
      await page.waitForSelector(tid('price-chart'));
    });

    // Issue 18 item 6: the chart starts on the newest bars; dragging it to its left edge loads
    // the window before them (the container's data-bars counts the bars loaded).
    await check('the Market chart loads older bars when scrolled to its left edge', async () => {
      const files = await page.evaluate(async () => (await fetch('/api/data/')).json());
      const long = files.find((f) => f.rows > 1000);
      expect(long, 'no stored series with more than 1,000 bars');
      const q = new URLSearchParams({ exchange: long.exchange, symbol: long.symbol, tf: long.timeframe });
      await page.goto(`${base}/market?${q}`);
      const chart = tid('market-chart');
      await page.waitForSelector(`${chart}[data-bars="500"]`);
      await waitForDrawnCanvas(tid('price-chart'));
      expect((await page.getAttribute(chart, 'data-more-before')) === 'true', 'the series has nothing before its last 500 bars');
      const box = await page.locator(tid('price-chart')).boundingBox();
      const loaded = async () => Number(await page.getAttribute(chart, 'data-bars'));
      for (let i = 0; i < 10 && (await loaded()) <= 500; i++) {
        await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.25);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.85, box.y + box.height * 0.25, { steps: 12 });
        await page.mouse.up();
        await page.waitForTimeout(400);
      }
      await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-bars')) > 500, chart);
      const n = await loaded();
      expect(n > 500 && n <= long.rows, `after scrolling left ${n} bars are loaded`);
    });

    await check('run a backtest (sma_crossover, first data file) and see its equity curve', async () => {
      await page.click(tid('nav-backtest'));
      // Wait for the strategy list itself, not merely the first option the select renders.
      await page.waitForSelector(`${tid('backtest-strategy')} option[value="sma_crossover"]`, { state: 'attached' }).catch(() => {});
      await page.waitForSelector(`${tid('backtest-dataset')} option`, { state: 'attached' });
      const options = await page.$$eval(`${tid('backtest-strategy')} option`, (os) => os.map((o) => o.value));
      const strategy = options.find((o) => o === 'sma_crossover');
      expect(strategy, `no sma_crossover strategy among ${options.join(', ')}`);
      await page.selectOption(tid('backtest-strategy'), strategy);
      const firstFile = await page.$eval(`${tid('backtest-dataset')} option`, (o) => o.value);
      expect(firstFile, 'no data file to backtest');
      await page.selectOption(tid('backtest-dataset'), firstFile);
      await page.click(tid('run-backtest'));
      await page.waitForSelector(tid('progress-bar'));
      const jobId = await waitForJobCompleted();
      await page.waitForSelector(`${tid('backtest-detail')}[data-job-id="${jobId}"]`);
      await page.waitForSelector(`${tid('backtest-detail')} ${tid('metrics')}`);
      await waitForDrawnCanvas(tid('equity-chart'));
      const points = Number(await page.getAttribute(tid('equity-chart'), 'data-points'));
      expect(points > 1, `equity curve has ${points} points`);
      // The price of the run with its entries and exits marked.
      await waitForDrawnCanvas(tid('trade-chart'));
      const markers = Number(await page.getAttribute(tid('trade-chart'), 'data-markers'));
      expect(markers > 0, `price chart has ${markers} trade markers`);
      const href = await page.getAttribute(tid('export-csv'), 'href');
      expect(/\/api\/backtest\/export\/\?id=/.test(href ?? ''), `export link ${href}`);
      backtestJobId = jobId;
    });

    await check('the dashboard lists the backtest job with its strategy and opens its result', async () => {
      expect(backtestJobId, 'no backtest job from the step before');
      await page.click(tid('nav-dashboard'));
      const row = `${tid('job-row')}[data-job-id="${backtestJobId}"]`;
      await page.waitForSelector(row);
      const subject = await page.textContent(`${row} ${tid('job-subject')}`);
      expect(/sma_crossover/.test(subject ?? ''), `job subject "${subject}"`);
      await page.click(`${row} ${tid('job-result-link')}`);
      await page.waitForURL((u) => u.pathname === '/backtest' && u.searchParams.has('result'));
      await page.waitForSelector(`${tid('backtest-detail')}[data-job-id="${backtestJobId}"]`);
    });

    await check('run a screen (bollinger_breakout, first data file) and see its own top results', async () => {
      await page.click(tid('nav-screening'));
      // The select renders its 'all strategies' option before the strategy list arrives: wait for the list.
      await page.waitForSelector(`${tid('screen-strategy')} option[value="bollinger_breakout"]`, { state: 'attached' }).catch(() => {});
      await page.waitForSelector(`${tid('screen-dataset')} option`, { state: 'attached' });
      const options = await page.$$eval(`${tid('screen-strategy')} option`, (os) => os.map((o) => o.value));
      expect(options.includes('bollinger_breakout'), `no bollinger_breakout among ${options.join(', ')}`);
      await page.selectOption(tid('screen-strategy'), 'bollinger_breakout');
      const firstFile = await page.$eval(`${tid('screen-dataset')} option`, (o) => o.value);
      await page.selectOption(tid('screen-dataset'), firstFile);
      await page.click(tid('run-screen'));
      const jobId = await waitForJobCompleted();
      // The page opens the result the job names (job.result.result_id), not merely the newest.
      await page.waitForSelector(`${tid('screen-detail')}[data-job-id="${jobId}"] ${tid('top-result-row')}`);
      await page.waitForSelector(`${tid('heatmap-card')} ${tid('heatmap-cell')}`);
    });

    // After the runs, so result pages have content. Phone and desktop widths: every page usable (no sideways scrolling of the page itself,
    // the navigation behind a menu button on the phone; at 1440 px no table wider than its card).
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [390, 1440]) {
      await check(`every page at ${width} px`, async () => {
        await page.setViewportSize({ width, height: width < 768 ? 844 : 900 });
        for (const p of pages) {
          if (width < 768) {
            expect(!(await page.isVisible(tid(`nav-${p.name}`))), 'sidebar visible on a phone before the menu is opened');
            await page.click(tid('nav-toggle'));
          }
          await page.click(tid(`nav-${p.name}`));
          await page.waitForURL((u) => u.pathname === p.route);
          await p.ready();
          if (width < 768) expect(!(await page.isVisible(tid(`nav-${p.name}`))), 'menu stays open after navigating');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow <= 1, `${p.name}: page scrolls sideways by ${overflow} px`);
          if (width >= 1024) {
            const clipped = await page.evaluate(() =>
              [...document.querySelectorAll('table')]
                .filter((t) => t.scrollWidth > (t.parentElement?.clientWidth ?? 0) + 1)
                .map((t) => t.getAttribute('data-testid') ?? 'table'),
            );
            expect(clipped.length === 0, `${p.name}: tables wider than their card: ${clipped.join(', ')}`);
          }
          await page.screenshot({ path: path.join(ARTIFACTS, `${width}-${p.name}.png`), fullPage: true });
        }
      });
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    await check('theme toggle persists across a reload', async () => {
      const before = await page.getAttribute(tid('theme-toggle'), 'data-theme');
      await page.click(tid('theme-toggle'));
      await page.reload();
      await page.waitForSelector(tid('theme-toggle'));
      const after = await page.getAttribute(tid('theme-toggle'), 'data-theme');
      expect(after !== before, `theme stayed ${after}`);
      const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
      expect(dark === (after === 'dark'), 'html class does not match the theme');
      await page.click(tid('theme-toggle')); // restore
    });

    // The API docs viewer: swagger-ui served by our server, reading our OpenAPI document and
    // nothing from another origin.
    await check('API docs at /api/docs/ list the operations from /api/schema/', async () => {
      const foreign = [];
      const onRequest = (r) => {
        if (!r.url().startsWith(base + '/') && !r.url().startsWith('data:')) foreign.push(r.url());
      };
      page.on('request', onRequest);
      try {
        const schema = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/schema/' && r.status() === 200);
        await page.goto(base + '/api/docs/');
        await schema;
        await page.waitForSelector('.opblock-summary-path[data-path="/api/backtest/run/"]');
        const paths = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.getAttribute('data-path')));
        expect(paths.length >= 25, `only ${paths.length} operations listed`);
        expect(paths.includes('/api/backtest/results/{id}/'), `no /api/backtest/results/{id}/ among ${paths.join(' ')}`);
        // An operation opens with its response schema (a named component).
        await page.click('.opblock-summary-path[data-path="/api/backtest/results/{id}/"]');
        await page.waitForSelector('.opblock.is-open .responses-wrapper');
        await page.screenshot({ path: path.join(ARTIFACTS, '1440-api-docs.png') });
        expect(foreign.length === 0, `requests to other origins: ${foreign.join(' ')}`);
      } finally {
        page.off('request', onRequest);
      }
      await page.goto(base + '/');
      await page.waitForSelector(tid('kpi-cards'));
    });

    await check('log out lands on /login and the session is gone', async () => {
      await page.click(tid('logout'));
      await page.waitForURL((u) => u.pathname === '/login');
      await page.waitForSelector(tid('login-form'));
      await page.goto(base + '/backtest');
      await page.waitForSelector(tid('login-form'));
      expect(new URL(page.url()).pathname === '/login', `at ${page.url()} after logout`);
    });
  }
} catch (e) {
  failed++;
  console.log(`FAIL runner: ${e.message}`);
} finally {
  await browser.close();
}
finish(failed === 0 && passed > 0 ? 0 : 1);
