import { describe, expect, it, vi, beforeEach } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';

// lightweight-charts needs canvas; record what the components ask of it instead.
const calls = vi.hoisted(() => ({
  series: [] as { type: string; pane?: number; data: unknown[] }[],
  removed: 0,
  created: 0,
  markers: [] as unknown[],
  ranges: [] as ({ from: number; to: number } | 'fit')[],
  onRange: null as ((r: { from: number; to: number } | null) => void) | null,
}));
vi.mock('lightweight-charts', () => {
  const def = (type: string) => ({ type });
  const series = (type: string, pane?: number) => {
    const rec = { type, pane, data: [] as unknown[] };
    calls.series.push(rec);
    return {
      setData: (d: unknown[]) => (rec.data = d),
      createPriceLine: () => ({}),
      priceScale: () => ({ applyOptions: () => {} }),
    };
  };
  return {
    ColorType: { Solid: 'solid' },
    LineSeries: def('Line'),
    AreaSeries: def('Area'),
    CandlestickSeries: def('Candlestick'),
    HistogramSeries: def('Histogram'),
    createSeriesMarkers: (_s: unknown, m: unknown[]) => {
      calls.markers = m;
      return {};
    },
    createChart: () => {
      calls.created++;
      return {
        addSeries: (d: { type: string }, _o: unknown, pane?: number) => series(d.type, pane),
        panes: () => [{ setStretchFactor: () => {} }, { setStretchFactor: () => {} }, { setStretchFactor: () => {} }],
        timeScale: () => ({
          fitContent: () => calls.ranges.push('fit'),
          setVisibleLogicalRange: (r: { from: number; to: number }) => calls.ranges.push(r),
          subscribeVisibleLogicalRangeChange: (f: (r: { from: number; to: number } | null) => void) => (calls.onRange = f),
          unsubscribeVisibleLogicalRangeChange: () => {},
        }),
        subscribeCrosshairMove: () => {},
        unsubscribeCrosshairMove: () => {},
        remove: () => calls.removed++,
      };
    },
  };
});

import { EquityChart } from '../components/EquityChart';
import { PriceChart, readoutItems } from '../components/PriceChart';
import { TradeChart, tradeMarkers } from '../components/TradeChart';
import { chartOptions, keptRange } from '../lib/chart';
import { mergeWindows, prependWindow } from '../lib/bars';
import type { Trade } from '../api/types';
import { renderWith } from './util';

beforeEach(() => {
  calls.series = [];
  calls.removed = 0;
  calls.created = 0;
});

describe('EquityChart', () => {
  const points = [
    { timestamp: 1_700_000_000_000, equity: 10000, drawdown: 0 },
    { timestamp: 1_700_003_600_000, equity: 10100, drawdown: 0 },
    { timestamp: 1_700_007_200_000, equity: 9595, drawdown: 0.05 },
  ];

  it('renders the container with equity and drawdown series', () => {
    const { unmount } = renderWith(<EquityChart points={points} />);
    const el = screen.getByTestId('equity-chart');
    expect(el.getAttribute('data-points')).toBe('3');
    expect(calls.created).toBe(1);
    const [eq, dd] = calls.series;
    expect(eq.type).toBe('Line');
    expect(eq.pane).toBe(0);
    expect(eq.data).toEqual([
      { time: 1_700_000_000, value: 10000 },
      { time: 1_700_003_600, value: 10100 },
      { time: 1_700_007_200, value: 9595 },
    ]);
    expect(dd.type).toBe('Area');
    expect(dd.pane).toBe(1);
    expect((dd.data as { value: number }[]).map((d) => d.value)).toEqual([-0, -0, -5]);
    unmount();
    expect(calls.removed).toBe(1);
  });

  it('drops non-increasing timestamps', () => {
    renderWith(<EquityChart points={[points[0], points[0], points[1]]} />);
    expect(calls.series[0].data).toHaveLength(2);
  });

  it('shows an empty state without points', () => {
    renderWith(<EquityChart points={[]} />);
    expect(screen.queryByTestId('equity-chart')).toBeNull();
    expect(screen.getByTestId('empty')).toBeTruthy();
    expect(calls.created).toBe(0);
  });
});

describe('PriceChart', () => {
  const rows = Array.from({ length: 5 }, (_, i) => ({
    timestamp: 1_700_000_000_000 + i * 3_600_000,
    open: 100 + i,
    high: 102 + i,
    low: 99 + i,
    close: 101 + i,
    volume: 10,
    sma_21: i > 1 ? 100 + i : null,
    rsi_14: 50,
    macd: 1,
    macd_signal: 0.5,
    macd_hist: 0.5,
  }));

  it('puts candles and overlays in pane 0, RSI and MACD in their own panes', () => {
    renderWith(<PriceChart rows={rows} overlays={{ sma: true, ema: false, bb: false, volume: false, rsi: true, macd: true }} />);
    expect(screen.getByTestId('price-chart').getAttribute('data-panes')).toBe('3');
    const types = calls.series.map((s) => `${s.type}@${s.pane}`);
    expect(types[0]).toBe('Candlestick@0');
    expect(types).toContain('Line@1'); // RSI
    expect(types).toContain('Histogram@2'); // MACD histogram
    const sma = calls.series[1];
    expect(sma.data).toHaveLength(3); // nulls skipped
  });
});

// Issue 18 item 6: the Market chart loads older bars on demand.
describe('older bars on demand', () => {
  const H = 3_600_000;
  const bar = (i: number) => ({ timestamp: 1_700_000_000_000 + i * H, open: 1, high: 2, low: 0.5, close: 1.5, volume: 1 });
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => bar(a + k));
  const none = { sma: false, ema: false, bb: false, rsi: false, macd: false, volume: false };

  it('merges windows in time order with one row per timestamp', () => {
    const newest = range(500, 1000);
    const older = range(0, 501); // overlaps the newest window by one bar
    const merged = prependWindow(newest, older);
    expect(merged).toHaveLength(1000);
    expect(merged.map((r) => r.timestamp)).toEqual(range(0, 1000).map((r) => r.timestamp));
    expect(prependWindow(newest, older)[500]).toBe(newest[0]); // the loaded row wins
    expect(mergeWindows([range(10, 20), range(0, 10), range(5, 15)]).map((r) => r.timestamp)).toEqual(range(0, 20).map((r) => r.timestamp));
    expect(mergeWindows([])).toEqual([]);
  });

  it('keeps the same bars in view when older ones are put in front', () => {
    const rows = range(500, 1000);
    expect(keptRange(rows, null, 200)).toEqual({ from: 300, to: 502 });
    expect(keptRange(range(0, 100), null, 200)).toBeNull(); // short series: fit it
    const saved = { range: { from: -2, to: 80 }, first: rows[0].timestamp };
    expect(keptRange(prependWindow(rows, range(0, 500)), saved, 200)).toEqual({ from: 498, to: 580 });
    expect(keptRange(range(2000, 2600), saved, 200)).toEqual({ from: 400, to: 602 }); // another series
  });

  it('asks for older bars when scrolled to the first one, and keeps the view', () => {
    let asked = 0;
    const rows = range(500, 1000);
    function Harness() {
      const [shown, setShown] = useState(rows);
      return (
        <>
          <button type="button" data-testid="prepend" onClick={() => setShown(prependWindow(rows, range(0, 500)))} />
          <PriceChart rows={shown} overlays={none} initialBars={200} onReachStart={() => asked++} />
        </>
      );
    }
    renderWith(<Harness />);
    expect(calls.ranges.at(-1)).toEqual({ from: 300, to: 502 });
    calls.onRange!({ from: 300, to: 502 });
    expect(asked).toBe(0);
    calls.onRange!({ from: 3, to: 205 });
    expect(asked).toBe(1);
    fireEvent.click(screen.getByTestId('prepend'));
    expect(calls.ranges.at(-1)).toEqual({ from: 503, to: 705 });
    expect(screen.getByTestId('price-chart').getAttribute('data-bars')).toBe('1000');
  });
});

describe('price readout and axes', () => {
  const row = { timestamp: Date.UTC(2024, 0, 2, 3), open: 43210.5, high: 43999.25, low: 43000, close: 43500.125, volume: 1234.5, sma_21: 43100.4, rsi_14: 55.5 };
  const none = { sma: false, ema: false, bb: false, rsi: false, macd: false, volume: false };

  it('formats axis prices with thousands separators', () => {
    const fmt = chartOptions('light').localization!.priceFormatter as (p: number) => string;
    expect(fmt(1234567.891)).toBe('1,234,567.89');
    expect(fmt(1.08505)).toBe('1.0851');
    expect(fmt(0.000123)).toBe('0.000123');
  });

  it('reads out OHLC and the indicators that are drawn', () => {
    expect(readoutItems(row, none).slice(1)).toEqual([['O', '43,210.50'], ['H', '43,999.25'], ['L', '43,000.00'], ['C', '43,500.13']]);
    const withInd = Object.fromEntries(readoutItems(row, { ...none, sma: true, rsi: true }));
    expect(withInd.sma_21).toBe('43,100.40');
    expect(withInd.sma_50).toBe('—');
    expect(withInd.rsi_14).toBe('55.50');
    expect(withInd.macd).toBeUndefined();
  });

  it('shows the last bar in the readout before the pointer moves', () => {
    renderWith(<PriceChart rows={[row]} overlays={none} />);
    expect(screen.getByTestId('crosshair-readout').textContent).toContain('43,500.13');
  });
});

describe('TradeChart', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const h = 3_600_000;
  const trade = (entry: number, exit: number | null): Trade => ({
    entry_time: t0 + entry * h,
    exit_time: exit === null ? null : t0 + exit * h,
    side: 'long',
    entry_price: 100,
    exit_price: exit === null ? null : 101,
    size: 1,
    pnl: 1,
    fee: 0,
  });

  it('marks entries below and exits above the bars, only inside the range, in time order', () => {
    const m = tradeMarkers([trade(5, 8), trade(1, 3), trade(9, null), trade(-5, 2)], t0, t0 + 10 * h);
    expect(m.map((x) => [x.time, x.shape])).toEqual([
      [(t0 + h) / 1000, 'arrowUp'],
      [(t0 + 2 * h) / 1000, 'arrowDown'],
      [(t0 + 3 * h) / 1000, 'arrowDown'],
      [(t0 + 5 * h) / 1000, 'arrowUp'],
      [(t0 + 8 * h) / 1000, 'arrowDown'],
      [(t0 + 9 * h) / 1000, 'arrowUp'],
    ]);
  });

  it('draws candles with the markers', () => {
    const rows = Array.from({ length: 11 }, (_, i) => ({ timestamp: t0 + i * h, open: 100, high: 101, low: 99, close: 100.5, volume: 1 }));
    renderWith(<TradeChart rows={rows} trades={[trade(1, 3)]} />);
    expect(screen.getByTestId('trade-chart').getAttribute('data-markers')).toBe('2');
    expect(calls.series[0].type).toBe('Candlestick');
    expect(calls.markers).toHaveLength(2);
  });
});

