import { describe, expect, it, vi, beforeEach } from 'vitest';
import { screen } from '@testing-library/react';

// lightweight-charts needs canvas; record what the components ask of it instead.
const calls = vi.hoisted(() => ({ series: [] as { type: string; pane?: number; data: unknown[] }[], removed: 0, created: 0 }));
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
    createChart: () => {
      calls.created++;
      return {
        addSeries: (d: { type: string }, _o: unknown, pane?: number) => series(d.type, pane),
        panes: () => [{ setStretchFactor: () => {} }, { setStretchFactor: () => {} }, { setStretchFactor: () => {} }],
        timeScale: () => ({ fitContent: () => {} }),
        remove: () => calls.removed++,
      };
    },
  };
});

import { EquityChart } from '../components/EquityChart';
import { PriceChart } from '../components/PriceChart';
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
