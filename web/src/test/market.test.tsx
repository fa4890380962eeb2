import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { render } from '@testing-library/react';
import { DownloadCard } from '../pages/Data';
import { WatchlistCard } from '../pages/Dashboard';
import { ExchangeHealthBadge, Sparkline, healthLevel, healthTooltip } from '../components/Market';
import { appendHistory, SPARK_POINTS } from '../lib/tickers';
import { setCsrfToken } from '../api/client';
import type { Ticker, VenueHealth } from '../api/types';
import { mockFetch, renderWith } from './util';

const HEALTH: VenueHealth = {
  venue: 'binance',
  available: true,
  breaker: 'closed',
  requests: 10,
  failures: 0,
  retries: 0,
  rate_limited: 0,
  last_latency_ms: 42,
  latency_p50_ms: 40,
  latency_p99_ms: 90,
  last_success_ms: 2000,
  last_error_ms: 0,
  last_error: '',
};

const ticker = (symbol: string, last: number, change: number): Ticker => ({
  symbol,
  ts: 1,
  last,
  bid: last,
  ask: last,
  open_24h: last,
  high_24h: last,
  low_24h: last,
  volume_24h: 1,
  change_pct_24h: change,
});

describe('exchange health', () => {
  it('is green when every venue is closed and answering, amber after a failure, red when open or unreachable', () => {
    expect(healthLevel([])).toBe('none');
    expect(healthLevel([HEALTH])).toBe('green');
    expect(healthLevel([{ ...HEALTH, last_error_ms: 3000, last_error: 'HTTP 503' }])).toBe('amber');
    expect(healthLevel([{ ...HEALTH, breaker: 'half_open' }])).toBe('amber');
    expect(healthLevel([HEALTH, { ...HEALTH, venue: 'kraken', breaker: 'open' }])).toBe('red');
    expect(healthLevel([{ ...HEALTH, available: false }])).toBe('red');
    expect(healthTooltip([{ ...HEALTH, last_error: 'HTTP 503' }])).toBe('binance: breaker closed, 42 ms — last error: HTTP 503');
    expect(healthTooltip([{ ...HEALTH, available: false, last_error: 'no adapter' }])).toBe('binance: unreachable — last error: no adapter');
  });

  it('badge shows the level and the last error in its tooltip', async () => {
    mockFetch({ 'GET /api/exchange/health/': { body: [{ ...HEALTH, breaker: 'open', last_error: 'connection refused' }] } });
    renderWith(<ExchangeHealthBadge />);
    await waitFor(() => expect(screen.getByTestId('exchange-health').dataset.level).toBe('red'));
    expect(screen.getByTestId('exchange-health').title).toContain('connection refused');
    expect(screen.getByTestId('exchange-health').textContent).toBe('Exchange down');
  });
});

describe('sparkline', () => {
  it('draws one point per price and nothing for a single price', () => {
    const { container, unmount } = render(<Sparkline values={[1, 3, 2]} width={10} height={12} />);
    // x spread over the width; the highest price at the top (y = 1), the lowest at the bottom (y = 11).
    expect(container.querySelector('polyline')?.getAttribute('points')).toBe('0.0,11.0 5.0,1.0 10.0,6.0');
    unmount();
    render(<Sparkline values={[5]} />);
    expect(screen.getByTestId('sparkline-empty')).toBeTruthy();
  });

  it('keeps the last SPARK_POINTS prices per symbol', () => {
    let h: Record<string, number[]> = {};
    for (let i = 0; i < SPARK_POINTS + 5; i++) h = appendHistory(h, [ticker('BTC/USDT', i, 0)]);
    expect(h['BTC/USDT']).toHaveLength(SPARK_POINTS);
    expect(h['BTC/USDT'][0]).toBe(5);
    expect(h['BTC/USDT'][SPARK_POINTS - 1]).toBe(SPARK_POINTS + 4);
  });
});

describe('watchlist card', () => {
  it('says the venue is unreachable instead of spinning', async () => {
    mockFetch({ 'GET /api/market/watchlist/crypto/tickers/': { status: 502, body: { error: 'kraken unreachable: connection refused' } } });
    renderWith(<WatchlistCard />);
    const msg = await screen.findByTestId('watchlist-unreachable');
    expect(msg.textContent).toContain('Venue unreachable');
    expect(msg.textContent).toContain('connection refused');
  });

  it('shows prices from REST, then the pushed ones with a growing sparkline', async () => {
    const sockets: { onmessage?: (ev: { data: string }) => void; onopen?: () => void; close: () => void }[] = [];
    class FakeSocket {
      onmessage?: (ev: { data: string }) => void;
      onopen?: () => void;
      onclose?: () => void;
      constructor(public url: string) {
        sockets.push(this);
      }
      close() {}
    }
    vi.stubGlobal('WebSocket', FakeSocket);
    mockFetch({
      'GET /api/market/watchlist/crypto/tickers/': {
        body: { source: 'kraken', watchlist: 'crypto', tickers: [ticker('BTC/USDT', 100, 1.5), ticker('ETH/USDT', 50, -2)] },
      },
    });
    renderWith(<WatchlistCard />);
    expect(await screen.findAllByTestId('ticker-row')).toHaveLength(2);
    expect(screen.getAllByTestId('ticker-change').map((e) => e.textContent)).toEqual(['+1.50 %', '-2.00 %']);
    expect((sockets[0] as unknown as { url: string }).url).toContain('/ws/market/tickers/');
    act(() => {
      sockets[0].onmessage?.({
        data: JSON.stringify({ type: 'tickers', watchlist: 'crypto', source: 'kraken', tickers: [ticker('BTC/USDT', 101, 2.5), ticker('ETH/USDT', 49, -3)] }),
      });
    });
    await waitFor(() => expect(screen.getAllByTestId('ticker-change')[0].textContent).toBe('+2.50 %'));
    expect(screen.getAllByTestId('sparkline')).toHaveLength(2);
  });
});

describe('download card', () => {
  it('starts the job and lists each series with its outcome', async () => {
    setCsrfToken('t');
    const job = {
      id: 'j1',
      job_type: 'download',
      status: 'completed',
      progress: 1,
      result: {
        source: 'binance',
        failed: 1,
        new_bars: 48,
        series: [
          { symbol: 'BTC/USDT', timeframe: '1h', status: 'ok', new_bars: 48, fetched: 48, pages: 1, first: 1, last: 1_767_222_000_000, gaps: 0 },
          { symbol: 'ETH/USDT', timeframe: '1h', status: 'error', new_bars: 0, fetched: 0, pages: 0, first: 0, last: 0, gaps: 0, error: 'binance ETH/USDT 1h: HTTP 503' },
        ],
      },
    };
    const { calls } = mockFetch({
      'POST /api/data/download/': { status: 202, body: { job_id: 'j1' } },
      'GET /api/jobs/j1/': { body: job },
    });
    renderWith(<DownloadCard />);
    fireEvent.change(screen.getByTestId('dl-symbols'), { target: { value: 'BTC/USDT, ETH/USDT' } });
    fireEvent.change(screen.getByTestId('dl-since'), { target: { value: '2024-01-01' } });
    fireEvent.click(screen.getByTestId('run-download'));
    const rows = await screen.findAllByTestId('download-row');
    expect(rows.map((r) => r.dataset.status)).toEqual(['ok', 'error']);
    expect(rows[1].textContent).toContain('HTTP 503');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ source: 'binance', symbols: ['BTC/USDT', 'ETH/USDT'], timeframes: ['1h'], since: '2024-01-01' });
  });

  it('refuses more than 50 symbols before asking the server', async () => {
    const { calls } = mockFetch({});
    renderWith(<DownloadCard />);
    const many = Array.from({ length: 51 }, (_, i) => `S${i}/USDT`).join(',');
    fireEvent.change(screen.getByTestId('dl-symbols'), { target: { value: many } });
    fireEvent.click(screen.getByTestId('run-download'));
    expect(await screen.findByText('At most 50 symbols per download.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
