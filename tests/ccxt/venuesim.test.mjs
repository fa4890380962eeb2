// SPDX-License-Identifier: MIT
// ccxt (the client most traders use) against `aitp venue-sim`: the simulator must answer an
// independent Binance client the way Binance does. Usage:
//   node tests/ccxt/venuesim.test.mjs path/to/aitp path/to/bars.csv
// Starts the simulator on a free port with the bars as BTC/USDT 1h, points ccxt's `binance`
// class at it and checks markets, OHLCV, ticker, order book, orders, balances and own trades
// against the bar file and the account. Exits 1 on the first failure (also when ccxt is absent).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const [aitp, barsFile] = process.argv.slice(2);
if (!aitp || !barsFile) {
    console.error('usage: node venuesim.test.mjs AITP BARS_CSV');
    process.exit(2);
}

let ccxt;
try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const require = createRequire(path.join(here, 'package.json'));
    ccxt = require('ccxt');
} catch (e) {
    console.error(`FAIL: ccxt is not installed in tests/ccxt (run scripts/bootstrap.sh): ${e.message}`);
    process.exit(1);
}

function check(cond, what) {
    if (!cond) throw new Error(`check failed: ${what}`);
}
function near(a, b, what, tol = 1e-9) {
    check(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} != ${b}`);
}

// The bar file, read independently of aitp: timestamp,open,high,low,close,volume.
const rows = readFileSync(barsFile, 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split(',').map(Number));
const last = rows[rows.length - 1];
const HOUR = 3600000;

const sim = spawn(aitp, ['venue-sim', '--port', '0', '--bars', `BTC/USDT:1h:${barsFile}`],
                  { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('venue-sim did not start in 60 s')), 60000);
    sim.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/^venue-sim listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    sim.on('exit', (code) => reject(new Error(`venue-sim exited with ${code}: ${out}`)));
});

// The default account's documented test credentials (src/venuesim/README.md).
const ex = new ccxt.binance({
    apiKey: 'venuesim-demo-key',
    secret: 'venuesim-demo-secret',
    enableRateLimit: false,
    options: {
        fetchMarkets: { types: ['spot'] },
        fetchCurrencies: false,
        // The simulated clock is not the wall clock: ccxt corrects the difference from /api/v3/time.
        adjustForTimeDifference: true,
        fetchMargins: false,
        defaultType: 'spot',
        recvWindow: 60000,
    },
});
ex.urls.api = { ...ex.urls.api, public: `${base}/api/v3`, private: `${base}/api/v3` };

let failed = false;
try {
    const markets = await ex.loadMarkets();
    check(markets['BTC/USDT'] !== undefined, 'loadMarkets has BTC/USDT');
    check(markets['BTC/USDT'].id === 'BTCUSDT', 'market id');

    // Klines: the last 5 bars, exactly the file's values (the clock starts after the last bar).
    const ohlcv = await ex.fetchOHLCV('BTC/USDT', '1h', undefined, 5);
    check(ohlcv.length === 5, `fetchOHLCV length ${ohlcv.length}`);
    for (let i = 0; i < 5; i++) {
        const want = rows[rows.length - 5 + i];
        for (let j = 0; j < 6; j++) check(ohlcv[i][j] === want[j], `ohlcv[${i}][${j}] ${ohlcv[i][j]} != ${want[j]}`);
    }
    const since = rows[10][0];
    const page = await ex.fetchOHLCV('BTC/USDT', '1h', since, 3);
    check(page.length === 3 && page[0][0] === since && page[2][0] === since + 2 * HOUR, 'fetchOHLCV since');

    const ticker = await ex.fetchTicker('BTC/USDT');
    check(ticker.last === last[4], `ticker last ${ticker.last} != ${last[4]}`);
    check(ticker.bid < ticker.ask, 'ticker bid < ask');
    // The 24 h window holds the last 24 hourly bars.
    const day = rows.slice(-24);
    near(ticker.high, Math.max(...day.map((r) => r[2])), 'ticker high');
    near(ticker.low, Math.min(...day.map((r) => r[3])), 'ticker low');
    near(ticker.open, day[0][1], 'ticker open');
    near(ticker.baseVolume, day.reduce((s, r) => s + r[5], 0), 'ticker volume', 1e-8);

    const book = await ex.fetchOrderBook('BTC/USDT', 10);
    check(book.bids.length === 10 && book.asks.length === 10, 'order book depth 10');
    check(book.bids[0][0] < book.asks[0][0], 'book not crossed');
    for (let i = 1; i < 10; i++) {
        check(book.bids[i][0] < book.bids[i - 1][0] && book.asks[i][0] > book.asks[i - 1][0], 'book sorted');
    }
    check(Math.abs(book.bids[0][0] - last[4]) / last[4] < 0.01, 'book around the last close');

    const before = await ex.fetchBalance();
    check(before.USDT.free === 100000 && before.BTC.free === 10, `initial balance ${JSON.stringify(before.total)}`);

    // A resting limit buy well below the market: NEW, funds locked, listed, then cancelled.
    const bidPrice = Number(ex.priceToPrecision('BTC/USDT', book.bids[0][0] * 0.9));
    const resting = await ex.createOrder('BTC/USDT', 'limit', 'buy', 1, bidPrice);
    check(resting.status === 'open', `limit order status ${resting.status}`);
    const fetched = await ex.fetchOrder(resting.id, 'BTC/USDT');
    check(fetched.id === resting.id && fetched.price === bidPrice && fetched.amount === 1, 'fetchOrder');
    const open = await ex.fetchOpenOrders('BTC/USDT');
    check(open.length === 1 && open[0].id === resting.id, 'fetchOpenOrders');
    const locked = await ex.fetchBalance();
    near(locked.USDT.used, bidPrice, 'locked quote');
    near(locked.USDT.free, 100000 - bidPrice, 'free quote');
    const cancelled = await ex.cancelOrder(resting.id, 'BTC/USDT');
    check(cancelled.status === 'canceled', `cancel status ${cancelled.status}`);
    check((await ex.fetchOpenOrders('BTC/USDT')).length === 0, 'no open orders after cancel');

    // A market buy of 0.5 BTC: filled against the asks; balances move by the fills and the fee.
    const ask = (await ex.fetchOrderBook('BTC/USDT', 5)).asks;
    const market = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.5);
    check(market.status === 'closed' && market.filled === 0.5, `market order ${market.status} ${market.filled}`);
    let cost = 0;
    let left = 0.5;
    for (const [p, q] of ask) { const take = Math.min(left, q); cost += take * p; left -= take; if (left <= 1e-12) break; }
    near(market.cost, cost, 'market cost against the book', 1e-9);
    const trades = await ex.fetchMyTrades('BTC/USDT');
    check(trades.length >= 1 && trades.every((t) => t.order === market.id && t.side === 'buy'), 'fetchMyTrades');
    near(trades.reduce((s, t) => s + t.amount, 0), 0.5, 'traded amount');
    const after = await ex.fetchBalance();
    near(after.BTC.free, 10 + 0.5 * (1 - 0.001), 'BTC after buy (fee in BTC)');
    near(after.USDT.free, 100000 - cost, 'USDT after buy', 1e-9);

    // A limit sell at the bid with IOC takes liquidity at once.
    const bid = (await ex.fetchOrderBook('BTC/USDT', 5)).bids[0];
    const sell = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.1, bid[0], { timeInForce: 'IOC' });
    check(sell.status === 'closed' && sell.filled === Math.min(0.1, bid[1]), `IOC sell ${sell.status} ${sell.filled}`);
    console.log(`venuesim ccxt: OK (${Object.keys(markets).length} market, ${ohlcv.length} klines, market buy cost ${cost.toFixed(4)})`);
} catch (e) {
    failed = true;
    console.error(`FAIL: ${e.stack || e}`);
} finally {
    sim.kill('SIGTERM');
}
const code = await new Promise((resolve) => sim.on('exit', (c) => resolve(c)));
if (code !== 0) { console.error(`FAIL: venue-sim exited with ${code} after SIGTERM`); failed = true; }
process.exit(failed ? 1 : 0);
