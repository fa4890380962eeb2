// SPDX-License-Identifier: MIT
// Prints, as JSON, the signed requests ccxt (the pinned 4.5.84, tests/ccxt/node_modules) builds
// for fixed keys, secrets, parameters and timestamps/nonces: Binance spot (query signature),
// Kraken (API-Sign) and Bybit v5 (X-BAPI-SIGN). ccxt's nonce is pinned and its sign() called
// directly, so nothing goes to the network. ExchangeTest.CcxtSignaturesEqualOurs compares
// each with aitp::exchange's signing functions byte for byte.
let ccxt;
try {
    ccxt = (await import('ccxt')).default;
} catch (e) {
    console.error('ccxt is not installed in tests/ccxt/node_modules: run scripts/bootstrap.sh');
    process.exit(3);
}

// Binance's documented example key and secret; Kraken's documented example secret.
const BINANCE_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const BINANCE_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const KRAKEN_KEY = 'kraken-api-key';
const KRAKEN_SECRET =
    'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
const BYBIT_KEY = 'XXXXXXXXXX';
const BYBIT_SECRET = 'YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY';
const TIMESTAMP = 1499827319559;
const KRAKEN_NONCE = 1616492376594;
const BYBIT_TIMESTAMP = 1658384314791;

function pinned(Cls, apiKey, secret, nonce) {
    const ex = new Cls({ apiKey, secret });
    ex.nonce = () => nonce;
    ex.milliseconds = () => nonce;
    return ex;
}

function querySignature(query) {
    const at = query.lastIndexOf('&signature=');
    return { payload: query.slice(0, at), signature: query.slice(at + '&signature='.length) };
}

const out = { ccxt_version: ccxt.version };

{
    const ex = pinned(ccxt.binance, BINANCE_KEY, BINANCE_SECRET, TIMESTAMP);
    const post = ex.sign('order', 'private', 'POST', {
        symbol: 'LTCBTC', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1',
        price: '0.1', newClientOrderId: 'myOrder1', recvWindow: 5000,
    });
    const get = ex.sign('account', 'private', 'GET', { omitZeroBalances: 'true' });
    const getQuery = get.url.slice(get.url.indexOf('?') + 1);
    out.binance_post = { ...querySignature(post.body), api_key: post.headers['X-MBX-APIKEY'] };
    out.binance_get = { ...querySignature(getQuery), api_key: get.headers['X-MBX-APIKEY'] };
}

{
    const ex = pinned(ccxt.kraken, KRAKEN_KEY, KRAKEN_SECRET, KRAKEN_NONCE);
    const r = ex.sign('AddOrder', 'private', 'POST', {
        ordertype: 'limit', pair: 'XBTUSD', price: '37500', type: 'buy', volume: '1.25',
    });
    out.kraken = {
        path: new URL(r.url).pathname, nonce: String(KRAKEN_NONCE), body: r.body,
        api_sign: r.headers['API-Sign'], api_key: r.headers['API-Key'],
    };
}

{
    const ex = pinned(ccxt.bybit, BYBIT_KEY, BYBIT_SECRET, BYBIT_TIMESTAMP);
    const get = ex.sign('v5/order/realtime', 'private', 'GET', { category: 'spot', symbol: 'BTCUSDT' });
    const post = ex.sign('v5/order/create', 'private', 'POST', {
        category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.01',
        price: '25000', timeInForce: 'GTC',
    });
    const h = (r) => ({
        timestamp: r.headers['X-BAPI-TIMESTAMP'], api_key: r.headers['X-BAPI-API-KEY'],
        recv_window: r.headers['X-BAPI-RECV-WINDOW'], sign: r.headers['X-BAPI-SIGN'],
    });
    out.bybit_get = { ...h(get), payload: get.url.slice(get.url.indexOf('?') + 1) };
    out.bybit_post = { ...h(post), payload: post.body };
}

process.stdout.write(JSON.stringify(out, null, 2) + '\n');
