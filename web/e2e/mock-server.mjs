#!/usr/bin/env node
// A small stand-in for `aitp serve`: the docs/api.md shapes with fixed, deterministic demo data,
// session + CSRF rules, a per-client rate limit, jobs that go 0 -> 1 over about 2 s, the
// /ws/system/ WebSocket pushing job updates, and (with --static DIR) the built dashboard with
// SPA fallback. For front-end development and the end-to-end test; not a server to deploy.
//
//   node e2e/mock-server.mjs [--port 8000] [--host 127.0.0.1] [--static dist] [--empty]
//   env: MOCK_USER (admin), MOCK_PASSWORD (mock-password-123), MOCK_JOB_MS (2000)

import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOUR = 3600_000;
const TF_MS = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': HOUR, '4h': 4 * HOUR, '1d': 24 * HOUR };
const END = Date.UTC(2025, 0, 1); // fixed "now" of the demo series

// ---------------------------------------------------------------- deterministic series
function hashSeed(s) {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
function rng(seed) {
  let a = seed || 1;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const BASE_PRICE = { 'BTC/USDT': 42000, 'ETH/USDT': 2300, 'SOL/USDT': 95, '^GSPC': 4700, 'EUR/USD': 1.09 };

function makeSeries(exchange, symbol, timeframe, days) {
  const step = TF_MS[timeframe] ?? HOUR;
  const n = Math.max(50, Math.min(20000, Math.round((days * 24 * HOUR) / step)));
  const r = rng(hashSeed(`${exchange}|${symbol}|${timeframe}`));
  const vol = 0.012 * Math.sqrt(step / HOUR) ** 0.5;
  let price = BASE_PRICE[symbol] ?? 100;
  const bars = [];
  for (let i = 0; i < n; i++) {
    const ts = END - (n - i) * step;
    const drift = 0.0004 * Math.sin(i / 180) + 0.0001;
    const ret = drift + vol * (r() + r() + r() - 1.5);
    const open = price;
    const close = open * (1 + ret);
    const high = Math.max(open, close) * (1 + vol * 0.6 * r());
    const low = Math.min(open, close) * (1 - vol * 0.6 * r());
    const volume = 100 + 900 * r() * (1 + Math.abs(ret) * 40);
    bars.push({ timestamp: ts, open, high, low, close, volume });
    price = close;
  }
  return bars;
}

// ---------------------------------------------------------------- indicators (enough for the UI)
function sma(v, n) {
  const out = new Array(v.length).fill(null);
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i];
    if (i >= n) s -= v[i - n];
    if (i >= n - 1) out[i] = s / n;
  }
  return out;
}
function ema(v, n) {
  const out = new Array(v.length).fill(null);
  const k = 2 / (n + 1);
  let e = null;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === null) continue;
    if (e === null) {
      if (i >= n - 1) {
        let s = 0;
        for (let j = i - n + 1; j <= i; j++) s += v[j];
        e = s / n;
        out[i] = e;
      }
      continue;
    }
    e = v[i] * k + e * (1 - k);
    out[i] = e;
  }
  return out;
}
function stdev(v, n) {
  const m = sma(v, n);
  return v.map((_, i) => {
    if (m[i] === null) return null;
    let s = 0;
    for (let j = i - n + 1; j <= i; j++) s += (v[j] - m[i]) ** 2;
    return Math.sqrt(s / n);
  });
}
function rsi(v, n = 14) {
  const out = new Array(v.length).fill(null);
  let g = 0, l = 0;
  for (let i = 1; i < v.length; i++) {
    const d = v[i] - v[i - 1];
    const up = Math.max(d, 0), dn = Math.max(-d, 0);
    if (i <= n) {
      g += up / n;
      l += dn / n;
      if (i === n) out[i] = l === 0 ? 100 : 100 - 100 / (1 + g / l);
    } else {
      g = (g * (n - 1) + up) / n;
      l = (l * (n - 1) + dn) / n;
      out[i] = l === 0 ? 100 : 100 - 100 / (1 + g / l);
    }
  }
  return out;
}
const COLUMNS = [
  'sma_7', 'sma_14', 'sma_21', 'sma_50', 'sma_100', 'sma_200', 'ema_7', 'ema_14', 'ema_21', 'ema_50', 'ema_100', 'ema_200',
  'rsi_14', 'macd', 'macd_signal', 'macd_hist', 'bb_upper', 'bb_mid', 'bb_lower', 'bb_width', 'bb_pct', 'volume_sma_20',
  'volume_ratio', 'returns', 'log_returns',
];
function indicators(bars) {
  const c = bars.map((b) => b.close);
  const vol = bars.map((b) => b.volume);
  const cols = {};
  for (const n of [7, 14, 21, 50, 100, 200]) {
    cols[`sma_${n}`] = sma(c, n);
    cols[`ema_${n}`] = ema(c, n);
  }
  cols.rsi_14 = rsi(c, 14);
  const e12 = ema(c, 12), e26 = ema(c, 26);
  const macd = c.map((_, i) => (e12[i] === null || e26[i] === null ? null : e12[i] - e26[i]));
  const first = macd.findIndex((x) => x !== null);
  const sig = new Array(c.length).fill(null);
  if (first >= 0) ema(macd.slice(first), 9).forEach((x, j) => (sig[first + j] = x));
  cols.macd = macd;
  cols.macd_signal = sig;
  cols.macd_hist = macd.map((m, i) => (m === null || sig[i] === null ? null : m - sig[i]));
  const mid = sma(c, 20), sd = stdev(c, 20);
  cols.bb_mid = mid;
  cols.bb_upper = mid.map((m, i) => (m === null ? null : m + 2 * sd[i]));
  cols.bb_lower = mid.map((m, i) => (m === null ? null : m - 2 * sd[i]));
  cols.bb_width = mid.map((m, i) => (m === null ? null : (4 * sd[i]) / m));
  cols.bb_pct = c.map((x, i) => (mid[i] === null || sd[i] === 0 ? null : (x - cols.bb_lower[i]) / (4 * sd[i])));
  cols.volume_sma_20 = sma(vol, 20);
  cols.volume_ratio = vol.map((v, i) => (cols.volume_sma_20[i] ? v / cols.volume_sma_20[i] : null));
  cols.returns = c.map((x, i) => (i === 0 ? null : x / c[i - 1] - 1));
  cols.log_returns = c.map((x, i) => (i === 0 ? null : Math.log(x / c[i - 1])));
  return cols;
}

// ---------------------------------------------------------------- backtest / screen (toy)
function smaCross(bars, fast, slow, cash = 10000, fees = 0.001, withCurve = true) {
  const c = bars.map((b) => b.close);
  const f = sma(c, fast), s = sma(c, slow);
  let equity = cash, units = 0, entry = null, peak = cash, maxDd = 0;
  const curve = [], trades = [], rets = [];
  let prevEq = cash;
  for (let i = 0; i < bars.length; i++) {
    const want = f[i] !== null && s[i] !== null && f[i] > s[i];
    if (want && units === 0) {
      const fee = equity * fees;
      units = (equity - fee) / c[i];
      entry = { i, price: c[i], fee, value: equity };
      equity -= fee;
    } else if (!want && units > 0) {
      const value = units * c[i];
      const fee = value * fees;
      trades.push({
        entry_time: bars[entry.i].timestamp, exit_time: bars[i].timestamp, side: 'long', entry_price: entry.price,
        exit_price: c[i], size: units, pnl: value - fee - entry.value, fee: entry.fee + fee,
      });
      equity = value - fee;
      units = 0;
    }
    const eq = units > 0 ? units * c[i] : equity;
    peak = Math.max(peak, eq);
    const dd = peak > 0 ? (peak - eq) / peak : 0;
    maxDd = Math.max(maxDd, dd);
    rets.push(eq / prevEq - 1);
    prevEq = eq;
    if (withCurve) curve.push({ timestamp: bars[i].timestamp, equity: eq, drawdown: dd });
  }
  const final = units > 0 ? units * c.at(-1) : equity;
  const mean = rets.reduce((a, b) => a + b, 0) / rets.length;
  const sd = Math.sqrt(rets.reduce((a, b) => a + (b - mean) ** 2, 0) / rets.length);
  const down = Math.sqrt(rets.reduce((a, b) => a + Math.min(b, 0) ** 2, 0) / rets.length);
  const ann = Math.sqrt(365 * 24);
  const wins = trades.filter((t) => t.pnl > 0);
  const gp = wins.reduce((a, t) => a + t.pnl, 0);
  const gl = -trades.filter((t) => t.pnl <= 0).reduce((a, t) => a + t.pnl, 0);
  const metrics = {
    total_return: final / cash - 1,
    sharpe_ratio: sd > 0 ? (mean / sd) * ann : null,
    sortino_ratio: down > 0 ? (mean / down) * ann : null,
    max_drawdown: maxDd,
    win_rate: trades.length ? wins.length / trades.length : null,
    profit_factor: gl > 0 ? gp / gl : null,
    num_trades: trades.length,
    final_value: final,
  };
  return { metrics, equity_curve: curve, trades };
}

// ---------------------------------------------------------------- state
export function createState({ empty = false, jobMs = 2000 } = {}) {
  const st = {
    jobMs,
    files: new Map(), // key -> {exchange,symbol,timeframe,days,bars}
    jobs: [],
    backtests: [],
    screens: [],
    nextBt: 1,
    nextScreen: 1,
    sockets: new Set(),
  };
  if (!empty) {
    for (const [sym, tf, days] of [['BTC/USDT', '1h', 90], ['ETH/USDT', '1h', 90], ['BTC/USDT', '1d', 730], ['^GSPC', '1d', 730]]) {
      addFile(st, 'sample', sym, tf, days);
    }
    const doneJob = (job_type, params, result) => {
      const j = newJob(st, job_type, params);
      Object.assign(j, { status: 'completed', progress: 1, progress_message: 'done', result, started_at: j.created_at, completed_at: j.created_at });
      return j;
    };
    const j1 = doneJob('generate_sample', { symbols: ['BTC/USDT', 'ETH/USDT', '^GSPC'], timeframes: ['1h', '1d'], days: 90 }, { files: 4 });
    const j2 = doneJob('backtest', { exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_cross' }, null);
    j2.result = { result_id: storeBacktest(st, j2.id, 'sample', 'BTC/USDT', '1h', 'sma_cross', { fast: 10, slow: 30 }, 10000, 0.001) };
    const j3 = doneJob('backtest', { exchange: 'sample', symbol: 'ETH/USDT', timeframe: '1h', strategy: 'sma_cross' }, null);
    j3.result = { result_id: storeBacktest(st, j3.id, 'sample', 'ETH/USDT', '1h', 'sma_cross', { fast: 20, slow: 50 }, 10000, 0.001) };
    const j4 = doneJob('screen', { exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_crossover' }, null);
    j4.result = { result_id: storeScreen(st, j4.id, 'sample', 'BTC/USDT', '1h', 'sma_crossover', 0.001) };
    const f = newJob(st, 'backtest', { exchange: 'sample', symbol: 'SOL/USDT', timeframe: '1h', strategy: 'sma_cross' });
    Object.assign(f, { status: 'failed', progress: 0.1, error: 'no data for sample SOL/USDT 1h', completed_at: f.created_at });
    void j1;
  }
  return st;
}

function addFile(st, exchange, symbol, timeframe, days) {
  const bars = makeSeries(exchange, symbol, timeframe, days);
  st.files.set(`${exchange}|${symbol}|${timeframe}`, { exchange, symbol, timeframe, days, bars });
}

function fileInfo(f) {
  const safe = f.symbol.replace(/[/^]/g, '_');
  return {
    exchange: f.exchange, symbol: f.symbol, timeframe: f.timeframe, rows: f.bars.length,
    first: f.bars[0]?.timestamp ?? null, last: f.bars.at(-1)?.timestamp ?? null,
    size_bytes: f.bars.length * 48 + 4096, file: `${f.exchange}/${safe}_${f.timeframe}.parquet`,
  };
}

function quality(f) {
  const issues = f.symbol === '^GSPC' ? ['3 gaps (5 missing bars)'] : [];
  return {
    source: f.exchange, symbol: f.symbol, timeframe: f.timeframe, asset_class: f.symbol.startsWith('^') ? 'equity' : 'crypto',
    rows: f.bars.length, date_range: [new Date(f.bars[0].timestamp).toISOString(), new Date(f.bars.at(-1).timestamp).toISOString()],
    gap_count: issues.length ? 3 : 0, missing_bars: issues.length ? 5 : 0, gaps: [], nan_columns: {},
    price_spike_count: 0, price_spikes: [], open_gap_count: 0, open_gaps: [], zero_volume_count: 0, zero_volume: [],
    ohlc_violation_count: 0, ohlc_violations: [], duplicate_timestamp_count: 0, duplicate_timestamps: [], identical_runs: [],
    is_stale: true, stale_hours: 1234.5, max_stale_hours: 2, passed: issues.length === 0, issues_summary: issues,
  };
}

const iso = (ms = Date.now()) => new Date(ms).toISOString();

function newJob(st, job_type, params) {
  const j = {
    id: crypto.randomUUID().replace(/-/g, ''), job_type, status: 'pending', progress: 0, progress_message: 'queued', params,
    result: null, error: null, created_at: iso(), started_at: null, completed_at: null,
  };
  st.jobs.unshift(j);
  return j;
}

function storeBacktest(st, jobId, exchange, symbol, timeframe, strategy, params, cash, fees) {
  const f = st.files.get(`${exchange}|${symbol}|${timeframe}`);
  const fast = Number(params.fast ?? params.fast_period ?? 10), slow = Number(params.slow ?? params.slow_period ?? 30);
  const r = smaCross(f.bars, Math.max(1, fast), Math.max(2, slow), cash, fees);
  const id = st.nextBt++;
  st.backtests.unshift({ id, job_id: jobId, exchange, symbol, timeframe, strategy, params, created_at: iso(), ...r });
  return id;
}

function storeScreen(st, jobId, exchange, symbol, timeframe, strategy, fees) {
  const f = st.files.get(`${exchange}|${symbol}|${timeframe}`);
  const xs = [5, 10, 15, 20, 25, 30, 40, 50];
  const ys = [20, 30, 50, 75, 100, 150, 200];
  const all = [];
  const z = ys.map((slow) =>
    xs.map((fast) => {
      if (fast >= slow) return null;
      const r = smaCross(f.bars, fast, slow, 10000, fees, false);
      all.push({ params: { fast, slow }, ...r.metrics });
      return r.metrics.sharpe_ratio === null ? null : Math.round(r.metrics.sharpe_ratio * 1000) / 1000;
    }),
  );
  all.sort((a, b) => (b.sharpe_ratio ?? -1e9) - (a.sharpe_ratio ?? -1e9));
  const top = all.slice(0, 10).map(({ params, total_return, sharpe_ratio, max_drawdown, win_rate, profit_factor, num_trades }) => ({
    params, total_return, sharpe_ratio, max_drawdown, win_rate, profit_factor, num_trades,
  }));
  const id = st.nextScreen++;
  st.screens.unshift({
    id, job_id: jobId, exchange, symbol, timeframe, strategy, total_combinations: all.length,
    top_sharpe: top[0]?.sharpe_ratio ?? null, top_return: top[0]?.total_return ?? null, created_at: iso(), top_results: top,
    heatmap: strategy === 'sma_crossover' || strategy === 'all' ? { x_label: 'fast', y_label: 'slow', x: xs, y: ys, z } : null,
  });
  return id;
}

function runJob(st, job, work) {
  const started = Date.now();
  const tick = () => {
    if (job.status === 'cancelled') return;
    const p = Math.min(1, (Date.now() - started) / st.jobMs);
    if (job.status === 'pending') {
      job.status = 'running';
      job.started_at = iso();
    }
    job.progress = Math.round(p * 100) / 100;
    job.progress_message = p < 1 ? `step ${Math.round(p * 20)} of 20` : 'finishing';
    if (p >= 1) {
      try {
        job.result = work();
        job.status = 'completed';
        job.progress_message = 'done';
      } catch (e) {
        job.status = 'failed';
        job.error = String(e?.message ?? e);
      }
      job.completed_at = iso();
      broadcast(st, { type: 'job', job });
      return;
    }
    broadcast(st, { type: 'job', job });
    setTimeout(tick, 100);
  };
  setTimeout(tick, 50);
}

// ---------------------------------------------------------------- WebSocket (server -> client text frames)
function wsFrame(text) {
  const payload = Buffer.from(text);
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.from([0x81, 126, n >> 8, n & 255]) : null;
  if (head) return Buffer.concat([head, payload]);
  const h = Buffer.alloc(10);
  h[0] = 0x81;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(n), 2);
  return Buffer.concat([h, payload]);
}
function broadcast(st, msg) {
  const frame = wsFrame(JSON.stringify(msg));
  for (const s of st.sockets) s.write(frame);
}

// ---------------------------------------------------------------- HTTP
function parseCookies(h = '') {
  const out = {};
  for (const part of h.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
function decodeSymbol(s) {
  const d = decodeURIComponent(s);
  if (d.includes('/') || d.startsWith('^')) return d;
  return d.replace(/[-_]/, '/');
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json' };

export function startMockServer({ port = 8000, host = '127.0.0.1', staticDir = null, empty = false, jobMs = 2000, user, password, quiet = false } = {}) {
  const USER = user ?? process.env.MOCK_USER ?? 'admin';
  const PASSWORD = password ?? process.env.MOCK_PASSWORD ?? 'mock-password-123';
  const st = createState({ empty, jobMs });
  const sessions = new Map(); // token -> {username, csrf}
  const hits = new Map(); // ip -> [timestamps]

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    const send = (status, body, headers = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
      res.end(text);
    };
    const err = (status, msg, headers) => send(status, { error: msg }, headers);
    if (!quiet) res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode}`));

    if (!p.startsWith('/api/') && !p.startsWith('/ws/') && p !== '/metrics') {
      if (!staticDir) return err(404, 'no static files (start with --static dist)');
      let f = path.join(staticDir, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
      if (!f.startsWith(staticDir) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) f = path.join(staticDir, 'index.html');
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(f)] ?? 'application/octet-stream',
        // As strict as a production server would be: the app must not need inline scripts or styles.
        'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
      });
      return fs.createReadStream(f).pipe(res);
    }
    if (p === '/metrics') return send(200, '# mock\nhttp_requests_total 1\n');

    // rate limit (health exempt)
    const ip = req.socket.remoteAddress ?? '';
    if (p !== '/api/health/') {
      const now = Date.now();
      const list = (hits.get(ip) ?? []).filter((t) => now - t < 60_000);
      list.push(now);
      hits.set(ip, list);
      const remaining = Math.max(0, 120 - list.length);
      res.setHeader('X-RateLimit-Limit', '120');
      res.setHeader('X-RateLimit-Remaining', String(remaining));
      res.setHeader('X-RateLimit-Reset', String(Math.ceil((list[0] + 60_000 - now) / 1000)));
      if (list.length > 120) return err(429, 'rate limit exceeded', { 'Retry-After': '60' });
    }

    let body = null;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const raw = Buffer.concat(chunks).toString();
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return err(400, 'malformed JSON');
        }
      }
    }

    const token = parseCookies(req.headers.cookie).aitp_session;
    const sess = token ? sessions.get(token) : null;
    const m = req.method;

    if (p === '/api/health/') return send(200, { status: 'ok' });
    if (p === '/api/auth/status/' && m === 'GET')
      return send(200, sess ? { authenticated: true, username: sess.username, csrf_token: sess.csrf } : { authenticated: false });
    if (p === '/api/auth/login/' && m === 'POST') {
      if (!body || body.username !== USER || body.password !== PASSWORD) return err(401, 'invalid credentials');
      const t = crypto.randomBytes(24).toString('hex');
      const csrf = crypto.randomBytes(16).toString('hex');
      sessions.set(t, { username: USER, csrf });
      return send(200, { username: USER, csrf_token: csrf }, { 'Set-Cookie': `aitp_session=${t}; HttpOnly; SameSite=Lax; Path=/; Max-Age=3600` });
    }
    if (!sess) return err(401, 'authentication required');
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(m) && req.headers['x-csrftoken'] !== sess.csrf) return err(403, 'CSRF token missing or wrong');
    if (p === '/api/auth/logout/' && m === 'POST') {
      sessions.delete(token);
      return send(200, { ok: true }, { 'Set-Cookie': 'aitp_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0' });
    }

    const files = [...st.files.values()];
    const seg = p.split('/').filter(Boolean); // ['api', ...]
    const getFile = (ex, sym, tf) => st.files.get(`${decodeURIComponent(ex)}|${decodeSymbol(sym)}|${decodeURIComponent(tf)}`);

    if (m === 'GET' && p === '/api/dashboard/kpis/') {
      const count = (s) => st.jobs.filter((j) => j.status === s).length;
      return send(200, {
        data_files: files.length, total_bars: files.reduce((a, f) => a + f.bars.length, 0), backtests: st.backtests.length,
        screens: st.screens.length,
        jobs: { pending: count('pending'), running: count('running'), completed: count('completed'), failed: count('failed'), cancelled: count('cancelled') },
      });
    }
    if (m === 'GET' && p === '/api/data/') return send(200, files.map(fileInfo));
    if (m === 'GET' && p === '/api/data/quality/') return send(200, files.map(quality));
    if (m === 'POST' && p === '/api/data/generate-sample/') {
      const syms = body?.symbols, tfs = body?.timeframes;
      if (!Array.isArray(syms) || !syms.length || !Array.isArray(tfs) || !tfs.length) return err(400, 'symbols and timeframes are required');
      if (tfs.some((t) => !TF_MS[t])) return err(400, 'unknown timeframe');
      const days = Number(body.days ?? 90), ex = body.exchange || 'sample';
      const job = newJob(st, 'generate_sample', { symbols: syms, timeframes: tfs, days, exchange: ex });
      runJob(st, job, () => {
        for (const s of syms) for (const t of tfs) addFile(st, ex, s, t, days);
        return { files: syms.length * tfs.length };
      });
      return send(201, { job_id: job.id });
    }
    if (m === 'GET' && seg[1] === 'data' && seg.length === 5) {
      const f = getFile(seg[2], seg[3], seg[4]);
      if (!f) return err(404, 'no such series');
      const limit = Number(url.searchParams.get('limit') ?? 500);
      const bars = f.bars.slice(-limit);
      return send(200, { exchange: f.exchange, symbol: f.symbol, timeframe: f.timeframe, count: bars.length, bars });
    }
    if (m === 'GET' && p === '/api/indicators/')
      return send(200, [
        { name: 'sma', full_name: 'Simple moving average', flavour: 'reference', inputs: ['close'], params: [{ name: 'period', default: 21, min: 1, max: 1000 }], outputs: ['sma'] },
        { name: 'rsi', full_name: 'Relative strength index', flavour: 'reference', inputs: ['close'], params: [{ name: 'period', default: 14, min: 2, max: 1000 }], outputs: ['rsi'] },
      ]);
    if (m === 'GET' && seg[1] === 'indicators' && seg.length === 5) {
      const f = getFile(seg[2], seg[3], seg[4]);
      if (!f) return err(404, 'no such series');
      const limit = Math.max(1, Math.min(5000, Number(url.searchParams.get('limit') ?? 500)));
      const cols = indicators(f.bars);
      const want = url.searchParams.get('indicators')?.split(',').filter(Boolean) ?? COLUMNS;
      const start = Math.max(0, f.bars.length - limit);
      const data = f.bars.slice(start).map((b, k) => {
        const row = { ...b };
        for (const c of want) {
          const v = cols[c]?.[start + k];
          row[c] = v === undefined || v === null || !Number.isFinite(v) ? null : v;
        }
        return row;
      });
      return send(200, { exchange: f.exchange, symbol: f.symbol, timeframe: f.timeframe, count: data.length, columns: want, data });
    }
    if (m === 'GET' && p === '/api/jobs/') {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const status = url.searchParams.get('status'), type = url.searchParams.get('job_type');
      return send(200, st.jobs.filter((j) => (!status || j.status === status) && (!type || j.job_type === type)).slice(0, limit));
    }
    if (seg[1] === 'jobs' && seg.length >= 3) {
      const job = st.jobs.find((j) => j.id === seg[2]);
      if (!job) return err(404, 'no such job');
      if (m === 'GET' && seg.length === 3) return send(200, job);
      if (m === 'POST' && seg[3] === 'cancel') {
        if (job.status === 'pending' || job.status === 'running') {
          job.status = 'cancelled';
          job.completed_at = iso();
          broadcast(st, { type: 'job', job });
        }
        return send(200, job);
      }
    }
    if (m === 'GET' && p === '/api/screening/strategies/')
      return send(200, [
        { name: 'sma_crossover', description: 'Fast/slow simple moving average crossover (long only).', combinations: 49 },
        { name: 'rsi_mean_reversion', description: 'Buy RSI oversold, sell overbought.', combinations: 36 },
        { name: 'bollinger_breakout', description: 'Close above the upper band enters, below the middle exits.', combinations: 24 },
      ]);
    if (m === 'POST' && p === '/api/screening/run/') {
      const f = body && st.files.get(`${body.exchange}|${body.symbol}|${body.timeframe}`);
      if (!f) return err(400, 'unknown series');
      const strategy = body.strategy ?? 'sma_crossover';
      const job = newJob(st, 'screen', body);
      runJob(st, job, () => ({ result_id: storeScreen(st, job.id, f.exchange, f.symbol, f.timeframe, strategy, Number(body.fees ?? 0.001)) }));
      return send(201, { job_id: job.id });
    }
    if (m === 'GET' && p === '/api/screening/results/')
      return send(200, st.screens.slice(0, Number(url.searchParams.get('limit') ?? 50)).map(({ top_results, heatmap, ...rest }) => rest));
    if (m === 'GET' && seg[1] === 'screening' && seg[2] === 'results' && seg.length === 4) {
      const r = st.screens.find((x) => String(x.id) === seg[3]);
      return r ? send(200, r) : err(404, 'no such result');
    }
    if (m === 'GET' && p === '/api/backtest/strategies/')
      return send(200, [
        { name: 'sma_cross', description: 'Long when the fast SMA is above the slow SMA.', params: { fast: 10, slow: 30 } },
        { name: 'rsi_reversion', description: 'Long below RSI 30, flat above 70.', params: { period: 14, lower: 30, upper: 70 } },
      ]);
    if (m === 'POST' && p === '/api/backtest/run/') {
      const f = body && st.files.get(`${body.exchange}|${body.symbol}|${body.timeframe}`);
      if (!f) return err(400, 'unknown series');
      if (!['sma_cross', 'rsi_reversion'].includes(body.strategy)) return err(400, 'unknown strategy');
      const job = newJob(st, 'backtest', body);
      runJob(st, job, () => ({
        result_id: storeBacktest(st, job.id, f.exchange, f.symbol, f.timeframe, body.strategy, body.params ?? { fast: 10, slow: 30 }, Number(body.cash ?? 10000), Number(body.fees ?? 0.001)),
      }));
      return send(201, { job_id: job.id });
    }
    const listItem = ({ equity_curve, trades, params, ...rest }) => rest;
    if (m === 'GET' && p === '/api/backtest/results/')
      return send(200, st.backtests.slice(0, Number(url.searchParams.get('limit') ?? 50)).map(listItem));
    if (m === 'GET' && seg[1] === 'backtest' && seg[2] === 'results' && seg.length === 4) {
      const r = st.backtests.find((x) => String(x.id) === seg[3]);
      return r ? send(200, r) : err(404, 'no such result');
    }
    if (m === 'GET' && p === '/api/backtest/compare/') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      return send(200, st.backtests.filter((b) => ids.includes(String(b.id))).map(listItem));
    }
    if (m === 'GET' && p === '/api/backtest/export/') {
      const r = st.backtests.find((x) => String(x.id) === url.searchParams.get('id'));
      if (!r) return err(404, 'no such result');
      const lines = ['entry_time,exit_time,side,entry_price,exit_price,size,pnl,fee'];
      for (const t of r.trades) lines.push([t.entry_time, t.exit_time, t.side, t.entry_price, t.exit_price, t.size, t.pnl, t.fee].join(','));
      return send(200, lines.join('\n') + '\n', { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="backtest_${r.id}.csv"` });
    }
    return err(404, 'not found');
  });

  server.on('upgrade', (req, socket) => {
    const url = new URL(req.url, 'http://x');
    const token = parseCookies(req.headers.cookie).aitp_session;
    if (url.pathname !== '/ws/system/' || !token || !sessions.has(token) || !req.headers['sec-websocket-key']) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    st.sockets.add(socket);
    socket.write(wsFrame(JSON.stringify({ type: 'hello', server_time: Date.now() })));
    socket.on('data', (buf) => {
      if ((buf[0] & 0x0f) === 0x8) socket.end(Buffer.from([0x88, 0])); // close frame
    });
    const drop = () => st.sockets.delete(socket);
    socket.on('close', drop);
    socket.on('error', drop);
  });

  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({
        server,
        state: st,
        url: `http://${host}:${addr.port}`,
        close: () =>
          new Promise((r) => {
            for (const s of st.sockets) s.destroy();
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

// ---------------------------------------------------------------- CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const staticArg = opt('--static', null);
  const staticDir = staticArg ? path.resolve(staticArg) : null;
  const srv = await startMockServer({
    port: Number(opt('--port', process.env.MOCK_PORT ?? 8000)),
    host: opt('--host', '127.0.0.1'),
    staticDir,
    empty: args.includes('--empty'),
    jobMs: Number(process.env.MOCK_JOB_MS ?? 2000),
    quiet: args.includes('--quiet'),
  });
  console.log(`mock aitp server on ${srv.url} (user ${process.env.MOCK_USER ?? 'admin'}${staticDir ? `, static ${staticDir}` : ''})`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
